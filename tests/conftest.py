"""Shared fixtures: the real spaCy pipeline, the seeds, and the shared gold where present."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"
SEEDS_GOLD = Path(__file__).resolve().parent / "data" / "seeds_gold.jsonl"


@pytest.fixture(scope="session")
def nlp():
    """The English pipeline with the quotes component, loaded once per test run."""
    from quotes.extract import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def seeds_gold() -> dict[str, list[dict]]:
    """Hand-checked gold for the seeds, by doc name (a copy of ../shared/eval/seeds.jsonl)."""
    with SEEDS_GOLD.open(encoding="utf-8") as lines:
        return {d["doc"]: d["quotes"] for d in map(json.loads, lines)}


@pytest.fixture(scope="session")
def polnear_dir() -> Path:
    path = SHARED / "eval" / "polnear"
    if not (path / "dev.jsonl").exists():
        pytest.skip(f"PolNeAR gold not found at {path} (it lives in ../shared, outside the project)")
    return path
