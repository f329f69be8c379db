"""The visitor's address, the one rule every rate limit, lockout and audit entry uses.

Behind a reverse proxy every request comes from the proxy's address, so limits counted on
``REMOTE_ADDR`` would give all visitors one shared budget. A deployment behind proxies names the header
they write (``QUDRA_TRUSTED_PROXY_HEADER``, e.g. ``X-Forwarded-For``) and how many of them there are
(``QUDRA_TRUSTED_PROXY_COUNT``): the address is read that many entries from the right, the part of the
header our own proxies wrote, so a visitor cannot choose it by sending the header themselves.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _meta_key(header: str) -> str:
    return "HTTP_" + header.upper().replace("-", "_")


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str:
    """The client's address; ``REMOTE_ADDR`` when no trusted proxy header is configured or it is unusable."""
    remote = request.META.get("REMOTE_ADDR", "")
    header = getattr(settings, "QUDRA_TRUSTED_PROXY_HEADER", "")
    if not header:
        return remote
    hops = [hop for hop in request.META.get(_meta_key(header), "").split(",") if hop.strip()]
    count = max(1, int(getattr(settings, "QUDRA_TRUSTED_PROXY_COUNT", 1)))
    if len(hops) < count:
        return remote
    return _valid(hops[-count]) or remote
