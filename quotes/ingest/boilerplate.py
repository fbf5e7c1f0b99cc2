"""The lines of a text that are not the article: reader comments, captcha, share prompts, captions.

They stay in the stored text, so offsets hold, but :func:`find_excluded` lists
them (``Article.excluded``) and the extractor never searches them for quotes.
"""
from __future__ import annotations

import re
from typing import Iterator

Span = tuple[int, int]

_COMMENTS_START = re.compile(
    r"(?:do|did) you (?:like|enjoy) this article\??|leave a (?:comment|reply)|post a comment|add (?:a|your) comment"
    r"|reader comments|comments?(?: \(\d+\))?|\d+ comments?|join the (?:conversation|discussion)",
    re.IGNORECASE,
)
_CAPTCHA = re.compile(r"captcha\b.{0,20}", re.IGNORECASE)
_SOCIAL = r"(?:twitter|facebook|instagram|linkedin|whatsapp|telegram|x|email|e-mail|@\w+)"
_FURNITURE_LINE = re.compile(
    rf"follow\b.{{0,120}}\b(?:on|at)\s+{_SOCIAL}.*"
    rf"|follow @\w+.*"
    rf"|share(?: this)?(?: article| story| on {_SOCIAL})?[.:]?"
    rf"|subscribe\b.{{0,120}}"
    rf"|sign up\b.{{0,120}}\b(?:newsletter|email|e-mail|alerts)\b.*"
    rf"|click here\b.{{0,120}}",
    re.IGNORECASE,
)
_PHOTO_CREDIT = re.compile(  # "... Photo: AFP", "Photo by Jane Doe", "Scott Olson via Getty Images."
    r"(?:\b(?i:photo|photograph|picture|image)s?(?i: credit)?\s*(?:(?i:by)\s+|:\s*)[A-Z][^.:]{0,40}"
    r"|\bGetty Images\)?)\.?\)?\s*$"
)
_CAPTION_WORDS = 60


def iter_lines(text: str) -> Iterator[tuple[int, int, str]]:
    """``(start, end, line)`` for every non-blank line, offsets into ``text`` without the line break."""
    for match in re.finditer(r"[^\r\n]+", text):
        if match.group().strip():
            yield match.start(), match.end(), match.group()


def comments_span(text: str) -> list[Span]:
    """From a reader-comments heading (``Do you like this article?``) to the end of the text."""
    for start, _, line in iter_lines(text):
        if _COMMENTS_START.fullmatch(line.strip()):
            return [(start, len(text))]
    return []


def furniture_spans(text: str) -> list[Span]:
    """Whole lines of site furniture: captcha, share/subscribe/follow prompts, photo credits."""
    return [(start, end) for start, end, line in iter_lines(text) if _is_furniture(line.strip())]


def _is_furniture(line: str) -> bool:
    if _CAPTCHA.fullmatch(line) or (len(line.split()) <= 30 and _FURNITURE_LINE.fullmatch(line)):
        return True
    return len(line.split()) <= _CAPTION_WORDS and _PHOTO_CREDIT.search(line) is not None


def repeated_line_spans(text: str) -> list[Span]:
    """A line repeating the line just before it (an image caption printed twice): the repeat."""
    spans, previous = [], None
    for start, end, line in iter_lines(text):
        if line.strip() == previous:
            spans.append((start, end))
        previous = line.strip()
    return spans


def find_excluded(text: str) -> list[Span]:
    """The spans of ``text`` that are not the article, merged and sorted.

    >>> text = "Title\\nA caption.\\nA caption.\\nBody.\\nDo you like this article?\\nGreat!"
    >>> [text[s:e] for s, e in find_excluded(text)]
    ['A caption.', 'Do you like this article?\\nGreat!']
    """
    spans = sorted(comments_span(text) + furniture_spans(text) + repeated_line_spans(text))
    merged: list[Span] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
