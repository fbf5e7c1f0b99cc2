"""The records of a JSON or JSON Lines file, read one at a time with their lines; an article in each record.

A JSON list is read record by record (:meth:`json.JSONDecoder.raw_decode`) and
JSON Lines line by line, so a bad record is a Problem with its line and the
records before it are kept. Limits are checked without recursion: nesting
deeper than :data:`MAX_JSON_DEPTH`, or a number too long for Python to read
(``sys.get_int_max_str_digits()``), is a Problem, never a traceback.

:func:`iter_json_records` also reads a sidecar table written as JSON
(:mod:`quotes.ingest.sidecar`).
"""
from __future__ import annotations

import json
import re
import sys
from typing import Any, Iterator, Mapping, NamedTuple

from quotes.model import Problem

from .decoding import printable, replace_surrogates, replace_surrogates_in
from .facts import first_value, map_fields
from .files import InputFile

RECORD_ID_FIELDS = ("id", "doc")
RECORD_TEXT_FIELDS = ("text", "body", "content")
MAX_JSON_DEPTH = 100  # levels of lists and objects; an article record needs a handful

_DECODER = json.JSONDecoder()
_SPACE = re.compile(r"[ \t\n\r]*")  # JSON's white space, and only it


class JsonRecord(NamedTuple):
    """One JSON value and where it sits."""

    value: Any
    line: int | None  # its line, in JSON Lines
    index: int | None  # its position, in a JSON list
    start: int  # the line it starts on, for messages


class _BadJson(Exception):
    """A value that cannot be read: why, and the line (within the text given) where it went wrong."""

    def __init__(self, reason: str, line: int):
        super().__init__(reason)
        self.reason, self.line = reason, line


def iter_json_records(text: str, name: str) -> Iterator[JsonRecord | Problem]:
    """The records of a JSON file: one value, a list of values, or JSON Lines.

    A ``.jsonl`` file is always JSON Lines; another file is JSON Lines when its
    first value sits on its first line and more follows. In JSON Lines a bad
    line is a Problem and the other lines are still read; in a list, a bad
    record ends the reading (the records before it are kept).
    """
    if name.lower().endswith(".jsonl"):
        yield from _json_lines(text, name)
        return
    start = _SPACE.match(text).end()
    if text.startswith("[", start):
        yield from _json_list(text, name, start)
        return
    try:
        value, end = _read_value(text, start)
    except _BadJson as bad:
        yield Problem(name, f"malformed JSON: {bad.reason}", line=bad.line)
        return
    if _SPACE.match(text, end).end() == len(text):
        yield _checked(JsonRecord(value, None, None, _line_at(text, start)), name)
    elif "\n" not in text[start:end]:
        yield from _json_lines(text, name)
    else:
        yield Problem(name, "malformed JSON: more after the first value", line=_line_at(text, end))


def _json_list(text: str, name: str, start: int) -> Iterator[JsonRecord | Problem]:
    """The records of the list opening at ``start``, one ``raw_decode`` at a time."""
    line, counted = _line_at(text, start), start
    position = _SPACE.match(text, start + 1).end()
    index = 0
    closed = text.startswith("]", position)
    while not closed:
        line += text.count("\n", counted, position)
        counted = position
        try:
            value, end = _read_value(text, position)
        except _BadJson as bad:
            message = f"malformed JSON in record {index}: {bad.reason}; the rest of the list is skipped"
            yield Problem(name, message, line=bad.line)
            return
        yield _checked(JsonRecord(value, None, index, line), name)
        position = _SPACE.match(text, end).end()
        if text.startswith(",", position):
            position = _SPACE.match(text, position + 1).end()
            index += 1
        elif text.startswith("]", position):
            closed = True
        else:
            message = f"malformed JSON: expected ',' or ']' after record {index}; the rest of the list is skipped"
            yield Problem(name, message, line=_line_at(text, position))
            return
    if _SPACE.match(text, position + 1).end() != len(text):
        yield Problem(name, "malformed JSON: more after the end of the list; skipped", line=_line_at(text, position + 1))


def _json_lines(text: str, name: str) -> Iterator[JsonRecord | Problem]:
    for number, line in enumerate(text.split("\n"), start=1):
        start = _SPACE.match(line).end()
        if start == len(line):
            continue
        try:
            value, end = _read_value(line, start)
            if _SPACE.match(line, end).end() != len(line):
                raise _BadJson(f"more after the record (column {end + 1})", 1)
        except _BadJson as bad:
            yield Problem(name, f"malformed JSON line: {bad.reason}", line=number)
            continue
        yield _checked(JsonRecord(value, number, None, number), name)


def _read_value(text: str, position: int) -> tuple[Any, int]:
    """The JSON value at ``position`` and where it ends; :class:`_BadJson` when it cannot be read."""
    try:
        return _DECODER.raw_decode(text, position)
    except json.JSONDecodeError as err:
        raise _BadJson(f"{err.msg} (column {err.colno})", err.lineno) from None
    except RecursionError:
        raise _BadJson(f"nested more than {MAX_JSON_DEPTH} levels deep", _line_at(text, position)) from None
    except ValueError:  # int() refuses a number of more digits than Python's limit
        limit = sys.get_int_max_str_digits()
        raise _BadJson(f"a number longer than {limit} digits", _line_at(text, position)) from None


def _checked(record: JsonRecord, name: str) -> JsonRecord | Problem:
    """The record, or a Problem when it nests deeper than :data:`MAX_JSON_DEPTH`."""
    if _nested_deeper_than(record.value, MAX_JSON_DEPTH):
        message = f"{where(record)} is nested more than {MAX_JSON_DEPTH} levels deep; skipped"
        return Problem(name, message, line=record.start)
    return record


def _nested_deeper_than(value: Any, limit: int) -> bool:
    """Whether ``value`` nests lists and objects more than ``limit`` levels (counted without recursion).

    >>> _nested_deeper_than({"a": [[1]]}, 2), _nested_deeper_than({"a": [[1]]}, 3)
    (True, False)
    """
    to_visit = [(value, 1)]
    while to_visit:
        item, depth = to_visit.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else None
        if children is None:
            continue
        if depth > limit:
            return True
        to_visit.extend((child, depth + 1) for child in children)
    return False


def _line_at(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1


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
    """An article a JSON record holds: its key, its text, its own source facts, its line and warnings."""

    doc: str
    text: str
    facts: dict[str, str]
    line: int
    warnings: list[Problem]


def record_articles(text: str, file: InputFile) -> Iterator[RecordArticle | Problem]:
    """The article of each record of a JSON file; a Problem for each record without one.

    A record's key is the file's key, ``#``, and the record's ``id`` (or
    ``doc``), else its URL, else its line (JSON Lines) or position (a list):
    ``feed.jsonl#a17``, ``feed.jsonl#3``; a file of one object without an
    ``id`` is keyed as the file. So a record can never take a plain file's key.
    Lone surrogates (``"\\ud800"``) in its strings become U+FFFD, with a warning.
    """
    empty = True
    for record in iter_json_records(text, file.shown):
        empty = False
        if isinstance(record, Problem):
            yield record
            continue
        if not isinstance(record.value, dict):
            yield Problem(file.shown, f"{where(record)} is not an object; skipped", line=record.start)
            continue
        body = _record_text(record.value)
        if body is None:
            message = f"{where(record)} has no text (expected one of {', '.join(RECORD_TEXT_FIELDS)}); skipped"
            yield Problem(file.shown, message, line=record.start)
            continue
        yield _record_article(record, body, file)
    if empty:
        yield Problem(file.shown, "no records in the file; nothing read", fatal=False)


def _record_article(record: JsonRecord, body: str, file: InputFile) -> RecordArticle:
    facts, replaced = replace_surrogates_in(map_fields(record.value))
    body, in_body = replace_surrogates(body)
    name, in_name = replace_surrogates(first_value(record.value, RECORD_ID_FIELDS) or facts.get("url") or "")
    position = record.line if record.line is not None else record.index
    if name:
        doc = f"{file.key}#{printable(name)}"
    else:
        doc = f"{file.key}#{position}" if position is not None else file.key
    warnings = []
    surrogates = replaced + in_body + in_name
    if surrogates:
        message = f"{where(record)}: {surrogates} lone surrogate(s) (like \\ud800) replaced with U+FFFD"
        warnings.append(Problem(file.shown, message, line=record.start, fatal=False))
    return RecordArticle(doc, body, facts, record.start, warnings)
