"""Two HR systems (or one retrying) syncing the same rows at the same moment: one set of rows, no errors."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.db import connection

from people.models import Employee, OrgUnit
from people.sync import sync_people, sync_units
from tests.builders.concurrency import run_at_once

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's advisory locks")

UNITS = [{"code": "moj", "kind": "ministry", "name_ar": "وزارة العدل", "name_en": "Ministry of Justice"}]
PEOPLE = [
    {
        "employee_number": f"J-{index}",
        "full_name_ar": f"الموظف {index}",
        "full_name_en": f"Employee {index}",
        "org_unit_code": "moj",
        "manager_employee_number": "J-0" if index else "",
    }
    for index in range(50)
]
OPTIONS = {"within": None, "dry_run": False, "all_or_nothing": False, "actor": None}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_syncs_of_the_same_rows_create_each_row_once():
    unit_results, failures = run_at_once(lambda: sync_units(UNITS, **OPTIONS), threads=2)
    assert failures == [] and OrgUnit.objects.filter(code="moj").count() == 1
    assert sorted(result.created for result in unit_results) == [0, 1]
    results, failures = run_at_once(lambda: sync_people(PEOPLE, **OPTIONS), threads=2)
    assert failures == [] and [result.errors for result in results] == [[], []]
    assert sorted(result.created for result in results) == [0, 50]
    assert Employee.objects.count() == 50 and get_user_model().objects.count() == 50
    assert Employee.objects.filter(manager__employee_number="J-0").count() == 49
