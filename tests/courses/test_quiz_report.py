"""The trainer's quiz report: own courses only, attempts and pass rate, difficulty per question, export."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from courses import services
from people.services import ADMINISTRATORS, TRAINERS, ensure_roles
from tests.courses.quiz_course import quiz_course
from tests.courses.quizzes import answers_for, quiz_of
from tests.factories import EmployeeFactory, UserFactory


def staff(username: str, role: str):
    user = EmployeeFactory(user=UserFactory(username=username)).user
    user.groups.add(role)
    return user


@pytest.fixture
def report(catalogue, learner):
    """Two trainers, one course each; the learner failed one attempt and passed one in the first course."""
    groups = ensure_roles(catalogue=catalogue)
    owner = staff("owner", groups[TRAINERS])
    other = staff("other-trainer", groups[TRAINERS])
    admin = staff("admin", groups[ADMINISTRATORS])
    course, module = quiz_course(catalogue)
    course.owner = owner
    course.save()
    other_course, _other_module = quiz_course(catalogue)
    other_course.owner = other
    other_course.save()
    services.enrol(learner=learner, course=course)
    quiz = quiz_of(module)
    for right in (1, 4):
        attempt = services.start_quiz_attempt(learner=learner, module=module, quiz_block_id=quiz.id)
        services.submit_quiz(
            learner=learner,
            module=module,
            quiz_block_id=quiz.id,
            attempt_id=attempt.pk,
            answers=answers_for(quiz, right=right, attempt=attempt),
        )
    return {"owner": owner, "other": other, "admin": admin, "module": module, "quiz": quiz}


def test_the_owner_sees_attempts_and_the_difficulty_of_each_question(client, report):
    client.force_login(report["owner"])

    listing = client.get(reverse("quiz_report:index")).content.decode()
    detail = client.get(reverse("quiz_report:detail", args=[report["module"].pk, report["quiz"].id]))
    html = detail.content.decode()

    assert "Final check" in listing
    assert detail.status_code == 200
    assert "<svg" in html
    # The first question was right twice; the true/false question wrong once ("True" chosen).
    assert "100.0" in html and "50.0" in html
    assert "Which portal publishes e-services?" in html


def test_a_trainer_does_not_see_another_trainers_quiz(client, report):
    client.force_login(report["other"])

    listing = client.get(reverse("quiz_report:index")).content.decode()
    detail = client.get(reverse("quiz_report:detail", args=[report["module"].pk, report["quiz"].id]))

    assert "Final check" not in listing
    # The admin turns a refusal into a redirect to its dashboard with a message.
    assert detail.status_code in (302, 403)
    assert "Which portal publishes e-services?" not in detail.content.decode()


def test_an_administrator_sees_every_quiz_and_exports_it(client, report):
    client.force_login(report["admin"])

    response = client.get(reverse("quiz_report:index") + "?export=csv")

    assert response.status_code == 200
    body = b"".join(response.streaming_content if response.streaming else [response.content]).decode("utf-8-sig")
    assert "Final check" in body
    assert ",2,1," in body


def test_a_learner_cannot_open_the_report(client, learner, report):
    client.force_login(learner)

    assert client.get(reverse("quiz_report:index")).status_code in (302, 403)


def test_a_module_title_that_looks_like_a_formula_is_exported_inert(client, report):
    module = report["module"]
    module.title = '=HYPERLINK("http://evil.example","Final check")'
    module.save_revision().publish()
    client.force_login(report["admin"])

    response = client.get(reverse("quiz_report:index") + "?export=csv")

    body = b"".join(response.streaming_content if response.streaming else [response.content]).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    titles = [row[0] for row in rows[1:]]
    assert "'" + module.title in titles
    assert module.title not in titles
