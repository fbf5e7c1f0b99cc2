"""Name normalization: two spellings of one name compare equal, two names do not."""
from __future__ import annotations

from quotes.names import affiliations, gender_of_mention, name_key, same_transliteration, titles_in, transliteration_key


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
