"""Statement clusters over the seed articles (quotes built by hand from the gold) and small made-up ones."""
from __future__ import annotations

import copy
from itertools import combinations

import pytest
from seed_records import seed_corpus

import quotes.clusters as clusters_module
from quotes.clusters import cluster_quotes, content_words, negation_flipped, statement_words, word_departure
from quotes.model import Article, Cluster, Quote, identify
from quotes.speakers import resolve_speakers

SUSPENSION = ("We announce the suspension", "We suspend all military", "We are announcing the suspension")
CONTINUE = ("We will continue to defend our people in Gaza in other ways,",
            "We will continue to protect the people of Gaza",
            "We will continue to defend our people in Gaza in other ways, and we recommend")


@pytest.fixture
def seeds(seeds_dir, seeds_gold):
    """The seed articles, their quotes, and who said each quote (quote ID to speaker ID)."""
    articles, quotes = seed_corpus(seeds_dir, seeds_gold)
    return articles, quotes, resolve_speakers(quotes)


def the_quote(quotes: list[Quote], doc_prefix: str, opening: str) -> Quote:
    found = [q for q in quotes if q.doc.startswith(doc_prefix) and q.text.startswith(opening)]
    assert len(found) == 1, (doc_prefix, opening, found)
    return found[0]


def cluster_ids(clusters: list[Cluster], quotes: list[Quote]) -> list[str | None]:
    """Each quote's cluster ID, in the order of ``quotes`` (None: in no cluster)."""
    cluster_of = {m.quote_id: c.id for c in clusters for m in c.members}
    return [cluster_of.get(q.quote_id) for q in quotes]


def made_up(docs: dict[str, list[tuple[str, str, str, str | None]]], published: dict[str, str] | None = None):
    """Articles written for a test: doc -> [(speaker, speaker type, quote, role)], one quote a line."""
    articles, quotes = {}, []
    for doc, lines in docs.items():
        text = "\n".join(f"“{words}”, {speaker} said." for speaker, _, words, _ in lines)
        article = Article(doc=doc, text=text, outlet=doc, published=(published or {}).get(doc))
        found, offset = [], 0
        for speaker, speaker_type, words, role in lines:
            start = text.index(words, offset)
            offset = start + len(words)
            found.append(Quote(start=start, end=offset, text=words, speaker=speaker, speaker_type=speaker_type,
                               role=role, kind="term" if len(words.split()) <= 2 else "full"))
        articles[doc] = article
        quotes += identify(article, found)
    return articles, quotes


def clustered(articles: dict[str, Article], quotes: list[Quote]) -> list[str | None]:
    """Resolve speakers, cluster, and give each quote's cluster ID."""
    return cluster_ids(cluster_quotes(quotes, articles, resolve_speakers(quotes).speaker_of), quotes)


def test_candidates_are_every_pair_verification_accepts(seeds):
    """The prefix filter compares fewer pairs than all, and misses none that could be one statement."""
    _, quotes, _ = seeds
    versions = [v for v in clusters_module._versions(quotes, None) if v.stems]
    every_pair = list(combinations(versions, 2))
    accepted = {(a.index, b.index) for a, b in every_pair if clusters_module.statement_similarity(a, b)}
    candidates = {tuple(sorted((a.index, b.index))) for a, b in clusters_module._candidate_pairs(versions)}
    assert accepted and accepted <= candidates
    assert len(candidates) < len(every_pair) / 4


def test_seed_statements_cluster_across_outlets(seeds):
    articles, quotes, resolution = seeds
    clusters = cluster_quotes(quotes, articles, resolution.speaker_of)
    for versions in (SUSPENSION, CONTINUE):
        members = [the_quote(quotes, doc, opening) for doc, opening in zip(("000", "001", "003"), versions)]
        member_clusters = cluster_ids(clusters, members)
        assert member_clusters[0] is not None
        assert set(member_clusters) == {member_clusters[0]}
    assert len({c.id for c in clusters}) == len(clusters)
    assert set(cluster_ids(clusters, quotes)) - {None} == {c.id for c in clusters}


def test_clustering_leaves_quotes_and_articles_as_they_are(seeds):
    articles, quotes, resolution = seeds
    quotes[0].cluster_id = "c-stale"
    before = copy.deepcopy((articles, quotes, resolution.speaker_of))
    clusters = cluster_quotes(quotes, articles, resolution.speaker_of)
    assert clusters and (articles, quotes, resolution.speaker_of) == before


def test_wording_alike_quotes_of_different_people_stay_apart(seeds):
    articles, quotes, resolution = seeds
    kirby = the_quote(quotes, "003", "We are not looking for war with Iran")
    salami = the_quote(quotes, "002", "We are not looking for war")
    kirby_cluster, salami_cluster = cluster_ids(cluster_quotes(quotes, articles, resolution.speaker_of), [kirby, salami])
    assert kirby_cluster is None or kirby_cluster != salami_cluster
    words = "We are not seeking a conflict with the regime in a military way"
    articles, quotes = made_up({"a": [("John Kirby", "person", words, None)],
                                "b": [("Hossein Salami", "person", words, None)],
                                "c": [("John Kirby", "person", words, None)]})
    kirby_a, salami_b, kirby_c = clustered(articles, quotes)
    assert kirby_a == kirby_c is not None
    assert salami_b is None


def test_no_cluster_joins_two_people_or_unrelated_speakers(seeds):
    articles, quotes, resolution = seeds
    speakers = {s.id: s for s in resolution.speakers}
    for cluster in cluster_quotes(quotes, articles, resolution.speaker_of):
        members = [speakers[resolution.speaker_of[m.quote_id]] for m in cluster.members]
        people = {s.id for s in members if s.type == "person"}
        organizations = {s.name for s in members if s.type == "organization"}
        assert len(people) <= 1, [s.name for s in members]
        assert organizations <= {"Kataib Hezbollah"}, organizations


def test_unrelated_quotes_of_one_speaker_stay_apart(seeds):
    articles, quotes, resolution = seeds
    speakers = {s.id: s for s in resolution.speakers}
    clusters = cluster_quotes(quotes, articles, resolution.speaker_of)
    kirby = [q for q in quotes if speakers[resolution.speaker_of[q.quote_id]].name == "John Kirby"]
    assert len(kirby) == 6
    assert cluster_ids(clusters, kirby) == [None] * 6


def test_first_version_is_the_earliest_published_and_departure_measures_rewording(seeds):
    articles, quotes, resolution = seeds
    clusters = cluster_quotes(quotes, articles, resolution.speaker_of)
    earliest = the_quote(quotes, "003", SUSPENSION[2])  # 003 is dated 2024-01-30, the others later
    [cluster] = [c for c in clusters if earliest.quote_id in {m.quote_id for m in c.members}]
    assert cluster.first_quote_id == earliest.quote_id
    assert cluster.members[0].quote_id == earliest.quote_id
    assert cluster.speaker_id == resolution.speaker_of[earliest.quote_id]
    departures = {m.quote_id: m.departure for m in cluster.members}
    reworded = the_quote(quotes, "001", SUSPENSION[1])
    assert departures[reworded.quote_id] == max(departures.values()) > 0.1
    assert all(0 <= d <= 1 for d in departures.values())


def test_cluster_ids_are_stable_across_runs(seeds, seeds_dir, seeds_gold):
    articles, quotes, resolution = seeds
    first = sorted((c.id, c.first_quote_id) for c in cluster_quotes(quotes, articles, resolution.speaker_of))
    articles, again = seed_corpus(seeds_dir, seeds_gold)
    again = list(reversed(again))
    second = sorted((c.id, c.first_quote_id)
                    for c in cluster_quotes(again, articles, resolve_speakers(again).speaker_of))
    assert first == second and first


def test_a_trim_joins_and_departs_zero_a_dropped_negation_is_flagged():
    statement = "We will not attack American forces in Iraq while the talks go on"
    articles, quotes = made_up({
        "a": [("Qais al-Khazali", "person", statement, None)],
        "b": [("Qais al-Khazali", "person", "attack American forces in Iraq while the talks", None)],
        "c": [("Qais al-Khazali", "person", "We will attack American forces in Iraq while the talks go on", None)],
        "d": [("Qais al-Khazali", "person", statement, None)],
    }, published={"a": "2024-02-01", "b": "2024-02-02", "c": "2024-02-03", "d": "2024-02-01T09:00"})
    [cluster] = cluster_quotes(quotes, articles, resolve_speakers(quotes).speaker_of)
    members = {m.quote_id: m for m in cluster.members}
    assert cluster.first_quote_id == quotes[0].quote_id
    assert members[quotes[3].quote_id].departure == 0 and not members[quotes[3].quote_id].flagged
    assert members[quotes[1].quote_id].departure == 0
    assert members[quotes[2].quote_id].flagged


def test_within_one_article_only_trims_are_versions():
    defend = "We will continue to defend our people in Gaza in other ways"
    protect = "We will continue to protect the people of Gaza through other means"
    articles, quotes = made_up({
        "a": [("Abu Hussein al-Hamidawi", "person", defend, None),
              ("Abu Hussein al-Hamidawi", "person", protect, None),
              ("Abu Hussein al-Hamidawi", "person", "defend our people in Gaza", None)],
    })
    full, reworded, trim = clustered(articles, quotes)
    assert full == trim is not None
    assert reworded is None


def test_terms_join_only_identical_terms():
    articles, quotes = made_up({
        "a": [("Kataib Hezbollah", "organization", "occupying force", None)],
        "b": [("Kataib Hizbollah", "organization", "occupying force", None)],
        "c": [("Kataib Hezbollah", "organization", "occupation forces", None)],
    })
    term_a, term_b, other_term = clustered(articles, quotes)
    assert term_a == term_b is not None
    assert other_term is None


def test_a_person_and_the_organization_they_speak_for_share_a_statement_two_people_do_not():
    words = "We suspend all military and security operations against the occupying forces"
    articles, quotes = made_up({
        "a": [("Kataib Hezbollah", "organization", words, None)],
        "b": [("Abu Hussein al-Hamidawi", "person", words, "secretary-general of Kataib Hizbollah")],
        "c": [("Jafar al-Husseini", "person", words, "Kataib Hezbollah spokesman")],
        "d": [("Hadi al-Amiri", "person", words, "head of the Badr Organization")],
    })
    group, hamidawi, husseini, amiri = clustered(articles, quotes)
    assert group is not None and hamidawi == group
    assert husseini != group and amiri != group


def test_clustering_without_resolved_speakers_blocks_by_name():
    words = "We will continue to defend our people in Gaza in other ways"
    articles, quotes = made_up({"a": [("John Kirby", "person", words, None)],
                                "b": [("John Kirby", "person", words, None)],
                                "c": [(None, "person", words, None)]})
    clusters = cluster_quotes(quotes, articles)
    kirby_a, kirby_b, nobody = cluster_ids(clusters, quotes)
    assert len(clusters) == 1 and kirby_a == kirby_b and nobody is None
    assert clusters[0].speaker_id is None


def test_the_speaker_mapping_not_the_quote_decides_the_block():
    """Quotes of two names that resolution made one speaker are one statement; a stale quote.speaker_id counts for nothing."""
    words = "We will continue to defend our people in Gaza in other ways"
    articles, quotes = made_up({"a": [("Hamidawi", "person", words, None)],
                                "b": [("Abu Hussein", "person", words, None)]})
    for q in quotes:
        q.speaker_id = f"s-stale-{q.doc}"
    assert cluster_quotes(quotes, articles) == []
    [cluster] = cluster_quotes(quotes, articles, {q.quote_id: "s-one" for q in quotes})
    assert cluster.speaker_id == "s-one" and len(cluster.members) == 2


def test_editorial_insertions_and_negations():
    assert statement_words("the [Iraqi] government (US troops) said") == "the government said"
    assert negation_flipped("they have not stopped", "they have stopped")
    assert not negation_flipped("they have stopped", "they have stopped")


def written(docs: dict[str, tuple[str, str, list[tuple[str, str, str]]]]):
    """Articles written out for a test: doc -> (published, text, [(quote, speaker, kind)]), each quote found in the text."""
    articles, quotes = {}, []
    for doc, (published, text, found) in docs.items():
        article = Article(doc=doc, text=text, outlet=doc, published=published)
        records = []
        for words, speaker, kind in found:
            start = text.index(words)
            records.append(Quote(start=start, end=start + len(words), text=words, speaker=speaker,
                                 speaker_type="organization" if speaker == "Kataib Hezbollah" else "person",
                                 kind=kind))
        articles[doc] = article
        quotes += identify(article, records)
    return articles, quotes


def test_the_first_version_is_the_earliest_full_body_quote_of_the_clusters_speaker():
    full = "We are not looking for a war with Iran, and we will respond at a time of our choosing"
    articles, quotes = written({
        "a": ("2024-01-29", "Kirby Says ‘Not Looking For A War With Iran’\n\nThe Pentagon answered the strikes on "
              "Monday, and its spokesman spoke to reporters for an hour about what comes next.\n",
              [("Not Looking For A War With Iran", "John Kirby", "partial")]),
        "b": ("2024-01-30", "Pentagon weighs options\n\nKirby said the US was “not looking for a war with Iran” on Monday.\n",
              [("not looking for a war with Iran", "John Kirby", "partial")]),
        "c": ("2024-01-31", f"Pentagon weighs options\n\n“{full},” Kirby said.\n", [(full, "John Kirby", "full")]),
    })
    [cluster] = cluster_quotes(quotes, articles, resolve_speakers(quotes).speaker_of)
    headline, partial, full_quote = quotes
    assert cluster.first_quote_id == full_quote.quote_id == cluster.members[0].quote_id
    assert [m.quote_id for m in cluster.members[1:]] == [headline.quote_id, partial.quote_id]
    assert all(m.departure == 0 and not m.flagged for m in cluster.members)


def test_an_organizations_statement_starts_with_its_own_quote_not_its_spokesmans():
    words = "We suspend all military and security operations against the occupying forces"
    articles, quotes = written({
        "a": ("2024-01-29", f"Militia statement\n\n“{words},” said Abu Hussein al-Hamidawi.\n",
              [(words, "Abu Hussein al-Hamidawi", "full")]),
        "b": ("2024-01-30", f"Militia statement\n\n“{words},” Kataib Hezbollah said.\n",
              [(words, "Kataib Hezbollah", "full")]),
    })
    quotes[0].role = "secretary-general of Kataib Hezbollah"
    resolution = resolve_speakers(quotes)
    [cluster] = cluster_quotes(quotes, articles, resolution.speaker_of)
    assert cluster.first_quote_id == quotes[1].quote_id
    assert cluster.speaker_id == resolution.speaker_of[quotes[1].quote_id]


def test_a_rewording_is_flagged_a_trim_is_no_departure():
    original = "We will not tolerate attacks on our forces and we will respond at a time and place of our choosing"
    articles, quotes = made_up({
        "a": [("John Kirby", "person", original, None)],
        "b": [("John Kirby", "person", "we will respond at a time and place of our choosing", None)],
        "c": [("John Kirby", "person", "We will not tolerate attacks on our forces and we will answer when and where we choose",
               None)],
        "d": [("John Kirby", "person", "We will not tolerate attacks on our troops and we will respond at a time and place of "
               "our choosing", None)],
    }, published={"a": "2024-02-01", "b": "2024-02-02", "c": "2024-02-03", "d": "2024-02-04"})
    [cluster] = cluster_quotes(quotes, articles, resolve_speakers(quotes).speaker_of)
    members = {m.quote_id: m for m in cluster.members}
    original_version, trim, reworded, one_word = (members[q.quote_id] for q in quotes)
    assert trim.departure == 0 and not trim.flagged
    assert reworded.departure >= clusters_module.FLAG_DEPARTURE and reworded.flagged
    assert 0 < one_word.departure < clusters_module.FLAG_DEPARTURE and not one_word.flagged
    assert not original_version.flagged


def test_an_outlets_repeat_of_its_own_rewording_does_not_vouch_for_it():
    original = "We will not tolerate attacks on our forces and we will respond at a time and place of our choosing"
    reworded = "We will not tolerate attacks on our forces and we will answer when and where we choose"
    articles, quotes = made_up({"a": [("John Kirby", "person", original, None)],
                                "b": [("John Kirby", "person", reworded, None), ("John Kirby", "person", reworded, None)]})
    [cluster] = cluster_quotes(quotes, articles, resolve_speakers(quotes).speaker_of)
    departures = {m.quote_id: (m.departure, m.flagged) for m in cluster.members}
    assert [departures[q.quote_id][1] for q in quotes] == [True, True, True]


def test_the_seeds_second_translation_is_flagged_the_same_wording_is_not(seeds):
    articles, quotes, resolution = seeds
    clusters = cluster_quotes(quotes, articles, resolution.speaker_of)
    flagged = {m.quote_id: m.flagged for c in clusters for m in c.members}
    second_translation = [the_quote(quotes, "001", opening) for opening in (SUSPENSION[1], CONTINUE[1])]
    same_wording = [the_quote(quotes, doc, opening) for doc, opening in
                    [("000", SUSPENSION[0]), ("003", SUSPENSION[2]), ("000", CONTINUE[0]), ("003", CONTINUE[2]),
                     ("000", "hostile American action")]]
    assert [flagged[q.quote_id] for q in second_translation] == [True, True]
    assert [flagged[q.quote_id] for q in same_wording] == [False] * 5


def test_quotes_resolution_leaves_without_a_speaker_are_in_no_cluster():
    articles, quotes = made_up({"a": [("they", "person", "true, absolutely true and proven", None)],
                                "b": [("they", "person", "true, absolutely true and proven", None)]})
    assert cluster_quotes(quotes, articles, resolve_speakers(quotes).speaker_of) == []
    assert cluster_quotes(quotes, articles) == [], "nor blocked by a name that names no source"


def test_word_departure_is_word_by_word_and_in_order():
    assert word_departure(content_words("we will respond"), content_words("we will respond at a time of our choosing")) == 0
    assert word_departure(content_words("choosing our time respond"), content_words("respond time choosing")) > 0
    assert word_departure(content_words("suspension of operations"), content_words("we suspend operations")) == 0.5
