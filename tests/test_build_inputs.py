"""A build plans with articles whose texts it dropped, and reads each text again only when it needs it
(quotes.build.Inputs): for extraction, then for saving; so 100k inputs never hold their texts at once."""
from __future__ import annotations

import dataclasses

import pytest

from quotes.build import Inputs, run_build
from quotes.ingest import read_articles
from quotes.lock import writer_lock
from quotes.model import Article
from quotes.errors import StoreError
from quotes.store import Store


@pytest.fixture(scope="module")
def seeds(seeds_dir) -> dict[str, Article]:
    return {a.doc: a for a in read_articles([seeds_dir]) if isinstance(a, Article)}


def recording_inputs(articles: dict[str, Article], reads: list[str], changed: dict[str, str] | None = None) -> Inputs:
    """Inputs that note every text they read again, and give ``changed`` texts instead of the planned ones."""

    def read(wanted):
        for article in wanted:
            reads.append(article.doc)
            text = (changed or {}).get(article.doc)
            yield dataclasses.replace(articles[article.doc], text=text) if text else articles[article.doc]

    return Inputs([a.without_text() for a in articles.values()], read)


def build(tmp_path, inputs: Inputs):
    db = tmp_path / "quotes.db"
    with writer_lock(db), Store(db) as store:
        return run_build(store, inputs, tmp_path / "index"), store.stored_keys()


def test_planning_holds_no_text_and_each_text_is_read_to_extract_then_to_save(tmp_path, seeds):
    reads: list[str] = []
    inputs = recording_inputs(seeds, reads)
    assert all(not a.text and not a.has_text for a in inputs.articles)
    report, stored = build(tmp_path, inputs)
    assert not report.problems
    assert sorted(stored) == sorted(seeds)
    assert sorted(reads) == sorted(list(seeds) * 2)
    with Store(tmp_path / "quotes.db", readonly=True) as store:
        assert all(store.article(doc).text == article.text for doc, article in seeds.items())


def test_an_article_changed_while_the_build_reads_it_is_left_as_it_was(tmp_path, seeds):
    doc = sorted(seeds)[0]
    report, stored = build(tmp_path, recording_inputs(seeds, [], changed={doc: "A different text."}))
    assert [str(p) for p in report.problems] == [
        f"{seeds[doc].path}: changed while the build was reading it; left as it was: build again"]
    assert doc not in stored and len(stored) == len(seeds) - 1


def test_the_store_refuses_an_article_without_its_text(tmp_path, seeds):
    article = next(iter(seeds.values()))
    with Store(tmp_path / "quotes.db") as store, pytest.raises(StoreError, match="needs the article's text"):
        store.save_article(article.without_text(), [])
