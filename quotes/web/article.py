"""An article's page, ``/<db>/-/article/<id>``: its source, and its full text with every
quote marked and linked to the quote's page, each speaker mention and cue marked."""
from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from datasette.utils.asgi import Response

from ..model import sha256_text
from .pages import fetch_all, fetch_one, quotes_db, render, url_key
from .spans import Span, mark_spans, quote_spans

if TYPE_CHECKING:  # datasette.app imports the plugins, this one included
    from datasette.app import Datasette

ARTICLE_SQL = """
    select articles.id, articles.title, articles.published, articles.author, articles.url,
           articles.sha256, articles.text, articles.excluded, articles.outlet_id, outlets.name as outlet
    from articles left join outlets on outlets.id = articles.outlet_id
    where articles.id = :id"""

QUOTES_SQL = """
    select quotes.id, quotes.text, quotes.start, quotes.end, quotes.speaker_start, quotes.speaker_end,
           quotes.cue_start, quotes.cue_end, quotes.speaker, quotes.speaker_id, quotes.speaker_mention,
           speakers.name as speaker_name, quotes.role, quotes.cue, quotes.stance, quotes.kind,
           quotes.cluster_id, quotes.flagged
    from quotes left join speakers on speakers.id = quotes.speaker_id
    where quotes.article_id = :id
    order by quotes.start"""


async def article_page(datasette: Datasette, request: Any) -> Response:
    """The article as stored, every quote marked where it stands."""
    db = await quotes_db(datasette, request, "articles")
    article_id = url_key(request, "article_id")
    article = await fetch_one(db, ARTICLE_SQL, {"id": article_id}, f"No article {article_id}")
    quotes = await fetch_all(db, QUOTES_SQL, {"id": article_id})
    text = article["text"] or ""
    spans = [span for quote in quotes for span in quote_spans(quote)]
    spans += [Span(start, end, "excluded") for start, end in json.loads(article["excluded"] or "[]")]
    context = {
        "article": article,
        "quotes": quotes,
        "pieces": mark_spans(text, spans),
        "text_verified": sha256_text(text) == article["sha256"],
    }
    return await render(datasette, request, "quotes-article.html", context)
