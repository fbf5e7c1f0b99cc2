"""The spaCy component's contract: what it needs and assigns, its lexicon saved with the pipeline, its scorer."""
from __future__ import annotations

import dataclasses
import json
import subprocess
import sys

import pytest
import spacy
from spacy.training import Example

from quotes.errors import ModelError
from quotes.extract import choose_model, extract_article
from quotes.extract.component import LEXICON_FILE
from quotes.ingest import read_articles
from quotes.lexicon import DEFAULT_LEXICON, DISTANCING

from seed_records import quote_from_gold

SEED = "000_63344148f6407275.txt"


@pytest.fixture(scope="module")
def seed(seeds_dir):
    [article] = read_articles([seeds_dir / SEED])
    return article


@pytest.fixture(scope="module")
def saved(nlp, tmp_path_factory):
    """The pipeline saved to disk, as a worker on another machine would receive it."""
    path = tmp_path_factory.mktemp("pipeline")
    nlp.to_disk(path)
    return path


def records(quotes) -> list[dict]:
    return [quote.to_dict() for quote in quotes]


def test_the_contract_is_declared_and_met(nlp):
    meta = nlp.get_pipe_meta("quotes")
    assert meta.assigns == ["doc._.quotes"]
    assert {"token.dep", "token.head", "doc.ents"} <= set(meta.requires)
    assert nlp.analyze_pipes()["problems"]["quotes"] == []


def test_a_saved_pipeline_finds_the_same_quotes(nlp, saved, seed):
    assert (saved / "quotes" / LEXICON_FILE).is_file()
    loaded = spacy.load(saved)
    assert loaded.pipe_names == nlp.pipe_names
    assert loaded.get_pipe("quotes").lexicon == DEFAULT_LEXICON
    assert records(extract_article(loaded, seed)) == records(extract_article(nlp, seed))


def test_a_fresh_process_loads_the_saved_pipeline_alone(nlp, saved, seed, tmp_path):
    """Another machine: a new interpreter that only calls spacy.load (the entry point finds the factory)."""
    (tmp_path / "seed.txt").write_text(seed.searchable_text, encoding="utf-8")
    script = (
        "import json, spacy, sys; nlp = spacy.load(sys.argv[1]); "
        "text = open(sys.argv[2], encoding='utf-8').read(); "
        "print(json.dumps([q.to_dict() for q in nlp(text)._.quotes]))"
    )
    run = subprocess.run([sys.executable, "-c", script, str(saved), str(tmp_path / "seed.txt")],
                         capture_output=True, text=True, cwd=tmp_path, check=True)
    assert json.loads(run.stdout) == records(nlp(seed.searchable_text)._.quotes)


def test_titles_kept_on_request_are_of_kind_title_and_nobody_s():
    nlp = spacy.load(choose_model())
    nlp.add_pipe("quotes", config={"keep_unattributed": True})
    quotes = nlp('Lester Holt appeared on NBC\'s "Today" on Monday. "We tried," Kirby said.')._.quotes
    assert [(q.text, q.kind, q.speaker) for q in quotes] == [("Today", "title", None), ("We tried,", "full", "Kirby")]


#: The default lexicon with "say" made distancing: a lexicon the installed package does not hold.
SAY_DISTANCING = dataclasses.replace(
    DEFAULT_LEXICON, speech_verbs={**DEFAULT_LEXICON.speech_verbs, "say": DISTANCING}
)


def test_the_saved_lexicon_wins_over_the_installed_one(saved, tmp_path):
    nlp = spacy.load(saved)
    nlp.get_pipe("quotes").lexicon = SAY_DISTANCING
    nlp.to_disk(tmp_path)
    reloaded = spacy.load(tmp_path)
    assert reloaded.get_pipe("quotes").lexicon == SAY_DISTANCING
    [quote] = reloaded('"We tried," Kirby said.')._.quotes
    assert quote.stance == DISTANCING


def test_the_lexicon_travels_as_bytes(saved):
    sender, receiver = spacy.load(saved), spacy.load(saved)
    sender.get_pipe("quotes").lexicon = SAY_DISTANCING
    receiver.get_pipe("quotes").from_bytes(sender.get_pipe("quotes").to_bytes())
    assert receiver.get_pipe("quotes").lexicon == SAY_DISTANCING


def test_a_saved_component_without_its_lexicon_is_named(saved, tmp_path):
    nlp = spacy.load(saved)
    component = nlp.get_pipe("quotes")
    with pytest.raises(ModelError, match=f"{tmp_path / LEXICON_FILE}.*no lexicon"):
        component.from_disk(tmp_path)


# ---------------------------------------------------------------- the scorer


def seed_examples(nlp, seed, seeds_gold, gold: list[dict] | None = None) -> list[Example]:
    """The seed as an Example whose reference doc carries ``gold`` (the hand-checked gold by default)."""
    reference = nlp.make_doc(seed.searchable_text)
    reference._.quotes = [quote_from_gold(g) for g in (seeds_gold[SEED] if gold is None else gold)]
    return [Example(nlp.make_doc(seed.searchable_text), reference)]


def test_the_scorer_gives_the_eval_figures(nlp, seed, seeds_gold):
    scores = nlp.evaluate(seed_examples(nlp, seed, seeds_gold))
    figures = {key: value for key, value in scores.items() if key.startswith("quotes_")}
    assert figures == {
        **{f"quotes_{label}_{x}": 1.0 for label in ("strict", "lenient", "end_to_end") for x in "prf"},
        "quotes_speaker_acc": 1.0,
        "quotes_cue_acc": 1.0,
        "quotes_name_acc": 1.0,
    }


def test_the_scorer_counts_misses_and_wrong_speakers(nlp, seed, seeds_gold):
    """One gold quote dropped (a false positive) and one gold speaker moved (a wrong speaker)."""
    gold = [dict(g) for g in seeds_gold[SEED][1:]]
    gold[0].update(speaker_start=0, speaker_end=4, speaker_name="Nobody")
    n = len(gold)
    scores = nlp.evaluate(seed_examples(nlp, seed, seeds_gold, gold))
    assert scores["quotes_strict_p"] == pytest.approx(n / (n + 1))
    assert scores["quotes_strict_r"] == 1.0
    assert scores["quotes_speaker_acc"] == pytest.approx((n - 1) / n)
    assert scores["quotes_end_to_end_p"] == pytest.approx((n - 1) / (n + 1))
    assert scores["quotes_name_acc"] == pytest.approx((n - 1) / n)
    assert scores["quotes_cue_acc"] == 1.0


def test_a_reference_without_quotes_makes_every_prediction_false(nlp, seed):
    text = seed.searchable_text
    scores = nlp.get_pipe("quotes").score([Example(nlp(text), nlp.make_doc(text))])
    assert scores["quotes_strict_p"] == 0.0
    assert scores["quotes_speaker_acc"] is None  # no gold speaker to judge
