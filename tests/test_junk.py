"""PolNeAR dev built in place: speaker rows, spellings, roles and clusters a reader can trust (issue 9).

The 84 dev articles are read from ../shared/eval/polnear (never copied) and
built once for the module (a minute or two). A speaker row must name a source:
never a pronoun, a number, a fragment of punctuation, a word that names no
one, or a headline; each speaker's spelling counts add up to its quotes; a
cluster's first version is a body quote of its speaker.
"""
from __future__ import annotations

import re
import sqlite3
from collections import Counter
from pathlib import Path

import pytest

from quotes.api import build
from quotes.lexicon import DETERMINERS, EVENT_NOUNS, PRONOUNS, SPEECH_NOUNS, STATEMENT_NOUNS, WORK_NOUNS
from quotes.names import fold, head_noun, headlines_by_doc, is_headline_mention, is_source_noun
from quotes.speakers import resolve_speakers
from quotes.store import Store

#: Head nouns of what no role can be: events, programs, what was said.
NOT_TITLES = EVENT_NOUNS | WORK_NOUNS | STATEMENT_NOUNS | frozenset(SPEECH_NOUNS)


@pytest.fixture(scope="module")
def dev_db(polnear_dir, tmp_path_factory) -> Path:
    """PolNeAR dev built once into a fresh database."""
    texts = polnear_dir / "texts" / "dev"
    if not texts.is_dir():
        pytest.skip(f"PolNeAR dev texts not found at {texts}")
    folder = tmp_path_factory.mktemp("polnear-dev")
    report = build([texts], folder / "dev.db", folder / "index", metadata_path=polnear_dir / "metadata.tsv")
    assert report.added == 84 and not [p for p in report.problems if p.fatal]
    return folder / "dev.db"


@pytest.fixture(scope="module")
def db(dev_db) -> sqlite3.Connection:
    return sqlite3.connect(dev_db)


def junk_kind(name: str) -> str | None:
    """What kind of junk a speaker name is, if any: pronoun, number, fragment, headline or no source."""
    words = fold(name).split()
    if sum(char.isalpha() for char in name) < 2:
        return "fragment"
    if all(word in PRONOUNS | DETERMINERS for word in words):
        return "pronoun"
    if re.fullmatch(r"[\d.,%]+", words[-1]) or "percent" in words:
        return "number"
    if is_headline_mention(name):
        return "headline"
    head = [word for word in re.split(r"\s+", name) if word][-1]
    if head[:1].islower() and not is_source_noun(head_noun(name)):
        return "names no source"
    return None


def headline_of(db: sqlite3.Connection) -> dict[str, int]:
    """Each article's headline line (PolNeAR's first line) as its end offset."""
    return {doc: len(text.split("\n", 1)[0]) for doc, text in db.execute("SELECT id, text FROM articles")}


def test_no_speaker_row_or_spelling_is_junk(db):
    names = db.execute("SELECT name FROM speakers UNION SELECT name FROM speaker_names").fetchall()
    junk = {name: junk_kind(name) for (name,) in names if junk_kind(name)}
    assert junk == {}


def test_no_quote_of_a_junk_name_has_a_speaker(db):
    rows = db.execute("SELECT speaker, id FROM quotes WHERE speaker_id IS NOT NULL").fetchall()
    assert [(speaker, quote_id) for speaker, quote_id in rows if junk_kind(speaker)] == []


def test_no_speaker_is_named_only_in_headlines(db):
    headline_end = headline_of(db)
    mentions = db.execute(
        "SELECT speakers.name, quotes.article_id, coalesce(quotes.speaker_start, quotes.start) FROM quotes "
        "JOIN speakers ON speakers.id = quotes.speaker_id"
    ).fetchall()
    in_body = {name for name, doc, start in mentions if start >= headline_end[doc]}
    assert {name for name, _, _ in mentions} - in_body == set()


def test_each_speakers_name_counts_add_up_to_its_quotes(db):
    mismatched = db.execute(
        "SELECT name, n_quotes, (SELECT sum(n_quotes) FROM speaker_names WHERE speaker_id = speakers.id) "
        "FROM speakers WHERE n_quotes != (SELECT sum(n_quotes) FROM speaker_names WHERE speaker_id = speakers.id)"
    ).fetchall()
    assert mismatched == []


def test_no_speaker_role_is_an_event_or_what_was_said(dev_db):
    with Store(dev_db, readonly=True) as store:
        roles = [(p.speaker.name, role) for p in store.speaker_profiles() for role, _ in p.roles]
    assert [(name, role) for name, role in roles if head_noun(role) in NOT_TITLES] == []


def test_no_cluster_starts_with_a_headline_fragment_or_another_speakers_quote(db):
    headline_end = headline_of(db)
    firsts = db.execute(
        "SELECT quotes.article_id, quotes.start, quotes.speaker_id, clusters.speaker_id, quotes.text FROM clusters "
        "JOIN quotes ON quotes.id = clusters.first_quote_id"
    ).fetchall()
    assert firsts
    assert [text for doc, start, _, _, text in firsts if start < headline_end[doc]] == []
    assert [text for _, _, own, cluster, text in firsts if own != cluster] == []


def test_resolution_over_the_articles_leaves_no_junk_and_its_spellings_add_up(dev_db):
    """What the build gives once the store and the API use all of resolution's answer."""
    with Store(dev_db, readonly=True) as store:
        quotes, headlines = store.quotes(), headlines_by_doc(store.articles())
    resolution = resolve_speakers(quotes, headlines=headlines)
    names = {name for speaker in resolution.speakers for name in [speaker.name, *speaker.names]}
    assert {name: junk_kind(name) for name in names if junk_kind(name)} == {}
    for name in ("Parents Rally", "Popular Website", "Black Lawmakers Rip Donald Trump"):
        assert name not in names
    names_of = {speaker.id: set(speaker.names) for speaker in resolution.speakers}
    assert [q for q, s in resolution.speaker_of.items() if resolution.spelling_of[q] not in names_of[s]] == []
    counted = Counter((resolution.speaker_of[q], resolution.spelling_of[q]) for q in resolution.speaker_of)
    totals: Counter[str] = Counter()
    for (speaker_id, _), count in counted.items():
        totals[speaker_id] += count
    assert totals == Counter(resolution.speaker_of.values())
    assert [role for role in resolution.role_of.values() if head_noun(role) in NOT_TITLES] == []
