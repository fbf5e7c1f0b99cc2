"""Our scorer against hand-computed figures and against the shared score.py, on tiny articles."""
from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from quotes.dev.evaluate import Report, default_texts_dir, evaluate, format_report, load_gold, sort_errors
from quotes.errors import GoldError
from quotes.extract.scoring import format_scores, match_spans, score, speaker_correct, trim
from quotes.extract import extract_article
from quotes.ingest import read_articles

ROOT = Path(__file__).resolve().parents[1]
SCORE_PY = ROOT.parent / "shared" / "eval" / "score.py"

TEXTS = {
    "a.txt": 'Mayor Vows Victory in the Vote\n\nSmith said "We will win." He added: "It is over," and left. '
             'So-called "experts" disagree.\n',
    "b.txt": 'Vote "Now"\n\n"Yes," Jones said. "No."\n',
}


def span(text: str, inner: str, nth: int = 0) -> tuple[int, int]:
    """Offsets of the ``nth`` occurrence of ``inner`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(inner, start + 1)
    return start, start + len(inner)


def gold_quote(text: str, inner: str, speaker: str | None = None, cue: str | None = None,
               **extra) -> dict:
    start, end = span(text, inner)
    quote = {"start": start, "end": end, "text": inner,
             "speaker_start": None, "speaker_end": None, "speaker_text": speaker,
             "cue_start": None, "cue_end": None, "cue_text": cue, **extra}
    if speaker:
        quote["speaker_start"], quote["speaker_end"] = span(text, speaker)
    if cue:
        quote["cue_start"], quote["cue_end"] = span(text, cue)
    return quote


def prediction(doc: str, text: str, inner: str, speaker: str | None = None, cue: str | None = None,
               name: str | None = None, nth: int = 0, cue_nth: int = 0) -> dict:
    start, end = span(text, inner, nth)
    record = {"doc": doc, "start": start, "end": end, "text": inner, "speaker": name or speaker,
              "speaker_start": None, "speaker_end": None, "cue": cue,
              "cue_start": None, "cue_end": None}
    if speaker:
        record["speaker_start"], record["speaker_end"] = span(text, speaker)
    if cue:
        record["cue_start"], record["cue_end"] = span(text, cue, cue_nth)
    return record


A, B = TEXTS["a.txt"], TEXTS["b.txt"]
GOLD = {
    "a.txt": [
        gold_quote(A, "We will win.", "Smith", "said", speaker_name="John Smith", aliases=["Smith"]),
        gold_quote(A, "It is over,", "He", "added", speaker_name="John Smith", aliases=[]),
    ],
    "b.txt": [
        gold_quote(B, "Now"),
        gold_quote(B, "Yes,", "Jones", "said", speaker_name="Ann Jones", aliases=[]),
        gold_quote(B, "No."),
    ],
}

PREDICTIONS = [
    prediction("a.txt", A, '"We will win."', "Smith", "said", name="Smith"),  # strict (marks trimmed)
    prediction("a.txt", A, "It is", "Smith", None, name="John Smith"),  # lenient, wrong speaker, no cue
    prediction("a.txt", A, "experts"),  # false positive
    prediction("b.txt", B, "Yes", "Jones", "said", name="Jones"),  # strict (comma trimmed)
    prediction("b", B, "No."),  # strict, doc named without .txt
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
    gold = {"b.txt": [gold_quote(B, "Yes,", "Jones", "said")]}
    scores = score(gold, [prediction("b.txt", B, "Yes,", "Jones", "said")], TEXTS)
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
    wrong = {**prediction("b.txt", B, "Yes,", "Jones", "said"), "text": "Nope"}
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


def test_load_gold_names_an_unreadable_file(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_bytes(b'{"doc": "caf\xe9.txt", "quotes": []}\n')
    with pytest.raises(GoldError, match=f"^{path}: cannot read: "):
        load_gold(path)
    with pytest.raises(GoldError, match="cannot read"):
        load_gold(tmp_path / "missing.jsonl")


@pytest.fixture()
def score_py():
    if not SCORE_PY.exists():
        pytest.skip(f"the shared scorer is not at {SCORE_PY} (it lives in ../shared, outside the project)")
    return SCORE_PY


def run_score_py(score_py: Path, tmp_path: Path, *options: str, gold: dict = GOLD,
                 predictions: list[dict] = PREDICTIONS, texts: dict = TEXTS) -> str:
    """Write gold, predictions and texts as files and score them with the shared score.py."""
    folder = tmp_path / "texts"
    folder.mkdir()
    for doc, text in texts.items():
        with open(folder / doc, "w", encoding="utf-8", newline="") as file:
            file.write(text)
    gold_path, predicted_path = tmp_path / "gold.jsonl", tmp_path / "pred.jsonl"
    gold_path.write_text("".join(json.dumps({"doc": d, "quotes": q}) + "\n" for d, q in gold.items()))
    predicted_path.write_text("".join(json.dumps(p) + "\n" for p in predictions))
    run = subprocess.run([sys.executable, str(score_py), str(gold_path), str(predicted_path), *options],
                         capture_output=True, text=True, check=True)
    return run.stdout


def test_figures_equal_score_py(score_py, tmp_path, scores):
    assert scores.as_dict() == json.loads(run_score_py(score_py, tmp_path, "--json"))


def test_table_equals_score_py(score_py, tmp_path, scores):
    assert format_scores(scores) == run_score_py(score_py, tmp_path).rstrip("\n")


def test_figures_on_the_seeds_equal_score_py(score_py, tmp_path, seeds_dir, seeds_gold, nlp):
    """The real extractor's predictions on two seeds, with gold names: every figure agrees."""
    articles = list(read_articles(sorted(seeds_dir.glob("*.txt"))[:2]))
    gold = {a.doc: seeds_gold[a.doc] for a in articles}
    predictions = [q.to_dict() for a in articles for q in extract_article(nlp, a)]
    texts = {a.doc: a.text for a in articles}
    ours = score(gold, predictions, texts).as_dict()
    assert "name_accuracy" in ours
    assert ours == json.loads(run_score_py(score_py, tmp_path, "--json", gold=gold,
                                           predictions=predictions, texts=texts))


# ---------------------------------------------------------------- error categories


def categories(kind: str, text: str, gold: list[dict], predictions: list[tuple], marked: list[str] = ()
               ) -> list[str]:
    """The categories of the ``kind`` errors in one article; ``marked`` are its quotation-mark segments."""
    scores = score({"t.txt": gold}, [prediction("t.txt", text, *p) for p in predictions], {"t.txt": text})
    segments = {"t.txt": [span(text, inner) for inner in marked]}
    return [e.category for e in sort_errors(scores, segments) if e.kind == kind]


HEADLINE = 'Mayor Vows "No Deal"\n\n'


@pytest.mark.parametrize("text, inner, predictions, marked, expected", [
    (HEADLINE + "He said we would win.\n", "we would win", [], [], "no segment found"),
    (HEADLINE + 'It was "over," he said.\n', "over,", [], ["over,"], "found but dropped as unattributed"),
    (HEADLINE + "Body.\n", "No Deal", [], ["No Deal"], "headline quote dropped as unattributed"),
    (HEADLINE + '"We won. They lost," he said.\n', "We won. They lost,", [('lost," he said',)],
     [], "found with other boundaries"),
    (HEADLINE + '"We won. They lost," he said.\n', "We won. They lost,", [],
     ['lost," he said'], "found with other boundaries"),
])
def test_miss_categories(text, inner, predictions, marked, expected):
    assert categories("miss", text, [gold_quote(text, inner)], predictions, marked) == [expected]


NESTED = HEADLINE + "\"We call it 'the deal' and we like it,\" he said.\n"


@pytest.mark.parametrize("text, gold, predicted, expected", [
    (HEADLINE + "''Yes,'' she said.\n", ["Yes,"], [("Yes,",), ("'Yes,'",)], "duplicate of a matched quote"),
    (NESTED, ["We call it 'the deal' and we like it,"], [("We call it",), ("the deal",)], "part of a gold quote"),
    (HEADLINE + 'She spoke on "Face the Nation" today.\n', [], [("Face the Nation",)],
     "title of a work or headline"),
    (HEADLINE + "Body.\n", [], [("No Deal",)], "title of a work or headline"),
    (HEADLINE + 'So-called "experts" disagree.\n', [], [("experts",)], "author's scare quote or term"),
    (HEADLINE + 'She wrote "we will fight on and on" in May.\n', [], [("we will fight on and on",)], "other"),
])
def test_false_positive_categories(text, gold, predicted, expected):
    gold = [gold_quote(text, inner) for inner in gold]
    assert categories("false positive", text, gold, predicted) == [expected]


SPOKEN = HEADLINE + '"We will win," said Ann Lee, the mayor. She smiled. Bob Ray said no.\n'
WIN = "We will win,"


@pytest.mark.parametrize("gold_speaker, predicted, expected", [
    ("Ann Lee", (WIN, None, "said"), "no speaker predicted"),
    ("Ann Lee", (WIN, "She", "said", "Ann Lee"), "pronoun where gold names someone"),
    ("Ann Lee", (WIN, "the mayor", "said", "Ann Lee"), "right speaker at another mention"),
    ("Ann Lee", (WIN, "Bob Ray", "said"), "another named entity"),
    ("Ann Lee", (WIN, "the mayor", "said"), "a common noun, not a named source"),
    ("She", (WIN, "Bob Ray", "said"), "other mention where gold has a pronoun"),
])
def test_wrong_speaker_categories(gold_speaker, predicted, expected):
    gold = [gold_quote(SPOKEN, WIN, gold_speaker, "said")]
    assert categories("wrong speaker", SPOKEN, gold, [predicted]) == [expected]


def test_speaker_on_the_gold_cue_is_an_annotation_slip():
    gold = [gold_quote(SPOKEN, WIN, "She", "Ann Lee")]
    assert categories("wrong speaker", SPOKEN, gold, [(WIN, "Ann Lee", "said")]) == [
        "gold speaker and cue swapped"]


def test_gold_names_decide_who_is_the_same_speaker():
    gold = [gold_quote(SPOKEN, WIN, "Ann Lee", "said", speaker_name="Ann Lee", aliases=["Mayor Lee"])]
    assert categories("wrong speaker", SPOKEN, gold, [(WIN, "Bob Ray", "said", "Mayor Lee")]) == [
        "right speaker at another mention"]


@pytest.mark.parametrize("predicted, expected", [
    ((WIN, "Ann Lee", None), "no cue predicted"),
    ((WIN, "Bob Ray", "smiled"), "cue of a wrong attribution"),
    ((WIN, "Ann Lee", "said", None, 0, 1), "same word at another place"),
    ((WIN, "Ann Lee", "smiled"), "another word"),
])
def test_wrong_cue_categories(predicted, expected):
    gold = [gold_quote(SPOKEN, WIN, "Ann Lee", "said")]
    assert categories("wrong cue", SPOKEN, gold, [predicted]) == [expected]


def test_report_lists_counts_and_examples(scores):
    report = Report(scores, sort_errors(scores, {}))
    assert report.counts() == Counter({("miss", "no segment found"): 1,
                                       ("false positive", "author's scare quote or term"): 1,
                                       ("wrong speaker", "right speaker at another mention"): 1,
                                       ("wrong cue", "no cue predicted"): 1})
    text = format_report(report, errors=1)
    assert text.startswith(format_scores(scores))
    assert "== false positive: author's scare quote or term: 1 (showing 1)" in text
    assert 'So-called "[[experts]]" disagree.' in text
    assert "[[" not in format_report(report)
    assert report.as_dict()["errors"]["miss: no segment found"] == 1


# ---------------------------------------------------------------- the extractor on gold


@pytest.fixture(scope="module")
def seeds_report(nlp, seeds_dir, tmp_path_factory):
    """Two seeds with their gold, and a gold doc whose article is missing."""
    lines = (ROOT / "tests" / "data" / "seeds_gold.jsonl").read_text(encoding="utf-8").splitlines()[:2]
    gold = tmp_path_factory.mktemp("gold") / "seeds.jsonl"
    gold.write_text("\n".join(lines + ['{"doc": "gone.txt", "quotes": []}']) + "\n", encoding="utf-8")
    return evaluate(gold, seeds_dir, nlp), load_gold(gold)


def test_evaluate_scores_the_extractor(seeds_report, seeds_dir, nlp):
    report, gold = seeds_report
    articles = list(read_articles([seeds_dir / doc for doc in gold if doc != "gone.txt"]))
    predictions = [q.to_dict() for a in articles for q in extract_article(nlp, a)]
    assert report.scores.as_dict() == score(gold, predictions, {a.doc: a.text for a in articles}).as_dict()
    assert report.scores.gold_count == sum(len(q) for q in gold.values()) > 0
    assert report.scores.lenient.f1 > 0.5


def test_evaluate_names_the_missing_article(seeds_report, seeds_dir):
    report, _ = seeds_report
    assert [str(p) for p in report.problems] == [f"{seeds_dir / 'gone.txt'}: article of the gold file not found"]
    assert f"WARNING: {seeds_dir / 'gone.txt'}" in format_report(report)


def test_evaluate_sorts_every_error(seeds_report):
    report, _ = seeds_report
    scores = report.scores
    wrong_speakers = sum(1 for d in scores.documents for g, p in d.matches()
                         if g.speaker is not None and not speaker_correct(g, p))
    expected = Counter({"miss": scores.gold_count - scores.lenient.tp,
                        "false positive": scores.predicted_count - scores.lenient.tp,
                        "wrong speaker": wrong_speakers,
                        "wrong cue": scores.cue.n - scores.cue.correct})
    assert Counter(e.kind for e in report.errors) == +expected


def test_evaluate_without_any_article_names_the_folder(seeds_dir, tmp_path, nlp):
    """Wrong or missing --texts: an error naming the folder, not a table of zeros."""
    gold = tmp_path / "seeds.jsonl"
    gold.write_text((ROOT / "tests" / "data" / "seeds_gold.jsonl").read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(GoldError, match=f"none of the 5 articles of {gold} was found in {tmp_path / 'texts'}"):
        evaluate(gold, None, nlp)
    assert evaluate(gold, seeds_dir, nlp).scores.lenient.f1 == 1.0


def test_default_texts_dir_is_beside_the_gold(tmp_path):
    (tmp_path / "texts" / "dev").mkdir(parents=True)
    assert default_texts_dir(tmp_path / "dev.jsonl") == tmp_path / "texts" / "dev"
    assert default_texts_dir(tmp_path / "train.jsonl") == tmp_path / "texts"
