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
"""
from __future__ import annotations

import functools
import heapq
import math
import re
import threading
import weakref
from array import array
from bisect import bisect_left
from collections import Counter, OrderedDict
from collections.abc import Iterable, Iterator, Sequence, Set
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from operator import neg
from pathlib import Path
from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein
from whoosh import highlight, index, scoring
from whoosh import query as wq
from whoosh.collectors import FilterCollector, TimeLimit, TimeLimitCollector
from whoosh.matching import ListMatcher, NullMatcher, UnionMatcher, WrappingMatcher
from whoosh.qparser import FuzzyTermPlugin, PrefixPlugin, QueryParser, WildcardPlugin
from whoosh.util import make_weighted_tree

from .errors import SearchError
from .index import NAMES, PAIR_SEPARATOR, SCHEMA, WORDS, as_text, has_index
from .names import by_transliteration_key, fold, name_key, same_transliterated_word, token_transliteration_key
from .store import slugify

# Fields a query may name (``speaker:kirby``); the others are bookkeeping.
QUERY_FIELDS = ("text", "speaker", "speaker_names", "role", "outlet", "title", "published", "kind", "stance")

SNIPPET_CHARS = 200
SORTS = ("relevance", "date")
# Facet name -> indexed field it counts.
FACET_FIELDS = {"speaker": "speaker_id", "outlet": "outlet_id", "stance": "stance", "kind": "kind"}
FACET_SIZE = 20  # values listed per facet, most frequent first
# The outlet filter value (and facet value) of quotes whose outlet is not known.
UNKNOWN_OUTLET = "-"
UNKNOWN_OUTLET_LABEL = "outlet not known"

# What one search may cost: longer queries, more terms, wider fuzzy terms or
# more time are refused with a SearchError that says so.
MAX_QUERY_CHARS = 2000
MAX_QUERY_TERMS = 200
MAX_FUZZY_EDITS = 2
MAX_EXPANSIONS = 1000  # words one wildcard may stand for
TIME_LIMIT = 5.0  # seconds
# Memory for the postings of the quote text's words and word pairs kept read between searches
# (see KeptPostings), at about the bytes a posting takes there.
POSTINGS_KEPT_BYTES = 48_000_000
WORD_POSTING_BYTES = 12  # a document number and a score, in arrays
PAIR_POSTING_BYTES = 64  # a document number in an array, and a tuple of positions
SPEAKER_FILTERS_KEPT = 64

PHRASE = re.compile(r'"[^"]*"')
DANGLING_BEFORE = re.compile(r"(?:^|\()\s*(AND|OR)\b")
DANGLING_AFTER = re.compile(r"\b(AND|OR|NOT)\s*(?:$|\))")
FIELD_PREFIX = re.compile(r"(?<![\w.])([A-Za-z_]\w*):(?=\S)")


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
        ranked, found, score_of = _rank(searcher, columns, postings, parsed, allowed, sort, time_limit,
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


@dataclass
class Columns:
    """The values of the fields searches count and sort by, for every live document of one
    version of the index, by document number.

    Whoosh reads them from the index for each search that groups or sorts by
    them, seconds at 100,000 quotes; here they are read once per version.
    """

    live: list[int]  # the documents not deleted, in document order
    values: dict[str, list[str | None]]  # field -> each document's value (None when it has none)
    documents: dict[str, dict[str | None, list[int]]]  # facet field -> value -> the documents with it
    first_doc: dict[str, dict[str | None, int]]  # field -> value -> the first document with it
    totals: dict[str, Counter]  # field -> how many live documents have each value
    top_totals: dict[str, list[tuple[str | None, int]]]  # facet field -> its most frequent values (see _top)
    dated: list[tuple[date, list[int]]]  # each publication date, oldest first, with its documents
    newest_first_rank: list[int]  # each document's place by date, newest first, undated last
    newest_first: list[int]  # the live documents by that place, in document order within one date
    speaker_words: dict[str, list[str]]  # every word of every speaker's names, by transliteration key
    speaker_word_documents: dict[str, array]  # each of those words -> the documents whose speaker has it
    # (facet, value) -> the label a reader sees, read from a stored quote when first shown.
    labels: dict[tuple[str, str | None], str] = field(default_factory=dict)
    # The last speaker filters asked (see speaking), with the documents they let through.
    speaker_filters: OrderedDict[str, frozenset[int]] = field(default_factory=OrderedDict)

    @classmethod
    def read(cls, reader: Any) -> Columns:
        live = list(reader.all_doc_ids())
        values = {name: _column(reader, name) for name in (*FACET_FIELDS.values(), "cluster_id")}
        first_doc: dict[str, dict[str | None, int]] = {}
        for name, column in values.items():
            first_doc[name] = {}
            for docnum in live:
                first_doc[name].setdefault(column[docnum], docnum)
        totals = {name: Counter(column[docnum] for docnum in live) for name, column in values.items()}
        documents: dict[str, dict[str | None, list[int]]] = {}
        for name in FACET_FIELDS.values():
            documents[name] = {}
            for docnum in live:
                documents[name].setdefault(values[name][docnum], []).append(docnum)
        dated = _dated(reader)
        rank = [len(dated)] * reader.doc_count_all()
        for place, (_, docs) in enumerate(reversed(dated)):
            for docnum in docs:
                rank[docnum] = place
        return cls(
            live=live, values=values, documents=documents, first_doc=first_doc, totals=totals,
            top_totals={name: _top(totals[name]) for name in FACET_FIELDS.values()}, dated=dated,
            newest_first_rank=rank, newest_first=sorted(live, key=rank.__getitem__),
            speaker_words=by_transliteration_key(as_text(term) for term in reader.lexicon("speaker_words")),
            speaker_word_documents={as_text(term): array("i", reader.postings("speaker_words", term).all_ids())
                                    for term in reader.lexicon("speaker_words")},
        )

    def having(self, fieldname: str, value: str | None) -> set[int]:
        """The documents whose ``fieldname`` (a facet field) is ``value`` (``None``: has none)."""
        return set(self.documents[fieldname].get(value, ()))

    def speaking(self, speaker: str) -> frozenset[int]:
        """The documents a speaker filter lets through: the speaker's ID, or names it finds (see
        :meth:`spoken_by`); kept for the last :data:`SPEAKER_FILTERS_KEPT` filters asked, as a page of
        a speaker asks the same filter again and again (a speaker of 20,000 quotes costs 30 ms)."""
        if speaker in self.speaker_filters:
            self.speaker_filters.move_to_end(speaker)
        else:
            self.speaker_filters[speaker] = frozenset(self.having("speaker_id", speaker) | self.spoken_by(speaker))
            if len(self.speaker_filters) > SPEAKER_FILTERS_KEPT:
                self.speaker_filters.popitem(last=False)
        return self.speaker_filters[speaker]

    def spoken_by(self, speaker: str) -> set[int]:
        """The documents whose speaker has, for every word of ``speaker``, that word or a transliteration
        of it among the words of their names."""
        wanted = _wanted_words(speaker)
        if not wanted:
            return set()
        return set.intersection(*(
            set().union(*(self.speaker_word_documents[word] for word in self.speaker_words.get(key, [])
                          if same_transliterated_word(w, word)))
            for w, key in wanted
        ))


def _column(reader: Any, fieldname: str) -> list[str | None]:
    """Each document's value of a field that holds one term per document (an ID)."""
    column: list[str | None] = [None] * reader.doc_count_all()
    for term in reader.lexicon(fieldname):
        value = as_text(term)
        for docnum in reader.postings(fieldname, term).all_ids():
            column[docnum] = value
    return column


def _dated(reader: Any) -> list[tuple[date, list[int]]]:
    """Each publication date in the index, oldest first, with the documents of that date."""
    field = reader.schema["published"]
    return [(field.from_bytes(term).date(), list(reader.postings("published", term).all_ids()))
            for term in field.sortable_terms(reader, "published")]  # one term per date, in order


class KeptLengthsBM25F(scoring.BM25F):
    """Whoosh's BM25F, reading the length of each document's quote text from a list read once per
    version of the index, not from the index for every document it scores (a quarter of a search).

    The list is by document number in the whole index; Whoosh scores each
    segment with that segment's numbers, which start from 0.
    """

    def __init__(self, text_lengths: list[int]):
        super().__init__()
        self.text_lengths = text_lengths

    def scorer(self, searcher: Any, fieldname: str, text: str, qf: int = 1) -> Any:
        scorer = super().scorer(searcher, fieldname, text, qf)
        if fieldname == "text" and isinstance(scorer, scoring.BM25FScorer):
            parent = searcher.get_parent()  # the searcher itself when it is the whole index's
            offset = 0 if parent is searcher else next(
                start for leaf, start in parent.leaf_searchers() if leaf is searcher)
            scorer.dfl = (self.text_lengths.__getitem__ if offset == 0
                          else functools.partial(_length_in_segment, self.text_lengths, offset))
        return scorer


def _length_in_segment(text_lengths: list[int], offset: int, docnum: int) -> int:
    return text_lengths[offset + docnum]


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


# -- ranking and counting -------------------------------------------------------------------


def _rank(searcher: Any, columns: Columns, postings: KeptPostings, parsed: wq.Query, allowed: Set[int] | None,
          sort: str, time_limit: float, best: int | None = None) -> tuple[Sequence[int], Sequence[int], Any]:
    """The matching documents (among the ``allowed`` ones, when a filter is set) in order, best
    first or newest first (with ``best``, at least that many of the first, not always all); every
    matching document, in any order; and each ranked one's score.

    Sorted by date, hits have no score (``None``). A query for every quote
    scores them all alike and keeps document order, as Whoosh does; it is
    answered from the columns without running it. A query of one word, one
    phrase, one wildcard or one fuzzy term of the quote text is scored from
    the kept postings (:func:`_scored_from_postings`: reading a word's
    postings the first time is bounded by the number of quotes, and not
    checked against ``time_limit``), any other by Whoosh's matchers.
    """
    if allowed is not None and not allowed:  # nothing passes the filters (Whoosh reads an empty filter as none)
        return [], [], _no_score
    if parsed == wq.Every():
        if allowed is None:
            return (columns.newest_first if sort == "date" else columns.live, columns.live,
                    _no_score if sort == "date" else _even_score)
        docs = sorted(allowed)
        if sort == "date":
            return sorted(docs, key=columns.newest_first_rank.__getitem__), docs, _no_score
        return docs, docs, _even_score
    scored = _scored_from_postings(postings, parsed)
    if scored is None:
        results = _collect(searcher, parsed, allowed, time_limit)
        scores = {results.docnum(i): results.score(i) for i in range(results.scored_length())}
        ranked = found = list(scores)  # best first
    else:
        if allowed is not None:
            scored = [(negated, docnum) for negated, docnum in scored if docnum in allowed]
        found = [docnum for _, docnum in scored]
        # Best first, ties in document order, as Whoosh's collector ranks them.
        scored = sorted(scored) if best is None or sort == "date" else heapq.nsmallest(best, scored)
        ranked = [docnum for _, docnum in scored]
        scores = {docnum: -negated for negated, docnum in scored}
    if sort == "date":
        # Dated quotes first (newest first), then undated ones; relevance breaks ties.
        return sorted(ranked, key=columns.newest_first_rank.__getitem__), found, _no_score
    return ranked, found, scores.get


def _even_score(docnum: int) -> float:
    return 1.0


def _no_score(docnum: int) -> None:
    return None


def _collect(searcher: Any, parsed: wq.Query, allowed: Set[int] | None, time_limit: float) -> Any:
    """Every matching document (among the ``allowed`` ones) scored, best first (ties in document
    order), within the time limit."""
    collector = searcher.collector(limit=None)
    # The alarm signal is for the main thread only; the web server searches in worker threads.
    collector = TimeLimitCollector(collector, time_limit, use_alarm=False)
    if allowed is not None:
        # Outside the time limit: wrapped inside it, Whoosh's filter lets every document through.
        # Whoosh takes a set, not a frozenset (which a kept speaker filter is).
        collector = FilterCollector(collector, allow=set(allowed))
    try:
        searcher.search_with_collector(parsed, collector)
    except TimeLimit:
        raise SearchError(_too_long(time_limit)) from None
    return collector.results()


def _scored_from_postings(postings: KeptPostings, parsed: wq.Query) -> list[tuple[float, int]] | None:
    """(score negated, document) of every document matching ``parsed`` when it is one word, one
    phrase (:class:`PairedPhrase`) or one wildcard or fuzzy term (:class:`ExpandedOnce`) of the
    quote text, scored as Whoosh scores them; ``None`` for any other query.

    Whoosh steps its matchers through every match in Python, unpickling
    blocks of postings (positions and all) as it goes, and scores each
    document; here a word's documents and scores, and a phrase's documents,
    come from the kept postings.
    """
    if isinstance(parsed, ExpandedOnce) and parsed.fieldname == "text" and parsed.text != "*":  # "*": every quote
        return _scored_as_union(postings, parsed)
    if isinstance(parsed, PairedPhrase) and (pairs := parsed.pairs()) is not None:
        words = [postings.word(word) for word in parsed.words]
        if any(word is None for word in words):
            return []
        return [(-(_sum_as_whoosh([scores[bisect_left(ids, docnum)] for ids, scores in words]) * parsed.boost),
                 docnum) for docnum in postings.phrase_documents(pairs)]
    if type(parsed) is wq.Term and parsed.fieldname == "text":
        word = postings.word(parsed.text)
        if word is None:
            return []
        ids, scores = word
        boost = parsed.boost
        negated = map(neg, scores) if boost == 1.0 else (-(score * boost) for score in scores)
        return list(zip(negated, ids))
    return None


def _scored_as_union(postings: KeptPostings, parsed: ExpandedOnce) -> list[tuple[float, int]] | None:
    """(score negated, document) of every document holding one of the words a wildcard or fuzzy
    term stands for, scored as Whoosh scores it: one word as that word alone, more as Whoosh's
    union of them, each document's score the sum of its words' scores; ``None`` when Whoosh would
    split the term by segment or score it another way.

    Whoosh adds up the scores of a document along a tree of its unions,
    lightest words first; floating-point sums depend on their order, so a
    document with three words or more is summed along the tree Whoosh builds.
    """
    searcher = postings.searcher
    reader = searcher.reader()
    if not reader.is_atomic():  # Whoosh expands the term in each segment
        return None
    words = [word for word in parsed._btexts(reader) if word]
    # The conditions under which Whoosh's Or is a tree of unions (see whoosh.query.Or._matcher):
    # past them it preloads an array of scores, adding them up in another order or not at all.
    if len(words) > 2 and (searcher.doc_count_all() <= 5000 or len(words) >= wq.Or.TOO_MANY_CLAUSES):
        return None
    if not words:
        return []
    if len(words) == 1:  # Whoosh searches the one word as a plain term, without the term's boost
        ids, scores = postings.word(words[0])
        return list(zip(map(neg, scores), ids))
    in_document: dict[int, dict[int, float]] = {}
    for number, word in enumerate(words):
        ids, scores = postings.word(word)
        for docnum, score in zip(ids, scores):
            in_document.setdefault(docnum, {})[number] = score
    leaves = [ListMatcher([]) for _ in words]
    # Whoosh's own tree, built over stand-ins for the words' matchers (they compare as matchers do).
    tree = make_weighted_tree(UnionMatcher, [(reader.doc_frequency("text", word), leaf)
                                             for word, leaf in zip(words, leaves)])
    number_of = {id(leaf): number for number, leaf in enumerate(leaves)}

    def summed(node: Any, scores: dict[int, float]) -> float | None:
        if not node.children():
            return scores.get(number_of[id(node)])
        a, b = (summed(child, scores) for child in node.children())
        return a if b is None else b if a is None else a + b

    scored = []
    for docnum, scores in in_document.items():
        # One or two scores add up alike in any order.
        score = sum(scores.values()) if len(scores) < 3 else summed(tree, scores)
        scored.append((-(score * parsed.boost), docnum))
    return scored


class KeptPostings:
    """The documents holding each word of the quote text, with the word's score in each (as
    Whoosh's BM25F scores it), and the documents and positions of each pair of words, read from
    the index when a search first asks and kept for the next ones (the least recently asked
    dropped past :data:`POSTINGS_KEPT_BYTES`).

    Whoosh reads postings in blocks of 128, unpickling each with the
    positions of its words whenever a search steps into it: a common word
    ("people", "the") cost every search hundreds of blocks, most of its time.
    """

    def __init__(self, searcher: Any, budget: int = POSTINGS_KEPT_BYTES):
        self.searcher = searcher
        self.budget = budget
        self.kept: OrderedDict[tuple[str, str], tuple[array, Any]] = OrderedDict()
        self.size = 0  # bytes, about

    def word(self, text: str) -> tuple[array, array] | None:
        """The documents holding the word ``text`` of the quote text, in document order, and its score
        in each; ``None`` when none does."""
        return self._kept("text", text)

    def pair(self, text: str) -> tuple[array, list[tuple[int, ...]]] | None:
        """The documents holding the pair of words ``text``, in document order, and its positions in
        each; ``None`` when none does."""
        return self._kept("text_pairs", text)

    def _kept(self, fieldname: str, text: str) -> Any:
        key = (fieldname, text)
        if key in self.kept:
            self.kept.move_to_end(key)
            return self.kept[key]
        reader = self.searcher.reader()
        if key not in reader:
            return None
        matcher = reader.postings(fieldname, text)
        ids = array("i")
        found: tuple[array, Any]
        if fieldname == "text_pairs":
            positions = []
            while matcher.is_active():
                ids.append(matcher.id())
                positions.append(tuple(matcher.value_as("positions")))
                matcher.next()
            found = (ids, positions)
        else:
            scorer = self.searcher.weighting.scorer(self.searcher, fieldname, text)
            scores = array("d")
            while matcher.is_active():
                ids.append(matcher.id())
                scores.append(scorer.score(matcher))
                matcher.next()
            found = (ids, scores)
        self.kept[key] = found
        self.size += self._bytes(key, found)
        while self.size > self.budget and len(self.kept) > 1:
            self.size -= self._bytes(*self.kept.popitem(last=False))
        return found

    @staticmethod
    def _bytes(key: tuple[str, str], found: tuple[array, Any]) -> int:
        return len(found[0]) * (PAIR_POSTING_BYTES if key[0] == "text_pairs" else WORD_POSTING_BYTES)

    def phrase_documents(self, pairs: list[str]) -> list[int]:
        """The documents holding each of ``pairs`` one position after the one before, in document order
        (as Whoosh's phrase matcher over the pairs finds them)."""
        kept = [self.pair(pair) for pair in pairs]
        if any(pair is None for pair in kept):
            return []
        (first_ids, first_positions), rest = kept[0], kept[1:]
        if not rest:
            return list(first_ids)
        found = []
        for docnum, starts in zip(first_ids, first_positions):
            for offset, (ids, positions) in enumerate(rest, 1):
                at = bisect_left(ids, docnum)
                if at == len(ids) or ids[at] != docnum:
                    break
                starts = {start for start in starts if start + offset in positions[at]}
                if not starts:
                    break
            else:
                found.append(docnum)
        return found


def _too_long(time_limit: float) -> str:
    return (f"the search took longer than {time_limit:g} seconds; "
            "make the query narrower (fewer wildcards or fuzzy terms)")


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
        tops = {fieldname: _top(Counter(map(columns.values[fieldname].__getitem__, kept)))
                for fieldname in FACET_FIELDS.values()}
    return {name: [FacetCount(value=_facet_value(name, value), label=_facet_label(searcher, columns, name, value),
                              count=n) for value, n in tops[fieldname]]
            for name, fieldname in FACET_FIELDS.items()}


def _top(counts: dict[str | None, int]) -> list[tuple[str | None, int]]:
    """The :data:`FACET_SIZE` most frequent values, ties in the order of their values.

    Only the values counted at least as often as the last of them are
    sorted (a speaker facet counts thousands of values).
    """
    if len(counts) > FACET_SIZE:
        least = heapq.nlargest(FACET_SIZE, counts.values())[-1]
        counts = {value: n for value, n in counts.items() if n >= least}
    return sorted(counts.items(), key=lambda c: (-c[1], str(c[0])))[:FACET_SIZE]


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
            first = columns.first_doc[FACET_FIELDS[name]][value]
            columns.labels[name, value] = searcher.stored_fields(first).get(name) or value
        return columns.labels[name, value]
    return value


def parse_query(query_text: str) -> wq.Query:
    """Whoosh's query language over ``text``, fuzzy terms (``word~``, ``word~2``) included.

    A fuzzy term also matches the transliterations of its word that speaker
    resolution treats as one name (``Hizbolah~`` finds Hezbollah and Hizbullah).

    >>> str(parse_query('"wider war" speaker:Kirby'))
    '(text:"wider war" AND speaker:kirby)'
    """
    if len(query_text) > MAX_QUERY_CHARS:
        raise SearchError(f"the query is {len(query_text):,} characters long; at most {MAX_QUERY_CHARS:,} are searched")
    if not query_text.strip():
        return wq.Every()
    problems = list(_syntax_problems(query_text))
    if problems:
        raise SearchError(f"cannot parse query {query_text!r}: {'; '.join(problems)}")
    parser = QueryParser("text", SCHEMA, phraseclass=PairedPhrase)
    parser.remove_plugin_class(WildcardPlugin)
    parser.add_plugin(WrittenWildcardPlugin())
    parser.add_plugin(SpellingVariantsPlugin())
    try:
        parsed = parser.parse(query_text)
    except Exception as error:  # the parser's own failures carry no common type
        raise SearchError(f"cannot parse query {query_text!r}: {error}") from error
    problems = list(_errors(parsed)) + list(_cost_problems(parsed))
    if problems:
        raise SearchError(f"cannot parse query {query_text!r}: {'; '.join(problems)}")
    if parsed is wq.NullQuery:
        raise SearchError(f"query {query_text!r} has no words to search for")
    return parsed


class ExpandedOnce:
    """A query standing for many words (its ``_expand``), looked up once per reader (an index of
    several segments has one per segment): a search expands it to match documents, to score the
    best, and again to mark the words in snippets."""

    def _btexts(self, ixreader: Any) -> list[str]:
        expanded = self.__dict__.setdefault("_expanded", {})
        if ixreader not in expanded:
            expanded[ixreader] = self._expand(ixreader)
        return expanded[ixreader]


class WrittenPattern(ExpandedOnce, wq.Wildcard):
    """A wildcard over the quote text, matched against the words as written.

    The text is indexed stemmed ("escalate" and "escalation" as "escal"), so a
    pattern matched against the stems would miss them: ``escalat*`` matches
    the written words (escalate, escalation, escalating, escalatory) and
    searches their stems.
    """

    def __init__(self, fieldname: str, text: str, boost: float = 1.0, written: str | None = None):
        super().__init__(fieldname, text, boost=boost)
        self.written = written or text

    def normalize(self) -> wq.Query:
        return self  # Whoosh would turn a trailing * into a Prefix over the stems

    def _expand(self, ixreader: Any) -> list[str]:
        written = list(islice(wq.Wildcard("text_written", self.written)._btexts(ixreader), MAX_EXPANSIONS + 1))
        if len(written) > MAX_EXPANSIONS:
            raise SearchError(f"{self.written} matches more than {MAX_EXPANSIONS:,} words; make it longer")
        return sorted({token.text for word in written for token in WORDS(as_text(word))})


def _as_written(q: wq.Query, raw: str) -> wq.Query:
    """A parsed wildcard or prefix over the quote text, as a :class:`WrittenPattern` of ``raw``."""
    written = "".join(token.text for token in NAMES(raw, tokenize=False))
    if not isinstance(q, (wq.Wildcard, wq.Prefix)) or q.fieldname != "text" or not written.strip("*?"):
        return q  # other fields, and a lone * (every quote), stay Whoosh's
    return WrittenPattern(q.fieldname, q.text, boost=q.boost, written=written)


class WrittenWildcardPlugin(WildcardPlugin):
    """Whoosh's ``*`` and ``?`` syntax, making :class:`WrittenPattern` queries over the quote text."""

    class WildcardNode(WildcardPlugin.WildcardNode):
        def query(self, parser: Any) -> wq.Query:
            return _as_written(super().query(parser), self.text)

    nodetype = WildcardNode

    class PrefixNode(PrefixPlugin.PrefixNode):
        def query(self, parser: Any) -> wq.Query:
            return _as_written(super().query(parser), self.text + "*")

    def do_wildcards(self, parser: Any, group: Any) -> Any:
        group = super().do_wildcards(parser, group)
        for i, node in enumerate(group):
            if type(node) is PrefixPlugin.PrefixNode:  # Whoosh's own rewrite of "word*"
                group[i] = self.PrefixNode(node.text)
                group[i].startchar, group[i].endchar = node.startchar, node.endchar
        return group


class PairedPhrase(wq.Phrase):
    """A phrase over the quote text, found through the index's pairs of consecutive words.

    Whoosh finds a phrase by reading the positions of each of its words in
    every quote that holds them all: for "we are going to", most quotes, and
    the positions of "the" or "to" in blocks of a hundred quotes at a time.
    The index also holds each pair of consecutive words of a quote, with its
    position (``text_pairs``): the words follow one another exactly where
    their pairs do, one position apart ("we are going" is "we are" then
    "are going"), and pairs are rare, so the phrase is matched on them. The
    hits are scored as Whoosh scores a phrase: the sum of its words' scores.
    A phrase over another field, of one word, or with a slop is Whoosh's.
    """

    def pairs(self) -> list[str] | None:
        """The phrase's pairs of consecutive words; ``None`` for a phrase left to Whoosh."""
        if self.fieldname != "text" or self.slop != 1 or len(self.words) < 2:
            return None
        return [f"{first}{PAIR_SEPARATOR}{second}" for first, second in zip(self.words, self.words[1:])]

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        pairs = self.pairs()
        if pairs is None:
            return super().matcher(searcher, context)
        reader = searcher.reader()
        if any(("text_pairs", pair) not in reader for pair in pairs):
            return NullMatcher()
        if len(pairs) == 1:
            found = wq.Term("text_pairs", pairs[0]).matcher(searcher, context)
        else:
            found = wq.Phrase("text_pairs", pairs).matcher(searcher, context)
        words = [wq.Term(self.fieldname, word).matcher(searcher, context) for word in self.words]
        matcher = ScoredByWordsMatcher(found, words)
        return WrappingMatcher(matcher, boost=self.boost) if self.boost != 1.0 else matcher


class ScoredByWordsMatcher(WrappingMatcher):
    """The documents ``found`` matches, scored as the sum of the scores of ``words`` (term matchers
    over every document found), added in the order of Whoosh's phrase matcher, a binary tree of
    intersections, so that scores come out equal to the last bit.

    The words are moved to a document only when it is scored: which documents
    match (the total, the facets) is read from ``found`` alone.
    """

    def __init__(self, found: Any, words: list[Any]):
        super().__init__(found)
        self.words = words

    def copy(self) -> ScoredByWordsMatcher:
        return ScoredByWordsMatcher(self.child.copy(), [word.copy() for word in self.words])

    def replace(self, minquality: float = 0) -> Any:
        return self if self.is_active() else NullMatcher()

    def supports_block_quality(self) -> bool:
        return False  # the pairs' block qualities do not bound the words' scores

    def score(self) -> float:
        docnum = self.child.id()
        for word in self.words:
            word.skip_to(docnum)  # every document found holds every word of the phrase
        return _sum_as_whoosh([word.score() for word in self.words])


def _sum_as_whoosh(scores: list[float]) -> float:
    """The sum of the words' scores, split in halves as Whoosh's ``make_binary_tree`` splits its matchers."""
    if len(scores) == 1:
        return scores[0]
    half = len(scores) // 2
    return _sum_as_whoosh(scores[:half]) + _sum_as_whoosh(scores[half:])


class SpellingVariants(ExpandedOnce, wq.FuzzyTerm):
    """A fuzzy term that also matches the word's transliterations (same key, alike enough).

    The words it stands for are those Whoosh's fuzzy term finds (within
    ``maxdist`` edits, the first ``prefixlength`` letters the same) and the
    transliterations, both looked up in the field's :class:`FieldWords`.
    """

    def _expand(self, ixreader: Any) -> list[str]:
        words = FieldWords.of(ixreader, self.fieldname)
        return sorted(set(words.within(self.text, self.maxdist, self.prefixlength)) | set(words.variants(self.text)))


class FieldWords:
    """The words of one field of one segment of the index, read when a fuzzy term first asks and
    kept while the segment is open.

    Whoosh finds the words near a fuzzy term by walking an automaton over the
    lexicon in Python, and trying each word for a transliteration cost as
    much again (tens of milliseconds a term at 25,000 quotes, for every
    search); here the distances are computed by rapidfuzz, in C, and
    transliterations are looked up by their key.
    """

    _of_reader: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    def __init__(self, words: list[str]):
        self.words = words
        self.by_first_letter: dict[str, list[str]] = {}
        for word in words:
            self.by_first_letter.setdefault(word[:1], []).append(word)
        # First letter -> the words beginning with it by transliteration key (which begins with that
        # letter), grouped when a term first asks: keying every word would cost seconds at 250,000 quotes.
        self.by_key: dict[str, dict[str, list[str]]] = {}

    @classmethod
    def of(cls, reader: Any, fieldname: str) -> FieldWords:
        """The lexicon of ``fieldname`` in ``reader`` (one segment), read once."""
        lexicons = cls._of_reader.setdefault(reader, {})
        if fieldname not in lexicons:
            lexicons[fieldname] = cls([as_text(term) for term in reader.lexicon(fieldname)])
        return lexicons[fieldname]

    def within(self, text: str, maxdist: int, prefixlength: int) -> list[str]:
        """The words at most ``maxdist`` Levenshtein edits from ``text`` that begin with its first
        ``prefixlength`` letters: what Whoosh's fuzzy term matches."""
        start = text[:prefixlength]
        pool = [word for word in self.by_first_letter.get(text[:1], []) if word.startswith(start)] if start else self.words
        return [word for word, _, _ in process.extract(text, pool, scorer=Levenshtein.distance,
                                                       score_cutoff=maxdist, limit=None)]

    def variants(self, text: str) -> list[str]:
        """The words :func:`~quotes.names.same_transliterated_word` takes for spellings of ``text``."""
        letter = text[:1]
        if letter not in self.by_key:
            self.by_key[letter] = by_transliteration_key(self.by_first_letter.get(letter, []))
        return [word for word in self.by_key[letter].get(token_transliteration_key(text), [])
                if same_transliterated_word(text, word)]


class SpellingVariantsPlugin(FuzzyTermPlugin):
    """Whoosh's ``word~`` syntax, making :class:`SpellingVariants` terms."""

    class FuzzyTermNode(FuzzyTermPlugin.FuzzyTermNode):
        qclass = SpellingVariants


def _syntax_problems(query_text: str) -> Iterator[str]:
    """Mistakes Whoosh would silently search for as words: unclosed phrases and
    parentheses, dangling operators, unknown field names.

    >>> list(_syntax_problems('(war OR'))
    ['a ( is not closed', 'OR needs a term after it']
    >>> list(_syntax_problems('"wider war'))
    ['a phrase has no closing "']
    """
    if query_text.count('"') % 2:
        yield 'a phrase has no closing "'
    outside_phrases = PHRASE.sub('""', query_text)
    depth = 0
    for char in outside_phrases:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            yield "a ) has no ("
            break
    if depth > 0:
        yield "a ( is not closed"
    for operator in DANGLING_BEFORE.findall(outside_phrases):
        yield f"{operator} needs a term before it"
    for operator in DANGLING_AFTER.findall(outside_phrases):
        yield f"{operator} needs a term after it"
    for name in FIELD_PREFIX.findall(outside_phrases):
        if name not in QUERY_FIELDS:
            yield f"no field {name!r} (fields: {', '.join(sorted(QUERY_FIELDS))})"


def _errors(q: wq.Query) -> Iterator[str]:
    """Messages Whoosh attached to parts of a query it could not understand."""
    error = getattr(q, "error", None)
    if error:
        yield str(error)
    for child in q.children():
        yield from _errors(child)


def _cost_problems(q: wq.Query) -> Iterator[str]:
    """Too many terms, or fuzzy terms too wide to search in reasonable time.

    >>> list(_cost_problems(parse_query("war~2")))
    []
    """
    terms = sum(1 for _ in q.iter_all_terms(phrases=True))
    if terms > MAX_QUERY_TERMS:
        yield f"{terms} terms; at most {MAX_QUERY_TERMS} are searched"
    for leaf in q.leaves():
        if isinstance(leaf, wq.FuzzyTerm) and leaf.maxdist > MAX_FUZZY_EDITS:
            yield f"{leaf.text}~{leaf.maxdist} allows {leaf.maxdist} edits; at most {MAX_FUZZY_EDITS}"


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


def name_words(name: str) -> list[str]:
    """The words a speaker filter looks for: the name without titles and "al-", folded.

    A name that is all title ("Admiral") keeps its words.

    >>> name_words("Maj. Gen. Pat Ryder"), name_words("al-Hamidawi"), name_words("Kata'ib Hezbollah")
    (['pat', 'ryder'], ['hamidawi'], ['kataib', 'hezbollah'])
    """
    return name_key(name).split() or fold(name).split()


def name_matches(query: str, name: str) -> bool:
    """Whether a speaker filter ``query`` finds ``name``: each of its words is a word of
    the name, or a transliteration of one (as speaker resolution compares names).

    >>> name_matches("Kataib Hizbullah", "Kata'ib Hezbollah"), name_matches("kirby", "John Kirby")
    (True, True)
    >>> name_matches("Hassan Nasrallah", "Hussein Nasrallah"), name_matches("", "John Kirby")
    (False, False)
    """
    wanted = _wanted_words(query)
    words = _name_words_by_key(name)
    return bool(wanted) and all(
        any(same_transliterated_word(w, word) for word in words.get(key, ())) for w, key in wanted
    )


class SpeakerNames:
    """Speakers' names, indexed to find every speaker one of whose names a speaker filter
    matches (as :func:`name_matches` decides) without trying each name."""

    def __init__(self, names: Iterable[tuple[str, str]]):
        """``names``: (speaker ID, name) pairs, every name a speaker goes by."""
        self._speaker_ids: list[str] = []
        self._words: dict[str, list[tuple[str, int]]] = {}  # transliteration key -> (word, name number)
        for number, (speaker_id, name) in enumerate(names):
            self._speaker_ids.append(speaker_id)
            for key, words in _name_words_by_key(name).items():
                self._words.setdefault(key, []).extend((word, number) for word in words)

    def matching(self, query: str) -> set[str]:
        """The IDs of the speakers with a name that ``query`` finds."""
        found: set[int] | None = None
        for w, key in _wanted_words(query):
            names = {number for word, number in self._words.get(key, ()) if same_transliterated_word(w, word)}
            found = names if found is None else found & names
        return {self._speaker_ids[number] for number in found or ()}


# A page of speakers (or a query over every name) asks about the same names and queries again and again.
@functools.lru_cache(maxsize=256)
def _wanted_words(query: str) -> tuple[tuple[str, str], ...]:
    """The words of a speaker filter, each with its transliteration key."""
    return tuple((word, token_transliteration_key(word)) for word in name_words(query))


@functools.lru_cache(maxsize=200_000)
def _name_words_by_key(name: str) -> dict[str, list[str]]:
    """The folded words of ``name`` by transliteration key (a word is only ever a variant of words of its key)."""
    return by_transliteration_key(fold(name).split())


def _all_words(fields: tuple[str, ...], text: str) -> wq.Query:
    """Every word of ``text`` (case and accents folded) in one of ``fields``."""
    words = [token.text for token in NAMES(text)]
    return wq.And([wq.Or([wq.Term(f, w) for f in fields]) for w in words])


def _date(name: str, value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise SearchError(f"{name} date {value!r} is not a date YYYY-MM-DD") from None


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
