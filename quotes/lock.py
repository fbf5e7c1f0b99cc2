"""One writer at a time: an exclusive lock on ``<database>.lock``, held for a whole build.

A build writes the database and then the search index; two builds at once
would interleave both. The lock is an ``fcntl.flock`` on a file beside the
database, so the kernel releases it when its holder exits, however it exits
(a killed build never leaves a stale lock behind). The lock file itself is
left in place: removing it while another build waits on it would let a third
build take a fresh one.
"""
from __future__ import annotations

import fcntl
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import BuildLocked, DatabaseError

# How long a build waits for another one to finish, unless told otherwise.
DEFAULT_WAIT = 600.0
POLL_SECONDS = 0.2


def lock_path(db_path: str | Path) -> Path:
    """The lock file of the database at ``db_path``."""
    return Path(f"{db_path}.lock")


@contextmanager
def writer_lock(
    db_path: str | Path, *, wait: float = DEFAULT_WAIT, on_wait: Callable[[str], None] | None = None
) -> Iterator[None]:
    """Hold the database's writer lock for the ``with`` block.

    When another build holds it, ``on_wait`` is told once, and the lock is
    retried for up to ``wait`` seconds; then :class:`BuildLocked` is raised.
    """
    path = lock_path(db_path)
    try:
        handle = path.open("a")
    except OSError as error:
        raise DatabaseError(f"cannot create the lock file {path}: {error.strerror or error}") from None
    with handle:
        deadline = time.monotonic() + wait
        told = False
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise BuildLocked(
                        f"another quotes build is still running on {db_path} after {wait:g} seconds; "
                        "try again when it has finished"
                    ) from None
                if not told and on_wait is not None:
                    on_wait(f"another quotes build is running on {db_path}; waiting up to {wait:g} seconds…")
                    told = True
                time.sleep(POLL_SECONDS)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
