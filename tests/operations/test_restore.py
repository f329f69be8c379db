"""The tested restore: a dump restored into a fresh database, every certificate checked against its file."""

from __future__ import annotations

import hashlib
import json
from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command

from certificates.models import Certificate
from common.storage import private_storage
from tests.builders.learning import complete_course
from tests.conftest import requires_postgres

pytestmark = requires_postgres


def _issue_by_hand(certificate: Certificate, content: bytes) -> None:
    name = private_storage().save(certificate.pdf_name(), ContentFile(content))
    Certificate.objects.filter(pk=certificate.pk).update(
        status=Certificate.Status.ISSUED, pdf=name, sha256=hashlib.sha256(content).hexdigest()
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_restored_dump_has_every_certificate_matching_its_file(course, learner, other_learner, certificate_template):
    for person, content in ((learner, b"%PDF-1.4 first"), (other_learner, b"%PDF-1.4 second")):
        complete_course(person, course)  # the rows are pending: no worker runs here
        _issue_by_hand(Certificate.objects.get(holder=person), content)
    output = StringIO()
    call_command("check_restore", stdout=output)
    figures = json.loads(output.getvalue())
    assert figures["certificates_checked"] == 2 and figures["certificates_mismatched"] == []
    assert figures["dump_bytes"] > 0

    # A file changed after issue is found and named.
    changed = Certificate.objects.get(holder=other_learner)
    private_storage().delete(changed.pdf.name)
    private_storage().save(changed.pdf.name, ContentFile(b"%PDF-1.4 tampered"))
    with pytest.raises(CommandError, match="1 certificates do not match"):
        call_command("check_restore", stdout=StringIO())
