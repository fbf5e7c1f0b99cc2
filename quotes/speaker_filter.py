"""Which names a speaker filter finds: every word of the filter is a word of the name, or a
transliteration of one, as speaker resolution compares names (:mod:`quotes.names`).

``Kataib Hizbullah`` finds "Kata'ib Hezbollah", and ``kirby`` finds "John
Kirby". The search's speaker filter matches the words of speakers' names in
the index (:meth:`quotes.index_columns.Columns.spoken_by`); the web's
"quotes of one speaker" matches the names in the database
(:class:`SpeakerNames`, :mod:`quotes.web.names`).
"""
from __future__ import annotations

import functools
from collections.abc import Iterable

from .names import by_transliteration_key, fold, name_key, same_transliterated_word, token_transliteration_key


def name_words(name: str) -> list[str]:
    """The words a speaker filter looks for: the name without titles and "al-", folded.

    A name that is all title ("Admiral") keeps its words.

    >>> name_words("Maj. Gen. Pat Ryder"), name_words("al-Hamidawi"), name_words("Kata'ib Hezbollah")
    (['pat', 'ryder'], ['hamidawi'], ['kataib', 'hezbollah'])
    """
    return name_key(name).split() or fold(name).split()


def name_matches(query: str, name: str) -> bool:
    """Whether a speaker filter ``query`` finds ``name``: each of its words is a word of
    the name, or a transliteration of one (as speaker resolution compares names).

    >>> name_matches("Kataib Hizbullah", "Kata'ib Hezbollah"), name_matches("kirby", "John Kirby")
    (True, True)
    >>> name_matches("Hassan Nasrallah", "Hussein Nasrallah"), name_matches("", "John Kirby")
    (False, False)
    """
    wanted = wanted_words(query)
    words = _name_words_by_key(name)
    return bool(wanted) and all(
        any(same_transliterated_word(w, word) for word in words.get(key, ())) for w, key in wanted
    )


class SpeakerNames:
    """Speakers' names, indexed to find every speaker one of whose names a speaker filter
    matches (as :func:`name_matches` decides) without trying each name."""

    def __init__(self, names: Iterable[tuple[str, str]]):
        """``names``: (speaker ID, name) pairs, every name a speaker goes by."""
        self._speaker_ids: list[str] = []
        self._words: dict[str, list[tuple[str, int]]] = {}  # transliteration key -> (word, name number)
        for number, (speaker_id, name) in enumerate(names):
            self._speaker_ids.append(speaker_id)
            for key, words in _name_words_by_key(name).items():
                self._words.setdefault(key, []).extend((word, number) for word in words)

    def matching(self, query: str) -> set[str]:
        """The IDs of the speakers with a name that ``query`` finds."""
        found: set[int] | None = None
        for w, key in wanted_words(query):
            names = {number for word, number in self._words.get(key, ()) if same_transliterated_word(w, word)}
            found = names if found is None else found & names
        return {self._speaker_ids[number] for number in found or ()}


# A page of speakers (or a query over every name) asks about the same names and queries again and again.
@functools.lru_cache(maxsize=256)
def wanted_words(query: str) -> tuple[tuple[str, str], ...]:
    """The words of a speaker filter, each with its transliteration key."""
    return tuple((word, token_transliteration_key(word)) for word in name_words(query))


@functools.lru_cache(maxsize=200_000)
def _name_words_by_key(name: str) -> dict[str, list[str]]:
    """The folded words of ``name`` by transliteration key (a word is only ever a variant of words of its key)."""
    return by_transliteration_key(fold(name).split())
