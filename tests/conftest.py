"""Shared fixtures: one real pipeline per test session (never a mocked one)."""

from __future__ import annotations

from pathlib import Path

import pytest

import diplomacy_nlp as dn

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_0855f98d2040f76b.txt"


@pytest.fixture(scope="session")
def nlp():
    return dn.load()


@pytest.fixture(scope="session")
def seed_result(nlp):
    return next(dn.extract_corpus(SEED, nlp=nlp))


def by_label(result):
    return {a.label: a for a in result.actors}
