"""Which words of a speaker mention are the name, and when two names are one.

Titles, ranks, honorifics and determiners stand around a name without being
part of it: ``Maj. Gen. Pat Ryder`` is ``Pat Ryder``, ``The White House`` is
``White House``. Inside one article, ``Kirby`` is a shortening of ``John
Kirby``. Both the noun phrase of a mention (:mod:`.noun_phrases`) and the
article's entity index (:mod:`.entities`) read names with these predicates.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

from spacy.tokens import Span, Token

from ..lexicon import Lexicon
from .lemmas import lemma_of


def bare(token: Token) -> str:
    """The token lowercase without a full stop: ``Gen.`` gives ``gen``."""
    return token.lower_.rstrip(".")


def is_title(token: Token, lexicon: Lexicon) -> bool:
    """A capitalized honorific, rank or office title (``Mr.``, ``Gen``, ``President``)."""
    word = bare(token)
    return token.text[:1].isupper() and (
        word in lexicon.honorifics or word in lexicon.ranks or word in lexicon.office_titles
    )


def is_abbreviated_title(token: Token) -> bool:
    """A capitalized abbreviation longer than an initial (``Del.``, ``Sen.``, not ``C.``): before
    a name, only a title is written so."""
    return token.text[:1].isupper() and token.text.endswith(".") and len(token.text) > 2 and token.text[:-1].isalpha()


def is_rank_or_honorific(token: Token, lexicon: Lexicon) -> bool:
    """A capitalized rank or honorific (``Gen.``, ``Maj``, ``Mr.``), or the full stop after one (``Maj`` ``.``).

    ``General`` after an office title is part of the office (``Secretary General``).
    """
    if token.text == "." and token.i > 0:
        token = token.doc[token.i - 1]
    word = bare(token)
    if word == "general" and token.i > 0 and bare(token.doc[token.i - 1]) in lexicon.office_titles:
        return False
    return token.text[:1].isupper() and (word in lexicon.ranks or word in lexicon.honorifics)


def is_name_word(token: Token, lexicon: Lexicon) -> bool:
    """A proper noun (or the hyphen inside a name) that is no office title."""
    return (token.pos_ == "PROPN" or token.text == "-") and bare(token) not in lexicon.office_titles


def head_of(span: Span) -> Token:
    """The span's head word: the last word whose syntactic head lies outside it.

    English noun phrases end in their head, and a mis-parse can leave several
    words pointing outside (``Trump senior communications adviser Jason Miller``
    when "Trump" is taken for a verb): the last one is the name.
    """
    outside = [t for t in span if t.head.i < span.start or t.head.i >= span.end or t.head.i == t.i]
    return outside[-1] if outside else span.root


def strip_mention(span: Span, lexicon: Lexicon) -> Span:
    """The span without determiners, titles, possessive endings and punctuation around it.

    ``The White House`` gives ``White House``; ``Maj. Gen. Pat Ryder`` gives ``Pat Ryder``.
    """
    doc = span.doc
    start, end = span.start, span.end
    while start < end - 1 and (
        doc[start].lower_ in lexicon.determiners
        or is_title(doc[start], lexicon)
        or doc[start].is_punct
        or doc[start].is_space
        or is_cue_word(doc[start], lexicon)
    ):
        start += 1
    while end > start + 1 and (
        doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].lower_ in ("'s", "’s", "'", "’")
    ):
        end -= 1
    while end > start + 1 and is_generic_org_noun(doc[end - 1], lexicon) and doc[end - 2].pos_ == "PROPN":
        end -= 1  # "the Kataib Hezbollah militia" is Kataib Hezbollah
    return doc[start:end]


def is_cue_word(token: Token, lexicon: Lexicon) -> bool:
    """A sentence-opening reporting verb the tagger took for a first name
    (``Stated Stone: "..."``; ``The State Department`` keeps its ``State``)."""
    return token.is_sent_start and token.lower_ in lexicon.reporting_forms


def is_generic_org_noun(token: Token, lexicon: Lexicon) -> bool:
    """A lowercase noun saying what kind of organization a name is (``militia``)."""
    return token.is_lower and lemma_of(token).lower() in lexicon.kind_of_org_nouns


def clean_name(text: str) -> str:
    """Text with whitespace collapsed, invisible format characters (a soft
    hyphen in ``Doug\\xadAndres``) and a possessive ending dropped.

    >>> clean_name("Kirby’s"), clean_name("John   Kirby")
    ('Kirby', 'John Kirby')
    """
    text = " ".join("".join(char for char in text if unicodedata.category(char) != "Cf").split())
    for ending in ("'s", "’s"):
        text = text.removesuffix(ending)
    return text


def name_of(span: Span) -> str:
    """The name ``span`` writes, without a nickname in marks inside it
    (``Marcia "Cia" Price`` is ``Marcia Price``), cleaned as :func:`clean_name` does."""
    marks = [token.i for token in span if token.is_quote]
    if len(marks) < 2:
        return clean_name(span.text)
    opening, closing = marks[0], marks[1]
    doc = span.doc
    kept = doc[span.start : opening].text_with_ws + doc[closing + 1 : span.end].text
    return clean_name(kept)


def name_parts(name: str, lexicon: Lexicon) -> list[str]:
    """Words of a name, lowercase, hyphenated parts split, generational suffix dropped, and
    apostrophes of one shape (an article may type ``O’Neill`` and ``O'Neill``).

    >>> from quotes.lexicon import DEFAULT_LEXICON
    >>> name_parts("Harry B. Harris Jr.", DEFAULT_LEXICON), name_parts("al-Hamidawi", DEFAULT_LEXICON)
    (['harry', 'b.', 'harris'], ['al', 'hamidawi'])
    >>> name_parts("James O’Neill", DEFAULT_LEXICON)
    ['james', "o'neill"]
    """
    return list(_name_parts(name, lexicon.name_suffixes))


@lru_cache(maxsize=65536)
def _name_parts(name: str, suffixes: frozenset[str]) -> tuple[str, ...]:
    """:func:`name_parts`, remembered: an article compares the same few names thousands of times."""
    parts = name.lower().replace("’", "'").replace("-", " ").replace(",", " ").split()
    while len(parts) > 1 and parts[-1].rstrip(".") in suffixes:
        parts.pop()
    return tuple(parts)


def is_shortening(full: str, short: str, lexicon: Lexicon) -> bool:
    """Is ``short`` the tail of ``full``? (``Kirby`` of ``John Kirby``, ``al-Hamidawi``.)"""
    full_parts, short_parts = name_parts(full, lexicon), name_parts(short, lexicon)
    return len(short_parts) < len(full_parts) and full_parts[-len(short_parts):] == short_parts


def is_given_name_of(full: str, word: str, lexicon: Lexicon) -> bool:
    """Is the one-word ``word`` the first word of the full name ``full`` (a given name, or a
    surname written first: ``Demi`` of ``Demi Moore``, ``Hua`` of ``Hua Chunying``)?

    >>> from quotes.lexicon import DEFAULT_LEXICON
    >>> is_given_name_of("Hua Chunying", "Hua", DEFAULT_LEXICON), is_given_name_of("Hua Chunying", "Chunying", DEFAULT_LEXICON)
    (True, False)
    """
    full_parts, parts = name_parts(full, lexicon), name_parts(word, lexicon)
    return len(parts) == 1 and len(full_parts) > 1 and full_parts[0] == parts[0]


#: Shortest surname a one-letter slip may be read in: shorter ones differ by a letter too often (Hansen, Hanson).
MIN_MISSPELT_SURNAME = 6


def is_misspelt_surname(full: str, word: str, lexicon: Lexicon) -> bool:
    """Is the one-word ``word`` the surname of ``full`` with one letter dropped, added,
    changed or two swapped? Articles slip (``McLenney`` for ``Tyresha McClenney``).

    >>> from quotes.lexicon import DEFAULT_LEXICON
    >>> is_misspelt_surname("Tyresha McClenney", "McLenney", DEFAULT_LEXICON)
    True
    >>> is_misspelt_surname("Tim Kaine", "Kain", DEFAULT_LEXICON)  # too short to tell
    False
    >>> is_misspelt_surname("Bill Nelson", "Wilson", DEFAULT_LEXICON)
    False
    """
    full_parts, parts = name_parts(full, lexicon), name_parts(word, lexicon)
    if len(parts) != 1 or len(full_parts) < 2:
        return False
    one, other = full_parts[-1], parts[0]
    if one == other or min(len(one), len(other)) < MIN_MISSPELT_SURNAME or one[0] != other[0]:
        return False
    return _one_edit_apart(one, other)


def _one_edit_apart(one: str, other: str) -> bool:
    """Do two different words differ by one letter dropped, added or changed, or two neighbours swapped?"""
    if len(one) > len(other):
        one, other = other, one
    if len(other) - len(one) > 1:
        return False
    first = next((i for i, (a, b) in enumerate(zip(one, other)) if a != b), len(one))
    if len(one) < len(other):
        return one[first:] == other[first + 1 :]
    if one[first + 1 :] == other[first + 1 :]:
        return True  # one letter changed
    swapped = other[first + 1 : first + 2] + other[first : first + 1]
    return one[first : first + 2] == swapped and one[first + 2 :] == other[first + 2 :]
