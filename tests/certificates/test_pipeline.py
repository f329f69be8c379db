"""The completion pipeline end to end: outbox row, task, storage, email, sweep, concurrency, broker down."""

from __future__ import annotations

import datetime
import hashlib
import threading
import time

import pytest
import time_machine
from django.db import connection, transaction
from django.utils import timezone

from certificates import services
from certificates.models import Certificate
from certificates.tasks import issue_certificate_task, sweep_pending_certificates_task
from courses import services as course_services
from courses.models import Enrolment, ModulePage
from notifications import services as notification_services
from notifications.models import Notification
from tests.builders.certificates import files_of
from tests.builders.learning import complete_course
from tests.conftest import requires_postgres, requires_redis
from tests.factories import EmployeeFactory, UserFactory


def test_completion_issues_one_certificate_through_the_pipeline(issued_certificate, learner, mailoutbox):
    certificate = issued_certificate
    assert certificate.status == Certificate.Status.ISSUED
    assert certificate.holder_name_ar == learner.employee.full_name_ar
    assert certificate.holder_name_en == learner.employee.full_name_en
    assert certificate.course_title_ar == "التحول الرقمي"
    assert certificate.course_title_en == "Digital Transformation"
    assert certificate.issued_on == timezone.localdate()
    assert certificate.expires_on is None
    content = certificate.pdf.open("rb").read()
    assert content.startswith(b"%PDF-")
    assert hashlib.sha256(content).hexdigest() == certificate.sha256
    assert [path.name for path in files_of(certificate)] == [f"{certificate.code}-v1.pdf"]
    # Never under the public media folder.
    assert "/media/" not in certificate.pdf.path
    # One email, in the learner's preferred language (Arabic by default), with the links.
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [learner.email]
    assert certificate.display_code in mailoutbox[0].body
    assert "/ar/certificates/" in mailoutbox[0].body


def test_expiry_follows_the_course_validity(
    learner, course, certificate_template, eager_celery, django_capture_on_commit_callbacks
):
    course.certificate_validity_months = 24
    course.save_revision().publish()
    with (
        time_machine.travel(datetime.datetime(2026, 2, 28, 10, tzinfo=datetime.UTC), tick=True),
        django_capture_on_commit_callbacks(execute=True),
    ):
        complete_course(learner, course)
    certificate = Certificate.objects.get(holder=learner)
    assert certificate.issued_on == datetime.date(2026, 2, 28)
    assert certificate.expires_on == datetime.date(2028, 2, 28)


def test_the_outbox_row_rolls_back_with_the_completion(learner, course, certificate_template):
    course_services.enrol(learner=learner, course=course)
    with pytest.raises(RuntimeError), transaction.atomic():
        for module in ModulePage.objects.child_of(course):
            course_services.complete_module(learner=learner, module=module)
        assert Certificate.objects.filter(holder=learner, status=Certificate.Status.PENDING).count() == 1
        raise RuntimeError("the completing request failed after the signal")
    assert not Certificate.objects.exists()
    assert Enrolment.objects.get(learner=learner).completed_at is None


def test_the_task_run_twice_issues_one_pdf_and_one_email(
    learner, course, certificate_template, mailoutbox, django_capture_on_commit_callbacks
):
    complete_course(learner, course)  # on_commit callbacks not run: the row is pending, nothing published
    certificate = Certificate.objects.get(holder=learner)
    assert certificate.status == Certificate.Status.PENDING
    with django_capture_on_commit_callbacks(execute=True):
        issue_certificate_task.apply(args=(certificate.id,))
    first_hash = Certificate.objects.get(pk=certificate.pk).sha256
    with django_capture_on_commit_callbacks(execute=True):
        issue_certificate_task.apply(args=(certificate.id,))
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.ISSUED
    assert certificate.sha256 == first_hash
    assert Certificate.objects.count() == 1
    assert len(files_of(certificate)) == 1
    # One "certificate ready" notification, e-mailed once however often the e-mail step runs.
    assert Notification.objects.filter(recipient=learner, kind="certificate_ready").count() == 1
    assert notification_services.send_pending_emails() == 1
    assert notification_services.send_pending_emails() == 0
    assert len(mailoutbox) == 1


def test_a_revoked_pending_certificate_is_never_rendered(learner, course, certificate_template, admin_user):
    complete_course(learner, course)
    certificate = Certificate.objects.get(holder=learner)
    services.revoke_certificate(certificate=certificate, user=admin_user, reason="Completion recorded in error")
    issue_certificate_task.apply(args=(certificate.id,))
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.REVOKED
    assert not certificate.pdf
    assert files_of(certificate) == []


def test_the_sweep_leaves_fresh_and_leased_certificates_alone(learner, course, certificate_template, eager_celery):
    complete_course(learner, course)
    certificate = Certificate.objects.get(holder=learner)
    assert sweep_pending_certificates_task.apply().get() == 0  # too fresh: its own task may still be on the way
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=10)):
        Certificate.objects.filter(pk=certificate.pk).update(
            claimed_until=timezone.now() + datetime.timedelta(minutes=1)
        )
        assert sweep_pending_certificates_task.apply().get() == 0  # a worker is rendering it right now
        Certificate.objects.filter(pk=certificate.pk).update(claimed_until=None)
        assert sweep_pending_certificates_task.apply().get() == 1
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.ISSUED


def test_broker_down_the_request_returns_quickly_and_the_sweep_issues_later(
    learner_client, learner, course, certificate_template, dead_broker, django_capture_on_commit_callbacks, mailoutbox
):
    course_services.enrol(learner=learner, course=course)
    modules = list(ModulePage.objects.child_of(course))
    for module in modules[:-1]:
        course_services.complete_module(learner=learner, module=module)
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        response = learner_client.post(f"/en/learning/courses/{course.id}/modules/{modules[-1].id}/complete/")
    elapsed = time.monotonic() - started
    assert response.status_code == 302
    assert elapsed < 2, f"the completing request took {elapsed:.2f}s with the broker down"
    certificate = Certificate.objects.get(holder=learner)
    assert certificate.status == Certificate.Status.PENDING
    assert certificate.enqueued_at is None
    assert mailoutbox == []


def test_after_a_broker_outage_the_sweep_issues_the_pending_certificate(
    learner, course, certificate_template, dead_broker, eager_celery, django_capture_on_commit_callbacks
):
    # Eager mode is switched off while the broker is down, so publishing really fails.
    eager_celery.conf.task_always_eager = False
    with django_capture_on_commit_callbacks(execute=True):
        complete_course(learner, course)
    certificate = Certificate.objects.get(holder=learner)
    assert certificate.status == Certificate.Status.PENDING
    eager_celery.conf.task_always_eager = True  # the broker is back (tasks run as a worker would)
    with (
        time_machine.travel(timezone.now() + datetime.timedelta(minutes=10)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert sweep_pending_certificates_task.apply().get() == 1
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.ISSUED
    assert len(files_of(certificate)) == 1


def _run_in_threads(count: int, target) -> list[BaseException]:
    barrier = threading.Barrier(count)
    errors: list[BaseException] = []

    def run(index: int) -> None:
        try:
            barrier.wait(timeout=10)
            target(index)
        except BaseException as error:  # collected and asserted by the test
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


@requires_postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_at_once_issue_one_pdf(course, certificate_template, mailoutbox):
    learner = EmployeeFactory(user=UserFactory(username="racer")).user
    complete_course(learner, course)  # committed: on_commit publishes into the test broker, no worker reads it
    certificate = Certificate.objects.get(holder=learner)
    errors = _run_in_threads(2, lambda index: services.issue_certificate(certificate_id=certificate.id))
    assert errors == []
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.ISSUED
    assert Certificate.objects.filter(holder=learner).count() == 1
    assert [path.name for path in files_of(certificate)] == [f"{certificate.code}-v1.pdf"]
    assert hashlib.sha256(certificate.pdf.open("rb").read()).hexdigest() == certificate.sha256
    assert Notification.objects.filter(recipient=learner, kind="certificate_ready").count() == 1
    notification_services.send_pending_emails()
    assert len(mailoutbox) == 1


@requires_postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twenty_concurrent_completions_make_one_certificate(course, certificate_template):
    learner = EmployeeFactory(user=UserFactory(username="clicker")).user
    course_services.enrol(learner=learner, course=course)
    modules = list(ModulePage.objects.child_of(course))
    for module in modules[:-1]:
        course_services.complete_module(learner=learner, module=module)
    errors = _run_in_threads(20, lambda index: course_services.complete_module(learner=learner, module=modules[-1]))
    assert errors == []
    assert Certificate.objects.filter(holder=learner).count() == 1
    assert Certificate.objects.get(holder=learner).status == Certificate.Status.PENDING


@requires_redis
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_real_worker_issues_the_certificate(course, certificate_template, mailoutbox, celery_worker_thread):
    learner = EmployeeFactory(user=UserFactory(username="worker-test")).user
    complete_course(learner, course)  # commits: on_commit publishes to Redis, the worker picks it up
    deadline = time.monotonic() + 30
    certificate = Certificate.objects.get(holder=learner)
    while certificate.status != Certificate.Status.ISSUED and time.monotonic() < deadline:
        time.sleep(0.2)
        certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.ISSUED
    assert hashlib.sha256(certificate.pdf.open("rb").read()).hexdigest() == certificate.sha256
    # The "certificate ready" e-mail is the worker's next task, published when the issue committed.
    deadline = time.monotonic() + 30
    while not mailoutbox and time.monotonic() < deadline:
        time.sleep(0.2)
    assert len(mailoutbox) == 1


def test_a_certificate_ready_notification_is_listed_in_the_readers_language(issued_certificate, learner, client):
    notification = Notification.objects.get(recipient=learner, kind="certificate_ready")
    assert notification.params == {"certificate": issued_certificate.pk}
    client.force_login(learner)
    english = client.get("/en/learning/notifications/").content.decode()
    assert "Your certificate for “Digital Transformation” is ready" in english
    assert issued_certificate.display_code in english
    assert 'href="/en/certificates/"' in english
    arabic = client.get("/ar/learning/notifications/").content.decode()
    assert "التحول الرقمي" in arabic and 'href="/ar/certificates/"' in arabic
