"""The site in a real browser: search finds what `quotes search` finds, articles mark every
quote in the right colours, hostile articles stay text, and the citation box copies."""
from __future__ import annotations

import re
import sqlite3
import urllib.error
import urllib.parse
import urllib.request

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

SEARCHES = [
    ("phrase", {"q": '"actions speak louder"'}),
    ("wildcard", {"q": "escalat*"}),
    ("fuzzy", {"q": "Hizbolah~"}),
    ("speaker-variant", {"q": "", "speaker": "Kata'ib Hezbollah"}),
]
# What no page may carry: an address that runs script, or an element an article injected.
SCRIPT_ADDRESS = re.compile(r"^\s*(javascript|data|vbscript):", re.I)


def rows(built, sql: str, *params) -> list[tuple]:
    with sqlite3.connect(built["db"]) as db:
        return db.execute(sql, params).fetchall()


def database(built) -> str:
    return built["db"].stem


@pytest.mark.parametrize("name, params", SEARCHES, ids=[name for name, _ in SEARCHES])
def test_search_page_finds_what_quotes_search_finds(page, cli_search, save_screenshot, name, params):
    page.goto("/-/search?" + urllib.parse.urlencode(params))
    shown = page.locator("li.q-hit[data-quote-id]").evaluate_all("hits => hits.map(h => h.dataset.quoteId)")
    expected = cli_search(params["q"], params.get("speaker"))
    assert expected and shown == expected
    assert page.locator("li.q-hit mark").count() > 0 or not params["q"]
    save_screenshot(page, f"search-{name}")


def test_article_page_marks_every_quote_in_the_legend_colours(page, built, save_screenshot):
    doc = "000_63344148f6407275.txt"
    page.goto(f"/{database(built)}/-/article/000_63344148f6407275~2Etxt")
    marked = page.locator(".q-article-text mark.quote").evaluate_all("marks => marks.map(m => m.dataset.quoteId)")
    stored = [quote_id for (quote_id,) in rows(built, "select id from quotes where article_id = ? order by start", doc)]
    assert marked == stored and len(stored) > 10
    for kind in ("quote", "speaker", "cue"):
        legend = page.locator(f".q-legend mark.{kind}").evaluate("m => getComputedStyle(m).backgroundColor")
        in_text = page.locator(f".q-article-text mark.{kind}").first.evaluate("m => getComputedStyle(m).backgroundColor")
        assert legend == in_text, kind
    colours = {page.locator(f".q-legend mark.{kind}").evaluate("m => getComputedStyle(m).backgroundColor")
               for kind in ("quote", "speaker", "cue")}
    assert len(colours) == 3
    save_screenshot(page, "article")


def test_quote_page_legend_colours_match_the_passage(page, built, save_screenshot):
    (quote_id,) = rows(built, "select id from quotes where text = ?", "actions speak louder than words.")[0]
    page.goto(f"/{database(built)}/-/quote/{quote_id}")
    for kind in ("quote", "speaker", "cue"):
        legend = page.locator(f".q-legend mark.{kind}").evaluate("m => getComputedStyle(m).backgroundColor")
        passage = page.locator(f".q-passage mark.{kind}").evaluate("m => getComputedStyle(m).backgroundColor")
        assert legend == passage, kind
    assert page.locator(".q-verified").count() == 1
    save_screenshot(page, "quote")


def test_copy_button_copies_the_apa_citation(browser, server, built, save_screenshot):
    context = browser.new_context(viewport={"width": 1400, "height": 900}, base_url=server)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    tab = context.new_page()
    try:
        (quote_id,) = rows(built, "select id from quotes where text = ?", "actions speak louder than words.")[0]
        tab.goto(f"/{database(built)}/-/quote/{quote_id}")
        apa = tab.locator('pre[data-format="APA"]').text_content()
        assert "actions speak louder than words." in apa and "References" in apa
        tab.locator("#q-copy").click()
        tab.wait_for_function("document.getElementById('q-copy').dataset.copied !== undefined")
        how = tab.locator("#q-copy").get_attribute("data-copied")
        copied = (tab.evaluate("navigator.clipboard.readText()") if how == "clipboard"
                  else tab.evaluate("window.getSelection().toString()"))
        assert copied.strip() == apa.strip()
        tab.locator('button[data-format="BibTeX"]').click()
        bibtex = tab.locator('pre[data-format="BibTeX"]')
        assert bibtex.is_visible()
        assert not tab.locator('pre[data-format="APA"]').is_visible()
        expect(bibtex).to_contain_text("@article{")  # fetched when the tab is opened
        if how == "clipboard":
            tab.locator("#q-copy").click()
            expect(tab.locator("#q-copy-status")).to_have_text("Copied BibTeX to the clipboard.")
            assert tab.evaluate("navigator.clipboard.readText()").strip() == bibtex.text_content().strip()
        save_screenshot(tab, "quote-citation-bibtex")
    finally:
        context.close()


def hostile_pages(built) -> list[str]:
    db = database(built)
    quotes = rows(built, "select id from quotes where article_id like 'hostile%'")
    speakers = rows(built, "select distinct speaker_id from quotes where article_id like 'hostile%' and speaker_id is not null")
    return [
        "/", f"/{db}", f"/{db}/quotes", f"/{db}/quotes?_columns=all", f"/{db}/articles", f"/{db}/articles?_columns=all",
        f"/{db}/outlets", "/-/search?q=respond", "/-/search?q=alert", "/-/search?q=&outlet=gulf-b-wire-b",
        f"/{db}/-/article/hostile~2Ejson~23hostile-json", f"/{db}/-/article/hostile~2Ehtml",
        *(f"/{db}/-/quote/{quote_id}" for (quote_id,) in quotes),
        *(f"/{db}/-/speaker/{speaker_id}" for (speaker_id,) in speakers),
        f"/{db}/quotes_per_outlet", f"/{db}/quotes_by_speaker?speaker=Kirby",
    ]


def test_hostile_articles_stay_text_on_every_page(page, built, save_screenshot):
    for path in hostile_pages(built):
        response = page.goto(path)
        assert response.status == 200, path
        addresses = page.evaluate(
            "Array.from(document.querySelectorAll('[href], [src], [action]'))"
            ".map(e => e.getAttribute('href') || e.getAttribute('src') || e.getAttribute('action'))")
        assert not [a for a in addresses if SCRIPT_ADDRESS.match(a)], path
        assert page.locator('img[src="x"]').count() == 0, path
        assert page.evaluate("Array.from(document.scripts).every(s => !s.textContent.includes('alert'))"), path
    assert page.dialogs == []
    page.goto(f"/{database(built)}/-/article/hostile~2Ejson~23hostile-json")
    text = page.locator("body").inner_text()
    assert "<script>alert('title')</script> Militia truce holds" in text
    assert "<img src=x onerror=alert('author')>" in text and "JaVaScRiPt:alert('url')" in text
    save_screenshot(page, "hostile-article-json")
    page.goto(f"/{database(built)}/-/article/hostile~2Ehtml")
    text = page.locator("body").inner_text()
    assert "javascript:alert('canonical')" in text and "<script>alert('htmlauthor')</script>" in text
    save_screenshot(page, "hostile-article-html")
    assert page.dialogs == []


def test_a_missing_page_logs_one_line(server, built):
    with pytest.raises(urllib.error.HTTPError) as missing:
        urllib.request.urlopen(f"{server}/no/such/page")
    assert missing.value.code == 404
    log = built["log"].read_text(encoding="utf-8")
    assert len([line for line in log.splitlines() if "/no/such/page" in line]) == 1
    assert "Traceback" not in log


@pytest.mark.parametrize("name, path", [
    ("home", "/"),
    ("database", "/{db}"),
    ("quotes-table", "/{db}/quotes"),
    ("speakers-table", "/{db}/speakers?_name=Kataib+Hizbullah"),
    ("articles-table", "/{db}/articles"),
    ("speaker", "/{db}/-/speaker/{speaker}"),
    ("cluster", "/{db}/-/cluster/{cluster}"),
    ("shared-statements", "/{db}/shared_statements"),
    ("search-error", "/-/search?q=%22wider+war"),
    ("search-by-statement", "/-/search?q=suspension&by_cluster=1"),
])
def test_pages_render(page, built, save_screenshot, name, path):
    (speaker,) = rows(built, "select id from speakers order by n_quotes desc limit 1")[0]
    (cluster,) = rows(built, "select id from clusters order by n_quotes desc limit 1")[0]
    response = page.goto(path.format(db=database(built), speaker=speaker, cluster=cluster))
    assert response.status == (400 if name == "search-error" else 200)
    assert page.dialogs == []
    save_screenshot(page, name)
