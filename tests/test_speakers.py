"""Speaker resolution across the seed articles, built by hand from the seeds gold (no extractor)."""
from __future__ import annotations

import copy
from collections import Counter

import pytest
from seed_records import seed_corpus

import quotes.speakers as speakers_module
from quotes.aliases import add_merge, add_split, load_aliases
from quotes.errors import UsageError
from quotes.model import Article, Quote, Speaker, identify
from quotes.model import SpeakerResolution
from quotes.names import headlines_by_doc
from quotes.speakers import resolve_speakers


@pytest.fixture
def seeds(seeds_dir, seeds_gold):
    return seed_corpus(seeds_dir, seeds_gold)


def quote(speaker: str, text: str, doc: str, speaker_type: str = "person", role: str | None = None,
          mention: str | None = None) -> Quote:
    """A quote written for a test: only what speaker resolution reads (the mention is the name unless given)."""
    return Quote(start=0, end=len(text), text=text, speaker=speaker, speaker_mention=mention or speaker,
                 speaker_type=speaker_type, role=role, doc=doc, quote_id=f"q-{doc}-{speaker}-{text}")


def ids(resolution: SpeakerResolution, quotes: list[Quote]) -> list[str | None]:
    """Each quote's speaker ID, in the order of ``quotes`` (None: no speaker)."""
    return [resolution.speaker_of.get(q.quote_id) for q in quotes]


def named(resolution: SpeakerResolution, quotes: list[Quote], written: str) -> Speaker:
    """The speaker resolved for the quotes whose in-article speaker is ``written``."""
    found = {resolution.speaker_of.get(q.quote_id) for q in quotes if q.speaker == written}
    assert len(found) == 1, f"{written!r} resolved to {found}"
    return next(s for s in resolution.speakers if s.id in found)


def test_resolution_leaves_the_quotes_as_they_are(seeds, tmp_path):
    _, quotes = seeds
    quotes[0].speaker_id = "s-stale"
    before = copy.deepcopy(quotes)
    path = tmp_path / "aliases.yml"
    add_merge(path, ["Sabrina Singh", "Pentagon spokesperson"])
    resolution = resolve_speakers(quotes, load_aliases(path))
    assert quotes == before
    assert set(resolution.speaker_of) == {q.quote_id for q in quotes if q.speaker}
    assert set(resolution.speaker_of.values()) == {s.id for s in resolution.speakers}
    with pytest.raises(AttributeError):
        resolution.speakers = []


def test_a_quote_with_a_speaker_but_no_id_is_refused():
    with pytest.raises(UsageError, match="no quote_id"):
        resolve_speakers([Quote(start=0, end=3, text="No.", speaker="John Kirby", doc="a")])


def test_transliteration_merges_persons_by_one_varying_part_organizations_throughout():
    quotes = [quote("Hossein Salami", "We are ready.", "a"), quote("Hussein Salami", "We are ready.", "b"),
              quote("Tyler", "Fine.", "c"), quote("Taylor", "Fine.", "d"),
              quote("Hezbollah", "We respond.", "e", speaker_type="organization"),
              quote("Hizballah", "We respond.", "f", speaker_type="organization")]
    hossein, hussein, tyler, taylor, hezbollah, hizballah = ids(resolve_speakers(quotes), quotes)
    assert hossein == hussein and tyler != taylor and hezbollah == hizballah


def test_seed_speakers_are_one_row_each(seeds):
    _, quotes = seeds
    resolution = resolve_speakers(quotes)
    kataib = {named(resolution, quotes, n).id for n in ["Kataib Hizbollah", "Kataib Hezbollah"]}
    assert len(kataib) == 1
    assert named(resolution, quotes, "Kataib Hezbollah").type == "organization"
    assert named(resolution, quotes, "Kirby") == named(resolution, quotes, "John Kirby")
    assert named(resolution, quotes, "John Kirby").name == "John Kirby"
    ryder = {named(resolution, quotes, n).id for n in ["Maj Gen Pat Ryder", "Maj. Gen. Pat Ryder", "Ryder"]}
    assert len(ryder) == 1
    assert named(resolution, quotes, "Ryder").name == "Pat Ryder"
    hamidawi = {named(resolution, quotes, n).id
                for n in ["Abu Hussein al-Hamidawi", "Ahmad al-Hamidawi", "al-Hamidawi"]}
    assert len(hamidawi) == 1
    assert named(resolution, quotes, "al-Hamidawi").name == "Abu Hussein al-Hamidawi"
    salami = named(resolution, quotes, "Gen. Hossein Salami")
    assert salami == named(resolution, quotes, "Major General Hossein Salami")
    assert salami.name == "Hossein Salami"
    assert named(resolution, quotes, "Mansour") == named(resolution, quotes, "Renad Mansour")


def test_seed_speakers_match_the_gold_speaker_names(seeds, seeds_gold):
    _, quotes = seeds
    resolution = resolve_speakers(quotes)
    gold_name = {(doc, g["start"]): g["speaker_name"] for doc, gold in seeds_gold.items() for g in gold}
    ids_by_gold_name = {}
    for q, speaker_id in zip(quotes, ids(resolution, quotes)):
        ids_by_gold_name.setdefault(gold_name[(q.doc, q.start)], set()).add(speaker_id)
    assert {name: ids for name, ids in ids_by_gold_name.items() if len(ids) > 1} == {}
    assert len({frozenset(ids) for ids in ids_by_gold_name.values()}) == len(ids_by_gold_name)


def test_merges_say_why_and_how_sure(seeds):
    _, quotes = seeds
    resolution = resolve_speakers(quotes)
    hamidawi = named(resolution, quotes, "Ahmad al-Hamidawi")
    merges = {m.name: m for m in hamidawi.merges}
    assert merges["Ahmad al-Hamidawi"].reason.startswith("same surname, same organization (Kataib")
    assert merges["Ahmad al-Hamidawi"].confidence == 0.7
    assert {"Abu Hussein al-Hamidawi", "Ahmad al-Hamidawi", "al-Hamidawi"} <= set(hamidawi.names)
    ryder = {m.name: m for m in named(resolution, quotes, "Ryder").merges}
    assert ryder["Maj Gen Pat Ryder"].confidence == 1.0
    assert (ryder["Ryder"].reason, ryder["Ryder"].confidence) == (speakers_module.SURNAME, 0.9)


def test_two_people_sharing_a_surname_in_different_organizations_stay_apart(seeds):
    _, quotes = seeds
    quotes.append(quote("Ali Mansour", "We will not withdraw from the streets of Basra.", "extra-1",
                        role="a commander of the Badr Organization"))
    quotes.append(quote("Mansour", "Basra is ours.", "extra-1"))
    resolution = resolve_speakers(quotes)
    renad, ali = named(resolution, quotes, "Renad Mansour"), named(resolution, quotes, "Ali Mansour")
    assert renad != ali
    mansour = [(q.doc, speaker_id) for q, speaker_id in zip(quotes, ids(resolution, quotes)) if q.speaker == "Mansour"]
    assert {speaker_id for doc, speaker_id in mansour if doc == "extra-1"} == {ali.id}
    assert {speaker_id for doc, speaker_id in mansour if doc != "extra-1"} == {renad.id}


def test_a_bare_surname_shared_by_two_people_in_neither_article_stays_alone():
    quotes = [
        quote("Renad Mansour", "Escalation is not good for business.", "a", role="director of Chatham House"),
        quote("Ali Mansour", "We will not withdraw.", "b", role="a commander of the Badr Organization"),
        quote("Mansour", "Too many cooks in the kitchen.", "c"),
    ]
    resolution = resolve_speakers(quotes)
    assert len(resolution.speakers) == 3


def test_same_surname_same_organization_needs_the_organization():
    quotes = [
        quote("Abu Hussein al-Hamidawi", "We suspend operations.", "a", role="secretary-general of Kataib Hizbollah"),
        quote("Ahmad al-Hamidawi", "Our brothers do not know.", "b", role="Kataib Hizbullah leader"),
        quote("Karim al-Hamidawi", "The market is open.", "c", role="a trader in Basra"),
        quote("John Smith", "No comment.", "d", role="a US official"),
        quote("Jane Smith", "We are watching.", "e", role="US envoy"),
    ]
    resolution = resolve_speakers(quotes)
    assert len(resolution.speakers) == 4
    abu_hussein, ahmad, karim, john, jane = ids(resolution, quotes)
    assert abu_hussein == ahmad != karim
    assert john != jane


def test_persons_and_organizations_never_merge():
    quotes = [
        quote("Hezbollah", "We will respond.", "a", speaker_type="organization"),
        quote("Hizbollah", "We are ready.", "b", speaker_type="person"),
        quote("Washington", "Very consequential.", "c", speaker_type="organization"),
        quote("George Washington", "I cannot tell a lie.", "d"),
        quote("Washington", "Something else entirely.", "e", speaker_type="person"),
    ]
    resolution = resolve_speakers(quotes)
    hezbollah, hizbollah, washington_dc, george, washington = ids(resolution, quotes)
    assert hezbollah != hizbollah
    assert washington_dc not in {george, washington}
    assert george == washington
    assert len({s.id for s in resolution.speakers}) == len(resolution.speakers) == 4
    by_id = {s.id: s for s in resolution.speakers}
    assert by_id[hezbollah].type == "organization" and by_id[hizbollah].type == "person"


def test_ids_are_stable_across_runs_and_spellings(seeds, seeds_dir, seeds_gold):
    _, quotes = seeds
    first = {s.name: s.id for s in resolve_speakers(quotes).speakers}
    _, again = seed_corpus(seeds_dir, seeds_gold)
    second = {s.name: s.id for s in resolve_speakers(list(reversed(again))).speakers}
    assert first == second
    assert all(s_id.startswith("s-") for s_id in first.values())


def test_honorifics_of_different_genders_never_merge():
    quotes = [quote("Mr. Smith", "Yes.", "a"), quote("Ms. Smith", "No.", "b"), quote("Mr Smith", "Maybe.", "c")]
    mr_smith, ms_smith, mr_smith_again = ids(resolve_speakers(quotes), quotes)
    assert mr_smith == mr_smith_again != ms_smith


def test_a_forced_surname_merge_does_not_bridge_two_full_names(tmp_path):
    path = tmp_path / "aliases.yml"
    add_merge(path, ["Donald Trump", "Trump"])
    quotes = [quote("Donald Trump", "We will win.", "a"), quote("Eric Trump", "He will win.", "b"),
              quote("Trump", "Believe me.", "b"), quote("Trump", "Sad.", "c")]
    donald, eric, trump_in_b, trump_in_c = ids(resolve_speakers(quotes, load_aliases(path)), quotes)
    assert donald == trump_in_b == trump_in_c != eric


def test_quotes_without_a_speaker_get_no_id():
    quotes = [quote("Kirby", "Yes.", "a"), Quote(start=0, end=3, text="No.", doc="b", quote_id="q-b", speaker_id="s-stale")]
    resolution = resolve_speakers(quotes)
    assert "q-b" not in resolution.speaker_of and len(resolution.speakers) == 1


def test_curation_merges_and_splits_survive_rebuilds(seeds, tmp_path):
    _, quotes = seeds
    path = tmp_path / "aliases.yml"
    add_merge(path, ["Sabrina Singh", "Pentagon spokesperson"])
    add_split(path, "Renad Mansour", "Mansour")
    for _ in range(2):
        resolution = resolve_speakers(quotes, load_aliases(path))
        singh = named(resolution, quotes, "Sabrina Singh")
        assert singh == named(resolution, quotes, "Pentagon spokesperson")
        assert {m.reason for m in singh.merges if m.name == "Pentagon spokesperson"} == {"aliases file"}
        assert named(resolution, quotes, "Mansour") != named(resolution, quotes, "Renad Mansour")


def test_forced_merge_names_the_speaker_and_overrides_type(tmp_path):
    path = tmp_path / "aliases.yml"
    add_merge(path, ["Islamic Resistance in Iraq", "IRI"])
    add_merge(path, ["General Motors", "GM"])
    quotes = [quote("IRI", "We claim it.", "a", speaker_type="organization"),
              quote("Islamic Resistance in Iraq", "We claim it.", "b", speaker_type="person"),
              quote("General Motors", "Sales rose.", "c", speaker_type="organization"),
              quote("GM", "Sales rose again.", "d", speaker_type="organization")]
    resolution = resolve_speakers(quotes, load_aliases(path))
    assert sorted(s.name for s in resolution.speakers) == ["General Motors", "Islamic Resistance in Iraq"]


def merge_of(speaker, name: str):
    return next(m for m in speaker.merges if m.name == name)


def test_a_middle_name_or_initial_does_not_split_a_name():
    quotes = [quote("Donald Trump", "We will win.", "a"), quote("Donald Trump", "Believe me.", "b"),
              quote("Donald J. Trump", "Sad.", "c"), quote("Donald John Trump", "Huge.", "d"),
              quote("Paul D. Ryan", "No.", "e"), quote("Paul Ryan", "Yes.", "f")]
    resolution = resolve_speakers(quotes)
    trump = named(resolution, quotes, "Donald J. Trump")
    assert trump == named(resolution, quotes, "Donald Trump") == named(resolution, quotes, "Donald John Trump")
    assert trump.name == "Donald Trump", "the most quoted full name, not the longest"
    assert named(resolution, quotes, "Paul Ryan") == named(resolution, quotes, "Paul D. Ryan")
    assert (merge_of(trump, "Donald J. Trump").reason, merge_of(trump, "Donald J. Trump").confidence) == (
        speakers_module.MIDDLE_NAME, 0.85)
    assert len(resolution.speakers) == 2


def test_an_initial_counts_for_less_than_a_word_in_the_canonical_name():
    quotes = [quote("Donald Trump", "We will win.", "a"), quote("Donald Trump", "Believe me.", "b"),
              quote("Donald J. Trump", "Sad.", "c")]
    assert [s.name for s in resolve_speakers(quotes).speakers] == ["Donald Trump"]


def test_competing_middle_initials_leave_the_plain_name_apart():
    quotes = [quote("George W. Bush", "Mission accomplished.", "a"), quote("George H. W. Bush", "Read my lips.", "b"),
              quote("George Bush", "Fool me once.", "c"), quote("George Walker Bush", "Decider.", "d")]
    resolution = resolve_speakers(quotes)
    assert len(resolution.speakers) == 3
    assert named(resolution, quotes, "George W. Bush") == named(resolution, quotes, "George Walker Bush")
    assert named(resolution, quotes, "George Bush") not in (
        named(resolution, quotes, "George W. Bush"), named(resolution, quotes, "George H. W. Bush"))


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
    resolution = resolve_speakers(quotes)
    barack, michelle = named(resolution, quotes, "Barack Obama"), named(resolution, quotes, "Michelle Obama")
    assert barack != michelle
    by_doc = list(zip((q.doc for q in quotes), ids(resolution, quotes)))
    assert {speaker_id for doc, speaker_id in by_doc if doc == "d"} == {barack.id}
    assert {speaker_id for doc, speaker_id in by_doc if doc == "e"} == {michelle.id}
    assert (merge_of(barack, "Obama").reason, merge_of(barack, "Obama").confidence) == (
        speakers_module.SURNAME_BY_EVIDENCE, 0.7)


def test_a_bare_surname_without_evidence_stays_apart_from_two_candidates():
    quotes = obama_family() + [quote("Obama", "Change.", "d", mention="Obama")]
    resolution = resolve_speakers(quotes)
    assert len(resolution.speakers) == 3


def test_a_surname_mention_is_no_evidence_about_the_full_name_it_was_given():
    """Michelle's quote under "Mr. Obama" with the role President must not make her fit "President Obama"."""
    quotes = [q for q in obama_family() if q.speaker_mention != "President Barack Obama"]
    quotes.append(quote("Obama", "The trend is clear.", "d", role="President", mention="President Obama"))
    resolution = resolve_speakers(quotes)
    assert len(resolution.speakers) == 3


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
    resolution = resolve_speakers(quotes)
    bare = named(resolution, quotes, "Clinton")
    if expected is None:
        assert bare.name == "Clinton" and len(resolution.speakers) == 3
    else:
        assert bare == named(resolution, quotes, expected) and len(resolution.speakers) == 2


def test_a_gender_clash_keeps_even_the_only_full_name_apart():
    quotes = [quote("John Smith", "Yes.", "a", mention="John Smith"), quote("John Smith", "No.", "a", mention="he"),
              quote("Smith", "Maybe.", "b", mention="Ms. Smith"), quote("Smith", "Sure.", "c", mention="Smith")]
    john, ms_smith, smith = ids(resolve_speakers(quotes), quotes)[1:]
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
    resolution = resolve_speakers(quotes)
    bernie = named(resolution, quotes, "Bernie")
    assert bernie == named(resolution, quotes, "Bernie Sanders")
    assert merge_of(bernie, "Bernie").reason == speakers_module.GIVEN_NAME_IN_ARTICLE
    hillary = named(resolution, quotes, "Hillary")
    assert hillary == named(resolution, quotes, "Hillary Clinton")
    assert (merge_of(hillary, "Hillary").reason, merge_of(hillary, "Hillary").confidence) == (
        speakers_module.GIVEN_NAME_BY_EVIDENCE, 0.65)
    assert named(resolution, quotes, "James") != named(resolution, quotes, "James Acton")
    assert named(resolution, quotes, "Bob").name == "Bob", "a given name's gender says nothing of which Bob"


def test_suffixes_and_common_nouns_do_not_make_middle_names():
    quotes = [quote("Donald Trump", "Huge.", "a"), quote("Donald J. Trump", "Sad.", "a2"),
              quote("Donald Trump Jr.", "My father.", "b"),
              quote("another source", "Not true.", "c"), quote("another intelligence source", "True.", "d")]
    resolution = resolve_speakers(quotes)
    donald, donald_j, junior = ids(resolution, quotes)[:3]
    assert donald == donald_j != junior
    assert len(resolution.speakers) == 4


def test_pronouns_numbers_fragments_headlines_and_things_get_no_speaker():
    kept = [quote("John Kirby", "We are ready.", "a"), quote("a senior official", "Talks go on.", "b"),
            quote("officials", "No deal yet.", "c"), quote("Scott's niece", "We want answers.", "d"),
            quote("Donald Trump", "Sad.", "e", mention="he")]
    junk = [quote("They", "True.", "a"), quote("I", "No.", "b"), quote("63 percent", "Justified.", "c"),
            quote("’s", "A fragment.", "d"), quote("box", "Medical problem.", "e"),
            quote("softer language", "Appropriate assistance.", "f"),
            quote("Donald Trump", "Disgusting Fraud.", "g", mention="Black Lawmakers Rip Donald Trump")]
    resolution = resolve_speakers(kept + junk)
    assert set(resolution.speaker_of) == {q.quote_id for q in kept}
    assert sorted(s.name for s in resolution.speakers) == [
        "Donald Trump", "John Kirby", "Scott's niece", "a senior official", "officials"]
    assert not any("Rip" in name for s in resolution.speakers for name in s.names)


def located(article: Article, text: str, speaker: str, mention: str, nth: int = 0) -> Quote:
    """The ``nth`` occurrence of ``text`` in ``article`` as a quote, its mention found after the quote's start."""
    start = -1
    for _ in range(nth + 1):
        start = article.text.index(text, start + 1)
    mention_start = article.text.index(mention, max(0, start - 60))
    return Quote(start=start, end=start + len(text), text=text, speaker=speaker, speaker_mention=mention,
                 speaker_start=mention_start, speaker_end=mention_start + len(mention), speaker_type="person")


def test_a_name_only_a_headline_writes_is_no_speaker_and_a_headline_mention_no_spelling():
    rally = Article(doc="rally", text=(
        "Frustrated Parents Rally Nationwide To ‘Reclaim Our Schools.’\n\n"
        "Amelize Joseph loves the public school that her daughter attends in Brooklyn, and she wants it funded.\n"
        "“We need the money in order for the school to go forward,” said Joseph.\n"))
    insult = Article(doc="insult", text=(
        "Obama Sees ‘Personal Insult’ If Blacks Don’t Vote\n\n"
        "President Obama said on Saturday night that he would take it as a “personal insult” if black voters "
        "stayed home, Obama told the dinner in Washington.\n"))
    quotes = identify(rally, [located(rally, "Reclaim Our Schools.", "Parents Rally", "Frustrated Parents Rally Nationwide"),
                              located(rally, "We need the money in order for the school to go forward,", "Amelize Joseph", "Joseph")])
    quotes += identify(insult, [located(insult, "Personal Insult", "Obama", "Obama Sees"),
                                located(insult, "personal insult", "Obama", "Obama")])
    resolution = resolve_speakers(quotes, headlines=headlines_by_doc([rally, insult]))
    headline_rally, joseph, headline_insult, insult_body = quotes
    assert headline_rally.quote_id not in resolution.speaker_of
    assert resolution.speaker_of[headline_insult.quote_id] == resolution.speaker_of[insult_body.quote_id]
    assert sorted(s.name for s in resolution.speakers) == ["Amelize Joseph", "Obama"]
    assert not any(name == "Obama Sees" for s in resolution.speakers for name in s.names)
    assert resolution.spelling_of[headline_insult.quote_id] == "Obama"
    assert headline_rally.quote_id in resolve_speakers(quotes).speaker_of, "without the articles no headline is known"


def test_each_quote_counts_under_one_spelling_so_the_counts_add_up(seeds):
    trump = [quote("Donald Trump", "Huge.", "a", mention="Mr. Trump"), quote("Donald Trump", "Sad.", "a", mention="he"),
             quote("Trump", "Believe me.", "b"), quote("Donald J. Trump", "Wrong.", "c"),
             quote("Donald Trump", "Tremendous.", "d", mention="Black Lawmakers Rip Donald Trump")]
    resolution = resolve_speakers(trump)
    assert [resolution.spelling_of.get(q.quote_id) for q in trump] == [
        "Mr. Trump", "Donald Trump", "Trump", "Donald J. Trump", None]
    _, quotes = seeds
    resolution = resolve_speakers(quotes)
    assert set(resolution.spelling_of) == set(resolution.speaker_of)
    for speaker in resolution.speakers:
        counted = Counter(resolution.spelling_of[q] for q, s in resolution.speaker_of.items() if s == speaker.id)
        assert set(counted) <= set(speaker.names), speaker.name
        assert sum(counted.values()) == list(resolution.speaker_of.values()).count(speaker.id)


def test_a_speaker_keeps_the_roles_that_are_titles_or_affiliations():
    quotes = [quote("Donald Trump", "NATO is obsolete.", "a", role="Bloomberg interview", mention="Trump"),
              quote("Donald Trump", "A con.", "b", role="disparaging remarks", mention="Trump"),
              quote("Donald Trump", "We will win.", "c", role="Republican nominee", mention="Donald Trump"),
              quote("Donald Trump", "It's 3 a.m.", "d", role="announcer", mention="the announcer"),
              quote("Donald Trump", "I'm rich.", "e", role="New York businessman", mention="the New York businessman"),
              quote("John Kirby", "We will respond.", "f", role="spokesman", mention="the spokesman"),
              quote("Hamas", "We reject it.", "g", role="Hamas", speaker_type="organization")]
    resolution = resolve_speakers(quotes)
    assert sorted(resolution.role_of.values()) == ["Hamas", "New York businessman", "Republican nominee", "spokesman"]
