"""Demo catalogue: the course files in demo/content/ become bilingual Wagtail pages.

Arabic is the source language; each English page shares its translation key, and every block
shares its UUID across both languages (as a wagtail-localize translation would), so quiz answers
and progress are one record whichever language a learner uses.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path

from django.db import transaction
from wagtail.models import Locale, Page, Site

from courses.models import CourseIndexPage, CoursePage, ModulePage

DEMO_DIR = Path(__file__).resolve().parent / "content"
SOURCE_LANGUAGE = "ar"
LANGUAGES = ("ar", "en")
CATALOGUE_TITLE = {"ar": "دورات قدرة", "en": "Qudra courses"}
CATALOGUE_INTRO = {
    "ar": "<p>مهارات رقمية لموظفي الخدمة المدنية في سلطنة عُمان: تعلّم بالسرعة التي تناسبك، "
    "وتابع تقدّمك، واحصل على شهادة قابلة للتحقق.</p>",
    "en": "<p>Digital skills for Oman's civil servants: learn at your own pace, follow your progress "
    "and earn a verifiable certificate.</p>",
}


def _block_id(*parts: object) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "qudra-demo/" + "/".join(str(part) for part in parts)))


def _question(question: dict, id_parts: tuple, language: str) -> dict:
    """One question's raw value; a demo question without a "type" is a single-choice question."""
    value = {
        "text": question["text"][language],
        "explanation": question["explanation"][language],
        "points": question.get("points", 1),
    }
    kind = question.get("type", "single_choice")
    if kind in ("single_choice", "multiple_choice"):
        value["choices"] = [
            {
                "type": "item",
                "id": _block_id(*id_parts, c_index),
                "value": {"text": choice["text"][language], "correct": choice["correct"]},
            }
            for c_index, choice in enumerate(question["choices"])
        ]
        if kind == "multiple_choice":
            value["partial_credit"] = question.get("partial_credit", False)
    elif kind == "true_false":
        value["correct_answer"] = "true" if question["correct"] else "false"
    elif kind == "short_answer":
        value["accepted_answers"] = [
            {"type": "item", "id": _block_id(*id_parts, a_index), "value": answer}
            for a_index, answer in enumerate(question["accepted_answers"][language])
        ]
    else:
        raise ValueError(f"Unknown demo question type {kind!r}")
    return value


def _body(module: dict, key: str, language: str) -> list[dict]:
    """The raw StreamField data of a module body in one language, with language-independent ids."""
    blocks = []
    for index, block in enumerate(module["body"]):
        block_id = _block_id(key, index)
        kind = block["type"]
        if kind == "heading":
            value = block["text"][language]
        elif kind == "paragraph":
            value = block["html"][language]
        elif kind == "callout":
            value = {"kind": block["kind"], "text": block["text"][language]}
        elif kind == "quiz":
            value = {
                "title": "",
                "pass_mark": block["pass_mark"],
                "draw_count": block.get("draw_count", 0),
                "attempt_limit": block.get("attempt_limit", 0),
                "time_limit": block.get("time_limit", 0),
                "shuffle_questions": block.get("shuffle_questions", False),
                "shuffle_choices": block.get("shuffle_choices", False),
                "questions": [
                    {
                        "type": question.get("type", "single_choice"),
                        "id": _block_id(key, index, q_index),
                        "value": _question(question, (key, index, q_index), language),
                    }
                    for q_index, question in enumerate(block["questions"])
                ],
            }
        else:
            raise ValueError(f"Unknown demo block type {kind!r}")
        blocks.append({"type": kind, "value": value, "id": block_id})
    return blocks


def _draft(parent: Page, page: Page, owner) -> Page:
    page.owner = owner
    page.live = False
    parent.add_child(instance=page)
    page.save_revision(user=owner)
    return page


def ensure_catalogue() -> dict[str, CourseIndexPage]:
    """The catalogue is the site's home page, in Arabic with its English translation beside it."""
    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in LANGUAGES}
    root = Page.get_first_root_node()
    catalogues = {}
    source = CourseIndexPage.objects.filter(locale=locales[SOURCE_LANGUAGE]).first()
    if source is None:
        source = CourseIndexPage(
            title=CATALOGUE_TITLE[SOURCE_LANGUAGE],
            slug="courses",
            intro=CATALOGUE_INTRO[SOURCE_LANGUAGE],
            locale=locales[SOURCE_LANGUAGE],
        )
        root.add_child(instance=source)
        source.save_revision().publish()
        site = Site.objects.filter(is_default_site=True).first()
        old_home = site.root_page if site else None
        if site is None:
            Site.objects.create(
                hostname="localhost", port=80, root_page=source, is_default_site=True, site_name="Qudra"
            )
        else:
            site.root_page = source
            site.site_name = "Qudra"
            site.save()
        # Wagtail's placeholder "Welcome" page is replaced by the catalogue.
        if old_home is not None and old_home.specific_class is Page and old_home.depth == 2:
            old_home.delete()
    catalogues[SOURCE_LANGUAGE] = source
    for code in LANGUAGES:
        if code == SOURCE_LANGUAGE:
            continue
        translation = source.get_translation_or_none(locales[code])
        if translation is None:
            translation = CourseIndexPage(
                title=CATALOGUE_TITLE[code],
                slug=f"courses-{code}",
                intro=CATALOGUE_INTRO[code],
                locale=locales[code],
                translation_key=source.translation_key,
            )
            root.add_child(instance=translation)
            translation.save_revision().publish()
        catalogues[code] = translation
    return catalogues


def _ensure_course(data: dict, catalogues: dict[str, CourseIndexPage], owner) -> None:
    source_catalogue = catalogues[SOURCE_LANGUAGE]
    if CoursePage.objects.child_of(source_catalogue).filter(slug=data["slug"]).exists():
        return
    translation_key = None
    courses = []
    for language in LANGUAGES:
        course = _draft(
            catalogues[language],
            CoursePage(
                title=data["title"][language],
                slug=data["slug"],
                summary=data["summary"][language],
                skill_area=data["skill_area"],
                level=data["level"],
                estimated_hours=data["estimated_hours"],
                certificate_validity_months=data.get("validity_months"),
                locale=catalogues[language].locale,
                **({"translation_key": translation_key} if translation_key else {}),
            ),
            owner,
        )
        translation_key = course.translation_key
        courses.append(course)
        for module in data["modules"]:
            key = f"{data['slug']}/{module['slug']}"
            _draft(
                course,
                ModulePage(
                    title=module["title"][language],
                    slug=module["slug"],
                    body=_body(module, key, language),
                    required=module["required"],
                    estimated_minutes=module["estimated_minutes"],
                    locale=course.locale,
                    translation_key=uuid.UUID(_block_id("page", key)),
                ),
                owner,
            )
    # The demo stands in for a reviewer approving each language's course, which puts it live with its
    # modules and runs the checks a real approval runs (courses.review).
    for course in courses:
        course.get_latest_revision().publish(user=owner, skip_permission_checks=True)


@transaction.atomic
def seed_courses(*, owner) -> dict[str, CourseIndexPage]:
    """Create the catalogue and every demo course that does not exist yet (idempotent)."""
    catalogues = ensure_catalogue()
    for path in sorted(DEMO_DIR.glob("*.json")):
        _ensure_course(json.loads(path.read_text(encoding="utf-8")), catalogues, owner)
    return catalogues
