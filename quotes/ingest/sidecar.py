"""The sidecar table (``quotes build --metadata FILE``): what a person wrote down about each article's source.

It wins over what the files say about themselves, because a person checked it.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any, Iterator, Mapping, NamedTuple

from quotes.model import Problem

from .facts import checked_facts, column_name, first_value, map_fields
from .files import JSON_SUFFIXES, decode_bytes, strip_input_suffix
from .records import JsonRecord, iter_json_records, where

SIDECAR_KEY_COLUMNS = ("filename", "file", "doc", "name", "id")


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
    try:
        data = path.read_bytes()
    except OSError as err:
        return {}, [Problem(str(path), f"cannot read the sidecar table: {err.strerror or err}")]
    decoded = decode_bytes(data, str(path))
    problems = [Problem(str(path), decoded.warning, fatal=False)] if decoded.warning else []
    if _looks_like_json(path, decoded.text):
        rows = _json_rows(decoded.text, str(path))
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
            table[row.key], reasons = checked_facts(row.fields)
            problems += [Problem(str(path), f"{row.key}: {reason}", line=row.line, fatal=False) for reason in reasons]
    return table, problems


class SidecarRow(NamedTuple):
    """One row of the table: the file name it is about, our fields, and its line (None in a JSON object)."""

    key: str
    fields: dict[str, str]
    line: int | None


def _looks_like_json(path: Path, text: str) -> bool:
    return path.suffix.lower() in JSON_SUFFIXES or text.lstrip()[:1] in ("{", "[")


def _table_rows(text: str, name: str) -> Iterator[SidecarRow | Problem]:
    header_line = text.split("\n", 1)[0]
    tabs, commas = header_line.count("\t"), header_line.count(",")
    if tabs != commas:
        delimiter = "\t" if tabs > commas else ","
    else:
        delimiter = "\t" if name.lower().endswith((".tsv", ".tab")) else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [column_name(c) for c in next(reader, [])]
    key_column = next((c for c in SIDECAR_KEY_COLUMNS if c in header), None)
    if key_column is None:
        yield Problem(name, f"no key column in the header (expected one of {', '.join(SIDECAR_KEY_COLUMNS)})", line=1)
        return
    try:
        for values in reader:
            if not any(v.strip() for v in values):
                continue
            if len(values) != len(header):
                message = f"expected {len(header)} fields, found {len(values)}; row skipped"
                yield Problem(name, message, line=reader.line_num)
                continue
            yield _sidecar_row(dict(zip(header, values)), key_column, reader.line_num, name)
    except csv.Error as err:
        yield Problem(name, f"malformed table: {err}; the rest of the file is skipped", line=reader.line_num)


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
            yield Problem(name, f"{where(record)} is not an object; skipped", line=record.line)
        else:
            key_column = next((c for c in SIDECAR_KEY_COLUMNS if first_value(record.value, [c])), SIDECAR_KEY_COLUMNS[0])
            yield _sidecar_row(record.value, key_column, record.line, name, where=where(record))


def _sidecar_row(
    row: Mapping[str, Any], key_column: str, line: int | None, name: str, where: str = "row"
) -> SidecarRow | Problem:
    key = first_value(row, [key_column])
    if not key:
        return Problem(name, f"{where} has no {key_column}; skipped", line=line)
    return SidecarRow(key, map_fields(row), line)


class SidecarIndex:
    """Finds a sidecar row by file name, with or without its extension."""

    def __init__(self, table: Mapping[str, dict] | None):
        self._rows: dict[str, dict] = {}
        for key, fields in (table or {}).items():
            self._rows.setdefault(key, fields)
            self._rows.setdefault(strip_input_suffix(key), fields)

    def get(self, name: str) -> dict:
        """The row for the file (or JSON record) ``name``; empty when the table has none."""
        return self._rows.get(name) or self._rows.get(strip_input_suffix(name)) or {}
