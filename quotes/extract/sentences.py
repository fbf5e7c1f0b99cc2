"""Sentence bounds of a doc, read once.

``Token.sent`` and ``Span.sent`` walk the sentence token by token on every
call, so asking for it once per quotation mark costs the length of the
sentence each time: a paragraph of thousands of short quotes parsed as one
sentence made extraction quadratic (issue 11). :func:`sentences_of` gives
every token's sentence bounds from one pass over ``doc.sents``, kept beside
the doc and dropped with it.
"""
from __future__ import annotations

import weakref

from spacy.tokens import Doc, Span, Token


class Sentences:
    """Where each token's sentence starts and ends (token indices, end exclusive)."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.starts = [0] * len(doc)
        self.ends = [0] * len(doc)
        self.numbers = [0] * len(doc)
        sentences = doc.sents if doc.has_annotation("SENT_START") else [doc[:]]
        for number, sentence in enumerate(sentences):
            for i in range(sentence.start, sentence.end):
                self.starts[i], self.ends[i], self.numbers[i] = sentence.start, sentence.end, number

    def start(self, token: Token | int) -> int:
        return self.starts[_index(token)]

    def end(self, token: Token | int) -> int:
        return self.ends[_index(token)]

    def number(self, token: Token | int) -> int:
        """The sentence's rank in the doc, from 0."""
        return self.numbers[_index(token)]

    def of(self, token: Token | int) -> Span:
        """The sentence holding ``token``, as ``token.sent`` gives it."""
        i = _index(token)
        return self.doc[self.starts[i] : self.ends[i]]


def _index(token: Token | int) -> int:
    return token if isinstance(token, int) else token.i


_CACHE: weakref.WeakKeyDictionary[Doc, Sentences] = weakref.WeakKeyDictionary()


def sentences_of(doc: Doc) -> Sentences:
    """The doc's :class:`Sentences`, built on first use."""
    found = _CACHE.get(doc)
    if found is None:
        found = _CACHE[doc] = Sentences(doc)
    return found
