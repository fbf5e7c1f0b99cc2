"""A speaker's page, ``/<db>/-/speaker/<id>``: names, roles over time, quotes by date,
outlets, statement clusters and why names were merged."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from datasette.utils.asgi import Response

from .pages import fetch_all, fetch_one, quotes_db, render, url_key

if TYPE_CHECKING:  # datasette.app imports the plugins, this one included
    from datasette.app import Datasette

SHOWN = 200  # quotes or clusters listed on the page; the tables have the rest

SPEAKER_SQL = """
    select speakers.*,
           (select count(*) from quotes where speaker_id = speakers.id) as quote_count,
           (select count(*) from clusters where speaker_id = speakers.id) as cluster_count
    from speakers where id = :id"""

SECTIONS = {
    "names": """
        select name, n_quotes from speaker_names
        where speaker_id = :id order by n_quotes desc, name""",
    "roles": """
        select speaker_roles.role, count(*) as n_quotes,
               min(speaker_roles.published) as first_seen, max(speaker_roles.published) as last_seen,
               group_concat(distinct outlets.name) as outlets
        from speaker_roles left join outlets on outlets.id = speaker_roles.outlet_id
        where speaker_roles.speaker_id = :id
        group by speaker_roles.role
        order by first_seen is null, first_seen, n_quotes desc, speaker_roles.role""",
    "quotes": """
        select quotes.id, quotes.text, quotes.published, quotes.kind, quotes.stance, quotes.cue,
               quotes.speaker_mention, quotes.role, quotes.cluster_id, quotes.flagged,
               quotes.article_id, articles.title as article_title, outlets.name as outlet
        from quotes
          left join articles on articles.id = quotes.article_id
          left join outlets on outlets.id = quotes.outlet_id
        where quotes.speaker_id = :id
        order by quotes.published is null, quotes.published, quotes.article_id, quotes.start
        limit :shown""",
    # Counted from the store's quote_counts and dated by two index seeks per outlet, not by
    # grouping every quote of the speaker (17,000 for the most quoted at 250,000 quotes).
    "outlets": """
        select per_outlet.outlet_id as id, outlets.name, per_outlet.n_quotes,
               (select min(published) from quotes
                where speaker_id = :id and outlet_id is per_outlet.outlet_id) as first_quoted,
               (select max(published) from quotes
                where speaker_id = :id and outlet_id is per_outlet.outlet_id) as last_quoted
        from (select outlet_id, sum(n) as n_quotes from quote_counts
              where speaker_id = :id group by outlet_id) as per_outlet
          left join outlets on outlets.id = per_outlet.outlet_id
        order by per_outlet.outlet_id is null, per_outlet.n_quotes desc, outlets.name""",
    "clusters": """
        select id, text, n_quotes, n_outlets, first_published from clusters
        where speaker_id = :id order by first_published is null, first_published, n_outlets desc, id
        limit :shown""",
    "merges": """
        select name, reason, confidence from speaker_merges
        where speaker_id = :id order by confidence desc, name""",
}


async def speaker_page(datasette: Datasette, request: Any) -> Response:
    """Everything known about one speaker, across articles and outlets."""
    db = await quotes_db(datasette, request, "speakers")
    speaker_id = url_key(request, "speaker_id")
    speaker = await fetch_one(db, SPEAKER_SQL, {"id": speaker_id}, f"No speaker {speaker_id}")
    context: dict[str, Any] = {"speaker": speaker, "shown": SHOWN}
    for section, sql in SECTIONS.items():
        context[section] = await fetch_all(db, sql, {"id": speaker_id, "shown": SHOWN})
    return await render(datasette, request, "quotes-speaker.html", context)
