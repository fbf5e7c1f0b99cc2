"""The address of every page the plugin adds, and which URLs may become links."""
from __future__ import annotations

import urllib.parse
from typing import TYPE_CHECKING, Any

from datasette.utils import tilde_encode

from .config import quotes_database

if TYPE_CHECKING:  # datasette.app imports the plugins, this one included
    from datasette.app import Datasette

# The page the plugin adds for one record, by the table the record lives in.
PAGES = {"quotes": "quote", "articles": "article", "speakers": "speaker", "clusters": "cluster"}
LINK_SCHEMES = ("http", "https")


def page_url(datasette: Datasette, page: str, key: str) -> str:
    """The URL of a record's page: ``page`` is "quote", "article", "speaker" or "cluster"."""
    return f"{datasette.urls.database(quotes_database(datasette))}/-/{page}/{tilde_encode(str(key))}"


def table_url(datasette: Datasette, table: str, **filters: str) -> str:
    """A table page filtered by column values, e.g. ``table_url(ds, "quotes", speaker_id="s-1")``."""
    url = datasette.urls.table(quotes_database(datasette), table)
    return f"{url}?{urllib.parse.urlencode(filters)}" if filters else url


def search_url(datasette: Datasette, **params: Any) -> str:
    """The search page with ``params`` (empty ones left out), e.g. ``search_url(ds, q="war")``."""
    given = {key: value for key, value in params.items() if value not in (None, "", False)}
    url = datasette.urls.path("/-/search")
    return f"{url}?{urllib.parse.urlencode(given)}" if given else url


def link_url(url: str | None) -> str | None:
    """``url`` if it is safe to make a link of (http or https), else ``None``.

    Anything else an article claims as its URL (``javascript:``, ``data:``,
    relative paths) is shown as text, never followed.

    >>> link_url("https://example.org/a"), link_url(" JaVaScRiPt:alert(1)"), link_url("data:text/html,x")
    ('https://example.org/a', None, None)
    """
    if not url:
        return None
    parsed = urllib.parse.urlsplit(url)
    if url != url.strip() or parsed.scheme.lower() not in LINK_SCHEMES or not parsed.netloc:
        return None
    return url


def article_label(title: str | None, doc: str) -> str:
    """What to call an article: its title, else its file name (never "None").

    >>> article_label(None, "001_78b0.txt"), article_label("  ", "a.txt"), article_label("Truce", "a.txt")
    ('001_78b0.txt', 'a.txt', 'Truce')
    """
    return title.strip() if title and title.strip() else doc
