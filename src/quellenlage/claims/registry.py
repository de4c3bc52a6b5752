"""The one registry of attribution implementations, one per analysed language.

A language registers a function ``attribute(doc, settings) -> list[records.Claim]``; the
``attribution`` pipeline component (:mod:`quellenlage.claims.component`) looks it up by
``doc.lang_``. ``settings`` is an :class:`AttributionSettings` built from the component's
config, so a setting changed in the pipeline config reaches every language alike.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc

from quellenlage.records import Claim


@dataclass(frozen=True)
class AttributionSettings:
    """What the ``[components.attribution]`` config says, plus the document being read."""

    include_assertions: bool = True
    document_id: int | None = None


Attribute = Callable[[Doc, AttributionSettings], list[Claim]]
_REGISTRY: dict[str, Attribute] = {}


def register_attribution(lang: str) -> Callable[[Attribute], Attribute]:
    """Decorator: ``@register_attribution("de") def attribute(doc, settings): ...``."""

    def register(func: Attribute) -> Attribute:
        _REGISTRY[lang] = func
        return func

    return register


def attribution_for(lang: str) -> Attribute:
    """The attribution function of ``lang`` (``LookupError`` when none is registered)."""
    _load_builtin()
    try:
        return _REGISTRY[lang]
    except KeyError:
        raise LookupError(
            f"no attribution for language {lang!r}; registered: {', '.join(sorted(_REGISTRY))}"
        ) from None


def _load_builtin() -> None:
    # The built-in languages register themselves on import (kept lazy: importing the
    # registry must not pull in every language's rules).
    from quellenlage.claims import languages  # noqa: F401
