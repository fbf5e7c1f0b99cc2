"""Our scorer against hand-computed figures and against the shared score.py, on tiny articles."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from quotes.evaluate import GoldError, format_scores, load_gold, match_spans, score, trim

SCORE_PY = Path(__file__).resolve().parents[2] / "shared" / "eval" / "score.py"

TEXTS = {
    "a.txt": 'Smith said "We will win." He added: "It is over," and left. '
             'So-called "experts" disagree.\n',
    "b.txt": 'Vote "Now"\n\n"Yes," Jones said. "No."\n',
}


def span(doc: str, inner: str, nth: int = 0) -> tuple[int, int]:
    """Offsets of the ``nth`` occurrence of ``inner`` in a test article."""
    start = -1
    for _ in range(nth + 1):
        start = TEXTS[doc].index(inner, start + 1)
    return start, start + len(inner)


def gold_quote(doc: str, inner: str, speaker: str | None = None, cue: str | None = None,
               **extra) -> dict:
    start, end = span(doc, inner)
    quote = {"start": start, "end": end, "text": inner,
             "speaker_start": None, "speaker_end": None, "speaker_text": speaker,
             "cue_start": None, "cue_end": None, "cue_text": cue, **extra}
    if speaker:
        quote["speaker_start"], quote["speaker_end"] = span(doc, speaker)
    if cue:
        quote["cue_start"], quote["cue_end"] = span(doc, cue)
    return quote


def prediction(doc: str, inner: str, speaker: str | None = None, cue: str | None = None,
               name: str | None = None, nth: int = 0) -> dict:
    start, end = span(doc, inner, nth)
    record = {"doc": doc, "start": start, "end": end, "text": inner, "speaker": name or speaker,
              "speaker_start": None, "speaker_end": None, "cue": cue,
              "cue_start": None, "cue_end": None}
    if speaker:
        record["speaker_start"], record["speaker_end"] = span(doc, speaker)
    if cue:
        record["cue_start"], record["cue_end"] = span(doc, cue)
    return record


GOLD = {
    "a.txt": [
        gold_quote("a.txt", "We will win.", "Smith", "said",
                   speaker_name="John Smith", aliases=["Smith"]),
        gold_quote("a.txt", "It is over,", "He", "added", speaker_name="John Smith", aliases=[]),
    ],
    "b.txt": [
        gold_quote("b.txt", "Now"),
        gold_quote("b.txt", "Yes,", "Jones", "said", speaker_name="Ann Jones", aliases=[]),
        gold_quote("b.txt", "No."),
    ],
}

PREDICTIONS = [
    prediction("a.txt", '"We will win."', "Smith", "said", name="Smith"),  # strict (marks trimmed)
    prediction("a.txt", "It is", "Smith", None, name="John Smith"),  # lenient, wrong speaker, no cue
    prediction("a.txt", "experts"),  # false positive
    prediction("b.txt", "Yes", "Jones", "said", name="Jones"),  # strict (comma trimmed)
    {**prediction("b.txt", "No."), "doc": "b"},  # strict, doc named without .txt
    {"doc": "elsewhere.txt", "start": 0, "end": 3},  # not in the gold: counted apart
]


@pytest.fixture()
def scores():
    return score(GOLD, PREDICTIONS, TEXTS)


def test_quote_figures_by_hand(scores):
    assert (scores.gold_count, scores.predicted_count) == (5, 5)
    assert (scores.strict.tp, scores.lenient.tp, scores.end_to_end.tp) == (3, 4, 3)
    assert scores.strict.precision == scores.strict.recall == scores.strict.f1 == pytest.approx(0.6)
    assert scores.lenient.f1 == pytest.approx(0.8)


def test_attribution_figures_by_hand(scores):
    # Lenient matches with a gold speaker: "We will win." (right), "It is over," (Smith for He), "Yes," (right).
    assert (scores.speaker.correct, scores.speaker.n) == (2, 3)
    assert (scores.cue.correct, scores.cue.n) == (2, 3)
    # Names: "Smith" is an alias of John Smith; "John Smith" is right although the mention is not;
    # "Jones" is not an alias of Ann Jones.
    assert (scores.name.correct, scores.name.n) == (2, 3)
    assert scores.unknown_docs == {"elsewhere.txt": 1}


def test_errors_are_listed_per_document(scores):
    a, b = scores.documents
    assert [p.text for p in a.false_positives()] == ["experts"]
    assert [q.text for q in b.misses()] == ["Now"]


def test_headline_has_the_five_tracked_figures(scores):
    assert scores.headline() == pytest.approx({
        "strict_f1": 0.6, "lenient_f1": 0.8, "speaker_accuracy": 2 / 3,
        "cue_accuracy": 2 / 3, "end_to_end_f1": 0.6})


def test_no_name_accuracy_without_gold_names():
    gold = {"b.txt": [gold_quote("b.txt", "Yes,", "Jones", "said")]}
    scores = score(gold, [prediction("b.txt", "Yes,", "Jones", "said")], TEXTS)
    assert scores.name is None
    assert "name_accuracy" not in scores.as_dict()
    assert scores.end_to_end.f1 == 1.0


def test_one_prediction_matches_one_gold_quote_only():
    """A prediction covering two gold quotes is paired with the one it overlaps most."""
    text = '"Ab cd ef," he said, "gh."'
    gold = [(1, 10), (21, 24)]
    assert match_spans(gold, [(0, 25)], gold, [trim((0, 25), text)]) == ([], [(0, 0)])


def test_trimming_makes_marks_and_punctuation_irrelevant():
    assert trim((10, 18), '“Yes…” \u200b') == (11, 14)
    assert trim((0, 3), '"."') == (0, 3)  # nothing left: kept as is
    assert trim((0, 5), "abc") == (0, 5)  # text of another length: kept as is


def test_texts_missing_fall_back_to_record_text(scores):
    without_texts = score(GOLD, PREDICTIONS, {})
    assert without_texts.as_dict() | {"texts_found": 2} == scores.as_dict()


def test_prediction_text_not_at_its_offsets_is_counted():
    wrong = {**prediction("b.txt", "Yes,", "Jones", "said"), "text": "Nope"}
    assert score(GOLD, [wrong], TEXTS).as_dict()["pred_text_mismatch"] == 1


def test_load_gold_reads_docs_by_base_name(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps({"doc": "texts/a.txt", "quotes": GOLD["a.txt"]}) + "\n\n", encoding="utf-8")
    assert load_gold(path) == {"a.txt": GOLD["a.txt"]}


@pytest.mark.parametrize("line, message", [
    ('{"doc": "a.txt", "quotes": [}', "not valid JSON"),
    ('["a.txt"]', "expected a JSON object"),
    ('{"quotes": []}', '"doc" must be a non-empty string'),
    ('{"doc": "a.txt", "quotes": [{"start": 1}]}', '"start" and "end" must be integers'),
    ('{"doc": "a.txt", "quotes": [{"start": 1, "end": 2, "cue_start": 0}]}', '"cue_start" and "cue_end"'),
    ('{"doc": "b.txt", "quotes": []}', "'b.txt' appears twice"),
])
def test_load_gold_names_file_and_line(tmp_path, line, message):
    path = tmp_path / "gold.jsonl"
    path.write_text('{"doc": "b.txt", "quotes": []}\n' + line + "\n", encoding="utf-8")
    with pytest.raises(GoldError) as error:
        load_gold(path)
    assert str(error.value).startswith(f"{path}:2: ")
    assert message in str(error.value)


@pytest.fixture()
def score_py():
    if not SCORE_PY.exists():
        pytest.skip(f"the shared scorer is not at {SCORE_PY} (it lives in ../shared, outside the project)")
    return SCORE_PY


def run_score_py(score_py: Path, tmp_path: Path, *options: str) -> str:
    """Write the fixture as files and score it with the shared score.py."""
    texts = tmp_path / "texts"
    texts.mkdir()
    for doc, text in TEXTS.items():
        (texts / doc).write_text(text, encoding="utf-8", newline="")
    gold, predicted = tmp_path / "gold.jsonl", tmp_path / "pred.jsonl"
    gold.write_text("".join(json.dumps({"doc": d, "quotes": q}) + "\n" for d, q in GOLD.items()))
    predicted.write_text("".join(json.dumps(p) + "\n" for p in PREDICTIONS))
    run = subprocess.run([sys.executable, str(score_py), str(gold), str(predicted), *options],
                         capture_output=True, text=True, check=True)
    return run.stdout


def test_figures_equal_score_py(score_py, tmp_path, scores):
    assert scores.as_dict() == json.loads(run_score_py(score_py, tmp_path, "--json"))


def test_table_equals_score_py(score_py, tmp_path, scores):
    assert format_scores(scores) == run_score_py(score_py, tmp_path).rstrip("\n")
