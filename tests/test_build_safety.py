"""A build stopped anywhere leaves readers a whole state, and the next build finishes the job.

Builds run as real subprocesses (``python -m quotes build``) over the seeds and
three small written articles. The test hook of :mod:`quotes.build`
(``QUOTES_TEST_STOP_AT``) makes a build send itself SIGKILL or SIGINT at a
named stage; "in-index-sync" is reached by stopping the build inside Whoosh's
commit, after the new segment is written and before its table of contents is.

Every round starts from the same built state and the same edit of the inputs
(one article's quote reworded, one article added, one renamed), so the state a
reader may see is known exactly: the one before the build, or the one an
uninterrupted build makes.
"""
from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from whoosh import index

from quotes.check import check
from quotes.errors import BuildLocked
from quotes.lock import writer_lock
from quotes.index import index_documents, indexed_fingerprints
from quotes.store import Store

STRIKE = """Port strike ends after talks

The strike at the port of Halden ended on Tuesday. "We have reached a fair deal," said Maria Olsen, the union's leader.

The port authority was more cautious. "The backlog will take weeks to clear," said Erik Dahl, a spokesman for the authority.
"""
HARVEST = """Rain delays harvest

Farmers near Lund said the rain had ruined a month of work. "We have never seen a summer like this," said Anna Berg, who grows wheat.
"""
FERRY = """Ferry service restored

The ferry to Hven runs again. "Passengers can book from today," said Lars Nyström, the operator's director. He added that "the winter timetable stays as it was."
"""
NEW = """Bridge opens early

The new bridge opened a week early. "It is a good day for the town," said Mayor Karin Holm.
"""

# When interrupted there, a build has (True) or has not (False) committed its changes.
COMMITTED = {"after-extract": False, "in-transaction": False, "after-commit": True,
             "in-index-sync": True, "after-index-sync": True}
SIGNALS = {"KILL": -signal.SIGKILL, "INT": 130}
# Stops a build inside Whoosh's commit, between writing the new segment and writing its table of contents.
STOP_IN_INDEX_SYNC = (
    "import os, signal, sys, whoosh.writing\n"
    "def stop(writer, segments):\n"
    "    os.kill(os.getpid(), getattr(signal, 'SIG' + os.environ['QUOTES_TEST_STOP_SIGNAL']))\n"
    "whoosh.writing.SegmentWriter._commit_toc = stop\n"
    "from quotes.cli import cli\n"
    "cli(sys.argv[1:], prog_name='quotes')\n"
)
# Columns that say when, not what: left out when states are compared.
TIMESTAMPS = {"added", "retired_at"}
# Bookkeeping of an unfinished build, compared on its own.
BOOKKEEPING = {"index_journal", "staged_extractions"}


def run_build(work: Path, stage: str | None = None, signal_name: str = "KILL", *, wait: float = 600):
    """``quotes build in`` in ``work``, as a real process, stopped at ``stage`` with ``signal_name``."""
    env = {**os.environ, "QUOTES_TEST_STOP_SIGNAL": signal_name}
    env.pop("QUOTES_TEST_STOP_AT", None)
    if stage == "in-index-sync":
        command = [sys.executable, "-c", STOP_IN_INDEX_SYNC]
    else:
        command = [sys.executable, "-m", "quotes"]
        if stage:
            env["QUOTES_TEST_STOP_AT"] = stage
    args = ["build", "in", "--db", "q.db", "--index", "ix", "--wait", str(wait)]
    return subprocess.run(command + args, cwd=work, env=env, capture_output=True, text=True, timeout=600,
                          preexec_fn=interruptible)


def interruptible() -> None:
    """Give the build Ctrl-C's default handling, as in a terminal: pytest run in the background of a
    shell ignores SIGINT, and a child would inherit that."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def snapshot(work: Path) -> dict[str, list[tuple]]:
    """Every row of every table but the full-text index's and the bookkeeping, timestamps left out."""
    uri = (work / "q.db").resolve().as_uri() + "?mode=ro"
    with sqlite3.connect(uri, uri=True) as conn:
        tables = [name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
                  if not name.startswith("quotes_fts") and name not in BOOKKEEPING]
        state = {}
        for table in sorted(tables):
            columns = [c[1] for c in conn.execute(f"PRAGMA table_info([{table}])") if c[1] not in TIMESTAMPS]
            state[table] = sorted(conn.execute(f"SELECT {', '.join(f'[{c}]' for c in columns)} FROM [{table}]"),
                                  key=repr)
    return state


def index_state(work: Path) -> tuple[dict[str, str], dict[str, str], set[str]]:
    """What the index holds, what the database says it should hold, and the quotes the journal lists."""
    with Store(work / "q.db", readonly=True) as store:
        wanted = {doc["quote_id"]: doc["fingerprint"] for doc in index_documents(store)}
        pending = store.pending_index_updates()
    return indexed_fingerprints(index.open_dir(work / "ix")), wanted, pending


def edit_inputs(work: Path) -> None:
    """The change every round builds: a quote reworded, an article added, one renamed."""
    strike = work / "in" / "strike.txt"
    strike.write_text(strike.read_text(encoding="utf-8").replace("fair deal", "good deal"), encoding="utf-8")
    (work / "in" / "bridge.txt").write_text(NEW, encoding="utf-8")
    (work / "in" / "ferry.txt").rename(work / "in" / "boats.txt")


@pytest.fixture(scope="module")
def base(tmp_path_factory, seeds_dir) -> Path:
    """The seeds and three written articles, built."""
    work = tmp_path_factory.mktemp("base")
    shutil.copytree(seeds_dir, work / "in")
    for name, text in (("strike.txt", STRIKE), ("harvest.txt", HARVEST), ("ferry.txt", FERRY)):
        (work / "in" / name).write_text(text, encoding="utf-8")
    result = run_build(work)
    assert result.returncode == 0, result.stderr
    return work


@pytest.fixture(scope="module")
def expected(base, tmp_path_factory) -> Path:
    """The edited inputs built without interruption: the state every round must end in."""
    work = tmp_path_factory.mktemp("expected")
    shutil.copytree(base, work, dirs_exist_ok=True)
    edit_inputs(work)
    result = run_build(work)
    assert result.returncode == 0, result.stderr
    assert "1 added, 1 replaced, 6 unchanged articles, 1 moved (renamed)" in result.stderr
    return work


@pytest.mark.parametrize("signal_name", SIGNALS)
@pytest.mark.parametrize("stage", COMMITTED)
def test_a_build_stopped_anywhere_shows_a_whole_state_and_the_next_build_finishes(
    base, expected, tmp_path, stage, signal_name
):
    work = tmp_path / "round"
    shutil.copytree(base, work)
    edit_inputs(work)

    stopped = run_build(work, stage, signal_name)

    assert stopped.returncode == SIGNALS[signal_name], stopped.stderr
    assert "Traceback" not in stopped.stderr
    if signal_name == "INT":
        said = "pending in the index" if COMMITTED[stage] else "nothing was changed"
        assert "Interrupted" in stopped.stderr and said in stopped.stderr and "quotes build" in stopped.stderr
    # What a reader sees now: the state before the build, or the one after it, never a mix.
    assert snapshot(work) == snapshot(expected if COMMITTED[stage] else base)
    indexed, wanted, pending = index_state(work)
    lagging = {qid for qid in indexed.keys() | wanted.keys() if indexed.get(qid) != wanted.get(qid)}
    assert lagging <= pending
    if stage == "after-commit":
        assert lagging and pending

    finished = run_build(work)

    assert finished.returncode == 0, finished.stderr
    assert snapshot(work) == snapshot(expected)
    indexed, wanted, pending = index_state(work)
    assert indexed == wanted == index_state(expected)[0] and pending == set()
    assert check(work / "q.db", work / "ix").ok


def test_a_build_killed_while_whoosh_holds_its_writer_is_finished_by_the_next(base, tmp_path):
    work = tmp_path / "round"
    shutil.copytree(base, work)
    code = ("import os, signal\nfrom whoosh import index\nwriter = index.open_dir('ix').writer()\n"
            "writer.add_document(quote_id='q-stray', text='a stray document', fingerprint='0')\nwriter.commit(merge=False)\n"
            "writer = index.open_dir('ix').writer()\nwriter.add_document(quote_id='q-other', text='never committed', fingerprint='0')\n"
            "os.kill(os.getpid(), signal.SIGKILL)\n")
    killed = subprocess.run([sys.executable, "-c", code], cwd=work, capture_output=True, timeout=120)
    assert killed.returncode == -signal.SIGKILL
    assert "q-stray" in index_state(work)[0]

    finished = run_build(work)

    assert finished.returncode == 0, finished.stderr
    indexed, wanted, _ = index_state(work)
    assert indexed == wanted
    assert check(work / "q.db", work / "ix").ok


def test_two_builds_at_once_both_finish_and_agree(base, expected, tmp_path):
    work = tmp_path / "round"
    shutil.copytree(base, work)
    edit_inputs(work)
    env = {key: value for key, value in os.environ.items() if not key.startswith("QUOTES_TEST_")}
    command = [sys.executable, "-m", "quotes", "build", "in", "--db", "q.db", "--index", "ix"]
    builds = [subprocess.Popen(command, cwd=work, env=env, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [build.communicate(timeout=600)[1] for build in builds]

    assert [build.returncode for build in builds] == [0, 0], outputs
    assert not any("Traceback" in output or "database is locked" in output for output in outputs)
    assert snapshot(work) == snapshot(expected)
    assert check(work / "q.db", work / "ix").ok


def test_a_build_that_waits_too_long_for_another_stops_with_a_clear_message(base, tmp_path):
    work = tmp_path / "round"
    shutil.copytree(base, work)
    before = snapshot(work)
    with writer_lock(work / "q.db"):
        waited = run_build(work, wait=1)
    assert waited.returncode == 1 and "Traceback" not in waited.stderr
    assert "another quotes build is running on q.db; waiting up to 1 seconds" in waited.stderr
    assert "Error: another quotes build is still running on q.db after 1 seconds" in waited.stderr
    assert snapshot(work) == before


def test_the_writer_lock_waits_then_gives_up(tmp_path):
    told = []
    with writer_lock(tmp_path / "q.db"):
        with pytest.raises(BuildLocked, match="still running"):
            with writer_lock(tmp_path / "q.db", wait=0.3, on_wait=told.append):
                pass
    assert told == [f"another quotes build is running on {tmp_path / 'q.db'}; waiting up to 0.3 seconds…"]
    with writer_lock(tmp_path / "q.db", wait=0):
        pass
