"""The records every stage passes along: an :class:`Article` in, :class:`Quote` records out.

Offsets are Python string offsets into ``Article.text``, the article exactly as
read (UTF-8, ``newline=''``), so anyone can check a quote with
``article.text[quote.start:quote.end] == quote.text``.
"""
from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from typing import Any, Iterable

STANCES = ("neutral", "endorsing", "distancing")
KINDS = ("full", "partial", "term")


def sha256_text(text: str) -> str:
    """The hash an article is known by: SHA-256 of its text encoded as UTF-8."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def make_quote_id(article_sha256: str, start: int, end: int) -> str:
    """A quote's stable ID: the same article text and offsets always give the same ID.

    >>> make_quote_id("ab" * 32, 10, 20)
    'q-6fc7a9a95c1b'
    """
    digest = hashlib.sha256(f"{article_sha256}:{start}:{end}".encode("ascii")).hexdigest()
    return f"q-{digest[:12]}"


@dataclass
class Article:
    """One news article as read from disk, with what we know of its source.

    ``excluded`` lists ``(start, end)`` spans of ``text`` that are not the
    article (reader comments, captcha lines, repeated captions): they are kept
    in the stored text so offsets hold, but never searched for quotes.
    """

    doc: str
    text: str
    path: str | None = None
    title: str | None = None
    published: str | None = None
    author: str | None = None
    outlet: str | None = None
    url: str | None = None
    encoding: str = "utf-8"
    excluded: list[tuple[int, int]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def sha256(self) -> str:
        return sha256_text(self.text)

    @property
    def searchable_text(self) -> str:
        """``text`` with the excluded spans blanked out; same length, so offsets hold."""
        chars = list(self.text)
        for start, end in self.excluded:
            for i in range(start, end):
                if chars[i] not in "\r\n":
                    chars[i] = " "
        return "".join(chars)


@dataclass
class Quote:
    """One quotation-mark segment and its attribution.

    ``speaker`` is who said it, resolved inside the article (the full name when
    the mention is a pronoun, a surname or a nominal); ``speaker_mention`` is the
    mention the cue attaches to, as written, at ``speaker_start:speaker_end``.
    ``speaker_id`` and ``cluster_id`` are set by cross-article resolution.
    """

    start: int
    end: int
    text: str
    speaker: str | None = None
    speaker_mention: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_type: str | None = None  # "person", "organization" or None
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    role: str | None = None
    stance: str = "neutral"
    kind: str = "full"
    doc: str | None = None
    quote_id: str | None = None
    speaker_id: str | None = None
    cluster_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def identify(article: Article, quotes: Iterable[Quote]) -> list[Quote]:
    """Stamp quotes found in ``article`` with its doc name and their stable IDs."""
    sha = article.sha256
    return [
        dataclasses.replace(q, doc=article.doc, quote_id=make_quote_id(sha, q.start, q.end))
        for q in quotes
    ]


@dataclass
class Problem:
    """Something wrong with one input: named, so the user can fix it; the rest goes on."""

    path: str
    message: str
    line: int | None = None
    fatal: bool = True  # False: the file was still read (a warning)

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.message}"


@dataclass
class Merge:
    """Why a name was folded into a speaker, and how sure we are."""

    name: str
    reason: str
    confidence: float


@dataclass
class Speaker:
    """One real speaker across the whole collection, whatever names the articles used."""

    id: str
    name: str
    type: str = "unknown"  # "person", "organization" or "unknown"
    names: list[str] = field(default_factory=list)
    merges: list[Merge] = field(default_factory=list)


@dataclass
class ClusterMember:
    """One version of a statement; ``departure`` is 0 for identical wording, up to 1."""

    quote_id: str
    departure: float
    flagged: bool = False  # departs far enough that a reader should check it


@dataclass
class Cluster:
    """Versions of one statement carried by one or more outlets."""

    id: str
    speaker_id: str | None
    first_quote_id: str
    members: list[ClusterMember] = field(default_factory=list)
