"""The audit log keeps what was done, by whom, and cannot be rewritten through the ORM."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from audit.models import AuditEntry
from audit.services import field_changes, record
from tests.factories import UserFactory, make_org_unit

pytestmark = pytest.mark.django_db


def test_an_entry_names_actor_target_changes_and_address():
    officer = UserFactory(username="officer")
    unit = make_org_unit("data", name_en="Directorate of Data")
    request = RequestFactory().post("/", REMOTE_ADDR="10.1.2.3")
    record(
        "orgunit.renamed",
        actor=officer,
        target=unit,
        changes=field_changes({"name_en": "Data"}, {"name_en": "Directorate of Data"}),
        request=request,
    )
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.actor_repr, entry.action) == (officer, "officer", "orgunit.renamed")
    assert (entry.target_type, entry.target_id) == ("people.orgunit", str(unit.pk))
    assert entry.target_repr == str(unit)
    assert entry.changes == {"name_en": ["Data", "Directorate of Data"]}
    assert entry.ip_address == "10.1.2.3"


def test_the_system_and_anonymous_visitors_are_recorded_without_a_user():
    record("people.synced", actor=None)
    record("login.refused", actor=AnonymousUser())
    assert list(AuditEntry.objects.values_list("actor", "actor_repr")) == [(None, ""), (None, "")]


def test_entries_cannot_be_changed_or_deleted():
    entry = record("hrscope.granted", actor=None)
    entry.action = "hrscope.revoked"
    with pytest.raises(TypeError):
        entry.save()
    with pytest.raises(TypeError):
        entry.delete()
    with pytest.raises(TypeError):
        AuditEntry.objects.all().update(action="x")
    with pytest.raises(TypeError):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get().action == "hrscope.granted"


def test_field_changes_keeps_only_what_differs_as_plain_values():
    unit = make_org_unit("u1")
    assert field_changes({"a": 1, "b": "x", "u": None}, {"a": 1, "b": "y", "u": unit}) == {
        "b": ["x", "y"],
        "u": [None, str(unit)],
    }
