"""Records built by hand over the real seed articles, for the store, search, cite, speaker and cluster tests.

The quotes come from the hand-checked gold (tests/data/seeds_gold.jsonl), so
these tests do not depend on the extractor. The seeds carry no metadata, so
each one gets an invented outlet, date and author here.
"""
from __future__ import annotations

import dataclasses
from pathlib import Path

from quotes.model import Article, Cluster, ClusterMember, Merge, Quote, Speaker, SpeakerResolution, identify
from quotes.store import Store, slugify

SEED_SOURCES = {
    "000_63344148f6407275.txt": {"outlet": "Morning Ledger", "published": "2024-01-31", "author": "Ana Ruiz"},
    "001_78b0e5d51db5c65c.txt": {"outlet": "Gulf Wire", "published": "2024-01-31", "author": None},
    "002_5762d34a8715bc61.txt": {"outlet": "Levant Review", "published": "2024-02-02", "author": "Omar Said"},
    "003_b1a854914bfb7f38.txt": {"outlet": "Asia News Agency", "published": "2024-01-30", "author": None},
    "004_8f6ae42a121cec55.txt": {"outlet": "Beirut Bulletin", "published": "2024-01-31", "author": "Toni Mrad"},
}

# Versions of two statements carried by several seeds: (doc, quote start) of each member.
SEED_CLUSTERS = {
    "c-not-seeking-war": [("000_63344148f6407275.txt", 3331), ("002_5762d34a8715bc61.txt", 4359)],
    "c-defend-gaza": [
        ("000_63344148f6407275.txt", 523),
        ("001_78b0e5d51db5c65c.txt", 562),
        ("003_b1a854914bfb7f38.txt", 665),
    ],
}


def seed_article(seeds_dir: Path, doc: str) -> Article:
    """A seed read as ingest reads it (UTF-8, newlines kept), with its invented source."""
    path = seeds_dir / doc
    with path.open(encoding="utf-8", newline="") as f:
        text = f.read()
    title = text.strip().splitlines()[0].strip()
    return Article(doc=doc, text=text, path=str(path), title=title, url=f"https://example.org/{doc}",
                   **SEED_SOURCES[doc])


def quote_from_gold(g: dict, **fields) -> Quote:
    """One gold quote as a Quote record; ``fields`` set or override what the gold doesn't say."""
    record = dict(
        start=g["start"], end=g["end"], text=g["text"],
        speaker=g["speaker_name"], speaker_mention=g["speaker_text"],
        speaker_start=g["speaker_start"], speaker_end=g["speaker_end"],
        cue=g["cue_text"], cue_start=g["cue_start"], cue_end=g["cue_end"],
        role=g["role"], stance=g["stance"], kind=g["kind"],
    )
    return Quote(**{**record, **fields})


def shifted(q: Quote, at: int, shift: int) -> Quote:
    """``q`` with every offset past ``at`` moved by ``shift``, as when text is put in or cut at ``at``."""
    def move(offset: int | None) -> int | None:
        return offset + shift if offset is not None and offset > at else offset

    return dataclasses.replace(
        q, start=move(q.start), end=move(q.end), speaker_start=move(q.speaker_start),
        speaker_end=move(q.speaker_end), cue_start=move(q.cue_start), cue_end=move(q.cue_end),
    )


def gold_quotes(gold: list[dict]) -> list[Quote]:
    """The gold quotes of one seed as Quote records, with the speaker slug as speaker_id."""
    return [quote_from_gold(g, speaker_id=slugify(g["speaker_name"])) for g in gold]


def fill_store(store: Store, seeds_dir: Path, seeds_gold: dict[str, list[dict]]) -> None:
    """Save every seed with its gold quotes."""
    for doc in sorted(SEED_SOURCES):
        store.save_article(seed_article(seeds_dir, doc), gold_quotes(seeds_gold[doc]))


def save_gold_speakers(store: Store, seeds_gold: dict[str, list[dict]]) -> None:
    """Store the gold speakers (see :func:`gold_resolution`)."""
    store.save_speakers(gold_resolution(store, seeds_gold))


def gold_resolution(store: Store, seeds_gold: dict[str, list[dict]]) -> SpeakerResolution:
    """The gold speakers, each stored quote linked to its gold speaker's slug, counted
    under its mention as written when the gold lists it (else the gold name), with the gold role."""
    gold_at = {(doc, g["start"]): g for doc, gold in seeds_gold.items() for g in gold}
    speaker_of, spelling_of, role_of = {}, {}, {}
    for q in store.quotes():
        g = gold_at.get((q.doc, q.start))
        if g is None:
            continue
        speaker_of[q.quote_id] = slugify(g["speaker_name"])
        written = g["speaker_text"]
        spelling_of[q.quote_id] = written if written in g["aliases"] else g["speaker_name"]
        if g["role"]:
            role_of[q.quote_id] = g["role"]
    return SpeakerResolution(gold_speakers(seeds_gold), speaker_of, spelling_of, role_of)


def gold_speakers(seeds_gold: dict[str, list[dict]]) -> list[Speaker]:
    """One Speaker per gold speaker name, with its aliases and the mentions that name it."""
    speakers: dict[str, Speaker] = {}
    for gold in seeds_gold.values():
        for g in gold:
            speaker = speakers.setdefault(
                g["speaker_name"], Speaker(id=slugify(g["speaker_name"]), name=g["speaker_name"])
            )
            for alias in g["aliases"]:
                if alias not in speaker.names:
                    speaker.names.append(alias)
                    speaker.merges.append(Merge(name=alias, reason="gold alias", confidence=1.0))
    return list(speakers.values())


def seed_clusters(store: Store) -> list[Cluster]:
    """The two hand-made clusters, the first member of each being its earliest version."""
    by_position = {(q.doc, q.start): q for q in store.quotes()}
    clusters = []
    for cluster_id, positions in SEED_CLUSTERS.items():
        quotes = [by_position[p] for p in positions]
        members = [
            ClusterMember(quote_id=q.quote_id, departure=0.1 * i, flagged=i == 2)
            for i, q in enumerate(quotes)
        ]
        clusters.append(Cluster(id=cluster_id, speaker_id=slugify(quotes[0].speaker),
                                first_quote_id=quotes[0].quote_id, members=members))
    return clusters


ORGANIZATIONS = {"Kataib Hizbollah", "Washington", "US State Department", "White House", "Iran"}
PRONOUN_OR_NOMINAL = ("he ", "she ", "they ", "it ", "the ", "this ", "a ", "an ")


def in_article_name(gold: dict, text: str) -> str:
    """The speaker as the extractor names it inside its article.

    A proper-name mention is kept as written ("Kirby", "Maj. Gen. Pat Ryder"), so
    cross-article resolution has the surnames and titles to deal with; a pronoun
    or a nominal ("he", "the statement") becomes the gold speaker name, or the
    longest of its aliases, that the article itself writes.
    """
    mention = gold["speaker_text"]
    if not f"{mention.lower()} ".startswith(PRONOUN_OR_NOMINAL):
        return mention
    if gold["speaker_name"] in text:
        return gold["speaker_name"]
    return max((alias for alias in gold["aliases"] if alias in text), key=len)


def seed_corpus(seeds_dir, seeds_gold) -> tuple[dict[str, Article], list[Quote]]:
    """The seed articles and their gold quotes as the extractor would hand them over."""
    articles, quotes = {}, []
    for path in sorted(seeds_dir.glob("*.txt")):
        article = seed_article(seeds_dir, path.name)
        text = articles.setdefault(article.doc, article).text
        found = [
            quote_from_gold(
                g, speaker=in_article_name(g, text),
                speaker_type="organization" if g["speaker_name"] in ORGANIZATIONS else "person",
            )
            for g in seeds_gold.get(path.name, [])
        ]
        quotes += identify(article, found)
    return articles, quotes
