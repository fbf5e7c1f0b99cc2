"""The speaker curation file: reading, editing, and naming the file and line of a mistake."""
from __future__ import annotations

import pytest

from quotes.aliases import Aliases, add_merge, add_split, load_aliases
from quotes.errors import AliasesError, UsageError


def test_alias_file_edits_keep_what_is_there_and_stay_consistent(tmp_path):
    path = tmp_path / "aliases.yml"
    add_merge(path, ["Pat Ryder", "Patrick Ryder"])
    add_split(path, "Renad Mansour", "Ali Mansour")
    add_merge(path, ["Patrick Ryder", "P. Ryder"])
    aliases = load_aliases(path)
    assert aliases.merge == [["Patrick Ryder", "P. Ryder", "Pat Ryder"]]
    assert aliases.split == [("Renad Mansour", "Ali Mansour")]
    add_split(path, "Pat Ryder", "P. Ryder")
    assert load_aliases(path).merge == [["Patrick Ryder", "P. Ryder"]]
    add_merge(path, ["Renad Mansour", "Ali Mansour"])
    assert load_aliases(path).split == [("Pat Ryder", "P. Ryder")]
    assert path.read_text(encoding="utf-8").startswith("# Speaker curation")


def test_missing_alias_file_is_empty(tmp_path):
    assert load_aliases(tmp_path / "none.yml") == Aliases()


def test_edits_that_make_no_sense_are_refused_and_leave_the_file_alone(tmp_path):
    path = tmp_path / "aliases.yml"
    add_merge(path, ["Pat Ryder", "Patrick Ryder"])
    before = path.read_text(encoding="utf-8")
    with pytest.raises(UsageError, match="same name"):
        add_split(path, "Pat Ryder", "Maj. Gen. Pat Ryder")
    with pytest.raises(UsageError, match="at least two names"):
        add_merge(path, ["Pat Ryder"])
    assert path.read_text(encoding="utf-8") == before


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("merge:\n  - [Pat Ryder, Patrick Ryder\nsplit: []\n", 3, "not valid YAML"),
        ("merge:\n  - [Pat Ryder]\n", 2, "at least two names"),
        ("split:\n  - [a, b]\n  - [a, b, c]\n", 3, "exactly two names"),
        ("merges:\n  - [a, b]\n", 1, "unknown key 'merges'"),
        ("merge: Pat Ryder\n", 1, "'merge' must be a list"),
        ("- a\n- b\n", 1, "expected a mapping"),
    ],
)
def test_malformed_alias_file_names_file_and_line(tmp_path, text, line, message):
    path = tmp_path / "aliases.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(AliasesError) as error:
        load_aliases(path)
    assert str(error.value).startswith(f"{path}:{line}: ")
    assert message in str(error.value)


def test_an_unreadable_alias_file_is_named(tmp_path):
    folder = tmp_path / "aliases.yml"
    folder.mkdir()
    latin1 = tmp_path / "latin1.yml"
    latin1.write_bytes("merge:\n  - [Jos\xe9 Mar\xeda, Jose Maria]\n".encode("latin-1"))
    for path, reason in [(folder, "cannot read"), (latin1, "not UTF-8")]:
        with pytest.raises(AliasesError, match=reason) as error:
            load_aliases(path)
        assert str(error.value).startswith(f"{path}: ")
