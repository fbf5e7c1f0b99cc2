"""Publish the quotes database with Datasette, and the plugin that makes it readable.

:func:`make_datasette` builds the app, always serving the database as ``quotes``
(whatever the file is called) with the metadata shipped in ``quotes/metadata.yml``;
:func:`serve` runs it. The plugin hooks below (registered through the
``datasette`` entry point) add:

- a page per speaker, ``/quotes/-/speaker/<id>``: names, roles over time,
  quotes by date, outlets, statement clusters and why names were merged;
- a page per cluster, ``/quotes/-/cluster/<id>``: the versions of one statement
  side by side, the earliest first, words departing from it marked, possible
  misquotes flagged;
- the quote row page showing the quote in its article, with the quote, the
  speaker mention and the cue marked, so every quote can be checked;
- links from cells (speaker names, quote, speaker and cluster IDs) to those pages.
"""
from __future__ import annotations

import difflib
import string
import sys
import urllib.parse
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from datasette import hookimpl
from datasette.utils import parse_metadata, tilde_decode, tilde_encode
from datasette.utils.asgi import NotFound, Response
from jinja2 import FileSystemLoader
from markupsafe import Markup

from .errors import DatabaseError

if TYPE_CHECKING:  # datasette.app imports the plugins, this one included: import it lazily
    from datasette.app import Datasette
    from datasette.database import Database

DATABASE = "quotes"
HERE = Path(__file__).resolve().parent
METADATA = HERE / "metadata.yml"
TEMPLATES = HERE / "templates"
CONTEXT_MARGIN = 400  # characters of article text shown either side of a quote
SHOWN = 200  # quotes or clusters listed on a speaker page; the tables have the rest


def make_datasette(db_path: str | Path, metadata_path: str | Path | None = None) -> Datasette:
    """The Datasette app serving ``db_path`` as the ``quotes`` database.

    Metadata comes from ``metadata_path`` (YAML or JSON), else the packaged
    ``quotes/metadata.yml``. Raises :class:`DatabaseError` if there is no
    database file yet.
    """
    path = Path(db_path)
    if not path.is_file():
        raise DatabaseError(f"{path}: no such database; run `quotes build` first to create it")
    from datasette.app import Datasette
    from datasette.database import Database

    register_plugin()
    datasette = Datasette(metadata=load_metadata(metadata_path or METADATA))
    if "_memory" in datasette.databases:
        datasette.remove_database("_memory")
    datasette.add_database(Database(datasette, path=str(path)), name=DATABASE)
    return datasette


def serve(
    db_path: str | Path,
    host: str = "127.0.0.1",
    port: int = 8001,
    metadata_path: str | Path | None = None,
) -> None:
    """Serve ``db_path`` with Datasette at http://host:port/ until interrupted."""
    import uvicorn

    datasette = make_datasette(db_path, metadata_path)
    uvicorn.run(datasette.app(), host=host, port=port, log_level="info", lifespan="on")


def load_metadata(path: str | Path) -> dict[str, Any]:
    """Datasette metadata read from a YAML or JSON file."""
    return parse_metadata(Path(path).read_text(encoding="utf-8"))


def register_plugin() -> None:
    """Make sure Datasette runs this plugin's hooks.

    Installed packages register it through the ``datasette`` entry point, but
    Datasette skips entry points under some test runners and a source checkout
    may not be installed, so register it by hand when it is missing.
    """
    from datasette.plugins import pm

    module = sys.modules[__name__]
    if not pm.is_registered(module):
        pm.register(module, name="quotes")


# URLs of the pages this plugin adds, and of rows.


def page_url(datasette: Datasette, page: str, key: str) -> str:
    """The URL of a page this plugin adds: ``page`` is "speaker" or "cluster"."""
    return f"{datasette.urls.database(DATABASE)}/-/{page}/{tilde_encode(str(key))}"


def row_url(datasette: Datasette, table: str, pk: str) -> str:
    """The row page of a single-key row (IDs are tilde-encoded: an article ID ends in .txt)."""
    return datasette.urls.row(DATABASE, table, tilde_encode(str(pk)))


def quote_url(datasette: Datasette, quote_id: str) -> str:
    return row_url(datasette, "quotes", quote_id)


def table_url(datasette: Datasette, table: str, **filters: str) -> str:
    """A table page filtered by column values, e.g. ``table_url(ds, "quotes", speaker_id="s-1")``."""
    return f"{datasette.urls.table(DATABASE, table)}?{urllib.parse.urlencode(filters)}"


# Text helpers for the pages.


def _comparable(word: str) -> str:
    return word.strip(string.punctuation + "“”‘’«»…").replace("’", "'").lower()


def compare_wording(reference: str, version: str) -> list[tuple[str, str]]:
    """The words of ``version``, each labelled against the ``reference`` wording.

    "same": also in the reference; "changed": replaces or adds to the
    reference's words; "extra": quoted beyond where the reference starts or
    ends (a longer version of a partial quote is not a departure); "omitted":
    a reference word this version leaves out mid-statement (listed in its
    place). Case and surrounding punctuation are ignored, so only wording
    changes show.

    >>> compare_wording("We will respond, in time.", "we shall respond in time")
    [('we', 'same'), ('shall', 'changed'), ('respond', 'same'), ('in', 'same'), ('time', 'same')]
    >>> compare_wording("we are not seeking war", "we are seeking war")
    [('we', 'same'), ('are', 'same'), ('not', 'omitted'), ('seeking', 'same'), ('war', 'same')]
    >>> compare_wording("louder than words", "Actions speak louder than words.")
    [('Actions', 'extra'), ('speak', 'extra'), ('louder', 'same'), ('than', 'same'), ('words.', 'same')]
    """
    reference_words = reference.split()
    words = version.split()
    matcher = difflib.SequenceMatcher(
        a=[_comparable(w) for w in reference_words],
        b=[_comparable(w) for w in words],
        autojunk=False,
    )
    labelled: list[tuple[str, str]] = []
    for tag, ref_start, ref_end, start, end in matcher.get_opcodes():
        at_an_end = ref_start == 0 or ref_end == len(reference_words)
        if tag == "delete":
            if not at_an_end:
                labelled.extend((word, "omitted") for word in reference_words[ref_start:ref_end])
            continue
        if tag == "equal":
            label = "same"
        elif tag == "insert" and at_an_end:
            label = "extra"
        else:
            label = "changed"
        labelled.extend((word, label) for word in words[start:end])
    return labelled


def passage_bounds(text: str, start: int, end: int, margin: int = CONTEXT_MARGIN) -> tuple[int, int]:
    """The paragraph(s) holding ``text[start:end]``, cut to ``margin`` characters either side.

    A cut falls between words, never inside one.

    >>> text = "Before.\\nSo Kirby said it was over. After that.\\nNext."
    >>> bounds = passage_bounds(text, 11, 16)
    >>> text[slice(*bounds)]
    'So Kirby said it was over. After that.'
    >>> text[slice(*passage_bounds(text, 11, 16, margin=6))]
    'So Kirby said'
    """
    left = max(text.rfind("\n", 0, start) + 1, start - margin)
    if left > 0 and not text[left - 1].isspace():
        left = next((i + 1 for i in range(left, start) if text[i].isspace()), start)
    paragraph_end = text.find("\n", end)
    right = min(len(text) if paragraph_end < 0 else paragraph_end, end + margin)
    if right < len(text) and not text[right].isspace():
        right = next((i for i in range(right, end, -1) if text[i].isspace()), end)
    return left, right


def marked_passage(
    text: str, spans: dict[str, tuple[int | None, int | None]], margin: int = CONTEXT_MARGIN
) -> list[tuple[str, str | None]]:
    """The passage of ``text`` around ``spans``, cut into (piece, span name or None).

    Spans without offsets, or overlapping one already marked, are left unmarked.

    >>> marked_passage("So Kirby said: we act.\\nNext.", {"speaker": (3, 8), "quote": (15, 21)})
    [('So ', None), ('Kirby', 'speaker'), (' said: ', None), ('we act', 'quote'), ('.', None)]
    """
    ordered = sorted(
        (start, end, name) for name, (start, end) in spans.items() if start is not None and end is not None
    )
    if not ordered:
        return []
    position, stop = passage_bounds(text, ordered[0][0], max(end for _, end, _ in ordered), margin)
    pieces: list[tuple[str, str | None]] = []
    for start, end, name in ordered:
        if start < position:
            continue
        if start > position:
            pieces.append((text[position:start], None))
        pieces.append((text[start:end], name))
        position = end
    if stop > position:
        pieces.append((text[position:stop], None))
    return pieces


# Reading the database.


def _as_dicts(rows: Iterable[Any]) -> list[dict[str, Any]]:
    return [dict(row) for row in rows]


def _raw(value: Any) -> Any:
    """A cell's stored value: Datasette hands expanded foreign keys over as {value, label}."""
    return value["value"] if isinstance(value, dict) else value


async def _ensure_can_view(datasette: Datasette, request: Any, table: str) -> None:
    await datasette.ensure_permissions(
        request.actor,
        [("view-table", (DATABASE, table)), ("view-database", DATABASE), "view-instance"],
    )


async def _one(db: Database, sql: str, params: dict[str, Any], missing: str) -> dict[str, Any]:
    rows = _as_dicts((await db.execute(sql, params)).rows)
    if not rows:
        raise NotFound(missing)
    return rows[0]


SPEAKER_SQL = """
    select speakers.*,
           (select count(*) from quotes where speaker_id = speakers.id) as quote_count,
           (select count(*) from clusters where speaker_id = speakers.id) as cluster_count
    from speakers where id = :id"""

SPEAKER_SECTIONS = {
    "names": """
        select name, n_quotes from speaker_names
        where speaker_id = :id order by n_quotes desc, name""",
    "roles": """
        select speaker_roles.role, count(*) as n_quotes,
               min(speaker_roles.published) as first_seen, max(speaker_roles.published) as last_seen,
               group_concat(distinct outlets.name) as outlets
        from speaker_roles left join outlets on outlets.id = speaker_roles.outlet_id
        where speaker_roles.speaker_id = :id
        group by speaker_roles.role
        order by first_seen, n_quotes desc, speaker_roles.role""",
    "quotes": """
        select quotes.id, quotes.text, quotes.published, quotes.kind, quotes.stance, quotes.cue,
               quotes.speaker_mention, quotes.role, quotes.cluster_id, quotes.flagged,
               quotes.article_id, articles.title as article_title, outlets.name as outlet
        from quotes
          left join articles on articles.id = quotes.article_id
          left join outlets on outlets.id = quotes.outlet_id
        where quotes.speaker_id = :id
        order by quotes.published, quotes.article_id, quotes.start
        limit :shown""",
    "outlets": """
        select outlets.id, outlets.name, count(*) as n_quotes,
               min(quotes.published) as first_quoted, max(quotes.published) as last_quoted
        from quotes join outlets on outlets.id = quotes.outlet_id
        where quotes.speaker_id = :id
        group by outlets.id order by n_quotes desc, outlets.name""",
    "clusters": """
        select id, text, n_quotes, n_outlets, first_published from clusters
        where speaker_id = :id order by first_published, n_outlets desc, id
        limit :shown""",
    "merges": """
        select name, reason, confidence from speaker_merges
        where speaker_id = :id order by confidence desc, name""",
}

CLUSTER_SQL = """
    select clusters.*, speakers.name as speaker_name
    from clusters left join speakers on speakers.id = clusters.speaker_id
    where clusters.id = :id"""

CLUSTER_VERSIONS_SQL = """
    select quotes.id, quotes.text, quotes.published, quotes.departure, quotes.flagged,
           quotes.speaker, quotes.speaker_mention, quotes.role, quotes.cue, quotes.stance,
           quotes.article_id, articles.title as article_title, articles.url as article_url,
           outlets.name as outlet
    from quotes
      left join articles on articles.id = quotes.article_id
      left join outlets on outlets.id = quotes.outlet_id
    where quotes.cluster_id = :id
    order by quotes.id = :first desc, quotes.published, quotes.departure, quotes.id"""

QUOTE_IN_ARTICLE_SQL = """
    select quotes.start, quotes.end, quotes.speaker_start, quotes.speaker_end,
           quotes.cue_start, quotes.cue_end, articles.text as article_text
    from quotes join articles on articles.id = quotes.article_id
    where quotes.id = :id"""


async def speaker_page(datasette: Datasette, request: Any) -> Response:
    """Everything known about one speaker, across articles and outlets."""
    await _ensure_can_view(datasette, request, "speakers")
    speaker_id = tilde_decode(request.url_vars["speaker_id"])
    db = datasette.get_database(DATABASE)
    speaker = await _one(db, SPEAKER_SQL, {"id": speaker_id}, f"No speaker {speaker_id}")
    context = {"database": DATABASE, "speaker": speaker}
    for section, sql in SPEAKER_SECTIONS.items():
        context[section] = _as_dicts((await db.execute(sql, {"id": speaker_id, "shown": SHOWN})).rows)
    html = await datasette.render_template("quotes-speaker.html", context, request=request)
    return Response.html(html)


async def cluster_page(datasette: Datasette, request: Any) -> Response:
    """The versions of one statement side by side, the earliest first."""
    await _ensure_can_view(datasette, request, "clusters")
    cluster_id = tilde_decode(request.url_vars["cluster_id"])
    db = datasette.get_database(DATABASE)
    cluster = await _one(db, CLUSTER_SQL, {"id": cluster_id}, f"No cluster {cluster_id}")
    params = {"id": cluster_id, "first": cluster["first_quote_id"]}
    versions = _as_dicts((await db.execute(CLUSTER_VERSIONS_SQL, params)).rows)
    reference = versions[0]["text"] if versions else cluster["text"]
    for version in versions:
        version["is_first"] = version["id"] == cluster["first_quote_id"]
        version["words"] = compare_wording(reference, version["text"])
    context = {"database": DATABASE, "cluster": cluster, "versions": versions}
    html = await datasette.render_template("quotes-cluster.html", context, request=request)
    return Response.html(html)


async def quote_in_article(datasette: Datasette, quote_id: str) -> list[tuple[str, str | None]]:
    """The passage of the article around a quote, with quote, speaker and cue marked."""
    db = datasette.get_database(DATABASE)
    rows = _as_dicts((await db.execute(QUOTE_IN_ARTICLE_SQL, {"id": quote_id})).rows)
    if not rows:
        return []
    row = rows[0]
    spans = {
        "quote": (row["start"], row["end"]),
        "speaker": (row["speaker_start"], row["speaker_end"]),
        "cue": (row["cue_start"], row["cue_end"]),
    }
    return marked_passage(row["article_text"] or "", spans)


# Datasette hooks.


@hookimpl
def prepare_jinja2_environment(env: Any) -> None:
    """Let Datasette find quotes/templates after its own (it only looks in plugin packages)."""
    env.loader.loaders.append(FileSystemLoader(str(TEMPLATES)))


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    return [
        (rf"^/{DATABASE}/-/speaker/(?P<speaker_id>[^/]+)$", speaker_page),
        (rf"^/{DATABASE}/-/cluster/(?P<cluster_id>[^/]+)$", cluster_page),
    ]


@hookimpl
def extra_template_vars(datasette: Datasette, database: str | None) -> dict[str, Any]:
    """URL builders for the templates, and the quote-in-article passage for quote rows."""
    if database != DATABASE:
        return {}

    async def quote_passage(quote_id: str) -> list[tuple[str, str | None]]:
        return await quote_in_article(datasette, quote_id)

    return {
        "speaker_url": lambda speaker_id: page_url(datasette, "speaker", speaker_id),
        "cluster_url": lambda cluster_id: page_url(datasette, "cluster", cluster_id),
        "quote_url": lambda quote_id: quote_url(datasette, quote_id),
        "row_url": lambda table, pk: row_url(datasette, table, pk),
        "table_url": lambda table, **filters: table_url(datasette, table, **filters),
        "quote_passage": quote_passage,
    }


def _cell_link(row: Any, value: Any, column: str, table: str | None, datasette: Datasette) -> str | None:
    """Where a cell should link to, if anywhere.

    Query results link their quote_id, speaker_id and cluster_id columns; a
    speaker's name links to the speaker page wherever the row carries the
    speaker's ID; a cluster's wording links to the cluster page.
    """
    keys = row.keys()
    if table is None and column == "quote_id":
        return quote_url(datasette, value)
    if table is None and column == "speaker_id":
        return page_url(datasette, "speaker", value)
    if table is None and column == "cluster_id":
        return page_url(datasette, "cluster", value)
    if column == "speaker" and "speaker_id" in keys and _raw(row["speaker_id"]) is not None:
        return page_url(datasette, "speaker", _raw(row["speaker_id"]))
    if table == "speakers" and column == "name":
        return page_url(datasette, "speaker", _raw(row["id"]))
    if table == "clusters" and column == "text":
        return page_url(datasette, "cluster", _raw(row["id"]))
    return None


@hookimpl
def render_cell(row: Any, value: Any, column: str, table: str | None, database: str, datasette: Datasette) -> Markup | None:
    """Link speaker names, quote IDs and cluster wordings to the pages that explain them."""
    if database != DATABASE or value is None or isinstance(value, (dict, bytes)):
        return None
    link = _cell_link(row, value, column, table, datasette)
    if link is None:
        return None
    return Markup('<a href="{}">{}</a>').format(link, value)
