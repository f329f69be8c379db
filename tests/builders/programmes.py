"""A bilingual programme of four courses with a prerequisite chain, and how to publish one."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from courses.models import CoursePage
from programmes.models import ProgrammeCourse, ProgrammePage
from tests.factories import add_course, translate


@dataclass
class Track:
    programme: ProgrammePage
    programme_en: ProgrammePage
    basics: CoursePage  # required, first
    data: CoursePage  # required, needs basics
    leading: CoursePage  # required, needs data
    tools: CoursePage  # optional, no prerequisite

    @property
    def required(self) -> list[CoursePage]:
        return [self.basics, self.data, self.leading]


def add_programme(catalogue, *, title: str, courses: list[tuple[CoursePage, bool]], **fields) -> ProgrammePage:
    """Publish a programme with (course, optional) rows in order."""
    programme = ProgrammePage(title=title, summary=fields.pop("summary", f"About {title}"), locale=catalogue.locale)
    for order, (course, optional) in enumerate(courses):
        programme.programme_courses.add(ProgrammeCourse(course=course, optional=optional, sort_order=order))
    catalogue.add_child(instance=programme)
    programme.save_revision().publish()
    programme.refresh_from_db()
    return programme


def set_prerequisites(course: CoursePage, *prerequisites: CoursePage) -> None:
    course.prerequisites.set(prerequisites)
    course.save_revision().publish()


@pytest.fixture
def track(catalogue, catalogue_en) -> Track:
    basics = add_course(catalogue, title="أساسيات الخدمات الرقمية", modules=2, estimated_hours=2)
    data = add_course(catalogue, title="القرار المستند إلى البيانات", modules=2, estimated_hours=3)
    leading = add_course(catalogue, title="قيادة التغيير الرقمي", modules=2, estimated_hours=3)
    tools = add_course(catalogue, title="أدوات الإنتاجية", modules=2, estimated_hours=2)
    for course, title, slug in (
        (basics, "Digital services basics", "basics-en"),
        (data, "Data-driven decisions", "data-en"),
        (leading, "Leading digital change", "leading-en"),
        (tools, "Productivity tools", "tools-en"),
    ):
        translate(course, "en", title=title, slug=slug)
    set_prerequisites(data, basics)
    set_prerequisites(leading, data)
    programme = add_programme(
        catalogue,
        title="برنامج القيادة الرقمية",
        summary="أربع دورات بالترتيب لقادة التحول الرقمي.",
        courses=[(basics, False), (data, False), (tools, True), (leading, False)],
    )
    programme_en = translate(
        programme, "en", title="Digital leadership", slug="digital-leadership", summary="Four courses in order."
    )
    return Track(programme, programme_en, basics, data, leading, tools)
