"""Reads behind the impact dashboard: training figures per unit, skill uplift, feedback and monthly trends.

Every figure is computed by the database, grouped by the learner's own organisation unit (one query per
kind of figure, whatever the number of records), then rolled up in Python over *units* to the rows on
screen: a unit's row holds everything in its subtree. Each employee has exactly one unit, so distinct
people add up across units without double counting. Scope comes from ``people.scope`` only.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from certificates.models import Certificate
from courses.models import Enrolment
from feedback.models import Feedback
from people.models import OrgUnit
from people.scope import User, org_scope_q
from reports.selectors import CourseTitles, UnitLine, roll_up
from skills.models import SelfRating, Skill

# Relation paths from the records the dashboard reads to the learner's organisation unit.
VIA_ENROLMENT = "learner__employee__org_unit__"
VIA_CERTIFICATE = "holder__employee__org_unit__"
VIA_FEEDBACK = "enrolment__learner__employee__org_unit__"
VIA_RATING = "assessment__learner__employee__org_unit__"

TREND_MONTHS = 12


def one_decimal(value: Decimal | float | None) -> Decimal | None:
    return None if value is None else Decimal(value).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass
class Figures:
    """Additive figures of a set of units: sums and counts, so rows roll up by addition."""

    people_trained: int = 0
    completions: int = 0
    certificates: int = 0
    hours: int = 0
    feedback_total: int = 0
    feedback_count: int = 0
    # skill id -> (sum of post − pre, number of learner-skill pairs)
    uplift: dict[int, tuple[int, int]] = field(default_factory=dict)

    def add(self, other: Figures) -> None:
        self.people_trained += other.people_trained
        self.completions += other.completions
        self.certificates += other.certificates
        self.hours += other.hours
        self.feedback_total += other.feedback_total
        self.feedback_count += other.feedback_count
        for skill_id, (total, count) in other.uplift.items():
            before = self.uplift.get(skill_id, (0, 0))
            self.uplift[skill_id] = (before[0] + total, before[1] + count)

    @property
    def feedback_average(self) -> Decimal | None:
        return one_decimal(Decimal(self.feedback_total) / self.feedback_count) if self.feedback_count else None

    def uplift_average(self, skill_id: int) -> Decimal | None:
        total, count = self.uplift.get(skill_id, (0, 0))
        return one_decimal(Decimal(total) / count) if count else None

    @property
    def uplift_overall(self) -> Decimal | None:
        total = sum(value for value, _count in self.uplift.values())
        count = sum(count for _value, count in self.uplift.values())
        return one_decimal(Decimal(total) / count) if count else None

    @property
    def is_empty(self) -> bool:
        return not (self.completions or self.certificates or self.feedback_count or self.uplift)


# -- figures per learner's own unit -------------------------------------------------------------------


def completed_enrolments(scope: Q) -> QuerySet[Enrolment]:
    """Every completed cycle of employees matched by ``scope`` (past cycles count: they were training)."""
    return Enrolment.objects.filter(status=Enrolment.Status.COMPLETED, learner__employee__isnull=False).filter(scope)


def completion_figures(scope: Q) -> dict[int, tuple[int, int, int]]:
    """Unit id -> (people trained, completions, learning hours): one query."""
    rows = (
        completed_enrolments(scope)
        .values_list("learner__employee__org_unit_id")
        .annotate(
            people=Count("learner_id", distinct=True), completions=Count("id"), hours=Sum("course__estimated_hours")
        )
        .order_by()
    )
    return {unit_id: (people, completions, hours or 0) for unit_id, people, completions, hours in rows}


def certificate_figures(scope: Q) -> dict[int, int]:
    """Unit id -> certificates issued and still valid (pending and revoked ones are not counted): one query."""
    rows = (
        Certificate.objects.filter(status=Certificate.Status.ISSUED, holder__employee__isnull=False)
        .filter(scope)
        .values_list("holder__employee__org_unit_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return dict(rows)


def feedback_figures(scope: Q) -> dict[int, tuple[int, int]]:
    """Unit id -> (sum of ratings, number of ratings): one query."""
    rows = (
        Feedback.objects.filter(enrolment__learner__employee__isnull=False)
        .filter(scope)
        .values_list("enrolment__learner__employee__org_unit_id")
        .annotate(total=Sum("rating"), n=Count("id"))
        .order_by()
    )
    return {unit_id: (total, count) for unit_id, total, count in rows}


def uplift_ratings(scope: Q) -> QuerySet[SelfRating]:
    """The latest post-course rating of each learner and skill, annotated with that learner's first
    pre-course rating of the skill given no later than it (``pre_level``); pairs without one are dropped.

    Uplift for a learner and skill is then ``level - pre_level``.
    """
    same_pair = {"assessment__learner": OuterRef("assessment__learner"), "skill": OuterRef("skill")}
    # A scalar subquery (not an anti-join) keeps the plan driven by the (learner, stage, submitted_at)
    # index however the table statistics look.
    latest_post = (
        SelfRating.objects.filter(**same_pair, assessment__stage="post")
        .order_by("-assessment__submitted_at", "-id")
        .values("id")[:1]
    )
    first_pre = (
        SelfRating.objects.filter(
            **same_pair, assessment__stage="pre", assessment__submitted_at__lte=OuterRef("assessment__submitted_at")
        )
        .order_by("assessment__submitted_at", "id")
        .values("level")[:1]
    )
    return (
        SelfRating.objects.filter(assessment__stage="post", assessment__learner__employee__isnull=False)
        .filter(scope)
        .filter(id=Subquery(latest_post))
        .annotate(pre_level=Subquery(first_pre))
        .filter(pre_level__isnull=False)
    )


def uplift_figures(scope: Q) -> dict[int, dict[int, tuple[int, int]]]:
    """Unit id -> skill id -> (sum of uplift, number of learner-skill pairs): one query."""
    rows = (
        uplift_ratings(scope)
        .values_list("assessment__learner__employee__org_unit_id", "skill_id")
        .annotate(total=Sum(F("level") - F("pre_level")), n=Count("id"))
        .order_by()
    )
    result: dict[int, dict[int, tuple[int, int]]] = defaultdict(dict)
    for unit_id, skill_id, total, count in rows:
        result[unit_id][skill_id] = (total, count)
    return result


def figures_by_unit(user: User, *, within: OrgUnit | None = None) -> dict[int, Figures]:
    """Every figure keyed by the learner's own unit, for the user's scope (and ``within``'s subtree)."""

    def scope(via: str) -> Q:
        query = org_scope_q(user, via)
        if within is not None:
            query &= Q(**{f"{via}path__startswith": within.path})
        return query

    result: dict[int, Figures] = defaultdict(Figures)
    for unit_id, (people, completions, hours) in completion_figures(scope(VIA_ENROLMENT)).items():
        figures = result[unit_id]
        figures.people_trained, figures.completions, figures.hours = people, completions, hours
    for unit_id, count in certificate_figures(scope(VIA_CERTIFICATE)).items():
        result[unit_id].certificates = count
    for unit_id, (total, count) in feedback_figures(scope(VIA_FEEDBACK)).items():
        result[unit_id].feedback_total, result[unit_id].feedback_count = total, count
    for unit_id, per_skill in uplift_figures(scope(VIA_RATING)).items():
        result[unit_id].uplift = per_skill
    return result


# -- the dashboard ------------------------------------------------------------------------------------


@dataclass
class UnitRow(UnitLine):
    figures: Figures = field(default_factory=Figures)


@dataclass
class Month:
    start: datetime.date
    people_trained: int = 0
    completions: int = 0
    hours: int = 0


@dataclass
class FeedbackRow:
    unit_label: str
    course_title: str
    average: Decimal | None
    count: int


@dataclass
class Comment:
    submitted_at: datetime.datetime
    rating: int
    comment: str
    course_title: str
    unit_name: str


@dataclass
class Impact:
    parent: OrgUnit | None
    rows: list[UnitRow]
    total: Figures
    skills: list[Skill]
    months: list[Month]
    feedback_rows: list[FeedbackRow]
    comments: list[Comment]


def monthly_trend(user: User, *, within: OrgUnit | None = None, today: datetime.date | None = None) -> list[Month]:
    """Completions, people trained and hours in each of the last twelve months (this one included), oldest first."""
    today = today or timezone.localdate()
    months: list[datetime.date] = []
    year, month = today.year, today.month
    for _index in range(TREND_MONTHS):
        months.append(datetime.date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    months.reverse()
    start = timezone.make_aware(datetime.datetime.combine(months[0], datetime.time.min))
    scope = org_scope_q(user, VIA_ENROLMENT)
    if within is not None:
        scope &= Q(learner__employee__org_unit__path__startswith=within.path)
    rows = (
        completed_enrolments(scope)
        .filter(completed_at__gte=start)
        .annotate(month=TruncMonth("completed_at"))
        .values_list("month")
        .annotate(
            people=Count("learner_id", distinct=True), completions=Count("id"), hours=Sum("course__estimated_hours")
        )
        .order_by()
    )
    by_month = {
        timezone.localtime(month).date() if isinstance(month, datetime.datetime) else month: (people, n, hours)
        for month, people, n, hours in rows
    }
    result = []
    for start_of_month in months:
        people, completions, hours = by_month.get(start_of_month, (0, 0, 0))
        result.append(Month(start=start_of_month, people_trained=people, completions=completions, hours=hours or 0))
    return result


def feedback_by_unit_and_course(
    user: User, *, parent: OrgUnit | None, row_for_unit: dict[int, UnitRow]
) -> list[FeedbackRow]:
    """Average rating and number of ratings per row unit and course, in the user's scope: one query."""
    scope = org_scope_q(user, VIA_FEEDBACK)
    if parent is not None:
        scope &= Q(enrolment__learner__employee__org_unit__path__startswith=parent.path)
    rows = (
        Feedback.objects.filter(enrolment__learner__employee__isnull=False)
        .filter(scope)
        .values_list(
            "enrolment__learner__employee__org_unit_id",
            "enrolment__course_id",
            "enrolment__course__title",
            "enrolment__course__translation_key",
        )
        .annotate(total=Sum("rating"), n=Count("id"))
        .order_by()
    )
    titles = CourseTitles()
    ratings = list(rows)
    titles.load((course_id, title, key) for _unit, course_id, title, key, _total, _n in ratings)
    # (row label, course id) -> [sum of ratings, number of ratings]; each screen row has its own label.
    grouped: dict[tuple[str, int], list[int]] = {}
    for unit_id, course_id, _title, _key, total, count in ratings:
        row = row_for_unit.get(unit_id)
        if row is None:
            continue
        sums = grouped.setdefault((row.label, course_id), [0, 0])
        sums[0] += total
        sums[1] += count
    result = [
        FeedbackRow(
            unit_label=label,
            course_title=titles.get(course_id),
            average=one_decimal(Decimal(total) / count),
            count=count,
        )
        for (label, course_id), (total, count) in grouped.items()
    ]
    return sorted(result, key=lambda row: (row.unit_label, row.course_title))


def recent_comments(user: User, *, within: OrgUnit | None = None, limit: int = 20) -> list[Comment]:
    """The latest written comments in the user's scope, without the learner's name: one query."""
    scope = org_scope_q(user, VIA_FEEDBACK)
    if within is not None:
        scope &= Q(enrolment__learner__employee__org_unit__path__startswith=within.path)
    rows = list(
        Feedback.objects.filter(enrolment__learner__employee__isnull=False)
        .filter(scope)
        .exclude(comment="")
        .order_by("-submitted_at", "-id")
        .values_list(
            "submitted_at",
            "rating",
            "comment",
            "enrolment__course_id",
            "enrolment__course__title",
            "enrolment__course__translation_key",
            "enrolment__learner__employee__org_unit__name_ar",
            "enrolment__learner__employee__org_unit__name_en",
        )[:limit]
    )
    titles = CourseTitles()
    titles.load((course_id, title, key) for _at, _rating, _comment, course_id, title, key, _ar, _en in rows)
    arabic = titles.language == "ar"
    return [
        Comment(
            submitted_at=submitted_at,
            rating=rating,
            comment=comment,
            course_title=titles.get(course_id),
            unit_name=name_ar if arabic else name_en,
        )
        for submitted_at, rating, comment, course_id, _title, _key, name_ar, name_en in rows
    ]


def impact(user: User, *, parent: OrgUnit | None = None) -> Impact:
    """The dashboard for ``user``: rows for ``parent``'s children (or the top units of the scope) and totals.

    ``parent`` must already be known to be in the user's scope (the view checks it).
    """
    own = figures_by_unit(user, within=parent)
    rows, row_for_unit = roll_up(user, parent, UnitRow, own.keys())
    total = Figures()
    for unit_id, figures in own.items():
        row = row_for_unit.get(unit_id)
        if row is not None:
            row.figures.add(figures)
            total.add(figures)
    rows = [row for row in rows if not row.own_staff_only or not row.figures.is_empty]
    return Impact(
        parent=parent,
        rows=rows,
        total=total,
        skills=list(Skill.objects.order_by("sort_order", "code")),
        months=monthly_trend(user, within=parent),
        feedback_rows=feedback_by_unit_and_course(user, parent=parent, row_for_unit=row_for_unit),
        comments=recent_comments(user, within=parent),
    )
