"""Verification codes: how they are drawn, printed and read back, and the public address they open.

The lowest module of the app (it imports no other): models, rendering, selectors, views and the
e-mail all use the same code rules.
"""

from __future__ import annotations

import re
import secrets

from django.conf import settings
from django.urls import reverse
from django.utils import translation

# Crockford's base32: digits and capitals without I, L, O and U, so a code read aloud or typed from
# paper cannot be confused (0/O, 1/I/L) and never spells an obscene English word by accident.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 16  # 16 characters x 5 bits = 80 random bits
CODE_GROUP = 4
_LOOK_ALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})
CODE_PATTERN = re.compile(rf"^[{CODE_ALPHABET}]{{{CODE_LENGTH}}}$")


def new_code() -> str:
    """A fresh verification code: 80 bits from the operating system's CSPRNG."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def format_code(code: str) -> str:
    """ABCD-EFGH-JKMN-PQRS: the form printed on the certificate and used in links."""
    return "-".join(code[i : i + CODE_GROUP] for i in range(0, len(code), CODE_GROUP))


def normalise_code(text: str) -> str | None:
    """The stored form of a code typed or scanned by a person, or None if it cannot be one.

    Dashes, spaces and case are ignored and look-alike letters read as the digits they resemble,
    as Crockford's base32 prescribes.
    """
    candidate = re.sub(r"[\s\-]", "", text or "").upper().translate(_LOOK_ALIKES)
    return candidate if CODE_PATTERN.match(candidate) else None


def verify_url(code: str, *, language: str | None = None) -> str:
    """The public verification address printed on (and encoded in the QR code of) a certificate."""
    with translation.override(language or settings.LANGUAGE_CODE):
        path = reverse("certificates:verify", kwargs={"code": format_code(code)})
    return settings.CERTIFICATES_BASE_URL.rstrip("/") + path
