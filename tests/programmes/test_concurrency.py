"""Programme completion under concurrency on PostgreSQL: one completion and one certificate, whatever the timing."""

from __future__ import annotations

import threading

import pytest

from certificates.models import Certificate
from courses import services as course_services
from courses.models import ModulePage
from programmes import services
from programmes.models import ProgrammeEnrolment
from programmes.signals import programme_completed
from tests.builders.concurrency import THREADS, run_at_once
from tests.builders.learning import complete_course
from tests.builders.programmes import add_programme
from tests.conftest import requires_postgres
from tests.factories import add_course

pytestmark = [requires_postgres, pytest.mark.postgres]


@pytest.fixture
def programme_completions():
    """Every programme_completed signal sent during the test (from any thread)."""
    sent: list[int] = []
    lock = threading.Lock()

    def record(sender, programme_enrolment, **kwargs) -> None:
        with lock:
            sent.append(programme_enrolment.pk)

    programme_completed.connect(record, dispatch_uid="tests.programme_completions")
    yield sent
    programme_completed.disconnect(dispatch_uid="tests.programme_completions")


def modules_of(course) -> list[ModulePage]:
    return list(ModulePage.objects.child_of(course).live().order_by("path"))


def complete_all_but_the_last_module(learner, course) -> ModulePage:
    modules = modules_of(course)
    for module in modules[:-1]:
        course_services.complete_module(learner=learner, module=module)
    return modules[-1]


def assert_completed_once(learner, programme_completions) -> None:
    enrolment = ProgrammeEnrolment.objects.get(learner=learner)
    assert enrolment.completed_at is not None
    assert programme_completions == [enrolment.pk]
    certificates = Certificate.objects.filter(programme_enrolment__isnull=False)
    assert [certificate.programme_enrolment_id for certificate in certificates] == [enrolment.pk]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_completing_the_last_module_at_once_completes_the_programme_once(track, learner, programme_completions):
    services.enrol_in_programme(learner=learner, programme=track.programme)
    complete_course(learner, track.basics)
    complete_course(learner, track.data)
    last = complete_all_but_the_last_module(learner, track.leading)

    results, errors = run_at_once(lambda: course_services.complete_module(learner=learner, module=last))

    assert errors == []
    assert len(results) == THREADS
    assert_completed_once(learner, programme_completions)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_last_two_courses_completed_at_the_same_moment_complete_the_programme_once(
    catalogue, learner, programme_completions
):
    """Two different course rows are locked, so only the programme enrolment's lock makes the second
    completion see the first: without it both could miss each other and nobody would complete."""
    first = add_course(catalogue, title="الدورة الأولى", modules=2)
    second = add_course(catalogue, title="الدورة الثانية", modules=2)
    programme = add_programme(catalogue, title="برنامج", courses=[(first, False), (second, False)])
    services.enrol_in_programme(learner=learner, programme=programme)
    last_modules = [complete_all_but_the_last_module(learner, course) for course in (first, second)]
    turns = iter(range(THREADS))
    turn_lock = threading.Lock()

    def complete_one() -> object:
        with turn_lock:
            turn = next(turns)
        return course_services.complete_module(learner=learner, module=last_modules[turn % 2])

    results, errors = run_at_once(complete_one)

    assert errors == []
    assert len(results) == THREADS
    assert_completed_once(learner, programme_completions)
