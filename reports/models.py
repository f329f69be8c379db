"""HR reports: scoped selectors, filtersets, report views and exports.

The only table of its own is the export job: a large spreadsheet is built by a Celery worker and
offered for download when ready, instead of tying up a web worker for minutes.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ExportJob(models.Model):
    """A spreadsheet export built in the background; its file lives in private storage."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Building")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    # A UUID, so the status and download URLs cannot be guessed (they are permission-checked too).
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="report_exports", verbose_name=_("user")
    )
    report = models.CharField(_("report"), max_length=64)
    query = models.JSONField(_("filters"), default=dict, help_text=_("The report's query string, as a dictionary."))
    export_format = models.CharField(_("format"), max_length=8, default="xlsx")
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    rows_written = models.PositiveIntegerField(_("rows written"), default=0)
    file_name = models.CharField(_("file"), max_length=255, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("report export")
        verbose_name_plural = _("report exports")
        indexes = [models.Index(fields=["user", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.report} ({self.get_status_display()})"

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        if not self.total_rows:
            return 0
        return min(99, self.rows_written * 100 // self.total_rows)


class UnitStats(models.Model):
    """Current enrolments counted per organisation unit, pre-aggregated for the summary and dashboard.

    Three groupings share the table: per (unit, source, status) with ``course`` and ``grade`` empty;
    per course (``grade`` empty); per grade (``course`` empty). Rebuilt as a whole every few minutes
    (``refresh_report_stats``); readers say how old the figures are and fall back to live counting
    for filters the groupings cannot answer.
    """

    org_unit = models.ForeignKey("people.OrgUnit", on_delete=models.CASCADE, related_name="+")
    course = models.ForeignKey("courses.CoursePage", on_delete=models.CASCADE, related_name="+", null=True)
    grade = models.CharField(max_length=32, null=True)
    source = models.CharField(max_length=16)
    status = models.CharField(max_length=16)
    enrolments = models.PositiveIntegerField(default=0)
    overdue = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("unit statistics")
        verbose_name_plural = _("unit statistics")
        indexes = [
            models.Index(fields=["course", "org_unit"], name="reports_stats_course_unit"),
            models.Index(fields=["grade", "org_unit"], name="reports_stats_grade_unit"),
            # The summary without course or grade filters (and the dashboard) reads only these rows.
            models.Index(
                fields=["org_unit"],
                condition=models.Q(course__isnull=True, grade__isnull=True),
                name="reports_stats_unit_only",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.org_unit_id}/{self.course_id}/{self.grade}/{self.source}/{self.status}: {self.enrolments}"


class UnitHeadcount(models.Model):
    """Employees per unit and grade, refreshed with ``UnitStats``."""

    org_unit = models.ForeignKey("people.OrgUnit", on_delete=models.CASCADE, related_name="+")
    grade = models.CharField(max_length=32, blank=True)
    employees = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("unit headcount")
        verbose_name_plural = _("unit headcounts")

    def __str__(self) -> str:
        return f"{self.org_unit_id}/{self.grade}: {self.employees}"


class UnitWeeklyCompletions(models.Model):
    """Courses completed per unit and week (weeks start on Monday, local time), refreshed with ``UnitStats``."""

    org_unit = models.ForeignKey("people.OrgUnit", on_delete=models.CASCADE, related_name="+")
    week_start = models.DateField()
    completed = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("weekly completions")
        verbose_name_plural = _("weekly completions")
        indexes = [models.Index(fields=["week_start", "org_unit"], name="reports_weekly_week_unit")]

    def __str__(self) -> str:
        return f"{self.org_unit_id}/{self.week_start}: {self.completed}"


class StatsState(models.Model):
    """One row: when the statistics were last rebuilt. Locked during a rebuild so two never interleave."""

    refreshed_at = models.DateTimeField(null=True)
    as_of = models.DateField(null=True, help_text=_("The day 'overdue' was judged against."))
    duration_ms = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("statistics state")

    def __str__(self) -> str:
        return f"{self.refreshed_at}"
