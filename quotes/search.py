"""Full-text search of the quotes in the Whoosh index (:mod:`quotes.index` keeps it in step with the store).

:func:`search_page` takes Whoosh's query language over the quote
text (``"wider war"``, ``attack AND NOT drone``, ``respon*``, ``hizbolah~``,
``speaker:kirby``), narrows it by speaker, outlet, dates, stance and kind, and
answers one page of hits with the number of hits and facet counts;
:func:`search` is its list of hits, for the command line. ``quotes search``
and the web search page both call them, so they find the same quotes.

Names are matched the way speakers are resolved (:mod:`quotes.names`): a
speaker filter finds the speaker under any spelling the articles used and any
transliteration of one ("Kata'ib Hezbollah", "Kataib Hizbullah"), and a fuzzy
term (``Hizbolah~``) finds transliterations of the word as well as near typos.

This module holds what callers use (the results, :func:`open_index`) and
puts a search together: the index opened once per version, the filters, the
facet counts and the snippets. The parts live beside it:
:mod:`quotes.query` (the query language), :mod:`quotes.ranking` (scoring
and ordering the matches, from postings kept between searches),
:mod:`quotes.index_columns` (the field values filters, facets and the date
order read) and :mod:`quotes.speaker_filter` (which names a speaker filter
finds).
"""
from __future__ import annotations

import functools
import math
import threading
from collections import Counter
from collections.abc import Iterable, Iterator, Set
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from whoosh import highlight, index
from whoosh import query as wq

from .errors import SearchError
from .index import NAMES, WORDS, as_text, has_index
from .index_columns import FACET_FIELDS, Columns, most_frequent
from .query import parse_query
from .ranking import KeptLengthsBM25F, KeptPostings, rank
from .store import slugify

SNIPPET_CHARS = 200
SORTS = ("relevance", "date")
# The outlet filter value (and facet value) of quotes whose outlet is not known.
UNKNOWN_OUTLET = "-"
UNKNOWN_OUTLET_LABEL = "outlet not known"
# How long one search may take: a longer one is refused with a SearchError that says so.
TIME_LIMIT = 5.0  # seconds


@dataclass
class Hit:
    """One search result.

    ``snippet`` is the quote (or its best part) with the matched words marked:
    ``[like this]``, or in HTML-escaped text ``<mark>like this</mark>`` when the
    search asked for HTML. ``versions`` is how many quotes share the hit's
    cluster (1 when it has none).
    """

    quote_id: str
    score: float
    text: str
    snippet: str
    speaker: str | None
    speaker_id: str | None
    role: str | None
    outlet: str | None
    outlet_id: str | None
    published: str | None
    title: str | None
    doc: str
    stance: str | None
    kind: str | None
    cluster_id: str | None
    versions: int


@dataclass
class FacetCount:
    """One value of a facet: ``value`` is what to filter on, ``label`` what to show."""

    value: str
    label: str
    count: int


@dataclass
class SearchResults:
    """One page of hits, how many there are in all, and facet counts over all of them.

    ``facets`` maps "speaker", "outlet", "stance" and "kind" to their most
    frequent values among the hits (quotes whose outlet is not known count
    under :data:`UNKNOWN_OUTLET`). With ``by_cluster`` the hits, the total and
    the counts are of statements: one hit per cluster.
    """

    hits: list[Hit]
    total: int
    page: int
    per_page: int
    facets: dict[str, list[FacetCount]] = field(default_factory=dict)

    @property
    def pages(self) -> int:
        """How many pages the hits fill (at least one)."""
        return max(1, math.ceil(self.total / self.per_page))


# -- searching ------------------------------------------------------------------


def search(index_dir: str | Path, query: str, **options: Any) -> list[Hit]:
    """The hits of the first page (or ``page=``) of :func:`search_page`, best first.

    >>> search("no-such-index", "war")
    Traceback (most recent call last):
    quotes.errors.SearchError: no search index in no-such-index; run `quotes build` first
    """
    return search_page(index_dir, query, **options).hits


def search_page(
    index_dir: str | Path,
    query: str,
    *,
    speaker: str | None = None,
    outlet: str | None = None,
    since: str | None = None,
    until: str | None = None,
    stance: str | None = None,
    kind: str | None = None,
    by_cluster: bool = False,
    sort: str = "relevance",
    limit: int = 20,
    page: int = 1,
    html: bool = False,
    time_limit: float = TIME_LIMIT,
) -> SearchResults:
    """The quotes matching ``query``: page ``page`` of ``limit`` hits, with the total and facet counts.

    ``sort`` is "relevance" (BM25F, best first) or "date" (newest first,
    undated last). ``speaker`` matches the speaker ID or any spelling of the
    speaker's names, transliterations included; ``outlet`` the outlet's name
    or ID (:data:`UNKNOWN_OUTLET` for quotes whose outlet is not known);
    ``since``/``until`` are inclusive ``YYYY-MM-DD`` dates; ``stance`` and
    ``kind`` the values the store gives. ``by_cluster`` keeps one hit per
    statement cluster. An empty query matches every quote, so the filters
    alone can list them. ``html`` gives HTML-escaped snippets marked with
    ``<mark>``.

    Raises :class:`SearchError` on a query Whoosh cannot parse or that is too
    large, a bad date, sort, limit or page, a search that takes longer than
    ``time_limit`` seconds, or a missing index.
    """
    if limit < 1:
        raise SearchError(f"limit must be at least 1, not {limit}")
    if page < 1:
        raise SearchError(f"page must be at least 1, not {page}")
    if sort not in SORTS:
        raise SearchError(f"sort must be one of {', '.join(SORTS)}, not {sort!r}")
    opened = open_index(Path(index_dir))
    parsed = parse_query(query)
    with opened.lock:
        searcher, columns, postings = opened.searcher, opened.columns, opened.postings
        allowed = _allowed(searcher, columns, speaker=speaker, outlet=outlet, since=since, until=until,
                           stance=stance, kind=kind)
        # One pass finds and ranks every match: the total and the counts need them all, and a word
        # common enough to be slow leaves Whoosh's top-N collector nothing to skip, so ranking only the
        # best page after listing the matches read every posting twice.
        ranked, found, score_of = rank(searcher, columns, postings, parsed, allowed, sort, time_limit,
                                       best=None if by_cluster else page * limit)
        if by_cluster:
            ranked = found = list(_one_per_cluster(ranked, columns.values["cluster_id"]))
        every_quote = not by_cluster and allowed is None and parsed == wq.Every()
        facets = _facet_counts(searcher, columns, None if every_quote else found)
        snippet = Snippets(parsed, searcher.reader(), html=html)
        shown = ranked[(page - 1) * limit : page * limit]
        hits = [_hit(searcher, columns, docnum, score_of(docnum), snippet) for docnum in shown]
    return SearchResults(hits=hits, total=len(found), page=page, per_page=limit, facets=facets)


# -- the open index ------------------------------------------------------------------


class OpenIndex:
    """A searcher over one version of an index, with its :class:`Columns`.

    Opening an index and reading its columns costs far more than a search, so
    it is done once per version (see :func:`open_index`). A Whoosh searcher
    reads files through shared handles: one search at a time holds ``lock``.
    """

    def __init__(self, index_dir: Path, version: Any):
        self.version = version
        self.searcher = _open_existing(index_dir).searcher()
        reader = self.searcher.reader()
        self.columns = Columns.read(reader)
        # What BM25FScorer reads for each document: its length, 1 when it has none.
        self.searcher.weighting = KeptLengthsBM25F(
            [reader.doc_field_length(docnum, "text", 1) for docnum in range(reader.doc_count_all())])
        self.postings = KeptPostings(self.searcher)
        self.lock = threading.Lock()

    def close(self) -> None:
        with self.lock:
            self.searcher.close()


_open_indexes: dict[Path, OpenIndex] = {}
_opening = threading.Lock()


def open_index(index_dir: Path) -> OpenIndex:
    """The index at ``index_dir``, open and ready; opened again after anything changed it.

    Raises :class:`SearchError` when there is no index or it is damaged.
    """
    key = index_dir.resolve()
    with _opening:
        version = _version_of_index(key)
        current = _open_indexes.get(key)
        if current is not None and current.version == version:
            return current
        opened = _open_indexes[key] = OpenIndex(index_dir, version)
    if current is not None:
        current.close()
    return opened


def _version_of_index(index_dir: Path) -> tuple[tuple[str, int, int, int], ...]:
    """What every commit to a Whoosh index changes: the name, time, inode and size of its table of contents."""
    try:
        tables = [(toc.name, toc.stat()) for toc in index_dir.glob("_*.toc")]
    except OSError:  # a commit replaced the table while it was read: a version no open index has
        return ()
    return tuple(sorted((name, stat.st_mtime_ns, stat.st_ino, stat.st_size) for name, stat in tables))


def _open_existing(index_dir: Path) -> index.Index:
    if not has_index(index_dir):
        raise SearchError(f"no search index in {index_dir}; run `quotes build` first")
    try:
        return index.open_dir(index_dir)
    except Exception as error:  # Whoosh has no common error type for a truncated or missing segment
        raise SearchError(
            f"the search index in {index_dir} is damaged ({type(error).__name__}); "
            "run `quotes build` or `quotes check --repair` to rebuild it"
        ) from None


# -- filters -------------------------------------------------------------------


def _allowed(
    searcher: Any, columns: Columns, *, speaker: str | None, outlet: str | None, since: str | None,
    until: str | None, stance: str | None, kind: str | None,
) -> Set[int] | None:
    """The documents the filters let through; ``None`` when no filter is set.

    Values of one term per quote (IDs, stance, kind, date) and the words of
    speakers' names are read from the columns; outlet names are looked up in
    the index.
    """
    parts = []
    if speaker:
        parts.append(columns.speaking(speaker))
    if outlet == UNKNOWN_OUTLET:
        parts.append(columns.having("outlet_id", None))
    elif outlet:
        parts.append(_documents(searcher, _all_words(("outlet",), outlet))
                     | columns.having("outlet_id", slugify(outlet)) | columns.having("outlet_id", outlet))
    if since or until:
        start = _date("since", since) if since else date.min
        end = _date("until", until) if until else date.max
        parts.append({docnum for day, docs in columns.dated if start <= day <= end for docnum in docs})
    if stance:
        parts.append(columns.having("stance", stance))
    if kind:
        parts.append(columns.having("kind", kind))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else set(parts[0]).intersection(*parts[1:])


def _documents(searcher: Any, query: wq.Query) -> set[int]:
    """The documents matching ``query``, by set operations over its terms' documents
    (Whoosh's matchers would step through the combination one document at a time)."""
    if isinstance(query, wq.And):
        return set.intersection(*(_documents(searcher, part) for part in query.subqueries))
    if isinstance(query, wq.Or):
        return set().union(*(_documents(searcher, part) for part in query.subqueries))
    return set(searcher.docs_for_query(query))


def _all_words(fields: tuple[str, ...], text: str) -> wq.Query:
    """Every word of ``text`` (case and accents folded) in one of ``fields``."""
    words = [token.text for token in NAMES(text)]
    return wq.And([wq.Or([wq.Term(f, w) for f in fields]) for w in words])


def _date(name: str, value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise SearchError(f"{name} date {value!r} is not a date YYYY-MM-DD") from None


# -- counting --------------------------------------------------------------------


def _one_per_cluster(ranked: Iterable[int], cluster_of: list[str | None]) -> Iterator[int]:
    """The best hit of each statement cluster (and every unclustered hit), in rank order."""
    seen: set[str] = set()
    for docnum in ranked:
        cluster_id = cluster_of[docnum]
        if cluster_id is None or cluster_id not in seen:
            seen.add(cluster_id)
            yield docnum


def _facet_counts(searcher: Any, columns: Columns, kept: Iterable[int] | None) -> dict[str, list[FacetCount]]:
    """Each facet's most frequent values among the ``kept`` hits (``None``: every quote), labelled
    for a reader."""
    if kept is None:
        tops = columns.top_totals
    else:
        tops = {fieldname: most_frequent(Counter(map(columns.values[fieldname].__getitem__, kept)))
                for fieldname in FACET_FIELDS.values()}
    return {name: [FacetCount(value=_facet_value(name, value), label=_facet_label(searcher, columns, name, value),
                              count=n) for value, n in tops[fieldname]]
            for name, fieldname in FACET_FIELDS.items()}


def _facet_value(name: str, value: str | None) -> str:
    if value is None:
        return UNKNOWN_OUTLET if name == "outlet" else ""
    return value


def _facet_label(searcher: Any, columns: Columns, name: str, value: str | None) -> str:
    """The speaker's or outlet's name as stored with one of its quotes; other facets show their value."""
    if value is None:
        return UNKNOWN_OUTLET_LABEL if name == "outlet" else f"{name} not known"
    if name in ("speaker", "outlet"):
        if (name, value) not in columns.labels:
            first = columns.documents[FACET_FIELDS[name]][value][0]
            columns.labels[name, value] = searcher.stored_fields(first).get(name) or value
        return columns.labels[name, value]
    return value


# -- hits and snippets ------------------------------------------------------------


class SnippetFormatter(highlight.Formatter):
    """The best fragments of a quote, joined and cut with "…" where the quote goes on."""

    def format(self, fragments: list[Any], replace: bool = False) -> str:
        joined = " … ".join(self.format_fragment(fragment, replace) for fragment in fragments)
        if fragments and fragments[0].startchar > 0:
            joined = "… " + joined
        if fragments and fragments[-1].endchar < len(fragments[-1].text):
            joined += " …"
        return joined


class BracketFormatter(SnippetFormatter):
    """Marks matched words ``[like this]``: readable in a terminal, no HTML."""

    def format_token(self, text: str, token: Any, replace: bool = False) -> str:
        return f"[{highlight.get_text(text, token, replace)}]"


class MarkFormatter(SnippetFormatter):
    """HTML-escapes the text and marks matched words ``<mark>like this</mark>``."""

    def _text(self, text: str) -> str:
        return highlight.htmlescape(text, quote=False)

    def format_token(self, text: str, token: Any, replace: bool = False) -> str:
        return f"<mark>{self._text(highlight.get_text(text, token, replace))}</mark>"


class Snippets:
    """Quote texts with the words a query matched marked (see :class:`Hit`).

    The query's terms (wildcards and fuzzy terms expanded) are looked up once
    per search, and only when a hit is shown: Whoosh's per-hit highlighting
    expands them again for every hit.
    """

    def __init__(self, parsed: wq.Query, reader: Any, html: bool = False):
        self.parsed, self.reader = parsed, reader
        self.fragmenter = highlight.ContextFragmenter(maxchars=SNIPPET_CHARS, surround=60)
        self.formatter = MarkFormatter() if html else BracketFormatter()

    @functools.cached_property
    def terms(self) -> frozenset[str]:
        return frozenset(as_text(term) for fieldname, term in self.parsed.existing_terms(self.reader, expand=True)
                         if fieldname == "text")

    def __call__(self, text: str) -> str:
        marked = highlight.highlight(text, self.terms, WORDS, self.fragmenter, self.formatter)
        return marked or self.formatter._text(_shorten(text))


def _hit(searcher: Any, columns: Columns, docnum: int, score: float | None, snippet: Snippets) -> Hit:
    stored = searcher.stored_fields(docnum)
    text = stored["text"]
    cluster_id = stored.get("cluster_id")
    published = stored.get("published")
    return Hit(
        quote_id=stored["quote_id"],
        score=round(score or 0.0, 4),
        text=text,
        snippet=snippet(text),
        speaker=stored.get("speaker"),
        speaker_id=stored.get("speaker_id"),
        role=stored.get("role"),
        outlet=stored.get("outlet"),
        outlet_id=stored.get("outlet_id"),
        published=published.date().isoformat() if published else None,
        title=stored.get("title"),
        doc=stored["doc"],
        stance=stored.get("stance"),
        kind=stored.get("kind"),
        cluster_id=cluster_id,
        versions=columns.totals["cluster_id"][cluster_id] if cluster_id else 1,
    )


def _shorten(text: str, width: int = SNIPPET_CHARS) -> str:
    """``text`` cut at a word boundary to about ``width`` characters.

    >>> _shorten("one two three", 8)
    'one two …'
    """
    if len(text) <= width:
        return text
    return text[:width].rsplit(" ", 1)[0] + " …"
