""" "Your certificate is being prepared" turns into the download by itself, with and without JavaScript."""

from __future__ import annotations

import pytest

from certificates import services
from certificates.models import Certificate
from tests.browser.conftest import person, signed_in_context, t
from tests.builders.certificates import dead_broker  # noqa: F401  (fixture)
from tests.builders.learning import complete_course
from tests.factories import add_course

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.mark.usefixtures("certificate_template", "dead_broker")
# The reload without JavaScript is the same markup in both languages and costs 15 seconds of waiting: it is
# checked once; the polling page, whose text is read, in both languages.
@pytest.mark.parametrize(
    ("language", "javascript"),
    [("ar", True), ("en", True), ("en", False)],
    ids=["ar-script", "en-script", "en-no-script"],
)
def test_the_waiting_page_shows_the_download_once_the_certificate_is_issued(
    language, javascript, chromium, live_server, catalogue
):
    learner = person("huda", language)
    # The broker is down: the completion commits with its certificate pending, as on a busy day.
    complete_course(learner, add_course(catalogue, title="Secure e-mail", modules=1))
    certificate = Certificate.objects.get(holder=learner)
    assert certificate.status == Certificate.Status.PENDING
    context = signed_in_context(chromium, live_server, learner, language, java_script_enabled=javascript)
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}/{language}/certificates/")
        waiting = t(language, "Your certificate is being prepared. It will appear here in a few moments.")
        assert page.get_by_text(waiting).is_visible()
        download = page.get_by_role("link", name=t(language, "Download PDF"))
        assert download.count() == 0

        # What the worker does once the broker is back; the open page finds out by itself.
        services.issue_certificate(certificate_id=certificate.id)

        # Polling starts after 2 seconds; without JavaScript the page reloads every 15 seconds.
        download.wait_for(timeout=40_000)
        assert page.get_by_text(waiting).count() == 0
        assert download.get_attribute("href") == f"/{language}/certificates/{certificate.display_code}/download/"
    finally:
        context.close()
