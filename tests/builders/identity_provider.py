"""A real OpenID Connect provider on loopback (oidc-provider-mock), and the browser's part of the code flow.

The provider runs in a thread on a free port. It signs its tokens with its own RSA key, publishes its
discovery document and JWKS, and issues ID tokens whose claims are the ones a test gives the user
(``provider.set_user(sub, claims)``). Between the provider and Qudra sits one small WSGI step that can
alter the token endpoint's answer (``provider.tamper_id_token``), to test what Qudra does with an ID token
whose signature no longer holds; it never stands in for the provider or the client library.
"""

from __future__ import annotations

import base64
import json
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

import oidc_provider_mock
import requests
import werkzeug.serving

CLIENT_ID = "qudra-tests"
CLIENT_SECRET = "qudra-tests-secret"  # noqa: S105


def _b64decode(part: str) -> bytes:
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


def _b64encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def flip_signature(id_token: str) -> str:
    """The same token with one byte of its signature changed."""
    header, payload, signature = id_token.split(".")
    raw = bytearray(_b64decode(signature))
    raw[len(raw) // 2] ^= 0x01
    return f"{header}.{payload}.{_b64encode(bytes(raw))}"


def rewrite_claims(**claims) -> Callable[[str], str]:
    """A token whose payload says something else, under the provider's original signature."""

    def rewrite(id_token: str) -> str:
        header, payload, signature = id_token.split(".")
        data = {**json.loads(_b64decode(payload)), **claims}
        return f"{header}.{_b64encode(json.dumps(data).encode())}.{signature}"

    return rewrite


@dataclass
class TokenTamperer:
    """WSGI step in front of the provider: rewrites ``id_token`` in token answers while ``alter`` is set."""

    app: Callable
    alter: Callable[[str], str] | None = None
    token_requests: list[dict[str, list[str]]] = field(default_factory=list)

    def __call__(self, environ, start_response):
        if environ.get("PATH_INFO") != "/oauth2/token":
            return self.app(environ, start_response)
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length)
        self.token_requests.append(parse_qs(body.decode()))
        environ["wsgi.input"] = _Replay(body)
        captured: dict = {}

        def capture(status, headers, exc_info=None):
            captured.update(status=status, headers=headers)
            return lambda data: None

        answer = b"".join(self.app(environ, capture))
        if self.alter is not None and captured["status"].startswith("200"):
            document = json.loads(answer)
            document["id_token"] = self.alter(document["id_token"])
            answer = json.dumps(document).encode()
        headers = [(name, value) for name, value in captured["headers"] if name.lower() != "content-length"]
        start_response(captured["status"], [*headers, ("Content-Length", str(len(answer)))])
        return [answer]


class _Replay:
    def __init__(self, body: bytes) -> None:
        self._body = body

    def read(self, size: int = -1) -> bytes:
        data, self._body = (self._body, b"") if size < 0 else (self._body[:size], self._body[size:])
        return data

    def readline(self, size: int = -1) -> bytes:
        return self.read(size)


@dataclass
class Provider:
    url: str
    tamperer: TokenTamperer

    def set_user(self, sub: str, claims: dict) -> None:
        """The claims the provider will put in this subject's ID token and userinfo answer."""
        requests.put(f"{self.url}/users/{sub}", json=claims, timeout=5).raise_for_status()

    def tamper_id_token(self, alter: Callable[[str], str] | None) -> None:
        self.tamperer.alter = alter


@contextmanager
def running_provider() -> Iterator[Provider]:
    # authlib refuses plain HTTP unless told it is a test: the provider listens on loopback only.
    previous = os.environ.get("AUTHLIB_INSECURE_TRANSPORT")
    os.environ["AUTHLIB_INSECURE_TRANSPORT"] = "1"
    tamperer = TokenTamperer(oidc_provider_mock.app(require_nonce=True))
    server = werkzeug.serving.make_server("127.0.0.1", 0, tamperer, threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        yield Provider(url=f"http://127.0.0.1:{server.server_port}", tamperer=tamperer)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
        if previous is None:
            os.environ.pop("AUTHLIB_INSECURE_TRANSPORT", None)
        else:
            os.environ["AUTHLIB_INSECURE_TRANSPORT"] = previous


def configure(settings, provider: Provider) -> None:
    """Point Qudra at the provider (pytest-django's ``settings`` fixture), as the environment would."""
    settings.QUDRA_SSO_ISSUER = provider.url
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET


def authorize(authorization_url: str, *, sub: str | None, deny: bool = False) -> str:
    """What the person does at the provider: approve as ``sub`` (or deny); returns where it sends them."""
    form = {"action": "deny"} if deny else {"sub": sub}
    answer = requests.post(authorization_url, data=form, allow_redirects=False, timeout=5)
    assert answer.status_code == 302, answer.text[:500]
    return answer.headers["Location"]


def query_of(url: str) -> dict[str, str]:
    return {name: values[0] for name, values in parse_qs(urlsplit(url).query).items()}
