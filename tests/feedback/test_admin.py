"""Trainers read the feedback on the courses they may edit, in the admin; nobody else's."""

from __future__ import annotations

import re

import pytest
from wagtail.users.models import UserProfile

from courses import services as course_services
from feedback.models import Feedback
from tests.builders.learning import complete_course
from tests.factories import EmployeeFactory, UserFactory, add_course, translate

INDEX = "/admin/course-feedback/"


def detail(course) -> str:
    return f"/admin/course-feedback/{course.pk}/"


def admin_language(user, language: str):
    """The admin speaks the language of the user's profile (Arabic when none is set)."""
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


def give_feedback(course, *ratings_and_comments: tuple[int, str]) -> None:
    for index, (rating, comment) in enumerate(ratings_and_comments):
        learner = EmployeeFactory(user=UserFactory(username=f"learner-{course.pk}-{index}")).user
        enrolment = course_services.enrol(learner=learner, course=course)
        complete_course(learner, course)
        Feedback.objects.create(enrolment=enrolment, rating=rating, comment=comment, language="ar")


@pytest.fixture
def rated_course(owned_course):
    give_feedback(
        owned_course,
        (5, "ممتازة وعملية"),
        (4, ""),
        (4, "<script>alert('x')</script>"),
        (2, "طويلة بعض الشيء"),
    )
    return owned_course


@pytest.fixture
def someone_elses_course(catalogue, other_trainer):
    course = add_course(catalogue, title="دورة زميل", modules=1, owner=other_trainer)
    give_feedback(course, (1, "تعليق على دورة أخرى"))
    return course


def test_the_trainer_sees_average_count_distribution_and_comments(client, trainer, rated_course):
    client.force_login(admin_language(trainer, "en"))

    page = client.get(detail(rated_course))

    html = page.content.decode()
    assert page.status_code == 200
    assert "4 responses, average rating 3.8 out of 5." in html
    # The ratings as a table beside the chart: 5 -> 1, 4 -> 2, 3 -> 0, 2 -> 1, 1 -> 0.
    assert _data_rows(html) == [("5", "1"), ("4", "2"), ("3", "0"), ("2", "1"), ("1", "0")]
    assert "ممتازة وعملية" in html and "طويلة بعض الشيء" in html
    # Comments are text: markup a learner typed is shown, never run.
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    # Trainers read what was said, not who said it.
    assert "learner-" not in html


def _data_rows(html: str) -> list[tuple[str, str]]:
    table = html.split('<caption class="w-sr-only">Ratings</caption>')[1].split("</table>")[0]
    return re.findall(r'<th scope="row">(\d)</th><td>(\d+)</td>', table)


def test_the_index_lists_only_the_trainers_courses(client, trainer, rated_course, someone_elses_course):
    client.force_login(trainer)

    html = client.get(INDEX).content.decode()

    assert rated_course.title in html
    assert someone_elses_course.title not in html


def assert_refused(response, course) -> None:
    """Wagtail answers a PermissionDenied in the admin with a redirect to the dashboard and a message."""
    assert response.status_code in (302, 403, 404)
    if response.status_code == 302:
        assert response["Location"] == "/admin/"
    assert course.title not in response.content.decode()


def test_another_trainers_course_is_refused(client, trainer, someone_elses_course):
    client.force_login(trainer)

    assert_refused(client.get(detail(someone_elses_course)), someone_elses_course)


def test_hr_officers_see_no_course_feedback(client, hr_officer, rated_course):
    client.force_login(hr_officer)

    assert_refused(client.get(detail(rated_course)), rated_course)
    index = client.get(INDEX).content.decode()
    assert rated_course.title not in index


def test_learners_and_visitors_do_not_reach_it(client, learner, rated_course):
    anonymous = client.get(detail(rated_course))
    assert anonymous.status_code == 302 and "/admin/login/" in anonymous["Location"]

    client.force_login(learner)
    assert client.get(detail(rated_course)).status_code in (302, 403)
    assert "ممتازة وعملية" not in client.get(detail(rated_course), follow=True).content.decode()


def test_administrators_see_every_course(client, administrator, rated_course, someone_elses_course):
    client.force_login(administrator)

    html = client.get(INDEX).content.decode()

    assert rated_course.title in html and someone_elses_course.title in html
    assert client.get(detail(someone_elses_course)).status_code == 200


def test_the_report_in_arabic(client, trainer, rated_course):
    client.force_login(admin_language(trainer, "ar"))

    html = client.get(detail(rated_course)).content.decode()

    assert 'lang="ar"' in html and 'dir="rtl"' in html
    # Arabic number formatting writes the decimal comma.
    assert "4 ردود، ومتوسط التقييم 3.8 من 5." in html
    assert "تقييمات الدورات" in client.get(INDEX).content.decode()


def test_the_english_translation_reads_the_same_feedback(client, trainer, rated_course, catalogue_en):
    english = translate(rated_course, "en", title="Digital services", slug="digital-services")
    english.owner = trainer
    english.save()
    client.force_login(admin_language(trainer, "en"))

    assert "4 responses, average rating 3.8 out of 5." in client.get(detail(english)).content.decode()
