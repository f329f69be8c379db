"""The impact dashboard: every figure equals what the records say, scoped exactly like the HR reports."""

from __future__ import annotations

import datetime
import random
from collections import defaultdict
from urllib.parse import urlparse

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.users.models import UserProfile

from courses.models import Enrolment
from feedback.models import Feedback
from impact.selectors import Figures, impact, monthly_trend
from people.services import TRAINERS
from tests.factories import UserFactory
from tests.impact.conftest import BRAVO_MARKERS, _assess
from tests.impact.oracle import Expected, expected, in_subtree

# Marked as database tests so pytest-django runs them before the transactional tests, which empty
# the database (Wagtail's root page included) when they finish; the module's dataset needs that page.
pytestmark = pytest.mark.django_db

URL = "/admin/impact/"


def speaks(user, language: str) -> None:
    """The admin follows the user's own language setting."""
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


def assert_not_found(client, url: str) -> None:
    # LocaleMiddleware retries a 404 under /ar/ (Wagtail's page catch-all), which is a 404 again.
    response = client.get(url, follow=True)
    assert response.status_code == 404
    for marker in BRAVO_MARKERS:
        assert marker not in response.content.decode()


def assert_figures_match(figures: Figures, wanted: Expected) -> None:
    assert figures.people_trained == len(wanted.people)
    assert figures.completions == wanted.completions
    assert figures.certificates == wanted.certificates
    assert figures.hours == wanted.hours
    assert (figures.feedback_total, figures.feedback_count) == (sum(wanted.ratings), len(wanted.ratings))
    assert figures.uplift == {skill: (sum(values), len(values)) for skill, values in wanted.uplift.items()}


def test_the_dataset_exercises_every_figure(dataset):
    everyone = expected(lambda employee: True)
    assert everyone.completions > 50 and everyone.certificates > 20 and len(everyone.ratings) > 20
    assert len(everyone.uplift) >= 3 and any(value < 0 for values in everyone.uplift.values() for value in values)


def test_national_totals_and_ministry_rows_equal_the_records(dataset):
    data = impact(dataset.hr["admin"])

    assert_figures_match(data.total, expected(lambda employee: True))
    assert [row.unit.code for row in data.rows] == ["alpha", "bravo", "charlie"]
    for row in data.rows:
        assert_figures_match(row.figures, expected(in_subtree(row.unit.path)))


def test_drill_down_rows_are_the_units_subtrees_plus_its_own_staff(dataset):
    alpha = dataset.units["A"]
    data = impact(dataset.hr["admin"], parent=alpha)

    assert_figures_match(data.total, expected(in_subtree(alpha.path)))
    rows = {(row.unit.code, row.own_staff_only): row for row in data.rows}
    assert set(rows) == {("alpha", True), ("alpha-d1", False), ("alpha-d2", False)}
    assert_figures_match(rows["alpha", True].figures, expected(lambda e: e.org_unit_id == alpha.id))
    assert_figures_match(rows["alpha-d1", False].figures, expected(in_subtree(dataset.units["A1"].path)))
    assert_figures_match(rows["alpha-d2", False].figures, expected(in_subtree(dataset.units["A2"].path)))
    assert rows["alpha-d1", False].can_drill_down and not rows["alpha-d2", False].can_drill_down


def test_average_uplift_and_feedback_score_are_the_means_rounded_to_one_place(dataset):
    data = impact(dataset.hr["admin"])
    wanted = expected(lambda employee: True)

    for skill_id, values in wanted.uplift.items():
        assert float(data.total.uplift_average(skill_id)) == pytest.approx(sum(values) / len(values), abs=0.05)
    assert float(data.total.feedback_average) == pytest.approx(sum(wanted.ratings) / len(wanted.ratings), abs=0.05)


def test_uplift_is_the_latest_post_rating_minus_the_first_pre_rating(dataset):
    employee = dataset.employees[0]
    skill = dataset.skills["cybersecurity"]
    course = dataset.courses[1]
    user = employee.user
    user.self_assessments.all().delete()
    start = timezone.now() - datetime.timedelta(days=30)
    _assess(user, course, "post", {skill: 4}, start - datetime.timedelta(days=1))  # before any pre: ignored
    _assess(user, course, "pre", {skill: 1}, start, cycle=2)
    _assess(user, dataset.courses[0], "pre", {skill: 2}, start + datetime.timedelta(days=1))
    _assess(user, course, "post", {skill: 2}, start + datetime.timedelta(days=2), cycle=2)
    _assess(user, dataset.courses[0], "post", {skill: 3}, start + datetime.timedelta(days=3))

    figures = impact(dataset.hr["admin"], parent=employee.org_unit).total

    subtree = in_subtree(employee.org_unit.path)
    others = expected(lambda e: subtree(e) and e.pk != employee.pk).uplift[skill.id]
    assert figures.uplift[skill.id] == (sum(others) + 2, len(others) + 1)


def test_monthly_trend_counts_completions_in_each_of_the_last_twelve_months(dataset):
    months = monthly_trend(dataset.hr["admin"])

    today = timezone.localdate()
    assert len(months) == 12 and months[-1].start == today.replace(day=1)
    per_month: dict[datetime.date, list] = defaultdict(lambda: [set(), 0, 0])
    for enrolment in Enrolment.objects.filter(status="completed").select_related("course"):
        start = timezone.localtime(enrolment.completed_at).date().replace(day=1)
        per_month[start][0].add(enrolment.learner_id)
        per_month[start][1] += 1
        per_month[start][2] += enrolment.course.estimated_hours
    for month in months:
        people, completions, hours = per_month[month.start]
        assert (month.people_trained, month.completions, month.hours) == (len(people), completions, hours)
    assert sum(month.completions for month in months) > 0


def test_hr_officer_sees_their_ministry_only(client, dataset):
    alpha_hr = dataset.hr["A"]
    data = impact(alpha_hr)

    assert_figures_match(data.total, expected(in_subtree(dataset.units["A"].path)))
    assert all(row.unit.path.startswith(dataset.units["A"].path) for row in data.rows)
    speaks(alpha_hr, "en")
    client.force_login(alpha_hr)
    page = client.get(URL).content.decode()
    assert "Alpha Directorate One" in page and "Alpha comment" in page
    for marker in BRAVO_MARKERS:
        assert marker not in page
    assert f">{data.total.completions}<" in page
    national = expected(lambda employee: True)
    assert f">{national.completions}<" not in page


@pytest.mark.parametrize("unit_key", ["B", "B1"])
def test_hr_officer_cannot_drill_into_another_ministry(client, dataset, unit_key):
    client.force_login(dataset.hr["A"])

    assert_not_found(client, f"{URL}?unit={dataset.units[unit_key].pk}")


@pytest.mark.parametrize("value", ["abc", "-1", "999999", "1.5"])
def test_a_malformed_or_unknown_unit_is_a_404(client, dataset, value):
    client.force_login(dataset.hr["A"])
    assert_not_found(client, f"{URL}?unit={value}")


@pytest.mark.parametrize("who", ["anonymous", "learner", "trainer"])
def test_only_hr_officers_and_administrators_reach_the_dashboard(client, dataset, who):
    if who == "learner":
        client.force_login(dataset.employees[0].user)
    elif who == "trainer":
        trainer = UserFactory(username="impact-trainer")
        trainer.groups.add(Group.objects.get(name=TRAINERS))
        client.force_login(trainer)

    response = client.get(URL)

    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert not urlparse(response["Location"]).path.startswith(URL)
    assert "Alpha Directorate One" not in response.content.decode()


def test_the_reports_menu_offers_the_dashboard_to_hr_only(client, dataset):
    client.force_login(dataset.hr["B"])
    assert URL in client.get(reverse("wagtailadmin_home")).content.decode()
    trainer = UserFactory(username="impact-trainer-menu")
    trainer.groups.add(Group.objects.get(name=TRAINERS))
    client.force_login(trainer)
    assert URL not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_dashboard_has_charts_with_tables_in_english(client, dataset):
    speaks(dataset.hr["admin"], "en")
    client.force_login(dataset.hr["admin"])
    page = client.get(URL).content.decode()

    assert page.count("<svg") >= 3 and page.count("Show the data as a table") >= 3
    assert "People trained by unit" in page and "Completions per month" in page
    assert "Cybersecurity" in page and "Ministry Charlie" in page


def test_dashboard_in_arabic_is_right_to_left_with_arabic_labels(client, dataset):
    admin = dataset.hr["admin"]
    speaks(admin, "ar")
    client.force_login(admin)

    page = client.get(URL).content.decode()

    assert 'dir="rtl"' in page
    assert "المتدربون حسب الوحدة التنظيمية" in page and "وزارة ألفا" in page and "الأمن السيبراني" in page


def _add_activity(dataset, rng: random.Random, count: int) -> None:
    now = timezone.now()
    for index in range(count):
        employee = dataset.employees[index % len(dataset.employees)]
        course = dataset.courses[(index // len(dataset.employees)) % len(dataset.courses)]
        enrolment, _created = Enrolment.objects.update_or_create(
            learner=employee.user,
            course=course,
            is_current=True,
            defaults={"status": "completed", "completed_at": now - datetime.timedelta(days=rng.randint(0, 300))},
        )
        Feedback.objects.get_or_create(enrolment=enrolment, defaults={"rating": 4, "comment": "More", "language": "ar"})
        skill = dataset.skills["cybersecurity"]
        _assess(employee.user, course, "pre", {skill: 1}, now - datetime.timedelta(days=400 + index), cycle=9)
        _assess(employee.user, course, "post", {skill: 3}, now - datetime.timedelta(minutes=index), cycle=9)


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    return len(queries)


def test_dashboard_queries_do_not_grow_with_the_records(client, dataset):
    client.force_login(dataset.hr["admin"])
    _queries(client)  # warm caches (content types, site) out of the count
    before = _queries(client)

    _add_activity(dataset, random.Random(3), 60)

    assert _queries(client) == before


def test_hr_officer_starts_inside_their_ministry_and_drills_down(client, dataset):
    alpha_hr = dataset.hr["A"]
    speaks(alpha_hr, "en")
    client.force_login(alpha_hr)

    start = client.get(URL).content.decode()
    directorate = client.get(f"{URL}?unit={dataset.units['A1'].pk}").content.decode()

    assert "Alpha Directorate One" in start and "Alpha Directorate Two" in start
    wanted = expected(in_subtree(dataset.units["A1"].path))
    assert "Alpha Department" in directorate and f">{wanted.completions}<" in directorate


def test_feedback_per_unit_and_course_equals_the_ratings(dataset):
    alpha = dataset.units["A"]
    with translation.override("en"):
        data = impact(dataset.hr["A"], parent=alpha)
        labels = {unit.path: unit.name for unit in (dataset.units["A1"], dataset.units["A2"])}

    wanted: dict[tuple[str, str], list[int]] = defaultdict(list)
    for feedback in Feedback.objects.select_related("enrolment__learner__employee__org_unit", "enrolment__course"):
        path = feedback.enrolment.learner.employee.org_unit.path
        if not path.startswith(alpha.path):
            continue
        label = "Ministry Alpha (own staff)" if path == alpha.path else labels[path[: len(alpha.path) + 4]]
        wanted[label, feedback.enrolment.course.title].append(feedback.rating)
    got = {(row.unit_label, row.course_title): (row.average, row.count) for row in data.feedback_rows}
    assert set(got) == set(wanted)
    for key, ratings in wanted.items():
        assert got[key][1] == len(ratings)
        assert float(got[key][0]) == pytest.approx(sum(ratings) / len(ratings), abs=0.05)
    comments = [comment.comment for comment in data.comments]
    assert comments and all(comment.startswith("Alpha comment") for comment in comments)
