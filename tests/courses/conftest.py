"""Fixtures of the course tests: a course's modules, enrolments, an English translation, signal counting, the
roles and two trainers."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from courses import services
from courses.models import CoursePage, Enrolment, ModulePage
from courses.signals import course_completed
from tests.builders.audience import audience  # noqa: F401  (fixture)
from tests.builders.certificates import certificate_template, private_broker  # noqa: F401  (fixtures)
from tests.builders.courses import modules_of
from tests.builders.roles import other_trainer, roles, trainer  # noqa: F401  (fixtures)
from tests.factories import add_course, translate


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
    translation = translate(
        course,
        "en",
        title="Digital transformation",
        slug="digital-transformation",
        summary="What digital transformation means for your daily work.",
    )
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
