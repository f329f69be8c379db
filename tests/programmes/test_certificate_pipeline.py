"""Programme certificates in the rest of the pipeline: the sweep, re-issuing, the holder's download."""

from __future__ import annotations

import datetime

import time_machine
from django.utils import timezone

from certificates import services as certificate_services
from certificates.models import Certificate
from certificates.tasks import sweep_pending_certificates_task
from people.models import Employee
from programmes import services
from tests.builders.learning import complete_course


def complete_programme(learner, track) -> Certificate:
    services.enrol_in_programme(learner=learner, programme=track.programme)
    for course in track.required:
        complete_course(learner, course)
    return Certificate.objects.get(programme_enrolment__learner=learner)


def test_a_programme_certificate_left_pending_is_issued_by_the_sweep(
    track, learner, certificate_template, eager_celery
):
    certificate = complete_programme(learner, track)  # on_commit never ran: nothing was published
    assert certificate.status == Certificate.Status.PENDING

    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=10)):
        swept = sweep_pending_certificates_task.apply().get()

    certificate.refresh_from_db()
    # The three course certificates were left pending too; the sweep covers them all alike.
    assert swept == 4
    assert certificate.status == Certificate.Status.ISSUED
    assert certificate.pdf.open("rb").read().startswith(b"%PDF-")


def test_reissuing_a_programme_certificate_keeps_it_a_programme_certificate(
    track, learner, certificate_template, eager_celery, django_capture_on_commit_callbacks
):
    certificate = complete_programme(learner, track)
    certificate_services.issue_certificate(certificate_id=certificate.pk)
    Employee.objects.filter(user=learner).update(full_name_en="Aisha S. Al-Balushi")
    admin = learner.__class__.objects.create_superuser("root", "root@example.om", "pass-word-123")

    with django_capture_on_commit_callbacks(execute=True):
        certificate_services.reissue_certificate(certificate=certificate, user=admin, reason="Name corrected")
    certificate_services.issue_certificate(certificate_id=certificate.pk)

    certificate.refresh_from_db()
    assert certificate.version == 2
    assert certificate.status == Certificate.Status.ISSUED
    assert certificate.holder_name_en == "Aisha S. Al-Balushi"
    assert (certificate.course_title_en, certificate.hours) == ("Digital leadership", 8)
    assert certificate.is_programme and certificate.course_id is None


def test_only_the_holder_downloads_a_programme_certificate(
    track, learner, other_learner, client, certificate_template, eager_celery
):
    certificate = complete_programme(learner, track)
    certificate_services.issue_certificate(certificate_id=certificate.pk)
    url = f"/en/certificates/{certificate.display_code}/download/"

    client.force_login(other_learner)
    assert client.get(url).status_code == 404
    client.force_login(learner)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
