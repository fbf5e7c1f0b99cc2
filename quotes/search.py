"""Full-text search of the quotes with Whoosh, kept in step with the SQLite store.

:func:`sync_index` makes the index agree with the database, touching only the
quotes whose indexed values changed (each document carries a fingerprint of
its values). :func:`search` takes Whoosh's query language over the quote text
(``"wider war"``, ``attack AND NOT drone``, ``respon*``, ``hizbolah~``,
``speaker:kirby``) and narrows it by speaker, outlet and dates.
"""
from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from itertools import islice
from pathlib import Path
from typing import Any

from whoosh import highlight, index
from whoosh import query as wq
from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, StemFilter
from whoosh.fields import DATETIME, ID, TEXT, Schema
from whoosh.qparser import FuzzyTermPlugin, QueryParser
from whoosh.support.charset import accent_map

from .errors import SearchError
from .store import Store, slugify

# Quote text, roles and titles: words stemmed, case and accents folded, no stop
# words (quotes turn on "not", "we" and "US").
WORDS = RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map) | StemFilter()
# Names and outlets: whole words, case and accents folded.
NAMES = RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map)

SCHEMA = Schema(
    quote_id=ID(stored=True, unique=True),
    text=TEXT(analyzer=WORDS, stored=True),
    speaker=TEXT(analyzer=NAMES, stored=True),
    speaker_names=TEXT(analyzer=NAMES),
    speaker_id=ID(stored=True),
    role=TEXT(analyzer=WORDS, stored=True),
    outlet=TEXT(analyzer=NAMES, stored=True),
    outlet_id=ID(stored=True),
    published=DATETIME(stored=True),
    title=TEXT(analyzer=WORDS, stored=True),
    doc=ID(stored=True),
    cluster_id=ID(stored=True),
    kind=ID(stored=True),
    stance=ID(stored=True),
    fingerprint=ID(stored=True),
)

INDEX_ROWS = """
SELECT quotes.id AS quote_id, quotes.text, coalesce(speakers.name, quotes.speaker) AS speaker,
       quotes.speaker AS speaker_in_article, quotes.speaker_id, quotes.role,
       outlets.name AS outlet, quotes.outlet_id, quotes.published, articles.title,
       quotes.article_id AS doc, quotes.cluster_id, quotes.kind, quotes.stance
FROM quotes
JOIN articles ON articles.id = quotes.article_id
LEFT JOIN outlets ON outlets.id = quotes.outlet_id
LEFT JOIN speakers ON speakers.id = quotes.speaker_id
"""
SNIPPET_CHARS = 200
# Part of every fingerprint: bump it when the analyzers change, and the next
# sync rewrites every document.
INDEX_VERSION = 1

PHRASE = re.compile(r'"[^"]*"')
DANGLING_BEFORE = re.compile(r"(?:^|\()\s*(AND|OR)\b")
DANGLING_AFTER = re.compile(r"\b(AND|OR|NOT)\s*(?:$|\))")
FIELD_PREFIX = re.compile(r"(?<![\w.])([A-Za-z_]\w*):(?=\S)")


@dataclass
class IndexReport:
    """How many quote documents :func:`sync_index` added, rewrote and deleted."""

    added: int = 0
    updated: int = 0
    removed: int = 0


@dataclass
class Hit:
    """One search result; ``snippet`` marks the matched words ``[like this]``.

    ``versions`` is how many quotes share the hit's cluster (1 when it has none).
    """

    quote_id: str
    score: float
    text: str
    snippet: str
    speaker: str | None
    speaker_id: str | None
    role: str | None
    outlet: str | None
    published: str | None
    title: str | None
    doc: str
    cluster_id: str | None
    versions: int


# -- keeping the index in step with the database ------------------------------


def sync_index(store: Store, index_dir: str | Path) -> IndexReport:
    """Make the index at ``index_dir`` agree with ``store``, creating it when missing.

    Only quotes whose fingerprint differs are rewritten, so an unchanged
    database costs one pass over the stored fingerprints.
    """
    ix = _open_or_create(Path(index_dir))
    wanted = {doc["quote_id"]: doc for doc in index_documents(store)}
    present = indexed_fingerprints(ix)
    added = [qid for qid in wanted if qid not in present]
    updated = [qid for qid in wanted if qid in present and present[qid] != wanted[qid]["fingerprint"]]
    removed = [qid for qid in present if qid not in wanted]
    if added or updated or removed:
        with ix.writer(timeout=30) as writer:
            for qid in removed:
                writer.delete_by_term("quote_id", qid)
            for qid in updated:
                writer.update_document(**wanted[qid])
            for qid in added:
                writer.add_document(**wanted[qid])
    return IndexReport(added=len(added), updated=len(updated), removed=len(removed))


def index_documents(store: Store) -> Iterator[dict[str, Any]]:
    """One Whoosh document per stored quote, fingerprinted; empty values left out."""
    names = _speaker_names(store)
    for row in store.db.query(INDEX_ROWS):
        spellings = set(names.get(row["speaker_id"], ())) | {row["speaker"], row["speaker_in_article"]}
        values = {key: value for key, value in row.items() if key != "speaker_in_article"}
        values["speaker_names"] = "\n".join(sorted(n for n in spellings if n))
        doc = {key: value for key, value in values.items() if value is not None}
        doc["fingerprint"] = fingerprint(doc)
        if "published" in doc:
            doc["published"] = datetime.fromisoformat(doc["published"])
        yield doc


def fingerprint(values: dict[str, Any]) -> str:
    """A short hash of a document's values: equal fingerprints, nothing to re-index.

    >>> fingerprint({"quote_id": "q-1", "text": "Hi"}) == fingerprint({"text": "Hi", "quote_id": "q-1"})
    True
    """
    encoded = json.dumps([INDEX_VERSION, values], sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(encoded).hexdigest()[:16]


def indexed_fingerprints(ix: index.Index) -> dict[str, str]:
    """quote_id -> fingerprint of every document in the index."""
    with ix.searcher() as searcher:
        return {fields["quote_id"]: fields["fingerprint"] for fields in searcher.all_stored_fields()}


def _speaker_names(store: Store) -> dict[str, list[str]]:
    names: dict[str, list[str]] = {}
    for row in store.db.query("SELECT speaker_id, name FROM speaker_names"):
        names.setdefault(row["speaker_id"], []).append(row["name"])
    return names


def _open_or_create(index_dir: Path) -> index.Index:
    """The index in ``index_dir``; a missing one, or one with another schema, is created afresh."""
    if index.exists_in(index_dir):
        ix = index.open_dir(index_dir)
        if sorted(ix.schema.names()) == sorted(SCHEMA.names()):
            return ix
    index_dir.mkdir(parents=True, exist_ok=True)
    return index.create_in(index_dir, SCHEMA)


# -- searching ------------------------------------------------------------------


def search(
    index_dir: str | Path,
    query: str,
    *,
    speaker: str | None = None,
    outlet: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 20,
    by_cluster: bool = False,
) -> list[Hit]:
    """The quotes matching ``query``, best first (BM25F).

    ``speaker`` matches any name the speaker was written as, or the speaker
    ID; ``outlet`` the outlet's name or ID; ``since``/``until`` are inclusive
    ``YYYY-MM-DD`` dates. ``by_cluster`` keeps one hit per statement cluster.
    An empty query matches every quote, so the filters alone can list them.

    Raises :class:`SearchError` on a query Whoosh cannot parse, a bad date or
    a missing index.
    """
    ix = _open_existing(Path(index_dir))
    parsed = parse_query(query)
    restriction = _filters(speaker=speaker, outlet=outlet, since=since, until=until)
    with ix.searcher() as searcher:
        # Whoosh's own collapse= drops nothing once a filter is given, so collapse here.
        results = searcher.search(parsed, filter=restriction, limit=None if by_cluster else limit)
        snippet = Snippets(parsed, searcher.reader())
        hits = (_hit(searcher, result, snippet) for result in results)
        return list(islice(_one_per_cluster(hits) if by_cluster else hits, limit))


def _one_per_cluster(hits: Iterable[Hit]) -> Iterator[Hit]:
    """The best hit of each statement cluster (and every unclustered hit), in rank order."""
    seen: set[str] = set()
    for hit in hits:
        if hit.cluster_id is None or hit.cluster_id not in seen:
            seen.add(hit.cluster_id)
            yield hit


def parse_query(query_text: str) -> wq.Query:
    """Whoosh's query language over ``text``, fuzzy terms (``word~``, ``word~2``) included.

    >>> str(parse_query('"wider war" speaker:Kirby'))
    '(text:"wider war" AND speaker:kirby)'
    """
    if not query_text.strip():
        return wq.Every()
    problems = list(_syntax_problems(query_text))
    if problems:
        raise SearchError(f"cannot parse query {query_text!r}: {'; '.join(problems)}")
    parser = QueryParser("text", SCHEMA)
    parser.add_plugin(FuzzyTermPlugin())
    try:
        parsed = parser.parse(query_text)
    except Exception as error:  # the parser's own failures carry no common type
        raise SearchError(f"cannot parse query {query_text!r}: {error}") from error
    problems = list(_errors(parsed))
    if problems:
        raise SearchError(f"cannot parse query {query_text!r}: {'; '.join(problems)}")
    if parsed is wq.NullQuery:
        raise SearchError(f"query {query_text!r} has no words to search for")
    return parsed


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
        if name not in SCHEMA:
            yield f"no field {name!r} (fields: {', '.join(sorted(SCHEMA.names()))})"


def _errors(q: wq.Query) -> Iterator[str]:
    """Messages Whoosh attached to parts of a query it could not understand."""
    error = getattr(q, "error", None)
    if error:
        yield str(error)
    for child in q.children():
        yield from _errors(child)


def _filters(
    *, speaker: str | None, outlet: str | None, since: str | None, until: str | None
) -> wq.Query | None:
    parts = []
    if speaker:
        parts.append(wq.Or([_all_words(("speaker", "speaker_names"), speaker),
                               wq.Term("speaker_id", speaker)]))
    if outlet:
        parts.append(wq.Or([_all_words(("outlet",), outlet),
                               wq.Term("outlet_id", slugify(outlet)),
                               wq.Term("outlet_id", outlet)]))
    if since or until:
        start = datetime.combine(_date("since", since), time.min) if since else None
        end = datetime.combine(_date("until", until), time.max) if until else None
        parts.append(wq.DateRange("published", start, end))
    return wq.And(parts) if parts else None


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
    if not index.exists_in(index_dir):
        raise SearchError(f"no search index in {index_dir}; run `quotes build` first")
    return index.open_dir(index_dir)


class BracketFormatter(highlight.Formatter):
    """Marks matched words ``[like this]``: readable in a terminal, no HTML."""

    between = " … "

    def format_token(self, text: str, token: Any, replace: bool = False) -> str:
        return f"[{highlight.get_text(text, token, replace)}]"


class Snippets:
    """Quote texts with the words a query matched marked ``[like this]``.

    The query's terms (wildcards and fuzzy terms expanded) are looked up once
    per search: Whoosh's per-hit highlighting expands them again for every hit.
    """

    def __init__(self, parsed: wq.Query, reader: Any):
        self.terms = frozenset(
            term.decode("utf-8") if isinstance(term, bytes) else term
            for fieldname, term in parsed.existing_terms(reader, expand=True)
            if fieldname == "text"
        )
        self.fragmenter = highlight.ContextFragmenter(maxchars=SNIPPET_CHARS, surround=60)
        self.formatter = BracketFormatter()

    def __call__(self, text: str) -> str:
        marked = highlight.highlight(text, self.terms, WORDS, self.fragmenter, self.formatter)
        return marked or _shorten(text)


def _hit(searcher: Any, result: Any, snippet: Snippets) -> Hit:
    text = result["text"]
    cluster_id = result.get("cluster_id")
    published = result.get("published")
    return Hit(
        quote_id=result["quote_id"],
        score=round(result.score or 0.0, 4),
        text=text,
        snippet=snippet(text),
        speaker=result.get("speaker"),
        speaker_id=result.get("speaker_id"),
        role=result.get("role"),
        outlet=result.get("outlet"),
        published=published.date().isoformat() if published else None,
        title=result.get("title"),
        doc=result["doc"],
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
