"""The Whoosh index over the seeds: kept in step with the store, searched with filters."""
from __future__ import annotations

import dataclasses
import html
import re

import pytest
from seed_records import fill_store, gold_quotes, gold_speakers, seed_article, seed_clusters, save_gold_speakers, shifted
from whoosh import index
from whoosh import query as wq
from whoosh.codec.whoosh3 import W3Codec
from whoosh.fields import DATETIME, ID, TEXT, Schema

from quotes.model import Merge, SpeakerResolution
from quotes.names import same_transliterated_word
from quotes import index_columns, ranking
from quotes.query import MAX_QUERY_CHARS, MAX_QUERY_TERMS, PairedPhrase, SpellingVariants, parse_query
from quotes.search import UNKNOWN_OUTLET, SearchError, open_index, search, search_page
from quotes.speaker_filter import SpeakerNames, name_matches
from quotes.index import (SCHEMA, VERSION_FILE, WORD_PAIRS, Analysed, IndexReport, index_documents,
                          indexed_fingerprints, make_schema, quote_terms, same_schema, sync_index)
from quotes.index_codec import WriterCodec
from quotes.store import Store

DOC = "000_63344148f6407275.txt"


def build_seeds(path, seeds_dir, seeds_gold) -> Store:
    """A store with the seeds, their speakers and clusters, as a build leaves it."""
    store = Store(path)
    fill_store(store, seeds_dir, seeds_gold)
    save_gold_speakers(store, seeds_gold)
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


def test_sync_rebuilds_an_index_whose_fields_have_other_types(store, tmp_path):
    """An index made when the fingerprint was an ID and a date had Whoosh's eight terms (the same field
    names, other types and options) is made afresh, not written on with its own schema."""
    path = tmp_path / "old-index"
    path.mkdir()
    old = make_schema()
    for name, field in (("fingerprint", ID(stored=True)), ("published", DATETIME(stored=True))):
        old.remove(name)
        old.add(name, field)
    assert old["published"] == SCHEMA["published"]  # as Whoosh compares fields
    index.create_in(path, old)
    assert sync_index(store, path) == IndexReport(added=39)
    assert same_schema(index.open_dir(path).schema, SCHEMA)
    assert_agrees(store, path)


def test_terms_analysed_once_make_the_index_whoosh_makes(store, synced_index, tmp_path):
    """Whoosh given each document's values to analyse itself writes the same terms, postings, lengths
    and stored fields as a sync, which hands it terms analysed once (quotes.index.Analysed)."""
    by_whoosh = index.create_in(tmp_path, SCHEMA)
    with by_whoosh.writer(codec=WriterCodec()) as writer:
        for doc in index_documents(store):
            writer.add_document(**doc)
    assert index_contents(index.open_dir(synced_index)) == index_contents(by_whoosh)


def test_the_writer_codec_writes_what_whoosh_writes(store, synced_index, tmp_path):
    """Written by Whoosh's own codec, the index holds the same postings, lengths and stored fields as
    written by WriterCodec, which inlines the postings of terms held by one quote: only a posting of a
    field that keeps no values reads as "" once inlined, not None. Whoosh's codec reads the segments."""
    by_whoosh = index.create_in(tmp_path, SCHEMA)
    analysed = Analysed()
    with by_whoosh.writer() as writer:
        for doc in index_documents(store):
            writer.add_document(**analysed.document(doc))
    synced = index.open_dir(synced_index)
    assert all(type(segment.codec()) is W3Codec for segment in synced._segments())
    postings, lengths, stored = index_contents(synced)
    no_values = {name for name, field in SCHEMA.items() if field.indexed and field.format.fixed_value_size() == 0}
    postings = {(name, term): [(d, w, None if name in no_values and v == "" else v) for d, w, v in found]
                for (name, term), found in postings.items()}
    assert (postings, lengths, stored) == index_contents(by_whoosh)
    with synced.reader() as reader:
        assert all(reader.term_info(*term).is_inlined() == (len(found) == 1) for term, found in postings.items())


def index_contents(ix) -> tuple:
    """Every term of every field with its postings (document, weight, value), each document's field lengths
    and stored fields."""
    with ix.searcher() as searcher:
        reader = searcher.reader()
        postings = {(name, term): all_postings(reader.postings(name, term))
                    for name in SCHEMA.names() if SCHEMA[name].indexed for term in reader.lexicon(name)}
        lengths = [[reader.doc_field_length(d, name) for name in SCHEMA.names() if SCHEMA[name].scorable]
                   for d in range(reader.doc_count_all())]
        stored = [reader.stored_fields(d) for d in range(reader.doc_count_all())]
    return postings, lengths, stored


def all_postings(matcher) -> list[tuple]:
    found = []
    while matcher.is_active():
        found.append((matcher.id(), matcher.weight(), matcher.value()))
        matcher.next()
    return found


@pytest.mark.parametrize("text", ["", "War.", "no war", "We are not seeking a wider war, not now"])
def test_quote_terms_pair_the_words_as_the_pairs_analyzer_does(text):
    written, stems, pairs = quote_terms(text)
    assert pairs == [token.text for token in WORD_PAIRS(text)]


def test_sync_follows_a_changed_article(store, synced_index, seeds_dir, seeds_gold):
    """A correction above the text moves every quote and changes the headline: the same
    quote IDs, each rewritten because its article title changed."""
    prefix = "Correction appended above.\n"
    article = seed_article(seeds_dir, DOC)
    article.text = prefix + article.text
    article.title = "Corrected: " + article.title
    quotes = [shifted(q, -1, len(prefix))
              for q in gold_quotes(seeds_gold[DOC])]
    store.save_article(article, quotes)
    n = len(seeds_gold[DOC])
    assert sync_index(store, synced_index) == IndexReport(updated=n)
    assert_agrees(store, synced_index)
    assert {h.title for h in search(synced_index, "", outlet="Morning Ledger", limit=50)} == {article.title}


def test_sync_follows_removed_quotes(store, synced_index, seeds_dir, seeds_gold):
    store.save_article(seed_article(seeds_dir, DOC), gold_quotes(seeds_gold[DOC])[:-2])
    store.save_clusters(seed_clusters(store))  # as a build does after saving articles
    assert sync_index(store, synced_index) == IndexReport(removed=2)
    assert_agrees(store, synced_index)
    assert not search(synced_index, '"two competing interests"')


def test_a_search_sees_what_a_sync_changed_since_the_last_one(store, synced_index, seeds_dir, seeds_gold):
    """Searches keep the index open between calls; the next search after a sync reads the new version."""
    before = search_page(synced_index, "")
    assert search(synced_index, '"two competing interests"')
    store.save_article(seed_article(seeds_dir, DOC), gold_quotes(seeds_gold[DOC])[:-2])
    store.save_clusters(seed_clusters(store))
    sync_index(store, synced_index)
    after = search_page(synced_index, "")
    assert not search(synced_index, '"two competing interests"')
    assert after.total == before.total - 2
    assert sum(facet.count for facet in after.facets["stance"]) == after.total


def test_sync_by_a_journal_looks_only_at_its_quotes(store, synced_index, seeds_dir, seeds_gold):
    """Given the quotes a build changed, the sync rewrites those and reads no other document."""
    journal = [q.quote_id for q in store.quotes(DOC)]
    store.save_article(seed_article(seeds_dir, DOC), gold_quotes(seeds_gold[DOC])[:-2])
    store.save_clusters(seed_clusters(store))  # as a build does after saving articles
    assert sync_index(store, synced_index, journal) == IndexReport(removed=2)
    assert_agrees(store, synced_index)
    unnamed = store.quotes()[0].quote_id
    store.db.execute("UPDATE quotes SET stance = 'distancing' WHERE id = ?", [unnamed])  # a change no journal names
    assert sync_index(store, synced_index, []) == IndexReport()
    assert sync_index(store, synced_index) == IndexReport(updated=1)


def test_sync_by_a_journal_compares_everything_when_the_index_drifted(store, synced_index):
    """An index that lost a document outside any journal, or was synced by another version, is compared whole."""
    with index.open_dir(synced_index).writer() as writer:
        writer.delete_by_term("quote_id", store.quotes()[0].quote_id)
    assert sync_index(store, synced_index, []) == IndexReport(added=1)
    (synced_index / VERSION_FILE).unlink()
    assert sync_index(store, synced_index, []) == IndexReport()
    assert (synced_index / VERSION_FILE).exists()
    assert_agrees(store, synced_index)


def test_sync_rewrites_quotes_whose_speaker_gained_a_name(store, synced_index, seeds_gold):
    speakers = gold_speakers(seeds_gold)
    kirby = next(s for s in speakers if s.id == "john-kirby")
    kirby.names.append("Admiral Kirby")
    kirby.merges.append(Merge("Admiral Kirby", "title variant", 0.9))
    store.save_speakers(SpeakerResolution(speakers, store.speaker_of()))
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


def test_a_query_of_dates_finds_what_the_date_filters_find(index_dir):
    """A date is one term a quote (quotes.index.one_term_dates): a query of dates reads each date's term
    in its range, and finds the quotes the date filters let through."""
    for query, since, until in (("published:20240131", "2024-01-31", "2024-01-31"),
                                ("published:[20240131 TO]", "2024-01-31", None),
                                ("published:[TO 20240130]", None, "2024-01-30"),
                                ("published:2024", "2024-01-01", "2024-12-31")):
        found = {h.quote_id for h in search(index_dir, query, limit=100)}
        assert found and found == {h.quote_id for h in search(index_dir, "", since=since, until=until, limit=100)}


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



# -- what issue 7 asked for: wildcards over written words, spelling variants -------


def test_wildcard_matches_the_words_as_written(index_dir):
    """escalate and escalation stem to "escal": a wildcard over the stems would miss them."""
    snippets = [h.snippet for h in search(index_dir, "escalat*", limit=50)]
    marked = {word.lower() for s in snippets for word in re.findall(r"\[([^\]]+)\]", s)}
    assert marked == {"escalate", "escalation", "escalating", "escalatory"}
    assert len(snippets) == 5
    assert {h.quote_id for h in search(index_dir, "Escalat*", limit=50)} == {
        h.quote_id for h in search(index_dir, "escalat*", limit=50)}
    assert len(search(index_dir, "esc?late*", limit=50)) == 3  # escalate, escalation, escalate


def test_fuzzy_term_finds_every_transliteration(index_dir):
    snippets = [h.snippet for h in search(index_dir, "Hizbolah~", limit=50)]
    assert {word for s in snippets for word in re.findall(r"\[([^\]]+)\]", s)} == {"Hizbollah", "Hezbollah"}
    assert len(snippets) == 4


def test_a_fuzzy_term_stands_for_what_whoosh_and_a_scan_for_transliterations_find(index_dir):
    """The lexicon's lookups give the words Whoosh's fuzzy term finds, plus every word of the same
    first letter that same_transliterated_word takes for a spelling of the term."""
    with index.open_dir(index_dir).searcher() as searcher:
        for reader, _ in searcher.reader().leaf_readers():
            words = [term.decode("utf-8") for term in reader.lexicon("text")]
            terms = words[::3] + [word[:-1] + "x" for word in words[::7]] + ["hizbolah", "presidnt", "goverment"]
            for term in terms:
                for maxdist, prefixlength in ((1, 1), (2, 1), (1, 0), (2, min(2, len(term)))):
                    fuzzy = SpellingVariants("text", term, maxdist=maxdist, prefixlength=prefixlength)
                    near = set(wq.FuzzyTerm._btexts(fuzzy, reader))
                    variants = {word for word in words if word[:1] == term[:1] and same_transliterated_word(term, word)}
                    assert fuzzy._expand(reader) == sorted(near | variants), (term, maxdist, prefixlength)


@pytest.mark.parametrize("name", ["Kata'ib Hezbollah", "Kataib Hizbullah", "Kata’ib Hezbollah", "kataib hizballah",
                                  "Kataib Hizbollah"])
def test_speaker_filter_resolves_spelling_variants(index_dir, name):
    hits = search(index_dir, "", speaker=name, limit=50)
    assert {h.speaker_id for h in hits} == {"kataib-hizbollah"} and len(hits) == 5


def test_speaker_filter_keeps_names_that_only_look_alike_apart(index_dir):
    assert not search(index_dir, "", speaker="Hassan Hamidawi")  # Hassan is not Hussein
    assert not search(index_dir, "", speaker="Kirbi Hamidawi")
    assert {h.speaker for h in search(index_dir, "", speaker="al-Hamidawi", limit=50)} == {"Abu Hussein al-Hamidawi"}


def test_speaker_names_find_the_names_name_matches_finds(store):
    """SpeakerNames looks names up by transliteration key; it must find exactly what trying each name finds."""
    names = store.db.execute("select speaker_id, name from speaker_names").fetchall()
    indexed = SpeakerNames(names)
    for query in ("Kataib Hizbullah", "Kata'ib Hezbollah", "kirby", "John Kirby", "Hassan Nasrallah", "Admiral", ""):
        assert indexed.matching(query) == {speaker for speaker, name in names if name_matches(query, name)}, query
    assert indexed.matching("Kataib Hizbullah")


def test_name_matches_as_the_speaker_filter_does():
    assert name_matches("Kata'ib Hezbollah", "Kataib Hizbollah")
    assert name_matches("Gen. Ryder", "Maj. Gen. Pat Ryder")
    assert not name_matches("Hassan Nasrallah", "Hussein Nasrallah")
    assert not name_matches("Kirby", "Sabrina Singh")


# -- filters, sorting, paging and facets -------------------------------------------------


def test_stance_and_kind_filters(index_dir, seeds_gold):
    distancing = search(index_dir, "", stance="distancing", limit=100)
    gold = sum(q["stance"] == "distancing" for quotes in seeds_gold.values() for q in quotes)
    assert len(distancing) == gold and {h.stance for h in distancing} == {"distancing"}
    terms = search(index_dir, "", kind="term", stance="neutral", limit=100)
    assert terms and {(h.kind, h.stance) for h in terms} == {("term", "neutral")}


def test_sort_by_date_is_newest_first(index_dir):
    dates = [h.published for h in search(index_dir, "war", sort="date", limit=50)]
    assert dates == sorted(dates, reverse=True) and len(set(dates)) > 1


def test_pages_cover_every_hit_once(index_dir):
    first = search_page(index_dir, "", limit=15)
    assert (first.total, first.pages, len(first.hits)) == (39, 3, 15)
    ids = [h.quote_id for page in (1, 2, 3) for h in search_page(index_dir, "", limit=15, page=page).hits]
    assert len(ids) == len(set(ids)) == 39
    assert search_page(index_dir, "", limit=15, page=4).hits == []


def test_facets_count_the_hits(index_dir, seeds_gold):
    results = search_page(index_dir, "", limit=1)
    speakers = {f.label: f.count for f in results.facets["speaker"]}
    assert speakers["John Kirby"] == 6 and speakers["Kataib Hizbollah"] == 5
    assert next(f.value for f in results.facets["speaker"] if f.label == "John Kirby") == "john-kirby"
    outlets = {f.label: (f.value, f.count) for f in results.facets["outlet"]}
    assert outlets["Levant Review"] == ("levant-review", 10)
    assert sum(f.count for f in results.facets["stance"]) == sum(f.count for f in results.facets["kind"]) == 39
    narrowed = search_page(index_dir, "", speaker="john-kirby", limit=1)
    assert [(f.label, f.count) for f in narrowed.facets["speaker"]] == [("John Kirby", 6)]


def test_by_cluster_counts_statements(index_dir):
    every = search_page(index_dir, "gaza")
    collapsed = search_page(index_dir, "gaza", by_cluster=True)
    assert (every.total, collapsed.total) == (3, 1)
    assert [(f.label, f.count) for f in collapsed.facets["speaker"]] == [("Abu Hussein al-Hamidawi", 1)]


def test_unknown_outlet_is_a_facet_and_a_filter(tmp_path, seeds_dir, seeds_gold):
    with build_seeds(tmp_path / "quotes.db", seeds_dir, seeds_gold) as store:
        article = seed_article(seeds_dir, DOC)
        article.outlet = None
        store.save_article(article, gold_quotes(seeds_gold[DOC]))
        sync_index(store, tmp_path / "index")
    n = len(seeds_gold[DOC])
    results = search_page(tmp_path / "index", "")
    assert (UNKNOWN_OUTLET, "outlet not known", n) in [(f.value, f.label, f.count) for f in results.facets["outlet"]]
    unknown = search(tmp_path / "index", "", outlet=UNKNOWN_OUTLET, limit=100)
    assert len(unknown) == n and {h.outlet for h in unknown} == {None}


def test_html_snippets_are_escaped_and_marked(tmp_path, seeds_dir, seeds_gold):
    with build_seeds(tmp_path / "quotes.db", seeds_dir, seeds_gold) as store:
        article = seed_article(seeds_dir, DOC)
        payload = 'war <script>alert("x")</script> & <b>'
        start = article.text.index("need a wider war")
        article.text = article.text[:start] + payload + " " + article.text[start:]
        quote = gold_quotes(seeds_gold[DOC])[0]
        quote = dataclasses.replace(quote, start=start, end=start + len(payload), text=payload)
        store.save_article(article, [quote])
        sync_index(store, tmp_path / "index")
    (hit,) = search(tmp_path / "index", "alert", html=True)
    unmarked = hit.snippet.replace("<mark>alert</mark>", "alert")
    assert "<mark>alert</mark>" in hit.snippet and "<" not in unmarked and ">" not in unmarked
    assert unmarked.startswith("war &lt;script&gt;alert") and html.unescape(unmarked).removesuffix(" …") in payload
    (plain,) = search(tmp_path / "index", "alert")
    assert plain.snippet.startswith('war <script>[alert]("x")</script>')


# -- what a search may cost ---------------------------------------------------------------


@pytest.mark.parametrize(
    "query, message",
    [
        ("war " * (MAX_QUERY_CHARS // 4 + 1), f"at most {MAX_QUERY_CHARS:,} are searched"),
        (" OR ".join(f"w{i}" for i in range(MAX_QUERY_TERMS + 1)), f"at most {MAX_QUERY_TERMS} are searched"),
        ("hizbolah~3", "at most 2"),
    ],
)
def test_a_query_too_large_raises_search_error(index_dir, query, message):
    with pytest.raises(SearchError, match=re.escape(message)):
        search(index_dir, query)


@pytest.mark.parametrize("options, message", [
    ({"limit": 0}, "limit must be at least 1"),
    ({"page": 0}, "page must be at least 1"),
    ({"sort": "rank"}, "sort must be one of relevance, date"),
])
def test_bad_limit_page_or_sort_raises_search_error(index_dir, options, message):
    with pytest.raises(SearchError, match=message):
        search(index_dir, "war", **options)


def test_a_search_over_its_time_limit_raises_search_error(index_dir, monkeypatch):
    """Whoosh's collector stops at the first document once the limit has passed (a query of more
    than one term: one word alone is scored from the kept postings, without a collector)."""

    class AlreadyTimedOut(ranking.TimeLimitCollector):
        def prepare(self, top_searcher, q, context):
            super().prepare(top_searcher, q, context)
            self.timedout = True

    monkeypatch.setattr(ranking, "TimeLimitCollector", AlreadyTimedOut)
    with pytest.raises(SearchError, match="the search took longer than 0.5 seconds"):
        search(index_dir, "war OR iran", time_limit=0.5)


# -- phrases: found through the index's word pairs, as Whoosh's own phrase query finds them ---------------


def whooshs_own_phrases(monkeypatch):
    """Make every phrase Whoosh's phrase query, which checks every word's positions."""
    monkeypatch.setattr(PairedPhrase, "pairs", lambda phrase: None)


def hits_of(index_dir, query: str, **options) -> list[tuple[str, float]]:
    return [(h.quote_id, h.score) for h in search(index_dir, query, limit=1000, **options)]


def assert_as_whoosh_finds(index_dir, queries: list[str], monkeypatch, **options) -> None:
    """The same quotes, in the same order, with the same scores, as Whoosh's phrase query."""
    ours = {query: hits_of(index_dir, query, **options) for query in queries}
    with monkeypatch.context() as patched:
        whooshs_own_phrases(patched)
        theirs = {query: hits_of(index_dir, query, **options) for query in queries}
    assert ours == theirs


def phrases_of(texts: list[str], lengths=(2, 3, 4)) -> list[str]:
    """Every run of ``lengths`` words of ``texts``, as phrase queries."""
    phrases = set()
    for text in texts:
        words = re.findall(r"\w+", text)
        for n in lengths:
            phrases.update('"' + " ".join(words[i:i + n]) + '"' for i in range(len(words) - n + 1))
    return sorted(phrases)


def test_a_phrase_finds_what_whoosh_finds_in_the_seeds(index_dir, monkeypatch):
    with index.open_dir(index_dir).searcher() as searcher:
        texts = [fields["text"] for fields in searcher.all_stored_fields()]
    phrases = phrases_of(texts[:40])
    assert len(phrases) > 1000
    tricky = ['"wider war"', '"going to respond"', '"go to respond"', '"we\'re going to"', '"war"',
              '"the the"', '"middle east"~3', 'war OR "wider war"', '"wider war" AND NOT iran',
              'speaker:"joe biden"', '"no such words"', '"wider war" "middle east"']
    assert_as_whoosh_finds(index_dir, phrases + tricky, monkeypatch)
    assert_as_whoosh_finds(index_dir, tricky, monkeypatch, speaker="Biden")
    assert_as_whoosh_finds(index_dir, tricky, monkeypatch, sort="date")


@pytest.fixture(scope="module")
def small_index(tmp_path_factory):
    """An index of a few quotes with repeated words, punctuation and stems, written as sync_index writes."""
    texts = [
        "No, no, no: we will not go.",
        "We will go. We will, we will go!",
        "It is what it is, and what it is is what we are going to fix.",
        "Going to the going rate, we went to go.",
        "Responding, we respond; responders responded to the response.",
        "War.",
        "war war war",
        "The war on the war on the war.",
        "—",
        "Élan, élan vital: the élan of the U.S. is the U.S.",
    ]
    path = tmp_path_factory.mktemp("small") / "index"
    path.mkdir()
    ix = index.create_in(path, SCHEMA)
    with ix.writer() as writer:
        for number, text in enumerate(texts):
            writer.add_document(quote_id=f"q-{number}", doc="d.txt", text=text, text_written=text, text_pairs=text,
                                fingerprint=str(number))
    return path


@pytest.mark.parametrize("query", [
    '"no no"', '"no no no"', '"no no no no"', '"we will"', '"we will we will"', '"will we will go"',
    '"it is what it is"', '"what it is is what"', '"is is"', '"going to"', '"go to"', '"going to go"',
    '"responding respond"', '"respond responders"', '"response to"', '"war war"', '"war war war"',
    '"war war war war"', '"the war on the war"', '"war on the war on the war"', '"war"', '"elan elan"',
    '"Élan vital"', '"u.s. is"', '"the U.S."', '"is the U.S."', '"will not go"', '"go we"', '"not"',
])
def test_a_phrase_of_repeated_words_stems_and_punctuation_finds_what_whoosh_finds(small_index, query, monkeypatch):
    assert_as_whoosh_finds(small_index, [query], monkeypatch)


def test_a_phrase_finds_its_quotes(small_index):
    assert [quote_id for quote_id, _ in hits_of(small_index, '"war war"')] == ["q-6"]
    assert {quote_id for quote_id, _ in hits_of(small_index, '"we will go"')} == {"q-1"}
    assert {quote_id for quote_id, _ in hits_of(small_index, '"going to go"')} == set()
    assert {quote_id for quote_id, _ in hits_of(small_index, '"responded to the response"')} == {"q-4"}


# -- one word or one phrase: scored from the kept postings, as Whoosh's collector scores it -----------------


def whooshs_own_collector(monkeypatch):
    """Make every query go through Whoosh's matchers and collector, none through the kept postings."""
    monkeypatch.setattr(ranking, "scored_from_postings", lambda postings, parsed: None)


def assert_as_whooshs_collector_finds(index_dir, queries: list[str], monkeypatch, **options) -> None:
    """The same quotes, in the same order, with the same scores and totals, as Whoosh's collector."""
    def found(query):
        results = search_page(index_dir, query, limit=1000, **options)
        return results.total, [(h.quote_id, h.score) for h in results.hits], results.facets

    ours = {query: found(query) for query in queries}
    with monkeypatch.context() as patched:
        whooshs_own_collector(patched)
        theirs = {query: found(query) for query in queries}
    assert ours == theirs


def test_a_word_finds_what_whooshs_collector_finds(index_dir, monkeypatch):
    with index.open_dir(index_dir).searcher() as searcher:
        words = sorted({word for fields in searcher.all_stored_fields() for word in re.findall(r"\w+", fields["text"])})
    assert len(words) > 200
    queries = words + ["no-such-word", "war^2", '"wider war"^3']
    assert_as_whooshs_collector_finds(index_dir, queries, monkeypatch)
    assert_as_whooshs_collector_finds(index_dir, ["war", "the", "iran", "we"], monkeypatch, speaker="Biden")
    assert_as_whooshs_collector_finds(index_dir, ["war", "the", '"going to"'], monkeypatch, sort="date", page=2)
    assert_as_whooshs_collector_finds(index_dir, ["war", "the", '"going to"'], monkeypatch, by_cluster=True)


def test_kept_postings_stay_within_their_budget(index_dir):
    searcher = index.open_dir(index_dir).searcher()
    searcher.weighting = ranking.KeptLengthsBM25F(
        [searcher.doc_field_length(docnum, "text", 1) for docnum in range(searcher.doc_count_all())])
    postings = ranking.KeptPostings(searcher, budget=ranking.WORD_POSTING_BYTES * 20)
    the, _ = postings.word("the")
    assert len(the) <= 20 and ("text", "the") in postings.kept
    war, _ = postings.word("war")
    assert len(the) + len(war) > 20  # more than the budget: the least recently asked word goes
    assert postings.size <= postings.budget and list(postings.kept) == [("text", "war")]
    assert postings.word("the")[0] == the and postings.word("no-such-word") is None


@pytest.fixture(scope="module")
def two_segment_index(tmp_path_factory):
    """The small index's texts written in two commits, so two segments."""
    texts = ["war war war on the war", "the war", "no war now", "the the war", "war is war", "peace and war",
             "we are going to war", "we are going to talk", "going to the war"]
    path = tmp_path_factory.mktemp("segments") / "index"
    path.mkdir()
    ix = index.create_in(path, SCHEMA)
    for part in (texts[:4], texts[4:]):
        with ix.writer() as writer:
            for text in part:
                writer.add_document(quote_id=f"q-{texts.index(text)}", doc="d.txt", text=text, text_written=text,
                                    text_pairs=text, fingerprint=text)
    assert len(index.open_dir(path).reader().leaf_readers()) == 2
    return path


@pytest.mark.parametrize("query", ["war", '"going to"', '"we are going to"', "war OR talk", 'peace OR "the war"'])
def test_an_index_of_several_segments_scores_as_whoosh_does(two_segment_index, query):
    """Each document's score is Whoosh's BM25F's, in whichever segment the document is."""
    with index.open_dir(two_segment_index).searcher() as searcher:
        results = searcher.search(parse_query(query), limit=None)
        theirs = [(searcher.stored_fields(hit.docnum)["quote_id"], round(hit.score, 4)) for hit in results]
    assert hits_of(two_segment_index, query) == theirs


@pytest.fixture(scope="module")
def large_index(tmp_path_factory):
    """More quotes than Whoosh's Or preloads scores for (5,000), of words sharing stems and typos, so a
    wildcard or fuzzy term stands for several words, many quotes holding three or more of them."""
    vocabulary = ["govern", "government", "governor", "governing", "cover", "over", "lover", "hover", "goer",
                  "war", "wars", "warring", "warrior", "ward", "the", "people", "go", "to"]
    path = tmp_path_factory.mktemp("large") / "index"
    path.mkdir()
    ix = index.create_in(path, SCHEMA)
    with ix.writer() as writer:
        for number in range(5200):
            text = " ".join(vocabulary[(number * step + step * step) % len(vocabulary)]
                            for step in range(1, 3 + number % 11))
            writer.add_document(quote_id=f"q-{number}", doc="d.txt", text=text, text_written=text, text_pairs=text,
                                fingerprint=str(number))
    return path


def exact_scores(index_dir, query: str) -> tuple[dict[int, float], dict[int, float] | None]:
    """Whoosh's collector's score of each document, and the kept postings' (``None``: left to Whoosh)."""
    opened = open_index(index_dir)
    parsed = parse_query(query)
    theirs = {hit.docnum: hit.score for hit in opened.searcher.search(parsed, limit=None)}
    ours = ranking.scored_from_postings(opened.postings, parsed)
    return theirs, None if ours is None else {docnum: -negated for negated, docnum in ours}


@pytest.mark.parametrize("query", ["govern*", "gover*", "war*", "govrnment~", "governer~2", "over~", "hover~2",
                                   "wars~", "war*^2", "ward~", "peopl*", "people", '"go to"', '"the people"^2',
                                   "nothing*", "nothing~"])
def test_a_word_phrase_wildcard_or_fuzzy_term_scores_every_quote_as_whoosh_does_to_the_last_bit(large_index, query):
    theirs, ours = exact_scores(large_index, query)
    assert ours == theirs


def test_a_large_union_is_scored_from_the_kept_postings(large_index):
    """Quotes holding three words or more of a term's words are summed in Whoosh's order."""
    theirs, ours = exact_scores(large_index, "war*")
    assert ours is not None and len(ours) > 1000


@pytest.mark.parametrize("query", ["war*", "govern*", "wider~", "hizbolah~", "iran~", "respon*", "kataib~2"])
def test_a_wildcard_or_fuzzy_term_over_the_seeds_finds_what_whooshs_collector_finds(index_dir, query, monkeypatch):
    assert_as_whooshs_collector_finds(index_dir, [query], monkeypatch)


def test_the_last_speaker_filters_are_kept(index_dir, monkeypatch):
    monkeypatch.setattr(index_columns, "SPEAKER_FILTERS_KEPT", 2)
    columns = open_index(index_dir).columns
    columns.speaker_filters.clear()
    names = ["Biden", "Kirby", "Kataib Hizbullah"]
    expected = {name: columns.having("speaker_id", name) | columns.spoken_by(name) for name in names}
    assert all(expected.values())
    assert {name: columns.speaking(name) for name in names} == expected
    assert list(columns.speaker_filters) == names[1:]
    assert columns.speaking("Kirby") == expected["Kirby"]
    assert list(columns.speaker_filters) == ["Kataib Hizbullah", "Kirby"]
