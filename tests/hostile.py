"""Hostile text for author and learner fields: if any of it runs, a test sees a dialog or a script error."""

from __future__ import annotations

# Each one escapes a different context: element content, an attribute, a URL, a title, an SVG.
PAYLOADS = (
    "<script>alert('qudra-xss-1')</script>",
    '"><img src=x onerror="alert(\'qudra-xss-2\')">',
    "'><svg onload=alert('qudra-xss-3')>",
    "</title><script>alert('qudra-xss-4')</script>",
    "<a href=\"javascript:alert('qudra-xss-5')\">link</a>",
    "{{ request.user.password }}{% debug %}",
)
HOSTILE = " ".join(PAYLOADS)


def hostile(label: str) -> str:
    """A field value: a readable label followed by every payload."""
    return f"{label} {HOSTILE}"


# For fields of at most 120 characters (titles, names): the two most common injections.
SHORT = PAYLOADS[0] + PAYLOADS[1]
