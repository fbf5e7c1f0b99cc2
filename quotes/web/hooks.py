"""The Datasette hooks of the plugin: its pages, its templates, its links, and safe defaults.

- :func:`register_routes`: the search page and a page per quote, article,
  speaker and cluster; :func:`asgi_wrapper` sends the row pages of those four
  tables to them;
- :func:`get_metadata`: the metadata shipped in ``quotes/metadata.yml``, for
  the quotes database under whatever name it is served;
- :func:`prepare_connection`: ``articles.path`` (a file on the server) reads
  as null in every query, and ``quotes_speakers_named(query)`` lists the
  speakers a name finds, as the search's speaker filter does (:mod:`.names`);
- :func:`render_cell`: cells link to the pages that explain them, with
  readable labels (titles, not "None"; outlet names, not slugs);
- :func:`filters_from_request`: ``?_name=`` finds speakers under any spelling;
- :func:`handle_exception`: cheap client-error pages (see :mod:`.error_pages`);
- :func:`register_facet_classes`: the quotes table's facets from the store's counts (:mod:`.facets`).
"""
from __future__ import annotations

import asyncio
import sqlite3
import urllib.parse
from collections.abc import Coroutine
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

from datasette import hookimpl
from datasette.filters import FilterArguments
from datasette.utils import tilde_decode
from datasette.utils.asgi import Response, asgi_send_redirect
from markupsafe import Markup, escape

from .article import article_page
from .cluster import cluster_page
from .config import database_metadata, quotes_database, reading_columns, table_settings_metadata
from .error_pages import error_response, take_over_error_pages
from .facets import CountedFacet
from .names import read_speaker_names, speakers_named
from .quote import citation_text, prepare_citing, quote_page
from .search import open_search_index, search_view
from .speaker import speaker_page
from .templates import TEMPLATES, DatabasePageTemplates, compile_templates, reading_rows
from .urls import PAGES, article_label, link_url, page_url, search_url, table_url

if TYPE_CHECKING:  # datasette.app imports the plugins, this one included
    from datasette.app import Datasette

STYLESHEET = TEMPLATES / "quotes.css"
# Columns never published: the server's own path to each article file.
UNPUBLISHED = {("articles", "path"), ("article_aliases", "path")}
ARTICLE_PREVIEW = 160  # characters of an article's text shown in a table cell
CLUSTER_LABEL_WORDS = 8  # words of a statement shown where a cell names its cluster
UNKNOWN_CELLS = {"outlet_id": "outlet not known", "published": "date not known"}
# When the request being answered shows tables in their reading view (not ``?_columns=all``), each
# (database, table)'s reading columns as the request finds them, ``None`` for a table shown whole: a cell
# outside them is never shown, so not rendered.
READING_VIEW: ContextVar[dict[tuple[str, str], frozenset[str] | None] | None] = ContextVar(
    "quotes_reading_view", default=None)
NOT_SHOWN = Markup("<!-- not shown -->")  # any true value: Datasette renders a cell itself when given none


@hookimpl
def startup(datasette: Datasette) -> Coroutine[Any, Any, None]:
    """Ready the app before it answers: the search index opened, the citation styles parsed, the speakers'
    names read and the templates compiled, together, in threads. Left to the first requests, they took
    seconds at 250,000 quotes, and while they ran in the background the first pages took three times as long."""
    take_over_error_pages()
    served = datasette.databases.get(quotes_database(datasette))

    async def prepare() -> None:
        ready = [open_search_index(datasette), prepare_citing(), asyncio.to_thread(compile_templates, datasette.jinja_env)]
        if served is not None and served.path:
            ready.append(read_speaker_names(served.path))
        await asyncio.gather(*ready)

    return prepare()


@hookimpl
def register_facet_classes() -> list[type]:
    return [CountedFacet]


@hookimpl
def handle_exception(datasette: Datasette, request: Any, exception: BaseException) -> Any:
    return error_response(datasette, request, exception)


@hookimpl
def get_metadata(datasette: Datasette, key: str | None, database: str | None, table: str | None) -> dict:
    """The packaged metadata for the quotes database; metadata given to Datasette overrides it."""
    if key == "plugins":  # finding the quotes database reads the plugin settings: nothing to add there
        return {}
    name = quotes_database(datasette)
    if name not in datasette.databases:
        return {}
    return table_settings_metadata(name) if key == "tables" else database_metadata(name, key)


@hookimpl
def prepare_connection(conn: sqlite3.Connection, database: str, datasette: Datasette) -> None:
    if database != quotes_database(datasette):
        return
    conn.set_authorizer(_hide_unpublished)
    path = datasette.get_database(database).path
    conn.create_function("quotes_speakers_named", 1, lambda query: speakers_named(path, query))


def _hide_unpublished(action: int, table: str | None, column: str | None, *_: Any) -> int:
    """SQLite's authorizer: reading an unpublished column gives null."""
    if action == sqlite3.SQLITE_READ and (table, column) in UNPUBLISHED:
        return sqlite3.SQLITE_IGNORE
    return sqlite3.SQLITE_OK


@hookimpl
def prepare_jinja2_environment(env: Any, datasette: Datasette) -> None:
    env.loader.loaders.append(DatabasePageTemplates(datasette))
    env.filters["link_url"] = link_url
    env.filters["article_label"] = article_label
    env.filters["reading_rows"] = reading_rows


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    return [
        (r"^/-/search(?P<format>\.json)?$", search_view),
        (r"^/-/quotes\.css$", stylesheet),
        (r"^/(?P<database>[^/]+)/-/quote/(?P<quote_id>[^/]+)$", quote_page),
        (r"^/(?P<database>[^/]+)/-/quote/(?P<quote_id>[^/]+)/citation$", citation_text),
        (r"^/(?P<database>[^/]+)/-/article/(?P<article_id>[^/]+)$", article_page),
        (r"^/(?P<database>[^/]+)/-/speaker/(?P<speaker_id>[^/]+)$", speaker_page),
        (r"^/(?P<database>[^/]+)/-/cluster/(?P<cluster_id>[^/]+)$", cluster_page),
    ]


async def stylesheet() -> Response:
    return Response(STYLESHEET.read_text(encoding="utf-8"), content_type="text/css; charset=utf-8",
                    headers={"Cache-Control": "max-age=3600"})


@hookimpl
def extra_css_urls(datasette: Datasette) -> list[str]:
    return [datasette.urls.path("/-/quotes.css")]


@hookimpl
def extra_template_vars(datasette: Datasette) -> dict[str, Any]:
    """URL builders for the templates."""
    served = quotes_database(datasette)
    return {
        "quotes_database": served if served in datasette.databases else None,
        "page_url": lambda page, key: page_url(datasette, page, key),
        "table_url": lambda table, **filters: table_url(datasette, table, **filters),
        "search_url": lambda **params: search_url(datasette, **params),
    }


@hookimpl
def asgi_wrapper(datasette: Datasette) -> Any:
    """Send the HTML row page of a quote, article, speaker or cluster to the plugin's page for it."""

    def wrap(app: Any) -> Any:
        async def to_record_pages(scope: dict, receive: Any, send: Any) -> None:
            target = record_page(datasette, scope["path"]) if scope["type"] == "http" else None
            reading = scope["type"] == "http" and not shows_every_column(scope.get("query_string", b""))
            READING_VIEW.set({} if reading else None)
            if target is None:
                await app(scope, receive, send)
            else:
                await asgi_send_redirect(send, target)

        return to_record_pages

    return wrap


def shows_every_column(query_string: bytes) -> bool:
    """Does the request ask for every column (``?_columns=all``), as the rows template reads it?"""
    values = urllib.parse.parse_qs(query_string.decode("latin-1")).get("_columns")
    return bool(values) and values[0] == "all"


def record_page(datasette: Datasette, path: str) -> str | None:
    """The plugin's page for the row page at ``path``, ``None`` for any other path (and for .json)."""
    for table, page in PAGES.items():
        prefix = datasette.urls.table(quotes_database(datasette), table) + "/"
        key = path[len(prefix):] if path.startswith(prefix) else ""
        if key and "/" not in key and "." not in key:
            return page_url(datasette, page, tilde_decode(key))
    return None


@hookimpl
def filters_from_request(request: Any, database: str, table: str, datasette: Datasette) -> FilterArguments | None:
    """``?_name=`` on the speakers table: speakers any of whose names matches, spelling variants included."""
    name = request.args.get("_name", "").strip()
    if table != "speakers" or not name or database != quotes_database(datasette):
        return None
    return FilterArguments(
        ["id in (select value from json_each(quotes_speakers_named(:quotes_name)))"],
        {"quotes_name": name},
        [f'a name matches "{name}"'],
    )


@hookimpl
def render_cell(row: Any, value: Any, column: str, table: str | None, database: str,
                datasette: Datasette) -> Markup | None:
    """Cells of the quotes database link to the pages that explain them, with readable labels.

    A cell a reading view does not show is answered first: those are three in four of a table page's cells.
    """
    if not shown_in_reading_view(datasette, database, table, column):
        return NOT_SHOWN
    if database != quotes_database(datasette) or isinstance(value, bytes):
        return None
    raw, label = (value["value"], value["label"]) if isinstance(value, dict) else (value, None)
    if raw is None:
        return missing_cell(datasette, row, column, table)
    return cell_link(datasette, row, raw, label, column, table)


def shown_in_reading_view(datasette: Datasette, database: str, table: str | None, column: str) -> bool:
    """Is ``column`` of ``table`` shown by the request being answered (always, outside a reading view,
    in query results and in tables without reading columns)?"""
    reading_view = READING_VIEW.get()
    if reading_view is None or table is None:
        return True
    key = (database, table)
    if key not in reading_view:
        ours = database == quotes_database(datasette)
        reading_view[key] = (frozenset(reading_columns(datasette, table)) or None) if ours else None
    shown = reading_view[key]
    return shown is None or column in shown


def missing_cell(datasette: Datasette, row: Any, column: str, table: str | None) -> Markup | None:
    """What an empty cell of the quotes or articles table says: an untitled article is its file name."""
    if table == "articles" and column == "title":
        return _link(page_url(datasette, "article", row["id"]), row["id"])
    if table in ("quotes", "articles") and column in UNKNOWN_CELLS:
        return Markup('<span class="q-unknown">{}</span>').format(UNKNOWN_CELLS[column])
    return None


def cell_link(datasette: Datasette, row: Any, raw: Any, label: str | None, column: str,
              table: str | None) -> Markup | None:
    """The cell as a link, or ``None`` for Datasette's own rendering.

    ``raw`` is the stored value, ``label`` the label of an expanded foreign
    key; ``table`` is ``None`` in query results.
    """
    if table == "articles" and column == "text":
        return _link(page_url(datasette, "article", row["id"]), _shorten(raw, ARTICLE_PREVIEW))
    if table == "articles" and column == "url":
        return _link(raw, raw) if link_url(raw) else Markup("{}").format(raw)
    if table == "articles" and column == "title":
        return _link(page_url(datasette, "article", row["id"]), article_label(raw, row["id"]))
    if column == "article_id":
        return _link(page_url(datasette, "article", raw), article_label(label, raw))
    if column == "cluster_id":
        return _link(page_url(datasette, "cluster", raw), _first_words(label) if label else raw)
    if column == "first_quote_id" or (table is None and column == "quote_id"):
        return _link(page_url(datasette, "quote", raw), raw)
    if column == "outlet_id":
        return _link(search_url(datasette, outlet=raw), label or raw)
    if column == "speaker_id":
        return _link(page_url(datasette, "speaker", raw), label or raw)
    if column == "speaker" and "speaker_id" in row.keys() and _raw(row["speaker_id"]):
        return _link(page_url(datasette, "speaker", _raw(row["speaker_id"])), raw)
    if (table, column) in (("speakers", "name"), ("quotes", "text"), ("clusters", "text")):
        return _link(page_url(datasette, PAGES[table], row["id"]), raw)
    return None


def _raw(value: Any) -> Any:
    """A cell's stored value: Datasette hands expanded foreign keys over as {value, label}."""
    return value["value"] if isinstance(value, dict) else value


def _link(url: str, text: str) -> Markup:
    # Escaped and joined directly: Markup.format runs Python's string formatter, a tenth of a table page.
    return Markup(f'<a href="{escape(url)}">{escape(text)}</a>')


def _shorten(text: str, width: int) -> str:
    r"""``text`` cut at a word boundary to about ``width`` characters.

    Only its start is flattened when that is enough: an article's text runs to thousands of characters.

    >>> _shorten("We  are not\nseeking a wider war", 14), _shorten("Short", 14)
    ('We are not …', 'Short')
    """
    text = str(text)
    flat = " ".join(text[:width * 2].split())
    if len(flat) <= width:
        flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[:width].rsplit(" ", 1)[0] + " …"


def _first_words(text: str, count: int = CLUSTER_LABEL_WORDS) -> str:
    """The first ``count`` words of a statement, in quotation marks.

    >>> _first_words("We are not seeking a wider war with anyone at all", 4)
    '“We are not seeking …”'
    """
    words = str(text).split()
    return "“" + " ".join(words[:count]) + (" …”" if len(words) > count else "”")

