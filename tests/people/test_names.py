"""An employee's names are stored without direction controls, whichever way they are written."""

from __future__ import annotations

from people.imports import import_people
from people.models import Employee
from tests.factories import EmployeeFactory

OVERRIDE = "\u202e"


def test_saving_an_employee_strips_direction_controls(db):
    employee = EmployeeFactory(full_name_en=f"Ali {OVERRIDE}redro", full_name_ar="\u2067علي\u2069")
    assert (employee.full_name_en, employee.full_name_ar) == ("Ali redro", "علي")
    stored = Employee.objects.values_list("full_name_en", "full_name_ar").get(pk=employee.pk)
    assert stored == ("Ali redro", "علي")


def test_writes_that_skip_save_store_the_stripped_name_too(db):
    employee = EmployeeFactory()
    Employee.objects.filter(pk=employee.pk).update(full_name_en=f"Mona{OVERRIDE} Said")
    employee.full_name_ar = f"منى{OVERRIDE}"
    Employee.objects.bulk_update([employee], ["full_name_ar"])
    assert Employee.objects.values_list("full_name_en", "full_name_ar").get(pk=employee.pk) == ("Mona Said", "منى")


def test_a_form_for_an_employee_cleans_the_name(db):
    field = Employee._meta.get_field("full_name_en").formfield()
    assert field.clean(f"Ali {OVERRIDE}redro") == "Ali redro"


def test_an_imported_name_is_stored_without_direction_controls(db):
    units = "code,parent_code,kind,name_ar,name_en\nmoh,,ministry,وزارة الصحة,Ministry of Health\n"
    employees = (
        "employee_number,full_name_ar,full_name_en,org_unit_code\n"
        f"H-001,سالم{OVERRIDE} الحارثي,Salim {OVERRIDE}ytrah-la,moh\n"
    )
    import_people(units=("units.csv", units.encode()), employees=("employees.csv", employees.encode()))
    employee = Employee.objects.get(employee_number="H-001")
    assert (employee.full_name_ar, employee.full_name_en) == ("سالم الحارثي", "Salim ytrah-la")
