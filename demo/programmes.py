"""Demo programme: "Digital leadership", four demo courses in order with a prerequisite chain."""

from __future__ import annotations

from django.db import transaction
from wagtail.models import Locale

from courses.models import CoursePage
from demo.courses import SOURCE_LANGUAGE, ensure_catalogue
from programmes.models import ProgrammeCourse, ProgrammePage

SLUG = "digital-leadership"
TITLE = {"ar": "برنامج القيادة الرقمية", "en": "Digital leadership"}
SUMMARY = {
    "ar": "مسار من أربع دورات لقادة التحول الرقمي في الخدمة المدنية: من أساسيات الخدمات الحكومية الرقمية "
    "إلى اتخاذ القرار بالبيانات ثم قيادة التغيير، مع دورة اختيارية في أدوات الإنتاجية والتعاون.",
    "en": "A four-course path for the leaders of the civil service's digital transformation: from digital "
    "government services to data-driven decisions and leading change, with an optional course on "
    "productivity and collaboration tools.",
}
# (course slug, optional), in the programme's order.
COURSES = [
    ("digital-government-services-fundamentals", False),
    ("data-driven-decision-making", False),
    ("productivity-tools-collaboration", True),
    ("leading-digital-change", False),
]
# Each course and the one to complete before it.
PREREQUISITES = {
    "data-driven-decision-making": "digital-government-services-fundamentals",
    "leading-digital-change": "data-driven-decision-making",
}


def _set_prerequisites(course: CoursePage, prerequisites: list[CoursePage], owner) -> None:
    if set(course.prerequisites.values_list("id", flat=True)) == {page.id for page in prerequisites}:
        return
    course.prerequisites.set(prerequisites)
    course.save_revision(user=owner).publish(user=owner, skip_permission_checks=True)


@transaction.atomic
def seed_programme(*, owner) -> ProgrammePage | None:
    """Create the demo programme and its prerequisite chain once; later runs change nothing."""
    catalogues = ensure_catalogue()
    courses = {
        language: {course.slug: course for course in CoursePage.objects.child_of(catalogue).specific()}
        for language, catalogue in catalogues.items()
    }
    if any(slug not in courses[SOURCE_LANGUAGE] for slug, _optional in COURSES):
        return None
    for by_slug in courses.values():
        for slug, prerequisite in PREREQUISITES.items():
            if slug in by_slug and prerequisite in by_slug:
                _set_prerequisites(by_slug[slug], [by_slug[prerequisite]], owner)
    source_catalogue = catalogues[SOURCE_LANGUAGE]
    programme = ProgrammePage.objects.child_of(source_catalogue).filter(slug=SLUG).first()
    if programme is None:
        programme = ProgrammePage(
            title=TITLE[SOURCE_LANGUAGE], slug=SLUG, summary=SUMMARY[SOURCE_LANGUAGE], locale=source_catalogue.locale
        )
        for order, (slug, optional) in enumerate(COURSES):
            programme.programme_courses.add(
                ProgrammeCourse(course=courses[SOURCE_LANGUAGE][slug], optional=optional, sort_order=order)
            )
        programme.owner = owner
        source_catalogue.add_child(instance=programme)
        programme.save_revision(user=owner).publish(user=owner, skip_permission_checks=True)
    for language in catalogues:
        if language == SOURCE_LANGUAGE:
            continue
        locale = Locale.objects.get(language_code=language)
        if programme.get_translation_or_none(locale) is None:
            translation = programme.copy_for_translation(locale)
            translation.title, translation.summary = TITLE[language], SUMMARY[language]
            translation.slug = f"{SLUG}-{language}"
            translation.save_revision(user=owner).publish(user=owner, skip_permission_checks=True)
    return programme
