"""Private storage: certificates, exports and uploads that are never under MEDIA_URL.

Files here are served only by views that check who is asking.
"""

from __future__ import annotations

from django.core.files.storage import Storage, storages


def private_storage() -> Storage:
    return storages["private"]
