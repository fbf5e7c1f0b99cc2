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

from ..model import Quote, Source, SourcedQuote, sha256_text
from ..store import Store

MAX_CONTEXT = 1200  # characters of a very long paragraph shown around the quote
LINE_BREAK = re.compile(r"\r\n|\r|\n")
#: Notes on the framing, for what is not plain reporting of a whole statement.
STANCE_NOTES = {"distancing": "distancing", "endorsing": "endorsing"}
KIND_NOTES = {"partial": "partial quote", "term": "term in quotation marks"}


@dataclass(frozen=True)
class Citation:
    """A stored quote ready to cite: the quote and its source as the store keeps them,
    the passage around it, and what no longer holds of it (nothing, when verified).

    ``speaker`` is the canonical name across the collection, else the name
    resolved in the article; ``article_role`` is the role the article gave
    the speaker at another quote, for quotes that name none themselves.
    ``context`` is the paragraph around the quote (through the paragraphs of
    its speaker mention and cue), starting at ``context_start`` in the article.
    """

    quote: Quote
    source: Source
    speaker: str | None
    article_role: str | None
    context: str
    context_start: int
    problems: tuple[str, ...] = ()

    @property
    def verified(self) -> bool:
        return not self.problems

    @property
    def quote_in_context(self) -> tuple[int, int]:
        """Where the quote lies inside ``context``."""
        return self.quote.start - self.context_start, self.quote.end - self.context_start

    @property
    def role(self) -> str | None:
        """The quote's own role, else the one the article gave the speaker at another quote."""
        return self.quote.role or self.article_role

    @property
    def who(self) -> str:
        """The speaker and the role the article gave them, as written ("John Kirby, US National
        Security Council spokesman")."""
        name = self.speaker or "unattributed"
        role = self.role
        return f"{name}, {role}" if role and role.casefold() != name.casefold() else name

    @property
    def framing(self) -> str | None:
        """How the reporter brought the quote in: the cue as written, with a note when the framing
        distances or endorses, or the marks hold only part of a sentence or a term.

        "condemned what it calls (distancing; term in quotation marks)"; a plain "said" stays "said".
        """
        quote = self.quote
        notes = [note for note in (STANCE_NOTES.get(quote.stance or ""), KIND_NOTES.get(quote.kind or "")) if note]
        note = f"({'; '.join(notes)})" if notes else None
        return " ".join(part for part in (quote.cue, note) if part) or None


def cite(store: Store, quote_id: str) -> Citation | None:
    """The citation of ``quote_id`` from ``store``, or ``None`` when there is no such quote."""
    found = store.sourced_quote(quote_id)
    if found is None:
        return None
    return citation_of(found)


def citation_of(found: SourcedQuote) -> Citation:
    """``found`` with its passage, checked against the stored article text."""
    quote, text = found.quote, found.article_text
    context_start, context_end = context_bounds(text, _spans(quote))
    return Citation(
        quote=quote,
        source=found.source,
        speaker=found.speaker_name or quote.speaker,
        article_role=found.article_role,
        context=text[context_start:context_end],
        context_start=context_start,
        problems=tuple(verify(text, quote, found.source.sha256)),
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


def verify(article_text: str, quote: Quote, sha256: str) -> list[str]:
    """What no longer holds of a stored quote; an empty list means it checks out.

    >>> text = 'He said "hi".'
    >>> verify(text, Quote(start=9, end=11, text="hi"), sha256_text(text))
    []
    >>> verify('He said "ho".', Quote(start=9, end=11, text="hi"), "0")
    ['the article text no longer matches its SHA-256', "the text at 9:11 is 'ho', not the quote 'hi'"]
    """
    problems = []
    if sha256_text(article_text) != sha256:
        problems.append("the article text no longer matches its SHA-256")
    for what, span in quote.spans().items():
        found = span.found_in(article_text)
        if found != span.text:
            problems.append(f"the text at {span.start}:{span.end} is {found!r}, not the {what} {span.text!r}")
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


def _spans(quote: Quote) -> list[tuple[int, int]]:
    """The quote's span first, then its speaker mention's and cue's when known."""
    return [(span.start, span.end) for span in quote.spans().values()]
