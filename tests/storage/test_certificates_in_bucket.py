"""Certificates and media in an S3-compatible store (moto's server on loopback): rendered into the bucket,
nothing left on the local disk, no private object public, downloads through the checked view only."""

from __future__ import annotations

import hashlib

import pytest
from django.urls import reverse
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from certificates.models import Certificate
from common.storage import private_storage
from tests.builders.learning import complete_course
from tests.builders.object_store import s3_client
from tests.factories import UserFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
UNITS = "code,parent_code,kind,name_ar,name_en\nmoh,,ministry,وزارة الصحة,Ministry of Health\n"
EMPLOYEES = (
    "employee_number,full_name_ar,full_name_en,org_unit_code,email,job_title,grade,hire_date,preferred_language\n"
    "H-001,سالم الحارثي,Salim Al-Harthy,moh,,Nurse,8,,ar\n"
)


def _no_public_grant(object_store, key: str) -> bool:
    acl = s3_client(object_store["QUDRA_S3_ENDPOINT_URL"]).get_object_acl(
        Bucket=object_store["QUDRA_S3_BUCKET"], Key=key
    )
    return not [grant for grant in acl["Grants"] if "URI" in grant["Grantee"]]


def test_a_certificate_is_rendered_into_the_bucket_and_downloaded_by_its_holder(
    object_store,
    bucket_keys,
    tmp_path,
    learner,
    course,
    certificate_template,
    eager_celery,
    client,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        complete_course(learner, course)
    certificate = Certificate.objects.get(holder=learner)
    assert certificate.status == Certificate.Status.ISSUED
    key = f"private/{certificate.pdf.name}"
    # One object, no temporary file beside it, nothing on this node's disk.
    assert bucket_keys() == [key]
    assert not any(tmp_path.rglob("*"))
    assert _no_public_grant(object_store, key)
    with pytest.raises(NotImplementedError):
        private_storage().url(certificate.pdf.name)

    client.force_login(learner)
    response = client.get(reverse("certificates:download", args=[certificate.code]))
    body = b"".join(response.streaming_content)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert hashlib.sha256(body).hexdigest() == certificate.sha256
    # Someone else gets the same answer as for a code that does not exist.
    client.force_login(UserFactory())
    assert client.get(reverse("certificates:download", args=[certificate.code])).status_code == 404

    # The object gone from the store: a 404 that says so, not a 500.
    private_storage().delete(certificate.pdf.name)
    client.force_login(learner)
    missing = client.get(reverse("certificates:download", args=[certificate.code]), HTTP_ACCEPT_LANGUAGE="en")
    assert missing.status_code == 404


def test_media_get_signed_addresses_that_expire(object_store, bucket_keys, db):
    image = Image.objects.create(title="Logo", file=get_test_image_file())
    key = f"media/{image.file.name}"
    assert key in bucket_keys()
    assert _no_public_grant(object_store, key)
    url = image.file.url
    assert url.startswith(object_store["QUDRA_S3_ENDPOINT_URL"]) and "Signature" in url and "Expires" in url
