"""Concurrent requests on PostgreSQL: completing the last module and enrolling, all at the same moment.

These need real row locks and transactions that overlap, so they run on PostgreSQL only; every
thread opens its own connection and closes it when done.
"""

from __future__ import annotations

import itertools

import pytest

from courses import services
from courses.models import Enrolment, ModuleProgress
from tests.builders.concurrency import THREADS, run_at_once
from tests.builders.courses import modules_of
from tests.conftest import requires_postgres

pytestmark = [requires_postgres, pytest.mark.postgres]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_completing_the_last_module_at_once_completes_the_course_once(learner, course, completions):
    modules = modules_of(course)
    enrolment = services.enrol(learner=learner, course=course)
    for module in modules[:-1]:
        services.complete_module(learner=learner, module=module)

    results, errors = run_at_once(lambda: services.complete_module(learner=learner, module=modules[-1]))

    assert errors == []
    assert len(results) == THREADS
    assert [completed.pk for completed in completions] == [enrolment.pk]
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.COMPLETED
    assert enrolment.completed_at is not None
    assert ModuleProgress.objects.filter(enrolment=enrolment, module=modules[-1]).count() == 1
    assert ModuleProgress.objects.filter(enrolment=enrolment, completed_at__isnull=False).count() == len(modules)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_enrolling_at_once_creates_one_enrolment(learner, course):
    results, errors = run_at_once(lambda: services.enrol(learner=learner, course=course).pk, threads=10)

    assert errors == []
    assert Enrolment.objects.count() == 1
    assert set(results) == {Enrolment.objects.get().pk}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_re_checking_a_course_while_the_learner_finishes_completes_once(learner, course, completions):
    """The background re-check after a content change races the learner's own last click: one completion."""
    modules = modules_of(course)
    enrolment = services.enrol(learner=learner, course=course)
    for module in modules[:-1]:
        services.complete_module(learner=learner, module=module)
    last = modules[-1].specific
    last.required = False
    last.save_revision().publish()  # the rule is now met; its re-check is queued, and no worker runs here
    turns = itertools.count()

    def work():
        if next(turns) % 2:
            return services.reevaluate_completions(course_id=course.pk)
        return services.complete_module(learner=learner, module=modules[0])

    results, errors = run_at_once(work, threads=10)

    assert errors == []
    assert [completed.pk for completed in completions] == [enrolment.pk]
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.COMPLETED
