"""Bad input gets a 4xx and writes nothing: foreign or hidden modules, unknown ids, wrong methods, no CSRF."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from courses import services
from courses.models import ModulePage, QuizAttempt
from tests.builders.courses import modules_of, record_counts
from tests.factories import add_course

UNKNOWN_ID = 999_999


def url(name: str, **kwargs) -> str:
    with translation.override("ar"):
        return reverse(f"courses:{name}", kwargs=kwargs)


def complete_url(course, module) -> str:
    return url("complete", course_id=course.pk, module_id=module.pk)


@pytest.fixture
def other_course(catalogue, learner):
    other = add_course(catalogue, title="Another course", modules=1)
    services.enrol(learner=learner, course=other)
    return other


@pytest.fixture
def before(learner, course, enrolment, modules, quiz_course):
    """The learner is enrolled in both courses and has completed the first module of `course`."""
    services.enrol(learner=learner, course=quiz_course)
    services.complete_module(learner=learner, module=modules[0])
    (quiz,) = quiz_module(quiz_course).quizzes
    services.start_quiz_attempt(learner=learner, module=quiz_module(quiz_course), quiz_block_id=quiz.id)
    return record_counts()


def quiz_module(course) -> ModulePage:
    return modules_of(course)[1].specific


def quiz_answers(module: ModulePage) -> dict[str, str]:
    """Every question of the open attempt answered with its first choice, as the form would post them."""
    (quiz,) = module.quizzes
    attempt = QuizAttempt.objects.get(quiz_block_id=quiz.id, status=QuizAttempt.Status.IN_PROGRESS)
    return {
        "attempt": str(attempt.pk),
        **{
            f"question-{question.id}": question.value["choices"].bound_blocks[0].id
            for question in quiz.value["questions"]
        },
    }


def test_completing_a_module_of_another_course_is_not_found(learner_client, course, other_course, before):
    response = learner_client.post(complete_url(course, modules_of(other_course)[0]))

    assert response.status_code == 404
    assert record_counts() == before


def test_completing_a_module_of_an_unpublished_course_is_not_found(learner_client, course, modules, before):
    course.unpublish()

    response = learner_client.post(complete_url(course, modules[1]))

    assert response.status_code == 404
    assert record_counts() == before


def test_a_live_translation_does_not_open_modules_of_an_unpublished_source(
    learner_client, course, course_en, modules, before
):
    course.unpublish()

    response = learner_client.post(complete_url(course_en, modules[1]))

    assert response.status_code == 404
    assert record_counts() == before


def test_completing_an_unpublished_module_is_not_found(learner_client, course, modules, before):
    modules[1].unpublish()

    response = learner_client.post(complete_url(course, modules[1]))

    assert response.status_code == 404
    assert record_counts() == before


def test_opening_an_unpublished_module_is_not_found(learner_client, modules, before):
    modules[1].unpublish()

    assert learner_client.get(modules[1].url).status_code == 404
    assert record_counts() == before


def test_opening_a_module_of_an_unpublished_course_is_not_found(learner_client, course, modules, before):
    course.unpublish()

    response = learner_client.get(modules[1].url)

    assert (response.status_code, record_counts()) == (404, before)


@pytest.mark.parametrize(
    "target",
    [
        pytest.param(lambda course, module: url("complete", course_id=UNKNOWN_ID, module_id=module.pk), id="course"),
        pytest.param(lambda course, module: url("complete", course_id=course.pk, module_id=UNKNOWN_ID), id="module"),
        pytest.param(
            lambda course, module: url("complete", course_id=module.pk, module_id=module.pk), id="module as course"
        ),
        pytest.param(
            lambda course, module: url("complete", course_id=course.pk, module_id=course.pk), id="course as module"
        ),
        pytest.param(lambda course, module: url("enrol", course_id=UNKNOWN_ID), id="enrol unknown course"),
        pytest.param(lambda course, module: url("enrol", course_id=module.pk), id="enrol in a module"),
    ],
)
def test_unknown_ids_are_not_found(learner_client, course, modules, before, target):
    response = learner_client.post(target(course, modules[1]))

    assert response.status_code == 404
    assert record_counts() == before


def test_enrolling_in_an_unpublished_course_is_not_found(learner_client, catalogue, before):
    draft = add_course(catalogue, title="Draft course", modules=1)
    draft.unpublish()

    response = learner_client.post(url("enrol", course_id=draft.pk))

    assert response.status_code == 404
    assert record_counts() == before


@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_actions_accept_only_post(learner_client, course, modules, quiz_course, before, method):
    module = quiz_module(quiz_course)
    (quiz,) = module.quizzes
    targets = [
        url("enrol", course_id=course.pk),
        complete_url(course, modules[1]),
        url("submit_quiz", course_id=quiz_course.pk, module_id=module.pk, quiz_id=quiz.id),
    ]

    statuses = [getattr(learner_client, method)(target).status_code for target in targets]

    assert statuses == [405, 405, 405]
    assert record_counts() == before


def test_posts_without_a_csrf_token_are_forbidden(learner, course, modules, quiz_course, before):
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)
    module = quiz_module(quiz_course)
    (quiz,) = module.quizzes

    responses = [
        client.post(url("enrol", course_id=course.pk)),
        client.post(complete_url(course, modules[1])),
        client.post(
            url("submit_quiz", course_id=quiz_course.pk, module_id=module.pk, quiz_id=quiz.id), quiz_answers(module)
        ),
    ]

    assert [response.status_code for response in responses] == [403, 403, 403]
    assert record_counts() == before


def test_the_forms_carry_the_csrf_token_that_lets_them_through(learner, course, modules, before):
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)
    page = client.get(modules[1].url)
    token = page.cookies["csrftoken"].value

    response = client.post(complete_url(course, modules[1]), {"csrfmiddlewaretoken": token})

    assert response.status_code == 302
    assert record_counts()["completed progress"] == before["completed progress"] + 1


def test_a_quiz_module_is_completed_by_its_quiz_not_by_the_button(learner_client, quiz_course, before):
    response = learner_client.post(complete_url(quiz_course, quiz_module(quiz_course)))

    assert response.status_code == 400
    assert record_counts() == before


def test_quiz_answers_with_choices_of_another_question_are_refused(learner_client, quiz_course, before):
    module = quiz_module(quiz_course)
    (quiz,) = module.quizzes
    answers = quiz_answers(module)
    first, second = (name for name in answers if name.startswith("question-"))
    answers[first], answers[second] = answers[second], answers[first]

    response = learner_client.post(
        url("submit_quiz", course_id=quiz_course.pk, module_id=module.pk, quiz_id=quiz.id), answers
    )

    assert response.status_code == 400
    assert record_counts() == before


def test_quiz_answers_missing_a_question_are_refused(learner_client, quiz_course, before):
    module = quiz_module(quiz_course)
    (quiz,) = module.quizzes
    answers = quiz_answers(module)
    answers.popitem()

    response = learner_client.post(
        url("submit_quiz", course_id=quiz_course.pk, module_id=module.pk, quiz_id=quiz.id), answers
    )

    assert response.status_code == 400
    assert record_counts() == before


def test_an_unknown_quiz_is_not_found(learner_client, quiz_course, before):
    module = quiz_module(quiz_course)

    response = learner_client.post(
        url("submit_quiz", course_id=quiz_course.pk, module_id=module.pk, quiz_id="no-such-quiz"),
        quiz_answers(module),
    )

    assert response.status_code == 404
    assert record_counts() == before


def test_a_quiz_of_another_course_is_not_found(learner_client, course, quiz_course, before):
    module = quiz_module(quiz_course)
    (quiz,) = module.quizzes

    response = learner_client.post(
        url("submit_quiz", course_id=course.pk, module_id=module.pk, quiz_id=quiz.id), quiz_answers(module)
    )

    assert response.status_code == 404
    assert record_counts() == before


def test_a_quiz_needs_an_enrolment(client, other_learner, quiz_course, before):
    client.force_login(other_learner)
    module = quiz_module(quiz_course)
    (quiz,) = module.quizzes

    response = client.post(
        url("submit_quiz", course_id=quiz_course.pk, module_id=module.pk, quiz_id=quiz.id), quiz_answers(module)
    )

    assert response.status_code == 403
    assert record_counts() == before


def test_a_valid_quiz_submission_is_recorded(learner_client, quiz_course, before):
    module = quiz_module(quiz_course)
    (quiz,) = module.quizzes

    response = learner_client.post(
        url("submit_quiz", course_id=quiz_course.pk, module_id=module.pk, quiz_id=quiz.id), quiz_answers(module)
    )

    # The first choices answer one of the two questions right: 50%, exactly the pass mark.
    assert response.status_code == 302
    after = record_counts()
    assert after["attempts"] == before["attempts"] + 1
    assert after["completed progress"] == before["completed progress"] + 1
