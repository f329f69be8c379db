"""seed_scale: the OMAN-250k generator, run here at a tiny scale (the full run is a benchmark step)."""

from __future__ import annotations

import datetime
import hashlib

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from courses.models import CoursePage, Enrolment, ModuleProgress
from demo.scale.dataset import ScaleDataset
from people.models import Employee, HRScope, OrgUnit
from tests.conftest import requires_postgres


def test_seed_scale_needs_postgresql(db):
    if connection.vendor == "postgresql":
        pytest.skip("checks the refusal on other databases")
    with pytest.raises(CommandError, match="PostgreSQL COPY"):
        call_command("seed_scale", scale=0.0001, verbosity=0)


def _fingerprint() -> str:
    rows = Enrolment.objects.order_by("learner__employee__employee_number", "course__slug", "cycle").values_list(
        "learner__employee__employee_number", "course__slug", "cycle", "status", "source", "due_date", "completed_at"
    )
    return hashlib.sha256(repr(list(rows)).encode()).hexdigest()


@requires_postgres
def test_seed_scale_is_deterministic_and_shaped_like_oman_250k(db):
    as_of = datetime.date(2026, 11, 27)
    fingerprints = []
    for _attempt in range(2):
        with transaction.atomic():
            report = ScaleDataset(scale=0.0002, as_of=as_of).run()
            fingerprints.append(_fingerprint())
            assert (
                report.counts["employees"] == Employee.objects.exclude(employee_number__startswith="HR-").count() == 50
            )
            assert OrgUnit.objects.filter(depth=1).count() >= 15
            assert OrgUnit.objects.count() >= 60
            assert CoursePage.objects.filter(locale__language_code="ar").count() == 400
            assert 3 <= report.counts["enrolments"] / 50 <= 5
            assert report.counts["module_progress"] == ModuleProgress.objects.count()
            assert HRScope.objects.filter(user__username="hr.moh", org_unit__code="moh").exists()
            transaction.set_rollback(True)
    assert fingerprints[0] == fingerprints[1]
    with pytest.raises(CommandError, match="at most 1"):
        call_command("seed_scale", scale=2, verbosity=0)
