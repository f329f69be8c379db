"""What an evidence file may be: a PDF or a photo of a certificate, up to 10 MB, checked by its first bytes
(a renamed executable is refused whatever its name says), stored under a random name."""

from __future__ import annotations

import secrets

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

MAX_BYTES = 10 * 1024 * 1024
# Extension → the bytes every such file starts with.
SIGNATURES = {"pdf": (b"%PDF-",), "png": (b"\x89PNG\r\n\x1a\n",), "jpg": (b"\xff\xd8\xff",)}
CONTENT_TYPES = {"pdf": "application/pdf", "png": "image/png", "jpg": "image/jpeg"}


def kind_of(upload: UploadedFile) -> str:
    """The file's kind (``pdf``, ``png`` or ``jpg``) read from its first bytes, or a ValidationError."""
    if upload.size is None or upload.size == 0:
        raise ValidationError(_("The evidence file is empty."), code="empty")
    if upload.size > MAX_BYTES:
        raise ValidationError(_("The evidence file is larger than 10 MB."), code="too_large")
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for kind, signatures in SIGNATURES.items():
        if head.startswith(signatures):
            return kind
    raise ValidationError(_("The evidence must be a PDF, PNG or JPEG file."), code="file_type")


def stored_name(kind: str) -> str:
    """A random name: the learner's file name is kept for display only, never used as a path."""
    return f"external-training/{secrets.token_hex(16)}.{kind}"


def display_name(upload: UploadedFile, kind: str) -> str:
    """The learner's own file name, trimmed and free of path parts, for the download."""
    name = (upload.name or "").replace("\\", "/").rsplit("/", 1)[-1].strip()[:150]
    return name or f"evidence.{kind}"
