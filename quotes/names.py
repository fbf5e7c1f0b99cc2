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

from rapidfuzz import fuzz

from .lexicon import GENDERED_HONORIFICS, GENDERED_PRONOUNS, NAME_PARTICLES, TITLE_ABBREVIATIONS, TITLE_WORDS

PERSON, ORGANIZATION, UNKNOWN = "person", "organization", "unknown"
VOWELS = "aeiouy"
# The one word dropped before any name ("The White House"). Not the lexicon's
# DETERMINERS: dropping "a" or "this" turns "a reader" into a surname "reader"
# that then matches "Ryder".
ARTICLE = "the"

_APOSTROPHES = re.compile(r"['’‘ʼʻ`´]")
_ARABIC_ARTICLE = re.compile(r"\b[ae]l[-‐‑–]", re.IGNORECASE)
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


# --- Normalizing names ----------------------------------------------------------------------


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
        words = [token_transliteration_key(word) for word in name_key(role, ORGANIZATION).split()]
        longest = max((len(key.split()) for key in organizations), default=0)
        for size in range(1, longest + 1):
            for first in range(len(words) - size + 1):
                key = " ".join(words[first:first + size])
                if key in organizations:
                    found.setdefault(key, organizations[key])
    return found


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


def is_proper_name(name: str) -> bool:
    """Whether every word is capitalized, particles like "de" and "al" aside: "Ted Cruz", not "another source".

    >>> is_proper_name("Abu Hussein al-Hamidawi"), is_proper_name("another source")
    (True, False)
    """
    words = _WORD.findall(name)
    return bool(words) and all(word[0].isupper() or word.lower() in NAME_PARTICLES for word in words)
