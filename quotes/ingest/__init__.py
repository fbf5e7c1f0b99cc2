"""Read news articles from disk into :class:`~quotes.model.Article` records.

Inputs are plain text (``.txt``), web pages (``.html``/``.htm``) and JSON
(``.json``/``.jsonl``: one article per record). What we know of each article's
source comes from three layers, the first that says something wins:

1. the sidecar table (:func:`read_sidecar`), because a person wrote it;
2. the file's own metadata (the HTML ``<head>``, the JSON record's fields);
3. the header of the text itself (:func:`header_facts`: title, date, byline).

Nothing here raises on bad input: every reader yields a :class:`~quotes.model.Problem`
naming the file (and line) and goes on with the rest. Values the store or the
parser would refuse are caught here, before any parse: a published date that
is no date ("spring", "2024-13-45") is a warning, and the article is read
without it; a lone surrogate becomes U+FFFD with a warning; a text longer
than the parser takes (:data:`MAX_ARTICLE_CHARS`) is an error, and the other
articles are read.

Each article has a key of its own (``Article.doc``): its path under the folder
named on the command line, or its file name; a JSON record's key is its
file's key, ``#`` and its id (``feed.jsonl#a17``). A key read twice in a run
is an error naming both places.

One module per job:

- :mod:`~quotes.ingest.files`: finding the input files and their keys, reading their bytes;
- :mod:`~quotes.ingest.decoding`: bytes into text (encodings, bad bytes, binary files), lone surrogates;
- :mod:`~quotes.ingest.records`: the records of JSON and JSON Lines files;
- :mod:`~quotes.ingest.sidecar`: the sidecar table;
- :mod:`~quotes.ingest.facts`: field names and dates of other tables, and the store's rules for them;
- :mod:`~quotes.ingest.header`: what the text's header says (title, byline, dateline, date);
- :mod:`~quotes.ingest.boilerplate`: lines that are not the article (comments, captions, share prompts);
- :mod:`~quotes.ingest.html`: the visible text and head of a web page;
- :mod:`~quotes.ingest.articles`: all of it together, :func:`read_articles`.
"""
from .articles import MAX_ARTICLE_CHARS, read_articles
from .boilerplate import iter_lines
from .facts import iso_date
from .files import InputFile, find_inputs
from .header import HEADER_LINES, header_facts, headline_span
from .sidecar import read_sidecar

__all__ = [
    "HEADER_LINES",
    "InputFile",
    "MAX_ARTICLE_CHARS",
    "find_inputs",
    "header_facts",
    "headline_span",
    "iso_date",
    "iter_lines",
    "read_articles",
    "read_sidecar",
]
