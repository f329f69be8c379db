"""The public verification page: a name reads as on the PDF, and the rate limit counts each visitor behind proxies."""

from __future__ import annotations

import re

from django.core.cache import cache

from certificates.models import Certificate
from tests.builders.learning import complete_course
from tests.builders.pdf import pdf_text

OVERRIDE = "\u202e"


def test_a_name_with_a_direction_override_reads_on_the_verify_page_as_on_the_pdf(
    client, learner, bilingual_course, certificate_template, eager_celery, django_capture_on_commit_callbacks
):
    employee = learner.employee
    employee.full_name_en = f"Ali {OVERRIDE}ruhtra"
    employee.full_name_ar = f"علي {OVERRIDE}الحارثي"
    employee.save()
    with django_capture_on_commit_callbacks(execute=True):
        complete_course(learner, bilingual_course)
    certificate = Certificate.objects.get(holder=learner)
    assert certificate.status == Certificate.Status.ISSUED
    assert (certificate.holder_name_en, certificate.holder_name_ar) == ("Ali ruhtra", "علي الحارثي")

    html = client.get(f"/en/verify/{certificate.display_code}/").content.decode()
    shown = dict(re.findall(r'<bdi lang="(ar|en)" dir="(?:rtl|ltr)">([^<]*)</bdi>', html)[:2])
    assert shown == {"ar": "علي الحارثي", "en": "Ali ruhtra"}
    assert OVERRIDE not in html
    printed = pdf_text(certificate.pdf.open("rb").read())
    assert shown["en"] in printed


def test_behind_a_proxy_each_visitor_has_their_own_verification_budget(client, settings, db):
    settings.QUDRA_TRUSTED_PROXY_HEADER = "X-Forwarded-For"
    settings.QUDRA_TRUSTED_PROXY_COUNT = 1
    settings.CERTIFICATES_VERIFY_RATE = "3/m"
    cache.clear()
    proxy = {"REMOTE_ADDR": "10.0.0.2"}

    def verify(forwarded: str) -> int:
        return client.get("/en/verify/AAAA-BBBB-CCCC-DDDD/", HTTP_X_FORWARDED_FOR=forwarded, **proxy).status_code

    assert [verify("203.0.113.7") for _ in range(4)] == [404, 404, 404, 429]
    # Another visitor through the same proxy still has a budget.
    assert verify("198.51.100.20") == 404
    # Writing another address in front of the proxy's own entry changes nothing.
    assert verify("198.51.100.99, 203.0.113.7") == 429
