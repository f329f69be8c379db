"""Learner and public pages: my certificates, download permissions, verification in both languages."""

from __future__ import annotations

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from certificates import services
from certificates.models import Certificate


def test_my_certificates_lists_the_holders_certificate_with_download_and_share_link(learner_client, issued_certificate):
    page = learner_client.get("/en/certificates/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Digital Transformation" in html
    assert issued_certificate.display_code in html
    assert f"/en/certificates/{issued_certificate.display_code}/download/" in html
    assert f"http://127.0.0.1:8000/en/verify/{issued_certificate.display_code}/" in html
    assert "no-store" in page["Cache-Control"] or "max-age=0" in page["Cache-Control"]


def test_the_holder_downloads_the_pdf_and_nobody_else_can(client, learner_client, other_learner, issued_certificate):
    url = f"/ar/certificates/{issued_certificate.display_code}/download/"
    response = learner_client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == issued_certificate.pdf.open("rb").read()

    client.force_login(other_learner)
    assert client.get(url).status_code == 404
    assert client.get("/ar/certificates/AAAA-BBBB-CCCC-DDDD/download/").status_code == 404
    client.logout()
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_pending_certificate_shows_as_being_prepared_and_cannot_be_downloaded(
    learner_client, learner, course, certificate_template
):
    from tests.certificates.conftest import complete_course

    complete_course(learner, course)
    certificate = Certificate.objects.get(holder=learner)
    html = learner_client.get("/en/certificates/").content.decode()
    assert "being prepared" in html
    assert learner_client.get(f"/en/certificates/{certificate.display_code}/download/").status_code == 404


def test_a_pending_certificate_asks_for_its_own_state_until_it_is_issued(
    client, learner_client, learner, other_learner, course, certificate_template
):
    from tests.certificates.conftest import complete_course

    complete_course(learner, course)
    certificate = Certificate.objects.get(holder=learner)
    status_url = f"/en/certificates/{certificate.display_code}/status/"
    for page, language in (("/en/certificates/", "en"), (course.url, "ar")):
        html = learner_client.get(page).content.decode()
        assert f'data-certificate-status="/{language}/certificates/{certificate.display_code}/status/"' in html
        assert '<noscript><meta http-equiv="refresh" content="15"></noscript>' in html
    pending = learner_client.get(status_url)
    assert pending.json() == {"state": "pending", "downloadable": False}
    assert "no-store" in pending["Cache-Control"]

    services.issue_certificate(certificate_id=certificate.id)

    assert learner_client.get(status_url).json() == {"state": "valid", "downloadable": True}
    html = learner_client.get("/en/certificates/").content.decode()
    assert "data-certificate-status" not in html and "http-equiv" not in html
    client.force_login(other_learner)
    assert client.get(status_url).status_code == 404
    client.logout()
    assert client.get(status_url).status_code == 302


def test_verification_page_in_english_and_arabic(client, issued_certificate):
    for language in ("en", "ar"):
        response = client.get(f"/{language}/verify/{issued_certificate.display_code}/")
        assert response.status_code == 200
        html = response.content.decode()
        assert f'lang="{language}"' in html
        assert issued_certificate.holder_name_ar in html
        assert issued_certificate.holder_name_en in html
        assert "Digital Transformation" in html and "التحول الرقمي" in html
        assert issued_certificate.sha256 in html
    assert "Valid certificate" in client.get(f"/en/verify/{issued_certificate.display_code}/").content.decode()


def test_codes_are_forgiving_in_links_and_the_lookup_form(client, issued_certificate):
    loose = issued_certificate.code.lower()
    response = client.get(f"/en/verify/{loose}/")
    assert response.status_code == 301
    assert response["Location"] == f"/en/verify/{issued_certificate.display_code}/"
    response = client.get("/en/verify/", {"code": f" {issued_certificate.display_code.lower()} "})
    assert response.status_code == 302
    response = client.get("/en/verify/", {"code": "not a code"})
    assert response.status_code == 400
    assert "16 letters and digits" in response.content.decode()


def test_unknown_and_malformed_codes_get_a_friendly_404(client, db):
    for code in ("AAAA-BBBB-CCCC-DDDD", "<b>alert(1)", "x" * 300):
        response = client.get(f"/en/verify/{code}/")
        assert response.status_code == 404
        html = response.content.decode()
        assert "Certificate not found" in html
        assert "<b>alert(1)" not in html


def test_revoked_certificates_say_so_with_date_and_reason(client, admin_user, issued_certificate):
    services.revoke_certificate(certificate=issued_certificate, user=admin_user, reason="Completed by someone else")
    html = client.get(f"/en/verify/{issued_certificate.display_code}/").content.decode()
    assert "Revoked on" in html
    assert timezone.localdate().strftime("%Y") in html
    assert "Completed by someone else" in html
    assert "Valid certificate" not in html


def test_expired_certificates_say_so(client, issued_certificate):
    Certificate.objects.filter(pk=issued_certificate.pk).update(expires_on=datetime.date(2020, 1, 31))
    html = client.get(f"/en/verify/{issued_certificate.display_code}/").content.decode()
    assert "Expired on" in html


def test_uploading_the_pdf_tells_genuine_from_altered(client, issued_certificate):
    url = f"/en/verify/{issued_certificate.display_code}/"
    genuine = issued_certificate.pdf.open("rb").read()
    response = client.post(url, {"pdf": SimpleUploadedFile("mine.pdf", genuine, "application/pdf")})
    assert response.status_code == 200
    assert "Genuine: this file is exactly the certificate" in response.content.decode()

    altered = genuine + b"\n% one byte appended is enough to change the fingerprint\n"
    response = client.post(url, {"pdf": SimpleUploadedFile("mine.pdf", altered, "application/pdf")})
    assert "Not a match" in response.content.decode()

    response = client.post(url, {"pdf": SimpleUploadedFile("notes.txt", b"hello", "text/plain")})
    assert response.status_code == 400
    assert "not a PDF" in response.content.decode()
    response = client.post(url, {})
    assert response.status_code == 400


def test_verification_is_rate_limited(client, settings, issued_certificate):
    settings.CERTIFICATES_VERIFY_RATE = "3/m"
    codes = ["AAAA-BBBB-CCCC-DDD0", "AAAA-BBBB-CCCC-DDD1", "AAAA-BBBB-CCCC-DDD2", issued_certificate.display_code]
    statuses = [client.get(f"/en/verify/{code}/").status_code for code in codes]
    assert statuses == [404, 404, 404, 429]
    assert "Too many checks" in client.get(f"/en/verify/{codes[0]}/").content.decode()


def test_completed_course_and_my_learning_link_to_the_certificate(learner_client, issued_certificate):
    course_page = learner_client.get(issued_certificate.course.url)  # the Arabic course page
    assert course_page.status_code == 200
    assert f"/ar/certificates/{issued_certificate.display_code}/download/" in course_page.content.decode()
    my_learning = learner_client.get("/en/learning/")
    assert my_learning.status_code == 200
    html = my_learning.content.decode()
    assert f"/en/certificates/{issued_certificate.display_code}/download/" in html
    assert 'href="/en/certificates/"' in html  # "My certificates" in the navigation
