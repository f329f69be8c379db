"""The organisation tree, employee profiles and the HR officers' scopes."""

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
