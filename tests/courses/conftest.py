"""Fixtures of the course tests: a course's modules, enrolments, an English translation, signal counting."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from courses import services
from courses.models import CoursePage, Enrolment, ModulePage, ModuleProgress, QuizAttempt
from courses.signals import course_completed
from tests.factories import add_course, translate


def modules_of(course: CoursePage) -> list[ModulePage]:
    """The course's modules in outline order, live or not."""
    return list(ModulePage.objects.child_of(course).order_by("path"))


def record_counts() -> dict[str, int]:
    """How many learning records exist: compared before and after a request that must write nothing."""
    return {
        "enrolments": Enrolment.objects.count(),
        "progress": ModuleProgress.objects.count(),
        "completed progress": ModuleProgress.objects.filter(completed_at__isnull=False).count(),
        "attempts": QuizAttempt.objects.count(),
        "started enrolments": Enrolment.objects.filter(started_at__isnull=False).count(),
        "completed enrolments": Enrolment.objects.filter(completed_at__isnull=False).count(),
    }


@pytest.fixture
def modules(course) -> list[ModulePage]:
    return modules_of(course)


@pytest.fixture
def enrolment(learner, course) -> Enrolment:
    return services.enrol(learner=learner, course=course)


@pytest.fixture
def quiz_course(catalogue) -> CoursePage:
    """A course of two modules whose second module ends with a two-question quiz (pass mark 50%)."""
    return add_course(catalogue, title="أمن المعلومات", modules=2, quiz_last=True)


@pytest.fixture
def course_en(course, catalogue_en) -> CoursePage:
    """The English translation of `course` and of each of its modules, published."""
    translation = translate(course, "en", title="Digital transformation", slug="digital-transformation")
    for number, module in enumerate(modules_of(course), start=1):
        translate(module, "en", title=f"Module {number} in English")
    return translation


@pytest.fixture
def completions() -> Iterator[list[Enrolment]]:
    """Every enrolment `course_completed` is sent for, in order, through a real receiver."""
    received: list[Enrolment] = []

    def receiver(sender, enrolment: Enrolment, **kwargs) -> None:
        received.append(enrolment)

    course_completed.connect(receiver, dispatch_uid="tests-completions")
    yield received
    course_completed.disconnect(dispatch_uid="tests-completions")
