"""One short passage per way newsrooms quote, through the real pipeline.

Each case gives the passage, then every quote expected from it, in order, as
``(quote text, speaker mention, resolved speaker, kind)``; nothing else may be
found.
"""
from __future__ import annotations

import pytest

from quotes.extract import extract_article
from quotes.model import Article

CASES = {
    "said after the quote": (
        '"We are not looking for a war with Iran," John Kirby said on Tuesday.',
        [("We are not looking for a war with Iran,", "John Kirby", "John Kirby", "full")],
    ),
    "split quote": (
        'John Kirby spoke to reporters on Tuesday.\n\n'
        '"We will respond," Kirby said, "and we will do it in a way of our own choosing."',
        [
            ("We will respond,", "Kirby", "John Kirby", "full"),
            ("and we will do it in a way of our own choosing.", "Kirby", "John Kirby", "partial"),
        ],
    ),
    "pronoun": (
        "Renad Mansour is a senior research fellow at Chatham House.\n\n"
        '"These groups are worried that escalation could hurt them," he said.',
        [("These groups are worried that escalation could hurt them,", "he", "Renad Mansour", "full")],
    ),
    "said before the speaker": (
        '"There are too many chains of command," said Renad Mansour, a research fellow.',
        [("There are too many chains of command,", "Renad Mansour", "Renad Mansour", "full")],
    ),
    "partial quote woven in": (
        'Kirby said the plan has "a lot of moving pieces" and would take time.',
        [("a lot of moving pieces", "Kirby", "Kirby", "partial")],
    ),
    "according to": (
        'The strikes were "only the first step," according to Sabrina Singh, a Pentagon spokeswoman.',
        [("only the first step,", "Sabrina Singh", "Sabrina Singh", "partial")],
    ),
    "colon cue paragraph": (
        "Maria Lopez, the mayor of the city, told reporters:\n\n"
        '"We have done everything we could to keep people safe."',
        [("We have done everything we could to keep people safe.", "Maria Lopez", "Maria Lopez", "full")],
    ),
    "passive": (
        'Senator Jane Smith was quoted as saying the bill was "dead on arrival."',
        [("dead on arrival.", "Jane Smith", "Jane Smith", "partial")],
    ),
    "interview transcript": (
        "Partial transcript as follows:\n\n"
        '"WALLACE: Will she be at the debate tomorrow night?\n\n'
        '"PENCE: She will not be attending the debate."',
        [
            ("WALLACE: Will she be at the debate tomorrow night?", "WALLACE", "WALLACE", "full"),
            ("PENCE: She will not be attending the debate.", "PENCE", "PENCE", "full"),
        ],
    ),
    "continuation in the paragraph": (
        '"We believe the attack was planned by the group," John Kirby said. '
        '"We certainly read it but we are not going to comment."',
        [
            ("We believe the attack was planned by the group,", "John Kirby", "John Kirby", "full"),
            ("We certainly read it but we are not going to comment.", "John Kirby", "John Kirby", "full"),
        ],
    ),
    "multi-paragraph quote": (
        '"We will respond in our own time," said Pat Ryder, a Pentagon spokesman. "It will be tiered.\n\n'
        '"There will be many steps, and not all of them will be seen."',
        [
            ("We will respond in our own time,", "Pat Ryder", "Pat Ryder", "full"),
            ("It will be tiered.", "Pat Ryder", "Pat Ryder", "full"),
            ("There will be many steps, and not all of them will be seen.", "Pat Ryder", "Pat Ryder", "full"),
        ],
    ),
    "nested single quote": (
        "\u201cThey told us \u2018no deal\u2019 and walked out,\u201d said Tom Baker, a union leader.",
        [("They told us \u2018no deal\u2019 and walked out,", "Tom Baker", "Tom Baker", "full")],
    ),
    "apostrophes are no marks": (
        "\"Trump's plan for '16 is pure rock 'n' roll,\" said Ann Lee, a strategist.",
        [("Trump's plan for '16 is pure rock 'n' roll,", "Ann Lee", "Ann Lee", "full")],
    ),
    "stray mark stays in its paragraph": (
        'The senator\'s "plan was announced in March.\n\n'
        '"We are done," Jane Smith said.',
        [("We are done,", "Jane Smith", "Jane Smith", "full")],
    ),
    "headline with single marks": (
        "Bernie Sanders: Clinton needs to \u2018get away from personality stuff\u2019\n\n"
        "Sanders offered advice to Hillary Clinton on Friday.",
        [("get away from personality stuff", "Bernie Sanders", "Bernie Sanders", "partial")],
    ),
    "dash signature": (
        "\u201cHe does not answer to anyone.\u201d \u2015 Carla Sanchez\n",
        [("He does not answer to anyone.", "Carla Sanchez", "Carla Sanchez", "full")],
    ),
    "quote in the next paragraph continues the speaker": (
        '"We will win," Jane Smith said on Monday.\n\n"Nobody can stop us now."\n\nThe crowd cheered.',
        [
            ("We will win,", "Jane Smith", "Jane Smith", "full"),
            ("Nobody can stop us now.", "Jane Smith", "Jane Smith", "full"),
        ],
    ),
    "cue in the previous sentence": (
        'Dianne Bystrom, a professor at Iowa State University, agreed. "Mainstream Republicans are running out of time."',
        [("Mainstream Republicans are running out of time.", "Dianne Bystrom", "Dianne Bystrom", "full")],
    ),
    "nested report goes to the outer speaker": (
        'Michael Flynn said Trump told him that "the generals have been reduced to rubble."',
        [("the generals have been reduced to rubble.", "Michael Flynn", "Michael Flynn", "partial")],
    ),
    "reported through a source": (
        '"I ask you not to engage in any kind of protest," Sanders said, according to CNN.',
        [("I ask you not to engage in any kind of protest,", "CNN", "CNN", "full")],
    ),
    "what he called": (
        'Secretary General Ban Ki-moon condemned what he called a "brazen breach" of the resolutions.',
        [("brazen breach", "Ban Ki-moon", "Ban Ki-moon", "term")],
    ),
    "statement saying": (
        'Paul Ryan issued a statement describing the meeting as a "very positive step toward unification."',
        [("very positive step toward unification.", "Paul Ryan", "Paul Ryan", "partial")],
    ),
    "british single marks over paragraphs": (
        "Jane Smith, the health secretary, defended the plan on Monday.\n\n"
        "\u2018We have looked at every option and this is the one that protects patients first. Nobody wanted "
        "to make these cuts, but the money simply is not there, and we were not going to pretend otherwise to "
        "anyone, least of all to the nurses who have carried this service through the worst winter any of us "
        "can remember,\u2019 she told the BBC.\n\n"
        "\u2018It is not a decision we took lightly.\n\n"
        "\u2018We will review it next year.\u2019",
        [
            (
                "We have looked at every option and this is the one that protects patients first. Nobody wanted "
                "to make these cuts, but the money simply is not there, and we were not going to pretend otherwise "
                "to anyone, least of all to the nurses who have carried this service through the worst winter any "
                "of us can remember,",
                "she", "Jane Smith", "full",
            ),
            ("It is not a decision we took lightly.", "she", "Jane Smith", "full"),
            ("We will review it next year.", "she", "Jane Smith", "full"),
        ],
    ),
    "hard-wrapped wire copy": (
        "WASHINGTON (AP) -- The White House said on Tuesday that it would respond\n"
        "to the attack on US troops in Jordan at a time of its own choosing, and\n"
        "officials would not give any details of the options on the table.\n\n"
        "\"We are not looking for a war with Iran, but we will respond to this\n"
        "attack,\" John Kirby, a spokesman for the National Security Council,\n"
        "told reporters at the White House on Tuesday afternoon in Washington.\n\n"
        "The Pentagon declined to comment on the timing of any strikes in Iraq\n"
        "or in Syria, and said only that the options were being reviewed now.\n",
        [
            (
                "We are not looking for a war with Iran, but we will respond to this\nattack,",
                "John Kirby", "John Kirby", "full",
            ),
        ],
    ),
    "scare quote left out": (
        'The so-called "peace plan" collapsed on Tuesday after two weeks of talks.',
        [],
    ),
    "title of a work left out": (
        'She appeared on "Meet the Press" on Sunday morning to talk about taxes.',
        [],
    ),
    "attributed term kept as term": (
        'This armed group often uses the phrase "occupying force" to refer to US troops.',
        [("occupying force", "This armed group", "armed group", "term")],
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_pattern(nlp, name):
    text, expected = CASES[name]
    quotes = extract_article(nlp, Article(doc=name, text=text))
    found = [(q.text, q.speaker_mention, q.speaker, q.kind) for q in quotes]
    assert found == expected


def test_offsets_point_into_the_text(nlp):
    text, _ = CASES["split quote"]
    for quote in extract_article(nlp, Article(doc="split", text=text)):
        assert text[quote.start:quote.end] == quote.text
        assert text[quote.speaker_start:quote.speaker_end] == quote.speaker_mention
        assert text[quote.cue_start:quote.cue_end] == quote.cue
        assert quote.quote_id and quote.doc == "split"
