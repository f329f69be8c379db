"""Where files live (docs/deploy.md, "Object storage"), chosen by the environment.

The embedded default is the local disk: MEDIA_ROOT for media, PRIVATE_STORAGE_ROOT for private files.
`QUDRA_STORAGE=s3` puts both in any S3-compatible object store through django-storages, so every web
and worker node reads and writes the same files:

- media (Wagtail images and documents) under `QUDRA_S3_MEDIA_PREFIX`, addressed by signed URLs that
  expire (the bucket need not and should not be public), or by `QUDRA_S3_MEDIA_DOMAIN` when a CDN
  serves them;
- private files (certificate PDFs, exports, evidence files, people imports) under
  `QUDRA_S3_PRIVATE_PREFIX` (or in `QUDRA_S3_PRIVATE_BUCKET`), written without any ACL grant and with
  no URL at all: only the permission-checked views stream them (`common.object_storage.PrivateS3Storage`).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from .env import env_bool


def _s3_options(*, bucket: str, prefix: str) -> dict[str, Any]:
    from botocore.config import Config

    return {
        "bucket_name": bucket,
        "location": prefix,
        "endpoint_url": os.environ.get("QUDRA_S3_ENDPOINT_URL") or None,
        "region_name": os.environ.get("QUDRA_S3_REGION") or None,
        "access_key": os.environ.get("QUDRA_S3_ACCESS_KEY_ID") or None,
        "secret_key": os.environ.get("QUDRA_S3_SECRET_ACCESS_KEY") or None,
        "addressing_style": os.environ.get("QUDRA_S3_ADDRESSING_STYLE") or None,
        "verify": env_bool("QUDRA_S3_VERIFY_TLS", True),
        # The same rule as on disk: a name in use is never overwritten, a free one is found instead.
        "file_overwrite": False,
        "default_acl": None,
        # A store that is down must not hold a request for long: fail within seconds, retry twice.
        "client_config": Config(
            connect_timeout=float(os.environ.get("QUDRA_S3_CONNECT_TIMEOUT_SECONDS", "2")),
            read_timeout=float(os.environ.get("QUDRA_S3_READ_TIMEOUT_SECONDS", "10")),
            retries={"max_attempts": 3, "mode": "standard"},
            s3={"addressing_style": os.environ.get("QUDRA_S3_ADDRESSING_STYLE") or None},
        ),
    }


def storages_setting(*, private_root: Path) -> dict[str, dict[str, Any]]:
    """Django's STORAGES for the environment; the static files' backend is added by the caller."""
    kind = os.environ.get("QUDRA_STORAGE", "local").strip().lower()
    if kind == "local":
        return {
            # No location: FileSystemStorage follows MEDIA_ROOT, as before.
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "private": {
                "BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": private_root, "base_url": None},
            },
        }
    if kind != "s3":
        raise ValueError(f"QUDRA_STORAGE must be 'local' or 's3', not {kind!r}")
    bucket = os.environ["QUDRA_S3_BUCKET"]
    media = _s3_options(bucket=bucket, prefix=os.environ.get("QUDRA_S3_MEDIA_PREFIX", "media"))
    media["querystring_expire"] = int(os.environ.get("QUDRA_S3_MEDIA_URL_SECONDS", str(6 * 3600)))
    if os.environ.get("QUDRA_S3_MEDIA_DOMAIN"):
        media.update(custom_domain=os.environ["QUDRA_S3_MEDIA_DOMAIN"], querystring_auth=False)
    private = _s3_options(
        bucket=os.environ.get("QUDRA_S3_PRIVATE_BUCKET") or bucket,
        prefix=os.environ.get("QUDRA_S3_PRIVATE_PREFIX", "private"),
    )
    return {
        "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": media},
        "private": {"BACKEND": "common.object_storage.PrivateS3Storage", "OPTIONS": private},
    }
