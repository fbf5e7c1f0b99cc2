"""The search page, ``/-/search`` and its JSON: the same hits as ``quotes search`` (one
function serves both), filters with counts, one hit per statement, pages, escaped snippets,
and a clear 400 for a query that cannot run."""
from __future__ import annotations

import re
import shutil
import urllib.parse

import pytest

from quotes.search import search
from quotes.web import make_datasette

QUERIES = ['"actions speak louder"', "escalat*", "Hizbolah~", "war AND NOT iran", "respon*", ""]


def search_path(fmt: str = "", **params) -> str:
    return f"/-/search{fmt}?{urllib.parse.urlencode(params)}"


@pytest.mark.parametrize("query", QUERIES)
def test_the_page_finds_what_quotes_search_finds(site, seeds_site, get, get_json, query):
    page = get_json(site, search_path(".json", q=query))
    expected = [hit.quote_id for hit in search(seeds_site.index, query, limit=20)]
    assert [hit["quote_id"] for hit in page["hits"]] == expected and expected
    html = get(site, search_path(q=query)).text
    assert re.findall(r'<li class="q-hit" data-quote-id="([^"]+)"', html) == expected


@pytest.mark.parametrize("speaker", ["Kata'ib Hezbollah", "Kataib Hizbullah", "kataib-hizbollah"])
def test_a_speaker_filter_under_any_spelling(site, seeds_site, get_json, speaker):
    page = get_json(site, search_path(".json", speaker=speaker))
    assert page["total"] == 5 and {hit["speaker"] for hit in page["hits"]} == {"Kataib Hizbollah"}
    expected = [hit.quote_id for hit in search(seeds_site.index, "", speaker=speaker)]
    assert [hit["quote_id"] for hit in page["hits"]] == expected


def test_each_hit_names_speaker_role_outlet_date_and_article(site, get, get_json, quote_id):
    (hit,) = get_json(site, search_path(".json", q='"wider war"'))["hits"]
    assert (hit["speaker"], hit["outlet"], hit["published"]) == ("Joe Biden", "Morning Ledger", "2024-01-31")
    assert hit["url"] == f"/quotes/-/quote/{hit['quote_id']}"
    assert hit["article_url"] == "/quotes/-/article/000_63344148f6407275~2Etxt"
    assert hit["snippet"].startswith("need a <mark>wider</mark> <mark>war</mark>")
    html = get(site, search_path(q='"wider war"')).text
    assert f'<a href="/quotes/-/quote/{hit["quote_id"]}">“need a <mark>wider</mark> <mark>war</mark>' in html
    assert '<a class="q-who" href="/quotes/-/speaker/joe-biden">Joe Biden</a>' in html
    assert "Morning Ledger" in html and "2024-01-31" in html and hit["title"] in html


def test_facets_count_and_toggle_the_filters(site, get, get_json):
    page = get_json(site, search_path(".json", q="war"))
    speakers = {f["label"]: f["count"] for f in page["facets"]["speaker"]}
    assert sum(speakers.values()) == page["total"]
    html = get(site, search_path(q="war")).text
    assert re.search(r'<a href="/-/search\?q=war&amp;speaker=john-kirby">John Kirby</a><span class="count">1</span>', html)
    assert re.search(r'<a href="/-/search\?q=war&amp;stance=neutral">neutral</a>', html)
    narrowed = get(site, search_path(q="war", speaker="john-kirby")).text
    assert '<li class="selected"><a href="/-/search?q=war">John Kirby</a>' in narrowed  # a click clears it
    assert '<a class="clear" href="/-/search?q=war">' in narrowed


@pytest.mark.parametrize("params, check", [
    ({"stance": "distancing"}, lambda hit: hit["stance"] == "distancing"),
    ({"kind": "term"}, lambda hit: hit["kind"] == "term"),
    ({"outlet": "Levant Review"}, lambda hit: hit["outlet"] == "Levant Review"),
    ({"since": "2024-02-01"}, lambda hit: hit["published"] >= "2024-02-01"),
    ({"until": "2024-01-30"}, lambda hit: hit["published"] <= "2024-01-30"),
])
def test_filters(site, get_json, params, check):
    hits = get_json(site, search_path(".json", **params))["hits"]
    assert hits and all(check(hit) for hit in hits)


def test_one_hit_per_statement(site, get, get_json):
    every = get_json(site, search_path(".json", q="gaza"))
    one = get_json(site, search_path(".json", q="gaza", by_cluster=1))
    assert (every["total"], one["total"]) == (3, 1) and one["hits"][0]["versions"] == 3
    html = get(site, search_path(q="gaza", by_cluster=1)).text
    assert 'name="by_cluster" value="1" form="q-search-form" checked' in html
    assert '<a href="/quotes/-/cluster/c-defend-gaza">3 versions</a>' in html


def test_pages_of_hits(site, get, get_json):
    first = get_json(site, search_path(".json"))
    assert (first["total"], first["pages"], len(first["hits"])) == (39, 2, 20)
    assert first["next_url"] == "/-/search?page=2" and first["previous_url"] is None
    second = get_json(site, first["next_url"].replace("/-/search", "/-/search.json"))
    assert len(second["hits"]) == 19 and second["previous_url"] == "/-/search"
    assert not {h["quote_id"] for h in first["hits"]} & {h["quote_id"] for h in second["hits"]}
    assert '<a href="/-/search?page=2" rel="next">' in get(site, "/-/search").text


def test_sort_by_date(site, get_json):
    hits = get_json(site, search_path(".json", q="war", sort="date"))["hits"]
    dates = [hit["published"] for hit in hits]
    assert dates == sorted(dates, reverse=True)


@pytest.mark.parametrize("params, message", [
    ({"q": '"wider war'}, 'a phrase has no closing &#34;'),
    ({"q": "speakr:kirby"}, "no field &#39;speakr&#39;"),
    ({"q": "war", "since": "2024-31-01"}, "since date &#39;2024-31-01&#39; is not a date YYYY-MM-DD"),
    ({"q": "war", "sort": "rank"}, "sort must be one of relevance, date"),
    ({"q": "war", "page": "two"}, "page must be a number"),
    ({"q": "war " * 600}, "at most 2,000 are searched"),
])
def test_a_bad_search_is_a_400_with_the_reason(site, get, params, message):
    response = get(site, search_path(**params))
    assert response.status_code == 400 and message in response.text
    assert 'role="alert"' in response.text and 'name="q"' in response.text
    as_json = get(site, search_path(".json", **params))
    assert as_json.status_code == 400 and as_json.json()["ok"] is False


def test_a_missing_index_is_a_503_that_says_to_build(seeds_site, tmp_path, get):
    shutil.copy(seeds_site.db, tmp_path / "quotes.db")
    datasette = make_datasette(tmp_path / "quotes.db", index_dir=tmp_path / "no-index")
    response = get(datasette, search_path(q="war"))
    assert response.status_code == 503 and "run `quotes build`" in response.text


def test_snippets_are_escaped(site, get):
    html = get(site, search_path(q="<script>alert(1)</script>")).text
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
