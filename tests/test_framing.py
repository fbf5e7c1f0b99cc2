"""Stance (how the reporter framed a quote) and kind (full, partial, term)."""
from __future__ import annotations

import re

import pytest

from quotes.extract.framing import kind_of, stance_of

#: These functions are tested on the parse alone, not through the quotes pipe that calls them.
WITHOUT_QUOTES = ["quotes"]


@pytest.fixture(scope="module")
def seed_docs(nlp, seeds_dir, seeds_gold):
    return {
        name: nlp((seeds_dir / name).read_text(encoding="utf-8"), disable=WITHOUT_QUOTES)
        for name in seeds_gold
    }


def quoted(doc, words: str) -> tuple[int, int]:
    """The offsets of ``words`` inside ``doc``'s text (the inner text of a quote)."""
    start = doc.text.index(words)
    return start, start + len(words)


def cue_span(doc, words: str):
    match = re.search(rf"(?<!\w){re.escape(words)}(?!\w)", doc.text)
    return doc.char_span(match.start(), match.end(), alignment_mode="expand")


def framing(nlp, text: str, quote: str, cue: str | None) -> tuple[str, str]:
    doc = nlp(text, disable=WITHOUT_QUOTES)
    start, end = quoted(doc, quote)
    return stance_of(doc, cue_span(doc, cue) if cue else None, start, end), kind_of(doc, start, end)


def test_seed_stance_and_kind_match_the_gold(seed_docs, seeds_gold):
    wrong = []
    for name, quotes in seeds_gold.items():
        doc = seed_docs[name]
        for quote in quotes:
            cue = doc.char_span(quote["cue_start"], quote["cue_end"], alignment_mode="expand")
            got = (stance_of(doc, cue, quote["start"], quote["end"]), kind_of(doc, quote["start"], quote["end"]))
            if got != (quote["stance"], quote["kind"]):
                wrong.append((quote["text"][:40], got, (quote["stance"], quote["kind"])))
    assert wrong == []


@pytest.mark.parametrize(
    "cue, stance",
    [
        ("said", "neutral"),
        ("told reporters", "neutral"),
        ("announced", "neutral"),
        ("admitted", "endorsing"),
        ("acknowledged", "endorsing"),
        ("conceded", "endorsing"),
        ("pointed out", "endorsing"),
        ("claimed", "distancing"),
        ("alleged", "distancing"),
        ("insisted", "distancing"),
    ],
)
def test_stance_of_reporting_verbs(nlp, cue, stance):
    text = f'The minister {cue} that "the budget is balanced and the debt is falling."'
    assert framing(nlp, text, "the budget is balanced and the debt is falling.", cue)[0] == stance


def test_pointed_to_is_neutral_where_pointed_out_endorses(nlp):
    text = 'The group pointed to "our brothers in the Axis, especially in Iran".'
    assert framing(nlp, text, "our brothers in the Axis, especially in Iran", "pointed to")[0] == "neutral"


@pytest.mark.parametrize(
    "text, quote, cue",
    [
        ('Iran has voiced support for what it calls "resistance groups" in the region.', "resistance groups", "calls"),
        ('The so-called "peace plan" was signed on Monday.', "peace plan", None),
        ('This armed group often uses the phrase "occupying force" for US units.', "occupying force", "uses the phrase"),
        ('The regime has spun the narrative that these groups are "independent" in action.', "independent", None),
    ],
)
def test_distancing_frames_make_a_term(nlp, text, quote, cue):
    assert framing(nlp, text, quote, cue) == ("distancing", "term")


def test_a_scare_quoted_word_without_a_reporting_verb_is_distancing(nlp):
    text = 'The statement came with an assurance from the leader that the halt will be only "temporary."'
    assert framing(nlp, text, "temporary.", "assurance") == ("distancing", "term")


def test_a_label_put_by_a_neutral_verb_is_a_neutral_term(nlp):
    text = 'The State Department considered the militia a "terrorist organization" since 2009.'
    assert framing(nlp, text, "terrorist organization", "considered") == ("neutral", "term")


def test_full_quote_stands_alone_and_partial_is_woven_in(nlp):
    text = (
        '"We are not seeking war, but we are not afraid of it," the general said. '
        'He said the strike had the "footprints of the militia" all over it.'
    )
    assert framing(nlp, text, "We are not seeking war, but we are not afraid of it,", "said") == ("neutral", "full")
    assert framing(nlp, text, "footprints of the militia", "said") == ("neutral", "partial")


def test_a_short_fragment_in_the_reporters_sentence_is_partial_not_a_term(nlp):
    text = 'Washington pledged a "very consequential" response to the attack.'
    assert framing(nlp, text, "very consequential", "pledged") == ("neutral", "partial")


def test_a_quote_introduced_by_a_colon_is_full(nlp):
    text = 'The spokesman said: "We have seen those reports and we will respond."'
    assert framing(nlp, text, "We have seen those reports and we will respond.", "said")[1] == "full"


def test_a_whole_sentence_of_the_speaker_is_full_without_a_comma(nlp):
    text = 'He said "We will win the next election."'
    assert framing(nlp, text, "We will win the next election.", "said")[1] == "full"


def test_a_capitalized_name_in_the_reporters_sentence_is_not_full(nlp):
    text = 'Among the issues, "Medicare cuts" topped the list.'
    assert framing(nlp, text, "Medicare cuts", None)[1] == "partial"


def test_calling_for_something_puts_no_label_on_it(nlp):
    text = 'The senator called for a "total and complete shutdown" of the program.'
    assert framing(nlp, text, "total and complete shutdown", "called for") == ("neutral", "partial")


def test_a_framed_term_may_run_to_a_few_words(nlp):
    text = 'He backed what he calls "the new American century of freedom" in the speech.'
    assert framing(nlp, text, "the new American century of freedom", "calls") == ("distancing", "term")
