"""The counts the store keeps of the quotes table's facet columns (``quote_counts``, ``quote_totals``)
equal the quotes' own counts after every kind of write: builds that add, edit and rename articles,
speakers and clusters linked and relinked, aliases and renames, and a database made before them."""
from __future__ import annotations

from pathlib import Path

import pytest
from seed_records import fill_store, gold_quotes, save_gold_speakers, seed_article, seed_clusters

from quotes.api import build
from quotes.store import COUNTED_COLUMNS, QUOTE_COUNT_TRIGGERS, Store

COLUMNS = ", ".join(COUNTED_COLUMNS)
STRIKE = """Port strike ends after talks

The strike at the port of Halden ended on Tuesday. "We have reached a fair deal," said Maria Olsen, the union's leader.

The port authority was more cautious. "The backlog will take weeks to clear," said Erik Dahl, a spokesman for the authority.
"""
HARVEST = """Rain delays harvest

Farmers near Lund said the rain had ruined a month of work. "We have never seen a summer like this," said Anna Berg, who grows wheat.

"It is a disaster," claimed Erik Dahl, who also farms.
"""
FERRY = """Ferry line reopens

"The boats will run every hour," said Maria Olsen. Passengers were relieved. "At last," said Jon Lie.
"""


def kept_counts(store: Store) -> tuple[list[tuple], list[tuple]]:
    """What the count tables hold, in a stable order."""
    combinations = store.db.execute(f"SELECT {COLUMNS}, n FROM quote_counts").fetchall()
    totals = store.db.execute("SELECT column_name, value, n FROM quote_totals").fetchall()
    return sorted(combinations, key=repr), sorted(totals, key=repr)


def counted_from_quotes(store: Store) -> tuple[list[tuple], list[tuple]]:
    """The same counts, counted from every quote."""
    combinations = store.db.execute(f"SELECT {COLUMNS}, count(*) FROM quotes GROUP BY {COLUMNS}").fetchall()
    totals = [(column, value, n) for column in COUNTED_COLUMNS for value, n in store.db.execute(
        f"SELECT {column}, count(*) FROM quotes WHERE {column} IS NOT NULL GROUP BY {column}")]
    return sorted(combinations, key=repr), sorted(totals, key=repr)


def assert_counts_hold(db: Path) -> None:
    with Store(db, readonly=True) as store:
        kept = kept_counts(store)
        assert kept == counted_from_quotes(store)
        assert kept[0], "no quotes counted"


def test_counts_follow_builds_that_add_edit_and_rename_articles(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    db, index = tmp_path / "q.db", tmp_path / "ix"
    (folder / "strike.txt").write_text(STRIKE, encoding="utf-8")
    (folder / "harvest.txt").write_text(HARVEST, encoding="utf-8")
    build([folder], db, index)
    assert_counts_hold(db)
    with Store(db, readonly=True) as store:
        stances = {row[0] for row in store.db.execute("SELECT stance FROM quotes")}
    assert stances == {"neutral", "distancing"}  # "claimed" distances: the stance facet has two values

    (folder / "strike.txt").write_text(STRIKE.replace(", said Erik Dahl", ", admitted Erik Dahl"), encoding="utf-8")
    (folder / "ferry.txt").write_text(FERRY, encoding="utf-8")
    build([folder], db, index)
    assert_counts_hold(db)

    (folder / "harvest.txt").write_text(HARVEST.split('"It is')[0], encoding="utf-8")  # a quote removed
    (folder / "ferry.txt").rename(folder / "boats.txt")  # the old key goes
    build([folder], db, index)
    assert_counts_hold(db)
    with Store(db, readonly=True) as store:
        assert store.db.execute("SELECT sum(n) FROM quote_counts").fetchone()[0] == store.db["quotes"].count
        assert len(store.quotes("harvest.txt")) == 1 and not store.quotes("ferry.txt") and store.quotes("boats.txt")


@pytest.fixture
def seeds_store(tmp_path, seeds_dir, seeds_gold):
    with Store(tmp_path / "quotes.db") as store:
        fill_store(store, seeds_dir, seeds_gold)
        yield store


def test_counts_follow_speakers_clusters_aliases_and_edits(seeds_store, seeds_dir, seeds_gold):
    store = seeds_store
    assert kept_counts(store) == counted_from_quotes(store)
    save_gold_speakers(store, seeds_gold)  # every quote gains its speaker_id
    store.save_clusters(seed_clusters(store))
    assert kept_counts(store) == counted_from_quotes(store)
    assert store.db.execute("SELECT count(*) FROM quote_totals WHERE column_name = 'speaker_id'").fetchone()[0] > 1

    first, second = sorted(seeds_gold)[:2]
    edited = seed_article(seeds_dir, first)
    edited.outlet = "Another Outlet"  # every quote of the article moves to another outlet
    store.save_article(edited, gold_quotes(seeds_gold[first])[1:])
    assert kept_counts(store) == counted_from_quotes(store)

    copy = seed_article(seeds_dir, second)
    copy.doc = "copy-of-second.txt"
    store.save_article(copy, gold_quotes(seeds_gold[second]))
    store.save_alias(copy, of=second)  # its quotes go: it carries the text of another article
    store.forget(first, moved_to=second)
    assert kept_counts(store) == counted_from_quotes(store)
    assert not store.db.execute("SELECT 1 FROM quote_counts WHERE n < 1").fetchall()  # no empty counts linger


def test_a_database_made_before_the_counts_gets_them_when_opened(tmp_path, seeds_dir, seeds_gold):
    db = tmp_path / "quotes.db"
    with Store(db) as store:
        fill_store(store, seeds_dir, seeds_gold)
        save_gold_speakers(store, seeds_gold)
        for trigger in QUOTE_COUNT_TRIGGERS:
            store.db.execute(f"DROP TRIGGER {trigger}")
        store.db["quote_counts"].drop()
        store.db["quote_totals"].drop()
    with Store(db) as store:
        assert kept_counts(store) == counted_from_quotes(store)
        store.save_article(seed_article(seeds_dir, sorted(seeds_gold)[0]), [])  # and keeps them from then on
        assert kept_counts(store) == counted_from_quotes(store)
