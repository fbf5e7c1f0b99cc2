"""The word lists: one home (quotes/lexicon.py), every reporting word with a stance, saved as data."""
from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from quotes import lexicon
from quotes.lexicon import (
    DEFAULT_LEXICON,
    DISTANCING,
    ENDORSING,
    NAMING_VERBS,
    NEUTRAL,
    SPEECH_NOUNS,
    SPEECH_VERBS,
    STANCE_WORDS,
    STANCES,
    UNMARKED,
    Lexicon,
)

PACKAGE = Path(lexicon.__file__).resolve().parent
STANCE_TABLES = {
    "SPEECH_VERBS": SPEECH_VERBS,
    "NAMING_VERBS": NAMING_VERBS,
    "SPEECH_NOUNS": SPEECH_NOUNS,
    "STANCE_WORDS": STANCE_WORDS,
}


def word_lists() -> dict[str, set[str]]:
    """Every list of lexicon.py, by name, as a set of words (phrasal cues as ``verb+particle``)."""
    found = {}
    for name, value in vars(lexicon).items():
        if name.isupper() and isinstance(value, (frozenset, dict)):
            found[name] = {word if isinstance(word, str) else "+".join(word) for word in value}
    return found


def module_constants(path: Path):
    """``(name, words)`` for each module-level assignment: the words of its string literals."""
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            words = {
                word.lower().rstrip(".")
                for literal in ast.walk(node.value)
                if isinstance(literal, ast.Constant) and isinstance(literal.value, str)
                for word in literal.value.split()
            }
            for target in targets:
                if isinstance(target, ast.Name):
                    yield target.id, words


def test_every_speech_verb_and_noun_has_a_known_stance():
    for table_name, table in STANCE_TABLES.items():
        unknown = {word: stance for word, stance in table.items() if stance not in (*STANCES, UNMARKED)}
        assert unknown == {}, table_name


def test_a_word_in_several_tables_has_one_stance():
    stances: dict[str, set[str]] = {}
    for table in STANCE_TABLES.values():
        for word, stance in table.items():
            stances.setdefault(word, set()).add(stance)
    assert {word: found for word, found in stances.items() if len(found) > 1} == {}


def test_stances_of_common_cues():
    assert [DEFAULT_LEXICON.stance_of_word(w) for w in ("say", "admit", "claim", "so-called", "point_out")] == [
        NEUTRAL, ENDORSING, DISTANCING, DISTANCING, ENDORSING]
    assert DEFAULT_LEXICON.stance_of_word("blast") is None  # unmarked: the quote decides
    assert DEFAULT_LEXICON.stance_of_word("photosynthesize") is None


def test_a_lexicon_with_an_unknown_stance_is_refused():
    data = DEFAULT_LEXICON.to_dict()
    data["speech_verbs"] = {**data["speech_verbs"], "say": "sarcastic"}
    with pytest.raises(ValueError, match="sarcastic"):
        Lexicon.from_dict(data)


def test_the_lexicon_travels_as_json():
    data = json.loads(json.dumps(DEFAULT_LEXICON.to_dict()))
    assert Lexicon.from_dict(data) == DEFAULT_LEXICON
    del data["ranks"]
    with pytest.raises(ValueError, match="lacks ranks"):
        Lexicon.from_dict(data)


def test_no_word_list_is_defined_outside_lexicon_py():
    """No module of the package defines a list lexicon.py holds: not under its name,
    and not as a copy of its words (three or more of one list, making up half the constant)."""
    lists = word_lists()
    copies = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "lexicon.py" and path.parent == PACKAGE:
            continue
        for name, words in module_constants(path):
            for list_name, list_words in lists.items():
                shared = words & list_words
                if name == list_name or (len(shared) >= 3 and 2 * len(shared) >= len(words)):
                    copies.append(f"{path.relative_to(PACKAGE.parent)}: {name} copies {list_name}")
    assert copies == []
