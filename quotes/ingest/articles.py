"""Reading articles: each file found, decoded and parsed, with its source facts taken layer by layer."""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator, Mapping, NamedTuple

from quotes.model import Article, Problem

from .boilerplate import find_excluded
from .facts import FACT_FIELDS, checked_facts
from .files import HTML_SUFFIXES, JSON_SUFFIXES, find_inputs, read_input_text
from .header import header_facts
from .html import parse_html
from .records import record_articles
from .sidecar import SidecarIndex


def read_articles(paths: Iterable[str | Path], sidecar: Mapping[str, dict] | None = None) -> Iterator[Article | Problem]:
    """Every article under ``paths`` (files or folders), with a Problem for whatever could not be read.

    ``sidecar`` is a table from :func:`~quotes.ingest.sidecar.read_sidecar`; its
    values win over the file's own metadata, which wins over the text's header.
    A value the store would refuse (a published date that is no date) is left
    out with a warning (``fatal=False``), and the next layer may fill it.
    """
    files, problems = find_inputs(paths)
    yield from problems
    index = SidecarIndex(sidecar)
    for path in files:
        try:
            yield from _read_file(path, index)
        except Exception as err:  # a bug on one odd file must not stop the others
            yield Problem(str(path), f"could not be read: {type(err).__name__}: {err}")


def _read_file(path: Path, sidecar: SidecarIndex) -> Iterator[Article | Problem]:
    decoded = read_input_text(path)
    if isinstance(decoded, Problem):
        yield decoded
        return
    warnings = [decoded.warning] if decoded.warning else []
    if decoded.warning:
        yield Problem(str(path), decoded.warning, fatal=False)
    suffix = path.suffix.lower()
    source = _Source(path, decoded.encoding, warnings, sidecar)
    if suffix in JSON_SUFFIXES:
        for record in record_articles(decoded.text, path):
            if isinstance(record, Problem):
                yield record
            else:
                yield from source.articles(record.doc, record.text, record.facts, record.line)
    elif suffix in HTML_SUFFIXES:
        page = parse_html(decoded.text)
        if not page.text.strip():
            yield Problem(str(path), "no visible article text in the page; skipped")
        else:
            yield from source.articles(path.name, page.text, page.facts)
    else:
        yield from source.articles(path.name, decoded.text)


class _Source(NamedTuple):
    """Where articles come from: one file, how it was decoded, and the sidecar table."""

    path: Path
    encoding: str
    warnings: list[str]
    sidecar: SidecarIndex

    def articles(
        self, doc: str, text: str, own_facts: Mapping[str, str] | None = None, line: int | None = None
    ) -> Iterator[Article | Problem]:
        """The Article ``doc``, its facts from the sidecar, then ``own_facts``, then the text's header.

        Before it, a warning for each sidecar or file value the store would
        refuse; ``line`` is where ``own_facts`` sit in the file (JSON Lines).
        """
        sidecar_facts, sidecar_reasons = checked_facts(self.sidecar.get(doc))
        file_facts, file_reasons = checked_facts(own_facts or {})
        for reason in sidecar_reasons:
            yield Problem(str(self.path), f"{doc}: the sidecar's {reason}", fatal=False)
        for reason in file_reasons:
            yield Problem(str(self.path), f"{doc}: {reason}", line=line, fatal=False)
        layers = (sidecar_facts, file_facts, header_facts(text))
        facts = {field: next((layer[field] for layer in layers if layer.get(field)), None) for field in FACT_FIELDS}
        yield Article(
            doc=doc,
            text=text,
            path=str(self.path),
            encoding=self.encoding,
            excluded=find_excluded(text),
            warnings=list(self.warnings),
            **facts,
        )
