"""An article's source facts (outlet, published, author, title, URL): named as others name them, checked as the store needs them.

Tables and feeds name the fields their own way (``publisher``, ``pubdate``,
``byline``) and write dates many ways ("Jan 5, 2024", "2024-01-05T10:00Z"):
:func:`map_fields` brings both to ours. :func:`checked_facts` then drops, with a
reason, any value the store would refuse (:func:`iso_date` is that rule for
dates), so a bad date is reported when the file is read, not after extraction.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any, Iterable, Mapping

# Our field -> the names other tables and feeds use for it (compared lower-case,
# with spaces and hyphens read as underscores).
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "outlet": ("outlet", "publisher", "source", "site", "site_name"),
    "published": ("published", "publication_date", "date", "pubdate", "published_at", "date_published"),
    "author": ("author", "byline", "authors"),
    "title": ("title", "headline"),
    "url": ("url", "link"),
}
FACT_FIELDS = tuple(FIELD_ALIASES)

# Values that mean "nothing here" in hand-made tables (PolNeAR writes ``None``).
EMPTY_VALUES = frozenset({"", "none", "null", "n/a"})
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$")


_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DATE_PATTERNS = (
    re.compile(rf"(?<!\d){_YEAR}[-/.](?P<month>\d{{1,2}})[-/.](?P<day>\d{{1,2}})(?!\d)"),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"(?<!\d)(?P<month>\d{{1,2}})/(?P<day>\d{{1,2}})/{_YEAR}(?!\d)"),  # US order
)


def find_date(text: str) -> str | None:
    """The first calendar date in ``text`` (day, month and year), as ISO ``YYYY-MM-DD``.

    >>> find_date("2024-01-31 | 11:43"), find_date("Jan 30, 2024"), find_date("on 5 Sept. 2023")
    ('2024-01-31', '2024-01-30', '2023-09-05')
    >>> find_date("in January 2024") is None
    True
    """
    found = []
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            iso = _date_of_match(match)
            if iso:
                found.append((match.start(), iso))
                break
    return min(found)[1] if found else None


def _date_of_match(match: re.Match) -> str | None:
    month = match["month"]
    month_number = int(month) if month.isdigit() else _month_number(month)
    try:
        return dt.date(int(match["year"]), month_number, int(match["day"])).isoformat()
    except ValueError:
        return None


def _month_number(name: str) -> int:
    names = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
    return names.index(name[:3].lower()) + 1


def normalize_date(value: str) -> str:
    """``value`` as ISO ``YYYY-MM-DD`` when it holds a date, else as given.

    >>> normalize_date("2016-03-15T10:04:00Z"), normalize_date("March 15, 2016"), normalize_date("spring")
    ('2016-03-15', '2016-03-15', 'spring')
    """
    return find_date(value) or value.strip()


def iso_date(value: str | None) -> str | None:
    """The ``YYYY-MM-DD`` date a published value starts with, or ``None`` for no value.

    The one rule for a stored date: ISO 8601, a real day of the calendar.

    >>> iso_date("2024-01-31T11:43:00+02:00")
    '2024-01-31'
    >>> iso_date("2024-01-31 garbage")
    Traceback (most recent call last):
    ValueError: not an ISO date: '2024-01-31 garbage'
    >>> iso_date("2024-13-45")
    Traceback (most recent call last):
    ValueError: month must be in 1..12
    """
    if not value:
        return None
    if not ISO_DATE.match(value):
        raise ValueError(f"not an ISO date: {value!r}")
    dt.date.fromisoformat(value[:10])  # raises ValueError on a month 13 or a 30 February
    return value[:10]


def checked_facts(facts: Mapping[str, str]) -> tuple[dict[str, str], list[str]]:
    """``facts`` without the values the store would refuse, and why each one was left out.

    Only a published date can be refused: it must pass :func:`iso_date`.

    >>> checked_facts({"title": "Spring offensive", "published": "spring"})
    ({'title': 'Spring offensive'}, ["published date 'spring' is not a date (YYYY-MM-DD); left out"])
    """
    kept, reasons = {}, []
    for field, value in facts.items():
        if field == "published":
            try:
                iso_date(value)
            except ValueError:
                reasons.append(f"published date {value!r} is not a date (YYYY-MM-DD); left out")
                continue
        kept[field] = value
    return kept, reasons


def as_text(value: Any) -> str | None:
    """A field value as a clean string: lists joined, ``{"name": ...}`` unwrapped, empties dropped."""
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, (list, tuple)):
        value = ", ".join(filter(None, map(as_text, value)))
    if value is None or isinstance(value, bool):
        return None
    text = str(value).strip()
    return None if text.lower() in EMPTY_VALUES else text


def column_name(name: str) -> str:
    """A column or field name as compared with :data:`FIELD_ALIASES`: ``"Site Name"`` is ``site_name``."""
    return re.sub(r"[\s\-]+", "_", name.strip().lower())


def map_fields(record: Mapping[str, Any]) -> dict[str, str]:
    """Our fields (outlet, published, author, title, url) from a record using any known names.

    >>> map_fields({"Publisher": "nyt", "publication_date": "2016-1-5", "byline": "Jane Doe", "wire": "AP"})
    {'outlet': 'nyt', 'published': '2016-01-05', 'author': 'Jane Doe'}
    """
    columns = {column_name(str(k)): v for k, v in record.items()}
    fields = {}
    for field, aliases in FIELD_ALIASES.items():
        value = next(filter(None, (as_text(columns.get(a)) for a in aliases)), None)
        if value:
            fields[field] = normalize_date(value) if field == "published" else value
    return fields


def first_value(record: Mapping[str, Any], names: Iterable[str]) -> str | None:
    """The first non-empty value of ``record`` under any of ``names`` (compared by :func:`column_name`)."""
    columns = {column_name(str(k)): v for k, v in record.items()}
    return next(filter(None, (as_text(columns.get(n)) for n in names)), None)
