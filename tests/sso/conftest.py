"""Fixtures of the single sign-on tests: a real OpenID Connect provider on loopback, and Qudra pointed at it."""

from __future__ import annotations

import pytest

from tests.builders.identity_provider import configure, running_provider
from tests.factories import make_org_unit


@pytest.fixture(scope="session")
def identity_provider():
    with running_provider() as provider:
        yield provider


@pytest.fixture
def provider(identity_provider, settings, db):
    """The provider, with Qudra configured for it and no token tampering left over from another test."""
    configure(settings, identity_provider)
    identity_provider.tamper_id_token(None)
    identity_provider.tamperer.token_requests.clear()
    yield identity_provider
    identity_provider.tamper_id_token(None)


@pytest.fixture
def unit(db):
    return make_org_unit("moh-it")
