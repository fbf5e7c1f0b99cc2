"""``quotes_speakers_named(query)``, the SQL function behind "quotes of one speaker" and the
speakers table's ``?_name=``: the IDs of the speakers one of whose names the query finds,
under any spelling or transliteration, as the search page's speaker filter finds them.

Matching each name in SQL would call Python once per name (tens of thousands
on a large database, for every page); instead the names are read once per
version of the database file into a
:class:`~quotes.speaker_filter.SpeakerNames`, and the function is called once
per query.
"""
from __future__ import annotations

import asyncio
import json
import os
import sqlite3
import threading
from typing import Any

from ..speaker_filter import SpeakerNames

NAMES_SQL = "select id, name from speakers union all select speaker_id, name from speaker_names"

_names: dict[str, tuple[Any, SpeakerNames]] = {}  # database path -> (its version, its names)
_reading = threading.Lock()


def speakers_named(db_path: str, query: str | None) -> str:
    """The IDs of the speakers ``query`` finds, as a JSON list (for SQLite's ``json_each``)."""
    if not query or not query.strip():
        return "[]"
    return json.dumps(sorted(speaker_names(db_path).matching(query)))


def speaker_names(db_path: str) -> SpeakerNames:
    """The speakers' names of the database at ``db_path``, read again whenever the file changed."""
    with _reading:
        version = file_version(db_path)
        known = _names.get(db_path)
        if known is None or known[0] != version:
            connection = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
            try:
                known = _names[db_path] = (version, SpeakerNames(connection.execute(NAMES_SQL)))
            finally:
                connection.close()
        return known[1]


async def read_speaker_names(db_path: str) -> None:
    """Read the names as the app starts, not inside the first query that asks (a second at 250,000 quotes,
    counted against that query's SQL time limit)."""
    try:
        await asyncio.to_thread(speaker_names, db_path)
    except sqlite3.Error:
        pass  # only a head start: a database without speakers yet says so where a page asks for them


def file_version(db_path: str) -> tuple[tuple[int, int] | None, ...]:
    """What every commit changes: the time and size of the database file and of its write-ahead log."""
    return tuple(_stat(path) for path in (db_path, f"{db_path}-wal"))


def _stat(path: str) -> tuple[int, int] | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size
