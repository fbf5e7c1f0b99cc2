"""Speakers and statements across the collection, brought up to date with what a build changed.

After a build saves its articles, the speakers (:mod:`quotes.speakers`) and
the statement clusters (:mod:`quotes.clusters`) are resolved again. Over the
whole database that costs what the database holds; :func:`resolving` costs
what the build changed, and gives exactly what resolving everything gives.

**Speakers.** Every rule of speaker resolution compares names that share a
key: the same name, transliteration, surname, given name; an organization
and the roles that name it (see :data:`quotes.speakers.MEETS`). So names that
never meet through keys, directly or through other names, are resolved
independently, and the names a build touches, with every name they reach
through keys, form a *neighbourhood* whose quotes can be resolved alone.
Each article's speaker names are stored with their keys (``name_keys``) and
the words of their roles (``name_roles``), written when the article is saved.

What a build touches:

- the names of the articles it saved or removed, with the keys they had and have;
- when an organization's key enters the collection (its first name) or leaves
  it (its last), the names whose roles spell that key;
- when the curation file changed, the names of its changed entries.

Their neighbourhood's quotes are resolved again, and its speakers replace the
ones those quotes had. A much quoted name reaches many others (a surname, a
given name shared with other people), so this is what a build of an article
quoting a politician of every copy still costs: see ``bench/README.md``.

**Statements.** Clustering keeps its graph between builds
(:mod:`quotes.statement_graph`): the build hands it the quotes of its articles
and the quotes resolution gave another speaker; only their pairs are verified
again, and only the clusters their pairs reach are made again.

The rest of the database is left as it is. The search index journal gets the
quotes whose documents changed (another speaker or cluster, or a speaker whose
name or spellings changed), found without reading every row.

**A safety net.** Before anything is saved, the result is checked: a
replaced speaker or cluster that holds a quote outside what was resolved
again, or a new ID already taken outside it, would mean the keys missed a
contact. The resolution is then made over the whole database, and the build
says so; likewise when the statement graph cannot follow a change alone.

A full resolution resolves everything and writes every name's keys and the
statement graph. A build makes one when asked (``quotes build --full``), and
when the code that resolves (:data:`RESOLVER_MODULES`) is not the code that
wrote the stored keys: after an upgrade, every speaker is resolved by the new
rules. ``tests/test_resolution.py`` builds collections in increments and
compares them with one build of everything, row by row, the statement graph
included.
"""
from __future__ import annotations

import hashlib
import importlib
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .aliases import Aliases
from .clusters import group_statements, statement_graph
from .model import IndexRow, Quote
from .names import headlines_by_doc, name_key
from .speakers import (
    AFFILIATION_KEY,
    NAME_KEY,
    ORGANIZATION_KEY,
    curation_keys,
    keys_met,
    name_keys,
    organization_keys,
    organizations_from,
    resolve_speakers,
    role_words,
)
from .statement_graph import recluster, save_graph
from .store import ResolutionScope, Store

#: The modules whose code decides speakers, clusters and keys (see resolver_version).
RESOLVER_MODULES = ("quotes.resolution", "quotes.speakers", "quotes.clusters", "quotes.statement_graph",
                    "quotes.names", "quotes.lexicon", "quotes.unionfind")
KEYS_STATE = "resolver version"
ALIASES_STATE = "curation file"

Name = tuple[str, str]  # (doc, name as written)


@dataclass
class Resolution:
    """What :func:`resolving` did: ``full`` when everything was resolved, and why."""

    full: bool = False
    reason: str = ""
    names: int = 0  # the speaker names resolved again
    quotes: int = 0  # and their quotes
    clustered: int = 0  # the quotes whose statements were clustered again


@contextmanager
def resolving(store: Store, aliases: Aliases | None, docs: Iterable[str], *, full: bool = False) -> Iterator[Resolution]:
    """Around changes to the stored articles ``docs``: afterwards, resolve what they touch (everything when
    ``full``, or when the database has no keys yet), and note in the index journal the quotes whose search
    documents changed. Runs inside the build's transaction."""
    aliases = aliases or Aliases()
    result = Resolution()
    made_by = store.resolution_state(KEYS_STATE)
    if full or made_by != resolver_version():
        result.full = True
        result.reason = ("asked for" if full else "a new database, or one made before name keys" if made_by is None
                         else "the resolving code changed since the last build")
        before = _index_rows(store, None)
        yield result
        _resolve_everything(store, aliases)
        store.queue_index_updates(_changed(before, _index_rows(store, None)))
        return
    touched = _Touched.read(store, set(docs))
    yield result
    missed = _resolve_touched(store, aliases, touched, result)
    if missed:
        result.full, result.reason = True, missed
        _resolve_everything(store, aliases)
        store.queue_index_updates({row.quote_id for row in store.index_rows()} | touched.rows.keys())


@lru_cache(maxsize=1)
def resolver_version() -> str:
    """A hash of the source of :data:`RESOLVER_MODULES`: stored keys and speakers made by other code are made again."""
    digest = hashlib.sha256()
    for name in RESOLVER_MODULES:
        digest.update(Path(importlib.import_module(name).__file__).read_bytes())
    return digest.hexdigest()[:16]


def _resolve_everything(store: Store, aliases: Aliases) -> None:
    """Resolve speakers and cluster statements over every quote in the database, and write every name's keys."""
    quotes = store.quotes()
    articles = {a.doc: a for a in store.articles()}
    # Found again from the texts: the headlines the articles were saved with may be another code's.
    headlines = headlines_by_doc(articles.values())
    store.save_headlines(headlines)
    resolution = resolve_speakers(quotes, aliases, headlines)
    store.save_speakers(resolution)
    graph = statement_graph(quotes, resolution.speaker_of)
    store.save_clusters(group_statements(graph.versions, graph.pairs(), articles, headlines, resolved=True))
    save_graph(store, graph)
    by_doc: dict[str, list[Quote]] = defaultdict(list)
    for quote in quotes:
        by_doc[quote.doc].append(quote)
    store.clear_name_keys()
    _save_keys(store, by_doc, _organization_keys_of(by_doc))
    store.set_resolution_state(KEYS_STATE, resolver_version())
    store.set_resolution_state(ALIASES_STATE, _aliases_state(aliases))


@dataclass
class _Touched:
    """What the stored articles ``docs`` held before a build changed them."""

    docs: set[str]
    keys: dict[Name, set[str]]  # their names' keys
    links: dict[str, tuple[str | None, str | None]]  # their quotes' speaker and cluster, by quote ID
    rows: dict[str, IndexRow]  # their quotes' search documents
    outlets: dict[str, str]  # outlet names, by ID
    aliases: str | None = None

    @classmethod
    def read(cls, store: Store, docs: set[str]) -> _Touched:
        quotes = store.quotes_of_docs(docs)
        return cls(
            docs=docs,
            keys=store.name_keys_of(docs),
            links={q.quote_id: (q.speaker_id, q.cluster_id) for q in quotes},
            rows=_index_rows(store, [q.quote_id for q in quotes]),
            outlets=store.outlet_names(),
            aliases=store.resolution_state(ALIASES_STATE),
        )


def _resolve_touched(store: Store, aliases: Aliases, touched: _Touched, result: Resolution) -> str | None:
    """Resolve the speakers of the neighbourhood of what ``touched`` names, then update the statement graph by
    the quotes whose article or speaker changed (:mod:`quotes.statement_graph`); save both, or say why
    everything must be resolved."""
    recomputed, organizations = _update_keys(store, touched)
    seeds = dict(touched.keys)
    for name, keys in store.name_keys_of(recomputed).items():
        seeds[name] = seeds.get(name, set()) | keys
    seed_keys = {key for keys in seeds.values() for key in keys} | _curation_changes(touched.aliases, aliases)
    names = _neighbourhood(store, seed_keys, aliases)
    own = store.quotes_of_docs(touched.docs)
    mentions = store.speaker_mentions_of_names(name for name in names if name[0] not in touched.docs)
    quotes = own + mentions
    resolution = resolve_speakers(quotes, aliases, store.headlines_of({q.doc for q in quotes}), organizations)
    quote_ids = {q.quote_id for q in quotes}
    links_before = {q.quote_id: (q.speaker_id, q.cluster_id) for q in quotes}  # as just read: nothing was written since
    old_speakers = {s for s, _ in [*links_before.values(), *touched.links.values()] if s}
    # The speakers the changed articles' quotes had and have as saved: their counts can change without a relink.
    requoted = {s for s, _ in touched.links.values() if s} | {q.speaker_id for q in own if q.speaker_id}
    links = {m.quote_id: (m.speaker_id, m.speaker_spelling, m.speaker_role) for m in mentions}  # as just read
    speaker_scope = ResolutionScope(quote_ids, old_speakers, set(), requoted, links)
    missed = _missed_contact(store, speaker_scope, {s.id for s in resolution.speakers}, set())
    if missed:
        return missed
    spellings_before = store.speaker_spellings_of(old_speakers)
    store.save_speakers(resolution, speaker_scope)

    # save_speakers linked each of quote_ids to the speaker resolution gave it.
    moved = {quote_id for quote_id in quote_ids if links_before[quote_id][0] != resolution.speaker_of.get(quote_id)}
    own_ids = {q.quote_id for q in own}
    reclustered = recluster(store, touched.links.keys() | own_ids | moved, {c for _, c in touched.links.values() if c})
    if isinstance(reclustered, str):
        return reclustered
    missed = _missed_contact(store, reclustered.scope, set(), {c.id for c in reclustered.clusters})
    if missed:
        return missed
    links_before = {**store.links_of(reclustered.scope.quote_ids - quote_ids), **links_before}
    store.save_clusters(reclustered.clusters, reclustered.scope)
    # What the two saves linked each quote to: its new speaker if resolved again, its new cluster if clustered again.
    cluster_of = {member.quote_id: cluster.id for cluster in reclustered.clusters for member in cluster.members}
    links_after = {quote_id: (resolution.speaker_of.get(quote_id) if quote_id in quote_ids else speaker,
                              cluster_of.get(quote_id) if quote_id in reclustered.scope.quote_ids else cluster)
                   for quote_id, (speaker, cluster) in links_before.items()}
    store.set_resolution_state(ALIASES_STATE, _aliases_state(aliases))
    result.names, result.quotes, result.clustered = len(names), len(quotes), len(reclustered.scope.quote_ids)
    renamed = {o for o, name in store.outlet_names().items() if touched.outlets.get(o, name) != name}
    store.queue_index_updates(_changed(touched.rows, _index_rows(store, touched.rows.keys() | own_ids))
                              | _relinked(store, links_before, links_after, spellings_before)
                              | store.quote_ids_of_outlets(renamed))
    return None


def _relinked(store: Store, links_before: dict[str, tuple[str | None, str | None]],
              links_after: dict[str, tuple[str | None, str | None]],
              spellings_before: dict[str, tuple[str, frozenset[str]]]) -> set[str]:
    """The quotes whose search documents resolution changed (see :class:`~quotes.model.IndexRow`): those given
    another speaker or cluster, and those of a speaker whose name or spellings changed."""
    relinked = {quote_id for quote_id, links in links_after.items() if links_before[quote_id] != links}
    speakers = spellings_before.keys() | {speaker for speaker, _ in links_after.values() if speaker}
    spellings_after = store.speaker_spellings_of(speakers)
    respelled = {s for s in speakers if spellings_before.get(s) != spellings_after.get(s)}
    return relinked | store.quotes_linked_to(respelled, ())


def _update_keys(store: Store, touched: _Touched) -> tuple[set[str], dict[str, str]]:
    """Write the keys of the touched articles' names, and of the names whose roles gain or lose an organization.

    Returns the docs whose keys were written again, and every organization the collection's names hold, by
    key, as :func:`~quotes.speakers.organization_names` gives them.
    """
    quotes = store.quotes_of_docs(touched.docs)
    by_doc: dict[str, list[Quote]] = defaultdict(list)
    for quote in quotes:
        by_doc[quote.doc].append(quote)
    store.drop_name_keys(touched.docs)
    # The other articles' organizations are stored; the touched articles' were in their keys and are in their quotes.
    stored = _stored_organizations(store)
    before = {key for key, _ in stored} | {key[len(ORGANIZATION_KEY):] for keys in touched.keys.values()
                                           for key in keys if key.startswith(ORGANIZATION_KEY)}
    named = organizations_from([*stored, *_organizations_named_by(by_doc)])
    came, went = set(named) - before, before - set(named)
    spelled = {doc for key in came for doc, _ in store.names_whose_roles_spell(key)}
    holding = {doc for doc, _ in store.names_holding(AFFILIATION_KEY + key for key in went)}
    others = (spelled | holding) - touched.docs
    touched.keys.update(store.name_keys_of(others))
    for quote in store.quotes_of_docs(others):
        by_doc[quote.doc].append(quote)
    store.drop_name_keys(others)
    _save_keys(store, by_doc, set(named))
    return touched.docs | others, named


def _save_keys(store: Store, by_doc: dict[str, list[Quote]], organizations: set[str]) -> None:
    """Write the keys and role words of the names of each article in ``by_doc``; ``organizations`` are the
    collection's organization keys, which a role names when its words spell one."""
    known = {key: key for key in organizations}
    names = {}
    for doc, quotes in by_doc.items():
        keys = name_keys(quotes, known)
        names[doc] = (keys, {written: role_words(quotes, written) for written in keys})
    store.save_name_keys(names)


def _organization_keys_of(by_doc: dict[str, list[Quote]]) -> set[str]:
    """The organization keys the names of the articles in ``by_doc`` hold as organizations."""
    return {key for key, _ in _organizations_named_by(by_doc)}


def _organizations_named_by(by_doc: dict[str, list[Quote]]) -> list[tuple[str, str]]:
    """(organization key, name as written) of every name of the articles in ``by_doc`` held as an organization."""
    return [(key, written) for quotes in by_doc.values()
            for written, keys in organization_keys(quotes).items() for key in keys]


def _stored_organizations(store: Store) -> list[tuple[str, str]]:
    """(organization key, name as written) of every stored name held as an organization."""
    return [(key[len(ORGANIZATION_KEY):], name) for _, name, key in store.names_with_key_prefix(ORGANIZATION_KEY)]


def _neighbourhood(store: Store, keys: set[str], aliases: Aliases) -> set[Name]:
    """Every name reached from ``keys``: the names holding a key they meet, then the keys of those names, and so on.

    A name of one of the curation file's merges reaches the other names of that merge.
    """
    forced: dict[str, set[str]] = defaultdict(set)
    for merged in curation_keys(aliases):
        for key in merged:
            forced[key] |= merged
    names: set[Name] = set()
    expanded: set[str] = set()
    asked: set[str] = set()
    frontier = set(keys)
    while frontier:
        expanded |= frontier
        met = {m for key in frontier for m in [*keys_met(key), *forced.get(key, ())]} - asked
        asked |= met
        found = store.names_holding(met) - names
        names |= found
        held = store.keys_of_names(found)
        frontier = {key for name in found for key in held.get(name, ())} - expanded
    return names


def _curation_changes(before: str | None, aliases: Aliases) -> set[str]:
    """The keys of the names in entries of the curation file that were added or removed since the last resolution."""
    old = json.loads(before) if before else {"merge": [], "split": []}
    new = json.loads(_aliases_state(aliases))
    changed_merges = {tuple(m) for m in old["merge"]} ^ {tuple(m) for m in new["merge"]}
    changed_splits = {tuple(s) for s in old["split"]} ^ {tuple(s) for s in new["split"]}
    keys = {key for merged in curation_keys(Aliases(merge=[list(m) for m in changed_merges])) for key in merged}
    return keys | {NAME_KEY + name_key(name) for pair in changed_splits for name in pair}


def _aliases_state(aliases: Aliases) -> str:
    return json.dumps({"merge": aliases.merge, "split": [list(pair) for pair in aliases.split]}, sort_keys=True)


def _missed_contact(store: Store, scope: ResolutionScope, speaker_ids: set[str], cluster_ids: set[str]) -> str | None:
    """Why the neighbourhood's result cannot be saved alone, or None: see the module's safety net."""
    outside = store.quotes_linked_to(scope.speaker_ids, scope.cluster_ids) - scope.quote_ids
    if outside:
        return f"{len(outside)} quotes outside the names a build touched share their speakers or statements"
    taken = store.taken_ids(speaker_ids - scope.speaker_ids, cluster_ids - scope.cluster_ids)
    if taken:
        return f"{len(taken)} new speaker or statement IDs were taken outside the names a build touched"
    return None


def _index_rows(store: Store, quote_ids: Iterable[str] | None) -> dict[str, IndexRow]:
    return {row.quote_id: row for row in store.index_rows(quote_ids)}


def _changed(before: dict[str, IndexRow], after: dict[str, IndexRow]) -> set[str]:
    return {qid for qid in before.keys() | after.keys() if before.get(qid) != after.get(qid)}
