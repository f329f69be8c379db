"""Small-cell suppression for a two-way table with totals: primary suppression, then complementary.

The table is a grid of entries indexed by (row, column), where the last row and the last column are
totals (``TOTAL``). Each row and each column is a *line* whose inner entries add up to its total entry
(or are treated as if they did: that is the worst case for the reader who tries to derive a value).

1. Primary: an entry based on 1 to ``minimum - 1`` people is suppressed. Zero people is published:
   it singles nobody out.
2. Complementary: seen as a bipartite graph (rows and columns are vertices, a suppressed entry is an
   edge), a suppressed value can be derived from the published ones exactly when its edge is a
   bridge — it lies on no cycle. Each bridge is closed into a cycle by also suppressing the published
   entries on the cheapest path from its row to its column (cost: the people hidden). Every published
   non-zero entry has at least ``minimum`` people, so a small value always hides next to at least one
   entry that reaches the threshold.

The result: no published entry is based on fewer than ``minimum`` people, and no suppressed entry is
determined by the line sums of the published ones.
"""

from __future__ import annotations

import heapq
from collections.abc import Hashable, Mapping

Entry = tuple[Hashable, Hashable]
TOTAL = "all"


def primary_suppressions(people: Mapping[Entry, int], minimum: int) -> set[Entry]:
    return {entry for entry, count in people.items() if 0 < count < minimum}


def _connected_without(edges: set[Entry], removed: Entry) -> bool:
    """Whether the row and the column of ``removed`` stay connected through the other edges."""
    start, goal = ("row", removed[0]), ("column", removed[1])
    neighbours: dict[tuple, list[tuple]] = {}
    for row, column in edges:
        if (row, column) == removed:
            continue
        neighbours.setdefault(("row", row), []).append(("column", column))
        neighbours.setdefault(("column", column), []).append(("row", row))
    seen, frontier = {start}, [start]
    while frontier:
        vertex = frontier.pop()
        if vertex == goal:
            return True
        for other in neighbours.get(vertex, ()):
            if other not in seen:
                seen.add(other)
                frontier.append(other)
    return False


def derivable(suppressed: set[Entry]) -> set[Entry]:
    """Suppressed entries that the line sums of the published entries would give away (bridges)."""
    return {edge for edge in suppressed if not _connected_without(suppressed, edge)}


def _cheapest_cycle(bridge: Entry, people: Mapping[Entry, int], suppressed: set[Entry]) -> list[Entry]:
    """The published entries to hide so that ``bridge`` lies on a cycle, hiding as few people as possible.

    A shortest path (Dijkstra) from the bridge's row to its column over every other entry, where hidden
    entries cost nothing and published ones cost their people; a published zero costs the most, because
    hiding a zero next to a small value would bound that value by itself.
    """
    start, goal = ("row", bridge[0]), ("column", bridge[1])
    heaviest = sum(people.values()) + 1
    neighbours: dict[tuple, list[tuple[tuple, Entry]]] = {}
    for entry in people:
        if entry == bridge:
            continue
        row, column = ("row", entry[0]), ("column", entry[1])
        neighbours.setdefault(row, []).append((column, entry))
        neighbours.setdefault(column, []).append((row, entry))
    best: dict[tuple, int] = {start: 0}
    came_by: dict[tuple, Entry] = {}
    queue: list[tuple[int, str, tuple]] = [(0, str(start), start)]
    while queue:
        cost, _key, vertex = heapq.heappop(queue)
        if vertex == goal:
            break
        if cost > best.get(vertex, cost):
            continue
        for other, entry in neighbours.get(vertex, ()):
            step = 0 if entry in suppressed else (people[entry] or heaviest)
            if cost + step < best.get(other, cost + step + 1):
                best[other] = cost + step
                came_by[other] = entry
                heapq.heappush(queue, (cost + step, str(other), other))
    if goal not in came_by:
        return []
    path, vertex = [], goal
    while vertex != start:
        entry = came_by[vertex]
        path.append(entry)
        vertex = ("row", entry[0]) if vertex[0] == "column" else ("column", entry[1])
    return [entry for entry in path if entry not in suppressed]


def suppress(people: Mapping[Entry, int], minimum: int, *, also: set[Entry] = frozenset()) -> set[Entry]:
    """The entries to withhold: primary ones, ``also`` (already withheld elsewhere), and complements."""
    suppressed = primary_suppressions(people, minimum) | (set(also) & set(people))
    while bridges := derivable(suppressed):
        complements = _cheapest_cycle(min(bridges, key=str), people, suppressed)
        if not complements:
            # No cycle is possible (a table of one line): nothing in it can be published safely.
            return set(people)
        suppressed.update(complements)
    return suppressed
