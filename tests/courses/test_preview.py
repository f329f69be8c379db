"""An author sees the course as a learner would before it is live, drafts included, and tries its quiz
in the preview: graded, with feedback, writing nothing."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from courses.models import ModulePage
from people.services import TRAINERS
from tests.builders.courses import modules_of, record_counts
from tests.builders.roles import member_of
from tests.courses.quizzes import answers_for, quiz_of
from tests.factories import add_course


@pytest.fixture
def own_course(trainer, catalogue):
    course = add_course(catalogue, title="دورة المدرب", modules=2, quiz_last=True, owner=trainer)
    draft = ModulePage(title="وحدة قيد الكتابة", body=[], owner=trainer, locale=catalogue.locale, live=False)
    course.add_child(instance=draft)
    draft.save_revision(user=trainer)
    for module in modules_of(course):
        module.owner = trainer
        module.save(update_fields=["owner"])
    return course


def t(message: str) -> str:
    with translation.override("ar"):
        return translation.gettext(message)


def shown(message: str, **values) -> str:
    """A result line as the Arabic page renders it (the same template tag and number format)."""
    with translation.override("ar"):
        source = "{% load i18n %}{% blocktranslate with score=score %}" + message + "{% endblocktranslate %}"
        return Template(source).render(Context(values))


def try_url(module, quiz, answers: dict | None = None) -> str:
    url = reverse("courses_try_quiz", args=[module.pk, quiz.id])
    if answers is None:
        return url
    query = "&".join(f"question-{question}={value}" for question, value in answers.items())
    return f"{url}?submitted=1&{query}"


def test_the_course_preview_lists_its_modules_drafts_marked(client, trainer, own_course):
    client.force_login(trainer)
    page = client.get(reverse("wagtailadmin_pages:view_draft", args=[own_course.pk])).content.decode()
    assert all(module.title in page for module in modules_of(own_course))
    assert page.count(t("Draft: not published yet")) == 1


def test_the_module_preview_offers_its_quiz(client, trainer, own_course):
    module = modules_of(own_course)[1]
    client.force_login(trainer)
    page = client.get(reverse("wagtailadmin_pages:view_draft", args=[module.pk])).content.decode()
    assert t("Enrol in the course to take this quiz.") not in page
    assert try_url(module, quiz_of(module)) in page
    assert t("Check my answers") in page


@pytest.mark.parametrize(("right", "passed"), [(2, True), (0, False)])
def test_trying_the_quiz_grades_it_and_shows_feedback_writing_nothing(client, trainer, own_course, right, passed):
    module = modules_of(own_course)[1]
    quiz = quiz_of(module)
    client.force_login(trainer)
    before = record_counts()
    response = client.get(try_url(module, quiz, answers_for(quiz, right=right)))
    page = response.content.decode()
    assert response.status_code == 200
    if passed:
        assert shown("Passed with {{ score }}.", score="100%") in page
    else:
        assert shown("Not passed yet: {{ score }}. Review the feedback and try again.", score="0%") in page
    assert "Because it is." in page  # the explanation, shown after checking
    assert t("Try again") in page
    assert record_counts() == before


def test_unanswered_questions_are_a_clear_400(client, trainer, own_course):
    module = modules_of(own_course)[1]
    client.force_login(trainer)
    response = client.get(f"{try_url(module, quiz_of(module))}?submitted=1")
    assert response.status_code == 400
    assert t("Answer every question of the quiz before checking the answers.") in response.content.decode()


def test_another_trainer_cannot_try_the_quiz(client, own_course, roles):
    module = modules_of(own_course)[1]
    client.force_login(member_of(TRAINERS, "someone-else"))
    response = client.get(try_url(module, quiz_of(module), answers_for(quiz_of(module), right=2)))
    assert response.status_code == 403
    assert record_counts()["attempts"] == 0
