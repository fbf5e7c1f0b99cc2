"""A CSL item written as a BibTeX ``@article`` entry, for Zotero, JabRef or LaTeX.

citeproc-py renders citations but does not export them, so the entry is
written here, from the same CSL item as the CSL-JSON export.

>>> print(bibtex_entry({"id": "q-1", "type": "article-newspaper", "title": "Q&A: 50% of US",
...                     "container-title": "Al-Monitor", "author": [{"family": "Ruiz", "given": "Ana"}],
...                     "issued": {"date-parts": [[2024, 1, 31]]}, "note": "Quote q-1"}))
@article{q-1,
  author = {Ruiz, Ana},
  title = {{Q\\&A: 50\\% of US}},
  journal = {Al-Monitor},
  date = {2024-01-31},
  year = {2024},
  month = jan,
  note = {Quote q-1},
}
"""
from __future__ import annotations

import re
from typing import Any

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# What TeX reads as a command or a special character, and how to write it as itself.
SPECIAL = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$",
    "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
}
SPECIAL_CHARACTERS = re.compile("|".join(re.escape(character) for character in SPECIAL))
# Characters a URL cannot carry inside a braced BibTeX value.
URL_UNSAFE = {"{": "%7B", "}": "%7D", " ": "%20"}


def bibtex_escape(text: str) -> str:
    r"""``text`` with TeX's special characters escaped, so it prints as written.

    >>> print(bibtex_escape("50% of {x}_1 & ~"))
    50\% of \{x\}\_1 \& \textasciitilde{}
    """
    return SPECIAL_CHARACTERS.sub(lambda m: SPECIAL[m[0]], text)


def bibtex_entry(item: dict[str, Any]) -> str:
    """The CSL ``item`` as an ``@article`` keyed by its ID: author, title, journal (the outlet),
    date, year and month, url and note, whichever it has.

    The title is double-braced so BibTeX styles keep its capitals.
    """
    fields: list[tuple[str, str]] = []
    if item.get("author"):
        fields.append(("author", "{" + " and ".join(map(bibtex_name, item["author"])) + "}"))
    fields.append(("title", "{{" + bibtex_escape(item["title"]) + "}}"))
    if item.get("container-title"):
        fields.append(("journal", "{" + bibtex_escape(item["container-title"]) + "}"))
    if item.get("issued"):
        year, month, day = item["issued"]["date-parts"][0]
        fields += [("date", f"{{{year:04d}-{month:02d}-{day:02d}}}"), ("year", f"{{{year}}}"),
                   ("month", MONTHS[month - 1])]
    if item.get("URL"):
        fields.append(("url", "{" + "".join(URL_UNSAFE.get(ch, ch) for ch in item["URL"]) + "}"))
    if item.get("note"):
        fields.append(("note", "{" + bibtex_escape(item["note"]) + "}"))
    body = "".join(f"  {name} = {value},\n" for name, value in fields)
    return f"@article{{{item['id']},\n{body}}}"


def bibtex_name(name: dict[str, str]) -> str:
    """A CSL name as BibTeX writes it: "von Last, Jr, First", or a literal in braces (an organization).

    >>> bibtex_name({"family": "Beethoven", "given": "Ludwig", "non-dropping-particle": "van"})
    'van Beethoven, Ludwig'
    >>> bibtex_name({"literal": "Reuters & AFP"})
    '{Reuters \\\\& AFP}'
    """
    if "literal" in name:
        return "{" + bibtex_escape(name["literal"]) + "}"
    last = " ".join(part for part in (name.get("non-dropping-particle"), name["family"]) if part)
    parts = [last, name.get("suffix"), name.get("given")]
    return ", ".join(bibtex_escape(part) for part in parts if part)
