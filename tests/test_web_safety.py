"""Safe by default: what an article says about itself (text, title, author, URL, speaker
names) is shown as text on every page, and only http(s) addresses become links."""
from __future__ import annotations

import re

import pytest

from quotes.model import Article, Merge, Quote, Speaker, SpeakerResolution
from quotes.index import sync_index
from quotes.store import Store
from quotes.web import make_datasette
from quotes.web.urls import link_url

DOC = "hostile.txt"
SCRIPT = '<script>alert("xss")</script>'
IMAGE = "<img src=x onerror=alert(1)>"
URLS = ["javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>", "https://example.org/a?b=<script>"]
# An element whose tag or attributes came from the article: a script, an event handler, a script URL.
INJECTED = re.compile(r"<script>alert|<[^>]*\son(error|mouseover)\s*=|(href|src)\s*=\s*[\"']?\s*(javascript|data):", re.I)


def hostile_article(url: str) -> tuple[Article, Quote]:
    speaker = f"<b onmouseover=alert(2)>Evil</b> {IMAGE}"
    said = f"We will {SCRIPT} respond {IMAGE} soon"
    text = f'{SCRIPT}\n"{said}," {speaker} said.\n{IMAGE} & more.'
    start = text.index(said)
    speaker_start = text.index(speaker)
    cue_start = text.index(" said.") + 1
    quote = Quote(start=start, end=start + len(said), text=said, speaker=speaker, speaker_mention=speaker,
                  speaker_start=speaker_start, speaker_end=speaker_start + len(speaker),
                  cue="said", cue_start=cue_start, cue_end=cue_start + 4, role=IMAGE, speaker_id="evil")
    article = Article(doc=DOC, text=text, title=f"Title {SCRIPT}", author=f"By {IMAGE}", url=url,
                      outlet=f"Outlet {SCRIPT}", published="2024-02-01")
    return article, quote


@pytest.fixture(scope="module", params=URLS)
def hostile_site(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    article, quote = hostile_article(request.param)
    with Store(folder / "quotes.db") as store:
        store.save_article(article, [quote])
        stored = store.quotes(DOC)
        speaker = Speaker(id="evil", name=quote.speaker, type="person", names=[quote.speaker],
                          merges=[Merge(f"<i>{IMAGE}</i>", SCRIPT, 1.0)])
        store.save_speakers(SpeakerResolution([speaker], {q.quote_id: "evil" for q in stored}))
        sync_index(store, folder / "index")
    datasette = make_datasette(folder / "quotes.db", index_dir=folder / "index")
    return datasette, stored[0].quote_id, request.param


def pages(quote_id: str) -> list[str]:
    return [
        "/", "/quotes", "/quotes/quotes", "/quotes/quotes?_columns=all", "/quotes/articles",
        "/quotes/articles?_columns=all", "/quotes/speakers", "/quotes/outlets", "/quotes/speaker_merges",
        "/-/search", "/-/search?q=respond", "/-/search?q=alert", "/quotes/-/article/hostile~2Etxt",
        f"/quotes/-/quote/{quote_id}", "/quotes/-/speaker/evil", "/quotes/quotes_by_speaker?speaker=evil",
        "/quotes/quotes_per_outlet", "/quotes/stance_by_outlet", "/quotes/most_quoted_speakers",
    ]


def test_every_page_shows_the_article_as_text(hostile_site, get):
    datasette, quote_id, _ = hostile_site
    for path in pages(quote_id):
        response = get(datasette, path)
        assert response.status_code == 200, path
        assert not INJECTED.search(response.text), (path, INJECTED.search(response.text))
    article = get(datasette, "/quotes/-/article/hostile~2Etxt").text
    assert "&lt;script&gt;alert(&#34;xss&#34;)&lt;/script&gt;" in article
    assert "&lt;img src=x onerror=alert(1)&gt;" in article


def test_only_http_urls_become_links(hostile_site, get):
    datasette, quote_id, url = hostile_site
    for path in (f"/quotes/-/quote/{quote_id}", "/quotes/-/article/hostile~2Etxt", "/quotes/articles"):
        page = get(datasette, path).text
        linked = 'href="https://example.org/a?b=&lt;script&gt;"' in page
        assert linked == url.startswith("https://"), path


@pytest.mark.parametrize("url, safe", [
    ("https://example.org/x", True), ("http://example.org/x", True), ("HTTPS://EXAMPLE.ORG", True),
    ("javascript:alert(1)", False), ("JaVaScRiPt:alert(1)", False), (" javascript:alert(1)", False),
    ("java\tscript:alert(1)", False), ("data:text/html,x", False), ("//evil.example/x", False),
    ("/relative", False), ("https:/missing-host", False), ("", False), (None, False),
])
def test_link_url(url, safe):
    assert (link_url(url) is not None) == safe
