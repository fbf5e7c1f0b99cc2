"""Run the extractor over a gold file's articles, score it, and sort the errors so we know what to fix next.

A development tool (``quotes eval``): the figures come from
:mod:`quotes.extract.scoring`, the same code as the spaCy scorer. Each error
is sorted into a category (a miss "found but dropped as unattributed", a
false positive "duplicate of a matched quote", a wrong speaker "pronoun where
gold names someone"...), each decided by one small rule below.
"""
from __future__ import annotations

import json
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Iterator, Mapping

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language

from ..errors import GoldError
from ..extract import extract_articles
from ..extract.marks import find_segments
from ..extract.scoring import (
    DocumentMatch,
    GoldQuote,
    Prediction,
    Scores,
    Span,
    cue_correct,
    doc_key,
    doc_names,
    format_scores,
    name_correct,
    normalize_name,
    overlap,
    overlaps_enough,
    score,
    speaker_correct,
    text_under,
)
from ..ingest import HEADER_LINES, headline_span, iter_lines, read_articles
from ..lexicon import PRONOUNS, TITLE_WORDS
from ..model import Article, Problem


# ---------------------------------------------------------------- the gold file


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
    if gold and not articles:
        raise GoldError(
            f"none of the {len(gold)} articles of {gold_path} was found in {folder}: "
            "give the folder that holds them with --texts"
        )
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
        found = [folder / name for name in doc_names(doc) if (folder / name).is_file()]
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
    text = text_under(document.text, prediction.span, prediction.text) or ""
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
    return words - STOP_WORDS - TITLE_WORDS


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
