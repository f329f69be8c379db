"""A course goes live as a unit and only when its checks pass: one review for the course and its changed
modules, one decision for all of them, and a refused publication that changes nothing."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import TaskState, WorkflowState

from courses.models import CoursePage, ModulePage
from courses.review import PublishRefused, course_checks
from people.services import ADMINISTRATORS
from tests.builders.concurrency import run_at_once
from tests.builders.courses import modules_of
from tests.builders.roles import member_of
from tests.conftest import requires_postgres
from tests.factories import _quiz, add_course


def broken_quiz() -> dict:
    """A quiz whose first question has no answer marked correct (a draft saved without validation)."""
    value = _quiz()
    for choice in value["questions"][0]["value"]["choices"]:
        choice["value"]["correct"] = False
    return {"type": "quiz", "value": value}


@pytest.fixture
def reviewer(roles):
    return member_of(ADMINISTRATORS, "reviewer")


def draft(parent, page):
    """Save ``page`` under ``parent`` as a draft its owner wrote in the admin (never published)."""
    page.live = False
    parent.add_child(instance=page)
    page.save_revision(user=page.owner, clean=False)
    return page


@pytest.fixture
def new_course(trainer, catalogue, certificate_template):
    """A trainer's draft course with two draft modules, written in one language only."""
    course = draft(
        catalogue,
        CoursePage(
            title="البيانات المفتوحة",
            summary="مدخل",
            skill_area="data_ai",
            single_language=True,
            owner=trainer,
            locale=catalogue.locale,
        ),
    )
    for number in (1, 2):
        body = [{"type": "paragraph", "value": f"<p>{number}</p>"}]
        draft(course, ModulePage(title=f"الوحدة {number}", body=body, owner=trainer, locale=catalogue.locale))
    return course


def state_of(page) -> WorkflowState | None:
    return WorkflowState.objects.filter(object_id=str(page.pk)).order_by("-id").first()


def submit(course, user) -> None:
    course.get_workflow().start(course, user)


def act(page, user, action: str) -> None:
    page = page.__class__.objects.get(pk=page.pk)
    page.current_workflow_task.on_action(page.current_workflow_task_state, user, action)


def test_submitting_a_course_submits_its_new_modules_with_it(new_course, trainer):
    submit(new_course, trainer)
    assert [state_of(module).status for module in modules_of(new_course)] == ["in_progress", "in_progress"]
    assert state_of(new_course).status == "in_progress"


def test_approving_the_course_publishes_it_with_its_modules(new_course, trainer, reviewer):
    submit(new_course, trainer)
    act(new_course, reviewer, "approve")
    new_course.refresh_from_db()
    assert new_course.live
    assert [module.live for module in modules_of(new_course)] == [True, True]
    assert [state_of(module).status for module in modules_of(new_course)] == ["approved", "approved"]


def test_requesting_changes_returns_the_modules_and_resubmitting_resumes_them(new_course, trainer, reviewer):
    submit(new_course, trainer)
    act(new_course, reviewer, "reject")
    assert [state_of(page).status for page in [new_course, *modules_of(new_course)]] == ["needs_changes"] * 3
    state_of(new_course).resume(user=trainer)
    assert [state_of(page).status for page in [new_course, *modules_of(new_course)]] == ["in_progress"] * 3
    act(new_course, reviewer, "approve")
    assert all(page.live for page in [CoursePage.objects.get(pk=new_course.pk), *modules_of(new_course)])


def test_cancelling_the_course_review_cancels_its_modules_reviews(new_course, trainer):
    submit(new_course, trainer)
    state_of(new_course).cancel(user=trainer)
    assert [state_of(module).status for module in modules_of(new_course)] == ["cancelled", "cancelled"]


def test_a_live_module_with_no_changes_stays_out_of_the_review(catalogue, trainer, reviewer, certificate_template):
    course = add_course(catalogue, title="دورة منشورة", modules=2, single_language=True)
    changed = modules_of(course)[1].specific
    changed.title = "عنوان جديد"
    changed.save_revision(user=trainer)
    course.save_revision(user=trainer)
    submit(course, trainer)
    first, second = modules_of(course)
    assert state_of(first) is None
    assert state_of(second).status == "in_progress"
    act(course, reviewer, "approve")
    assert ModulePage.objects.get(pk=second.pk).title == "عنوان جديد"


def test_a_course_without_modules_is_refused_and_nothing_changes(trainer, reviewer, catalogue, certificate_template):
    course = draft(
        catalogue, CoursePage(title="فارغة", summary="-", skill_area="data_ai", single_language=True, owner=trainer)
    )
    submit(course, trainer)
    with pytest.raises(PublishRefused) as refused:
        act(course, reviewer, "approve")
    assert [str(check.label) for check in refused.value.failed] == [
        _("At least one required module is published or goes live with the course")
    ]
    assert not CoursePage.objects.get(pk=course.pk).live
    state = state_of(course)
    assert state.status == "in_progress" and state.current_task_state.status == "in_progress"


def test_a_broken_quiz_in_a_module_refuses_the_whole_unit(new_course, trainer, reviewer):
    module = modules_of(new_course)[1].specific
    module.body = [broken_quiz()]
    module.save_revision(user=trainer, clean=False)
    submit(new_course, trainer)
    with pytest.raises(PublishRefused) as refused:
        act(new_course, reviewer, "approve")
    correct_answers = _("“%(quiz)s”: every question has a correct answer") % {"quiz": "Check"}
    assert correct_answers in [str(check.label) for check in refused.value.failed]
    assert not any(page.live for page in [CoursePage.objects.get(pk=new_course.pk), *modules_of(new_course)])


def test_the_reviewer_sees_the_refusal_as_a_message_in_the_admin(client, new_course, trainer, reviewer):
    module = modules_of(new_course)[1].specific
    module.body = [broken_quiz()]
    module.save_revision(user=trainer, clean=False)
    submit(new_course, trainer)
    course = CoursePage.objects.get(pk=new_course.pk)
    client.force_login(reviewer)
    url = reverse(
        "wagtailadmin_pages:workflow_action", args=[course.pk, "approve", course.current_workflow_task_state.pk]
    )
    response = client.post(url)
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_pages:edit", args=[course.pk])
    shown = [str(message) for message in get_messages(response.wsgi_request)]
    assert shown[0] == _("“%(title)s” was not published. Fix these first:") % {"title": course.title}
    correct_answers = _("“%(quiz)s”: every question has a correct answer") % {"quiz": "Check"}
    assert any(message.startswith(correct_answers) for message in shown)
    assert not CoursePage.objects.get(pk=course.pk).live


def test_an_administrator_publishing_a_broken_module_is_refused(new_course, reviewer):
    module = modules_of(new_course)[0].specific
    module.body = [broken_quiz()]
    revision = module.save_revision(clean=False)
    with pytest.raises(PublishRefused):
        revision.publish(user=reviewer)
    assert not ModulePage.objects.get(pk=module.pk).live


def test_the_checks_name_each_missing_piece(catalogue, trainer, certificate_template):
    course = draft(catalogue, CoursePage(title="ناقصة", summary="-", skill_area="data_ai", estimated_hours=0))
    failed = {str(check.label) for check in course_checks(course) if not check.passed}
    assert failed == {
        _("At least one required module is published or goes live with the course"),
        _("Estimated hours are given"),
        _("Written in both languages, or marked as offered in one language only"),
    }


def test_no_certificate_template_is_a_failed_check(new_course):
    failed = [str(check.label) for check in course_checks(new_course) if not check.passed]
    assert failed == []
    from certificates.models import CertificateTemplate

    CertificateTemplate.objects.update(is_default=False)
    failed = [str(check.label) for check in course_checks(new_course) if not check.passed]
    assert failed == [_("A certificate template is chosen, or a default template is set")]


def test_the_editor_shows_the_checks_and_the_unit(client, new_course, trainer):
    client.force_login(trainer)
    page = client.get(reverse("wagtailadmin_pages:edit", args=[new_course.pk])).content.decode()
    assert _("Checks before publishing") in page
    assert _("At least one required module is published or goes live with the course") in page
    assert _("These modules go to review and live together with the course:") in page
    assert "الوحدة 1" in page and "الوحدة 2" in page


def test_a_review_action_posted_after_the_decision_changes_nothing(client, new_course, trainer, reviewer):
    submit(new_course, trainer)
    act(new_course, reviewer, "approve")
    client.force_login(reviewer)
    edit = reverse("wagtailadmin_pages:edit", args=[new_course.pk])
    # A second "Approve and publish" from a page loaded before the first one was decided.
    response = client.post(edit, {"action-workflow-action": "true", "workflow-action-name": "approve"})
    assert response.status_code == 302 and response.url == edit
    shown = [str(message) for message in get_messages(response.wsgi_request)]
    assert shown == [_("This review was already decided; nothing was changed.")]
    assert CoursePage.objects.get(pk=new_course.pk).live
    assert all(module.live for module in modules_of(new_course))


@requires_postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_reviewers_approving_at_once_publish_once(new_course, trainer, reviewer):
    submit(new_course, trainer)
    second = member_of(ADMINISTRATORS, "second-reviewer")
    task_state = CoursePage.objects.get(pk=new_course.pk).current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[new_course.pk, "approve", task_state.pk])
    reviewers = iter([reviewer, second])

    def approve():
        client = Client()
        client.force_login(next(reviewers))
        return client.post(url).status_code

    statuses, errors = run_at_once(approve, threads=2)
    assert errors == []
    assert sorted(statuses) == [302, 302]
    course = CoursePage.objects.get(pk=new_course.pk)
    assert course.live and all(module.live for module in modules_of(course))
    assert TaskState.objects.filter(workflow_state__object_id=str(course.pk), status="approved").count() == 1
