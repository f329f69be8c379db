"""``ScaleDataset``: OMAN-250k generated phase by phase into an empty PostgreSQL database, in one transaction."""

from __future__ import annotations

import random
import time

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection, transaction

from courses.models import Enrolment, ModuleProgress
from demo.courses import ensure_catalogue
from people.models import Employee, HRScope, OrgUnit
from people.services import HR_OFFICERS, LEARNERS, ensure_roles

from .bulk import drop_secondary_indexes, reset_sequence
from .courses import write_courses
from .learning import write_enrolments, write_progress
from .people import write_people
from .run import ScaleReport, ScaleRun
from .shape import DEPARTMENTS, DIRECTORATES, MINISTRIES, UNUSABLE_PASSWORD


class ScaleDataset(ScaleRun):
    """Generates OMAN-250k (or a fraction of it) into an empty PostgreSQL database."""

    def check_empty(self) -> None:
        if connection.vendor != "postgresql":
            raise RuntimeError("seed_scale loads with PostgreSQL COPY; point DATABASE_URL at a PostgreSQL database.")
        if Employee.objects.exists() or Enrolment.objects.exists():
            raise RuntimeError(
                "seed_scale fills an empty database, but this one already has employees or enrolments. "
                "Create a new database (createdb qudra_scale), migrate it and run seed_scale there."
            )

    def run(self) -> ScaleReport:
        self.check_empty()
        with transaction.atomic(), connection.cursor() as django_cursor:
            cursor = django_cursor.cursor  # the psycopg 3 cursor, for COPY
            cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
            cursor.execute("SET LOCAL work_mem = '64MB'")
            # Before anything is written: later, deferred foreign-key checks would block the ALTER TABLEs.
            restore = []
            for table in (ModuleProgress._meta.db_table, Enrolment._meta.db_table):
                restore += drop_secondary_indexes(cursor, table)
            catalogues = ensure_catalogue()
            groups = ensure_roles(catalogue=catalogues["ar"])
            units = self._units()
            modules = write_courses(self, cursor, catalogues)
            user_ids = write_people(self, cursor, units, groups[LEARNERS])
            self._hr_officers(groups[HR_OFFICERS])
            enrolments = write_enrolments(self, cursor, user_ids, modules)
            write_progress(self, cursor, enrolments, modules)
            started = time.monotonic()
            bar = self.bar("indexes", len(restore))
            for statement in restore:
                cursor.execute(statement)
                if bar:
                    bar.update(1)
            self.close_bar(bar)
            for table in ("courses_enrolment", "courses_moduleprogress"):
                reset_sequence(cursor, table)
            self.timed("indexes", started)
        started = time.monotonic()
        if connection.in_atomic_block:
            # Called inside a transaction (tests): VACUUM cannot run there; ANALYZE is enough.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
            return self.report
        with connection.cursor() as cursor:
            # Outside the transaction: VACUUM sets the visibility map so count queries can use
            # index-only scans, and ANALYZE gives the planner real statistics.
            for table in (
                "people_orgunit",
                "auth_user",
                "people_employee",
                "courses_enrolment",
                "courses_moduleprogress",
            ):
                cursor.execute(f"VACUUM ANALYZE {table}")
        self.timed("vacuum_analyze", started)
        return self.report

    def _units(self) -> dict[str, list[tuple[int, float]]]:
        """Ministries > directorates > departments through treebeard; returns (unit id, weight) per ministry."""
        started = time.monotonic()
        rng = random.Random(f"{self.seed}-units")
        units: dict[str, list[tuple[int, float]]] = {}
        count = 0
        for code, name_en, name_ar, _weight in MINISTRIES:
            ministry = OrgUnit.add_root(code=code, name_en=name_en, name_ar=name_ar, kind=OrgUnit.Kind.MINISTRY)
            members = [(ministry.id, 3.0)]
            count += 1
            for d_code, d_en, d_ar in DIRECTORATES[: rng.randint(3, 5)]:
                directorate = ministry.add_child(
                    code=f"{code}-{d_code}", name_en=d_en, name_ar=d_ar, kind=OrgUnit.Kind.DIRECTORATE
                )
                members.append((directorate.id, 4.0))
                count += 1
                for p_code, p_en, p_ar in DEPARTMENTS[: rng.randint(2, 3)]:
                    department = directorate.add_child(
                        code=f"{code}-{d_code}-{p_code}",
                        name_en=f"{p_en} ({d_en.removeprefix('Directorate General of ')})",
                        name_ar=f"{p_ar} ({d_ar.removeprefix('المديرية العامة ')})",
                        kind=OrgUnit.Kind.DEPARTMENT,
                    )
                    members.append((department.id, 10.0 + rng.random() * 10))
                    count += 1
            units[code] = members
        self.report.counts["org_units"] = count
        self.report.counts["ministries"] = len(MINISTRIES)
        self.timed("org_units", started)
        return units

    def _hr_officers(self, hr_group: Group) -> None:
        """One HR officer per ministry (``hr.<code>``), scoped to it, for the benchmarks and manual checks."""
        user_model = get_user_model()
        for code, name_en, name_ar, _weight in MINISTRIES:
            ministry = OrgUnit.objects.get(code=code)
            user = user_model.objects.create(
                username=f"hr.{code}", password=UNUSABLE_PASSWORD, email=f"hr.{code}@gov.example.om"
            )
            user.groups.add(hr_group)
            HRScope.objects.create(user=user, org_unit=ministry)
            Employee.objects.create(
                user=user,
                employee_number=f"HR-{code.upper()}",
                full_name_en=f"HR officer, {name_en}",
                full_name_ar=f"موظف الموارد البشرية، {name_ar}",
                org_unit=ministry,
                grade="7",
            )
        user_model.objects.create(
            username="admin.scale",
            password=UNUSABLE_PASSWORD,
            is_superuser=True,
            is_staff=True,
            email="admin@gov.example.om",
        )
