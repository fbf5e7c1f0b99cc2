"""What searches filter, count and sort by, read from the index once per version of it
(:class:`Columns`).

Each quote's speaker, outlet, stance, kind, cluster and publication date,
and the words of its speaker's names: the filters, the facet counts (of
:data:`FACET_FIELDS`, the most frequent values first), the order by date and
the speaker filter (:mod:`quotes.speaker_filter`) read them here rather than
from the index.
"""
from __future__ import annotations

import heapq
from array import array
from collections import Counter, OrderedDict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .index import as_text
from .names import by_transliteration_key, same_transliterated_word
from .speaker_filter import wanted_words

# Facet name -> indexed field it counts.
FACET_FIELDS = {"speaker": "speaker_id", "outlet": "outlet_id", "stance": "stance", "kind": "kind"}
FACET_SIZE = 20  # values listed per facet, most frequent first
SPEAKER_FILTERS_KEPT = 64


@dataclass
class Columns:
    """The values of the fields searches count and sort by, for every live document of one
    version of the index, by document number.

    Whoosh reads them from the index for each search that groups or sorts by
    them, seconds at 100,000 quotes; here they are read once per version.
    """

    live: list[int]  # the documents not deleted, in document order
    values: dict[str, list[str | None]]  # field -> each document's value (None when it has none)
    documents: dict[str, dict[str | None, list[int]]]  # facet field -> value -> the documents with it
    totals: dict[str, Counter]  # field -> how many live documents have each value
    top_totals: dict[str, list[tuple[str | None, int]]]  # facet field -> its most frequent values (see most_frequent)
    dated: list[tuple[date, list[int]]]  # each publication date, oldest first, with its documents
    newest_first_rank: list[int]  # each document's place by date, newest first, undated last
    newest_first: list[int]  # the live documents by that place, in document order within one date
    speaker_words: dict[str, list[str]]  # every word of every speaker's names, by transliteration key
    speaker_word_documents: dict[str, array]  # each of those words -> the documents whose speaker has it
    # (facet, value) -> the label a reader sees, read from a stored quote when first shown.
    labels: dict[tuple[str, str | None], str] = field(default_factory=dict)
    # The last speaker filters asked (see speaking), with the documents they let through.
    speaker_filters: OrderedDict[str, frozenset[int]] = field(default_factory=OrderedDict)

    @classmethod
    def read(cls, reader: Any) -> Columns:
        live = list(reader.all_doc_ids())
        values = {name: _column(reader, name) for name in (*FACET_FIELDS.values(), "cluster_id")}
        totals = {name: Counter(column[docnum] for docnum in live) for name, column in values.items()}
        documents: dict[str, dict[str | None, list[int]]] = {}
        for name in FACET_FIELDS.values():
            documents[name] = {}
            for docnum in live:
                documents[name].setdefault(values[name][docnum], []).append(docnum)
        dated = _dated(reader)
        rank = [len(dated)] * reader.doc_count_all()
        for place, (_, docs) in enumerate(reversed(dated)):
            for docnum in docs:
                rank[docnum] = place
        return cls(
            live=live, values=values, documents=documents, totals=totals,
            top_totals={name: most_frequent(totals[name]) for name in FACET_FIELDS.values()}, dated=dated,
            newest_first_rank=rank, newest_first=sorted(live, key=rank.__getitem__),
            speaker_words=by_transliteration_key(as_text(term) for term in reader.lexicon("speaker_words")),
            speaker_word_documents={as_text(term): array("i", reader.postings("speaker_words", term).all_ids())
                                    for term in reader.lexicon("speaker_words")},
        )

    def having(self, fieldname: str, value: str | None) -> set[int]:
        """The documents whose ``fieldname`` (a facet field) is ``value`` (``None``: has none)."""
        return set(self.documents[fieldname].get(value, ()))

    def speaking(self, speaker: str) -> frozenset[int]:
        """The documents a speaker filter lets through: the speaker's ID, or names it finds (see
        :meth:`spoken_by`); kept for the last :data:`SPEAKER_FILTERS_KEPT` filters asked, as a page of
        a speaker asks the same filter again and again (a speaker of 20,000 quotes costs 30 ms)."""
        if speaker in self.speaker_filters:
            self.speaker_filters.move_to_end(speaker)
        else:
            self.speaker_filters[speaker] = frozenset(self.having("speaker_id", speaker) | self.spoken_by(speaker))
            if len(self.speaker_filters) > SPEAKER_FILTERS_KEPT:
                self.speaker_filters.popitem(last=False)
        return self.speaker_filters[speaker]

    def spoken_by(self, speaker: str) -> set[int]:
        """The documents whose speaker has, for every word of ``speaker``, that word or a transliteration
        of it among the words of their names."""
        wanted = wanted_words(speaker)
        if not wanted:
            return set()
        return set.intersection(*(
            set().union(*(self.speaker_word_documents[word] for word in self.speaker_words.get(key, [])
                          if same_transliterated_word(w, word)))
            for w, key in wanted
        ))


def _column(reader: Any, fieldname: str) -> list[str | None]:
    """Each document's value of a field that holds one term per document (an ID)."""
    column: list[str | None] = [None] * reader.doc_count_all()
    for term in reader.lexicon(fieldname):
        value = as_text(term)
        for docnum in reader.postings(fieldname, term).all_ids():
            column[docnum] = value
    return column


def _dated(reader: Any) -> list[tuple[date, list[int]]]:
    """Each publication date in the index, oldest first, with the documents of that date."""
    field = reader.schema["published"]
    return [(field.from_bytes(term).date(), list(reader.postings("published", term).all_ids()))
            for term in field.sortable_terms(reader, "published")]  # one term per date, in order


def most_frequent(counts: dict[str | None, int]) -> list[tuple[str | None, int]]:
    """The :data:`FACET_SIZE` most frequent values, ties in the order of their values.

    Only the values counted at least as often as the last of them are
    sorted (a speaker facet counts thousands of values).
    """
    if len(counts) > FACET_SIZE:
        least = heapq.nlargest(FACET_SIZE, counts.values())[-1]
        counts = {value: n for value, n in counts.items() if n >= least}
    return sorted(counts.items(), key=lambda c: (-c[1], str(c[0])))[:FACET_SIZE]
