"""Delegated administration: a ministry administrator manages their ministry and nothing else exists for them."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from assignments import services as assignment_services
from assignments.models import Assignment
from audit.models import AuditEntry
from people.models import HRScope, OrgUnit
from people.scope import can_view_reports, scoped_employees
from people.services import ADMINISTRATORS, HR_OFFICERS, TRAINERS
from tests.builders.hr_world import staff_member


def person_url(employee) -> str:
    return reverse("organisation:person", args=[employee.pk])


def unit_url(unit) -> str:
    return reverse("organisation:unit", args=[unit.pk])


@pytest.fixture
def alpha_client(client, ministry_admin_a):
    client.force_login(ministry_admin_a)
    return client


def in_groups(user) -> set[str]:
    return set(User.objects.get(pk=user.pk).groups.values_list("name", flat=True))


def test_the_menu_and_tree_show_only_their_ministry(alpha_client, world):
    dashboard = alpha_client.get(reverse("wagtailadmin_home")).content.decode()
    tree = alpha_client.get(reverse("organisation:units")).content.decode()
    people = alpha_client.get(reverse("organisation:people")).content.decode()

    assert "Organisation units" in dashboard and reverse("organisation:units") in dashboard
    assert reverse("audit_log") not in dashboard
    assert "Alpha Department" in tree and "Bravo" not in tree
    assert "Alpha One" in people and "Bravo" not in people


def test_they_manage_units_people_trainers_and_scopes_inside_their_ministry(alpha_client, world):
    created = alpha_client.post(
        reverse("organisation:unit_add"),
        {
            "parent": world.units["A1"].pk,
            "code": "alpha-new",
            "name_ar": "جديدة",
            "name_en": "New",
            "kind": "department",
        },
    )
    moved = alpha_client.post(unit_url(world.units["A1P"]), {"action": "move", "parent": world.units["A2"].pk})
    trainer = alpha_client.post(person_url(world.employees["a3"]), {"action": "role", "role": TRAINERS, "member": "1"})
    scope = alpha_client.post(
        person_url(world.employees["a2"]), {"action": "grant_scope", "org_unit": world.units["A2"].pk, "role": "hr"}
    )

    assert [r.status_code for r in (created, moved, trainer, scope)] == [302, 302, 302, 302]
    assert OrgUnit.objects.get(code="alpha-new").get_parent().pk == world.units["A1"].pk
    assert OrgUnit.objects.get(pk=world.units["A1P"].pk).get_parent().pk == world.units["A2"].pk
    assert TRAINERS in in_groups(world.employees["a3"].user)
    assert HR_OFFICERS in in_groups(world.employees["a2"].user)
    assert AuditEntry.objects.filter(actor__username="admin.alpha").count() == 5


def test_they_never_add_a_ministry_at_the_top(alpha_client, world):
    response = alpha_client.post(
        reverse("organisation:unit_add"),
        {"parent": "", "code": "rogue", "name_ar": "س", "name_en": "Rogue", "kind": "ministry"},
    )

    assert response.status_code == 400
    assert not OrgUnit.objects.filter(code="rogue").exists()


def test_ministry_b_does_not_exist_for_them_get_or_post(alpha_client, world):
    bravo_person, bravo_unit = world.employees["b1"], world.units["B1"]
    other = User.objects.create(username="bravo.hr")
    bravo_scope = HRScope.objects.create(user=other, org_unit=world.units["B"])
    posts = {
        person_url(bravo_person): [
            {"action": "unit", "org_unit": world.units["A1"].pk},
            {"action": "active", "active": "0"},
            {"action": "role", "role": TRAINERS, "member": "1"},
            {"action": "grant_scope", "org_unit": world.units["A1"].pk, "role": "hr"},
        ],
        unit_url(bravo_unit): [{"action": "rename", "name_ar": "س", "name_en": "X"}, {"action": "close"}],
        reverse("organisation:scopes"): [{"action": "revoke", "scope": bravo_scope.pk}],
    }

    for url, bodies in posts.items():
        if url != reverse("organisation:scopes"):
            assert alpha_client.get(url, follow=True).status_code == 404, url
        for body in bodies:
            assert alpha_client.post(url, body, follow=True).status_code == 404, (url, body)
    assert "bravo.hr" not in alpha_client.get(reverse("organisation:scopes")).content.decode()
    assert alpha_client.get(reverse("audit_log"), follow=True).status_code == 404
    assert HRScope.objects.filter(pk=bravo_scope.pk).exists()
    assert User.objects.get(pk=bravo_person.user.pk).is_active
    assert not AuditEntry.objects.exists()


def test_they_cannot_choose_a_unit_or_manager_of_ministry_b(alpha_client, world):
    employee = world.employees["a1"]

    unit = alpha_client.post(person_url(employee), {"action": "unit", "org_unit": world.units["B1"].pk})
    manager = alpha_client.post(person_url(employee), {"action": "manager", "manager": world.employees["b1"].pk})
    move = alpha_client.post(unit_url(world.units["A1"]), {"action": "move", "parent": world.units["B"].pk})
    scope = alpha_client.post(
        person_url(employee), {"action": "grant_scope", "org_unit": world.units["B"].pk, "role": "admin"}
    )
    found = alpha_client.get(person_url(employee), {"find": "Bravo"}).content.decode()

    assert [r.status_code for r in (unit, manager, move, scope)] == [400, 400, 400, 400]
    assert "B-001" not in found
    assert not AuditEntry.objects.exists()


def test_they_cannot_grant_the_administrators_role(alpha_client, world):
    employee = world.employees["a2"]

    offered = alpha_client.get(person_url(employee)).content.decode()
    response = alpha_client.post(person_url(employee), {"action": "role", "role": ADMINISTRATORS, "member": "1"})

    assert f'value="{ADMINISTRATORS}"' not in offered
    assert response.status_code == 400
    assert ADMINISTRATORS not in in_groups(employee.user)
    assert not AuditEntry.objects.exists()


def test_they_do_not_deactivate_an_administrator_of_their_ministry(alpha_client, world):
    administrator = staff_member("chief", ADMINISTRATORS, world.units["A2"], "ADM-9")

    response = alpha_client.post(person_url(administrator.employee), {"action": "active", "active": "0"})

    assert response.status_code == 400
    assert "Only an administrator changes an administrator" in response.content.decode()
    assert User.objects.get(pk=administrator.pk).is_active


def test_they_read_their_ministrys_reports_and_only_those(ministry_admin_a, world):
    assert can_view_reports(ministry_admin_a)
    visible = set(scoped_employees(ministry_admin_a).values_list("employee_number", flat=True))
    assert {"A-001", "A-004"} <= visible and not {"B-001", "B-002"} & visible


def test_they_assign_and_cancel_in_their_ministry_through_mandatory_training(
    alpha_client, ministry_admin_a, world, django_capture_on_commit_callbacks
):
    course = world.courses[0]
    form = {"course": course.pk, "due_rule": "after_assignment", "due_days": "30"}

    with django_capture_on_commit_callbacks(execute=False):
        mine = alpha_client.post(reverse("assignments:add"), {**form, "org_unit": world.units["A1"].pk})
        theirs = alpha_client.post(reverse("assignments:add"), {**form, "org_unit": world.units["B1"].pk})
    assignment = Assignment.objects.get()
    cancelled = alpha_client.post(reverse("assignments:cancel", args=[assignment.pk]))

    assert mine.status_code == 302 and assignment.org_unit_id == world.units["A1"].pk
    assert theirs.status_code == 403  # the assignments screen refuses a unit outside the scope
    assert cancelled.status_code == 302
    assert Assignment.objects.get().state == Assignment.State.CANCELLED


def test_ministry_bs_assignments_are_404_for_them(alpha_client, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        bravo = assignment_services.create_assignment(
            course=world.courses[0],
            programme=None,
            created_by=User.objects.create(username="bravo.creator"),
            due_rule="after_assignment",
            due_on=None,
            due_days=30,
            org_unit=world.units["B"],
            grades=[],
            job_titles=[],
            employees=[],
        )

    detail = alpha_client.get(reverse("assignments:detail", args=[bravo.pk]), follow=True)
    cancel = alpha_client.post(reverse("assignments:cancel", args=[bravo.pk]), follow=True)

    assert (detail.status_code, cancel.status_code) == (404, 404)
    assert Assignment.objects.get(pk=bravo.pk).state == Assignment.State.ACTIVE
    assert "Ministry Bravo" not in alpha_client.get(reverse("assignments:index")).content.decode()
