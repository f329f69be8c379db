"""A "not found" under /admin/ stays a 404 for a signed-in user, for GET and POST: a refused or mistyped
request must never look like a success (a redirect) to a script or a person."""

from __future__ import annotations

import pytest

from tests.factories import UserFactory

NOT_FOUND = [
    "/admin/certificates/download/abc/",
    "/admin/certificates/revoke/abc/",
    "/admin/certificates/reissue/abc/",
    "/admin/certificates/revoke/999999/",
    "/admin/assignments/abc/",
    "/admin/hr-reports/exports/not-a-uuid/",
    "/admin/no-such-screen/",
]


@pytest.fixture
def admin_client(client, catalogue):
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    return client


@pytest.mark.parametrize("url", NOT_FOUND)
@pytest.mark.parametrize("method", ["get", "post"])
def test_an_admin_url_that_matches_nothing_is_a_404(admin_client, url, method):
    response = getattr(admin_client, method)(url, {"reason": "test"} if method == "post" else None)
    assert response.status_code == 404
    assert "Location" not in response


def test_public_addresses_without_a_language_still_move_under_one(client, catalogue):
    # The language redirect is kept where it belongs: a learner's address typed without /ar/ or /en/.
    response = client.get("/learning/")
    assert response.status_code == 302 and response["Location"].startswith("/ar/learning/")
