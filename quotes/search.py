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

import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from itertools import islice
from pathlib import Path
from typing import Any

from whoosh import highlight, index, sorting
from whoosh import query as wq
from whoosh.collectors import FilterCollector, TimeLimit, TimeLimitCollector
from whoosh.qparser import FuzzyTermPlugin, PrefixPlugin, QueryParser, WildcardPlugin

from .errors import SearchError
from .index import NAMES, SCHEMA, WORDS, has_index
from .names import fold, name_key, same_transliterated_word
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
    ix = _open_existing(Path(index_dir))
    parsed = parse_query(query)
    with ix.searcher() as searcher:
        reader = searcher.reader()
        restriction = _filters(reader, speaker=speaker, outlet=outlet, since=since, until=until,
                               stance=stance, kind=kind)
        results = _collect(searcher, parsed, restriction, sort, time_limit)
        # Sorted by date, Whoosh puts the sort key where the score goes: such hits have no score.
        ranked = [(results.docnum(i), results.score(i) if sort == "relevance" else None)
                  for i in range(results.scored_length())]
        if by_cluster:
            ranked = list(_one_per_cluster(ranked, _cluster_of(results)))
        kept = {docnum for docnum, _ in ranked}
        facets = {name: _facet_counts(searcher, name, results.groups(name), kept) for name in FACET_FIELDS}
        snippet = Snippets(parsed, reader, html=html)
        shown = ranked[(page - 1) * limit : page * limit]
        hits = [_hit(searcher, docnum, score, snippet) for docnum, score in shown]
    return SearchResults(hits=hits, total=len(ranked), page=page, per_page=limit, facets=facets)


def _collect(searcher: Any, parsed: wq.Query, restriction: wq.Query | None, sort: str, time_limit: float) -> Any:
    """Every matching document in order, grouped by the facets and by cluster, within the time limit."""
    if sort == "date":
        # Dated quotes first (newest first), then undated ones; relevance breaks ties.
        order = [sorting.QueryFacet({0: wq.Every("published")}, other=1),
                 sorting.FieldFacet("published", reverse=True), sorting.ScoreFacet()]
    else:
        order = None
    groups = {name: sorting.FieldFacet(fieldname) for name, fieldname in FACET_FIELDS.items()}
    groups["cluster"] = sorting.FieldFacet("cluster_id")
    collector = searcher.collector(limit=None, sortedby=order, groupedby=groups)
    # The alarm signal is for the main thread only; the web server searches in worker threads.
    collector = TimeLimitCollector(collector, time_limit, use_alarm=False)
    if restriction is not None:
        # Outside the time limit: wrapped inside it, Whoosh's filter lets every document through.
        collector = FilterCollector(collector, allow=restriction)
    try:
        searcher.search_with_collector(parsed, collector)
    except TimeLimit:
        raise SearchError(f"the search took longer than {time_limit:g} seconds; "
                          "make the query narrower (fewer wildcards or fuzzy terms)") from None
    return collector.results()


def _cluster_of(results: Any) -> dict[int, str]:
    """docnum -> cluster ID of every matching document that belongs to a cluster."""
    return {docnum: cluster_id for cluster_id, docnums in results.groups("cluster").items()
            if cluster_id is not None for docnum in docnums}


def _one_per_cluster(ranked: Iterable[tuple[int, float]], cluster_of: dict[int, str]) -> Iterator[tuple[int, float]]:
    """The best hit of each statement cluster (and every unclustered hit), in rank order."""
    seen: set[str] = set()
    for docnum, score in ranked:
        cluster_id = cluster_of.get(docnum)
        if cluster_id is None or cluster_id not in seen:
            seen.add(cluster_id)
            yield docnum, score


def _facet_counts(searcher: Any, name: str, groups: dict[Any, list[int]], kept: set[int]) -> list[FacetCount]:
    """The most frequent values of one facet among the ``kept`` hits, labelled for a reader."""
    counts = [(value, sum(1 for docnum in docnums if docnum in kept), docnums[0])
              for value, docnums in groups.items()]
    counts = sorted((c for c in counts if c[1]), key=lambda c: (-c[1], str(c[0])))[:FACET_SIZE]
    return [FacetCount(value=_facet_value(name, value), label=_facet_label(searcher, name, value, docnum), count=n)
            for value, n, docnum in counts]


def _facet_value(name: str, value: str | None) -> str:
    if value is None:
        return UNKNOWN_OUTLET if name == "outlet" else ""
    return value


def _facet_label(searcher: Any, name: str, value: str | None, docnum: int) -> str:
    """The speaker's or outlet's name as stored with one of its quotes; other facets show their value."""
    if value is None:
        return UNKNOWN_OUTLET_LABEL if name == "outlet" else f"{name} not known"
    if name in ("speaker", "outlet"):
        return searcher.stored_fields(docnum).get(name) or value
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
    parser = QueryParser("text", SCHEMA)
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


class WrittenPattern(wq.Wildcard):
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

    def _btexts(self, ixreader: Any) -> list[str]:
        written = list(islice(wq.Wildcard("text_written", self.written)._btexts(ixreader), MAX_EXPANSIONS + 1))
        if len(written) > MAX_EXPANSIONS:
            raise SearchError(f"{self.written} matches more than {MAX_EXPANSIONS:,} words; make it longer")
        return sorted({token.text for word in written for token in WORDS(_as_text(word))})


def _as_text(term: str | bytes) -> str:
    return term.decode("utf-8") if isinstance(term, bytes) else term


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


class SpellingVariants(wq.FuzzyTerm):
    """A fuzzy term that also matches the word's transliterations (same key, alike enough)."""

    def _btexts(self, ixreader: Any) -> list[str]:
        near = {_as_text(term) for term in super()._btexts(ixreader)}
        same_first_letter = (_as_text(term) for term in ixreader.expand_prefix(self.fieldname, self.text[:1]))
        variants = {word for word in same_first_letter if same_transliterated_word(self.text, word)}
        return sorted(near | variants)


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


def _filters(
    reader: Any, *, speaker: str | None, outlet: str | None, since: str | None, until: str | None,
    stance: str | None, kind: str | None,
) -> wq.Query | None:
    parts = []
    if speaker:
        parts.append(wq.Or([wq.Term("speaker_id", speaker), _speaker_words_filter(reader, speaker)]))
    if outlet == UNKNOWN_OUTLET:
        parts.append(wq.AndNot(wq.Every(), wq.Every("outlet_id")))
    elif outlet:
        parts.append(wq.Or([_all_words(("outlet",), outlet),
                            wq.Term("outlet_id", slugify(outlet)),
                            wq.Term("outlet_id", outlet)]))
    if since or until:
        start = datetime.combine(_date("since", since), time.min) if since else None
        end = datetime.combine(_date("until", until), time.max) if until else None
        parts.append(wq.DateRange("published", start, end))
    if stance:
        parts.append(wq.Term("stance", stance))
    if kind:
        parts.append(wq.Term("kind", kind))
    return wq.And(parts) if parts else None


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
    words = fold(name).split()
    wanted = name_words(query)
    return bool(wanted) and all(any(same_transliterated_word(w, word) for word in words) for w in wanted)


def _speaker_words_filter(reader: Any, speaker: str) -> wq.Query:
    """Quotes whose speaker has, for every word of ``speaker``, that word or a transliteration of it."""
    wanted = name_words(speaker)
    if not wanted:
        return wq.NullQuery
    known = [term.decode("utf-8") for term in reader.lexicon("speaker_words")]
    return wq.And([
        wq.Or([wq.Term("speaker_words", word) for word in known if same_transliterated_word(w, word)])
        for w in wanted
    ])


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
    per search: Whoosh's per-hit highlighting expands them again for every hit.
    """

    def __init__(self, parsed: wq.Query, reader: Any, html: bool = False):
        self.terms = frozenset(
            term.decode("utf-8") if isinstance(term, bytes) else term
            for fieldname, term in parsed.existing_terms(reader, expand=True)
            if fieldname == "text"
        )
        self.fragmenter = highlight.ContextFragmenter(maxchars=SNIPPET_CHARS, surround=60)
        self.formatter = MarkFormatter() if html else BracketFormatter()

    def __call__(self, text: str) -> str:
        marked = highlight.highlight(text, self.terms, WORDS, self.fragmenter, self.formatter)
        return marked or self.formatter._text(_shorten(text))


def _hit(searcher: Any, docnum: int, score: float | None, snippet: Snippets) -> Hit:
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
        versions=sum(1 for _ in searcher.document_numbers(cluster_id=cluster_id)) if cluster_id else 1,
    )


def _shorten(text: str, width: int = SNIPPET_CHARS) -> str:
    """``text`` cut at a word boundary to about ``width`` characters.

    >>> _shorten("one two three", 8)
    'one two …'
    """
    if len(text) <= width:
        return text
    return text[:width].rsplit(" ", 1)[0] + " …"
