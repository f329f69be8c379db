"""A real S3 API on loopback: moto's standalone server, started on a free port, one bucket per test.

`s3_environment` is what a deployment sets (QUDRA_STORAGE=s3 and the QUDRA_S3_* variables); processes
started with it share the files. `use_object_store` points this process's storages at the bucket.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import boto3
from django.db.models import FileField

from common.storage import private_storage

CREDENTIALS = {"QUDRA_S3_ACCESS_KEY_ID": "testing", "QUDRA_S3_SECRET_ACCESS_KEY": "testing"}


@contextmanager
def moto_server(log: Path) -> Iterator[str]:
    """The endpoint URL of a moto server listening on a port the system chose (its log in `log`)."""
    executable = Path(sys.executable).with_name("moto_server")
    with log.open("w") as output:
        process = subprocess.Popen(  # noqa: S603
            [str(executable), "-H", "127.0.0.1", "-p", "0"], stdout=output, stderr=subprocess.STDOUT
        )
    try:
        deadline = time.monotonic() + 30
        while not (found := re.search(r"Running on (http://127\.0\.0\.1:\d+)", log.read_text())):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"moto_server did not start: {log.read_text()[-2000:]}")
            time.sleep(0.05)
        yield found.group(1)
    finally:
        process.terminate()
        process.wait(timeout=10)


def s3_client(endpoint: str):
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id=CREDENTIALS["QUDRA_S3_ACCESS_KEY_ID"],
        aws_secret_access_key=CREDENTIALS["QUDRA_S3_SECRET_ACCESS_KEY"],
    )


def new_bucket(endpoint: str) -> dict[str, str]:
    """A fresh bucket; returns the environment that points storage at it."""
    bucket = f"qudra-{uuid.uuid4().hex[:12]}"
    s3_client(endpoint).create_bucket(Bucket=bucket)
    return {
        "QUDRA_STORAGE": "s3",
        "QUDRA_S3_BUCKET": bucket,
        "QUDRA_S3_ENDPOINT_URL": endpoint,
        "QUDRA_S3_REGION": "us-east-1",
        **CREDENTIALS,
    }


def private_file_fields() -> list[FileField]:
    """Every model field stored in private storage (their storage is resolved once, at import)."""
    from django.apps import apps

    return [
        field
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, FileField) and getattr(field, "_storage_callable", None) is private_storage
    ]


def object_keys(endpoint: str, bucket: str) -> list[str]:
    listed = s3_client(endpoint).list_objects_v2(Bucket=bucket)
    return sorted(item["Key"] for item in listed.get("Contents", []))
