"""Django's deployment checks pass with the production settings as a deployment sets them."""

from __future__ import annotations

import importlib
import os
import secrets
import string
import subprocess
import sys

from django.conf import settings


def test_check_deploy_reports_no_issue():
    # Playwright's tests allow Django's sync calls inside their event loop through this variable; a
    # deployment never sets it, and the deploy checks rightly refuse it.
    inherited = {name: value for name, value in os.environ.items() if name != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "lms.settings.production",
        "DJANGO_SECRET_KEY": "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(50)),
        "DJANGO_ALLOWED_HOSTS": "qudra.example.om",
        # As docs/deploy.md deploys it: object storage, metrics behind their token, JSON logs.
        "QUDRA_STORAGE": "s3",
        "QUDRA_S3_BUCKET": "qudra",
        "QUDRA_S3_ENDPOINT_URL": "https://s3.example.om",
        "QUDRA_METRICS_TOKEN": secrets.token_urlsafe(32),
    }
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "DEBUG"],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_cookies_are_secure_same_site_and_the_language_cookie_out_of_scripts_reach(
    client, settings, monkeypatch, db
):
    monkeypatch.setenv("DJANGO_SECRET_KEY", "x" * 50)
    production = importlib.import_module("lms.settings.production")
    assert (production.SESSION_COOKIE_SECURE, production.SESSION_COOKIE_SAMESITE) == (True, "Lax")
    assert (production.CSRF_COOKIE_SECURE, production.CSRF_COOKIE_SAMESITE) == (True, "Lax")
    for name in ("LANGUAGE_COOKIE_SECURE", "LANGUAGE_COOKIE_HTTPONLY", "LANGUAGE_COOKIE_SAMESITE"):
        setattr(settings, name, getattr(production, name))

    response = client.post("/i18n/setlang/", {"language": "en", "next": "/en/"})
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "en"
    assert cookie["secure"] is True
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
