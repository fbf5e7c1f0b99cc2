"""The role an article writes at a person's name, as written.

After the name, set off by a comma (``John Kirby, a spokesman for the
National Security Council,``), or before it as a title (``Pentagon press
secretary Maj. Gen. Pat Ryder``: ranks and honorifics are not the role).
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from ..lexicon import Lexicon
from .name_words import is_rank_or_honorific

#: Entity labels that cannot be part of a role written before a name.
NON_ROLE_ENTITIES = frozenset("DATE TIME CARDINAL ORDINAL MONEY PERCENT QUANTITY".split())
#: Punctuation that ends an appositive.
PHRASE_BREAKS = frozenset(",;.:()[]—–")
#: Longest appositive read as a role, in tokens.
MAX_ROLE_TOKENS = 16


def role_written_at(doc: Doc, name_start: int, name_end: int, lexicon: Lexicon) -> str | None:
    """The role written at a person's name: an appositive after it, else a title before it."""
    return appositive_role(doc, name_end) or premodifier_role(doc, name_start, lexicon)


def appositive_role(doc: Doc, after: int) -> str | None:
    """``NAME, ROLE,``: a noun phrase set off by a comma right after the name.

    The phrase ends at the next comma, full stop, quotation mark or relative
    pronoun (``a lawyer in Orlando who ...``), holds a common noun and no
    finite verb; an age before it is skipped (``Cecelia Purner, 67, a retired
    teacher``). ``Kirby, speaking to reporters,`` gives none.
    """
    if after >= len(doc) - 1 or doc[after].text != ",":
        return None
    words = _phrase_until_comma(doc, after + 1)
    if words and all(token.like_num for token in words):
        words = _phrase_until_comma(doc, words[-1].i + 2)
    if not words or words[0].pos_ in ("ADP", "PRON", "NUM", "SCONJ", "CCONJ", "VERB", "AUX"):
        return None
    if not any(token.pos_ == "NOUN" for token in words) or any(_is_finite_verb(t, words) for t in words):
        return None
    if _phrase_head(words).pos_ not in ("NOUN", "PROPN"):
        return None  # "Clinton, triumphant in several states," describes, it is no role
    return _text_of(doc, words[0], words[-1])


def _phrase_head(words: list[Token]) -> Token:
    """The first word of the phrase whose syntactic head lies outside it."""
    inside = {token.i for token in words}
    return next((t for t in words if t.head.i not in inside or t.head.i == t.i), words[0])


def _phrase_until_comma(doc: Doc, start: int) -> list[Token]:
    words = []
    for token in doc[start: start + MAX_ROLE_TOKENS]:
        if token.text in PHRASE_BREAKS or token.is_quote or token.is_space or token.tag_ in ("WP", "WP$", "WDT"):
            break
        words.append(token)
    return words


def _is_finite_verb(token: Token, words: list[Token]) -> bool:
    """A verb that is not a participle after a noun (``a broker based in Tampa`` is fine)."""
    if token.pos_ not in ("VERB", "AUX"):
        return False
    after_noun = any(w.pos_ == "NOUN" for w in words if w.i < token.i)
    return not (token.tag_ in ("VBN", "VBG") and after_noun)


def premodifier_role(doc: Doc, name_start: int, lexicon: Lexicon) -> str | None:
    """``Pentagon press secretary Maj Gen Pat Ryder``: the title words before the name, ranks dropped."""
    i = name_start - 1
    while i >= 0 and is_rank_or_honorific(doc[i], lexicon):
        i -= 1
    end = i + 1
    while i >= 0 and _can_be_in_title(doc[i]):
        i -= 1
    start = i + 1
    while start < end and doc[start].lower_ in ("of", "for", "and", "-", "'s", "’s"):
        start += 1
    if start >= end or doc[end - 1].pos_ not in ("NOUN", "PROPN"):
        return None
    return _text_of(doc, doc[start], doc[end - 1])


def _can_be_in_title(token: Token) -> bool:
    """Can ``token`` be part of a title written before a name (``US Department of Defense spokesman``)?"""
    if token.ent_type_ in NON_ROLE_ENTITIES or token.is_quote:
        return False
    if token.pos_ in ("NOUN", "PROPN", "ADJ"):
        return True
    return token.lower_ in ("of", "-", "'s", "’s") and not token.is_sent_start


def _text_of(doc: Doc, first: Token, last: Token) -> str:
    return doc[first.i: last.i + 1].text
