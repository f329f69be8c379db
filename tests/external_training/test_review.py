"""HR in scope approve or reject external training with a reason; HR of another ministry gets 404 for the
record, its decision and its evidence; the learner is told in their own language; the decision is taken once."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from external_training import services
from notifications.kinds import render
from notifications.models import Notification
from tests.builders.hr_world import staff_member
from tests.builders.pdf import pdf_text

from .conftest import PDF_BYTES, recorded

INDEX = "/admin/external-training/"


def _review_url(record) -> str:
    return reverse("external_training_admin:review", args=[record.pk])


def test_hr_lists_pending_records_in_scope_only(db, hr_client, world):
    recorded(world.employees["a1"], title="Alpha cloud course")
    recorded(world.employees["b1"], title="Bravo cloud course")
    page = hr_client.get(INDEX).content.decode()
    assert "Alpha cloud course" in page and "A-001" in page
    assert "Bravo" not in page and "B-001" not in page


def test_hr_of_another_ministry_gets_404_for_record_decision_and_evidence(db, client, world, hr_b):
    record = recorded(world.employees["a1"])
    client.force_login(hr_b)
    # A 404 under /admin/ is passed on by the locale middleware to /<lang>/admin/..., which is a 404 too.
    assert client.get(_review_url(record), follow=True).status_code == 404
    assert client.post(_review_url(record), {"decision": "approve"}, follow=True).status_code == 404
    assert client.get(f"/en/learning/external-training/{record.pk}/evidence/").status_code == 404
    assert "Cloud fundamentals" not in client.get(INDEX).content.decode()
    record.refresh_from_db()
    assert record.status == "pending" and not Notification.objects.exists()


def test_evidence_opens_for_its_owner_and_hr_in_scope_only(db, client, world, hr_a):
    record = recorded(world.employees["a1"])
    url = f"/ar/learning/external-training/{record.pk}/evidence/"
    for user, expected in ((world.employees["a1"].user, 200), (hr_a, 200), (world.employees["a2"].user, 404)):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == expected
        if expected == 200:
            assert b"".join(response.streaming_content) == PDF_BYTES
            assert response["Content-Type"] == "application/pdf"
            assert response["Content-Disposition"].startswith("attachment")
            assert "no-store" in response["Cache-Control"]
    assert client.get(f"/ar/learning/external-training/{record.pk + 999}/evidence/").status_code == 404


def test_a_learner_does_not_see_the_hr_screen(db, client, world):
    client.force_login(world.employees["a1"].user)
    response = client.get(INDEX)
    assert response.status_code in (302, 403)
    assert "Cloud fundamentals" not in response.content.decode()


def test_approval_counts_in_the_transcript_and_tells_the_learner(db, hr_client, world):
    employee = world.employees["a1"]
    record = recorded(employee)
    response = hr_client.post(_review_url(record), {"decision": "approve", "reason": ""})
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.status == "approved" and record.reviewed_by.username == "hr.alpha" and record.reviewed_at

    notification = Notification.objects.get(recipient=employee.user)
    (english,) = render([notification], language="en")
    (arabic,) = render([notification], language="ar")
    assert english.subject == "Your training “Cloud fundamentals” is approved"
    assert arabic.subject == "اعتُمد تدريبك «Cloud fundamentals»"

    learner = Client()
    learner.force_login(employee.user)
    page = learner.get("/en/learning/transcript/").content.decode()
    assert "Cloud fundamentals" in page and "Oman Institute of Technology" in page and "External" in page
    assert "Including 12.5 hours of external training." in page
    arabic_page = learner.get("/ar/learning/transcript/").content.decode()
    assert "تدريب خارجي" in arabic_page


def test_rejection_needs_a_reason_which_the_learner_reads(db, hr_client, world):
    employee = world.employees["a1"]
    record = recorded(employee)
    response = hr_client.post(_review_url(record), {"decision": "reject", "reason": "  "})
    assert response.status_code == 400
    assert "Say why the record is rejected" in response.content.decode()
    record.refresh_from_db()
    assert record.status == "pending"

    refusal = {"decision": "reject", "reason": "No hours on the letter"}
    assert hr_client.post(_review_url(record), refusal).status_code == 302
    record.refresh_from_db()
    assert (record.status, record.reason) == ("rejected", "No hours on the letter")
    (message,) = render([Notification.objects.get(recipient=employee.user)], language="en")
    assert "No hours on the letter" in message.body

    learner = Client()
    learner.force_login(employee.user)
    page = learner.get("/en/learning/external-training/").content.decode()
    assert "Rejected" in page and "No hours on the letter" in page
    assert "Cloud fundamentals" not in learner.get("/en/learning/transcript/").content.decode()


def test_a_second_decision_is_refused_with_a_conflict(db, hr_client, world):
    record = recorded(world.employees["a1"])
    assert hr_client.post(_review_url(record), {"decision": "approve"}).status_code == 302
    record.refresh_from_db()
    # The form is no longer offered; a stale form posted anyway is refused and changes nothing.
    response = hr_client.post(_review_url(record), {"decision": "reject", "reason": "late"})
    assert response.status_code == 409
    assert "already been reviewed" in response.content.decode()
    record.refresh_from_db()
    assert record.status == "approved" and Notification.objects.count() == 1


def test_hr_cannot_approve_their_own_record(db, client, world):
    officer = staff_member("hr.self", "HR officers", world.units["A"], "HR-S", scope=world.units["A"])
    record = recorded(officer.employee)
    client.force_login(officer)
    response = client.post(_review_url(record), {"decision": "approve"})
    assert response.status_code == 409
    assert "your own training record" in response.content.decode()
    record.refresh_from_db()
    assert record.status == "pending"


def test_the_csv_lists_the_screen_and_neutralises_formulas(db, hr_client, world):
    recorded(world.employees["a1"], title='=HYPERLINK("http://evil")')
    recorded(world.employees["b1"], title="Bravo secret")
    response = hr_client.get(INDEX, {"status": "all", "export": "csv"})
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "'=HYPERLINK" in body and "A-001" in body
    assert "Bravo" not in body and "B-001" not in body


def test_approved_training_is_in_the_hr_transcript_and_both_pdfs_marked_external(db, hr_client, hr_a, world):
    employee = world.employees["a1"]
    approved, pending = recorded(employee, title="Cloud fundamentals"), recorded(employee, title="Pending course")
    services.review_training(record=approved, reviewer=hr_a, approve=True)
    page = hr_client.get(reverse("hr_report_transcripts:detail", args=[employee.pk])).content.decode()
    assert "Cloud fundamentals" in page and "External" in page and "Pending course" not in page
    hr_pdf = pdf_text(hr_client.get(reverse("hr_report_transcripts:pdf", args=[employee.pk])).content)
    learner = Client()
    learner.force_login(employee.user)
    own_pdf = pdf_text(learner.get("/ar/learning/transcript/transcript.pdf").content)
    for text in (hr_pdf, own_pdf):
        assert "Cloud fundamentals" in text and "Oman Institute of Technology" in text
        assert "External" in text and "خارجي" in text
        assert "Pending course" not in text
    assert pending.status == "pending"
