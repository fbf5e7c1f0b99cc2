"""Speaker resolution across the seed articles, built by hand from the seeds gold (no extractor)."""
from __future__ import annotations

import pytest
from seed_records import seed_corpus

import quotes.speakers as speakers_module
from quotes.model import Quote
from quotes.speakers import (
    Aliases,
    AliasesError,
    add_merge,
    add_split,
    load_aliases,
    name_key,
    resolve_speakers,
    same_transliteration,
    transliteration_key,
)

@pytest.fixture
def seeds(seeds_dir, seeds_gold):
    return seed_corpus(seeds_dir, seeds_gold)


def quote(speaker: str, text: str, doc: str, speaker_type: str = "person", role: str | None = None,
          mention: str | None = None) -> Quote:
    """A quote written for a test: only what speaker resolution reads (the mention is the name unless given)."""
    return Quote(start=0, end=len(text), text=text, speaker=speaker, speaker_mention=mention or speaker,
                 speaker_type=speaker_type, role=role, doc=doc, quote_id=f"q-{doc}-{speaker}-{text}")


def speaker_of(quotes: list[Quote], speakers, written: str):
    """The speaker resolved for the quotes whose in-article speaker is ``written``."""
    ids = {q.speaker_id for q in quotes if q.speaker == written}
    assert len(ids) == 1, f"{written!r} resolved to {ids}"
    return next(s for s in speakers if s.id in ids)



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


def test_transliteration_merges_persons_by_one_varying_part_organizations_throughout():
    quotes = [quote("Hossein Salami", "We are ready.", "a"), quote("Hussein Salami", "We are ready.", "b"),
              quote("Tyler", "Fine.", "c"), quote("Taylor", "Fine.", "d"),
              quote("Hezbollah", "We respond.", "e", speaker_type="organization"),
              quote("Hizballah", "We respond.", "f", speaker_type="organization")]
    resolve_speakers(quotes)
    assert quotes[0].speaker_id == quotes[1].speaker_id
    assert quotes[2].speaker_id != quotes[3].speaker_id
    assert quotes[4].speaker_id == quotes[5].speaker_id


def test_seed_speakers_are_one_row_each(seeds):
    _, quotes = seeds
    speakers = resolve_speakers(quotes)
    kataib = {speaker_of(quotes, speakers, n).id for n in ["Kataib Hizbollah", "Kataib Hezbollah"]}
    assert len(kataib) == 1
    assert speaker_of(quotes, speakers, "Kataib Hezbollah").type == "organization"
    assert speaker_of(quotes, speakers, "Kirby") == speaker_of(quotes, speakers, "John Kirby")
    assert speaker_of(quotes, speakers, "John Kirby").name == "John Kirby"
    ryder = {speaker_of(quotes, speakers, n).id for n in ["Maj Gen Pat Ryder", "Maj. Gen. Pat Ryder", "Ryder"]}
    assert len(ryder) == 1
    assert speaker_of(quotes, speakers, "Ryder").name == "Pat Ryder"
    hamidawi = {speaker_of(quotes, speakers, n).id
                for n in ["Abu Hussein al-Hamidawi", "Ahmad al-Hamidawi", "al-Hamidawi"]}
    assert len(hamidawi) == 1
    assert speaker_of(quotes, speakers, "al-Hamidawi").name == "Abu Hussein al-Hamidawi"
    salami = speaker_of(quotes, speakers, "Gen. Hossein Salami")
    assert salami == speaker_of(quotes, speakers, "Major General Hossein Salami")
    assert salami.name == "Hossein Salami"
    assert speaker_of(quotes, speakers, "Mansour") == speaker_of(quotes, speakers, "Renad Mansour")


def test_seed_speakers_match_the_gold_speaker_names(seeds, seeds_gold):
    _, quotes = seeds
    resolve_speakers(quotes)
    gold_name = {(doc, g["start"]): g["speaker_name"] for doc, gold in seeds_gold.items() for g in gold}
    ids_by_gold_name = {}
    for q in quotes:
        ids_by_gold_name.setdefault(gold_name[(q.doc, q.start)], set()).add(q.speaker_id)
    assert {name: ids for name, ids in ids_by_gold_name.items() if len(ids) > 1} == {}
    assert len({frozenset(ids) for ids in ids_by_gold_name.values()}) == len(ids_by_gold_name)


def test_merges_say_why_and_how_sure(seeds):
    _, quotes = seeds
    speakers = resolve_speakers(quotes)
    hamidawi = speaker_of(quotes, speakers, "Ahmad al-Hamidawi")
    merges = {m.name: m for m in hamidawi.merges}
    assert merges["Ahmad al-Hamidawi"].reason.startswith("same surname, same organization (Kataib")
    assert merges["Ahmad al-Hamidawi"].confidence == 0.7
    assert {"Abu Hussein al-Hamidawi", "Ahmad al-Hamidawi", "al-Hamidawi"} <= set(hamidawi.names)
    ryder = {m.name: m for m in speaker_of(quotes, speakers, "Ryder").merges}
    assert ryder["Maj Gen Pat Ryder"].confidence == 1.0
    assert (ryder["Ryder"].reason, ryder["Ryder"].confidence) == (speakers_module.SURNAME, 0.9)


def test_two_people_sharing_a_surname_in_different_organizations_stay_apart(seeds):
    _, quotes = seeds
    quotes.append(quote("Ali Mansour", "We will not withdraw from the streets of Basra.", "extra-1",
                        role="a commander of the Badr Organization"))
    quotes.append(quote("Mansour", "Basra is ours.", "extra-1"))
    speakers = resolve_speakers(quotes)
    renad, ali = speaker_of(quotes, speakers, "Renad Mansour"), speaker_of(quotes, speakers, "Ali Mansour")
    assert renad != ali
    assert {q.speaker_id for q in quotes if q.speaker == "Mansour" and q.doc == "extra-1"} == {ali.id}
    assert {q.speaker_id for q in quotes if q.speaker == "Mansour" and q.doc != "extra-1"} == {renad.id}


def test_a_bare_surname_shared_by_two_people_in_neither_article_stays_alone():
    quotes = [
        quote("Renad Mansour", "Escalation is not good for business.", "a", role="director of Chatham House"),
        quote("Ali Mansour", "We will not withdraw.", "b", role="a commander of the Badr Organization"),
        quote("Mansour", "Too many cooks in the kitchen.", "c"),
    ]
    speakers = resolve_speakers(quotes)
    assert len(speakers) == 3


def test_same_surname_same_organization_needs_the_organization():
    quotes = [
        quote("Abu Hussein al-Hamidawi", "We suspend operations.", "a", role="secretary-general of Kataib Hizbollah"),
        quote("Ahmad al-Hamidawi", "Our brothers do not know.", "b", role="Kataib Hizbullah leader"),
        quote("Karim al-Hamidawi", "The market is open.", "c", role="a trader in Basra"),
        quote("John Smith", "No comment.", "d", role="a US official"),
        quote("Jane Smith", "We are watching.", "e", role="US envoy"),
    ]
    speakers = resolve_speakers(quotes)
    assert len(speakers) == 4
    assert quotes[0].speaker_id == quotes[1].speaker_id != quotes[2].speaker_id
    assert quotes[3].speaker_id != quotes[4].speaker_id


def test_persons_and_organizations_never_merge():
    quotes = [
        quote("Hezbollah", "We will respond.", "a", speaker_type="organization"),
        quote("Hizbollah", "We are ready.", "b", speaker_type="person"),
        quote("Washington", "Very consequential.", "c", speaker_type="organization"),
        quote("George Washington", "I cannot tell a lie.", "d"),
        quote("Washington", "Something else entirely.", "e", speaker_type="person"),
    ]
    speakers = resolve_speakers(quotes)
    assert quotes[0].speaker_id != quotes[1].speaker_id
    assert quotes[2].speaker_id not in {quotes[3].speaker_id, quotes[4].speaker_id}
    assert quotes[3].speaker_id == quotes[4].speaker_id
    assert len({s.id for s in speakers}) == len(speakers) == 4
    by_id = {s.id: s for s in speakers}
    assert by_id[quotes[0].speaker_id].type == "organization" and by_id[quotes[1].speaker_id].type == "person"


def test_ids_are_stable_across_runs_and_spellings(seeds, seeds_dir, seeds_gold):
    _, quotes = seeds
    first = {s.name: s.id for s in resolve_speakers(quotes)}
    _, again = seed_corpus(seeds_dir, seeds_gold)
    second = {s.name: s.id for s in resolve_speakers(list(reversed(again)))}
    assert first == second
    assert all(s_id.startswith("s-") for s_id in first.values())


def test_honorifics_of_different_genders_never_merge():
    quotes = [quote("Mr. Smith", "Yes.", "a"), quote("Ms. Smith", "No.", "b"), quote("Mr Smith", "Maybe.", "c")]
    resolve_speakers(quotes)
    assert quotes[0].speaker_id == quotes[2].speaker_id != quotes[1].speaker_id


def test_a_forced_surname_merge_does_not_bridge_two_full_names(tmp_path):
    path = tmp_path / "aliases.yml"
    add_merge(path, ["Donald Trump", "Trump"])
    quotes = [quote("Donald Trump", "We will win.", "a"), quote("Eric Trump", "He will win.", "b"),
              quote("Trump", "Believe me.", "b"), quote("Trump", "Sad.", "c")]
    resolve_speakers(quotes, load_aliases(path))
    assert quotes[0].speaker_id == quotes[2].speaker_id == quotes[3].speaker_id != quotes[1].speaker_id


def test_quotes_without_a_speaker_get_no_id():
    quotes = [quote("Kirby", "Yes.", "a"), Quote(start=0, end=3, text="No.", doc="b", speaker_id="s-stale")]
    speakers = resolve_speakers(quotes)
    assert quotes[1].speaker_id is None and len(speakers) == 1


def test_curation_merges_and_splits_survive_rebuilds(seeds, tmp_path):
    _, quotes = seeds
    path = tmp_path / "aliases.yml"
    add_merge(path, ["Sabrina Singh", "Pentagon spokesperson"])
    add_split(path, "Renad Mansour", "Mansour")
    for _ in range(2):
        speakers = resolve_speakers(quotes, load_aliases(path))
        singh = speaker_of(quotes, speakers, "Sabrina Singh")
        assert singh == speaker_of(quotes, speakers, "Pentagon spokesperson")
        assert {m.reason for m in singh.merges if m.name == "Pentagon spokesperson"} == {"aliases file"}
        assert speaker_of(quotes, speakers, "Mansour") != speaker_of(quotes, speakers, "Renad Mansour")


def test_forced_merge_names_the_speaker_and_overrides_type(tmp_path):
    path = tmp_path / "aliases.yml"
    add_merge(path, ["Islamic Resistance in Iraq", "IRI"])
    add_merge(path, ["General Motors", "GM"])
    quotes = [quote("IRI", "We claim it.", "a", speaker_type="organization"),
              quote("Islamic Resistance in Iraq", "We claim it.", "b", speaker_type="person"),
              quote("General Motors", "Sales rose.", "c", speaker_type="organization"),
              quote("GM", "Sales rose again.", "d", speaker_type="organization")]
    speakers = resolve_speakers(quotes, load_aliases(path))
    assert sorted(s.name for s in speakers) == ["General Motors", "Islamic Resistance in Iraq"]


def test_alias_file_edits_keep_what_is_there_and_stay_consistent(tmp_path):
    path = tmp_path / "aliases.yml"
    add_merge(path, ["Pat Ryder", "Patrick Ryder"])
    add_split(path, "Renad Mansour", "Ali Mansour")
    add_merge(path, ["Patrick Ryder", "P. Ryder"])
    aliases = load_aliases(path)
    assert aliases.merge == [["Patrick Ryder", "P. Ryder", "Pat Ryder"]]
    assert aliases.split == [("Renad Mansour", "Ali Mansour")]
    add_split(path, "Pat Ryder", "P. Ryder")
    assert load_aliases(path).merge == [["Patrick Ryder", "P. Ryder"]]
    add_merge(path, ["Renad Mansour", "Ali Mansour"])
    assert load_aliases(path).split == [("Pat Ryder", "P. Ryder")]
    assert path.read_text(encoding="utf-8").startswith("# Speaker curation")


def test_missing_alias_file_is_empty(tmp_path):
    assert load_aliases(tmp_path / "none.yml") == Aliases()


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("merge:\n  - [Pat Ryder, Patrick Ryder\nsplit: []\n", 3, "not valid YAML"),
        ("merge:\n  - [Pat Ryder]\n", 2, "at least two names"),
        ("split:\n  - [a, b]\n  - [a, b, c]\n", 3, "exactly two names"),
        ("merges:\n  - [a, b]\n", 1, "unknown key 'merges'"),
        ("merge: Pat Ryder\n", 1, "'merge' must be a list"),
        ("- a\n- b\n", 1, "expected a mapping"),
    ],
)
def test_malformed_alias_file_names_file_and_line(tmp_path, text, line, message):
    path = tmp_path / "aliases.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(AliasesError) as error:
        load_aliases(path)
    assert str(error.value).startswith(f"{path}:{line}: ")
    assert message in str(error.value)


def merge_of(speaker, name: str):
    return next(m for m in speaker.merges if m.name == name)


def test_a_middle_name_or_initial_does_not_split_a_name():
    quotes = [quote("Donald Trump", "We will win.", "a"), quote("Donald Trump", "Believe me.", "b"),
              quote("Donald J. Trump", "Sad.", "c"), quote("Donald John Trump", "Huge.", "d"),
              quote("Paul D. Ryan", "No.", "e"), quote("Paul Ryan", "Yes.", "f")]
    speakers = resolve_speakers(quotes)
    trump = speaker_of(quotes, speakers, "Donald J. Trump")
    assert trump == speaker_of(quotes, speakers, "Donald Trump") == speaker_of(quotes, speakers, "Donald John Trump")
    assert trump.name == "Donald Trump", "the most quoted full name, not the longest"
    assert speaker_of(quotes, speakers, "Paul Ryan") == speaker_of(quotes, speakers, "Paul D. Ryan")
    assert (merge_of(trump, "Donald J. Trump").reason, merge_of(trump, "Donald J. Trump").confidence) == (
        speakers_module.MIDDLE_NAME, 0.85)
    assert len(speakers) == 2


def test_an_initial_counts_for_less_than_a_word_in_the_canonical_name():
    quotes = [quote("Donald Trump", "We will win.", "a"), quote("Donald Trump", "Believe me.", "b"),
              quote("Donald J. Trump", "Sad.", "c")]
    assert [s.name for s in resolve_speakers(quotes)] == ["Donald Trump"]


def test_competing_middle_initials_leave_the_plain_name_apart():
    quotes = [quote("George W. Bush", "Mission accomplished.", "a"), quote("George H. W. Bush", "Read my lips.", "b"),
              quote("George Bush", "Fool me once.", "c"), quote("George Walker Bush", "Decider.", "d")]
    speakers = resolve_speakers(quotes)
    assert len(speakers) == 3
    assert speaker_of(quotes, speakers, "George W. Bush") == speaker_of(quotes, speakers, "George Walker Bush")
    assert speaker_of(quotes, speakers, "George Bush") not in (
        speaker_of(quotes, speakers, "George W. Bush"), speaker_of(quotes, speakers, "George H. W. Bush"))


def obama_family() -> list[Quote]:
    """Barack and Michelle Obama as named in full, and a quote the extractor gave Michelle by a "Mr. Obama"."""
    return [
        quote("Barack Obama", "Yes we can.", "a", role="President", mention="President Barack Obama"),
        quote("Barack Obama", "Fired up.", "a", mention="he"),
        quote("Michelle Obama", "When they go low, we go high.", "b", mention="Michelle Obama"),
        quote("Michelle Obama", "Let's move.", "b", mention="she"),
        quote("Michelle Obama", "It's about me.", "c", role="President", mention="Mr. Obama"),
        quote("Michelle Obama", "Michelle's own words.", "c", mention="Michelle Obama"),
    ]


def test_an_honorific_and_a_title_say_which_obama_a_bare_surname_is():
    quotes = obama_family() + [
        quote("Obama", "The trend is clear.", "d", mention="Mr. Obama"),
        quote("Obama", "Personal insult.", "d", role="president", mention="he"),
        quote("Obama", "Go vote.", "e", mention="she"),
    ]
    speakers = resolve_speakers(quotes)
    barack, michelle = speaker_of(quotes, speakers, "Barack Obama"), speaker_of(quotes, speakers, "Michelle Obama")
    assert barack != michelle
    assert {q.speaker_id for q in quotes if q.doc == "d"} == {barack.id}
    assert {q.speaker_id for q in quotes if q.doc == "e"} == {michelle.id}
    assert (merge_of(barack, "Obama").reason, merge_of(barack, "Obama").confidence) == (
        speakers_module.SURNAME_BY_EVIDENCE, 0.7)


def test_a_bare_surname_without_evidence_stays_apart_from_two_candidates():
    quotes = obama_family() + [quote("Obama", "Change.", "d", mention="Obama")]
    speakers = resolve_speakers(quotes)
    assert len(speakers) == 3


def test_a_surname_mention_is_no_evidence_about_the_full_name_it_was_given():
    """Michelle's quote under "Mr. Obama" with the role President must not make her fit "President Obama"."""
    quotes = [q for q in obama_family() if q.speaker_mention != "President Barack Obama"]
    quotes.append(quote("Obama", "The trend is clear.", "d", role="President", mention="President Obama"))
    speakers = resolve_speakers(quotes)
    assert len(speakers) == 3


def clintons() -> list[Quote]:
    return [
        quote("Bill Clinton", "I feel your pain.", "a", role="former President", mention="Bill Clinton"),
        quote("Bill Clinton", "It depends.", "a", mention="he"),
        quote("Hillary Clinton", "Stronger together.", "b", role="former Secretary of State", mention="Hillary Clinton"),
        quote("Hillary Clinton", "Deplorables.", "b", mention="she"),
    ]


@pytest.mark.parametrize(
    ("mention", "role", "expected"),
    [
        ("Mrs. Clinton", None, "Hillary Clinton"),
        ("Clinton", "the former secretary of state", "Hillary Clinton"),
        ("Mr. Clinton", None, "Bill Clinton"),
        ("President Clinton", None, "Bill Clinton"),
        ("Clinton", None, None),
        ("Clinton", "a Democrat", None),
    ],
)
def test_bill_and_hillary_clinton_share_a_bare_surname_only_by_evidence(mention, role, expected):
    quotes = clintons() + [quote("Clinton", "We'll see.", "c", role=role, mention=mention)]
    speakers = resolve_speakers(quotes)
    bare = speaker_of(quotes, speakers, "Clinton")
    if expected is None:
        assert bare.name == "Clinton" and len(speakers) == 3
    else:
        assert bare == speaker_of(quotes, speakers, expected) and len(speakers) == 2


def test_a_gender_clash_keeps_even_the_only_full_name_apart():
    quotes = [quote("John Smith", "Yes.", "a", mention="John Smith"), quote("John Smith", "No.", "a", mention="he"),
              quote("Smith", "Maybe.", "b", mention="Ms. Smith"), quote("Smith", "Sure.", "c", mention="Smith")]
    resolve_speakers(quotes)
    john, ms_smith, smith = (q.speaker_id for q in quotes[1:])
    assert smith == john != ms_smith


def test_a_bare_given_name_joins_the_full_name_of_its_article_or_the_one_its_titles_fit():
    quotes = [
        quote("Bernie Sanders", "Enough about the emails.", "a"), quote("Bernie", "Feel the Bern.", "a"),
        quote("Hillary Clinton", "Stronger together.", "b", role="Democratic nominee", mention="Hillary Clinton"),
        quote("Hillary Rosen", "Never worked a day.", "b2", mention="she"),
        quote("Hillary", "I'm with her.", "c", role="the nominee", mention="she"),
        quote("James Acton", "Physics says no.", "d", mention="James Acton"),
        quote("James", "I disagree.", "e", mention="she"),
        quote("Bob Sutton", "Fine.", "f", mention="he"), quote("Bob Corker", "No.", "g", role="Sen."),
        quote("Bob", "Who knows.", "h", mention="he"),
    ]
    speakers = resolve_speakers(quotes)
    bernie = speaker_of(quotes, speakers, "Bernie")
    assert bernie == speaker_of(quotes, speakers, "Bernie Sanders")
    assert merge_of(bernie, "Bernie").reason == speakers_module.GIVEN_NAME_IN_ARTICLE
    hillary = speaker_of(quotes, speakers, "Hillary")
    assert hillary == speaker_of(quotes, speakers, "Hillary Clinton")
    assert (merge_of(hillary, "Hillary").reason, merge_of(hillary, "Hillary").confidence) == (
        speakers_module.GIVEN_NAME_BY_EVIDENCE, 0.65)
    assert speaker_of(quotes, speakers, "James") != speaker_of(quotes, speakers, "James Acton")
    assert speaker_of(quotes, speakers, "Bob").name == "Bob", "a given name's gender says nothing of which Bob"


def test_suffixes_and_common_nouns_do_not_make_middle_names():
    quotes = [quote("Donald Trump", "Huge.", "a"), quote("Donald J. Trump", "Sad.", "a2"),
              quote("Donald Trump Jr.", "My father.", "b"),
              quote("another source", "Not true.", "c"), quote("another intelligence source", "True.", "d")]
    speakers = resolve_speakers(quotes)
    assert quotes[0].speaker_id == quotes[1].speaker_id != quotes[2].speaker_id
    assert len(speakers) == 4
