"""A ready-to-paste report of quotes: grouped by speaker or by statement, each cited, then a bibliography.

``quotes report`` builds one from a search or a list of quote IDs, and the web
search page offers the same report as a download. Each quote comes as
:func:`quotes.cite.render` writes it (its words, who said it and how the
outlet framed it, the in-text citation in the chosen style); the articles are
listed once, at the end, in that style.
"""
from __future__ import annotations

import html
from collections.abc import Iterable

from .cite import Citation, cite_many
from .cite.csl import STYLE_NAMES, StyledCitations, markdown_escape, quoted_text
from .cite.render import STYLES, bibliography_block, check_choice, quote_block
from .errors import UsageError
from .store import Store

GROUPINGS = ("speaker", "statement")
REPORT_FORMATS = ("markdown", "html")
HEADING_WORDS = 12  # words of a statement shown in its heading
HTML_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title}</title>
<style>
body {{ font-family: Georgia, serif; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }}
blockquote {{ margin: 0; padding-left: 1rem; border-left: 3px solid #999; }}
figure {{ margin: 1.5rem 0; }}
figcaption {{ font-size: 0.9rem; color: #444; }}
.csl-entry {{ padding-left: 2rem; text-indent: -2rem; margin-bottom: 0.5rem; }}
</style>
</head>
<body>
{body}
</body>
</html>
"""


def build_report(
    store: Store,
    quote_ids: Iterable[str],
    group_by: str = "speaker",
    style: str = "apa",
    fmt: str = "markdown",
    site_url: str | None = None,
    *,
    title: str | None = None,
) -> str:
    """The report of ``quote_ids`` (in their order) as ``markdown`` or a standalone ``html`` page.

    Raises :class:`UsageError` for a quote ID ``store`` does not have, and for
    an unknown grouping, style or format.
    """
    citations, unknown = cite_many(store, quote_ids)
    if unknown:
        raise UsageError(f"no quote {', '.join(unknown)} in the database")
    return report_from_citations(citations, group_by, style, fmt, site_url, title=title)


def report_from_citations(
    citations: list[Citation],
    group_by: str = "speaker",
    style: str = "apa",
    fmt: str = "markdown",
    site_url: str | None = None,
    *,
    title: str | None = None,
) -> str:
    """The report of ``citations``: a title, a line saying what it holds, the groups, the bibliography."""
    check_choice("grouping", group_by, GROUPINGS)
    check_choice("citation style", style, STYLES)
    check_choice("report format", fmt, REPORT_FORMATS)
    title = title or "Quotes"
    styled = StyledCitations(citations, style, fmt)
    n_articles = len({c.source.sha256 for c in citations})
    summary = (f"{_count(len(citations), 'quote')} from {_count(n_articles, 'article')}, "
               f"grouped by {group_by}; citations in {STYLE_NAMES[style]} style.")
    sections = []
    for heading, members in group_citations(citations, group_by):
        blocks = [quote_block(c, fmt, site_url, styled.in_text(c)) for c in members]
        sections.append("\n\n".join([_heading(heading, fmt), *blocks]))
    bibliography = bibliography_block(styled, style, fmt)
    if fmt == "html":
        body = "\n\n".join([f"<h1>{html.escape(title)}</h1>", f"<p>{summary}</p>", *sections, bibliography])
        return HTML_PAGE.format(title=html.escape(title), body=body)
    return "\n\n".join([f"# {markdown_escape(title)}", summary, *sections, bibliography]) + "\n"


def group_citations(citations: list[Citation], group_by: str) -> list[tuple[str, list[Citation]]]:
    """The citations in groups, in the order each group first appears, with a heading for each.

    By ``speaker``: one group per speaker, headed by the name. By
    ``statement``: one group per statement cluster (a quote in none is a
    statement of its own), its versions earliest first, headed by the speaker
    and the words of the earliest version cited.
    """
    groups: dict[str, list[Citation]] = {}
    for c in citations:
        if group_by == "speaker":
            key = c.quote.speaker_id or f"name:{c.speaker}"
        else:
            key = c.quote.cluster_id or c.quote.quote_id
        groups.setdefault(key, []).append(c)
    if group_by == "speaker":
        return [(members[0].speaker or "Unattributed", members) for members in groups.values()]
    statements = []
    for members in groups.values():
        members = sorted(members, key=lambda c: c.source.published or "9999")
        first = members[0]
        versions = f" ({len(members)} versions)" if len(members) > 1 else ""
        statements.append((f"{first.speaker or 'Unattributed'}: “{_opening(quoted_text(first.quote.text))}”{versions}", members))
    return statements


def _opening(text: str, words: int = HEADING_WORDS) -> str:
    """The first ``words`` words of ``text``, with an ellipsis when there are more.

    >>> _opening("We are not seeking war, but we are not afraid of it", words=5)
    'We are not seeking war…'
    """
    split = text.split()
    return text if len(split) <= words else " ".join(split[:words]).rstrip(",;:") + "…"


def _heading(text: str, fmt: str) -> str:
    if fmt == "html":
        return f"<h2>{html.escape(text)}</h2>"
    return f"## {markdown_escape(text)}"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
