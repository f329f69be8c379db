"""The organisation units screens: the tree with its counts, create, rename, move, close and reopen, each audited."""

from __future__ import annotations

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from people.models import Employee, OrgUnit

UNITS = reverse("organisation:units")
ADD = reverse("organisation:unit_add")


def unit_url(unit: OrgUnit) -> str:
    return reverse("organisation:unit", args=[unit.pk])


def fresh(unit: OrgUnit) -> OrgUnit:
    return OrgUnit.objects.get(pk=unit.pk)


@pytest.fixture
def admin_client(client, administrator):
    client.force_login(administrator)
    return client


def test_the_tree_lists_every_unit_under_its_parent_with_people_counts(admin_client, world):
    html = admin_client.get(UNITS).content.decode()

    alpha, department, bravo = (html.index(name) for name in ("Ministry Alpha", "Alpha Department", "Ministry Bravo"))
    assert alpha < department < bravo
    # Ministry A: a1..a4 and the administrator (staff in A) are active: 5 in the subtree, 2 in the unit itself.
    row = html[alpha : html.index("</tr>", alpha)]
    assert "<td>2</td>" in row and "<td>5</td>" in row
    assert 'class="org-depth-2"' in html  # the department, two levels below its ministry


def test_an_administrator_creates_a_unit_under_a_parent(admin_client, world):
    response = admin_client.post(
        ADD,
        {
            "parent": world.units["A2"].pk,
            "code": "alpha-d2-x",
            "name_ar": "دائرة جديدة",
            "name_en": "New Dept",
            "kind": "department",
        },
    )

    unit = OrgUnit.objects.get(code="alpha-d2-x")
    assert response.status_code == 302 and response["Location"] == unit_url(unit)
    assert unit.get_parent() == world.units["A2"] and unit.path.startswith(fresh(world.units["A2"]).path)
    entry = AuditEntry.objects.get(action="orgunit.created")
    assert (entry.target_id, entry.changes["parent"], entry.actor.username) == (
        str(unit.pk),
        "alpha-d2",
        "administrator",
    )


def test_a_duplicate_code_is_refused_with_a_message_and_nothing_written(admin_client, world):
    response = admin_client.post(
        ADD, {"parent": world.units["A"].pk, "code": "alpha-d1", "name_ar": "س", "name_en": "X", "kind": "directorate"}
    )

    assert response.status_code == 400
    assert "already exists" in response.content.decode()
    assert not AuditEntry.objects.exists()


def test_renaming_changes_both_names_and_records_before_and_after(admin_client, world):
    unit = world.units["A1"]

    response = admin_client.post(
        unit_url(unit), {"action": "rename", "name_ar": "مديرية البيانات", "name_en": "Data Directorate"}
    )

    assert response.status_code == 302
    assert (fresh(unit).name_ar, fresh(unit).name_en) == ("مديرية البيانات", "Data Directorate")
    entry = AuditEntry.objects.get(action="orgunit.renamed")
    assert entry.changes["name_en"] == ["Alpha Directorate One", "Data Directorate"]


def test_moving_a_unit_moves_its_subtree(admin_client, world):
    unit, department = world.units["A1"], world.units["A1P"]

    response = admin_client.post(unit_url(unit), {"action": "move", "parent": world.units["B"].pk})

    assert response.status_code == 302
    bravo = fresh(world.units["B"])
    assert fresh(unit).get_parent() == bravo
    assert fresh(department).path.startswith(fresh(unit).path) and fresh(department).path.startswith(bravo.path)
    assert world.employees["a1"].org_unit.pk == department.pk
    assert AuditEntry.objects.get(action="orgunit.moved").changes == {"parent": ["alpha", "bravo"]}


def test_moving_a_unit_into_its_own_subtree_is_refused(admin_client, world):
    unit = world.units["A1"]
    before = fresh(unit).path

    response = admin_client.post(unit_url(unit), {"action": "move", "parent": world.units["A1P"].pk})

    assert response.status_code == 400
    assert "cannot be moved into itself or into a unit below it" in response.content.decode()
    assert fresh(unit).path == before
    assert not AuditEntry.objects.exists()


def test_a_unit_with_active_people_is_not_closed(admin_client, world):
    response = admin_client.post(unit_url(world.units["A1"]), {"action": "close"})

    assert response.status_code == 400
    assert "2 active people still work in this unit or below it" in response.content.decode()
    assert fresh(world.units["A1"]).closed_at is None


def test_closing_an_empty_unit_closes_its_subtree_and_it_takes_no_one_new(admin_client, world):
    for key in ("a1", "a2"):
        world.employees[key].user.is_active = False
        world.employees[key].user.save()

    response = admin_client.post(unit_url(world.units["A1"]), {"action": "close"})

    assert response.status_code == 302
    assert fresh(world.units["A1"]).closed_at is not None and fresh(world.units["A1P"]).closed_at is not None
    assert AuditEntry.objects.get(action="orgunit.closed").changes == {"units_below": "alpha-d1-p"}
    assert "Closed" in admin_client.get(UNITS).content.decode()
    # No new unit below it, and nobody moved into it.
    refused = admin_client.post(
        ADD, {"parent": world.units["A1"].pk, "code": "late", "name_ar": "س", "name_en": "Late", "kind": "department"}
    )
    assert refused.status_code == 400 and not OrgUnit.objects.filter(code="late").exists()
    person = reverse("organisation:person", args=[world.employees["a3"].pk])
    assert admin_client.post(person, {"action": "unit", "org_unit": world.units["A1"].pk}).status_code == 400
    assert Employee.objects.get(pk=world.employees["a3"].pk).org_unit_id == world.units["A2"].pk


def test_a_closed_unit_reopens_only_under_an_open_parent(admin_client, world):
    for key in ("a1", "a2"):
        world.employees[key].user.is_active = False
        world.employees[key].user.save()
    admin_client.post(unit_url(world.units["A1"]), {"action": "close"})

    under_closed = admin_client.post(unit_url(world.units["A1P"]), {"action": "reopen"})
    reopened = admin_client.post(unit_url(world.units["A1"]), {"action": "reopen"})

    assert under_closed.status_code == 400 and "Reopen" in under_closed.content.decode()
    assert reopened.status_code == 302
    assert fresh(world.units["A1"]).closed_at is None and fresh(world.units["A1P"]).closed_at is not None
    assert AuditEntry.objects.filter(action="orgunit.reopened").count() == 1


def test_an_hr_officer_gets_404_on_every_organisation_screen(client, hr_a, world):
    client.force_login(hr_a)
    employee = world.employees["a1"]
    urls = [UNITS, ADD, unit_url(world.units["A"]), reverse("organisation:people"), reverse("organisation:scopes")]
    urls.append(reverse("organisation:person", args=[employee.pk]))

    for url in urls:
        # follow: the locale middleware sends a 404 on to the language's address, where it is a 404 again.
        assert client.get(url, follow=True).status_code == 404, url
        posted = client.post(url, {"action": "rename", "name_ar": "x", "name_en": "x"}, follow=True)
        assert posted.status_code == 404, url
    assert reverse("organisation:units") not in client.get(reverse("wagtailadmin_home")).content.decode()
    assert fresh(world.units["A"]).name_en == "Ministry Alpha"
    assert not AuditEntry.objects.exists()
