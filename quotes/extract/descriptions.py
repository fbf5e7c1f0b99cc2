"""What a description says of a person, and what the article says of each person, as words to compare.

"The Kentucky Republican" and "the Vermont senator" stand for someone the
article named with those words nearby: in a role (``Kentucky Sen. Mitch
McConnell``, ``the Republican leader``) or in the party-and-state tag news
writes after a lawmaker's name (``Mitch McConnell (R-Ky.)``, ``Paul Ryan,
R-Wis.,``), abbreviations spelled out. :func:`described_words` gives the
capitalized words of a description; :func:`words_about` those the article
writes at a person's name.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from ..lexicon import Lexicon

#: How many tokens after a name a party-and-state tag may run.
MAX_TAG_TOKENS = 8
TAG_PART = re.compile(r"[A-Za-z][A-Za-z.]*")


def described_words(span: Span, head: Token, lexicon: Lexicon) -> set[str]:
    """The capitalized words of a description besides its noun: ``the Kentucky Republican`` gives
    ``{"kentucky"}`` with head ``Republican``, ``the New York businessman`` ``{"new", "york"}``."""
    return {_normal(token.text, lexicon) for token in span if token.i != head.i and token.is_title and token.is_alpha}


def words_about(doc: Doc, start: int, end: int, role: str | None, lexicon: Lexicon) -> set[str]:
    """What the article writes at the name ``doc[start:end]``: the capitalized words of its role
    and the party-and-state tag after it, spelled out."""
    words = {_normal(word, lexicon) for word in (role or "").split() if word[:1].isupper()}
    return words | _tag_words(doc, end, lexicon)


def _tag_words(doc: Doc, end: int, lexicon: Lexicon) -> set[str]:
    """``(R-Ky.)``, ``, R-Wis.,`` or ``(Vt.)`` right after a name: ``{"republican", "kentucky"}``."""
    if end >= len(doc) or doc[end].text not in ("(", ","):
        return set()
    closing = ")" if doc[end].text == "(" else ","
    tag = []
    for token in doc[end + 1 : min(end + 1 + MAX_TAG_TOKENS, len(doc))]:
        if token.text == closing:
            break
        tag.append(token.text_with_ws)
    parts = [part.lower().rstrip(".") for part in TAG_PART.findall("".join(tag))]
    party = lexicon.party_words.get(parts[0]) if parts and len(parts[0]) == 1 else None
    state = lexicon.state_abbreviations.get(".".join(parts[1:] if party else parts))
    if state is None:
        return {party} if party else set()  # no tag: "Kirby, a spokesman", "Kirby (right)"
    return {party, *state.split()} - {None}


def _normal(word: str, lexicon: Lexicon) -> str:
    """Lowercase, without a final full stop, a party spelled out ("Democratic" is "democrat")."""
    word = word.lower().rstrip(".")
    return lexicon.party_words.get(word, word) if len(word) > 1 else word
