"""The HR-system sync of units and people: idempotent upserts, movers and leavers, managers, per-row errors,
a client's subtree, dry runs and all-or-nothing."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from audit.models import AuditEntry
from people.imports import ImportFailed, import_people
from people.models import Employee, OrgUnit
from people.sync import MAX_ROWS, RowError, sync_people, sync_units
from tests.factories import UserFactory

UNITS = [
    {"code": "moj", "parent_code": "", "kind": "ministry", "name_ar": "وزارة العدل", "name_en": "Ministry of Justice"},
    {"code": "moj-it", "parent_code": "moj", "kind": "directorate", "name_ar": "تقنية المعلومات", "name_en": "IT"},
    {"code": "moj-hr", "parent_code": "moj", "kind": "directorate", "name_ar": "الموارد البشرية", "name_en": "HR"},
    {
        "code": "mof",
        "parent_code": "",
        "kind": "ministry",
        "name_ar": "وزارة المالية",
        "name_en": "Ministry of Finance",
    },
]


def person(number: str, unit: str = "moj-it", **fields) -> dict:
    return {
        "employee_number": number,
        "full_name_ar": f"الموظف {number}",
        "full_name_en": f"Employee {number}",
        "org_unit_code": unit,
        "email": f"{number.lower()}@example.om",
        "grade": "8",
        **fields,
    }


def units(rows=UNITS, **options):
    return sync_units(rows, **{"within": None, "dry_run": False, "all_or_nothing": False, "actor": None, **options})


def people(rows, **options):
    return sync_people(rows, **{"within": None, "dry_run": False, "all_or_nothing": False, "actor": None, **options})


def writes(queries) -> list[str]:
    return [query["sql"] for query in queries if query["sql"].split(" ", 1)[0] in ("INSERT", "UPDATE", "DELETE")]


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def organisation(db, roles):
    assert units().created == 4


def test_units_are_created_then_unchanged_then_renamed_and_moved(db):
    result = units()
    assert (result.created, result.applied, result.errors) == (4, True, [])
    assert OrgUnit.objects.get(code="moj-it").get_parent().code == "moj"
    with CaptureQueriesContext(connection) as queries:
        again = units()
    assert (again.created, again.updated, again.moved, again.unchanged) == (0, 0, 0, 4)
    assert writes(queries) == [] and AuditEntry.objects.filter(action="people.synced").count() == 1
    changed = [dict(UNITS[1], name_en="Information Technology"), dict(UNITS[2], parent_code="mof")]
    result = units(changed)
    assert (result.updated, result.moved) == (1, 1)
    assert OrgUnit.objects.get(code="moj-it").name_en == "Information Technology"
    assert OrgUnit.objects.get(code="moj-hr").get_parent().code == "mof"


def test_people_are_created_updated_moved_and_a_rerun_writes_nothing(organisation):
    rows = [person("J-1"), person("J-2", preferred_language="en", hire_date="2020-01-31")]
    result = people(rows)
    assert (result.created, result.errors) == (2, [])
    salim = Employee.objects.select_related("user", "org_unit").get(employee_number="J-1")
    assert (salim.user.username, salim.user.email, salim.org_unit.code) == ("j-1", "j-1@example.om", "moj-it")
    assert salim.user.groups.filter(name="Learners").exists() and not salim.user.has_usable_password()
    with CaptureQueriesContext(connection) as queries:
        again = people(rows)
    assert (again.unchanged, again.created, again.updated, again.moved) == (2, 0, 0, 0)
    assert writes(queries) == []
    result = people([person("J-1", grade="9"), person("J-2", unit="moj-hr", preferred_language="en")])
    assert (result.updated, result.moved, result.unchanged) == (1, 1, 0)
    assert Employee.objects.get(employee_number="J-1").grade == "9"
    assert Employee.objects.get(employee_number="J-2").org_unit.code == "moj-hr"
    entry = AuditEntry.objects.filter(action="people.synced").latest("pk")
    assert entry.changes["employees_moved"] == 1 and entry.changes["employees_updated"] == 1


def test_leavers_are_deactivated_and_returners_activated(organisation):
    people([person("J-1"), person("J-2")])
    result = people([person("J-1", active=False), person("J-2", active=True)])
    assert (result.deactivated, result.unchanged) == (1, 1)
    assert not get_user_model().objects.get(username="j-1").is_active
    assert Employee.objects.filter(employee_number="J-1").exists()  # nothing is deleted
    assert people([person("J-1", active="false")]).unchanged == 1
    assert people([person("J-1")]).unchanged == 1  # no active field: the account is left as it is
    result = people([person("J-1", active="true")])
    assert result.updated == 1 and get_user_model().objects.get(username="j-1").is_active
    assert people([person("J-3", active=False)]).created == 1
    assert not get_user_model().objects.get(username="j-3").is_active


def test_managers_may_come_later_in_the_batch_and_an_empty_one_removes_the_link(organisation):
    rows = [person("J-1", manager_employee_number="J-2"), person("J-2", manager_employee_number="J-3"), person("J-3")]
    assert people(rows).created == 3
    assert Employee.objects.get(employee_number="J-1").manager.employee_number == "J-2"
    assert Employee.objects.get(employee_number="J-2").manager.employee_number == "J-3"
    assert people([person("J-1")]).unchanged == 1  # no manager field: the manager stays
    assert people([person("J-1", manager_employee_number="")]).updated == 1
    assert Employee.objects.get(employee_number="J-1").manager is None
    result = people([person("J-3", manager_employee_number="J-1"), person("J-1", manager_employee_number="J-2")])
    assert [error.field for error in result.errors] == ["manager_employee_number"] * 2
    assert "the managers go round in a circle" in result.errors[0].message
    assert Employee.objects.get(employee_number="J-3").manager is None


def test_each_bad_row_is_reported_with_its_index_and_field_and_the_good_rows_are_written(organisation):
    rows = [
        person("J-1"),
        person("J-2", unit="nowhere"),
        {"employee_number": "J-3", "full_name_en": "No Arabic name", "org_unit_code": "moj-it"},
        person("J-1"),
        person("J-4", hire_date="31/12/2020", colour="blue"),
        person("J-5", grade=["8"]),
        person("J-6", email="not-an-email", civil_number="1234"),
        person("J-7", civil_number="1234"),
    ]
    result = people(rows)
    assert result.created == 1 and result.applied
    assert list(Employee.objects.values_list("employee_number", flat=True)) == ["J-1"]
    assert RowError(1, "org_unit_code", "unknown organisation unit 'nowhere'.") in result.errors
    assert RowError(2, "full_name_ar", "the Arabic name is empty.") in result.errors
    assert RowError(3, "employee_number", "employee number J-1 appears twice (first in row 0).") in result.errors
    assert RowError(4, "colour", "unknown field 'colour'.") in result.errors
    assert RowError(5, "grade", "grade must be text.") in result.errors
    assert RowError(6, "email", "'not-an-email' is not an email address.") in result.errors
    assert RowError(7, "civil_number", "civil number 1234 appears twice (first in row 6).") in result.errors
    assert [error.index for error in result.errors] == sorted(error.index for error in result.errors)


def test_unit_rows_with_bad_codes_and_missing_parents_are_refused_with_their_children(db):
    rows = [
        {"code": "bad code!", "kind": "ministry", "name_ar": "أ", "name_en": "A"},
        {"code": "x", "parent_code": "nowhere", "kind": "ministry", "name_ar": "س", "name_en": "X"},
        {"code": "x-child", "parent_code": "x", "kind": "directorate", "name_ar": "ص", "name_en": "Child"},
        {"code": "ok", "kind": "bureau", "name_ar": "ب", "name_en": "B"},
        {"code": "fine", "kind": "ministry", "name_ar": "ج", "name_en": "Fine"},
    ]
    result = units(rows)
    assert [(error.index, error.field) for error in result.errors] == [
        (0, "code"),
        (1, "parent_code"),
        (2, "parent_code"),
        (3, "kind"),
    ]
    assert list(OrgUnit.objects.values_list("code", flat=True)) == ["fine"]


def test_all_or_nothing_writes_nothing_when_one_row_is_wrong(organisation):
    result = people([person("J-1"), person("J-2", unit="nowhere")], all_or_nothing=True)
    assert not result.applied and result.created == 0 and len(result.errors) == 1
    assert not Employee.objects.exists()
    assert people([person("J-1"), person("J-2")], all_or_nothing=True).applied


def test_a_dry_run_reports_what_would_happen_and_writes_nothing(organisation):
    people([person("J-1")])
    entries = AuditEntry.objects.count()
    with CaptureQueriesContext(connection) as queries:
        result = people([person("J-1", unit="moj-hr"), person("J-2")], dry_run=True)
    assert (result.moved, result.created, result.applied) == (1, 1, False)
    assert Employee.objects.get(employee_number="J-1").org_unit.code == "moj-it"
    assert not Employee.objects.filter(employee_number="J-2").exists() and AuditEntry.objects.count() == entries
    result = units([dict(UNITS[1], name_en="Renamed")], dry_run=True)
    assert result.updated == 1 and OrgUnit.objects.get(code="moj-it").name_en == "IT"
    assert any(query["sql"].startswith("ROLLBACK") for query in queries) or connection.vendor != "postgresql"


def test_a_client_bound_to_a_subtree_cannot_write_outside_it(organisation):
    moj = OrgUnit.objects.get(code="moj")
    people([person("F-1", unit="mof")])
    rows = [
        {"code": "moj-legal", "parent_code": "moj-it", "kind": "department", "name_ar": "ق", "name_en": "Legal"},
        {"code": "mof-new", "parent_code": "mof", "kind": "directorate", "name_ar": "ج", "name_en": "New"},
        dict(UNITS[3], name_en="Taken over"),
        dict(UNITS[2], parent_code="mof"),
        dict(UNITS[0], parent_code="mof"),
    ]
    result = units(rows, within=moj)
    assert [(error.index, error.field) for error in result.errors] == [
        (1, "parent_code"),
        (2, "code"),
        (3, "parent_code"),
        (4, "parent_code"),
    ]
    assert (result.created, result.updated) == (1, 0)
    assert units([dict(UNITS[0], name_en="Justice")], within=moj).updated == 1  # the top may be renamed
    assert OrgUnit.objects.get(code="mof").name_en == "Ministry of Finance"
    assert OrgUnit.objects.get(code="moj-hr").get_parent().code == "moj"
    result = people(
        [person("J-1"), person("J-2", unit="mof"), person("F-1"), person("J-3", manager_employee_number="F-1")],
        within=moj,
    )
    assert [(error.index, error.field) for error in result.errors] == [
        (1, "org_unit_code"),
        (2, "employee_number"),
        (3, "manager_employee_number"),
    ]
    assert Employee.objects.get(employee_number="F-1").org_unit.code == "mof"
    assert set(Employee.objects.values_list("employee_number", flat=True)) == {"J-1", "F-1"}


def test_staff_rows_are_skipped_as_the_import_skips_them(organisation):
    people([person("A-1")])
    get_user_model().objects.filter(username="a-1").update(is_staff=True)
    result = people([person("A-1", email="attacker@evil.example", active=False), person("J-1")])
    assert result.created == 1 and [error.index for error in result.skipped] == [0]
    assert "has a staff account" in result.skipped[0].message
    user = get_user_model().objects.get(username="a-1")
    assert user.email == "a-1@example.om" and user.is_active


def test_a_new_persons_user_name_or_civil_number_taken_by_someone_else_is_refused(organisation):
    UserFactory(username="j-1")
    people([person("J-2", civil_number="9001")])
    result = people([person("J-1"), person("J-3", civil_number="9001"), person("J-2")])
    assert [(error.index, error.field) for error in result.errors] == [(0, "username"), (1, "civil_number")]
    assert result.unchanged == 1


def test_more_than_ten_thousand_rows_are_refused_whole(organisation):
    result = people([person(f"J-{index}") for index in range(MAX_ROWS + 1)])
    assert not result.applied and not Employee.objects.exists()
    assert result.errors == [
        RowError(MAX_ROWS, "", "A request holds at most 10,000 rows; this one has 10,001. Send it in several requests.")
    ]


def test_a_row_that_is_not_an_object_or_holds_a_control_character_is_refused(organisation):
    result = people(["J-1", person("J-2", full_name_en="Bad\x00name")])
    assert [(error.index, error.field) for error in result.errors] == [(0, ""), (1, "full_name_en")]
    assert not Employee.objects.exists()


def test_the_csv_import_runs_the_same_sync_with_the_same_columns(organisation):
    header = "employee_number,full_name_ar,full_name_en,org_unit_code,email,grade,civil_number,active\n"
    line = "J-1,الموظف J-1,Employee J-1,moj-it,j-1@example.om,8,{civil},{active}\n"
    result = import_people(employees=("people.csv", (header + line.format(civil="9001", active="")).encode()))
    assert result.employees_created == 1 and Employee.objects.get(employee_number="J-1").civil_number == "9001"
    assert people([person("J-1", civil_number="9001")]).unchanged == 1  # the import and the sync agree
    result = import_people(employees=("people.csv", (header + line.format(civil="", active="false")).encode()))
    assert result.employees_deactivated == 1 and not get_user_model().objects.get(username="j-1").is_active
    assert "1 employee left: their account is deactivated." in result.summary()
    with pytest.raises(ImportFailed) as refused:
        import_people(employees=("people.csv", (header + line.format(civil="", active="maybe")).encode()))
    assert refused.value.messages == ["people.csv, line 2: active must be true or false, not 'maybe'."]
