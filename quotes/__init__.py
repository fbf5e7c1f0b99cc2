"""quotes: who said what in the news, where, and how it was framed.

The stages, one module or package each: :mod:`quotes.ingest` (files in,
articles out), :mod:`quotes.extract` (the spaCy ``quotes`` component),
:mod:`quotes.speakers` with :mod:`quotes.aliases`, and :mod:`quotes.clusters`
(across articles), :mod:`quotes.store` (SQLite), :mod:`quotes.search` (Whoosh),
:mod:`quotes.cite` and :mod:`quotes.report` (citations), :mod:`quotes.web`
(Datasette). :mod:`quotes.api` runs them in order; :mod:`quotes.cli` is the
``quotes`` command over it (also ``python -m quotes``). Every error a user can
fix derives from :class:`quotes.errors.QuotesError`; :mod:`quotes.dev` holds
the tools that measure the extractor against gold.
"""
