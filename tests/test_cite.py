"""Citations of stored seed quotes: context, provenance, verification and the three formats."""
from __future__ import annotations

import json

import pytest
from seed_records import fill_store, gold_speakers

from quotes.cite import cite, context_bounds, format_citation
from quotes.model import Article, Quote
from quotes.store import Store

DOC = "000_63344148f6407275.txt"
KIRBY_LATER = "We’ll respond on our own time"


@pytest.fixture
def store(tmp_path, seeds_dir, seeds_gold):
    with Store(tmp_path / "quotes.db") as store:
        fill_store(store, seeds_dir, seeds_gold)
        store.save_speakers(gold_speakers(seeds_gold), store.quotes())
        yield store


def quote_id(store: Store, doc: str, starts_with: str) -> str:
    return next(q.quote_id for q in store.quotes() if q.doc == doc and q.text.startswith(starts_with))


def test_cite_gives_context_provenance_and_verifies(store):
    c = cite(store, quote_id(store, DOC, KIRBY_LATER))
    assert c.verified and c.problems == []
    start, end = c.quote_in_context
    assert c.context[start:end] == c.text
    assert c.context == f"“{c.text}” Kirby said on Wednesday."
    assert (c.speaker, c.speaker_mention, c.role) == ("John Kirby", "Kirby", None)
    assert c.article_role == "US National Security Council spokesman"
    assert (c.outlet, c.author, c.published, c.doc) == ("Morning Ledger", "Ana Ruiz", "2024-01-31", DOC)
    assert c.sha256 == store.article_sha256(DOC)
    text = store.article(DOC).text
    assert text[c.speaker_start:c.speaker_end] == "Kirby" and text[c.cue_start:c.cue_end] == "said"


def test_a_tampered_article_is_not_verified(store):
    qid = quote_id(store, DOC, KIRBY_LATER)
    store.db.execute("UPDATE articles SET text = replace(text, 'our own time', 'our own clock') WHERE id = ?", [DOC])
    c = cite(store, qid)
    assert not c.verified
    assert c.problems[0] == "the article text no longer matches its SHA-256"
    assert "is 'We’ll respond on our own clock" in c.problems[1]


def test_a_quote_whose_text_was_edited_is_not_verified(store):
    qid = quote_id(store, DOC, KIRBY_LATER)
    store.db["quotes"].update(qid, {"text": "We will respond whenever we like"})
    c = cite(store, qid)
    assert not c.verified and len(c.problems) == 1
    assert c.problems[0].startswith("the text at 2482:2587 is 'We’ll respond")
    assert "not verified" in format_citation(c, "markdown")


def test_unknown_quote_gives_none(store):
    assert cite(store, "q-000000000000") is None


def test_markdown_is_a_blockquote_with_attribution_and_link(store):
    markdown = format_citation(cite(store, quote_id(store, DOC, KIRBY_LATER)), "markdown")
    first, blank, attribution = markdown.splitlines()
    assert first.startswith("> We’ll respond on our own time") and not first.endswith(",")
    assert blank == ">"
    assert attribution.startswith("> — **John Kirby**, US National Security Council spokesman, in [A leading")
    assert f"](https://example.org/{DOC}) (*Morning Ledger*, 2024-01-31)" in attribution
    assert attribution.endswith(f"`{quote_id(store, DOC, KIRBY_LATER)}`")


def test_text_and_json_formats(store):
    c = cite(store, quote_id(store, DOC, "footprints"))
    text = format_citation(c)
    assert "— Pentagon spokesperson (written “A Pentagon spokesperson”)" in text
    assert "Verified: yes" in text
    assert "“⟦footprints of Kataib Hizbollah⟧”" in text
    assert json.loads(format_citation(c, "json"))["text"] == "footprints of Kataib Hizbollah"
    with pytest.raises(ValueError, match="unknown citation style 'html'"):
        format_citation(c, "html")


def test_context_reaches_the_speaker_in_the_next_paragraph(tmp_path):
    text = "Intro line.\n“We will not back down,”\nsaid the minister, Jane Roe.\nUnrelated line."
    quote = Quote(start=13, end=35, text="We will not back down,", speaker="Jane Roe",
                  speaker_mention="the minister", speaker_start=42, speaker_end=54, cue="said",
                  cue_start=37, cue_end=41)
    with Store(tmp_path / "q.db") as store:
        store.save_article(Article(doc="roe.txt", text=text), [quote])
        c = cite(store, store.quotes()[0].quote_id)
    assert c.verified
    assert c.context == "“We will not back down,”\nsaid the minister, Jane Roe."
    assert "Source: roe.txt" in format_citation(c)


def test_a_long_paragraph_is_cut_around_the_quote():
    words = " ".join(f"word{i}" for i in range(600))
    text = f"{words} “the quote itself” {words}"
    start = text.index("the quote")
    first, last = context_bounds(text, [(start, start + 16)], limit=200)
    assert first < start and start + 16 < last and last - first <= 200
    assert text[first - 1] == " " and text[last] == " "

