"""Statement clusters brought up to date with what a build changed, from the pairs kept between builds.

Clustering (:mod:`quotes.clusters`) finds the pairs of quotes that may be one
statement block by block, then joins them best first. Done again over every
block a build's speakers reach, it costs what those speakers hold (tens of
thousands of quotes for a much quoted politician). So a full resolution keeps
its :class:`~quotes.clusters.StatementGraph` in the database:

- each clusterable quote's version (``statement_versions``): its block (speaker
  ID), place, a hash of its words, its stems, the organization it is and its role;
- the verified pairs (``statement_pairs``), the exact repeats of each block
  (``repeated_statements``), and which blocks speak for which organization's
  (``spokespersons``).

**A build** hands :func:`recluster` the quotes it changed (those of its articles,
old and new, and those resolution gave another speaker), then:

1. writes their versions again;
2. works out again whom the blocks speak for, for the blocks whose versions
   changed and the blocks whose roles name an organization key that changed block;
3. drops the changed quotes' pairs and verifies them again against the versions
   of the blocks they share (found by shared stems, as the prefix filter would,
   without reading the quotes), and likewise the pairs of a block that joined or
   left an organization's; recounts the exact repeats of every block they touch;
4. clusters again the connected components of the pairs that hold a changed
   quote or pair, and the clusters those quotes were in.

**Why it is exact.** Whether two quotes are a pair depends only on the two of
them and on whether they share a block one of them owns (blocks, step 1 of
:mod:`quotes.clusters`); :func:`~quotes.clusters.statement_similarity` is
symmetric. Clustering joins pairs best first, so components sharing no pair
never meet: a component's versions and pairs, numbered in document order,
give alone what they give in the whole (:func:`~quotes.clusters.group_statements`).

**Not kept locally:** when a block both speaks for an organization and is
spoken for, which quotes an organization's block holds depends on the order
the blocks are joined in; :func:`recluster` then says so, and the caller
clusters everything.
"""
from __future__ import annotations

import hashlib
import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from .clusters import (
    TRIM_MIN_OVERLAP,
    StatementGraph,
    _Version,
    document_order,
    group_statements,
    is_comparable,
    organization_key,
    spoken_for,
    statement_similarity,
    version_of,
)
from .model import Cluster, Quote, StatementVersion
from .speakers import AFFILIATION_KEY
from .store import ResolutionScope, Store

Link = tuple[str, str, float]  # (quote ID, quote ID, score)


def save_graph(store: Store, graph: StatementGraph) -> None:
    """Replace the stored statement graph with ``graph`` (a full resolution's)."""
    ids = [version.quote.quote_id for version in graph.versions]
    store.save_statement_graph(
        [stored_version(version) for version in graph.versions],
        [_link(ids[i], ids[j], score) for score, i, j in graph.verified],
        [(block, ids[i], ids[j]) for block, i, j in graph.repeated],
        graph.spokespersons,
    )


def stored_version(version: _Version) -> StatementVersion:
    quote = version.quote
    return StatementVersion(quote.quote_id, version.block, quote.doc or "", quote.start, quote.end,
                            hashlib.sha256(version.words.encode("utf-8")).hexdigest()[:16], version.stems,
                            is_comparable(version), organization_key(quote), version.is_person, quote.role or None)


@dataclass
class Reclustered:
    """What :func:`recluster` found: the clusters of the quotes it clustered again, and what they replace."""

    clusters: list[Cluster]
    scope: ResolutionScope  # the quotes clustered again, and the clusters they were in


def recluster(store: Store, changed: set[str], old_clusters: set[str]) -> Reclustered | str:
    """Update the stored statement graph for the quotes ``changed`` (as the module's docstring says) and cluster
    again what it reaches; ``old_clusters`` are the clusters changed quotes were in before the build (some of
    those quotes may be gone). Returns why everything must be clustered instead, when the change is one the
    graph cannot follow alone."""
    before = store.statement_versions(changed)
    now = {}
    for quote in store.quotes_of_ids(changed):
        version = _compared(quote)
        if version:
            now[quote.quote_id] = stored_version(version)
    organizations_before = store.organization_blocks()
    store.replace_statement_versions(changed, now.values())
    # Only the keys the changed versions held or hold can have another block now.
    held = {v.organization_key for v in [*before.values(), *now.values()] if v.organization_key}
    organizations = ({key: block for key, block in organizations_before.items() if key not in held}
                     | store.organization_blocks(held))
    blocks = _Blocks(store)
    touched = {v.block for v in [*before.values(), *now.values()]}
    joined, left = _update_spokespersons(store, touched, organizations_before, organizations)
    if store.has_chained_spokespersons():
        return "a speaker both speaks for an organization and is spoken for (statement blocks depend on order)"
    seeds = set(changed)
    seeds |= _update_verified_pairs(store, blocks, changed, now.values(), joined, left)
    spoken = store.spokespersons_of(touched)
    repeats_in = touched | {o for organizations in spoken.values() for o in organizations} | {o for _, o in joined | left}
    for block in sorted(repeats_in):
        seeds |= _update_repeats(store, blocks, block)
    component, cluster_ids = _components(store, seeds, old_clusters)
    return Reclustered(_cluster_component(store, component),
                       ResolutionScope(component | changed, set(), cluster_ids, set(), {}))


class _Blocks:
    """The stored versions of blocks, and whose blocks join them, read once per build."""

    def __init__(self, store: Store):
        self.store = store
        self.own: dict[str, list[StatementVersion]] = {}

    def versions(self, blocks: Iterable[str]) -> list[StatementVersion]:
        missing = set(blocks) - self.own.keys()
        for block in missing:
            self.own[block] = []
        for version in self.store.statement_versions_of_blocks(missing):
            self.own[version.block].append(version)
        return [version for block in sorted(set(blocks)) for version in self.own[block]]

    def members(self, block: str) -> list[StatementVersion]:
        """The versions a block holds: its own, and those of the blocks speaking for it."""
        speaking = self.store.spokespersons_for([block]).get(block, set())
        return self.versions({block} | speaking)


def _update_spokespersons(store: Store, touched: set[str], before: dict[str, str],
                          organizations: dict[str, str]) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """Work out again whom the blocks whose versions changed, or whose roles name an organization key that
    changed block, speak for; returns the (block, organization) that joined and that left."""
    moved = {key for key in before.keys() | organizations.keys() if before.get(key) != organizations.get(key)}
    persons = set(touched)
    if moved:
        persons |= store.speakers_of_names(store.names_holding(AFFILIATION_KEY + key for key in moved))
        was = {block for key in moved for block in (before.get(key), organizations.get(key)) if block}
        persons |= {p for speaking in store.spokespersons_for(was).values() for p in speaking}
    old = store.spokespersons_of(persons)
    speaks = {person: spoken_for(person, store.block_roles(person), organizations) for person in persons}
    store.replace_spokespersons(speaks)
    joined = {(p, o) for p, orgs in speaks.items() for o in orgs - old.get(p, set())}
    left = {(p, o) for p, orgs in old.items() for o in orgs - speaks[p]}
    return joined, left


def _update_verified_pairs(store: Store, blocks: _Blocks, changed: set[str], now: Iterable[StatementVersion],
                           joined: set[tuple[str, str]], left: set[tuple[str, str]]) -> set[str]:
    """Drop the pairs of the changed quotes, and between the blocks that left an organization's; verify those of
    the changed quotes and of the blocks that joined one. Returns the quotes of every pair dropped or added."""
    dropped = store.statement_pairs_of(changed)
    for person, organization in left:
        own, theirs = ({v.quote_id for v in blocks.versions([b])} for b in (person, organization))
        dropped |= {(a, b, s) for a, b, s in store.statement_pairs_of(own) if {a, b} & theirs}
    store.delete_statement_pairs(dropped)
    probes: dict[frozenset[str], list[StatementVersion]] = defaultdict(list)
    for version in now:
        if version.comparable:
            block = version.block
            sharing = ({block} | store.spokespersons_for([block]).get(block, set())
                       | store.spokespersons_of([block]).get(block, set()))
            probes[frozenset(sharing)].append(version)
    for person, organization in joined:
        probes[frozenset([organization])] += [v for v in blocks.versions([person]) if v.comparable]
    added = _verify(store, blocks, probes)
    store.add_statement_pairs(added)
    return {quote_id for a, b, _ in dropped | added for quote_id in (a, b)}


def _verify(store: Store, blocks: _Blocks, probes: dict[frozenset[str], list[StatementVersion]]) -> set[Link]:
    """The pairs each probe makes with the versions of its blocks: those sharing at least half the stems of
    the shorter (as :func:`~quotes.clusters._candidate_pairs` finds them) that are one statement."""
    candidates: set[tuple[str, str]] = set()
    for sharing, probing in probes.items():
        versions = [v for v in blocks.versions(sharing) if v.comparable]
        postings: dict[str, list[int]] = defaultdict(list)
        for position, version in enumerate(versions):
            for stem in version.stems:
                postings[stem].append(position)
        for probe in probing:
            met = Counter(position for stem in probe.stems for position in postings.get(stem, ()))
            for position, shared in met.items():
                other = versions[position]
                needed = math.ceil(TRIM_MIN_OVERLAP * min(len(probe.stems), len(other.stems)))
                if other.quote_id != probe.quote_id and shared >= needed:
                    candidates.add(tuple(sorted((probe.quote_id, other.quote_id))))
    quotes = {q.quote_id: q for q in store.quotes_of_ids({i for pair in candidates for i in pair})}
    found = set()
    for a, b in candidates:
        score = statement_similarity(_compared(quotes[a]), _compared(quotes[b]))
        if score > 0:
            found.add((a, b, score))
    return found


def _compared(quote: Quote) -> _Version:
    """A stored quote as clustering compares it (its place in the numbering plays no part in a comparison)."""
    return version_of(quote, quote.speaker_id, 0)


def _update_repeats(store: Store, blocks: _Blocks, block: str) -> set[str]:
    """Recount the exact repeats of ``block``: each wording's copies join the block's own first copy (as
    :func:`~quotes.clusters._identical_pairs`). Returns the quotes of the repeats dropped or added."""
    by_words: dict[str, list[StatementVersion]] = defaultdict(list)
    for version in blocks.members(block):
        by_words[version.words_key].append(version)
    wanted = set()
    for same in by_words.values():
        own = [v for v in same if v.block == block]
        if own:
            first = min(own, key=lambda v: v.order)
            wanted |= {(block, first.quote_id, other.quote_id) for other in same if other is not first}
    stored = store.repeats_of_block(block)
    store.delete_repeats(stored - wanted)
    store.add_repeats(wanted - stored)
    return {quote_id for _, first, other in stored ^ wanted for quote_id in (first, other)}


def _components(store: Store, seeds: set[str], old_clusters: set[str]) -> tuple[set[str], set[str]]:
    """The quotes connected to ``seeds`` by pairs, with every other quote of the clusters they were in;
    and those clusters."""
    component: set[str] = set()
    cluster_ids = set(old_clusters)
    frontier = set(seeds)
    while frontier:
        component |= frontier
        reached = {quote_id for a, b, _ in store.statement_links(frontier) for quote_id in (a, b)}
        found = {cluster for _, cluster in store.links_of(frontier).values() if cluster} - cluster_ids
        cluster_ids |= found
        frontier = (reached | store.quotes_linked_to(set(), found)) - component
    return component, cluster_ids


def _cluster_component(store: Store, component: set[str]) -> list[Cluster]:
    """The clusters of the quotes ``component`` (closed under pairs), numbered in document order as a full
    clustering numbers them."""
    versions: list[_Version] = []
    for quote in sorted(store.quotes_of_ids(component), key=document_order):
        version = version_of(quote, quote.speaker_id, len(versions))
        if version:
            versions.append(version)
    index = {version.quote.quote_id: version.index for version in versions}
    pairs = {(score, *sorted((index[a], index[b]))) for a, b, score in store.statement_links(index)
             if a in index and b in index}
    docs = sorted({version.quote.doc for version in versions})
    articles = {doc: store.article(doc) for doc in docs}
    return group_statements(versions, pairs, articles, store.headlines_of(docs), resolved=True)


def _link(a: str, b: str, score: float) -> Link:
    return (a, b, score) if a < b else (b, a, score)
