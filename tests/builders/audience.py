"""A course open to ministry A (Alpha) only, in Arabic and English, with an insider and an outsider."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import User

from courses.models import CoursePage
from people.models import OrgUnit
from tests.builders.hr_world import alpha_and_bravo
from tests.factories import EmployeeFactory, UserFactory, add_course, translate


@dataclass
class Audience:
    units: dict[str, OrgUnit]
    restricted: CoursePage  # Arabic source, open to ministry A only
    restricted_en: CoursePage
    open_course: CoursePage  # open to everyone
    insider: User  # employee of a directorate of A
    outsider: User  # employee of ministry B


def restrict(course: CoursePage, *ministries: OrgUnit) -> None:
    """Choose the ministries on the course and publish it, as an editor would."""
    course.open_to.set(ministries)
    course.save_revision().publish()


@pytest.fixture
def audience(catalogue, catalogue_en) -> Audience:
    units = alpha_and_bravo()
    restricted = add_course(catalogue, title="أمن شبكات ألفا", modules=2)
    restricted_en = translate(restricted, "en", title="Alpha network security", slug="alpha-security-en")
    open_course = add_course(catalogue, title="أساسيات الخدمات الرقمية", modules=2)
    translate(open_course, "en", title="Digital services basics", slug="basics-en")
    restrict(restricted, units["A"])
    insider = EmployeeFactory(user=UserFactory(username="insider"), org_unit=units["A1P"]).user
    outsider = EmployeeFactory(user=UserFactory(username="outsider"), org_unit=units["B1"]).user
    return Audience(units, restricted, restricted_en, open_course, insider, outsider)
