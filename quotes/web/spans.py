"""Text cut into pieces around marked spans: the quotes, speaker mentions and cues of an article.

The article page marks every quote of an article and the quote page the
passage around one quote; both cut the text with :func:`mark_spans`.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

# When spans overlap, the first kind here wins; the others are left unmarked.
KINDS = ("quote", "speaker", "cue", "excluded")


@dataclass(frozen=True)
class Span:
    """A stretch of text to mark: ``kind`` is one of :data:`KINDS`; ``quote_id`` the quote it belongs to."""

    start: int
    end: int
    kind: str
    quote_id: str | None = None


@dataclass(frozen=True)
class Piece:
    """A piece of the text: marked when ``kind`` is set."""

    text: str
    kind: str | None = None
    quote_id: str | None = None


def quote_spans(row: Mapping[str, Any], shift: int = 0) -> list[Span]:
    """The quote, speaker mention and cue of one quote row, moved ``shift`` characters left."""
    spans = []
    for kind, start, end in (("quote", "start", "end"), ("speaker", "speaker_start", "speaker_end"),
                             ("cue", "cue_start", "cue_end")):
        if row.get(start) is not None and row.get(end) is not None:
            spans.append(Span(row[start] - shift, row[end] - shift, kind, row.get("id") or row.get("quote_id")))
    return spans


def mark_spans(text: str, spans: Iterable[Span]) -> list[Piece]:
    """``text`` cut into pieces, the ``spans`` marked.

    A span overlapping one of a stronger kind (or an earlier one of its kind),
    or reaching outside the text, is left unmarked: one mention is often the
    speaker of several quotes, and it is marked once.

    >>> [(p.text, p.kind) for p in mark_spans("So Kirby said: we act.", [Span(15, 21, "quote"), Span(3, 8, "speaker"),
    ...                                                                 Span(3, 8, "speaker"), Span(9, 13, "cue")])]
    [('So ', None), ('Kirby', 'speaker'), (' ', None), ('said', 'cue'), (': ', None), ('we act', 'quote'), ('.', None)]
    """
    accepted: list[Span] = []
    for span in sorted(spans, key=lambda s: (KINDS.index(s.kind), s.start, s.end)):
        inside = 0 <= span.start < span.end <= len(text)
        if inside and not any(span.start < other.end and other.start < span.end for other in accepted):
            accepted.append(span)
    pieces = []
    position = 0
    for span in sorted(accepted, key=lambda s: s.start):
        if span.start > position:
            pieces.append(Piece(text[position:span.start]))
        pieces.append(Piece(text[span.start:span.end], span.kind, span.quote_id))
        position = span.end
    if position < len(text):
        pieces.append(Piece(text[position:]))
    return pieces
