"""The authors' admin home: "My courses" with each language's status, modules and learners, the "New course"
action, and the first module asked for as soon as a course is saved."""

from __future__ import annotations

import datetime
import re

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Workflow

from courses.models import CoursePage, Enrolment
from courses.publication import PublicationFacts, PublicationStatus, page_publication_status, publication_status
from courses.trainer_home import ALL_COURSES_LIMIT, my_courses, new_course_url
from people.services import ADMINISTRATORS, COURSE_REVIEW_WORKFLOW, HR_OFFICERS
from tests.builders.roles import course_form, member_of, speaks
from tests.factories import UserFactory, add_course, add_module, translate

JANUARY_10_AT_6_30_UTC = datetime.datetime(2027, 1, 10, 6, 30, tzinfo=datetime.UTC)


def home(client, user, language: str = "en") -> str:
    speaks(user, language)
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    return response.content.decode()


def panel(html: str) -> str:
    """The "My courses" panel of the admin home ("" when it is not shown)."""
    if 'id="my-courses-section"' not in html:
        return ""
    return html.split('id="my-courses-section"', 1)[1].split("</section>", 1)[0]


def rows(html: str) -> list[str]:
    """Each course's table row, as text with its whitespace collapsed."""
    body = panel(html).split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [" ".join(re.sub(r"<[^>]+>", " ", row).split()) for row in body.split("</tr>")[:-1]]


def enrol(course: CoursePage, count: int, *, completed: int = 0) -> None:
    for number in range(count):
        done = number < completed
        Enrolment.objects.create(
            learner=UserFactory(),
            course=course,
            status=Enrolment.Status.COMPLETED if done else Enrolment.Status.IN_PROGRESS,
            completed_at=timezone.now() if done else None,
        )


def draft_course(catalogue, owner, title: str) -> CoursePage:
    course = CoursePage(title=title, summary="Not live yet", skill_area="data_ai", owner=owner, live=False)
    catalogue.add_child(instance=course)
    course.save_revision(user=owner)
    return course


@pytest.fixture
def owned(trainer, catalogue) -> CoursePage:
    """The trainer's live Arabic course: three live modules and one draft, three learners of whom one completed."""
    course = add_course(catalogue, title="التحول الرقمي", modules=3, owner=trainer)
    draft = add_module(course, title="Draft module")
    draft.live = False
    draft.save()
    enrol(course, 3, completed=1)
    return course


def test_a_trainer_sees_their_courses_with_status_modules_and_learners(client, trainer, owned):
    html = home(client, trainer)

    assert "My courses" in panel(html)
    assert f'<a href="/admin/pages/{owned.id}/edit/">التحول الرقمي</a>' in panel(html)
    assert rows(html) == ["التحول الرقمي Arabic Live 3 / 4 3 1"]


def test_a_trainer_sees_only_their_own_courses(client, trainer, other_trainer, owned, catalogue):
    add_course(catalogue, title="Someone else's course", modules=1, owner=other_trainer)

    html = home(client, trainer)

    assert "Someone else&#x27;s course" not in html
    assert [row.split(" Arabic")[0] for row in rows(html)] == ["التحول الرقمي"]


def test_each_language_has_its_own_status_and_the_title_follows_the_admin_language(client, trainer, owned):
    translation = translate(owned, "en", title="Digital transformation", slug="digital-transformation")
    translation.save_revision(user=trainer)  # draft changes on the live English page

    english, arabic = home(client, trainer, "en"), home(client, trainer, "ar")

    assert rows(english) == ["Digital transformation Arabic Live English Live + draft changes 3 / 4 3 1"]
    assert f'<a href="/admin/pages/{translation.id}/edit/">Digital transformation</a>' in panel(english)
    assert rows(arabic) == ["التحول الرقمي العربية نشطة الإنجليزية نشطة + تعديلات في مسودة 3 / 4 3 1"]


def test_a_course_in_review_and_one_with_changes_requested(client, trainer, catalogue):
    in_review = draft_course(catalogue, trainer, "In review")
    sent_back = draft_course(catalogue, trainer, "Sent back")
    workflow = Workflow.objects.get(name=COURSE_REVIEW_WORKFLOW)
    workflow.start(in_review, trainer)
    state = workflow.start(sent_back, trainer)
    reviewer = member_of(ADMINISTRATORS, "reviewer")
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, reviewer, "reject")

    html = home(client, trainer)

    assert sorted(rows(html)) == [
        "In review Arabic In review 0 / 0 0 0",
        "Sent back Arabic Changes requested 0 / 0 0 0",
    ]
    assert page_publication_status(in_review) == PublicationStatus.IN_REVIEW


def test_a_scheduled_course_shows_when_it_goes_live_in_the_admin_language_and_muscat_time(client, trainer, catalogue):
    course = draft_course(catalogue, trainer, "Scheduled course")
    course.go_live_at = JANUARY_10_AT_6_30_UTC
    course.save_revision(user=trainer).publish()

    english, arabic = home(client, trainer, "en"), home(client, trainer, "ar")

    assert page_publication_status(course) == PublicationStatus.SCHEDULED
    assert rows(english) == ["Scheduled course Arabic Scheduled Goes live: 10 January 2027 10:30 0 / 0 0 0"]
    assert rows(arabic) == ["Scheduled course العربية مجدولة موعد النشر: 10 يناير 2027 10:30 0 / 0 0 0"]


@pytest.mark.parametrize(
    ("facts", "status"),
    [
        (PublicationFacts(live=False, has_unpublished_changes=True), PublicationStatus.DRAFT),
        (PublicationFacts(live=False, has_unpublished_changes=False, expired=True), PublicationStatus.EXPIRED),
        (PublicationFacts(live=True, has_unpublished_changes=False), PublicationStatus.LIVE),
        (PublicationFacts(live=True, has_unpublished_changes=True), PublicationStatus.LIVE_WITH_DRAFT),
        (PublicationFacts(live=True, has_unpublished_changes=True, in_review=True), PublicationStatus.LIVE_IN_REVIEW),
        (
            PublicationFacts(live=True, has_unpublished_changes=True, changes_requested=True),
            PublicationStatus.LIVE_CHANGES_REQUESTED,
        ),
        (
            PublicationFacts(live=True, has_unpublished_changes=True, scheduled_go_live_at=JANUARY_10_AT_6_30_UTC),
            PublicationStatus.LIVE_SCHEDULED,
        ),
        (
            PublicationFacts(live=False, has_unpublished_changes=True, scheduled_go_live_at=JANUARY_10_AT_6_30_UTC),
            PublicationStatus.SCHEDULED,
        ),
    ],
)
def test_one_status_per_page(facts, status):
    assert publication_status(facts) == status


def test_administrators_see_every_course_the_most_recently_edited_first(client, trainer, other_trainer, catalogue):
    administrator = member_of(ADMINISTRATORS, "administrator")
    for number in range(ALL_COURSES_LIMIT + 1):
        course = add_course(
            catalogue, title=f"Course {number:02d}", modules=0, owner=(trainer, other_trainer)[number % 2]
        )
        course.save_revision(user=course.owner)

    html = home(client, administrator)

    listed = [row.split(" Arabic")[0] for row in rows(html)]
    assert listed == [f"Course {number:02d}" for number in range(ALL_COURSES_LIMIT, 0, -1)]
    assert "The 20 most recently edited of 21 courses are shown. See all in the page explorer." in panel(html)
    assert '<a href="/admin/pages/">' in panel(html)


def test_new_course_adds_to_the_catalogue_of_the_admin_language(client, trainer, catalogue, catalogue_en):
    assert f'href="/admin/pages/add/courses/coursepage/{catalogue_en.id}/"' in panel(home(client, trainer, "en"))
    assert f'href="/admin/pages/add/courses/coursepage/{catalogue.id}/"' in panel(home(client, trainer, "ar"))
    assert "New course" in panel(home(client, trainer, "en"))
    assert "You have no course yet" in panel(home(client, trainer, "en"))
    # No catalogue in that language: the first catalogue.
    assert new_course_url(user=trainer, language="fr") == f"/admin/pages/add/courses/coursepage/{catalogue.id}/"


def test_hr_officers_have_no_courses_panel(client, roles):
    hr_officer = member_of(HR_OFFICERS, "hr-officer")

    assert panel(home(client, hr_officer)) == ""
    assert new_course_url(user=hr_officer, language="en") is None


def test_the_panel_reads_a_fixed_number_of_queries(trainer, catalogue, catalogue_en):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            result = my_courses(user=trainer, language="en")
        return len(captured), len(result.courses)

    course = add_course(catalogue, title="First", modules=2, owner=trainer)
    enrol(course, 2, completed=1)
    queries()  # the first call also caches the page content type and the trainer's permissions
    one = queries()
    for number in range(4):
        more = add_course(catalogue, title=f"More {number}", modules=3, owner=trainer)
        translate(more, "en", title=f"More {number} in English", slug=f"more-{number}-en")
        enrol(more, 1)
    five = queries()

    assert one[1] == 1 and five[1] == 5
    assert five[0] == one[0] <= 4


def test_saving_a_new_course_leads_to_the_form_of_its_first_module(client, trainer, catalogue):
    client.force_login(speaks(trainer, "en"))

    response = client.post(f"/admin/pages/add/courses/coursepage/{catalogue.pk}/", course_form())

    course = CoursePage.objects.get(slug="open-data")
    assert response.status_code == 302
    assert response.url == f"/admin/pages/add/courses/modulepage/{course.pk}/"
    assert "Course saved. Now add its first module." in [
        str(message) for message in get_messages(response.wsgi_request)
    ]


def test_a_course_created_by_autosave_leads_to_its_first_module_when_the_author_saves(client, trainer, catalogue):
    client.force_login(trainer)
    add_url = f"/admin/pages/add/courses/coursepage/{catalogue.pk}/"

    autosaved = client.post(add_url, course_form(), HTTP_ACCEPT="application/json")
    course = CoursePage.objects.get(slug="open-data")
    saved = client.post(f"/admin/pages/{course.pk}/edit/", course_form(title="Open data, saved"))

    assert autosaved.status_code == 200 and autosaved.json()["success"]
    assert saved.status_code == 302 and saved.url == f"/admin/pages/add/courses/modulepage/{course.pk}/"


def test_a_course_with_modules_or_a_translation_is_saved_as_usual(client, trainer, owned, catalogue_en):
    translation = translate(owned, "en", title="Digital transformation", slug="digital-transformation")
    translation.owner = trainer
    translation.save()
    client.force_login(trainer)

    with_modules = client.post(f"/admin/pages/{owned.pk}/edit/", course_form(title=owned.title, slug=owned.slug))
    without_modules = client.post(
        f"/admin/pages/{translation.pk}/edit/", course_form(title=translation.title, slug=translation.slug)
    )

    assert with_modules.url == f"/admin/pages/{owned.pk}/edit/"
    assert without_modules.url == f"/admin/pages/{translation.pk}/edit/"
