"""The span of text a speaker mention covers, as the article names the speaker.

The cue attaches to a head word ("Kirby" in "US National Security Council
spokesman John Kirby said"); the mention is that word with the rest of the
name and its rank or honorific, but not the office or job written before it:
"John Kirby", "Maj. Gen. Pat Ryder", "A Pentagon spokesperson", "The White
House", "Trump and Ryan". A description with a name in apposition is the
name ("Campbell's partner, Jason Louth" is "Jason Louth"; the description is
its role, see :mod:`.roles`).

:func:`names_a_source` tells a mention that can be a source (a name, a
pronoun, a noun for people, a group or a document) from words that name no
one ("63 percent", "the box", "softer language").
"""
from __future__ import annotations

import re

from spacy.tokens import Span, Token

from ..lexicon import DEFAULT_LEXICON, Lexicon
from .lemmas import lemma_of
from .name_words import head_of, is_name_word, is_rank_or_honorific

#: Modifiers that belong to a speaker mention ("Pentagon spokesman John Kirby").
MENTION_LEFT_DEPS = frozenset("det compound amod poss nmod nummod quantmod".split())
#: Entity labels of numbers and times: such a word names no source.
NUMERIC_ENTITIES = frozenset("CARDINAL ORDINAL PERCENT QUANTITY MONEY DATE TIME".split())
#: Entity labels of people and organizations (NORP: "Republicans", "Russians").
SOURCE_ENTITIES = frozenset("PERSON ORG GPE NORP".split())
#: Longest contracted ending ("'ll", "’ve").
MAX_CLITIC_CHARS = 3
#: An age standing for a person: "the 46-year-old".
AGE = re.compile(r"\d+-year-old\b")


def mention(head: Token, lexicon: Lexicon = DEFAULT_LEXICON) -> Span:
    """The speaker mention headed by ``head``, as the article names the speaker.

    A name keeps its rank or honorific but not the office or job written
    before it ("US President Joe Biden" gives "Joe Biden", "Maj. Gen. Pat
    Ryder" stays whole); any other noun phrase keeps its determiner and
    modifiers ("A Pentagon spokesperson"). Appositives, relative clauses and
    other trailing material stay out.
    """
    if head.tag_ == "POS" and head.head.i != head.i:
        head = head.head  # the owner, not the "'s" the parser hung the cue on
    name = appositive_name(head, lexicon)
    if name is not None:
        return mention(name, lexicon)
    doc = head.doc
    start, end = noun_phrase_bounds(head)
    people = of_whom(head, lexicon)
    if people is not None:
        end = people.right_edge.i + 1  # "Only 52 percent of registered voters"
    if head.pos_ == "PROPN":
        name_start = name_start_of(head, start, lexicon)
        if name_start > start and doc[name_start - 1].pos_ == "DET" and head.ent_type_ != "PERSON":
            name_start -= 1  # "The White House"
        start = name_start
    return doc[start:end]


def noun_phrase_bounds(head: Token) -> tuple[int, int]:
    """``(start, end)`` of ``head`` with its left modifiers and the rest of its name."""
    start = head.i
    for child in head.lefts:
        if child.dep_ in MENTION_LEFT_DEPS and not child.is_punct:
            start = child.left_edge.i
            break
    end = head.i + 1
    for child in head.rights:
        if child.dep_ in ("compound", "flat") and child.i == end:
            end = child.right_edge.i + 1
        elif child.dep_ == "cc" and child.i == end and _conjunct_at(head, end + 1):
            end += 1
        elif child.dep_ == "conj" and child.i == end and child.pos_ in ("PROPN", "NOUN"):
            end = noun_phrase_bounds(child)[1]  # "Trump and Ryan"
    doc = head.doc
    while start < head.i and (doc[start].is_punct or doc[start].is_space):
        start += 1
    return start, end


def _conjunct_at(head: Token, i: int) -> bool:
    """Is token ``i`` a noun conjoined to ``head`` (so the "and" before it belongs to the mention)?"""
    doc = head.doc
    return i < len(doc) and doc[i].head.i == head.i and doc[i].dep_ == "conj" and doc[i].pos_ in ("PROPN", "NOUN")


def of_whom(number: Token, lexicon: Lexicon) -> Token | None:
    """The sources a number or share counts: "voters" in "63 percent of voters", "ads" in "one
    of her ads"."""
    if not (number.like_num or number.ent_type_ in NUMERIC_ENTITIES or lemma_of(number).lower() in lexicon.quantity_nouns):
        return None
    for preposition in number.rights:
        if preposition.lower_ == "of":
            sources = [child for child in preposition.children if child.dep_ == "pobj"]
            if sources and (sources[0].pos_ in ("PROPN", "PRON") or _is_source_noun(sources[0], lexicon)):
                return sources[0]
    return None


def _is_source_noun(token: Token, lexicon: Lexicon) -> bool:
    """A noun for people, a group or what a speaker issues, as written or as its lemma, whole or
    by its last part when hyphenated ("co-host", "look-alike")."""
    if token.pos_ not in ("NOUN", "ADJ") or not token.is_alpha:
        return False
    forms = {token.lower_, lemma_of(token).lower(), _hyphenated(token)}
    forms |= {form.rsplit("-", 1)[-1] for form in forms}
    return any(
        lexicon.describes_a_person(form)
        or form in lexicon.org_nouns
        or form in lexicon.statement_nouns
        or form in lexicon.speech_nouns
        or form in lexicon.collective_nouns
        for form in forms
    )


def _hyphenated(token: Token) -> str:
    """The whole hyphenated word ``token`` ends (``look-alike`` from ``alike``), lowercase."""
    doc, start = token.doc, token.i
    while start >= 2 and doc[start - 1].text == "-" and not doc[start - 2].whitespace_ and not doc[start - 1].whitespace_:
        start -= 2
    return doc[start : token.i + 1].text.lower()


def appositive_name(head: Token, lexicon: Lexicon) -> Token | None:
    """The name a description stands beside: "Jason Louth" in "Campbell's partner, Jason Louth",
    "Acme" in "the company, Acme" (an organization's name only beside a word for a group), "Jane
    Smith" in "WASHINGTON -- President Jane Smith" and "Minyon Moore" in "With 50 days until the
    election, Minyon Moore, an adviser, called" (the parser hangs names on datelines and on nouns
    for things)."""
    lemma = lemma_of(head).lower()
    describes = head.pos_ == "NOUN" and head.is_lower and (lexicon.describes_a_person(lemma) or lemma in lexicon.org_nouns)
    misplaced = head.pos_ == "NOUN" and head.is_lower and not _is_source_noun(head, lexicon) and any(
        child.dep_ == "appos" and child.ent_type_ == "PERSON" for child in head.rights
    )
    if not describes and not misplaced and not is_dateline(head):
        return None
    labels = ("", "PERSON", "ORG") if lemma in lexicon.org_nouns else ("", "PERSON")
    for child in head.rights:
        if child.dep_ == "appos" and child.pos_ == "PROPN" and child.ent_type_ in labels:
            return child
    return None


def names_a_source(span: Span, lexicon: Lexicon = DEFAULT_LEXICON, names: frozenset[str] = frozenset()) -> bool:
    """Can the mention be who the words come from?

    A name (a proper noun, or a capitalized word of one of the article's
    ``names`` the tagger took for another word: ``Trump shot back``), a pronoun
    for people or groups (``he``, ``they``, ``someone``), or a noun for people,
    a group or what a speaker issues (``officials``, ``the company``, ``the
    statement``, ``the 46-year-old``, ``one of her ads``); not a number, a date,
    a thing or an event (``63 percent``, ``the box``, ``softer language``), nor
    punctuation or a contracted ending (``’s``).
    """
    head = head_of(span)
    if is_dateline(head) or is_clitic(head):
        return False
    if AGE.search(span.text):
        return True  # "the 46-year-old"
    if head.ent_type_ in NUMERIC_ENTITIES or head.like_num or lemma_of(head).lower() in lexicon.quantity_nouns:
        return of_whom(head, lexicon) is not None  # "63 percent of voters", not "63 percent"
    word = head.lower_
    if word in lexicon.indefinite_person_pronouns:
        return True
    if head.text[:1].isupper() and (word in names or (head.pos_ == "NOUN" and not head.is_sent_start)):
        return True  # a capitalized noun inside a sentence is a name the tagger missed ("D’Souza replied")
    if head.pos_ == "PRON":
        return word in lexicon.pronouns or word in lexicon.possessive_pronouns
    if any(t.pos_ == "PROPN" or t.ent_type_ in SOURCE_ENTITIES for t in span if t.i >= head.i - 1):
        return any(char.isalpha() for char in head.text)
    return _is_source_noun(head, lexicon)


def is_clitic(token: Token) -> bool:
    """A contracted ending the tokenizer split off ("’s" of "Here’s", "'re"): never a source."""
    return token.text[:1] in ("'", "’") and len(token.text) <= MAX_CLITIC_CHARS


def is_dateline(token: Token) -> bool:
    """A place opening a paragraph before a dash or an agency (``WASHINGTON --``,
    ``BEIJING (Reuters) —``, ``New York (AFP) –``): where the story was filed, never who speaks.

    A place in capitals needs only the dash or the agency after it; one in title
    case needs both, as in ``Mexico City (AFP) –`` (``Kirby (R-Ohio) said`` is a name).
    """
    doc = token.doc
    if not token.is_alpha or not (token.is_upper or token.is_title):
        return False
    start = token.i
    while start > 0 and doc[start - 1].is_alpha and (doc[start - 1].is_upper, doc[start - 1].is_title) == (
        token.is_upper,
        token.is_title,
    ):
        start -= 1
    opens = start == 0 or "\n" in doc[start - 1].text_with_ws
    following = [t.text for t in doc[token.i + 1 : token.i + 5]]
    if token.is_upper:
        return opens and following[:1] in (["--"], ["—"], ["–"], ["-"], ["("], [","])
    agency = len(following) == 4 and following[0] == "(" and doc[token.i + 2].is_alpha and following[2] == ")"
    return opens and agency and following[3] in ("--", "—", "–", "-")


def name_start_of(head: Token, limit: int, lexicon: Lexicon) -> int:
    """Where the name ending at ``head`` starts, ranks and honorifics included, office titles not."""
    doc = head.doc
    start = head.i
    if head.ent_type_ == "PERSON":
        while start > limit and doc[start].ent_iob_ == "I":
            start -= 1
    else:
        while start > limit and is_name_word(doc[start - 1], lexicon):
            start -= 1
    while start > limit and is_rank_or_honorific(doc[start - 1], lexicon):
        start -= 1
    return start
