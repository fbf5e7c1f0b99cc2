"""The plugin's record pages over the seeds: a quote to cite from, an article with every
quote marked, a speaker across articles, a statement's versions side by side, and where a
retired quote ID leads."""
from __future__ import annotations

import dataclasses
import html as html_lib
import re
import shutil

import pytest
from seed_records import gold_quotes, seed_article

from quotes.cite import cite, render
from quotes.store import Store
from quotes.web import make_datasette
from quotes.web import speaker as speaker_module

KIRBY_DOC = "000_63344148f6407275.txt"
MOVING_PIECES = "a lot of moving pieces"
DEFEND_GAZA = "We will continue to defend our people in Gaza in other ways,"


def gold_count(seeds_gold, speaker_name: str) -> int:
    return sum(q["speaker_name"] == speaker_name for quotes in seeds_gold.values() for q in quotes)


# -- the quote page ---------------------------------------------------------------------


def test_quote_page_is_a_card_to_cite_from(site, get, quote_id):
    qid = quote_id(KIRBY_DOC, MOVING_PIECES)
    response = get(site, f"/quotes/-/quote/{qid}")
    assert response.status_code == 200
    page = response.text
    assert f"<blockquote>{MOVING_PIECES}</blockquote>" in page
    assert '<a href="/quotes/-/speaker/john-kirby"><strong>John Kirby</strong></a>' in page
    assert "US National Security Council spokesman" in page  # the role as written
    assert "Morning Ledger" in page and "Ana Ruiz" in page and "2024-01-31" in page
    assert f'<a href="https://example.org/{KIRBY_DOC}" rel="noopener noreferrer">' in page
    assert f'<a href="/quotes/-/article/000_63344148f6407275~2Etxt#{qid}">' in page
    assert "✓ verified against the stored text" in page


def test_quote_page_shows_the_passage_with_marks(site, get, quote_id):
    page = get(site, f"/quotes/-/quote/{quote_id(KIRBY_DOC, MOVING_PIECES)}").text
    assert f'<mark class="quote">{MOVING_PIECES}</mark>' in page
    assert '<mark class="speaker">Kirby</mark>' in page
    assert '<mark class="cue">said</mark>' in page
    assert 'class="q-legend"' in page


def test_quote_page_shows_the_other_versions_of_its_statement(site, get, quote_id, seeds_site):
    qid = quote_id(KIRBY_DOC, DEFEND_GAZA)
    page = get(site, f"/quotes/-/quote/{qid}").text
    with Store(seeds_site.db, readonly=True) as store:
        members = {row["id"] for row in store.db.query("select id from quotes where cluster_id = 'c-defend-gaza'")}
    assert len(re.findall(r'<div class="q-version[ "]', page)) == len(members) == 3
    assert "Earliest version · this quote" in page
    for member in members:
        assert f'href="/quotes/-/quote/{member}"' in page


def test_quote_page_has_a_citation_box(site, get, quote_id, seeds_site):
    qid = quote_id(KIRBY_DOC, MOVING_PIECES)
    page = get(site, f"/quotes/-/quote/{qid}").text
    tabs = re.findall(r'<button type="button" role="tab"[^>]*data-format="([^"]+)"', page)
    assert tabs == ["APA", "Chicago", "MLA", "Markdown", "BibTeX", "CSL-JSON"]
    with Store(seeds_site.db, readonly=True) as store:
        apa = render([cite(store, qid)], "apa", "text", "http://localhost/quotes")
    panel = re.search(r'<pre role="tabpanel" id="q-cite-1"[^>]*>(.*?)</pre>', page, re.S)
    assert html_lib.unescape(panel.group(1)) == apa
    assert f"http://localhost/quotes/-/quote/{qid}" in apa
    assert 'id="q-copy"' in page


def test_each_other_citation_tab_is_fetched_from_the_quote_page(site, get, quote_id, seeds_site):
    """Only the first tab is cited with the page; each other panel names the URL its citation comes from."""
    qid = quote_id(KIRBY_DOC, MOVING_PIECES)
    page = get(site, f"/quotes/-/quote/{qid}").text
    sources = dict(re.findall(r'<pre role="tabpanel"[^>]*data-format="([^"]+)" data-src="([^"]+)" hidden>', page))
    assert list(sources) == ["Chicago", "MLA", "Markdown", "BibTeX", "CSL-JSON"]
    with Store(seeds_site.db, readonly=True) as store:
        citation = cite(store, qid)
    expected = {"Chicago": ("chicago", "text"), "MLA": ("mla", "text"), "Markdown": ("apa", "markdown"),
                "BibTeX": ("apa", "bibtex"), "CSL-JSON": ("apa", "csl-json")}
    for label, src in sources.items():
        response = get(site, html_lib.unescape(src))
        assert response.status_code == 200 and response.headers["content-type"].startswith("text/plain")
        assert response.text == render([citation], *expected[label], "http://localhost/quotes")


def test_a_citation_tab_that_is_not_one_or_a_quote_that_is_not_is_a_clear_client_error(site, get, quote_id):
    qid = quote_id(KIRBY_DOC, MOVING_PIECES)
    unknown_tab = get(site, f"/quotes/-/quote/{qid}/citation?tab=Harvard")
    assert unknown_tab.status_code == 400 and "Unknown citation tab 'Harvard'" in unknown_tab.text
    assert get(site, "/quotes/-/quote/q-000000000000/citation?tab=MLA").status_code == 404


def test_citations_link_no_wrong_page_under_another_database_name(seeds_site, tmp_path, get, quote_id):
    shutil.copy(seeds_site.db, tmp_path / "news.db")
    news = make_datasette(tmp_path / "news.db", index_dir=seeds_site.index)
    page = get(news, f"/news/-/quote/{quote_id(KIRBY_DOC, MOVING_PIECES)}").text
    assert "/quotes/-/quote/" not in page


def test_quote_row_page_leads_to_the_quote_page(site, get, quote_id):
    qid = quote_id(KIRBY_DOC, MOVING_PIECES)
    response = get(site, f"/quotes/quotes/{qid}")
    assert response.status_code == 302 and response.headers["location"] == f"/quotes/-/quote/{qid}"


@pytest.fixture(scope="module")
def corrected(seeds_site, tmp_path_factory, seeds_dir, seeds_gold):
    """The seeds after a correction of the Kirby article: one quote reworded, one withdrawn.

    Returns the app and the IDs: (reworded old, reworded new, withdrawn)."""
    path = tmp_path_factory.mktemp("corrected") / "quotes.db"
    shutil.copy(seeds_site.db, path)
    article = seed_article(seeds_dir, KIRBY_DOC)
    start = article.text.index(MOVING_PIECES)
    reworded = MOVING_PIECES.replace("pieces", "things")  # same length: no offset moves
    article.text = article.text[:start] + reworded + article.text[start + len(MOVING_PIECES):]
    quotes = gold_quotes(seeds_gold[KIRBY_DOC])
    withdrawn = next(q for q in quotes if q.text == "hostile American action")
    quotes = [dataclasses.replace(q, text=reworded) if q.text == MOVING_PIECES else q
              for q in quotes if q is not withdrawn]
    with Store(path) as store:
        old = {q.text: q.quote_id for q in store.quotes(KIRBY_DOC)}
        store.save_article(article, quotes)
        new = {q.text: q.quote_id for q in store.quotes(KIRBY_DOC)}
    return make_datasette(path), (old[MOVING_PIECES], new[reworded], old[withdrawn.text])


def test_a_changed_quote_leads_to_its_new_version(corrected, get):
    datasette, (old_id, new_id, _) = corrected
    response = get(datasette, f"/quotes/-/quote/{old_id}")
    assert response.status_code == 302
    assert response.headers["location"] == f"/quotes/-/quote/{new_id}?from={old_id}"
    page = get(datasette, response.headers["location"]).text
    assert "its text changed" in page and f"<code>{old_id}</code>" in page and MOVING_PIECES in page
    assert "<blockquote>a lot of moving things</blockquote>" in page


def test_a_withdrawn_quote_answers_410_with_its_words(corrected, get):
    datasette, (_, _, withdrawn_id) = corrected
    response = get(datasette, f"/quotes/-/quote/{withdrawn_id}")
    assert response.status_code == 410
    assert "This quote was withdrawn" in response.text and "hostile American action" in response.text


def test_a_database_without_retired_quotes_still_answers_404(seeds_site, tmp_path, get):
    path = tmp_path / "old.db"
    shutil.copy(seeds_site.db, path)
    with Store(path) as store:
        store.db["retired_quotes"].drop()
    assert get(make_datasette(path), "/quotes/-/quote/q-000000000000").status_code == 404


# -- the article page ------------------------------------------------------------------


def test_article_page_marks_every_quote(site, get, seeds_gold, quote_id):
    page = get(site, "/quotes/-/article/000_63344148f6407275~2Etxt").text
    marked = re.findall(r'<a class="q-quote-link" id="(q-[0-9a-f]+)" href="/quotes/-/quote/\1">'
                        r'<mark class="quote" data-quote-id="\1">([^<]*)</mark></a>', page)
    assert sorted(text for _, text in marked) == sorted(q["text"] for q in seeds_gold[KIRBY_DOC])
    assert {qid for qid, _ in marked} == {quote_id(KIRBY_DOC, q["text"]) for q in seeds_gold[KIRBY_DOC]}
    assert '<mark class="speaker">Kirby</mark>' in page and '<mark class="cue">said</mark>' in page
    assert 'class="q-legend"' in page


def test_article_page_gives_its_source(site, get, seeds_dir):
    page = get(site, "/quotes/-/article/000_63344148f6407275~2Etxt").text
    assert f"<h1>{html_lib.escape(seed_article(seeds_dir, KIRBY_DOC).title, quote=False)}</h1>" in page
    assert "Morning Ledger" in page and "Ana Ruiz" in page and "2024-01-31" in page
    assert f'<a href="https://example.org/{KIRBY_DOC}" rel="noopener noreferrer">' in page
    assert "✓</span> as stored" in page


def test_article_page_of_an_unknown_article_is_404(site, get):
    assert get(site, "/quotes/-/article/nothing~2Etxt").status_code == 404


# -- the speaker page ------------------------------------------------------------------


def test_speaker_page(site, get, seeds_gold, quote_id):
    response = get(site, "/quotes/-/speaker/abu-hussein-al-hamidawi")
    assert response.status_code == 200
    page = response.text
    assert "<h1>Abu Hussein al-Hamidawi</h1>" in page
    for name in ("Ahmad al-Hamidawi", "al-Hamidawi", "Hamidawi"):  # names used, and merged with reasons
        assert f"<li>{name} " in page
        assert f"<tr><td>{name}</td><td>gold alias</td><td>1.00</td></tr>" in page
    assert "secretary-general of Kataib Hizbollah" in page and "Kataib Hizbullah leader" in page
    for outlet in ("Morning Ledger", "Gulf Wire", "Levant Review"):
        assert f"<li>{outlet}: " in page
    assert "in 3 articles\n  from 3 known outlets" in page
    assert 'href="/quotes/-/cluster/c-defend-gaza"' in page
    qid = quote_id("001_78b0e5d51db5c65c.txt", "We will continue to protect the people of Gaza through other means.")
    assert f'href="/quotes/-/quote/{qid}"' in page
    assert page.count('<a href="/quotes/-/quote/q-') == gold_count(seeds_gold, "Abu Hussein al-Hamidawi")
    assert '<a href="/-/search?speaker=abu-hussein-al-hamidawi">Search their quotes</a>' in page


def test_speaker_page_lists_quotes_by_date(site, get):
    page = get(site, "/quotes/-/speaker/john-kirby").text
    section = page[page.index("Quotes by date"):page.index("Outlets that quoted")]
    dates = re.findall(r'<td class="q-nowrap">(\d{4}-\d\d-\d\d)</td>', section)
    assert dates and dates == sorted(dates)


def test_speaker_page_lists_the_first_quotes_and_links_to_the_rest(site, get, seeds_gold, monkeypatch):
    monkeypatch.setattr(speaker_module, "SHOWN", 2)
    page = get(site, "/quotes/-/speaker/abu-hussein-al-hamidawi").text
    total = gold_count(seeds_gold, "Abu Hussein al-Hamidawi")
    assert page.count('<a href="/quotes/-/quote/q-') == 2
    assert f"The first 2 of {total}:" in page
    assert 'href="/quotes/quotes?speaker_id=abu-hussein-al-hamidawi&amp;_sort=published"' in page


def test_speaker_page_roles_link_to_where_they_were_written(site, get, get_json):
    page = get(site, "/quotes/-/speaker/john-kirby").text
    link = "/quotes/speaker_roles?speaker_id=john-kirby&role=US+National+Security+Council+spokesman"
    assert f'href="{link.replace("&", "&amp;")}"' in page
    rows = get_json(site, link.replace("speaker_roles?", "speaker_roles.json?") + "&_shape=array")
    assert [row["article_id"] for row in rows] == [KIRBY_DOC]


def test_unknown_speaker_or_cluster_is_not_found(site, get):
    assert get(site, "/quotes/-/speaker/nobody").status_code == 404
    assert get(site, "/quotes/-/cluster/c-nothing").status_code == 404


# -- the cluster page ------------------------------------------------------------------


def test_cluster_page_shows_versions_side_by_side(site, get, seeds_site):
    response = get(site, "/quotes/-/cluster/c-defend-gaza")
    assert response.status_code == 200
    page = response.text
    assert "in 3 articles\n  from 3 known outlets" in page
    with Store(seeds_site.db, readonly=True) as store:
        cluster = store.db["clusters"].get("c-defend-gaza")
        members = list(store.db.query(
            "select id, flagged, departure from quotes where cluster_id = ?", ["c-defend-gaza"]))
    versions = re.findall(r'<div class="q-version( first)?( flagged)?">', page)
    assert len(versions) == len(members) == cluster["n_quotes"]
    positions = {m["id"]: page.index(f'href="/quotes/-/quote/{m["id"]}"') for m in members}
    assert min(positions, key=positions.get) == cluster["first_quote_id"]
    assert page.count('<div class="q-version first">') == 1
    flagged = [m for m in members if m["flagged"]]
    assert page.count("Possible misquote</div>") == len(flagged) == 1
    assert f"<dd>{flagged[0]['departure']:.2f}</dd>" in page
    assert '<mark class="changed">protect</mark>' in page  # 001 reworded the earliest version
    assert '<mark class="extra">recommend</mark>' in page  # 003 quotes the statement further
    assert '<h1>Statement by <a href="/quotes/-/speaker/abu-hussein-al-hamidawi">' in page
