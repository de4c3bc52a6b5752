"""The shipped German pipeline, loaded once for the whole nlp test package."""

from __future__ import annotations

import pytest
from spacy.language import Language

from quellenlage.nlp import load


@pytest.fixture(scope="session")
def nlp_de() -> Language:
    return load("de")
