"""The 400 bilingual courses of OMAN-250k and their modules, copied straight into Wagtail's page tables."""

from __future__ import annotations

import random
import time
import uuid

from django.contrib.contenttypes.models import ContentType

from courses.models import CoursePage, ModulePage

from .bulk import copy_rows, next_id, reset_sequence
from .run import ScaleRun
from .shape import COURSES, LEVELS, SKILLS, TOPICS


def write_courses(dataset: ScaleRun, cursor, catalogues) -> list[tuple[int, list[tuple[int, bool, bool]]]]:
    """400 bilingual courses of 10-16 modules, copied straight into Wagtail's page tables.

    Returns, per course, (course page id, [(module page id, required, has quiz), ...]).
    """
    started = time.monotonic()
    rng = random.Random(f"{dataset.seed}-courses")
    course_type = ContentType.objects.get_for_model(CoursePage).id
    module_type = ContentType.objects.get_for_model(ModulePage).id
    published = f"{dataset.date(400)} 08:00:00+04"
    page_id = next_id(cursor, "wagtailcore_page")
    pages, course_rows, module_rows, result = [], [], [], []

    def page_row(pid, path, depth, numchild, title, slug, url_path, ctype, key, locale) -> str:
        return (
            f"{pid}\t{path}\t{depth}\t{numchild}\t{title}\t{title}\t{slug}\tt\tf\t{url_path}\t\tf\t\tf\t"
            f"{ctype}\tf\t{key}\t{locale}\t{published}\t{published}\t{published}\n"
        )

    source, english = catalogues["ar"], catalogues["en"]
    for index in range(COURSES):
        topic_en, topic_ar = TOPICS[index % len(TOPICS)]
        level = LEVELS[(index // len(TOPICS)) % len(LEVELS)]
        number = index + 1
        key = uuid.uuid5(uuid.NAMESPACE_URL, f"oman-250k/course/{number}")
        slug = f"course-{number:03d}"
        module_count = rng.randint(10, 16)
        hours = rng.randint(2, 12)
        titles = {"ar": f"{topic_ar} {number:03d}", "en": f"{topic_en} {number:03d}"}
        course_id = page_id
        for language, catalogue in (("ar", source), ("en", english)):
            path = CoursePage._get_path(catalogue.path, catalogue.depth + 1, index + 1)
            pages.append(
                page_row(
                    page_id,
                    path,
                    catalogue.depth + 1,
                    module_count if language == "ar" else 0,
                    titles[language],
                    slug,
                    f"{catalogue.url_path}{slug}/",
                    course_type,
                    key,
                    catalogue.locale_id,
                )
            )
            course_rows.append(
                f"{page_id}\t{titles[language]}\t{SKILLS[index % len(SKILLS)]}\t{level}\t{hours}\tall_required\tf\n"
            )
            page_id += 1
        course_modules = []
        optional_last = rng.random() < 0.15
        ar_path = CoursePage._get_path(source.path, source.depth + 1, index + 1)
        for position in range(module_count):
            required = not (optional_last and position == module_count - 1)
            has_quiz = position % 4 == 3
            module_slug = f"module-{position + 1:02d}"
            pages.append(
                page_row(
                    page_id,
                    ModulePage._get_path(ar_path, source.depth + 2, position + 1),
                    source.depth + 2,
                    0,
                    f"{titles['ar']} - {position + 1}",
                    module_slug,
                    f"{source.url_path}{slug}/{module_slug}/",
                    module_type,
                    uuid.uuid5(uuid.NAMESPACE_URL, f"oman-250k/course/{number}/module/{position + 1}"),
                    source.locale_id,
                )
            )
            module_rows.append(f"{page_id}\t[]\t{'t' if required else 'f'}\t{rng.randint(10, 45)}\n")
            course_modules.append((page_id, required, has_quiz))
            page_id += 1
        result.append((course_id, course_modules))
    copy_rows(
        cursor,
        "COPY wagtailcore_page (id, path, depth, numchild, title, draft_title, slug, live, "
        "has_unpublished_changes, url_path, seo_title, show_in_menus, search_description, expired, "
        "content_type_id, locked, translation_key, locale_id, first_published_at, last_published_at, "
        "latest_revision_created_at) FROM STDIN",
        pages,
    )
    copy_rows(
        cursor,
        "COPY courses_coursepage (page_ptr_id, summary, skill_area, level, estimated_hours, completion_rule, "
        "single_language) FROM STDIN",
        course_rows,
    )
    copy_rows(
        cursor,
        "COPY courses_modulepage (page_ptr_id, body, required, estimated_minutes) FROM STDIN",
        module_rows,
    )
    cursor.execute("UPDATE wagtailcore_page SET numchild = %s WHERE id IN (%s, %s)", [COURSES, source.id, english.id])
    reset_sequence(cursor, "wagtailcore_page")
    dataset.report.counts["courses"] = COURSES
    dataset.report.counts["modules"] = len(module_rows)
    dataset.timed("courses", started)
    return result
