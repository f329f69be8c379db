"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

Every page a journey visits goes through ``Visitor.check``: language and direction asserted, axe-core run
(no serious or critical violation allowed), no Content-Security-Policy violation, and screenshots saved at
desktop width and at a 375 px phone width under ``test-artifacts/browser/``. A violation on any page of any
tab, checked or not, also fails the test (``watch_csp``). Nothing is downloaded at run time: the browser is the system's
``/usr/bin/chromium`` and axe-core comes from ``npm ci`` (package-lock.json).
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import connections
from django.test import Client
from django.utils import translation
from wagtail.users.models import UserProfile

from certificates.models import Certificate
from tests.builders.audience import audience  # noqa: F401  (fixture of the course audience pages)
from tests.builders.certificates import certificate_template  # noqa: F401  (fixture of the trainer journey)
from tests.builders.roles import roles  # noqa: F401  (fixture of the trainer journey)
from tests.factories import EmployeeFactory, UserFactory

# The password UserFactory gives every user.
PASSWORD = "pass-word-123"

CHROMIUM = Path("/usr/bin/chromium")
AXE_SCRIPT = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts" / "browser"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}
# Impacts that fail a page; "moderate" and "minor" findings are written to the report file only.
BLOCKING_IMPACTS = {"serious", "critical"}
# Reports every Content-Security-Policy violation of every page of a context to the test, as it happens.
CSP_LISTENER = """document.addEventListener("securitypolicyviolation", (event) => {
  window.qudraCspViolation(`${event.effectiveDirective} refused ${event.blockedURI || "inline"} on ${event.documentURI}`
    + ` (${event.sourceFile || ""}:${event.lineNumber || ""}) ${event.sample || ""}`);
});"""
# Finite animations end (at most two seconds): a message still fading in would be measured half transparent.
AFTER_NEXT_FRAMES = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
SETTLE_ANIMATIONS = """async () => {
  const finite = document.getAnimations().filter(a => a.effect && a.effect.getTiming().iterations !== Infinity);
  const ended = Promise.all(finite.map(a => a.finished.catch(() => null)));
  await Promise.race([ended, new Promise(resolve => setTimeout(resolve, 2000))]);
}"""


def _missing_prerequisite() -> str | None:
    if not CHROMIUM.exists():
        return f"no Chromium at {CHROMIUM} (Debian: apt-get install chromium)"
    if not AXE_SCRIPT.exists():
        return f"no axe-core at {AXE_SCRIPT.relative_to(settings.BASE_DIR)} (run `npm ci`)"
    return None


@pytest.fixture(scope="session")
def chromium(django_db_setup):
    """One Chromium for the session; CI sets QUDRA_BROWSER_TESTS=required so a missing browser fails."""
    reason = _missing_prerequisite()
    if reason:
        if os.environ.get("QUDRA_BROWSER_TESTS") == "required":
            pytest.fail(f"browser tests are required here but cannot run: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an asyncio loop in this thread: Django's guard against database calls from
    # async code would refuse the test's own synchronous queries, and the test code continues in another
    # context, where Django's per-context connection registry is empty. The tests keep using the
    # connections Django set up (they carry the serialized data that transactional tests restore).
    wrappers = {alias: connections[alias] for alias in settings.DATABASES}
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            for alias, wrapper in wrappers.items():
                connections[alias] = wrapper
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM))
            yield browser
            browser.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


def t(language: str, message: str) -> str:
    """The interface text a visitor reads in `language`: tests find controls by their translated names."""
    with translation.override(language):
        return translation.gettext(message)


@dataclass
class Visitor:
    """A browser tab with what it saw: dialogs, script errors, and every page checked."""

    page: object
    language: str
    base_url: str
    folder: Path
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)
    # Wagtail's editor autosaves the form as it stands; a form not valid yet (a quiz inserted, its question
    # still empty) is answered 400 with the errors as JSON, which the editor keeps to itself until the
    # author saves. Chromium logs every 4xx as a console error: those answers are not the page's errors.
    console_errors: list[tuple[str, str]] = field(default_factory=list)
    autosave_refusals: set[str] = field(default_factory=set)

    def goto(self, path: str):
        return self.page.goto(self.base_url + path)

    def t(self, message: str) -> str:
        return t(self.language, message)

    def check(self, name: str, *, direction: str | None = None, axe: bool = True) -> None:
        """Assert the page's language and direction, run axe, and take the desktop and phone screenshots."""
        page = self.page
        page.wait_for_load_state("load")
        wanted_direction = direction or ("rtl" if self.language == "ar" else "ltr")
        html = page.locator("html")
        assert html.get_attribute("lang") == self.language, f"{name}: wrong lang on {page.url}"
        assert html.get_attribute("dir") == wanted_direction, f"{name}: wrong dir on {page.url}"
        assert page.evaluate("getComputedStyle(document.body).direction") == wanted_direction
        page.evaluate(SETTLE_ANIMATIONS)
        if axe:
            self._run_axe(name)
        self.assert_nothing_executed()
        index = len(self.checked) + 1
        stem = f"{index:02d}-{name}-{self.language}"
        page.screenshot(path=self.folder / f"{stem}-desktop.png", full_page=True)
        page.set_viewport_size(PHONE)
        # The admin's sidebar re-lays itself out from a resize listener: shoot once that has rendered.
        page.wait_for_function("document.documentElement.clientWidth <= 375")
        page.evaluate(AFTER_NEXT_FRAMES)
        page.screenshot(path=self.folder / f"{stem}-375px.png", full_page=True)
        page.set_viewport_size(DESKTOP)
        self.checked.append(f"{stem} {unquote(page.url)}{' (axe)' if axe else ''}")

    def _run_axe(self, name: str) -> None:
        # Evaluated through the DevTools protocol, not added as an inline <script>: the page's CSP would refuse it.
        self.page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
        result = self.page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        blocking = [v for v in result["violations"] if v["impact"] in BLOCKING_IMPACTS]
        with (ARTIFACTS / "axe.txt").open("a", encoding="utf-8") as report:
            for violation in result["violations"]:
                targets = ", ".join(str(node["target"]) for node in violation["nodes"][:5])
                report.write(f"{self.page.url}\t{violation['impact']}\t{violation['id']}\t{targets}\n")
        assert not blocking, f"{name} ({self.page.url}): axe found serious/critical violations:\n" + "\n".join(
            f"- {v['id']} ({v['impact']}): {v['help']} at "
            + "; ".join(f"{node['target']} {node.get('failureSummary', '')}" for node in v["nodes"][:5])
            for v in blocking
        )

    def on_console(self, message) -> None:
        if message.type == "error":
            self.console_errors.append((message.text, message.location.get("url", "")))

    def on_response(self, response) -> None:
        request = response.request
        autosave = request.method == "POST" and "application/json" in request.headers.get("accept", "")
        if autosave and response.status == 400 and "/admin/pages/" in response.url:
            self.autosave_refusals.add(response.url)

    def assert_nothing_executed(self) -> None:
        assert not self.dialogs, f"a script opened dialogs: {self.dialogs}"
        errors = self.errors + [
            text
            for text, url in self.console_errors
            if not (text.startswith("Failed to load resource") and url in self.autosave_refusals)
        ]
        assert not errors, f"the page logged errors: {errors}"
        assert_no_csp_violation()

    def log_in(self, username: str, password: str) -> None:
        self.goto(f"/{self.language}/accounts/login/")
        self.check("login")
        self.page.get_by_label(self.t("Username")).fill(username)
        self.page.get_by_label(self.t("Password"), exact=True).fill(password)
        self.page.get_by_role("button", name=self.t("Log in")).click()
        self.page.wait_for_load_state("load")
        assert "/accounts/login/" not in self.page.url, f"login failed for {username}"


# Every CSP violation seen in this test, from any tab; emptied before each test, asserted empty after it.
CSP_VIOLATIONS: list[str] = []


def watch_csp(context) -> None:
    """Record the CSP violations of every page of ``context``: the page's own event, and the console's
    "Refused to ..." lines (report-only ones included), which also cover what happens before a listener runs."""
    context.expose_function("qudraCspViolation", lambda violation: CSP_VIOLATIONS.append(violation))
    context.add_init_script(CSP_LISTENER)

    def on_console(message) -> None:
        if "Refused to" in message.text or "Content Security Policy" in message.text:
            CSP_VIOLATIONS.append(f"console: {message.text}")

    context.on("console", on_console)


def assert_no_csp_violation() -> None:
    assert not CSP_VIOLATIONS, "Content-Security-Policy violations:\n" + "\n".join(dict.fromkeys(CSP_VIOLATIONS))


@pytest.fixture(autouse=True)
def _no_csp_violation_in_any_tab():
    CSP_VIOLATIONS.clear()
    yield
    assert_no_csp_violation()


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", text).strip("-")


@pytest.fixture
def visitor_for(chromium, live_server, request) -> Iterator:
    """``visitor_for(language)`` opens a fresh browser context (no cookies) in that language."""
    contexts = []
    visitors = []
    folder = ARTIFACTS / _slug(request.node.name)
    folder.mkdir(parents=True, exist_ok=True)

    def open_visitor(language: str, *, suffix: str = "") -> Visitor:
        context = chromium.new_context(viewport=DESKTOP, locale=language, accept_downloads=True)
        watch_csp(context)
        contexts.append(context)
        # An upper bound for waits on state (elements, navigations), generous for a loaded 2-core CI machine.
        context.set_default_timeout(30_000)
        page = context.new_page()
        where = folder / suffix if suffix else folder
        where.mkdir(parents=True, exist_ok=True)
        visitor = Visitor(page=page, language=language, base_url=live_server.url, folder=where)

        def on_dialog(dialog) -> None:
            if dialog.type == "beforeunload":
                # The editor's "leave with unsaved changes?" when a test moves on from a form the editor's
                # autosave could not save yet: the author leaving confirms it. Dismissed, it would cancel
                # the test's next navigation (net::ERR_ABORTED).
                dialog.accept()
                return
            visitor.dialogs.append(f"{dialog.type}: {dialog.message}")
            dialog.dismiss()

        page.on("dialog", on_dialog)
        page.on("pageerror", lambda error: visitor.errors.append(f"uncaught: {error}"))
        page.on("console", visitor.on_console)
        page.on("response", visitor.on_response)
        visitors.append(visitor)
        return visitor

    yield open_visitor
    report = getattr(request.node, "report_of_call", None)
    if report is not None and report.failed:
        # What each tab showed when the test failed: the first thing to look at when CI fails.
        for number, visitor in enumerate(visitors, start=1):
            visitor.page.screenshot(path=folder / f"failed-tab{number}.png", full_page=True)
    with (ARTIFACTS / "pages.txt").open("a", encoding="utf-8") as listing:
        for visitor in visitors:
            listing.writelines(f"{request.node.nodeid}\t{line}\n" for line in visitor.checked)
    for context in contexts:
        context.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep the outcome of the test's call on the item, for ``visitor_for`` to screenshot a failure."""
    report = yield
    if report.when == "call":
        item.report_of_call = report
    return report


def wait_for_certificate(holder) -> Certificate:
    """The real worker renders the PDF after the completion commits; give it a few seconds."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        certificate = Certificate.objects.filter(holder=holder).first()
        if certificate is not None and certificate.status == Certificate.Status.ISSUED:
            return certificate
        time.sleep(0.25)
    raise AssertionError("the Celery worker did not issue the certificate within 60 seconds")


def signed_in_context(chromium, live_server, user, language: str, **options):
    """A browser context already signed in as ``user`` (a session made server-side, no login form)."""
    session = Client()
    session.force_login(user)
    context = chromium.new_context(locale=language, **options)
    watch_csp(context)
    cookie = session.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}])
    return context


def person(username: str, language: str, group: str | None = None):
    """A user with an employee record who reads the site and the admin in ``language``, in ``group``."""
    user = UserFactory(username=username)
    if group:
        user.groups.add(Group.objects.get(name=group))
    EmployeeFactory(user=user, preferred_language=language)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user
