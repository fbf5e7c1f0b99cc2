"""Shared fixtures: the real spaCy pipeline, the seeds, the shared gold where present, and the
web app over a database of the seeds."""
from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

# As Datasette's own tests do: Datasette then loads no plugin from installed entry points,
# and the tests register the quotes plugin by hand (quotes.web.register_plugin), so a
# stale installation cannot add another copy of it.
sys._called_from_test = True

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"
SEEDS_GOLD = Path(__file__).resolve().parent / "data" / "seeds_gold.jsonl"


@pytest.fixture(scope="session")
def nlp():
    """The English pipeline with the quotes component, loaded once per test run."""
    from quotes.extract import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def seeds_gold() -> dict[str, list[dict]]:
    """Hand-checked gold for the seeds, by doc name (a copy of ../shared/eval/seeds.jsonl)."""
    with SEEDS_GOLD.open(encoding="utf-8") as lines:
        return {d["doc"]: d["quotes"] for d in map(json.loads, lines)}


@pytest.fixture(scope="session")
def polnear_dir() -> Path:
    path = SHARED / "eval" / "polnear"
    if not (path / "dev.jsonl").exists():
        pytest.skip(f"PolNeAR gold not found at {path} (it lives in ../shared, outside the project)")
    return path


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: drives headless Chromium against a running `quotes serve`")


@pytest.fixture(scope="session")
def seeds_site(tmp_path_factory, seeds_dir, seeds_gold) -> SimpleNamespace:
    """A database of every seed with its gold quotes, gold speakers and two hand-made clusters
    (saved by the Store, with the outlets and dates of seed_records), and its search index."""
    from seed_records import fill_store, save_gold_speakers, seed_clusters

    from quotes.index import sync_index
    from quotes.store import Store

    folder = tmp_path_factory.mktemp("site")
    with Store(folder / "quotes.db") as store:
        fill_store(store, seeds_dir, seeds_gold)
        save_gold_speakers(store, seeds_gold)
        store.save_clusters(seed_clusters(store))
        sync_index(store, folder / "index")
    return SimpleNamespace(db=folder / "quotes.db", index=folder / "index")


@pytest.fixture(scope="session")
def site(seeds_site):
    """The web app (Datasette with the quotes plugin) over :func:`seeds_site`."""
    from quotes.web import make_datasette

    return make_datasette(seeds_site.db, index_dir=seeds_site.index)


def fetch(datasette, path: str, **kwargs):
    """GET ``path`` from a Datasette app through its test client."""
    return asyncio.run(datasette.client.get(path, **kwargs))


@pytest.fixture(scope="session")
def get():
    """``get(datasette, path)``: the response to GET ``path``."""
    return fetch


@pytest.fixture(scope="session")
def get_json():
    """``get_json(datasette, path)``: the JSON of GET ``path``, which must answer 200."""

    def get_json(datasette, path: str):
        response = fetch(datasette, path)
        assert response.status_code == 200, response.text
        return response.json()

    return get_json


@pytest.fixture(scope="session")
def quote_id(seeds_gold):
    """``quote_id(doc, text)``: the stable ID of the gold quote of ``doc`` reading ``text``."""
    from quotes.model import make_quote_id

    def quote_id(doc: str, text: str) -> str:
        (gold,) = [q for q in seeds_gold[doc] if q["text"] == text]
        return make_quote_id(doc, gold["text"])

    return quote_id
