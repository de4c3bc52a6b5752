"""German attribution: parse-based rules, split by phase.

The modules import each other in one direction only, in the order the rules run:
``vocabulary``/``cues``/``speakers``/``resolve``/``units`` (word lists, cue and source
lookups, pronoun and description resolution, units of analysis) < ``grammar`` < ``state`` < ``marks`` < ``roles`` < ``content`` <
``according`` < ``frames`` < ``claims`` < ``headings`` < ``document``. ``extract_document`` is the entry,
registered for "de" in :mod:`quellenlage.claims.languages`.
"""

from __future__ import annotations

from quellenlage.claims.german.document import extract_document

__all__ = ["extract_document"]
