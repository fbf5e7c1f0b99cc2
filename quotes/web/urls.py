"""The address of every page the plugin adds, and which URLs may become links."""
from __future__ import annotations

import re
import urllib.parse
from typing import TYPE_CHECKING, Any

from datasette.utils import tilde_encode

from .config import quotes_database, quotes_database_url

if TYPE_CHECKING:  # datasette.app imports the plugins, this one included
    from datasette.app import Datasette

# The page the plugin adds for one record, by the table the record lives in.
PAGES = {"quotes": "quote", "articles": "article", "speakers": "speaker", "clusters": "cluster"}
LINK_SCHEMES = ("http", "https")
# What tilde encoding changes: every character but these (a space becomes "+", the rest ~XX per UTF-8 byte).
TILDE_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


def page_url(datasette: Datasette, page: str, key: str) -> str:
    """The URL of a record's page: ``page`` is "quote", "article", "speaker" or "cluster"."""
    return f"{quotes_database_url(datasette)}/-/{page}/{url_key(key)}"


def url_key(key: Any) -> str:
    """``key`` tilde-encoded for a URL, as Datasette encodes it.

    Datasette's ``tilde_encode`` reads the key byte by byte in Python, and a
    table page links a few hundred keys, most of them safe as they are and
    the rest (article file names) safe but for a dot or a slash.

    >>> url_key("q-023a6ae65e9b"), url_key("copy1/001_78b0.txt"), url_key("a b~é")
    ('q-023a6ae65e9b', 'copy1~2F001_78b0~2Etxt', 'a+b~7E~C3~A9')
    """
    return TILDE_UNSAFE.sub(lambda unsafe: tilde_encode(unsafe.group()), str(key))


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
