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


def _lines(text: str) -> frozenset[str]:
    """One entry a line, for lists of phrases."""
    return frozenset(line.strip() for line in text.strip().splitlines())


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
        rave bemoan ponder reprise characterize blurt chirp growl hiss murmur stammer
        stutter sob coo drawl purr roar bellow holler howl squeal shriek screech intone
        venture concur relate recite retweet speculate theorize posit hypothesize clarify
        sing encourage reference laud scold admonish rebuke reprimand rule
        """,
    ),
}

#: Verbs that put a label on something, each with its stance: a cue only with a
#: quote as their object or complement ("X called it a "disgrace""), never the
#: frame of a neighbouring quote; a short quote they label is a *term*.
NAMING_VERBS: dict[str, str] = _with(
    NEUTRAL,
    "call consider designate label dub term brand describe name deem nickname refer liken hail rate",
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

#: Verbs by which a study, a report or its researchers tell what they found: a cue only with
#: such a subject ("A GAO report found that the money was not coming from '...'").
FINDING_VERBS = _words("find show reveal")

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
    speaker ambassador pope rabbi imam cardinal bishop chairman chairwoman attorney
    surgeon solicitor inspector
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
#: Given names that tell a gender, in English-language news at home and abroad; names
#: given to both (Jordan, Taylor, Alex, Jean, Andrea, Kim) are left out. Read only as
#: the first word of a full name (``Elizabeth Warren``), never alone.
GIVEN_NAMES: dict[str, str] = {
    **dict.fromkeys(
        """
        aaron abdul abdullah adam adrian ahmed ahmad alan albert alberto alejandro alexander
        alexandre alexei alexey ali alfred allen andre andrei andrew andres andy angelo anthony
        antonio arthur barack barry ben benjamin bernard bernie bill billy bob bobby boris brad
        bradley brandon brendan brett brian bruce bryan carl carlos charles charlie chuck clarence
        colin craig dale dan daniel danny darren dave david dennis derek diego dmitry dmitri
        dominic don donald doug douglas duncan dwight earl eddie edward emmanuel enrique eric
        erik ernest eugene evan felipe fernando francis francisco frank fred frederick gabriel
        gary gavin george gerald gilbert giuseppe glenn gordon graham greg gregory guillermo gustavo
        hans harold harry hassan hector henry herbert howard hugh hussein ian igor isaac ivan jack
        jacob jake james jamal jason javier jeff jeffrey jeremy jerome jerry jesse jim jimmy joe
        joel johannes john johnny jon jonathan jorge jose joseph josh joshua juan julian justin
        karl keith ken kenneth kevin khalid larry lawrence leonard lewis lloyd louis luis luke
        malcolm marco marcus mario mark martin matt matthew maurice max michael miguel mike
        mitch mitt mohamed mohammed muhammad nathan neil nicholas nick nigel noah norman oliver
        omar oscar owen patrick paul pedro peter phil philip pierre rafael ralph ramon randy ray
        raymond reza ricardo richard rick rob robert roberto rodrigo roger roland ron ronald ross
        roy russell ryan salman sam samuel scott sean sebastian sergei sergey seth simon stanley
        stefan stephen steve steven stuart ted terrence thomas tim timothy tobias todd tom tony
        travis trevor tyler victor vijay vikram vincent vladimir walter warren wayne william
        willie xavier yusuf zachary
        """.split(),
        "male",
    ),
    **dict.fromkeys(
        """
        abigail adriana agnes aisha alexandra alexis alice alicia alison amanda amber amelia amy
        ana anastasia angela angelica anita ann anna anne annette antonia april barbara beatrice
        betsy betty beverly brenda bridget brittany camila carla carmen carol caroline carolyn
        catherine cecilia charlotte cheryl chloe christina christine cindy claire claudia colleen
        cynthia daisy danielle deborah debbie debra denise diana diane donna doris dorothy edith
        elaine eleanor elena elisabeth elizabeth ella ellen elsa emily emma erica erin esther
        eva evelyn fatima fiona florence frances gabriela gail gillian gina giulia gloria grace
        hannah harriet hayley heather heidi helen hillary holly ingrid irene isabel isabella
        jacqueline jane janet janice jennifer jenny jessica jill joan joanna joanne josephine joy
        joyce judith judy julia julie june karen katherine kathleen kathryn kathy katie kay
        kristen laura lauren leah linda lisa liz lois lorraine louise lucia lucy lydia lynn
        madeleine margaret maria marian marie marilyn marina marisa marsha martha mary maureen
        megan melania melanie melissa mia michelle mildred miranda molly monica nadia nancy
        naomi natalia natalie natasha nicole nina nora olga olivia pamela patricia paula pauline
        peggy penny priya rachel rebecca regina rita roberta rosa rose ruth sabrina sally samantha
        sandra sara sarah sharon sheila shirley silvia sofia sonia sophia sophie stacey stephanie
        susan suzanne svetlana sylvia tamara tanya teresa theresa tina valerie vanessa veronica
        victoria virginia wendy yasmin yolanda yulia yvonne zoe
        """.split(),
        "female",
    ),
}
#: Parties as news abbreviates or qualifies them (``R-Ky.``, ``GOP``, ``Democratic``).
PARTY_WORDS: dict[str, str] = {
    "r": "republican", "gop": "republican", "d": "democrat", "democratic": "democrat", "i": "independent",
}
#: The states in the party-and-state tag news writes after a lawmaker's name (``Mitch
#: McConnell (R-Ky.)``, ``Paul Ryan, R-Wis.``), AP and postal forms, spelled out to compare
#: with a description (``the Kentucky Republican``).
STATE_ABBREVIATIONS: dict[str, str] = {
    "ala": "alabama", "al": "alabama", "alaska": "alaska", "ak": "alaska", "ariz": "arizona", "az": "arizona",
    "ark": "arkansas", "ar": "arkansas", "calif": "california", "ca": "california", "colo": "colorado",
    "co": "colorado", "conn": "connecticut", "ct": "connecticut", "del": "delaware", "de": "delaware",
    "fla": "florida", "fl": "florida", "ga": "georgia", "hawaii": "hawaii", "hi": "hawaii", "idaho": "idaho",
    "id": "idaho", "ill": "illinois", "il": "illinois", "ind": "indiana", "in": "indiana", "iowa": "iowa",
    "ia": "iowa", "kan": "kansas", "ks": "kansas", "ky": "kentucky", "la": "louisiana", "maine": "maine",
    "me": "maine", "md": "maryland", "mass": "massachusetts", "ma": "massachusetts", "mich": "michigan",
    "mi": "michigan", "minn": "minnesota", "mn": "minnesota", "miss": "mississippi", "ms": "mississippi",
    "mo": "missouri", "mont": "montana", "mt": "montana", "neb": "nebraska", "ne": "nebraska",
    "nev": "nevada", "nv": "nevada", "n.h": "new hampshire", "nh": "new hampshire", "n.j": "new jersey",
    "nj": "new jersey", "n.m": "new mexico", "nm": "new mexico", "n.y": "new york", "ny": "new york",
    "n.c": "north carolina", "nc": "north carolina", "n.d": "north dakota", "nd": "north dakota",
    "ohio": "ohio", "oh": "ohio", "okla": "oklahoma", "ok": "oklahoma", "ore": "oregon", "or": "oregon",
    "pa": "pennsylvania", "r.i": "rhode island", "ri": "rhode island", "s.c": "south carolina",
    "sc": "south carolina", "s.d": "south dakota", "sd": "south dakota", "tenn": "tennessee",
    "tn": "tennessee", "texas": "texas", "tx": "texas", "utah": "utah", "ut": "utah", "vt": "vermont",
    "va": "virginia", "wash": "washington", "wa": "washington", "w.va": "west virginia",
    "wv": "west virginia", "wis": "wisconsin", "wi": "wisconsin", "wyo": "wyoming", "wy": "wyoming",
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
#: Nouns for a share of a group: "the share of Republicans", "one of her ads" (a source with "of").
QUANTITY_NOUNS = _words("share majority minority half percent proportion plurality fraction third quarter rest average")
#: Possessive pronouns: "his statement" is the statement of whoever "his" stands for.
POSSESSIVE_PRONOUNS = _words("my our your his her its their")
#: Pronouns that stand for people nobody names (``someone said``, ``others called it ...``).
INDEFINITE_PERSON_PRONOUNS = _words(
    "someone somebody anyone anybody everyone everybody nobody others another both many some each few several most"
)

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
#: Other nouns for people whose ending does not show it, and who are no standing
#: (``a friend``, ``critics``, ``Republicans``): they describe a person, never a title.
OTHER_PERSON_NOUNS = _words(
    """
    critic friend colleague parent family kid child ally rival witness victim staff
    guest host fan people folk veteran republican american partisan widow patient
    nurse neighbour relative surgeon coach pastor priest cop athlete star celebrity
    chair mogul tycoon neurosurgeon actress assailant confidant advocate surrogate guy
    mate graduate counsel heavyweight liberal look-alike cousin partner spouse
    constituent delegate general voice co-host architect scholar associate fellow
    """
)
#: Endings of nouns for people (``developer``, ``impostor``, ``strategist``, ``businessman``).
PERSON_NOUN_ENDINGS = _words("er or ist ian ee aire man woman person ive crat")
#: People who speak for someone else: ``the spokesman`` is never the story's main figure.
GO_BETWEEN_NOUNS = _words(
    "spokesman spokeswoman spokesperson aide adviser advisor official source staffer representative"
)
#: Nouns for the part someone plays for a moment (``the announcer`` of an ad, ``one
#: questioner``): never the article's main figure.
MOMENT_NOUNS = _words("announcer narrator questioner moderator caller voice interviewer")
#: Nouns that name a group of people acting together (``the group``, ``the militia``).
GROUP_NOUNS = _words(
    """
    group militia organization organisation faction force forces brigade
    newspaper movement party network fighter coalition alliance campaign company firm
    agency council committee union association institute team outlet
    channel foundation institution center centre commission board
    bureau court police club corporation headquarters delegation tabloid
    magazine station paper website site school university college hospital church
    museum community service
    """
)
#: Nouns that name a state or its apparatus (``the regime``): a place name fits them too.
STATE_NOUNS = _words(
    """
    regime government country state administration ministry department nation
    authority authorities embassy office military army town city county village
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
    readout briefing interview remarks testimony brief account page opinion
    ruling decision verdict indictment petition summary reply response
    correspondence publication clip footage investigation projection textbook
    pitch proclamation forecast assessment finding platform suit passage audio
    version playbook rally photo question plan order dictum missive
    """
)
#: Nouns shaped like nouns for people (``-er``, ``-or``, ``-ive``) that name things: never a speaker.
NON_PERSON_NOUNS = _words(
    """
    number paper order matter answer center centre border corner water power tower
    chapter filter error factor sector color colour floor door mirror meter computer
    register shelter banner poster sticker flyer monitor motor behavior behaviour favor
    favour honor honour labor labour rumor rumour horror terror weather winter summer
    river cover offer transfer trigger finger character quarter dinner manner newsletter
    letter trailer thriller blockbuster cluster layer charter tractor initiative
    objective incentive alternative perspective narrative directive motive archive
    explosive offensive drive missive
    """
)
#: Things that carry written words without speaking them: a quote on them is a slogan, not speech.
DISPLAY_NOUNS = _words(
    """
    sign placard banner poster t-shirt tee shirt hat cap sticker billboard graffiti
    button mug flag plaque mural tattoo jersey hoodie sweatshirt badge wristband
    scarf cake card screen
    """
)
#: Nouns for works with titles: a title-case quote beside them is a title, not speech.
WORK_NOUNS = _words(
    """
    show program programme series episode broadcast segment book film movie documentary
    song anthem album play musical novel memoir poem painting podcast newscast clip trailer preview telecast sitcom drama comedy miniseries opera ballad hymn single track
    """
)
#: Words that introduce a title or come with one (``a speech titled "..."``, ``the author of
#: "..."``, ``"Daily Show" host``).
TITLE_INTRODUCERS = _words("titled entitled author co-author editor co-editor writer creator star host producer")
#: Small words a title or a title-case headline leaves lowercase ("Meet the Press", "Fox and Friends").
TITLE_CASE_SMALL_WORDS = _words("a an the of to in on at for and or but as by with from vs nor per via")
#: Labels of links to other articles (``READ MORE: "..."``): the headline after them is nobody's words.
LINK_LABELS = _lines(
    """
    read more
    related
    more
    watch
    see also
    listen
    read
    also read
    recommended
    click here
    related story
    related stories
    related article
    related coverage
    trending
    don't miss
    more on this
    """
)
#: Nouns for a crowd of people no name stands for (``the crowd chanted``).
COLLECTIVE_NOUNS = _words("crowd audience public media press people voter citizen")
#: Nouns that tell the gender of the person they describe.
NOUN_GENDER: dict[str, str] = {
    **dict.fromkeys(
        """
        man boy father son brother husband king prince spokesman chairman congressman
        businessman gentleman dad widower nephew uncle grandfather grandson stepfather
        boyfriend
        """.split(),
        "male",
    ),
    **dict.fromkeys(
        """
        woman girl mother daughter sister wife queen princess spokeswoman chairwoman
        congresswoman businesswoman lady mom widow niece aunt grandmother granddaughter
        stepmother girlfriend
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
    finding_verbs: frozenset[str]
    phrasal_cues: frozenset[tuple[str, str]]
    stance_words: Mapping[str, str]
    honorifics: Mapping[str, str | None]
    ranks: frozenset[str]
    office_titles: frozenset[str]
    title_abbreviations: Mapping[str, str]
    party_words: Mapping[str, str]
    state_abbreviations: Mapping[str, str]
    name_suffixes: frozenset[str]
    determiners: frozenset[str]
    definite_determiners: frozenset[str]
    gendered_pronouns: Mapping[str, str]
    org_pronouns: frozenset[str]
    plural_pronouns: frozenset[str]
    pronouns: frozenset[str]
    possessive_pronouns: frozenset[str]
    quantity_nouns: frozenset[str]
    person_nouns: frozenset[str]
    other_person_nouns: frozenset[str]
    person_noun_endings: frozenset[str]
    go_between_nouns: frozenset[str]
    moment_nouns: frozenset[str]
    group_nouns: frozenset[str]
    state_nouns: frozenset[str]
    kind_of_org_nouns: frozenset[str]
    statement_nouns: frozenset[str]
    collective_nouns: frozenset[str]
    noun_gender: Mapping[str, str]
    given_names: Mapping[str, str]
    indefinite_person_pronouns: frozenset[str]
    non_person_nouns: frozenset[str]
    display_nouns: frozenset[str]
    work_nouns: frozenset[str]
    title_introducers: frozenset[str]
    title_case_small_words: frozenset[str]
    link_labels: frozenset[str]

    def __post_init__(self) -> None:
        stanced = {**self.stance_words, **self.naming_verbs, **self.speech_nouns, **self.speech_verbs}
        unknown = {word: stance for word, stance in stanced.items() if stance not in (*STANCES, UNMARKED)}
        if unknown:
            raise ValueError(f"unknown stances {unknown}: a stance is one of {', '.join((*STANCES, UNMARKED))}")

    @cached_property
    def org_nouns(self) -> frozenset[str]:
        return self.group_nouns | self.state_nouns

    @cached_property
    def person_words(self) -> frozenset[str]:
        """Nouns known to be for people: person nouns, office titles and gendered nouns."""
        return self.person_nouns | self.other_person_nouns | self.office_titles | frozenset(self.noun_gender)

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
    def reporting_words(self) -> frozenset[str]:
        """The reporting verbs and their inflected forms together."""
        return self.reporting_verbs | self.reporting_forms

    @cached_property
    def title_words(self) -> frozenset[str]:
        """Honorifics, ranks and office titles."""
        return frozenset(self.honorifics) | self.ranks | self.office_titles

    def describes_a_person(self, noun: str) -> bool:
        """A noun for a person: a known one, or one shaped like one (``developer``,
        ``impostor``, ``businessman``, ``representative``).

        >>> DEFAULT_LEXICON.describes_a_person("developer"), DEFAULT_LEXICON.describes_a_person("number")
        (True, False)
        """
        if noun in self.non_person_nouns:
            return False
        return noun in self.person_words or noun.endswith(tuple(self.person_noun_endings))

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
    finding_verbs=FINDING_VERBS,
    phrasal_cues=PHRASAL_CUES,
    stance_words=STANCE_WORDS,
    honorifics=HONORIFICS,
    ranks=RANKS,
    office_titles=OFFICE_TITLES,
    title_abbreviations=TITLE_ABBREVIATIONS,
    party_words=PARTY_WORDS,
    state_abbreviations=STATE_ABBREVIATIONS,
    name_suffixes=NAME_SUFFIXES,
    determiners=DETERMINERS,
    definite_determiners=DEFINITE_DETERMINERS,
    gendered_pronouns=GENDERED_PRONOUNS,
    org_pronouns=ORG_PRONOUNS,
    plural_pronouns=PLURAL_PRONOUNS,
    pronouns=PRONOUNS,
    possessive_pronouns=POSSESSIVE_PRONOUNS,
    quantity_nouns=QUANTITY_NOUNS,
    person_nouns=PERSON_NOUNS,
    other_person_nouns=OTHER_PERSON_NOUNS,
    person_noun_endings=PERSON_NOUN_ENDINGS,
    go_between_nouns=GO_BETWEEN_NOUNS,
    moment_nouns=MOMENT_NOUNS,
    group_nouns=GROUP_NOUNS,
    state_nouns=STATE_NOUNS,
    kind_of_org_nouns=KIND_OF_ORG_NOUNS,
    statement_nouns=STATEMENT_NOUNS,
    collective_nouns=COLLECTIVE_NOUNS,
    noun_gender=NOUN_GENDER,
    given_names=GIVEN_NAMES,
    indefinite_person_pronouns=INDEFINITE_PERSON_PRONOUNS,
    non_person_nouns=NON_PERSON_NOUNS,
    display_nouns=DISPLAY_NOUNS,
    work_nouns=WORK_NOUNS,
    title_introducers=TITLE_INTRODUCERS,
    title_case_small_words=TITLE_CASE_SMALL_WORDS,
    link_labels=LINK_LABELS,
)

# ---------------------------------------------------------------- who a speaker row can be

#: Nouns for people or groups a described source may be ("Scott's niece", "his
#: surrogates", "a senior official"), besides :data:`PERSON_NOUNS`,
#: :data:`OTHER_PERSON_NOUNS`, the org, collective and title words, and nouns
#: shaped like a person's (``describes_a_person``).
SOURCE_NOUNS = _words(
    """
    aunt uncle niece nephew cousin son wife husband surrogate crew camp side clergy
    attorney counsel activist anchor pundit jury panel cleric imam rabbi physician
    scholar pupil graduate citizen guy girl boy adult youth teen client delegate
    deputy sheriff trooper soldier troop marine pilot suspect inmate refugee migrant
    plaintiff defendant petitioner chair chairperson insider incumbent contender
    hopeful democrat liberal moderate independent caucus delegation bloc lobby
    congress senate parliament legislature cabinet bank university college school
    hospital church mosque magazine website site station tabloid publication
    associate fellow architect tycoon mogul community confidant assailant actress
    nonprofit
    """
)
#: Things shaped like nouns for people, beyond :data:`NON_PERSON_NOUNS`: never a source.
OTHER_NON_PERSON_NOUNS = _words(
    "missive degree fee guarantee decree questionnaire list twist fist gist wrist cancer interior humor humour"
)
#: Events and occasions: where someone spoke, never who or what they are.
EVENT_NOUNS = _words(
    """
    debate rally conference hearing meeting event summit convention forum
    appearance visit trip tour address sermon lecture session vote election race
    primary ceremony funeral parade march protest game
    """
)
#: Words of quantity: "63 percent", "a majority" are numbers, never sources.
QUANTITY_NOUNS = _words("percent percentage pct majority minority plurality half third share dozen handful")
