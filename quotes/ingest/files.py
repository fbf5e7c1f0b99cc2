"""Finding the article files under the paths a user gives, and decoding their bytes.

News text arrives in whatever encoding it was saved with: UTF-8 is tried
first, then Windows-1252, then latin-1, and a warning says which was used.
"""
from __future__ import annotations

import codecs
from pathlib import Path
from typing import Iterable, NamedTuple

from quotes.model import Problem

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
JSON_SUFFIXES = (".json", ".jsonl")
INPUT_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSON_SUFFIXES


def find_inputs(paths: Iterable[str | Path]) -> tuple[list[Path], list[Problem]]:
    """The article files under ``paths``, in a stable order, and what was wrong.

    Folders are searched recursively (sorted; hidden files and folders and
    unknown extensions skipped); a file named explicitly must have a known
    extension. Each file is listed once.
    """
    found: list[Path] = []
    seen: set[Path] = set()
    problems: list[Problem] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            candidates = _files_in_folder(path)
        elif path.is_file():
            if path.suffix.lower() not in INPUT_SUFFIXES:
                message = f"unsupported file type {path.suffix or '(none)'!r}; expected one of {', '.join(INPUT_SUFFIXES)}"
                problems.append(Problem(str(path), message))
                continue
            candidates = [path]
        else:
            problems.append(Problem(str(path), "no such file or folder"))
            continue
        for candidate in candidates:
            if candidate not in seen:
                seen.add(candidate)
                found.append(candidate)
    return found, problems


def _files_in_folder(folder: Path) -> list[Path]:
    files = (
        p
        for p in folder.rglob("*")
        if p.is_file()
        and p.suffix.lower() in INPUT_SUFFIXES
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )
    return sorted(files, key=lambda p: p.relative_to(folder).parts)


# --------------------------------------------------------------------------- decoding


class Decoded(NamedTuple):
    """A file's text, the encoding it was read with, and a warning when that was not UTF-8."""

    text: str
    encoding: str
    warning: str | None  # set when the bytes were not UTF-8


def decode_bytes(data: bytes, name: str) -> Decoded:
    """Decode a file's bytes: UTF-8 (a BOM is dropped), else cp1252, else latin-1.

    Newlines are kept as they are, so offsets match
    ``open(path, encoding='utf-8', newline='')`` for UTF-8 files.

    >>> decode_bytes("café".encode("cp1252"), "a.txt")
    Decoded(text='café', encoding='cp1252', warning='a.txt: not valid UTF-8 (byte 0xe9 on line 1); decoded as cp1252')
    """
    if data.startswith(codecs.BOM_UTF8):
        data, utf8 = data[len(codecs.BOM_UTF8):], "utf-8-sig"
    else:
        utf8 = "utf-8"
    try:
        return Decoded(data.decode("utf-8"), utf8, None)
    except UnicodeDecodeError as err:
        bad_byte, line = data[err.start], data.count(b"\n", 0, err.start) + 1
    text, encoding = _decode_legacy(data)
    warning = f"{name}: not valid UTF-8 (byte 0x{bad_byte:02x} on line {line}); decoded as {encoding}"
    return Decoded(text, encoding, warning)


def _decode_legacy(data: bytes) -> tuple[str, str]:
    """Windows-1252 is what most mis-saved news text is; latin-1 decodes whatever is left."""
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def read_input_text(path: Path) -> Decoded | Problem:
    """An input file's text as decoded, or why it is skipped (unreadable, binary, empty)."""
    try:
        data = path.read_bytes()
    except OSError as err:
        return Problem(str(path), f"cannot read: {err.strerror or err}")
    if b"\x00" in data:
        return Problem(str(path), _binary_message(data))
    decoded = decode_bytes(data, path.name)
    if not decoded.text.strip():
        return Problem(str(path), "empty file; skipped" if not decoded.text else "file holds only whitespace; skipped")
    return decoded


def _binary_message(data: bytes) -> str:
    """Why a file with NUL bytes is skipped, with the fix when it is UTF-16 text."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "UTF-16 text (contains NUL bytes); skipped: save it as UTF-8"
    return "binary file (contains NUL bytes); skipped"


def strip_input_suffix(name: str) -> str:
    """A file name without the extension of an input file, if it has one.

    >>> strip_input_suffix("a.b.txt"), strip_input_suffix("nyt_2016")
    ('a.b', 'nyt_2016')
    """
    for suffix in INPUT_SUFFIXES:
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return name
