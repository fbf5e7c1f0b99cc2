"""Which article key holds which text: the plan a build applies to the stored articles.

An article key (``Article.doc``) names one input, and the text stored for it
must always be its file's latest text. One text is stored once: when several
keys carry the same text, one of them (the holder) stores it with its quotes
and the others are aliases of it, each keeping its own source facts. A key
whose file is gone while its text turns up under another key of the same run
was renamed: it is moved (its quote IDs lead to the new key's), not doubled.

:func:`plan_articles` decides from hashes and keys alone, comparing what the
store holds with what this run read; the build then extracts the texts no key
holds yet and applies the plan in one transaction. Every decision is made
against the store as it was before the run, so the order in which the plan is
applied does not matter (two files that swap texts swap their stored texts).
"""
from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

from .model import Article
from .store import StoredKey, article_facts


@dataclass(frozen=True)
class SaveText:
    """Store the key ``doc`` as the holder of a text.

    ``article`` is the input read this run, or ``None`` for a stored alias
    that takes over the text it carries (its article's file now says
    something else). The quotes are those of the stored article ``source``
    when one holds the same text (re-keyed), else extracted from the text.
    """

    doc: str
    article: Article | None
    source: str | None


@dataclass(frozen=True)
class SaveAlias:
    """Make the key ``doc`` an alias of the holder ``of``; ``article`` is ``None`` to keep its stored facts."""

    doc: str
    of: str
    article: Article | None


@dataclass(frozen=True)
class Forget:
    """Remove the key ``doc``: its file is gone and its text is now held by ``moved_to``."""

    doc: str
    moved_to: str


@dataclass
class ArticlePlan:
    """What a build changes in the stored articles, and how many inputs each outcome had."""

    saves: list[SaveText] = field(default_factory=list)
    aliases: list[SaveAlias] = field(default_factory=list)
    forgotten: list[Forget] = field(default_factory=list)
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    moved: int = 0  # inputs that are a stored article's file under a new name

    @property
    def touched_docs(self) -> set[str]:
        """The keys whose stored article or quotes the plan changes: saved, made aliases, forgotten or moved to."""
        return ({save.doc for save in self.saves} | {alias.doc for alias in self.aliases}
                | {forget.doc for forget in self.forgotten} | {forget.moved_to for forget in self.forgotten})

    @property
    def to_extract(self) -> list[Article]:
        """The inputs whose text no stored article holds: the ones spaCy must read."""
        return [save.article for save in self.saves if save.source is None and save.article is not None]


def plan_articles(
    inputs: Sequence[Article], stored: Mapping[str, StoredKey], gone: Collection[str] = ()
) -> ArticlePlan:
    """The changes that make the store hold the latest text of every key in ``inputs``.

    ``stored`` is :meth:`~quotes.store.Store.stored_keys`; ``gone`` are stored
    keys whose file was deleted or renamed (see :func:`quotes.build.gone_keys`).
    Keys not read this run keep their text, unless they are gone and their
    text turns up under another key (moved).
    """
    latest = {article.doc: article for article in inputs}
    text_of = {doc: key.sha256 for doc, key in stored.items()}
    text_of.update({doc: article.sha256 for doc, article in latest.items()})
    read_texts = {article.sha256 for article in latest.values()}
    moved = sorted(doc for doc in gone if doc not in latest and text_of.get(doc) in read_texts)
    moved_texts = {text_of.pop(doc) for doc in moved}
    keys_with: dict[str, list[str]] = {}
    for doc in sorted(text_of):
        keys_with.setdefault(text_of[doc], []).append(doc)
    stored_holders: dict[str, list[str]] = {}
    for doc in sorted(stored):
        if not stored[doc].is_alias:
            stored_holders.setdefault(stored[doc].sha256, []).append(doc)

    plan = ArticlePlan()
    holder_of: dict[str, str] = {}
    for sha, docs in keys_with.items():
        holding = [doc for doc in docs if doc in stored_holders.get(sha, ())]
        # The key already holding the text keeps it (its quote IDs stay); else a key read this run takes it.
        holder = holding[0] if holding else min(docs, key=lambda doc: (doc not in latest, doc))
        source = holder if holding else next(iter(stored_holders.get(sha, ())), None)
        if source is None and holder not in latest:
            continue  # an alias whose text no article holds: a damaged store, left for `quotes check`
        holder_of[sha] = holder
        if not holding or _facts_changed(latest.get(holder), stored.get(holder)):
            plan.saves.append(SaveText(holder, latest.get(holder), source))
        for doc in docs:
            if doc != holder and not _is_alias_of(stored.get(doc), holder, latest.get(doc)):
                plan.aliases.append(SaveAlias(doc, holder, latest.get(doc)))
    plan.forgotten = [Forget(doc, holder_of[stored[doc].sha256]) for doc in moved]
    for doc, article in latest.items():
        key = stored.get(doc)
        if key is None and article.sha256 in moved_texts:
            moved_texts.discard(article.sha256)  # the renamed file, counted once
            plan.moved += 1
        elif key is None:
            plan.added += 1
        elif key.sha256 == article.sha256 and not _facts_changed(article, key):
            plan.unchanged += 1
        else:
            plan.replaced += 1
    return plan


def _facts_changed(article: Article | None, key: StoredKey | None) -> bool:
    """Whether an input read this run says something else of its source than the store does."""
    return article is not None and key is not None and article_facts(article) != key.facts


def _is_alias_of(key: StoredKey | None, holder: str, article: Article | None) -> bool:
    """Whether the stored key already is the alias of ``holder`` that this run's input asks for."""
    if key is None or key.article_id != holder or not key.is_alias:
        return False
    return article is None or (article.sha256 == key.sha256 and not _facts_changed(article, key))
