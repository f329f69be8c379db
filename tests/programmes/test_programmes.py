"""Programmes: enrolling, courses opening in order, progress on the pages, completion and its certificate."""

from __future__ import annotations

import datetime
import io
import unicodedata
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from certificates.models import Certificate
from courses.models import Enrolment
from programmes import services
from programmes.models import ProgrammeCourse, ProgrammeEnrolment
from tests.builders.courses import record_counts
from tests.builders.learning import complete_course
from tests.factories import add_course


def enrol_url(language: str, programme) -> str:
    with translation.override(language):
        return reverse("programmes:enrol", kwargs={"programme_id": programme.id})


def html(response) -> str:
    return response.content.decode()


def squeeze(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def current_courses(learner) -> set[int]:
    return set(Enrolment.objects.filter(learner=learner, is_current=True).values_list("course_id", flat=True))


# Enrolling and courses opening in order


def test_enrolling_opens_the_first_required_course_only_and_is_idempotent(track, learner):
    first = services.enrol_in_programme(learner=learner, programme=track.programme)
    again = services.enrol_in_programme(learner=learner, programme=track.programme_en)

    assert first.pk == again.pk
    assert ProgrammeEnrolment.objects.count() == 1
    assert first.programme_id == track.programme.pk  # the source-language page, whichever language enrolled
    # The optional course and the courses behind a prerequisite are not opened.
    assert current_courses(learner) == {track.basics.pk}


def test_an_assigned_programme_passes_its_source_and_due_date_to_the_courses(track, learner):
    due = datetime.date(2027, 3, 31)
    enrolment = services.enrol_in_programme(
        learner=learner, programme=track.programme, source=ProgrammeEnrolment.Source.ASSIGNED, due_date=due
    )
    complete_course(learner, track.basics)

    assert enrolment.source == "assigned" and enrolment.due_date == due
    data = Enrolment.objects.get(learner=learner, course=track.data)
    assert (data.source, data.due_date) == ("assigned", due)


def test_completing_a_course_opens_the_next_one(track, learner):
    services.enrol_in_programme(learner=learner, programme=track.programme)

    complete_course(learner, track.basics)
    assert current_courses(learner) == {track.basics.pk, track.data.pk}

    complete_course(learner, track.data)
    assert current_courses(learner) == {track.basics.pk, track.data.pk, track.leading.pk}
    assert ProgrammeEnrolment.objects.get().completed_at is None


def test_the_programme_completes_once_without_the_optional_course(
    track, learner, certificate_template, django_capture_on_commit_callbacks
):
    enrolment = services.enrol_in_programme(learner=learner, programme=track.programme)
    for course in track.required:
        complete_course(learner, course)
    enrolment.refresh_from_db()
    completed_at = enrolment.completed_at

    assert completed_at is not None
    assert not Enrolment.objects.filter(learner=learner, course=track.tools).exists()
    certificate = Certificate.objects.get(programme_enrolment=enrolment)
    assert certificate.status == Certificate.Status.PENDING
    assert certificate.enrolment_id is None and certificate.course_id is None
    titles = (certificate.course_title_ar, certificate.course_title_en)
    assert titles == ("برنامج القيادة الرقمية", "Digital leadership")
    assert certificate.hours == 2 + 3 + 3  # the required courses; the optional one was not taken

    # Completing the optional course afterwards changes nothing about the programme.
    complete_course(learner, track.tools)
    enrolment.refresh_from_db()
    assert enrolment.completed_at == completed_at
    assert Certificate.objects.filter(programme_enrolment__isnull=False).count() == 1
    # One course certificate per course, one programme certificate.
    assert Certificate.objects.filter(holder=learner).count() == 4 + 1


def test_a_learner_who_already_completed_the_courses_completes_the_programme_on_enrolling(
    track, learner, certificate_template
):
    for course in track.required:
        complete_course(learner, course)

    enrolment = services.enrol_in_programme(learner=learner, programme=track.programme)

    assert enrolment.completed_at is not None
    assert Certificate.objects.filter(programme_enrolment=enrolment).count() == 1


def test_the_programme_certificate_renders_and_verifies_in_both_languages(
    track, learner, client, certificate_template, eager_celery, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.enrol_in_programme(learner=learner, programme=track.programme)
    for course in track.required:
        with django_capture_on_commit_callbacks(execute=True):
            complete_course(learner, course)
    certificate = Certificate.objects.get(programme_enrolment__learner=learner)

    assert certificate.status == Certificate.Status.ISSUED
    reader = PdfReader(io.BytesIO(certificate.pdf.open("rb").read()))
    text = squeeze("".join(page.extract_text() for page in reader.pages))
    for expected in ("برنامج القيادة الرقمية", "Digital leadership", "the programme", certificate.display_code):
        assert squeeze(expected) in text
    assert squeeze("the course") not in text
    for language, label in (("ar", "البرنامج"), ("en", "Programme")):
        with translation.override(language):
            url = reverse("certificates:verify", kwargs={"code": certificate.display_code})
        page = html(client.get(url))
        assert "Valid certificate" in page or "شهادة صالحة" in page
        assert f"<dt>{label}</dt>" in page
        assert "برنامج القيادة الرقمية" in page and "Digital leadership" in page


# Pages


def test_anonymous_visitors_see_the_programme_and_are_sent_to_log_in_to_enrol(client, track):
    page = client.get(track.programme_en.url)
    response = client.post(enrol_url("en", track.programme_en))

    assert page.status_code == 200
    assert "Log in to enrol" in html(page)
    assert response.status_code == 302
    assert urlsplit(response.url).path == "/en/accounts/login/"
    assert not ProgrammeEnrolment.objects.exists()
    assert not Enrolment.objects.exists()


def test_enrolling_needs_a_post_and_a_live_programme(track, learner_client):
    assert learner_client.get(enrol_url("en", track.programme_en)).status_code == 405
    track.programme.unpublish()
    before = record_counts()
    assert learner_client.post(enrol_url("ar", track.programme)).status_code == 404
    assert record_counts() == before
    assert not ProgrammeEnrolment.objects.exists()


def test_the_enrol_button_enrols_and_the_page_shows_order_status_and_progress(track, learner, learner_client):
    response = learner_client.post(enrol_url("en", track.programme_en))
    assert response.status_code == 302
    complete_course(learner, track.basics)

    page = html(learner_client.get(track.programme_en.url))

    assert ProgrammeEnrolment.objects.filter(learner=learner).count() == 1
    assert "1 of 3 required courses" in page
    assert 'max="100" value="33"' in page
    titles = ["Digital services basics", "Data-driven decisions", "Productivity tools", "Leading digital change"]
    listing = page[page.index('id="courses-heading"') :]
    assert [listing.index(title) for title in titles] == sorted(listing.index(title) for title in titles)
    assert "Optional" in page
    assert "Completed" in page
    assert "Locked" in page
    assert "Complete first:" in page  # the leading course waits for the data course
    assert "Enrol in this programme" not in page


def test_a_learner_never_sees_another_learners_progress(track, learner, other_learner, client):
    services.enrol_in_programme(learner=learner, programme=track.programme)
    complete_course(learner, track.basics)
    client.force_login(other_learner)

    page = html(client.get(track.programme_en.url))
    my_learning = html(client.get("/en/learning/"))

    assert "Enrol in this programme" in page
    assert "of 3 required courses" not in page
    assert "Completed" not in page
    assert "Digital leadership" not in my_learning


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ar", ["برنامج القيادة الرقمية", "1 من 3 دورات مطلوبة", "اختيارية", "برامجي"]),
        ("en", ["Digital leadership", "1 of 3 required courses", "Optional", "My programmes"]),
    ],
)
def test_my_learning_and_the_programme_page_in_both_languages(track, learner, learner_client, language, expected):
    services.enrol_in_programme(learner=learner, programme=track.programme)
    complete_course(learner, track.basics)
    programme = track.programme if language == "ar" else track.programme_en
    direction = "rtl" if language == "ar" else "ltr"

    page = html(learner_client.get(programme.url))
    my_learning = html(learner_client.get(f"/{language}/learning/"))

    assert f'<html lang="{language}" dir="{direction}">' in page
    assert f'<html lang="{language}" dir="{direction}">' in my_learning
    assert expected[0] in page and expected[1] in page and expected[2] in page
    assert expected[3] in my_learning and expected[0] in my_learning and expected[1] in my_learning


@pytest.mark.parametrize(("language", "title"), [("ar", "برنامج القيادة الرقمية"), ("en", "Digital leadership")])
def test_the_catalogue_lists_the_programme(client, track, language, title):
    page = html(client.get(f"/{language}/"))
    programme = track.programme if language == "ar" else track.programme_en

    assert title in page
    assert programme.url in page


def test_a_completed_programme_links_its_certificate(track, learner, learner_client, certificate_template):
    services.enrol_in_programme(learner=learner, programme=track.programme)
    for course in track.required:
        complete_course(learner, course)

    page = html(learner_client.get(track.programme_en.url))
    certificates = html(learner_client.get("/en/certificates/"))

    assert "Programme completed on" in page
    assert "Your certificate is being prepared." in page
    assert "Digital leadership" in certificates


def test_the_programme_page_costs_the_same_queries_however_many_courses_it_has(
    track, catalogue, learner, learner_client
):
    services.enrol_in_programme(learner=learner, programme=track.programme)
    complete_course(learner, track.basics)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert learner_client.get(track.programme_en.url).status_code == 200
        return len(captured)

    queries()  # the first request fills the cache of the site's root paths
    before = queries()
    for index in range(3):
        course = add_course(catalogue, title=f"دورة إضافية {index}", modules=1)
        course.prerequisites.set([track.leading])
        course.save_revision().publish()
        ProgrammeCourse.objects.create(page=track.programme, course=course, sort_order=10 + index)

    assert queries() == before
