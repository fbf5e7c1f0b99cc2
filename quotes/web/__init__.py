"""The web app: Datasette over the quotes database, with this package as its plugin.

Datasette loads the package as a plugin (the ``datasette`` entry point
``quotes = quotes.web``, or :func:`register_plugin`), runs the hooks in
:mod:`.hooks` and finds the templates in ``templates/`` beside them. The
pages it adds, under the database's name (:mod:`.config`):

- ``/-/search``: the Whoosh search, with filters, counts and pages (:mod:`.search`);
- ``/<db>/-/quote/<id>``: a quote to cite from, in its passage (:mod:`.quote`);
- ``/<db>/-/article/<id>``: an article with every quote marked (:mod:`.article`);
- ``/<db>/-/speaker/<id>``: a speaker across articles and outlets (:mod:`.speaker`);
- ``/<db>/-/cluster/<id>``: the versions of one statement side by side (:mod:`.cluster`).

:func:`make_datasette` builds the app and :func:`serve` runs it (``quotes serve``).
"""
from .app import make_datasette, register_plugin, serve
from .hooks import (
    asgi_wrapper,
    extra_css_urls,
    extra_template_vars,
    filters_from_request,
    get_metadata,
    handle_exception,
    prepare_connection,
    prepare_jinja2_environment,
    register_facet_classes,
    register_routes,
    render_cell,
    startup,
)

# The hooks are imported here because Datasette registers this package, not .hooks.
__all__ = [
    "asgi_wrapper", "extra_css_urls", "extra_template_vars", "filters_from_request", "get_metadata",
    "handle_exception", "make_datasette", "prepare_connection", "prepare_jinja2_environment",
    "register_facet_classes", "register_plugin", "register_routes", "render_cell", "serve", "startup",
]
