"""One speaker, one row: resolve the speaker names of many articles to :class:`Speaker` records.

Each article names its speakers its own way ("Maj. Gen. Pat Ryder", "Maj Gen Pat
Ryder", "Ryder"; "Kataib Hizbollah", "Kata'ib Hezbollah"). :func:`resolve_speakers`
groups the names the quotes carry into speakers with a union-find, applying
these rules in order, each recorded as a :class:`Merge` with a reason and a
confidence:

1. the curation file (:class:`~quotes.aliases.Aliases`): forced merges (confidence 1.0);
2. the same name once titles, punctuation, diacritics and case are dropped (1.0);
3. the same transliteration key, token by token (0.85): see :func:`~quotes.names.transliteration_key`
   (for persons, one word of the name must also be spelled alike);
4. the same given name and surname, one written with a middle name or initial
   ("Donald J. Trump", "Donald Trump"), when no other middle initial competes (0.85);
5. the same surname with different given names, when their roles tie them to the
   same organization (0.7): "Abu Hussein al-Hamidawi, secretary-general of
   Kataib Hizbollah" and "Ahmad al-Hamidawi, Kataib Hizbullah leader";
6. a bare surname joins the one full name that ends with it, when that full name
   is unique in the collection (0.9) or else unique in the same article (0.8),
   or else when its honorific, pronouns and titles ("Mr. Obama", "President Obama")
   fit exactly one of the full names (0.7): see :class:`Evidence`;
7. a bare given name ("Bernie") joins the one full name that starts with it in
   the same article (0.8), or else the only one its evidence fits (0.65).

Rules 6 and 7 never join names whose genders (honorifics, pronouns) clash.
Persons and organizations never merge, and no automatic rule merges two names
the curation file splits. A speaker's ID comes from its canonical name's
transliteration key, so rebuilding the same collection gives the same IDs.

A speaker row is a named person or organization, or a described source kept as
written ("a senior official"): a quote whose name is a pronoun, a number, a
thing ("box") or a headline cut as a name (:func:`~quotes.names.names_a_source`),
or whose name its article writes only in its headline ("Parents Rally" of
"Frustrated Parents Rally Nationwide"), gets no speaker, and no such name, nor
any mention in a headline, becomes a speaker's spelling.

The quotes are only read: the answer is a :class:`SpeakerResolution` (the
speakers; each quote's speaker ID, the one spelling it counts under and the
role it gives its speaker, by quote ID), so it can be computed in another
process and handed back. Names are compared with :mod:`quotes.names`.
"""
from __future__ import annotations

import hashlib
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import combinations
from operator import itemgetter
from typing import NamedTuple

from .aliases import Aliases
from .errors import UsageError
from .model import Merge, Quote, Speaker, SpeakerMention, SpeakerResolution
from .lexicon import DETERMINERS, GENDERED_PRONOUNS, GO_BETWEEN_NOUNS, NAME_SUFFIXES, PERSON_NOUNS, TITLE_WORDS
from .names import (
    ORGANIZATION,
    PERSON,
    UNKNOWN,
    affiliations,
    as_written,
    fold,
    gender_of_mention,
    head_noun,
    honorific_gender,
    is_headline_mention,
    is_proper_name,
    is_title_or_affiliation,
    name_key,
    names_a_source,
    organization_words,
    same_transliterated_word,
    same_transliteration,
    strip_titles,
    titles_in,
    token_transliteration_key,
    transliteration_key,
    within,
)
from .unionfind import DisjointSets

SAME_NAME = "same name once titles and punctuation are dropped"
TRANSLITERATION = "same transliteration key"
SURNAME = "surname of the only full name with it in the collection"
SURNAME_IN_ARTICLE = "surname of the only full name with it in the same article"
SURNAME_BY_EVIDENCE = "surname of the only full name its honorific, pronouns and titles fit"
MIDDLE_NAME = "same given name and surname, one with a middle name or initial"
GIVEN_NAME_IN_ARTICLE = "given name of the only full name with it in the same article"
GIVEN_NAME_BY_EVIDENCE = "given name of the only full name its honorific, pronouns and titles fit"
MENTION = "named so in the article"
ALIASES_FILE = "aliases file"


# --- Evidence of who a name is: gender and titles ------------------------------------------


@dataclass
class Evidence:
    """What the quotes of a name say about who it is: gender votes and titles."""

    genders: Counter = field(default_factory=Counter)
    titles: set[str] = field(default_factory=set)

    def add(self, other: Evidence) -> None:
        if other.genders:  # most names have none: Counter.update is slow even on an empty counter
            self.genders.update(other.genders)
        self.titles |= other.titles

    @property
    def gender(self) -> str | None:
        """The gender at least three votes in four give, else unknown."""
        if not self.genders:
            return None
        gender, votes = max(self.genders.items(), key=itemgetter(1))  # most_common(1) without its heap: the first on a tie
        return gender if 4 * votes >= 3 * sum(self.genders.values()) else None

    def clashes(self, other: Evidence) -> bool:
        mine, theirs = self.gender, other.gender
        return mine is not None and theirs is not None and mine != theirs

    def fits(self, other: Evidence, gender_decides: bool = True) -> bool:
        """No gender clash, and a shared title or (if ``gender_decides``) the same known gender.

        >>> mr_obama = Evidence(Counter(male=3), {"president"})
        >>> mr_obama.fits(Evidence(Counter(), {"president"})), mr_obama.fits(Evidence(Counter(female=2), {"president"}))
        (True, False)
        >>> mr_obama.fits(Evidence(Counter(male=1))), mr_obama.fits(Evidence(Counter(male=1)), gender_decides=False)
        (True, False)
        """
        if self.clashes(other):
            return False
        same_gender = gender_decides and self.gender is not None and self.gender == other.gender
        return bool(self.titles & other.titles) or same_gender


# --- Resolution -----------------------------------------------------------------------------


class _JoinRules(NamedTuple):
    """How a one-word name may join a full name: reason and confidence of each case (None: not enough).

    A given name says nothing of gender once it matches ("Bob"), a surname
    does (Barack and Michelle Obama), so only for surnames may gender decide.
    """

    only_in_collection: tuple[str, float] | None
    only_in_article: tuple[str, float]
    only_fitting: tuple[str, float]
    gender_decides: bool


SURNAME_RULES = _JoinRules((SURNAME, 0.9), (SURNAME_IN_ARTICLE, 0.8), (SURNAME_BY_EVIDENCE, 0.7), True)
GIVEN_NAME_RULES = _JoinRules(None, (GIVEN_NAME_IN_ARTICLE, 0.8), (GIVEN_NAME_BY_EVIDENCE, 0.65), False)


class _computed_once:
    """A property computed on its first read and kept in the instance: ``functools.cached_property`` without
    the lock Python 3.11's takes on each first read (a build reads eight of them for each of 20,000 names)."""

    def __init__(self, compute: Callable):
        self.compute = compute
        self.__doc__ = compute.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, instance: object, owner: type | None = None):
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.compute(instance)
        return value


@dataclass
class _Name:
    """One speaker name as one article wrote it, with the quotes that carry it.

    ``in_headline`` holds the IDs of those quotes whose mention sits in the
    article's headline: such a mention is never a spelling of the speaker.
    """

    doc: str | None
    written: str
    quotes: list[Quote | SpeakerMention] = field(default_factory=list)
    in_headline: set[str] = field(default_factory=set)

    @_computed_once
    def type(self) -> str:
        """The type most of its quotes give, the first given on a tie (a plain count: 20,000 names a build)."""
        known: dict[str, int] = {}
        for quote in self.quotes:
            if quote.speaker_type in (PERSON, ORGANIZATION):
                known[quote.speaker_type] = known.get(quote.speaker_type, 0) + 1
        return max(known, key=known.__getitem__) if known else UNKNOWN

    @_computed_once
    def bare(self) -> str:
        return strip_titles(self.written, self.type)

    @_computed_once
    def key(self) -> str:
        return name_key(self.written, self.type) or fold(self.written)

    @_computed_once
    def gender(self) -> str | None:
        """The gender an honorific gives ("Mr. Alaadin"), if any."""
        return honorific_gender(self.written)

    @_computed_once
    def curation_keys(self) -> set[str]:
        """The keys a name in the curation file may match: with and without the type's title rule."""
        return {self.key, name_key(self.written)}

    @property
    def roles(self) -> list[str]:
        return [q.role for q in self.quotes if q.role]

    @property
    def mentions(self) -> dict[str | None, None]:
        """The mentions of its quotes outside the headline, each once (a much quoted name repeats a few)."""
        return dict.fromkeys(q.speaker_mention for q in self.quotes if q.quote_id not in self.in_headline)

    @_computed_once
    def parts(self) -> list[str]:
        """The words of the key without a trailing "Jr." or "III"."""
        words = self.key.split()
        while len(words) > 1 and words[-1] in NAME_SUFFIXES:
            words = words[:-1]
        return words

    @property
    def suffix(self) -> str:
        """ "jr" for "Donald Trump Jr.": a son is not his father."""
        return " ".join(self.key.split()[len(self.parts):])

    @_computed_once
    def is_proper(self) -> bool:
        """Whether every word is capitalized (particles like "de" aside): "Ted Cruz", not "another source"."""
        return is_proper_name(self.bare)

    @_computed_once
    def evidence(self) -> Evidence:
        """Gender and titles from the written name and the quotes whose mention names it or is a pronoun.

        A mention of the surname alone ("Mr. Obama" under "Michelle Obama") is
        the extractor's guess, not evidence about the full name, so for a full
        name only mentions that write its given name and surname count.
        """
        evidence = Evidence(Counter([self.gender] if self.gender else []), titles_in(self.written))
        named = {self.parts[0], self.parts[-1]}
        for quote in self.quotes:
            said = _what_a_mention_says(quote.speaker_mention or "", quote.role or "")
            if not said.is_pronoun and not named <= said.words:
                continue
            if said.gender:
                evidence.genders[said.gender] += 1
            evidence.titles |= said.titles
        return evidence


class _MentionSays(NamedTuple):
    """What one quote's mention (and role) says of its speaker, for :attr:`_Name.evidence`."""

    words: frozenset[str]  # the words of the mention's name key
    is_pronoun: bool
    gender: str | None
    titles: frozenset[str]  # of the mention and the role


@lru_cache(maxsize=1 << 16)
def _what_a_mention_says(mention: str, role: str) -> _MentionSays:
    """Judged once per mention and role: a much quoted name's quotes repeat a few of them thousands of times."""
    return _MentionSays(frozenset(name_key(mention).split()), fold(mention) in GENDERED_PRONOUNS,
                        gender_of_mention(mention), frozenset(titles_in(mention) | titles_in(role)))


class _Groups(DisjointSets):
    """Union-find over names that refuses to merge persons with organizations, or split names.

    Each group keeps its types, the genders of its honorifics ("Mr." and "Ms."
    never merge), whether it holds a full name, its name keys (for the splits)
    and the organizations its roles name (for the same-surname rule).
    """

    def __init__(self, names: list[_Name], splits: list[tuple[str, str]], organizations: Mapping[str, str]):
        super().__init__(len(names))
        self.names = names
        self.types = [{n.type} - {UNKNOWN} for n in names]
        self.genders = [{n.gender} - {None} for n in names]
        self.has_full_name = [not _is_bare_surname(n) for n in names]
        self.keys = [set(n.curation_keys) for n in names]
        self.splits = [(name_key(a), name_key(b)) for a, b in splits]
        self.edges: list[tuple[int, int, str, float]] = []
        # A much quoted name writes the same role in thousands of quotes: each role is read once.
        of_role = {role: affiliations(role, organizations) for role in {role for n in names for role in n.roles}}
        self.affiliations = [{key: text for role in n.roles for key, text in of_role[role].items()} for n in names]

    def allowed(self, a: int, b: int) -> bool:
        if len(self.types[a] | self.types[b]) > 1 or len(self.genders[a] | self.genders[b]) > 1:
            return False
        return not any(
            (x in self.keys[a] and y in self.keys[b]) or (y in self.keys[a] and x in self.keys[b])
            for x, y in self.splits
        )

    def union(self, i: int, j: int, reason: str, confidence: float, force: bool = False) -> bool:
        a, b = self.roots(i, j)
        if a == b or not (force or self.allowed(a, b)):
            return False
        self.link(a, b)
        self.types[a] |= self.types[b]
        self.genders[a] |= self.genders[b]
        self.has_full_name[a] = self.has_full_name[a] or self.has_full_name[b]
        self.keys[a] |= self.keys[b]
        self.affiliations[a] = {**self.affiliations[b], **self.affiliations[a]}
        self.edges.append((i, j, reason, confidence))
        return True

    def links(self) -> dict[int, list[tuple[int, str, float]]]:
        """Each name's merge links, both ways: (other name, reason, confidence)."""
        links = defaultdict(list)
        for i, j, reason, confidence in self.edges:
            links[i].append((j, reason, confidence))
            links[j].append((i, reason, confidence))
        return links

    def shared_affiliation(self, i: int, j: int) -> str | None:
        """An organization both groups' roles name, as first written."""
        a, b = self.find(i), self.find(j)
        shared = sorted(self.affiliations[a].keys() & self.affiliations[b].keys())
        return self.affiliations[a][shared[0]] if shared else None

    def components(self) -> list[list[int]]:
        return self.groups()


def resolve_speakers(
    quotes: Sequence[Quote | SpeakerMention],
    aliases: Aliases | None = None,
    headlines: Mapping[str, list[tuple[int, int]]] | None = None,
    organizations: Mapping[str, str] | None = None,
) -> SpeakerResolution:
    """Group the speakers of ``quotes`` across articles; ``quotes`` are left as they are.

    One :class:`Speaker` per real speaker. Its name is the curation file's
    first name when a forced merge made it, else the most quoted full name
    without titles (a one-word name only if there is no full name; initials
    don't count as words; ties go to the longer name). A quote that names a
    speaker must carry its ``quote_id`` (see :func:`quotes.model.identify`),
    the key of :attr:`SpeakerResolution.speaker_of`. ``headlines`` (the spans
    of :func:`~quotes.names.headline_spans`, by doc) show where each article's
    headlines sit: a name an article writes only there gets no speaker. ``organizations`` (see :func:`organization_names`) are those
    a role may name: by default the ones ``quotes`` name, or the whole
    collection's when ``quotes`` are only part of it.
    """
    aliases = aliases or Aliases()
    if organizations is None:
        organizations = organization_names(quotes)
    groups = _Groups(_collect_names(quotes, headlines or {}), aliases.split, organizations)
    forced_names = _apply_forced_merges(groups, aliases.merge)
    full_names = [i for i, name in enumerate(groups.names) if not _is_bare_surname(name)]
    _merge_same_names(groups, full_names)
    _merge_transliterations(groups, full_names)
    _merge_middle_names(groups, full_names)
    _merge_same_surname_same_organization(groups)
    unattached = _merge_given_names(groups, _merge_bare_surnames(groups))
    _merge_same_names(groups, unattached)
    _merge_transliterations(groups, unattached)
    forced_by_root = {groups.find(i): name for i, name in forced_names.items()}
    links = groups.links()
    resolved = [
        (component, _speaker(groups, component, links, forced_by_root.get(groups.find(component[0]))))
        for component in groups.components()
    ]
    _make_ids_unique([speaker for _, speaker in resolved])
    speaker_of, spelling_of, role_of = {}, {}, {}
    for component, speaker in resolved:
        spellings = set(speaker.names)
        for i in component:
            for quote in groups.names[i].quotes:
                speaker_of[quote.quote_id] = speaker.id
                mention = as_written(quote.speaker_mention)
                own_spelling = mention in spellings and quote.quote_id not in groups.names[i].in_headline
                spelling_of[quote.quote_id] = mention if own_spelling else groups.names[i].written
                role = _speaker_role(quote.role, quote.speaker_mention)
                if role:
                    role_of[quote.quote_id] = role
    counts = Counter(speaker_of.values())
    speakers = sorted((speaker for _, speaker in resolved), key=lambda s: (-counts[s.id], s.name, s.id))
    return SpeakerResolution(speakers, speaker_of, spelling_of, role_of)


# --- Where names meet: the keys an incremental resolution follows ---------------------------

#: A name's keys say which other names a rule above may compare it with. Two names sharing
#: a key (or, for the prefixes in MEETS, holding keys that meet) may affect each other's
#: speaker; names that never meet, directly or through others, resolve independently.
NAME_KEY = "name:"  # rules 1 and 2 (and the curation file's names)
TRANSLITERATION_KEY = "transliteration:"  # rule 3
GIVEN_AND_SURNAME_KEY = "given-and-surname:"  # rule 4
SURNAME_KEY = "surname:"  # rules 5 and 6
FULL_NAME_GIVEN_KEY = "given-name-of-full-name:"  # rule 7, the full names ...
ONE_WORD_GIVEN_KEY = "one-word-given-name:"  # ... and the one-word names that may join them
SPEAKER_ID_KEY = "speaker-id:"  # the ID a name would give its speaker: clashing IDs are made unique together
ORGANIZATION_KEY = "organization:"  # an organization's own name ...
AFFILIATION_KEY = "affiliation:"  # ... and the roles that name it (rule 5, and clusters' blocks)
MEETS = {
    FULL_NAME_GIVEN_KEY: (ONE_WORD_GIVEN_KEY,),
    ONE_WORD_GIVEN_KEY: (FULL_NAME_GIVEN_KEY,),
    # An organization is compared with no name by the rules: rule 5 only reads which organizations
    # exist (organization_names), and statement clusters follow these keys themselves.
    ORGANIZATION_KEY: (),
    AFFILIATION_KEY: (),
}
SPEAKER_TYPES = (PERSON, ORGANIZATION, UNKNOWN)


def keys_met(key: str) -> list[str]:
    """The keys a name holding ``key`` meets in speaker resolution: the same key, or its partners in MEETS.

    >>> keys_met("one-word-given-name:bernie")
    ['given-name-of-full-name:bernie']
    >>> keys_met("surname:krb2"), keys_met("affiliation:ktb2 hzblh3")
    (['surname:krb2'], [])
    """
    prefix, _, value = key.partition(":")
    return [partner + value for partner in MEETS.get(prefix + ":", (prefix + ":",))]


def organization_keys(quotes: Sequence[Quote]) -> dict[str, set[str]]:
    """The organization keys (transliteration keys) each name of ``quotes`` (one article's) holds as an organization,
    by name as written: by its type, or by any quote that calls its speaker an organization.

    >>> quote = Quote(start=0, end=1, text="x", speaker="Kata'ib Hezbollah", speaker_type="organization")
    >>> organization_keys([quote])
    {"Kata'ib Hezbollah": {'ktb2 hzblh3'}}
    """
    found: dict[str, set[str]] = defaultdict(set)
    for name in _names_of_article(quotes):
        if name.type == ORGANIZATION:
            found[name.written].add(transliteration_key(name.written, ORGANIZATION))
        for quote in name.quotes:
            if quote.speaker_type == ORGANIZATION:
                found[name.written].add(transliteration_key(quote.speaker or "", ORGANIZATION))
    return {written: keys - {""} for written, keys in found.items() if keys - {""}}


def organization_names(quotes: Sequence[Quote]) -> dict[str, str]:
    """Every organization the articles of ``quotes`` name as a speaker (see :func:`organization_keys`), by key.

    >>> organization_names([Quote(start=0, end=1, text="x", doc="a", speaker="Hamas", speaker_type="organization")])
    {'hms2': 'Hamas'}
    """
    by_doc: dict[str | None, list[Quote]] = defaultdict(list)
    for quote in quotes:
        by_doc[quote.doc].append(quote)
    return organizations_from(
        (key, written) for doc_quotes in by_doc.values()
        for written, keys in organization_keys(doc_quotes).items() for key in keys
    )


def organizations_from(named: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Organization names by key from (key, name as written) pairs: of several spellings, the first in
    alphabetical order without titles, so any part of a collection gives the whole's choice."""
    names: dict[str, str] = {}
    for key, written in named:
        bare = strip_titles(written, ORGANIZATION)
        if key not in names or bare < names[key]:
            names[key] = bare
    return names


def name_keys(quotes: Sequence[Quote], organizations: Mapping[str, str]) -> dict[str, set[str]]:
    """The keys of each speaker name ``quotes`` (one article's) write, by name as written (see MEETS).

    ``organizations`` (transliteration key to name) are every organization the
    collection names: a role names one when a run of its words spells its key.
    """
    keys: dict[str, set[str]] = {}
    for name in _names_of_article(quotes):
        found = {NAME_KEY + key for key in name.curation_keys}
        found.add(TRANSLITERATION_KEY + transliteration_key(name.key))
        found |= {SPEAKER_ID_KEY + _speaker_id(name.bare, speaker_type) for speaker_type in SPEAKER_TYPES}
        if _is_bare_surname(name):
            found |= {SURNAME_KEY + token_transliteration_key(name.key), ONE_WORD_GIVEN_KEY + name.key}
        surname, given, given_and_surname = _surname_key(name), _given_name_key(name), _given_and_surname(name)
        if surname:
            found.add(SURNAME_KEY + surname)
        if given and name.type == PERSON and name.is_proper:
            found.add(FULL_NAME_GIVEN_KEY + given)
        if given_and_surname:
            found.add(GIVEN_AND_SURNAME_KEY + given_and_surname)
        for role in {quote.role for quote in name.quotes if quote.role}:
            found |= {AFFILIATION_KEY + key for key in affiliations(role, organizations)}
        keys[name.written] = found
    for written, own in organization_keys(quotes).items():
        keys[written] |= {ORGANIZATION_KEY + key for key in own}
    return keys


def curation_keys(aliases: Aliases) -> list[set[str]]:
    """The keys each forced merge of the curation file ties together: its names, and the IDs its first name may give."""
    return [
        {NAME_KEY + name_key(name) for name in merge}
        | {SPEAKER_ID_KEY + _speaker_id(merge[0], speaker_type) for speaker_type in SPEAKER_TYPES}
        for merge in aliases.merge if merge
    ]


def role_words(quotes: Sequence[Quote], written: str) -> str:
    """The roles of the name ``written`` in ``quotes``, as the words an organization key is matched against,
    each role between spaces: " us dprtmnt f dfns spksmn | ..." finds the key "dprtmnt f dfns" as " dprtmnt f dfns ".
    """
    roles = sorted({quote.role for quote in quotes if quote.role and as_written(quote.speaker) == written})
    return "|".join(" " + " ".join(organization_words(role)) + " " for role in roles)


def _names_of_article(quotes: Sequence[Quote]) -> list[_Name]:
    """Every speaker name ``quotes`` write, one per spelling (the resolvable ones and the rest alike)."""
    by_name: dict[str, _Name] = {}
    for quote in quotes:
        written = as_written(quote.speaker)
        if fold(written):
            by_name.setdefault(written, _Name(quote.doc, written)).quotes.append(quote)
    return list(by_name.values())


@lru_cache(maxsize=1 << 16)
def _speaker_role(role: str | None, mention: str | None) -> str | None:
    """A quote's role when it is a title or an affiliation of the speaker, else None (by role and mention:
    a collection writes the same few in thousands of quotes).

    A role must name what the speaker is (:func:`~quotes.names.is_title_or_affiliation`),
    not an event or the reporter's phrase ("Bloomberg interview", "disparaging
    remarks"). A role that only repeats the quote's own nominal mention says
    how the article described who spoke; it is the named speaker's title only
    when its noun is a title or a standing ("the senator", "the spokesman",
    "the New York businessman"), not the part someone played in the moment
    ("the announcer", "the narrator", "one questioner").
    """
    role = as_written(role)
    if not role or not is_title_or_affiliation(role):
        return None
    words = [word for word in fold(mention or "").split() if word not in DETERMINERS]
    nominal = words == fold(role).split() and not is_proper_name(role)
    if nominal and not _is_standing(head_noun(role)):
        return None
    return role


def _is_standing(noun: str) -> bool:
    """A noun for what someone is rather than what they are doing: a title, a known person noun, a "-man"."""
    return noun in TITLE_WORDS | GO_BETWEEN_NOUNS | PERSON_NOUNS or noun.endswith(("man", "woman", "person"))


def _collect_names(quotes: Sequence[Quote | SpeakerMention], headlines: Mapping[str, list[tuple[int, int]]]) -> list[_Name]:
    """The speaker names that name a source, one per article and spelling.

    A quote whose mention is a headline cut as a name ("Black Lawmakers Rip
    Donald Trump") names no one; a name whose every mention sits in its
    article's headline is a headline, not a speaker.
    """
    by_doc_and_name: dict[tuple[str, str], _Name] = {}
    # A collection writes a few thousand names in tens of thousands of quotes: each name is judged once.
    is_source, is_headline = cache(lambda name: bool(fold(name)) and names_a_source(name)), cache(is_headline_mention)
    for quote in quotes:
        written = as_written(quote.speaker)
        if not is_source(written) or is_headline(quote.speaker_mention or ""):
            continue
        if not quote.quote_id:
            raise UsageError(f"resolve_speakers: a quote of {written!r} in {quote.doc!r} has no quote_id")
        entry = by_doc_and_name.get((quote.doc or "", written))
        if entry is None:  # not setdefault: that would make a _Name for each of tens of thousands of quotes
            entry = by_doc_and_name[quote.doc or "", written] = _Name(quote.doc, written)
        entry.quotes.append(quote)
        mention_at = quote.speaker_start if quote.speaker_start is not None else quote.start
        if within(headlines.get(quote.doc or "", []), mention_at):
            entry.in_headline.add(quote.quote_id)
    named = (name for name in by_doc_and_name.values() if len(name.in_headline) < len(name.quotes))
    return sorted(named, key=lambda n: (n.key, n.doc or "", n.written))


def _is_bare_surname(name: _Name) -> bool:
    """A one-word name of a person ("Kirby"): whose it is depends on the full names around it."""
    return name.type != ORGANIZATION and len(name.key.split()) == 1


def _indices_by(groups: _Groups, key_of, indices: Iterable[int] | None = None) -> dict[str, list[int]]:
    """Name indices (all, or ``indices``) bucketed by ``key_of(name)``; names it maps to None are left out."""
    buckets = defaultdict(list)
    for i in range(len(groups.names)) if indices is None else indices:
        key = key_of(groups.names[i])
        if key is not None:
            buckets[key].append(i)
    return buckets


def _apply_forced_merges(groups: _Groups, merges: list[list[str]]) -> dict[int, str]:
    """Union the names of each merge entry; returns each entry's canonical name by a member index."""
    by_key = defaultdict(list)
    for i, name in enumerate(groups.names):
        for key in name.curation_keys:
            by_key[key].append(i)
    canonical = {}
    for merge in merges:
        members = [i for name in merge for i in by_key.get(name_key(name), [])]
        for i in members[1:]:
            groups.union(members[0], i, ALIASES_FILE, 1.0, force=True)
        if members:
            canonical[members[0]] = merge[0]
    return canonical


def _merge_same_names(groups: _Groups, indices: Iterable[int]) -> None:
    for members in _indices_by(groups, lambda name: name.key, indices).values():
        for i in members[1:]:
            groups.union(members[0], i, SAME_NAME, 1.0)


def _merge_transliterations(groups: _Groups, indices: Iterable[int]) -> None:
    """Spelling variants of one name merge (rule 3), compared once per spelling and group, not per article."""
    for members in _indices_by(groups, lambda name: transliteration_key(name.key), indices).values():
        firsts = _first_of_each(members, lambda i: (groups.names[i].key, groups.names[i].type, groups.find(i)))
        for i, j in combinations(firsts, 2):
            if _transliterations_of_one_name(groups.names[i], groups.names[j]):
                groups.union(i, j, TRANSLITERATION, 0.85)


def _first_of_each(members: list[int], kind: Callable[[int], Hashable]) -> list[int]:
    """The first of ``members`` of each ``kind(member)``: the others would be compared alike and merge alike."""
    first: dict[Hashable, int] = {}
    for i in members:
        first.setdefault(kind(i), i)
    return list(first.values())


def _transliterations_of_one_name(a: _Name, b: _Name) -> bool:
    """Spelling variants of one name; for persons, one word must also be spelled alike.

    English names that differ only in vowels are often different people
    (Tyler and Taylor, Cornyn and Cronin), so a person's name varies in one
    part while another part holds ("Hossein Salami" / "Hussein Salami"); an
    organization may vary throughout ("Hizbollah" / "Hezbollah").
    """
    if not same_transliteration(a.key, b.key):
        return False
    if ORGANIZATION in (a.type, b.type):
        return True
    return bool(set(a.key.split()) & set(b.key.split()))


def _surname_key(name: _Name) -> str | None:
    """The surname's transliteration key of a full (two words or more) non-organization name."""
    if name.type == ORGANIZATION or len(name.parts) < 2:
        return None
    return token_transliteration_key(name.parts[-1])


def _given_name_key(name: _Name) -> str | None:
    """The given name of a full name, for a one-word name to join ("Bernie")."""
    return name.parts[0] if len(name.parts) > 1 else None


def _given_and_surname(name: _Name) -> str | None:
    """ "donald trump" for "Donald J. Trump": a proper name's first and last word and suffix, the key to a middle-name merge."""
    if name.type == ORGANIZATION or len(name.parts) < 2 or not name.is_proper:
        return None
    return " ".join([name.parts[0], name.parts[-1], name.suffix]).strip()


def _middle_initials(name: _Name) -> str:
    return "".join(word[0] for word in name.parts[1:-1])


def _merge_middle_names(groups: _Groups, indices: Iterable[int]) -> None:
    """Names with the same given name and surname are one person whatever the middle name's spelling.

    "Donald J. Trump" and "Donald John Trump" share the middle initial; a name
    without a middle name ("Donald Trump") joins them only when no other
    middle initial competes (George W. Bush, George H. W. Bush, George Bush).
    """
    for members in _indices_by(groups, _given_and_surname, indices).values():
        by_initials = defaultdict(list)
        for i in members:
            by_initials[_middle_initials(groups.names[i])].append(i)
        plain = by_initials.pop("", [])
        for same in by_initials.values():
            for i in same[1:]:
                groups.union(same[0], i, MIDDLE_NAME, 0.85)
        if len(by_initials) == 1:
            first = next(iter(by_initials.values()))[0]
            for i in plain:
                groups.union(first, i, MIDDLE_NAME, 0.85)


def _merge_same_surname_same_organization(groups: _Groups) -> None:
    """Full names sharing a surname are one person when their roles name the same organization.

    Compared once per group: the organizations are the group's.
    """
    for members in _indices_by(groups, _surname_key).values():
        for i, j in combinations(_first_of_each(members, groups.find), 2):
            if groups.find(i) != groups.find(j):
                organization = groups.shared_affiliation(i, j)
                if organization:
                    groups.union(i, j, f"same surname, same organization ({organization})", 0.7)


def _merge_bare_surnames(groups: _Groups) -> list[int]:
    """A one-word name ("Kirby") joins the full person name ending with it, if only one does.

    A one-word name already tied to a full name (by the curation file) stays
    there, so it never bridges two full names.

    Returns the one-word names that joined no full name: they are merged with
    each other by spelling afterwards ("Mansour" of two articles with no
    Mansour in full stays one "Mansour").
    """
    full_names = _indices_by(groups, lambda name: _surname_key(name) if name.type == PERSON else None)
    evidence = _evidence_by_group(groups, [i for members in full_names.values() for i in members])
    candidates: dict[str, _Candidates] = {}
    unattached = []
    for i, name in enumerate(groups.names):
        if not _is_bare_surname(name) or groups.has_full_name[groups.find(i)]:
            continue
        if name.key not in candidates:
            spelled_alike = [
                j for j in full_names.get(token_transliteration_key(name.key), [])
                if same_transliterated_word(groups.names[j].parts[-1], name.key)
            ]
            candidates[name.key] = _Candidates.of(groups, spelled_alike, evidence)
        if not _attach(groups, i, candidates[name.key], SURNAME_RULES):
            unattached.append(i)
    return unattached


def _evidence_by_group(groups: _Groups, indices: list[int]) -> dict[int, Evidence]:
    """The evidence of each group's full names, by the index of each of them."""
    first_of_group: dict[int, int] = {}
    evidence: dict[int, Evidence] = {}
    for i in sorted(indices):
        first = first_of_group.setdefault(groups.find(i), i)
        if first not in evidence:
            evidence[first] = Evidence()
        evidence[first].add(groups.names[i].evidence)
    return {i: evidence[first_of_group[groups.find(i)]] for i in indices}


@dataclass
class _Candidates:
    """The full names a one-word name may join, by group: so the one-word names of a thousand articles
    ask a few groups, not every article's full name.

    Full names' groups do not change while one-word names join them (a
    one-word name joins one group and never bridges two), so the groups and
    the articles they are named in are taken once.
    """

    groups: list[list[int]]  # the members of each group, in index order
    evidence: list[Evidence]  # each group's evidence: all its full names' together
    groups_in_doc: dict[str | None, list[int]]  # the groups with a member in each article

    @classmethod
    def of(cls, groups: _Groups, members: list[int], evidence: dict[int, Evidence]) -> _Candidates:
        by_root: dict[int, list[int]] = {}
        for i in members:
            by_root.setdefault(groups.find(i), []).append(i)
        found = cls(list(by_root.values()), [], defaultdict(list))
        for position, group in enumerate(found.groups):
            found.evidence.append(evidence[group[0]])
            for doc in dict.fromkeys(groups.names[i].doc for i in group):
                found.groups_in_doc[doc].append(position)
        return found


def _attach(groups: _Groups, i: int, candidates: _Candidates, rules: _JoinRules) -> bool:
    """Join the one-word name ``i`` to the one candidate full name that fits it; whether it joined.

    The candidate must be the only one in the collection, else the only one in
    the same article, else the only one its gender and titles fit (see
    :meth:`Evidence.fits`), each case as ``rules`` allows. A candidate whose
    known gender clashes is never taken.
    """
    name = groups.names[i]
    fitting = [g for g, evidence in enumerate(candidates.evidence) if not name.evidence.clashes(evidence)]
    if rules.only_in_collection and len(candidates.groups) == 1 and fitting:
        return groups.union(candidates.groups[0][-1], i, *rules.only_in_collection)
    in_article = [g for g in candidates.groups_in_doc.get(name.doc, []) if g in fitting]
    if len(in_article) == 1:
        same_article = next(j for j in candidates.groups[in_article[0]] if groups.names[j].doc == name.doc)
        return groups.union(same_article, i, *rules.only_in_article)
    by_evidence = [g for g in fitting if name.evidence.fits(candidates.evidence[g], rules.gender_decides)]
    if len(by_evidence) == 1:
        return groups.union(candidates.groups[by_evidence[0]][-1], i, *rules.only_fitting)
    return False


def _merge_given_names(groups: _Groups, indices: list[int]) -> list[int]:
    """A one-word name that is no known surname ("Bernie") joins the one full name starting with it.

    Returns the names that joined none.
    """
    full_names = _indices_by(groups, lambda name: _given_name_key(name) if name.type == PERSON and name.is_proper else None)
    evidence = _evidence_by_group(groups, [i for members in full_names.values() for i in members])
    candidates = {key: _Candidates.of(groups, members, evidence) for key, members in full_names.items()}
    unattached = []
    for i in indices:
        found = candidates.get(groups.names[i].key)
        if not (found and _attach(groups, i, found, GIVEN_NAME_RULES)):
            unattached.append(i)
    return unattached


def _speaker(groups: _Groups, component: list[int], links: dict, forced_name: str | None) -> Speaker:
    """The speaker record of one group: canonical name, type, every written name and why it is here."""
    quote_counts: Counter[str] = Counter()
    for i in component:
        quote_counts[groups.names[i].bare] += len(groups.names[i].quotes)
    canonical = forced_name or max(quote_counts, key=lambda n: (min(_full_words(n), 2), quote_counts[n], _full_words(n), n))
    types = groups.types[groups.find(component[0])]
    speaker_type = next(iter(types)) if len(types) == 1 else UNKNOWN
    merges = _merges(groups, component, links, canonical)
    return Speaker(
        id=_speaker_id(canonical, speaker_type),
        name=canonical,
        type=speaker_type,
        names=[canonical] + sorted({m.name for m in merges}),
        merges=merges,
    )


def _full_words(name: str) -> int:
    """How complete a name is: its words, initials not counted ("Donald J. Trump" is no fuller than "Donald Trump")."""
    return sum(len(word) > 1 for word in fold(name).split())


def _merges(groups: _Groups, component: list[int], links: dict, canonical: str) -> list[Merge]:
    """Why each written name belongs: the link that reached it from the canonical name, weakest confidence on the way.

    A name the extractor wrote keeps the rule that merged it even where a
    mention elsewhere spells it too; other mentions are recorded as such.
    """
    start = next((i for i in component if groups.names[i].bare == canonical), component[0])
    reached = {start: (SAME_NAME, 1.0)}
    queue = deque([start])
    written: dict[str, Merge] = {}
    mentioned: dict[str, Merge] = {}
    while queue:
        i = queue.popleft()
        reason, confidence = reached[i]
        name = groups.names[i]
        _keep_best(written, Merge(name.written, reason, confidence))
        for mention in name.mentions:
            if _is_written_name(mention, name.key):
                _keep_best(mentioned, Merge(as_written(mention), MENTION, confidence))
        for j, link_reason, link_confidence in links[i]:
            if j not in reached:
                reached[j] = (link_reason, min(confidence, link_confidence))
                queue.append(j)
    best = {**mentioned, **written}
    best.pop(canonical, None)
    return sorted(best.values(), key=lambda m: (-m.confidence, m.name))


def _keep_best(best: dict[str, Merge], merge: Merge) -> None:
    if merge.name not in best or merge.confidence > best[merge.name].confidence:
        best[merge.name] = merge


@lru_cache(maxsize=1 << 16)
def _is_written_name(mention: str | None, key: str) -> bool:
    """A mention that names the speaker ("Kirby", "Mr. Alaadin"), not "he", "the group" or a headline."""
    if not mention or not names_a_source(mention):
        return False
    words = strip_titles(mention).split()
    if not words or not all(word[:1].isupper() for word in words):
        return False
    return bool(set(name_key(mention).split()) & set(key.split()))


def _speaker_id(canonical: str, speaker_type: str) -> str:
    """``s-`` and a short hash of the canonical name's transliteration key: spelling-proof and stable.

    >>> _speaker_id("Kataib Hizbollah", "organization") == _speaker_id("Kata'ib Hezbollah", "organization")
    True
    """
    key = transliteration_key(canonical, speaker_type) or fold(canonical)
    return _hashed_id(key)


def _hashed_id(text: str) -> str:
    return "s-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def _make_ids_unique(speakers: list[Speaker]) -> None:
    """Speakers kept apart despite one key (a split, a person and an organization) get distinct IDs.

    The ID then also hashes the normalized name and type, and as a last resort
    a counter in the order of ``speakers`` (which is deterministic).
    """
    by_id = defaultdict(list)
    for speaker in speakers:
        by_id[speaker.id].append(speaker)
    for clashing in (group for group in by_id.values() if len(group) > 1):
        taken = set()
        for speaker in clashing:
            detail = f"{speaker.id}|{name_key(speaker.name, speaker.type)}|{speaker.type}"
            speaker.id = _hashed_id(detail)
            while speaker.id in taken:
                detail += "|"
                speaker.id = _hashed_id(detail)
            taken.add(speaker.id)
