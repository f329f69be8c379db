"""Open data: the published figures equal the records, no figure rests on fewer than the threshold of
people, no suppressed figure can be worked out from the published ones, and publishing is idempotent."""

from __future__ import annotations

import csv
import datetime
import io
import json
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

import pytest
import time_machine
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses.models import Enrolment, ModulePage
from courses.services import complete_module, enrol
from impact.models import OpenDataSnapshot
from impact.opendata import FIELDS, UNCLASSIFIED, raw_cells
from impact.services import publish_open_data
from impact.suppression import TOTAL
from impact.tasks import publish_open_data_task
from people.models import Employee, OrgUnit
from tests.factories import EmployeeFactory, UserFactory
from tests.impact.conftest import MINIMUM
from tests.impact.disclosure import derivable_entries
from tests.impact.oracle import skills_of_courses, uplift_pairs

# django_db: run before the transactional tests, which empty the database (Wagtail's root page
# included) when they finish; the module's dataset needs that page.
pytestmark = [pytest.mark.usefixtures("minimum_cell"), pytest.mark.django_db]


@pytest.fixture
def minimum_cell(settings):
    settings.QUDRA_OPEN_DATA_MIN_CELL = MINIMUM


def oracle_cells(dataset) -> dict[tuple[str, str], dict]:
    """Every cell recomputed from the rows: people, completions, hours and uplift pairs."""
    ministry_of = {}
    for employee in Employee.objects.select_related("org_unit"):
        ministry_of[employee.user_id] = (
            employee.org_unit.get_root().code if employee.org_unit.depth > 1 else employee.org_unit.code
        )
    code_of_skill = {skill.id: code for code, skill in dataset.skills.items()}
    builds = skills_of_courses()
    cells: dict[tuple[str, str], dict] = defaultdict(
        lambda: {"people": set(), "completions": 0, "hours": 0, "uplift": [], "uplift_people": set()}
    )
    for enrolment in Enrolment.objects.filter(status="completed").select_related("course"):
        ministry = ministry_of.get(enrolment.learner_id)
        if ministry is None:
            continue
        areas = [code_of_skill[skill] for skill in builds.get(enrolment.course_id, ())] or [UNCLASSIFIED]
        for row in (ministry, TOTAL):
            for column in [*areas, TOTAL]:
                cell = cells[row, column]
                cell["people"].add(enrolment.learner_id)
                cell["completions"] += 1
                cell["hours"] += enrolment.course.estimated_hours
    for (learner_id, skill_id), uplift in uplift_pairs().items():
        ministry = ministry_of.get(learner_id)
        if ministry is None:
            continue
        for row in (ministry, TOTAL):
            for column in (code_of_skill[skill_id], TOTAL):
                cells[row, column]["uplift"].append(uplift)
                cells[row, column]["uplift_people"].add(learner_id)
    return cells


EMPTY = {"people": set(), "completions": 0, "hours": 0, "uplift": [], "uplift_people": set()}


def test_raw_figures_equal_the_records(dataset):
    cells, ministries, skills = raw_cells()
    wanted = oracle_cells(dataset)

    assert [ministry.code for ministry in ministries] == ["alpha", "bravo", "charlie"]
    assert len(cells) == 4 * (len(skills) + 2)
    for key, cell in cells.items():
        expected = wanted.get(key, EMPTY)
        assert cell.people == len(expected["people"]), key
        assert (cell.completions, cell.hours) == (expected["completions"], expected["hours"]), key
        assert cell.uplift_total == sum(expected["uplift"]), key
        assert cell.uplift_people == len(expected["uplift_people"]), key


def test_every_published_figure_equals_the_records_or_is_suppressed(dataset):
    snapshot = publish_open_data()
    wanted = oracle_cells(dataset)

    assert snapshot.minimum_cell == MINIMUM
    published = suppressed = 0
    for row in snapshot.rows:
        key = (row["ministry_code"], row["skill_area_code"])
        expected = wanted.get(key, EMPTY)
        if row["suppressed"]:
            suppressed += 1
            assert row["people_trained"] is row["completions"] is row["learning_hours"] is None
        else:
            published += 1
            people = len(expected["people"])
            assert people == 0 or people >= MINIMUM, key
            assert (row["people_trained"], row["completions"], row["learning_hours"]) == (
                people,
                expected["completions"],
                expected["hours"],
            )
        uplift = expected["uplift"]
        if row["uplift_suppressed"]:
            assert row["average_uplift"] is row["uplift_people"] is None
        else:
            people = len(expected["uplift_people"])
            assert people == 0 or people >= MINIMUM, key
            assert row["uplift_people"] == people
            mean = Decimal(sum(uplift)) / len(uplift) if uplift else None
            assert row["average_uplift"] == (
                None if mean is None else float(mean.quantize(Decimal("0.1"), ROUND_HALF_UP))
            )
    assert published >= 5 and suppressed >= 5
    charlie = [row for row in snapshot.rows if row["ministry_code"] == "charlie"]
    assert all(row["suppressed"] or row["people_trained"] == 0 for row in charlie)


def _grid(rows: list[dict], field: str, flag: str) -> tuple[list, list, set, dict]:
    row_keys = sorted({row["ministry_code"] for row in rows})
    column_keys = sorted({row["skill_area_code"] for row in rows})
    suppressed = {(row["ministry_code"], row["skill_area_code"]) for row in rows if row[flag]}
    values = {(row["ministry_code"], row["skill_area_code"]): row[field] for row in rows}
    return row_keys, column_keys, suppressed, values


@pytest.mark.parametrize(
    ("field", "flag"),
    [
        ("people_trained", "suppressed"),
        ("completions", "suppressed"),
        ("learning_hours", "suppressed"),
        ("uplift_people", "uplift_suppressed"),
    ],
)
def test_no_suppressed_figure_can_be_derived_from_rows_columns_and_totals(dataset, field, flag):
    rows = publish_open_data().rows
    row_keys, column_keys, suppressed, values = _grid(rows, field, flag)

    assert suppressed
    assert derivable_entries(row_keys, column_keys, suppressed) == set()
    # The same, spelled out: in no row or column is a single figure hidden next to a published total.
    for line in [[(r, c) for c in column_keys] for r in row_keys] + [[(r, c) for r in row_keys] for c in column_keys]:
        assert len([entry for entry in line if entry in suppressed]) != 1, line
    if flag == "suppressed":
        # A published total minus the published figures in its line never isolates a small group.
        for row in row_keys:
            hidden = [(row, c) for c in column_keys if (row, c) in suppressed and c != TOTAL]
            assert len(hidden) != 1


def _small_cell_and_newcomer(dataset, rows: list[dict]):
    """A suppressed, non-empty Charlie cell, and a Charlie employee who can still complete a course of it."""
    published = {(row["ministry_code"], row["skill_area_code"]): row for row in rows}
    builds = skills_of_courses()
    for course in dataset.courses:
        for skill_id in builds.get(course.id, ()):
            code = next(code for code, skill in dataset.skills.items() if skill.id == skill_id)
            cell = oracle_cells(dataset)["charlie", code]
            if not published["charlie", code]["suppressed"] or not cell["people"]:
                continue
            for employee in Employee.objects.filter(org_unit__code="charlie").order_by("pk"):
                if not Enrolment.objects.filter(learner=employee.user, course=course, status="completed").exists():
                    return code, course, employee.user
    pytest.fail("the dataset has no suppressed, non-empty Charlie cell with a newcomer")


def test_one_person_completing_is_never_pinned_to_a_small_cell(dataset):
    with time_machine.travel(timezone.now() - datetime.timedelta(days=1)):
        before = publish_open_data()
    code, course, newcomer = _small_cell_and_newcomer(dataset, before.rows)
    Enrolment.objects.filter(learner=newcomer, course=course).delete()
    enrol(learner=newcomer, course=course)
    for module in ModulePage.objects.child_of(course).live().order_by("path"):
        complete_module(learner=newcomer, module=module)
    after = publish_open_data()

    assert OpenDataSnapshot.objects.count() == 2 and before.published_on < after.published_on
    old = {(row["ministry_code"], row["skill_area_code"]): row for row in before.rows}
    new = {(row["ministry_code"], row["skill_area_code"]): row for row in after.rows}
    assert new["charlie", code]["suppressed"] and old["charlie", code]["suppressed"]
    changed = {key for key in new if new[key]["completions"] != old[key]["completions"]}
    assert changed, "the completion shows somewhere (in a total at least)"
    row_keys = sorted({key[0] for key in new})
    column_keys = sorted({key[1] for key in new})
    lines = [([(r, c) for c in column_keys if c != TOTAL], (r, TOTAL)) for r in row_keys] + [
        ([(r, c) for r in row_keys if r != TOTAL], (TOTAL, c)) for c in column_keys
    ]
    for inner, total in lines:
        total_moved = total in changed and not new[total]["suppressed"]
        inner_moved = [key for key in inner if key in changed and not new[key]["suppressed"]]
        if total_moved and not inner_moved:
            # Only the published total moved: the completion hides among at least two suppressed figures.
            assert len([key for key in inner if new[key]["suppressed"]]) >= 2, total
    # Neither snapshot, nor the pair, can be solved for the small cell.
    for snapshot in (before, after):
        keys, columns, suppressed, _values = _grid(snapshot.rows, "completions", "suppressed")
        assert derivable_entries(keys, columns, suppressed) == set()


def test_the_nightly_task_is_idempotent(dataset):
    first = publish_open_data_task.apply().get()
    rows = OpenDataSnapshot.objects.get(pk=first).rows

    second = publish_open_data_task.apply().get()

    assert first == second and OpenDataSnapshot.objects.count() == 1
    snapshot = OpenDataSnapshot.objects.get()
    assert snapshot.rows == rows and snapshot.published_on == timezone.localdate()
    schedule = settings.CELERY_BEAT_SCHEDULE["impact-publish-open-data"]
    assert schedule["task"] == "impact.tasks.publish_open_data_task" and schedule["schedule"].hour == {2}


@pytest.mark.parametrize(
    ("language", "direction", "text"), [("ar", "rtl", "البيانات المفتوحة"), ("en", "ltr", "Open data")]
)
def test_public_page_shows_the_published_table_in_both_languages(client, dataset, language, direction, text):
    publish_open_data()

    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/{language}/open-data/")

    page = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{language}" dir="{direction}">' in page and text in page
    assert ("وزارة ألفا" if language == "ar" else "Ministry Alpha") in page
    assert ("محجوب" if language == "ar" else "Suppressed") in page
    assert f"/{language}/open-data/data.csv" in page and f"/{language}/open-data/data.json" in page
    # Only the snapshot is read: never the learning records.
    assert not [query for query in queries if "courses_enrolment" in query["sql"] or "skills_" in query["sql"]]


@pytest.mark.parametrize("language", ["ar", "en"])
def test_json_and_csv_carry_the_same_documented_rows(client, dataset, language):
    snapshot = publish_open_data()

    body = json.loads(client.get(f"/{language}/open-data/data.json").content)
    response = client.get(f"/{language}/open-data/data.csv")
    reader = csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))
    lines = list(reader)

    assert body["fields"] == list(FIELDS) and reader.fieldnames == list(FIELDS)
    assert body["published_at"] == snapshot.published_at.isoformat() and body["license"] == "CC-BY-4.0"
    assert body["rows"] == snapshot.rows and len(lines) == len(snapshot.rows)
    assert response["Content-Type"].startswith("text/csv")
    for row, line in zip(body["rows"], lines, strict=True):
        for name in FIELDS:
            value = row[name]
            wanted = "" if value is None else ("true" if value is True else "false" if value is False else str(value))
            assert line[name] == wanted, name


def test_csv_neutralises_formulas_in_names(client, dataset):
    OrgUnit.add_root(code="formula", kind="ministry", name_en='=HYPERLINK("http://x")', name_ar="+1")
    publish_open_data()

    lines = list(csv.DictReader(io.StringIO(client.get("/en/open-data/data.csv").content.decode("utf-8-sig"))))

    names = {line["ministry_name_en"] for line in lines} | {line["ministry_name_ar"] for line in lines}
    assert '\'=HYPERLINK("http://x")' in names and "'+1" in names
    assert not [name for name in names if name.startswith(("=", "+", "-", "@"))]


def test_before_the_first_publication_the_page_says_so_and_the_files_are_404(client, db):
    page = client.get("/en/open-data/")
    assert page.status_code == 200 and "Nothing has been published yet" in page.content.decode()
    assert client.get("/en/open-data/data.json").status_code == 404
    assert client.get("/en/open-data/data.csv").status_code == 404


def test_publishing_runs_the_same_queries_however_many_records(dataset):
    publish_open_data()  # today's snapshot exists: both runs below replace it
    with CaptureQueriesContext(connection) as first:
        publish_open_data()
    for number in range(12):
        newcomer = EmployeeFactory(user=UserFactory(username=f"newcomer-{number}"), org_unit=dataset.units["B1"]).user
        for course in dataset.courses:
            Enrolment.objects.create(learner=newcomer, course=course, status="completed", completed_at=timezone.now())

    with CaptureQueriesContext(connection) as second:
        publish_open_data()

    assert len(second) == len(first)
