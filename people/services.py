"""Writes of the people app: roles and their permissions, created idempotently."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.translation import gettext_noop
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

# Stored as written and shown in the admin's language (people.display_names).
LEARNERS = gettext_noop("Learners")
TRAINERS = gettext_noop("Trainers")
HR_OFFICERS = gettext_noop("HR officers")
ADMINISTRATORS = gettext_noop("Administrators")
# Administer the subtrees of their HRScope rows with role "admin" (people.scope.admin_scope_paths).
MINISTRY_ADMINISTRATORS = gettext_noop("Ministry administrators")
ROLE_NAMES = (LEARNERS, TRAINERS, HR_OFFICERS, MINISTRY_ADMINISTRATORS, ADMINISTRATORS)
COURSE_REVIEW_WORKFLOW = gettext_noop("Course review")
REVIEW_TASK = gettext_noop("Review by administrators")


def _grant_admin_access(group: Group) -> None:
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))


def _ensure_course_review(*, administrators: Group, catalogues: list[Page]) -> None:
    """The course review workflow on every language's catalogue: one task, approved by administrators."""
    workflow, _ = Workflow.objects.get_or_create(name=COURSE_REVIEW_WORKFLOW)
    task, created = GroupApprovalTask.objects.get_or_create(name=REVIEW_TASK)
    if created:
        task.groups.set([administrators])
    # Not workflow.workflow_tasks.create(): that relation is a ParentalKey, whose create() only
    # stages the row on the unsaved cluster, so the workflow would have no task at all.
    if not WorkflowTask.objects.filter(workflow=workflow).exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    for page in catalogues:
        WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})


@transaction.atomic
def ensure_roles(*, catalogue: Page) -> dict[str, Group]:
    """Create the five roles, their page and collection permissions and the course review workflow.

    Trainers get "add" on the catalogue: in Wagtail that means add pages and edit the pages they own,
    so a trainer never edits another trainer's course; without "publish" every change goes to review.
    """
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in ROLE_NAMES}
    for name in (TRAINERS, HR_OFFICERS, MINISTRY_ADMINISTRATORS, ADMINISTRATORS):
        _grant_admin_access(groups[name])
    # Trainers translate their own courses (wagtail-localize's "Translate this page"); the copies go to review too.
    translate = Permission.objects.get(content_type__app_label="wagtail_localize", codename="submit_translation")
    for name in (TRAINERS, ADMINISTRATORS):
        groups[name].permissions.add(translate)

    root_collection = Collection.get_first_root_node()
    for codename, model in (("add", "image"), ("choose", "image"), ("add", "document"), ("choose", "document")):
        permission = Permission.objects.get(codename=f"{codename}_{model}")
        for name in (TRAINERS, ADMINISTRATORS):
            GroupCollectionPermission.objects.get_or_create(
                group=groups[name], collection=root_collection, permission=permission
            )

    def page_permission(action: str) -> Permission:
        return Permission.objects.get(content_type__app_label="wagtailcore", codename=f"{action}_page")

    catalogues = list(Page.objects.filter(translation_key=catalogue.translation_key))
    for page in catalogues:
        GroupPagePermission.objects.get_or_create(group=groups[TRAINERS], page=page, permission=page_permission("add"))
        for action in ("add", "change", "publish", "lock", "unlock"):
            GroupPagePermission.objects.get_or_create(
                group=groups[ADMINISTRATORS], page=page, permission=page_permission(action)
            )

    _ensure_course_review(administrators=groups[ADMINISTRATORS], catalogues=catalogues)
    return groups
