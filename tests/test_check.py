"""``quotes check`` over a real build of the seeds: each kind of damage is found, and what is derived is repaired."""
from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from whoosh import index

from quotes.api import build
from quotes.check import check
from quotes.cli import cli
from quotes.store import Store

KIRBY_QUOTE = "footprints of Kataib Hizbollah"


@pytest.fixture(scope="module")
def built(tmp_path_factory, seeds_dir) -> Path:
    """The seeds built once into a database and an index."""
    work = tmp_path_factory.mktemp("built")
    build([seeds_dir], work / "q.db", work / "ix")
    return work


@pytest.fixture
def work(built, tmp_path) -> Path:
    """A copy of the build, free to damage."""
    shutil.copytree(built, tmp_path / "work")
    return tmp_path / "work"


def execute(work: Path, sql: str, *params) -> list[sqlite3.Row]:
    with sqlite3.connect(work / "q.db") as conn:
        conn.row_factory = sqlite3.Row
        return conn.execute(sql, params).fetchall()


def table(work: Path, name: str) -> list[tuple]:
    return sorted((tuple(row) for row in execute(work, f"SELECT * FROM {name}")), key=repr)


def run_check(work: Path, *options: str):
    return CliRunner().invoke(cli, ["check", "--db", str(work / "q.db"), "--index", str(work / "ix"), *options])


def test_a_sound_build_passes(work):
    report = check(work / "q.db", work / "ix")
    assert report.ok and report.problems == [] and report.repaired == []
    assert report.checked == {"articles": 5, "quotes": 39, "index documents": 39}
    result = run_check(work)
    assert result.exit_code == 0 and result.output == "checked 5 articles, 39 quotes, 39 index documents: no problems\n"


def test_wrong_offsets_are_found_and_repaired_by_extracting_again(work):
    before = table(work, "quotes")
    [kirby] = execute(work, "SELECT * FROM quotes WHERE text = ?", KIRBY_QUOTE)
    execute(work, "UPDATE quotes SET start = start + 1, speaker_end = speaker_end - 1 WHERE id = ?", kirby["id"])

    found = check(work / "q.db", work / "ix")

    assert [(p.kind, p.where) for p in found.problems] == [("quote", kirby["id"])] * 2
    assert found.problems[0].message.startswith(f"quote at {kirby['start'] + 1}:{kirby['end']} is {KIRBY_QUOTE!r}")
    assert found.problems[1].message.startswith(f"speaker mention at {kirby['speaker_start']}:")
    result = run_check(work)
    assert result.exit_code == 1 and result.output.endswith(": 2 problems\n")

    result = run_check(work, "--repair")

    assert result.exit_code == 0, result.output
    assert result.output.count("repaired: ") == 2 and result.output.endswith("no problems left, 2 repaired\n")
    assert table(work, "quotes") == before


def test_a_damaged_index_is_found_and_rebuilt(work):
    segment = next((work / "ix").glob("*.seg"))
    segment.write_bytes(segment.read_bytes()[:300])

    found = check(work / "q.db", work / "ix")

    assert [p.kind for p in found.problems] == ["index"] and "damaged" in found.problems[0].message
    repaired = check(work / "q.db", work / "ix", repair=True)
    assert repaired.ok and repaired.repaired == found.problems
    assert repaired.checked["index documents"] == 39


def test_an_index_that_lags_says_so_and_is_synced(work):
    quote_id = execute(work, "SELECT id FROM quotes WHERE text = ?", KIRBY_QUOTE)[0]["id"]
    with index.open_dir(work / "ix").writer() as writer:
        writer.delete_by_term("quote_id", quote_id)
    with Store(work / "q.db") as store:
        store.queue_index_updates([quote_id])

    found = check(work / "q.db", work / "ix")

    assert [str(p) for p in found.problems] == [
        f"{work / 'ix'}: 1 quotes not indexed: {quote_id}",
        f"{work / 'ix'}: a build was interrupted while updating the index (1 quotes pending); "
        "the next `quotes build` finishes it",
    ]
    assert check(work / "q.db", work / "ix", repair=True).ok
    with Store(work / "q.db", readonly=True) as store:
        assert store.pending_index_updates() == set()


def test_broken_links_are_found_and_resolved_again(work):
    speakers = table(work, "speakers")
    [quote] = execute(work, "SELECT id, speaker_id FROM quotes WHERE text = ?", KIRBY_QUOTE)
    execute(work, "UPDATE quotes SET speaker_id = 'nobody' WHERE id = ?", quote["id"])
    execute(work, "DELETE FROM clusters WHERE id = (SELECT min(id) FROM clusters)")

    found = check(work / "q.db", work / "ix")

    kinds = {(p.kind, p.where.split()[0]) for p in found.problems}
    assert kinds == {("link", "quotes"), ("index", str(work / "ix"))}
    assert f"quotes {quote['id']}: speaker_id 'nobody' is in no row of speakers" in map(str, found.problems)
    assert check(work / "q.db", work / "ix", repair=True).ok
    assert table(work, "speakers") == speakers
    assert execute(work, "SELECT speaker_id FROM quotes WHERE id = ?", quote["id"])[0][0] == quote["speaker_id"]


def test_a_damaged_text_and_tangled_ids_are_found_but_not_repaired(work):
    doc = "000_63344148f6407275.txt"
    execute(work, "UPDATE articles SET text = replace(text, 'Kataib', 'Kateib') WHERE id = ?", doc)
    [live, other] = execute(work, "SELECT id, text FROM quotes WHERE article_id = ? ORDER BY start LIMIT 2", doc)
    execute(work, "INSERT INTO retired_quotes (id, replaced_by, reason, article_id, text) VALUES (?, ?, ?, ?, ?)",
            live["id"], None, "withdrawn", doc, live["text"])
    execute(work, "INSERT INTO retired_quotes (id, replaced_by, reason, article_id, text) VALUES (?, ?, ?, ?, ?)",
            "q-000000000000", "q-ffffffffffff", "text changed", doc, other["text"])

    found = check(work / "q.db", work / "ix", repair=True)

    assert not found.ok and found.repaired == []
    messages = [str(p) for p in found.problems if p.kind != "quote"]
    assert messages == [
        f"{doc}: the stored text does not match its SHA-256; `quotes build` on its file stores it again",
        f"{live['id']}: both a stored quote and a retired one",
        "q-000000000000: retired, leading to q-ffffffffffff, which is no stored quote",
    ]
    assert {p.where for p in found.problems if p.kind == "quote"} <= {
        row["id"] for row in execute(work, "SELECT id FROM quotes WHERE article_id = ?", doc)}
    assert run_check(work, "--repair").exit_code == 1


def test_a_file_that_is_no_database_is_one_clear_error(tmp_path):
    (tmp_path / "q.db").write_text("not a database\n" * 100)
    result = CliRunner().invoke(cli, ["check", "--db", str(tmp_path / "q.db"), "--index", str(tmp_path / "ix")])
    assert result.exit_code == 1 and "is not a usable SQLite database" in result.output


def test_a_damaged_text_is_stored_again_by_a_build_of_its_file_alone(work, seeds_dir):
    doc = "000_63344148f6407275.txt"
    execute(work, "UPDATE articles SET text = replace(text, 'Kataib', 'Kateib') WHERE id = ?", doc)
    assert not check(work / "q.db", work / "ix").ok
    report = build([seeds_dir / doc], work / "q.db", work / "ix")
    assert report.replaced == 1
    assert check(work / "q.db", work / "ix").ok
