"""A worker SIGKILLed in the middle of rendering: another worker issues every certificate within 60 s,
and the sweep removes temporary files that interrupted renders leave."""

from __future__ import annotations

import os
import time
import uuid

import pytest
from django.conf import settings
from django.utils import timezone

from certificates import outbox, services
from certificates.models import Certificate
from tests.builders.learning import complete_course
from tests.builders.services import CeleryWorker, wait_until
from tests.factories import EmployeeFactory, UserFactory, add_catalogue, add_course

from .conftest import requires_services

BATCH = 12  # one task rendering a dozen certificates takes long enough to be killed in its middle


@requires_services
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_killed_mid_render_leaves_nothing_unissued(own_redis, locales, certificate_template, tmp_path):
    course = add_course(add_catalogue(), title="التحول الرقمي", modules=1)
    learners = [EmployeeFactory(user=UserFactory(username=f"killed-{n}")).user for n in range(BATCH)]
    own_redis.stop()  # the completions' own publishes fail: the batch below is the only message
    for learner in learners:
        complete_course(learner, course)
    own_redis.start()
    ids = list(Certificate.objects.filter(holder__in=learners).values_list("id", flat=True))
    assert outbox.publish_batch(certificate_ids=ids)

    first = CeleryWorker(own_redis.url, tmp_path / "first", pool="solo")
    (tmp_path / "first").mkdir()
    first.start()
    leased = wait_until(lambda: Certificate.objects.filter(id__in=ids, claimed_until__isnull=False).exists(), 60)
    assert leased, first.log.read_text()
    first.kill()
    killed_at = time.monotonic()
    assert Certificate.objects.filter(id__in=ids, status="issued").count() < BATCH, "the render finished first"

    second = CeleryWorker(own_redis.url, tmp_path / "second", beat=True)
    (tmp_path / "second").mkdir()
    second.start()
    try:
        issued = wait_until(lambda: Certificate.objects.filter(id__in=ids, status="issued").count() == BATCH, 75)
        waited = time.monotonic() - killed_at
        assert issued, f"{waited:.0f}s after the kill:\n{second.log.read_text()[-3000:]}"
        assert waited < 60 + 10, f"issued {waited:.0f}s after the kill (the new worker needs a few seconds to start)"
    finally:
        second.stop()
    assert Certificate.objects.filter(holder__in=learners).count() == BATCH


def test_the_sweep_removes_temporary_files_of_interrupted_renders(db):
    folder = settings.PRIVATE_STORAGE_ROOT / "certificates" / "QD"
    folder.mkdir(parents=True, exist_ok=True)
    left = folder / "QD7K3M9XR2TB8VHC-v1.pdf.0123.tmp"
    fresh = folder / "QD7K3M9XR2TB8VHD-v1.pdf.4567.tmp"
    kept = folder / "QD7K3M9XR2TB8VHE-v1.pdf"
    for path in (left, fresh, kept):
        path.write_bytes(b"%PDF-")
    an_hour_ago = (timezone.now() - timezone.timedelta(hours=1)).timestamp()
    os.utime(left, (an_hour_ago, an_hour_ago))
    os.utime(kept, (an_hour_ago, an_hour_ago))

    assert services.remove_stale_temporary_files() == 1
    assert not left.exists()
    assert fresh.exists()  # it may belong to a render going on right now
    assert kept.exists()


def test_the_lease_belongs_to_the_task_so_its_retry_takes_it_over(learner, course, certificate_template):
    complete_course(learner, course)
    certificate = Certificate.objects.get(holder=learner)
    task_id = uuid.uuid4()
    # What an interrupted render leaves: its lease, which it could not give back (the database was down).
    Certificate.objects.filter(pk=certificate.pk).update(
        claim_token=task_id, claimed_until=timezone.now() + services.RENDER_LEASE
    )

    assert services.issue_certificates(certificate_ids=[certificate.pk], lease_token=uuid.uuid4()) == []
    assert outbox.stale_pending_certificate_ids(older_than=timezone.timedelta(0)) == []  # leased: left alone
    assert services.issue_certificates(certificate_ids=[certificate.pk], lease_token=task_id) == [certificate.pk]
    certificate.refresh_from_db()
    assert (certificate.status, certificate.claim_token) == ("issued", None)


def test_the_sweep_publishes_again_what_an_expired_lease_held(learner, course, certificate_template):
    complete_course(learner, course)
    certificate = Certificate.objects.get(holder=learner)
    long_ago = timezone.now() - timezone.timedelta(minutes=1)
    # Taken by a worker that died: claiming cleared enqueued_at, and the lease has run out.
    Certificate.objects.filter(pk=certificate.pk).update(
        created_at=long_ago, enqueued_at=None, claim_token=uuid.uuid4(), claimed_until=long_ago
    )
    grace = timezone.timedelta(seconds=settings.CERTIFICATES_PENDING_GRACE_SECONDS)
    assert outbox.stale_pending_certificate_ids(older_than=grace) == [certificate.pk]
