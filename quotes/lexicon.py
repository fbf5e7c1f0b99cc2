"""Every word list of the project, in one place.

Extraction (``quotes/extract/``), speaker resolution (``quotes/speakers.py``)
and the development tools (``quotes/dev/``) read their words from here, so a
word added for one is seen by all. Words are lowercase; verbs are lemmas.

The reporting vocabulary was built from the cues annotated in PolNeAR train
(``cue_text`` in train.jsonl, 8,533 quotes): the head word of every cue seen
at least twice, lemmatised, then widened with common verbs of saying and
manner of speaking ("beamed", "groused") that news uses the same way. "said"
alone covers about half of all quotes; "told", "wrote", "added", "called",
"according to", "asked", "tweeted" and "continued" most of the rest.

Each reporting word carries the **stance** it gives a quote (see
``quotes/extract/framing.py``): *neutral* reports the words without a view on
them ("said", "told"), *endorsing* presents them as true or as a concession
the reporter accepts ("admitted"), *distancing* as a claim the reporter does
not vouch for ("claimed"). Words that say how the speaker spoke or felt
("blasted", "shouted", "wondered") are *unmarked*: they take no position, so
the quote itself decides (a scare-quoted term after them stays distancing),
and they are listed so, not left out by accident.

The component ``quotes`` carries these lists as data (:class:`Lexicon`): a
saved pipeline keeps the lexicon it was saved with.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from functools import cached_property

NEUTRAL, ENDORSING, DISTANCING = "neutral", "endorsing", "distancing"
STANCES = (NEUTRAL, ENDORSING, DISTANCING)
#: A reporting word that takes no position of its own: the quote decides (a
#: term in quotation marks reads as a scare quote, distancing; anything else
#: as neutral), or a word after it in the cue does (``pointed out``).
UNMARKED = "unmarked"


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _with(stance: str, text: str) -> dict[str, str]:
    return dict.fromkeys(text.split(), stance)


# ---------------------------------------------------------------- reporting words

#: Verb lemmas that report speech or writing, each with the stance it gives the quote.
SPEECH_VERBS: dict[str, str] = {
    **_with(
        NEUTRAL,
        """
        say tell write add call continue tweet ask report note state explain respond
        reply describe declare conclude recall argue pledge warn suggest accuse read
        promise remark announce predict answer urge vow joke blame assert complain
        agree criticize comment emphasize quip repeat testify recount quote post
        stress observe counter charge contend reiterate
        """,
    ),
    **_with(ENDORSING, "acknowledge admit concede confirm confess"),
    **_with(DISTANCING, "insist claim boast maintain allege spin"),
    # how the speaker spoke or felt, or what they did with words: no position on their truth
    **_with(
        UNMARKED,
        """
        chant shout lament blast yell portray proclaim wonder offer muse elaborate
        exclaim mock dismiss question press remember echo vent decry bark demand
        react retaliate imply denounce scoff recommend condemn pronounce fume gush
        riff surmise protest chide tout praise thank cite email text interject
        retort caution affirm deny sneer snap rail opine pen scrawl whisper mutter
        cry scream lecture preach swear assure inform advise instruct order reckon
        figure tease taunt jab ridicule lambaste slam hammer knock attack rip berate
        estimate forecast guess point anticipate credit beam boom exhort thunder
        marvel sigh plead implore beg wail groan grumble grouse gloat trumpet rant
        rave bemoan ponder reprise characterize
        """,
    ),
}

#: Verbs that put a label on something, each with its stance: a cue only with a
#: quote as their object or complement ("X called it a "disgrace""), never the
#: frame of a neighbouring quote; a short quote they label is a *term*.
NAMING_VERBS: dict[str, str] = _with(
    NEUTRAL, "call consider designate label dub term brand describe name deem nickname refer"
)

#: Nouns that carry a quote ("a statement that ...", "in a statement: ..."), each with its stance.
SPEECH_NOUNS: dict[str, str] = {
    **_with(
        NEUTRAL,
        """
        statement tweet post message letter interview remark comment speech release
        note announcement promise pledge vow term label
        """,
    ),
    **_with(DISTANCING, "claim"),
    **_with(
        UNMARKED,
        """
        email memo op-ed column essay assurance warning argument accusation phrase
        word words expression slogan narrative description headline
        """,
    ),
}

#: Verbs that report speech only with their particle or object ("went on",
#: "shot back", "as Kirby put it").
PHRASAL_CUES = frozenset(
    tuple(pair.split("+"))
    for pair in """
    go+on shoot+back fire+back hit+back lash+out chime+in weigh+in speak+out
    put+it tick+off speak+up write+back pipe+up cut+in break+in sum+up spell+out
    """.split()
)

#: Other words that set a quote's stance without being cues of their own: verbs
#: the parser gives as the cue's head, verb+particle pairs (joined by ``_``),
#: nouns for what was said, and adverbs ("so-called", "allegedly").
STANCE_WORDS: dict[str, str] = {
    **_with(
        NEUTRAL,
        """
        find mention emphasise criticise point_to accord_to according_to go_on
        briefing declaration communique
        """,
    ),
    **_with(
        ENDORSING,
        """
        reveal disclose recognize recognise point_out grant acknowledgment
        acknowledgement admission concession confession confirmation revelation
        """,
    ),
    **_with(
        DISTANCING,
        "purport profess pretend brag so-called supposedly purportedly allegedly allegation insistence",
    ),
}

# ---------------------------------------------------------------- titles and names

#: Honorifics: not part of a name, not a role, but they tell the gender (None: they do not).
HONORIFICS: dict[str, str | None] = {
    "mr": "male", "sir": "male", "ms": "female", "mrs": "female", "miss": "female",
    "dame": "female", "dr": None, "prof": None, "mx": None,
}
#: The honorifics that tell a gender.
GENDERED_HONORIFICS: dict[str, str] = {word: gender for word, gender in HONORIFICS.items() if gender}
#: Military and police ranks: not part of a name and not a role.
RANKS = _words(
    """
    gen general maj major lt lieutenant col colonel capt captain adm admiral sgt
    sergeant brig brigadier cmdr commander cpl corporal pvt private
    """
)
#: Office titles: not part of a name, but part of the role when written before it.
OFFICE_TITLES = _words(
    """
    president vice prime minister secretary senator sen representative rep governor
    gov mayor chancellor king queen prince princess sheikh ayatollah judge justice
    speaker ambassador pope rabbi imam cardinal bishop chairman chairwoman
    """
)
#: Other words written before a name that are no part of it ("Spokesman John
#: Kirby", "Reverend Al Sharpton"): dropped when comparing names across articles.
OTHER_TITLES = _words(
    """
    lord lady rev reverend professor premier shaykh sheik emir envoy spokesman
    spokeswoman spokesperson journalist analyst economist ceo founder candidate
    nominee pastor
    """
)
#: Every word that can stand before a name as a title.
TITLE_WORDS = frozenset(HONORIFICS) | RANKS | OFFICE_TITLES | OTHER_TITLES
#: Abbreviated titles, spelled out to compare with nouns (``the senator`` is ``Sen. Rubio``).
TITLE_ABBREVIATIONS = {
    "sen": "senator", "gov": "governor", "rep": "representative", "gen": "general",
    "pres": "president", "sec": "secretary", "amb": "ambassador", "lt": "lieutenant",
    "col": "colonel", "maj": "major", "adm": "admiral", "capt": "captain", "prof": "professor",
}
#: Generational suffixes, dropped when comparing names (``Harry B. Harris Jr.`` is ``Harris``).
NAME_SUFFIXES = _words("jr sr ii iii iv")
#: Lowercase words inside names (``Abu Bakr al-Baghdadi``, ``Ursula von der Leyen``).
NAME_PARTICLES = _words("al el bin ibn de da di du del der la le van von")
DETERMINERS = _words("the a an this that these those")
DEFINITE_DETERMINERS = DETERMINERS - {"a", "an"}

# ---------------------------------------------------------------- pronouns

#: Pronouns that tell the gender of who they stand for.
GENDERED_PRONOUNS: dict[str, str] = {
    **dict.fromkeys(("he", "him", "his", "himself"), "male"),
    **dict.fromkeys(("she", "her", "hers", "herself"), "female"),
}
#: Pronouns that stand for an organization.
ORG_PRONOUNS = _words("it its itself")
#: Pronouns that stand for several.
PLURAL_PRONOUNS = _words("they them their themselves")
#: Every pronoun a speaker mention can be.
PRONOUNS = _words("i me we us you he him she her it they them who whom which that this these those one")

# ---------------------------------------------------------------- nouns for who speaks

#: Nouns that name a person by what they do (``the spokesman``).
PERSON_NOUNS = _words(
    """
    spokesman spokeswoman spokesperson official minister president leader
    secretary adviser advisor commander director analyst expert aide envoy
    ambassador chief head senator candidate nominee governor mayor diplomat
    officer lawmaker legislator representative strategist source man woman
    chairman chairwoman manager negotiator prosecutor member prince princess
    king queen resident student agent correspondent opponent
    proponent respondent assistant consultant immigrant applicant participant
    """
)
#: Endings of nouns for people (``developer``, ``impostor``, ``strategist``, ``businessman``).
PERSON_NOUN_ENDINGS = _words("er or ist ian ee aire man woman person ive crat")
#: People who speak for someone else: ``the spokesman`` is never the story's main figure.
GO_BETWEEN_NOUNS = _words(
    "spokesman spokeswoman spokesperson aide adviser advisor official source staffer representative"
)
#: Nouns that name a group of people acting together (``the group``, ``the militia``).
GROUP_NOUNS = _words(
    """
    group militia organization organisation faction force forces brigade
    newspaper movement party network fighter coalition alliance campaign company firm
    agency council committee union association institute team outlet
    channel foundation institution center centre commission board
    bureau court police club corporation headquarters
    """
)
#: Nouns that name a state or its apparatus (``the regime``): a place name fits them too.
STATE_NOUNS = _words(
    """
    regime government country state administration ministry department nation
    authority authorities embassy office military army
    """
)
ORG_NOUNS = GROUP_NOUNS | STATE_NOUNS
#: Org nouns that say what a named thing *is* (``the Kataib Hezbollah militia``), not
#: what a person has or leads (``the Clinton campaign``, ``the Obama administration``).
KIND_OF_ORG_NOUNS = _words(
    """
    group militia organization organisation faction force forces brigade movement
    party network coalition alliance company firm agency union association outlet
    newspaper channel corporation
    """
)
#: Nouns for what a speaker issued: they stand for whoever issued it.
STATEMENT_NOUNS = _words(
    """
    statement announcement release communique communiqué message letter post
    report memo tweet document declaration notice video speech email e-mail
    editorial ad advertisement transcript excerpt article story piece column
    op-ed book study survey poll analysis review filing lawsuit complaint
    readout briefing interview remarks testimony brief
    """
)
#: Nouns for a crowd of people no name stands for (``the crowd chanted``).
COLLECTIVE_NOUNS = _words("crowd audience public media press people voter citizen")
#: Nouns that tell the gender of the person they describe.
NOUN_GENDER: dict[str, str] = {
    **dict.fromkeys(
        """
        man boy father son brother husband king prince spokesman chairman congressman
        businessman gentleman dad widower
        """.split(),
        "male",
    ),
    **dict.fromkeys(
        """
        woman girl mother daughter sister wife queen princess spokeswoman chairwoman
        congresswoman businesswoman lady mom widow
        """.split(),
        "female",
    ),
}


# ---------------------------------------------------------------- the component's lexicon


@dataclass(frozen=True)
class Lexicon:
    """The word lists the ``quotes`` component reads, as data it can save and load.

    :data:`DEFAULT_LEXICON` holds the lists above; a pipeline saved with
    ``nlp.to_disk`` keeps its own copy (see
    :meth:`quotes.extract.component.QuotesComponent.to_disk`).

    >>> Lexicon.from_dict(DEFAULT_LEXICON.to_dict()) == DEFAULT_LEXICON
    True
    """

    speech_verbs: Mapping[str, str]
    naming_verbs: Mapping[str, str]
    speech_nouns: Mapping[str, str]
    phrasal_cues: frozenset[tuple[str, str]]
    stance_words: Mapping[str, str]
    honorifics: Mapping[str, str | None]
    ranks: frozenset[str]
    office_titles: frozenset[str]
    title_abbreviations: Mapping[str, str]
    name_suffixes: frozenset[str]
    determiners: frozenset[str]
    definite_determiners: frozenset[str]
    gendered_pronouns: Mapping[str, str]
    org_pronouns: frozenset[str]
    plural_pronouns: frozenset[str]
    person_nouns: frozenset[str]
    person_noun_endings: frozenset[str]
    go_between_nouns: frozenset[str]
    group_nouns: frozenset[str]
    state_nouns: frozenset[str]
    kind_of_org_nouns: frozenset[str]
    statement_nouns: frozenset[str]
    collective_nouns: frozenset[str]
    noun_gender: Mapping[str, str]

    def __post_init__(self) -> None:
        stanced = {**self.stance_words, **self.naming_verbs, **self.speech_nouns, **self.speech_verbs}
        unknown = {word: stance for word, stance in stanced.items() if stance not in (*STANCES, UNMARKED)}
        if unknown:
            raise ValueError(f"unknown stances {unknown}: a stance is one of {', '.join((*STANCES, UNMARKED))}")

    @cached_property
    def org_nouns(self) -> frozenset[str]:
        return self.group_nouns | self.state_nouns

    @cached_property
    def reporting_verbs(self) -> frozenset[str]:
        """Every verb that hands a quote to its speaker: speech verbs and naming verbs."""
        return frozenset(self.speech_verbs) | frozenset(self.naming_verbs)

    @cached_property
    def reporting_forms(self) -> frozenset[str]:
        """Inflected forms of the reporting verbs (``said``, ``states``, ``added``)."""
        regular = {verb + ending for verb in self.reporting_verbs for ending in ("s", "d", "ed")}
        return frozenset(regular | {"said", "told", "wrote"})

    @cached_property
    def title_words(self) -> frozenset[str]:
        """Honorifics, ranks and office titles."""
        return frozenset(self.honorifics) | self.ranks | self.office_titles

    def describes_a_person(self, noun: str) -> bool:
        """A noun for a person: a known one, or one shaped like one (``developer``,
        ``impostor``, ``businessman``, ``representative``).

        >>> DEFAULT_LEXICON.describes_a_person("developer"), DEFAULT_LEXICON.describes_a_person("group")
        (True, False)
        """
        return noun in self.person_nouns or noun.endswith(tuple(self.person_noun_endings))

    def stance_of_word(self, word: str) -> str | None:
        """The stance a reporting word gives a quote; None for an unmarked word or one outside the lexicon.

        >>> DEFAULT_LEXICON.stance_of_word("admit"), DEFAULT_LEXICON.stance_of_word("so-called")
        ('endorsing', 'distancing')
        """
        for table in (self.speech_verbs, self.naming_verbs, self.speech_nouns, self.stance_words):
            if word in table:
                return None if table[word] == UNMARKED else table[word]
        return None

    def to_dict(self) -> dict[str, object]:
        """Plain JSON-ready data: mappings as dicts, sets as sorted lists."""
        return {item.name: _plain(getattr(self, item.name)) for item in fields(self)}

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> Lexicon:
        """The lexicon :meth:`to_dict` gave; a list missing from ``data`` is an error."""
        missing = [item.name for item in fields(cls) if item.name not in data]
        if missing:
            raise ValueError(f"lexicon data lacks {', '.join(missing)}")
        values = {}
        for item in fields(cls):
            value = data[item.name]
            if isinstance(value, Mapping):
                values[item.name] = dict(value)
            elif item.name == "phrasal_cues":
                values[item.name] = frozenset(tuple(pair) for pair in value)
            else:
                values[item.name] = frozenset(value)
        return cls(**values)


def _plain(value: object) -> object:
    if isinstance(value, Mapping):
        return dict(sorted(value.items()))
    if isinstance(value, Iterable) and not isinstance(value, str):
        return sorted(list(item) if isinstance(item, tuple) else item for item in value)
    return value


DEFAULT_LEXICON = Lexicon(
    speech_verbs=SPEECH_VERBS,
    naming_verbs=NAMING_VERBS,
    speech_nouns=SPEECH_NOUNS,
    phrasal_cues=PHRASAL_CUES,
    stance_words=STANCE_WORDS,
    honorifics=HONORIFICS,
    ranks=RANKS,
    office_titles=OFFICE_TITLES,
    title_abbreviations=TITLE_ABBREVIATIONS,
    name_suffixes=NAME_SUFFIXES,
    determiners=DETERMINERS,
    definite_determiners=DEFINITE_DETERMINERS,
    gendered_pronouns=GENDERED_PRONOUNS,
    org_pronouns=ORG_PRONOUNS,
    plural_pronouns=PLURAL_PRONOUNS,
    person_nouns=PERSON_NOUNS,
    person_noun_endings=PERSON_NOUN_ENDINGS,
    go_between_nouns=GO_BETWEEN_NOUNS,
    group_nouns=GROUP_NOUNS,
    state_nouns=STATE_NOUNS,
    kind_of_org_nouns=KIND_OF_ORG_NOUNS,
    statement_nouns=STATEMENT_NOUNS,
    collective_nouns=COLLECTIVE_NOUNS,
    noun_gender=NOUN_GENDER,
)
