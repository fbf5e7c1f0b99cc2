"""Every way a `quotes` command can fail, through click's CliRunner: one line on stderr, never a traceback.

A mistake the user can fix is ``Error: …`` with exit status 1, a bad option is
a click usage error (exit status 2), Ctrl-C exits 130 and a bug is one
``internal error:`` line with exit status 2. The runner is told not to catch
exceptions, so one that escapes the command fails the test instead of hiding
in ``result.exception``.
"""
from __future__ import annotations

import sqlite3

import pytest
from click.testing import CliRunner

from quotes.cli import INTERRUPTED, ProgressBar, cli

ARTICLE = (
    "Riverside council votes on the bridge\n\n"
    '"We will open the bridge in May," said Mayor Ana Ruiz on Monday.\n\n'
    'Councillor Tom Lee disagreed. "The money is not there," he said.\n'
)


def invoke(*args, env: dict[str, str] | None = None):
    return CliRunner().invoke(cli, [str(a) for a in args], env=env, catch_exceptions=False)


def assert_error_line(result, *expected: str) -> None:
    """The command failed with exit status 1 and one ``Error: …`` line on stderr holding ``expected``."""
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    for text in expected:
        assert text in lines[0]


@pytest.fixture
def articles(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "bridge.txt").write_text(ARTICLE, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """One small article built into a real database and index."""
    work = tmp_path_factory.mktemp("built")
    (work / "bridge.txt").write_text(ARTICLE, encoding="utf-8")
    db, index = work / "quotes.db", work / "index"
    result = invoke("build", work / "bridge.txt", "--db", db, "--index", index)
    assert result.exit_code == 0, result.output
    return db, index


@pytest.fixture
def not_sqlite(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("shopping list: bread, milk\n", encoding="utf-8")
    return path


def test_an_unknown_model_is_named(tmp_path, articles):
    result = invoke("build", articles, "--db", tmp_path / "q.db", "--index", tmp_path / "index",
                    "--model", "no_such_model")
    assert_error_line(result, "no_such_model", "not installed")


@pytest.mark.parametrize("limit", ["0", "-1"])
def test_a_limit_below_one_is_a_usage_error(tmp_path, limit):
    result = invoke("search", "bridge", "--limit", limit, "--index", tmp_path)
    assert result.exit_code == 2
    assert "Invalid value for '--limit'" in result.stderr
    assert "Traceback" not in result.output


def test_an_unclosed_phrase_is_a_bad_query(built):
    db, index = built
    result = invoke("search", '"open the bridge', "--index", index)
    assert_error_line(result, "cannot parse query", "open the bridge")


def test_search_without_an_index_says_to_build_first(tmp_path):
    result = invoke("search", "bridge", "--index", tmp_path / "nowhere")
    assert_error_line(result, "no search index", "quotes build")


def test_show_of_an_unknown_quote_names_it(built):
    db, index = built
    result = invoke("show", "q-000000000000", "--db", db)
    assert_error_line(result, "no quote q-000000000000")


def test_commands_on_a_missing_database_say_to_build_first(tmp_path):
    result = invoke("show", "q-1", "--db", tmp_path / "none.db")
    assert_error_line(result, "none.db", "run `quotes build` first")


@pytest.mark.parametrize("command", [["build"], ["show", "q-000000000000"], ["speakers"]])
def test_a_database_that_is_not_sqlite_is_named(tmp_path, articles, not_sqlite, command):
    if command == ["build"]:
        command = ["build", articles, "--index", tmp_path / "index"]
    result = invoke(*command, "--db", not_sqlite)
    assert_error_line(result, str(not_sqlite))
    assert not_sqlite.read_text(encoding="utf-8") == "shopping list: bread, milk\n"


def test_eval_names_a_malformed_gold_file_and_line(tmp_path, seeds_dir):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"doc": "a.txt", "quotes": []}\n{broken\n', encoding="utf-8")
    result = invoke("eval", gold, "--texts", seeds_dir)
    assert_error_line(result, f"{gold}:2:")


def test_build_names_a_malformed_aliases_file_and_line(tmp_path, articles):
    aliases = tmp_path / "aliases.yml"
    aliases.write_text("merge:\n  - [Ana Ruiz, Mayor Ruiz\nsplit: [\n", encoding="utf-8")
    result = invoke("build", articles, "--db", tmp_path / "q.db", "--index", tmp_path / "index",
                    "--aliases", aliases)
    assert_error_line(result, f"{aliases}:")


def test_merge_names_a_malformed_aliases_file_and_line(tmp_path):
    aliases = tmp_path / "aliases.yml"
    aliases.write_text("merge:\n  - [Pat Ryder, Patrick Ryder\nsplit: [\n", encoding="utf-8")
    result = invoke("speakers", "--db", tmp_path / "q.db", "merge", "A", "B")
    assert_error_line(result, f"{aliases}:")


def test_ctrl_c_in_a_build_says_so_and_the_next_build_finishes(tmp_path, articles, monkeypatch):
    (articles / "second.txt").write_text(ARTICLE.replace("bridge", "tunnel"), encoding="utf-8")
    db, index = tmp_path / "q.db", tmp_path / "index"

    def interrupt(self, done: int, total: int) -> None:
        raise KeyboardInterrupt  # as Ctrl-C would, once the first article is extracted

    with monkeypatch.context() as patch:
        patch.setattr(ProgressBar, "__call__", interrupt)
        result = invoke("build", articles, "--db", db, "--index", index)
    assert result.exit_code == 130
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Interrupted") and "quotes build" in lines[0]
    again = invoke("build", articles, "--db", db, "--index", index)
    assert again.exit_code == 0, again.output
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*) from articles").fetchone() == (2,)


def test_ctrl_c_elsewhere_is_one_line(tmp_path, monkeypatch):
    def interrupt(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("quotes.search.search", interrupt)
    result = invoke("search", "bridge", "--index", tmp_path)
    assert result.exit_code == 130
    assert result.stderr == INTERRUPTED + "\n"


def boom(*args, **kwargs):
    raise ZeroDivisionError("division by zero")


def test_a_bug_is_one_line_naming_it(tmp_path, monkeypatch):
    monkeypatch.setattr("quotes.search.search", boom)
    result = invoke("search", "bridge", "--index", tmp_path)
    assert result.exit_code == 2
    assert result.stderr == (
        "internal error: ZeroDivisionError: division by zero (set QUOTES_DEBUG=1 to see the traceback)\n"
    )


def test_quotes_debug_lets_the_traceback_through(tmp_path, monkeypatch):
    monkeypatch.setattr("quotes.search.search", boom)
    with pytest.raises(ZeroDivisionError):
        invoke("search", "bridge", "--index", tmp_path, env={"QUOTES_DEBUG": "1"})
