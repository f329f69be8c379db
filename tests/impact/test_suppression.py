"""Small-cell suppression as a pure function: on any table, nothing small is published and nothing
suppressed can be derived from the rest (checked by exact linear algebra, not by the code's own graph test)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from impact.suppression import TOTAL, derivable, suppress
from tests.impact.disclosure import derivable_entries


@hypothesis_settings(max_examples=150, deadline=None)
@given(
    st.integers(min_value=1, max_value=5).flatmap(
        lambda ministries: st.integers(min_value=1, max_value=6).flatmap(
            lambda areas: st.lists(
                st.lists(st.integers(min_value=0, max_value=40), min_size=areas, max_size=areas),
                min_size=ministries,
                max_size=ministries,
            )
        )
    ),
    st.integers(min_value=2, max_value=12),
)
def test_suppression_holds_for_any_table(inner, minimum):
    people = {}
    for row_index, values in enumerate(inner):
        for column_index, value in enumerate(values):
            people[f"m{row_index}", f"s{column_index}"] = value
        people[f"m{row_index}", TOTAL] = sum(values)
    for column_index in range(len(inner[0])):
        people[TOTAL, f"s{column_index}"] = sum(values[column_index] for values in inner)
    people[TOTAL, TOTAL] = sum(map(sum, inner))

    hidden = suppress(people, minimum)

    assert all(value == 0 or value >= minimum for key, value in people.items() if key not in hidden)
    row_keys = sorted({key[0] for key in people})
    column_keys = sorted({key[1] for key in people})
    assert derivable_entries(row_keys, column_keys, hidden) == set()


def test_a_single_small_cell_gets_a_complement_in_its_row_and_column():
    people = {("a", "x"): 3, ("a", "y"): 20, ("a", TOTAL): 23, ("b", "x"): 30, ("b", "y"): 40, ("b", TOTAL): 70}
    people |= {(TOTAL, "x"): 33, (TOTAL, "y"): 60, (TOTAL, TOTAL): 93}

    hidden = suppress(people, 10)

    # The small cell, one more in its row and in its column, and the fourth corner closing the cycle.
    assert hidden == {("a", "x"), ("a", "y"), ("b", "x"), ("b", "y")}
    assert derivable(hidden) == set()


def test_zero_is_published_and_a_table_without_small_cells_is_untouched():
    people = {("a", "x"): 0, ("a", TOTAL): 0, (TOTAL, "x"): 0, (TOTAL, TOTAL): 0}
    assert suppress(people, 10) == set()
