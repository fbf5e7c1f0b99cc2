"""The plugin's templates for Datasette's own pages of the quotes database.

Datasette looks for a page's custom template by the database's name
(``table-news-quotes.html`` for the quotes table of ``news``). The name is
configuration (:mod:`.config`), so the files here are named by what they show
(``quotes-table-quotes.html``) and :class:`DatabasePageTemplates` answers
Datasette's names for the quotes database with them.
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from datasette.utils import to_css_class
from jinja2 import BaseLoader, Environment, FileSystemLoader, TemplateNotFound
from markupsafe import Markup, escape

from .config import quotes_database

if TYPE_CHECKING:  # datasette.app imports the plugins, this one included
    from datasette.app import Datasette

TEMPLATES = Path(__file__).resolve().parent / "templates"


def compile_templates(env: Environment) -> None:
    """Compile every page template the app's loaders can list, so that no page waits for its compiling."""
    for loader in env.loader.loaders:
        try:
            names = loader.list_templates()
        except TypeError:  # a loader that answers names only, as DatabasePageTemplates does
            continue
        for name in names:
            if name.endswith(".html"):
                env.get_template(name)


class DatabasePageTemplates(BaseLoader):
    """Datasette's template names for the quotes database's pages, answered with this plugin's files:

    - ``database-<db>.html``: ``quotes-database.html``;
    - ``table-<db>-<table>.html``: ``quotes-table-<table>.html``, else ``quotes-table.html``;
    - ``_table-<db>-<table>.html`` (the rows): ``quotes-rows.html``, which shows the columns the
      table's metadata lists as ``reading_columns``;
    - ``query-<db>-<query>.html`` (a canned query): ``quotes-query.html``.
    """

    def __init__(self, datasette: Datasette):
        self.datasette = datasette
        self.files = FileSystemLoader(str(TEMPLATES))

    def get_source(self, environment: Any, template: str) -> tuple[str, str | None, Callable[[], bool] | None]:
        ours = self.template_for(template)
        if ours is None:
            raise TemplateNotFound(template)
        return self.files.get_source(environment, ours)

    def template_for(self, template: str) -> str | None:
        """This plugin's file for Datasette's template name, ``None`` when it has none."""
        database = to_css_class(quotes_database(self.datasette))
        if template == f"database-{database}.html":
            return "quotes-database.html"
        if template.startswith(f"_table-{database}-") and template.endswith(".html"):
            return "quotes-rows.html"
        if template.startswith(f"query-{database}-") and template.endswith(".html"):
            return "quotes-query.html"
        prefix = f"table-{database}-"
        if template.startswith(prefix) and template.endswith(".html"):
            own = f"quotes-table-{template[len(prefix):-len('.html')]}.html"
            return own if (TEMPLATES / own).is_file() else "quotes-table.html"
        return None


def reading_rows(rows: Iterable[Any], columns: list[str]) -> Markup:
    """The body rows of a reading view: each of Datasette's display rows with its cells for ``columns``,
    in that order, as Datasette's ``_table.html`` writes a cell.

    Written in Python: Jinja's loop over the 600 cells of 100 rows was a quarter of a table page's time.
    Each cell's opening tag depends on its column and type alone, so it is written once.
    """
    opening_tags: dict[tuple[str, str], str] = {}
    lines = []
    for row in rows:
        by_column = {cell["column"]: cell for cell in row}
        cells = []
        for column in columns:
            cell = by_column[column]
            kind = (column, cell["value_type"])
            if kind not in opening_tags:
                opening_tags[kind] = f'<td class="col-{escape(to_css_class(column))} type-{escape(kind[1])}">'
            cells.append(f'{opening_tags[kind]}{escape(cell["value"])}</td>')
        lines.append(f'<tr>{"".join(cells)}</tr>')
    return Markup("\n".join(lines))
