"""The figures of ``quotes eval``: quotes found, speakers and cues right, against gold.

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

Two ways in, one implementation: :func:`score` takes gold and prediction
records (what ``quotes eval`` and :mod:`quotes.dev.evaluate` read), and the
spaCy scorer ``quotes.scorer.v1`` (:func:`score_examples`, used by
``nlp.evaluate``) takes ``Example`` objects whose reference docs carry the
gold quotes in ``doc._.quotes``.
"""
from __future__ import annotations

import os
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from spacy.training import Example
from spacy.util import registry

from ..model import Quote

Span = tuple[int, int]
Pair = tuple[int, int]  # (index of the gold quote, index of the prediction) in one document


# ---------------------------------------------------------------- gold and predictions


def doc_key(name: str) -> str:
    """Documents are known by their base file name.

    >>> doc_key("texts/dev/a.txt")
    'a.txt'
    """
    return os.path.basename(name.replace("\\", "/"))


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

    @classmethod
    def from_quote(cls, quote: Quote) -> GoldQuote:
        """A gold quote from a :class:`~quotes.model.Quote` (a reference doc's ``doc._.quotes``);
        its ``speaker`` is the gold name."""
        return cls.from_dict({
            **quote.to_dict(),
            "speaker_text": quote.speaker_mention,
            "cue_text": quote.cue,
            **({"speaker_name": quote.speaker} if quote.speaker else {}),
        })


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
    gold_trimmed = [trim(q.span, text_under(text, q.span, q.text)) for q in gold]
    predicted_trimmed = [trim(p.span, text_under(text, p.span, p.text)) for p in predictions]
    strict, lenient = match_spans([q.span for q in gold], [p.span for p in predictions],
                                  gold_trimmed, predicted_trimmed)
    mismatches = sum(1 for p in predictions if p.text is not None
                     and text_under(text, p.span, p.text) != p.text)
    return DocumentMatch(doc, text, gold, predictions, strict, lenient, mismatches)


def text_under(text: str | None, span: Span, fallback: str | None) -> str | None:
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

    def spacy_figures(self) -> dict[str, float | None]:
        """The figures as spaCy's scorers report them: flat, prefixed by the component's name."""
        figures: dict[str, float | None] = {}
        for label, prf in (("strict", self.strict), ("lenient", self.lenient), ("end_to_end", self.end_to_end)):
            figures.update({f"quotes_{label}_p": prf.precision, f"quotes_{label}_r": prf.recall,
                            f"quotes_{label}_f": prf.f1})
        figures["quotes_speaker_acc"] = self.speaker.accuracy
        figures["quotes_cue_acc"] = self.cue.accuracy
        if self.name is not None:
            figures["quotes_name_acc"] = self.name.accuracy
        return figures

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


def score_examples(examples: Iterable[Example], **kwargs: object) -> dict[str, float | None]:
    """The figures of :func:`score` over spaCy ``Example`` objects: the predicted docs'
    ``doc._.quotes`` against the gold quotes in the reference docs' ``doc._.quotes``.

    This is the ``quotes`` component's scorer (``nlp.evaluate``); speaker names
    are judged against the reference quotes' ``speaker``.
    """
    documents = [
        match_document(
            str(number),
            [GoldQuote.from_quote(quote) for quote in example.reference._.quotes],
            [Prediction.from_dict(quote.to_dict()) for quote in example.predicted._.quotes],
            example.predicted.text,
        )
        for number, example in enumerate(examples)
    ]
    return Scores(documents).spacy_figures()


@registry.scorers("quotes.scorer.v1")
def make_quotes_scorer() -> Callable[..., dict[str, float | None]]:
    """The ``quotes`` component's default scorer: :func:`score_examples`."""
    return score_examples


def doc_names(doc: str) -> list[str]:
    """A doc name and its twin with or without ``.txt``.

    >>> doc_names("a.txt"), doc_names("a")
    (['a.txt', 'a'], ['a', 'a.txt'])
    """
    return [doc, doc[:-4] if doc.endswith(".txt") else doc + ".txt"]


def _group_by_gold_doc(predictions: Iterable[dict], gold: Mapping[str, list]
                       ) -> tuple[dict[str, list[Prediction]], dict[str, int]]:
    """Predictions by gold doc name; the rest counted by their own doc name."""
    by_doc: dict[str, list[Prediction]] = {}
    unknown: dict[str, int] = {}
    for record in predictions:
        names = [n for n in doc_names(doc_key(record["doc"])) if n in gold]
        if names:
            by_doc.setdefault(names[0], []).append(Prediction.from_dict(record))
        else:
            unknown[record["doc"]] = unknown.get(record["doc"], 0) + 1
    return by_doc, unknown


def _find_text(texts: Mapping[str, str], doc: str) -> str | None:
    return next((texts[name] for name in doc_names(doc) if name in texts), None)


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


