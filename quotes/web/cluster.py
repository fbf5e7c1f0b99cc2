"""A statement's page, ``/<db>/-/cluster/<id>``: its versions side by side, the earliest first,
words departing from it marked, possible misquotes flagged."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from datasette.utils.asgi import Response

from .pages import fetch_all, fetch_one, quotes_db, render, url_key
from .wording import compare_wording

if TYPE_CHECKING:  # datasette.app imports the plugins, this one included
    from datasette.app import Datasette
    from datasette.database import Database

CLUSTER_SQL = """
    select clusters.*, speakers.name as speaker_name
    from clusters left join speakers on speakers.id = clusters.speaker_id
    where clusters.id = :id"""

VERSIONS_SQL = """
    select quotes.id, quotes.text, quotes.published, quotes.departure, quotes.flagged,
           quotes.speaker, quotes.speaker_mention, quotes.role, quotes.cue, quotes.stance,
           quotes.article_id, articles.title as article_title, articles.url as article_url,
           outlets.name as outlet
    from quotes
      left join articles on articles.id = quotes.article_id
      left join outlets on outlets.id = quotes.outlet_id
    where quotes.cluster_id = :id
    order by quotes.id = :first desc, quotes.published is null, quotes.published, quotes.departure, quotes.id"""


async def cluster_versions(db: Database, cluster: dict[str, Any]) -> list[dict[str, Any]]:
    """The versions of ``cluster``, the earliest first, each worded against it (see :func:`compare_wording`)."""
    versions = await fetch_all(db, VERSIONS_SQL, {"id": cluster["id"], "first": cluster["first_quote_id"]})
    reference = versions[0]["text"] if versions else cluster["text"]
    for version in versions:
        version["is_first"] = version["id"] == cluster["first_quote_id"]
        version["words"] = compare_wording(reference, version["text"])
    return versions


async def cluster_page(datasette: Datasette, request: Any) -> Response:
    """The versions of one statement side by side, the earliest first."""
    db = await quotes_db(datasette, request, "clusters")
    cluster_id = url_key(request, "cluster_id")
    cluster = await fetch_one(db, CLUSTER_SQL, {"id": cluster_id}, f"No cluster {cluster_id}")
    versions = await cluster_versions(db, cluster)
    return await render(datasette, request, "quotes-cluster.html", {"cluster": cluster, "versions": versions})
