"""Certificate templates (an editor-managed snippet) and certificates (the issuing outbox and its history)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import PreviewableMixin, RevisionMixin

from common.i18n import pick
from common.storage import private_storage

from .codes import CODE_LENGTH, format_code, new_code
from .rendering import PLACEHOLDER_PATTERN, PLACEHOLDERS, render_sample


def validate_placeholders(text: str) -> None:
    unknown = sorted({name for name in PLACEHOLDER_PATTERN.findall(text) if name not in PLACEHOLDERS})
    if unknown:
        raise ValidationError(
            _("Unknown placeholder(s): %(unknown)s. Use only: %(allowed)s."),
            params={
                "unknown": ", ".join(f"{{{name}}}" for name in unknown),
                "allowed": ", ".join(f"{{{name}}}" for name in PLACEHOLDERS),
            },
        )


class CertificateTemplate(RevisionMixin, PreviewableMixin, models.Model):
    """How a certificate looks and reads. Both languages sit side by side in one record because every
    certificate prints both on one page; a translation workflow per locale could leave one half empty."""

    name = models.CharField(_("name"), max_length=120, help_text=_("Shown to administrators only."))
    is_default = models.BooleanField(
        _("default template"), default=False, help_text=_("Used by courses that do not pick a template.")
    )
    title_ar = models.CharField(_("title (Arabic)"), max_length=120)
    title_en = models.CharField(_("title (English)"), max_length=120)
    body_ar = models.TextField(
        _("text (Arabic)"),
        max_length=600,
        validators=[validate_placeholders],
        help_text=_("Placeholders: {holder}, {course}, {hours}, {date}, {code}."),
    )
    body_en = models.TextField(
        _("text (English)"),
        max_length=600,
        validators=[validate_placeholders],
        help_text=_("Placeholders: {holder}, {course}, {hours}, {date}, {code}."),
    )
    programme_body_ar = models.TextField(
        _("programme text (Arabic)"),
        max_length=600,
        blank=True,
        validators=[validate_placeholders],
        help_text=_("For programme certificates; {course} is the programme. Leave empty for the standard wording."),
    )
    programme_body_en = models.TextField(
        _("programme text (English)"),
        max_length=600,
        blank=True,
        validators=[validate_placeholders],
        help_text=_("For programme certificates; {course} is the programme. Leave empty for the standard wording."),
    )
    signatory_name_ar = models.CharField(_("signatory name (Arabic)"), max_length=120, blank=True)
    signatory_name_en = models.CharField(_("signatory name (English)"), max_length=120, blank=True)
    signatory_title_ar = models.CharField(_("signatory title (Arabic)"), max_length=160, blank=True)
    signatory_title_en = models.CharField(_("signatory title (English)"), max_length=160, blank=True)
    signature = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("signature image"),
        help_text=_("A PNG or JPEG on a transparent or white background."),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("logo"),
        help_text=_("Leave empty to use the programme's emblem."),
    )
    accent_colour = models.CharField(
        _("accent colour"),
        max_length=7,
        default="#0f5b4f",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Enter a colour such as #0f5b4f."))],
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    panels = [
        MultiFieldPanel([FieldPanel("name"), FieldPanel("is_default")], heading=_("Template")),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("title_en"), FieldPanel("title_ar")]),
                FieldPanel("body_en"),
                FieldPanel("body_ar"),
                FieldPanel("programme_body_en"),
                FieldPanel("programme_body_ar"),
            ],
            heading=_("Wording"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("signatory_name_en"), FieldPanel("signatory_name_ar")]),
                FieldRowPanel([FieldPanel("signatory_title_en"), FieldPanel("signatory_title_ar")]),
                FieldPanel("signature"),
            ],
            heading=_("Signatory"),
        ),
        MultiFieldPanel([FieldPanel("logo"), FieldPanel("accent_colour")], heading=_("Look")),
    ]

    class Meta:
        verbose_name = _("certificate template")
        verbose_name_plural = _("certificate templates")
        constraints = [
            models.UniqueConstraint(fields=["is_default"], condition=Q(is_default=True), name="one_default_template")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def preview_modes(self) -> list[tuple[str, str]]:
        return [("", _("PDF with sample data"))]

    def serve_preview(self, request: HttpRequest, mode_name: str) -> HttpResponse:
        # The preview is the real renderer fed with sample data, so what the editor sees is what learners get.
        response = HttpResponse(render_sample(template=self), content_type="application/pdf")
        response["Content-Disposition"] = 'inline; filename="certificate-preview.pdf"'
        response["Cache-Control"] = "no-store"
        return response


class Certificate(models.Model):
    """One per completed enrolment cycle or completed programme. Created as pending inside the completing
    transaction, it is the outbox: a worker renders it later, and the beat sweep retries anything left pending."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Being prepared")
        ISSUED = "issued", _("Issued")
        REVOKED = "revoked", _("Revoked")

    # A certificate is either for a course (enrolment and course set) or for a programme
    # (programme_enrolment set); the check constraint below holds the database to exactly one.
    enrolment = models.OneToOneField(
        "courses.Enrolment",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="certificate",
        verbose_name=_("enrolment"),
    )
    programme_enrolment = models.OneToOneField(
        "programmes.ProgrammeEnrolment",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="certificate",
        verbose_name=_("programme enrolment"),
    )
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="certificates", verbose_name=_("holder")
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("course"),
    )
    template = models.ForeignKey(
        CertificateTemplate,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="certificates",
        verbose_name=_("template"),
    )
    code = models.CharField(
        _("verification code"), max_length=CODE_LENGTH, unique=True, default=new_code, editable=False
    )
    # Frozen when the course is completed (and again on re-issue): later edits to the employee
    # record or the course never change what a certificate already says.
    holder_name_ar = models.CharField(_("holder name (Arabic)"), max_length=255)
    holder_name_en = models.CharField(_("holder name (English)"), max_length=255)
    course_title_ar = models.CharField(_("course title (Arabic)"), max_length=255)
    course_title_en = models.CharField(_("course title (English)"), max_length=255)
    hours = models.PositiveSmallIntegerField(_("hours"), default=0)
    issued_on = models.DateField(_("issue date"))
    expires_on = models.DateField(_("expiry date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    pdf = models.FileField(_("PDF"), storage=private_storage, max_length=255, blank=True, editable=False)
    sha256 = models.CharField(_("SHA-256 of the PDF"), max_length=64, blank=True, editable=False)
    issued_at = models.DateTimeField(_("PDF produced"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revocation_reason = models.TextField(_("reason for revocation"), blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("revoked by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # Outbox bookkeeping: when a task was last published for this row, and which worker holds the
    # render lease (so a second worker never renders the same certificate at the same time).
    enqueued_at = models.DateTimeField(null=True, blank=True, editable=False)
    claim_token = models.UUIDField(null=True, blank=True, editable=False)
    claimed_until = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        indexes = [models.Index(fields=["status", "created_at"]), models.Index(fields=["course", "status"])]
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(enrolment__isnull=False, course__isnull=False, programme_enrolment__isnull=True)
                    | Q(enrolment__isnull=True, course__isnull=True, programme_enrolment__isnull=False)
                ),
                name="certificate_for_a_course_or_a_programme",
            )
        ]

    def __str__(self) -> str:
        return f"{self.display_code} – {self.holder_name}"

    @property
    def display_code(self) -> str:
        return format_code(self.code)

    @property
    def holder_name(self) -> str:
        return pick(self.holder_name_ar, self.holder_name_en)

    @property
    def course_title(self) -> str:
        return pick(self.course_title_ar, self.course_title_en)

    @property
    def is_programme(self) -> bool:
        return self.programme_enrolment_id is not None

    @property
    def is_expired(self) -> bool:
        return self.expires_on is not None and self.expires_on < timezone.localdate()

    @property
    def is_downloadable(self) -> bool:
        return self.status == self.Status.ISSUED and bool(self.pdf)

    @property
    def state(self) -> str:
        """What the verification page says: revoked, expired, valid or pending."""
        if self.status == self.Status.REVOKED:
            return "revoked"
        if self.status == self.Status.PENDING:
            return "pending"
        return "expired" if self.is_expired else "valid"

    def pdf_name(self, version: int | None = None) -> str:
        return f"certificates/{self.code[:2]}/{self.code}-v{version or self.version}.pdf"


class CertificateVersion(models.Model):
    """An earlier issue of a certificate, kept when it is re-issued: its PDF stays verifiable."""

    certificate = models.ForeignKey(Certificate, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveSmallIntegerField(_("version"))
    holder_name_ar = models.CharField(_("holder name (Arabic)"), max_length=255)
    holder_name_en = models.CharField(_("holder name (English)"), max_length=255)
    course_title_ar = models.CharField(_("course title (Arabic)"), max_length=255)
    course_title_en = models.CharField(_("course title (English)"), max_length=255)
    template_name = models.CharField(_("template"), max_length=120, blank=True)
    pdf = models.FileField(_("PDF"), storage=private_storage, max_length=255, blank=True)
    sha256 = models.CharField(_("SHA-256 of the PDF"), max_length=64, blank=True, db_index=True)
    issued_at = models.DateTimeField(_("PDF produced"), null=True, blank=True)
    replaced_at = models.DateTimeField(_("replaced"), default=timezone.now)
    replaced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(_("reason for re-issue"), blank=True)

    class Meta:
        verbose_name = _("earlier version")
        verbose_name_plural = _("earlier versions")
        ordering = ["certificate", "-version"]
        constraints = [models.UniqueConstraint(fields=["certificate", "version"], name="unique_certificate_version")]

    def __str__(self) -> str:
        return f"{self.certificate.display_code} v{self.version}"


def expiry_date(issued_on: datetime.date, months: int | None) -> datetime.date | None:
    """The day a certificate stops being valid, `months` after it was issued (end of month clamps)."""
    if not months:
        return None
    month_index = issued_on.month - 1 + months
    year, month = issued_on.year + month_index // 12, month_index % 12 + 1
    for day in (issued_on.day, 30, 29, 28):
        try:
            return datetime.date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has 28 days")
