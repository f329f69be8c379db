"""The employees of OMAN-250k: users, employee records and their Learners membership."""

from __future__ import annotations

import random
import time
from array import array

from django.contrib.auth.models import Group

from .bulk import copy_rows, next_id, reset_sequence
from .run import ScaleRun
from .shape import FAMILY, GIVEN, GRADE_WEIGHTS, GRADES, MINISTRIES, UNUSABLE_PASSWORD


def write_people(dataset: ScaleRun, cursor, units: dict[str, list[tuple[int, float]]], learners: Group) -> array:
    """Users, employees and their Learners membership; returns the user id of every employee."""
    started = time.monotonic()
    rng = random.Random(f"{dataset.seed}-people")
    ministry_weights = [weight for *_rest, weight in MINISTRIES]
    ministry_codes = [code for code, *_rest in MINISTRIES]
    unit_choices = {
        code: ([unit_id for unit_id, _w in members], [w for _u, w in members]) for code, members in units.items()
    }
    first_user = next_id(cursor, "auth_user")
    first_employee = next_id(cursor, "people_employee")
    first_membership = next_id(cursor, "auth_user_groups")
    joined = f"{dataset.date(900)} 08:00:00+04"
    user_ids = array("i")
    users, employees, memberships = [], [], []
    for index in range(dataset.employees):
        user_id = first_user + index
        user_ids.append(user_id)
        given_en, given_ar = rng.choice(GIVEN)
        father_en, father_ar = rng.choice(GIVEN)
        family_en, family_ar = rng.choice(FAMILY)
        ministry = rng.choices(ministry_codes, ministry_weights)[0]
        unit_ids, unit_weights = unit_choices[ministry]
        unit_id = rng.choices(unit_ids, unit_weights)[0]
        username = f"om{index + 1:07d}"
        users.append(
            f"{user_id}\t{UNUSABLE_PASSWORD}\t\\N\tf\t{username}\t{given_en}\t{family_en}\t{username}@gov.example.om\t"
            f"f\tt\t{joined}\n"
        )
        hire_days = rng.randint(200, 5 * 365)
        employees.append(
            f"{first_employee + index}\tOM{index + 1:07d}\t{given_ar} {father_ar} {family_ar}\t"
            f"{given_en} {father_en} {family_en}\tSpecialist\t{rng.choices(GRADES, GRADE_WEIGHTS)[0]}\t"
            f"{dataset.date(hire_days)}\t{'ar' if rng.random() < 0.8 else 'en'}\t"
            f"{user_id}\t{unit_id}\n"
        )
        memberships.append(f"{first_membership + index}\t{user_id}\t{learners.id}\n")
    bar = dataset.bar("people", dataset.employees * 3)
    update = bar.update if bar else None
    copy_rows(
        cursor,
        "COPY auth_user (id, password, last_login, is_superuser, username, first_name, last_name, email, "
        "is_staff, is_active, date_joined) FROM STDIN",
        users,
        update,
    )
    copy_rows(
        cursor,
        "COPY people_employee (id, employee_number, full_name_ar, full_name_en, job_title, grade, hire_date, "
        "preferred_language, user_id, org_unit_id) FROM STDIN",
        employees,
        update,
    )
    copy_rows(cursor, "COPY auth_user_groups (id, user_id, group_id) FROM STDIN", memberships, update)
    for table in ("auth_user", "people_employee", "auth_user_groups"):
        reset_sequence(cursor, table)
    dataset.close_bar(bar)
    dataset.report.counts["employees"] = dataset.employees
    dataset.timed("people", started)
    return user_ids
