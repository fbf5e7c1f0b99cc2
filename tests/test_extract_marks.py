"""Quotation-mark segments straight from the text, without the parser."""
from __future__ import annotations

import pytest

from quotes.extract.marks import find_segments


def inner_texts(text: str) -> list[str]:
    return [text[s.start:s.end] for s in find_segments(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "yes," and left.', ["yes,"]),
        ("He said \u201cyes,\u201d and left.", ["yes,"]),
        ("''It's anti-reform,'' said Mr. Holtz-Eakin.", ["It's anti-reform,"]),
        ("``Old style,'' he said.", ["Old style,"]),
        # typed the wrong way round: context, not shape, decides
        ("He called it \u201dabsurd\u201d on Monday.", ["absurd"]),
        # single marks inside doubles belong to the outer quote
        ("\u201cThey said \u2018no\u2019 twice,\u201d she said.", ["They said \u2018no\u2019 twice,"]),
        # apostrophes are not marks
        ("Trump's plan for '16 is rock 'n' roll, the players' union said.", []),
        # single marks quote in headlines
        ("Warren: \u2018You Should Be Investigated\u2019\n\nText.", ["You Should Be Investigated"]),
        ("Sanders: Clinton needs to 'get away from all of this'", ["get away from all of this"]),
        # markup debris: marks inside tags quote nothing
        ('<tweet author="realDonaldTrump" date="May 3">"We will win," he wrote.</tweet>', ["We will win,"]),
        # an invisible format character before a mark does not hide it
        ("\u202a\u201dSorry Sarah,\u201d posted Sharon.", ["Sorry Sarah,"]),
    ],
)
def test_segments(text, expected):
    assert inner_texts(text) == expected


def test_a_stray_mark_swallows_only_its_own_paragraph():
    text = 'The "plan was announced in March.\n\nLater, "we are done," Smith said.'
    segments = find_segments(text)
    assert [text[s.start:s.end] for s in segments] == ["plan was announced in March.", "we are done,"]
    assert segments[0].unclosed and not segments[1].unclosed


def test_a_quote_left_open_continues_at_the_next_paragraphs_opening_mark():
    text = '"First paragraph of the quote.\n\n"Second paragraph," he said.'
    first, second = find_segments(text)
    assert first.unclosed and not first.continues
    assert second.continues and text[second.start:second.end] == "Second paragraph,"


def test_a_second_opener_ends_a_quote_that_lost_its_closing_mark():
    text = "\u201cWe will win, he said. \u201cNobody can stop us.\u201d"
    assert inner_texts(text) == ["We will win, he said.", "Nobody can stop us."]


def test_curly_single_marks_quote_long_passages_and_run_over_paragraphs():
    long = "word " * 80
    text = f"\u2018{long}end,\u2019 she said.\n\n\u2018Open here.\n\n\u2018Closed here.\u2019"
    first, second, third = find_segments(text)
    assert text[first.start:first.end] == f"{long}end,"
    assert second.unclosed and third.continues


def test_straight_single_marks_stay_short():
    text = "The 'first " + "word " * 80 + "and' last."
    assert find_segments(text) == []
