"""Fixtures of the skills tests: the default framework and a course that builds two of its skills."""

from __future__ import annotations

import pytest

from courses.models import CoursePage
from skills.models import CourseSkill, SelfAssessment, SelfRating, Skill
from skills.services import ensure_default_framework


@pytest.fixture
def framework(db) -> dict[str, Skill]:
    ensure_default_framework()
    return {skill.code: skill for skill in Skill.objects.all()}


@pytest.fixture
def skilled_course(course, framework) -> CoursePage:
    """The Arabic course, building cybersecurity to level 2 and data literacy to level 3."""
    CourseSkill.objects.create(course=course, skill=framework["cybersecurity"], level=2, sort_order=0)
    CourseSkill.objects.create(course=course, skill=framework["data_literacy"], level=3, sort_order=1)
    return course


def assessment_counts() -> dict[str, int]:
    return {"assessments": SelfAssessment.objects.count(), "ratings": SelfRating.objects.count()}


def answers(**levels: object) -> dict[str, object]:
    """POST data: skill code -> level."""
    return {f"skill-{code}": level for code, level in levels.items()}
