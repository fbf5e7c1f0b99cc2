"""The real `quotes` command through click's CliRunner, on the seeds and on bad input."""
from __future__ import annotations

import csv
import json
import os
import pty
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from quotes.cli import cli, defuse_formula, escape_controls
from quotes.search import search
from quotes.store import Store

KIRBY_QUOTE = "We’ll respond on our own time, on our own schedule"


def run(*args: str):
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    return result


@pytest.fixture(scope="module")
def built(tmp_path_factory, seeds_dir):
    """The seeds built once into a real database and index."""
    work = tmp_path_factory.mktemp("built")
    articles = work / "articles"
    shutil.copytree(seeds_dir, articles)
    db, index = work / "quotes.db", work / "index"
    first = run("build", articles, "--db", db, "--index", index)
    return work, articles, db, index, first


def quote_ids(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return sorted(row[0] for row in conn.execute("select id from quotes"))


def test_build_stores_every_seed_and_its_quotes(built):
    work, articles, db, index, first = built
    assert first.exit_code == 0, first.output
    store = Store(db)
    assert store.db["articles"].count == 5
    texts = {a.doc: a.text for a in store.articles()}
    for row in store.db["quotes"].rows:
        assert texts[row["article_id"]][row["start"]:row["end"]] == row["text"]
    assert any(KIRBY_QUOTE in row["text"] for row in store.db["quotes"].rows)


def test_second_build_adds_nothing_and_keeps_ids(built):
    work, articles, db, index, _ = built
    before = quote_ids(db)
    again = run("build", articles, "--db", db, "--index", index)
    assert again.exit_code == 0, again.output
    assert "0 added, 0 replaced, 5 unchanged" in again.output
    assert quote_ids(db) == before


def test_changed_file_replaces_its_quotes(tmp_path, seeds_dir):
    articles = tmp_path / "articles"
    shutil.copytree(seeds_dir, articles)
    db, index = tmp_path / "q.db", tmp_path / "index"
    assert run("build", articles, "--db", db, "--index", index).exit_code == 0
    target = articles / "003_b1a854914bfb7f38.txt"
    target.write_text(
        target.read_text(encoding="utf-8") + '\n"This line was added later," Ryder said.\n', encoding="utf-8"
    )
    result = run("build", articles, "--db", db, "--index", index)
    assert "0 added, 1 replaced, 4 unchanged" in result.output
    rows = list(Store(db).db["quotes"].rows_where("article_id = ?", [target.name]))
    assert any(r["text"].startswith("This line was added later") for r in rows)
    hits = search(index, '"added later"')
    assert [h.doc for h in hits] == [target.name]


def test_extract_jsonl_follows_the_scorer_contract(seeds_dir):
    result = run("extract", seeds_dir / "000_63344148f6407275.txt", "--format", "jsonl")
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    text = (seeds_dir / "000_63344148f6407275.txt").read_text(encoding="utf-8")
    required = {"doc", "start", "end", "text", "speaker", "speaker_start", "speaker_end", "cue",
                "cue_start", "cue_end", "role", "stance", "kind", "quote_id", "speaker_id", "cluster_id"}
    assert records and all(required <= set(r) for r in records)
    for record in records:
        assert record["doc"] == "000_63344148f6407275.txt"
        assert text[record["start"]:record["end"]] == record["text"]
    kirby = next(r for r in records if r["text"].startswith(KIRBY_QUOTE))
    assert kirby["speaker"] == "John Kirby"
    assert text[kirby["speaker_start"]:kirby["speaker_end"]] == "Kirby"


@pytest.mark.parametrize("fmt", ["json", "csv", "table"])
def test_extract_other_formats(seeds_dir, fmt):
    result = run("extract", seeds_dir / "003_b1a854914bfb7f38.txt", "--format", fmt)
    assert result.exit_code == 0
    assert "Pat Ryder" in result.output
    assert "We are announcing the suspension" in result.output


def test_search_finds_a_phrase_with_its_speaker(built):
    work, articles, db, index, _ = built
    result = run("search", '"actions speak louder"', "--index", index, "--format", "json")
    hits = json.loads(result.stdout)
    assert hits and all("actions speak louder" in h["text"] for h in hits)
    assert {h["speaker"] for h in hits} == {"Pat Ryder"}


def test_show_gives_context_and_provenance(built):
    work, articles, db, index, _ = built
    row = next(Store(db).db["quotes"].rows_where("text like ?", [f"{KIRBY_QUOTE}%"]))
    result = run("show", row["id"], "--db", db)
    assert result.exit_code == 0
    assert KIRBY_QUOTE in result.output
    assert "000_63344148f6407275.txt" in result.output


def test_speakers_lists_one_row_per_speaker(built):
    work, articles, db, index, _ = built
    result = run("speakers", "--db", db, "--format", "json")
    names = [s["name"] for s in json.loads(result.stdout)]
    assert "John Kirby" in names and "Kirby" not in names
    assert len(names) == len(set(names))


def test_speakers_merge_and_split_write_the_aliases_file(tmp_path):
    db = tmp_path / "quotes.db"
    assert run("speakers", "--db", db, "merge", "Pat Ryder", "Patrick Ryder").exit_code == 0
    assert run("speakers", "--db", db, "split", "Renad Mansour", "Ali Mansour").exit_code == 0
    text = (tmp_path / "aliases.yml").read_text(encoding="utf-8")
    assert "Patrick Ryder" in text and "Ali Mansour" in text


def test_bad_files_are_named_and_the_rest_is_built(tmp_path, seeds_dir):
    articles = tmp_path / "articles"
    articles.mkdir()
    shutil.copy(seeds_dir / "003_b1a854914bfb7f38.txt", articles)
    (articles / "empty.txt").write_text("", encoding="utf-8")
    (articles / "binary.txt").write_bytes(b"\x00\x01\x02binary")
    (articles / "broken.jsonl").write_text('{"text": "fine"}\n{not json\n', encoding="utf-8")
    db, index = tmp_path / "q.db", tmp_path / "index"
    result = CliRunner().invoke(cli, ["build", str(articles), "--db", str(db), "--index", str(index)])
    assert result.exit_code == 1
    assert "empty.txt" in result.output and "binary.txt" in result.output
    assert "broken.jsonl:2" in result.output
    assert Store(db).db["quotes"].count > 0
    before = quote_ids(db)
    CliRunner().invoke(cli, ["build", str(articles), "--db", str(db), "--index", str(index)])
    assert quote_ids(db) == before


def test_an_identical_copy_is_stored_once_with_a_warning(tmp_path, seeds_dir):
    articles = tmp_path / "articles"
    articles.mkdir()
    original = seeds_dir / "004_8f6ae42a121cec55.txt"
    shutil.copy(original, articles / "a.txt")
    shutil.copy(original, articles / "b.txt")
    db, index = tmp_path / "q.db", tmp_path / "index"
    result = CliRunner().invoke(cli, ["build", str(articles), "--db", str(db), "--index", str(index)])
    assert result.exit_code == 0
    assert "warning:" in result.output and "same text as the stored article a.txt" in result.output
    assert [row["id"] for row in Store(db).db["articles"].rows] == ["a.txt"]


def test_eval_scores_the_seeds_against_their_gold(seeds_dir):
    gold = Path(__file__).resolve().parent / "data" / "seeds_gold.jsonl"
    result = run("eval", gold, "--texts", seeds_dir, "--json")
    scores = json.loads(result.stdout)
    assert scores["strict"]["f1"] == 1.0
    assert scores["speaker_accuracy"]["accuracy"] == 1.0


# An article written against whoever reads its quotes: escape sequences that
# recolour the terminal and retitle its window, and a quote a spreadsheet would run.
HOSTILE = (
    "Council sets a date\n\n"
    '"We will open the \x1b[31mbridge\x1b[0m in May," said Mayor Ana Ruiz.\x1b]0;pwned\x07\n\n'
    '"=1+2 is all the budget says," said Councillor Tom Lee.\n'
)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """The hostile article built into a real database and index, and the ID of its bridge quote."""
    work = tmp_path_factory.mktemp("hostile")
    article = work / "hostile.txt"
    article.write_text(HOSTILE, encoding="utf-8")
    db, index = work / "quotes.db", work / "index"
    assert run("build", article, "--db", db, "--index", index).exit_code == 0
    with sqlite3.connect(db) as conn:
        (quote_id,) = conn.execute("select id from quotes where text like '%bridge%'").fetchone()
    return article, db, index, quote_id


def on_a_terminal(*args) -> str:
    """What ``quotes ARGS`` writes to a terminal: a pseudo-terminal, so its stdout is a TTY."""
    leader, follower = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "quotes", *map(str, args)],
                               stdout=follower, stderr=subprocess.PIPE, text=True)
    os.close(follower)
    output = bytearray()
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # EIO: the command has exited and its terminal is closed
            break
        if not chunk:
            break
        output += chunk
    os.close(leader)
    assert process.wait() == 0, process.stderr.read()
    return output.decode("utf-8")


def test_escape_controls_keeps_newline_and_tab_and_escapes_the_rest():
    text = "a\tb\nc\x00\x07\x1b[2J\x7f\x9b1m\r"
    assert escape_controls(text, tty=True) == "a\tb\nc\\x00\\x07\\x1b[2J\\x7f\\x9b1m\\x0d"
    assert escape_controls(text, tty=False) == text


@pytest.mark.parametrize("command", ["show", "search"])
def test_a_terminal_sees_stored_control_characters_escaped(hostile, command):
    article, db, index, quote_id = hostile
    args = ["show", quote_id, "--db", db] if command == "show" else ["search", "open", "--index", index]
    output = on_a_terminal(*args)
    assert "\x1b" not in output and "\x07" not in output
    assert "\\x1b[31mbridge\\x1b[0m" in output


def test_piped_output_keeps_the_stored_text_as_it_is(hostile):
    article, db, index, quote_id = hostile
    result = run("show", quote_id, "--db", db, "--format", "json")
    assert "\x1b[31mbridge\x1b[0m" in json.loads(result.stdout)["quote"]["text"]


@pytest.mark.parametrize("cell", ["=1+2", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_a_cell_beginning_like_a_formula_gets_a_leading_quote(cell):
    assert defuse_formula(cell) == "'" + cell


def test_extract_csv_defuses_formulas(hostile):
    article, db, index, quote_id = hostile
    result = run("extract", article, "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(result.stdout.splitlines()))
    assert "'=1+2 is all the budget says," in [row["text"] for row in rows]
    cells = [cell for row in rows for cell in row.values()]
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)
