"""Ranking the quotes a query matches: which match, in what order, with what scores.

Scores are Whoosh's BM25F to the last bit, but mostly not computed by
Whoosh, whose matchers step through every match in Python (most of a
search's time). :class:`KeptPostings` keeps each word's documents and scores,
and each pair of words' documents and positions, between searches;
:func:`scored_from_postings` scores a query of one word, phrase, wildcard or
fuzzy term from them, adding scores up in the order Whoosh does. :func:`rank`
uses it, leaves any other query to Whoosh's matchers, and orders the matches
by relevance or date. Both score with :class:`KeptLengthsBM25F`, the weighting of the
index opened once per version (:class:`quotes.search.OpenIndex`).
"""
from __future__ import annotations

import functools
import heapq
from array import array
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Sequence, Set
from operator import neg
from typing import Any

from whoosh import query as wq
from whoosh import scoring
from whoosh.collectors import FilterCollector, TimeLimit, TimeLimitCollector
from whoosh.matching import ListMatcher, UnionMatcher
from whoosh.util import make_weighted_tree

from .errors import SearchError
from .index_columns import Columns
from .query import ExpandedOnce, PairedPhrase, sum_as_whoosh

# Memory for the postings of the quote text's words and word pairs kept read between searches
# (see KeptPostings), at about the bytes a posting takes there.
POSTINGS_KEPT_BYTES = 48_000_000
WORD_POSTING_BYTES = 12  # a document number and a score, in arrays
PAIR_POSTING_BYTES = 64  # a document number in an array, and a tuple of positions


def rank(searcher: Any, columns: Columns, postings: KeptPostings, parsed: wq.Query, allowed: Set[int] | None,
         sort: str, time_limit: float, best: int | None = None) -> tuple[Sequence[int], Sequence[int], Any]:
    """The matching documents (among the ``allowed`` ones, when a filter is set) in order, best
    first or newest first (with ``best``, at least that many of the first, not always all); every
    matching document, in any order; and each ranked one's score.

    Sorted by date, hits have no score (``None``). A query for every quote
    scores them all alike and keeps document order, as Whoosh does; it is
    answered from the columns without running it. A query of one word, one
    phrase, one wildcard or one fuzzy term of the quote text is scored from
    the kept postings (:func:`scored_from_postings`: reading a word's
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
    scored = scored_from_postings(postings, parsed)
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


def _too_long(time_limit: float) -> str:
    return (f"the search took longer than {time_limit:g} seconds; "
            "make the query narrower (fewer wildcards or fuzzy terms)")


def scored_from_postings(postings: KeptPostings, parsed: wq.Query) -> list[tuple[float, int]] | None:
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
        return [(-(sum_as_whoosh([scores[bisect_left(ids, docnum)] for ids, scores in words]) * parsed.boost),
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
