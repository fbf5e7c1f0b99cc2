"""Datasette's own pages of the quotes database, as the plugin and the metadata shape them:
readable tables, canned queries that read well when outlets or dates are unknown, and cells
that link to the pages explaining them."""
from __future__ import annotations

import json
import re
import shutil
import sqlite3

import pytest
import yaml
from datasette.utils import tilde_encode
from seed_records import fill_store, save_gold_speakers, seed_article, seed_clusters, gold_quotes

from quotes.store import Store
from quotes.web import make_datasette
from quotes.web import hooks
from quotes.web.config import METADATA, reading_columns
from quotes.web.names import speakers_named
from quotes.web.speaker import SECTIONS as SPEAKER_SECTIONS
from quotes.web.urls import url_key

KIRBY_DOC = "000_63344148f6407275.txt"
MOVING_PIECES = "a lot of moving pieces"


@pytest.fixture(scope="module")
def unknown_sources(tmp_path_factory, seeds_dir, seeds_gold):
    """The seeds as a build leaves them when the texts name no outlet, date or title:
    the outlets and dates of seed_records dropped, and one article without a title."""
    path = tmp_path_factory.mktemp("unknown") / "quotes.db"
    with Store(path) as store:
        fill_store(store, seeds_dir, seeds_gold)
        for doc in seeds_gold:
            article = seed_article(seeds_dir, doc)
            article.outlet = article.published = None
            if doc == KIRBY_DOC:
                article.title = None
            store.save_article(article, gold_quotes(seeds_gold[doc]))
        save_gold_speakers(store, seeds_gold)
        store.save_clusters(seed_clusters(store))
    return make_datasette(path)


def gold_count(seeds_gold, speaker_name: str) -> int:
    return sum(q["speaker_name"] == speaker_name for quotes in seeds_gold.values() for q in quotes)


def reading_headings(html: str) -> list[str]:
    table = html[html.index('class="rows-and-columns q-reading"'):]
    return [re.sub(r"<[^>]+>|&nbsp;[▼▲]", "", h).strip() for h in re.findall(r"<th [^>]*>(.*?)</th>", table, re.S)]


def test_quotes_table_opens_on_the_reading_columns_newest_first(site, get):
    html = get(site, "/quotes/quotes").text
    assert reading_headings(html) == ["Quote", "Speaker", "Role as written", "Outlet", "Date", "Stance"]
    assert "sorted by published descending" in html
    dates = re.findall(r'<td class="col-published type-str">(\d{4}-\d\d-\d\d)</td>', html)
    assert dates and dates == sorted(dates, reverse=True)
    assert 'class="column-descriptions"' in html and '<details class="q-column-notes">' in html
    assert '<a href="/quotes/-/speaker/john-kirby">John Kirby</a>' in html
    assert '<a href="/-/search?outlet=levant-review">Levant Review</a>' in html  # the name, not the slug
    assert "levant-review</em>" not in html


def test_every_column_is_one_click_away(site, get, get_json):
    html = get(site, "/quotes/quotes?_columns=all").text
    assert "q-reading" not in html and 'data-column="speaker_start"' in html
    assert "speaker_start" in get_json(site, "/quotes/quotes.json?_shape=array")[0]


def body_rows(html: str) -> list[dict[str, str]]:
    """Each row of a table page's table: the cell of each column, by the column's CSS class."""
    body = html[html.index("<tbody>"):html.index("</tbody>")]
    return [dict(re.findall(r'<td class="col-(\S+) type-\w+">(.*?)</td>', row, re.S))
            for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)]


@pytest.mark.parametrize("path", [
    "/quotes/quotes", "/quotes/quotes?speaker_id=john-kirby&_sort=published", "/quotes/quotes?_size=3&_sort=speaker",
    "/quotes/speakers", "/quotes/articles", "/quotes/clusters",
])
def test_reading_view_cells_are_those_of_every_column(site, get, path):
    """The reading view shows, row by row, the very cells ?_columns=all shows for its columns (Datasette's
    own rows template), in the order of the table's reading columns."""
    table = path.split("?")[0].rsplit("/", 1)[1]
    reading, every = get(site, path).text, get(site, f"{path}{'&' if '?' in path else '?'}_columns=all").text
    reading_rows, every_rows = body_rows(reading), body_rows(every)
    assert reading_rows and len(reading_rows) == len(every_rows)
    assert [list(row) for row in reading_rows] == [list(reading_columns(site, table))] * len(reading_rows)
    assert reading_rows == [{column: row[column] for column in reading_columns(site, table)} for row in every_rows]


def test_exports_of_a_reading_view_have_every_column(site, seeds_site, get, get_json):
    """The JSON and CSV the reading view links to have every column of the table, labels expanded."""
    with sqlite3.connect(seeds_site.db) as db:
        columns = [row[1] for row in db.execute("pragma table_info(quotes)")]
    html = get(site, "/quotes/quotes").text
    json_link = re.search(r'<a href="(/quotes/quotes\.json[^"]*)">json</a>', html).group(1).replace("&amp;", "&")
    data = get_json(site, json_link)
    assert data["columns"] == columns and data["rows"]
    assert any(isinstance(row["speaker_id"], dict) for row in data["rows"])
    csv_link = re.search(r'<a href="(/quotes/quotes\.csv[^"]*)">CSV</a>', html).group(1).replace("&amp;", "&")
    header = get(site, csv_link).text.splitlines()[0].split(",")
    assert [name for name in header if not name.endswith("_label")] == columns and "speaker_id_label" in header


@pytest.mark.parametrize("table", ["quotes", "articles", "clusters"])  # tables with columns beyond their reading ones
def test_reading_view_renders_only_the_cells_it_shows(site, get, monkeypatch, table):
    """Cells outside a table's reading columns are not rendered for its reading view, and are for
    ?_columns=all and the pages after it (the same app answering both in turn)."""
    rendered = []
    monkeypatch.setattr(hooks, "cell_link", lambda *args: rendered.append(args[4]))
    reading = reading_columns(site, table)
    assert get(site, f"/quotes/{table}").status_code == 200
    assert rendered and set(rendered) <= set(reading)
    rendered.clear()
    html = get(site, f"/quotes/{table}?_columns=all").text
    assert set(rendered) - set(reading) and str(hooks.NOT_SHOWN) not in html


def test_quotes_table_search_box_goes_to_the_search_page(site, get):
    html = get(site, "/quotes/quotes").text
    assert '<form class="q-searchbox" action="/-/search"' in html
    for column in ("speaker_id", "outlet_id", "stance", "kind"):
        assert f"facet-quotes-quotes-{column}" in html


def test_cluster_cells_name_the_statement_briefly(site, get, quote_id):
    html = get(site, "/quotes/quotes?_columns=all&cluster_id=c-defend-gaza").text
    labels = re.findall(r'<a href="/quotes/-/cluster/c-defend-gaza">(.*?)</a>', html)
    assert labels and {label for label in labels} == {"“We will continue to defend our people in …”"}


def test_speakers_table_is_sorted_by_quotes_and_searchable(site, get, get_json, seeds_gold):
    rows = get_json(site, "/quotes/speakers.json?_shape=array")
    counts = [row["n_quotes"] for row in rows]
    assert counts == sorted(counts, reverse=True) and rows[0]["n_quotes"] == 9
    html = get(site, "/quotes/speakers").text
    assert 'name="_name"' in html
    for spelling in ("Kataib Hizbullah", "Kata'ib Hezbollah", "hezbollah"):
        found = get_json(site, f"/quotes/speakers.json?_shape=array&_name={spelling}")
        assert [row["id"] for row in found] == ["kataib-hizbollah"], spelling
    assert get_json(site, "/quotes/speakers.json?_shape=array&_name=Hassan+Hamidawi") == []
    assert 'a name matches &#34;Kirby&#34;' in get(site, "/quotes/speakers?_name=Kirby").text


def test_articles_table_shows_a_preview_not_the_text(site, get, seeds_dir):
    html = get(site, "/quotes/articles").text
    text = (seeds_dir / KIRBY_DOC).read_text(encoding="utf-8")
    assert text[:400] not in html
    preview = re.search(r'<a href="/quotes/-/article/000_63344148f6407275~2Etxt">([^<]*…)</a>', html)
    assert preview and len(preview.group(1)) < 200


def test_untitled_articles_and_unknown_outlets_read_well(unknown_sources, get):
    quotes = get(unknown_sources, "/quotes/quotes").text
    assert "outlet not known" in quotes and "date not known" in quotes
    articles = get(unknown_sources, "/quotes/articles").text
    assert f'<a href="/quotes/-/article/000_63344148f6407275~2Etxt">{KIRBY_DOC}</a>' in articles
    labels = get(unknown_sources, "/quotes/quotes?_columns=all&article_id=000_63344148f6407275.txt").text
    assert f">{KIRBY_DOC}</a>" in labels
    for html in (quotes, articles, labels):
        assert ">None<" not in html


def canned_query_names() -> list[str]:
    metadata = yaml.safe_load(METADATA.read_text(encoding="utf-8"))
    return list(metadata["databases"]["quotes"]["queries"])


@pytest.mark.parametrize("name", canned_query_names())
def test_every_canned_query_finds_rows_on_the_seeds(site, unknown_sources, get, get_json, name):
    for datasette in (site, unknown_sources):
        assert get(datasette, f"/quotes/{name}?speaker=Kirby").status_code == 200
        assert get_json(datasette, f"/quotes/{name}.json?speaker=Kirby&_shape=array"), name


@pytest.mark.parametrize("name", ["Kirby", "john kirby", "John Kirby", "irb"])
def test_quotes_by_speaker_matches_any_name_used(site, get_json, seeds_gold, name):
    rows = get_json(site, f"/quotes/quotes_by_speaker.json?speaker={name}&_shape=array")
    assert {row["speaker"] for row in rows} == {"John Kirby"}
    assert len(rows) == gold_count(seeds_gold, "John Kirby")
    assert [row["published"] for row in rows] == sorted(row["published"] for row in rows)


@pytest.mark.parametrize("name", ["Kata'ib Hezbollah", "Kataib Hizbullah", "kataib hizballah"])
def test_quotes_by_speaker_finds_spelling_variants(site, get_json, seeds_gold, name):
    rows = get_json(site, f"/quotes/quotes_by_speaker.json?speaker={name}&_shape=array")
    assert {row["speaker"] for row in rows} == {"Kataib Hizbollah"}
    assert len(rows) == gold_count(seeds_gold, "Kataib Hizbollah")


@pytest.fixture(scope="module")
def crowded_speakers(tmp_path_factory, seeds_site):
    """The seeds with 150 more quotes of John Kirby and 120 of Kataib Hizbollah (copies at other
    offsets, some undated): more than "quotes of one speaker" lists of any one speaker."""
    path = tmp_path_factory.mktemp("crowded") / "quotes.db"
    shutil.copy(seeds_site.db, path)
    with Store(path) as store:
        originals = {row["speaker_id"]: row for row in store.db.query(
            "select * from quotes where speaker_id in ('john-kirby', 'kataib-hizbollah') order by id")}
        copies = [{**row, "id": f"{row['id']}-copy-{n}", "start": row["start"] + 100_000 + n, "cluster_id": None,
                   "published": None if n % 7 == 0 else f"2023-{n % 12 + 1:02d}-{n % 28 + 1:02d}"}
                  for row in originals.values() for n in range(150 if row["speaker_id"] == "john-kirby" else 120)]
        store.db["quotes"].insert_all(copies)
    return make_datasette(path)


@pytest.mark.parametrize("name", ["Kirby", "a"])
def test_quotes_by_speaker_lists_the_first_100_by_speaker_and_date(crowded_speakers, get_json, name):
    """The canned query's walk through speakers and their indexed quotes gives what sorting every
    quote of the speakers found would."""
    rows = get_json(crowded_speakers, f"/quotes/quotes_by_speaker.json?speaker={name}&_shape=array")
    path = crowded_speakers.get_database("quotes").path
    found = json.loads(speakers_named(path, name))
    with Store(path, readonly=True) as store:
        every_quote = [row["id"] for row in store.db.query(
            """select quotes.id from quotes join speakers on speakers.id = quotes.speaker_id
            where quotes.speaker_id in (select id from speakers where name like :like
                                        union select speaker_id from speaker_names where name like :like
                                        union select value from json_each(:found))
            order by speakers.name, speakers.id, quotes.published is null, quotes.published,
                     quotes.article_id, quotes.start""", {"like": f"%{name}%", "found": json.dumps(found)})]
    assert len(every_quote) > 100
    assert [row["quote_id"] for row in rows] == every_quote[:100]


def test_speaker_page_outlets_count_and_date_every_quote(crowded_speakers, unknown_sources):
    """The speaker page's outlets, read from the store's counts and indexes, are those of grouping every quote."""
    every_quote = """
        select quotes.outlet_id as id, outlets.name, count(*) as n_quotes,
               min(quotes.published) as first_quoted, max(quotes.published) as last_quoted
        from quotes left join outlets on outlets.id = quotes.outlet_id
        where quotes.speaker_id = :id
        group by quotes.outlet_id order by quotes.outlet_id is null, n_quotes desc, outlets.name"""
    for datasette in (crowded_speakers, unknown_sources):
        with Store(datasette.get_database("quotes").path, readonly=True) as store:
            for (speaker_id,) in store.db.execute("select id from speakers").fetchall():
                shown = store.db.execute(SPEAKER_SECTIONS["outlets"], {"id": speaker_id}).fetchall()
                assert shown == store.db.execute(every_quote, {"id": speaker_id}).fetchall()


def test_quotes_by_speaker_needs_a_name(site, get_json):
    assert get_json(site, "/quotes/quotes_by_speaker.json?speaker=&_shape=array") == []


def test_quotes_per_outlet_and_by_stance(site, unknown_sources, get_json, seeds_gold):
    total = sum(len(quotes) for quotes in seeds_gold.values())
    per_outlet = get_json(site, "/quotes/quotes_per_outlet.json?_shape=array")
    assert len(per_outlet) == len(seeds_gold) and sum(row["n_quotes"] for row in per_outlet) == total
    by_stance = get_json(site, "/quotes/stance_by_outlet.json?_shape=array")
    for row in by_stance:
        assert row["neutral"] + row["endorsing"] + row["distancing"] == row["n_quotes"]
    distancing = sum(q["stance"] == "distancing" for quotes in seeds_gold.values() for q in quotes)
    assert sum(row["distancing"] for row in by_stance) == distancing
    unknown = get_json(unknown_sources, "/quotes/quotes_per_outlet.json?_shape=array")
    assert unknown == [{"outlet": "outlet not known", "n_articles": len(seeds_gold), "n_quotes": total,
                        "n_speakers": len({q["speaker_name"] for qs in seeds_gold.values() for q in qs})}]


def test_shared_statements_and_possible_misquotes(site, unknown_sources, get_json, seeds_site):
    for datasette in (site, unknown_sources):
        shared = get_json(datasette, "/quotes/shared_statements.json?_shape=array")
        assert {row["cluster_id"] for row in shared} == {"c-not-seeking-war", "c-defend-gaza"}
    misquotes = get_json(site, "/quotes/possible_misquotes.json?_shape=array")
    with Store(seeds_site.db, readonly=True) as store:
        flagged = [row["id"] for row in store.db.query("select id from quotes where flagged = 1")]
    assert flagged and [row["quote_id"] for row in misquotes] == flagged


def test_canned_query_cells_link_to_pages(site, get, quote_id):
    html = get(site, "/quotes/quotes_by_speaker?speaker=Kirby").text
    kirby_quote = quote_id(KIRBY_DOC, MOVING_PIECES)
    assert f'<a href="/quotes/-/quote/{kirby_quote}">{kirby_quote}</a>' in html
    assert '<a href="/quotes/-/speaker/john-kirby">John Kirby</a>' in html
    shared = get(site, "/quotes/shared_statements").text
    assert '<a href="/quotes/-/cluster/c-defend-gaza">c-defend-gaza</a>' in shared


def test_home_and_database_pages_have_a_search_box(site, get):
    for path in ("/", "/quotes"):
        html = get(site, path).text
        assert '<form class="q-searchbox" action="/-/search"' in html, path
    assert 'href="/quotes/quotes"' in get(site, "/").text


@pytest.mark.parametrize("key", ["q-023a6ae65e9b", KIRBY_DOC, "copy026/breitbart_2016-10-04.txt", "a b~c", "Ḥizb ʾAllāh", ""])
def test_record_keys_are_encoded_as_datasette_encodes_them(key):
    assert url_key(key) == tilde_encode(key)


@pytest.mark.parametrize("path", ["/quotes/quotes.json?_size=4",
                                  "/quotes/quotes.json?speaker_id=john-kirby&_sort=published&_size=2"])
def test_table_pages_follow_one_order_to_the_last_row(site, get_json, path):
    """Page after page (?_next=) lists every row once: the first page, which Datasette sorts by date
    alone, reads ties of date in ID order, as the next pages' conditions expect. The store's indexes in
    page order make it so; at 250k quotes they also make each next page a seek, not a sort of every
    quote past the SQL time limit (``bench/README.md``)."""
    seen, page = [], get_json(site, path)
    while True:
        seen += [row[page["columns"].index("id")] for row in page["rows"]]
        if not page["next"]:
            break
        page = get_json(site, f"{path}&_next={page['next']}")
    where = "WHERE speaker_id = 'john-kirby'" if "speaker_id" in path else ""
    with sqlite3.connect(site.databases["quotes"].path) as conn:
        expected = {quote_id for (quote_id,) in conn.execute(f"SELECT id FROM quotes {where}")}
    assert len(seen) == len(set(seen)) == len(expected) > 4 and set(seen) == expected
