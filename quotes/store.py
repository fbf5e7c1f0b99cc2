"""The SQLite store: articles, their quotes, speakers and statement clusters.

One file, opened with :class:`Store`, holds everything Datasette publishes. The
article text is kept exactly as read, with its SHA-256, so every stored offset
can be checked later (see :mod:`quotes.cite`). Writing is idempotent: saving
the same article twice leaves the database as it was, and saving a changed
article replaces its quotes instead of adding to them. A key whose text is
already stored under another key can be saved as an alias of it
(:meth:`Store.save_alias`), so one text and its quotes are stored once.

Every write is a transaction of its own, or a savepoint of the one
:meth:`Store.transaction` opens, so a build commits all its changes at once
(see :mod:`quotes.build`).

>>> store = Store(":memory:")
>>> store.save_article(Article(doc="a.txt", text='"Hi," she said.', outlet="The Daily"),
...                    [Quote(start=1, end=4, text="Hi,", speaker="she")])
>>> store.db["quotes"].count, store.db["outlets"].get("the-daily")["name"]
(1, 'The Daily')
"""
from __future__ import annotations

import dataclasses
import json
import operator
import re
import sqlite3
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, NamedTuple

import sqlite_utils
from rapidfuzz import fuzz

from .errors import DatabaseError, StoreError
from .ingest import iso_date
from .model import (
    Article, Cluster, ClusterMember, IndexRow, Merge, Quote, RetiredQuote, Source, SourcedQuote, Speaker,
    SpeakerMention, SpeakerProfile, SpeakerResolution, StatementVersion, identify, quote_words, record_fields, sha256_text,
)
from .names import as_written, headline_spans

# Columns a quotes row has beyond the Quote record's own fields: where the
# quote was published (copied from its article so pages can filter without a
# join) and how far it departs from its statement's earliest version.
QUOTE_STORE_COLUMNS = {
    "speaker_spelling": str,
    "speaker_role": str,
    "article_id": str,
    "outlet_id": str,
    "published": str,
    "departure": float,
    "flagged": int,
}
# Quote fields copied as they are into a quotes row of the same name.
QUOTE_RECORD_FIELDS = tuple(name for name in record_fields(Quote) if name not in {"doc", "quote_id"})
# The columns a Quote record is read from, in the order of its fields (a row is the record's arguments),
# and the query that reads them (the rest of a row is the store's).
COLUMN_OF_FIELD = {"doc": "article_id", "quote_id": "id"}  # the Quote fields a quotes row names otherwise
QUOTE_ROW_COLUMNS = tuple(COLUMN_OF_FIELD.get(name, name) for name in record_fields(Quote))
QUOTE_ROW_SELECT = "SELECT " + ", ".join(f'"{column}"' for column in QUOTE_ROW_COLUMNS) + " FROM quotes"
QUOTE_COLUMNS = {
    "id": str,
    **{name: record_fields(Quote)[name] for name in QUOTE_RECORD_FIELDS},
    **QUOTE_STORE_COLUMNS,
}
# A quote's link to its speaker, as save_speakers writes it.
LINK_COLUMNS = ("speaker_id", "speaker_spelling", "speaker_role")
# What speaker resolution reads of a quote (see SpeakerMention).
SPEAKER_MENTION_SELECT = ("SELECT " + ", ".join(f'"{COLUMN_OF_FIELD.get(name, name)}"' for name in SpeakerMention._fields)
                          + " FROM quotes")
QUOTE_FTS_COLUMNS = ["text", "speaker", "speaker_mention", "role"]
# A quote's full-text entry is written again when its words change, not on every update of its row:
# the trigger sqlite-utils makes rewrote it whenever a build linked the quote to a speaker or cluster,
# most of the CPU of saving a fresh build's speakers and clusters.
_FTS_NAMES = ", ".join(f'"{column}"' for column in QUOTE_FTS_COLUMNS)
QUOTE_FTS_UPDATE_TRIGGER = (
    f"CREATE TRIGGER quotes_au AFTER UPDATE OF {_FTS_NAMES} ON quotes BEGIN\n"
    f"  INSERT INTO quotes_fts (quotes_fts, rowid, {_FTS_NAMES}) VALUES ('delete', old.rowid, "
    f"{', '.join(f'old.{column}' for column in QUOTE_FTS_COLUMNS)});\n"
    f"  INSERT INTO quotes_fts (rowid, {_FTS_NAMES}) VALUES (new.rowid, "
    f"{', '.join(f'new.{column}' for column in QUOTE_FTS_COLUMNS)});\nEND"
)
QUOTE_INDEXES = ["article_id", "speaker_id", "cluster_id", "outlet_id"]
# Values per SQL statement when a query lists IDs (SQLite allows 32,766 parameters).
SQL_CHUNK = 500
# Rows per INSERT statement, and the parameters one takes (sqlite-utils' batches: see Store._insert).
INSERT_BATCH = 100
SQLITE_MAX_VARIABLES = 999
# The tables of the statement graph (quotes.statement_graph): each clusterable quote's version, the pairs
# verified as one statement (a < b), each block's exact repeats, and which blocks speak for which organization.
STATEMENT_GRAPH_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS statement_versions (quote_id TEXT PRIMARY KEY, block TEXT, article_id TEXT,
       start INTEGER, "end" INTEGER, words_key TEXT, stems TEXT, comparable INTEGER, organization_key TEXT,
       is_person INTEGER, role TEXT)""",
    "CREATE INDEX IF NOT EXISTS statement_versions_block ON statement_versions (block)",
    "CREATE INDEX IF NOT EXISTS statement_versions_organization ON statement_versions (organization_key)",
    "CREATE TABLE IF NOT EXISTS statement_pairs (a TEXT, b TEXT, score REAL, PRIMARY KEY (a, b)) WITHOUT ROWID",
    "CREATE INDEX IF NOT EXISTS statement_pairs_b ON statement_pairs (b)",
    """CREATE TABLE IF NOT EXISTS repeated_statements (block TEXT, first TEXT, other TEXT,
       PRIMARY KEY (block, first, other)) WITHOUT ROWID""",
    "CREATE INDEX IF NOT EXISTS repeated_statements_first ON repeated_statements (first)",
    "CREATE INDEX IF NOT EXISTS repeated_statements_other ON repeated_statements (other)",
    """CREATE TABLE IF NOT EXISTS spokespersons (person TEXT, organization TEXT,
       PRIMARY KEY (person, organization)) WITHOUT ROWID""",
    "CREATE INDEX IF NOT EXISTS spokespersons_organization ON spokespersons (organization)",
)
STATEMENT_VERSION_COLUMNS = ('quote_id, block, article_id, start, "end", words_key, stems, comparable, '
                             'organization_key, is_person, role')
# A changed quote's old ID leads to the new version when their wordings are at least this alike.
SAME_QUOTE_SIMILARITY = 0.5
# Seconds a connection waits for another one's lock (a build's transaction is short).
BUSY_TIMEOUT = 60.0
# The source facts an article and an alias of it each keep for themselves.
FACT_COLUMNS = ("title", "published", "author", "outlet_id", "url", "path", "sha256", "encoding")

SOURCED_QUOTE_SQL = """
SELECT quotes.*, articles.title, articles.author, articles.url, articles.sha256,
       articles.published AS article_published, articles.text AS article_text,
       outlets.name AS outlet, speakers.name AS speaker_name
FROM quotes
JOIN articles ON articles.id = quotes.article_id
LEFT JOIN outlets ON outlets.id = quotes.outlet_id
LEFT JOIN speakers ON speakers.id = quotes.speaker_id
WHERE quotes.id = ?
"""
# The first role the same article gives the same speaker at one of its other quotes.
ARTICLE_ROLE_SQL = """
SELECT role FROM quotes
WHERE article_id = ? AND role IS NOT NULL
  AND (speaker_id = ? OR (speaker_id IS NULL AND speaker = ?))
ORDER BY start LIMIT 1
"""
SPEAKER_ROLE_COUNTS_SQL = """
SELECT speaker_id, speaker_role, count(*) FROM quotes
WHERE speaker_id IS NOT NULL AND speaker_role IS NOT NULL
GROUP BY speaker_id, speaker_role ORDER BY speaker_id, min(published), count(*) DESC, speaker_role
"""
INDEX_ROWS_SQL = """
SELECT quotes.id AS quote_id, quotes.text, quotes.article_id AS doc,
       coalesce(speakers.name, quotes.speaker) AS speaker, quotes.speaker AS speaker_in_article,
       quotes.speaker_id, quotes.role, outlets.name AS outlet, quotes.outlet_id, quotes.published,
       articles.title, quotes.cluster_id, quotes.kind, quotes.stance
FROM quotes
JOIN articles ON articles.id = quotes.article_id
LEFT JOIN outlets ON outlets.id = quotes.outlet_id
LEFT JOIN speakers ON speakers.id = quotes.speaker_id
WHERE {where}
"""

# The quotes table's facet columns. How many quotes have each combination of their values
# (quote_counts) and each value of each (quote_totals) is kept by triggers on every write to quotes,
# so the published pages read counts instead of counting every quote (see quotes.web.facets).
COUNTED_COLUMNS = ("speaker_id", "outlet_id", "stance", "kind")


def _count_quote_sql(row: str, step: int) -> str:
    """Statements adding ``step`` (1 or -1) to the counts of the quote ``row`` (NEW or OLD, in a trigger);
    a count that falls to 0 is deleted, so every count row stands for some quotes."""
    same = " AND ".join(f"{column} IS {row}.{column}" for column in COUNTED_COLUMNS)
    values = ", ".join(f"{row}.{column}" for column in COUNTED_COLUMNS)
    if step > 0:
        statements = [
            f"INSERT INTO quote_counts ({', '.join(COUNTED_COLUMNS)}, n) SELECT {values}, 0 "
            f"WHERE NOT EXISTS (SELECT 1 FROM quote_counts WHERE {same})",
            f"UPDATE quote_counts SET n = n + 1 WHERE {same}",
        ] + [f"INSERT INTO quote_totals (column_name, value, n) SELECT '{column}', {row}.{column}, 1 "
             f"WHERE {row}.{column} IS NOT NULL ON CONFLICT (column_name, value) DO UPDATE SET n = n + 1"
             for column in COUNTED_COLUMNS]
    else:
        statements = [
            f"UPDATE quote_counts SET n = n - 1 WHERE {same}",
            f"DELETE FROM quote_counts WHERE n = 0 AND {same}",
        ] + [statement for column in COUNTED_COLUMNS for statement in (
            f"UPDATE quote_totals SET n = n - 1 WHERE column_name = '{column}' AND value = {row}.{column}",
            f"DELETE FROM quote_totals WHERE n = 0 AND column_name = '{column}' AND value = {row}.{column}",
        )]
    return "".join(f"{statement};\n" for statement in statements)


QUOTE_COUNT_TRIGGERS = {
    "quotes_counted_on_insert": f"AFTER INSERT ON quotes BEGIN\n{_count_quote_sql('NEW', 1)}END",
    "quotes_counted_on_delete": f"AFTER DELETE ON quotes BEGIN\n{_count_quote_sql('OLD', -1)}END",
    "quotes_counted_on_update": (
        f"AFTER UPDATE OF {', '.join(COUNTED_COLUMNS)} ON quotes "
        f"WHEN {' OR '.join(f'OLD.{column} IS NOT NEW.{column}' for column in COUNTED_COLUMNS)} BEGIN\n"
        f"{_count_quote_sql('OLD', -1)}{_count_quote_sql('NEW', 1)}END"
    ),
}
# Counts a database made before the count tables starts with.
FILL_QUOTE_COUNTS_SQL = [
    f"INSERT INTO quote_counts ({', '.join(COUNTED_COLUMNS)}, n) "
    f"SELECT {', '.join(COUNTED_COLUMNS)}, count(*) FROM quotes GROUP BY {', '.join(COUNTED_COLUMNS)}",
    *(f"INSERT INTO quote_totals (column_name, value, n) "
      f"SELECT '{column}', {column}, sum(n) FROM quote_counts WHERE {column} IS NOT NULL GROUP BY {column}"
      for column in COUNTED_COLUMNS),
]

# Each speaker's counts and first and last quoted dates as its quotes give them (0 and NULL when it has none),
# written where they differ from the stored ones. {speakers_where} picks the speakers, {quotes_where} their quotes.
COUNT_SPEAKERS_SQL = """
UPDATE speakers SET n_quotes = wanted.n_quotes, n_articles = wanted.n_articles, n_outlets = wanted.n_outlets,
  first_quoted = wanted.first_quoted, last_quoted = wanted.last_quoted
FROM (
  SELECT speakers.id, coalesce(counted.n_quotes, 0) AS n_quotes, coalesce(counted.n_articles, 0) AS n_articles,
         coalesce(counted.n_outlets, 0) AS n_outlets, counted.first_quoted, counted.last_quoted
  FROM speakers LEFT JOIN (
    SELECT speaker_id, count(*) AS n_quotes, count(DISTINCT article_id) AS n_articles,
           count(DISTINCT outlet_id) AS n_outlets, min(published) AS first_quoted, max(published) AS last_quoted
    FROM quotes WHERE {quotes_where} GROUP BY speaker_id
  ) AS counted ON counted.speaker_id = speakers.id
  WHERE {speakers_where}
) AS wanted
WHERE speakers.id = wanted.id
  AND (speakers.n_quotes, speakers.n_articles, speakers.n_outlets, speakers.first_quoted, speakers.last_quoted)
      IS NOT (wanted.n_quotes, wanted.n_articles, wanted.n_outlets, wanted.first_quoted, wanted.last_quoted)
"""
# How many quotes each spelling of a speaker counts under (0 for none), written where it differs from the stored count.
COUNT_SPELLINGS_SQL = """
UPDATE speaker_names SET n_quotes = wanted.n_quotes
FROM (
  SELECT speaker_names.speaker_id, speaker_names.name, coalesce(counted.n_quotes, 0) AS n_quotes
  FROM speaker_names LEFT JOIN (
    SELECT speaker_id, speaker_spelling, count(*) AS n_quotes
    FROM quotes WHERE {quotes_where} GROUP BY speaker_id, speaker_spelling
  ) AS counted ON counted.speaker_id = speaker_names.speaker_id AND counted.speaker_spelling = speaker_names.name
  WHERE {names_where}
) AS wanted
WHERE speaker_names.speaker_id = wanted.speaker_id AND speaker_names.name = wanted.name
  AND speaker_names.n_quotes IS NOT wanted.n_quotes
"""

STORED_ARTICLES_SQL = """
SELECT articles.id, articles.sha256, articles.title, articles.published, articles.author,
       outlets.name AS outlet, articles.url, articles.path
FROM articles LEFT JOIN outlets ON outlets.id = articles.outlet_id
"""
STORED_ALIASES_SQL = """
SELECT article_aliases.id, article_aliases.article_id, article_aliases.sha256, article_aliases.title,
       article_aliases.published, article_aliases.author, outlets.name AS outlet, article_aliases.url,
       article_aliases.path
FROM article_aliases LEFT JOIN outlets ON outlets.id = article_aliases.outlet_id
"""

# Each speaker's roles (titles and affiliations, as written) with where and when each was given.
SPEAKER_ROLES_VIEW = """
SELECT speaker_id, speaker_role AS role, outlet_id, article_id, published
FROM quotes
WHERE speaker_role IS NOT NULL
"""


def _open(path: str | Path, readonly: bool) -> sqlite_utils.Database:
    """The database at ``path``; read-only opens never create a file.

    Every connection waits up to :data:`BUSY_TIMEOUT` seconds for a lock
    instead of failing with "database is locked".
    """
    if str(path) == ":memory:":
        return sqlite_utils.Database(memory=True)
    if readonly and not Path(path).is_file():
        raise DatabaseError(f"{path} does not exist: run `quotes build` first")
    if Path(path).is_dir():
        raise DatabaseError(f"{path} is a folder, not a database file")
    if readonly:
        uri = Path(path).resolve().as_uri() + "?mode=ro"
        connection = sqlite3.connect(uri, uri=True, check_same_thread=False, timeout=BUSY_TIMEOUT)
    else:
        connection = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT)
    return sqlite_utils.Database(connection)


@dataclass(frozen=True)
class StoredKey:
    """One article key the store knows and the text it stands for.

    An article holds its text and quotes; an alias carries the same text as
    the article ``article_id`` (one text is stored once). ``facts`` are the
    source facts compared by :func:`article_facts`; ``path`` is the file the
    key was last read from.
    """

    doc: str
    article_id: str
    sha256: str
    facts: tuple[str | None, ...]
    path: str | None

    @property
    def is_alias(self) -> bool:
        return self.doc != self.article_id


def article_facts(article: Article) -> tuple[str | None, ...]:
    """What a build compares besides the text: title, date, author, outlet, URL, as the store keeps them."""
    try:
        published = iso_date(article.published)
    except ValueError:
        published = article.published
    return (article.title, published, article.author, article.outlet, article.url)


def _facts(row: Mapping[str, Any]) -> tuple[str | None, ...]:
    return (row["title"], row["published"], row["author"], row["outlet"], row["url"])


def slugify(name: str) -> str:
    """The outlet ID for an outlet name: lower case, accents dropped, words joined by ``-``.

    >>> slugify("The New York Times")
    'the-new-york-times'
    >>> slugify("Süddeutsche Zeitung")
    'suddeutsche-zeitung'
    """
    decomposed = unicodedata.normalize("NFKD", name)
    without_accents = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[\W_]+", "-", without_accents.lower()).strip("-")


def outlet_id(name: str | None) -> str | None:
    """The outlet ID for an article's outlet, ``None`` when the outlet is unknown.

    >>> outlet_id("Al-Monitor"), outlet_id(None), outlet_id("  ")
    ('al-monitor', None, None)
    """
    return (slugify(name) or None) if name else None


class Store:
    """The quotes database; ``Store(path)`` opens it, creating tables, FTS and view as needed.

    ``Store(path, readonly=True)`` opens an existing database for reading only
    (the web pages and ``show`` do), creating nothing. A missing file, or one
    that is not a quotes database, raises :class:`DatabaseError`.
    """

    def __init__(self, path: str | Path, *, readonly: bool = False):
        self.path = path
        self.readonly = readonly
        try:
            self.db = _open(path, readonly)
            if not readonly:
                if self.db.journal_mode != "wal" and str(path) != ":memory:":
                    self.db.enable_wal()
                self._ensure_schema()
            elif not self.db["quotes"].exists():
                raise DatabaseError(f"{path} is not a quotes database: run `quotes build` to make one")
        except sqlite3.DatabaseError as error:
            raise DatabaseError(f"{path} is not a usable SQLite database ({error})") from None

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- schema -----------------------------------------------------------

    def _ensure_schema(self) -> None:
        db = self.db
        db.create_table("outlets", {"id": str, "name": str}, pk="id", ignore=True)
        db.create_table(
            "articles",
            {
                "id": str, "title": str, "published": str, "author": str, "outlet_id": str,
                "url": str, "path": str, "sha256": str, "encoding": str, "text": str,
                "excluded": str, "n_quotes": int, "added": str, "headlines": str,
            },
            pk="id",
            foreign_keys=[("outlet_id", "outlets", "id")],
            ignore=True,
        )
        # Where each article's headlines sit (quotes.names.headline_spans), kept so that a build reading
        # ten thousand articles' speakers does not read their texts again to find them.
        if "headlines" not in db["articles"].columns_dict:
            db["articles"].add_column("headlines", str)
            with self.transaction():
                self.save_headlines({doc: headline_spans(text, title) for doc, text, title
                                     in db.execute("SELECT id, text, title FROM articles")})
        db.create_table(
            "speakers",
            {
                "id": str, "name": str, "type": str, "n_quotes": int, "n_articles": int,
                "n_outlets": int, "first_quoted": str, "last_quoted": str,
            },
            pk="id",
            ignore=True,
        )
        db.create_table(
            "speaker_names",
            {"speaker_id": str, "name": str, "n_quotes": int},
            pk=("speaker_id", "name"),
            foreign_keys=[("speaker_id", "speakers", "id")],
            ignore=True,
        )
        db.create_table(
            "speaker_merges",
            {"speaker_id": str, "name": str, "reason": str, "confidence": float},
            foreign_keys=[("speaker_id", "speakers", "id")],
            ignore=True,
        )
        db.create_table(
            "clusters",
            {
                "id": str, "speaker_id": str, "first_quote_id": str, "text": str,
                "n_quotes": int, "n_outlets": int, "first_published": str,
            },
            pk="id",
            foreign_keys=[("speaker_id", "speakers", "id")],
            ignore=True,
        )
        db.create_table(
            "quotes",
            QUOTE_COLUMNS,
            pk="id",
            foreign_keys=[
                ("article_id", "articles", "id"),
                ("outlet_id", "outlets", "id"),
                ("speaker_id", "speakers", "id"),
                ("cluster_id", "clusters", "id"),
            ],
            ignore=True,
        )
        # A database made by an earlier version gains the columns added since.
        missing = {name: kind for name, kind in QUOTE_COLUMNS.items() if name not in db["quotes"].columns_dict}
        for name, kind in missing.items():
            db["quotes"].add_column(name, kind)
        # clusters and quotes point at each other: the second link waits for quotes to exist.
        if not any(fk.column == "first_quote_id" for fk in db["clusters"].foreign_keys):
            db["clusters"].add_foreign_key("first_quote_id", "quotes", "id")
        for column in QUOTE_INDEXES:
            db["quotes"].create_index([column], if_not_exists=True)
        db["speaker_merges"].create_index(["speaker_id"], if_not_exists=True)
        db["clusters"].create_index(["speaker_id"], if_not_exists=True)
        # What the published pages sort, facet and count by (quotes/metadata.yml, quotes/web/), so that
        # each reads an index instead of every row: the quotes table's facets, a speaker's quotes by
        # date with their facets, the canned queries' groups, and the other tables' default sorts.
        for columns in (["stance"], ["kind"], ["speaker_id", "published", "outlet_id", "stance", "kind"],
                        ["outlet_id", "speaker_id", "stance"], ["cluster_id", "article_id", "outlet_id"],
                        ["flagged", "departure"], ["speaker_id", "speaker_role", "published", "outlet_id"]):
            db["quotes"].create_index(columns, if_not_exists=True)
        # A speaker's quotes in the order their page and "quotes of one speaker" list them, read 100 or 200 at a time.
        db.execute("CREATE INDEX IF NOT EXISTS idx_quotes_speaker_order "
                   "ON quotes (speaker_id, published IS NULL, published, article_id, start)")
        # The quotes table newest first and a speaker's quotes by date, ties by ID, as Datasette pages them
        # (?_next= reads the rows after a date and an ID): every page one seek, not a sort of every quote.
        # It replaces the index on the date alone, which SQLite could take for the first page, ties in another order.
        db.execute("CREATE INDEX IF NOT EXISTS idx_quotes_published_desc_id ON quotes (published DESC, id)")
        db.execute("DROP INDEX IF EXISTS idx_quotes_published")
        db["quotes"].create_index(["speaker_id", "published", "id"], if_not_exists=True)
        # The first and last date each outlet quoted a speaker (the speaker page), two seeks per outlet.
        db["quotes"].create_index(["speaker_id", "outlet_id", "published"], if_not_exists=True)
        db["speakers"].create_index(["n_quotes"], if_not_exists=True)
        # Speakers by name, unique so SQLite knows each row is one speaker: "quotes of one speaker" walks
        # the speakers it finds in name order and reads each one's quotes in index order, sorting none.
        db["speakers"].create_index(["name", "id"], unique=True, if_not_exists=True)
        db["speakers"].create_index(["type"], if_not_exists=True)
        db["articles"].create_index(["published"], if_not_exists=True)
        db["articles"].create_index(["outlet_id"], if_not_exists=True)
        # Every article's key, hash and facts, as a build plans with them (stored_keys), without its text's pages.
        db["articles"].create_index(["id", "sha256", "title", "published", "author", "outlet_id", "url", "path"],
                                    if_not_exists=True)
        db["clusters"].create_index(["n_outlets"], if_not_exists=True)
        self._ensure_quote_counts()
        if not db["quotes"].detect_fts():
            db["quotes"].enable_fts(QUOTE_FTS_COLUMNS, fts_version="FTS5", create_triggers=True)
        self._ensure_fts_update_trigger()
        db.create_view("speaker_roles", SPEAKER_ROLES_VIEW, replace=True)
        db.create_table(
            "retired_quotes",
            {"id": str, "replaced_by": str, "reason": str, "article_id": str, "text": str, "retired_at": str},
            pk="id",
            ignore=True,
        )
        db.create_table(
            "article_aliases",
            {"id": str, "article_id": str, **{name: str for name in FACT_COLUMNS}, "added": str},
            pk="id",
            foreign_keys=[("article_id", "articles", "id"), ("outlet_id", "outlets", "id")],
            ignore=True,
        )
        # Quotes whose search index document is not yet rewritten (see quotes.build).
        db.create_table("index_journal", {"quote_id": str}, pk="quote_id", ignore=True)
        # The keys by which each article's speaker names meet others in resolution, and the words
        # of their roles, so a build re-resolves only the names its articles reach (see quotes.resolution).
        db.create_table("name_keys", {"article_id": str, "name": str, "key": str}, ignore=True)
        # Covering indexes: incremental resolution follows keys to names and names to keys, 100k rows a build
        # at 250k quotes, and reads the index alone. They replace the one-column indexes of earlier versions.
        db["name_keys"].create_index(["key", "article_id", "name"], if_not_exists=True)
        db["name_keys"].create_index(["article_id", "name", "key"], if_not_exists=True)
        for earlier in ("idx_name_keys_key", "idx_name_keys_article_id"):
            db.execute(f"DROP INDEX IF EXISTS {earlier}")
        db.create_table("name_roles", {"article_id": str, "name": str, "words": str},
                        pk=("article_id", "name"), ignore=True)
        # The statement graph of clustering, kept so a build verifies only the pairs of the quotes it changed
        # and clusters again only the statements they reach (see quotes.statement_graph).
        for sql in STATEMENT_GRAPH_SCHEMA:
            db.execute(sql)
        # What the last resolution was made with (the curation file), so the next one knows what changed.
        db.create_table("resolution_state", {"name": str, "value": str}, pk="name", ignore=True)
        # Quotes extracted by a build that has not saved them yet (see quotes.build).
        db.create_table(
            "staged_extractions", {"sha256": str, "model": str, "quotes": str}, pk=("sha256", "model"), ignore=True
        )

    def _ensure_fts_update_trigger(self) -> None:
        """Replace sqlite-utils' update trigger of the quotes' full-text entries by :data:`QUOTE_FTS_UPDATE_TRIGGER`,
        once (a database made before it has the other)."""
        row = self.db.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'quotes_au'").fetchone()
        if row and row[0] == QUOTE_FTS_UPDATE_TRIGGER:
            return
        with self.transaction():
            self.db.execute("DROP TRIGGER IF EXISTS quotes_au")
            self.db.execute(QUOTE_FTS_UPDATE_TRIGGER)

    def _ensure_quote_counts(self) -> None:
        """The count tables of :data:`COUNTED_COLUMNS` and their triggers; a database made before
        them has them counted from its quotes, once."""
        db = self.db
        with self.transaction():
            counted = db["quote_counts"].exists()
            db.create_table("quote_counts", {**{column: str for column in COUNTED_COLUMNS}, "n": int}, ignore=True)
            db["quote_counts"].create_index(COUNTED_COLUMNS, if_not_exists=True)
            # What the counts per outlet read, without the table's rows.
            db["quote_counts"].create_index(["outlet_id", "speaker_id", "stance", "n"], if_not_exists=True)
            db.create_table("quote_totals", {"column_name": str, "value": str, "n": int}, pk=("column_name", "value"),
                            ignore=True)
            db["quote_totals"].create_index(["column_name", "n"], if_not_exists=True)
            for name, body in QUOTE_COUNT_TRIGGERS.items():
                db.execute(f"CREATE TRIGGER IF NOT EXISTS {name} {body}")
            if not counted:
                for statement in FILL_QUOTE_COUNTS_SQL:
                    db.execute(statement)

    # -- transactions -----------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction around the block: readers see the database before it or after it.

        ``BEGIN IMMEDIATE`` takes SQLite's write lock at the start, so the block
        never fails half-way on a lock; the writes inside it (:meth:`save_article`,
        :meth:`save_speakers`, ...) become savepoints of this one transaction.
        Any exception, Ctrl-C included, rolls all of it back. Nested, it is a
        savepoint of the enclosing transaction.
        """
        if self.db.conn.in_transaction:
            with self.db.atomic():
                yield
            return
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.conn.rollback()
            raise
        self.db.conn.commit()

    # -- articles and their quotes ----------------------------------------

    def article_sha256(self, doc: str) -> str | None:
        """The SHA-256 stored for the article ``doc``, so a build can skip files that did not change."""
        row = self.db.execute("SELECT sha256 FROM articles WHERE id = ?", [doc]).fetchone()
        return row[0] if row else None

    def stored_keys(self, read: Iterable[Article] | None = None) -> dict[str, StoredKey]:
        """Every article key the store knows, articles and aliases, with the text hash and facts of each.

        An article's hash is computed from its stored text, so a text damaged
        in the database no longer matches its file and is saved again. With
        ``read`` (the articles a build read), only the stored texts a read
        article is compared with are hashed again: those of its key, and those
        whose stored hash is its text's. The others' stored hash is taken as
        it is, so a 1-article build does not read every text of the collection.
        """
        keys: dict[str, StoredKey] = {}
        for row in self.db.query(STORED_ARTICLES_SQL):
            keys[row["id"]] = StoredKey(
                doc=row["id"], article_id=row["id"], sha256=row["sha256"], facts=_facts(row), path=row["path"]
            )
        if read is None:
            checked = list(keys)
        else:
            read = list(read)
            read_docs, read_hashes = {a.doc for a in read}, {a.sha256 for a in read}
            checked = [doc for doc, key in keys.items() if doc in read_docs or key.sha256 in read_hashes]
        for doc, text in self._select_in("SELECT id, text FROM articles WHERE id IN ({ids})", checked):
            keys[doc] = dataclasses.replace(keys[doc], sha256=sha256_text(text))
        for row in self.db.query(STORED_ALIASES_SQL):
            keys[row["id"]] = StoredKey(
                doc=row["id"], article_id=row["article_id"], sha256=row["sha256"], facts=_facts(row), path=row["path"]
            )
        return keys

    def save_article(self, article: Article, quotes: list[Quote]) -> None:
        """Store ``article`` and replace its quotes with ``quotes``, in one transaction.

        Quotes get their doc and stable ID from the article key; a span listed
        twice is one quote. Raises :class:`StoreError` (and stores nothing) when
        a quote's offsets do not hold or the date is not ISO. A key that was an
        alias (see :meth:`save_alias`) becomes an article of its own.
        """
        if not article.has_text:
            raise StoreError(f"{article.doc}: save_article needs the article's text, not only its hash")
        quotes = _unique_by_id(identify(article, quotes))
        article_row = self._article_row(article, n_quotes=len(quotes))
        _check_offsets(article, quotes)
        with self.db.atomic():
            self._save_outlet(article)
            self._insert("articles", [article_row], conflict=("id",))
            # "added" is when the key first arrived, as an article or an alias; later saves keep it.
            self.db.execute(
                "UPDATE articles SET added = (SELECT added FROM article_aliases WHERE id = ?)"
                " WHERE id = ? AND added IS NULL",
                [article.doc, article.doc],
            )
            self.db.execute(
                "UPDATE articles SET added = ? WHERE id = ? AND added IS NULL", [_now(), article.doc]
            )
            self.db.execute("DELETE FROM article_aliases WHERE id = ?", [article.doc])
            old_quotes = {q.quote_id: q for q in self._quotes_where("article_id = ?", [article.doc])}
            self.db.execute("DELETE FROM quotes WHERE article_id = ?", [article.doc])
            self._insert("quotes", (_quote_row(q, article_row) for q in quotes))
            self._retire(old_quotes, {q.quote_id: q for q in quotes})

    def save_alias(self, article: Article, of: str) -> None:
        """Record that ``article`` carries exactly the text of the stored article ``of``.

        One text is stored once: the alias keeps its own source facts (the same
        wire story in two outlets) but no text and no quotes of its own. When
        ``article.doc`` was an article, its quotes are retired, leading to
        ``of``'s. Raises :class:`StoreError` when the texts differ.
        """
        if self.article_sha256(of) != article.sha256:
            raise StoreError(f"{article.doc}: cannot be an alias of {of}, whose stored text differs")
        row = {key: value for key, value in self._article_row(article, n_quotes=0).items() if key in FACT_COLUMNS}
        with self.db.atomic():
            self._save_outlet(article)
            self._drop_article(article.doc, successor=of)
            self._insert("article_aliases", [{"id": article.doc, "article_id": of, **row}], conflict=("id",))
            self.db.execute(
                "UPDATE article_aliases SET added = ? WHERE id = ? AND added IS NULL", [_now(), article.doc]
            )

    def forget(self, doc: str, moved_to: str) -> None:
        """Remove the key ``doc``, whose file is gone and whose text is now under ``moved_to`` (a renamed file).

        Its quote IDs lead to the same quotes under ``moved_to`` (reason "moved").
        """
        with self.db.atomic():
            self._drop_article(doc, successor=moved_to)
            self.db.execute("DELETE FROM article_aliases WHERE id = ?", [doc])

    def _drop_article(self, doc: str, successor: str) -> None:
        """Delete the article ``doc`` and its quotes, retiring their IDs to the quotes of ``successor``."""
        if self.article_sha256(doc) is None:
            return
        old_quotes = {q.quote_id: q for q in self._quotes_where("article_id = ?", [doc])}
        self.db.execute("DELETE FROM quotes WHERE article_id = ?", [doc])
        self.db.execute("DELETE FROM articles WHERE id = ?", [doc])
        self._retire(old_quotes, {q.quote_id: q for q in self._quotes_where("article_id = ?", [successor])})

    def _save_outlet(self, article: Article) -> None:
        outlet = outlet_id(article.outlet)
        if outlet:
            self._insert("outlets", [{"id": outlet, "name": article.outlet}], conflict=("id",))

    def _retire(self, old: dict[str, Quote], new: dict[str, Quote]) -> None:
        """Record where the IDs of replaced quotes went.

        A quote carried on under another key with the same words was "moved";
        one whose words changed leads to the new quote most like it (in
        wording, at least :data:`SAME_QUOTE_SIMILARITY`), "text changed"; one
        with no such successor is "withdrawn". An ID that comes back (an edit
        reverted) is live again, and IDs retired earlier follow their
        successor on.
        """
        now = _now()
        self._delete_in("retired_quotes", "id", new)
        successors = _successors([q for qid, q in old.items() if qid not in new],
                                 [q for qid, q in new.items() if qid not in old])
        for quote_id, successor_id in successors.items():
            gone = old[quote_id]
            successor = new.get(successor_id) if successor_id else None
            self._insert("retired_quotes", [{
                "id": quote_id,
                "replaced_by": successor_id,
                "reason": _retirement_reason(gone.text, gone.doc, successor),
                "article_id": gone.doc,
                "text": gone.text,
                "retired_at": now,
            }], conflict=("id",))
            earlier = self.db.execute(
                "SELECT id, text, article_id FROM retired_quotes WHERE replaced_by = ?", [quote_id]
            ).fetchall()
            self.db.conn.executemany(
                "UPDATE retired_quotes SET replaced_by = ?, reason = ? WHERE id = ?",
                [(successor_id, _retirement_reason(text, doc, successor), earlier_id)
                 for earlier_id, text, doc in earlier],
            )

    def _article_row(self, article: Article, n_quotes: int) -> dict[str, Any]:
        try:
            published = iso_date(article.published)
        except ValueError:
            raise StoreError(
                f"{article.doc}: published date {article.published!r} is not ISO YYYY-MM-DD"
            ) from None
        return {
            "id": article.doc,
            "title": article.title,
            "published": published,
            "author": article.author,
            "outlet_id": outlet_id(article.outlet),
            "url": article.url,
            "path": article.path,
            "sha256": article.sha256,
            "encoding": article.encoding,
            "text": article.text,
            "excluded": json.dumps([list(span) for span in article.excluded]),
            "n_quotes": n_quotes,
            "headlines": json.dumps(headline_spans(article.text, article.title)),
        }

    def alias(self, doc: str) -> Article | None:
        """The alias ``doc`` as an article: its own source facts with the text of the article it carries."""
        row = next(iter(self.db.query(
            "SELECT article_aliases.*, outlets.name AS outlet FROM article_aliases"
            " LEFT JOIN outlets ON outlets.id = article_aliases.outlet_id WHERE article_aliases.id = ?",
            [doc],
        )), None)
        carried = self.article(row["article_id"]) if row else None
        if carried is None:
            return None
        facts = {name: row[name] for name in ("title", "published", "author", "outlet", "url", "path", "encoding")}
        return dataclasses.replace(carried, doc=doc, **facts)

    def articles(self) -> Iterator[Article]:
        """Every stored article, in doc order, as :class:`Article` records."""
        rows = self.db.query(
            "SELECT articles.*, outlets.name AS outlet FROM articles"
            " LEFT JOIN outlets ON outlets.id = articles.outlet_id ORDER BY articles.id"
        )
        for row in rows:
            yield _article_from_row(row)

    def article(self, doc: str) -> Article | None:
        """The stored article called ``doc``, or ``None``."""
        rows = self.db.query(
            "SELECT articles.*, outlets.name AS outlet FROM articles"
            " LEFT JOIN outlets ON outlets.id = articles.outlet_id WHERE articles.id = ?",
            [doc],
        )
        return next((_article_from_row(row) for row in rows), None)

    def headlines_of(self, docs: Iterable[str]) -> dict[str, list[tuple[int, int]]]:
        """The headline spans of the stored articles among ``docs``, as saved with them, by doc."""
        rows = self._select_in("SELECT id, headlines FROM articles WHERE id IN ({ids})", docs)
        return {doc: [tuple(span) for span in json.loads(spans)] for doc, spans in rows}

    def save_headlines(self, headlines: Mapping[str, list[tuple[int, int]]]) -> None:
        """Store the headline spans of each article of ``headlines`` that are not those stored (a full
        resolution finds them again by the code that resolves, which may place them otherwise)."""
        self.db.conn.executemany("UPDATE articles SET headlines = ? WHERE id = ? AND headlines IS NOT ?",
                                 [(json.dumps(spans), doc, json.dumps(spans)) for doc, spans in headlines.items()])

    def quotes(self, doc: str | None = None) -> list[Quote]:
        """Stored quotes as records (with doc, quote_id, speaker_id, cluster_id), by doc and offset.

        All of them, or those of the article ``doc``.
        """
        if doc is None:
            return self._quotes_where("1", [])
        return self._quotes_where("article_id = ?", [doc])

    def _quotes_where(self, where: str, params: list[Any]) -> list[Quote]:
        rows = self.db.execute(f'{QUOTE_ROW_SELECT} WHERE {where} ORDER BY article_id, start, "end"', params)
        return [_quote_from_row(row) for row in rows]

    def quote(self, quote_id: str) -> dict[str, Any] | None:
        """One quote row with its article's title, author, url, sha256, the outlet and speaker names.

        The outlet name is under ``outlet`` and the canonical speaker name under
        ``speaker_name`` (``speaker`` stays the name resolved in the article).
        """
        rows = self.db.query(
            """
            SELECT quotes.*, articles.title, articles.author, articles.url, articles.sha256,
                   articles.published AS article_published, outlets.name AS outlet,
                   speakers.name AS speaker_name
            FROM quotes
            JOIN articles ON articles.id = quotes.article_id
            LEFT JOIN outlets ON outlets.id = quotes.outlet_id
            LEFT JOIN speakers ON speakers.id = quotes.speaker_id
            WHERE quotes.id = ?
            """,
            [quote_id],
        )
        return next(iter(rows), None)

    def sourced_quote(self, quote_id: str) -> SourcedQuote | None:
        """The quote ``quote_id`` with its source, its article's text and its speaker's
        canonical name, or ``None`` when no stored quote has that ID."""
        row = next(iter(self.db.query(SOURCED_QUOTE_SQL, [quote_id])), None)
        if row is None:
            return None
        quote = _quote_from_row([row[column] for column in QUOTE_ROW_COLUMNS])
        role = None
        if not quote.role:
            found = self.db.execute(ARTICLE_ROLE_SQL, [quote.doc, quote.speaker_id, quote.speaker]).fetchone()
            role = found[0] if found else None
        source = Source(
            doc=quote.doc, sha256=row["sha256"], title=row["title"], outlet=row["outlet"],
            author=row["author"], published=row["article_published"], url=row["url"],
        )
        return SourcedQuote(
            quote=quote, source=source, article_text=row["article_text"],
            speaker_name=row["speaker_name"], article_role=role, departure=row["departure"],
        )

    def retired_quote(self, quote_id: str) -> RetiredQuote | None:
        """Where the retired ID ``quote_id`` went, or ``None`` when it was never retired."""
        row = next(iter(self.db.query("SELECT * FROM retired_quotes WHERE id = ?", [quote_id])), None)
        if row is None:
            return None
        return RetiredQuote(
            id=row["id"], reason=row["reason"], text=row["text"], doc=row["article_id"],
            retired_at=row["retired_at"], replaced_by=row["replaced_by"],
        )

    def speaker_profiles(self, speaker_id: str | None = None) -> list[SpeakerProfile]:
        """Speakers with their counts, names and roles, most quoted first (or just ``speaker_id``)."""
        where, params = ("WHERE id = ?", [speaker_id]) if speaker_id else ("", [])
        rows = list(self.db.query(f"SELECT * FROM speakers {where} ORDER BY n_quotes DESC, name", params))
        names = self._pairs("SELECT speaker_id, name, n_quotes FROM speaker_names ORDER BY n_quotes DESC, name")
        roles = self._pairs(SPEAKER_ROLE_COUNTS_SQL)
        merges = self._merges()
        return [
            SpeakerProfile(
                speaker=Speaker(
                    id=row["id"], name=row["name"], type=row["type"],
                    names=[name for name, _ in names.get(row["id"], [])], merges=merges.get(row["id"], []),
                ),
                n_quotes=row["n_quotes"] or 0, n_articles=row["n_articles"] or 0,
                n_outlets=row["n_outlets"] or 0, first_quoted=row["first_quoted"],
                last_quoted=row["last_quoted"], names=names.get(row["id"], []), roles=roles.get(row["id"], []),
            )
            for row in rows
        ]

    def _pairs(self, sql: str) -> dict[str, list[tuple[str, int]]]:
        """(key, value, count) rows grouped by key, in the query's order."""
        grouped: dict[str, list[tuple[str, int]]] = {}
        for key, value, count in self.db.execute(sql).fetchall():
            grouped.setdefault(key, []).append((value, count))
        return grouped

    def _merges(self) -> dict[str, list[Merge]]:
        merges: dict[str, list[Merge]] = {}
        for speaker_id, name, reason, confidence in self.db.execute(
            "SELECT speaker_id, name, reason, confidence FROM speaker_merges ORDER BY confidence DESC, name"
        ).fetchall():
            merges.setdefault(speaker_id, []).append(Merge(name, reason, confidence))
        return merges

    def cluster(self, cluster_id: str) -> Cluster | None:
        """The statement cluster ``cluster_id`` with its members, earliest version first."""
        row = next(iter(self.db.query("SELECT * FROM clusters WHERE id = ?", [cluster_id])), None)
        if row is None:
            return None
        members = [
            ClusterMember(quote_id=m["id"], departure=m["departure"] or 0.0, flagged=bool(m["flagged"]))
            for m in self.db.query(
                "SELECT id, departure, flagged FROM quotes WHERE cluster_id = ?"
                " ORDER BY id = ? DESC, published, departure, id",
                [cluster_id, row["first_quote_id"]],
            )
        ]
        return Cluster(id=row["id"], speaker_id=row["speaker_id"], first_quote_id=row["first_quote_id"],
                       members=members)

    def index_rows(self, quote_ids: Iterable[str] | None = None) -> Iterator[IndexRow]:
        """What the search index should hold: every stored quote, or those of ``quote_ids``."""
        if quote_ids is None:
            spellings = self._speaker_spellings()
            rows = self.db.query(INDEX_ROWS_SQL.format(where="1"))
        else:
            rows = self._select_in(INDEX_ROWS_SQL.format(where="quotes.id IN ({ids})"), quote_ids, self.db.query)
            spellings = self._speaker_spellings({row["speaker_id"] for row in rows if row["speaker_id"]})
        for row in rows:
            names = set(spellings.get(row["speaker_id"], ())) | {row["speaker"], row["speaker_in_article"]}
            values = {key: value for key, value in row.items() if key != "speaker_in_article"}
            yield IndexRow(**values, speaker_names=tuple(sorted(n for n in names if n)))

    def _speaker_spellings(self, speaker_ids: Iterable[str] | None = None) -> dict[str, list[str]]:
        """The spellings of every speaker, or of ``speaker_ids``."""
        select = "SELECT speaker_id, name FROM speaker_names"
        if speaker_ids is None:
            rows = self.db.execute(select).fetchall()
        else:
            rows = self._select_in(select + " WHERE speaker_id IN ({ids})", speaker_ids)
        spellings: dict[str, list[str]] = {}
        for speaker_id, name in rows:
            spellings.setdefault(speaker_id, []).append(name)
        return spellings

    def speaker_of(self) -> dict[str, str]:
        """Quote ID -> speaker ID, as the last resolution linked them."""
        return dict(self.db.execute("SELECT id, speaker_id FROM quotes WHERE speaker_id IS NOT NULL").fetchall())

    # -- extractions staged by a build that has not saved them yet ----------

    def stage_extractions(self, model: str, found: Iterable[tuple[Article, list[Quote]]]) -> None:
        """Keep the quotes ``model`` found in texts a build has not saved yet, so an interrupted build's
        extraction is not lost. No published table shows them until a build saves the articles."""
        rows = [
            {"sha256": article.sha256, "model": model, "quotes": json.dumps([_staged_fields(q) for q in quotes])}
            for article, quotes in found
        ]
        if not rows:
            return
        with self.transaction():
            self._insert("staged_extractions", rows, conflict=("sha256", "model"))

    def has_staged_extraction(self, sha256: str, model: str) -> bool:
        """Whether a build staged what ``model`` found in the text with hash ``sha256``."""
        return self.db.execute("SELECT 1 FROM staged_extractions WHERE sha256 = ? AND model = ?",
                               [sha256, model]).fetchone() is not None

    def staged_extraction(self, sha256: str, model: str) -> list[Quote] | None:
        """The quotes ``model`` found in the text with hash ``sha256``, if a build staged them."""
        row = self.db.execute(
            "SELECT quotes FROM staged_extractions WHERE sha256 = ? AND model = ?", [sha256, model]
        ).fetchone()
        return None if row is None else [Quote(**fields) for fields in json.loads(row[0])]

    def clear_staged_extractions(self) -> None:
        """Every staged extraction has been saved (or is no longer wanted)."""
        with self.transaction():
            self.db.execute("DELETE FROM staged_extractions")

    # -- the search index journal -------------------------------------------

    def queue_index_updates(self, quote_ids: Iterable[str]) -> None:
        """Note quotes whose index document must be rewritten or removed; kept until the index is synced."""
        with self.transaction():
            self.db.conn.executemany(
                "INSERT OR IGNORE INTO index_journal (quote_id) VALUES (?)", [(quote_id,) for quote_id in quote_ids]
            )

    def pending_index_updates(self) -> set[str]:
        """The quotes the search index has not caught up with (none in a database from before the journal)."""
        if not self.db["index_journal"].exists():
            return set()
        return {row[0] for row in self.db.execute("SELECT quote_id FROM index_journal")}

    def clear_index_updates(self) -> None:
        """The index has been synced with the whole database: nothing is pending."""
        with self.transaction():
            self.db.execute("DELETE FROM index_journal")

    # -- what `quotes check` verifies ----------------------------------------

    def integrity_messages(self) -> list[str]:
        """SQLite's own integrity check: ``["ok"]`` when the file is sound."""
        try:
            return [message for (message,) in self.db.execute("PRAGMA integrity_check").fetchall()]
        except sqlite3.DatabaseError as error:
            raise DatabaseError(f"{self.path} cannot be checked: {error}") from None

    def broken_links(self) -> list[BrokenLink]:
        """Every declared link (foreign key) that points at no row."""
        broken = []
        for table, rowid, parent, fk_id in self.db.execute("PRAGMA foreign_key_check").fetchall():
            column = next(fk[3] for fk in self.db.execute(f"PRAGMA foreign_key_list([{table}])") if fk[0] == fk_id)
            key_sql = " || '/' || ".join(f"[{pk}]" for pk in self.db[table].pks)
            key, value = self.db.execute(
                f"SELECT {key_sql}, [{column}] FROM [{table}] WHERE rowid = ?", [rowid]
            ).fetchone()
            broken.append(BrokenLink(table, str(key), column, value, parent))
        return broken

    def alias_hashes(self) -> list[tuple[str, str, str, str]]:
        """(alias key, its article, the alias's SHA-256, the article's) for every alias of a stored article."""
        return self.db.execute(
            "SELECT article_aliases.id, article_aliases.article_id, article_aliases.sha256, articles.sha256"
            " FROM article_aliases JOIN articles ON articles.id = article_aliases.article_id"
        ).fetchall()

    def keys_both_article_and_alias(self) -> list[str]:
        return [key for (key,) in self.db.execute("SELECT id FROM article_aliases WHERE id IN (SELECT id FROM articles)")]

    def retired_id_conflicts(self) -> tuple[list[str], list[tuple[str, str]]]:
        """IDs both live and retired, and retired IDs leading to no stored quote (with where they lead)."""
        live = [qid for (qid,) in self.db.execute("SELECT id FROM quotes WHERE id IN (SELECT id FROM retired_quotes)")]
        dangling = self.db.execute(
            "SELECT id, replaced_by FROM retired_quotes"
            " WHERE replaced_by IS NOT NULL AND replaced_by NOT IN (SELECT id FROM quotes)"
        ).fetchall()
        return live, dangling

    def counts(self) -> dict[str, int]:
        """How many articles, quotes, speakers and clusters the store holds."""
        return {table: self.db[table].count for table in ("articles", "quotes", "speakers", "clusters")}

    # -- cross-article results --------------------------------------------

    def save_speakers(self, resolution: SpeakerResolution, scope: ResolutionScope | None = None) -> None:
        """Replace the speakers (with their names and merges) and link quotes to them.

        Each quote gets the speaker, the spelling and the role that resolution
        assigned it; stored quotes it leaves out get no speaker. Counts and
        first/last quoted dates are computed from the stored quotes. With a
        ``scope``, only its speakers are replaced and only its quotes linked
        (an incremental build, see :mod:`quotes.resolution`); else all of them.
        With a scope, only the rows that differ from the stored ones are written,
        and only the speakers whose counts can have changed are counted again.
        """
        speakers, speaker_of = resolution.speakers, resolution.speaker_of
        speaker_ids = _unique_ids("speaker", [s.id for s in speakers])
        # The links of the quotes to write, as stored: those of speaker_of among them are known to be stored.
        if scope is None:
            linked = self._quote_columns(LINK_COLUMNS, None)
        else:
            linked = {**scope.links, **self._quote_columns(LINK_COLUMNS, scope.quote_ids - scope.links.keys())}
        self._check_quotes_known(speaker_of.keys() - linked.keys(), "save_speakers")
        unknown = sorted(set(speaker_of.values()) - speaker_ids)
        if unknown:
            raise StoreError(f"save_speakers: quotes name speakers not given: {first_few(unknown)}")
        with self.db.atomic():
            if scope is None:
                for table in ("speaker_merges", "speaker_names", "speakers"):
                    self.db.execute(f"DELETE FROM {table}")
                before = SpeakerRows({}, {}, {})
            else:
                before = self._stored_speaker_rows(scope.speaker_ids)
            uncounted = self._write_speaker_rows(before, _rows_of(speakers))
            relinked = self._write_links(resolution, linked, in_id_order=scope is not None)
            recounted = None if scope is None else (uncounted | relinked | scope.requoted) & speaker_ids
            self._count_speakers(recounted)

    def _stored_speaker_rows(self, speaker_ids: set[str]) -> SpeakerRows:
        """The stored rows of ``speaker_ids`` in speakers, speaker_names and speaker_merges, counts left out."""
        rows = SpeakerRows({}, {}, {speaker_id: [] for speaker_id in speaker_ids})
        for speaker_id, name, kind in self._select_in("SELECT id, name, type FROM speakers WHERE id IN ({ids})",
                                                      speaker_ids):
            rows.speakers[speaker_id] = (name, kind)
        for speaker_id, name in self._select_in("SELECT speaker_id, name FROM speaker_names "
                                                "WHERE speaker_id IN ({ids})", speaker_ids):
            rows.names[speaker_id, name] = None
        for speaker_id, *merge in self._select_in("SELECT speaker_id, name, reason, confidence FROM speaker_merges "
                                                  "WHERE speaker_id IN ({ids}) ORDER BY rowid", speaker_ids):
            rows.merges[speaker_id].append(tuple(merge))
        return rows

    def _write_speaker_rows(self, stored: SpeakerRows, wanted: SpeakerRows) -> set[str]:
        """Turn the ``stored`` rows into the ``wanted`` ones, writing only the rows that differ; return the
        speakers given a new row in speakers or speaker_names, whose counts are not known yet.

        An incremental build resolves the names of thousands of speakers again and finds almost all
        as they were: rewriting their rows dirtied every page of these tables and their indexes, written
        out again at commit. New rows have no counts yet (see :meth:`_count_speakers`); names that stay
        keep theirs. speaker_merges has no key: its table page lists the rows in the order they were written,
        each speaker's in resolution's order, so a speaker's merges are written again, all of them, when any changes.
        """
        remerged = {speaker_id for speaker_id in stored.merges.keys() | wanted.merges.keys()
                    if stored.merges.get(speaker_id, []) != wanted.merges.get(speaker_id, [])}
        self._delete_in("speaker_merges", "speaker_id", remerged)
        self.db.conn.executemany("DELETE FROM speaker_names WHERE speaker_id = ? AND name = ?",
                                 [key for key in stored.names if key not in wanted.names])
        self._delete_in("speakers", "id", stored.speakers.keys() - wanted.speakers.keys())
        self.db.conn.executemany(
            "UPDATE speakers SET name = ?, type = ? WHERE id = ?",
            [(*values, speaker_id) for speaker_id, values in wanted.speakers.items()
             if speaker_id in stored.speakers and stored.speakers[speaker_id] != values],
        )
        new_speakers = {speaker_id: values for speaker_id, values in wanted.speakers.items()
                        if speaker_id not in stored.speakers}
        new_names = [key for key in wanted.names if key not in stored.names]
        self._insert("speakers", ({"id": speaker_id, "name": name, "type": kind}
                                  for speaker_id, (name, kind) in new_speakers.items()))
        self._insert("speaker_names", ({"speaker_id": speaker_id, "name": name, "n_quotes": 0}
                                       for speaker_id, name in new_names))
        self._insert("speaker_merges", ({"speaker_id": speaker_id, "name": name, "reason": reason,
                                         "confidence": confidence}
                                        for speaker_id, merges in wanted.merges.items() if speaker_id in remerged
                                        for name, reason, confidence in merges))
        return new_speakers.keys() | {speaker_id for speaker_id, _ in new_names}

    def _write_links(self, resolution: SpeakerResolution, stored: Mapping[str, tuple], *,
                     in_id_order: bool) -> set[str]:
        """Give the quotes of ``stored`` (their links as stored, by ID) the links resolution assigned them (none when
        it left them out), writing only the links that change; return the speakers these quotes had and have.

        The links are written in the order of ``stored``, or of the quote IDs: the quotes' count triggers add rows
        to quote_counts in the order the links are written, and an incremental save has always written them by ID.
        """
        changed = {quote_id: (before, wanted) for quote_id, before in stored.items()
                   if (wanted := (resolution.speaker_of.get(quote_id), resolution.spelling_of.get(quote_id),
                                  resolution.role_of.get(quote_id))) != before}
        self.db.conn.executemany(
            f"UPDATE quotes SET {', '.join(f'{column} = ?' for column in LINK_COLUMNS)} WHERE id = ?",
            [(*changed[quote_id][1], quote_id) for quote_id in (sorted(changed) if in_id_order else changed)],
        )
        return {speaker for before, wanted in changed.values() for speaker in (before[0], wanted[0]) if speaker}

    def _count_speakers(self, speaker_ids: Iterable[str] | None) -> None:
        """Each speaker's counts and dates, and each spelling's quotes: of all speakers, or of ``speaker_ids``.

        One grouped pass over the speakers' quotes each (a much quoted speaker has tens of thousands).
        Only the rows whose counts differ are written: an incremental build counts thousands of speakers again
        and changes the counts of a few (see :meth:`_write_speaker_rows`).
        """
        speakers_where, names_where, quotes_where = self._id_filter(
            speaker_ids, "speakers.id", "speaker_names.speaker_id", "speaker_id")
        self.db.execute(COUNT_SPEAKERS_SQL.format(speakers_where=speakers_where, quotes_where=quotes_where))
        self.db.execute(COUNT_SPELLINGS_SQL.format(names_where=names_where, quotes_where=quotes_where))

    def save_clusters(self, clusters: list[Cluster], scope: ResolutionScope | None = None) -> None:
        """Replace the statement clusters and set each quote's cluster_id, departure and flagged.

        Quotes in no cluster get ``cluster_id`` NULL. A cluster's text is its
        first quote's; its counts and first date come from the member quotes.
        With a ``scope``, only its clusters are replaced and its quotes set.
        """
        cluster_ids = _unique_ids("cluster", [c.id for c in clusters])
        members = [(c.id, m) for c in clusters for m in c.members]
        self._check_quotes_known(
            [m.quote_id for _, m in members] + [c.first_quote_id for c in clusters], "save_clusters"
        )
        wanted = {m.quote_id: (cid, m.departure, int(m.flagged)) for cid, m in members}
        with self.db.atomic():
            if scope is None:
                self.db.execute("DELETE FROM clusters")
            else:
                self._delete_in("clusters", "id", scope.cluster_ids)
            # Only quotes whose cluster values change are written (see save_speakers).
            current = self._quote_columns(("cluster_id", "departure", "flagged"), None if scope is None
                                          else scope.quote_ids)
            self.db.conn.executemany(
                "UPDATE quotes SET cluster_id = ?, departure = ?, flagged = ? WHERE id = ?",
                [(*wanted.get(quote_id, (None, None, 0)), quote_id) for quote_id, values in current.items()
                 if values != wanted.get(quote_id, (None, None, 0))],
            )
            self._insert("clusters", ({"id": c.id, "speaker_id": c.speaker_id, "first_quote_id": c.first_quote_id}
                                      for c in clusters))
            [where] = self._id_filter(None if scope is None else cluster_ids, "id")
            self.db.execute(
                f"""
                UPDATE clusters SET
                  text = (SELECT text FROM quotes WHERE id = clusters.first_quote_id),
                  n_quotes = (SELECT count(*) FROM quotes WHERE cluster_id = clusters.id),
                  n_outlets = (SELECT count(DISTINCT outlet_id) FROM quotes WHERE cluster_id = clusters.id),
                  first_published = (SELECT min(published) FROM quotes WHERE cluster_id = clusters.id)
                WHERE {where}
                """
            )

    def _quote_columns(self, columns: tuple[str, ...], quote_ids: Iterable[str] | None) -> dict[str, tuple]:
        """``columns`` of every quote, or of those of ``quote_ids`` that are stored, by quote ID."""
        select = f"SELECT id, {', '.join(columns)} FROM quotes"
        if quote_ids is None:
            rows = self.db.execute(select).fetchall()
        else:
            rows = self._select_in(select + " WHERE id IN ({ids})", quote_ids)
        return {quote_id: tuple(values) for quote_id, *values in rows}

    def _insert(self, table: str, rows: Iterable[Mapping[str, Any]], *, conflict: Sequence[str] = ()) -> None:
        """Insert ``rows`` (each with the same columns), many rows a statement; a row whose ``conflict``
        columns match a stored row's updates it instead.

        What sqlite-utils' insert_all and upsert write, in the same statements, without their look-ups of the
        table and its columns on every call, which cost more than a build's many small inserts themselves.
        The rows go in :data:`INSERT_BATCH` at a time, as sqlite-utils batches them: each statement flushes
        the full-text index's pending entries, so a statement per row would write many tiny segments.
        """
        rows = list(rows)
        if not rows:
            return
        columns = list(rows[0])
        names = ", ".join(f"[{c}]" for c in columns)
        on_conflict = ""
        if conflict:
            updated = [c for c in columns if c not in conflict]
            on_conflict = (f" ON CONFLICT ({', '.join(f'[{c}]' for c in conflict)}) "
                           + ("DO UPDATE SET " + ", ".join(f"[{c}] = excluded.[{c}]" for c in updated) if updated
                              else "DO NOTHING"))
        size = max(1, min(INSERT_BATCH, SQLITE_MAX_VARIABLES // len(columns)))
        for batch in _chunks(rows, size):
            values = ", ".join(f"({_marks(columns)})" for _ in batch)
            with self.db.atomic():
                self.db.execute(f"INSERT INTO [{table}] ({names}) VALUES {values}{on_conflict}",
                                [row[c] for row in batch for c in columns])

    def _delete_in(self, table: str, column: str, values: Iterable[str]) -> None:
        self._select_in(f"DELETE FROM {table} WHERE {column} IN ({{ids}})", values)

    def _select_in(self, sql: str, values: Iterable[Any], run: Callable[..., Iterable] | None = None) -> list:
        """The rows of ``sql`` for all of ``values``, its ``{ids}`` filled a chunk at a time (SQLite takes a
        limited number of parameters); ``run`` is ``db.execute`` (tuples, the default) or ``db.query`` (dicts)."""
        run = run or self.db.execute
        return [row for chunk in _chunks(sorted(set(values)), SQL_CHUNK)
                for row in run(sql.format(ids=_marks(chunk)), chunk)]

    def _id_filter(self, ids: Iterable[str] | None, *columns: str) -> list[str]:
        """For each of ``columns``, a WHERE clause matching every row (``ids`` None) or the rows whose column
        is in ``ids``; the clauses share one temporary table of ``ids``, written once."""
        if ids is None:
            return ["1" for _ in columns]
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS chosen_ids (id TEXT PRIMARY KEY)")
        self.db.execute("DELETE FROM temp.chosen_ids")
        self.db.conn.executemany("INSERT OR IGNORE INTO temp.chosen_ids VALUES (?)", [(i,) for i in ids])
        return [f"{column} IN (SELECT id FROM temp.chosen_ids)" for column in columns]

    # -- what incremental resolution follows (see quotes.resolution) ----------

    def save_name_keys(self, names: Mapping[str, tuple[Mapping[str, set[str]], Mapping[str, str]]]) -> None:
        """Replace the keys and role words of the speaker names of each article of ``names``, which gives
        them by doc: (keys by name, role words by name)."""
        self.drop_name_keys(names)
        self._insert("name_keys", ({"article_id": doc, "name": name, "key": key} for doc, (keys, _) in names.items()
                                   for name, held in keys.items() for key in sorted(held)))
        self._insert("name_roles", ({"article_id": doc, "name": name, "words": words}
                                    for doc, (_, roles) in names.items() for name, words in roles.items() if words))

    def drop_name_keys(self, docs: Iterable[str]) -> None:
        """Forget the name keys and role words of the articles ``docs``."""
        docs = list(docs)
        self._delete_in("name_keys", "article_id", docs)
        self._delete_in("name_roles", "article_id", docs)

    def clear_name_keys(self) -> None:
        """Forget every name key and role word (a full resolution writes them all again)."""
        self.db.execute("DELETE FROM name_keys")
        self.db.execute("DELETE FROM name_roles")

    def name_keys_of(self, docs: Iterable[str]) -> dict[tuple[str, str], set[str]]:
        """The keys of every speaker name of the articles ``docs``, by (doc, name)."""
        keys: dict[tuple[str, str], set[str]] = {}
        for doc, name, key in self._select_in("SELECT article_id, name, key FROM name_keys WHERE article_id IN ({ids})",
                                              docs):
            keys.setdefault((doc, name), set()).add(key)
        return keys

    def keys_of_names(self, names: Iterable[tuple[str, str]]) -> dict[tuple[str, str], set[str]]:
        """The keys of each speaker name (doc, name) among ``names``, read through a temporary table of them."""
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS chosen_names (article_id TEXT, name TEXT)")
        self.db.execute("DELETE FROM temp.chosen_names")
        self.db.conn.executemany("INSERT INTO temp.chosen_names VALUES (?, ?)", names)
        keys: dict[tuple[str, str], set[str]] = {}
        for doc, name, key in self.db.execute(
            "SELECT k.article_id, k.name, k.key FROM temp.chosen_names AS c "
            "JOIN name_keys AS k ON k.article_id = c.article_id AND k.name = c.name"
        ):
            keys.setdefault((doc, name), set()).add(key)
        return keys

    def names_holding(self, keys: Iterable[str]) -> set[tuple[str, str]]:
        """The (doc, name) of every speaker name holding one of ``keys``."""
        rows = self._select_in("SELECT article_id, name FROM name_keys WHERE key IN ({ids})", keys)
        return {(doc, name) for doc, name in rows}

    def names_with_key_prefix(self, prefix: str) -> list[tuple[str, str, str]]:
        """(doc, name, key) of every name key starting with ``prefix`` (a range of the key index, not a scan)."""
        upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
        return self.db.execute("SELECT article_id, name, key FROM name_keys WHERE key >= ? AND key < ?",
                               [prefix, upper]).fetchall()

    def speaker_mentions_of_names(self, names: Iterable[tuple[str, str]]) -> list[SpeakerMention]:
        """What speaker resolution reads of the stored quotes of each (doc, speaker name as the name keys write
        it), by doc and offset."""
        wanted = set(names)
        rows = self._select_in("SELECT rowid, article_id, speaker FROM quotes WHERE article_id IN ({ids})",
                               {doc for doc, _ in wanted})
        # Read again by rowid, which finds a row without a look-up of its ID in the ID index.
        mentions = [SpeakerMention(*row) for row in self._select_in(
            f"{SPEAKER_MENTION_SELECT} WHERE rowid IN ({{ids}})",
            (rowid for rowid, doc, speaker in rows if (doc, as_written(speaker)) in wanted))]
        mentions.sort(key=lambda mention: (mention.doc, mention.start, mention.end))
        return mentions

    def speaker_spellings_of(self, speaker_ids: Iterable[str]) -> dict[str, tuple[str, frozenset[str]]]:
        """The name and spellings of each stored speaker among ``speaker_ids``: what a quote's search document
        holds of its speaker."""
        spellings = self._speaker_spellings(speaker_ids)
        return {speaker_id: (name, frozenset(spellings.get(speaker_id, ())))
                for speaker_id, name in self._select_in("SELECT id, name FROM speakers WHERE id IN ({ids})", speaker_ids)}

    def speakers_of_names(self, names: Iterable[tuple[str, str]]) -> set[str]:
        """The speaker IDs of the quotes of each (doc, speaker name as the name keys write it)."""
        wanted = set(names)
        rows = self._select_in("SELECT article_id, speaker, speaker_id FROM quotes "
                               "WHERE speaker_id IS NOT NULL AND article_id IN ({ids})", {doc for doc, _ in wanted})
        return {speaker_id for doc, speaker, speaker_id in rows if (doc, as_written(speaker)) in wanted}

    def names_whose_roles_spell(self, words: str) -> dict[tuple[str, str], str]:
        """The role words of each name whose roles hold the run of organization words ``words``."""
        rows = self.db.execute("SELECT article_id, name, words FROM name_roles WHERE instr(words, ?) > 0",
                               [f" {words} "])
        return {(doc, name): role_words for doc, name, role_words in rows}

    def quotes_of_ids(self, quote_ids: Iterable[str]) -> list[Quote]:
        """The stored quotes among ``quote_ids``, by doc and offset."""
        return self._quotes_in("id", quote_ids)

    # -- the statement graph (see quotes.statement_graph) -------------------

    def save_statement_graph(self, versions: Iterable[StatementVersion], pairs: Iterable[tuple[str, str, float]],
                             repeats: Iterable[tuple[str, str, str]], spokespersons: Iterable[tuple[str, str]]) -> None:
        """Replace the whole statement graph: versions, verified pairs (a, b, score), repeats (block, first,
        other) and (person's block, organization's block)."""
        for table in ("statement_versions", "statement_pairs", "repeated_statements", "spokespersons"):
            self.db.execute(f"DELETE FROM {table}")
        self._insert_versions(versions)
        self.add_statement_pairs(pairs)
        self.add_repeats(repeats)
        self.db.conn.executemany("INSERT INTO spokespersons VALUES (?, ?)", spokespersons)

    def _insert_versions(self, versions: Iterable[StatementVersion]) -> None:
        self.db.conn.executemany(
            f"INSERT INTO statement_versions ({STATEMENT_VERSION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            ((v.quote_id, v.block, v.doc, v.start, v.end, v.words_key, " ".join(sorted(v.stems)), int(v.comparable),
              v.organization_key, int(v.is_person), v.role) for v in versions))

    def replace_statement_versions(self, quote_ids: Iterable[str], versions: Iterable[StatementVersion]) -> None:
        """Forget the versions of ``quote_ids`` and store ``versions``."""
        self._delete_in("statement_versions", "quote_id", quote_ids)
        self._insert_versions(versions)

    def statement_versions(self, quote_ids: Iterable[str]) -> dict[str, StatementVersion]:
        """The stored versions of ``quote_ids``, by quote ID."""
        rows = self._select_in(f"SELECT {STATEMENT_VERSION_COLUMNS} FROM statement_versions WHERE quote_id IN ({{ids}})",
                               quote_ids)
        return {row[0]: _statement_version(row) for row in rows}

    def statement_versions_of_blocks(self, blocks: Iterable[str]) -> list[StatementVersion]:
        """The stored versions whose block is one of ``blocks``."""
        rows = self._select_in(f"SELECT {STATEMENT_VERSION_COLUMNS} FROM statement_versions WHERE block IN ({{ids}})",
                               blocks)
        return [_statement_version(row) for row in rows]

    def organization_blocks(self, keys: Iterable[str] | None = None) -> dict[str, str]:
        """Each organization key's block (of every key, or of ``keys``): of the versions holding it, the last
        in document order's."""
        order = ' ORDER BY article_id, start, "end", quote_id'
        if keys is None:
            return dict(self.db.execute("SELECT organization_key, block FROM statement_versions"
                                        " WHERE organization_key IS NOT NULL" + order).fetchall())
        # Each key's versions come in one chunk of keys, in order.
        return dict(self._select_in("SELECT organization_key, block FROM statement_versions"
                                    " WHERE organization_key IN ({ids})" + order, keys))

    def block_roles(self, block: str) -> set[str]:
        """The roles of the person versions of ``block``."""
        rows = self.db.execute("SELECT DISTINCT role FROM statement_versions WHERE block = ? AND is_person = 1"
                               " AND role IS NOT NULL", [block])
        return {role for (role,) in rows}

    def spokespersons_of(self, persons: Iterable[str]) -> dict[str, set[str]]:
        """The organizations' blocks each of ``persons`` (blocks) speaks for."""
        return self._spokespersons("person", "organization", persons)

    def spokespersons_for(self, organizations: Iterable[str]) -> dict[str, set[str]]:
        """The blocks speaking for each of ``organizations`` (blocks)."""
        return self._spokespersons("organization", "person", organizations)

    def _spokespersons(self, by: str, other: str, blocks: Iterable[str]) -> dict[str, set[str]]:
        found: dict[str, set[str]] = {}
        sql = f"SELECT {by}, {other} FROM spokespersons WHERE {by} IN ({{ids}})"
        for block, linked in self._select_in(sql, blocks):
            found.setdefault(block, set()).add(linked)
        return found

    def replace_spokespersons(self, speaks: Mapping[str, set[str]]) -> None:
        """Set the organizations each block of ``speaks`` speaks for."""
        self._delete_in("spokespersons", "person", speaks)
        self.db.conn.executemany("INSERT INTO spokespersons VALUES (?, ?)",
                                 [(person, organization) for person, organizations in speaks.items()
                                  for organization in organizations])

    def has_chained_spokespersons(self) -> bool:
        """Whether a block both speaks for an organization and is spoken for."""
        return self.db.execute("SELECT EXISTS (SELECT 1 FROM spokespersons JOIN spokespersons AS spoken"
                               " ON spoken.organization = spokespersons.person)").fetchone()[0] == 1

    def statement_pairs_of(self, quote_ids: Iterable[str]) -> set[tuple[str, str, float]]:
        """The verified pairs (a, b, score) holding one of ``quote_ids``."""
        return {tuple(row) for column in ("a", "b")
                for row in self._select_in(f"SELECT a, b, score FROM statement_pairs WHERE {column} IN ({{ids}})",
                                           quote_ids)}

    def add_statement_pairs(self, pairs: Iterable[tuple[str, str, float]]) -> None:
        self.db.conn.executemany("INSERT OR REPLACE INTO statement_pairs VALUES (?, ?, ?)", pairs)

    def delete_statement_pairs(self, pairs: Iterable[tuple[str, str, float]]) -> None:
        self.db.conn.executemany("DELETE FROM statement_pairs WHERE a = ? AND b = ?", [(a, b) for a, b, _ in pairs])

    def repeats_of_block(self, block: str) -> set[tuple[str, str, str]]:
        """The exact repeats (block, first, other) of ``block``."""
        rows = self.db.execute("SELECT block, first, other FROM repeated_statements WHERE block = ?", [block])
        return {tuple(row) for row in rows}

    def add_repeats(self, repeats: Iterable[tuple[str, str, str]]) -> None:
        self.db.conn.executemany("INSERT OR IGNORE INTO repeated_statements VALUES (?, ?, ?)", repeats)

    def delete_repeats(self, repeats: Iterable[tuple[str, str, str]]) -> None:
        self.db.conn.executemany("DELETE FROM repeated_statements WHERE block = ? AND first = ? AND other = ?",
                                 list(repeats))

    def statement_links(self, quote_ids: Iterable[str]) -> set[tuple[str, str, float]]:
        """Every pair (a, b, score) holding one of ``quote_ids``: verified pairs, and exact repeats (score 1)."""
        links = self.statement_pairs_of(quote_ids)
        for column in ("first", "other"):
            rows = self._select_in(f"SELECT first, other FROM repeated_statements WHERE {column} IN ({{ids}})",
                                   quote_ids)
            links |= {(first, other, 1.0) for first, other in rows}
        return links

    def resolution_state(self, name: str) -> str | None:
        row = self.db.execute("SELECT value FROM resolution_state WHERE name = ?", [name]).fetchone()
        return row[0] if row else None

    def set_resolution_state(self, name: str, value: str) -> None:
        self._insert("resolution_state", [{"name": name, "value": value}], conflict=("name",))

    def quotes_of_docs(self, docs: Iterable[str]) -> list[Quote]:
        """The stored quotes of the articles ``docs``, by doc and offset."""
        return self._quotes_in("article_id", docs)

    def _quotes_in(self, column: str, values: Iterable[Any]) -> list[Quote]:
        """The stored quotes whose ``column`` is one of ``values``, by doc and offset (sorted here: the
        query runs a chunk of values at a time)."""
        rows = self._select_in(f"{QUOTE_ROW_SELECT} WHERE {column} IN ({{ids}})", values)
        rows.sort(key=_IN_DOCUMENT_ORDER)
        return [_quote_from_row(row) for row in rows]

    def links_of(self, quote_ids: Iterable[str]) -> dict[str, tuple[str | None, str | None]]:
        """The speaker ID and cluster ID of each of ``quote_ids`` that is stored."""
        rows = self._select_in("SELECT id, speaker_id, cluster_id FROM quotes WHERE id IN ({ids})", quote_ids)
        return {quote_id: (speaker_id, cluster_id) for quote_id, speaker_id, cluster_id in rows}

    def quotes_linked_to(self, speaker_ids: Iterable[str], cluster_ids: Iterable[str]) -> set[str]:
        """The IDs of the quotes linked to one of ``speaker_ids`` or ``cluster_ids``."""
        return {quote_id for column, ids in (("speaker_id", speaker_ids), ("cluster_id", cluster_ids))
                for (quote_id,) in self._select_in(f"SELECT id FROM quotes WHERE {column} IN ({{ids}})", ids)}

    def taken_ids(self, speaker_ids: Iterable[str], cluster_ids: Iterable[str]) -> set[str]:
        """Those of ``speaker_ids`` and ``cluster_ids`` a stored speaker or cluster already has."""
        return {taken for table, ids in (("speakers", speaker_ids), ("clusters", cluster_ids))
                for (taken,) in self._select_in(f"SELECT id FROM {table} WHERE id IN ({{ids}})", ids)}

    def outlet_names(self) -> dict[str, str]:
        return dict(self.db.execute("SELECT id, name FROM outlets").fetchall())

    def quote_ids_of_outlets(self, outlet_ids: Iterable[str]) -> set[str]:
        rows = self._select_in("SELECT id FROM quotes WHERE outlet_id IN ({ids})", outlet_ids)
        return {quote_id for (quote_id,) in rows}

    def _check_quotes_known(self, quote_ids: Iterable[str | None], caller: str) -> None:
        wanted = {str(q) for q in quote_ids}
        known = {quote_id for (quote_id,) in self._select_in("SELECT id FROM quotes WHERE id IN ({ids})", wanted)}
        unknown = sorted(wanted - known)
        if unknown:
            raise StoreError(f"{caller}: quotes not in the store: {first_few(unknown)}")


class BrokenLink(NamedTuple):
    """A row whose declared link (``column``) names no row of ``parent``."""

    table: str
    key: str
    column: str
    value: Any
    parent: str


class ResolutionScope(NamedTuple):
    """What an incremental resolution replaces: the quotes it resolved again, and the speakers and clusters they had;
    and the speakers whose quotes the build saved or deleted (``requoted``: those the changed articles' quotes had
    before the build and have as saved), whose counts can change though no link of theirs does. ``links`` holds the
    links (:data:`LINK_COLUMNS`) of quotes of ``quote_ids`` as the resolution read them from the store, in this
    transaction: saving compares them with the new ones instead of reading tens of thousands of rows again."""

    quote_ids: set[str]
    speaker_ids: set[str]
    cluster_ids: set[str]
    requoted: set[str]
    links: dict[str, tuple[str | None, str | None, str | None]]


class SpeakerRows(NamedTuple):
    """Speakers as the speakers, speaker_names and speaker_merges tables hold them, counts left out:
    (name, type) by speaker ID, the (speaker ID, name) keys of the names in order, and each speaker's
    (name, reason, confidence) merges in order."""

    speakers: dict[str, tuple[str, str]]
    names: dict[tuple[str, str], None]
    merges: dict[str, list[tuple[str, str, float]]]


def _rows_of(speakers: list[Speaker]) -> SpeakerRows:
    """The rows :meth:`Store.save_speakers` writes for ``speakers``: a speaker's canonical name is one of its names."""
    return SpeakerRows(
        {s.id: (s.name, s.type) for s in speakers},
        {(s.id, name): None for s in speakers for name in [s.name, *s.names]},
        {s.id: [(m.name, m.reason, m.confidence) for m in s.merges] for s in speakers},
    )


def _statement_version(row: tuple) -> StatementVersion:
    quote_id, block, doc, start, end, words_key, stems, comparable, organization_key, is_person, role = row
    return StatementVersion(quote_id, block, doc, start, end, words_key, frozenset(stems.split()), bool(comparable),
                            organization_key, bool(is_person), role)


def _marks(values: list[Any]) -> str:
    return ", ".join("?" for _ in values)


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _retirement_reason(text: str, doc: str | None, successor: Quote | None) -> str:
    """Why a quote ID retired: its words went on under another key, changed, or went."""
    if successor is None:
        return "withdrawn"
    if successor.doc != doc and quote_words(successor.text) == quote_words(text):
        return "moved"
    return "text changed"


def _successors(gone: list[Quote], arrived: list[Quote]) -> dict[str, str | None]:
    """Each gone quote's ID with the arrived quote that took its place, or ``None``.

    The same words quoted the same time over (a renamed article) pair first;
    the rest pair most alike first, so two edited quotes never share one
    successor.

    >>> old = [Quote(start=0, end=9, text="We will respond.", quote_id="q-old")]
    >>> new = [Quote(start=0, end=9, text="We shall respond.", quote_id="q-new"),
    ...        Quote(start=20, end=29, text="Nothing to add.", quote_id="q-other")]
    >>> _successors(old, new)
    {'q-old': 'q-new'}
    """
    scored = sorted(
        ((fuzz.ratio(quote_words(a.text), quote_words(b.text)) / 100, a.quote_id, b.quote_id)
         for a in gone for b in arrived),
        reverse=True,
    )
    successors: dict[str, str | None] = {q.quote_id: None for q in gone}
    taken: set[str] = set()
    arrived_at = _by_occurrence(arrived)
    for key, q in _by_occurrence(gone).items():
        if key in arrived_at:
            successors[q.quote_id] = arrived_at[key].quote_id
            taken.add(arrived_at[key].quote_id)
    for score, old_id, new_id in scored:
        if score < SAME_QUOTE_SIMILARITY:
            break
        if successors[old_id] is None and new_id not in taken:
            successors[old_id] = new_id
            taken.add(new_id)
    return successors


def _by_occurrence(quotes: list[Quote]) -> dict[tuple[str, int], Quote]:
    """Quotes keyed by their words and which time, in offset order, those words are quoted."""
    seen: Counter[str] = Counter()
    keyed = {}
    for q in sorted(quotes, key=lambda q: (q.start, q.end)):
        words = quote_words(q.text)
        keyed[(words, seen[words])] = q
        seen[words] += 1
    return keyed


def first_few(items: list[str], shown: int = 5) -> str:
    """The first ``shown`` items, and how many more there are, for a message."""
    more = f" and {len(items) - shown} more" if len(items) > shown else ""
    return ", ".join(items[:shown]) + more


def _unique_ids(what: str, ids: list[str]) -> set[str]:
    unique = set(ids)
    if len(unique) != len(ids):
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        raise StoreError(f"{what} IDs given more than once: {first_few(repeated)}")
    return unique


def _unique_by_id(quotes: list[Quote]) -> list[Quote]:
    """Quotes with repeated spans dropped: the same span is the same quote."""
    first_by_id: dict[str | None, Quote] = {}
    for q in quotes:
        first_by_id.setdefault(q.quote_id, q)
    return list(first_by_id.values())


def _check_offsets(article: Article, quotes: list[Quote]) -> None:
    """Every stored quote must be checkable: its spans hold the article text at their offsets."""
    for q in quotes:
        for what, span in q.spans().items():
            found = span.found_in(article.text)
            if found != span.text:
                raise StoreError(
                    f"{article.doc}: {what} at {span.start}:{span.end} is {span.text!r}"
                    f" but the article text there is {found!r}"
                )


def _quote_row(quote: Quote, article_row: dict[str, Any]) -> dict[str, Any]:
    row = {name: getattr(quote, name) for name in QUOTE_RECORD_FIELDS}
    row.update(
        id=quote.quote_id,
        article_id=article_row["id"],
        outlet_id=article_row["outlet_id"],
        published=article_row["published"],
        departure=None,
        flagged=0,
    )
    return row


def _staged_fields(quote: Quote) -> dict[str, Any]:
    """What a staged extraction keeps of a quote: everything but what saving and resolution assign."""
    return {name: getattr(quote, name) for name in QUOTE_RECORD_FIELDS if name not in ("speaker_id", "cluster_id")}


def _article_from_row(row: dict[str, Any]) -> Article:
    return Article(
        doc=row["id"],
        text=row["text"],
        path=row["path"],
        title=row["title"],
        published=row["published"],
        author=row["author"],
        outlet=row["outlet"],
        url=row["url"],
        encoding=row["encoding"],
        excluded=[tuple(span) for span in json.loads(row["excluded"] or "[]")],
    )


def _quote_from_row(row: Sequence[Any]) -> Quote:
    """The Quote record of a row of :data:`QUOTE_ROW_COLUMNS`."""
    return Quote(*row)


# Sort key of rows of QUOTE_ROW_COLUMNS: by doc and offset.
_IN_DOCUMENT_ORDER = operator.itemgetter(*(QUOTE_ROW_COLUMNS.index(column)
                                            for column in ("article_id", "start", "end")))
