"""Private files in an S3-compatible object store (lms/settings/storage.py chooses it).

Kept apart from `common.storage` so that a node on the local disk never imports boto3.
"""

from __future__ import annotations

from storages.backends.s3 import S3Storage


class PrivateS3Storage(S3Storage):
    """Objects written with no ACL grant and never given an address.

    Certificates, exports, evidence files and people imports are streamed by the views that check who
    is asking; a URL (even a signed one) could be forwarded, logged or cached, so none is made.
    """

    default_acl = None
    querystring_auth = True

    def url(self, name, parameters=None, expire=None, http_method=None):
        raise NotImplementedError("Private files have no URL: serve them through a permission-checked view.")
