"""A stored quote gathered for citing: in context, with its source, checked against the stored article.

:func:`cite` gathers the quote, the paragraph around it and everything known of
its source, and verifies it against the stored article: the text at the
quote's offsets (and at its speaker mention's and cue's) must be what was
stored, and the article text must still hash to its stored SHA-256.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..model import sha256_text
from ..store import Store

MAX_CONTEXT = 1200  # characters of a very long paragraph shown around the quote
LINE_BREAK = re.compile(r"\r\n|\r|\n")
#: Notes on the framing, for what is not plain reporting of a whole statement.
STANCE_NOTES = {"distancing": "distancing", "endorsing": "endorsing"}
KIND_NOTES = {"partial": "partial quote", "term": "term in quotation marks"}


@dataclass
class Citation:
    """A quote with its context, provenance and whether its offsets still hold.

    ``context`` is the paragraph around the quote (through the paragraphs of
    its speaker mention and cue), starting at ``context_start`` in the article.
    ``article_role`` is the role the article gave the speaker at another quote,
    for quotes that name none themselves.
    """

    quote_id: str
    text: str
    verified: bool
    problems: list[str]
    speaker: str | None
    speaker_mention: str | None
    speaker_id: str | None
    role: str | None
    article_role: str | None
    cue: str | None
    stance: str | None
    kind: str | None
    outlet: str | None
    title: str | None
    author: str | None
    published: str | None
    url: str | None
    doc: str
    sha256: str
    start: int
    end: int
    speaker_start: int | None
    speaker_end: int | None
    cue_start: int | None
    cue_end: int | None
    cluster_id: str | None
    context: str
    context_start: int

    @property
    def quote_in_context(self) -> tuple[int, int]:
        """Where the quote lies inside ``context``."""
        return self.start - self.context_start, self.end - self.context_start

    @property
    def who(self) -> str:
        """The speaker and the role the article gave them, as written ("John Kirby, US National
        Security Council spokesman"): the quote's own role, else the one the article gave the
        speaker at another quote."""
        name = self.speaker or "unattributed"
        role = self.role or self.article_role
        return f"{name}, {role}" if role and role.casefold() != name.casefold() else name

    @property
    def framing(self) -> str | None:
        """How the reporter brought the quote in: the cue as written, with a note when the framing
        distances or endorses, or the marks hold only part of a sentence or a term.

        "condemned what it calls (distancing; term in quotation marks)"; a plain "said" stays "said".
        """
        notes = [note for note in (STANCE_NOTES.get(self.stance or ""), KIND_NOTES.get(self.kind or "")) if note]
        note = f"({'; '.join(notes)})" if notes else None
        return " ".join(part for part in (self.cue, note) if part) or None


def cite(store: Store, quote_id: str) -> Citation | None:
    """The citation of ``quote_id`` from ``store``, or ``None`` when there is no such quote."""
    row = store.quote(quote_id)
    if row is None:
        return None
    article_text = store.db["articles"].get(row["article_id"])["text"]
    context_start, context_end = context_bounds(article_text, _spans(row))
    problems = verify(article_text, row)
    return Citation(
        quote_id=row["id"],
        text=row["text"],
        verified=not problems,
        problems=problems,
        speaker=row["speaker_name"] or row["speaker"],
        speaker_mention=row["speaker_mention"],
        speaker_id=row["speaker_id"],
        role=row["role"],
        article_role=None if row["role"] else _article_role(store, row),
        cue=row["cue"],
        stance=row["stance"],
        kind=row["kind"],
        outlet=row["outlet"],
        title=row["title"],
        author=row["author"],
        published=row["published"],
        url=row["url"],
        doc=row["article_id"],
        sha256=row["sha256"],
        start=row["start"],
        end=row["end"],
        speaker_start=row["speaker_start"],
        speaker_end=row["speaker_end"],
        cue_start=row["cue_start"],
        cue_end=row["cue_end"],
        cluster_id=row["cluster_id"],
        context=article_text[context_start:context_end],
        context_start=context_start,
    )


def cite_many(store: Store, quote_ids: Iterable[str]) -> tuple[list[Citation], list[str]]:
    """The citations of ``quote_ids`` in their order (each once), and the IDs no quote has."""
    citations, unknown = [], []
    for quote_id in dict.fromkeys(quote_ids):
        citation = cite(store, quote_id)
        if citation is None:
            unknown.append(quote_id)
        else:
            citations.append(citation)
    return citations, unknown


def verify(article_text: str, row: dict) -> list[str]:
    """What no longer holds of a stored quote; an empty list means it checks out.

    >>> verify('He said "hi".', {"text": "hi", "start": 9, "end": 11, "sha256": sha256_text('He said "hi".')})
    []
    >>> verify('He said "ho".', {"text": "hi", "start": 9, "end": 11, "sha256": "0"})
    ['the article text no longer matches its SHA-256', "the text at 9:11 is 'ho', not the quote 'hi'"]
    """
    problems = []
    if sha256_text(article_text) != row["sha256"]:
        problems.append("the article text no longer matches its SHA-256")
    checks = [("the quote", "text", "start", "end"),
              ("the speaker mention", "speaker_mention", "speaker_start", "speaker_end"),
              ("the cue", "cue", "cue_start", "cue_end")]
    for what, text_key, start_key, end_key in checks:
        expected, start, end = row.get(text_key), row.get(start_key), row.get(end_key)
        if expected is None or start is None or end is None:
            continue
        found = article_text[start:end]
        if found != expected:
            problems.append(f"the text at {start}:{end} is {found!r}, not {what} {expected!r}")
    return problems


def context_bounds(text: str, spans: list[tuple[int, int]], limit: int = MAX_CONTEXT) -> tuple[int, int]:
    """The paragraphs (lines) of ``text`` covering ``spans``; cut near the first span when longer than ``limit``.

    >>> text = "First line.\\nHe said: \\"Yes.\\"\\nLast line."
    >>> start, end = context_bounds(text, [(22, 26)])
    >>> text[start:end]
    'He said: "Yes."'
    """
    first = min(s for s, _ in spans)
    last = max(e for _, e in spans)
    breaks = [m.end() for m in LINE_BREAK.finditer(text, 0, first)]
    start = breaks[-1] if breaks else 0
    next_break = LINE_BREAK.search(text, last)
    end = next_break.start() if next_break else len(text)
    if end - start > limit:
        quote_start, quote_end = spans[0]
        margin = max(0, (limit - (quote_end - quote_start)) // 2)
        start = _word_boundary(text, max(start, quote_start - margin), forward=True)
        end = _word_boundary(text, min(end, quote_end + margin), forward=False)
    return start, end


def _word_boundary(text: str, at: int, forward: bool) -> int:
    """The nearest position to ``at`` that does not split a word (searching inward)."""
    if forward:
        while 0 < at < len(text) and not text[at - 1].isspace():
            at += 1
    else:
        while 0 < at < len(text) and not text[at].isspace():
            at -= 1
    return at


def _spans(row: dict) -> list[tuple[int, int]]:
    """The quote's span first, then its speaker mention's and cue's when known."""
    spans = [(row["start"], row["end"])]
    for start_key, end_key in (("speaker_start", "speaker_end"), ("cue_start", "cue_end")):
        if row[start_key] is not None and row[end_key] is not None:
            spans.append((row[start_key], row[end_key]))
    return spans


def _article_role(store: Store, row: dict) -> str | None:
    """The first role the same article gives the same speaker at one of its other quotes."""
    found = store.db.execute(
        """
        SELECT role FROM quotes
        WHERE article_id = ? AND role IS NOT NULL
          AND (speaker_id = ? OR (speaker_id IS NULL AND speaker = ?))
        ORDER BY start LIMIT 1
        """,
        [row["article_id"], row["speaker_id"], row["speaker"]],
    ).fetchone()
    return found[0] if found else None
