"""The search page, ``/-/search`` and ``/-/search.json``: the Whoosh index searched exactly as
``quotes search`` searches it (:func:`quotes.search.search_page`), with filters and their
counts, one hit per statement on request, highlighted snippets and pages.

Parameters: ``q`` (Whoosh's query language), ``speaker``, ``outlet``, ``since``,
``until``, ``stance``, ``kind``, ``by_cluster=1``, ``sort=relevance|date`` and
``page``. A query the index cannot run is answered 400 with the reason; a
missing index 503.
"""
from __future__ import annotations

import asyncio
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from datasette.utils.asgi import Response

from ..errors import SearchError
from ..search import SORTS, UNKNOWN_OUTLET, SearchResults, open_index, search_page
from ..index import has_index
from .config import index_dir
from .pages import quotes_db, render
from .urls import page_url, search_url

if TYPE_CHECKING:  # datasette.app imports the plugins, this one included
    from datasette.app import Datasette

PER_PAGE = 20
FILTERS = ("speaker", "outlet", "since", "until", "stance", "kind")
FACET_TITLES = {"speaker": "Speaker", "outlet": "Outlet", "stance": "Stance", "kind": "Kind"}
STANCES = ("neutral", "endorsing", "distancing")
KINDS = ("full", "partial", "term")


@dataclass
class SearchForm:
    """The search as the request asks for it; every field is a URL parameter of the same name."""

    q: str = ""
    speaker: str = ""
    outlet: str = ""
    since: str = ""
    until: str = ""
    stance: str = ""
    kind: str = ""
    by_cluster: bool = False
    sort: str = "relevance"
    page: int = 1

    @classmethod
    def from_request(cls, request: Any) -> SearchForm:
        """The form from the query string; raises :class:`SearchError` for a page that is not a number."""
        args = request.args
        text = {name: args.get(name, "").strip() for name in ("q", *FILTERS)}
        page = args.get("page", "").strip() or "1"
        if not page.isdigit():
            raise SearchError(f"page must be a number, not {page!r}")
        return cls(**text, by_cluster=args.get("by_cluster") in ("1", "on", "true"),
                   sort=args.get("sort", "").strip() or "relevance", page=int(page))

    def params(self, **changes: Any) -> dict[str, Any]:
        """The URL parameters of this search with ``changes``, a new search starting at page 1."""
        # vars, not asdict: every field is a plain value, and asdict's deep copy was most of the facets' cost.
        values = {**vars(self), "page": 1, **changes}
        values["by_cluster"] = 1 if values["by_cluster"] else None
        values["page"] = values["page"] if values["page"] != 1 else None
        values["sort"] = values["sort"] if values["sort"] != "relevance" else None
        return values

    def search(self, index: Any) -> SearchResults:
        return search_page(
            index, self.q, speaker=self.speaker or None, outlet=self.outlet or None, since=self.since or None,
            until=self.until or None, stance=self.stance or None, kind=self.kind or None,
            by_cluster=self.by_cluster, sort=self.sort, limit=PER_PAGE, page=self.page, html=True,
        )


async def open_search_index(datasette: Datasette) -> None:
    """Open the search index and read its columns as the app starts, not at the first search (seconds on a
    large index)."""
    index = index_dir(datasette)

    def warm_up() -> None:
        try:
            open_index(index)
        except Exception:  # noqa: BLE001 - only a head start: the first search opens it again and says what is wrong
            pass

    if has_index(index):
        await asyncio.to_thread(warm_up)


async def search_view(datasette: Datasette, request: Any) -> Response:
    """The search page, or its JSON (``/-/search.json``)."""
    await quotes_db(datasette, request, "quotes")
    as_json = request.url_vars.get("format") == ".json"
    form, results, error, status = SearchForm(), None, None, 200
    index = index_dir(datasette)
    try:
        form = SearchForm.from_request(request)
        if not has_index(index):
            error, status = "The search index is missing: run `quotes build` to make it.", 503
        else:
            results = await asyncio.to_thread(form.search, index)
    except SearchError as problem:
        error, status = str(problem), 400
    if as_json:
        return Response.json(search_json(datasette, form, results, error), status=status)
    context = {
        "form": form,
        "results": results,
        "error": error,
        "facets": facet_links(datasette, form, results) if results else [],
        "pages": page_links(datasette, form, results) if results else {},
        "sorts": SORTS,
        "stances": STANCES,
        "kinds": KINDS,
        "quote_url": lambda quote_id: page_url(datasette, "quote", quote_id),
    }
    return await render(datasette, request, "quotes-search.html", context, status=status)


def facet_links(datasette: Datasette, form: SearchForm, results: SearchResults) -> list[dict[str, Any]]:
    """Each facet with its values: count, whether it is the current filter, and the URL that toggles it."""
    facets = []
    for name, counts in results.facets.items():
        chosen = getattr(form, name)
        values = []
        for facet in counts:
            # A filter by name ("Kirby", "Levant Review") leaves one value, under its ID.
            selected = bool(chosen) and (facet.value == chosen or len(counts) == 1)
            target = None if selected else facet.value
            values.append({
                "label": facet.label, "count": facet.count, "value": facet.value, "selected": selected,
                "unknown": facet.value in ("", UNKNOWN_OUTLET),
                "url": search_url(datasette, **form.params(**{name: target})) if facet.value else None,
            })
        facets.append({"name": name, "title": FACET_TITLES[name], "values": values,
                       "clear_url": search_url(datasette, **form.params(**{name: None})) if chosen else None})
    return facets


def page_links(datasette: Datasette, form: SearchForm, results: SearchResults) -> dict[str, str | None]:
    """The URLs of the previous and next pages of hits (``None`` at either end)."""
    return {
        "previous": search_url(datasette, **form.params(page=form.page - 1)) if form.page > 1 else None,
        "next": search_url(datasette, **form.params(page=form.page + 1)) if form.page < results.pages else None,
    }


def search_json(datasette: Datasette, form: SearchForm, results: SearchResults | None,
                error: str | None) -> dict[str, Any]:
    """The search as JSON: the hits of this page (each with its page URLs), the total and the facets."""
    if results is None:
        return {"ok": False, "error": error, "query": asdict(form)}
    pages = page_links(datasette, form, results)
    return {
        "ok": True,
        "query": asdict(form),
        "total": results.total,
        "page": results.page,
        "pages": results.pages,
        "per_page": results.per_page,
        "next_url": pages["next"],
        "previous_url": pages["previous"],
        "hits": [{**asdict(hit), "url": page_url(datasette, "quote", hit.quote_id),
                  "article_url": page_url(datasette, "article", hit.doc),
                  "speaker_url": page_url(datasette, "speaker", hit.speaker_id) if hit.speaker_id else None}
                 for hit in results.hits],
        "facets": {name: [asdict(facet) for facet in counts] for name, counts in results.facets.items()},
    }
