"""Reads of the organisation screens: the unit tree with its head counts, people found by number or name."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db.models import Count, Q, QuerySet

from .models import Employee, HRScope, OrgUnit
from .scope import admin_scope_q, administered_employees, administered_org_units


@dataclass
class TreeRow:
    unit: OrgUnit
    depth: int
    people: int
    people_below: int

    @property
    def indent(self) -> int:
        # The stylesheet indents six levels; deeper units line up with the sixth.
        return min(self.depth, 6)


def unit_tree(user: User) -> list[TreeRow]:
    """The units the user administers in tree order, with active people in each and in its subtree.

    Depth counts from the top of what the user administers, so a ministry administrator's tree starts
    at their ministry. Two queries, whatever the size of the tree.
    """
    units = list(
        administered_org_units(user)
        .order_by("path")
        .annotate(people=Count("employees", filter=Q(employees__user__is_active=True)))
    )
    totals = {unit.path: 0 for unit in units}
    for unit in units:
        # Add the unit's people to itself and to each ancestor the user can see (path prefixes).
        for end in range(OrgUnit.steplen, len(unit.path) + 1, OrgUnit.steplen):
            if unit.path[:end] in totals:
                totals[unit.path[:end]] += unit.people
    top = min((unit.depth for unit in units), default=1)
    return [TreeRow(unit, unit.depth - top, unit.people, totals[unit.path]) for unit in units]


def search_employees(employees: QuerySet[Employee], text: str) -> QuerySet[Employee]:
    """Employees whose number starts with ``text`` or whose name in either language contains it."""
    text = text.strip()
    if not text:
        return employees
    return employees.filter(
        Q(employee_number__istartswith=text) | Q(full_name_en__icontains=text) | Q(full_name_ar__icontains=text)
    )


def administered_people(user: User, text: str = "") -> QuerySet[Employee]:
    found = search_employees(administered_employees(user), text)
    return found.select_related("user", "org_unit", "manager").order_by("employee_number")


def administered_scopes(user: User) -> QuerySet[HRScope]:
    """HR scopes on units the user administers (outside them a ministry administrator sees none)."""
    return (
        HRScope.objects.filter(admin_scope_q(user, "org_unit__"))
        .select_related("user", "user__employee", "org_unit")
        .order_by("org_unit__path", "pk")
    )
