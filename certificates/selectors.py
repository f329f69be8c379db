"""Reads of certificates for the pages that show them; scoping by permission happens here."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db.models import QuerySet

from .codes import normalise_code
from .models import Certificate, CertificateVersion
from .permissions import managed_certificates_q


def certificates_of(*, user: User) -> QuerySet[Certificate]:
    """The user's own certificates, newest first (pending ones included: they show as being prepared)."""
    return Certificate.objects.filter(holder=user).order_by("-issued_on", "-id")


def certificate_for_holder(*, user: User, code: str) -> Certificate | None:
    normalised = normalise_code(code)
    if normalised is None or not user.is_authenticated:
        return None
    return Certificate.objects.filter(holder=user, code=normalised).first()


def certificate_by_code(*, code: str) -> Certificate | None:
    normalised = normalise_code(code)
    if normalised is None:
        return None
    return Certificate.objects.filter(code=normalised).first()


def managed_certificates(*, user: User) -> QuerySet[Certificate]:
    """What the admin lists for this user: every certificate for administrators, their subtree for HR."""
    return Certificate.objects.filter(managed_certificates_q(user)).select_related("holder", "course")


@dataclass
class FileCheck:
    """The outcome of checking an uploaded PDF against a certificate."""

    matches: bool
    version: int | None = None
    is_current: bool = False
    replaced_at: object = None


def check_file(*, certificate: Certificate, sha256: str) -> FileCheck:
    if certificate.sha256 and certificate.sha256 == sha256:
        return FileCheck(matches=True, version=certificate.version, is_current=True)
    earlier = CertificateVersion.objects.filter(certificate=certificate, sha256=sha256).first()
    if earlier is not None:
        return FileCheck(matches=True, version=earlier.version, replaced_at=earlier.replaced_at)
    return FileCheck(matches=False)
