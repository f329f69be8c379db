"""Fixtures of the feedback tests: roles, a trainer's course and a learner who completed it."""

from __future__ import annotations

import pytest

from courses import services as course_services
from people.services import ADMINISTRATORS, HR_OFFICERS
from tests.builders.learning import complete_course
from tests.builders.roles import member_of, other_trainer, roles, trainer  # noqa: F401  (fixtures)
from tests.factories import add_course


@pytest.fixture
def hr_officer(roles):  # noqa: F811
    return member_of(HR_OFFICERS, "hr")


@pytest.fixture
def administrator(roles):  # noqa: F811
    return member_of(ADMINISTRATORS, "administrator")


@pytest.fixture
def owned_course(catalogue, trainer):  # noqa: F811
    """A course written by the trainer."""
    return add_course(catalogue, title="الخدمات الرقمية", modules=2, owner=trainer)


@pytest.fixture
def completed(learner, owned_course):
    enrolment = course_services.enrol(learner=learner, course=owned_course)
    complete_course(learner, owned_course)
    enrolment.refresh_from_db()
    return enrolment
