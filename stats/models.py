"""Pre-aggregated statistics of the learning records, rebuilt every few minutes.

A national completion summary reads a few thousand of these rows instead of a million enrolments.
The tables keep the names they had when the HR reports owned them (``reports_*``): the rows did not
move, only the code that keeps them.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


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
        db_table = "reports_unitstats"
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
        db_table = "reports_unitheadcount"
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
        db_table = "reports_unitweeklycompletions"
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
        db_table = "reports_statsstate"
        verbose_name = _("statistics state")

    def __str__(self) -> str:
        return f"{self.refreshed_at}"
