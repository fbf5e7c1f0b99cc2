"""The hand-checked name gold for PolNeAR dev (tests/data/names-dev.jsonl, issue 9): its format and coverage."""
from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

NAMES_GOLD = Path(__file__).resolve().parent / "data" / "names-dev.jsonl"
SCORE_PY = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "score.py"
DEV_FIELDS = ("start", "end", "text", "speaker_start", "speaker_end", "speaker_text",
              "cue_start", "cue_end", "cue_text")


@pytest.fixture(scope="module")
def names_gold() -> list[dict]:
    with NAMES_GOLD.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


@pytest.fixture(scope="module")
def dev_gold(polnear_dir) -> dict[str, list[dict]]:
    with (polnear_dir / "dev.jsonl").open(encoding="utf-8") as lines:
        return {d["doc"]: d["quotes"] for d in map(json.loads, lines)}


def test_the_file_parses_with_one_object_per_article(names_gold):
    docs = [d["doc"] for d in names_gold]
    assert len(docs) == len(set(docs))
    for article in names_gold:
        assert set(article) == {"doc", "quotes"}
        assert isinstance(article["quotes"], list) and article["quotes"]


def test_at_least_40_articles_from_all_seven_publishers(names_gold):
    assert len(names_gold) >= 40
    publishers = Counter(d["doc"].split("_")[0] for d in names_gold)
    assert len(publishers) == 7
    assert min(publishers.values()) >= 5


def test_every_quote_of_a_chosen_article_is_there_unchanged(names_gold, dev_gold):
    for article in names_gold:
        assert article["doc"] in dev_gold, article["doc"]
        dev = dev_gold[article["doc"]]
        assert len(article["quotes"]) == len(dev), article["doc"]
        for ours, theirs in zip(article["quotes"], dev):
            assert {k: ours[k] for k in DEV_FIELDS} == {k: theirs[k] for k in DEV_FIELDS}, article["doc"]
            assert set(ours) - set(DEV_FIELDS) <= {"speaker_name", "aliases"}


def test_quotes_with_a_speaker_span_have_a_name_and_only_they(names_gold):
    for article in names_gold:
        for quote in article["quotes"]:
            where = (article["doc"], quote["start"])
            if quote["speaker_start"] is None:
                assert "speaker_name" not in quote and "aliases" not in quote, where
                continue
            name = quote["speaker_name"]
            assert isinstance(name, str) and name.strip() == name and name, where
            aliases = quote["aliases"]
            assert isinstance(aliases, list), where
            assert all(isinstance(a, str) and a.strip() for a in aliases), where
            folded = [a.casefold() for a in aliases]
            assert name.casefold() not in folded and len(set(folded)) == len(folded), where


def test_one_name_per_person_within_an_article(names_gold):
    """Every quote that names the same person in an article carries the same aliases."""
    for article in names_gold:
        aliases: dict[str, list[str]] = {}
        for quote in article["quotes"]:
            if "speaker_name" in quote:
                assert aliases.setdefault(quote["speaker_name"], quote["aliases"]) == quote["aliases"]


def test_score_py_reads_it_and_gold_names_score_one(names_gold, polnear_dir, tmp_path):
    if not SCORE_PY.exists():
        pytest.skip(f"the shared scorer is not at {SCORE_PY} (it lives in ../shared, outside the project)")
    predicted = tmp_path / "pred.jsonl"
    with predicted.open("w", encoding="utf-8") as out:
        for article in names_gold:
            for q in article["quotes"]:
                out.write(json.dumps({
                    "doc": article["doc"], "start": q["start"], "end": q["end"], "text": q["text"],
                    "speaker": q.get("speaker_name"),
                    "speaker_start": q["speaker_start"], "speaker_end": q["speaker_end"],
                    "cue_start": q["cue_start"], "cue_end": q["cue_end"]}) + "\n")
    run = subprocess.run([sys.executable, str(SCORE_PY), str(NAMES_GOLD), str(predicted), "--json",
                          "--texts", str(polnear_dir / "texts" / "dev")],
                         capture_output=True, text=True, check=True)
    figures = json.loads(run.stdout)
    named = sum("speaker_name" in q for a in names_gold for q in a["quotes"])
    assert figures["docs"] == len(names_gold)
    assert figures["texts_found"] == len(names_gold)
    assert figures["name_accuracy"] == {"accuracy": 1.0, "correct": named, "n": named}
    assert figures["strict"]["f1"] == 1.0
