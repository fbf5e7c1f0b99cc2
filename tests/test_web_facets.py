"""The quotes table's facets read from the store's counts give what Datasette's own column facets
count, on the table and filtered by anything; and the schema answers the app keeps follow the file."""
from __future__ import annotations

import asyncio
import shutil

import pytest
from datasette.tracer import capture_traces
from seed_records import seed_article

from quotes.store import COUNTED_COLUMNS, Store
from quotes.web import make_datasette

FROM_THE_COUNTS = [
    "/quotes/quotes.json",
    "/quotes/quotes.json?speaker_id=john-kirby&_sort=published",
    "/quotes/quotes.json?stance=neutral&kind=full",
    "/quotes/quotes.json?outlet_id__exact=levant-review",
    "/quotes/quotes.json?_facet_size=2",
    "/quotes/quotes.json?_columns=all&_labels=on",  # the export links of the page with every column
]
# Filters the counts cannot answer: Datasette counts the rows they let through.
FROM_THE_ROWS = [
    "/quotes/quotes.json?_search=war",
    "/quotes/quotes.json?published__gte=2024-02-01",
    "/quotes/quotes.json?stance=neutral&stance=distancing",
]
ROW_COUNTING = "as count from (\n"  # Datasette's column facet groups the page's rows


def traced_sql(datasette, path: str) -> list[str]:
    """The SQL a page ran."""
    async def request() -> list[str]:
        traces: list[dict] = []
        with capture_traces(traces):
            await datasette.client.get(path)
        return [trace["sql"] for trace in traces]

    return asyncio.run(request())


def facets_by_type(data: dict) -> dict[str, dict[str, dict]]:
    """facet type -> column -> the facet, from a table page's JSON."""
    found: dict[str, dict[str, dict]] = {}
    for facet in data["facet_results"].values():
        found.setdefault(facet["type"], {})[facet["name"]] = facet
    return found


@pytest.mark.parametrize("path", FROM_THE_COUNTS + FROM_THE_ROWS)
def test_counted_facets_count_what_datasette_counts(site, get_json, path):
    """The metadata's counted facets beside Datasette's column facets of the same columns, asked by name."""
    asked = "&".join(f"_facet={column}" for column in COUNTED_COLUMNS)
    data = get_json(site, f"{path}{'&' if '?' in path else '?'}{asked}")
    facets = facets_by_type(data)
    assert set(facets["counted"]) == set(facets["column"]) == set(COUNTED_COLUMNS)
    for column in COUNTED_COLUMNS:
        counted, datasette = facets["counted"][column], facets["column"][column]
        assert counted["results"] == datasette["results"], column
        assert counted["truncated"] == datasette["truncated"], column


def test_counted_facets_read_the_counts_when_the_filters_allow(site):
    for path in FROM_THE_COUNTS:
        sql = traced_sql(site, path)
        assert any("quote_counts" in q or "quote_totals" in q for q in sql), path
        assert not any(ROW_COUNTING in q for q in sql), path
    for path in FROM_THE_ROWS:
        assert any(ROW_COUNTING in q for q in traced_sql(site, path)), path


def test_counted_facets_show_on_the_table_page(site, get):
    html = get(site, "/quotes/quotes?speaker_id=john-kirby").text
    for column in COUNTED_COLUMNS:
        assert f'data-column="{column}"' in html, column


def test_database_page_counts_follow_the_file(tmp_path, seeds_site, seeds_dir, get_json):
    """Table counts and the schema are kept between pages, and read again once a build writes."""
    db = tmp_path / "quotes.db"
    shutil.copy(seeds_site.db, db)
    datasette = make_datasette(db, index_dir=seeds_site.index)

    def quote_count() -> int:
        tables = get_json(datasette, "/quotes.json")["tables"]
        return next(table["count"] for table in tables if table["name"] == "quotes")

    before = quote_count()
    assert quote_count() == before
    article = seed_article(seeds_dir, sorted(p.name for p in seeds_dir.glob("*.txt"))[0])
    with Store(db) as store:
        store.save_article(article, [])  # its quotes go
        after = store.db["quotes"].count
    assert after < before
    assert quote_count() == after
