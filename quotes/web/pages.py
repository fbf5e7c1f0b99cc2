"""What every page of the plugin does first: find the quotes database, check access, read rows, render."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from datasette.utils import tilde_decode
from datasette.utils.asgi import NotFound, Response

from .config import quotes_database

if TYPE_CHECKING:  # datasette.app imports the plugins, this one included
    from datasette.app import Datasette
    from datasette.database import Database


async def quotes_db(datasette: Datasette, request: Any, table: str) -> Database:
    """The quotes database a page under ``/<database>/-/`` reads, once the actor may view ``table``.

    Raises ``NotFound`` when the URL names another database.
    """
    name = quotes_database(datasette)
    if "database" in request.url_vars and tilde_decode(request.url_vars["database"]) != name:
        raise NotFound(f"{tilde_decode(request.url_vars['database'])} is not the quotes database")
    if name not in datasette.databases:
        raise NotFound(f"the quotes database {name} is not served here")
    await datasette.ensure_permissions(
        request.actor, [("view-table", (name, table)), ("view-database", name), "view-instance"]
    )
    return datasette.get_database(name)


def url_key(request: Any, name: str) -> str:
    """The record key in the URL variable ``name`` (keys are tilde-encoded: an article ID ends in .txt)."""
    return tilde_decode(request.url_vars[name])


async def fetch_all(db: Database, sql: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    return [dict(row) for row in (await db.execute(sql, params)).rows]


async def fetch_one(db: Database, sql: str, params: dict[str, Any], missing: str) -> dict[str, Any]:
    """The first row of ``sql``; ``NotFound`` with ``missing`` as its message when there is none."""
    rows = await fetch_all(db, sql, params)
    if not rows:
        raise NotFound(missing)
    return rows[0]


async def render(datasette: Datasette, request: Any, template: str, context: dict[str, Any],
                 status: int = 200) -> Response:
    """A page of the quotes database rendered with ``template``."""
    context = {"database": quotes_database(datasette), **context}
    html = await datasette.render_template(template, context, request=request)
    return Response.html(html, status=status)
