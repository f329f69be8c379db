"""The Wagtail admin for certificates: scope, revoke, re-issue, templates and their preview."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from wagtail.models import ModelLogEntry

from certificates.models import Certificate, CertificateVersion
from certificates.services import DEFAULT_WORDING
from people.models import Employee, HRScope
from people.services import ADMINISTRATORS
from tests.builders.certificates import files_of
from tests.factories import UserFactory, make_org_unit


def _staff(username: str, *, group: str | None = None, scope=None):
    user = UserFactory(username=username)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    if group:
        user.groups.add(Group.objects.get_or_create(name=group)[0])
    if scope is not None:
        HRScope.objects.create(user=user, org_unit=scope)
    return user


def test_administrators_see_every_certificate_and_hr_only_their_subtree(client, learner, issued_certificate):
    unit = learner.employee.org_unit
    other_ministry = make_org_unit("other-ministry")
    admin = _staff("certificate-admin", group=ADMINISTRATORS)
    hr_inside = _staff("hr-inside", scope=unit)
    hr_outside = _staff("hr-outside", scope=other_ministry)
    inspect_url = f"/admin/certificates/inspect/{issued_certificate.pk}/"

    client.force_login(admin)
    listing = client.get("/admin/certificates/")
    assert listing.status_code == 200 and issued_certificate.display_code in listing.content.decode()
    assert client.get(inspect_url).status_code == 200

    client.force_login(hr_inside)
    assert issued_certificate.display_code in client.get("/admin/certificates/").content.decode()
    assert client.get(inspect_url).status_code == 200

    client.force_login(hr_outside)
    listing = client.get("/admin/certificates/")
    assert issued_certificate.display_code not in listing.content.decode()
    # Outside the scope the certificate does not exist (Django's LocaleMiddleware may turn the admin's
    # 404 into a redirect to a language-prefixed URL, which is a 404 too).
    assert client.get(inspect_url, follow=True).status_code == 404
    revoke = client.post(f"/admin/certificates/revoke/{issued_certificate.pk}/", {"reason": "x"}, follow=True)
    assert revoke.status_code == 404

    client.force_login(learner)
    assert client.get("/admin/certificates/").status_code in (302, 403)
    assert Certificate.objects.get(pk=issued_certificate.pk).status == Certificate.Status.ISSUED


def test_listing_filters_by_status_and_course(client, issued_certificate):
    client.force_login(_staff("filter-admin", group=ADMINISTRATORS))
    html = client.get("/admin/certificates/", {"status": "revoked"}).content.decode()
    assert issued_certificate.display_code not in html
    html = client.get(
        "/admin/certificates/", {"status": "issued", "course": issued_certificate.course_id}
    ).content.decode()
    assert issued_certificate.display_code in html


def test_nobody_adds_edits_or_deletes_certificates_by_hand(client, issued_certificate):
    client.force_login(_staff("no-edit-admin", group=ADMINISTRATORS))
    assert client.get("/admin/certificates/new/").status_code in (302, 403)
    assert client.get(f"/admin/certificates/edit/{issued_certificate.pk}/").status_code in (302, 403)
    assert client.post(f"/admin/certificates/delete/{issued_certificate.pk}/").status_code in (302, 403)
    assert Certificate.objects.filter(pk=issued_certificate.pk).exists()


def test_hr_in_scope_revokes_with_a_reason_in_the_audit_log(client, learner, issued_certificate):
    hr = _staff("hr-revoker", scope=learner.employee.org_unit)
    client.force_login(hr)
    url = f"/admin/certificates/revoke/{issued_certificate.pk}/"
    response = client.post(url, {"reason": ""})
    assert response.status_code == 400
    assert Certificate.objects.get(pk=issued_certificate.pk).status == Certificate.Status.ISSUED

    response = client.post(url, {"reason": "Completion recorded for the wrong person"})
    assert response.status_code == 302
    certificate = Certificate.objects.get(pk=issued_certificate.pk)
    assert certificate.status == Certificate.Status.REVOKED
    assert certificate.revoked_by == hr
    entry = ModelLogEntry.objects.for_instance(certificate).get(action="certificates.revoke")
    assert entry.user == hr
    assert entry.data["reason"] == "Completion recorded for the wrong person"
    assert (
        "Completion recorded for the wrong person"
        in client.get(f"/en/verify/{certificate.display_code}/").content.decode()
    )
    assert client.post(url, {"reason": "again"}).status_code == 400  # already revoked


def test_reissue_keeps_the_code_and_the_history_and_produces_a_new_pdf(
    client, learner, issued_certificate, eager_celery, django_capture_on_commit_callbacks
):
    old_hash, old_name = issued_certificate.sha256, issued_certificate.pdf.name
    Employee.objects.filter(user=learner).update(full_name_en="Aisha S. Al-Balushi")
    client.force_login(_staff("reissue-admin", group=ADMINISTRATORS))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/certificates/reissue/{issued_certificate.pk}/", {"reason": "Name corrected"})
    assert response.status_code == 302
    certificate = Certificate.objects.get(pk=issued_certificate.pk)
    assert certificate.code == issued_certificate.code
    assert certificate.status == Certificate.Status.ISSUED
    assert certificate.version == 2
    assert certificate.holder_name_en == "Aisha S. Al-Balushi"
    assert certificate.sha256 != old_hash
    version = CertificateVersion.objects.get(certificate=certificate)
    assert (version.version, version.sha256, version.pdf.name, version.reason) == (
        1,
        old_hash,
        old_name,
        "Name corrected",
    )
    assert sorted(path.name for path in files_of(certificate)) == [
        f"{certificate.code}-v1.pdf",
        f"{certificate.code}-v2.pdf",
    ]
    assert ModelLogEntry.objects.for_instance(certificate).filter(action="certificates.reissue").exists()
    # The old PDF still verifies, as an earlier version.
    from django.core.files.uploadedfile import SimpleUploadedFile

    old_pdf = version.pdf.open("rb").read()
    response = client.post(f"/en/verify/{certificate.display_code}/", {"pdf": SimpleUploadedFile("old.pdf", old_pdf)})
    assert "Genuine earlier version" in response.content.decode()


def test_template_preview_renders_the_real_pdf(admin_client, certificate_template):
    url = f"/admin/snippets/certificates/certificatetemplate/preview/{certificate_template.pk}/"
    fields = {
        "name": "Standard",
        "title_ar": "شهادة",
        "title_en": "Certificate of Achievement",
        "body_ar": "{holder}",
        "body_en": "{holder} finished {course}",
        "accent_colour": "#123456",
    }
    # Wagtail previews what is in the editor: the form is posted first, then the preview is fetched.
    assert admin_client.post(url, fields).json()["is_valid"] is True
    response = admin_client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    from tests.certificates.test_rendering import pdf_text

    _pages, text = pdf_text(response.content)
    assert "CertificateofAchievement" in text and "AishaSalimAl-Balushi" in text
    # Editing on shows the new wording, not a cached rendering of the saved template.
    assert admin_client.post(url, {**fields, "title_en": "Certificate of Excellence"}).json()["is_valid"] is True
    _pages, text = pdf_text(admin_client.get(url).content)
    assert "CertificateofExcellence" in text


def test_template_placeholders_are_checked(admin_client, certificate_template):
    url = f"/admin/snippets/certificates/certificatetemplate/edit/{certificate_template.pk}/"
    form = admin_client.get(url)
    assert form.status_code == 200
    data = {
        "name": "Standard",
        "is_default": "on",
        "title_ar": "شهادة",
        "title_en": "Certificate",
        "body_ar": "{holder}",
        "body_en": "Dear {name}, {holder} finished {course}",
        "accent_colour": "#0f5b4f",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 200  # the form again, with the error (in the editor's language)
    assert "{name}" in response.content.decode()
    certificate_template.refresh_from_db()
    assert certificate_template.body_en == DEFAULT_WORDING["body_en"]


def test_the_admin_download_is_the_pdf_and_a_file_gone_from_storage_is_a_404(client, learner, issued_certificate):
    client.force_login(_staff("download-admin", group=ADMINISTRATORS))
    url = f"/admin/certificates/download/{issued_certificate.pk}/"
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="qudra-certificate-{issued_certificate.display_code}.pdf"'
    )
    assert b"".join(response.streaming_content).startswith(b"%PDF")

    issued_certificate.pdf.storage.delete(issued_certificate.pdf.name)
    assert not files_of(issued_certificate)
    # The same answer as the holder gets from the learner page: a 404, not a server error.
    assert client.get(url, follow=True).status_code == 404
    client.force_login(learner)
    assert client.get(f"/en/certificates/{issued_certificate.display_code}/download/").status_code == 404
    assert Certificate.objects.get(pk=issued_certificate.pk).status == Certificate.Status.ISSUED


def test_the_register_shows_issue_and_expiry_as_dates_in_the_admin_language(client, issued_certificate):
    """Not "Issued 10 hours ago" for a certificate minutes old, nor "Expires: Just now" a year ahead."""
    import datetime

    from django.utils import formats, translation
    from wagtail.users.models import UserProfile

    Certificate.objects.filter(pk=issued_certificate.pk).update(
        issued_on=datetime.date(2026, 12, 2), expires_on=datetime.date(2027, 12, 2)
    )
    admin = _staff("register-admin", group=ADMINISTRATORS)
    client.force_login(admin)
    for language, issued, expires in (
        ("en", "2 December 2026", "2 December 2027"),
        ("ar", "2 ديسمبر 2026", "2 ديسمبر 2027"),
    ):
        UserProfile.get_for_user(admin).__class__.objects.filter(user=admin).update(preferred_language=language)
        html = client.get("/admin/certificates/").content.decode()
        assert f"<td>{issued}</td>" in html and f"<td>{expires}</td>" in html
        with translation.override(language):
            assert formats.get_format("DATE_FORMAT") == "j F Y"
        assert "ago" not in html.split("<tbody>", 1)[1]
