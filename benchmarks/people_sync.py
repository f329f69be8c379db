"""The HR-system sync at OMAN-250k's size: its units, then 250,000 people in batches of 10,000 through
``people.sync``, then the same rows again (nothing changed: nothing may be written).

    python -m benchmarks people_sync      (QUDRA_BENCH_SYNC_PEOPLE=250000, QUDRA_BENCH_SYNC_RUNS=3 by default)

Each run starts from no people (the tables are emptied between runs, outside the timing). Writes are
counted as the INSERT, UPDATE and DELETE statements the database receives.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable

from django.contrib.auth.models import Group
from django.db import connection

from demo.scale.shape import DEPARTMENTS, DIRECTORATES, FAMILY, GIVEN, GRADES, MINISTRIES
from people.models import OrgUnit
from people.services import LEARNERS
from people.sync import MAX_ROWS, sync_people, sync_units

PEOPLE = int(os.environ.get("QUDRA_BENCH_SYNC_PEOPLE", "250000"))
RUNS = int(os.environ.get("QUDRA_BENCH_SYNC_RUNS", "3"))
OPTIONS = {"within": None, "dry_run": False, "all_or_nothing": False, "actor": None}
# A team of 20 reports to its first member, who reports to the first member of their block of 400.
TEAM, BLOCK = 20, 400


def _units() -> list[dict]:
    rows = []
    for code, name_en, name_ar, _weight in MINISTRIES:
        rows.append({"code": code, "kind": "ministry", "name_en": name_en, "name_ar": name_ar})
        for d_code, d_en, d_ar in DIRECTORATES:
            rows.append(
                {
                    "code": f"{code}-{d_code}",
                    "parent_code": code,
                    "kind": "directorate",
                    "name_en": d_en,
                    "name_ar": d_ar,
                }
            )
            for p_code, p_en, p_ar in DEPARTMENTS:
                rows.append(
                    {
                        "code": f"{code}-{d_code}-{p_code}",
                        "parent_code": f"{code}-{d_code}",
                        "kind": "department",
                        "name_en": f"{p_en} ({d_en})",
                        "name_ar": f"{p_ar} ({d_ar})",
                    }
                )
    return rows


def _manager(index: int) -> str:
    if index % TEAM:
        return f"OM{index - index % TEAM:07d}"
    return f"OM{index - index % BLOCK:07d}" if index % BLOCK else ""


def _people(count: int, departments: list[str]) -> list[dict]:
    rows = []
    for index in range(count):
        given_en, given_ar = GIVEN[index % len(GIVEN)]
        family_en, family_ar = FAMILY[(index // len(GIVEN)) % len(FAMILY)]
        rows.append(
            {
                "employee_number": f"OM{index:07d}",
                "civil_number": f"{10_000_000 + index}",
                "full_name_ar": f"{given_ar} {family_ar}",
                "full_name_en": f"{given_en} {family_en}",
                "org_unit_code": departments[(index // BLOCK) % len(departments)],
                "email": f"om{index:07d}@gov.example.om",
                "job_title": "Specialist",
                "grade": GRADES[index % len(GRADES)],
                "hire_date": f"20{10 + index % 15}-0{1 + index % 9}-1{index % 10}",
                "preferred_language": "en" if index % 5 == 0 else "ar",
                "manager_employee_number": _manager(index),
                "active": True,
            }
        )
    return rows


class WriteCounter:
    def __init__(self) -> None:
        self.writes = 0

    def __call__(self, execute: Callable, sql: str, params, many: bool, context) -> object:
        if sql.lstrip()[:6].upper() in ("INSERT", "UPDATE", "DELETE"):
            self.writes += 1
        return execute(sql, params, many, context)


def _sync_all(rows: list[dict]) -> dict:
    counter = WriteCounter()
    totals = {"created": 0, "updated": 0, "unchanged": 0, "errors": 0}
    started = time.perf_counter()
    with connection.execute_wrapper(counter):
        for start in range(0, len(rows), MAX_ROWS):
            result = sync_people(rows[start : start + MAX_ROWS], **OPTIONS)
            for name in ("created", "updated", "unchanged"):
                totals[name] += getattr(result, name)
            totals["errors"] += len(result.errors)
    return {"seconds": time.perf_counter() - started, "writes": counter.writes, **totals}


def _empty_people() -> None:
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE people_employee, auth_user_groups, auth_user CASCADE")


def run() -> dict:
    Group.objects.get_or_create(name=LEARNERS)  # every new person joins it
    unit_rows = _units()
    started = time.perf_counter()
    units = sync_units(unit_rows, **OPTIONS)
    unit_seconds = time.perf_counter() - started
    departments = list(
        OrgUnit.objects.filter(kind=OrgUnit.Kind.DEPARTMENT).order_by("code").values_list("code", flat=True)
    )
    rows = _people(PEOPLE, departments)
    first, again = [], []
    for _run in range(RUNS):
        _empty_people()
        first.append(_sync_all(rows))
        again.append(_sync_all(rows))
    return {
        "units": {"rows": len(unit_rows), "created": units.created, "seconds": round(unit_seconds, 2)},
        "people": PEOPLE,
        "batch": MAX_ROWS,
        "runs": RUNS,
        "first_sync_median_s": round(statistics.median(run["seconds"] for run in first), 2),
        "first_sync_s": [round(run["seconds"], 2) for run in first],
        "first_sync_counts": {key: first[-1][key] for key in ("created", "updated", "unchanged", "errors", "writes")},
        "rerun_median_s": round(statistics.median(run["seconds"] for run in again), 2),
        "rerun_s": [round(run["seconds"], 2) for run in again],
        "rerun_counts": {key: again[-1][key] for key in ("created", "updated", "unchanged", "errors", "writes")},
        "load_average": os.getloadavg(),
    }
