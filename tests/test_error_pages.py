"""Error pages (400, 403, 404, 500, CSRF failure) speak the visitor's language, in the right direction."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.template import loader
from django.test import Client, RequestFactory
from django.utils import translation
from django.views import defaults

from lms.views import csrf_failure


@pytest.mark.parametrize(
    ("language", "direction", "title", "action"),
    [
        ("en", "ltr", "Page not found", "Go to the catalogue"),
        ("ar", "rtl", "الصفحة غير موجودة", "الانتقال إلى دليل الدورات"),
    ],
)
def test_404_page_is_translated_with_the_right_direction(client, catalogue_en, language, direction, title, action):
    response = client.get(f"/{language}/no-such-course/")
    html = response.content.decode()
    assert response.status_code == 404
    assert f'<html lang="{language}" dir="{direction}">' in html
    assert title in html
    assert action in html
    assert f'href="/{language}/"' in html


def test_404_language_switch_leads_to_the_same_address_in_the_other_language(client, catalogue_en):
    html = client.get("/ar/no-such-course/").content.decode()
    assert 'href="/en/no-such-course/"' in html


def test_404_for_a_missing_module_of_a_live_course_is_styled(client, course):
    response = client.get(f"{course.url}no-such-module/")
    assert response.status_code == 404
    assert 'class="site-header"' in response.content.decode()


@pytest.mark.parametrize(
    ("language", "direction", "title"),
    [("en", "ltr", "The form has expired"), ("ar", "rtl", "انتهت صلاحية النموذج")],
)
def test_csrf_failure_is_a_styled_translated_403(db, language, direction, title):
    client = Client(enforce_csrf_checks=True)
    response = client.post(f"/{language}/accounts/login/", {"username": "x", "password": "y"})
    html = response.content.decode()
    assert response.status_code == 403
    assert f'<html lang="{language}" dir="{direction}">' in html
    assert title in html


def test_csrf_failure_hides_the_technical_reason_outside_debug(rf, db, settings):
    settings.DEBUG = False
    request = rf.post("/en/accounts/login/")
    request.user = _anonymous()
    with translation.override("en"):
        response = csrf_failure(request, reason="CSRF cookie not set.")
    assert response.status_code == 403
    assert "CSRF cookie not set." not in response.content.decode()


@pytest.mark.parametrize(
    ("view", "exception", "status", "english", "arabic"),
    [
        (defaults.bad_request, SuspiciousOperation(), 400, "Bad request", "طلب غير صالح"),
        (defaults.permission_denied, PermissionDenied(), 403, "Access denied", "الوصول مرفوض"),
    ],
)
def test_400_and_403_pages_in_both_languages(db, view, exception, status, english, arabic):
    for language, text, direction in (("en", english, "ltr"), ("ar", arabic, "rtl")):
        request = RequestFactory().get(f"/{language}/somewhere/")
        request.user = _anonymous()
        with translation.override(language):
            response = view(request, exception)
        html = response.content.decode()
        assert response.status_code == status
        assert text in html
        assert f'<html lang="{language}" dir="{direction}">' in html


def test_500_page_renders_without_any_request_or_context():
    """Django renders 500.html with an empty context: it must not need a request, the database or static files."""
    template = loader.get_template("500.html")
    with translation.override("ar"):
        arabic_first = template.render()
    with translation.override("en"):
        english_first = template.render()
    assert '<html lang="ar" dir="rtl">' in arabic_first
    assert '<html lang="en" dir="ltr">' in english_first
    for html in (arabic_first, english_first):
        # Both languages, each marked with its own language and direction.
        assert "حدث خطأ ما" in html and "Something went wrong" in html
        assert '<section lang="ar" dir="rtl"' in html and '<section lang="en" dir="ltr"' in html
        assert "/static/" not in html
    assert arabic_first.index("حدث خطأ ما") < arabic_first.index("Something went wrong")
    assert english_first.index("Something went wrong") < english_first.index("حدث خطأ ما")


def test_server_error_view_uses_the_bundled_500_page(rf):
    response = defaults.server_error(rf.get("/en/"))
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode() or "حدث خطأ ما" in response.content.decode()


def _anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()
