"""The Whoosh index of the quotes, kept in step with the SQLite store.

The index holds one document per stored quote, made from the store's
:class:`~quotes.model.IndexRow` records: the schema comes from what each field
of the record holds (prose is searched by stemmed words, names by whole words,
keys exactly, dates as dates), plus four fields of the index's own: the
quote's words as written (for wildcards), each pair of consecutive words of
the quote (for phrases), every word of the speaker's names (for the speaker
filter) and a fingerprint of the values.

:func:`sync_index` makes the index agree with the database, touching only the
quotes whose fingerprint changed; given a build's journal, it looks at those
quotes only. It writes Whoosh's own format with less work
(:mod:`quotes.index_codec`). :mod:`quotes.search` reads it.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from whoosh import index
from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, ShingleFilter, StemFilter, entoken
from whoosh.fields import DATETIME, ID, KEYWORD, STORED, TEXT, FieldType, Schema
from whoosh.filedb.filestore import FileStorage
from whoosh.support.charset import accent_map

from .index_codec import WriterCodec
from .model import DATE, KEY, NAME, PROSE, IndexRow
from .names import fold
from .store import Store

# Names and outlets: whole words, case and accents folded.
NAMES = RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map)
# Quote text, roles and titles: the words of NAMES stemmed, no stop words (quotes turn on "not", "we" and "US").
STEMS = StemFilter()
WORDS = NAMES | STEMS
# Each pair of consecutive words of the quote text, as WORDS makes them, as one term ("go to"):
# a phrase is looked up by its pairs before its words' positions are checked (quotes.query.PairedPhrase).
PAIR_SEPARATOR = " "
PAIRS = ShingleFilter(size=2, sep=PAIR_SEPARATOR)
WORD_PAIRS = WORDS | PAIRS


def one_term_dates() -> DATETIME:
    """A date field indexed as one term a quote, not Whoosh's eight (one per precision, for wide ranges
    of many dates): filters read the dates from the columns (quotes.index_columns), and a query of dates
    (``published:2016``) reads each date's term in its range, a few thousand at most. The eight were
    58,632 of 647,749 postings at 8,376 quotes."""
    field = DATETIME(stored=True)
    field.shift_step = 0  # DATETIME takes no shift_step; NUMERIC reads this one to index and to search
    return field


# The Whoosh field for each kind of value an IndexRow field holds; every one is stored, for hits.
FIELD_FOR_KIND = {
    PROSE: lambda: TEXT(analyzer=WORDS, stored=True),
    NAME: lambda: TEXT(analyzer=NAMES, stored=True),
    KEY: lambda: ID(stored=True),
    DATE: one_term_dates,
}


def make_schema() -> Schema:
    """The index's schema: one field per :class:`IndexRow` field, and the index's own four."""
    fields: dict[str, FieldType] = {
        f.name: FIELD_FOR_KIND[f.metadata["holds"]]() for f in dataclasses.fields(IndexRow)
    }
    fields["quote_id"] = ID(stored=True, unique=True)
    # The quote's words as written (not stemmed): what a wildcard is matched against.
    fields["text_written"] = TEXT(analyzer=NAMES, phrase=False)
    # The quote's pairs of consecutive words (a quote of one word: that word).
    fields["text_pairs"] = TEXT(analyzer=WORD_PAIRS)
    # Every word of every spelling of the speaker, folded as quotes.names folds names.
    fields["speaker_words"] = KEYWORD(lowercase=False)
    # Read as a stored value only (indexed_fingerprints, _sync_quotes): no term to write for each quote.
    fields["fingerprint"] = STORED()
    return Schema(**fields)


SCHEMA = make_schema()

# Part of every fingerprint: bump it when the analyzers or the fields change, and
# the next sync rewrites every document.
INDEX_VERSION = 4
# The file beside Whoosh's own that says which INDEX_VERSION last synced the whole index.
VERSION_FILE = "quotes-index.json"


@dataclass
class IndexReport:
    """How many quote documents :func:`sync_index` added, rewrote and deleted."""

    added: int = 0
    updated: int = 0
    removed: int = 0


def sync_index(store: Store, index_dir: str | Path, quote_ids: Iterable[str] | None = None) -> IndexReport:
    """Make the index at ``index_dir`` agree with ``store``, creating it when missing.

    Only quotes whose fingerprint differs are rewritten. With ``quote_ids``
    (a build's journal: the quotes whose values may have changed), only those
    are looked at, so a build costs what it changed; the whole index is
    compared instead when it was made by another version of this code, or
    holds another number of documents than the store holds quotes. Without
    them, an unchanged database costs one pass over the stored fingerprints.
    """
    folder = Path(index_dir)
    ix = _open_or_create(folder)
    if quote_ids is not None and _version_of(folder) == INDEX_VERSION:
        report = _sync_quotes(ix, store, set(quote_ids))
        if ix.doc_count() == store.counts()["quotes"]:
            return report
    wanted = {doc["quote_id"]: doc for doc in index_documents(store)}
    present = indexed_fingerprints(ix)
    added = [qid for qid in wanted if qid not in present]
    updated = [qid for qid in wanted if qid in present and present[qid] != wanted[qid]["fingerprint"]]
    removed = [qid for qid in present if qid not in wanted]
    _write(ix, wanted, added, updated, removed)
    (folder / VERSION_FILE).write_text(json.dumps({"version": INDEX_VERSION}), encoding="utf-8")
    return IndexReport(added=len(added), updated=len(updated), removed=len(removed))


def _sync_quotes(ix: index.Index, store: Store, quote_ids: set[str]) -> IndexReport:
    """Make the documents of ``quote_ids`` agree with the store, looking at no other."""
    wanted = {doc["quote_id"]: doc for doc in index_documents(store, quote_ids)}
    with ix.searcher() as searcher:
        present = {
            qid: searcher.stored_fields(number)["fingerprint"]
            for qid in quote_ids
            if (number := searcher.document_number(quote_id=qid)) is not None
        }
    added = [qid for qid in wanted if qid not in present]
    updated = [qid for qid in wanted if qid in present and present[qid] != wanted[qid]["fingerprint"]]
    removed = [qid for qid in present if qid not in wanted]
    _write(ix, wanted, added, updated, removed)
    return IndexReport(added=len(added), updated=len(updated), removed=len(removed))


def _write(ix: index.Index, wanted: dict[str, dict[str, Any]], added: list[str], updated: list[str],
           removed: list[str]) -> None:
    if added or updated or removed:
        analysed = Analysed()
        with ix.writer(timeout=30, codec=WriterCodec()) as writer:
            for qid in removed:
                writer.delete_by_term("quote_id", qid)
            for qid in updated:
                writer.update_document(**analysed.document(wanted[qid]))
            for qid in added:
                writer.add_document(**analysed.document(wanted[qid]))


# The fields made from the quote text, analysed together by quote_terms.
QUOTE_TEXT_FIELDS = ("text", "text_written", "text_pairs")


class Analysed:
    """Documents as handed to Whoosh's writer: every text value as its terms, analysed here once.

    Left to itself, Whoosh analyses every value of every document: the quote
    text three times (its stems, its words as written, its pairs of stems),
    an article's title, outlet and speaker once for each of its quotes. Given
    a list of terms, it indexes them as they come, one position each, which
    is what the analyzers give: the index is the same. The quote text is
    analysed once for its three fields; any other value once per write.
    """

    def __init__(self) -> None:
        self.terms: dict[tuple[str, str], list[str]] = {}

    def document(self, doc: dict[str, Any]) -> dict[str, Any]:
        """``doc`` with the terms of its text values, and their values as stored (``_stored_<field>``)."""
        analysed = dict(doc)
        for name, value in doc.items():
            if isinstance(SCHEMA[name], TEXT) and name not in QUOTE_TEXT_FIELDS:
                analysed[name] = self._terms(name, value)
                analysed[f"_stored_{name}"] = value
        if "text" in doc:
            written, stems, pairs = quote_terms(doc["text"])
            analysed.update(text=stems, _stored_text=doc["text"], text_written=written, text_pairs=pairs)
        return analysed

    def _terms(self, name: str, value: str) -> list[str]:
        key = (name, value)
        if key not in self.terms:
            self.terms[key] = [token.text for token in SCHEMA[name].analyzer(value)]
        return self.terms[key]


def quote_terms(text: str) -> tuple[list[str], list[str], list[str]]:
    """The terms of the quote text's three fields: its words as written (NAMES), their stems (WORDS) and
    the pairs of consecutive stems (WORD_PAIRS), each filter run once.

    The pairs are joined here, as PAIRS joins them (one word alone when there is one): Whoosh's
    ShingleFilter copies a token and joins a buffer for each pair, 4% of a sync's time at 8,376 quotes.
    """
    written = [token.text for token in NAMES(text)]
    stems = [token.text for token in STEMS(entoken(written))]
    pairs = [f"{first}{PAIR_SEPARATOR}{second}" for first, second in zip(stems, stems[1:])] or stems[:1]
    return written, stems, pairs


def _version_of(folder: Path) -> int | None:
    """The INDEX_VERSION of the code that last compared the whole index with a store, if any did."""
    try:
        return json.loads((folder / VERSION_FILE).read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def index_documents(store: Store, quote_ids: Iterable[str] | None = None) -> Iterator[dict[str, Any]]:
    """One Whoosh document per stored quote (or per one of ``quote_ids``), fingerprinted; empty values left out."""
    words_of: dict[tuple[str, ...], str] = {}  # a speaker's names -> their words, folded once per speaker
    for row in store.index_rows(quote_ids):
        if row.speaker_names not in words_of:
            words_of[row.speaker_names] = " ".join(sorted({word for name in row.speaker_names
                                                           for word in fold(name).split()}))
        values = vars(row).copy()  # every value is a string or a tuple of strings: nothing to copy deeper
        values["text_written"] = row.text
        values["text_pairs"] = row.text
        values["speaker_names"] = "\n".join(row.speaker_names)
        values["speaker_words"] = words_of[row.speaker_names]
        doc = {key: value for key, value in values.items() if value not in (None, "")}
        doc["fingerprint"] = fingerprint(doc)
        if "published" in doc:
            doc["published"] = datetime.fromisoformat(doc["published"])
        yield doc


def fingerprint(values: dict[str, Any]) -> str:
    """A short hash of a document's values: equal fingerprints, nothing to re-index.

    >>> fingerprint({"quote_id": "q-1", "text": "Hi"}) == fingerprint({"text": "Hi", "quote_id": "q-1"})
    True
    """
    encoded = json.dumps([INDEX_VERSION, values], sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(encoded).hexdigest()[:16]


def indexed_fingerprints(ix: index.Index) -> dict[str, str]:
    """quote_id -> fingerprint of every document in the index."""
    with ix.searcher() as searcher:
        return {fields["quote_id"]: fields["fingerprint"] for fields in searcher.all_stored_fields()}


def _open_or_create(index_dir: Path) -> index.Index:
    """The index in ``index_dir``, to write; a missing one, or one with another schema, is created afresh.

    Opened without memory maps: Whoosh copies each mapped file of a segment
    into memory when it opens a reader, the whole index for a sync that looks
    up a few quotes (0.6 s of CPU at 250k quotes); read from the files, it
    costs what the sync reads. Searches (:mod:`quotes.search`) keep the maps.
    """
    storage = FileStorage(str(index_dir), supports_mmap=False)
    if index.exists_in(index_dir):
        ix = storage.open_index()
        if same_schema(ix.schema, SCHEMA):
            return ix
    index_dir.mkdir(parents=True, exist_ok=True)
    return storage.create_index(SCHEMA)


def same_schema(old: Schema, new: Schema) -> bool:
    """Whether an index's schema indexes as ``new`` does: the same fields, each of the same type, analyzer
    and options. Whoosh compares fields by their format and flags only: an index made when a field was
    an ID, or a date had eight terms, would be written on with the old field."""
    return sorted(old.names()) == sorted(new.names()) and all(
        _field_options(old[name]) == _field_options(new[name]) for name in new.names())


def _field_options(field: FieldType) -> tuple[Any, ...]:
    return type(field), field, getattr(field, "analyzer", None), getattr(field, "shift_step", None)


def has_index(index_dir: str | Path) -> bool:
    """Whether ``index_dir`` holds a search index (``quotes build`` makes one)."""
    return index.exists_in(Path(index_dir))


def as_text(term: str | bytes) -> str:
    """A term read from the index as text (Whoosh gives the terms of some fields as bytes)."""
    return term.decode("utf-8") if isinstance(term, bytes) else term
