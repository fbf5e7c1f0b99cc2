"""Names as articles write them, normalized so two spellings of one name compare equal.

"Maj. Gen. Pat Ryder" and "Maj Gen Pat Ryder" share a :func:`name_key`;
"Kataib Hizbollah" and "Kata'ib Hezbollah" share a :func:`transliteration_key`.
Speaker resolution (:mod:`quotes.speakers`), the curation file
(:mod:`quotes.aliases`) and statement clustering (:mod:`quotes.clusters`) all
compare names with these functions, so they agree on what one name is.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from functools import lru_cache
from itertools import islice

from rapidfuzz import fuzz

from .ingest.boilerplate import iter_lines
from .ingest.header import HEADER_LINES, header_block
from .model import Article
from .lexicon import (
    COLLECTIVE_NOUNS,
    DEFAULT_LEXICON,
    DETERMINERS,
    EVENT_NOUNS,
    GENDERED_HONORIFICS,
    GENDERED_PRONOUNS,
    DISPLAY_NOUNS,
    GO_BETWEEN_NOUNS,
    INDEFINITE_PERSON_PRONOUNS,
    NAME_PARTICLES,
    NON_PERSON_NOUNS,
    NOUN_GENDER,
    OTHER_NON_PERSON_NOUNS,
    OTHER_PERSON_NOUNS,
    PERSON_NOUNS,
    PRONOUNS,
    QUANTITY_NOUNS,
    SOURCE_NOUNS,
    SPEECH_NOUNS,
    STATEMENT_NOUNS,
    TITLE_ABBREVIATIONS,
    TITLE_WORDS,
    WORK_NOUNS, TITLE_CASE_SMALL_WORDS,
)

PERSON, ORGANIZATION, UNKNOWN = "person", "organization", "unknown"
VOWELS = "aeiouy"
# The one word dropped before any name ("The White House"). Not the lexicon's
# DETERMINERS: dropping "a" or "this" turns "a reader" into a surname "reader"
# that then matches "Ryder".
ARTICLE = "the"
# Names normalized and remembered: a collection writes a few thousand names in tens of thousands of quotes.
NAME_CACHE = 1 << 16

_APOSTROPHES = re.compile(r"['’‘ʼʻ`´]")
_ARABIC_ARTICLE = re.compile(r"\b[ae]l[-‐‑–]", re.IGNORECASE)
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


# --- Normalizing names ----------------------------------------------------------------------


@lru_cache(maxsize=NAME_CACHE)
def fold(text: str) -> str:
    """Lowercase ASCII words: diacritics, apostrophes and punctuation folded away.

    >>> fold("Kata’ib  Hezbollah"), fold("Maj. Gen. Pat Ryder"), fold("Hamīdāwī")
    ('kataib hezbollah', 'maj gen pat ryder', 'hamidawi')
    """
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _APOSTROPHES.sub("", text).lower()
    return " ".join(re.findall(r"[a-z0-9]+", text))


@lru_cache(maxsize=NAME_CACHE)
def strip_titles(name: str, speaker_type: str | None = None) -> str:
    """The name as written without leading titles and honorifics ("the" for organizations).

    Organizations keep their words ("General Motors"); a name that is nothing but
    titles ("the President") is kept whole.

    >>> strip_titles("Maj. Gen. Pat Ryder"), strip_titles("Major General Hossein Salami")
    ('Pat Ryder', 'Hossein Salami')
    >>> strip_titles("The White House", "organization")
    'White House'
    """
    droppable = {ARTICLE} if speaker_type == ORGANIZATION else TITLE_WORDS | {ARTICLE}
    words = name.split()
    first = 0
    while first < len(words) and fold(words[first]) in droppable:
        first += 1
    return " ".join(words[first:]) if first < len(words) else " ".join(words)


def as_written(name: str | None) -> str:
    """A name as the speaker tables keep it: its words, one space apart.

    >>> as_written("  Pat   Ryder ")
    'Pat Ryder'
    """
    return " ".join((name or "").split())


@lru_cache(maxsize=NAME_CACHE)
def name_key(name: str, speaker_type: str | None = None) -> str:
    """The normalized name two written forms must share to be the same name.

    Titles, punctuation, diacritics, case and the Arabic article go: "al-"/"el-"
    anywhere, "al"/"el" as a word after the first (a first "Al" may be a name).

    >>> name_key("Maj Gen Pat Ryder") == name_key("Maj. Gen. Pat Ryder") == "pat ryder"
    True
    >>> name_key("Abu Hussein al-Hamidawi"), name_key("Abu Hussein al Hamidawi"), name_key("Al Gore")
    ('abu hussein hamidawi', 'abu hussein hamidawi', 'al gore')
    """
    words = fold(_ARABIC_ARTICLE.sub("", strip_titles(name, speaker_type))).split()
    return " ".join(words[:1] + [word for word in words[1:] if word not in ("al", "el")])


def _collapse_doubles(word: str) -> str:
    return re.sub(r"(.)\1+", r"\1", word)


@lru_cache(maxsize=NAME_CACHE)
def token_transliteration_key(word: str) -> str:
    """First letter, then the consonants, then the number of vowel groups.

    Arabic and Persian names reach English with the vowels spelled many ways
    (Hizbollah, Hezbollah, Hizbullah, Hizballah; Mansour, Mansur; Saleem, Salim)
    and doubled letters or not (Mohammed, Mohamed): dropping the vowels after the
    first letter and collapsing doubled letters gives the variants one key. The
    count of vowel groups keeps names of a different shape apart (Salami, Salim).

    >>> token_transliteration_key("hizbollah"), token_transliteration_key("hezbollah")
    ('hzblh3', 'hzblh3')
    >>> token_transliteration_key("mansour"), token_transliteration_key("salim")
    ('mnsr2', 'slm2')
    """
    word = _collapse_doubles(word)
    if not word:
        return ""
    consonants = "".join(ch for ch in word[1:] if ch not in VOWELS)
    vowel_groups = len(re.findall(f"[{VOWELS}]+", word[1:] if word[0] == "y" else word))
    return f"{word[0]}{consonants}{vowel_groups}"


def by_transliteration_key(words: Iterable[str]) -> dict[str, list[str]]:
    """``words`` grouped by :func:`token_transliteration_key`: only words of one key can be variants."""
    grouped: dict[str, list[str]] = {}
    for word in words:
        grouped.setdefault(token_transliteration_key(word), []).append(word)
    return grouped


@lru_cache(maxsize=NAME_CACHE)
def transliteration_key(name: str, speaker_type: str | None = None) -> str:
    """:func:`token_transliteration_key` of each word of :func:`name_key`.

    >>> transliteration_key("Kata'ib Hezbollah") == transliteration_key("Kataib Hizbullah")
    True
    """
    return " ".join(token_transliteration_key(word) for word in name_key(name, speaker_type).split())


def same_transliteration(a: str, b: str) -> bool:
    """Whether two name keys are spelling variants of one name, word by word.

    Besides an equal :func:`token_transliteration_key`, each pair of words must
    still look alike (rapidfuzz ratio of at least 65 once doubled letters are
    collapsed), and words of four letters or fewer must be equal: so Hassan and
    Hussein, Ali and Ala, or Reid and Reed stay different names.

    >>> same_transliteration("kataib hizbollah", "kataib hezbollah")
    True
    >>> same_transliteration("hassan nasrallah", "hussein nasrallah")
    False
    """
    words_a, words_b = a.split(), b.split()
    if len(words_a) != len(words_b):
        return False
    return all(same_transliterated_word(x, y) for x, y in zip(words_a, words_b))


def same_transliterated_word(a: str, b: str) -> bool:
    """One word of :func:`same_transliteration`: "mansour" and "mansur" yes, "hassan" and "hussein" no."""
    if a == b:
        return True
    if min(len(a), len(b)) <= 4 or token_transliteration_key(a) != token_transliteration_key(b):
        return False
    return fuzz.ratio(_collapse_doubles(a), _collapse_doubles(b)) >= 65


def affiliations(role: str, organizations: Mapping[str, str] | None = None) -> dict[str, str]:
    """The organizations a role names, as {transliteration key: name as written}.

    Two sources: the role's capitalized names of two words or more ("Chatham
    House", "Kataib Hezbollah"; a lone "US" or "Iraqi" ties nobody together),
    and the known ``organizations`` (by transliteration key) that any run of the
    role's words spells, so "Department of Defense" is found inside "US
    Department of Defense spokesman" and "Hamas" inside "Hamas spokesman".

    >>> sorted(affiliations("director of Chatham House’s Iraq Initiative").values())
    ['Chatham House', 'Iraq Initiative']
    >>> affiliations("secretary-general of Kataib Hizbollah").keys() == affiliations("Kataib Hezbollah leader").keys()
    True
    """
    found = {}
    for run in _capitalized_runs(role):
        if len(run) >= 2 and not all(fold(word) in TITLE_WORDS for word in run):
            found[transliteration_key(" ".join(run), ORGANIZATION)] = " ".join(run)
    if organizations:
        words = organization_words(role)
        for size in range(1, len(words) + 1):
            for first in range(len(words) - size + 1):
                key = " ".join(words[first:first + size])
                if key in organizations:
                    found.setdefault(key, organizations[key])
    return found


def organization_words(text: str) -> list[str]:
    """The words of ``text`` as organization keys spell them: a run of them that equals a key names that organization.

    >>> organization_words("Kataib Hizbullah leader")[:2] == transliteration_key("Kata'ib Hezbollah").split()
    True
    """
    return [token_transliteration_key(word) for word in name_key(text, ORGANIZATION).split()]


def _capitalized_runs(text: str) -> Iterable[list[str]]:
    """Runs of capitalized words, joined across "of", "the", "and", "for"; cut at possessives."""
    connectors = {"of", "the", "and", "for", "al", "el"}
    run: list[str] = []
    for word in _WORD.findall(text):
        possessive = re.search(r"['’]s$", word)
        word = word[: possessive.start()] if possessive else word
        if word[:1].isupper() or word in connectors and run:
            run.append(word)
        else:
            yield from _trimmed(run, connectors)
            run = []
        if possessive:
            yield from _trimmed(run, connectors)
            run = []
    yield from _trimmed(run, connectors)


def _trimmed(run: list[str], connectors: set[str]) -> Iterable[list[str]]:
    while run and run[-1] in connectors:
        run = run[:-1]
    if run:
        yield run


# --- What a name or a mention says of who it is: gender and titles ---------------------------


def titles_in(text: str) -> set[str]:
    """The titles a mention or a role writes, abbreviations spelled out, "vice president" kept whole.

    >>> sorted(titles_in("Sen. Ted Cruz")), sorted(titles_in("former Secretary of State"))
    (['senator'], ['secretary'])
    >>> titles_in("Republican vice-presidential nominee"), titles_in("Vice President Joe Biden")
    ({'nominee'}, {'vice president'})
    """
    words = [TITLE_ABBREVIATIONS.get(word, word) for word in fold(text).split()]
    titles = set()
    for previous, word in zip([""] + words, words):
        if word in TITLE_WORDS and word not in GENDERED_HONORIFICS and word != "vice":
            titles.add(f"vice {word}" if previous == "vice" else word)
    return titles


def gender_of_mention(mention: str | None) -> str | None:
    """The gender a mention's honorific ("Mr. Obama") or pronoun ("she") gives, if any.

    >>> gender_of_mention("Mr. Obama"), gender_of_mention("she"), gender_of_mention("Obama")
    ('male', 'female', None)
    """
    words = fold(mention or "").split()
    if len(words) == 1:
        return GENDERED_PRONOUNS.get(words[0])
    return GENDERED_HONORIFICS.get(words[0]) if words else None


def honorific_gender(name: str) -> str | None:
    """The gender a name's leading honorific gives ("Ms. Smith"), if it has one.

    >>> honorific_gender("Ms. Smith"), honorific_gender("Dr. Smith")
    ('female', None)
    """
    words = name.split()
    return GENDERED_HONORIFICS.get(fold(words[0])) if words else None


@lru_cache(maxsize=NAME_CACHE)
def is_proper_name(name: str) -> bool:
    """Whether every word is capitalized, particles like "de" and "al" aside: "Ted Cruz", not "another source".

    >>> is_proper_name("Abu Hussein al-Hamidawi"), is_proper_name("another source")
    (True, False)
    """
    words = _WORD.findall(name)
    return bool(words) and all(word[0].isupper() or word.lower() in NAME_PARTICLES for word in words)


# --- Whether a name names a source: not a pronoun, a number, a headline or a thing -----------

#: Words after which a described source or a role goes on about something else
#: ("head of the Badr Organization", "a source who ...", "a person close to ...").
_HEAD_ENDS = frozenset(
    """
    of at for from with in on to who whom which that whose close familiar involved linked based aware
    """.split()
)
_APPOSITION = re.compile(r"[,(;:]|\s[-―—–]\s")  # "Carlos Guerrero, 55,", "Harry Reid (D-Nev.)"
_AGE = re.compile(r"\d+-year-olds?$")  # "the 46-year-old"
#: Small words a title-case headline leaves in lower case.
_POSSESSIVE = re.compile(r"['’]s?\s+")
_PUNCTUATION = "\"'‘’“”()[],.;:!?―—–-"
_NOUNS_NOT_VERBS = (
    DEFAULT_LEXICON.org_nouns | COLLECTIVE_NOUNS | STATEMENT_NOUNS | frozenset(SPEECH_NOUNS)
    | PERSON_NOUNS | TITLE_WORDS
)
_SOURCE_NOUNS = (
    SOURCE_NOUNS | PERSON_NOUNS | OTHER_PERSON_NOUNS | GO_BETWEEN_NOUNS | DEFAULT_LEXICON.org_nouns
    | COLLECTIVE_NOUNS | TITLE_WORDS | frozenset(NOUN_GENDER)
)
_LONG_SOURCE_NOUNS = tuple(noun for noun in _SOURCE_NOUNS if len(noun) >= 5)  # short ones end other words ("season")
_NO_SOURCE_NOUNS = (
    NON_PERSON_NOUNS | OTHER_NON_PERSON_NOUNS | STATEMENT_NOUNS | frozenset(SPEECH_NOUNS) | WORK_NOUNS
    | DISPLAY_NOUNS | EVENT_NOUNS | QUANTITY_NOUNS
)
_PRONOUNS = PRONOUNS | INDEFINITE_PERSON_PRONOUNS | DETERMINERS


def head_noun(phrase: str) -> str:
    """The folded head word of a described source or a role: before any "of", after any possessive.

    >>> head_noun("Scott's niece"), head_noun("secretary-general of Kataib Hizbollah"), head_noun("a senior official")
    ('niece', 'general', 'official')
    >>> head_noun("a political scientist at Christopher Newport University in Scott's district")
    'scientist'
    """
    words = fold(_head_word(phrase)).split()
    return words[-1] if words else ""


def _head_word(phrase: str) -> str:
    """The head word as written: the last word before any apposition, "of", "at", "who"..., after any possessive."""
    tokens: list[str] = []
    for token in _APPOSITION.split(phrase)[0].split():
        if fold(token) in _HEAD_ENDS and tokens:
            break
        tokens.append(token)
    owned = _POSSESSIVE.split(" ".join(tokens))[-1].split()
    return owned[-1].strip(_PUNCTUATION) if owned else ""


def singular(noun: str) -> str:
    """A plural noun's singular, by its ending ("officials", "companies"); other words as they are.

    >>> singular("officials"), singular("companies"), singular("chairmen"), singular("boss"), singular("news")
    ('official', 'company', 'chairman', 'boss', 'news')
    """
    if noun.endswith("men"):
        return noun[:-3] + "man"
    if noun.endswith("ies") and len(noun) > 4:
        return noun[:-3] + "y"
    if noun.endswith("s") and not noun.endswith(("ss", "us", "is", "ews")) and len(noun) > 3:
        return noun[:-1]
    return noun


def is_source_noun(noun: str) -> bool:
    """A noun that names people or an organization ("official", "campaign", "ministry", "niece").

    Known source nouns and titles count, and nouns shaped like a person's
    ("protester", "strategist"), unless the word is known to name no one: a
    thing shaped like a person ("number", "letter"), what was said
    ("statement", "remarks"), an event ("interview") or a quantity ("percent").

    >>> is_source_noun("officials"), is_source_noun("protesters"), is_source_noun("number"), is_source_noun("box")
    (True, True, False, False)
    """
    forms = {noun, singular(noun)}
    if forms & _NO_SOURCE_NOUNS:
        return False
    compound = any(form.endswith(known) for form in forms for known in _LONG_SOURCE_NOUNS)  # "neurosurgeon"
    return bool(forms & _SOURCE_NOUNS) or compound or any(DEFAULT_LEXICON.describes_a_person(f) for f in forms)


def is_headline_mention(mention: str) -> bool:
    """A mention that is a headline cut as a name: title case with a reporting verb after its first word.

    The parser takes a capitalized headline for one long name ("Black
    Lawmakers Rip Donald Trump"); a verb of saying after its first word gives
    it away: a third-person form ("Slams", "Says"), or the base form after a
    plural subject and before an object ("Lawmakers Rip Donald"). Nouns of the
    lexicon that share a verb's spelling ("Post", "States", "Press") are no
    verbs here.

    >>> is_headline_mention("Black Lawmakers Rip Donald Trump"), is_headline_mention("Obama Says")
    (True, True)
    >>> is_headline_mention("Washington Post Reporter Dana Milbank"), is_headline_mention("United States Attorney Preet Bharara")
    (False, False)
    """
    words = [fold(word) for word in mention.split()]
    if len(words) < 2 or not is_proper_name(mention):
        return False
    return any(
        _is_headline_verb(word, before, has_object=position < len(words) - 1)
        for position, (before, word) in enumerate(zip(words, words[1:]), start=1)
    )


def _is_headline_verb(word: str, before: str, has_object: bool) -> bool:
    lemmas = {word[:-1], word[:-2]} if word.endswith("s") else set()
    if (has_object and before.endswith("s")) or word in ("said", "told", "wrote"):
        lemmas.add(word)
    lemmas -= _NOUNS_NOT_VERBS
    return not lemmas.isdisjoint(DEFAULT_LEXICON.reporting_words)


@lru_cache(maxsize=NAME_CACHE)
def names_a_source(name: str) -> bool:
    """Whether a speaker name names someone: a person or organization by name, or a described source.

    A described source is kept as written ("a senior official", "Scott's
    niece") when its head noun names people or an organization (see
    :func:`is_source_noun`). Never a source: a pronoun ("They", "I"), a
    fragment of punctuation ("’s"), a number or a percentage ("63 percent"),
    a headline cut as a name (:func:`is_headline_mention`) or a thing ("box",
    "softer language", "the IMF report"). A name whose head word is
    capitalized ("Kataib Hizbollah", "Republican candidate Donald Trump") is a
    name.

    >>> [names_a_source(n) for n in ("Kataib Hizbollah", "a senior official", "officials", "Scott's niece")]
    [True, True, True, True]
    >>> [names_a_source(n) for n in ("They", "’s", "63 percent", "box", "softer language", "Black Lawmakers Rip Donald Trump")]
    [False, False, False, False, False, False]
    """
    words = fold(name).split()
    if sum(char.isalpha() for char in name) < 2 or not words:
        return False
    if all(word in _PRONOUNS for word in words) or "%" in name:
        return False
    head = _head_word(name)
    if head.isdigit() or head_noun(name) in QUANTITY_NOUNS or "percent" in words or is_headline_mention(name):
        return False
    if _starts_capitalized(head):
        return True
    return bool(_AGE.search(head)) or is_source_noun(head_noun(name))


def _is_capitalized(name: str) -> bool:
    """Every word capitalized but the small words of names ("Immigration and Customs Enforcement").

    A hyphenated word counts by its first part that is no particle ("al-Hamidawi", "Ki-moon").

    >>> _is_capitalized("Abu Hussein al-Hamidawi"), _is_capitalized("Ban Ki-moon"), _is_capitalized("softer language")
    (True, True, False)
    """
    words = [word.strip("\"'‘’“”()") for word in name.split()]
    words = [word for word in words if word]
    return bool(words) and all(word.lower() in TITLE_CASE_SMALL_WORDS or _starts_capitalized(word) for word in words)


def _starts_capitalized(word: str) -> bool:
    """Whether a word's first part that is no particle is capitalized ("Kirby", "al-Hamidawi"; not "and")."""
    parts = [part for part in re.split(r"[-‐‑–]", word) if part]
    first = next((part for part in parts if part.lower() not in NAME_PARTICLES), None)
    return first is not None and first[0].isupper()


def is_title_or_affiliation(role: str) -> bool:
    """Whether a role names what a speaker is: a title, office, rank or occupation, or an organization.

    Its head noun must name people or an organization (:func:`is_source_noun`)
    in the singular, one person's title ("Black Lawmakers" names a group), or
    the role be a proper name ("Hamas", "Chatham House"). An event or a
    program ("Bloomberg interview"), what was said ("disparaging remarks") or
    another phrase of the reporter's is no role.

    >>> [is_title_or_affiliation(r) for r in ("Republican presidential nominee", "secretary-general of Kataib Hizbollah", "Hamas")]
    [True, True, True]
    >>> [is_title_or_affiliation(r) for r in ("Bloomberg interview", "disparaging remarks", "Black Lawmakers")]
    [False, False, False]
    """
    head = head_noun(role)
    if not head or {head, singular(head)} & _NO_SOURCE_NOUNS:
        return False
    one = singular(head)
    people = one != head and one not in DEFAULT_LEXICON.org_nouns and is_source_noun(one)
    return not people and (is_source_noun(head) or _is_capitalized(strip_titles(role)))


# --- Where an article's headline sits: what it names is no attribution ----------------------


def headline_spans(text: str, title: str | None = None) -> list[tuple[int, int]]:
    """The ``(start, end)`` offsets of the header lines that are headlines.

    The header is the lines above the first body paragraph (see
    :func:`quotes.ingest.header.header_block`); a headline among them is a line
    in title case ("Black Lawmakers Rip Donald Trump As A ‘Disgusting
    Fraud.’") or one that carries the article's ``title``.

    >>> text = "Obama Sees ‘Personal Insult’ If Blacks Don’t Vote\\n\\nPresident Obama said on Saturday that he would take it as a personal insult."
    >>> [text[s:e] for s, e in headline_spans(text)]
    ['Obama Sees ‘Personal Insult’ If Blacks Don’t Vote']
    """
    lines = list(islice(iter_lines(text), HEADER_LINES))
    header = header_block([line.strip() for _, _, line in lines])
    folded_title = fold(title or "")
    return [
        (start, end)
        for start, end, line in lines[: len(header)]
        if _is_title_case(line) or (folded_title and folded_title in fold(line))
    ]


def headlines_by_doc(articles: Iterable[Article]) -> dict[str, list[tuple[int, int]]]:
    """The :func:`headline_spans` of each of ``articles`` (with their texts), by doc."""
    return {article.doc: headline_spans(article.text, article.title) for article in articles}


def _is_title_case(line: str) -> bool:
    """Two words or more, and at least four in five of the words that matter capitalized."""
    words = [word for word in _WORD.findall(line) if word[0].isalpha() and word.lower() not in TITLE_CASE_SMALL_WORDS]
    return len(words) >= 2 and 5 * sum(word[0].isupper() for word in words) >= 4 * len(words)


def within(spans: list[tuple[int, int]], offset: int | None) -> bool:
    """Whether ``offset`` falls inside one of ``spans``."""
    return offset is not None and any(start <= offset < end for start, end in spans)
