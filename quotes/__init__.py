"""quotes: who said what in the news, where, and how it was framed.

The stages, one module each: :mod:`quotes.ingest` (files in, articles out),
:mod:`quotes.extract` (the spaCy ``quotes`` component), :mod:`quotes.speakers`
and :mod:`quotes.clusters` (across articles), :mod:`quotes.store` (SQLite),
:mod:`quotes.search` (Whoosh), :mod:`quotes.cite` and :mod:`quotes.publish`
(Datasette). :mod:`quotes.api` runs them in order; :mod:`quotes.cli` is the
``quotes`` command over it.
"""
