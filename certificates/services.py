"""Every write to certificates: the outbox row, issuing (render + store, leased), the clean-up of
interrupted renders, revoking and re-issuing. Publishing the outbox and its sweep: ``outbox.py``."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import hashlib
import logging
import os
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.db import DatabaseError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Locale

from common.storage import private_storage
from programmes.selectors import certificate_hours

from .codes import verify_url
from .models import Certificate, CertificateTemplate, CertificateVersion, expiry_date
from .notifications import notify_issued
from .rendering import CertificateData, clean_text, get_renderer, look_for

logger = logging.getLogger(__name__)

# How long a worker may hold a certificate for rendering before another may take it over: a batch of 20
# renders in a few seconds, so a killed worker delays its certificates by half a minute at most.
RENDER_LEASE = datetime.timedelta(seconds=30)
# Temporary files of a render that never finished: older than any lease, so no live render owns them.
TEMPORARY_FILE_MAX_AGE = datetime.timedelta(minutes=10)


class CertificateError(Exception):
    """A certificate action that cannot be done in the certificate's current state; the message says why."""


# --- Templates ---------------------------------------------------------------------------------------

DEFAULT_WORDING = {
    "title_ar": "شهادة إتمام",
    "title_en": "Certificate of Completion",
    "body_ar": "تشهد منصة قدرة بإتمام {holder} بنجاح دورة «{course}» "
    "وعدد ساعاتها التدريبية {hours}، وذلك بتاريخ {date}.",
    "body_en": "This certifies that {holder} has successfully completed the course “{course}”, "
    "{hours} hours of training, on {date}.",
}
# What a programme certificate says when its template has no programme wording of its own.
DEFAULT_PROGRAMME_WORDING = {
    "body_ar": "تشهد منصة قدرة بإتمام {holder} بنجاح برنامج «{course}» "
    "وعدد ساعاته التدريبية {hours}، وذلك بتاريخ {date}.",
    "body_en": "This certifies that {holder} has successfully completed the programme “{course}”, "
    "{hours} hours of training, on {date}.",
}


def default_template() -> CertificateTemplate:
    """The template used when a course picks none; created with the standard wording if missing."""
    template = CertificateTemplate.objects.filter(is_default=True).first()
    if template is None:
        template = CertificateTemplate.objects.order_by("id").first()
    if template is None:
        template = CertificateTemplate.objects.create(name="Standard", is_default=True, **DEFAULT_WORDING)
    return template


# --- The outbox --------------------------------------------------------------------------------------


def _frozen_names(holder: User) -> tuple[str, str]:
    """The names as the PDF prints them (``clean_text``), so the public verification page, which shows the
    frozen names, reads exactly as the certificate does."""
    employee = getattr(holder, "employee", None)
    fallback = clean_text(holder.get_full_name()) or holder.get_username()
    if employee is None:
        return fallback, fallback
    return clean_text(employee.full_name_ar) or fallback, clean_text(employee.full_name_en) or fallback


def _frozen_titles(course) -> tuple[str, str]:
    titles = {}
    for language in ("ar", "en"):
        locale = Locale.objects.filter(language_code=language).first()
        translated = course.get_translation_or_none(locale) if locale else None
        titles[language] = translated.title if translated is not None else ""
    return titles["ar"] or course.title, titles["en"] or course.title


def _template_for(course) -> CertificateTemplate:
    template_id = getattr(course, "certificate_template_id", None)
    if template_id:
        template = CertificateTemplate.objects.filter(pk=template_id).first()
        if template is not None:
            return template
    return default_template()


def _freeze(certificate: Certificate) -> None:
    """Copy what the certificate prints from the employee record and the course (or programme), as they are now.

    A programme certificate prints the programme's title in the course title fields and the hours of
    its courses (see ``programmes.selectors.certificate_hours``).
    """
    certificate.holder_name_ar, certificate.holder_name_en = _frozen_names(certificate.holder)
    if certificate.is_programme:
        programme_enrolment = certificate.programme_enrolment
        assert programme_enrolment is not None
        subject = programme_enrolment.programme.specific
        certificate.hours = certificate_hours(programme_enrolment=programme_enrolment)
    else:
        course = certificate.course
        assert course is not None  # a certificate is for a course or for a programme
        subject = course.specific
        certificate.hours = subject.estimated_hours
    certificate.course_title_ar, certificate.course_title_en = _frozen_titles(subject)
    certificate.template = _template_for(subject)


@transaction.atomic
def create_pending_certificate(*, enrolment) -> Certificate:
    """The outbox row for a completed enrolment: called inside the completing transaction, so the
    decision to issue commits (or rolls back) with the completion. Idempotent per enrolment."""
    existing = Certificate.objects.filter(enrolment=enrolment).first()
    if existing is not None:
        return existing
    completed_on = timezone.localdate(enrolment.completed_at or timezone.now())
    course = enrolment.course.specific
    certificate = Certificate(
        enrolment=enrolment,
        holder=enrolment.learner,
        course=course,
        issued_on=completed_on,
        expires_on=expiry_date(completed_on, course.certificate_validity_months),
    )
    _freeze(certificate)
    certificate.save()
    return certificate


@transaction.atomic
def create_pending_programme_certificate(*, programme_enrolment) -> Certificate:
    """The outbox row for a completed programme, written inside the completing transaction like a
    course's. Idempotent per programme enrolment; programme certificates do not expire."""
    existing = Certificate.objects.filter(programme_enrolment=programme_enrolment).first()
    if existing is not None:
        return existing
    certificate = Certificate(
        programme_enrolment=programme_enrolment,
        holder=programme_enrolment.learner,
        issued_on=timezone.localdate(programme_enrolment.completed_at or timezone.now()),
        expires_on=None,
    )
    _freeze(certificate)
    certificate.save()
    return certificate


def certificate_data(certificate: Certificate) -> CertificateData:
    template = certificate.template or default_template()
    look = look_for(template)
    if certificate.is_programme:
        look = dataclasses.replace(
            look,
            body_ar=template.programme_body_ar or DEFAULT_PROGRAMME_WORDING["body_ar"],
            body_en=template.programme_body_en or DEFAULT_PROGRAMME_WORDING["body_en"],
        )
    return CertificateData(
        code=certificate.code,
        holder_name_ar=certificate.holder_name_ar,
        holder_name_en=certificate.holder_name_en,
        course_title_ar=certificate.course_title_ar,
        course_title_en=certificate.course_title_en,
        hours=certificate.hours,
        issued_on=certificate.issued_on,
        expires_on=certificate.expires_on,
        verify_url=verify_url(certificate.code),
        look=look,
    )


# --- Issuing -----------------------------------------------------------------------------------------


@dataclass
class _Claimed:
    certificate: Certificate
    temporary_name: str = ""
    sha256: str = ""
    content: bytes = b""


def _claim(certificate_ids: Sequence[int], token: uuid.UUID) -> list[Certificate]:
    """Lease the pending certificates among `certificate_ids` to this run (short transaction): those not
    leased, those whose lease expired, and those leased under this same token, which is the task's id, so
    a retry or a redelivery of the task that was interrupted takes its own lease over at once.

    Claiming consumes the message: ``enqueued_at`` is cleared, so if this run dies the sweep publishes
    the certificate again as soon as the lease has expired."""
    now = timezone.now()
    with transaction.atomic():
        rows = list(
            Certificate.objects.select_for_update(of=("self",))
            .filter(id__in=certificate_ids, status=Certificate.Status.PENDING)
            .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now) | Q(claim_token=token))
            .select_related("template")
            .order_by("id")
        )
        if rows:
            Certificate.objects.filter(id__in=[row.id for row in rows]).update(
                claim_token=token, claimed_until=now + RENDER_LEASE, enqueued_at=None
            )
    return rows


def _write_temporary(name: str, content: bytes) -> str:
    """Write next to the final name under a unique temporary name; renamed into place on commit."""
    storage = private_storage()
    temporary = f"{name}.{uuid.uuid4().hex}.tmp"
    try:
        path = storage.path(temporary)
    except NotImplementedError:
        # Object stores have no rename; a single PUT is atomic there, so write the final object later.
        return ""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(content)
        handle.flush()
        os.fsync(handle.fileno())
    return temporary


def _move_into_place(temporary: str, name: str, content: bytes) -> None:
    storage = private_storage()
    if temporary:
        os.replace(storage.path(temporary), storage.path(name))
    else:
        if storage.exists(name):
            storage.delete(name)
        storage.save(name, ContentFile(content))


def _discard(temporary: str) -> None:
    if temporary:
        storage = private_storage()
        with contextlib.suppress(FileNotFoundError):
            os.remove(storage.path(temporary))


def issue_certificates(*, certificate_ids: Sequence[int], lease_token: uuid.UUID | None = None) -> list[int]:
    """Render and store the given pending certificates; returns the ids this call issued.

    Safe to run twice and from several workers at once: rows are leased in a short locked
    transaction, rendered outside it (so rendering never holds a database lock), and marked issued
    in a second locked transaction only if this worker still holds the lease. Whoever loses
    discards its temporary file, so each certificate ends with exactly one PDF. A task passes its
    own id as ``lease_token``: its retries and redeliveries then hold the same lease.
    """
    token = lease_token or uuid.uuid4()
    claimed = [_Claimed(certificate) for certificate in _claim(certificate_ids, token)]
    if not claimed:
        return []
    try:
        pdfs = get_renderer().render_many([certificate_data(item.certificate) for item in claimed])
        for item, content in zip(claimed, pdfs, strict=True):
            item.sha256 = hashlib.sha256(content).hexdigest()
            item.temporary_name = _write_temporary(item.certificate.pdf_name(), content)
            item.content = content
        issued = _finalise(claimed, token)
    except BaseException:
        for item in claimed:
            _discard(item.temporary_name)
        _release(claimed, token)
        raise
    return issued


def _release(claimed: list[_Claimed], token: uuid.UUID) -> None:
    """Give the lease back after a failed render, so another worker need not wait for it to expire. With
    the database down this fails too; the task's retry then takes over its own lease (same token)."""
    try:
        Certificate.objects.filter(id__in=[item.certificate.id for item in claimed], claim_token=token).update(
            claim_token=None, claimed_until=None
        )
    except DatabaseError:
        logger.warning("Could not release the lease of certificates %s", [item.certificate.id for item in claimed])


def remove_stale_temporary_files(*, older_than: datetime.timedelta = TEMPORARY_FILE_MAX_AGE) -> int:
    """Delete the temporary files of renders that never finished (a killed worker); returns how many."""
    storage = private_storage()
    try:
        root = Path(storage.path("certificates"))
    except NotImplementedError:
        return 0  # object stores: the final object is written in one PUT, there is no temporary file
    cutoff = time.time() - older_than.total_seconds()
    removed = 0
    for path in root.glob("*/*.tmp"):
        with contextlib.suppress(FileNotFoundError):
            if path.stat().st_mtime < cutoff:
                path.unlink()
                removed += 1
    if removed:
        logger.info("Removed %s temporary certificate files left by interrupted renders", removed)
    return removed


def _finalise(claimed: list[_Claimed], token: uuid.UUID) -> list[int]:
    issued: list[int] = []
    by_id = {item.certificate.id: item for item in claimed}
    now = timezone.now()
    with transaction.atomic():
        still_ours = Certificate.objects.select_for_update().filter(
            id__in=list(by_id), claim_token=token, status=Certificate.Status.PENDING
        )
        for certificate in still_ours:
            item = by_id[certificate.id]
            name = certificate.pdf_name()
            _move_into_place(item.temporary_name, name, item.content)
            item.temporary_name = ""
            certificate.pdf.name = name
            certificate.sha256 = item.sha256
            certificate.status = Certificate.Status.ISSUED
            certificate.issued_at = now
            certificate.claim_token = None
            certificate.claimed_until = None
            certificate.save(update_fields=["pdf", "sha256", "status", "issued_at", "claim_token", "claimed_until"])
            issued.append(certificate.id)
        notify_issued(certificates=[by_id[pk].certificate for pk in issued])
    for item in claimed:
        _discard(item.temporary_name)
    return issued


def issue_certificate(*, certificate_id: int) -> Certificate | None:
    """Render and store one pending certificate (no-op if it is issued, revoked or being rendered)."""
    issue_certificates(certificate_ids=[certificate_id])
    return Certificate.objects.filter(id=certificate_id).first()


# --- Administration ----------------------------------------------------------------------------------


@transaction.atomic
def revoke_certificate(*, certificate: Certificate, user: User, reason: str) -> Certificate:
    """Revoke a certificate; the reason is shown on the public verification page and logged."""
    reason = reason.strip()
    if not reason:
        raise CertificateError(_("Give a reason for revoking the certificate."))
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.status == Certificate.Status.REVOKED:
        raise CertificateError(_("This certificate is already revoked."))
    certificate.status = Certificate.Status.REVOKED
    certificate.revoked_at = timezone.now()
    certificate.revoked_by = user
    certificate.revocation_reason = reason
    certificate.claim_token = None
    certificate.claimed_until = None
    certificate.save(
        update_fields=["status", "revoked_at", "revoked_by", "revocation_reason", "claim_token", "claimed_until"]
    )
    log(instance=certificate, action="certificates.revoke", user=user, data={"reason": reason})
    return certificate


@transaction.atomic
def reissue_certificate(*, certificate: Certificate, user: User, reason: str = "") -> Certificate:
    """Start a new version of a certificate with the current names, titles and template.

    The code stays the same; the current PDF and its hash move to the history (and stay
    verifiable as an earlier version); the certificate goes back to pending and the pipeline
    renders the new PDF. The caller publishes it after commit (``publish_issue``).
    """
    certificate = Certificate.objects.select_for_update(of=("self",)).select_related("template").get(pk=certificate.pk)
    if certificate.status == Certificate.Status.REVOKED:
        raise CertificateError(_("A revoked certificate cannot be re-issued."))
    if certificate.status == Certificate.Status.PENDING:
        raise CertificateError(_("This certificate is still being prepared; try again in a minute."))
    CertificateVersion.objects.create(
        certificate=certificate,
        version=certificate.version,
        holder_name_ar=certificate.holder_name_ar,
        holder_name_en=certificate.holder_name_en,
        course_title_ar=certificate.course_title_ar,
        course_title_en=certificate.course_title_en,
        template_name=certificate.template.name if certificate.template else "",
        pdf=certificate.pdf.name,
        sha256=certificate.sha256,
        issued_at=certificate.issued_at,
        replaced_by=user,
        reason=reason.strip(),
    )
    _freeze(certificate)
    certificate.version += 1
    certificate.status = Certificate.Status.PENDING
    certificate.pdf = ""
    certificate.sha256 = ""
    certificate.issued_at = None
    certificate.enqueued_at = None
    certificate.claim_token = None
    certificate.claimed_until = None
    certificate.save()
    log(
        instance=certificate,
        action="certificates.reissue",
        user=user,
        data={"reason": reason.strip(), "version": certificate.version},
    )
    return certificate
