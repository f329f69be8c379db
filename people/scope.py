"""Who may see HR reports, and the one organisation scope every report, export and chart filters by.

An administrator (superuser or member of "Administrators") sees the whole organisation; an HR
officer sees the subtrees of the units their ``HRScope`` rows name, matched by materialised-path
prefix; everyone else sees nothing. No view re-implements this: they call ``org_scope_q`` (or the
selectors built on it) with the relation path from their model to ``OrgUnit``.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from wagtail.admin.menu import MenuItem

from people.models import Employee, HRScope, OrgUnit
from people.services import ADMINISTRATORS, HR_OFFICERS

User = AbstractBaseUser | AnonymousUser

# Relation paths from the models reports read to their organisation unit.
VIA_ORG_UNIT = ""
VIA_EMPLOYEE = "org_unit__"
VIA_ENROLMENT = "learner__employee__org_unit__"


def _group_names(user: User) -> set[str]:
    # Cached on the user object: a report asks several times per request.
    if not hasattr(user, "_report_group_names"):
        user._report_group_names = set(user.groups.values_list("name", flat=True))
    return user._report_group_names


def sees_whole_organisation(user: User) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or ADMINISTRATORS in _group_names(user)


def scope_paths(user: User) -> list[str] | None:
    """The materialised paths of the subtrees the user may see; ``None`` means everything.

    Nested scopes collapse to their outermost unit, so each employee matches one prefix only.
    """
    if sees_whole_organisation(user):
        return None
    if not user.is_authenticated or not user.is_active or HR_OFFICERS not in _group_names(user):
        return []
    if not hasattr(user, "_report_scope_paths"):
        paths = sorted(HRScope.objects.filter(user=user).values_list("org_unit__path", flat=True))
        outermost: list[str] = []
        for path in paths:
            if not any(path.startswith(kept) for kept in outermost):
                outermost.append(path)
        user._report_scope_paths = outermost
    return user._report_scope_paths


def can_view_reports(user: User) -> bool:
    """Administrators, and HR officers bound to at least one unit."""
    paths = scope_paths(user)
    return paths is None or bool(paths)


def org_scope_q(user: User, via: str = VIA_ORG_UNIT) -> Q:
    """A filter restricting rows to the user's organisation scope.

    ``via`` is the lookup path from the filtered model to ``OrgUnit``: ``""`` for units themselves,
    ``"org_unit__"`` for employees, ``"learner__employee__org_unit__"`` for enrolments.
    """
    paths = scope_paths(user)
    if paths is None:
        return Q()
    if not paths:
        # Matches nothing, and Django answers it without a query.
        return Q(pk__in=[])
    query = Q()
    for path in paths:
        query |= Q(**{f"{via}path__startswith": path})
    return query


def scoped_org_units(user: User) -> QuerySet[OrgUnit]:
    return OrgUnit.objects.filter(org_scope_q(user, VIA_ORG_UNIT))


def scoped_employees(user: User) -> QuerySet[Employee]:
    return Employee.objects.filter(org_scope_q(user, VIA_EMPLOYEE))


class ScopeAccessMixin:
    """For views of organisation data (reports, the impact dashboard, exports): administrators and scoped
    HR officers get past dispatch; everyone else gets 403."""

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not can_view_reports(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]


class HRMenuItem(MenuItem):
    """An admin menu entry shown to those who pass ``ScopeAccessMixin``: administrators and scoped HR."""

    def is_shown(self, request: HttpRequest) -> bool:
        return can_view_reports(request.user)
