"""Finding the article files under the paths a user gives, each with the key its article is stored under.

An article's key (``Article.doc``) is its file's path relative to the folder
named on the command line (``sub/x.txt`` for ``a/sub/x.txt`` found under
``a/``), or the file's name when the file itself was named; so two files of
one name in two folders are two articles, and the seeds keep their file names.

Nothing but a regular file is ever opened (opening a FIFO would block), and
anything that cannot be read is a Problem naming it: a missing path, an
unreadable folder, a FIFO, socket or device, a symbolic-link loop, a dangling
link. Folders are walked without recursion and never back into a folder
being walked. A file name that is not UTF-8 is kept readable (``\\xNN`` for
each undecodable byte) with a warning.
"""
from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Iterable, NamedTuple

from quotes.model import Problem

from .decoding import printable

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
JSON_SUFFIXES = (".json", ".jsonl")
INPUT_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSON_SUFFIXES


class InputFile(NamedTuple):
    """A file to read: its path (for opening) and its key (for storing; printable)."""

    path: Path
    key: str

    @property
    def shown(self) -> str:
        """The path as messages and the store show it."""
        return printable_name(str(self.path))


def printable_name(name: str) -> str:
    """``name`` as it can be stored and printed: each byte that is not UTF-8 as ``\\xNN``,
    each control character escaped (a newline in a name would split a message line).

    >>> print(printable_name("caf\\udce9.txt"), printable_name("two\\nlines.txt"), printable_name("café.txt"))
    caf\\xe9.txt two\\nlines.txt café.txt
    """
    return printable(name.encode("utf-8", errors="surrogateescape").decode("utf-8", errors="backslashreplace"))


def find_inputs(paths: Iterable[str | Path | InputFile]) -> tuple[list[InputFile], list[Problem]]:
    """The article files under ``paths``, in a stable order, and what was wrong.

    Folders are searched recursively (sorted; hidden files and folders and
    unknown extensions skipped); a file named explicitly must have a known
    extension. A file reached twice (named twice, or through a link) is listed
    once. An :class:`InputFile` (found before) is taken as it is.
    """
    found: list[InputFile] = []
    seen: set[tuple[int, int]] = set()
    problems: list[Problem] = []
    for raw in paths:
        if isinstance(raw, InputFile):
            found.append(raw)
            continue
        path = Path(raw)
        try:
            status = path.stat()
        except OSError as err:
            problems.append(Problem(printable_name(str(path)), _unreachable(path, err)))
            continue
        if stat.S_ISDIR(status.st_mode):
            candidates = _files_in_folder(path, problems)
        elif path.suffix.lower() not in INPUT_SUFFIXES:
            message = f"unsupported file type {path.suffix or '(none)'!r}; expected one of {', '.join(INPUT_SUFFIXES)}"
            problems.append(Problem(printable_name(str(path)), message))
            continue
        elif not stat.S_ISREG(status.st_mode):
            problems.append(Problem(printable_name(str(path)), _not_a_file(status)))
            continue
        else:
            candidates = [(_input_file(path, path.name, problems), status)]
        for candidate, status in candidates:
            identity = (status.st_dev, status.st_ino)
            if identity not in seen:
                seen.add(identity)
                found.append(candidate)
    return found, problems


def _files_in_folder(root: Path, problems: list[Problem]) -> list[tuple[InputFile, os.stat_result]]:
    """The input files under ``root`` in sorted order, each with its status; what cannot be read goes to ``problems``.

    Depth first, by a list of paths still to visit (no recursion, so any depth
    of folders is fine); each folder remembers the folders above it, so a link
    back up is a loop, reported once, not an endless walk.
    """
    found = []
    to_visit: list[tuple[Path, tuple[str, ...], frozenset[tuple[int, int]]]] = [(root, (), frozenset())]
    while to_visit:
        path, parts, above = to_visit.pop()
        try:
            status = path.stat()
        except OSError as err:
            problems.append(Problem(printable_name(str(path)), _unreachable(path, err)))
            continue
        if stat.S_ISDIR(status.st_mode):
            identity = (status.st_dev, status.st_ino)
            if identity in above:
                message = "symbolic link loop (a link back to a folder above it); skipped"
                problems.append(Problem(printable_name(str(path)), message))
                continue
            inner = above | {identity}
            to_visit.extend((path / name, parts + (name,), inner) for name in reversed(_folder_names(path, problems)))
        elif path.suffix.lower() not in INPUT_SUFFIXES:
            continue
        elif stat.S_ISREG(status.st_mode):
            found.append((_input_file(path, "/".join(parts), problems), status))
        else:
            problems.append(Problem(printable_name(str(path)), _not_a_file(status)))
    return found


def _folder_names(folder: Path, problems: list[Problem]) -> list[str]:
    """The names in ``folder`` worth visiting (not hidden), sorted; an unreadable folder is a Problem."""
    try:
        names = os.listdir(folder)
    except OSError as err:
        problems.append(Problem(printable_name(str(folder)), f"cannot read the folder: {err.strerror or err}; skipped"))
        return []
    return sorted(name for name in names if not name.startswith("."))


def _unreachable(path: Path, err: OSError) -> str:
    """Why ``path`` cannot even be looked at: missing, a dangling or looping link, or no permission."""
    if err.errno == errno.ELOOP:
        return "symbolic link loop; skipped"
    if err.errno == errno.ENOENT and path.is_symlink():
        return f"dangling symbolic link (to {printable_name(os.readlink(path))!r}, which does not exist); skipped"
    if err.errno == errno.ENOENT:
        return "no such file or folder"
    return f"cannot read: {err.strerror or err}"


def _not_a_file(status: os.stat_result) -> str:
    kinds = (
        (stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"),
    )
    kind = next((name for test, name in kinds if test(status.st_mode)), "an unknown kind of file")
    return f"{kind}, not a regular file; skipped"


def _input_file(path: Path, key: str, problems: list[Problem]) -> InputFile:
    """The InputFile at ``path`` keyed ``key``, made printable; a warning when that changed the key."""
    printable = printable_name(key)
    if printable != key:
        message = f"the file name is not UTF-8 text (or holds control characters); its article is named {printable!r}"
        problems.append(Problem(printable_name(str(path)), message, fatal=False))
    return InputFile(path, printable)


def read_regular_file(path: Path) -> bytes | Problem:
    """The bytes of a regular file, or why they cannot be read.

    The file is opened without blocking and checked once open, so a FIFO (or
    a file swapped for one since it was found) is refused, never waited on.
    """
    shown = printable_name(str(path))
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        try:
            status = os.fstat(descriptor)
            if not stat.S_ISREG(status.st_mode):
                return Problem(shown, _not_a_file(status))
            with open(descriptor, "rb", closefd=False) as opened:
                return opened.read()
        finally:
            os.close(descriptor)
    except OSError as err:
        return Problem(shown, _unreachable(path, err))


def strip_input_suffix(name: str) -> str:
    """A file name without the extension of an input file, if it has one.

    >>> strip_input_suffix("a.b.txt"), strip_input_suffix("nyt_2016")
    ('a.b', 'nyt_2016')
    """
    for suffix in INPUT_SUFFIXES:
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return name
