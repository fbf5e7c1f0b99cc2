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
- A document's field lengths, which the writer asks for every posting, are
  read once per field into a list: Whoosh's reader looks the column up again
  for each posting, with a file system call for a field that has no lengths.
"""
from __future__ import annotations

from typing import Any

from whoosh.codec.whoosh3 import (LENGTHS_COLUMN, W3Codec, W3FieldWriter, W3PerDocReader, W3Segment, W3TermInfo,
                                  _lenfield)
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
    """Whoosh's field writer, handing its postings writer term information that can inline them."""

    def start_term(self, btext: bytes) -> None:
        self._btext = btext
        self._postwriter.start_postings(self._fieldobj.format, InlinableTermInfo())


class ListedLengthsReader(W3PerDocReader):
    """Whoosh's reader of a segment's lengths, with each field's lengths read once into a list."""

    def __init__(self, storage: Any, segment: Any):
        super().__init__(storage, segment)
        self._lengths: dict[str, list[int | None] | None] = {}

    def doc_field_length(self, docnum: int, fieldname: str, default: Any = 0) -> Any:
        if fieldname not in self._lengths:
            column = self._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
            # As Whoosh answers: None for a document of length 0, the default for a field without lengths.
            self._lengths[fieldname] = None if column is None else [
                byte_to_length(column[number]) if column[number] else None for number in range(self._doccount)]
        lengths = self._lengths[fieldname]
        return default if lengths is None else lengths[docnum]
