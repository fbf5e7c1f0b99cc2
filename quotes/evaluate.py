"""Score extracted quotes against gold, and sort the errors so we know what to fix next.

The figures are those of the shared scorer (``../shared/eval/score.py``),
computed here so the project stands on its own:

* quote precision/recall/F1, *strict* (the spans are equal once spaces and
  punctuation are trimmed from both ends) and *lenient* (they overlap by at
  least half of the shorter one), micro-averaged over all documents;
* speaker and cue accuracy, over the lenient matches whose gold quote has a
  speaker (a cue): right when the predicted range overlaps the gold one;
* end-to-end P/R/F1: a lenient match whose speaker is right (a gold quote
  without a speaker accepts any prediction);
* name accuracy, when the gold gives names: the predicted ``speaker`` string is
  the gold ``speaker_name`` or one of its ``aliases``.

Matching is per document and one-to-one, greedy: strictly equal pairs first,
then by decreasing overlap.

:func:`evaluate` runs the extractor over a gold file's articles and sorts each
error into a category (a miss "found but dropped as unattributed", a false
positive "duplicate of a matched quote", a wrong speaker "pronoun where gold
names someone"...), each decided by one small rule below.
"""
from __future__ import annotations

import json
import os
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language

from .extract import extract_articles
from .extract.marks import find_segments
from .ingest import HEADER_LINES, headline_span, iter_lines, read_articles
from .errors import GoldError
from .model import Article, Problem

Span = tuple[int, int]
Pair = tuple[int, int]  # (index of the gold quote, index of the prediction) in one document


# ---------------------------------------------------------------- gold and predictions


def doc_key(name: str) -> str:
    """Documents are known by their base file name.

    >>> doc_key("texts/dev/a.txt")
    'a.txt'
    """
    return os.path.basename(name.replace("\\", "/"))


def load_gold(path: str | os.PathLike) -> dict[str, list[dict]]:
    """Read a gold JSONL file (one ``{"doc", "quotes"}`` object a line) into quotes by doc.

    Raises :class:`GoldError` naming the file and line of the first malformed record.
    """
    gold: dict[str, list[dict]] = {}
    for where, line in _numbered_lines(path):
        doc, quotes = _parse_gold_line(line, where)
        if doc in gold:
            raise GoldError(f"{where}: document {doc!r} appears twice")
        gold[doc] = quotes
    return gold


def _numbered_lines(path: str | os.PathLike) -> Iterator[tuple[str, str]]:
    """``("path:line", line)`` for each non-blank line."""
    try:
        with open(path, encoding="utf-8") as lines:
            for number, line in enumerate(lines, 1):
                if line.strip():
                    yield f"{path}:{number}", line
    except (OSError, UnicodeDecodeError) as error:
        raise GoldError(f"{path}: cannot read: {error}") from None


def _parse_gold_line(line: str, where: str) -> tuple[str, list[dict]]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise GoldError(f"{where}: not valid JSON ({error})") from None
    if not isinstance(record, dict):
        raise GoldError(f"{where}: expected a JSON object")
    doc, quotes = record.get("doc"), record.get("quotes")
    if not isinstance(doc, str) or not doc:
        raise GoldError(f'{where}: "doc" must be a non-empty string')
    if not isinstance(quotes, list) or not all(isinstance(q, dict) for q in quotes):
        raise GoldError(f'{where}: "quotes" must be a list of objects')
    for i, quote in enumerate(quotes):
        _check_ranges(quote, f"{where}: quotes[{i}]")
    return doc_key(doc), quotes


def _check_ranges(quote: dict, where: str) -> None:
    """The quote span must be set; the speaker and cue ranges are both set or both null."""
    if not all(_is_offset(quote.get(key)) for key in ("start", "end")):
        raise GoldError(f'{where}: "start" and "end" must be integers')
    for prefix in ("speaker", "cue"):
        start, end = quote.get(f"{prefix}_start"), quote.get(f"{prefix}_end")
        if (start is None) != (end is None) or not all(_is_offset(x) for x in (start, end) if x is not None):
            raise GoldError(f'{where}: "{prefix}_start" and "{prefix}_end" must be integers or both null')


def _is_offset(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _range(record: Mapping, prefix: str) -> Span | None:
    start, end = record.get(f"{prefix}_start"), record.get(f"{prefix}_end")
    return None if start is None or end is None else (start, end)


def normalize_name(name: str) -> str:
    """Names compare casefolded with whitespace collapsed.

    >>> normalize_name("  John   KIRBY ")
    'john kirby'
    """
    return " ".join(name.casefold().split())


@dataclass(frozen=True)
class GoldQuote:
    """One gold quote; ``names`` is None when the gold gives no ``speaker_name``."""

    span: Span
    text: str | None
    speaker: Span | None
    speaker_text: str | None
    cue: Span | None
    cue_text: str | None
    names: frozenset[str] | None

    @classmethod
    def from_dict(cls, record: Mapping) -> GoldQuote:
        names = None
        if "speaker_name" in record:
            given = [record.get("speaker_name"), *(record.get("aliases") or [])]
            names = frozenset(normalize_name(n) for n in given if n)
        return cls(
            span=(record["start"], record["end"]),
            text=record.get("text"),
            speaker=_range(record, "speaker"),
            speaker_text=record.get("speaker_text"),
            cue=_range(record, "cue"),
            cue_text=record.get("cue_text"),
            names=names,
        )


@dataclass(frozen=True)
class Prediction:
    """One predicted quote segment, from a record of the JSONL contract (``Quote.to_dict()``)."""

    span: Span
    text: str | None
    speaker: Span | None
    speaker_name: str | None
    cue: Span | None
    cue_text: str | None
    kind: str | None = None

    @classmethod
    def from_dict(cls, record: Mapping) -> Prediction:
        return cls(
            span=(record["start"], record["end"]),
            text=record.get("text"),
            speaker=_range(record, "speaker"),
            speaker_name=record.get("speaker"),
            cue=_range(record, "cue"),
            cue_text=record.get("cue"),
            kind=record.get("kind"),
        )


# ---------------------------------------------------------------- matching


def is_trimmed_char(char: str) -> bool:
    """Spaces, punctuation (quote marks, commas, dashes...) and format characters."""
    category = unicodedata.category(char)
    return char.isspace() or category[0] in "PZ" or category == "Cf"


def trim(span: Span, chars: str | None) -> Span:
    """Shrink ``span`` past trimmed characters at both ends; ``chars`` is its text.

    Without the right text, or when nothing would be left, the span stays as it is.

    >>> trim((10, 17), '"Yes," ')
    (11, 14)
    """
    start, end = span
    if chars is None or len(chars) != end - start:
        return span
    left, right = 0, len(chars)
    while left < right and is_trimmed_char(chars[left]):
        left += 1
    while right > left and is_trimmed_char(chars[right - 1]):
        right -= 1
    if left == right:
        return span
    return start + left, start + right


def overlap(a: Span, b: Span) -> int:
    """How many characters two ranges share.

    >>> overlap((0, 10), (5, 20))
    5
    """
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def overlaps_enough(a: Span, b: Span) -> bool:
    """Lenient match: the ranges share at least half of the shorter one.

    >>> overlaps_enough((0, 10), (5, 20)), overlaps_enough((0, 10), (6, 20))
    (True, False)
    """
    shared = overlap(a, b)
    return shared > 0 and 2 * shared >= min(a[1] - a[0], b[1] - b[0])


@dataclass(frozen=True)
class _Candidate:
    gold: int
    prediction: int
    strict: bool
    shared: int


def match_spans(gold: list[Span], predicted: list[Span], gold_trimmed: list[Span],
                predicted_trimmed: list[Span]) -> tuple[list[Pair], list[Pair]]:
    """Pair gold and predicted spans one-to-one: ``(strict pairs, lenient pairs)``.

    >>> match_spans([(0, 5), (10, 20)], [(10, 19), (0, 5)], [(0, 5), (10, 20)], [(10, 19), (0, 5)])
    ([(0, 1)], [(0, 1), (1, 0)])
    """
    candidates = [
        _Candidate(g, p, gold_trimmed[g] == predicted_trimmed[p], overlap(gold[g], predicted[p]))
        for g in range(len(gold))
        for p in range(len(predicted))
    ]
    candidates = [c for c in candidates if c.strict or c.shared > 0]
    by_overlap = sorted(candidates, key=lambda c: (-c.shared, c.gold, c.prediction))
    strict = _greedy(c for c in by_overlap if c.strict)
    strict_first = sorted(by_overlap, key=lambda c: not c.strict)  # stable: overlap order kept
    lenient = _greedy(c for c in strict_first
                      if c.strict or overlaps_enough(gold[c.gold], predicted[c.prediction]))
    return strict, lenient


def _greedy(candidates: Iterable[_Candidate]) -> list[Pair]:
    """Take candidates in order, each gold and each prediction at most once."""
    pairs, used_gold, used_predictions = [], set(), set()
    for c in candidates:
        if c.gold not in used_gold and c.prediction not in used_predictions:
            pairs.append((c.gold, c.prediction))
            used_gold.add(c.gold)
            used_predictions.add(c.prediction)
    return pairs


# ---------------------------------------------------------------- judging one match


def speaker_correct(gold: GoldQuote, prediction: Prediction) -> bool:
    """The predicted speaker range overlaps the gold one."""
    return prediction.speaker is not None and overlap(gold.speaker, prediction.speaker) > 0


def cue_correct(gold: GoldQuote, prediction: Prediction) -> bool:
    """The predicted cue range overlaps the gold one."""
    return prediction.cue is not None and overlap(gold.cue, prediction.cue) > 0


def end_to_end_correct(gold: GoldQuote, prediction: Prediction) -> bool:
    """A matched quote with the right speaker; a gold quote without a speaker accepts any."""
    return gold.speaker is None or speaker_correct(gold, prediction)


def name_correct(gold: GoldQuote, prediction: Prediction) -> bool:
    """The predicted speaker name is the gold name or one of its aliases."""
    return prediction.speaker_name is not None and normalize_name(prediction.speaker_name) in gold.names


# ---------------------------------------------------------------- scores


@dataclass
class DocumentMatch:
    """Gold and predictions of one document, and how they were paired."""

    doc: str
    text: str | None
    gold: list[GoldQuote]
    predictions: list[Prediction]
    strict: list[Pair]
    lenient: list[Pair]
    text_mismatches: int = 0  # predictions whose "text" is not the article text at their offsets

    def matches(self) -> Iterator[tuple[GoldQuote, Prediction]]:
        for g, p in self.lenient:
            yield self.gold[g], self.predictions[p]

    def misses(self) -> list[GoldQuote]:
        matched = {g for g, _ in self.lenient}
        return [q for i, q in enumerate(self.gold) if i not in matched]

    def false_positives(self) -> list[Prediction]:
        matched = {p for _, p in self.lenient}
        return [q for i, q in enumerate(self.predictions) if i not in matched]


def match_document(doc: str, gold: list[GoldQuote], predictions: list[Prediction],
                   text: str | None) -> DocumentMatch:
    """Pair one document's predictions with its gold, trimming spans on the article text."""
    gold_trimmed = [trim(q.span, _chars(text, q.span, q.text)) for q in gold]
    predicted_trimmed = [trim(p.span, _chars(text, p.span, p.text)) for p in predictions]
    strict, lenient = match_spans([q.span for q in gold], [p.span for p in predictions],
                                  gold_trimmed, predicted_trimmed)
    mismatches = sum(1 for p in predictions if p.text is not None
                     and _chars(text, p.span, p.text) != p.text)
    return DocumentMatch(doc, text, gold, predictions, strict, lenient, mismatches)


def _chars(text: str | None, span: Span, fallback: str | None) -> str | None:
    """The characters under ``span``: from the article when we have it, else the record's."""
    if text is not None and span[1] <= len(text):
        return text[span[0]:span[1]]
    return fallback


@dataclass(frozen=True)
class PRF:
    """Precision, recall and F1 from true positives over predicted and gold counts."""

    tp: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"tp": self.tp, "precision": self.precision, "recall": self.recall, "f1": self.f1}


@dataclass(frozen=True)
class Accuracy:
    correct: int
    n: int

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.n if self.n else None

    def as_dict(self) -> dict:
        return {"n": self.n, "correct": self.correct, "accuracy": self.accuracy}


Judge = Callable[[GoldQuote, Prediction], bool]


@dataclass
class Scores:
    """All the figures of one scoring run, and the per-document matches behind them."""

    documents: list[DocumentMatch]
    unknown_docs: dict[str, int] = field(default_factory=dict)  # predicted doc -> quotes, not in gold

    @property
    def gold_count(self) -> int:
        return sum(len(d.gold) for d in self.documents)

    @property
    def predicted_count(self) -> int:
        return sum(len(d.predictions) for d in self.documents)

    def _prf(self, true_positives: int) -> PRF:
        return PRF(true_positives, self.predicted_count, self.gold_count)

    def _accuracy(self, applies: Callable[[GoldQuote], bool], judge: Judge) -> Accuracy:
        verdicts = [judge(g, p) for d in self.documents for g, p in d.matches() if applies(g)]
        return Accuracy(sum(verdicts), len(verdicts))

    @property
    def strict(self) -> PRF:
        return self._prf(sum(len(d.strict) for d in self.documents))

    @property
    def lenient(self) -> PRF:
        return self._prf(sum(len(d.lenient) for d in self.documents))

    @property
    def end_to_end(self) -> PRF:
        return self._prf(sum(end_to_end_correct(g, p) for d in self.documents for g, p in d.matches()))

    @property
    def speaker(self) -> Accuracy:
        return self._accuracy(lambda g: g.speaker is not None, speaker_correct)

    @property
    def cue(self) -> Accuracy:
        return self._accuracy(lambda g: g.cue is not None, cue_correct)

    @property
    def name(self) -> Accuracy | None:
        """None when no gold quote gives a speaker name."""
        if not any(q.names is not None for d in self.documents for q in d.gold):
            return None
        return self._accuracy(lambda g: g.names is not None, name_correct)

    def headline(self) -> dict[str, float | None]:
        """The five figures we track from run to run (see tests/data/ratchet.json)."""
        return {
            "strict_f1": self.strict.f1,
            "lenient_f1": self.lenient.f1,
            "speaker_accuracy": self.speaker.accuracy,
            "cue_accuracy": self.cue.accuracy,
            "end_to_end_f1": self.end_to_end.f1,
        }

    def as_dict(self) -> dict:
        """The figures in the layout of ``score.py --json``."""
        figures = {
            "docs": len(self.documents),
            "gold_quotes": self.gold_count,
            "pred_quotes": self.predicted_count,
            "strict": self.strict.as_dict(),
            "lenient": self.lenient.as_dict(),
            "speaker_accuracy": self.speaker.as_dict(),
            "cue_accuracy": self.cue.as_dict(),
            "end_to_end": {**self.end_to_end.as_dict(), "no_speaker_policy": "any"},
            "gold_quotes_without_speaker": sum(
                1 for d in self.documents for q in d.gold if q.speaker is None),
            "pred_docs_not_in_gold": len(self.unknown_docs),
            "pred_quotes_not_in_gold_docs": sum(self.unknown_docs.values()),
            "texts_found": sum(1 for d in self.documents if d.text is not None),
            "pred_text_mismatch": sum(d.text_mismatches for d in self.documents),
        }
        if self.name is not None:
            figures["name_accuracy"] = self.name.as_dict()
        return figures


def score(gold: Mapping[str, list[dict]], predictions: Iterable[dict],
          texts: Mapping[str, str]) -> Scores:
    """Score prediction records against gold quotes by doc; ``texts`` are the articles by doc."""
    gold = {doc_key(doc): quotes for doc, quotes in gold.items()}
    by_doc, unknown = _group_by_gold_doc(predictions, gold)
    documents = [
        match_document(doc, [GoldQuote.from_dict(q) for q in gold[doc]],
                       by_doc.get(doc, []), _find_text(texts, doc))
        for doc in sorted(gold)
    ]
    return Scores(documents, unknown)


def _doc_names(doc: str) -> list[str]:
    """A doc name and its twin with or without ``.txt``.

    >>> _doc_names("a.txt"), _doc_names("a")
    (['a.txt', 'a'], ['a', 'a.txt'])
    """
    return [doc, doc[:-4] if doc.endswith(".txt") else doc + ".txt"]


def _group_by_gold_doc(predictions: Iterable[dict], gold: Mapping[str, list]
                       ) -> tuple[dict[str, list[Prediction]], dict[str, int]]:
    """Predictions by gold doc name; the rest counted by their own doc name."""
    by_doc: dict[str, list[Prediction]] = {}
    unknown: dict[str, int] = {}
    for record in predictions:
        names = [n for n in _doc_names(doc_key(record["doc"])) if n in gold]
        if names:
            by_doc.setdefault(names[0], []).append(Prediction.from_dict(record))
        else:
            unknown[record["doc"]] = unknown.get(record["doc"], 0) + 1
    return by_doc, unknown


def _find_text(texts: Mapping[str, str], doc: str) -> str | None:
    return next((texts[name] for name in _doc_names(doc) if name in texts), None)


# ---------------------------------------------------------------- the score table


def _figure(value: float | None) -> str:
    return "   n/a" if value is None else f"{value:6.3f}"


def format_scores(scores: Scores) -> str:
    """The score table, laid out as ``score.py`` prints it."""
    figures = scores.as_dict()
    lines = [f"docs {figures['docs']}  gold quotes {figures['gold_quotes']}  "
             f"predicted quotes {figures['pred_quotes']}",
             f"{'':22} {'P':>6} {'R':>6} {'F1':>6} {'TP':>6}"]
    for label, prf in (("quote strict", scores.strict), ("quote lenient", scores.lenient),
                       ("end-to-end", scores.end_to_end)):
        lines.append(f"{label:22} {_figure(prf.precision)} {_figure(prf.recall)} "
                     f"{_figure(prf.f1)} {prf.tp:6d}")
    for label, accuracy in (("speaker accuracy", scores.speaker), ("cue accuracy", scores.cue),
                            ("name accuracy", scores.name)):
        if accuracy is not None:
            lines.append(f"{label:22} {_figure(accuracy.accuracy)}  ({accuracy.correct}/{accuracy.n})")
    lines.append(f"end-to-end: gold quotes without a speaker "
                 f"({figures['gold_quotes_without_speaker']}) accept any predicted speaker")
    if scores.unknown_docs:
        lines.append(f"WARNING: {figures['pred_docs_not_in_gold']} predicted docs "
                     f"({figures['pred_quotes_not_in_gold_docs']} quotes) are not in the gold file; ignored")
    lines.append(f"article texts found for {figures['texts_found']}/{figures['docs']} docs "
                 "(for trimming/context)")
    if figures["pred_text_mismatch"]:
        lines.append(f"WARNING: {figures['pred_text_mismatch']} predictions whose \"text\" differs "
                     "from the article text at their offsets")
    return "\n".join(lines)


# ---------------------------------------------------------------- running the extractor on gold


MISS, FALSE_POSITIVE, WRONG_SPEAKER, WRONG_CUE = "miss", "false positive", "wrong speaker", "wrong cue"
ERROR_KINDS = (MISS, FALSE_POSITIVE, WRONG_SPEAKER, WRONG_CUE)


@dataclass(frozen=True)
class ErrorCase:
    """One error, sorted into a category, with the text around it so a reader can judge."""

    kind: str  # one of ERROR_KINDS
    category: str
    doc: str
    span: Span  # the quote: gold for misses and wrong attributions, predicted for false positives
    context: str
    note: str


@dataclass
class Report:
    """What :func:`evaluate` measured: the scores, the sorted errors, and the unreadable inputs."""

    scores: Scores
    errors: list[ErrorCase]
    problems: list[Problem] = field(default_factory=list)

    def counts(self) -> Counter[tuple[str, str]]:
        """How many errors of each ``(kind, category)``."""
        return Counter((e.kind, e.category) for e in self.errors)

    def as_dict(self) -> dict:
        """The scores (as ``score.py --json``), plus error counts and problems."""
        return {**self.scores.as_dict(),
                "errors": {f"{kind}: {category}": n for (kind, category), n in _ordered(self.counts())},
                "problems": [str(p) for p in self.problems]}


def evaluate(gold_path: str | os.PathLike, texts_dir: str | os.PathLike | None, nlp: Language) -> Report:
    """Run the extractor over the gold's articles found in ``texts_dir``, score it, sort the errors.

    Without ``texts_dir`` the articles are looked for as ``score.py`` does:
    in ``texts/<gold stem>/``, then ``texts/``, beside the gold file.
    """
    gold = load_gold(gold_path)
    folder = Path(texts_dir) if texts_dir else default_texts_dir(gold_path)
    articles, problems = read_gold_articles(gold, folder)
    predictions = [q.to_dict() for _, quotes in extract_articles(nlp, articles) for q in quotes]
    scores = score(gold, predictions, {a.doc: a.text for a in articles})
    segments = {a.doc: [(s.start, s.end) for s in find_segments(a.searchable_text)] for a in articles}
    return Report(scores, sort_errors(scores, segments), problems)


def default_texts_dir(gold_path: str | os.PathLike) -> Path:
    """``texts/<gold stem>/`` beside the gold file when it exists, else ``texts/``."""
    gold_path = Path(gold_path)
    by_stem = gold_path.parent / "texts" / gold_path.stem
    return by_stem if by_stem.is_dir() else gold_path.parent / "texts"


def read_gold_articles(gold: Mapping[str, list], folder: Path) -> tuple[list[Article], list[Problem]]:
    """The articles of the gold's docs in ``folder``; a Problem for each one missing or unreadable."""
    paths, problems = [], []
    for doc in sorted(gold):
        found = [folder / name for name in _doc_names(doc) if (folder / name).is_file()]
        if found:
            paths.append(found[0])
        else:
            problems.append(Problem(str(folder / doc), "article of the gold file not found"))
    articles = []
    for item in read_articles(paths):
        (problems if isinstance(item, Problem) else articles).append(item)
    return articles, problems


# ---------------------------------------------------------------- sorting the errors


def sort_errors(scores: Scores, segments: Mapping[str, list[Span]]) -> list[ErrorCase]:
    """Every miss, false positive, wrong speaker and wrong cue, each with its category.

    ``segments`` are the quotation-mark segments of each article, matched or not.
    """
    cases = []
    for document in scores.documents:
        found = segments.get(document.doc, [])
        cases += [_case(MISS, miss_category(g, document, found), document, g.span,
                        f"gold speaker {g.speaker_text!r}, cue {g.cue_text!r}")
                  for g in document.misses()]
        cases += [_case(FALSE_POSITIVE, false_positive_category(p, document), document, p.span,
                        f"predicted speaker {p.speaker_name!r}, cue {p.cue_text!r}")
                  for p in document.false_positives()]
        for g, p in document.matches():
            if g.speaker is not None and not speaker_correct(g, p):
                mention = _mention(document.text, p.speaker, p.speaker_name)
                cases.append(_case(WRONG_SPEAKER, wrong_speaker_category(g, p, mention), document, g.span,
                                   f"gold {g.speaker_text!r} {g.speaker} | predicted {mention!r} "
                                   f"{p.speaker} = {p.speaker_name!r}"))
            if g.cue is not None and not cue_correct(g, p):
                cases.append(_case(WRONG_CUE, wrong_cue_category(g, p), document, g.span,
                                   f"gold {g.cue_text!r} {g.cue} | predicted {p.cue_text!r} {p.cue}"))
    return cases


def _case(kind: str, category: str, document: DocumentMatch, span: Span, note: str) -> ErrorCase:
    return ErrorCase(kind, category, document.doc, span, context(document.text, span), note)


def _mention(text: str | None, span: Span | None, fallback: str | None) -> str | None:
    """The predicted speaker mention as written."""
    return text[span[0]:span[1]] if text is not None and span is not None else fallback


def miss_category(gold: GoldQuote, document: DocumentMatch, segments: list[Span]) -> str:
    """Why a gold quote was missed: no segment, other boundaries, or a segment we dropped."""
    if document.text is None:
        return "article not found"
    if any(overlap(gold.span, p.span) for p in document.predictions):
        return "found with other boundaries"
    if any(overlaps_enough(gold.span, s) for s in segments):
        if in_headline(document.text, gold.span):
            return "headline quote dropped as unattributed"
        return "found but dropped as unattributed"
    if any(overlap(gold.span, s) for s in segments):
        return "found with other boundaries"
    return "no segment found"


def false_positive_category(prediction: Prediction, document: DocumentMatch) -> str:
    """Why a predicted segment is not a gold quote."""
    matched = [document.predictions[p].span for _, p in document.lenient]
    if any(overlap(prediction.span, span) for span in matched):
        return "duplicate of a matched quote"
    if any(overlap(prediction.span, g.span) for g in document.gold):
        return "part of a gold quote"
    text = _chars(document.text, prediction.span, prediction.text) or ""
    if (document.text is not None and in_headline(document.text, prediction.span)) or looks_like_title(text):
        return "title of a work or headline"
    if prediction.kind == "term" or len(text.split()) <= MAX_TERM_WORDS:
        return "author's scare quote or term"
    return "other"


def wrong_speaker_category(gold: GoldQuote, prediction: Prediction, mention: str | None) -> str:
    """What the extractor named instead of the gold speaker.

    "gold speaker and cue swapped" is the annotators' slip, not ours: the
    predicted speaker sits where the gold puts the cue (``said | Hester``).
    """
    if prediction.speaker is None:
        return "no speaker predicted"
    if gold.cue is not None and overlap(gold.cue, prediction.speaker) > 0:
        return "gold speaker and cue swapped"
    if is_pronoun(mention) and not is_pronoun(gold.speaker_text):
        return "pronoun where gold names someone"
    if same_speaker(gold, prediction, mention):
        return "right speaker at another mention"
    if is_pronoun(gold.speaker_text):
        return "other mention where gold has a pronoun"
    if not name_words(mention or ""):
        return "a common noun, not a named source"
    return "another named entity"


def wrong_cue_category(gold: GoldQuote, prediction: Prediction) -> str:
    """What the extractor took for the cue; most wrong cues come with a wrong speaker."""
    if prediction.cue is None:
        return "no cue predicted"
    if gold.speaker is not None and not speaker_correct(gold, prediction):
        return "cue of a wrong attribution"
    if normalize_name(prediction.cue_text or "") == normalize_name(gold.cue_text or ""):
        return "same word at another place"
    return "another word"


#: A segment of at most this many words, nobody cited for it, is a term the author quotes.
MAX_TERM_WORDS = 3
PRONOUNS = frozenset(
    "i me we us you he him she her it they them who whom which that this these those one".split())
HONORIFICS = frozenset(
    "mr mrs ms miss dr sen rep gov gen lt rev prof president senator governor secretary".split())


def in_headline(text: str, span: Span) -> bool:
    """``span`` lies in the article's headline, as ingest finds it.

    >>> in_headline('Obama Sees "Personal Insult"\\n\\nBody "text".', (12, 26))
    True
    """
    lines = list(islice(iter_lines(text), HEADER_LINES))
    found = headline_span([line.strip() for _, _, line in lines])
    return found is not None and lines[found[0]][0] <= span[0] and span[1] <= lines[found[1] - 1][1]


def looks_like_title(text: str) -> bool:
    """Two words or more, every one capitalized but the small ones: a show, a book, a song.

    >>> looks_like_title("Face the Nation,"), looks_like_title("strong leader,")
    (True, False)
    """
    words = re.findall(r"[^\W\d_][\w'’-]*", text)
    content = [w for w in words if w.casefold() not in STOP_WORDS]
    return len(words) >= 2 and bool(content) and all(w[0].isupper() for w in content)


def is_pronoun(mention: str | None) -> bool:
    return mention is not None and mention.strip().casefold() in PRONOUNS


def name_words(text: str) -> set[str]:
    """The capitalized words of a mention that can tell people apart.

    >>> sorted(name_words("Mr. Burman, director of the Tax Policy Center"))
    ['burman', 'center', 'policy', 'tax']
    """
    words = {w.casefold() for w in re.findall(r"\b[A-Z][\w-]*", text)}
    return words - STOP_WORDS - HONORIFICS


def same_speaker(gold: GoldQuote, prediction: Prediction, mention: str | None) -> bool:
    """The prediction names the gold speaker: by gold name when given, else by a shared name word."""
    if gold.names is not None:
        return name_correct(gold, prediction)
    predicted = f"{prediction.speaker_name or ''} {mention or ''}"
    return bool(name_words(gold.speaker_text or "") & name_words(predicted))


def context(text: str | None, span: Span, width: int = 40) -> str:
    """The span in ``[[ ]]`` with ``width`` characters either side, on one line.

    >>> context("He said yes, then left.", (8, 11), width=5)
    'said [[yes]], the'
    """
    if text is None:
        return ""
    start, end = span
    around = text[max(0, start - width):start] + "[[" + text[start:end] + "]]" + text[end:end + width]
    return around.replace("\r", "").replace("\n", " / ")


# ---------------------------------------------------------------- the report


def _ordered(counts: Counter[tuple[str, str]]) -> list[tuple[tuple[str, str], int]]:
    """Counts by kind (misses first), then most frequent category first."""
    return sorted(counts.items(), key=lambda item: (ERROR_KINDS.index(item[0][0]), -item[1], item[0][1]))


def format_report(report: Report, errors: int = 0) -> str:
    """The score table, the error counts by category, and up to ``errors`` examples of each."""
    lines = [format_scores(report.scores)]
    lines += [f"WARNING: {problem}" for problem in report.problems]
    counts = _ordered(report.counts())
    if counts:
        lines.append("errors by category:")
        lines += [f"  {kind:<14} {category:<42} {n:5d}" for (kind, category), n in counts]
    for (kind, category), n in counts if errors else []:
        cases = [e for e in report.errors if (e.kind, e.category) == (kind, category)]
        lines.append(f"== {kind}: {category}: {n} (showing {min(errors, n)})")
        for case in cases[:errors]:
            lines.append(f"- {case.doc} [{case.span[0]},{case.span[1]}) {_clip(case.context)}")
            lines.append(f"    {case.note}")
    return "\n".join(lines)


def _clip(text: str, limit: int = 240) -> str:
    return text if len(text) <= limit else text[:limit - 3] + "..."
