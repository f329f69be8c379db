"""The headers every response carries and the limits every request body meets (common/security.py)."""

from __future__ import annotations

import importlib

import pytest
from django.http import HttpResponse
from django.test import Client, RequestFactory

from common.security import ContentSecurityPolicyMiddleware
from lms.views import server_error

MB = 1024 * 1024


def directives(header: str) -> dict[str, list[str]]:
    parsed = {}
    for part in header.split(";"):
        name, *sources = part.split()
        parsed[name] = sources
    return parsed


def test_site_pages_get_the_strict_policy(client, catalogue_en):
    response = client.get("/en/")
    assert response.status_code == 200
    policy = directives(response["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert "Content-Security-Policy-Report-Only" not in response


def test_the_admin_may_run_wagtails_inline_scripts_and_styles_and_nothing_else_is_looser(admin_client):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    policy = directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["img-src"] == ["'self'", "data:", "blob:"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["connect-src"] == ["'self'"]


def test_only_a_response_marked_sameorigin_may_be_framed_and_only_by_our_pages(rf):
    def preview(request):
        response = HttpResponse("preview")
        response["X-Frame-Options"] = "SAMEORIGIN"
        return response

    framed = ContentSecurityPolicyMiddleware(preview)(rf.get("/admin/pages/3/edit/preview/"))
    assert directives(framed["Content-Security-Policy"])["frame-ancestors"] == ["'self'"]
    plain = ContentSecurityPolicyMiddleware(lambda request: HttpResponse("page"))(rf.get("/admin/pages/3/"))
    assert directives(plain["Content-Security-Policy"])["frame-ancestors"] == ["'none'"]


def test_the_500_page_styles_itself_with_the_requests_nonce():
    request = RequestFactory().get("/en/")
    response = ContentSecurityPolicyMiddleware(server_error)(request)
    assert response.status_code == 500
    style_src = directives(response["Content-Security-Policy"])["style-src"]
    nonces = [source for source in style_src if source.startswith("'nonce-")]
    assert len(nonces) == 1 and "'unsafe-inline'" not in style_src
    assert f'<style nonce="{nonces[0][7:-1]}">' in response.content.decode()


@pytest.fixture
def reloaded_policy(monkeypatch):
    """The policy settings as a deployment's environment makes them."""
    import lms.settings.security as security

    def load(**environment):
        for name, value in environment.items():
            monkeypatch.setenv(name, value)
        return importlib.reload(security)

    yield load
    monkeypatch.undo()
    importlib.reload(security)


def test_report_only_mode_sends_the_same_policy_without_enforcing_it(client, settings, catalogue_en, reloaded_policy):
    security = reloaded_policy(QUDRA_CSP_REPORT_ONLY="true")
    settings.CONTENT_SECURITY_POLICY = security.CONTENT_SECURITY_POLICY
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = security.CONTENT_SECURITY_POLICY_REPORT_ONLY
    response = client.get("/en/")
    assert "Content-Security-Policy" not in response
    assert directives(response["Content-Security-Policy-Report-Only"])["script-src"] == ["'self'"]


def test_forms_may_post_to_the_identity_provider_when_one_is_configured(
    client, settings, catalogue_en, reloaded_policy
):
    security = reloaded_policy(QUDRA_CSP_FORM_ACTION_EXTRA="https://id.example.om")
    settings.CONTENT_SECURITY_POLICY = security.CONTENT_SECURITY_POLICY
    policy = directives(client.get("/en/")["Content-Security-Policy"])
    assert policy["form-action"] == ["'self'", "https://id.example.om"]


def test_no_page_may_use_a_device_or_a_payment(client, catalogue_en):
    features = dict(part.strip().split("=", 1) for part in client.get("/en/")["Permissions-Policy"].split(","))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "serial", "bluetooth", "midi"):
        assert features[feature] == "()", feature
    assert features["fullscreen"].startswith("(self ")


# --- Private pages are never cached -------------------------------------------------------------------


@pytest.fixture
def learner_pages(bilingual_catalogue_course):
    course = bilingual_catalogue_course
    module = course.get_children().first()
    return [
        "/en/learning/",
        "/ar/learning/",
        "/en/learning/notifications/",
        "/en/learning/skills/",
        course.url,
        module.url,
    ]


@pytest.fixture
def bilingual_catalogue_course(catalogue_en, course):
    return course


def test_every_page_for_a_signed_in_learner_is_no_store_private(learner_client, learner_pages):
    for url in learner_pages:
        response = learner_client.get(url, follow=True)
        assert response.status_code == 200, url
        cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
        assert {"no-store", "private"} <= cache_control, url


def test_an_admin_page_is_no_store_private(admin_client):
    cache_control = {part.strip() for part in admin_client.get("/admin/")["Cache-Control"].split(",")}
    assert {"no-store", "private"} <= cache_control


def test_a_visitor_who_is_not_signed_in_may_be_cached_and_files_are_left_alone(learner_client, catalogue_en):
    assert "no-store" not in Client().get("/en/").get("Cache-Control", "")
    assert "no-store" not in learner_client.get("/static/css/qudra.css").get("Cache-Control", "")
    assert "no-store" not in learner_client.get("/media/original_images/x.png").get("Cache-Control", "")


# --- Request bodies over their limit --------------------------------------------------------------------


def declared(client, url: str, length: int, content_type: str = "multipart/form-data; boundary=x"):
    """A POST that declares ``length`` bytes but carries one: reading the body would fail the test."""
    return client.generic("POST", url, b"x", content_type=content_type, CONTENT_LENGTH=str(length))


def test_a_verification_upload_over_its_limit_is_refused_unread_in_both_languages(client, settings, db):
    limit = settings.CERTIFICATES_MAX_UPLOAD_BYTES
    response = declared(client, "/en/verify/AAAA-BBBB-CCCC-DDDD/", 60 * MB)
    html = response.content.decode()
    assert response.status_code == 413
    assert '<html lang="en" dir="ltr">' in html
    assert html.index('<section lang="en" dir="ltr">') < html.index('<section lang="ar" dir="rtl" class="secondary">')
    assert "The file is too large" in html
    assert f"({limit // MB} MB at most)" in html
    nonce = [s for s in directives(response["Content-Security-Policy"])["style-src"] if s.startswith("'nonce-")]
    assert f'nonce="{nonce[0][7:-1]}"' in html

    arabic = declared(client, "/ar/verify/AAAA-BBBB-CCCC-DDDD/", limit + 1 * MB).content.decode()
    assert '<html lang="ar" dir="rtl">' in arabic
    assert arabic.index('<section lang="ar" dir="rtl">') < arabic.index(
        '<section lang="en" dir="ltr" class="secondary">'
    )


def test_each_upload_form_has_its_own_limit_and_everything_else_a_ceiling(client, db):
    # Each of these would reach the view (a 404, a login redirect, a CSRF refusal), so none is 413.
    assert declared(client, "/en/verify/AAAA-BBBB-CCCC-DDDD/", 10 * MB).status_code != 413
    assert declared(client, "/admin/people/import/", 20 * MB).status_code != 413
    assert declared(client, "/admin/people/import/", 21 * MB).status_code == 413
    assert declared(client, "/en/learning/external-training/", 11 * MB).status_code == 413
    assert declared(client, "/admin/documents/multiple/add/", 11 * MB).status_code == 413
    assert declared(client, "/en/learning/", 12 * MB).status_code != 413
    assert declared(client, "/en/learning/", 13 * MB).status_code == 413
    form = "application/x-www-form-urlencoded"
    assert declared(client, "/en/learning/", 4 * MB, form).status_code != 413
    assert declared(client, "/en/learning/", 5 * MB, form).status_code == 413


def test_the_limits_hold_what_each_form_itself_accepts(settings):
    from courses.question_sheets import MAX_BYTES as QUESTION_SHEET_BYTES
    from external_training.evidence import MAX_BYTES as EVIDENCE_BYTES

    limits = dict(settings.QUDRA_REQUEST_BODY_LIMITS)
    assert limits[r"^/(?:ar|en)/learning/external-training/$"] > EVIDENCE_BYTES
    assert limits[r"^/(?:ar|en)/verify/[^/]+/$"] > settings.CERTIFICATES_MAX_UPLOAD_BYTES
    assert limits[r"^/admin/documents/"] > settings.WAGTAILDOCS_MAX_UPLOAD_SIZE
    assert limits[r"^/admin/people/import/$"] > 2 * settings.QUDRA_IMPORT_MAX_BYTES
    assert settings.QUDRA_REQUEST_BODY_MAX_UPLOAD > QUESTION_SHEET_BYTES
    assert settings.QUDRA_REQUEST_BODY_MAX > settings.DATA_UPLOAD_MAX_MEMORY_SIZE
