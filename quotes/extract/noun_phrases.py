"""The span of text a speaker mention covers, as the article names the speaker.

The cue attaches to a head word ("Kirby" in "US National Security Council
spokesman John Kirby said"); the mention is that word with the rest of the
name and its rank or honorific, but not the office or job written before it:
"John Kirby", "Maj. Gen. Pat Ryder", "A Pentagon spokesperson", "The White
House", "Trump and Ryan".
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from ..lexicon import DEFAULT_LEXICON, Lexicon
from .name_words import is_name_word, is_rank_or_honorific

#: Modifiers that belong to a speaker mention ("Pentagon spokesman John Kirby").
MENTION_LEFT_DEPS = frozenset("det compound amod poss nmod nummod quantmod".split())


def mention(head: Token, lexicon: Lexicon = DEFAULT_LEXICON) -> Span:
    """The speaker mention headed by ``head``, as the article names the speaker.

    A name keeps its rank or honorific but not the office or job written
    before it ("US President Joe Biden" gives "Joe Biden", "Maj. Gen. Pat
    Ryder" stays whole); any other noun phrase keeps its determiner and
    modifiers ("A Pentagon spokesperson"). Appositives, relative clauses and
    other trailing material stay out.
    """
    doc = head.doc
    start, end = noun_phrase_bounds(head)
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
        elif child.dep_ == "cc" and child.i == end:
            end += 1
        elif child.dep_ == "conj" and child.i == end and child.pos_ in ("PROPN", "NOUN"):
            end = noun_phrase_bounds(child)[1]  # "Trump and Ryan"
    doc = head.doc
    while start < head.i and (doc[start].is_punct or doc[start].is_space):
        start += 1
    return start, end


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
