"""The real Datasette app over a real database of the seeds, through Datasette's test client."""
from __future__ import annotations

import asyncio
import re
import shutil
from pathlib import Path

import pytest
import yaml
from seed_records import fill_store, gold_speakers, seed_clusters

from quotes import publish
from quotes.model import make_quote_id
from quotes.errors import DatabaseError
from quotes.publish import make_datasette
from quotes.store import Store

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_TABLES = {
    "outlets", "articles", "speakers", "speaker_names", "speaker_merges", "clusters", "quotes",
    "speaker_roles",
}
KIRBY_DOC = "000_63344148f6407275.txt"
MOVING_PIECES = "a lot of moving pieces"


@pytest.fixture(scope="module")
def db_path(tmp_path_factory, seeds_dir, seeds_gold) -> Path:
    """Every seed with its gold quotes, gold speakers and two hand-made clusters, saved by the Store."""
    path = tmp_path_factory.mktemp("publish") / "quotes.db"
    with Store(path) as store:
        fill_store(store, seeds_dir, seeds_gold)
        store.save_speakers(gold_speakers(seeds_gold), store.quotes())
        store.save_clusters(seed_clusters(store))
    return path


@pytest.fixture(scope="module")
def datasette(db_path):
    return make_datasette(db_path)


def get(datasette, path: str):
    return asyncio.run(datasette.client.get(path))


def get_json(datasette, path: str):
    response = get(datasette, path)
    assert response.status_code == 200, response.text
    return response.json()


def quote_id_of(seeds_dir: Path, seeds_gold, doc: str, text: str) -> str:
    """The stable ID of the gold quote of ``doc`` reading ``text``."""
    (gold,) = [q for q in seeds_gold[doc] if q["text"] == text]
    return make_quote_id(doc, gold["text"])


def gold_count(seeds_gold, speaker_name: str) -> int:
    return sum(q["speaker_name"] == speaker_name for quotes in seeds_gold.values() for q in quotes)


def test_quotes_table_page_shows_facets_and_search_box(datasette):
    response = get(datasette, "/quotes/quotes")
    assert response.status_code == 200
    for column in ("speaker_id", "outlet_id", "stance", "kind"):
        assert f"facet-quotes-quotes-{column}" in response.text
    assert 'name="_search"' in response.text
    assert '<a href="/quotes/-/speaker/john-kirby">John Kirby</a>' in response.text


def test_search_finds_the_quote(datasette, seeds_dir, seeds_gold):
    rows = get_json(datasette, "/quotes/quotes.json?_search=moving+pieces&_shape=array")
    assert [row["id"] for row in rows] == [quote_id_of(seeds_dir, seeds_gold, KIRBY_DOC, MOVING_PIECES)]
    page = get(datasette, "/quotes/quotes?_search=moving+pieces")
    assert MOVING_PIECES in page.text
    assert "passive defence" not in page.text


def test_search_covers_speaker_and_hyphenated_names(datasette, seeds_gold):
    rows = get_json(datasette, "/quotes/quotes.json?_search=al-Hamidawi&_shape=array&_size=max")
    assert len(rows) == gold_count(seeds_gold, "Abu Hussein al-Hamidawi")


def test_quote_row_page_shows_the_quote_in_its_article(datasette, seeds_dir, seeds_gold):
    quote_id = quote_id_of(seeds_dir, seeds_gold, KIRBY_DOC, MOVING_PIECES)
    response = get(datasette, f"/quotes/quotes/{quote_id}")
    assert response.status_code == 200
    assert f'<mark class="quote">{MOVING_PIECES}</mark>' in response.text
    assert '<mark class="speaker">Kirby</mark>' in response.text
    assert '<mark class="cue">said</mark>' in response.text
    assert 'href="/quotes/-/speaker/john-kirby"' in response.text


def test_quote_row_page_links_to_its_cluster(datasette, seeds_dir, seeds_gold):
    quote_id = quote_id_of(seeds_dir, seeds_gold, KIRBY_DOC, "We will continue to defend our people in Gaza in other ways,")
    response = get(datasette, f"/quotes/quotes/{quote_id}")
    assert 'href="/quotes/-/cluster/c-defend-gaza"' in response.text


def canned_query_names() -> list[str]:
    metadata = yaml.safe_load(publish.METADATA.read_text(encoding="utf-8"))
    return list(metadata["databases"]["quotes"]["queries"])


@pytest.mark.parametrize("name", canned_query_names())
def test_every_canned_query_runs(datasette, name):
    response = get(datasette, f"/quotes/{name}?speaker=Kirby")
    assert response.status_code == 200
    assert get_json(datasette, f"/quotes/{name}.json?speaker=Kirby&_shape=array")


@pytest.mark.parametrize("name", ["Kirby", "john kirby", "John Kirby", "irb"])
def test_quotes_by_speaker_matches_any_name_used(datasette, seeds_gold, name):
    rows = get_json(datasette, f"/quotes/quotes_by_speaker.json?speaker={name}&_shape=array")
    assert {row["speaker"] for row in rows} == {"John Kirby"}
    assert len(rows) == gold_count(seeds_gold, "John Kirby")
    assert [row["published"] for row in rows] == sorted(row["published"] for row in rows)


def test_quotes_by_speaker_finds_a_spelling_variant(datasette):
    rows = get_json(datasette, "/quotes/quotes_by_speaker.json?speaker=Kata'ib+Hezbollah&_shape=array")
    assert rows and {row["speaker"] for row in rows} == {"Kataib Hizbollah"}


def test_quotes_by_speaker_needs_a_name(datasette):
    assert get_json(datasette, "/quotes/quotes_by_speaker.json?speaker=&_shape=array") == []


def test_most_quoted_speakers(datasette, seeds_gold):
    rows = get_json(datasette, "/quotes/most_quoted_speakers.json?_shape=array")
    counts = {row["speaker"]: row["n_quotes"] for row in rows}
    assert counts["John Kirby"] == gold_count(seeds_gold, "John Kirby")
    assert rows[0]["n_quotes"] == max(counts.values())


def test_quotes_per_outlet_and_by_stance(datasette, seeds_gold):
    total = sum(len(quotes) for quotes in seeds_gold.values())
    per_outlet = get_json(datasette, "/quotes/quotes_per_outlet.json?_shape=array")
    assert len(per_outlet) == len(seeds_gold)
    assert sum(row["n_quotes"] for row in per_outlet) == total
    by_stance = get_json(datasette, "/quotes/stance_by_outlet.json?_shape=array")
    for row in by_stance:
        assert row["neutral"] + row["endorsing"] + row["distancing"] == row["n_quotes"]
    distancing = sum(q["stance"] == "distancing" for quotes in seeds_gold.values() for q in quotes)
    assert sum(row["distancing"] for row in by_stance) == distancing


def test_shared_statements_and_possible_misquotes(datasette, db_path):
    shared = get_json(datasette, "/quotes/shared_statements.json?_shape=array")
    assert {row["cluster_id"] for row in shared} == {"c-not-seeking-war", "c-defend-gaza"}
    misquotes = get_json(datasette, "/quotes/possible_misquotes.json?_shape=array")
    with Store(db_path) as store:
        flagged = [row["id"] for row in store.db.query("select id from quotes where flagged = 1")]
    assert flagged and [row["quote_id"] for row in misquotes] == flagged


def test_canned_query_cells_link_to_rows_and_pages(datasette, seeds_dir, seeds_gold):
    html = get(datasette, "/quotes/quotes_by_speaker?speaker=Kirby").text
    quote_id = quote_id_of(seeds_dir, seeds_gold, KIRBY_DOC, MOVING_PIECES)
    assert f'<a href="/quotes/quotes/{quote_id}">{quote_id}</a>' in html
    assert '<a href="/quotes/-/speaker/john-kirby">John Kirby</a>' in html
    shared = get(datasette, "/quotes/shared_statements").text
    assert '<a href="/quotes/-/cluster/c-defend-gaza">c-defend-gaza</a>' in shared


def test_speaker_page(datasette, seeds_dir, seeds_gold):
    response = get(datasette, "/quotes/-/speaker/abu-hussein-al-hamidawi")
    assert response.status_code == 200
    html = response.text
    assert "<h1>Abu Hussein al-Hamidawi</h1>" in html
    for name in ("Ahmad al-Hamidawi", "al-Hamidawi", "Hamidawi"):  # names used, and merged with reasons
        assert f"<li>{name} " in html
        assert f"<tr><td>{name}</td><td>gold alias</td><td>1.00</td></tr>" in html
    assert "secretary-general of Kataib Hizbollah" in html  # roles as written
    assert "Kataib Hizbullah leader" in html
    for outlet in ("Morning Ledger", "Gulf Wire", "Levant Review"):
        assert f"<li>{outlet}: " in html
    assert "in 3 articles\n  from 3 known outlets" in html
    assert 'href="/quotes/-/cluster/c-defend-gaza"' in html
    quote_id = quote_id_of(seeds_dir, seeds_gold, "001_78b0e5d51db5c65c.txt",
                           "We will continue to protect the people of Gaza through other means.")
    assert f'href="/quotes/quotes/{quote_id}"' in html
    assert html.count('<a href="/quotes/quotes/q-') == gold_count(seeds_gold, "Abu Hussein al-Hamidawi")


def test_speaker_page_lists_quotes_by_date(datasette):
    html = get(datasette, "/quotes/-/speaker/john-kirby").text
    quotes_table = html[html.index("Quotes by date"):html.index("Outlets that quoted")]
    dates = [line.strip()[4:-5] for line in quotes_table.splitlines() if line.strip().startswith("<td>20")]
    assert dates and dates == sorted(dates)


def test_speaker_page_lists_the_first_quotes_and_links_to_the_rest(datasette, seeds_gold, monkeypatch):
    monkeypatch.setattr(publish, "SHOWN", 2)
    html = get(datasette, "/quotes/-/speaker/abu-hussein-al-hamidawi").text
    total = gold_count(seeds_gold, "Abu Hussein al-Hamidawi")
    assert html.count('<a href="/quotes/quotes/q-') == 2
    assert f"The first 2 of {total}:" in html
    assert 'href="/quotes/quotes?speaker_id=abu-hussein-al-hamidawi&amp;_sort=published"' in html


def test_speaker_page_roles_link_to_where_they_were_written(datasette):
    html = get(datasette, "/quotes/-/speaker/john-kirby").text
    link = "/quotes/speaker_roles?speaker_id=john-kirby&role=US+National+Security+Council+spokesman"
    assert f'href="{link.replace("&", "&amp;")}"' in html
    rows = get_json(datasette, link.replace("speaker_roles?", "speaker_roles.json?") + "&_shape=array")
    assert [row["article_id"] for row in rows] == [KIRBY_DOC]


def test_unknown_speaker_or_cluster_is_not_found(datasette):
    assert get(datasette, "/quotes/-/speaker/nobody").status_code == 404
    assert get(datasette, "/quotes/-/cluster/c-nothing").status_code == 404


def test_cluster_page_shows_versions_side_by_side(datasette, db_path):
    response = get(datasette, "/quotes/-/cluster/c-defend-gaza")
    assert response.status_code == 200
    html = response.text
    assert "in 3 articles\n  from 3 known outlets" in html
    with Store(db_path) as store:
        cluster = store.db["clusters"].get("c-defend-gaza")
        members = list(store.db.query(
            "select id, flagged, departure from quotes where cluster_id = ?", ["c-defend-gaza"]))
    versions = re.findall(r'<div class="quotes-version( first)?( flagged)?">', html)
    assert len(versions) == len(members) == cluster["n_quotes"]
    positions = {m["id"]: html.index(f'href="/quotes/quotes/{m["id"]}"') for m in members}
    assert min(positions, key=positions.get) == cluster["first_quote_id"]
    assert html.count('<div class="quotes-version first">') == 1
    flagged = [m for m in members if m["flagged"]]
    assert html.count("Possible misquote</div>") == len(flagged) == 1
    assert f"<dd>{flagged[0]['departure']:.2f}</dd>" in html
    assert '<mark class="changed">protect</mark>' in html  # 001 reworded the earliest version
    assert '<mark class="extra">recommend</mark>' in html  # 003 quotes the statement further
    assert "<h1>Statement by <a href=\"/quotes/-/speaker/abu-hussein-al-hamidawi\">" in html


def test_speaker_and_cluster_rows_link_to_their_pages(datasette):
    speaker_row = get(datasette, "/quotes/speakers/john-kirby").text
    assert '<a href="/quotes/-/speaker/john-kirby">All quotes' in speaker_row
    cluster_row = get(datasette, "/quotes/clusters/c-defend-gaza").text
    assert '<a href="/quotes/-/cluster/c-defend-gaza">Compare the versions' in cluster_row
    speakers = get(datasette, "/quotes/speakers").text
    assert '<a href="/quotes/-/speaker/kataib-hizbollah">Kataib Hizbollah</a>' in speakers


def test_article_ids_with_dots_link_to_their_rows(datasette):
    html = get(datasette, "/quotes/-/speaker/john-kirby").text
    assert 'href="/quotes/articles/000_63344148f6407275~2Etxt"' in html
    assert get(datasette, "/quotes/articles/000_63344148f6407275~2Etxt").status_code == 200


def test_database_is_served_as_quotes_whatever_the_file_is_called(db_path, tmp_path):
    other = tmp_path / "news-2024.sqlite"
    shutil.copy(db_path, other)
    datasette = make_datasette(other)
    assert [db["name"] for db in get_json(datasette, "/-/databases.json")] == ["quotes"]
    assert get(datasette, "/quotes/-/speaker/john-kirby").status_code == 200


def test_missing_database_says_to_build_first(tmp_path):
    with pytest.raises(DatabaseError, match=r"nothing\.db.*run `quotes build` first"):
        make_datasette(tmp_path / "nothing.db")
    with pytest.raises(DatabaseError):
        publish.serve(tmp_path / "nothing.db")


def test_given_metadata_file_replaces_the_packaged_one(db_path, tmp_path):
    metadata = tmp_path / "metadata.json"
    metadata.write_text('{"title": "Newsroom quotes"}', encoding="utf-8")
    datasette = make_datasette(db_path, metadata_path=metadata)
    assert "<h1>Newsroom quotes</h1>" in get(datasette, "/").text


def test_packaged_metadata_is_served(datasette):
    assert "<h1>quotes</h1>" in get(datasette, "/").text
    assert get_json(datasette, "/-/metadata.json")["databases"]["quotes"]["tables"]["quotes"]["fts_table"] == "quotes_fts"


def test_metadata_describes_every_table_of_the_schema(db_path):
    metadata = yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8"))
    tables = metadata["databases"]["quotes"]["tables"]
    with Store(db_path) as store:
        stored = set(store.db.table_names()) | set(store.db.view_names())
        stored = {name for name in stored if not name.startswith("quotes_fts")}
        columns = {name: {c.name for c in store.db[name].columns} for name in stored}
    assert set(tables) == stored == SCHEMA_TABLES
    for name, table in tables.items():
        assert table["description"], name
        assert set(table["columns"]) == columns[name], name
    labels = {name: table.get("label_column") for name, table in tables.items()}
    assert labels["outlets"] == "name" and labels["articles"] == "title"
    assert labels["speakers"] == "name" and labels["clusters"] == "text"
    assert tables["quotes"]["facets"] == ["speaker_id", "outlet_id", "stance", "kind"]
    assert tables["speakers"]["facets"] == ["type"] and tables["clusters"]["facets"] == ["speaker_id"]


def test_top_level_metadata_is_the_packaged_file():
    top = ROOT / "metadata.yml"
    assert top.is_symlink() and top.resolve() == publish.METADATA


def test_plugin_hooks_are_registered(datasette):
    plugins = get_json(datasette, "/-/plugins.json")
    (quotes_plugin,) = [p for p in plugins if "quotes" in p["name"]]
    assert {"register_routes", "render_cell", "extra_template_vars", "prepare_jinja2_environment"} <= set(
        quotes_plugin["hooks"]
    )

