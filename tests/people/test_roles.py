"""Roles: created idempotently; trainers author courses under the catalogue and send them for review."""

from __future__ import annotations

from django.contrib.auth.models import Group
from wagtail.models import (
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowState,
    WorkflowTask,
)

from courses.models import CoursePage
from people.services import (
    ADMINISTRATORS,
    COURSE_REVIEW_WORKFLOW,
    HR_OFFICERS,
    LEARNERS,
    MINISTRY_ADMINISTRATORS,
    ROLE_NAMES,
    TRAINERS,
    ensure_roles,
)
from tests.builders.roles import course_form, member_of
from tests.factories import add_course


def role_rows() -> dict[str, int]:
    return {
        "groups": Group.objects.count(),
        "page permissions": GroupPagePermission.objects.count(),
        "collection permissions": GroupCollectionPermission.objects.count(),
        "workflows": Workflow.objects.count(),
        "tasks": GroupApprovalTask.objects.count(),
        "workflow tasks": WorkflowTask.objects.count(),
        "workflow pages": WorkflowPage.objects.count(),
        "course review tasks": WorkflowTask.objects.filter(workflow__name=COURSE_REVIEW_WORKFLOW).count(),
    }


def test_ensure_roles_creates_the_five_roles_once(catalogue, catalogue_en):
    first = ensure_roles(catalogue=catalogue)
    rows = role_rows()

    second = ensure_roles(catalogue=catalogue)

    assert role_rows() == rows
    assert sorted(first) == sorted(ROLE_NAMES)
    assert {name: group.pk for name, group in first.items()} == {name: group.pk for name, group in second.items()}
    assert rows["course review tasks"] == 1


def test_only_staff_roles_reach_the_admin(roles):
    can_access = {
        name: group.permissions.filter(content_type__app_label="wagtailadmin", codename="access_admin").exists()
        for name, group in roles.items()
    }

    assert can_access == {
        LEARNERS: False,
        TRAINERS: True,
        HR_OFFICERS: True,
        MINISTRY_ADMINISTRATORS: True,
        ADMINISTRATORS: True,
    }


def test_the_course_review_workflow_covers_the_catalogue_in_both_languages(roles, catalogue, catalogue_en):
    course = add_course(catalogue, title="Reviewed course", modules=1)

    assert catalogue.get_workflow().name == COURSE_REVIEW_WORKFLOW
    assert catalogue_en.get_workflow().name == COURSE_REVIEW_WORKFLOW
    assert course.get_workflow().name == COURSE_REVIEW_WORKFLOW
    (task,) = catalogue.get_workflow().tasks.specific()
    assert list(task.groups.all()) == [roles[ADMINISTRATORS]]


def test_a_trainer_adds_courses_but_does_not_publish(trainer, catalogue):
    own = add_course(catalogue, title="Own course", modules=1, owner=trainer)

    at_catalogue = catalogue.permissions_for_user(trainer)
    on_own_course = own.permissions_for_user(trainer)

    assert at_catalogue.can_add_subpage()
    assert not at_catalogue.can_publish_subpage()
    assert on_own_course.can_edit()
    assert on_own_course.can_add_subpage()
    assert not on_own_course.can_publish()
    assert on_own_course.can_submit_for_moderation()


def test_a_trainer_cannot_edit_another_trainers_course(trainer, other_trainer, catalogue, client):
    theirs = add_course(catalogue, title="Their course", modules=1, owner=other_trainer)

    assert not theirs.permissions_for_user(trainer).can_edit()
    assert not theirs.permissions_for_user(trainer).can_delete()
    client.force_login(trainer)
    response = client.post(
        f"/admin/pages/{theirs.pk}/edit/",
        {"title": "Taken over", "slug": theirs.slug, "summary": "x", "skill_area": "cybersecurity"},
    )
    assert response.status_code in {302, 403}
    assert CoursePage.objects.get(pk=theirs.pk).title == "Their course"


def test_learners_and_hr_officers_cannot_author_courses(roles, catalogue):
    learner = member_of(LEARNERS, "a-learner")
    hr_officer = member_of(HR_OFFICERS, "an-hr-officer")

    for user in (learner, hr_officer):
        assert not catalogue.permissions_for_user(user).can_add_subpage()


def test_administrators_publish_courses(roles, catalogue):
    administrator = member_of(ADMINISTRATORS, "an-administrator")
    course = add_course(catalogue, title="Any course", modules=1)

    assert course.permissions_for_user(administrator).can_edit()
    assert course.permissions_for_user(administrator).can_publish()


def test_a_trainer_submits_a_new_course_for_review_in_the_admin(trainer, catalogue, client):
    client.force_login(trainer)
    add_url = f"/admin/pages/add/courses/coursepage/{catalogue.pk}/"

    assert client.get(add_url).status_code == 200
    response = client.post(add_url, course_form(**{"action-submit": "Submit for review"}))

    assert response.status_code == 302
    course = CoursePage.objects.get(slug="open-data")
    assert course.owner == trainer
    assert not course.live
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(course.pk))
    assert state.workflow.name == COURSE_REVIEW_WORKFLOW
    assert state.status == WorkflowState.STATUS_IN_PROGRESS


def test_a_trainer_asking_to_publish_only_saves_a_draft(trainer, catalogue, client):
    client.force_login(trainer)

    client.post(f"/admin/pages/add/courses/coursepage/{catalogue.pk}/", course_form(**{"action-publish": "Publish"}))

    course = CoursePage.objects.get(slug="open-data")
    assert not course.live
    assert course.first_published_at is None


def test_only_administrators_can_publish_a_course(roles, catalogue):
    course = add_course(catalogue, title="Who publishes", modules=1)
    module = course.get_children().first()
    can_publish = set()
    for group in Group.objects.all():
        member = member_of(group.name, f"member-of-{group.pk}")
        if any(page.permissions_for_user(member).can_publish() for page in (catalogue, course, module)):
            can_publish.add(group.name)
    # Wagtail's own Editors and Moderators exist but publish nothing (people migration 0002).
    assert {"Editors", "Moderators"} <= set(Group.objects.values_list("name", flat=True))
    assert can_publish == {ADMINISTRATORS}
