"""Bad input never stops a build: the corpus of ``tests/bad_inputs.py`` built with the seeds.

One ``quotes build`` through click's CliRunner gives the outcome each case is
checked against; a second, as a real process, shows that no traceback reaches
stderr and that the run ends within a loose bound (it only catches a hang: a
build of the corpus takes about a minute). Sidecar tables and curation files
go into a build one at a time, so their bad kinds are checked one by one.
"""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import bad_inputs
import pytest
from bad_inputs import ALIASES_CASES, ALIASES_FIFO, CASES, SIDECAR_CASES, SIDECAR_PROBLEMS, SLOW_CASES, AloneCase, Case
from click.testing import CliRunner

from quotes.cli import cli
from quotes.ingest import read_sidecar

HANG_BOUND = 600  # seconds for the corpus build (about a minute): only a hang goes over
SLOW_BOUND = 180  # seconds for one slow case (about 40 s): only a quadratic scan goes over
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def build_args(base: Path, seeds: Path, name: str) -> list[str]:
    """``quotes build`` of the corpus and the seeds into a database and index of their own, ``name``."""
    return [
        "build", *bad_inputs.build_arguments(base, seeds), "--metadata", str(base / "metadata.csv"),
        "--db", str(base / f"{name}.db"), "--index", str(base / f"{name}-index"),
    ]


def run_quotes(args: list[str], timeout: float) -> subprocess.CompletedProcess:
    """The real ``quotes`` command in a process of its own."""
    return subprocess.run(
        [sys.executable, "-m", "quotes", *args], capture_output=True, encoding="utf-8", errors="replace", timeout=timeout
    )


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("bad_input")
    bad_inputs.write_corpus(base)
    return base


@pytest.fixture(scope="module")
def built(corpus, seeds_dir):
    """The CliRunner build of the corpus: its result, its problem lines, and its database."""
    result = CliRunner().invoke(cli, build_args(corpus, seeds_dir, "runner"))
    problems = [line for line in result.stderr.splitlines() if line.startswith(("error: ", "warning: "))]
    return result, problems, corpus / "runner.db"


def stored(db: Path) -> dict[str, tuple[str, int]]:
    """Every stored article: its key, with its path and its number of quotes."""
    with sqlite3.connect(db) as conn:
        counts = dict(conn.execute("select article_id, count(*) from quotes group by article_id"))
        return {key: (path, counts.get(key, 0)) for key, path in conn.execute("select id, path from articles")}


# ----------------------------------------------------------------- the build as a whole


def test_the_build_ends_with_status_1_and_no_traceback(built):
    result, problems, _ = built
    assert result.exc_info is None or result.exc_info[0] is SystemExit, result.exc_info
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and "internal error" not in result.stderr
    assert any(line.startswith("error: ") for line in problems)


def test_every_problem_line_names_its_file(built, corpus, seeds_dir):
    _, problems, _ = built
    assert problems
    for line in problems:
        where = line.split(": ", 1)[1]
        assert where.startswith((f"{corpus}/", f"{seeds_dir}/")), line
        assert "\n" not in where


def test_the_seed_quotes_are_all_stored(built, seeds_gold):
    articles = stored(built[2])
    assert {doc: articles[doc][1] for doc in seeds_gold} == {doc: len(quotes) for doc, quotes in seeds_gold.items()}
    assert sum(len(quotes) for quotes in seeds_gold.values()) == 39


def test_a_real_process_prints_no_traceback_and_finishes(built, corpus, seeds_dir):
    process = run_quotes(build_args(corpus, seeds_dir, "process"), timeout=HANG_BOUND)
    assert process.returncode == 1, process.stderr[-2000:]
    assert "Traceback" not in process.stderr and "internal error" not in process.stderr
    assert stored(corpus / "process.db").keys() == stored(corpus / "runner.db").keys()


# ----------------------------------------------------------------- each kind of bad input


@pytest.mark.parametrize("case", CASES, ids=[case.kind for case in CASES])
def test_each_bad_input_ends_as_it_should(built, corpus, case: Case):
    if case.needs_non_root and IS_ROOT:
        pytest.skip("root reads any file")
    _, problems, db = built
    shown = f"{corpus}/{case.file}"
    naming = [line for line in problems if line.split(": ", 1)[1].startswith(f"{shown}:")]
    at = f"{shown}:{case.line}:" if case.line is not None else f"{shown}:"
    for label, fragment in (("error", case.error), ("warning", case.warning)):
        if fragment:
            assert any(line.startswith(f"{label}: {at}") and fragment in line for line in naming), (label, fragment, naming)
    if not case.error and not case.warning:
        assert naming == []
    articles = stored(db)
    for key in case.stored:
        assert key in articles, (key, sorted(articles)[:20])
    if case.quotes is not None:
        assert [articles[key][1] for key in case.stored] == [case.quotes] * len(case.stored)
    if not case.stored:
        assert [key for key, (path, _) in articles.items() if path == shown] == []


def test_a_bad_sidecar_row_is_named_and_the_next_row_still_counts(built, corpus):
    _, problems, db = built
    sidecar = f"{corpus}/metadata.csv"
    for line, label, fragment in SIDECAR_PROBLEMS:
        assert any(p.startswith(f"{label}: {sidecar}:{line}: ") and fragment in p for p in problems), (line, fragment)
    with sqlite3.connect(db) as conn:
        outlets = dict(conn.execute("select articles.id, outlets.name from articles join outlets on outlets.id = articles.outlet_id"))
    assert outlets["crlf.txt"] == "The Next Row"  # the row after the unclosed quote
    assert "cp1252.txt" not in outlets  # the row with the unclosed quote


@pytest.mark.skipif(IS_ROOT, reason="root reads any file")
def test_an_unreadable_path_on_the_command_line_is_a_problem(tmp_path, seeds_dir):
    locked = tmp_path / "locked.txt"
    locked.write_text(bad_inputs.story("locked files"), encoding="utf-8")
    locked.chmod(0)
    seed = seeds_dir / bad_inputs.SEED_KEY
    result = CliRunner().invoke(cli, ["build", str(seed), str(locked), "--db", str(tmp_path / "q.db"), "--index", str(tmp_path / "ix")])
    assert result.exit_code == 1
    assert f"error: {locked}: cannot read: Permission denied" in result.stderr
    assert bad_inputs.SEED_KEY in stored(tmp_path / "q.db")


# ----------------------------------------------------------------- one at a time


def _params(cases: list[AloneCase]) -> list:
    return [
        pytest.param(case, id=case.kind, marks=[pytest.mark.xfail(reason=case.xfail, strict=True)] if case.xfail else [])
        for case in cases
    ]


@pytest.mark.parametrize("case", _params(SIDECAR_CASES))
def test_each_bad_sidecar_is_a_problem_naming_it(tmp_path, case: AloneCase):
    path = bad_inputs.write_alone(tmp_path, case)
    _, problems = read_sidecar(path)
    assert any(p.path == str(path) and case.says in p.message for p in problems), problems


def curation_build_args(folder: Path, seeds: Path) -> list[str]:
    """A build of one seed whose curation file is ``aliases.yml`` beside the database (the default)."""
    return ["build", str(seeds / bad_inputs.SEED_KEY), "--db", str(folder / "q.db"), "--index", str(folder / "ix")]


@pytest.mark.parametrize("case", _params(ALIASES_CASES))
def test_each_bad_curation_file_is_one_error_naming_it(tmp_path, seeds_dir, case: AloneCase):
    path = bad_inputs.write_alone(tmp_path, case)
    result = CliRunner().invoke(cli, curation_build_args(tmp_path, seeds_dir))
    assert result.exit_code == 1, result.output
    assert result.exc_info is None or result.exc_info[0] is SystemExit
    assert str(path) in result.stderr and case.says in result.stderr


def test_a_curation_file_that_is_a_fifo_is_an_error_not_a_wait(tmp_path, seeds_dir):
    path = bad_inputs.write_alone(tmp_path, ALIASES_FIFO)
    try:
        process = run_quotes(curation_build_args(tmp_path, seeds_dir), timeout=20)
    except subprocess.TimeoutExpired:
        pytest.fail("the build waited on the FIFO")
    assert process.returncode == 1 and str(path) in process.stderr


@pytest.mark.parametrize("case", _params(SLOW_CASES))
def test_each_slow_input_finishes(tmp_path, case: AloneCase):
    path = bad_inputs.write_alone(tmp_path, case)
    try:
        process = run_quotes(["extract", str(path), "--format", "jsonl"], timeout=SLOW_BOUND)
    except subprocess.TimeoutExpired:
        pytest.fail(f"extraction took more than {SLOW_BOUND} s")
    assert process.returncode == 0 and "Traceback" not in process.stderr
