"""The component on the five seed articles, checked against their hand-made gold."""
from __future__ import annotations

import pytest

from quotes.extract import extract_article
from quotes.model import Article


@pytest.fixture(scope="module")
def seed_quotes(nlp, seeds_dir, seeds_gold) -> dict[str, dict[tuple[int, int], object]]:
    """Predicted quotes of every seed, by doc and ``(start, end)``."""
    found = {}
    for name in seeds_gold:
        text = (seeds_dir / name).read_text(encoding="utf-8")
        article = Article(doc=name, text=text)
        found[name] = {(q.start, q.end): q for q in extract_article(nlp, article)}
    return found


def gold_items(seeds_gold):
    return [(doc, gold) for doc, quotes in seeds_gold.items() for gold in quotes]


def found_gold(seed_quotes, seeds_gold):
    """Each gold quote with the predicted quote at exactly its offsets (missing ones are another test's)."""
    for doc, gold in gold_items(seeds_gold):
        quote = seed_quotes[doc].get((gold["start"], gold["end"]))
        if quote is not None:
            yield gold, quote


def test_every_gold_quote_is_found_with_exact_boundaries(seed_quotes, seeds_gold):
    missing = [
        (doc, gold["text"]) for doc, gold in gold_items(seeds_gold)
        if (gold["start"], gold["end"]) not in seed_quotes[doc]
    ]
    assert missing == []


def test_nothing_but_gold_quotes_is_found(seed_quotes, seeds_gold):
    gold_spans = {(doc, g["start"], g["end"]) for doc, g in gold_items(seeds_gold)}
    extra = [(doc, q.text) for doc, quotes in seed_quotes.items() for (s, e), q in quotes.items() if (doc, s, e) not in gold_spans]
    assert extra == []


def test_every_gold_quote_has_its_speaker_mention(seed_quotes, seeds_gold):
    wrong = [
        (gold["text"][:30], gold["speaker_text"], quote.speaker_mention)
        for gold, quote in found_gold(seed_quotes, seeds_gold)
        if (quote.speaker_start, quote.speaker_end) != (gold["speaker_start"], gold["speaker_end"])
    ]
    assert wrong == []


def test_every_gold_quote_has_its_cue(seed_quotes, seeds_gold):
    wrong = [
        (gold["text"][:30], gold["cue_text"], quote.cue)
        for gold, quote in found_gold(seed_quotes, seeds_gold)
        if not (quote.cue_start is not None and quote.cue_start < gold["cue_end"] and gold["cue_start"] < quote.cue_end)
    ]
    assert wrong == []


def test_speakers_resolve_to_the_gold_name(seed_quotes, seeds_gold):
    wrong = [
        (gold["text"][:30], gold["speaker_name"], quote.speaker)
        for gold, quote in found_gold(seed_quotes, seeds_gold)
        if (quote.speaker or "").casefold() not in {n.casefold() for n in [gold["speaker_name"], *gold["aliases"]]}
    ]
    assert wrong == []


def test_quote_text_is_the_article_text_at_its_offsets(seed_quotes, seeds_dir):
    for doc, quotes in seed_quotes.items():
        text = (seeds_dir / doc).read_text(encoding="utf-8")
        for quote in quotes.values():
            assert text[quote.start:quote.end] == quote.text
            assert text[quote.speaker_start:quote.speaker_end] == quote.speaker_mention


@pytest.mark.parametrize("field", ["role", "stance", "kind"])
def test_role_stance_and_kind_match_the_gold(seed_quotes, seeds_gold, field):
    """The role appears where the article writes it (the first quote on a mention), not on every quote."""
    wrong = [
        (gold["text"][:30], gold[field], getattr(quote, field))
        for gold, quote in found_gold(seed_quotes, seeds_gold)
        if getattr(quote, field) != gold[field]
    ]
    assert wrong == []
