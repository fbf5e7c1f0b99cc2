"""One statement, one cluster: group the versions of a statement that different outlets carry.

Outlets quote one statement in full, in part, or in their own translation
("We announce the suspension of military and security operations ..." / "We
suspend all military and security operations ..."). :func:`cluster_quotes`
finds these versions without comparing every quote with every other:

1. **Blocks.** Only quotes of one speaker can be versions of one statement, or
   quotes of an organization and of a person whose role names it (the
   secretary-general delivering the group's statement). A block is a speaker's
   quotes, and an organization's block also holds the quotes of the people who
   speak for it.
2. **Candidates.** Verification (below) accepts only identical wordings and
   pairs whose shorter quote shares at least half its content stems
   (``TRIM_MIN_OVERLAP``) with the longer, so only such pairs are compared. A
   prefix filter finds exactly them without comparing every pair: with a
   block's stems ordered rarest first, a quote sharing half its stems with
   another shares one of its first ``n - ceil(n/2) + 1``, so each quote looks
   up only those in an index of the block's stems (:func:`_candidate_pairs`).
   Exact, so a block clustered alone gives what it gives in the collection.
3. **Verification.** A candidate pair is one statement (:func:`statement_similarity`)
   when the shorter quote is found nearly verbatim in the longer (a trim) or
   shares most of its content words with it (a rewording or another
   translation). A pair needs one quote of the block's own speaker, so two
   people speaking for one organization are never compared. The pairs of all
   blocks are joined best first with a union-find that (a) never puts two
   different persons in one cluster and (b) joins two groups only if their
   longest versions are themselves one statement, so a common fragment
   ("actions speak louder than words") cannot chain two different statements.
4. **Terms** (``kind == "term"``, a word or a phrase) join only quotes of
   identical wording.

The blocks' pairs, and which blocks speak for which organization, form a
:class:`StatementGraph` (:func:`statement_graph`); :func:`group_statements`
joins them. A full resolution keeps the graph, so a build updates it instead
of comparing every block again (:mod:`quotes.statement_graph`).

Only statements carried in two or more versions get a cluster; a quote with no
other version is in none. A cluster's speaker is the organization among its
versions' speakers (the people in it speak for it), else its one person. Its
first version is the earliest published quote of that speaker in an article's
body, a full quote before a partial one: a quote in a headline line (see
:func:`~quotes.names.headline_spans`) or of another speaker comes first only
when there is nothing else. A cluster's ID hashes the quote ID of its first
version, so a rebuild gives the same IDs. Each version's ``departure`` measures
how its wording differs, word by word (:func:`word_departure`, :func:`_departure`):
a trim departs 0, a rewording of half its words 0.5; ``FLAG_DEPARTURE`` and up is
flagged. The quotes are only read:
each cluster lists its members by quote ID (:class:`ClusterMember`).
"""
from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Iterable, Iterator, Mapping, Sequence

from rapidfuzz import fuzz
from rapidfuzz.distance import LCSseq
from spacy.lang.en.stop_words import STOP_WORDS

from .model import Article, Cluster, ClusterMember, Quote
from .names import (
    ORGANIZATION, affiliations, fold, headlines_by_doc, name_key, names_a_source, transliteration_key, within,
)
from .unionfind import DisjointSets

#: A version that drops or adds one of these is flagged (:func:`negation_flipped`).
NEGATIONS = frozenset({"not", "no", "never", "nor", "none", "nothing", "cannot", "nt"})
STOP = frozenset(fold(word) for word in STOP_WORDS)
STEM_LENGTH = 5  # a crude stemmer: "suspend"/"suspension", "occupation"/"occupying" share a stem
MIN_STEMS = 3  # a shorter quote is a statement, not a phrase, from three content words up
TRIM_SIMILARITY = 0.9  # rapidfuzz partial_ratio: the shorter quote found nearly verbatim in the longer
TRIM_MIN_OVERLAP = 0.5  # a trim keeps nearly all its content words: below this share, no rule can pass
REWORDING_OVERLAP = 0.6  # share of the shorter quote's content stems the longer must have ...
REWORDING_SHARED = 3  # ... and at least this many of them ...
REWORDING_WORDING = 0.65  # ... and a partial_ratio this high: the seeds' translations score 0.72 and 0.75,
# different statements of one 2016 candidate sharing names ("Hillary", "Trump") score up to 0.63
FLAG_DEPARTURE = 0.3  # a version whose wording departs this far should be checked: the seeds' second
# translation ("We suspend all military ...", "... protect the people of Gaza through other means") departs 0.4
KIND_ORDER = {"full": 0, "partial": 1, "term": 2}  # which kind of version a cluster's first one should be

_INSERTIONS = re.compile(r"\[[^\]]*\]|\([^)]*\)")


def statement_words(text: str) -> str:
    """A quote's words for comparison: editorial insertions ([...], (...)) dropped, folded.

    >>> statement_words("Our brothers in the Axis [of Resistance], especially (us)")
    'our brothers in the axis especially'
    """
    return fold(_INSERTIONS.sub(" ", text))


def content_stems(words: str) -> frozenset[str]:
    """The stems of a quote's content words: stop words dropped, each word cut to five letters.

    >>> sorted(content_stems("we will continue to defend our people in gaza"))
    ['conti', 'defen', 'gaza', 'peopl']
    """
    return frozenset(word[:STEM_LENGTH] for word in words.split() if word not in STOP)


@dataclass
class _Version:
    """A quote prepared for comparison."""

    index: int
    quote: Quote
    words: str
    stems: frozenset[str]
    content: tuple[str, ...]  # the content words in order, for the departure
    block: str
    is_person: bool
    size: tuple[int, int]  # content stems, then characters: which of two versions is the shorter


def statement_similarity(a: _Version, b: _Version) -> float:
    """How surely two quotes are versions of one statement: 0 (not) or the evidence, up to 1.

    A trim scores its rapidfuzz ``partial_ratio`` (at least ``TRIM_SIMILARITY``);
    a rewording scores the share of the shorter quote's content stems found in
    the longer (at least ``REWORDING_OVERLAP``, and ``REWORDING_SHARED`` stems),
    and must still read alike (``partial_ratio`` of ``REWORDING_WORDING``); one
    article never carries two wordings of one statement, so within an article
    only trims count (two sentences of one speech often share their words).
    Quotes shorter than ``MIN_STEMS`` content words match only identical wording.
    """
    if a.words == b.words:
        return 1.0
    shorter, longer = (a, b) if a.size <= b.size else (b, a)
    if len(shorter.stems) < MIN_STEMS:
        return 0.0
    shared = len(shorter.stems & longer.stems)
    overlap = shared / len(shorter.stems)
    if overlap < TRIM_MIN_OVERLAP:
        return 0.0
    wording = fuzz.partial_ratio(shorter.words, longer.words) / 100
    if wording >= TRIM_SIMILARITY:
        return wording
    if a.quote.doc == b.quote.doc:
        return 0.0
    if overlap >= REWORDING_OVERLAP and shared >= REWORDING_SHARED and wording >= REWORDING_WORDING:
        return overlap
    return 0.0


def content_words(words: str) -> tuple[str, ...]:
    """A quote's content words in order (all its words if it has none but stop words).

    >>> content_words("we will continue to defend our people in gaza")
    ('continue', 'defend', 'people', 'gaza')
    """
    return tuple(word for word in words.split() if word not in STOP) or tuple(words.split())


def word_departure(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    """How far two versions' wordings differ: 1 minus the share of the shorter's content words the longer keeps, in order.

    The words kept in order are the longest common subsequence of the two
    (rapidfuzz ``LCSseq``, word by word).

    Word for word, so a rewording of most words departs most of the way to 1,
    while a trim (the shorter is part of the longer's words) departs 0. Words
    must be equal once folded: "suspend" for "suspension" is another wording.

    >>> word_departure(content_words("we will continue to defend our people"), content_words("we will continue to defend our people in gaza in other ways"))
    0.0
    >>> round(word_departure(content_words("we will continue to protect the people of gaza through other means"),
    ...                      content_words("we will continue to defend our people in gaza in other ways")), 2)
    0.4
    """
    shorter = min(len(a), len(b))
    if not shorter:
        return 0.0
    return 1 - LCSseq.similarity(a, b) / shorter


def negation_flipped(a: str, b: str) -> bool:
    """Whether one version adds or drops a negation inside the stretch the two share.

    A trim that stops before a "not" is no flip; "we will attack" for "we will
    not attack" is.

    >>> negation_flipped("we will attack them again", "we will not attack them again")
    True
    >>> negation_flipped("we will continue", "we will continue but we will not attack")
    False
    """
    words_a, words_b = a.split(), b.split()
    if NEGATIONS.isdisjoint(words_a + words_b):
        return False
    opcodes = SequenceMatcher(None, words_a, words_b, autojunk=False).get_opcodes()
    equal = [k for k, (tag, *_) in enumerate(opcodes) if tag == "equal"]
    if not equal:
        return False
    for tag, a_start, a_end, b_start, b_end in opcodes[equal[0]:equal[-1]]:
        changed = set(words_a[a_start:a_end]) ^ set(words_b[b_start:b_end]) if tag != "equal" else set()
        if changed & NEGATIONS:
            return True
    return False


def cluster_quotes(
    quotes: Sequence[Quote],
    articles: Mapping[str, Article],
    speaker_of: Mapping[str, str] | None = None,
) -> list[Cluster]:
    """One :class:`Cluster` per statement that ``quotes`` carry in two or more versions; ``quotes`` stay as they are.

    ``articles`` (by doc) give the publication dates and the headline lines
    that decide each cluster's first version. ``speaker_of`` (quote ID to
    speaker ID, as :func:`quotes.speakers.resolve_speakers` gives it) decides
    whose block a quote is in, and a quote it leaves out is not clustered;
    without it, quotes are blocked by their speaker's normalized name (if
    that names a source, see :func:`~quotes.names.names_a_source`).
    """
    graph = statement_graph(quotes, speaker_of)
    return group_statements(graph.versions, graph.pairs(), articles, headlines_by_doc(articles.values()),
                            resolved=speaker_of is not None)


@dataclass
class StatementGraph:
    """The versions clustering compares and the pairs it joins, with what decided which pairs exist: kept
    between builds so a build updates them instead of comparing every block again (:mod:`quotes.statement_graph`)."""

    versions: list[_Version]
    verified: set[tuple[float, int, int]]  # (similarity, index, index): pairs statement_similarity accepts
    repeated: set[tuple[str, int, int]]  # (block, its own first copy, another copy): exact repeats in a block
    spokespersons: set[tuple[str, str]]  # (block, organization's block): whose quotes join an organization's block

    def pairs(self) -> set[tuple[float, int, int]]:
        return self.verified | {(1.0, min(i, j), max(i, j)) for _, i, j in self.repeated}


def statement_graph(quotes: Sequence[Quote], speaker_of: Mapping[str, str] | None) -> StatementGraph:
    """Every pair of ``quotes`` that may be one statement, block by block (steps 1 to 3 of the module's docstring)."""
    versions = _versions(quotes, speaker_of)
    blocks, spokespersons = _blocks(versions)
    verified: set[tuple[float, int, int]] = set()
    repeated: set[tuple[str, int, int]] = set()
    for speaker, block in blocks.items():
        repeated |= {(speaker, first.index, other.index) for first, other in _identical_pairs(speaker, block)}
        verified |= _verified_pairs(speaker, block)
    return StatementGraph(versions, verified, repeated, spokespersons)


def group_statements(
    versions: list[_Version], pairs: Iterable[tuple[float, int, int]], articles: Mapping[str, Article],
    headlines: Mapping[str, list[tuple[int, int]]], resolved: bool,
) -> list[Cluster]:
    """The clusters of ``versions`` (in document order, each ``index`` its position) joined by ``pairs``,
    best first. The versions of a part of the collection that no pair leaves give what they give in the whole.

    ``articles`` and their ``headlines`` (the spans of :func:`~quotes.names.headline_spans`), by doc,
    decide each cluster's first version. ``resolved``: the blocks are speaker IDs, each cluster's ``speaker_id``.
    """
    groups = _StatementGroups(versions)
    for _, i, j in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        groups.union(i, j)
    return [_cluster(members, articles, headlines, resolved) for members in groups.components() if len(members) > 1]


def _block_key(quote: Quote, speaker_of: Mapping[str, str] | None) -> str | None:
    """Whose block a quote is in: its resolved speaker, or without resolution its speaker's normalized name."""
    if speaker_of is not None:
        return speaker_of.get(quote.quote_id or "")
    if quote.speaker and name_key(quote.speaker) and names_a_source(quote.speaker):
        return f"name:{name_key(quote.speaker)}"
    return None


def _versions(quotes: Sequence[Quote], speaker_of: Mapping[str, str] | None) -> list[_Version]:
    """The quotes that can be clustered, in document order, so the input order changes nothing."""
    versions = []
    for quote in sorted(quotes, key=document_order):
        version = version_of(quote, _block_key(quote, speaker_of), len(versions))
        if version:
            versions.append(version)
    return versions


def document_order(quote: Quote) -> tuple[str, int, int, str]:
    """The order versions are numbered in, which breaks every tie of clustering."""
    return (quote.doc or "", quote.start, quote.end, quote.quote_id or "")


def version_of(quote: Quote, block: str | None, index: int) -> _Version | None:
    """``quote`` prepared for comparison as version number ``index`` of ``block``; None if it cannot be clustered."""
    words = statement_words(quote.text)
    if not (block and words and quote.quote_id):
        return None
    stems = content_stems(words)
    return _Version(index, quote, words, stems, content_words(words), block, quote.speaker_type != ORGANIZATION,
                    (len(stems), len(words)))


def is_comparable(version: _Version) -> bool:
    """Whether a version is compared with others beyond exact repeats: a quote with content words, not a term."""
    return version.quote.kind != "term" and bool(version.stems)


def organization_key(quote: Quote) -> str | None:
    """The key an organization's block is found by in roles, for a quote whose speaker is an organization."""
    return transliteration_key(quote.speaker or "", ORGANIZATION) if quote.speaker_type == ORGANIZATION else None


def spoken_for(block: str, roles: Iterable[str], organizations: Mapping[str, str]) -> set[str]:
    """The organizations' blocks that the roles of a block's people name (``organizations``: block by key)."""
    named = {key for role in roles for key in affiliations(role, organizations)}
    return {organizations[key] for key in named if key in organizations} - {block}


def _blocks(versions: list[_Version]) -> tuple[dict[str, list[_Version]], set[tuple[str, str]]]:
    """Versions by speaker; an organization's block also holds the people whose roles name it.

    Returns the blocks, and each (person's block, organization's block) joined so.
    """
    blocks: dict[str, list[_Version]] = defaultdict(list)
    for version in versions:
        blocks[version.block].append(version)
    organizations = {}
    for version in versions:
        key = organization_key(version.quote)
        if key is not None:
            organizations[key] = version.block
    roles = defaultdict(set)
    for version in versions:
        if version.is_person and version.quote.role:
            roles[version.block].add(version.quote.role)
    spokespersons = set()
    for person, person_roles in roles.items():
        for organization in spoken_for(person, person_roles, organizations):
            blocks[organization] += blocks[person]
            spokespersons.add((person, organization))
    return blocks, spokespersons


def _pair(score: float, a: _Version, b: _Version) -> tuple[float, int, int]:
    return (score, min(a.index, b.index), max(a.index, b.index))


def _identical_pairs(speaker: str, block: list[_Version]) -> Iterator[tuple[_Version, _Version]]:
    """Exact repeats, terms included, are one statement: each joins the speaker's own first copy."""
    by_words = defaultdict(list)
    for version in block:
        by_words[version.words].append(version)
    for same in by_words.values():
        own = [v for v in same if v.block == speaker]
        yield from ((own[0], other) for other in same if own and other is not own[0])


def _verified_pairs(speaker: str, block: list[_Version]) -> set[tuple[float, int, int]]:
    """Candidate pairs of a block that are one statement, with their similarity.

    A pair needs one quote of the block's own speaker: two people speaking for
    one organization are not compared with each other.
    """
    comparable = [v for v in block if is_comparable(v)]
    verified = set()
    for a, b in _candidate_pairs(comparable):
        if speaker in (a.block, b.block):
            score = statement_similarity(a, b)
            if score > 0:
                verified.add(_pair(score, a, b))
    return verified


def _candidate_pairs(versions: list[_Version]) -> Iterator[tuple[_Version, _Version]]:
    """Every pair whose shorter quote (fewer content stems) shares at least half its stems with the other.

    Only these can be one statement (see :func:`statement_similarity`); the
    prefix filter of the module's docstring finds them all, each once.

    >>> alike = [_Version(i, Quote(start=0, end=1, text=t), t, content_stems(t), (), "s", True, (0, 0))
    ...          for i, t in enumerate(["we suspend all military operations", "we suspend military action now",
    ...                                 "the weather is fine today"])]
    >>> [(a.index, b.index) for a, b in _candidate_pairs(alike)]
    [(0, 1)]
    """
    frequency = Counter(stem for version in versions for stem in version.stems)
    postings: dict[str, list[int]] = defaultdict(list)
    for position, version in enumerate(versions):
        for stem in version.stems:
            postings[stem].append(position)
    for position, version in enumerate(versions):
        stems = sorted(version.stems, key=lambda stem: (frequency[stem], stem))
        shared_needed = math.ceil(TRIM_MIN_OVERLAP * len(stems))
        met: Counter[int] = Counter()
        for stem in stems[:len(stems) - shared_needed + 1]:
            met.update(postings[stem])
        for other in sorted(met):
            candidate = versions[other]
            smaller = len(version.stems) < len(candidate.stems) or (
                len(version.stems) == len(candidate.stems) and position < other)
            if smaller and len(version.stems & candidate.stems) >= shared_needed:
                yield version, candidate


class _StatementGroups(DisjointSets):
    """Union-find over versions that keeps one person per group and checks the longest versions agree."""

    def __init__(self, versions: list[_Version]):
        super().__init__(len(versions))
        self.versions = versions
        self.persons = [{v.block} if v.is_person else set() for v in versions]
        self.longest = list(range(len(versions)))

    def union(self, i: int, j: int) -> bool:
        a, b = self.roots(i, j)
        if a == b or len(self.persons[a] | self.persons[b]) > 1:
            return False
        longest_a, longest_b = self.versions[self.longest[a]], self.versions[self.longest[b]]
        if {i, j} != {longest_a.index, longest_b.index} and not statement_similarity(longest_a, longest_b):
            return False
        self.link(a, b)
        self.persons[a] |= self.persons[b]
        self.longest[a] = max(longest_a, longest_b, key=lambda v: (v.size, -v.index)).index
        return True

    def components(self) -> list[list[_Version]]:
        return [[self.versions[i] for i in group] for group in self.groups()]


def _publication_order(articles: Mapping[str, Article]):
    """Sort key: earliest publication first (undated last), then outlet, doc and position."""

    def key(version: _Version) -> tuple:
        article = articles.get(version.quote.doc or "")
        published = article.published if article and article.published else None
        outlet = article.outlet if article and article.outlet else ""
        return (published is None, published or "", outlet, version.quote.doc or "", version.quote.start)

    return key


def _departure(version: _Version, others: list[_Version]) -> float:
    """How far a version's wording departs: its :func:`word_departure` from its closest other version.

    Only another article's versions vouch for a wording (an outlet's repeat of
    its own version does not), unless no other article carries the
    statement. Only a version at least as long can show which of a version's
    words were changed: a shorter one is a trim of it and says nothing of the
    rest. So a trim departs 0, a rewording by the share of its words changed,
    and the longest version by how much of the shorter ones it lacks (0 when
    they are all trims of it).
    """
    candidates = [o for o in others if o.quote.doc != version.quote.doc] or others
    covering = [o for o in candidates if len(o.content) >= len(version.content)] or candidates
    return round(min(word_departure(version.content, o.content) for o in covering), 3)


def _cluster_speaker(members: list[_Version]) -> str:
    """Whose statement a cluster is: the organization its people speak for, else its one person.

    ``members`` come in publication order; among several organizations, the
    one with most versions wins, then the one carried first.
    """
    organizations = [v.block for v in members if not v.is_person]
    candidates = organizations or [v.block for v in members]
    counts = Counter(candidates)
    return max(counts, key=lambda block: (counts[block], -candidates.index(block)))


def _cluster(
    members: list[_Version],
    articles: Mapping[str, Article],
    headlines: Mapping[str, list[tuple[int, int]]],
    resolved: bool,
) -> Cluster:
    """A cluster record, first version first, then the others in publication order.

    The first version is the speaker's earliest quote in an article's body, a
    full one before a partial one (see the module's docstring). A member's
    ``departure`` is :func:`_departure`; it is ``flagged`` when that reaches
    ``FLAG_DEPARTURE`` or when it adds or drops a negation against most of
    the other versions.
    ``resolved``: the blocks are speaker IDs, the cluster's ``speaker_id``.
    """
    members = sorted(members, key=_publication_order(articles))
    speaker = _cluster_speaker(members)

    def first_choice(version: _Version) -> tuple[bool, bool, int]:
        in_headline = within(headlines.get(version.quote.doc or "", []), version.quote.start)
        return (in_headline, version.block != speaker, KIND_ORDER.get(version.quote.kind, len(KIND_ORDER)))

    first = min(members, key=first_choice)  # min keeps the earliest published of the best
    members = [first] + [v for v in members if v is not first]
    cluster_id = "c-" + hashlib.sha256(first.quote.quote_id.encode("utf-8")).hexdigest()[:12]
    records = []
    for version in members:
        others = [o for o in members if o is not version]
        departure = _departure(version, others)
        flips = sum(negation_flipped(version.words, o.words) for o in others)
        flagged = departure >= FLAG_DEPARTURE or 2 * flips > len(others)
        records.append(ClusterMember(version.quote.quote_id, departure, flagged))
    return Cluster(id=cluster_id, speaker_id=speaker if resolved else None, first_quote_id=first.quote.quote_id,
                   members=records)
