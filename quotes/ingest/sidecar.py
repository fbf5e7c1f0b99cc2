"""The sidecar table (``quotes build --metadata FILE``): what a person wrote down about each article's source.

It wins over what the files say about themselves, because a person checked it.
"""
from __future__ import annotations

import csv
import dataclasses
import re
from pathlib import Path
from typing import Any, Iterator, Mapping, NamedTuple

from quotes.model import Problem

from .decoding import decode_bytes, replace_surrogates, replace_surrogates_in
from .facts import checked_facts, column_name, first_value, map_fields
from .files import JSON_SUFFIXES, printable_name, read_regular_file, strip_input_suffix
from .records import JsonRecord, iter_json_records, where

SIDECAR_KEY_COLUMNS = ("filename", "file", "doc", "name", "id")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def read_sidecar(path: str | Path) -> tuple[dict[str, dict], list[Problem]]:
    """A sidecar table, keyed by file name, and what was wrong in it (each Problem with its line).

    TSV, CSV (delimiter sniffed from the header line) or JSON (an object keyed
    by file name, a list of objects, or JSON Lines). Column names are mapped
    with :data:`~quotes.ingest.facts.FIELD_ALIASES`; the key column is one of
    :data:`SIDECAR_KEY_COLUMNS`. Keys are kept as written;
    :func:`~quotes.ingest.read_articles` matches them with or without the
    file's extension. A value the store would refuse (a published date that is
    no date) is left out with a warning, and the rest of its row is kept.
    """
    path = Path(path)
    data = read_regular_file(path)
    if isinstance(data, Problem):
        return {}, [dataclasses.replace(data, message=f"the sidecar table: {data.message}")]
    name = printable_name(str(path))
    decoded = decode_bytes(data, name)
    if isinstance(decoded, Problem):
        return {}, [decoded]
    problems = list(decoded.warnings)
    if _looks_like_json(path, decoded.text):
        rows = _json_rows(decoded.text, name)
    else:
        rows = _table_rows(decoded.text, name)
    table: dict[str, dict] = {}
    for row in rows:
        if isinstance(row, Problem):
            problems.append(row)
            continue
        row, warnings = _without_surrogates(row, name)
        problems += warnings
        if row.key in table:
            message = f"duplicate key {row.key!r}; the first row is kept"
            problems.append(Problem(name, message, line=row.line, fatal=False))
        else:
            table[row.key], reasons = checked_facts(row.fields)
            problems += [Problem(name, f"{row.key}: {reason}", line=row.line, fatal=False) for reason in reasons]
    return table, problems


class SidecarRow(NamedTuple):
    """One row of the table: the file name it is about, our fields, and its line (None in a JSON object)."""

    key: str
    fields: dict[str, str]
    line: int | None


def _looks_like_json(path: Path, text: str) -> bool:
    return path.suffix.lower() in JSON_SUFFIXES or text.lstrip()[:1] in ("{", "[")


def _table_rows(text: str, name: str) -> Iterator[SidecarRow | Problem]:
    """The rows of a TSV or CSV table, each line parsed on its own.

    A quoted field must close on its line: an unclosed quote is reported with
    its line, and the next line is still the next row (a reader that let the
    field run on would swallow it).
    """
    lines = _LINE_BREAK.split(text)
    tabs, commas = lines[0].count("\t"), lines[0].count(",")
    if tabs != commas:
        delimiter = "\t" if tabs > commas else ","
    else:
        delimiter = "\t" if name.lower().endswith((".tsv", ".tab")) else ","
    rows = (_split_row(line, delimiter) for line in lines)
    header_row = next(rows)
    if isinstance(header_row, str):
        yield Problem(name, f"malformed header: {header_row}", line=1)
        return
    header = [column_name(c) for c in header_row]
    key_column = next((c for c in SIDECAR_KEY_COLUMNS if c in header), None)
    if key_column is None:
        yield Problem(name, f"no key column in the header (expected one of {', '.join(SIDECAR_KEY_COLUMNS)})", line=1)
        return
    for number, values in enumerate(rows, start=2):
        if isinstance(values, str):
            yield Problem(name, f"malformed row: {values}; row skipped", line=number)
        elif not any(v.strip() for v in values):
            continue
        elif len(values) != len(header):
            yield Problem(name, f"expected {len(header)} fields, found {len(values)}; row skipped", line=number)
        else:
            yield _sidecar_row(dict(zip(header, values)), key_column, number, name)


def _split_row(line: str, delimiter: str) -> list[str] | str:
    """The fields of one line of the table, or why it cannot be split.

    >>> _split_row('a,"b, c",d', ","), _split_row('a,"b,c', ",")
    (['a', 'b, c', 'd'], 'unexpected end of data (a quoted field must close on its line)')
    """
    try:
        return next(csv.reader([line], delimiter=delimiter, strict=True), [])
    except csv.Error as err:
        return f"{err} (a quoted field must close on its line)"


def _json_rows(text: str, name: str) -> Iterator[SidecarRow | Problem]:
    records = list(iter_json_records(text, name))
    single = records[0] if len(records) == 1 and isinstance(records[0], JsonRecord) else None
    keyed_by_name = single and isinstance(single.value, dict) and single.value
    if keyed_by_name and all(isinstance(v, dict) for v in single.value.values()):
        for key, fields in single.value.items():
            yield SidecarRow(key, map_fields(fields), None)
        return
    for record in records:
        if isinstance(record, Problem):
            yield record
        elif not isinstance(record.value, dict):
            yield Problem(name, f"{where(record)} is not an object; skipped", line=record.start)
        else:
            key_column = next((c for c in SIDECAR_KEY_COLUMNS if first_value(record.value, [c])), SIDECAR_KEY_COLUMNS[0])
            yield _sidecar_row(record.value, key_column, record.start, name, where=where(record))


def _sidecar_row(
    row: Mapping[str, Any], key_column: str, line: int | None, name: str, where: str = "row"
) -> SidecarRow | Problem:
    key = first_value(row, [key_column])
    if not key:
        return Problem(name, f"{where} has no {key_column}; skipped", line=line)
    return SidecarRow(key, map_fields(row), line)


def _without_surrogates(row: SidecarRow, name: str) -> tuple[SidecarRow, list[Problem]]:
    """The row with lone surrogates (JSON's ``"\\ud800"``) as U+FFFD, and a warning when there were any."""
    key, in_key = replace_surrogates(row.key)
    fields, in_fields = replace_surrogates_in(row.fields)
    if not in_key + in_fields:
        return row, []
    message = f"{key}: {in_key + in_fields} lone surrogate(s) (like \\ud800) replaced with U+FFFD"
    return SidecarRow(key, fields, row.line), [Problem(name, message, line=row.line, fatal=False)]


class SidecarIndex:
    """Finds a sidecar row by file name, with or without its extension."""

    def __init__(self, table: Mapping[str, dict] | None):
        self._rows: dict[str, dict] = {}
        for key, fields in (table or {}).items():
            self._rows.setdefault(key, fields)
            self._rows.setdefault(strip_input_suffix(key), fields)

    def get(self, *names: str) -> dict:
        """The row for the first of ``names`` (an article's key, its file's name) the table has; else empty."""
        for name in names:
            row = self._rows.get(name) or self._rows.get(strip_input_suffix(name))
            if row:
                return row
        return {}
