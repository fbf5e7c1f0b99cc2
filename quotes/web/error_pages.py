"""Error pages that cost little: a client error answers with its page and nothing else.

Datasette 0.65's own handler prints every exception, a plain 404 included, as a
rich traceback with local variables (dozens of lines per miss, and slow). This
plugin takes the handler over (:func:`take_over_error_pages`): a client error
(4xx) gets the usual error page, or JSON for a ``.json`` URL, and the server's
access log line is all that is logged; anything else still goes to
Datasette's handler. Datasette also answers a few bad requests with 500 (a
sort by a column that cannot be sorted, as in ``?_sort_desc=rank``): those
are answered 400.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from datasette import handle_exception as datasette_errors
from datasette.plugins import pm
from datasette.utils.asgi import Base400, Response
from datasette.views.base import DatasetteError

if TYPE_CHECKING:  # datasette.app imports the plugins, this one included
    from datasette.app import Datasette

# Messages of errors Datasette 0.65 raises with status 500 that are the request's fault.
BAD_REQUEST_MESSAGES = ("Cannot sort table by", "Cannot use _sort and _sort_desc at the same time")


def take_over_error_pages() -> None:
    """Stop Datasette's own exception handler; :func:`error_response` hands it what is not a client error."""
    pm.set_blocked(datasette_errors.__name__)


def client_error_status(exception: BaseException) -> int | None:
    """The 4xx status ``exception`` stands for, ``None`` for a server error."""
    if isinstance(exception, Base400):
        return exception.status
    if isinstance(exception, DatasetteError):
        if 400 <= exception.status < 500:
            return exception.status
        if str(exception.message).startswith(BAD_REQUEST_MESSAGES):
            return 400
    return None


def error_response(datasette: Datasette, request: Any, exception: BaseException) -> Any:
    """The answer to an exception: for a client error the error page, else Datasette's own handling."""
    status = client_error_status(exception)
    if status is None:
        return datasette_errors.handle_exception(datasette, request, exception)
    if isinstance(exception, DatasetteError):
        message, title = str(exception.message), exception.title
    else:
        message, title = str(exception.args[0]) if exception.args else "", None

    async def page() -> Response:
        info = {"ok": False, "error": message, "status": status, "title": title}
        if request.path.endswith(".json"):
            return Response.json(info, status=status)
        html = await datasette.render_template([f"{status}.html", "error.html"], info, request=request)
        return Response.html(html, status=status)

    return page
