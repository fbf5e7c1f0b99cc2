"""The ratchet: on PolNeAR dev no tracked figure may fall more than 0.01 below tests/data/ratchet.json.

When a change raises the figures, raise them in ratchet.json too, so they stay raised.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from quotes.dev.evaluate import evaluate

RATCHET = Path(__file__).resolve().parent / "data" / "ratchet.json"
TOLERANCE = 0.01
FIGURES = ("strict_f1", "lenient_f1", "speaker_accuracy", "cue_accuracy", "end_to_end_f1")


@pytest.fixture(scope="module")
def recorded() -> dict[str, float]:
    return json.loads(RATCHET.read_text(encoding="utf-8"))["polnear_dev"]


@pytest.fixture(scope="module")
def measured(polnear_dir, nlp) -> dict[str, float | None]:
    """One parse of PolNeAR dev (about 20 s), shared by every figure."""
    report = evaluate(polnear_dir / "dev.jsonl", polnear_dir / "texts" / "dev", nlp)
    assert not report.problems, [str(p) for p in report.problems]
    return report.scores.headline()


@pytest.mark.parametrize("figure", FIGURES)
def test_figure_does_not_fall(figure, measured, recorded):
    assert measured[figure] is not None, f"{figure}: nothing to measure on PolNeAR dev"
    assert measured[figure] >= recorded[figure] - TOLERANCE, (
        f"{figure} fell to {measured[figure]:.4f}, below {recorded[figure]:.4f} recorded in {RATCHET}")
