"""Hostile text in every author field and in the learner's name runs nowhere: not in the browser, not in the PDF."""

from __future__ import annotations

import uuid

import pytest
from django.utils.html import escape

from certificates.models import CertificateTemplate
from certificates.services import DEFAULT_WORDING
from tests.browser.test_learner_journey import PASSWORD, pdf_text, wait_for_certificate
from tests.conftest import requires_redis
from tests.factories import EmployeeFactory, UserFactory, add_course, add_module, translate
from tests.hostile import HOSTILE, SHORT

pytestmark = [pytest.mark.browser, requires_redis, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _hostile_quiz() -> dict:
    def choice(text: str, correct: bool) -> dict:
        return {"type": "item", "value": {"text": text, "correct": correct}, "id": str(uuid.uuid4())}

    return {
        "title": SHORT,
        "pass_mark": 50,
        "questions": [
            {
                "type": "single_choice",
                "id": str(uuid.uuid4()),
                "value": {
                    "text": f"Question {HOSTILE}",
                    "explanation": f"Explanation {HOSTILE}",
                    "points": 1,
                    "choices": [choice(f"Right {SHORT}", True), choice(f"Wrong {SHORT}", False)],
                },
            }
        ],
    }


@pytest.fixture
def hostile_course(catalogue, catalogue_en):
    """Every author field of a course, its module and its certificate template carries the payloads.

    The rich text holds the payloads as the editor stores typed text (escaped); the other fields hold them raw.
    """
    CertificateTemplate.objects.create(
        name="Hostile",
        is_default=True,
        **{**DEFAULT_WORDING, "title_en": f"Certificate {SHORT}", "body_en": DEFAULT_WORDING["body_en"] + HOSTILE},
        signatory_name_en=f"Signatory {SHORT}",
    )
    course = add_course(catalogue, title=f"Course {SHORT}", modules=0)
    course.summary = f"Summary {HOSTILE}"
    course.save()
    body = [
        {"type": "heading", "value": f"Heading {SHORT}"},
        {"type": "paragraph", "value": f"<p>Rich text {escape(HOSTILE)}</p>"},
        {"type": "callout", "value": {"kind": "warning", "text": f"Callout {HOSTILE}"}},
        {"type": "quiz", "value": _hostile_quiz()},
    ]
    module = add_module(course, title=f"Module {SHORT}", body=body)
    translate(course, "en", slug="hostile-course-en")
    translate(module, "en", slug="hostile-module-en")
    return course


@pytest.fixture
def hostile_learner(db):
    user = UserFactory(username="mallory", first_name=SHORT[:150])
    return EmployeeFactory(user=user, full_name_en=f"Mallory {SHORT}", full_name_ar=f"مالوري {SHORT}")


def test_hostile_text_is_shown_as_text_and_never_runs(
    visitor_for, live_server, settings, hostile_course, hostile_learner, celery_worker_thread, tmp_path
):
    settings.CERTIFICATES_BASE_URL = live_server.url
    visitor = visitor_for("en")
    page = visitor.page
    visitor.log_in("mallory", PASSWORD)
    visitor.goto("/en/")
    visitor.check("catalogue")
    assert page.get_by_text(f"Course {SHORT}").count() >= 1  # the title, shown as the characters typed

    page.get_by_role("link", name=f"Course {SHORT}").click()
    visitor.check("course")
    assert page.get_by_text(f"Summary {HOSTILE}").count() == 1
    page.get_by_role("button", name=visitor.t("Enrol in this course")).click()
    page.wait_for_load_state("load")
    for text in (f"Heading {SHORT}", f"Rich text {HOSTILE}", f"Callout {HOSTILE}"):
        assert page.get_by_text(text).count() >= 1, text
    visitor.check("module")

    page.get_by_role("button", name=visitor.t("Start attempt")).click()
    page.wait_for_load_state("load")
    for text in (f"Question {HOSTILE}", f"Right {SHORT}", f"Wrong {SHORT}"):
        assert page.get_by_text(text).count() >= 1, text
    page.get_by_label(f"Right {SHORT}").check()
    visitor.check("quiz-attempt")
    with page.expect_navigation():
        page.get_by_role("button", name=visitor.t("Submit answers")).click()
    visitor.check("course-completed")

    certificate = wait_for_certificate(hostile_learner.user)
    visitor.goto("/en/certificates/")
    visitor.check("my-certificates")
    with page.expect_download() as download_info:
        page.get_by_role("link", name=visitor.t("Download PDF"), exact=False).first.click()
    pdf_path = tmp_path / "certificate.pdf"
    download_info.value.save_as(pdf_path)
    text = "".join(pdf_text(pdf_path).split())
    # Markup in the PDF would have been interpreted (and vanished); as text, every character is printed.
    for printed in (f"Mallory {SHORT}", f"Course {SHORT}", f"Certificate {SHORT}", HOSTILE):
        assert "".join(printed.split()) in text, printed

    for language in ("en", "ar"):
        visitor.language = language
        visitor.goto(f"/{language}/verify/{certificate.display_code}/")
        assert page.get_by_text(f"Mallory {SHORT}").count() >= 1
        visitor.check("verify")
