"""The records of a JSON or JSON Lines file, each with its place in the file; an article in each record.

:func:`iter_json_records` also reads a sidecar table written as JSON
(:mod:`quotes.ingest.sidecar`).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterator, Mapping, NamedTuple

from quotes.model import Problem

from .facts import first_value, map_fields

RECORD_ID_FIELDS = ("id", "doc")
RECORD_TEXT_FIELDS = ("text", "body", "content")


class JsonRecord(NamedTuple):
    """One JSON value and where it sits: a line of JSON Lines, or a position in a list."""

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


def where(record: JsonRecord) -> str:
    """Where a record sits, for a message: "line 3", "record 0" or "the record"."""
    if record.line is not None:
        return f"line {record.line}"
    return f"record {record.index}" if record.index is not None else "the record"


def _record_text(record: Mapping[str, Any]) -> str | None:
    """The article text of a JSON record, exactly as given (offsets point into it)."""
    texts = (record.get(k) for k in RECORD_TEXT_FIELDS)
    return next((t for t in texts if isinstance(t, str) and t.strip()), None)


class RecordArticle(NamedTuple):
    """An article a JSON record holds: its name, its text, its own source facts and its line."""

    doc: str
    text: str
    facts: dict[str, str]
    line: int | None


def record_articles(text: str, path: Path) -> Iterator[RecordArticle | Problem]:
    """The article of each record of a JSON file; a Problem for each record without one.

    A record's doc is its ``id`` (or ``doc``) field, else the file name and its
    line (JSON Lines) or position (a list): ``feed.jsonl#3``.
    """
    for record in iter_json_records(text, str(path)):
        if isinstance(record, Problem):
            yield record
            continue
        if not isinstance(record.value, dict):
            yield Problem(str(path), f"{where(record)} is not an object; skipped", line=record.line)
            continue
        body = _record_text(record.value)
        if body is None:
            message = f"{where(record)} has no text (expected one of {', '.join(RECORD_TEXT_FIELDS)}); skipped"
            yield Problem(str(path), message, line=record.line)
            continue
        position = record.line if record.line is not None else record.index
        doc = first_value(record.value, RECORD_ID_FIELDS) or (f"{path.name}#{position}" if position is not None else path.name)
        yield RecordArticle(doc, body, map_fields(record.value), record.line)
