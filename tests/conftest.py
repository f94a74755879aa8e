"""Shared fixtures: models are loaded once per test session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    """The spaCy pipeline, loaded once."""
    from atodds.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def knowledge():  # type: ignore[no-untyped-def]
    """The packaged side knowledge."""
    from atodds.attribute import load_knowledge

    return load_knowledge()


@pytest.fixture(scope="session")
def shared() -> Path:
    """The ../shared folder beside the repo (skips when absent)."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the repo")
    return SHARED
