"""What the top (and the last lines) of an article's text say about it: headline, date, byline, outlet.

Plain text has no fields, but news text follows habits: a section label, the
headline, a byline ("By ..."), a date line, a dateline ("WASHINGTON (AP) —"),
then the body; a sign-off ("Follow Jane Doe on Twitter") or a credit line
("© 2024 Reuters") at the end. These facts fill whatever the sidecar table
and the file's own metadata leave empty.
"""
from __future__ import annotations

import re

from quotes.lexicon import NAME_PARTICLES

from .facts import find_date

HEADER_LINES = 8  # how many non-blank lines at the top may hold header facts
SHORT_LINE_WORDS = 14  # header facts sit on short lines, not in body paragraphs


def header_lines(text: str, limit: int = HEADER_LINES) -> list[str]:
    """The first ``limit`` non-blank lines of ``text``, stripped."""
    lines = (line.strip() for line in text.splitlines())
    return [line for line in lines if line][:limit]


def footer_lines(text: str, limit: int = 2) -> list[str]:
    """The last ``limit`` non-blank lines of ``text``, stripped, where credit lines sit."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-limit:]


def _is_short(line: str) -> bool:
    return len(line.split()) <= SHORT_LINE_WORDS


def _is_section_label(line: str) -> bool:
    """A one- or two-word line above the headline, like ``Security`` or ``World News``."""
    return len(line.split()) <= 2 and not line.endswith((".", "?", "!", '"', "”"))


def _is_byline(line: str) -> bool:
    return find_author([line]) is not None


def _is_dateline(line: str) -> bool:
    return _DATELINE_OUTLET.match(line) is not None


def _is_furniture_of_the_header(line: str) -> bool:
    """Lines of the header that are not the headline: bylines, date lines, datelines."""
    return _is_byline(line) or _is_dateline(line) or (_is_short(line) and find_date(line) is not None)


def headline_span(lines: list[str]) -> tuple[int, int] | None:
    """Which header lines hold the headline, as ``(first, end)`` indices.

    The headline is the first line that is not a section label (one or two
    words), a byline or a date line; a headline ending in ``;`` goes on with its
    subhead on the next line. When the first such line is a body paragraph
    (too long for a headline), a short line above it was the headline.
    """
    label = None
    for number, line in enumerate(lines):
        if _is_furniture_of_the_header(line):
            continue
        if _is_section_label(line):
            label = number
            continue
        if not _is_headline_length(line):
            break
        following = lines[number + 1 : number + 2]
        joined = line.endswith(";") and following and _is_headline_length(following[0])
        return number, number + (2 if joined else 1)
    return (label, label + 1) if label is not None else None


def find_title(lines: list[str]) -> str | None:
    """The headline (see :func:`headline_span`), without the full stop some corpora add.

    >>> find_title(["Security", "Kataib Hizbullah's alleged halt in attacks shows clear subservience to Iran"])
    "Kataib Hizbullah's alleged halt in attacks shows clear subservience to Iran"
    >>> find_title(["date 2024-01-31 News", "Suspension of attacks: Why?"])
    'Suspension of attacks: Why?'
    >>> find_title(["Jobs report gives Democrats a lift;", "Solid upturn could blunt Republican claims."])
    'Jobs report gives Democrats a lift; Solid upturn could blunt Republican claims'
    >>> find_title(["World", "Trump wins", "By Jane Doe", "WASHINGTON (AP) — Body."])
    'Trump wins'
    """
    span = headline_span(lines)
    return _drop_final_period(" ".join(lines[span[0] : span[1]])) if span else None


def _is_headline_length(line: str) -> bool:
    return len(line.split()) <= 25 and len(line) <= 250


_FINAL_PERIOD = re.compile(r"(?<![.\s])\.(?P<close>['\"’”)]?)$")
_INNER_SENTENCE_END = re.compile(r"[a-z]{3}\.\s+[A-Z]")  # "Blow. Here's", not "Rep. Welch"


def _drop_final_period(title: str) -> str:
    """Headlines carry no full stop, but some corpora add one (``poll.``, ``‘Genocide.’``).

    ``U.S.`` stays whole, and a headline of two sentences keeps its stop.

    >>> _drop_final_period("Ryan calls it ‘Genocide.’"), _drop_final_period("Trump wins in the U.S.")
    ('Ryan calls it ‘Genocide’', 'Trump wins in the U.S.')
    >>> _drop_final_period("Sanders Suffered A Big Blow. Here’s His Plan.")
    'Sanders Suffered A Big Blow. Here’s His Plan.'
    """
    match = _FINAL_PERIOD.search(title)
    if not match or "." in title[: match.start()].split()[-1] or _INNER_SENTENCE_END.search(title):
        return title
    return title[: match.start()] + match["close"]


def header_block(lines: list[str]) -> list[str]:
    """The header lines above the first body paragraph: the first long line that is not the headline."""
    headline = headline_span(lines)
    for number, line in enumerate(lines):
        if not _is_short(line) and not (headline and headline[0] <= number < headline[1]):
            return lines[:number]
    return lines


def find_published(lines: list[str]) -> str | None:
    """The publication date from a line of the header block (a date in the body is ignored).

    >>> find_published(["Iran-backed militia in Iraq suspends attacks", "Jan 30, 2024", "Baghdad [Iraq], January 31 : ..."])
    '2024-01-30'
    >>> find_published(["date 2024-01-31 News"])
    '2024-01-31'
    >>> body = "A first paragraph, long enough to be the body of the article, on what began on March 5, 2016."
    >>> find_published(["What went wrong for him", body, "Oct. 31, 2012"]) is None
    True
    """
    return next(filter(None, map(find_date, header_block(lines))), None)


_BYLINE = re.compile(
    r"^(?:(?:report|reporting|written|story|text|words)\s+)?by\s+(?P<name>[^|,;:()]+?)\s*(?:[|,;:(]|\s[-–—]\s|$)",
    re.IGNORECASE,
)
_NAME_WORDS = NAME_PARTICLES | {"and", "&"}  # lowercase in a byline: particles, and what joins two names
_NOT_NAMES = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december the this that then now contrast far".split()
)


def find_author(lines: list[str]) -> str | None:
    """The author named on a short byline (``By ...``), first credited name only.

    >>> find_author(["By Al-Fassel |"]), find_author(["Report by Toni Mrad, English adaptation by Yasmine Jaroudi"])
    ('Al-Fassel', 'Toni Mrad')
    >>> find_author(["By JULIE PACE and LISA LERER"]), find_author(["By Tuesday, they had left."])
    ('Julie Pace and Lisa Lerer', None)
    """
    for line in lines:
        match = _BYLINE.match(line)
        if match and _is_short(line) and _looks_like_name(match["name"]):
            return _uncapitalize(match["name"].strip())
    return None


_AUTHOR_SIGN_OFF = re.compile(
    r"^(?:follow\s+(?P<followed>[^@:]+?)\s+on\s+twitter\b.*|[-–—]\s*(?P<signed>[^.,;:]+?)\.?)$", re.IGNORECASE
)


def find_signed_author(lines: list[str]) -> str | None:
    """The author named where an article signs off: ``Follow Jane Doe on Twitter @jd.`` or ``- Jane Doe.``

    >>> find_signed_author(["Follow Pam Key on Twitter @pamkeyNEN."]), find_signed_author(["- Elise Viebeck."])
    ('Pam Key', 'Elise Viebeck')
    >>> find_signed_author(["Follow Breitbart News reporter Lee Stranahan on Twitter."]), find_signed_author(["- Sanders."])
    (None, None)
    """
    for line in lines:
        match = _AUTHOR_SIGN_OFF.match(line)
        name = match and (match["followed"] or match["signed"])
        if name and _looks_like_name(name) and len(name.split()) >= 2:  # "- Reuters." credits a wire
            return _uncapitalize(name.strip())
    return None


def _uncapitalize(name: str) -> str:
    """``JULIE PACE and LISA LERER`` -> ``Julie Pace and Lisa Lerer``; ``AWR Hawkins`` stays."""
    words = name.split()
    if not all(w.isupper() for w in words if w.lower() not in _NAME_WORDS):
        return name
    return " ".join(w.title() if w.isupper() else w for w in words)


def _looks_like_name(text: str) -> bool:
    words = text.split()
    if not 1 <= len(words) <= 6 or words[0].lower() in _NOT_NAMES or any(c.isdigit() for c in text):
        return False
    return all(w[0].isupper() or w.lower() in _NAME_WORDS for w in words)


_DATELINE_OUTLET = re.compile(r"^[A-Z][\w.',\[\] -]{1,60}?\((?P<outlet>[A-Z][A-Za-z&.' ]{1,40}?)\)\s*[-–—―]")
_CREDIT_OUTLET = re.compile(
    r"^(?:copyright|©|\(c\))\s*(?:©|\(c\))?\s*(?:\d{4}\s+)?(?P<outlet>[A-Z][\w&.' -]{1,50}?)\.?$",
    re.IGNORECASE,
)


def find_outlet(lines: list[str]) -> str | None:
    """The outlet named in a dateline (``WASHINGTON (AP) —``) or a copyright line (``© 2024 Reuters``).

    (``Source: NATO`` under a chart is not an outlet, so ``Source:`` lines are not read.)

    >>> find_outlet(["WASHINGTON (AP) — The Latest on the 2016 campaign"]), find_outlet(["© 2024 Reuters"])
    ('AP', 'Reuters')
    >>> find_outlet(["Baghdad [Iraq], January 31 : The militia said"]) is None
    True
    """
    for line in lines:
        match = _DATELINE_OUTLET.match(line) or _CREDIT_OUTLET.match(line)
        if match:
            return match["outlet"].strip()
    return None


def header_facts(text: str) -> dict[str, str]:
    """What the top of an article says about itself: title, published, author, outlet.

    >>> header_facts("Security\\nKataib Hizbullah halts attacks\\nBy Al-Fassel |\\n2024-01-31 | 11:43\\nThe group said...")
    {'title': 'Kataib Hizbullah halts attacks', 'published': '2024-01-31', 'author': 'Al-Fassel'}
    """
    lines = header_lines(text)
    facts = {
        "title": find_title(lines),
        "published": find_published(lines),
        "author": find_author(lines) or find_signed_author(footer_lines(text)),
        "outlet": find_outlet(lines[:3] + footer_lines(text)),
    }
    return {k: v for k, v in facts.items() if v}
