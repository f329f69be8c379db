"""The people screens: unit, line manager, account, roles and HR scopes of a person, each change audited."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from audit.models import AuditEntry
from people.models import Employee, HRScope
from people.scope import can_view_reports, scope_paths
from people.services import HR_OFFICERS, MINISTRY_ADMINISTRATORS, TRAINERS


def person_url(employee: Employee) -> str:
    return reverse("organisation:person", args=[employee.pk])


def fresh(employee: Employee) -> Employee:
    return Employee.objects.select_related("user", "manager").get(pk=employee.pk)


def groups_of(user: User) -> set[str]:
    return set(User.objects.get(pk=user.pk).groups.values_list("name", flat=True))


@pytest.fixture
def admin_client(client, administrator):
    client.force_login(administrator)
    return client


def test_the_people_list_finds_by_number_or_name(admin_client, world):
    by_number = admin_client.get(reverse("organisation:people"), {"q": "A-00"}).content.decode()
    by_arabic_name = admin_client.get(reverse("organisation:people"), {"q": "برافو"}).content.decode()

    assert "Alpha One" in by_number and "Bravo One" not in by_number
    assert "Bravo One" in by_arabic_name and "Alpha One" not in by_arabic_name


def test_moving_a_person_to_another_unit(admin_client, world):
    employee = world.employees["a3"]

    response = admin_client.post(person_url(employee), {"action": "unit", "org_unit": world.units["A1P"].pk})

    assert response.status_code == 302
    assert fresh(employee).org_unit_id == world.units["A1P"].pk
    assert AuditEntry.objects.get(action="employee.moved").changes == {"org_unit": ["alpha-d2", "alpha-d1-p"]}


def test_the_manager_is_found_by_number_and_chosen(admin_client, world):
    employee, manager = world.employees["a1"], world.employees["a4"]

    found = admin_client.get(person_url(employee), {"find": "A-004"}).content.decode()
    response = admin_client.post(person_url(employee), {"action": "manager", "manager": manager.pk})

    assert "Make line manager" in found and "A-004" in found
    assert response.status_code == 302
    assert fresh(employee).manager == manager
    entry = AuditEntry.objects.get(action="employee.manager_changed")
    assert (entry.target_id, entry.changes) == (str(employee.pk), {"manager": ["", "A-004"]})


def test_nobody_manages_themselves_or_their_own_manager(admin_client, world):
    one, four = world.employees["a1"], world.employees["a4"]
    admin_client.post(person_url(one), {"action": "manager", "manager": four.pk})

    themselves = admin_client.post(person_url(one), {"action": "manager", "manager": one.pk})
    loop = admin_client.post(person_url(four), {"action": "manager", "manager": one.pk})

    assert themselves.status_code == 400 and "cannot be their own manager" in themselves.content.decode()
    assert loop.status_code == 400 and "this would make a loop" in loop.content.decode()
    assert fresh(four).manager is None and fresh(one).manager == four
    assert AuditEntry.objects.filter(action="employee.manager_changed").count() == 1


def test_removing_the_manager(admin_client, world):
    one = world.employees["a1"]
    admin_client.post(person_url(one), {"action": "manager", "manager": world.employees["a4"].pk})

    response = admin_client.post(person_url(one), {"action": "manager", "manager": ""})

    assert response.status_code == 302 and fresh(one).manager is None
    assert AuditEntry.objects.filter(action="employee.manager_changed").count() == 2


def test_deactivating_keeps_the_records_and_activating_lets_them_back(admin_client, world):
    employee = world.employees["a1"]

    deactivated = admin_client.post(person_url(employee), {"action": "active", "active": "0"})
    assert deactivated.status_code == 302
    assert fresh(employee).user.is_active is False
    assert Employee.objects.filter(pk=employee.pk).exists()
    assert employee.user.enrolments.count() == 3

    admin_client.post(person_url(employee), {"action": "active", "active": "1"})
    assert fresh(employee).user.is_active is True
    assert [entry.action for entry in AuditEntry.objects.order_by("pk")] == [
        "employee.deactivated",
        "employee.activated",
    ]


def test_an_administrator_cannot_deactivate_themselves(admin_client, administrator, world):
    response = admin_client.post(person_url(administrator.employee), {"action": "active", "active": "0"})

    assert response.status_code == 400
    assert User.objects.get(pk=administrator.pk).is_active


def test_granting_a_scope_puts_the_person_in_the_role_group_and_revoking_takes_it_out(admin_client, world):
    employee = world.employees["a2"]

    response = admin_client.post(
        person_url(employee), {"action": "grant_scope", "org_unit": world.units["A1"].pk, "role": "hr"}
    )

    assert response.status_code == 302
    scope = HRScope.objects.get(user=employee.user)
    assert (scope.org_unit_id, scope.role) == (world.units["A1"].pk, "hr")
    assert HR_OFFICERS in groups_of(employee.user)
    user = User.objects.get(pk=employee.user.pk)
    assert can_view_reports(user) and scope_paths(user) == [world.units["A1"].path]

    admin_client.post(person_url(employee), {"action": "revoke_scope", "scope": scope.pk})

    assert not HRScope.objects.filter(user=employee.user).exists()
    assert HR_OFFICERS not in groups_of(employee.user)
    assert [entry.action for entry in AuditEntry.objects.order_by("pk")] == [
        "hrscope.granted",
        "role.granted",
        "hrscope.revoked",
        "role.revoked",
    ]


def test_changing_a_scope_role_moves_the_person_to_the_other_group(admin_client, world):
    employee = world.employees["a2"]
    admin_client.post(person_url(employee), {"action": "grant_scope", "org_unit": world.units["A"].pk, "role": "hr"})

    admin_client.post(person_url(employee), {"action": "grant_scope", "org_unit": world.units["A"].pk, "role": "admin"})

    assert HRScope.objects.get(user=employee.user).role == "admin"
    assert groups_of(employee.user) >= {MINISTRY_ADMINISTRATORS} and HR_OFFICERS not in groups_of(employee.user)
    again = admin_client.post(
        person_url(employee), {"action": "grant_scope", "org_unit": world.units["A"].pk, "role": "admin"}
    )
    assert again.status_code == 400 and "already has this role" in again.content.decode()


def test_the_scopes_list_revokes_too(admin_client, world):
    employee = world.employees["b1"]
    admin_client.post(person_url(employee), {"action": "grant_scope", "org_unit": world.units["B"].pk, "role": "hr"})
    scope = HRScope.objects.get(user=employee.user)

    listed = admin_client.get(reverse("organisation:scopes")).content.decode()
    response = admin_client.post(reverse("organisation:scopes"), {"action": "revoke", "scope": scope.pk})

    assert "Bravo One" in listed
    assert response.status_code == 302 and not HRScope.objects.filter(pk=scope.pk).exists()


def test_giving_and_taking_the_trainers_role(admin_client, world):
    employee = world.employees["a3"]

    admin_client.post(person_url(employee), {"action": "role", "role": TRAINERS, "member": "1"})
    assert TRAINERS in groups_of(employee.user)
    admin_client.post(person_url(employee), {"action": "role", "role": TRAINERS, "member": "0"})

    assert TRAINERS not in groups_of(employee.user)
    assert [(entry.action, entry.changes) for entry in AuditEntry.objects.order_by("pk")] == [
        ("role.granted", {"role": TRAINERS}),
        ("role.revoked", {"role": TRAINERS}),
    ]


def test_an_unknown_action_or_bad_id_is_a_400_or_404_never_a_500(admin_client, world):
    employee = world.employees["a3"]

    assert admin_client.post(person_url(employee), {"action": "delete"}).status_code == 400
    assert admin_client.post(person_url(employee), {"action": "manager", "manager": "x"}).status_code == 400
    assert (
        admin_client.post(person_url(employee), {"action": "revoke_scope", "scope": "x"}, follow=True).status_code
        == 404
    )
    assert admin_client.post(person_url(employee), {"action": "unit", "org_unit": "999999"}).status_code == 400
    assert not AuditEntry.objects.exists()
    assert Group.objects.filter(name=MINISTRY_ADMINISTRATORS).exists()
