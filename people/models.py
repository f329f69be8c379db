"""The organisation tree, employee profiles and the HR officers' scopes."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node

from common.fields import PersonNameField
from common.i18n import pick


class OrgUnit(MP_Node):
    """A ministry, directorate or department; subtrees are path-prefix queries."""

    class Kind(models.TextChoices):
        MINISTRY = "ministry", _("Ministry")
        DIRECTORATE = "directorate", _("Directorate")
        DEPARTMENT = "department", _("Department")

    code = models.SlugField(_("code"), max_length=64, unique=True)
    name_ar = models.CharField(_("name (Arabic)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # A closed unit keeps its history (people who were in it, their records) but takes no one new.
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    node_order_by = ["name_en"]

    class Meta:
        verbose_name = _("organisation unit")
        verbose_name_plural = _("organisation units")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return pick(self.name_ar, self.name_en)


class Employee(models.Model):
    """The civil servant behind a user account; the certificate prints both names."""

    class Language(models.TextChoices):
        ARABIC = "ar", _("Arabic")
        ENGLISH = "en", _("English")

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="employee")
    employee_number = models.CharField(_("employee number"), max_length=32, unique=True)
    # The national identity number, as the government identity provider's claim carries it; optional
    # because not every deployment signs in through it.
    civil_number = models.CharField(_("civil number"), max_length=16, unique=True, null=True, blank=True)
    full_name_ar = PersonNameField(_("full name (Arabic)"), max_length=255)
    full_name_en = PersonNameField(_("full name (English)"), max_length=255)
    org_unit = models.ForeignKey(
        OrgUnit, on_delete=models.PROTECT, related_name="employees", verbose_name=_("organisation unit")
    )
    job_title = models.CharField(_("job title"), max_length=255, blank=True)
    grade = models.CharField(_("grade"), max_length=32, blank=True)
    hire_date = models.DateField(_("hire date"), null=True, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=2, choices=Language.choices, default=Language.ARABIC
    )
    # The line manager: "My team" shows a manager their direct and indirect reports.
    manager = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="direct_reports",
        verbose_name=_("line manager"),
    )

    class Meta:
        verbose_name = _("employee")
        verbose_name_plural = _("employees")

    def __str__(self) -> str:
        return f"{self.full_name} ({self.employee_number})"

    @property
    def full_name(self) -> str:
        return pick(self.full_name_ar, self.full_name_en)


class HRScope(models.Model):
    """Binds an HR officer to an organisation unit: they see that unit and everything below it.

    A ministry administrator's scope also lets them manage that subtree: its people, units, trainers,
    HR scopes and assignments (``Role.MINISTRY_ADMIN``); reading its reports comes with either role.
    """

    class Role(models.TextChoices):
        HR_OFFICER = "hr", _("HR officer")
        MINISTRY_ADMIN = "admin", _("Ministry administrator")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="hr_scopes")
    org_unit = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="hr_scopes")
    role = models.CharField(_("role"), max_length=8, choices=Role.choices, default=Role.HR_OFFICER)

    class Meta:
        verbose_name = _("HR scope")
        verbose_name_plural = _("HR scopes")
        constraints = [models.UniqueConstraint(fields=["user", "org_unit"], name="unique_hr_scope")]

    def __str__(self) -> str:
        return f"{self.user} → {self.org_unit}"


class PeopleImportJob(models.Model):
    """A people import run by a worker: the upload waits in private storage, the outcome is kept here.

    Checking and writing tens of thousands of rows takes longer than a web request should; the page
    shows the job's stage until it is done, then its figures, skipped rows or problems.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Importing")
        DONE = "done", _("Done")
        REJECTED = "rejected", _("Nothing imported")
        FAILED = "failed", _("Failed")

    class Stage(models.TextChoices):
        WAITING = "", _("Waiting for a worker")
        CHECKING = "checking", _("Checking every row")
        SAVING = "saving", _("Saving")

    # A UUID, so the status page's address cannot be guessed (it is checked against the uploader too).
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="people_imports", verbose_name=_("uploaded by")
    )
    dry_run = models.BooleanField(_("only checked"), default=False)
    language = models.CharField(_("language"), max_length=8, default="ar")
    # Names in private storage (deleted once the job is finished) and the names the files were uploaded as.
    units_file = models.CharField(max_length=255, blank=True)
    units_name = models.CharField(_("units file"), max_length=255, blank=True)
    employees_file = models.CharField(max_length=255, blank=True)
    employees_name = models.CharField(_("employees file"), max_length=255, blank=True)
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    stage = models.CharField(_("stage"), max_length=16, choices=Stage.choices, blank=True, default="")
    result = models.JSONField(_("figures"), default=dict, blank=True)
    skipped = models.JSONField(_("skipped rows"), default=list, blank=True)
    errors = models.JSONField(_("problems"), default=list, blank=True)
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("people import")
        verbose_name_plural = _("people imports")
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.employees_name or self.units_name} ({self.get_status_display()})"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.REJECTED, self.Status.FAILED)

    def stored_files(self) -> list[str]:
        return [name for name in (self.units_file, self.employees_file) if name]
