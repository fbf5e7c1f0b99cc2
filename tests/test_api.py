"""``api.build`` over folders of small written articles: what a key stores always follows its file.

The two cases of issue 11: a duplicate edited and reverted left the edited text
stored for good, and a file renamed then edited was stored twice.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from quotes.api import build
from quotes.check import check
from quotes.store import Store

STRIKE = """Port strike ends after talks

The strike at the port of Halden ended on Tuesday. "We have reached a fair deal," said Maria Olsen, the union's leader.

The port authority was more cautious. "The backlog will take weeks to clear," said Erik Dahl, a spokesman for the authority.
"""
HARVEST = """Rain delays harvest

Farmers near Lund said the rain had ruined a month of work. "We have never seen a summer like this," said Anna Berg, who grows wheat.
"""


@pytest.fixture
def folder(tmp_path) -> Path:
    (tmp_path / "in").mkdir()
    return tmp_path / "in"


def build_folder(folder: Path):
    return build([folder], folder.parent / "q.db", folder.parent / "ix")


def stored_texts(folder: Path) -> dict[str, str]:
    """Each key's stored text: its own, or (an alias) the text of the article it carries."""
    with Store(folder.parent / "q.db", readonly=True) as store:
        keys = store.stored_keys()
        return {doc: (store.alias(doc) if key.is_alias else store.article(doc)).text for doc, key in keys.items()}


def file_texts(folder: Path) -> dict[str, str]:
    return {path.name: path.read_text(encoding="utf-8") for path in folder.iterdir()}


def quote_texts(folder: Path) -> list[str]:
    with Store(folder.parent / "q.db", readonly=True) as store:
        return sorted(q.text for q in store.quotes())


def test_a_duplicate_edited_and_reverted_stores_what_each_file_says(folder):
    (folder / "a.txt").write_text(STRIKE, encoding="utf-8")
    (folder / "b.txt").write_text(STRIKE, encoding="utf-8")
    first = build_folder(folder)
    assert [str(p) for p in first.problems] == [
        f"{folder / 'b.txt'}: same text as the stored article a.txt; not stored twice "
        "(kept as an alias of it, with its own source)"]
    for text in (STRIKE.replace("fair deal", "good deal"), STRIKE):
        (folder / "a.txt").write_text(text, encoding="utf-8")
        report = build_folder(folder)
        assert stored_texts(folder) == file_texts(folder)
        assert not report.failed
    assert quote_texts(folder) == ["The backlog will take weeks to clear,", "We have reached a fair deal,"]
    assert check(folder.parent / "q.db", folder.parent / "ix").ok


def test_a_file_renamed_then_edited_is_stored_once(folder):
    (folder / "strike.txt").write_text(STRIKE, encoding="utf-8")
    (folder / "harvest.txt").write_text(HARVEST, encoding="utf-8")
    build_folder(folder)
    with Store(folder.parent / "q.db", readonly=True) as store:
        old_ids = {q.text: q.quote_id for q in store.quotes("strike.txt")}

    (folder / "strike.txt").rename(folder / "port.txt")
    renamed = build_folder(folder)
    (folder / "port.txt").write_text(STRIKE.replace("fair deal", "good deal"), encoding="utf-8")
    edited = build_folder(folder)

    assert (renamed.added, renamed.moved, renamed.unchanged) == (0, 1, 1)
    assert (edited.added, edited.replaced, edited.unchanged, edited.quotes) == (0, 1, 1, 3)
    assert stored_texts(folder) == file_texts(folder)
    with Store(folder.parent / "q.db", readonly=True) as store:
        now = {q.text: q.quote_id for q in store.quotes("port.txt")}
        backlog = store.retired_quote(old_ids["The backlog will take weeks to clear,"])
        deal = store.retired_quote(old_ids["We have reached a fair deal,"])
    assert (backlog.reason, backlog.replaced_by) == ("moved", now["The backlog will take weeks to clear,"])
    assert (deal.reason, deal.replaced_by) == ("text changed", now["We have reached a good deal,"])
    assert check(folder.parent / "q.db", folder.parent / "ix").ok
