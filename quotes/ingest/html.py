"""A web page's visible article text and the source facts its ``<head>`` declares."""
from __future__ import annotations

from html.parser import HTMLParser
from typing import Mapping, NamedTuple

from .facts import as_text, normalize_date

_SKIPPED_TAGS = frozenset("script style noscript template nav footer aside form svg iframe button select".split())
_BLOCK_TAGS = frozenset(
    "p div section article main header h1 h2 h3 h4 h5 h6 li ul ol dl dt dd blockquote pre br hr tr table "
    "figure figcaption".split()
)
_HEAD_FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("og:title", "twitter:title", "<title>"),
    "published": (
        "article:published_time", "datepublished", "date", "pubdate", "publish-date", "dc.date", "parsely-pub-date", "<time>"
    ),
    "author": ("author", "article:author", "byl", "dc.creator", "parsely-author"),
    "outlet": ("og:site_name", "application-name"),
    "url": ("<canonical>", "og:url"),
}


class _PageParser(HTMLParser):
    """Collects a page's head metadata and its visible text, block by block."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.head: dict[str, str] = {}
        self.blocks: list[tuple[str, bool]] = []  # (text, inside <article>)
        self._words: list[str] = []
        self._skipping = 0
        self._in_article = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k.lower(): v or "" for k, v in attrs}
        if tag in _SKIPPED_TAGS:
            self._skipping += 1
        elif tag == "title" and not self._skipping:  # not an <svg> icon's title
            self._in_title = True
        elif tag == "meta":
            key = attributes.get("property") or attributes.get("name") or attributes.get("itemprop")
            if key and attributes.get("content"):
                self.head.setdefault(key.lower(), attributes["content"])
        elif tag == "link" and "canonical" in attributes.get("rel", "").lower().split():
            self.head.setdefault("<canonical>", attributes.get("href", ""))
        elif tag == "time" and attributes.get("datetime"):
            self.head.setdefault("<time>", attributes["datetime"])
        if tag in _BLOCK_TAGS:
            self._end_block()
        if tag == "article":
            self._in_article += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_TAGS and self._skipping:
            self._skipping -= 1
        elif tag == "title":
            self._in_title = False
        if tag in _BLOCK_TAGS:
            self._end_block()
        if tag == "article" and self._in_article:
            self._in_article -= 1

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.head["<title>"] = self.head.get("<title>", "") + data
        elif not self._skipping:
            self._words.extend(data.split())

    def close(self) -> None:
        super().close()
        self._end_block()

    def _end_block(self) -> None:
        if self._words:
            self.blocks.append((" ".join(self._words), self._in_article > 0))
            self._words = []


class Page(NamedTuple):
    """A page's article text (paragraphs separated by blank lines) and its head facts."""

    text: str
    facts: dict[str, str]


def parse_html(html: str) -> Page:
    """The visible article text of a web page (paragraphs separated by blank lines) and its head facts.

    Scripts, styles, navigation, footers, asides and forms are dropped; when the
    page marks its story with ``<article>``, only that is kept.

    >>> page = parse_html('<title>T</title><nav>Home</nav><p>One &amp; two.</p><p>Three.</p>')
    >>> page.text, page.facts
    ('One & two.\\n\\nThree.', {'title': 'T'})
    """
    parser = _PageParser()
    parser.feed(html)
    parser.close()
    in_article = [text for text, inside in parser.blocks if inside]
    paragraphs = in_article or [text for text, _ in parser.blocks]
    return Page("\n\n".join(paragraphs), _head_facts(parser.head))


def _head_facts(head: Mapping[str, str]) -> dict[str, str]:
    facts = {}
    for field, keys in _HEAD_FIELDS.items():
        values = (as_text(head.get(k)) for k in keys)
        value = next((v for v in values if v and not (field == "author" and v.startswith("http"))), None)
        if value:
            facts[field] = normalize_date(value) if field == "published" else " ".join(value.split())
    return facts
