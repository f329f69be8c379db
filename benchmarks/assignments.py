"""Mandatory training at ministry scale: materialising an assignment for N people, the hourly sync
when nothing changed, the daily reminder run and the emails it queues.

    python -m benchmarks assignments      (QUDRA_BENCH_ASSIGNMENT_PEOPLE=20000 by default)
"""

from __future__ import annotations

import datetime
import os
import statistics
import time

from django.contrib.auth import get_user_model
from django.test.utils import override_settings
from django.utils import timezone
from wagtail.models import Locale, Page

from assignments import notifications, services
from assignments.models import Assignment
from courses.models import CourseIndexPage, CoursePage, ModulePage
from notifications import services as notification_services
from people.models import Employee, OrgUnit

PEOPLE = int(os.environ.get("QUDRA_BENCH_ASSIGNMENT_PEOPLE", "20000"))
RUNS = 3


def _organisation(people: int) -> OrgUnit:
    ministry = OrgUnit.add_root(code="bench-ministry", kind="ministry", name_en="Ministry", name_ar="الوزارة")
    units = [
        OrgUnit.objects.get(pk=ministry.pk).add_child(
            code=f"bench-d{index}", kind="directorate", name_en=f"Directorate {index}", name_ar=f"المديرية {index}"
        )
        for index in range(10)
    ]
    users = get_user_model().objects.bulk_create(
        [get_user_model()(username=f"bench{index}", email=f"bench{index}@example.om") for index in range(people)],
        batch_size=5000,
    )
    Employee.objects.bulk_create(
        [
            Employee(
                user=user,
                employee_number=f"B{index:07d}",
                full_name_ar=f"الموظف {index}",
                full_name_en=f"Employee {index}",
                org_unit=units[index % len(units)],
                preferred_language="ar" if index % 2 else "en",
            )
            for index, user in enumerate(users)
        ],
        batch_size=5000,
    )
    return OrgUnit.objects.get(pk=ministry.pk)


def _courses(count: int) -> list[CoursePage]:
    locale = Locale.objects.get_or_create(language_code="ar")[0]
    catalogue = CourseIndexPage(title="الدورات", slug="bench-courses", locale=locale)
    Page.get_first_root_node().add_child(instance=catalogue)
    courses = []
    for index in range(count):
        course = CoursePage(title=f"دورة {index}", slug=f"bench-{index}", summary="-", skill_area="cybersecurity")
        course.live = True
        catalogue.add_child(instance=course)
        course.add_child(instance=ModulePage(title="1", slug="m1", live=True))
        courses.append(course)
    return courses


def _timed(function, **kwargs) -> tuple[float, object]:
    started = time.perf_counter()
    result = function(**kwargs)
    return time.perf_counter() - started, result


def run() -> dict:
    officer = get_user_model().objects.create(username="bench-hr")
    ministry = _organisation(PEOPLE)
    today = timezone.localdate()
    due = today + datetime.timedelta(days=14)
    materialise, resync, remind, email = [], [], [], []
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        for course in _courses(RUNS):
            assignment = Assignment.objects.create(
                course=course, org_unit=ministry, created_by=officer, due_rule="on_date", due_on=due
            )
            seconds, result = _timed(services.sync_assignment, assignment_id=assignment.pk)
            assert result.added == PEOPLE
            materialise.append(seconds)
            resync.append(_timed(services.sync_assignment, assignment_id=assignment.pk)[0])
            email.append(_timed(notification_services.send_pending_emails, limit=PEOPLE)[0])
            seconds, sent = _timed(notifications.send_due_reminders, on=today)
            remind.append(seconds)
            notification_services.send_pending_emails(limit=PEOPLE * RUNS)
    return {
        "people": PEOPLE,
        "runs": RUNS,
        "materialise_seconds_median": round(statistics.median(materialise), 2),
        "materialise_people_per_second": round(PEOPLE / statistics.median(materialise)),
        "sync_unchanged_seconds_median": round(statistics.median(resync), 2),
        "assigned_emails_per_second": round(PEOPLE / statistics.median(email)),
        "daily_reminders_seconds_median": round(statistics.median(remind), 2),
        "note": "materialise includes rendering each person's 'new mandatory course' notice in their language",
    }
