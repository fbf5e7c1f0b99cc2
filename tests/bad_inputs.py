"""A corpus of bad input, written into a folder when a test asks for it (nothing large is committed).

Each kind of bad input is one :class:`Case`: what it writes, and how a build
must end for it: an error or a warning naming its file (and line), an article
stored under a given key (with so many quotes), or nothing at all (ignored).

:func:`write_corpus` writes every case under one base folder:

- ``corpus/``: the folder given to ``quotes build`` (most cases);
- ``loose/`` and ``other/``: files and a folder named on the command line
  one by one (:func:`build_arguments` lists them);
- ``metadata.csv``: the sidecar table, itself full of bad rows.

:data:`SIDECAR_CASES`, :data:`ALIASES_CASES` and :data:`ALIASES_FIFO` are the
bad sidecar tables and curation files; only one of each can go into a build,
so they are written one at a time by :func:`write_alone`. :data:`SLOW_CASES`
take long enough alone that they are kept out of the corpus and tested alone.
"""
from __future__ import annotations

import codecs
import json
import os
import socket
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from quotes.ingest import MAX_ARTICLE_CHARS

SEED_KEY = "000_63344148f6407275.txt"


@dataclass(frozen=True)
class Case:
    """One kind of bad input and how a build must end for it.

    ``file`` is where it sits under the base folder, as messages show it;
    ``error``/``warning`` a piece of the message it must give (on ``line``
    when given); ``stored`` the key of the article it must store, with
    ``quotes`` quotes when given. A case with neither message nor article
    must leave no trace at all.
    """

    kind: str
    file: str
    write: Callable[[Path], None]
    error: str | None = None
    warning: str | None = None
    line: int | None = None
    stored: tuple[str, ...] = ()
    quotes: int | None = None
    argument: str | None = None  # the path named on the command line for it (else it is found in corpus/)
    needs_non_root: bool = False  # root reads any file, so the case means nothing to root


def story(topic: str, quotes: int = 1) -> str:
    """A short news text about ``topic`` with ``quotes`` attributed quotes (each text its own)."""
    paragraphs = [f"Talks on {topic} resume", f"Officials met on Tuesday to discuss {topic}."]
    speakers = ["Maria Lopez, a spokeswoman for the ministry", "John Kirby, a Pentagon spokesman", "Ali Hassan, the mayor"]
    for number in range(quotes):
        paragraphs.append(f"\u201cWe will not give up on {topic}, not now and not ever {number},\u201d said {speakers[number % 3]}.")
    return "\n\n".join(paragraphs) + "\n"


def _bytes(data: bytes) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)

    return write


def _text(text: str) -> Callable[[Path], None]:
    return _bytes(text.encode("utf-8"))


def _json(value: object) -> Callable[[Path], None]:
    return _text(json.dumps(value))


def _lines(*records: object) -> Callable[[Path], None]:
    return _text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records))


def _record(topic: str, **fields: object) -> dict:
    return {"text": story(topic), **fields}


def _fifo(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)


def _socket(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(path))


def _link(target: str) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.symlink_to(target)

    return write


def _unreadable(write: Callable[[Path], None]) -> Callable[[Path], None]:
    def write_then_lock(path: Path) -> None:
        write(path)
        path.chmod(0)

    return write_then_lock


def _folder_with(inner: str, text: str) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        (path / inner).parent.mkdir(parents=True, exist_ok=True)
        (path / inner).write_text(text, encoding="utf-8")

    return write


def _three_quotes_one_bad_byte() -> bytes:
    """The issue's ``bad_utf8.txt``: three curly-quoted quotes in UTF-8, one cp1252 apostrophe (0x92) on line 3."""
    text = story("the bridge", quotes=3).replace("Officials met", "Officials\x00s met")
    return text.encode("utf-8").replace(b"\x00", b"\x92")


def _mostly_cp1252() -> bytes:
    text = "Caf\u00e9 owners met on Tuesday. \u201cWe are na\u00efve,\u201d said Ren\u00e9e Dubois, the owner.\n"
    return text.encode("cp1252") + "One \u00e9 in UTF-8.\n".encode("utf-8")


def _utf16_invalid() -> bytes:
    return codecs.BOM_UTF16_LE + "Some text ".encode("utf-16-le") + b"\x00\xd8" + "then more.".encode("utf-16-le")


def _png() -> bytes:
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde" + bytes(range(256))


def _nested(depth: int) -> str:
    return '{"text": "deep", "x": ' + "[" * depth + "]" * depth + "}"


def _long_text_record() -> str:
    return json.dumps({"id": "long", "text": "word " * (MAX_ARTICLE_CHARS // 5 + 1)})


def _many_records(count: int) -> list[dict]:
    return [{"id": f"r{number}", "text": f"Record {number} of the feed.\n\nThe council met on day {number}."} for number in range(count)]


def _name_not_utf8(path: Path) -> None:
    """``café.txt`` with its name in latin-1 bytes (``path`` is how it is shown: ``caf\\xe9.txt``)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(os.path.join(os.fsencode(path.parent), b"caf\xe9.txt"), "wb") as file:
        file.write(story("the caf\u00e9 name").encode("utf-8"))


def _name_with_newline(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    (path.parent / "new\nline.txt").write_text(story("a name in two lines"), encoding="utf-8")


def _same_name_in_two_folders(path: Path) -> None:
    for folder in ("a", "b"):
        (path / folder).mkdir(parents=True, exist_ok=True)
        (path / folder / "same.txt").write_text(story(f"the same name in folder {folder}"), encoding="utf-8")


def _loop_back_up(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    (path.parent / "inside.txt").write_text(story("a folder with a loop"), encoding="utf-8")
    path.symlink_to("..")


def _link_to_outside_folder(path: Path) -> None:
    outside = path.parent.parent / "outside"
    outside.mkdir(parents=True, exist_ok=True)
    (outside / "elsewhere.txt").write_text(story("a linked folder"), encoding="utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(outside, target_is_directory=True)


DEEP_FOLDER = "/".join(["d"] * 40)
LONG_NAME = "n" * 300 + ".txt"

CASES: list[Case] = [
    # ------------------------------------------------------------- bytes that are no text
    Case("empty file", "corpus/empty.txt", _bytes(b""), error="empty file"),
    Case("only white space", "corpus/blank.txt", _text(" \n\t\r\n  \n"), error="only whitespace"),
    Case("NUL bytes in text", "corpus/nul.txt", _bytes(b"Some text\x00with a NUL byte.\n"), error="binary file"),
    Case("PNG bytes named .txt", "corpus/picture.txt", _bytes(_png()), error="binary file"),
    Case("control bytes, no NUL", "corpus/controls.txt", _bytes(bytes(range(1, 32)) * 40 + b"text"), error="binary file"),
    Case("binary named .html", "corpus/binary.html", _bytes(b"<html>\x00\x01\x02" + bytes(range(256))), error="binary file"),
    Case("binary named .json", "corpus/binary.json", _bytes(b"\x00\x00\x00\x01" + bytes(range(256))), error="binary file"),
    # ------------------------------------------------------------- encodings
    Case("UTF-16 with BOM", "corpus/utf16_bom.txt", _bytes(story("UTF-16 with a mark").encode("utf-16")),
         warning="decoded as UTF-16", stored=("utf16_bom.txt",), quotes=1),
    Case("UTF-16-LE without BOM", "corpus/utf16_le.txt", _bytes(story("UTF-16 little end").encode("utf-16-le")),
         warning="decoded as UTF-16-LE", stored=("utf16_le.txt",), quotes=1),
    Case("UTF-16-BE without BOM", "corpus/utf16_be.txt", _bytes(story("UTF-16 big end").encode("utf-16-be")),
         warning="decoded as UTF-16-BE", stored=("utf16_be.txt",)),
    Case("invalid UTF-16 (lone surrogate)", "corpus/utf16_bad.txt", _bytes(_utf16_invalid()), error="not valid UTF-16"),
    Case("UTF-8 with BOM", "corpus/utf8_bom.txt", _bytes(codecs.BOM_UTF8 + story("a byte-order mark").encode("utf-8")),
         stored=("utf8_bom.txt",), quotes=1),
    Case("one bad byte in UTF-8", "corpus/bad_utf8.txt", _bytes(_three_quotes_one_bad_byte()),
         warning="replaced with U+FFFD", line=3, stored=("bad_utf8.txt",), quotes=3),
    Case("encoded surrogate (CESU-8) bytes", "corpus/cesu.txt", _bytes(story("CESU bytes \u00e9\u00e9").encode("utf-8") + b"\xed\xa0\x80\n"),
         warning="replaced with U+FFFD", stored=("cesu.txt",)),
    Case("overlong UTF-8", "corpus/overlong.txt", _bytes(story("overlong \u00e9\u00e9").encode("utf-8") + b"\xc0\xaf\n"),
         warning="replaced with U+FFFD", stored=("overlong.txt",)),
    Case("UTF-8 cut off mid-character", "corpus/truncated.txt", _bytes(story("a cut \u00e9\u00e9").encode("utf-8") + b"\xe2\x80"),
         warning="replaced with U+FFFD", stored=("truncated.txt",)),
    Case("Windows-1252 text", "corpus/cp1252.txt", _bytes(story("na\u00efve caf\u00e9s").encode("cp1252")),
         warning="decoded as cp1252", stored=("cp1252.txt",), quotes=1),
    Case("latin-1 with C1 bytes", "corpus/latin1.txt", _bytes(b"Caf\xe9 \x81 owners met.\n"),
         warning="decoded as latin-1", stored=("latin1.txt",)),
    Case("mostly Windows-1252, one UTF-8 character", "corpus/mixed.txt", _bytes(_mostly_cp1252()),
         warning="decoded as cp1252", stored=("mixed.txt",)),
    # ------------------------------------------------------------- text that is odd but text
    Case("CRLF line endings", "corpus/crlf.txt", _text(story("Windows lines").replace("\n", "\r\n")), stored=("crlf.txt",), quotes=1),
    Case("CR-only line endings", "corpus/cr_only.txt", _text(story("old Mac lines").replace("\n", "\r")), stored=("cr_only.txt",)),
    Case("unbalanced quotation marks", "corpus/unbalanced.txt",
         _text('Talks stall\n\n"We will not give up, said one.\n\nAnother said \u201cnever.\n\nThe end\u201d of it" all.\n'),
         stored=("unbalanced.txt",)),
    Case("quotation marks only", "corpus/marks_only.txt", _text('"' * 200 + "\n" + "\u201c\u201d" * 100 + "\n"), stored=("marks_only.txt",)),
    Case("one 100,000-character line", "corpus/long_line.txt", _text("Officials said the talks went on. " * 3000), stored=("long_line.txt",)),
    Case("one 100,000-character word", "corpus/long_word.txt", _text("A" * 100_000 + "\n"), stored=("long_word.txt",)),
    Case("text over the parser's limit", "corpus/too_long.txt", _text("word " * (MAX_ARTICLE_CHARS // 5 + 1)),
         error=f"more than the {MAX_ARTICLE_CHARS:,} the parser takes"),
    Case("invisible format characters", "corpus/format_chars.txt",
         _text(story("zero\u200bwidth \u200fmarks\u2066").replace("Officials", "\ufeffOfficials\u00ad")), stored=("format_chars.txt",)),
    Case("line and paragraph separators", "corpus/separators.txt", _text(story("separators").replace("\n\n", "\u2029").replace(" met", "\u2028met")),
         stored=("separators.txt",)),
    Case("emoji and other astral characters", "corpus/astral.txt", _text(story("\U0001f600 and \U00010348")), stored=("astral.txt",), quotes=1),
    Case("combining characters", "corpus/combining.txt", _text(story("cafe\u0301 Zo\u0308e")), stored=("combining.txt",)),
    Case("form feeds and vertical tabs", "corpus/form_feed.txt", _text(story("page breaks").replace("\n\n", "\n\f\v\n")), stored=("form_feed.txt",)),
    # ------------------------------------------------------------- web pages
    Case("HTML with script and style only", "corpus/script_only.html",
         _text("<html><head><style>p{}</style></head><body><script>var said = 'no';</script></body></html>"),
         error="no visible article text"),
    Case("malformed HTML", "corpus/malformed.html",
         _text("<html><body><p>Talks on malformed pages resume<div><p>\u201cWe will not give up,\u201d said Maria Lopez.</b></i><p <<a href=>x</body"),
         stored=("malformed.html",)),
    Case("HTML with odd declarations", "corpus/declarations.html",
         _text("<!DOCTYPE html garbage><![if !IE]><p>Talks on declarations resume.</p><![endif]><!--> <?php echo 1 ?><p>Body.</p>"),
         stored=("declarations.html",)),
    Case("HTML comment never closed", "corpus/open_comment.html", _text("<p>Talks on open comments resume.</p><!-- <p>hidden</p>"),
         stored=("open_comment.html",)),
    Case("HTML references to surrogates and NUL", "corpus/bad_refs.html",
         _text("<p>Talks on &#xd800; references &#0; resume &#x110000; &bogus; &#99999999999;.</p>"), stored=("bad_refs.html",)),
    Case("HTML nested 10,000 deep", "corpus/deep.html", _text("<div>" * 10_000 + "<p>Talks on deep pages resume.</p>" + "</div>" * 10_000),
         stored=("deep.html",)),
    Case("upper-case extension .HTM", "corpus/PAGE.HTM", _text("<p>Talks on loud names resume.</p>"), stored=("PAGE.HTM",)),
    # ------------------------------------------------------------- JSON
    Case("JSON that is a string", "corpus/string.json", _json("just a string"), error="is not an object"),
    Case("JSON that is a number", "corpus/number.json", _text("42"), error="is not an object"),
    Case("JSON object without text", "corpus/no_text.json", _json({"title": "A title", "author": "Jane Doe"}), error="has no text"),
    Case("JSON empty object", "corpus/empty_object.json", _json({}), error="has no text"),
    Case("JSON text that is not a string", "corpus/text_number.json", _json({"text": 42, "body": ["a", "b"]}), error="has no text"),
    Case("JSON empty list", "corpus/empty_list.json", _json([]), warning="no records"),
    Case("JSON list of non-objects", "corpus/scalars.json", _json([1, "two", None]), error="record 0 is not an object"),
    Case("JSON list broken mid-way", "corpus/broken_list.json",
         _text("[\n" + json.dumps(_record("a list that breaks", id="kept")) + ',\n{"text": "no end\n]'),
         error="malformed JSON in record 1", line=3, stored=("broken_list.json#kept",)),
    Case("JSON with more after the value", "corpus/trailing.json", _text(json.dumps(_record("trailing data")) + " garbage"),
         error="more after the record"),
    Case("JSON cut off", "corpus/cut.json", _text('{\n  "text": "Talks on cut files resume,\n'), error="malformed JSON", line=2),
    Case("JSON nested 100,000 deep", "corpus/deep.json", _text(_nested(100_000)), error="nested more than 100 levels deep"),
    Case("JSON nested 500 deep", "corpus/deep500.json", _text(_nested(500)), error="nested more than 100 levels deep"),
    Case("JSON 5,000-digit number", "corpus/long_number.json", _text('{"text": "Talks resume.", "n": ' + "9" * 5000 + "}"),
         error="a number longer than"),
    Case("JSON text over the parser's limit", "corpus/long_text.jsonl", _lines(_long_text_record()),
         error=f"more than the {MAX_ARTICLE_CHARS:,} the parser takes", line=1),
    Case("JSON lone surrogate in the text", "corpus/surrogate.jsonl",
         _lines('{"id": "s1", "title": "A \\udc00 title", "text": "Talks on surrogates resume \\ud800.\\n\\n\\u201cWe will not give up,\\u201d said Maria Lopez."}'),
         warning="lone surrogate", line=1, stored=("surrogate.jsonl#s1",)),
    Case("JSON lone surrogate in the id", "corpus/surrogate_id.jsonl", _lines('{"id": "\\udfff", "text": "Talks on odd ids resume."}'),
         warning="lone surrogate", stored=("surrogate_id.jsonl#\ufffd",)),
    Case("JSON Lines with a bad line among good ones", "corpus/feed.jsonl",
         _lines(_record("good line one", id="g1"), '{"text": "broken', _record("good line three", id="g3")),
         error="malformed JSON line", line=2, stored=("feed.jsonl#g1", "feed.jsonl#g3")),
    Case("JSON Lines with a duplicate id", "corpus/dupes.jsonl", _lines(_record("first of two", id="x"), _record("second of two", id="x")),
         error="already read from", line=2, stored=("dupes.jsonl#x",)),
    Case("JSON Lines with CRLF and blank lines", "corpus/crlf.jsonl",
         _text("\r\n" + json.dumps(_record("CRLF records", id="c1")) + "\r\n\r\n" + json.dumps(_record("more CRLF records", id="c2")) + "\r\n"),
         stored=("crlf.jsonl#c1", "crlf.jsonl#c2")),
    Case("JSON string holding U+2028", "corpus/separator.jsonl", _lines('{"id": "u", "text": "Talks resume.\u2028\\u201cNot now,\\u201d said Maria Lopez."}'),
         stored=("separator.jsonl#u",)),
    Case("JSON id that is a seed's file name", "corpus/records.json", _json([_record("a record named like a seed", id=SEED_KEY)]),
         stored=(f"records.json#{SEED_KEY}",)),
    Case("JSON id holding a newline", "corpus/newline_id.json", _json(_record("odd ids", id="two\nlines")), stored=("newline_id.json#two\\nlines",)),
    Case("JSON record with a URL and no id", "corpus/url.jsonl", _lines(_record("linked records", url="https://example.com/a")),
         stored=("url.jsonl#https://example.com/a",)),
    Case("JSON with NaN and Infinity", "corpus/nan.json", _text('{"text": "Talks on odd numbers resume.", "score": NaN, "max": Infinity}'),
         stored=("nan.json",)),
    Case("JSON with a BOM", "corpus/bom.json", _bytes(codecs.BOM_UTF8 + json.dumps(_record("marked JSON")).encode("utf-8")), stored=("bom.json",)),
    Case("JSON Lines in a .json file", "corpus/lines.json", _lines(_record("lines one", id="l1"), _record("lines two", id="l2")),
         stored=("lines.json#l1", "lines.json#l2")),
    Case("JSON list of 500 records", "corpus/many.json", _json(_many_records(500)), stored=("many.json#r0", "many.json#r499")),
    # ------------------------------------------------------------- names and places
    Case("file name not UTF-8", "corpus/caf\\xe9.txt", _name_not_utf8, warning="not UTF-8 text", stored=("caf\\xe9.txt",), quotes=1),
    Case("file name with a newline", "corpus/new\\nline.txt", _name_with_newline, warning="not UTF-8 text", stored=("new\\nline.txt",)),
    Case("one name in two folders", "corpus/twins", _same_name_in_two_folders, stored=("twins/a/same.txt", "twins/b/same.txt")),
    Case("40 folders deep", f"corpus/{DEEP_FOLDER}/deep.txt", _text(story("deep folders")), stored=(f"{DEEP_FOLDER}/deep.txt",)),
    Case("hidden file", "corpus/.hidden.txt", _text(story("hidden files"))),
    Case("unknown extension", "corpus/notes.md", _text(story("notes"))),
    Case("upper-case extension .TXT", "corpus/LOUD.TXT", _text(story("loud names")), stored=("LOUD.TXT",)),
    Case("a folder named like a file", "corpus/folder.txt", _folder_with("inner.txt", story("folders named like files")),
         stored=("folder.txt/inner.txt",)),
    Case("FIFO in a folder", "corpus/fifo.txt", _fifo, error="a FIFO"),
    Case("socket in a folder", "corpus/sock.txt", _socket, error="a socket"),
    Case("device in a folder", "corpus/device.txt", _link("/dev/null"), error="a device"),
    Case("symbolic link loop", "corpus/loop.txt", _link("loop.txt"), error="symbolic link loop"),
    Case("dangling symbolic link", "corpus/dangling.txt", _link("nowhere.txt"), error="dangling symbolic link"),
    Case("folder link back up (a loop)", "corpus/looped/up", _loop_back_up, error="symbolic link loop", stored=("looped/inside.txt",)),
    Case("link to a file already read", "corpus/zz_link_to_crlf.txt", _link("crlf.txt")),
    Case("link to a folder elsewhere", "corpus/linked", _link_to_outside_folder, stored=("linked/elsewhere.txt",)),
    Case("unreadable file", "corpus/locked.txt", _unreadable(_text(story("locked files"))), error="Permission denied", needs_non_root=True),
    Case("unreadable folder", "corpus/locked_folder", _unreadable(_folder_with("x.txt", story("locked folders"))),
         error="cannot read the folder", needs_non_root=True),
    # ------------------------------------------------------------- the command line
    Case("missing path", "loose/missing.txt", lambda path: None, error="no such file or folder", argument="loose/missing.txt"),
    Case("unsupported file named", "loose/notes.md", _text("notes"), error="unsupported file type", argument="loose/notes.md"),
    Case("FIFO named", "loose/fifo.txt", _fifo, error="a FIFO", argument="loose/fifo.txt"),
    Case("dangling link named", "loose/dangling.txt", _link("nowhere.txt"), error="dangling symbolic link", argument="loose/dangling.txt"),
    Case("file name too long", f"loose/{LONG_NAME}", lambda path: None, error="File name too long", argument=f"loose/{LONG_NAME}"),
    Case("file named like a seed", f"loose/{SEED_KEY}", _text(story("a second seed")), error="already read from", argument=f"loose/{SEED_KEY}"),
    Case("second folder with a key the first has", "other/crlf.txt", _text(story("a second crlf")),
         error="already read from", argument="other"),
]

# Rows of the corpus's sidecar table (metadata.csv): the line each is on, and what it must say.
SIDECAR_TEXT = (
    "file,outlet,date\n"
    "utf8_bom.txt,The Daily,2024-01-05\n"
    'cp1252.txt,"The Unclosed Quote,2024-01-06\n'
    "crlf.txt,The Next Row,2024-01-07\n"
    "latin1.txt,Too,Many,Fields\n"
    "LOUD.TXT,The Loud,spring\n"
    "crlf.txt,The Duplicate,2024-01-08\n"
    ",No Key,2024-01-09\n"
)
SIDECAR_PROBLEMS = [
    (3, "error", "malformed row"),
    (5, "error", "expected 3 fields, found 4"),
    (6, "warning", "is not a date"),
    (7, "warning", "duplicate key"),
    (8, "error", "has no file"),
]


def write_corpus(base: Path) -> None:
    """Write every case (and the sidecar table) under ``base``."""
    for case in CASES:
        case.write(base / case.file)
    (base / "metadata.csv").write_text(SIDECAR_TEXT, encoding="utf-8")


def build_arguments(base: Path, seeds: Path) -> list[str]:
    """The paths of a build of the corpus: the seeds first, the corpus folder, then each named path."""
    return [str(seeds), str(base / "corpus")] + [str(base / case.argument) for case in CASES if case.argument]


# ----------------------------------------------------------------- one at a time


@dataclass(frozen=True)
class AloneCase:
    """A bad sidecar table or curation file: written alone as ``name``; what its message must say.

    ``xfail`` says why the case fails today, in a layer that is not ingest's.
    """

    kind: str
    name: str
    write: Callable[[Path], None]
    says: str
    xfail: str | None = None


SIDECAR_CASES = [
    AloneCase("sidecar missing", "absent.tsv", lambda path: None, "no such file or folder"),
    AloneCase("sidecar is a folder", "folder.tsv", lambda path: path.mkdir(), "a folder"),
    AloneCase("sidecar is a FIFO", "fifo.tsv", _fifo, "a FIFO"),
    AloneCase("sidecar is binary", "binary.tsv", _bytes(_png()), "binary file"),
    AloneCase("sidecar is empty", "empty.tsv", _bytes(b""), "no key column"),
    AloneCase("sidecar not UTF-8", "legacy.tsv", _bytes("file\toutlet\na.txt\tLe Caf\u00e9\n".encode("cp1252")), "decoded as cp1252"),
    AloneCase("sidecar JSON nested 100,000 deep", "deep.json", _text("[" * 100_000 + "]" * 100_000), "nested more than 100 levels deep"),
    AloneCase("sidecar JSON 5,000-digit number", "number.json", _text('[{"file": "a.txt", "n": ' + "1" * 5000 + "}]"), "a number longer than"),
    AloneCase("sidecar JSON lone surrogate", "surrogate.json", _text('[{"file": "a.txt", "outlet": "The \\ud800 Post"}]'), "lone surrogate"),
    AloneCase("sidecar JSON not objects", "scalars.json", _json([1, 2]), "record 0 is not an object"),
    AloneCase("sidecar CSV with a field over csv's size limit", "huge_field.csv", _text("file,title\na.txt," + "t" * 200_000 + "\n"),
              "field larger than field limit"),
]

DEEP_YAML = "merge:\n  - " + "[" * 5000 + "]" * 5000 + "\n"

ALIASES_CASES = [
    AloneCase("aliases not UTF-8", "aliases.yml", _bytes("merge:\n  - [Ren\u00e9, Rene]\n".encode("cp1252")), "not UTF-8"),
    AloneCase("aliases binary", "aliases.yml", _bytes(b"merge:\n  - [a, b]\x00\x01\x02\n"), "not valid YAML"),
    AloneCase("aliases malformed YAML", "aliases.yml", _text("merge: [unclosed\n"), "not valid YAML"),
    AloneCase("aliases of the wrong shape", "aliases.yml", _text("merge: 42\n"), "must be a list"),
    AloneCase("aliases is a folder", "aliases.yml", lambda path: path.mkdir(), "aliases.yml"),
    AloneCase("aliases 5,000 levels deep", "aliases.yml", _text(DEEP_YAML), "nested too deeply"),
]
# A curation file that is a FIFO: it can only be tried in a process of its own, which a timeout can end.
ALIASES_FIFO = AloneCase("aliases is a FIFO", "aliases.yml", _fifo, "aliases.yml")

# 16,000 quoted words in one paragraph: half a minute of parsing, so tried alone, not in every corpus build
# (a quadratic scan of the marks would take ten minutes).
SLOW_CASES = [
    AloneCase("16,000 quotation-mark pairs", "marks.txt", _text(" ".join(f'"w{n}"' for n in range(16_000)) + "\n"), "marks.txt"),
]


def write_alone(folder: Path, case: AloneCase) -> Path:
    """Write one sidecar, curation or slow case into ``folder``; its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / case.name
    case.write(path)
    return path
