"""How :mod:`quotes.index` writes a segment of the index: Whoosh's own format, with less work.

:class:`WriterCodec` is Whoosh's W3 codec with two changes to its writer,
and none to what reads the index: segments it writes name Whoosh's own
codec, which reads them as it reads any other.

- The postings of a term held by one document are written into the term's
  entry in the term table ("inlined"), not into a block of their own in the
  postings file: most terms (two thirds at 8,376 quotes, most of them pairs
  of words) are held by one quote, and each block costs two pickles, a zlib
  compression and four writes. Whoosh reads inlined postings, but its writer
  cannot make them (it calls ``set_inline``, a method ``W3TermInfo`` lacks).
- The postings of a term are handed to Whoosh's postings writer a block at
  a time, not one by one: Whoosh's loop calls three methods and checks five
  types for each posting, and asks for the document's field length, which
  its reader looks up again each time (with a file system call for a field
  that has no lengths); here the lengths are read once per field.

The files are those Whoosh's writer makes from the same postings, byte for
byte (tests/test_search.py compares them).
"""
from __future__ import annotations

from array import array
from collections.abc import Iterable
from itertools import groupby
from operator import itemgetter
from typing import Any

from whoosh.codec.whoosh3 import (LENGTHS_COLUMN, W3Codec, W3FieldWriter, W3PerDocReader, W3Segment, W3TermInfo,
                                  _lenfield)
from whoosh.fields import Schema
from whoosh.system import pack_ushort
from whoosh.util.numeric import byte_to_length

# A term held by fewer documents than this has its postings inlined.
INLINE_BELOW = 2


class WriterCodec(W3Codec):
    """Whoosh's W3 codec, writing inlined postings and reading lengths once (see the module)."""

    def __init__(self) -> None:
        super().__init__(inlinelimit=INLINE_BELOW)

    def field_writer(self, storage: Any, segment: Any) -> W3FieldWriter:
        return InliningFieldWriter(self, storage, segment)

    def per_document_reader(self, storage: Any, segment: Any) -> W3PerDocReader:
        return ListedLengthsReader(storage, segment)

    def new_segment(self, storage: Any, indexname: str) -> W3Segment:
        # A segment keeps its codec, pickled in the index's table of contents: Whoosh's own reads it,
        # and needs no class of this module to open the index.
        return W3Segment(W3Codec(), indexname)


class InlinableTermInfo(W3TermInfo):
    """Whoosh's term information, with the method its postings writer calls to inline postings."""

    set_inline = W3TermInfo.set_inlined


class InliningFieldWriter(W3FieldWriter):
    """Whoosh's field writer, handing its postings writer the postings of a term a block at a time, with
    term information that can inline them."""

    def add_postings(self, schema: Schema, lengths: ListedLengthsReader,
                     items: Iterable[tuple[str, bytes, int, float, bytes | None]]) -> None:
        """Write the postings (field name, term, document, weight, value), sorted by field and term, as
        Whoosh's ``FieldWriter.add_postings`` does (the schema has no spelling fields, whose words it
        would skip)."""
        for fieldname, in_field in groupby(items, itemgetter(0)):
            self.start_field(fieldname, schema[fieldname])
            length_of = lengths.listed(fieldname)
            for btext, postings in groupby(in_field, itemgetter(1)):
                self._add_term(btext, list(postings), length_of)
            self.finish_field()

    def _add_term(self, btext: bytes, postings: list[tuple[Any, ...]], length_of: list[int | None] | None) -> None:
        """What ``start_term``, one ``add`` a posting and ``finish_term`` do, filling each block whole."""
        writer = self._postwriter
        writer.start_postings(self._fieldobj.format, InlinableTermInfo())
        size = writer._blocklimit
        for start in range(0, len(postings), size):
            if start:
                writer._write_block()
            block = postings[start:start + size]
            ids = [posting[2] for posting in block]
            weights = [posting[3] for posting in block]
            # As W3PostingsWriter.add_posting keeps them: the values that are not empty, the lengths that
            # are not 0 or None, the weight and length above 0.
            lengths = [] if length_of is None else [length for length in map(length_of.__getitem__, ids) if length]
            writer._ids = array("I", ids)
            writer._weights = array("f", weights)
            writer._values = [posting[4] for posting in block if posting[4]]
            writer._maxweight = max(0, max(weights))
            writer._minlength = min(lengths) if lengths else None
            writer._maxlength = max(lengths, default=0)
        terminfo = writer.finish_postings()
        self._tindex.add(pack_ushort(self._fieldid) + btext, terminfo.to_bytes())


class ListedLengthsReader(W3PerDocReader):
    """Whoosh's reader of a new segment's per-document values, reading each field's lengths once into a
    list for :class:`InliningFieldWriter`."""

    def __init__(self, storage: Any, segment: Any):
        super().__init__(storage, segment)
        self._lengths: dict[str, list[int | None] | None] = {}

    def listed(self, fieldname: str) -> list[int | None] | None:
        """Each document's length in ``fieldname`` (None for 0, as Whoosh answers); None for a field
        without lengths."""
        if fieldname not in self._lengths:
            column = self._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
            self._lengths[fieldname] = None if column is None else [
                byte_to_length(column[number]) if column[number] else None for number in range(self._doccount)]
        return self._lengths[fieldname]
