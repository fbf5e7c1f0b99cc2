"""Read news articles from disk into :class:`~quotes.model.Article` records.

Inputs are plain text (``.txt``), web pages (``.html``/``.htm``) and JSON
(``.json``/``.jsonl``: one article per record). What we know of each article's
source comes from three layers, the first that says something wins:

1. a sidecar metadata table (:func:`load_metadata`), because a human wrote it;
2. the file's own metadata (the HTML ``<head>``, the JSON record's fields);
3. the header of the text itself (:func:`header_facts`: title, date, byline).

Nothing here raises on bad input: every reader yields a :class:`~quotes.model.Problem`
naming the file (and line) and goes on with the rest.

>>> header_facts("Security\\nKataib Hizbullah halts attacks\\nBy Al-Fassel |\\n2024-01-31 | 11:43\\nThe group said...")
{'title': 'Kataib Hizbullah halts attacks', 'published': '2024-01-31', 'author': 'Al-Fassel'}
"""
from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping, NamedTuple

from quotes.model import Article, Problem

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
JSON_SUFFIXES = (".json", ".jsonl")
INPUT_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSON_SUFFIXES

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
METADATA_KEY_COLUMNS = ("filename", "file", "doc", "name", "id")
RECORD_ID_FIELDS = ("id", "doc")
RECORD_TEXT_FIELDS = ("text", "body", "content")

# Values that mean "nothing here" in hand-made tables (PolNeAR writes ``None``).
EMPTY_VALUES = frozenset({"", "none", "null", "n/a"})

HEADER_LINES = 8  # how many non-blank lines at the top may hold header facts
SHORT_LINE_WORDS = 14  # header facts sit on short lines, not in body paragraphs


# --------------------------------------------------------------------------- inputs


def find_inputs(paths: Iterable[str | Path]) -> tuple[list[Path], list[Problem]]:
    """The article files under ``paths``, in a stable order, and what was wrong.

    Folders are searched recursively (sorted; hidden files and folders and
    unknown extensions skipped); a file named explicitly must have a known
    extension. Each file is listed once.
    """
    found: list[Path] = []
    seen: set[Path] = set()
    problems: list[Problem] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            candidates = _files_in_folder(path)
        elif path.is_file():
            if path.suffix.lower() not in INPUT_SUFFIXES:
                message = f"unsupported file type {path.suffix or '(none)'!r}; expected one of {', '.join(INPUT_SUFFIXES)}"
                problems.append(Problem(str(path), message))
                continue
            candidates = [path]
        else:
            problems.append(Problem(str(path), "no such file or folder"))
            continue
        for candidate in candidates:
            if candidate not in seen:
                seen.add(candidate)
                found.append(candidate)
    return found, problems


def _files_in_folder(folder: Path) -> list[Path]:
    files = (
        p
        for p in folder.rglob("*")
        if p.is_file()
        and p.suffix.lower() in INPUT_SUFFIXES
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )
    return sorted(files, key=lambda p: p.relative_to(folder).parts)


# --------------------------------------------------------------------------- decoding


class Decoded(NamedTuple):
    text: str
    encoding: str
    warning: str | None  # set when the bytes were not UTF-8


def decode_bytes(data: bytes, name: str) -> Decoded:
    """Decode a file's bytes: UTF-8 (a BOM is dropped), else cp1252, else latin-1.

    Newlines are kept as they are, so offsets match
    ``open(path, encoding='utf-8', newline='')`` for UTF-8 files.

    >>> decode_bytes("café".encode("cp1252"), "a.txt")
    Decoded(text='café', encoding='cp1252', warning='a.txt: not valid UTF-8 (byte 0xe9 on line 1); decoded as cp1252')
    """
    if data.startswith(codecs.BOM_UTF8):
        data, utf8 = data[len(codecs.BOM_UTF8):], "utf-8-sig"
    else:
        utf8 = "utf-8"
    try:
        return Decoded(data.decode("utf-8"), utf8, None)
    except UnicodeDecodeError as err:
        bad_byte, line = data[err.start], data.count(b"\n", 0, err.start) + 1
    text, encoding = _decode_legacy(data)
    warning = f"{name}: not valid UTF-8 (byte 0x{bad_byte:02x} on line {line}); decoded as {encoding}"
    return Decoded(text, encoding, warning)


def _decode_legacy(data: bytes) -> tuple[str, str]:
    """Windows-1252 is what most mis-saved news text is; latin-1 decodes whatever is left."""
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


# --------------------------------------------------------------------------- fields

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
            iso = _iso_date(match)
            if iso:
                found.append((match.start(), iso))
                break
    return min(found)[1] if found else None


def _iso_date(match: re.Match) -> str | None:
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


def _as_text(value: Any) -> str | None:
    """A field value as a clean string: lists joined, ``{"name": ...}`` unwrapped, empties dropped."""
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, (list, tuple)):
        value = ", ".join(filter(None, map(_as_text, value)))
    if value is None or isinstance(value, bool):
        return None
    text = str(value).strip()
    return None if text.lower() in EMPTY_VALUES else text


def _column(name: str) -> str:
    return re.sub(r"[\s\-]+", "_", name.strip().lower())


def map_fields(record: Mapping[str, Any]) -> dict[str, str]:
    """Our fields (outlet, published, author, title, url) from a record using any known names.

    >>> map_fields({"Publisher": "nyt", "publication_date": "2016-1-5", "byline": "Jane Doe", "wire": "AP"})
    {'outlet': 'nyt', 'published': '2016-01-05', 'author': 'Jane Doe'}
    """
    columns = {_column(str(k)): v for k, v in record.items()}
    fields = {}
    for field, aliases in FIELD_ALIASES.items():
        value = next(filter(None, (_as_text(columns.get(a)) for a in aliases)), None)
        if value:
            fields[field] = normalize_date(value) if field == "published" else value
    return fields


def _first_value(record: Mapping[str, Any], names: Iterable[str]) -> str | None:
    columns = {_column(str(k)): v for k, v in record.items()}
    return next(filter(None, (_as_text(columns.get(n)) for n in names)), None)


# --------------------------------------------------------------------------- JSON records


class JsonRecord(NamedTuple):
    value: Any
    line: int | None  # 1-based line, for JSON Lines
    index: int | None  # position in a JSON list


def iter_json_records(text: str, name: str) -> Iterator[JsonRecord | Problem]:
    """The records of a JSON file: one object, a list of objects, or JSON Lines.

    A ``.jsonl`` file is always JSON Lines; another file is JSON Lines when it
    does not parse as one JSON value but its first line does. In JSON Lines a
    bad line is a Problem and the other lines are still read.
    """
    if name.lower().endswith(".jsonl"):
        yield from _json_lines(text, name)
        return
    try:
        value = json.loads(text)
    except json.JSONDecodeError as err:
        if _first_line_is_json(text):
            yield from _json_lines(text, name)
        else:
            yield Problem(name, f"malformed JSON: {err.msg} (column {err.colno})", line=err.lineno)
        return
    if isinstance(value, list):
        yield from (JsonRecord(item, None, i) for i, item in enumerate(value))
    else:
        yield JsonRecord(value, None, None)


def _first_line_is_json(text: str) -> bool:
    first = text.lstrip().split("\n", 1)[0].strip()
    if not first.startswith("{"):
        return False
    try:
        json.loads(first)
    except json.JSONDecodeError:
        return False
    return True


def _json_lines(text: str, name: str) -> Iterator[JsonRecord | Problem]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            yield JsonRecord(json.loads(line), number, None)
        except json.JSONDecodeError as err:
            yield Problem(name, f"malformed JSON line: {err.msg} (column {err.colno})", line=number)


def _where(record: JsonRecord) -> str:
    if record.line is not None:
        return f"line {record.line}"
    return f"record {record.index}" if record.index is not None else "the record"


# --------------------------------------------------------------------------- sidecar metadata


def load_metadata(path: str | Path) -> tuple[dict[str, dict], list[Problem]]:
    """A sidecar metadata table, keyed by file name, and the rows it could not use.

    TSV, CSV (delimiter sniffed from the header line) or JSON (an object keyed
    by file name, a list of objects, or JSON Lines). Column names are mapped
    with :data:`FIELD_ALIASES`; the key column is one of
    :data:`METADATA_KEY_COLUMNS`. Keys are kept as written; :func:`read_articles`
    matches them with or without the file's extension.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        return {}, [Problem(str(path), f"cannot read metadata: {err.strerror or err}")]
    decoded = decode_bytes(data, str(path))
    problems = [Problem(str(path), decoded.warning, fatal=False)] if decoded.warning else []
    if _looks_like_json(path, decoded.text):
        rows = _json_metadata_rows(decoded.text, str(path))
    else:
        rows = _table_rows(decoded.text, str(path))
    table: dict[str, dict] = {}
    for row in rows:
        if isinstance(row, Problem):
            problems.append(row)
        elif row.key in table:
            message = f"duplicate key {row.key!r}; the first row is kept"
            problems.append(Problem(str(path), message, line=row.line, fatal=False))
        else:
            table[row.key] = row.fields
    return table, problems


class MetadataRow(NamedTuple):
    key: str
    fields: dict[str, str]
    line: int | None


def _looks_like_json(path: Path, text: str) -> bool:
    return path.suffix.lower() in JSON_SUFFIXES or text.lstrip()[:1] in ("{", "[")


def _table_rows(text: str, name: str) -> Iterator[MetadataRow | Problem]:
    header_line = text.split("\n", 1)[0]
    tabs, commas = header_line.count("\t"), header_line.count(",")
    if tabs != commas:
        delimiter = "\t" if tabs > commas else ","
    else:
        delimiter = "\t" if name.lower().endswith((".tsv", ".tab")) else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [_column(c) for c in next(reader, [])]
    key_column = next((c for c in METADATA_KEY_COLUMNS if c in header), None)
    if key_column is None:
        yield Problem(name, f"no key column in the header (expected one of {', '.join(METADATA_KEY_COLUMNS)})", line=1)
        return
    try:
        for values in reader:
            if not any(v.strip() for v in values):
                continue
            if len(values) != len(header):
                message = f"expected {len(header)} fields, found {len(values)}; row skipped"
                yield Problem(name, message, line=reader.line_num)
                continue
            yield _metadata_row(dict(zip(header, values)), key_column, reader.line_num, name)
    except csv.Error as err:
        yield Problem(name, f"malformed table: {err}; the rest of the file is skipped", line=reader.line_num)


def _json_metadata_rows(text: str, name: str) -> Iterator[MetadataRow | Problem]:
    records = list(iter_json_records(text, name))
    single = records[0] if len(records) == 1 and isinstance(records[0], JsonRecord) else None
    keyed_by_name = single and isinstance(single.value, dict) and single.value
    if keyed_by_name and all(isinstance(v, dict) for v in single.value.values()):
        for key, fields in single.value.items():
            yield MetadataRow(key, map_fields(fields), None)
        return
    for record in records:
        if isinstance(record, Problem):
            yield record
        elif not isinstance(record.value, dict):
            yield Problem(name, f"{_where(record)} is not an object; skipped", line=record.line)
        else:
            key_column = next((c for c in METADATA_KEY_COLUMNS if _first_value(record.value, [c])), METADATA_KEY_COLUMNS[0])
            yield _metadata_row(record.value, key_column, record.line, name, where=_where(record))


def _metadata_row(
    row: Mapping[str, Any], key_column: str, line: int | None, name: str, where: str = "row"
) -> MetadataRow | Problem:
    key = _first_value(row, [key_column])
    if not key:
        return Problem(name, f"{where} has no {key_column}; skipped", line=line)
    return MetadataRow(key, map_fields(row), line)


def _strip_input_suffix(name: str) -> str:
    """A file name without the extension of an input file, if it has one.

    >>> _strip_input_suffix("a.b.txt"), _strip_input_suffix("nyt_2016")
    ('a.b', 'nyt_2016')
    """
    for suffix in INPUT_SUFFIXES:
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return name


class _MetadataIndex:
    """Finds a sidecar row by file name, with or without its extension."""

    def __init__(self, metadata: Mapping[str, dict] | None):
        self._rows: dict[str, dict] = {}
        for key, fields in (metadata or {}).items():
            self._rows.setdefault(key, fields)
            self._rows.setdefault(_strip_input_suffix(key), fields)

    def get(self, name: str) -> dict:
        return self._rows.get(name) or self._rows.get(_strip_input_suffix(name)) or {}


# --------------------------------------------------------------------------- header facts


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
_NAME_PARTICLES = frozenset("al bin ibn de del der da di du la le van von and &".split())
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
    if not all(w.isupper() for w in words if w.lower() not in _NAME_PARTICLES):
        return name
    return " ".join(w.title() if w.isupper() else w for w in words)


def _looks_like_name(text: str) -> bool:
    words = text.split()
    if not 1 <= len(words) <= 6 or words[0].lower() in _NOT_NAMES or any(c.isdigit() for c in text):
        return False
    return all(w[0].isupper() or w.lower() in _NAME_PARTICLES for w in words)


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
    """What the top of an article says about itself: title, published, author, outlet."""
    lines = header_lines(text)
    facts = {
        "title": find_title(lines),
        "published": find_published(lines),
        "author": find_author(lines) or find_signed_author(footer_lines(text)),
        "outlet": find_outlet(lines[:3] + footer_lines(text)),
    }
    return {k: v for k, v in facts.items() if v}


# --------------------------------------------------------------------------- not the article

Span = tuple[int, int]

_COMMENTS_START = re.compile(
    r"(?:do|did) you (?:like|enjoy) this article\??|leave a (?:comment|reply)|post a comment|add (?:a|your) comment"
    r"|reader comments|comments?(?: \(\d+\))?|\d+ comments?|join the (?:conversation|discussion)",
    re.IGNORECASE,
)
_CAPTCHA = re.compile(r"captcha\b.{0,20}", re.IGNORECASE)
_SOCIAL = r"(?:twitter|facebook|instagram|linkedin|whatsapp|telegram|x|email|e-mail|@\w+)"
_FURNITURE_LINE = re.compile(
    rf"follow\b.{{0,120}}\b(?:on|at)\s+{_SOCIAL}.*"
    rf"|follow @\w+.*"
    rf"|share(?: this)?(?: article| story| on {_SOCIAL})?[.:]?"
    rf"|subscribe\b.{{0,120}}"
    rf"|sign up\b.{{0,120}}\b(?:newsletter|email|e-mail|alerts)\b.*"
    rf"|click here\b.{{0,120}}",
    re.IGNORECASE,
)
_PHOTO_CREDIT = re.compile(  # "... Photo: AFP", "Photo by Jane Doe", "Scott Olson via Getty Images."
    r"(?:\b(?i:photo|photograph|picture|image)s?(?i: credit)?\s*(?:(?i:by)\s+|:\s*)[A-Z][^.:]{0,40}"
    r"|\bGetty Images\)?)\.?\)?\s*$"
)
_CAPTION_WORDS = 60


def iter_lines(text: str) -> Iterator[tuple[int, int, str]]:
    """``(start, end, line)`` for every non-blank line, offsets into ``text`` without the line break."""
    for match in re.finditer(r"[^\r\n]+", text):
        if match.group().strip():
            yield match.start(), match.end(), match.group()


def comments_span(text: str) -> list[Span]:
    """From a reader-comments heading (``Do you like this article?``) to the end of the text."""
    for start, _, line in iter_lines(text):
        if _COMMENTS_START.fullmatch(line.strip()):
            return [(start, len(text))]
    return []


def furniture_spans(text: str) -> list[Span]:
    """Whole lines of site furniture: captcha, share/subscribe/follow prompts, photo credits."""
    return [(start, end) for start, end, line in iter_lines(text) if _is_furniture(line.strip())]


def _is_furniture(line: str) -> bool:
    if _CAPTCHA.fullmatch(line) or (len(line.split()) <= 30 and _FURNITURE_LINE.fullmatch(line)):
        return True
    return len(line.split()) <= _CAPTION_WORDS and _PHOTO_CREDIT.search(line) is not None


def repeated_line_spans(text: str) -> list[Span]:
    """A line repeating the line just before it (an image caption printed twice): the repeat."""
    spans, previous = [], None
    for start, end, line in iter_lines(text):
        if line.strip() == previous:
            spans.append((start, end))
        previous = line.strip()
    return spans


def find_excluded(text: str) -> list[Span]:
    """The spans of ``text`` that are not the article, merged and sorted.

    >>> text = "Title\\nA caption.\\nA caption.\\nBody.\\nDo you like this article?\\nGreat!"
    >>> [text[s:e] for s, e in find_excluded(text)]
    ['A caption.', 'Do you like this article?\\nGreat!']
    """
    spans = sorted(comments_span(text) + furniture_spans(text) + repeated_line_spans(text))
    merged: list[Span] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


# --------------------------------------------------------------------------- HTML

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
        values = (_as_text(head.get(k)) for k in keys)
        value = next((v for v in values if v and not (field == "author" and v.startswith("http"))), None)
        if value:
            facts[field] = normalize_date(value) if field == "published" else " ".join(value.split())
    return facts


# --------------------------------------------------------------------------- articles


def read_articles(paths: Iterable[str | Path], metadata: Mapping[str, dict] | None = None) -> Iterator[Article | Problem]:
    """Every article under ``paths`` (files or folders), with a Problem for whatever could not be read.

    ``metadata`` is a sidecar table from :func:`load_metadata`; its values win
    over the file's own metadata, which wins over the text's header.
    """
    files, problems = find_inputs(paths)
    yield from problems
    sidecar = _MetadataIndex(metadata)
    for path in files:
        try:
            yield from _read_file(path, sidecar)
        except Exception as err:  # a bug on one odd file must not stop the others
            yield Problem(str(path), f"could not be read: {type(err).__name__}: {err}")


def _read_file(path: Path, sidecar: _MetadataIndex) -> Iterator[Article | Problem]:
    try:
        data = path.read_bytes()
    except OSError as err:
        yield Problem(str(path), f"cannot read: {err.strerror or err}")
        return
    if b"\x00" in data:
        yield Problem(str(path), _binary_message(data))
        return
    decoded = decode_bytes(data, path.name)
    if not decoded.text.strip():
        yield Problem(str(path), "empty file; skipped" if not decoded.text else "file holds only whitespace; skipped")
        return
    warnings = [decoded.warning] if decoded.warning else []
    if decoded.warning:
        yield Problem(str(path), decoded.warning, fatal=False)
    suffix = path.suffix.lower()
    source = _Source(path, decoded.encoding, warnings, sidecar)
    if suffix in JSON_SUFFIXES:
        yield from _json_articles(decoded.text, source)
    elif suffix in HTML_SUFFIXES:
        yield from _html_articles(decoded.text, source)
    else:
        yield source.article(path.name, decoded.text)


def _binary_message(data: bytes) -> str:
    """Why a file with NUL bytes is skipped, with the fix when it is UTF-16 text."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "UTF-16 text (contains NUL bytes); skipped: save it as UTF-8"
    return "binary file (contains NUL bytes); skipped"


class _Source(NamedTuple):
    """Where articles come from: one file, how it was decoded, and the sidecar table."""

    path: Path
    encoding: str
    warnings: list[str]
    sidecar: _MetadataIndex

    def article(self, doc: str, text: str, own_facts: Mapping[str, str] | None = None) -> Article:
        """An Article whose facts come from the sidecar, then ``own_facts``, then the text's header."""
        layers = (self.sidecar.get(doc), own_facts or {}, header_facts(text))
        facts = {field: next((layer[field] for layer in layers if layer.get(field)), None) for field in FACT_FIELDS}
        return Article(
            doc=doc,
            text=text,
            path=str(self.path),
            encoding=self.encoding,
            excluded=find_excluded(text),
            warnings=list(self.warnings),
            **facts,
        )


def _html_articles(html: str, source: _Source) -> Iterator[Article | Problem]:
    page = parse_html(html)
    if not page.text.strip():
        yield Problem(str(source.path), "no visible article text in the page; skipped")
        return
    yield source.article(source.path.name, page.text, page.facts)


def _record_text(record: Mapping[str, Any]) -> str | None:
    """The article text of a JSON record, exactly as given (offsets point into it)."""
    texts = (record.get(k) for k in RECORD_TEXT_FIELDS)
    return next((t for t in texts if isinstance(t, str) and t.strip()), None)


def _json_articles(text: str, source: _Source) -> Iterator[Article | Problem]:
    name = source.path.name
    for record in iter_json_records(text, str(source.path)):
        if isinstance(record, Problem):
            yield record
            continue
        if not isinstance(record.value, dict):
            yield Problem(str(source.path), f"{_where(record)} is not an object; skipped", line=record.line)
            continue
        body = _record_text(record.value)
        if body is None:
            message = f"{_where(record)} has no text (expected one of {', '.join(RECORD_TEXT_FIELDS)}); skipped"
            yield Problem(str(source.path), message, line=record.line)
            continue
        position = record.line if record.line is not None else record.index
        doc = _first_value(record.value, RECORD_ID_FIELDS) or (f"{name}#{position}" if position is not None else name)
        yield source.article(doc, body, map_fields(record.value))
