"""A quote's page, ``/<db>/-/quote/<id>``: the quote as a card to cite from, the passage
it stands in, the other versions of the statement and a citation box.

The citation box shows the first tab's citation (APA) with the page; each other
tab's comes from ``/<db>/-/quote/<id>/citation?tab=<label>`` when the reader
opens it (as plain text), so a page costs one citeproc rendering, not four.

The card comes from :func:`quotes.cite.cite`, the same check ``quotes show``
makes: the words at the stored offsets and the article's SHA-256 must still
hold for the quote to be marked verified. A quote ID that no longer exists
(``retired_quotes``) leads on: to its new version when its text changed (with
a note saying so), or to a "withdrawn" page (410) that shows the old words.
"""
from __future__ import annotations

import asyncio
import functools
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from datasette.utils.asgi import NotFound, Response

from ..cite import Citation, cite, render as render_citations
from ..cite.csl import CSL_STYLES, load_style
from ..model import RetiredQuote
from ..store import Store
from .cluster import CLUSTER_SQL, cluster_versions
from .config import quotes_database
from .names import file_version
from .pages import fetch_all, quotes_db, render, url_key
from .spans import mark_spans, quote_spans
from .urls import page_url

if TYPE_CHECKING:  # datasette.app imports the plugins, this one included
    from datasette.app import Datasette

# The citation box's tabs: label -> citation style and format; the first is cited with the page.
CITATION_TABS = {
    "APA": ("apa", "text"),
    "Chicago": ("chicago", "text"),
    "MLA": ("mla", "text"),
    "Markdown": ("apa", "markdown"),
    "BibTeX": ("apa", "bibtex"),
    "CSL-JSON": ("apa", "csl-json"),
}
FIRST_TAB = next(iter(CITATION_TABS))
RETIRED_SQL = "select * from retired_quotes where id = :id"
# Quotes are cited in one thread of their own. citeproc-py keeps rendering state in a parsed style, so
# each thread parses its own styles and learns them (quotes.cite.csl.load_style): about 50 ms more for
# the first quote a thread cites, which the event loop's pool of threads paid again in each of its threads.
CITING = ThreadPoolExecutor(max_workers=1, thread_name_prefix="quotes-cite")


@dataclass
class QuoteLookup:
    """What the store knows of a quote ID: the quote with its first tab's citation, or where the ID went."""

    citation: Citation | None = None
    first_citation: str | None = None
    retired: RetiredQuote | None = None


def look_up(db_path: str | Path, quote_id: str, site_url: str | None) -> QuoteLookup:
    """The quote ``quote_id`` cited in the first tab's style, or its retirement; read-only, in a worker thread.

    Citing takes citeproc-py longer than the rest of the page, so a quote's
    lookup is kept until the database file changes.
    """
    return _look_up(str(db_path), file_version(str(db_path)), quote_id, site_url)


@functools.lru_cache(maxsize=512)
def _look_up(db_path: str, version: Any, quote_id: str, site_url: str | None) -> QuoteLookup:
    """:func:`look_up` of one version of the database (``version`` is only part of the cache key)."""
    with Store(db_path, readonly=True) as store:
        citation = cite(store, quote_id)
        if citation is None:
            return QuoteLookup(retired=retired_quote(store, quote_id))
        return QuoteLookup(citation=citation,
                           first_citation=render_citations([citation], *CITATION_TABS[FIRST_TAB], site_url))


def cited_in_tab(db_path: str | Path, quote_id: str, tab: str, site_url: str | None) -> str | None:
    """The quote cited as the citation box's tab ``tab`` shows it; ``None`` when no such quote is stored."""
    return _cited_in_tab(str(db_path), file_version(str(db_path)), quote_id, tab, site_url)


@functools.lru_cache(maxsize=512)
def _cited_in_tab(db_path: str, version: Any, quote_id: str, tab: str, site_url: str | None) -> str | None:
    """:func:`cited_in_tab` of one version of the database (``version`` is only part of the cache key)."""
    with Store(db_path, readonly=True) as store:
        citation = cite(store, quote_id)
    return None if citation is None else render_citations([citation], *CITATION_TABS[tab], site_url)


async def prepare_citing() -> None:
    """Parse the citation styles in the citing thread as the app starts, not for the first quote page."""
    await asyncio.gather(*(asyncio.wrap_future(CITING.submit(load_style, style)) for style in CSL_STYLES))


def citation_site(datasette: Datasette, request: Any) -> str:
    """The address of the database this page serves: citations link each quote's page under it."""
    return datasette.absolute_url(request, datasette.urls.database(quotes_database(datasette)))


def retired_quote(store: Store, quote_id: str) -> RetiredQuote | None:
    """Where a retired ID went; ``None`` when it never was (or the database predates retiring)."""
    if not store.db["retired_quotes"].exists():
        return None
    return store.retired_quote(quote_id)


async def quote_page(datasette: Datasette, request: Any) -> Response:
    """The quote as a card, in its passage, with its other versions and citations."""
    db = await quotes_db(datasette, request, "quotes")
    quote_id = url_key(request, "quote_id")
    found = await asyncio.get_running_loop().run_in_executor(
        CITING, look_up, db.path, quote_id, citation_site(datasette, request))
    if found.retired is not None:
        return await retired_page(datasette, request, found.retired)
    citation = found.citation
    if citation is None:
        raise NotFound(f"No quote {quote_id}")
    versions = []
    if citation.quote.cluster_id:
        clusters = await fetch_all(db, CLUSTER_SQL, {"id": citation.quote.cluster_id})
        versions = await cluster_versions(db, clusters[0]) if clusters else []
    context = {
        "citation": citation,
        "quote": citation.quote,
        "source": citation.source,
        "passage": mark_spans(citation.context, quote_spans(vars(citation.quote), shift=citation.context_start)),
        "versions": versions,
        "citation_tabs": list(CITATION_TABS),
        "first_citation": found.first_citation,
        "renamed_from": await renamed_from(db, request.args.get("from"), quote_id),
    }
    return await render(datasette, request, "quotes-quote.html", context)


async def citation_text(datasette: Datasette, request: Any) -> Response:
    """One tab of a quote's citation box as plain text (``?tab=Chicago``), fetched when the reader opens it."""
    db = await quotes_db(datasette, request, "quotes")
    quote_id = url_key(request, "quote_id")
    tab = request.args.get("tab", "")
    if tab not in CITATION_TABS:
        return Response.text(f"Unknown citation tab {tab!r}: one of {', '.join(CITATION_TABS)}",
                             status=400)
    text = await asyncio.get_running_loop().run_in_executor(
        CITING, cited_in_tab, db.path, quote_id, tab, citation_site(datasette, request))
    if text is None:
        raise NotFound(f"No quote {quote_id}")
    return Response.text(text)


async def renamed_from(db: Any, old_id: str | None, quote_id: str) -> dict[str, Any] | None:
    """The retired quote whose text changed into ``quote_id``, when the visitor was sent on from it."""
    if not old_id or not await db.table_exists("retired_quotes"):
        return None
    rows = await fetch_all(db, RETIRED_SQL, {"id": old_id})
    return rows[0] if rows and rows[0]["replaced_by"] == quote_id else None


async def retired_page(datasette: Datasette, request: Any, retired: RetiredQuote) -> Response:
    """A changed quote's old ID goes on to its new version (302); a withdrawn quote's answers 410."""
    if retired.replaced_by:
        query = urllib.parse.urlencode({"from": retired.id})
        return Response.redirect(f"{page_url(datasette, 'quote', retired.replaced_by)}?{query}")
    return await render(datasette, request, "quotes-withdrawn.html", {"retired": retired}, status=410)
