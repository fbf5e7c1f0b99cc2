"""The quotes table's facets, read from the counts the store keeps instead of counted on every page.

Datasette counts a facet by grouping every row the page's filters let
through: four facets over 250,000 quotes took most of the table page's
time. The store keeps how many quotes have each combination of speaker,
outlet, stance and kind (``quote_counts``) and each value of each
(``quote_totals``), so a ``counted`` facet of one of those columns (in the
metadata: ``facets: [{counted: speaker_id}]``) sums a few count rows. A page
filtered by anything else (a search, a date, another column) is counted as
Datasette's own column facet counts it.
"""
from __future__ import annotations

from typing import Any

from datasette.database import QueryInterrupted
from datasette.facets import ColumnFacet
from datasette.utils import escape_sqlite, path_with_added_args, path_with_removed_args

from ..store import COUNTED_COLUMNS

COUNTED_TABLE = "quotes"
# Query-string arguments that change how the rows are shown, never which rows: the counts still hold.
DISPLAY_ARGUMENTS = {
    "_sort", "_sort_desc", "_next", "_size", "_labels", "_label", "_col", "_nocol", "_facet", "_facet_size",
    "_facet_date", "_facet_array", "_facet_counted", "_nofacet", "_nocount", "_nosuggest", "_trace",
    "_timelimit", "_shape", "_json", "_nl", "_ttl", "_columns",
}
TOTALS_SQL = """
select value, n as count from quote_totals where column_name = :column
order by n desc, value limit :limit"""
COMBINATIONS_SQL = """
select {column} as value, sum(n) as count from quote_counts
where {column} is not null{filters}
group by {column} order by count desc, value limit :limit"""


class CountedFacet(ColumnFacet):
    """A column facet of the quotes table that reads the store's counts when the filters are
    equalities on counted columns (or none), and counts rows as Datasette does otherwise."""

    type = "counted"

    async def facet_results(self) -> tuple[list[dict[str, Any]], list[str]]:
        configs = [(config["config"].get("column") or config["config"]["simple"], config["source"])
                   for config in self.get_configs()]
        filters = self.counted_filters()
        if (filters is None or any(column not in COUNTED_COLUMNS for column, _ in configs)
                or not await self.ds.get_database(self.database).table_exists("quote_counts")):
            return await super().facet_results()
        results, timed_out = [], []
        size = self.get_facet_size()
        for column, source in configs:
            try:
                rows = await self.counts(column, filters, size + 1)
            except QueryInterrupted:
                timed_out.append(column)
                continue
            results.append(await self.facet(column, source, rows, size))
        return results, timed_out

    def counted_filters(self) -> dict[str, str] | None:
        """The page's filters, column -> value, when the counts can answer them; ``None`` when not."""
        if self.table != COUNTED_TABLE:
            return None
        filters: dict[str, str] = {}
        for key, value in self.get_querystring_pairs():
            column = key.removesuffix("__exact")
            if key in DISPLAY_ARGUMENTS:
                continue
            if column not in COUNTED_COLUMNS or column in filters or not value:
                return None
            filters[column] = value
        return filters

    async def counts(self, column: str, filters: dict[str, str], limit: int) -> list[Any]:
        """The most frequent values of ``column`` among the quotes ``filters`` let through, with their counts."""
        if not filters:
            sql, params = TOTALS_SQL, {"column": column, "limit": limit}
        else:
            where = "".join(f" and {escape_sqlite(name)} = :{name}" for name in filters)
            sql, params = COMBINATIONS_SQL.format(column=escape_sqlite(column), filters=where), {**filters, "limit": limit}
        results = await self.ds.execute(self.database, sql, params, truncate=False,
                                        custom_time_limit=self.ds.setting("facet_time_limit_ms"))
        return results.rows

    async def facet(self, column: str, source: str, rows: list[Any], size: int) -> dict[str, Any]:
        """One facet as Datasette's column facet gives it: values with labels, counts and toggle links."""
        shown = rows[:size]
        labels = await self.ds.expand_foreign_keys(self.database, self.table, column, [row["value"] for row in shown])
        chosen = set(self.get_querystring_pairs())
        values = []
        for row in shown:
            selected = (column, str(row["value"])) in chosen
            toggle = (path_with_removed_args(self.request, {column: str(row["value"])}) if selected
                      else path_with_added_args(self.request, {column: row["value"]}))
            values.append({
                "value": row["value"],
                "label": labels.get((column, row["value"]), row["value"]),
                "count": row["count"],
                "toggle_url": self.ds.absolute_url(self.request, self.ds.urls.path(toggle)),
                "selected": selected,
            })
        return {
            "name": column,
            "type": self.type,
            "hideable": source != "metadata",
            "toggle_url": self.ds.urls.path(path_with_removed_args(self.request, {"_facet": column})),
            "results": values,
            "truncated": len(rows) > size,
        }
