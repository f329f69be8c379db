"""What a reader of the published table could work out: exact linear algebra over the line sums.

Independent of ``impact.suppression`` (which reasons with graph bridges): here every row and column
of the table, totals included, is an equation, the suppressed entries are the unknowns, and an
unknown is *derivable* when its unit vector lies in the span of the equations (Gaussian elimination
over fractions).
"""

from __future__ import annotations

from collections.abc import Hashable
from fractions import Fraction

TOTAL = "all"


def _rank(matrix: list[list[Fraction]]) -> int:
    rows = [row[:] for row in matrix]
    rank, columns = 0, len(rows[0]) if rows else 0
    for column in range(columns):
        pivot = next((index for index in range(rank, len(rows)) if rows[index][column] != 0), None)
        if pivot is None:
            continue
        rows[rank], rows[pivot] = rows[pivot], rows[rank]
        for index in range(len(rows)):
            if index != rank and rows[index][column] != 0:
                factor = rows[index][column] / rows[rank][column]
                rows[index] = [a - factor * b for a, b in zip(rows[index], rows[rank], strict=True)]
        rank += 1
    return rank


def derivable_entries(
    row_keys: list[Hashable], column_keys: list[Hashable], suppressed: set[tuple[Hashable, Hashable]]
) -> set[tuple[Hashable, Hashable]]:
    """Suppressed entries a reader could compute from the published ones, treating every line as a sum.

    ``row_keys`` and ``column_keys`` include ``TOTAL``; each line's inner entries add up to its total.
    """
    unknowns = sorted(suppressed, key=str)
    if not unknowns:
        return set()
    position = {entry: index for index, entry in enumerate(unknowns)}
    equations: list[list[Fraction]] = []
    # Each line: its inner entries, and its total entry (inner entries minus the total is zero).
    lines = [([(row, column) for column in column_keys if column != TOTAL], (row, TOTAL)) for row in row_keys] + [
        ([(row, column) for row in row_keys if row != TOTAL], (TOTAL, column)) for column in column_keys
    ]
    for inner, total in lines:
        equation = [Fraction(0)] * len(unknowns)
        for entry in inner:
            if entry in position:
                equation[position[entry]] = Fraction(1)
        if total in position:
            equation[position[total]] = Fraction(-1)
        if any(equation):
            equations.append(equation)
    base = _rank(equations)
    found = set()
    for entry, index in position.items():
        unit = [Fraction(0)] * len(unknowns)
        unit[index] = Fraction(1)
        if _rank([*equations, unit]) == base:
            found.add(entry)
    return found
