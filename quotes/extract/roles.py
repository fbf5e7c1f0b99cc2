"""The role an article writes at a person's name, as written.

After the name, set off by a comma (``John Kirby, a spokesman for the
National Security Council,``), before it as a title (``Pentagon press
secretary Maj. Gen. Pat Ryder``: ranks and honorifics are not the role), or
as the description the name stands in apposition to (``Campbell's partner,
Jason Louth``). A role is what the person is: words before a name that the
parse does not hang on it (``disparaging remarks Trump had made``, ``In a
Bloomberg interview Trump declared``) are no title.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from ..lexicon import Lexicon
from .lemmas import lemma_of
from .name_words import is_rank_or_honorific

#: Entity labels that cannot be part of a role written before a name.
NON_ROLE_ENTITIES = frozenset("DATE TIME CARDINAL ORDINAL MONEY PERCENT QUANTITY".split())
#: Punctuation that ends an appositive.
PHRASE_BREAKS = frozenset(",;.:()[]—–")
#: Longest appositive read as a role, in tokens.
MAX_ROLE_TOKENS = 16


def role_written_at(doc: Doc, name_start: int, name_end: int, lexicon: Lexicon) -> str | None:
    """The role written at a person's name: an appositive after it, else a title or a description before it."""
    return (
        appositive_role(doc, name_end, lexicon)
        or premodifier_role(doc, name_start, name_end, lexicon)
        or described_before(doc, name_start, name_end, lexicon)
    )


def described_before(doc: Doc, name_start: int, name_end: int, lexicon: Lexicon) -> str | None:
    """``Campbell's partner, Jason Louth``: the description of a person the name is in apposition to."""
    if name_start < 2 or doc[name_start - 1].text != ",":
        return None
    name = next((t for t in doc[name_start:name_end] if not name_start <= t.head.i < name_end), None)
    if name is None or name.dep_ != "appos":
        return None
    noun = name.head
    if noun.i >= name_start or noun.pos_ != "NOUN" or not lexicon.describes_a_person(lemma_of(noun).lower()):
        return None
    start = noun.left_edge.i
    if noun.i - start >= MAX_ROLE_TOKENS or any(t.is_quote for t in doc[start : noun.i + 1]):
        return None
    return _text_of(doc, doc[start], noun)


def appositive_role(doc: Doc, after: int, lexicon: Lexicon) -> str | None:
    """``NAME, ROLE,``: a noun phrase set off by a comma right after the name.

    The phrase ends at the next comma, full stop, quotation mark or relative
    pronoun (``a lawyer in Orlando who ...``), holds a common noun and no
    finite verb, and its head names what a person is; an age before it is
    skipped (``Cecelia Purner, 67, a retired teacher``). ``Kirby, speaking to
    reporters,`` gives none.
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
    head = _phrase_head(words)
    if head.pos_ not in ("NOUN", "PROPN"):
        return None  # "Clinton, triumphant in several states," describes, it is no role
    if head.pos_ == "NOUN" and not lexicon.describes_a_person(lemma_of(head).lower()):
        return None  # "According to Limbaugh, the move reeks of ...": the reporter's words, no role
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


def premodifier_role(doc: Doc, name_start: int, name_end: int, lexicon: Lexicon) -> str | None:
    """``Pentagon press secretary Maj Gen Pat Ryder``: the title words before the name, ranks dropped.

    The last of them must hang on the name (or its ranks) in the parse, as a
    compound or a modifier, and name what someone is: ``remarks`` in
    ``disparaging remarks Trump had made`` is no title.
    """
    i = name_start - 1
    while i >= 0 and is_rank_or_honorific(doc[i], lexicon):
        i -= 1
    end = i + 1
    limit = max(end - MAX_ROLE_TOKENS, 0)
    while i >= limit and _can_be_in_title(doc[i]):
        i -= 1
    start = i + 1
    while start < end and doc[start].lower_ in ("of", "for", "and", "-", "'s", "’s"):
        start += 1
    last = doc[end - 1] if start < end else None
    if last is None or last.pos_ not in ("NOUN", "PROPN") or not _hangs_on(last, end, name_end):
        return None
    if not (last.is_title or last.text[:1].isupper() or lexicon.describes_a_person(lemma_of(last).lower())):
        return None  # "disparaging remarks Trump had made": a title names what someone is
    return _text_of(doc, doc[start], last)


def _hangs_on(word: Token, name_start: int, name_end: int) -> bool:
    """Is ``word`` a modifier of the name: its head inside the name, or a word before the name that is?"""
    head = word.head
    for _ in range(MAX_ROLE_TOKENS):
        if name_start <= head.i < name_end:
            return True
        if head.i >= name_start or head.head.i == head.i:
            return False
        head = head.head
    return False


def _can_be_in_title(token: Token) -> bool:
    """Can ``token`` be part of a title written before a name (``US Department of Defense spokesman``)?"""
    if token.ent_type_ in NON_ROLE_ENTITIES or token.is_quote:
        return False
    if token.pos_ in ("NOUN", "PROPN", "ADJ"):
        return True
    return token.lower_ in ("of", "-", "'s", "’s") and not token.is_sent_start


def _text_of(doc: Doc, first: Token, last: Token) -> str:
    return doc[first.i: last.i + 1].text
