"""Find quotation-mark segments in raw article text, the way newsrooms type them.

A *segment* is the text between an opening and a closing mark, marks
excluded. Marks are read from their context, not only their shape, because
news text mixes curly and straight marks, NYT-style ``''`` doubles, marks
typed the wrong way round and markup debris:

* a mark with a space (or a bracket, a dash, the start of a paragraph) on its
  left and a word on its right opens; one with a word or punctuation on its
  left and a space or punctuation on its right closes; the shape (“ or ”)
  decides only when the context does not;
* segments never cross a paragraph: a paragraph that opens a quote and does
  not close it ends its segment at the paragraph end, and the segment is
  ``unclosed``; when the next paragraph opens with a mark, that next segment
  ``continues`` it (the multi-paragraph convention). A stray mark therefore
  swallows at most the rest of its own paragraph;
* marks inside markup tags (``<a href="...">``) are debris, not marks;
* single marks (‘…’ or '…') quote only outside double-quoted text (inside,
  they are nested quotes and belong to the outer segment), and only when they
  cannot be apostrophes (``Trump's``, ``'16``, ``rock 'n' roll``).

>>> [(s.start, s.end) for s in find_segments('He said "yes," and left.')]
[(9, 13)]
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

DOUBLE_MARK = re.compile(r"''|``|[\"“”„‟«»]")
SINGLE_MARK = re.compile(r"[`'‘’‚‛]")
#: Left context that lets a mark open: nothing, a space, a bracket, a dash or a slash.
OPENING_LEFT = set("([{<—–-/") | {""}
#: Right context that lets a mark close: nothing, a space or punctuation.
CLOSING_RIGHT = set(",.;:!?)]}>—–-/…") | {""}
OPENING_SHAPES = {"“", "„", "‟", "«", "``", "‘", "‚", "‛", "`"}
CLOSING_SHAPES = {"”", "»", "’"}
LINE = re.compile(r"[^\r\n]+")
BLOCK = re.compile(r"\S(?:.|\n(?![ \t]*\r?\n))*")
#: Hard-wrapped text: at least this many lines, most of them this wide and
#: ending without sentence punctuation.
MIN_WRAPPED_LINES = 6
WRAP_WIDTH = (40, 100)
LINE_ENDINGS = set(".?!:;\"”’'»)")
#: Markup left in the text (``<tweet author="...">``): marks inside a tag quote nothing.
MARKUP_TAG = re.compile(r"</?[A-Za-z][^<>\n]*>")
#: Longest segment a straight single mark may quote: beyond, it is more likely two apostrophes.
MAX_SINGLE_QUOTE_CHARS = 300
CURLY_SINGLE_OPENERS = {"‘", "‛"}
#: Words that start with an apostrophe, not with an opening mark.
ELISIONS = re.compile(r"(?i)(\d\ds?\b|n\b|em\b|til\b|cause\b|tis\b|twas\b|bout\b|round\b|s\b)")


@dataclass(frozen=True)
class Segment:
    """The inner text ``start:end`` of one quotation-mark segment.

    ``open_mark``/``close_mark`` are the marks as typed (``close_mark`` is ""
    when the paragraph ended first); ``continues`` says the segment carries on
    a quote left open at the end of the previous paragraph.
    """

    start: int
    end: int
    open_mark: str
    close_mark: str = ""
    continues: bool = False

    @property
    def unclosed(self) -> bool:
        return not self.close_mark



@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    shape: str
    can_open: bool
    can_close: bool


def find_segments(text: str) -> list[Segment]:
    """All quotation-mark segments of ``text``, in order, one paragraph at a time."""
    segments: list[Segment] = []
    left_open = False
    for start, end in paragraphs(text):
        found, left_open_here = paragraph_segments(text, start, end, continues=left_open)
        segments.extend(found)
        left_open = left_open_here
    return segments


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each paragraph, without the spaces around it.

    News paragraphs are lines, except in hard-wrapped text (wire copy cut at
    a fixed width), where they are blocks between blank lines.
    """
    pattern = BLOCK if is_hard_wrapped(text) else LINE
    for match in pattern.finditer(text):
        start, end = match.start(), match.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            yield start, end


def is_hard_wrapped(text: str) -> bool:
    """Are most lines cut mid-sentence at about the same width?

    >>> is_hard_wrapped("One paragraph.\\nAnother paragraph.")
    False
    """
    lines = [line.rstrip() for line in text.splitlines() if line.strip()]
    if len(lines) < MIN_WRAPPED_LINES:
        return False
    cut = [line for line in lines if WRAP_WIDTH[0] <= len(line) <= WRAP_WIDTH[1] and line[-1] not in LINE_ENDINGS]
    return len(cut) >= len(lines) / 2


def paragraph_segments(
    text: str, start: int, end: int, continues: bool
) -> tuple[list[Segment], bool]:
    """Segments of one paragraph, and whether its last quote is left open.

    ``continues`` is true when the previous paragraph left a quote open: then a
    mark opening this paragraph continues that quote.
    """
    tags = [(m.start(), m.end()) for m in MARKUP_TAG.finditer(text, start, end)]
    marks = [m for m in read_marks(text, DOUBLE_MARK, start, end) if not within(tags, m.start)]
    starts_with_mark = bool(marks) and marks[0].start == first_visible(text, start, end)
    segments: list[Segment] = []
    opened: Mark | None = None
    for mark in marks:
        if opened is None:
            if mark.can_open:
                opened = mark
        elif mark.can_close:
            segments.append(make_segment(opened, mark, continues and not segments and starts_with_mark))
            opened = None
        else:
            # A second opener: the first quote lost its closing mark. End it
            # where the next one starts rather than swallow the next quote.
            segments.append(unclosed_segment(opened, mark.start, text))
            opened = mark
    if opened is not None:
        segments.append(unclosed_segment(opened, end, text, continues and not segments and starts_with_mark))
    segments = [s for s in segments if not text[s.start:s.end].isspace() and s.end > s.start]
    singles, single_left_open = single_segments(text, start, end, segments, tags, continues)
    return sorted(segments + singles, key=lambda s: s.start), opened is not None or single_left_open


def make_segment(opened: Mark, closed: Mark, continues: bool = False) -> Segment:
    """The segment between two marks."""
    return Segment(opened.end, closed.start, opened.shape, closed.shape, continues)


def unclosed_segment(opened: Mark, end: int, text: str, continues: bool = False) -> Segment:
    """The segment of a quote never closed: from its mark to ``end``, spaces before ``end`` left out."""
    while end > opened.end and text[end - 1].isspace():
        end -= 1
    return Segment(opened.end, end, opened.shape, "", continues)


def single_segments(
    text: str, start: int, end: int, doubles: list[Segment], tags: list[tuple[int, int]], continues: bool
) -> tuple[list[Segment], bool]:
    """Single-mark segments of ``text[start:end]`` outside the double-quoted ``doubles``,
    and whether the paragraph leaves a single-mark quote open.

    Only context decides here (never the shape alone), because a single mark
    is far more often an apostrophe than a quotation mark. A straight ``'``
    quotes at most a short phrase; a curly ``‘`` may quote a long passage and,
    as in British style, run on to the next paragraph like a double mark.
    """
    covered = [(s.start - len(s.open_mark), s.end + len(s.close_mark)) for s in doubles]
    marks = [
        m for m in read_marks(text, SINGLE_MARK, start, end, strict=True)
        if not within(covered, m.start) and not within(tags, m.start)
    ]
    first = first_visible(text, start, end)
    segments = []
    opened: Mark | None = None
    for mark in marks:
        if opened is not None and too_far_for_straight(opened, mark):
            opened = None
        if opened is None:
            opened = mark if mark.can_open and not ELISIONS.match(text, mark.end) else None
        elif mark.can_close and mark.start > opened.end:
            segments.append(make_segment(opened, mark, continues and opened.start == first))
            opened = None
    left_open = opened is not None and opened.start == first and opened.shape in CURLY_SINGLE_OPENERS
    if left_open:
        segments.append(unclosed_segment(opened, end, text, continues))
    return segments, left_open


def too_far_for_straight(opened: Mark, mark: Mark) -> bool:
    """Is ``mark`` too far from a straight opening ``'`` to close it?"""
    return opened.shape not in CURLY_SINGLE_OPENERS and mark.start - opened.end > MAX_SINGLE_QUOTE_CHARS


def within(spans: list[tuple[int, int]], offset: int) -> bool:
    """Is ``offset`` inside one of the sorted, disjoint ``(start, end)`` spans?"""
    i = bisect.bisect_right(spans, (offset, float("inf"))) - 1
    return i >= 0 and offset < spans[i][1]


def read_marks(text: str, pattern: re.Pattern, start: int, end: int, strict: bool = False) -> Iterator[Mark]:
    """Marks matching ``pattern`` in ``text[start:end]``, each with what it can do there.

    When the context allows both or neither role, the shape decides, unless
    ``strict`` (then the mark does neither).
    """
    for match in pattern.finditer(text, start, end):
        left = visible(text[match.start() - 1]) if match.start() > start else ""
        right = visible(text[match.end()]) if match.end() < end else ""
        can_open = (left in OPENING_LEFT or left.isspace() or is_mark(left)) and not (right.isspace() or right == "")
        can_close = not left.isspace() and left != "" and (right in CLOSING_RIGHT or right.isspace() or is_mark(right))
        shape = match.group()
        if can_open == can_close:
            can_open, can_close = (False, False) if strict else shape_roles(shape)
        yield Mark(match.start(), match.end(), shape, can_open, can_close)


def shape_roles(shape: str) -> tuple[bool, bool]:
    """``(can_open, can_close)`` from the mark's shape alone; straight marks do both."""
    if shape in OPENING_SHAPES:
        return True, False
    if shape in CLOSING_SHAPES:
        return False, True
    return True, True


def visible(char: str) -> str:
    """``char``, or "" for an invisible format character (a stray U+202A and the like)."""
    return "" if unicodedata.category(char) == "Cf" else char


def is_mark(char: str) -> bool:
    return bool(char) and char in "\"'“”„‟«»`‘’‚‛"


def first_visible(text: str, start: int, end: int) -> int:
    """Offset of the first non-space character of ``text[start:end]``."""
    offset = start
    while offset < end and text[offset].isspace():
        offset += 1
    return offset

