"""Which database the plugin serves, and where its search index is.

The database is served under a name that comes from configuration: the
plugin setting ``database`` in the metadata (``plugins: {quotes: {database:
news}}``), else the one database Datasette serves (Datasette names it after
its file, so ``datasette news.db`` serves ``news``), else ``quotes``. Every
URL is built from that name (:mod:`.urls`), so a database file called
anything works.
"""
from __future__ import annotations

import functools
import json
import weakref
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from datasette.utils import parse_metadata

if TYPE_CHECKING:  # datasette.app imports the plugins, this one included
    from datasette.app import Datasette

PLUGIN = "quotes"  # the plugin's name in the metadata's ``plugins`` section
DEFAULT_DATABASE = "quotes"
DEFAULT_INDEX = "index"
# What Datasette reads of a table's metadata when it asks for the "tables" key: who may view it, and
# its facets' size (datasette.app's _table_permission_allows, datasette.facets).
TABLE_SETTINGS = ("allow", "facet_size")
# The metadata shipped with the package; its database section is written for a database called "quotes".
METADATA = Path(__file__).resolve().parent.parent / "metadata.yml"


def plugin_setting(datasette: Datasette, name: str) -> Any:
    """One setting of this plugin from the metadata, ``None`` when not set."""
    return (datasette.plugin_config(PLUGIN) or {}).get(name)


# Each app's answers that hold while it serves the same databases (its metadata is fixed when it starts),
# with the databases it served then.
_kept: weakref.WeakKeyDictionary[Datasette, tuple[tuple[str, ...], dict[Any, Any]]] = weakref.WeakKeyDictionary()


def _kept_for_app(datasette: Datasette, key: Any, compute: Callable[[], Any]) -> Any:
    """``compute()``, kept for ``datasette`` under ``key`` until the databases it serves change."""
    databases = tuple(datasette.databases)
    known = _kept.get(datasette)
    if known is None or known[0] != databases:
        known = _kept[datasette] = (databases, {})
    if key not in known[1]:
        known[1][key] = compute()
    return known[1][key]


def quotes_database(datasette: Datasette) -> str:
    """The name the quotes database is served under (see the module's docstring).

    Every cell of every page asks, and reading the plugin's settings walks all
    the metadata, so the answer is kept for each app.
    """
    return _kept_for_app(datasette, "name", lambda: _served_name(datasette))


def quotes_database_url(datasette: Datasette) -> str:
    """The path of the quotes database's page, which every link to a record's page starts with."""
    return _kept_for_app(datasette, "url", lambda: datasette.urls.database(quotes_database(datasette)))


def reading_columns(datasette: Datasette, table: str) -> tuple[str, ...]:
    """The columns a table page of the quotes database shows (its metadata's ``reading_columns``), or none."""
    return _kept_for_app(datasette, ("reading_columns", table), lambda: tuple(
        datasette.table_metadata(quotes_database(datasette), table).get("reading_columns") or ()))


def _served_name(datasette: Datasette) -> str:
    configured = plugin_setting(datasette, "database")
    if configured:
        return configured
    served = [name for name, db in datasette.databases.items() if not db.is_memory]
    return served[0] if len(served) == 1 else DEFAULT_DATABASE


def index_dir(datasette: Datasette) -> Path:
    """The Whoosh index the search page reads: the plugin setting ``index_dir``, else ``index``."""
    return Path(plugin_setting(datasette, "index_dir") or DEFAULT_INDEX)


def load_metadata(path: str | Path) -> dict[str, Any]:
    """Datasette metadata read from a YAML or JSON file."""
    return parse_metadata(Path(path).read_text(encoding="utf-8"))


@functools.cache
def _packaged_metadata_json() -> str:
    return json.dumps(load_metadata(METADATA))


def packaged_settings() -> dict[str, Any]:
    """The Datasette settings the packaged metadata asks for (``plugins: {quotes: {settings: …}}``)."""
    return json.loads(_packaged_metadata_json()).get("plugins", {}).get(PLUGIN, {}).get("settings", {})


def database_metadata(served_as: str, key: str | None) -> dict[str, Any]:
    """The packaged metadata, its database section for the database served as ``served_as``.

    Asked for one ``key`` (``source``, ``allow``, ``queries``; not ``databases``), only where Datasette
    looks it up: the top level, the database's section and its tables' sections. Datasette asks about
    30 times a page, most of them for one key, and a copy of all of it (18 kB of JSON) each time was
    2 to 3 ms of every page. A fresh copy every time: Datasette merges other metadata into what it is given.
    """
    return json.loads(_database_metadata_json(served_as, key))


@functools.cache
def _database_metadata_json(served_as: str, key: str | None) -> str:
    metadata = json.loads(_packaged_metadata_json())
    metadata.pop("plugins", None)
    database = metadata.pop("databases", {}).get(DEFAULT_DATABASE, {})
    if key not in (None, "databases"):
        metadata = _holding(metadata, key)
        tables = {name: _holding(table, key) for name, table in database.get("tables", {}).items() if key in table}
        database = {**_holding(database, key), **({"tables": tables} if tables else {})}
    metadata["databases"] = {served_as: database}
    return json.dumps(metadata)


def _holding(section: dict[str, Any], key: str) -> dict[str, Any]:
    """``section``'s ``key`` alone, or nothing."""
    return {key: section[key]} if key in section else {}


def table_settings_metadata(served_as: str) -> dict[str, Any]:
    """What Datasette 0.65 reads from the metadata it asks for as ``tables``: each table's
    :data:`TABLE_SETTINGS`, in the database section for ``served_as``.

    Datasette asks it for every table whose visibility a page checks (the
    home page, dozens) and deep-copies all it is given each time: the
    packaged metadata whole was most of those pages' time.
    """
    return {"databases": {served_as: {"tables": json.loads(_table_settings_json())}}}


@functools.cache
def _table_settings_json() -> str:
    tables = json.loads(_packaged_metadata_json()).get("databases", {}).get(DEFAULT_DATABASE, {}).get("tables", {})
    settings = {name: {key: table[key] for key in TABLE_SETTINGS if key in table} for name, table in tables.items()}
    return json.dumps({name: kept for name, kept in settings.items() if kept})
