"""Name normalization: two spellings of one name compare equal, two names do not; what names a source."""
from __future__ import annotations

import pytest

from quotes.names import (
    affiliations,
    gender_of_mention,
    headline_spans,
    is_headline_mention,
    is_title_or_affiliation,
    name_key,
    names_a_source,
    same_transliteration,
    titles_in,
    transliteration_key,
)


def test_names_fold_titles_punctuation_and_apostrophes():
    assert name_key("Maj. Gen. Pat Ryder") == name_key("Maj Gen Pat Ryder") == "pat ryder"
    assert name_key("Major General Hossein Salami") == name_key("Gen. Hossein Salami") == "hossein salami"
    assert name_key("Kata’ib Hezbollah", "organization") == name_key("Kata'ib Hezbollah") == "kataib hezbollah"
    assert name_key("General Motors", "organization") == "general motors"
    assert name_key("Abu Hussein al Hamidawi") == name_key("Abu Hussein al-Hamidawi") == "abu hussein hamidawi"
    assert name_key("Al Gore") == "al gore"
    assert name_key("Journalist Jorge Ramos") == "jorge ramos"


def test_transliteration_key_joins_spelling_variants_but_not_distinct_names():
    variants = ["Kataib Hizbollah", "Kataib Hezbollah", "Kata'ib Hezbollah", "Kataib Hizbullah", "Kataib Hizballah"]
    assert len({transliteration_key(v) for v in variants}) == 1
    assert all(same_transliteration(name_key(variants[0]), name_key(v)) for v in variants)
    assert same_transliteration("mohammed", "muhammad")
    assert same_transliteration("renad mansour", "renad mansur")
    for a, b in [("hassan", "hussein"), ("salami", "salim"), ("ali", "ala"), ("reid", "reed"), ("ahmad", "hamid"),
                 ("hizbollah", "kataib hizbollah"), ("ali mansour", "renad mansour")]:
        assert not same_transliteration(a, b), (a, b)


def test_a_role_names_known_organizations_by_any_spelling():
    known = {transliteration_key("Hamas", "organization"): "Hamas",
             transliteration_key("Department of Defense", "organization"): "Department of Defense"}
    assert sorted(affiliations("Hamas spokesman", known).values()) == ["Hamas"]
    assert sorted(affiliations("US Department of Defense spokesman", known).values()) == [
        "Department of Defense", "US Department of Defense"]
    assert affiliations("secretary-general of Kataib Hizbollah").keys() == affiliations("Kataib Hezbollah leader").keys()
    assert affiliations("an Iraqi official", known) == {}


def test_titles_and_gender_of_a_mention():
    assert titles_in("Maj. Gen. Pat Ryder") == {"major", "general"}
    assert titles_in("Mr. Obama") == set(), "an honorific is no title"
    assert [gender_of_mention(m) for m in ("Mrs. Clinton", "he", "Clinton", "", None)] == [
        "female", "male", None, None, None]


@pytest.mark.parametrize("name", [
    "John Kirby", "Kataib Hizbollah", "Abu Hussein al-Hamidawi", "Ban Ki-moon", "Immigration and Customs Enforcement",
    "U.S.", "WASHINGTON", "a senior official", "officials", "Officials", "Scott's niece", "the Clinton campaign",
    "the ministry", "police", "several environmental groups", "one questioner", "New York businessman",
])
def test_names_and_described_sources_name_a_source(name):
    assert names_a_source(name)


@pytest.mark.parametrize("name", [
    "They", "it", "I", "which", "’s", "'s", "63 percent", "Only 52 percent", "2,521", "box", "game",
    "softer language", "the IMF report", "a 52-count civil complaint", "The former first lady and",
    "Black Lawmakers Rip Donald Trump", "Elizabeth Warren Hammers Wells Fargo CEO", "Obama Says", "A number",
])
def test_pronouns_numbers_fragments_headlines_and_things_name_no_source(name):
    assert not names_a_source(name)


@pytest.mark.parametrize("mention", ["Washington Post Reporter Dana Milbank", "United States Attorney Preet Bharara",
                                     "White House Press Secretary Josh Earnest", "Secretary of State John Kerry"])
def test_nouns_spelled_like_verbs_do_not_make_a_headline(mention):
    assert not is_headline_mention(mention)


@pytest.mark.parametrize(("role", "is_role"), [
    ("Republican presidential nominee", True), ("secretary-general of Kataib Hizbollah", True), ("Hamas", True),
    ("a political scientist at Christopher Newport University in Scott's district", True), ("Sen.", True),
    ("White House press secretary", True), ("R-S.C.", True), ("announcer", True),
    ("Bloomberg interview", False), ("disparaging remarks", False), ("Black Lawmakers", False),
    ("the move reeks of", False), ("famous story", False), ("a campaign rally", False), ("”―", False),
])
def test_a_role_is_a_title_or_an_affiliation(role, is_role):
    assert is_title_or_affiliation(role) == is_role


def test_headlines_are_title_case_header_lines_or_the_title():
    text = ("Frustrated Parents Rally Nationwide To ‘Reclaim Our Schools.’\n\n"
            "Amelize Joseph loves the public school that her daughter attends, and students there can join "
            "chorus, dance and drama after school.\n“We need the money,” said Joseph.\n")
    assert [text[s:e] for s, e in headline_spans(text)] == ["Frustrated Parents Rally Nationwide To ‘Reclaim Our Schools.’"]
    seed = "Iran-backed militia in Iraq suspends attacks\nJan 30, 2024\n" + "Body words go on and on here. " * 5
    title = "Iran-backed militia in Iraq suspends attacks"
    assert [seed[s:e] for s, e in headline_spans(seed, title)] == [title]
    assert headline_spans(seed) == [], "a sentence-case line is a headline only as the title"
    short_body = "“We will respond,” Kirby said.\nThe Pentagon spokesman added more words that make a long paragraph here."
    assert headline_spans(short_body) == []
