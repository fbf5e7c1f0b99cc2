"""Reading articles: each file found, decoded and parsed, with its source facts taken layer by layer.

Every article gets a key of its own (see :mod:`quotes.ingest.files` and
:func:`~quotes.ingest.records.record_articles`); a key read twice in one run is
an error naming both places, and the second is skipped. A text longer than
the parser takes (:data:`MAX_ARTICLE_CHARS`) is refused with a message, so it
never stops the others.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator, Mapping, NamedTuple

from quotes.model import Article, Problem

from .boilerplate import find_excluded
from .decoding import decode_bytes
from .facts import FACT_FIELDS, checked_facts
from .files import HTML_SUFFIXES, JSON_SUFFIXES, InputFile, find_inputs, read_regular_file
from .header import header_facts
from .html import parse_html
from .records import record_articles
from .sidecar import SidecarIndex

# spaCy's default ``Language.max_length``: its parser refuses a longer text (error E088).
MAX_ARTICLE_CHARS = 1_000_000


def read_articles(
    paths: Iterable[str | Path | InputFile], sidecar: Mapping[str, dict] | None = None
) -> Iterator[Article | Problem]:
    """Every article under ``paths`` (files or folders), with a Problem for whatever could not be read.

    ``sidecar`` is a table from :func:`~quotes.ingest.sidecar.read_sidecar`; its
    values win over the file's own metadata, which wins over the text's header.
    A value the store would refuse (a published date that is no date) is left
    out with a warning (``fatal=False``), and the next layer may fill it.
    """
    files, problems = find_inputs(paths)
    yield from problems
    read = _ReadSoFar(SidecarIndex(sidecar))
    for file in files:
        try:
            yield from read.file(file)
        except Exception as err:  # a bug on one odd file must not stop the others
            yield Problem(file.shown, f"could not be read: {type(err).__name__}: {err}")


def read_input_text(file: InputFile) -> tuple[str, str, list[Problem]] | Problem:
    """An input file's text, its encoding and warnings, or why it is skipped (unreadable, binary, empty)."""
    data = read_regular_file(file.path)
    if isinstance(data, Problem):
        return data
    decoded = decode_bytes(data, file.shown)
    if isinstance(decoded, Problem):
        return decoded
    if not decoded.text.strip():
        return Problem(file.shown, "empty file; skipped" if not decoded.text else "file holds only whitespace; skipped")
    return decoded.text, decoded.encoding, decoded.warnings


class _Found(NamedTuple):
    """An article as found in its file, before its facts are layered."""

    file: InputFile
    encoding: str
    doc: str
    text: str
    own_facts: Mapping[str, str]
    sidecar_names: tuple[str, ...]  # names its sidecar row may have: its key, its file's name
    warnings: list[Problem]  # the file's and the record's
    line: int | None = None  # where the record starts, in a JSON file


class _ReadSoFar:
    """The articles of one run: the sidecar table, and where each key was first read."""

    def __init__(self, sidecar: SidecarIndex):
        self.sidecar = sidecar
        self.first_read: dict[str, str] = {}  # key -> "path" or "path:line"

    def file(self, file: InputFile) -> Iterator[Article | Problem]:
        """The articles of one file, after its decoding warnings."""
        decoded = read_input_text(file)
        if isinstance(decoded, Problem):
            yield decoded
            return
        text, encoding, warnings = decoded
        yield from warnings
        names = (file.key, file.path.name)
        suffix = file.path.suffix.lower()
        if suffix in JSON_SUFFIXES:
            for record in record_articles(text, file):
                if isinstance(record, Problem):
                    yield record
                    continue
                yield from record.warnings
                everything = warnings + record.warnings
                yield from self.article(
                    _Found(file, encoding, record.doc, record.text, record.facts, (record.doc,), everything, record.line)
                )
        elif suffix in HTML_SUFFIXES:
            page = parse_html(text)
            if not page.text.strip():
                yield Problem(file.shown, "no visible article text in the page; skipped")
            else:
                yield from self.article(_Found(file, encoding, file.key, page.text, page.facts, names, warnings))
        else:
            yield from self.article(_Found(file, encoding, file.key, text, {}, names, warnings))

    def article(self, found: _Found) -> Iterator[Article | Problem]:
        """The Article: its facts from the sidecar, then its file's own, then the text's header.

        Before it, a warning for each sidecar or file value the store would
        refuse; instead of it, an error when the text is too long or the key
        was read before.
        """
        doc, text, shown, line = found.doc, found.text, found.file.shown, found.line
        if len(text) > MAX_ARTICLE_CHARS:
            message = f"{doc}: {len(text):,} characters, more than the {MAX_ARTICLE_CHARS:,} the parser takes; skipped"
            yield Problem(shown, message + " (split it)", line=line)
            return
        if doc in self.first_read:
            yield Problem(shown, f"{doc!r} was already read from {self.first_read[doc]}; this one is skipped", line=line)
            return
        self.first_read[doc] = f"{shown}:{line}" if line is not None else shown
        sidecar_facts, sidecar_reasons = checked_facts(self.sidecar.get(*found.sidecar_names))
        file_facts, file_reasons = checked_facts(found.own_facts)
        for reason in sidecar_reasons:
            yield Problem(shown, f"{doc}: the sidecar's {reason}", fatal=False)
        for reason in file_reasons:
            yield Problem(shown, f"{doc}: {reason}", line=line, fatal=False)
        layers = (sidecar_facts, file_facts, header_facts(text))
        facts = {field: next((layer[field] for layer in layers if layer.get(field)), None) for field in FACT_FIELDS}
        yield Article(
            doc=doc,
            text=text,
            path=shown,
            encoding=found.encoding,
            excluded=find_excluded(text),
            warnings=[str(warning) for warning in found.warnings],
            **facts,
        )
