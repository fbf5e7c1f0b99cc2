"""The quotes database as the app serves it: Datasette's database, with its answers about the
schema and its table counts kept until the database file changes.

Datasette asks them again for every page: the database page counts every
table (each count cut at a few milliseconds, so the large ones time out
anyway) and reads each table's columns, keys and full-text table, dozens of
queries; a table page asks for its columns, keys and foreign keys. They
change only when a build writes the file, so they are kept per version of
the file (its and its write-ahead log's time and size, as
:func:`.names.file_version` reads them).
"""
from __future__ import annotations

import copy
import functools
from collections.abc import Awaitable, Callable
from typing import Any

from datasette.database import Database

from .names import file_version


def _kept(method: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
    """``method`` of :class:`Database`, answered once per version of the file and arguments.

    Callers get a copy: Datasette's views may change what they are given.
    """

    @functools.wraps(method)
    async def kept(self: KeptSchemaDatabase, *args: Any, **kwargs: Any) -> Any:
        version = file_version(self.path)
        if version != self.kept_version:
            self.kept_answers, self.kept_version = {}, version
        key = (method.__name__, args, tuple(sorted(kwargs.items())))
        if key not in self.kept_answers:
            self.kept_answers[key] = await method(self, *args, **kwargs)
        return copy.deepcopy(self.kept_answers[key])

    return kept


class KeptSchemaDatabase(Database):
    """A database file whose schema answers and table counts are read once per version of the file."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.kept_answers: dict[tuple[str, tuple[Any, ...], tuple[Any, ...]], Any] = {}
        self.kept_version: Any = None

    table_counts = _kept(Database.table_counts)
    table_exists = _kept(Database.table_exists)
    table_names = _kept(Database.table_names)
    view_names = _kept(Database.view_names)
    hidden_table_names = _kept(Database.hidden_table_names)
    table_columns = _kept(Database.table_columns)
    table_column_details = _kept(Database.table_column_details)
    primary_keys = _kept(Database.primary_keys)
    fts_table = _kept(Database.fts_table)
    label_column_for_table = _kept(Database.label_column_for_table)
    foreign_keys_for_table = _kept(Database.foreign_keys_for_table)
    get_all_foreign_keys = _kept(Database.get_all_foreign_keys)
    get_table_definition = _kept(Database.get_table_definition)
    get_view_definition = _kept(Database.get_view_definition)
