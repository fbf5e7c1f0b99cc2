"""Build and run the Datasette app that publishes a quotes database with this plugin."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import DatabaseError
from .config import DEFAULT_DATABASE, DEFAULT_INDEX, PLUGIN, load_metadata, packaged_settings

if TYPE_CHECKING:  # datasette.app imports the plugins, this one included: import it lazily
    from datasette.app import Datasette


def make_datasette(
    db_path: str | Path,
    *,
    index_dir: str | Path = DEFAULT_INDEX,
    metadata_path: str | Path | None = None,
    allow_sql: bool = False,
) -> Datasette:
    """The Datasette app serving the quotes database at ``db_path``, searched through ``index_dir``.

    The database is served under the plugin setting ``database`` of the
    metadata, else under its file's name without extension (``news.db``:
    ``news``). Metadata comes from ``metadata_path`` (YAML or JSON) over the
    packaged ``quotes/metadata.yml``. Arbitrary SQL is off unless
    ``allow_sql`` (or the metadata's own ``allow_sql`` block) allows it.
    Raises :class:`DatabaseError` if there is no database file yet.
    """
    path = Path(db_path)
    if not path.is_file():
        raise DatabaseError(f"{path}: no such database; run `quotes build` first to create it")
    from datasette.app import Datasette

    from .database import KeptSchemaDatabase

    register_plugin()
    metadata = load_metadata(metadata_path) if metadata_path else {}
    config = metadata.setdefault("plugins", {}).setdefault(PLUGIN, {})
    name = config.setdefault("database", path.stem or DEFAULT_DATABASE)
    config["index_dir"] = str(Path(index_dir).resolve())
    if allow_sql:
        metadata["allow_sql"] = True
    else:
        metadata.setdefault("allow_sql", False)
    settings = {**packaged_settings(), **config.get("settings", {})}
    datasette = Datasette(metadata=metadata, settings=settings)
    if "_memory" in datasette.databases:
        datasette.remove_database("_memory")
    datasette.add_database(KeptSchemaDatabase(datasette, path=str(path)), name=name)
    return datasette


def serve(
    db_path: str | Path,
    *,
    index_dir: str | Path = DEFAULT_INDEX,
    host: str = "127.0.0.1",
    port: int = 8001,
    metadata_path: str | Path | None = None,
    allow_sql: bool = False,
) -> None:
    """Serve ``db_path`` with Datasette at http://host:port/ until interrupted (see :func:`make_datasette`)."""
    import uvicorn

    datasette = make_datasette(db_path, index_dir=index_dir, metadata_path=metadata_path, allow_sql=allow_sql)
    uvicorn.run(datasette.app(), host=host, port=port, log_level="info", lifespan="on")


def register_plugin() -> None:
    """Make sure Datasette runs this plugin's hooks, all of them.

    Installed packages register the plugin through the ``datasette`` entry
    point, but Datasette loads entry points when ``datasette.plugins`` is
    first imported, which can happen while this package is still being
    imported (``quotes serve`` imports it first): that registration saw a
    half-made module and found none of its hooks. Datasette also skips entry
    points under test runners. So whatever was registered under the plugin's
    name is replaced by the package as it is now, whole.
    """
    from datasette.plugins import pm

    package = sys.modules[__package__]
    registered = pm.get_plugin(PLUGIN)
    if registered is not None:
        pm.unregister(registered)
    pm.register(package, name=PLUGIN)
