"""Submitting the same self-assessment from two tabs at once records it once (PostgreSQL row locks)."""

from __future__ import annotations

import pytest

from courses import services as course_services
from skills import services
from skills.models import SelfAssessment, SelfRating
from tests.builders.concurrency import run_at_once
from tests.conftest import requires_postgres

pytestmark = [requires_postgres, pytest.mark.postgres]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_submitting_at_once_records_one_self_assessment(learner, skilled_course, framework):
    course_services.enrol(learner=learner, course=skilled_course)
    levels = {framework["cybersecurity"].pk: 2, framework["data_literacy"].pk: 3}

    def submit():
        try:
            return services.submit_course_self_assessment(
                learner=learner, course=skilled_course, stage="pre", levels=levels
            ).pk
        except services.SelfAssessmentRefused as refused:
            return refused.reason

    results, errors = run_at_once(submit, threads=10)

    assert errors == []
    assessment = SelfAssessment.objects.get()
    assert sorted(results, key=str) == sorted([assessment.pk] + ["submitted"] * 9, key=str)
    assert SelfRating.objects.filter(assessment=assessment).count() == 2
