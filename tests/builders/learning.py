"""A learner going through a course: enrolled, then every live module completed in outline order."""

from __future__ import annotations

from courses import services as course_services
from courses.models import CoursePage, ModulePage


def complete_course(learner, course: CoursePage) -> None:
    """Complete every module of a course the learner is enrolled in (or may enrol in)."""
    course_services.enrol(learner=learner, course=course)
    for module in ModulePage.objects.child_of(course).live().order_by("path"):
        course_services.complete_module(learner=learner, module=module)
