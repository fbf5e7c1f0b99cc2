"""Lemmas made when first read: the quotes pipe reads a few tokens' lemmas, not every token's.

spaCy's rule lemmatizer costs about a tenth of an English parse, and the
``quotes`` pipe reads the lemma of perhaps one token in twenty (cue verbs,
the heads of descriptions). So :func:`~quotes.extract.load_nlp` disables the
lemmatizer and puts the ``lemmas_on_demand`` pipe in its place, which hands it
to each doc; :func:`lemma_of` then makes a token's lemma with it when the
token has none: the same rules, on the same tag and morphology the attribute
ruler set, so the same lemma the lemmatizer would have written.

>>> import spacy
>>> lemma_of(spacy.blank("en")("said")[0])  # no lemmatizer anywhere: none, as token.lemma_ gives
''
"""
from __future__ import annotations

import weakref
from collections.abc import Callable

from spacy.tokens import Doc, Token

Lemmatize = Callable[[Token], list[str]]  # a token's lemmas, the first the one a lemmatizer writes

# Beside the doc (as quotes.extract.referents keeps its index), not in doc.user_data, which is serialized.
_LEMMATIZERS: weakref.WeakKeyDictionary[Doc, Lemmatize] = weakref.WeakKeyDictionary()


class LemmasOnDemand:
    """Hands each doc its pipeline's lemmatizer, for :func:`lemma_of`; writes nothing itself."""

    def __init__(self, lemmatize: Lemmatize):
        self.lemmatize = lemmatize

    def __call__(self, doc: Doc) -> Doc:
        _LEMMATIZERS[doc] = self.lemmatize
        return doc


def lemma_of(token: Token) -> str:
    """``token.lemma_``, made and written on the token first if its pipeline lemmatizes on demand."""
    if token.lemma == 0:
        lemmatize = _LEMMATIZERS.get(token.doc)
        if lemmatize is not None:
            token.lemma_ = lemmatize(token)[0]
    return token.lemma_
