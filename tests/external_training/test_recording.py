"""A learner records training done elsewhere; bad input is refused with a clear message and nothing is kept."""

from __future__ import annotations

import datetime
import os
import shutil

import pytest
from django.utils import timezone

from common.storage import private_storage
from external_training import evidence as evidence_rules
from external_training.models import ExternalTraining

from .conftest import PAGE, PDF_BYTES, evidence, form, recorded


def _stored_files() -> list[str]:
    try:
        return private_storage().listdir("external-training")[1]
    except FileNotFoundError:
        return []


@pytest.mark.parametrize(("language", "awaiting"), [("en", "Awaiting review"), ("ar", "بانتظار المراجعة")])
def test_a_learner_records_training_and_sees_it_awaiting_review(db, client, world, language, awaiting):
    learner = world.employees["a1"].user
    client.force_login(learner)
    response = client.post(PAGE.format(language=language), form(evidence=evidence("شهادة الحضور.pdf")))
    assert response.status_code == 302
    record = ExternalTraining.objects.get(learner=learner)
    assert (record.status, record.title, record.hours) == ("pending", "Cloud fundamentals", 12.5)
    assert record.evidence_name == "شهادة الحضور.pdf"
    # Stored under a random name in private storage, never under the learner's file name.
    assert record.evidence.name.startswith("external-training/") and "شهادة" not in record.evidence.name
    with private_storage().open(record.evidence.name) as handle:
        assert handle.read() == PDF_BYTES
    page = client.get(response["Location"]).content.decode()
    assert "Cloud fundamentals" in page and awaiting in page and "شهادة الحضور.pdf" in page


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"evidence": evidence("setup.pdf", b"MZ\x90\x00 not a pdf at all")}, "must be a PDF, PNG or JPEG"),
        ({"evidence": evidence("empty.pdf", b"")}, "The submitted file is empty."),
        ({"hours": "0"}, "Ensure this value is greater than or equal to 0.5."),
        ({"hours": "abc"}, "Enter a number."),
        ({"title": "   "}, "This field is required."),
        ({"started_on": "2026-13-40"}, "Enter a valid date."),
        ({"completed_on": (timezone.localdate() + datetime.timedelta(days=1)).isoformat()}, "once it has ended"),
        ({"started_on": timezone.localdate().isoformat()}, "The start date is after the end date."),
    ],
)
def test_bad_input_is_a_400_with_the_reason_and_nothing_is_kept(db, client, world, fields, message):
    client.force_login(world.employees["a1"].user)
    before = _stored_files()
    response = client.post(PAGE.format(language="en"), form(**fields))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ExternalTraining.objects.exists()
    assert _stored_files() == before


def test_a_file_over_the_limit_is_refused(db, client, world, settings):
    client.force_login(world.employees["a1"].user)
    big = PDF_BYTES + b"0" * (evidence_rules.MAX_BYTES + 1 - len(PDF_BYTES))
    response = client.post(PAGE.format(language="ar"), form(evidence=evidence("big.pdf", big)))
    assert response.status_code == 400
    assert "أكبر من 10 ميغابايت" in response.content.decode()
    assert not ExternalTraining.objects.exists()


def test_images_are_accepted_and_served_as_images(db, client, world):
    client.force_login(world.employees["a1"].user)
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
    assert client.post(PAGE.format(language="en"), form(evidence=evidence("scan.png", png))).status_code == 302
    record = ExternalTraining.objects.get()
    response = client.get(f"/en/learning/external-training/{record.pk}/evidence/")
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == png


def test_the_page_asks_for_sign_in(db, client):
    response = client.get(PAGE.format(language="en"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_learner_withdraws_a_pending_record_and_its_file_goes(db, client, world, django_capture_on_commit_callbacks):
    employee = world.employees["a1"]
    record = recorded(employee)
    client.force_login(employee.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/en/learning/external-training/{record.pk}/withdraw/")
    assert response.status_code == 302
    assert not ExternalTraining.objects.exists()
    assert not private_storage().exists(record.evidence.name)


def test_an_approved_record_or_someone_elses_cannot_be_withdrawn(db, client, world, hr_a):
    from external_training import services

    mine, theirs = recorded(world.employees["a1"]), recorded(world.employees["a2"])
    services.review_training(record=mine, reviewer=hr_a, approve=True)
    client.force_login(world.employees["a1"].user)
    for record in (mine, theirs):
        assert client.post(f"/en/learning/external-training/{record.pk}/withdraw/").status_code == 404
    assert ExternalTraining.objects.count() == 2


def test_storage_that_cannot_take_the_file_gives_a_clear_page_and_no_record(db, client, world, tmp_path):
    """The folder evidence goes into is replaced by a plain file, so the real file system refuses the write."""
    root = private_storage().path("")
    folder, moved = os.path.join(root, "external-training"), tmp_path / "moved"
    os.makedirs(root, exist_ok=True)
    if os.path.isdir(folder):
        shutil.move(folder, moved)
    with open(folder, "w") as blocker:
        blocker.write("not a folder")
    try:
        client.force_login(world.employees["a1"].user)
        response = client.post(PAGE.format(language="ar"), form())
    finally:
        os.remove(folder)
        if moved.exists():
            shutil.move(moved, folder)
    assert response.status_code == 503
    assert "تعذّر حفظ ملفك الآن" in response.content.decode()
    assert not ExternalTraining.objects.exists()
