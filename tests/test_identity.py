"""The article plan: which key holds which text, over small written articles and a real store.

Each test saves articles as a build would, asks :func:`plan_articles` for the
next run's changes, applies them, and checks what every key's stored text is.
"""
from __future__ import annotations

import pytest

from quotes.build import apply_plan
from quotes.identity import Forget, SaveAlias, SaveText, plan_articles
from quotes.model import Article, Quote
from quotes.store import Store

PORT = 'The strike is over. "We have reached a fair deal," said Maria Olsen.'
PORT_EDITED = 'The strike is over. "We have reached a good deal," said Maria Olsen.'
RAIN = 'Farmers are worried. "We have never seen a summer like this," said Anna Berg.'


def quotes_in(text: str) -> list[Quote]:
    """The one quotation of each written article, as extraction would find it."""
    start = text.index('"') + 1
    end = text.index('"', start)
    return [Quote(start=start, end=end, text=text[start:end], speaker="Maria Olsen")]


def article(doc: str, text: str, **facts) -> Article:
    return Article(doc=doc, text=text, path=f"in/{doc}", **facts)


def apply(store: Store, inputs: list[Article], gone: tuple[str, ...] = ()):
    """Plan the run over ``inputs`` and write it as a build does."""
    plan = plan_articles(inputs, store.stored_keys(), gone)
    apply_plan(store, plan, [(a, quotes_in(a.text)) for a in plan.to_extract])
    return plan


def stored_text(store: Store, doc: str) -> str | None:
    found = store.article(doc) or store.alias(doc)
    return found.text if found else None


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "q.db") as store:
        yield store


def test_new_keys_are_extracted_and_a_second_copy_is_an_alias(store):
    plan = apply(store, [article("a.txt", PORT), article("b.txt", PORT), article("r.txt", RAIN)])
    assert [s.doc for s in plan.saves] == ["a.txt", "r.txt"] and plan.to_extract[0].doc == "a.txt"
    assert plan.aliases == [SaveAlias("b.txt", "a.txt", article("b.txt", PORT))]
    assert (plan.added, plan.replaced, plan.unchanged) == (3, 0, 0)
    assert store.db["quotes"].count == 2
    again = plan_articles([article("a.txt", PORT), article("b.txt", PORT)], store.stored_keys())
    assert (again.saves, again.aliases, again.unchanged) == ([], [], 2)


def test_a_duplicate_edited_and_reverted_never_leaves_stale_text(store):
    apply(store, [article("a.txt", PORT), article("b.txt", PORT)])
    plan = apply(store, [article("a.txt", PORT_EDITED), article("b.txt", PORT)])
    assert plan.saves == [SaveText("a.txt", article("a.txt", PORT_EDITED), None),
                          SaveText("b.txt", article("b.txt", PORT), "a.txt")]
    assert (stored_text(store, "a.txt"), stored_text(store, "b.txt")) == (PORT_EDITED, PORT)
    apply(store, [article("a.txt", PORT), article("b.txt", PORT)])
    assert stored_text(store, "a.txt") == stored_text(store, "b.txt") == PORT
    assert store.db["quotes"].count == 1 and store.db["article_aliases"].get("a.txt")["article_id"] == "b.txt"


def test_an_alias_not_read_this_run_takes_over_the_text_its_article_left(store):
    apply(store, [article("a.txt", PORT), article("b.txt", PORT), article("c.txt", PORT)])
    plan = apply(store, [article("a.txt", PORT_EDITED)])
    assert plan.saves[1] == SaveText("b.txt", None, "a.txt")
    assert plan.aliases == [SaveAlias("c.txt", "b.txt", None)]
    assert [stored_text(store, doc) for doc in ("a.txt", "b.txt", "c.txt")] == [PORT_EDITED, PORT, PORT]
    assert store.alias("c.txt").path == "in/c.txt"


def test_two_files_that_swap_texts_swap_their_stored_texts(store):
    apply(store, [article("a.txt", PORT), article("b.txt", RAIN)])
    plan = apply(store, [article("a.txt", RAIN), article("b.txt", PORT)])
    assert plan.to_extract == []
    assert (stored_text(store, "a.txt"), stored_text(store, "b.txt")) == (RAIN, PORT)
    assert {q.doc: q.text for q in store.quotes()} == {"a.txt": quotes_in(RAIN)[0].text, "b.txt": quotes_in(PORT)[0].text}


def test_a_renamed_file_moves_and_an_edit_after_it_replaces(store):
    apply(store, [article("a.txt", PORT), article("r.txt", RAIN)])
    old_id = store.quotes("a.txt")[0].quote_id
    plan = apply(store, [article("z.txt", PORT), article("r.txt", RAIN)], gone=("a.txt",))
    assert plan.forgotten == [Forget("a.txt", "z.txt")] and plan.to_extract == []
    assert (plan.added, plan.moved, plan.unchanged) == (0, 1, 1)
    assert store.article("a.txt") is None and store.db["quotes"].count == 2
    assert store.retired_quote(old_id).reason == "moved"
    apply(store, [article("z.txt", PORT_EDITED), article("r.txt", RAIN)])
    assert store.db["quotes"].count == 2 and stored_text(store, "z.txt") == PORT_EDITED
    assert store.retired_quote(old_id).replaced_by == store.quotes("z.txt")[0].quote_id


def test_a_key_that_is_not_gone_is_never_moved(store):
    apply(store, [article("a.txt", PORT)])
    plan = apply(store, [article("z.txt", PORT)])
    assert plan.forgotten == [] and plan.aliases == [SaveAlias("z.txt", "a.txt", article("z.txt", PORT))]
    assert stored_text(store, "a.txt") == stored_text(store, "z.txt") == PORT


def test_new_source_facts_are_saved_without_extracting_again(store):
    apply(store, [article("a.txt", PORT)])
    old_ids = {q.quote_id for q in store.quotes()}
    plan = apply(store, [article("a.txt", PORT, outlet="Port News", published="2024-03-01")])
    assert plan.to_extract == [] and (plan.replaced, plan.unchanged) == (1, 0)
    assert store.article("a.txt").outlet == "Port News" and {q.quote_id for q in store.quotes()} == old_ids


def test_an_article_the_store_refuses_leaves_the_rest_of_the_plan_going(store):
    inputs = [article("a.txt", PORT), article("b.txt", PORT), article("r.txt", RAIN, published="spring")]
    plan = plan_articles(inputs, store.stored_keys())
    problems = apply_plan(store, plan, [(a, quotes_in(a.text)) for a in plan.to_extract])
    assert [str(p) for p in problems] == ["in/r.txt: r.txt: published date 'spring' is not ISO YYYY-MM-DD"]
    assert sorted(store.stored_keys()) == ["a.txt", "b.txt"]
