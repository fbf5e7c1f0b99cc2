"""Union-find, the grouping both speaker resolution and statement clustering are built on."""
from __future__ import annotations

from collections import defaultdict


class DisjointSets:
    """Items ``0 .. size-1`` in groups that only ever merge; subclasses decide when two may.

    >>> sets = DisjointSets(4)
    >>> sets.link(*sets.roots(0, 2))
    0
    >>> sets.groups()
    [[0, 2], [1], [3]]
    """

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        """The root of ``i``'s group (paths halved on the way)."""
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def roots(self, i: int, j: int) -> tuple[int, int]:
        """The roots of ``i``'s and ``j``'s groups, lower first: the lower one is kept on a merge."""
        a, b = sorted((self.find(i), self.find(j)))
        return a, b

    def link(self, kept: int, absorbed: int) -> int:
        """Merge the group rooted at ``absorbed`` into the one rooted at ``kept``."""
        self.parent[absorbed] = kept
        return kept

    def groups(self) -> list[list[int]]:
        """Every group's items, in order of their first item."""
        members: dict[int, list[int]] = defaultdict(list)
        for i in range(len(self.parent)):
            members[self.find(i)].append(i)
        return list(members.values())
