"""Demo mandatory training: the demo HR officer has assigned two courses in her ministry, one due in
three weeks (the demo learner's directorate) and one already overdue, so "My learning", the reports,
the reminders and the digest all have something to show. Idempotent."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from assignments import services
from assignments.models import Assignment, AssignmentMember
from courses.models import CoursePage
from demo.courses import SOURCE_LANGUAGE
from people.models import OrgUnit

# course slug, unit code, due rule, due in (days from today, or days after being assigned), assigned days ago
DEMO_ASSIGNMENTS = [
    ("data-driven-decision-making", "mtcit-dgdt", Assignment.DueRule.ON_DATE, 21, 0),
    ("productivity-tools-collaboration", "mtcit-dgis", Assignment.DueRule.AFTER_ASSIGNMENT, 30, 45),
]


def seed_assignments() -> None:
    officer = get_user_model().objects.get(username="hr")
    today = timezone.localdate()
    for slug, unit_code, rule, days, days_ago in DEMO_ASSIGNMENTS:
        course = CoursePage.objects.get(slug=slug, locale__language_code=SOURCE_LANGUAGE)
        unit = OrgUnit.objects.get(code=unit_code)
        if Assignment.objects.filter(course=course, org_unit=unit).exists():
            continue
        assigned_on = today - datetime.timedelta(days=days_ago)
        fixed = rule == Assignment.DueRule.ON_DATE
        assignment = services.create_assignment(
            course=course,
            created_by=officer,
            due_rule=rule,
            due_on=today + datetime.timedelta(days=days) if fixed else None,
            due_days=None if fixed else days,
            org_unit=unit,
        )
        services.sync_assignment(assignment_id=assignment.pk, on=assigned_on)
        assigned_at = timezone.now() - datetime.timedelta(days=days_ago)
        Assignment.objects.filter(pk=assignment.pk).update(created_at=assigned_at)
        AssignmentMember.objects.filter(assignment=assignment).update(assigned_at=assigned_at)
