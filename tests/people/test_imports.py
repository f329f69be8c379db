"""Bulk import of units and employees: clear, line-numbered errors and nothing written, or everything."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation
from wagtail.users.models import UserProfile

from people.imports import ImportFailed, import_people
from people.models import Employee, OrgUnit
from people.services import ADMINISTRATORS
from tests.factories import UserFactory

UNITS = (
    "code,parent_code,kind,name_ar,name_en\n"
    "moj,,ministry,وزارة العدل,Ministry of Justice\n"
    "moj-it,moj,directorate,المديرية العامة لتقنية المعلومات,Directorate General of IT\n"
    "moj-it-sup,moj-it,department,دائرة الدعم الفني,Support Department\n"
)
EMPLOYEES = (
    "employee_number,full_name_ar,full_name_en,org_unit_code,email,job_title,grade,hire_date,preferred_language\n"
    "J-001,سالم الحارثي,Salim Al-Harthy,moj-it,salim@example.om,Engineer,8,2019-03-01,ar\n"
    "J-002,منى البلوشية,Muna Al-Balushi,moj-it-sup,,Analyst,9,,en\n"
)


@pytest.fixture(autouse=True)
def english():
    # Messages are translated; these tests read them in English (the Arabic catalogue may have them too).
    with translation.override("en"):
        yield


def run(units: str | bytes | None = None, employees: str | bytes | None = None, **options):
    as_bytes = {
        key: (value.encode() if isinstance(value, str) else value)
        for key, value in (("units", units), ("employees", employees))
    }
    return import_people(
        units=("units.csv", as_bytes["units"]) if units is not None else None,
        employees=("employees.csv", as_bytes["employees"]) if employees is not None else None,
        **options,
    )


def nothing_written() -> None:
    assert not OrgUnit.objects.filter(code__startswith="moj").exists()
    assert not Employee.objects.filter(employee_number__startswith="J-").exists()


def problems(units=None, employees=None) -> list[str]:
    with pytest.raises(ImportFailed) as failure:
        run(units, employees)
    nothing_written()
    return failure.value.messages


def test_import_creates_the_tree_and_the_people(db):
    result = run(UNITS, EMPLOYEES)
    assert (result.units_created, result.employees_created) == (3, 2)
    support = OrgUnit.objects.get(code="moj-it-sup")
    assert [unit.code for unit in support.get_ancestors()] == ["moj", "moj-it"]
    salim = Employee.objects.get(employee_number="J-001")
    assert (salim.full_name_ar, salim.org_unit.code, salim.grade, str(salim.hire_date)) == (
        "سالم الحارثي",
        "moj-it",
        "8",
        "2019-03-01",
    )
    assert salim.user.username == "j-001" and not salim.user.has_usable_password()
    assert Employee.objects.get(employee_number="J-002").preferred_language == "en"


def test_reimporting_the_same_files_changes_nothing(db):
    run(UNITS, EMPLOYEES)
    snapshot = list(Employee.objects.order_by("id").values())
    result = run(UNITS, EMPLOYEES)
    assert not result.changed and result.unchanged == 5
    assert list(Employee.objects.order_by("id").values()) == snapshot


def test_people_who_changed_unit_are_moved_and_units_can_move(db):
    run(UNITS, EMPLOYEES)
    moved = EMPLOYEES.replace(
        "J-001,سالم الحارثي,Salim Al-Harthy,moj-it,", "J-001,سالم الحارثي,Salim Al-Harthy,moj-it-sup,"
    )
    result = run(employees=moved)
    assert (result.employees_moved, result.unchanged) == (1, 1)
    assert Employee.objects.get(employee_number="J-001").org_unit.code == "moj-it-sup"
    # The department moves directly under the ministry; its people come along.
    result = run(UNITS.replace("moj-it-sup,moj-it,", "moj-it-sup,moj,"))
    assert result.units_moved == 1
    assert OrgUnit.objects.get(code="moj-it-sup").get_parent().code == "moj"


def test_bad_header_is_reported_on_line_one(db):
    (message,) = problems(employees="number,name,unit\nJ-1,x,moj\n")
    assert "employees.csv, line 1" in message
    assert "missing columns: employee_number, full_name_ar, full_name_en, org_unit_code" in message
    assert "unknown columns: number, name, unit" in message


def test_unknown_unit_is_reported_with_its_line(db):
    bad = EMPLOYEES + "J-003,خالد,Khalid,no-such-unit,,,,,\n"
    assert problems(UNITS, bad) == ["employees.csv, line 4: unknown organisation unit 'no-such-unit'."]


def test_duplicate_employee_number_is_reported_with_both_lines(db):
    bad = EMPLOYEES + "J-001,سالم,Salim again,moj,,,,,\n"
    messages = problems(UNITS, bad)
    assert "employees.csv, line 4: employee number J-001 appears twice (first on line 2)." in messages


def test_every_problem_is_reported_at_once_and_nothing_is_written(db):
    bad_units = UNITS + "moj-x,nowhere,bureau,,Orphan\n"
    bad_people = EMPLOYEES + "J-004,ع,E,moj,not-an-email,,,31/12/2020,fr\n"
    messages = problems(bad_units, bad_people)
    assert any("units.csv, line 5: unknown kind 'bureau'" in message for message in messages)
    assert any("units.csv, line 5: the Arabic name is empty." in message for message in messages)
    assert any("employees.csv, line 4: 'not-an-email' is not an email address." in message for message in messages)
    assert any("YYYY-MM-DD" in message for message in messages)
    assert any("must be ar or en" in message for message in messages)


def test_malformed_utf8_is_refused_with_its_line(db):
    windows_arabic = EMPLOYEES.replace("منى البلوشية", "MUNA").encode() + "J-009,سعيد,Said,moj,,,,,\n".encode("cp1256")
    (message,) = problems(UNITS, windows_arabic)
    assert message.startswith("employees.csv, line 4: this line is not valid UTF-8")
    assert "CSV UTF-8" in message


def test_a_utf8_bom_is_accepted(db):
    run(("\ufeff" + UNITS).encode("utf-8"), ("\ufeff" + EMPLOYEES).encode("utf-8"))
    assert Employee.objects.filter(employee_number__startswith="J-").count() == 2


def test_utf16_files_are_refused(db):
    (message,) = problems(employees=EMPLOYEES.encode("utf-16"))
    assert "UTF-16" in message and "CSV UTF-8" in message


def test_files_over_10_mb_are_refused(db, settings):
    big = EMPLOYEES.encode() + b"#" * (10 * 1024 * 1024)
    (message,) = problems(UNITS, big)
    assert "at most 10 MB" in message


def test_a_cycle_in_the_tree_is_refused(db):
    run(UNITS)
    with pytest.raises(ImportFailed) as failure:
        run("code,parent_code,kind,name_ar,name_en\nmoj,moj-it-sup,ministry,و,M\n")
    assert "circle" in failure.value.messages[0]
    assert OrgUnit.objects.get(code="moj").is_root()


def test_command_reports_problems_and_imports_nothing(db, tmp_path):
    units = tmp_path / "units.csv"
    units.write_text(UNITS, encoding="utf-8")
    people = tmp_path / "people.csv"
    people.write_text(EMPLOYEES + "J-001,x,y,moj,,,,,\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_people", units=units, employees=people)
    nothing_written()
    people.write_text(EMPLOYEES, encoding="utf-8")
    call_command("import_people", units=units, employees=people)
    assert Employee.objects.filter(employee_number__startswith="J-").count() == 2


@pytest.fixture
def import_admin(client, roles):
    user = UserFactory(username="import.admin")
    user.groups.add(roles[ADMINISTRATORS])
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": "en"})
    client.force_login(user)
    return client


@pytest.fixture
def roles(catalogue):
    from people.services import ensure_roles

    return ensure_roles(catalogue=catalogue)


def _upload(client, **files):
    data = {
        name: SimpleUploadedFile(f"{name}.csv", content if isinstance(content, bytes) else content.encode())
        for name, content in files.items()
    }
    return client.post(reverse("people_import"), data, HTTP_ACCEPT_LANGUAGE="en")


def test_upload_imports_and_reports_counts(import_admin, eager_celery, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(import_admin, units_file=UNITS, employees_file=EMPLOYEES)
    assert response.status_code == 302
    page = import_admin.get(response["Location"]).content.decode()
    assert "3 created" in page and "2 created" in page
    assert Employee.objects.filter(employee_number__startswith="J-").count() == 2


def test_upload_with_problems_lists_them_and_writes_nothing(
    import_admin, eager_celery, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(import_admin, units_file=UNITS, employees_file=EMPLOYEES + "J-001,x,y,moj,,,,,\n")
    page = import_admin.get(response["Location"]).content.decode()
    assert "Nothing was imported" in page and "appears twice (first on line 2)" in page
    nothing_written()


def test_upload_with_a_wrong_header_answers_400_at_once(import_admin):
    response = _upload(import_admin, employees_file="number,name,unit\nJ-1,x,moj\n")
    assert response.status_code == 400
    assert "employees_file.csv, line 1" in response.content.decode()
    nothing_written()


def test_upload_over_the_limit_is_refused_before_reading(import_admin, settings):
    settings.QUDRA_IMPORT_MAX_BYTES = 100
    response = _upload(import_admin, employees_file=EMPLOYEES)
    assert response.status_code == 400
    nothing_written()


def test_only_administrators_may_import(client, catalogue, roles):
    from people.services import HR_OFFICERS

    officer = UserFactory(username="officer")
    officer.groups.add(roles[HR_OFFICERS])
    client.force_login(officer)
    response = client.post(
        reverse("people_import"), {"employees_file": SimpleUploadedFile("e.csv", EMPLOYEES.encode())}
    )
    assert response.status_code in (302, 403)
    nothing_written()
    assert get_user_model().objects.filter(username="j-001").count() == 0
