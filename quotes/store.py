"""The SQLite store: articles, their quotes, speakers and statement clusters.

One file, opened with :class:`Store`, holds everything Datasette publishes. The
article text is kept exactly as read, with its SHA-256, so every stored offset
can be checked later (see :mod:`quotes.cite`). Writing is idempotent: saving
the same article twice leaves the database as it was, and saving a changed
article replaces its quotes instead of adding to them.

>>> store = Store(":memory:")
>>> store.save_article(Article(doc="a.txt", text='"Hi," she said.', outlet="The Daily"),
...                    [Quote(start=1, end=4, text="Hi,", speaker="she")])
>>> store.db["quotes"].count, store.db["outlets"].get("the-daily")["name"]
(1, 'The Daily')
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import sqlite_utils

from .errors import DuplicateArticle, StoreError
from .model import Article, Cluster, Quote, Speaker, identify

QUOTE_COLUMNS = {
    "id": str,
    "article_id": str,
    "outlet_id": str,
    "published": str,
    "text": str,
    "kind": str,
    "stance": str,
    "speaker_id": str,
    "speaker": str,
    "speaker_mention": str,
    "speaker_type": str,
    "role": str,
    "cue": str,
    "start": int,
    "end": int,
    "speaker_start": int,
    "speaker_end": int,
    "cue_start": int,
    "cue_end": int,
    "cluster_id": str,
    "departure": float,
    "flagged": int,
}
QUOTE_FTS_COLUMNS = ["text", "speaker", "speaker_mention", "role"]
QUOTE_INDEXES = ["article_id", "speaker_id", "cluster_id", "outlet_id", "published"]
# Quote fields copied as they are into a quotes row of the same name.
QUOTE_RECORD_FIELDS = (
    "text", "kind", "stance", "speaker_id", "speaker", "speaker_mention", "speaker_type",
    "role", "cue", "start", "end", "speaker_start", "speaker_end", "cue_start", "cue_end",
    "cluster_id",
)

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$")

SPEAKER_ROLES_VIEW = """
SELECT speaker_id, role, outlet_id, article_id, published
FROM quotes
WHERE role IS NOT NULL
"""


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


def iso_date(value: str | None) -> str | None:
    """The ``YYYY-MM-DD`` date a published value starts with, or ``None`` for no value.

    >>> iso_date("2024-01-31T11:43:00+02:00")
    '2024-01-31'
    >>> iso_date("2024-01-31 garbage")
    Traceback (most recent call last):
    ValueError: not an ISO date: '2024-01-31 garbage'
    """
    if not value:
        return None
    if not ISO_DATE.match(value):
        raise ValueError(f"not an ISO date: {value!r}")
    date.fromisoformat(value[:10])  # raises ValueError on a month 13 or a 30 February
    return value[:10]


class Store:
    """The quotes database; ``Store(path)`` opens it, creating tables, FTS and view as needed."""

    def __init__(self, path: str | Path):
        self.path = path
        self.db = sqlite_utils.Database(path)
        if self.db.journal_mode != "wal" and str(path) != ":memory:":
            self.db.enable_wal()
        self._ensure_schema()

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
                "excluded": str, "n_quotes": int, "added": str,
            },
            pk="id",
            foreign_keys=[("outlet_id", "outlets", "id")],
            ignore=True,
        )
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
        # clusters and quotes point at each other: the second link waits for quotes to exist.
        if not any(fk.column == "first_quote_id" for fk in db["clusters"].foreign_keys):
            db["clusters"].add_foreign_key("first_quote_id", "quotes", "id")
        for column in QUOTE_INDEXES:
            db["quotes"].create_index([column], if_not_exists=True)
        db["speaker_merges"].create_index(["speaker_id"], if_not_exists=True)
        db["clusters"].create_index(["speaker_id"], if_not_exists=True)
        if not db["quotes"].detect_fts():
            db["quotes"].enable_fts(QUOTE_FTS_COLUMNS, fts_version="FTS5", create_triggers=True)
        db.create_view("speaker_roles", SPEAKER_ROLES_VIEW, ignore=True)

    # -- articles and their quotes ----------------------------------------

    def article_sha256(self, doc: str) -> str | None:
        """The SHA-256 stored for ``doc``, so a build can skip files that did not change."""
        row = self.db.execute("SELECT sha256 FROM articles WHERE id = ?", [doc]).fetchone()
        return row[0] if row else None

    def save_article(self, article: Article, quotes: list[Quote]) -> None:
        """Store ``article`` and replace its quotes with ``quotes``, in one transaction.

        Quotes get their doc and stable ID from the article text; a span listed
        twice is one quote. Raises :class:`StoreError` (and stores nothing) when
        a quote's offsets do not hold, the date is not ISO, or the same text is
        already stored under another name.
        """
        quotes = _unique_by_id(identify(article, quotes))
        article_row = self._article_row(article, n_quotes=len(quotes))
        _check_offsets(article, quotes)
        self._check_not_stored_elsewhere(article)
        outlet_id = article_row["outlet_id"]
        with self.db.atomic():
            if outlet_id:
                self.db["outlets"].upsert({"id": outlet_id, "name": article.outlet}, pk="id")
            self.db["articles"].upsert(article_row, pk="id")
            # "added" is when the article first arrived; later saves keep it.
            self.db.execute(
                "UPDATE articles SET added = ? WHERE id = ? AND added IS NULL",
                [datetime.now(timezone.utc).isoformat(timespec="seconds"), article.doc],
            )
            self.db["quotes"].delete_where("article_id = ?", [article.doc])
            self.db["quotes"].insert_all(
                (_quote_row(q, article_row) for q in quotes), pk="id"
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
        }

    def _check_not_stored_elsewhere(self, article: Article) -> None:
        """Quote IDs come from the text, so one text under two names would share its quotes."""
        row = self.db.execute(
            "SELECT id FROM articles WHERE sha256 = ? AND id != ?", [article.sha256, article.doc]
        ).fetchone()
        if row:
            raise DuplicateArticle(f"same text as the stored article {row[0]}; not stored twice")

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

    def quotes(self) -> list[Quote]:
        """All stored quotes as records (with doc, quote_id, speaker_id, cluster_id), by doc and offset."""
        rows = self.db.query('SELECT * FROM quotes ORDER BY article_id, start, "end"')
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

    # -- cross-article results --------------------------------------------

    def save_speakers(self, speakers: list[Speaker], quotes: list[Quote]) -> None:
        """Replace the speakers (with their names and merges) and link quotes to them.

        Each quote in ``quotes`` gets its ``speaker_id``; stored quotes left
        pointing at a speaker that no longer exists are unlinked. Counts and
        first/last quoted dates are computed from the stored quotes.
        """
        speaker_ids = _unique_ids("speaker", [s.id for s in speakers])
        self._check_quotes_known([q.quote_id for q in quotes], "save_speakers")
        unknown = sorted({q.speaker_id for q in quotes if q.speaker_id} - speaker_ids)
        if unknown:
            raise StoreError(f"save_speakers: quotes name speakers not given: {_some(unknown)}")
        with self.db.atomic():
            for table in ("speaker_merges", "speaker_names", "speakers"):
                self.db.execute(f"DELETE FROM {table}")
            self.db["speakers"].insert_all(
                ({"id": s.id, "name": s.name, "type": s.type} for s in speakers), pk="id"
            )
            self.db["speaker_names"].insert_all(
                (
                    {"speaker_id": s.id, "name": name, "n_quotes": 0}
                    for s in speakers
                    for name in dict.fromkeys([s.name, *s.names])
                ),
                pk=("speaker_id", "name"),
            )
            self.db["speaker_merges"].insert_all(
                {"speaker_id": s.id, "name": m.name, "reason": m.reason, "confidence": m.confidence}
                for s in speakers
                for m in s.merges
            )
            self.db.conn.executemany(
                "UPDATE quotes SET speaker_id = ? WHERE id = ?",
                [(q.speaker_id, q.quote_id) for q in quotes],
            )
            self.db.execute(
                "UPDATE quotes SET speaker_id = NULL"
                " WHERE speaker_id IS NOT NULL AND speaker_id NOT IN (SELECT id FROM speakers)"
            )
            self._count_speakers()

    def _count_speakers(self) -> None:
        self.db.execute(
            """
            UPDATE speakers SET
              n_quotes = (SELECT count(*) FROM quotes WHERE speaker_id = speakers.id),
              n_articles = (SELECT count(DISTINCT article_id) FROM quotes WHERE speaker_id = speakers.id),
              n_outlets = (SELECT count(DISTINCT outlet_id) FROM quotes WHERE speaker_id = speakers.id),
              first_quoted = (SELECT min(published) FROM quotes WHERE speaker_id = speakers.id),
              last_quoted = (SELECT max(published) FROM quotes WHERE speaker_id = speakers.id)
            """
        )
        self.db.execute(
            """
            UPDATE speaker_names SET n_quotes = (
              SELECT count(*) FROM quotes
              WHERE quotes.speaker_id = speaker_names.speaker_id
                AND (quotes.speaker = speaker_names.name OR quotes.speaker_mention = speaker_names.name)
            )
            """
        )

    def save_clusters(self, clusters: list[Cluster]) -> None:
        """Replace the statement clusters and set each quote's cluster_id, departure and flagged.

        Quotes in no cluster get ``cluster_id`` NULL. A cluster's text is its
        first quote's; its counts and first date come from the member quotes.
        """
        _unique_ids("cluster", [c.id for c in clusters])
        members = [(c.id, m) for c in clusters for m in c.members]
        self._check_quotes_known(
            [m.quote_id for _, m in members] + [c.first_quote_id for c in clusters], "save_clusters"
        )
        with self.db.atomic():
            self.db.execute("DELETE FROM clusters")
            self.db.execute("UPDATE quotes SET cluster_id = NULL, departure = NULL, flagged = 0")
            self.db.conn.executemany(
                "UPDATE quotes SET cluster_id = ?, departure = ?, flagged = ? WHERE id = ?",
                [(cid, m.departure, int(m.flagged), m.quote_id) for cid, m in members],
            )
            self.db["clusters"].insert_all(
                ({"id": c.id, "speaker_id": c.speaker_id, "first_quote_id": c.first_quote_id}
                 for c in clusters),
                pk="id",
            )
            self.db.execute(
                """
                UPDATE clusters SET
                  text = (SELECT text FROM quotes WHERE id = clusters.first_quote_id),
                  n_quotes = (SELECT count(*) FROM quotes WHERE cluster_id = clusters.id),
                  n_outlets = (SELECT count(DISTINCT outlet_id) FROM quotes WHERE cluster_id = clusters.id),
                  first_published = (SELECT min(published) FROM quotes WHERE cluster_id = clusters.id)
                """
            )

    def _check_quotes_known(self, quote_ids: Iterable[str | None], caller: str) -> None:
        known = {row[0] for row in self.db.execute("SELECT id FROM quotes")}
        unknown = sorted({str(q) for q in quote_ids} - known)
        if unknown:
            raise StoreError(f"{caller}: quotes not in the store: {_some(unknown)}")


def _some(items: list[str], shown: int = 5) -> str:
    more = f" and {len(items) - shown} more" if len(items) > shown else ""
    return ", ".join(items[:shown]) + more


def _unique_ids(what: str, ids: list[str]) -> set[str]:
    unique = set(ids)
    if len(unique) != len(ids):
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        raise StoreError(f"{what} IDs given more than once: {_some(repeated)}")
    return unique


def _unique_by_id(quotes: list[Quote]) -> list[Quote]:
    """Quotes with repeated spans dropped: the same span is the same quote."""
    first_by_id: dict[str | None, Quote] = {}
    for q in quotes:
        first_by_id.setdefault(q.quote_id, q)
    return list(first_by_id.values())


def _check_offsets(article: Article, quotes: list[Quote]) -> None:
    """Every stored quote must be checkable: its text is the article text at its offsets."""
    for q in quotes:
        found = article.text[q.start:q.end]
        if found != q.text:
            raise StoreError(
                f"{article.doc}: quote at {q.start}:{q.end} is {q.text!r}"
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


def _quote_from_row(row: dict[str, Any]) -> Quote:
    return Quote(
        **{name: row[name] for name in QUOTE_RECORD_FIELDS},
        doc=row["article_id"],
        quote_id=row["id"],
    )
