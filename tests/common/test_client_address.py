"""The client address behind trusted proxies: read from the right, never chosen by the visitor."""

import pytest
from django.test import RequestFactory

from common.client_address import client_ip


def _request(forwarded: str | None = None, remote: str = "10.0.0.9"):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_a_configured_proxy_the_connecting_address_counts(settings):
    settings.QUDRA_TRUSTED_PROXY_HEADER = ""
    assert client_ip(_request("203.0.113.7")) == "10.0.0.9"


@pytest.mark.parametrize(
    ("forwarded", "count", "expected"),
    [
        ("203.0.113.7", 1, "203.0.113.7"),
        # A visitor who writes the header themselves only adds entries on the left.
        ("1.2.3.4, 203.0.113.7", 1, "203.0.113.7"),
        ("1.2.3.4, 203.0.113.7, 10.0.0.2", 2, "203.0.113.7"),
        ("2001:db8::1", 1, "2001:db8::1"),
        # Fewer entries than proxies, or garbage: the connecting address.
        ("203.0.113.7", 2, "10.0.0.9"),
        ("not-an-address", 1, "10.0.0.9"),
        ("", 1, "10.0.0.9"),
    ],
)
def test_behind_proxies_the_address_is_read_from_the_right(settings, forwarded, count, expected):
    settings.QUDRA_TRUSTED_PROXY_HEADER = "X-Forwarded-For"
    settings.QUDRA_TRUSTED_PROXY_COUNT = count
    assert client_ip(_request(forwarded)) == expected
