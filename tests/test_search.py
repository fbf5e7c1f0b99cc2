"""The Whoosh index over the seeds: kept in step with the store, searched with filters."""
from __future__ import annotations

import dataclasses
import re

import pytest
from seed_records import fill_store, gold_quotes, gold_speakers, seed_article, seed_clusters
from whoosh import index
from whoosh.fields import ID, TEXT, Schema

from quotes.model import Merge
from quotes.search import IndexReport, SearchError, index_documents, indexed_fingerprints, search, sync_index
from quotes.store import Store

DOC = "000_63344148f6407275.txt"


def build_seeds(path, seeds_dir, seeds_gold) -> Store:
    """A store with the seeds, their speakers and clusters, as a build leaves it."""
    store = Store(path)
    fill_store(store, seeds_dir, seeds_gold)
    store.save_speakers(gold_speakers(seeds_gold), store.quotes())
    store.save_clusters(seed_clusters(store))
    return store


@pytest.fixture
def store(tmp_path, seeds_dir, seeds_gold):
    with build_seeds(tmp_path / "quotes.db", seeds_dir, seeds_gold) as store:
        yield store


@pytest.fixture
def synced_index(store, tmp_path):
    """An index of ``store`` that the test may change."""
    path = tmp_path / "index"
    sync_index(store, path)
    return path


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory, seeds_dir, seeds_gold):
    """An index of the seeds shared by the tests that only search."""
    path = tmp_path_factory.mktemp("search")
    with build_seeds(path / "quotes.db", seeds_dir, seeds_gold) as store:
        sync_index(store, path / "index")
    return path / "index"


def assert_agrees(store: Store, index_dir) -> None:
    """The index holds exactly the stored quotes, each with its current fingerprint."""
    expected = {doc["quote_id"]: doc["fingerprint"] for doc in index_documents(store)}
    assert indexed_fingerprints(index.open_dir(index_dir)) == expected
    assert set(expected) == {q.quote_id for q in store.quotes()}


def test_sync_creates_the_index_then_has_nothing_to_do(store, tmp_path):
    path = tmp_path / "new" / "index"
    assert sync_index(store, path) == IndexReport(added=39, updated=0, removed=0)
    assert_agrees(store, path)
    assert sync_index(store, path) == IndexReport()


def test_sync_rebuilds_an_index_made_with_another_schema(store, tmp_path):
    path = tmp_path / "old-index"
    path.mkdir()
    index.create_in(path, Schema(quote_id=ID(stored=True, unique=True), body=TEXT(stored=True)))
    assert sync_index(store, path) == IndexReport(added=39)
    assert_agrees(store, path)


def test_sync_follows_a_changed_article(store, synced_index, seeds_dir, seeds_gold):
    prefix = "Correction appended above.\n"
    article = seed_article(seeds_dir, DOC)
    article.text = prefix + article.text
    quotes = [dataclasses.replace(q, start=q.start + len(prefix), end=q.end + len(prefix))
              for q in gold_quotes(seeds_gold[DOC])]
    store.save_article(article, quotes)
    n = len(seeds_gold[DOC])
    assert sync_index(store, synced_index) == IndexReport(added=n, updated=0, removed=n)
    assert_agrees(store, synced_index)


def test_sync_follows_removed_quotes(store, synced_index, seeds_dir, seeds_gold):
    store.save_article(seed_article(seeds_dir, DOC), gold_quotes(seeds_gold[DOC])[:-2])
    store.save_clusters(seed_clusters(store))  # as a build does after saving articles
    assert sync_index(store, synced_index) == IndexReport(removed=2)
    assert_agrees(store, synced_index)
    assert not search(synced_index, '"two competing interests"')


def test_sync_rewrites_quotes_whose_speaker_gained_a_name(store, synced_index, seeds_gold):
    speakers = gold_speakers(seeds_gold)
    kirby = next(s for s in speakers if s.id == "john-kirby")
    kirby.names.append("Admiral Kirby")
    kirby.merges.append(Merge("Admiral Kirby", "title variant", 0.9))
    store.save_speakers(speakers, store.quotes())
    assert sync_index(store, synced_index) == IndexReport(updated=6)
    assert_agrees(store, synced_index)
    assert len(search(synced_index, "", speaker="admiral")) == 6


def test_phrase(index_dir):
    hits = search(index_dir, '"wider war"')
    assert [h.speaker for h in hits] == ["Joe Biden"]
    assert hits[0].snippet.startswith("need a [wider] [war] in the Middle East")
    assert (hits[0].outlet, hits[0].published, hits[0].doc) == ("Morning Ledger", "2024-01-31", DOC)


def test_boolean_query(index_dir):
    with_iran = {h.quote_id for h in search(index_dir, "war AND iran")}
    without_iran = {h.quote_id for h in search(index_dir, "war AND NOT iran")}
    assert with_iran and without_iran and not with_iran & without_iran
    assert {h.quote_id for h in search(index_dir, "war")} == with_iran | without_iran


def test_wildcard_and_stemming(index_dir):
    texts = [h.text for h in search(index_dir, "respon*")]
    assert any("We’ll respond" in t for t in texts) and any("We're going to respond" in t for t in texts)
    assert search(index_dir, "responding")  # stemmed to "respond"


def test_fuzzy_term(index_dir):
    assert not search(index_dir, "embarassment")
    hits = search(index_dir, "embarassment~")
    assert len(hits) == 2 and all("[embarrassment]" in h.snippet for h in hits)


def test_speaker_filter_matches_any_name_written(index_dir):
    kirby = search(index_dir, "", speaker="Kirby", limit=50)
    assert len(kirby) == 6 and {h.speaker for h in kirby} == {"John Kirby"}
    assert {h.quote_id for h in search(index_dir, "", speaker="john kirby")} == {h.quote_id for h in kirby}
    kataib = search(index_dir, "", speaker="Kata'ib Hezbollah")
    assert {h.speaker_id for h in kataib} == {"kataib-hizbollah"} and len(kataib) == 5
    assert len(search(index_dir, "", speaker="kataib-hizbollah")) == 5
    assert search(index_dir, "war", speaker="Kirby")[0].speaker == "John Kirby"


def test_outlet_filter_by_name_or_id(index_dir):
    by_name = search(index_dir, "", outlet="levant review", limit=50)
    assert {h.outlet for h in by_name} == {"Levant Review"} and len(by_name) == 10
    assert {h.quote_id for h in search(index_dir, "", outlet="levant-review", limit=50)} == {
        h.quote_id for h in by_name
    }


def test_date_filters_are_inclusive(index_dir):
    assert {h.published for h in search(index_dir, "war", since="2024-01-31")} == {"2024-01-31", "2024-02-02"}
    assert {h.published for h in search(index_dir, "war", until="2024-01-30")} == {"2024-01-30"}
    between = search(index_dir, "", since="2024-01-31", until="2024-01-31", limit=100)
    assert {h.published for h in between} == {"2024-01-31"}


def test_by_cluster_keeps_one_hit_per_statement(index_dir):
    every = search(index_dir, "gaza")
    collapsed = search(index_dir, "gaza", by_cluster=True)
    assert [h.cluster_id for h in every] == ["c-defend-gaza"] * 3
    assert len(collapsed) == 1 and collapsed[0].versions == 3
    unclustered = search(index_dir, '"wider war"', by_cluster=True)
    assert len(unclustered) == 1 and unclustered[0].versions == 1


def test_by_cluster_collapses_under_a_filter_too(index_dir):
    filtered = search(index_dir, "gaza", by_cluster=True, since="2024-01-01")
    assert [h.cluster_id for h in filtered] == ["c-defend-gaza"]


@pytest.mark.parametrize(
    "bad_query, message",
    [
        ('"wider war', 'a phrase has no closing "'),
        ("(war OR drone", "a ( is not closed"),
        ("war AND", "AND needs a term after it"),
        ("speakr:kirby", "no field 'speakr'"),
        ("published:[2024-13-01 TO]", "month must be in 1..12"),
    ],
)
def test_a_bad_query_raises_search_error(index_dir, bad_query, message):
    with pytest.raises(SearchError, match=re.escape(message)):
        search(index_dir, bad_query)


def test_bad_dates_and_missing_index_raise_search_error(index_dir, tmp_path):
    with pytest.raises(SearchError, match="since date '2024-31-01' is not a date YYYY-MM-DD"):
        search(index_dir, "war", since="2024-31-01")
    with pytest.raises(SearchError, match="no search index"):
        search(tmp_path / "nowhere", "war")

