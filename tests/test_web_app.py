"""The web app as a whole: the database's name from configuration, the shipped metadata,
the plugin's registration, and the safe defaults (no arbitrary SQL, no server paths,
cheap client errors, row pages sent to the plugin's pages)."""
from __future__ import annotations

import asyncio
import shutil
import sqlite3
from pathlib import Path

import pytest
import yaml

from datasette.plugins import get_plugins

from quotes.errors import DatabaseError
from quotes.store import Store
from quotes.web import make_datasette, register_plugin, serve
from quotes.web.config import METADATA
from quotes.web.names import _names as speaker_names_read
from quotes.web.templates import TEMPLATES

ROOT = Path(__file__).resolve().parent.parent
KIRBY_DOC = "000_63344148f6407275.txt"
MOVING_PIECES = "a lot of moving pieces"
HOOKS = {
    "asgi_wrapper", "extra_css_urls", "extra_template_vars", "filters_from_request", "get_metadata",
    "handle_exception", "prepare_connection", "prepare_jinja2_environment", "register_routes", "render_cell",
    "startup",
}


@pytest.fixture(scope="module")
def news(seeds_site, tmp_path_factory):
    """The seeds database as a file called news.db."""
    path = tmp_path_factory.mktemp("news") / "news.db"
    shutil.copy(seeds_site.db, path)
    return make_datasette(path, index_dir=seeds_site.index)


def test_database_is_served_under_its_file_name(news, get, get_json):
    assert [db["name"] for db in get_json(news, "/-/databases.json")] == ["news"]
    for path in ("/news/quotes", "/news/-/speaker/john-kirby", "/news/-/cluster/c-defend-gaza",
                 "/-/search?q=war", "/news/most_quoted_speakers"):
        assert get(news, path).status_code == 200, path
    assert get(news, "/quotes/quotes").status_code == 404


def test_packaged_metadata_applies_under_any_name(news, get, get_json):
    metadata = get_json(news, "/-/metadata.json")
    assert metadata["databases"]["news"]["tables"]["quotes"]["sort_desc"] == "published"
    assert "quotes_by_speaker" in metadata["databases"]["news"]["queries"]
    html = get(news, "/news/quotes").text
    assert 'class="rows-and-columns q-reading"' in html and 'href="/news/-/speaker/john-kirby"' in html


def test_plain_datasette_serves_a_quotes_database_named_anything(news, seeds_site, get, get_json):
    """As `datasette news.db` (or `datasette publish`) runs it: the plugin installed, no make_datasette."""
    from datasette.app import Datasette

    register_plugin()
    path = Path(news.get_database("news").path)
    datasette = Datasette(files=[str(path)], metadata={"plugins": {"quotes": {"index_dir": str(seeds_site.index)}}})
    assert [db["name"] for db in get_json(datasette, "/-/databases.json")] == ["news"]
    assert "q-reading" in get(datasette, "/news/quotes").text
    assert get_json(datasette, "/-/search.json?q=war")["total"] > 0
    assert get(datasette, "/news/-/speaker/john-kirby").status_code == 200
    assert get(datasette, "/news?sql=select+1").status_code == 403
    assert get_json(datasette, "/news/articles.json?_shape=array")[0]["path"] is None


def test_configured_name_wins_over_the_file_name(seeds_site, tmp_path, get):
    metadata = tmp_path / "metadata.yml"
    metadata.write_text("plugins:\n  quotes:\n    database: newsroom\n", encoding="utf-8")
    datasette = make_datasette(seeds_site.db, index_dir=seeds_site.index, metadata_path=metadata)
    assert get(datasette, "/newsroom/-/speaker/john-kirby").status_code == 200
    assert '<a href="/newsroom/-/quote/' in get(datasette, "/-/search?q=war").text


def test_missing_database_says_to_build_first(tmp_path):
    with pytest.raises(DatabaseError, match=r"nothing\.db.*run `quotes build` first"):
        make_datasette(tmp_path / "nothing.db")
    with pytest.raises(DatabaseError):
        serve(tmp_path / "nothing.db")


def test_given_metadata_file_overrides_the_packaged_one(seeds_site, tmp_path, get):
    metadata = tmp_path / "metadata.json"
    metadata.write_text('{"title": "Newsroom quotes"}', encoding="utf-8")
    datasette = make_datasette(seeds_site.db, metadata_path=metadata)
    assert "<h1>Newsroom quotes</h1>" in get(datasette, "/").text
    assert "facet-quotes-quotes-speaker_id" in get(datasette, "/quotes/quotes").text  # the packaged tables stay


def test_every_packaged_metadata_key_is_found_where_the_file_puts_it(site):
    """Datasette asks the plugin's metadata for one key at a time, and is given only the places that key can
    be (the top level, the database's section, its tables' sections): every key is still found as the
    packaged file gives it, at every level, and the whole database section when asked for "databases"."""
    packaged = yaml.safe_load(METADATA.read_text(encoding="utf-8"))
    database = packaged["databases"]["quotes"]
    for key, value in packaged.items():
        if key not in ("databases", "plugins", "allow_sql"):  # make_datasette sets allow_sql itself
            assert site.metadata(key) == value, key
            in_quotes_table = database["tables"]["quotes"].get(key, database.get(key, value))
            assert site.metadata(key, database="quotes", table="quotes") == in_quotes_table, key
    for key, value in database.items():
        if key != "tables":  # asked for as "tables", the plugin gives only the tables' permissions
            assert site.metadata(key, database="quotes") == value, key
    for table, settings in database["tables"].items():
        for key, value in settings.items():
            assert site.metadata(key, database="quotes", table=table, fallback=False) == value, (table, key)
    assert site.metadata("databases")["quotes"] == database
    assert site.table_metadata("quotes", "quotes") == database["tables"]["quotes"]


def test_packaged_settings_apply(site):
    assert site.setting("max_returned_rows") == 500 and site.setting("sql_time_limit_ms") == 1000


def test_arbitrary_sql_is_off_unless_allowed(seeds_site, site, get):
    assert get(site, "/quotes?sql=select+1").status_code == 403
    assert get(site, "/quotes/speakers.json?_shape=array&_where=1").status_code == 403
    open_site = make_datasette(seeds_site.db, index_dir=seeds_site.index, allow_sql=True)
    assert get(open_site, "/quotes.json?sql=select+1&_shape=array").json() == [{"1": 1}]


def test_article_paths_are_never_published(seeds_site, site, get_json):
    with Store(seeds_site.db, readonly=True) as store:
        assert all(row["path"] for row in store.db.query("select path from articles"))
    rows = get_json(site, "/quotes/articles.json?_shape=array")
    assert rows and {row["path"] for row in rows} == {None}
    row = get_json(site, "/quotes/articles/000_63344148f6407275~2Etxt.json?_shape=array")
    assert row[0]["path"] is None and row[0]["title"]


def test_build_bookkeeping_is_not_published(site, get):
    assert get(site, "/quotes/staged_extractions").status_code == 403
    assert get(site, "/quotes/index_journal.json").status_code == 403
    for table in ("name_keys", "name_roles", "resolution_state"):
        assert get(site, f"/quotes/{table}.json").status_code == 403
    assert "staged_extractions" not in get(site, "/quotes").text
    assert "name_keys" not in get(site, "/quotes").text


def test_every_table_the_metadata_hides_is_hidden_and_no_other(site, get):
    """Datasette asks the plugin for the tables' permissions alone (key "tables"): what it is given
    hides exactly the tables the packaged metadata says to."""
    tables = yaml.safe_load(METADATA.read_text(encoding="utf-8"))["databases"]["quotes"]["tables"]
    hidden = {name for name, table in tables.items() if table.get("allow") is False}
    database_page = get(site, "/quotes").text
    for name in tables:
        response = get(site, f"/quotes/{name}.json?_size=1")
        assert response.status_code == (403 if name in hidden else 200), name
        if name in hidden:
            assert f'href="/quotes/{name}"' not in database_page, name


def test_a_missing_page_is_a_plain_404_without_traceback(site, get, capsys):
    for path in ("/nothing/here", "/quotes/no_such_table", "/quotes/quotes/q-000000000000.json",
                 "/quotes/-/speaker/nobody", "/quotes/-/quote/q-000000000000", "/quotes/-/article/nothing~2Etxt"):
        response = get(site, path)
        assert response.status_code == 404, path
    assert get(site, "/quotes/-/cluster/c-nothing.json").status_code == 404
    assert get(site, "/nothing.json").json()["ok"] is False
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err and "locals" not in captured.out + captured.err


def test_sorting_by_rank_is_a_bad_request_not_a_server_error(site, get):
    response = get(site, "/quotes/quotes?_sort_desc=rank")
    assert response.status_code == 400 and "Cannot sort table by rank" in response.text


@pytest.mark.parametrize("table, page, key", [
    ("quotes", "quote", None),
    ("articles", "article", "000_63344148f6407275~2Etxt"),
    ("speakers", "speaker", "john-kirby"),
    ("clusters", "cluster", "c-defend-gaza"),
])
def test_row_pages_lead_to_the_record_pages(site, get, quote_id, table, page, key):
    key = key or quote_id(KIRBY_DOC, MOVING_PIECES)
    response = get(site, f"/quotes/{table}/{key}")
    assert response.status_code == 302 and response.headers["location"] == f"/quotes/-/{page}/{key}"
    assert get(site, f"/quotes/{table}/{key}.json").status_code == 200


def test_plugin_hooks_are_registered_and_templates_found(site, get_json):
    """Datasette finds the templates in the plugin package itself, as for any plugin."""
    plugins = get_json(site, "/-/plugins.json")
    (quotes_plugin,) = [p for p in plugins if p["name"] == "quotes.web"]
    assert HOOKS <= set(quotes_plugin["hooks"])
    (found,) = [p for p in get_plugins() if p["name"] == "quotes.web"]
    assert Path(found["templates_path"]) == TEMPLATES


def test_stylesheet_is_served_and_linked(site, get):
    response = get(site, "/-/quotes.css")
    assert response.status_code == 200 and "mark.quote" in response.text
    assert '<link rel="stylesheet" href="/-/quotes.css">' in get(site, "/quotes/quotes").text


def test_metadata_describes_every_table_of_the_schema(seeds_site):
    tables = yaml.safe_load(METADATA.read_text(encoding="utf-8"))["databases"]["quotes"]["tables"]
    with Store(seeds_site.db, readonly=True) as store:
        stored = set(store.db.table_names()) | set(store.db.view_names())
        stored = {name for name in stored if not name.startswith("quotes_fts")}
        columns = {name: {c.name for c in store.db[name].columns} for name in stored}
    assert set(tables) == stored
    for name, table in tables.items():
        assert table["description"], name
        assert set(table["columns"]) == columns[name], name
        assert set(table.get("reading_columns", {})) <= columns[name], name


def test_top_level_metadata_is_the_packaged_file():
    top = ROOT / "metadata.yml"
    assert top.is_symlink() and top.resolve() == METADATA


def test_the_app_reads_what_its_pages_need_before_it_answers(seeds_site, tmp_path):
    """Starting, not the first requests, reads the speakers' names and compiles the templates: left to
    background threads, that work slowed the first pages threefold at 250,000 quotes."""
    path = tmp_path / "news.db"
    shutil.copy(seeds_site.db, path)
    datasette = make_datasette(path, index_dir=seeds_site.index)
    assert str(path) not in speaker_names_read
    asyncio.run(datasette.invoke_startup())
    assert str(path) in speaker_names_read
    compiled = {name for _, name in datasette.jinja_env.cache.keys()}
    assert {"index.html", "quotes-search.html", "quotes-speaker.html", "default:table.html"} <= compiled


def test_the_app_starts_on_a_database_that_has_no_speakers_yet(tmp_path, get):
    """What starting reads ahead is only a head start: a file without the quotes tables is still served."""
    path = tmp_path / "notes.db"
    sqlite3.connect(path).execute("CREATE TABLE notes (text TEXT)").connection.commit()
    datasette = make_datasette(path, index_dir=tmp_path / "no-index")
    asyncio.run(datasette.invoke_startup())
    assert get(datasette, "/").status_code == 200
    assert get(datasette, "/notes/notes").status_code == 200
