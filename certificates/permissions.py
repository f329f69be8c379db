"""Who may see and manage which certificates: holders, administrators, and HR officers within scope."""

from __future__ import annotations

from functools import reduce
from operator import or_

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q
from wagtail.permission_policies.base import BasePermissionPolicy

from people.models import HRScope
from people.services import ADMINISTRATORS

from .models import Certificate

User = AbstractBaseUser | AnonymousUser
MANAGE_ACTIONS = ("view", "revoke", "reissue")


def is_certificate_administrator(user: User) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or user.groups.filter(name=ADMINISTRATORS).exists()


def hr_scope_paths(user: User) -> list[str]:
    if not (user.is_authenticated and user.is_active):
        return []
    return list(HRScope.objects.filter(user=user).values_list("org_unit__path", flat=True))


def managed_certificates_q(user: User) -> Q:
    """The certificates a user may manage: all for administrators, their org subtrees for HR officers."""
    if is_certificate_administrator(user):
        return Q()
    paths = hr_scope_paths(user)
    if not paths:
        return Q(pk__in=[])
    return reduce(or_, (Q(holder__employee__org_unit__path__startswith=path) for path in paths))


def can_manage_any_certificate(user: User) -> bool:
    return is_certificate_administrator(user) or bool(hr_scope_paths(user))


def can_manage_certificate(user: User, certificate: Certificate) -> bool:
    return Certificate.objects.filter(managed_certificates_q(user), pk=certificate.pk).exists()


def can_download_certificate(user: User, certificate: Certificate) -> bool:
    """Only the holder downloads from the learner pages (everyone else gets a 404, not a 403)."""
    return user.is_authenticated and certificate.holder_id == user.pk and certificate.is_downloadable


class CertificatePermissionPolicy(BasePermissionPolicy):
    """Wagtail admin permissions for certificates. Nobody adds, edits or deletes one by hand: the
    pipeline creates them; administrators and HR officers in scope view, revoke and re-issue."""

    def user_has_permission(self, user, action):
        return action in MANAGE_ACTIONS and can_manage_any_certificate(user)

    def user_has_permission_for_instance(self, user, action, instance):
        return action in MANAGE_ACTIONS and can_manage_certificate(user, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        if not any(action in MANAGE_ACTIONS for action in actions):
            return Certificate.objects.none()
        return Certificate.objects.filter(managed_certificates_q(user))

    def users_with_any_permission(self, actions):
        if not any(action in MANAGE_ACTIONS for action in actions):
            return get_user_model().objects.none()
        return (
            get_user_model()
            .objects.filter(
                Q(is_superuser=True) | Q(groups__name=ADMINISTRATORS) | Q(hr_scopes__isnull=False), is_active=True
            )
            .distinct()
        )
