"""Citations written out: quotes with the reporter's framing and a styled bibliography, or data to import.

:func:`render` is the one entry point for citing several quotes: as text, HTML
or Markdown (each quote, who said it and how the outlet framed it, its
in-text citation in APA, Chicago or MLA, then the bibliography of the
articles), or as CSL-JSON or BibTeX for a reference manager.
:func:`format_citation` is the single-quote view of ``quotes show``.

The attribution line keeps the reporter's framing: the cue as the article
wrote it ("claimed", "admitted", "condemned what it calls"), a note when the
framing distances or endorses or the marks hold only part of a sentence, and
whose report it is:

    > We are not seeking a wider war with anyone.
    >
    > — Kataib Hizbollah, claimed (distancing; partial quote), *as reported by* Al-Monitor, “Militia halts attacks” (2024-01-31) · (Ruiz, 2024) · `q-…`
"""
from __future__ import annotations

import dataclasses
import html
import json
from dataclasses import dataclass
from typing import Callable

from ..errors import UsageError
from .bibtex import bibtex_entry
from .citation import Citation
from .csl import (
    BIBLIOGRAPHY_HEADINGS,
    CSL_STYLES,
    StyledCitations,
    csl_item,
    is_web_address,
    markdown_escape,
    quote_url,
    quoted_text,
)

STYLES = tuple(CSL_STYLES)
FORMATS = ("text", "html", "markdown", "csl-json", "bibtex")
SHOW_FORMATS = ("text", "markdown", "json")


@dataclass(frozen=True)
class Markup:
    """How one output format writes plain text, emphasis, a link and an identifier."""

    escape: Callable[[str], str]
    emphasis: Callable[[str], str]
    link: Callable[[str, str], str]
    code: Callable[[str], str]


TEXT = Markup(escape=str, emphasis=str, link=lambda text, url: text, code=str)
MARKDOWN = Markup(
    escape=markdown_escape, emphasis=lambda text: f"*{text}*",
    link=lambda text, url: f"[{text}]({url.replace(' ', '%20').replace(')', '%29')})", code=lambda text: f"`{text}`",
)
HTML = Markup(
    escape=lambda text: html.escape(text, quote=False), emphasis=lambda text: f"<em>{text}</em>",
    link=lambda text, url: f'<a href="{html.escape(url)}">{text}</a>', code=lambda text: f"<code>{text}</code>",
)
MARKUPS = {"text": TEXT, "markdown": MARKDOWN, "html": HTML}


def render(citations: list[Citation], style: str = "apa", fmt: str = "text", site_url: str | None = None) -> str:
    """``citations`` cited in ``style`` (``apa``, ``chicago``, ``mla``) as ``fmt``.

    ``text``, ``html`` and ``markdown`` give each quote with its attribution and
    in-text citation, then the bibliography; ``csl-json`` gives a list of CSL
    items and ``bibtex`` one ``@article`` per quote. ``site_url`` is where
    ``quotes serve`` publishes the database: each quote then links to its page.
    Raises :class:`UsageError` for an unknown style or format.
    """
    check_choice("citation style", style, STYLES)
    check_choice("citation format", fmt, FORMATS)
    if fmt == "csl-json":
        return json.dumps([csl_item(c, site_url) for c in citations], ensure_ascii=False, indent=2)
    if fmt == "bibtex":
        return "\n\n".join(bibtex_entry(csl_item(c, site_url)) for c in citations)
    styled = StyledCitations(citations, style, fmt)
    blocks = [quote_block(c, fmt, site_url, styled.in_text(c)) for c in citations]
    return "\n\n".join([*blocks, bibliography_block(styled, style, fmt)])


def check_choice(what: str, value: str, choices: tuple[str, ...]) -> None:
    """Raise :class:`UsageError` unless ``value`` is one of ``choices``."""
    if value not in choices:
        raise UsageError(f"unknown {what} {value!r}; use one of {', '.join(choices)}")


def quote_block(c: Citation, fmt: str, site_url: str | None = None, in_text: str | None = None) -> str:
    """One quote in ``fmt`` (``text``, ``markdown``, ``html``): its words, then who said it, how the
    outlet framed it, where, the in-text citation (already in ``fmt``) and the quote's ID or page."""
    markup = MARKUPS[fmt]
    page = quote_url(site_url, c.quote.quote_id) if site_url else None
    reference = markup.link(markup.code(c.quote.quote_id), page) if page else markup.code(c.quote.quote_id)
    caption = " · ".join(part for part in (attribution_line(c, markup), in_text, reference) if part)
    if not c.verified:
        caption += " · " + markup.emphasis("not verified") + ": " + markup.escape("; ".join(c.problems))
    words = quoted_text(c.quote.text)
    if fmt == "markdown":
        quoted = "\n".join(f"> {markdown_escape(line)}".rstrip() for line in words.splitlines())
        return f"{quoted}\n>\n> — {caption}"
    if fmt == "html":
        paragraphs = "".join(f"<p>{HTML.escape(line)}</p>" for line in words.splitlines() if line.strip())
        cite_attribute = f' cite="{html.escape(page)}"' if page else ""
        return (f'<figure class="quote-citation">\n<blockquote{cite_attribute}>{paragraphs}</blockquote>\n'
                f"<figcaption>— {caption}</figcaption>\n</figure>")
    lines = [f"“{words}”", f"    — {caption}"]
    lines += [f"    {label}: {url}" for label, url in (("Article", c.source.url), ("Quote", page)) if url]
    return "\n".join(lines)


def attribution_line(c: Citation, markup: Markup = TEXT) -> str:
    """Who said it, the framing as the article wrote it, and whose report it is.

    ``John Kirby, US National Security Council spokesman, said, as reported by
    Morning Ledger, “Title” (2024-01-31)``; an unknown outlet is left out ("as
    reported in “Title”"), an unknown title is "an untitled article".
    """
    parts = [markup.escape(c.who)]
    if c.framing:
        parts.append(markup.escape(c.framing))
    title = f"“{markup.escape(c.source.title)}”" if c.source.title else None
    if title and is_web_address(c.source.url):
        title = markup.link(title, c.source.url)
    if c.source.outlet:
        source = f"{markup.emphasis('as reported by')} {markup.escape(c.source.outlet)}"
        source += f", {title}" if title else " in an untitled article"
    else:
        source = f"{markup.emphasis('as reported in')} {title or 'an untitled article'}"
    if c.source.published:
        source += f" ({c.source.published})"
    parts.append(source)
    return ", ".join(parts)



def bibliography_block(styled: StyledCitations, style: str, fmt: str) -> str:
    """The bibliography of ``styled`` under the style's heading ("References", "Works Cited")."""
    heading = BIBLIOGRAPHY_HEADINGS[style]
    entries = styled.entries()
    if fmt == "html":
        body = "\n".join(f'<div class="csl-entry">{entry}</div>' for entry in entries)
        return f'<section class="bibliography">\n<h2>{heading}</h2>\n<div class="csl-bib-body">\n{body}\n</div>\n</section>'
    if fmt == "markdown":
        return "\n\n".join([f"## {heading}", *entries])
    return "\n".join([heading, "", *entries])


# -- quotes show ----------------------------------------------------------------------------


def format_citation(c: Citation, fmt: str = "text") -> str:
    """One quote for ``quotes show``: a terminal block with context and offsets (``text``),
    a Markdown blockquote with its attribution line (``markdown``) or every field (``json``)."""
    check_choice("format", fmt, SHOW_FORMATS)
    if fmt == "json":
        return json.dumps({**dataclasses.asdict(c), "verified": c.verified}, ensure_ascii=False, indent=2)
    if fmt == "markdown":
        return quote_block(c, "markdown")
    return _checkable_text(c)


def _checkable_text(c: Citation) -> str:
    """The quote, its attribution, source, offsets and verification, and its context with the quote marked."""
    mention = f" (written “{c.quote.speaker_mention}”)" if c.quote.speaker_mention and c.quote.speaker_mention != c.speaker else ""
    start, end = c.quote_in_context
    marked = f"{c.context[:start]}⟦{c.context[start:end]}⟧{c.context[end:]}"
    source = [c.source.outlet, f"“{c.source.title}”" if c.source.title else "untitled article", f"by {c.source.author}" if c.source.author else None,
              c.source.published]
    lines = [
        f"“{c.quote.text}”",
        f"    — {c.who}{mention}",
        f"Cue: {c.quote.cue or '-'} · stance: {c.quote.stance} · kind: {c.quote.kind}",
        f"Source: {', '.join(part for part in source if part)}",
    ]
    if c.source.url:
        lines.append(f"URL: {c.source.url}")
    lines += [
        f"Article: {c.quote.doc}, sha256 {c.source.sha256[:16]}…; {_offsets(c)}",
        f"Quote ID: {c.quote.quote_id}",
        "Verified: yes, the offsets hold and the article is unchanged"
        if c.verified else "Verified: NO, " + "; ".join(c.problems),
        "Context:",
        *("    " + line for line in marked.splitlines()),
    ]
    return "\n".join(lines)


def _offsets(c: Citation) -> str:
    parts = [f"quote {c.quote.start}–{c.quote.end}"]
    if c.quote.speaker_start is not None:
        parts.append(f"speaker {c.quote.speaker_start}–{c.quote.speaker_end}")
    if c.quote.cue_start is not None:
        parts.append(f"cue {c.quote.cue_start}–{c.quote.cue_end}")
    return ", ".join(parts)
