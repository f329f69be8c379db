"""seed_demo: the bilingual demo loads once, a second run changes nothing, and the demo accounts work.

Seeding the whole demo takes a while, so one test seeds it twice and checks everything after.
"""

from __future__ import annotations

import os
import subprocess
import sys
from io import StringIO

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from wagtail.models import GroupPagePermission, Locale, Page, Revision, Site, WorkflowTask

from assignments.models import Assignment, AssignmentMember
from certificates.models import Certificate
from courses.models import CourseIndexPage, CoursePage, Enrolment, ModulePage
from demo.people import DEMO_ACCOUNTS, DEMO_PASSWORD
from demo.skills import DEMO_COURSE_SKILLS
from feedback.models import Feedback
from impact.models import OpenDataSnapshot
from notifications.models import Notification
from people.models import Employee, HRScope, OrgUnit
from people.services import COURSE_REVIEW_WORKFLOW
from programmes.models import ProgrammePage
from programmes.selectors import programme_steps
from skills.models import CourseSkill, SelfAssessment, Skill, SkillLevel


def row_counts() -> dict[str, int]:
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "sites": Site.objects.count(),
        "users": get_user_model().objects.count(),
        "employees": Employee.objects.count(),
        "org units": OrgUnit.objects.count(),
        "hr scopes": HRScope.objects.count(),
        "groups": Group.objects.count(),
        "page permissions": GroupPagePermission.objects.count(),
        "workflow tasks": WorkflowTask.objects.count(),
        "enrolments": Enrolment.objects.count(),
        "skills": Skill.objects.count(),
        "skill levels": SkillLevel.objects.count(),
        "course skills": CourseSkill.objects.count(),
        "certificates": Certificate.objects.count(),
        "self-assessments": SelfAssessment.objects.count(),
        "feedback": Feedback.objects.count(),
        "open-data snapshots": OpenDataSnapshot.objects.count(),
        "assignments": Assignment.objects.count(),
        "assigned people": AssignmentMember.objects.count(),
        "notifications": Notification.objects.count(),
    }


def seed() -> str:
    output = StringIO()
    call_command("seed_demo", stdout=output)
    return output.getvalue()


def assert_courses_in_both_languages() -> None:
    arabic, english = Locale.objects.get(language_code="ar"), Locale.objects.get(language_code="en")
    courses = CoursePage.objects.live().filter(locale=arabic)
    assert courses.count() >= 4
    for course in courses:
        translation = course.get_translation(english)
        assert translation.live
        assert translation.title != course.title
        modules = ModulePage.objects.child_of(course).live().order_by("path")
        modules_en = ModulePage.objects.child_of(translation).live().order_by("path")
        assert 3 <= modules.count() <= 6
        assert [m.translation_key for m in modules] == [m.translation_key for m in modules_en]
        for module, module_en in zip(modules, modules_en, strict=True):
            # Quiz answers are keyed by block id: both languages must share them.
            assert [quiz.id for quiz in module.quizzes] == [quiz.id for quiz in module_en.quizzes]


def assert_catalogue_in_both_languages(client: Client) -> None:
    home = Site.objects.get(is_default_site=True).root_page.specific
    assert isinstance(home, CourseIndexPage)
    for language, direction in (("ar", "rtl"), ("en", "ltr")):
        page = client.get(f"/{language}/").content.decode()
        assert f'<html lang="{language}" dir="{direction}">' in page
        titles = CoursePage.objects.live().filter(locale__language_code=language).values_list("title", flat=True)
        assert all(title in page for title in titles)


def assert_programme_in_both_languages(client: Client) -> None:
    programme = ProgrammePage.objects.get(locale__language_code="ar", slug="digital-leadership")
    english = programme.get_translation(Locale.objects.get(language_code="en"))
    assert (programme.title, english.title) == ("برنامج القيادة الرقمية", "Digital leadership")
    assert programme.live and english.live
    steps = programme_steps(programme=programme)
    assert [step.course.slug for step in steps] == [
        "digital-government-services-fundamentals",
        "data-driven-decision-making",
        "productivity-tools-collaboration",
        "leading-digital-change",
    ]
    assert [step.optional for step in steps] == [False, False, True, False]
    chain = {step.course.slug: [course.slug for course in step.course.prerequisites.all()] for step in steps}
    assert chain["data-driven-decision-making"] == ["digital-government-services-fundamentals"]
    assert chain["leading-digital-change"] == ["data-driven-decision-making"]
    assert client.get(programme.url).status_code == 200
    assert "Digital leadership" in client.get(english.url).content.decode()


def assert_demo_accounts_log_in() -> None:
    for account in DEMO_ACCOUNTS:
        client = Client()
        response = client.post("/en/accounts/login/", {"username": account.username, "password": DEMO_PASSWORD})
        assert response.status_code == 302, account.username
        user = get_user_model().objects.get(username=account.username)
        assert user.groups.filter(name=account.role).exists()
        assert user.employee.full_name_ar == account.name_ar


# One test: loading the demo takes half a minute, so the first run's summary is checked here too.
def test_seed_demo_loads_once_says_how_to_log_in_and_a_second_run_changes_nothing(db, client, capfd, settings):
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8010"
    output = seed()
    assert_short_summary_ending_with_the_logins(output, capfd.readouterr())  # Wagtail's log lines land in capfd
    first = row_counts()

    second_output = seed()

    assert row_counts() == first
    assert all(account.username in output for account in DEMO_ACCOUNTS)
    assert DEMO_PASSWORD in second_output
    assert OrgUnit.objects.filter(kind=OrgUnit.Kind.MINISTRY).count() >= 2
    assert OrgUnit.objects.filter(kind=OrgUnit.Kind.DEPARTMENT).exists()
    assert CourseIndexPage.objects.get(locale__language_code="ar").get_workflow().name == COURSE_REVIEW_WORKFLOW
    assert_courses_in_both_languages()
    assert_catalogue_in_both_languages(client)
    assert_programme_in_both_languages(client)
    assert_demo_accounts_log_in()
    assert_demo_courses_declare_their_skills()
    assert_demo_activity_shows_in_open_data()
    assert_demo_mandatory_training(client)


def assert_demo_courses_declare_their_skills() -> None:
    assert SkillLevel.objects.count() == 4 * Skill.objects.count() >= 24
    for slug, declared in DEMO_COURSE_SKILLS.items():
        course = CoursePage.objects.get(slug=slug, locale__language_code="ar")
        assert sorted(course.skills_built.values_list("skill__code", "level")) == sorted(declared)
        # The course's edit form loads the latest revision: it must show the same skills.
        latest = course.get_latest_revision_as_object()
        assert sorted((link.skill.code, link.level) for link in latest.skills_built.all()) == sorted(declared)


def assert_demo_activity_shows_in_open_data() -> None:
    completed = Enrolment.objects.filter(status=Enrolment.Status.COMPLETED)
    assert completed.count() >= 40
    # Completions went the normal way: each has its certificate, pending until the worker renders it.
    assert Certificate.objects.filter(enrolment__in=completed).count() == completed.count()
    months = {enrolment.completed_at.strftime("%Y-%m") for enrolment in completed}
    assert len(months) >= 6
    assert Feedback.objects.exists() and SelfAssessment.objects.filter(stage="post").exists()
    rows = OpenDataSnapshot.objects.get().rows
    ministry_cells = [row for row in rows if row["ministry_code"] == "mtcit" and row["skill_area_code"] != "all"]
    assert any(not row["suppressed"] and row["people_trained"] >= 10 for row in ministry_cells)
    assert any(row["uplift_people"] for row in ministry_cells)
    assert any(row["suppressed"] for row in rows if row["ministry_code"] == "moh")


def assert_demo_mandatory_training(client) -> None:
    """The demo learner sees a mandatory course with its due date; another directorate is overdue."""
    assert Assignment.objects.count() == 2
    client.force_login(get_user_model().objects.get(username="learner"))
    page = client.get("/en/learning/").content.decode()
    assert "Mandatory" in page and "Due" in page
    overdue = Enrolment.objects.filter(source="assigned", due_date__lt=timezone.localdate(), completed_at=None)
    assert overdue.exists()
    assert (
        Notification.objects.filter(kind="assigned").count()
        == AssignmentMember.objects.filter(enrolment__completed_at=None).count()
    )


def assert_short_summary_ending_with_the_logins(output: str, captured) -> None:
    lines = output.strip().splitlines()
    assert len(lines) <= len(DEMO_ACCOUNTS) + 3
    assert "Log in at http://127.0.0.1:8010/" in output
    assert lines[-len(DEMO_ACCOUNTS) :] == [
        f"  {account.username:<10} / {DEMO_PASSWORD}   ({account.role})" for account in DEMO_ACCOUNTS
    ]
    assert "Page created" not in captured.err + captured.out


def test_the_public_address_follows_the_port_unless_it_is_set():
    def base_url(**env: str) -> str:
        code = "import django.conf as c, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE','lms.settings.dev');"
        code += "print(c.settings.WAGTAILADMIN_BASE_URL)"
        clean = {k: v for k, v in os.environ.items() if k not in {"QUDRA_PORT", "QUDRA_BASE_URL"}}
        command = [sys.executable, "-c", code]  # our own interpreter and code, no outside input
        result = subprocess.run(command, env={**clean, **env}, capture_output=True, text=True)  # noqa: S603
        return result.stdout.strip()

    assert base_url(QUDRA_PORT="8010") == "http://127.0.0.1:8010"
    assert base_url() == "http://127.0.0.1:8000"
    assert base_url(QUDRA_PORT="8010", QUDRA_BASE_URL="https://qudra.gov.om") == "https://qudra.gov.om"
