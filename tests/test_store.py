"""The SQLite store over the real seeds: idempotent saves, replaced quotes, speakers, clusters."""
from __future__ import annotations

import dataclasses
import sqlite3

import pytest
from seed_records import (SEED_SOURCES, fill_store, gold_quotes, gold_resolution, gold_speakers, seed_article,
                          seed_clusters, save_gold_speakers, shifted)
from whoosh import index

from quotes.cite import cite
from quotes.extract import extract_article
from quotes.model import Article, Merge, Quote, SpeakerResolution
from quotes.index import index_documents, indexed_fingerprints, sync_index
from quotes.errors import DatabaseError, StoreError
from quotes.store import QUOTE_FTS_UPDATE_TRIGGER, ResolutionScope, Store

DOC = "000_63344148f6407275.txt"


@pytest.fixture
def store(tmp_path, seeds_dir, seeds_gold):
    with Store(tmp_path / "quotes.db") as store:
        fill_store(store, seeds_dir, seeds_gold)
        yield store


def snapshot(store: Store) -> dict[str, list[dict]]:
    """Every row of every table but the FTS index's own, to compare a database before and after.

    Rows are compared in any order: a count that falls to 0 and rises again is a new row of the count tables.
    """
    return {
        name: sorted(store.db[name].rows, key=repr)
        for name in store.db.table_names()
        if not name.startswith("quotes_fts_")
    }


def test_save_article_stores_articles_quotes_and_outlets(store, seeds_gold, seeds_dir):
    assert store.db["articles"].count == 5
    assert store.db["outlets"].count == 5
    assert store.db["quotes"].count == sum(len(g) for g in seeds_gold.values()) == 39
    row = store.db["articles"].get(DOC)
    assert row["text"] == (seeds_dir / DOC).open(encoding="utf-8", newline="").read()
    assert row["sha256"] == seed_article(seeds_dir, DOC).sha256
    assert row["n_quotes"] == len(seeds_gold[DOC])
    assert row["outlet_id"] == "morning-ledger"
    assert row["added"]
    quote = next(store.db["quotes"].rows_where("article_id = ? AND start = 817", [DOC]))
    assert quote["text"] == "footprints of Kataib Hizbollah"
    assert (quote["outlet_id"], quote["published"]) == ("morning-ledger", "2024-01-31")


def test_saving_twice_changes_nothing(store, seeds_dir, seeds_gold):
    before = snapshot(store)
    fill_store(store, seeds_dir, seeds_gold)
    assert snapshot(store) == before


def ids_of(store: Store, doc: str = DOC) -> set[str]:
    return {q.quote_id for q in store.quotes(doc)}


def edited(seeds_dir, seeds_gold, old: str, new: str, *, drop: str | None = None):
    """Seed DOC with ``old`` replaced by ``new`` in its text and gold quotes (and the quote
    starting with ``drop`` left out), offsets shifted to match."""
    article = seed_article(seeds_dir, DOC)
    at = article.text.index(old)
    shift = len(new) - len(old)
    article.text = article.text[:at] + new + article.text[at + len(old):]
    quotes = []
    for q in gold_quotes(seeds_gold[DOC]):
        if drop and q.text.startswith(drop):
            continue
        moved = shifted(q, at, shift)
        quotes.append(dataclasses.replace(moved, text=article.text[moved.start:moved.end]))
    return article, quotes


def test_an_edit_elsewhere_in_the_article_keeps_every_quote_id(store, seeds_dir, seeds_gold):
    old_ids = ids_of(store)
    prefix = "Updated with a correction.\n"
    article = seed_article(seeds_dir, DOC)
    article.text = prefix + article.text
    store.save_article(article, [shifted(q, -1, len(prefix)) for q in gold_quotes(seeds_gold[DOC])])
    assert ids_of(store) == old_ids
    assert store.db["quotes"].count == 39
    assert store.article_sha256(DOC) == article.sha256
    assert store.db["retired_quotes"].count == 0
    for quote_id in old_ids:
        found = store.sourced_quote(quote_id)
        assert all(span.found_in(found.article_text) == span.text for span in found.quote.spans().values())


def test_a_quote_whose_words_change_leads_to_its_new_version(store, seeds_dir, seeds_gold):
    before = {q.text: q.quote_id for q in store.quotes(DOC)}
    old_text = next(t for t in before if t.startswith("footprints of Kataib"))
    article, quotes = edited(seeds_dir, seeds_gold, "footprints of Kataib", "fingerprints of Kataib")
    store.save_article(article, quotes)
    after = {q.text: q.quote_id for q in store.quotes(DOC)}
    new_text = old_text.replace("footprints", "fingerprints")
    assert {t: i for t, i in after.items() if t != new_text} == {t: i for t, i in before.items() if t != old_text}
    retired = store.retired_quote(before[old_text])
    assert (retired.reason, retired.replaced_by, retired.text) == ("text changed", after[new_text], old_text)
    assert store.sourced_quote(before[old_text]) is None


def test_a_removed_quote_is_withdrawn_and_a_revert_brings_its_id_back(store, seeds_dir, seeds_gold):
    gone = next(q for q in store.quotes(DOC) if q.text.startswith("footprints of Kataib"))
    article, quotes = edited(seeds_dir, seeds_gold, "x", "x", drop="footprints of Kataib")
    store.save_article(article, quotes)
    assert store.retired_quote(gone.quote_id).reason == "withdrawn"
    assert store.retired_quote(gone.quote_id).replaced_by is None
    store.save_article(seed_article(seeds_dir, DOC), gold_quotes(seeds_gold[DOC]))
    assert gone.quote_id in ids_of(store)
    assert store.retired_quote(gone.quote_id) is None


def test_ids_retired_earlier_follow_their_successor(store, seeds_dir, seeds_gold):
    first = next(q for q in store.quotes(DOC) if q.text.startswith("footprints of Kataib"))
    store.save_article(*edited(seeds_dir, seeds_gold, "footprints of Kataib", "fingerprints of Kataib"))
    store.save_article(*edited(seeds_dir, seeds_gold, "footprints of Kataib", "traces of Kataib"))
    latest = next(q for q in store.quotes(DOC) if q.text.startswith("traces of Kataib"))
    assert store.retired_quote(first.quote_id).replaced_by == latest.quote_id


def test_the_same_words_quoted_twice_get_two_ids():
    text = 'He said "Yes." Later he said "Yes." again.'
    quotes = [Quote(start=9, end=13, text="Yes."), Quote(start=30, end=34, text="Yes.")]
    with Store(":memory:") as store:
        store.save_article(Article(doc="twice.txt", text=text), quotes)
        assert len(ids_of(store, "twice.txt")) == 2


def test_full_text_search_finds_a_word(store):
    hits = list(store.db["quotes"].search("chains"))
    assert [h["text"][:26] for h in hits] == ["There are too many chains "]


def test_full_text_entries_follow_the_words_not_the_links(tmp_path):
    """A database made with sqlite-utils' update trigger gets the one that rewrites an entry only when
    the quote's words change; search finds the words either way."""
    path = tmp_path / "quotes.db"
    with Store(path) as store:
        store.save_article(Article(doc="a.txt", text='"Hi," she said.'), [Quote(start=1, end=4, text="Hi,")])
        store.db.execute("DROP TRIGGER quotes_au")
        store.db.execute("CREATE TRIGGER quotes_au AFTER UPDATE ON quotes BEGIN SELECT 1; END")
    with Store(path) as store:
        trigger = store.db.execute("SELECT sql FROM sqlite_master WHERE name = 'quotes_au'").fetchone()[0]
        assert trigger == QUOTE_FTS_UPDATE_TRIGGER
        store.db.execute("UPDATE quotes SET departure = 0.5, text = 'Hello,'")
        assert [h["text"] for h in store.db["quotes"].search("hello")] == ["Hello,"]
        assert not list(store.db["quotes"].search("hi"))


def test_headlines_are_kept_with_the_article_and_found_for_a_database_made_before(tmp_path):
    path = tmp_path / "quotes.db"
    text = "Obama Sees ‘Personal Insult’ If Blacks Don’t Vote\n\nPresident Obama said on Saturday that he would."
    with Store(path) as store:
        store.save_article(Article(doc="a.txt", text=text), [])
        assert store.headlines_of(["a.txt", "b.txt"]) == {"a.txt": [(0, 49)]}
        store.db.execute("ALTER TABLE articles DROP COLUMN headlines")
    with Store(path) as store:
        assert store.headlines_of(["a.txt"]) == {"a.txt": [(0, 49)]}


def test_article_sha256_is_none_for_an_unknown_doc(store, seeds_dir):
    assert store.article_sha256("nothing.txt") is None
    assert store.article_sha256(DOC) == seed_article(seeds_dir, DOC).sha256


def test_articles_and_quotes_come_back_as_records(tmp_path, seeds_dir, seeds_gold):
    article = seed_article(seeds_dir, DOC)
    article.excluded = [(10, 20)]
    with Store(tmp_path / "q.db") as store:
        store.save_article(article, gold_quotes(seeds_gold[DOC]))
        assert list(store.articles()) == [article]
        assert store.article(DOC) == article
        assert store.article("nothing.txt") is None
        stored = store.quotes()
        assert [q.text for q in stored] == [g["text"] for g in seeds_gold[DOC]]
        assert all(q.doc == DOC and q.quote_id.startswith("q-") for q in stored)


def test_reopening_keeps_everything(tmp_path, seeds_dir, seeds_gold):
    path = tmp_path / "quotes.db"
    with Store(path) as store:
        fill_store(store, seeds_dir, seeds_gold)
        before = snapshot(store)
    with Store(path) as store:
        assert snapshot(store) == before
        assert store.db.journal_mode == "wal"


def test_schema_declares_foreign_keys_fts_and_view(store, seeds_gold):
    save_gold_speakers(store, seeds_gold)
    links = {(fk.column, fk.other_table) for fk in store.db["quotes"].foreign_keys}
    assert links == {("article_id", "articles"), ("outlet_id", "outlets"),
                     ("speaker_id", "speakers"), ("cluster_id", "clusters")}
    assert {fk.column for fk in store.db["clusters"].foreign_keys} == {"speaker_id", "first_quote_id"}
    assert store.db["quotes"].detect_fts() == "quotes_fts"
    roles = list(store.db["speaker_roles"].rows_where("article_id = ?", [DOC]))
    assert {r["role"] for r in roles} >= {"US President", "Pentagon spokesperson"}
    indexed = {tuple(i.columns) for i in store.db["quotes"].indexes}
    assert {("article_id",), ("speaker_id",), ("cluster_id",), ("outlet_id",), ("published", "id")} <= indexed


def test_save_speakers_links_quotes_and_counts(store, seeds_gold):
    save_gold_speakers(store, seeds_gold)
    kirby = store.db["speakers"].get("john-kirby")
    assert (kirby["name"], kirby["n_quotes"], kirby["n_articles"], kirby["n_outlets"]) == ("John Kirby", 6, 3, 3)
    assert (kirby["first_quoted"], kirby["last_quoted"]) == ("2024-01-30", "2024-02-02")
    assert store.db["speaker_names"].get(("john-kirby", "Kirby"))["n_quotes"] == 3
    merges = list(store.db["speaker_merges"].rows_where("speaker_id = 'kataib-hizbollah'"))
    assert {m["name"] for m in merges} >= {"Kataib Hezbollah", "Kata'ib Hezbollah"}
    assert store.db.execute("SELECT count(*) FROM quotes WHERE speaker_id IS NULL").fetchone()[0] == 0


def test_save_speakers_replaces_the_previous_ones(store, seeds_gold):
    save_gold_speakers(store, seeds_gold)
    only_kirby = [s for s in gold_speakers(seeds_gold) if s.id == "john-kirby"]
    kirby_quotes = {q: s for q, s in store.speaker_of().items() if s == "john-kirby"}
    store.save_speakers(SpeakerResolution(only_kirby, kirby_quotes))
    assert [r["id"] for r in store.db["speakers"].rows] == ["john-kirby"]
    assert store.speaker_of() == kirby_quotes
    linked = store.db.execute("SELECT DISTINCT speaker_id FROM quotes").fetchall()
    assert sorted(linked, key=str) == sorted([(None,), ("john-kirby",)], key=str)


# The speaker tables, with the column naming the speaker each row belongs to.
SPEAKER_TABLES = {"speakers": "id", "speaker_names": "speaker_id", "speaker_merges": "speaker_id"}


def record_speaker_writes(store: Store) -> None:
    """Note in temp.written the table and speaker of every row inserted, updated or deleted from now on,
    its values changed or not."""
    store.db.execute("CREATE TEMP TABLE written (tbl TEXT, speaker_id TEXT)")
    for table, column in SPEAKER_TABLES.items():
        for event, row in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
            store.db.execute(f"CREATE TEMP TRIGGER written_{table}_{event.lower()} AFTER {event} ON main.{table} "
                             f"BEGIN INSERT INTO written VALUES ('{table}', {row}.{column}); END")


# Every row of the speaker tables in an order of their own; a speaker's merges in the order they were written.
SPEAKER_ROWS = {
    "speakers": "SELECT * FROM speakers ORDER BY id",
    "speaker_names": "SELECT * FROM speaker_names ORDER BY speaker_id, name",
    "speaker_merges": "SELECT * FROM speaker_merges ORDER BY speaker_id, rowid",
}


def test_an_incremental_save_of_speakers_writes_only_the_rows_that_change(store, seeds_gold):
    resolution = gold_resolution(store, seeds_gold)
    store.save_speakers(resolution)
    kirby = next(s for s in resolution.speakers if s.id == "john-kirby")
    other = next(s for s in resolution.speakers if s is not kirby)
    kirby.names.append("J. Kirby")
    kirby.merges.insert(0, Merge("J. Kirby", "initial of a given name", 0.8))
    moved = next(quote_id for quote_id, speaker_id in resolution.speaker_of.items() if speaker_id == kirby.id)
    resolution.spelling_of[moved] = "J. Kirby"
    other.type = "organization"
    scope = ResolutionScope(set(resolution.speaker_of), {s.id for s in resolution.speakers}, set(), set(), {})
    record_speaker_writes(store)

    store.save_speakers(resolution, scope)

    written = set(store.db.execute("SELECT tbl, speaker_id FROM written").fetchall())
    assert written == {("speaker_names", "john-kirby"), ("speaker_merges", "john-kirby"), ("speakers", other.id)}
    incremental = {table: store.db.execute(sql).fetchall() for table, sql in SPEAKER_ROWS.items()}
    store.save_speakers(resolution)
    assert incremental == {table: store.db.execute(sql).fetchall() for table, sql in SPEAKER_ROWS.items()}
    assert store.db["speaker_names"].get(("john-kirby", "J. Kirby"))["n_quotes"] == 1


def test_save_clusters_sets_quotes_and_counts(store, seeds_gold):
    save_gold_speakers(store, seeds_gold)
    clusters = seed_clusters(store)
    store.save_clusters(clusters)
    gaza = store.db["clusters"].get("c-defend-gaza")
    assert gaza["text"] == "We will continue to defend our people in Gaza in other ways,"
    assert (gaza["n_quotes"], gaza["n_outlets"], gaza["first_published"]) == (3, 3, "2024-01-30")
    member = store.db["quotes"].get(clusters[1].members[2].quote_id)
    assert (member["cluster_id"], member["departure"], member["flagged"]) == ("c-defend-gaza", 0.2, 1)
    store.save_clusters(clusters[:1])
    assert store.db["clusters"].count == 1
    assert store.db["quotes"].get(clusters[1].members[2].quote_id)["cluster_id"] is None


def test_quote_joins_article_outlet_and_speaker(store, seeds_gold):
    save_gold_speakers(store, seeds_gold)
    quote_id = next(q.quote_id for q in store.quotes() if q.doc == DOC and q.speaker_mention == "Kirby")
    row = store.quote(quote_id)
    assert (row["outlet"], row["speaker_name"], row["speaker_mention"]) == ("Morning Ledger", "John Kirby", "Kirby")
    assert row["title"].startswith("A leading Iraqi militia")
    assert row["sha256"] == store.article_sha256(DOC)
    assert store.quote("q-000000000000") is None


def test_bad_offsets_are_refused_and_nothing_is_stored(tmp_path):
    article = Article(doc="bad.txt", text='He said "hello there" loudly.')
    with Store(tmp_path / "q.db") as store:
        with pytest.raises(StoreError, match=r"bad.txt: quote at 0:5 is 'hello'"):
            store.save_article(article, [Quote(start=0, end=5, text="hello")])
        assert store.db["articles"].count == 0


def test_a_bad_date_is_refused(store, seeds_dir):
    article = seed_article(seeds_dir, DOC)
    with pytest.raises(StoreError, match="not ISO"):
        store.save_article(dataclasses.replace(article, published="31/01/2024"), [])
    assert store.db["articles"].count == len(SEED_SOURCES)


def test_an_alias_carries_the_text_once_with_its_own_source(store, seeds_dir):
    copy = dataclasses.replace(seed_article(seeds_dir, DOC), doc="copy.txt", outlet="Wire Copy", published="2024-02-05")
    store.save_alias(copy, of=DOC)
    assert store.db["articles"].count == len(SEED_SOURCES) and store.db["quotes"].count == 39
    row = store.db["article_aliases"].get("copy.txt")
    assert (row["article_id"], row["outlet_id"], row["published"], row["sha256"]) == (
        DOC, "wire-copy", "2024-02-05", copy.sha256)
    assert store.alias("copy.txt") == dataclasses.replace(copy, warnings=[])
    keys = store.stored_keys()
    assert (keys["copy.txt"].is_alias, keys[DOC].is_alias) == (True, False)
    assert keys["copy.txt"].sha256 == keys[DOC].sha256
    other = seed_article(seeds_dir, "001_78b0e5d51db5c65c.txt")
    with pytest.raises(StoreError, match="whose stored text differs"):
        store.save_alias(dataclasses.replace(other, doc="other.txt"), of=DOC)


def test_an_article_that_becomes_an_alias_leads_its_quote_ids_on(tmp_path, seeds_dir, seeds_gold):
    with Store(tmp_path / "q.db") as store:
        copy = dataclasses.replace(seed_article(seeds_dir, DOC), doc="copy.txt")
        store.save_article(copy, gold_quotes(seeds_gold[DOC]))
        store.save_article(seed_article(seeds_dir, DOC), gold_quotes(seeds_gold[DOC]))
        copy_ids = ids_of(store, "copy.txt")
        store.save_alias(copy, of=DOC)
        assert ids_of(store, "copy.txt") == set() and store.db["quotes"].count == len(seeds_gold[DOC])
        retired = [store.retired_quote(quote_id) for quote_id in copy_ids]
        assert {r.reason for r in retired} == {"moved"}
        assert {r.replaced_by for r in retired} == ids_of(store)
        by_id = {q.quote_id: q for q in store.quotes()}
        assert all(by_id[r.replaced_by].text == r.text for r in retired)


def test_a_forgotten_key_leads_to_where_its_text_moved(store, seeds_dir, seeds_gold):
    old_ids = ids_of(store)
    renamed = dataclasses.replace(seed_article(seeds_dir, DOC), doc="renamed.txt")
    store.save_article(renamed, gold_quotes(seeds_gold[DOC]))
    store.forget(DOC, moved_to="renamed.txt")
    assert store.article(DOC) is None and store.db["quotes"].count == 39
    new_by_words = {q.text: q.quote_id for q in store.quotes("renamed.txt")}
    for quote_id in old_ids:
        retired = store.retired_quote(quote_id)
        assert (retired.reason, retired.replaced_by) == ("moved", new_by_words[retired.text])


def test_a_transaction_is_seen_whole_or_not_at_all(store, seeds_dir, seeds_gold):
    with Store(store.path, readonly=True) as reader:
        with store.transaction():
            store.save_article(dataclasses.replace(seed_article(seeds_dir, DOC), doc="new.txt"),
                               gold_quotes(seeds_gold[DOC]))
            save_gold_speakers(store, seeds_gold)
            assert reader.counts() == {"articles": 5, "quotes": 39, "speakers": 0, "clusters": 0}
        assert reader.counts()["quotes"] == 39 + len(seeds_gold[DOC])
        assert reader.counts()["speakers"] == len(gold_speakers(seeds_gold))
        with pytest.raises(KeyboardInterrupt):
            with store.transaction():
                store.save_article(dataclasses.replace(seed_article(seeds_dir, DOC), doc="gone.txt"), [])
                raise KeyboardInterrupt
        assert store.article("gone.txt") is None and reader.article("gone.txt") is None


def test_staged_extractions_come_back_as_unsaved_quotes(store, seeds_dir, seeds_gold):
    article = seed_article(seeds_dir, DOC)
    quotes = gold_quotes(seeds_gold[DOC])
    store.stage_extractions("some_model", [(article, quotes)])
    staged = store.staged_extraction(article.sha256, "some_model")
    assert staged == [dataclasses.replace(q, speaker_id=None) for q in quotes]
    assert store.staged_extraction(article.sha256, "another_model") is None
    store.clear_staged_extractions()
    assert store.staged_extraction(article.sha256, "some_model") is None


def test_the_index_journal_keeps_pending_quotes_until_cleared(store):
    quote_ids = [q.quote_id for q in store.quotes()[:3]]
    store.queue_index_updates(quote_ids)
    store.queue_index_updates(quote_ids[:1])
    with Store(store.path, readonly=True) as reader:
        assert reader.pending_index_updates() == set(quote_ids)
    store.clear_index_updates()
    assert store.pending_index_updates() == set()


def test_unknown_quotes_and_speakers_are_refused(store, seeds_gold):
    with pytest.raises(StoreError, match="quotes not in the store: q-000000000000"):
        store.save_speakers(SpeakerResolution([], {"q-000000000000": "john-kirby"}))
    kirby_quote = store.quotes()[0].quote_id
    with pytest.raises(StoreError, match="quotes name speakers not given: john-kirby"):
        store.save_speakers(SpeakerResolution([], {kirby_quote: "john-kirby"}))



def test_extracted_seeds_are_stored_indexed_and_verifiable(nlp, tmp_path, seeds_dir):
    """The real extractor's output goes through store, index and cite unchanged."""
    articles = [seed_article(seeds_dir, doc) for doc in sorted(SEED_SOURCES)]
    found = {a.doc: extract_article(nlp, a) for a in articles}
    with Store(tmp_path / "quotes.db") as store:
        for article in articles:
            store.save_article(article, found[article.doc])
        before = snapshot(store)
        for article in articles:
            store.save_article(article, found[article.doc])
        assert snapshot(store) == before
        assert store.db["quotes"].count == sum(map(len, found.values())) > 20
        sync_index(store, tmp_path / "index")
        expected = {d["quote_id"]: d["fingerprint"] for d in index_documents(store)}
        assert indexed_fingerprints(index.open_dir(tmp_path / "index")) == expected
        assert all(cite(store, q.quote_id).verified for q in store.quotes())


def test_sourced_quote_carries_source_speaker_and_text(store, seeds_gold):
    save_gold_speakers(store, seeds_gold)
    kirby = next(q for q in store.quotes(DOC) if q.speaker_mention == "Kirby")
    found = store.sourced_quote(kirby.quote_id)
    assert found.quote == kirby
    assert (found.source.outlet, found.source.author, found.source.published) == ("Morning Ledger", "Ana Ruiz", "2024-01-31")
    assert found.source.title.startswith("A leading Iraqi militia")
    assert found.source.sha256 == store.article_sha256(DOC)
    assert found.speaker_name == "John Kirby"
    assert found.article_text[kirby.start:kirby.end] == kirby.text
    assert store.sourced_quote("q-000000000000") is None


def test_speaker_profiles_have_counts_names_and_roles(store, seeds_gold):
    save_gold_speakers(store, seeds_gold)
    profiles = store.speaker_profiles()
    assert [p.n_quotes for p in profiles] == sorted((p.n_quotes for p in profiles), reverse=True)
    [kirby] = store.speaker_profiles("john-kirby")
    assert (kirby.speaker.name, kirby.n_quotes, kirby.n_articles, kirby.n_outlets) == ("John Kirby", 6, 3, 3)
    assert ("Kirby", 3) in kirby.names
    assert "US National Security Council spokesman" in dict(kirby.roles)
    [kataib] = store.speaker_profiles("kataib-hizbollah")
    assert {m.name for m in kataib.speaker.merges} >= {"Kataib Hezbollah", "Kata'ib Hezbollah"}


def test_cluster_and_index_rows_come_back_as_records(store, seeds_gold):
    save_gold_speakers(store, seeds_gold)
    store.save_clusters(seed_clusters(store))
    gaza = store.cluster("c-defend-gaza")
    assert [m.quote_id for m in gaza.members][0] == gaza.first_quote_id
    assert len(gaza.members) == 3 and store.cluster("c-none") is None
    rows = {row.quote_id: row for row in store.index_rows()}
    assert len(rows) == 39
    kataib = next(row for row in rows.values() if row.speaker_id == "kataib-hizbollah")
    assert {"Kataib Hizbollah", "Kata'ib Hezbollah"} <= set(kataib.speaker_names)
    assert list(store.index_rows([kataib.quote_id])) == [kataib]
    assert store.counts() == {"articles": 5, "quotes": 39, "speakers": len(gold_speakers(seeds_gold)), "clusters": 2}


def test_a_read_only_store_reads_and_creates_nothing(tmp_path, store):
    with Store(store.path, readonly=True) as reader:
        assert reader.counts()["quotes"] == 39
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            reader.db["outlets"].insert({"id": "x", "name": "X"})
    with pytest.raises(DatabaseError, match="does not exist: run `quotes build` first"):
        Store(tmp_path / "nothing.db", readonly=True)
    assert not (tmp_path / "nothing.db").exists()


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path):
    text_file = tmp_path / "notes.txt"
    text_file.write_text("these are notes, not a database\n" * 50)
    with pytest.raises(DatabaseError, match="notes.txt is not a usable SQLite database"):
        Store(text_file)
    with pytest.raises(DatabaseError, match="is a folder"):
        Store(tmp_path)


def test_stored_keys_hash_again_only_the_texts_a_build_compares(store, seeds_dir):
    """A text damaged in the database shows when its own file, or a file with its stored hash, is read;
    the other stored hashes are taken as stored, so a 1-article build reads no other text."""
    other = "001_78b0e5d51db5c65c.txt"
    stored = store.stored_keys()[DOC].sha256
    store.db.execute("UPDATE articles SET text = replace(text, 'Kataib', 'Kateib') WHERE id = ?", [DOC])
    damaged = store.stored_keys()[DOC].sha256
    assert damaged != stored
    assert store.stored_keys([seed_article(seeds_dir, DOC)])[DOC].sha256 == damaged
    renamed = dataclasses.replace(seed_article(seeds_dir, DOC), doc="renamed.txt")
    assert store.stored_keys([renamed])[DOC].sha256 == damaged
    assert store.stored_keys([seed_article(seeds_dir, other)])[DOC].sha256 == stored
