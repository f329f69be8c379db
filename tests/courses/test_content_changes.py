"""Edits to a course's content never strand a learner: a module unpublished, deleted, made optional or
added, or a translation that lags, ends in exactly one completion and one certificate for whoever
then meets the rule; and a module with learners' progress is never deleted."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from certificates.models import Certificate
from courses import selectors, services
from courses.models import Enrolment, ModulePage, ModuleProgress
from courses.wagtail_hooks import KEEP_RECORDS
from tests.builders.courses import modules_of
from tests.factories import add_module


@pytest.fixture
def stranded(learner, course, eager_celery, certificate_template, django_capture_on_commit_callbacks):
    """The learner has completed every module of the course but the last one."""
    services.enrol(learner=learner, course=course)
    with django_capture_on_commit_callbacks(execute=True):
        for module in modules_of(course)[:-1]:
            services.complete_module(learner=learner, module=module)
    enrolment = Enrolment.objects.get(learner=learner)
    assert enrolment.completed_at is None
    return enrolment


def assert_completed_once(enrolment: Enrolment) -> None:
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.COMPLETED
    assert Certificate.objects.filter(enrolment=enrolment).count() == 1
    assert Certificate.objects.get(enrolment=enrolment).status == Certificate.Status.ISSUED
    # A second evaluation (the hourly sweep) finds nobody left to complete.
    assert services.reevaluate_all_completions() == 0
    assert Certificate.objects.filter(enrolment=enrolment).count() == 1


def test_unpublishing_the_module_left_completes_the_learner(
    stranded, course, completions, django_capture_on_commit_callbacks
):
    last = modules_of(course)[-1]
    with django_capture_on_commit_callbacks(execute=True):
        last.unpublish()
    assert_completed_once(stranded)
    assert completions == [stranded]


def test_deleting_a_module_nobody_started_completes_the_learner(
    stranded, course, completions, django_capture_on_commit_callbacks
):
    last = modules_of(course)[-1]
    with django_capture_on_commit_callbacks(execute=True):
        last.delete()
    assert_completed_once(stranded)
    assert len(completions) == 1


def test_making_the_module_left_optional_completes_the_learner(stranded, course, django_capture_on_commit_callbacks):
    last = modules_of(course)[-1].specific
    last.required = False
    with django_capture_on_commit_callbacks(execute=True):
        last.save_revision().publish()
    assert_completed_once(stranded)


def test_a_module_added_to_the_source_course_shows_in_the_translation_until_translated(
    learner, course, course_en, eager_celery, certificate_template, django_capture_on_commit_callbacks
):
    services.enrol(learner=learner, course=course_en)
    added = add_module(course, title="وحدة جديدة")
    outline = selectors.course_outline(course=course_en, user=learner)
    # Shown in Arabic in the English outline, so the English learner can take it.
    assert [item.module.locale.language_code for item in outline.items] == ["en", "en", "en", "ar"]
    assert outline.items[-1].module == added
    with django_capture_on_commit_callbacks(execute=True):
        for item in outline.items:
            services.complete_module(learner=learner, module=item.module)
    enrolment = Enrolment.objects.get(learner=learner)
    assert selectors.course_outline(course=course_en, user=learner).percent == 100
    assert_completed_once(enrolment)


def test_an_unpublished_translation_falls_back_to_the_source_module(
    learner, course, course_en, eager_celery, certificate_template, django_capture_on_commit_callbacks
):
    english = ModulePage.objects.child_of(course_en).order_by("path")
    english[1].unpublish()
    services.enrol(learner=learner, course=course_en)
    outline = selectors.course_outline(course=course_en, user=learner)
    assert [item.module.locale.language_code for item in outline.items] == ["en", "ar", "en"]
    with django_capture_on_commit_callbacks(execute=True):
        for item in outline.items:
            services.complete_module(learner=learner, module=item.module)
    assert_completed_once(Enrolment.objects.get(learner=learner))


def test_the_progress_bar_and_the_rule_agree_at_100(stranded, course, learner, django_capture_on_commit_callbacks):
    """Before the change the bar stops short of 100 %; after it, the bar and the record both say complete."""
    assert selectors.course_outline(course=course, user=learner).percent < 100
    with django_capture_on_commit_callbacks(execute=True):
        modules_of(course)[-1].unpublish()
    outline = selectors.course_outline(course=course, user=learner)
    assert outline.percent == 100
    assert outline.enrolment.completed_at is not None


def test_a_module_with_progress_is_not_deleted_from_the_admin(admin_client, stranded, course):
    started = modules_of(course)[0]
    response = admin_client.post(reverse("wagtailadmin_pages:delete", args=[started.pk]))
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_pages:edit", args=[started.pk])
    shown = [str(message) for message in get_messages(response.wsgi_request)]
    assert shown == [str(KEEP_RECORDS) % {"title": started.title}]
    assert ModulePage.objects.filter(pk=started.pk).exists()
    assert ModuleProgress.objects.filter(module=started).count() == 1


def test_a_course_with_enrolments_is_not_deleted_from_the_admin(admin_client, stranded, course):
    response = admin_client.get(reverse("wagtailadmin_pages:delete", args=[course.pk]))
    assert response.status_code == 302
    assert course.__class__.objects.filter(pk=course.pk).exists()


def test_a_module_nobody_started_is_deleted_from_the_admin(
    admin_client, stranded, course, django_capture_on_commit_callbacks
):
    last = modules_of(course)[-1]
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("wagtailadmin_pages:delete", args=[last.pk]))
    assert response.status_code == 302
    assert not ModulePage.objects.filter(pk=last.pk).exists()
    assert_completed_once(stranded)


def test_bulk_delete_keeps_modules_with_progress(admin_client, stranded, course):
    started = modules_of(course)[0]
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
    response = admin_client.post(f"{url}?id={started.pk}&next=/admin/pages/{course.pk}/", {})
    assert response.status_code == 302
    assert ModulePage.objects.filter(pk=started.pk).exists()
    shown = [str(message) for message in get_messages(response.wsgi_request)]
    assert shown == [str(KEEP_RECORDS) % {"title": started.title}]
