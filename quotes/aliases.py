"""The speaker curation file (``aliases.yml``): merges a person decided, and merges they forbade.

:func:`load_aliases` reads it into :class:`Aliases`, which
:func:`quotes.speakers.resolve_speakers` applies on every build;
:func:`add_merge` and :func:`add_split` (``quotes speakers merge``/``split``)
edit it so it never contradicts itself. Names match by
:func:`quotes.names.name_key`, so "Maj. Gen. Pat Ryder" in the file is "Pat
Ryder" in an article. A malformed file raises :class:`~quotes.errors.AliasesError`
naming the file and line.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import AliasesError, UsageError
from .ingest.files import read_regular_file
from .model import Problem
from .names import name_key

ALIASES_HEADER = """\
# Speaker curation for quotes, applied on every build.
# merge: lists of names that are one speaker; the first is the canonical name.
# split: pairs of names that must never be merged automatically.
# Names match once titles, punctuation and case are dropped ("Maj. Gen. Pat Ryder" = "Pat Ryder").
"""


@dataclass
class Aliases:
    """Hand curation of speakers: forced merges and forbidden merges."""

    merge: list[list[str]] = field(default_factory=list)
    split: list[tuple[str, str]] = field(default_factory=list)


def load_aliases(path: str | Path) -> Aliases:
    """Read a curation file; a missing file is an empty curation.

    The file is YAML with two optional keys::

        merge:
          - [Pat Ryder, Patrick Ryder]
        split:
          - [Renad Mansour, Ali Mansour]
    """
    path = Path(path)
    if not path.exists():
        return Aliases()
    data = read_regular_file(path)
    if isinstance(data, Problem):
        raise AliasesError(f"{path}: cannot read the curation file: {data.message.removesuffix('; skipped')}")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise AliasesError(f"{path}: cannot read the curation file: not UTF-8 text") from None
    try:
        root = yaml.compose(text)
    except RecursionError:
        raise AliasesError(f"{path}: not a curation file: nested too deeply") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        problem = getattr(error, "problem", None) or str(error)
        raise AliasesError(f"{path}{line}: not valid YAML: {problem}") from None
    if root is None:
        return Aliases()
    return _aliases_from_node(path, root)


def _aliases_from_node(path: Path, root: yaml.Node) -> Aliases:
    def fail(node: yaml.Node, message: str) -> AliasesError:
        return AliasesError(f"{path}:{node.start_mark.line + 1}: {message}")

    def names_of(node: yaml.Node, what: str) -> list[str]:
        if not isinstance(node, yaml.SequenceNode):
            raise fail(node, f"each {what} entry must be a list of names")
        names = []
        for item in node.value:
            if not isinstance(item, yaml.ScalarNode) or not str(item.value).strip():
                raise fail(item, f"a {what} entry holds something that is not a name")
            names.append(str(item.value).strip())
        return names

    if not isinstance(root, yaml.MappingNode):
        raise fail(root, "expected a mapping with the keys 'merge' and 'split'")
    aliases = Aliases()
    for key_node, value_node in root.value:
        key = key_node.value
        if key not in ("merge", "split"):
            raise fail(key_node, f"unknown key {key!r} (expected 'merge' or 'split')")
        if isinstance(value_node, yaml.ScalarNode) and value_node.value in ("", "~", "null"):
            continue
        if not isinstance(value_node, yaml.SequenceNode):
            raise fail(value_node, f"'{key}' must be a list")
        for entry in value_node.value:
            names = names_of(entry, key)
            if key == "merge" and len(names) < 2:
                raise fail(entry, "a merge entry needs at least two names")
            if key == "split" and len(names) != 2:
                raise fail(entry, "a split entry needs exactly two names")
            if key == "merge":
                aliases.merge.append(names)
            else:
                aliases.split.append((names[0], names[1]))
    return aliases


def save_aliases(path: str | Path, aliases: Aliases) -> None:
    """Write a curation file (with a header that documents the format)."""
    data = {"merge": aliases.merge, "split": [list(pair) for pair in aliases.split]}
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=None)
    Path(path).write_text(ALIASES_HEADER + body, encoding="utf-8")


def add_merge(path: str | Path, names: list[str]) -> Aliases:
    """Record that ``names`` are one speaker, the first being the canonical name.

    Merge lists that share a name become one list, and splits between any two of
    the names are dropped, so the file never contradicts itself.
    """
    if len(names) < 2:
        raise UsageError("a merge needs at least two names")
    aliases = load_aliases(path)
    keys = {name_key(name) for name in names}
    joined = list(names)
    kept = []
    for group in aliases.merge:
        if keys & {name_key(name) for name in group}:
            joined += [name for name in group if name_key(name) not in {name_key(n) for n in joined}]
        else:
            kept.append(group)
    merged_keys = {name_key(name) for name in joined}
    aliases.merge = kept + [_unique_names(joined)]
    aliases.split = [pair for pair in aliases.split if not {name_key(n) for n in pair} <= merged_keys]
    save_aliases(path, aliases)
    return aliases


def add_split(path: str | Path, a: str, b: str) -> Aliases:
    """Record that ``a`` and ``b`` are different speakers, undoing a merge of the two."""
    aliases = load_aliases(path)
    key_a, key_b = name_key(a), name_key(b)
    if key_a == key_b:
        raise UsageError(f"{a!r} and {b!r} are the same name; they cannot be split")
    if not any({name_key(n) for n in pair} == {key_a, key_b} for pair in aliases.split):
        aliases.split.append((a, b))
    aliases.merge = [_without_conflict(group, key_a, key_b) for group in aliases.merge]
    aliases.merge = [group for group in aliases.merge if len(group) >= 2]
    save_aliases(path, aliases)
    return aliases


def _without_conflict(group: list[str], key_a: str, key_b: str) -> list[str]:
    """A merge list that no longer holds both sides of a split: the later side leaves."""
    keys = [name_key(name) for name in group]
    if key_a in keys and key_b in keys:
        leaving = key_b if keys.index(key_a) < keys.index(key_b) else key_a
        return [name for name, key in zip(group, keys) if key != leaving]
    return group


def _unique_names(names: list[str]) -> list[str]:
    seen, unique = set(), []
    for name in names:
        if name_key(name) not in seen:
            seen.add(name_key(name))
            unique.append(name)
    return unique
