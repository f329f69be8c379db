"""The learner's own transcript: every course (all cycles), programme and certificate, as a page and a PDF."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone, translation

from certificates.models import Certificate
from common.formatting import format_date
from programmes.models import ProgrammeEnrolment
from tests.builders.pdf import pdf_text
from tests.builders.programmes import add_programme

PAGE = "/en/learning/transcript/"
PDF = "/en/learning/transcript/transcript.pdf"


def _certificate(enrolment) -> Certificate:
    return Certificate.objects.create(
        enrolment=enrolment,
        holder=enrolment.learner,
        course=enrolment.course,
        code="QUDRATESTCODE1",
        holder_name_ar="ألفا واحد",
        holder_name_en="Alpha One",
        course_title_ar="التحول",
        course_title_en="Digital transformation",
        issued_on=timezone.localdate(),
        status="issued",
    )


def test_urls_are_under_learning_in_each_language():
    assert reverse("reports:my_transcript") in (PAGE, "/ar/learning/transcript/")
    with translation.override("en"):
        assert reverse("reports:my_transcript_pdf") == PDF


def test_learner_sees_every_course_and_certificate_with_dates(db, client, world):
    employee = world.employees["a1"]
    _certificate(world.enrolments["a1_first"])
    client.force_login(employee.user)
    response = client.get(PAGE)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Alpha One" in page and "A-001" in page
    assert page.count("Digital transformation") >= 2, "the current and the past cycle"
    assert "Cycle 1 (history)" in page
    assert "Cyber hygiene" in page
    with translation.override("en"):
        completed = format_date(world.enrolments["a1_first"].completed_at)
        old = format_date(world.enrolments["a1_old"].completed_at)
    assert completed in page and old in page
    # The certificate's code, linked to its public verification page.
    assert "QUDR-ATES-TCOD-E1" in page
    assert 'href="/en/verify/QUDR-ATES-TCOD-E1/"' in page
    # Two separate plural parts: courses counted, hours through the one hours rule.
    assert "2 courses completed." in page
    assert "2 hours of training." in page, "two completed cycles of one hour each"
    assert 'href="/en/learning/transcript/transcript.pdf"' in page


def test_learner_sees_only_their_own(db, client, world):
    client.force_login(world.employees["b1"].user)
    page = client.get(PAGE).content.decode()
    assert "Bravo One" in page
    assert "Alpha One" not in page and "A-001" not in page
    assert "1 course completed." in page


def test_programmes_are_listed(db, client, world):
    employee = world.employees["a1"]
    catalogue = world.courses[0].get_parent().specific
    programme = add_programme(catalogue, title="Digital leaders", courses=[(world.courses[0], False)])
    ProgrammeEnrolment.objects.create(learner=employee.user, programme=programme, completed_at=timezone.now())
    client.force_login(employee.user)
    page = client.get(PAGE).content.decode()
    assert "Programmes" in page and "Digital leaders" in page
    assert "Digital leaders" in pdf_text(client.get(PDF).content)


def test_pdf_is_bilingual(db, client, world):
    employee = world.employees["a1"]
    _certificate(world.enrolments["a1_first"])
    client.force_login(employee.user)
    response = client.get(PDF)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="transcript-A-001.pdf"' in response["Content-Disposition"]
    text = pdf_text(response.content)
    assert "Training transcript" in text and "Alpha One" in text
    assert "Digital transformation" in text and "QUDR-ATES-TCOD-E1" in text
    assert "2 courses completed." in text
    # The Arabic side: the holder's Arabic name, the Arabic labels, hours in Arabic's plural forms.
    assert "ألفا" in text and "واحد" in text
    with translation.override("ar"):
        for label in ("Training transcript", "Certificate code", "Organisation unit"):
            assert translation.gettext(label) in text
    assert "ساعة واحدة" in text and "ساعتان" in text


def test_signed_out_visitors_are_sent_to_log_in(db, client, world):
    for url in (PAGE, PDF):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_an_account_without_an_employee_record_gets_404(db, client, world, django_user_model):
    client.force_login(django_user_model.objects.create_user("service", password="x"))
    assert client.get(PAGE).status_code == 404
