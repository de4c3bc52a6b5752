"""Fixtures for the claims tests: the shipped German pipeline (skip when it is not built)."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc


@pytest.fixture(scope="session")
def claims_nlp() -> Language:
    from quellenlage.nlp import ModelNotFoundError, load

    try:
        return load("de")
    except ModelNotFoundError as error:
        pytest.skip(f"German pipeline not built: {error}")


@pytest.fixture
def parse(claims_nlp: Language):
    def run(text: str) -> Doc:
        return claims_nlp(text)

    return run
