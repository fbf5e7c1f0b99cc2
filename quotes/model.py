"""The records every stage passes along: an :class:`Article` in, :class:`Quote` records out.

Offsets are Python string offsets into ``Article.text``, the article exactly as
read (UTF-8, ``newline=''``), so anyone can check a quote with
``article.text[quote.start:quote.end] == quote.text``.
"""
from __future__ import annotations

import dataclasses
import hashlib
from collections import Counter
from dataclasses import dataclass, field
import types
from typing import Any, Iterable, NamedTuple, get_type_hints

STANCES = ("neutral", "endorsing", "distancing")
KINDS = ("full", "partial", "term")


def sha256_text(text: str) -> str:
    """The hash an article is known by: SHA-256 of its text encoded as UTF-8."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# Quote and apostrophe shapes that typing or converting a text may swap for one another.
MARK_SHAPES = str.maketrans({"‘": "'", "’": "'", "‛": "'", "`": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"'})


def quote_words(text: str) -> str:
    """A quote's words as its ID sees them: runs of white space as one space, quote
    and apostrophe shapes as one, so re-wrapping or retyping a mark keeps the ID.

    >>> quote_words("We will  respond\\n at a time ‘of our’ choosing")
    "We will respond at a time 'of our' choosing"
    """
    unified = text.translate(MARK_SHAPES)
    return " ".join(unified.split())


def make_quote_id(doc: str, text: str, occurrence: int = 0) -> str:
    """A quote's stable ID, from its article, its words and which time in the article
    those words are quoted (0 for the first).

    Nothing else goes in, so an edit elsewhere in the article (a correction, a new
    paragraph, a changed headline) keeps the ID; a change to the quote's own words
    gives a new one (the store then records where the old ID went, see
    :class:`RetiredQuote`).

    >>> make_quote_id("a.txt", "We will respond.")
    'q-75b534c19659'
    >>> make_quote_id("a.txt", "We will  respond.") == make_quote_id("a.txt", "We will respond.")
    True
    """
    key = f"{doc}\x00{quote_words(text)}\x00{occurrence}"
    return f"q-{hashlib.sha256(key.encode('utf-8')).hexdigest()[:12]}"


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
    # The hash of a text this record no longer holds (see without_text).
    text_sha256: str | None = field(default=None, repr=False, compare=False)

    @property
    def sha256(self) -> str:
        return self.text_sha256 or sha256_text(self.text)

    @property
    def has_text(self) -> bool:
        """Whether ``text`` is the article's text, not dropped by :meth:`without_text`."""
        return self.text_sha256 is None

    def without_text(self) -> Article:
        """This article with its text dropped and its hash kept: what a build plans with, so that
        100k inputs need not hold their texts at once.

        >>> light = Article(doc="a.txt", text="Hello.").without_text()
        >>> light.text, light.sha256 == Article(doc="a.txt", text="Hello.").sha256, light.has_text
        ('', True, False)
        """
        return dataclasses.replace(self, text="", excluded=[], text_sha256=self.sha256)

    @property
    def searchable_text(self) -> str:
        """``text`` with the excluded spans blanked out; same length, so offsets hold."""
        chars = list(self.text)
        for start, end in self.excluded:
            for i in range(start, end):
                if chars[i] not in "\r\n":
                    chars[i] = " "
        return "".join(chars)


@dataclass(frozen=True)
class Span:
    """A stretch of an article: where it starts and ends, and the text it must hold there."""

    start: int
    end: int
    text: str

    def found_in(self, article_text: str) -> str:
        """What ``article_text`` holds at this span (equal to ``text`` when the span checks out)."""
        return article_text[self.start:self.end]


@dataclass
class Quote:
    """One quotation-mark segment and its attribution.

    ``speaker`` is who said it, resolved inside the article (the full name when
    the mention is a pronoun, a surname or a nominal); ``speaker_mention`` is the
    mention the cue attaches to, as written, at ``speaker_start:speaker_end``.
    ``speaker_id`` and ``cluster_id`` carry what cross-article resolution
    assigned (:class:`SpeakerResolution`, :class:`Cluster`), for output.

    The record is flat, as the ``extract`` output and the store's columns
    are; :meth:`spans` gives its three spans as :class:`Span` values.
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
        """The fields by name, in order (each a plain value: a copy of ``vars``, faster than ``asdict``)."""
        return vars(self).copy()

    def spans(self) -> dict[str, Span]:
        """The quote's own span, its speaker mention's and its cue's, those that are known.

        >>> Quote(start=1, end=4, text="Hi,", cue="said", cue_start=12, cue_end=16).spans()
        {'quote': Span(start=1, end=4, text='Hi,'), 'cue': Span(start=12, end=16, text='said')}
        """
        found = {
            "quote": (self.start, self.end, self.text),
            "speaker mention": (self.speaker_start, self.speaker_end, self.speaker_mention),
            "cue": (self.cue_start, self.cue_end, self.cue),
        }
        return {
            name: Span(start, end, text)
            for name, (start, end, text) in found.items()
            if start is not None and end is not None and text is not None
        }


def identify(article: Article, quotes: Iterable[Quote]) -> list[Quote]:
    """Stamp quotes found in ``article`` with its doc name and their stable IDs.

    Quotes are numbered by the order of their offsets, so the second time the
    same words are quoted in one article gets an ID of its own; a span listed
    twice is one quote.
    """
    seen: Counter[str] = Counter()
    spans: set[tuple[int, int]] = set()
    stamped = []
    for q in sorted(quotes, key=lambda q: (q.start, q.end)):
        if (q.start, q.end) in spans:
            continue
        spans.add((q.start, q.end))
        words = quote_words(q.text)
        quote_id = make_quote_id(article.doc, q.text, seen[words])
        seen[words] += 1
        stamped.append(dataclasses.replace(q, doc=article.doc, quote_id=quote_id))
    return stamped


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


class SpeakerMention(NamedTuple):
    """What speaker resolution reads of a stored quote (:func:`quotes.speakers.resolve_speakers` takes these or
    whole :class:`Quote` records): who it names and how, and what it is linked to. An incremental build reads
    tens of thousands of them; without the quotes' texts that is a third of the reading."""

    quote_id: str
    doc: str
    start: int
    end: int
    speaker: str | None
    speaker_mention: str | None
    speaker_start: int | None
    speaker_type: str | None
    role: str | None
    speaker_id: str | None
    cluster_id: str | None
    speaker_spelling: str | None  # with speaker_role, the rest of its link, which saving the resolution compares
    speaker_role: str | None


@dataclass(frozen=True)
class SpeakerResolution:
    """What speaker resolution found (:func:`quotes.speakers.resolve_speakers`): the speakers, who said each quote, under which name, as what.

    ``speakers`` come most quoted first; ``speaker_of`` maps a quote ID to its
    speaker's ID, and leaves out the quotes that name no speaker.
    ``spelling_of`` gives each quote of ``speaker_of`` the one name of its
    speaker's ``names`` it counts under: its mention as written when that is
    one of them ("Mr. Trump"), else the name its article resolved ("Donald
    Trump"); so a speaker's spelling counts add up to its quotes.
    ``role_of`` gives the quotes whose role is a title or affiliation of their
    speaker (see :func:`quotes.speakers.resolve_speakers`) that role as written.
    """

    speakers: list[Speaker]
    speaker_of: dict[str, str]
    spelling_of: dict[str, str] = field(default_factory=dict)
    role_of: dict[str, str] = field(default_factory=dict)


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


@dataclass(frozen=True)
class StatementVersion:
    """What statement clustering keeps of a quote between builds, to find its pairs again without reading its
    block's quotes (see :mod:`quotes.statement_graph`): its block (speaker ID), place, wording and stems, and
    what decides whose block it joins (the organization it is, its role)."""

    quote_id: str
    block: str
    doc: str
    start: int
    end: int
    words_key: str  # a hash of its words for comparison: equal for exact repeats
    stems: frozenset[str]
    comparable: bool  # compared beyond exact repeats (see quotes.clusters.is_comparable)
    organization_key: str | None  # the key its block is found by in roles, when its speaker is an organization
    is_person: bool
    role: str | None

    @property
    def order(self) -> tuple[str, int, int, str]:
        """Its place in document order (as :func:`quotes.clusters.document_order`)."""
        return (self.doc, self.start, self.end, self.quote_id)


@dataclass(frozen=True)
class Source:
    """Where a quote was published: what a citation names and what a reader checks."""

    doc: str
    sha256: str
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class SourcedQuote:
    """A stored quote with its source and the article text its offsets point into.

    ``speaker_name`` is the canonical name of the speaker across the collection
    (``quote.speaker`` stays the name resolved inside the article);
    ``article_role`` is the role the same article gives the speaker at another
    quote, for quotes that name none themselves.
    """

    quote: Quote
    source: Source
    article_text: str
    speaker_name: str | None = None
    article_role: str | None = None
    departure: float | None = None


@dataclass(frozen=True)
class RetiredQuote:
    """A quote ID that no longer names a stored quote, and where it went.

    ``reason`` is "text changed" (``replaced_by`` is the quote that now stands
    where it stood), "moved" (the same words now under another article key: a
    renamed file, or an article that became an alias of the same text) or
    "withdrawn" (the article no longer carries it).
    """

    id: str
    reason: str
    text: str
    doc: str
    retired_at: str
    replaced_by: str | None = None


@dataclass(frozen=True)
class SpeakerProfile:
    """A speaker as a page shows them: counts, every name written, every role given.

    ``names`` pairs each spelling with its number of quotes; ``roles`` each
    role as written with its number of quotes, in order of first use.
    """

    speaker: Speaker
    n_quotes: int
    n_articles: int
    n_outlets: int
    first_quoted: str | None = None
    last_quoted: str | None = None
    names: list[tuple[str, int]] = field(default_factory=list)
    roles: list[tuple[str, int]] = field(default_factory=list)


# What kind of value a field of :class:`IndexRow` holds, which decides how it is searched:
# prose (words, stemmed), a name (whole words), a key (matched exactly) or a date.
PROSE, NAME, KEY, DATE = "prose", "name", "key", "date"


def _holds(kind: str, **options: Any) -> Any:
    return field(metadata={"holds": kind}, **options)


@dataclass(frozen=True)
class IndexRow:
    """What the search index holds of one quote: its words and everything a search filters on.

    ``speaker`` is the canonical name (or the name in the article when the
    quote has no speaker row); ``speaker_names`` every spelling of that
    speaker in the collection, so a search by any of them finds the speaker.
    Each field says what kind of value it holds; the index's schema is made
    from them (:mod:`quotes.index`).
    """

    quote_id: str = _holds(KEY)
    text: str = _holds(PROSE)
    doc: str = _holds(KEY)
    speaker: str | None = _holds(NAME, default=None)
    speaker_names: tuple[str, ...] = _holds(NAME, default=())
    speaker_id: str | None = _holds(KEY, default=None)
    role: str | None = _holds(PROSE, default=None)
    outlet: str | None = _holds(NAME, default=None)
    outlet_id: str | None = _holds(KEY, default=None)
    published: str | None = _holds(DATE, default=None)
    title: str | None = _holds(PROSE, default=None)
    cluster_id: str | None = _holds(KEY, default=None)
    kind: str | None = _holds(KEY, default=None)
    stance: str | None = _holds(KEY, default=None)

def record_fields(record_type: type) -> dict[str, type]:
    """Each field of a record type with the plain type of its values (``None`` aside).

    This is the one description of a record's shape: the store's columns, the
    ``extract`` output fields and the search index's fields are derived from it.

    >>> record_fields(Source)["published"], list(record_fields(Source))[:3]
    (<class 'str'>, ['doc', 'sha256', 'title'])
    """
    hints = get_type_hints(record_type)
    shapes = {}
    for f in dataclasses.fields(record_type):
        hint = hints[f.name]
        if isinstance(hint, types.UnionType):
            hint = next(arg for arg in hint.__args__ if arg is not type(None))
        shapes[f.name] = hint
    return shapes
