"""The people import and what it must never do: take over a staff account, choke on a binary file, or
leave reporting lines that go round in a circle."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from audit.models import AuditEntry
from people.imports import ImportFailed
from people.models import Employee, HRScope, OrgUnit
from people.services import HR_OFFICERS, TRAINERS
from tests.factories import UserFactory, make_org_unit

from .test_imports import EMPLOYEES, UNITS, english, nothing_written, problems, run  # noqa: F401  (fixture)

HEADER = "employee_number,full_name_ar,full_name_en,org_unit_code,email\n"


@pytest.fixture
def ministry(db):
    return make_org_unit("moe")


def _employee(user, number: str, unit: OrgUnit) -> Employee:
    return Employee.objects.create(
        user=user, employee_number=number, full_name_ar="مدير", full_name_en="Admin", org_unit=unit
    )


def test_one_row_cannot_take_over_the_superuser(ministry, client):
    admin = UserFactory(username="admin", email="admin@qudra.om", is_superuser=True, is_staff=True)
    _employee(admin, "A-1", ministry)
    other = make_org_unit("moe-x", ministry, OrgUnit.Kind.DIRECTORATE)
    row = "A-1,مدير,Admin,moe-x,attacker@evil.example\n"

    result = run(employees=HEADER + row)

    admin.refresh_from_db()
    assert admin.email == "admin@qudra.om"
    assert Employee.objects.get(employee_number="A-1").org_unit == ministry != other
    assert (result.employees_updated, result.employees_moved) == (0, 0)
    [skipped] = result.skipped
    assert skipped.line == 2
    assert str(skipped).startswith("employees.csv, line 2: skipped: employee A-1 has a staff account")
    assert "1 row was skipped" in result.summary()
    # The admin's password reset still mails the old address only; the attacker's address gets nothing.
    with translation.override("en"):
        reset = reverse("accounts:password_reset")
    client.post(reset, {"email": "attacker@evil.example"})
    assert mail.outbox == []
    client.post(reset, {"email": "admin@qudra.om"})
    assert [message.to for message in mail.outbox] == [["admin@qudra.om"]]


@pytest.mark.parametrize("kind", ["staff", "trainer", "hr officer", "hr scope"])
def test_every_kind_of_staff_account_is_left_alone(ministry, kind):
    user = UserFactory(username="staff.person", email="staff@qudra.om", is_staff=kind == "staff")
    if kind in ("trainer", "hr officer"):
        user.groups.add(Group.objects.create(name=TRAINERS if kind == "trainer" else HR_OFFICERS))
    if kind == "hr scope":
        HRScope.objects.create(user=user, org_unit=ministry)
    _employee(user, "S-1", ministry)
    learner = UserFactory(username="learner", email="old@qudra.om")
    _employee(learner, "L-1", ministry)
    rows = "S-1,مدير,Admin,moe,new@example.om\nL-1,متعلم,Learner,moe,new.learner@example.om\n"

    result = run(employees=HEADER + rows)

    user.refresh_from_db()
    learner.refresh_from_db()
    assert user.email == "staff@qudra.om" and [problem.line for problem in result.skipped] == [2]
    # An ordinary learner's row is still written.
    assert learner.email == "new.learner@example.om" and result.employees_updated == 1


def test_a_staff_row_that_changes_nothing_is_up_to_date_not_skipped(ministry):
    admin = UserFactory(username="admin", email="admin@qudra.om", is_superuser=True)
    _employee(admin, "A-1", ministry)
    result = run(employees=HEADER + "A-1,مدير,Admin,moe,admin@qudra.om\n")
    assert (result.skipped, result.unchanged) == ([], 1)


def test_the_command_prints_each_skipped_row(ministry, tmp_path, capsys):
    admin = UserFactory(username="admin", email="admin@qudra.om", is_superuser=True)
    _employee(admin, "A-1", ministry)
    people = tmp_path / "people.csv"
    people.write_text(HEADER + "A-1,مدير,Admin,moe,attacker@evil.example\n", encoding="utf-8")
    call_command("import_people", employees=people)
    output = capsys.readouterr().out
    assert "people.csv, line 2: skipped: employee A-1 has a staff account" in output
    assert "1 row was skipped" in output


def test_an_import_is_written_to_the_audit_log(db):
    run(UNITS, EMPLOYEES)
    entry = AuditEntry.objects.get(action="people.imported")
    assert entry.changes["units_created"] == 3 and entry.changes["employees_created"] == 2
    run(UNITS, EMPLOYEES, dry_run=True)
    assert AuditEntry.objects.filter(action="people.imported").count() == 1


# -- files that are not CSV text ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "line"),
    [
        (EMPLOYEES.encode() + b"J-003,\x00x,y,moj,,,,,\n", 4),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 1),
        (b"PK\x03\x04\x14\x00\x06\x00", 1),
        (EMPLOYEES.encode("utf-16-le"), 1),
    ],
    ids=["nul byte", "png", "xlsx", "utf-16 without bom"],
)
def test_binary_content_is_refused_with_its_line(db, content, line):
    (message,) = problems(UNITS, content)
    assert message.startswith(f"employees.csv, line {line}: ")
    assert "CSV UTF-8" in message


def test_the_command_refuses_a_nul_byte_cleanly(db, tmp_path):
    people = tmp_path / "people.csv"
    people.write_bytes(EMPLOYEES.encode() + b"J-003,\x00,y,moj,,,,,\n")
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_people", employees=people)
    nothing_written()


def test_the_command_exits_non_zero_without_a_traceback(db, tmp_path, settings):
    people = tmp_path / "people.csv"
    people.write_bytes(b"\x00\x01binary")
    database = settings.DATABASES["default"]
    finished = subprocess.run(  # noqa: S603  (our own manage.py, no shell)
        [sys.executable, "manage.py", "import_people", f"--employees={people}", "--dry-run"],
        env={**os.environ, "DATABASE_URL": _database_url(database)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert finished.returncode != 0
    # The command speaks the site's default language (Arabic): the location reads "people.csv، السطر 1".
    assert "people.csv، السطر 1" in finished.stderr and "(0x00)" in finished.stderr
    assert "Traceback" not in finished.stderr + finished.stdout


def _database_url(database: dict) -> str:
    if "sqlite" in database["ENGINE"]:
        return f"sqlite:///{database['NAME']}"
    return (
        f"postgres://{database['USER']}:{database['PASSWORD']}@{database['HOST'] or '127.0.0.1'}:"
        f"{database['PORT'] or 5432}/{database['NAME']}"
    )


# -- managers --------------------------------------------------------------------------------------------

MANAGED = (
    "employee_number,full_name_ar,full_name_en,org_unit_code,manager_employee_number\n"
    "J-001,سالم,Salim,moj,\n"
    "J-002,منى,Muna,moj-it,J-001\n"
    "J-003,خالد,Khalid,moj-it-sup,J-002\n"
)


def test_managers_may_be_rows_of_the_same_file(db):
    run(UNITS, MANAGED)
    khalid = Employee.objects.get(employee_number="J-003")
    assert khalid.manager.employee_number == "J-002"
    assert khalid.manager.manager.employee_number == "J-001"
    assert Employee.objects.get(employee_number="J-001").manager is None
    # Again: nothing changes. Then an empty cell removes a manager.
    assert run(UNITS, MANAGED).unchanged == 6
    result = run(employees=MANAGED.replace("moj-it-sup,J-002", "moj-it-sup,"))
    assert result.employees_updated == 1
    assert Employee.objects.get(employee_number="J-003").manager is None


def test_a_file_without_the_manager_column_leaves_managers_alone(db):
    run(UNITS, MANAGED)
    run(employees="employee_number,full_name_ar,full_name_en,org_unit_code\nJ-003,خالد,Khalid,moj-it-sup\n")
    assert Employee.objects.get(employee_number="J-003").manager.employee_number == "J-002"


def test_an_unknown_manager_is_reported_with_its_line(db):
    messages = problems(UNITS, MANAGED + "J-004,ع,E,moj,J-999\n")
    assert messages == [
        "employees.csv, line 5: unknown manager 'J-999': no employee has this number, in the file or already."
    ]


def test_a_circle_of_managers_is_refused(db):
    circle = MANAGED.replace("J-001,سالم,Salim,moj,\n", "J-001,سالم,Salim,moj,J-002\n")
    messages = problems(UNITS, circle)
    assert "employees.csv, line 2: the managers go round in a circle: J-001 → J-002 → J-001." in messages
    assert "employees.csv, line 3: the managers go round in a circle: J-002 → J-001 → J-002." in messages


def test_a_circle_through_people_already_imported_is_refused(db):
    run(UNITS, MANAGED)
    with pytest.raises(ImportFailed) as failure:
        run(
            employees="employee_number,full_name_ar,full_name_en,org_unit_code,manager_employee_number\n"
            "J-001,سالم,Salim,moj,J-003\n"
        )
    assert failure.value.messages == [
        "employees.csv, line 2: the managers go round in a circle: J-001 → J-003 → J-002 → J-001."
    ]
    assert Employee.objects.get(employee_number="J-001").manager is None


def test_nobody_manages_themselves(db):
    assert problems(UNITS, MANAGED + "J-004,ع,E,moj,J-004\n") == [
        "employees.csv, line 5: an employee cannot be their own manager."
    ]
