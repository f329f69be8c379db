"""Who may see HR reports, who may administer which part of the organisation, and the one organisation
scope every report, export, chart and organisation screen filters by.

An administrator (superuser or member of "Administrators") sees and administers the whole organisation.
A member of "HR officers" or "Ministry administrators" sees the subtrees of the units their ``HRScope``
rows name (of either role), matched by materialised-path prefix; a member of "Ministry administrators"
also administers the subtrees of their rows with ``role=admin``. Everyone else sees nothing. No view
re-implements this: they call ``org_scope_q`` / ``admin_scope_q`` (or the selectors built on them) with
the relation path from their model to ``OrgUnit``.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from wagtail.admin.menu import MenuItem

from people.models import Employee, HRScope, OrgUnit
from people.services import ADMINISTRATORS, HR_OFFICERS, MINISTRY_ADMINISTRATORS

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


def _outermost(paths: list[str]) -> list[str]:
    """Nested scopes collapse to their outermost unit, so each employee matches one prefix only."""
    outermost: list[str] = []
    for path in sorted(paths):
        if not any(path.startswith(kept) for kept in outermost):
            outermost.append(path)
    return outermost


def _scoped_paths(user: User, *, groups: tuple[str, ...], roles: tuple[str, ...], cache: str) -> list[str] | None:
    """The subtrees a member of one of ``groups`` holds through scope rows of one of ``roles``."""
    if sees_whole_organisation(user):
        return None
    if not user.is_authenticated or not user.is_active or not _group_names(user) & set(groups):
        return []
    if not hasattr(user, cache):
        rows = HRScope.objects.filter(user=user, role__in=roles).values_list("org_unit__path", flat=True)
        setattr(user, cache, _outermost(list(rows)))
    return getattr(user, cache)


def scope_paths(user: User) -> list[str] | None:
    """The materialised paths of the subtrees the user may see; ``None`` means everything.

    Reading a subtree's reports comes with either role: HR officer or ministry administrator.
    """
    return _scoped_paths(
        user,
        groups=(HR_OFFICERS, MINISTRY_ADMINISTRATORS),
        roles=(HRScope.Role.HR_OFFICER, HRScope.Role.MINISTRY_ADMIN),
        cache="_report_scope_paths",
    )


def admin_scope_paths(user: User) -> list[str] | None:
    """The subtrees the user administers (units, people, trainers, HR scopes); ``None`` means everything."""
    return _scoped_paths(
        user, groups=(MINISTRY_ADMINISTRATORS,), roles=(HRScope.Role.MINISTRY_ADMIN,), cache="_admin_scope_paths"
    )


def can_view_reports(user: User) -> bool:
    """Administrators, and HR officers or ministry administrators bound to at least one unit."""
    paths = scope_paths(user)
    return paths is None or bool(paths)


def can_administer_organisation(user: User) -> bool:
    """Administrators, and ministry administrators bound to at least one unit."""
    paths = admin_scope_paths(user)
    return paths is None or bool(paths)


def _paths_q(paths: list[str] | None, via: str) -> Q:
    if paths is None:
        return Q()
    if not paths:
        # Matches nothing, and Django answers it without a query.
        return Q(pk__in=[])
    query = Q()
    for path in paths:
        query |= Q(**{f"{via}path__startswith": path})
    return query


def org_scope_q(user: User, via: str = VIA_ORG_UNIT) -> Q:
    """A filter restricting rows to the user's organisation scope.

    ``via`` is the lookup path from the filtered model to ``OrgUnit``: ``""`` for units themselves,
    ``"org_unit__"`` for employees, ``"learner__employee__org_unit__"`` for enrolments.
    """
    return _paths_q(scope_paths(user), via)


def admin_scope_q(user: User, via: str = VIA_ORG_UNIT) -> Q:
    """Like ``org_scope_q``, for the subtrees the user administers."""
    return _paths_q(admin_scope_paths(user), via)


def scoped_org_units(user: User) -> QuerySet[OrgUnit]:
    return OrgUnit.objects.filter(org_scope_q(user, VIA_ORG_UNIT))


def scoped_employees(user: User) -> QuerySet[Employee]:
    return Employee.objects.filter(org_scope_q(user, VIA_EMPLOYEE))


def administered_org_units(user: User) -> QuerySet[OrgUnit]:
    return OrgUnit.objects.filter(admin_scope_q(user, VIA_ORG_UNIT))


def administered_employees(user: User) -> QuerySet[Employee]:
    return Employee.objects.filter(admin_scope_q(user, VIA_EMPLOYEE))


class ScopeAccessMixin:
    """For views of organisation data (reports, the impact dashboard, exports): administrators and scoped
    HR officers get past dispatch; everyone else gets 403."""

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not can_view_reports(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]


class OrganisationMenuItem(MenuItem):
    """An admin menu entry of the organisation screens: administrators and ministry administrators."""

    def is_shown(self, request: HttpRequest) -> bool:
        return can_administer_organisation(request.user)


class HRMenuItem(MenuItem):
    """An admin menu entry shown to those who pass ``ScopeAccessMixin``: administrators and scoped HR."""

    def is_shown(self, request: HttpRequest) -> bool:
        return can_view_reports(request.user)
