"""Demo data: which skills the demo courses build, and to what level."""

from __future__ import annotations

from django.db import transaction

from courses.models import CoursePage
from demo.courses import SOURCE_LANGUAGE
from skills.models import CourseSkill, Skill
from skills.services import ensure_default_framework

# Course slug: [(skill code, target level), ...]
DEMO_COURSE_SKILLS = {
    "digital-government-services-fundamentals": [("digital_services", 2), ("collaboration_tools", 1)],
    "cybersecurity-awareness": [("cybersecurity", 2)],
    "data-driven-decision-making": [("data_literacy", 3), ("ai_literacy", 1)],
    "productivity-tools-collaboration": [("collaboration_tools", 2), ("digital_services", 1)],
    "leading-digital-change": [("digital_leadership", 3), ("digital_services", 2), ("ai_literacy", 2)],
}


@transaction.atomic
def seed_course_skills(*, owner) -> None:
    """Declare the skills of every demo course that declares none yet (idempotent).

    The skills go on the source-language page through a published revision, so the course's edit form
    (which loads the latest revision) shows them too.
    """
    ensure_default_framework()
    skills = {skill.code: skill for skill in Skill.objects.all()}
    courses = CoursePage.objects.filter(locale__language_code=SOURCE_LANGUAGE, slug__in=DEMO_COURSE_SKILLS)
    for course in courses:
        if course.skills_built.exists():
            continue
        page = course.get_latest_revision_as_object()
        page.skills_built = [
            CourseSkill(skill=skills[code], level=level) for code, level in DEMO_COURSE_SKILLS[course.slug]
        ]
        page.save_revision(user=owner).publish(user=owner, skip_permission_checks=True)
