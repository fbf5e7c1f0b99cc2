"""Every error ``quotes`` raises on purpose, under one root, :class:`QuotesError`.

A caller that wants to report a problem to a person catches ``QuotesError``
and prints it: the message already says what is wrong and, where there is
one, which file. The command line does exactly that (one line, exit status
1), so a user never sees a traceback for a mistake they can fix.

>>> try:
...     raise SearchError("cannot parse query '(war OR'")
... except QuotesError as error:
...     print(error)
cannot parse query '(war OR'
"""
from __future__ import annotations


class QuotesError(Exception):
    """The root: a problem a person can understand and fix from its message."""


class InputError(QuotesError, ValueError):
    """A file given to ``quotes`` (an article, a sidecar, a curation or gold file) is malformed."""


class AliasesError(InputError):
    """The speaker curation file (``aliases.yml``) cannot be read or is malformed."""


class GoldError(InputError):
    """A gold file for ``quotes eval`` cannot be read or is malformed."""


class StoreError(QuotesError, ValueError):
    """Input the store refuses, with a message naming the article and what is wrong."""


class DatabaseError(StoreError):
    """The database file is missing, is not a quotes database, or cannot be opened."""


class SearchError(QuotesError, ValueError):
    """A search that cannot run: a bad query, a bad date, a bad limit, no index."""


class ModelError(QuotesError, OSError):
    """The spaCy pipeline asked for is not installed or cannot be loaded."""


class ClusterError(QuotesError, OSError):
    """The workers extraction was sent to (a Dask cluster, or local processes) cannot be reached or were lost."""


class UsageError(QuotesError, ValueError):
    """An option or argument given to a ``quotes`` function makes no sense."""


class BuildInterrupted(QuotesError):
    """A build stopped by Ctrl-C: says what was saved, and that the next build finishes the job.

    ``saved`` is how many articles were committed before the interruption.
    """

    def __init__(self, message: str, saved: int = 0):
        super().__init__(message)
        self.saved = saved


class BuildLocked(QuotesError):
    """Another ``quotes build`` kept the database busy for longer than this one would wait."""
