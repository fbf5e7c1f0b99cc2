"""Turning a file's bytes into text we can store and parse, and saying where it was not clean.

News text arrives in whatever encoding it was saved with. The rules, in order:

- a UTF-8 byte-order mark is dropped; a UTF-16 one (or the NUL pattern of
  UTF-16 without one) decodes the file as UTF-16, with a warning;
- other NUL bytes, or many control bytes, mean a binary file: a Problem, skipped;
- UTF-8 stays UTF-8 when a few bytes are bad: each bad byte becomes U+FFFD
  and a warning names the lines, so one stray byte never turns every curly
  quote of the file into mojibake;
- only a file that is mostly not UTF-8 (no more valid multibyte characters
  than bad bytes) is read as Windows-1252, else latin-1, with a warning.

Newlines are kept as they are, so offsets match
``open(path, encoding='utf-8', newline='')`` for UTF-8 files.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from typing import Mapping, NamedTuple

from quotes.model import Problem

# Bytes that never appear in text, apart from tab, newlines, form feed and escape.
CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\v\f\r\x1b") + b"\x7f"
BINARY_CONTROL_SHARE = 0.1  # more control bytes than this share of the file: not text
LINES_SHOWN = 5  # lines listed in one warning; the rest are counted

_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")  # a byte ``surrogateescape`` could not decode
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class Decoded(NamedTuple):
    """A file's text, the encoding it was read with, and warnings (each naming the file and line)."""

    text: str
    encoding: str
    warnings: list[Problem]


def decode_bytes(data: bytes, name: str) -> Decoded | Problem:
    """Decode a file's bytes (see the module's rules), or say why they are not text.

    >>> decode_bytes("café".encode("cp1252"), "a.txt").warnings[0].message
    'not valid UTF-8 (byte 0xe9); decoded as cp1252'
    >>> decoded = decode_bytes(b"\\xe2\\x80\\x9cOne\\xe2\\x80\\x9d \\xff", "b.txt")
    >>> decoded.text, str(decoded.warnings[0])
    ('“One” �', 'b.txt:1: 1 byte that is not UTF-8 replaced with U+FFFD')
    """
    if data.startswith(codecs.BOM_UTF8):
        return _decode_utf8(data[len(codecs.BOM_UTF8):], name, "utf-8-sig")
    utf16 = _utf16_encoding(data)
    if utf16:
        return _decode_utf16(data, utf16, name)
    if b"\x00" in data:
        return Problem(name, "binary file (contains NUL bytes); skipped")
    controls = sum(data.count(byte) for byte in CONTROL_BYTES)
    if controls > BINARY_CONTROL_SHARE * len(data):
        return Problem(name, f"binary file ({controls} control bytes in {len(data)}); skipped")
    return _decode_utf8(data, name, "utf-8")


def _utf16_encoding(data: bytes) -> str | None:
    """``utf-16`` for a UTF-16 byte-order mark, ``utf-16-le``/``-be`` for the NULs of
    mostly-ASCII UTF-16 without one (every other byte NUL, on one side only)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if len(data) < 2 or len(data) % 2:
        return None
    even_nuls, odd_nuls = data[0::2].count(0), data[1::2].count(0)
    pairs = len(data) // 2
    if odd_nuls > pairs / 2 and even_nuls == 0:
        return "utf-16-le"
    if even_nuls > pairs / 2 and odd_nuls == 0:
        return "utf-16-be"
    return None


def _decode_utf16(data: bytes, encoding: str, name: str) -> Decoded | Problem:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as err:
        return Problem(name, f"looks like UTF-16 but is not valid UTF-16 ({err.reason}); skipped")
    if "\x00" in text:
        return Problem(name, "binary file (contains NUL characters); skipped")
    return Decoded(text, encoding, [Problem(name, f"decoded as {encoding.upper()}; save it as UTF-8", fatal=False)])


def _decode_utf8(data: bytes, name: str, encoding: str) -> Decoded:
    text = data.decode("utf-8", errors="surrogateescape")
    bad = [match.start() for match in _ESCAPED_BYTE.finditer(text)]
    if not bad:
        return Decoded(text, encoding, [])
    valid_multibyte = len(text) - len(text.encode("ascii", errors="ignore")) - len(bad)
    if valid_multibyte <= len(bad):
        first_bad = data[_byte_offset(text, bad[0])]
        return _decode_legacy(data, name, first_bad, line=_line_numbers(text, bad[:1])[0])
    lines = _line_numbers(text, bad)
    count = f"{len(bad)} byte{'s' if len(bad) > 1 else ''} that {'are' if len(bad) > 1 else 'is'} not UTF-8"
    message = f"{count} replaced with U+FFFD" + (f" (on {_some_lines(lines)})" if len(lines) > 1 else "")
    return Decoded(_ESCAPED_BYTE.sub("\ufffd", text), encoding, [Problem(name, message, line=lines[0], fatal=False)])


def _decode_legacy(data: bytes, name: str, bad_byte: int, line: int) -> Decoded:
    """Windows-1252 is what most mis-saved news text is; latin-1 decodes whatever is left."""
    try:
        text, encoding = data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        text, encoding = data.decode("latin-1"), "latin-1"
    message = f"not valid UTF-8 (byte 0x{bad_byte:02x}); decoded as {encoding}"
    return Decoded(text, encoding, [Problem(name, message, line=line, fatal=False)])


def _byte_offset(text: str, index: int) -> int:
    """Where character ``index`` of a ``surrogateescape`` decoding starts in ``data``."""
    return len(text[:index].encode("utf-8", errors="surrogateescape"))


def _line_numbers(text: str, offsets: list[int]) -> list[int]:
    """The 1-based line of each offset (sorted), each line once."""
    lines: list[int] = []
    line, previous = 1, 0
    for offset in offsets:
        line += text.count("\n", previous, offset)
        previous = offset
        if not lines or lines[-1] != line:
            lines.append(line)
    return lines


def _some_lines(lines: list[int]) -> str:
    """``line 3``, ``lines 3, 7`` or ``lines 3, 7, 9, 12, 15 and 4 more``."""
    shown = ", ".join(map(str, lines[:LINES_SHOWN]))
    more = f" and {len(lines) - LINES_SHOWN} more" if len(lines) > LINES_SHOWN else ""
    return f"line{'s' if len(lines) > 1 else ''} {shown}{more}"


def replace_surrogates(text: str) -> tuple[str, int]:
    """``text`` with each lone surrogate (JSON's ``"\\ud800"``) as U+FFFD, and how many there were.

    A surrogate cannot be encoded as UTF-8, so neither spaCy nor SQLite takes
    it; U+FFFD is one character too, so offsets hold.

    >>> replace_surrogates("a\\ud800b")
    ('a�b', 1)
    """
    return _LONE_SURROGATE.subn("\ufffd", text)


def replace_surrogates_in(values: Mapping[str, str]) -> tuple[dict[str, str], int]:
    """:func:`replace_surrogates` over every value of ``values``, and how many there were in all."""
    cleaned, total = {}, 0
    for key, value in values.items():
        cleaned[key], count = replace_surrogates(value)
        total += count
    return cleaned, total


def printable(text: str) -> str:
    """``text`` with each control character escaped, so a name or key prints on one line.

    >>> print(printable("two\\nlines\\x00"))
    two\\nlines\\x00
    """
    return "".join(
        char.encode("unicode_escape").decode("ascii") if unicodedata.category(char) == "Cc" else char for char in text
    )
