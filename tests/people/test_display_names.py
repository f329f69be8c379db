"""The names we store — roles, the course review workflow and its task — read in the admin's language, and
stay stored as written."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.utils import translation
from wagtail.models import GroupApprovalTask, Workflow

from people.services import ADMINISTRATORS, COURSE_REVIEW_WORKFLOW, REVIEW_TASK, TRAINERS
from tests.builders.roles import member_of, speaks
from tests.factories import add_course


def test_the_arabic_action_menu_names_the_course_review_in_arabic(client, trainer, catalogue):
    course = add_course(catalogue, title="دورة", modules=1, owner=trainer)
    client.force_login(speaks(trainer, "ar"))

    html = client.get(f"/admin/pages/{course.pk}/edit/").content.decode()

    assert "تقديم إلى مراجعة الدورات" in html
    assert "Course review" not in html


def test_the_english_action_menu_keeps_the_english_name(client, trainer, catalogue):
    course = add_course(catalogue, title="Course", modules=1, owner=trainer)
    client.force_login(speaks(trainer, "en"))

    assert "Submit to Course review" in client.get(f"/admin/pages/{course.pk}/edit/").content.decode()


def test_a_course_in_review_names_its_task_in_arabic(client, trainer, catalogue):
    course = add_course(catalogue, title="دورة", modules=1, owner=trainer)
    course.save_revision(user=trainer)
    Workflow.objects.get(name=COURSE_REVIEW_WORKFLOW).start(course, trainer)
    client.force_login(speaks(trainer, "ar"))

    html = client.get(f"/admin/pages/{course.pk}/edit/").content.decode()

    assert "تم الإرسال إلى مراجعة المسؤولين" in html  # the status panel: "Sent to Review by administrators"
    assert "Review by administrators" not in html


def test_names_are_stored_and_looked_up_as_written(roles):
    with translation.override("ar"):
        workflow = Workflow.objects.get(name=COURSE_REVIEW_WORKFLOW)
        task = GroupApprovalTask.objects.get(name=REVIEW_TASK)
        group = Group.objects.get(name=TRAINERS)

        assert (str(workflow.name), str(task.name), str(group.name)) == (
            "مراجعة الدورات",
            "مراجعة المسؤولين",
            "المدرّبون",
        )
        assert (workflow.name, task.name, group.name) == (COURSE_REVIEW_WORKFLOW, REVIEW_TASK, TRAINERS)
        workflow.save()
        task.save()
    assert Workflow.objects.filter(name=COURSE_REVIEW_WORKFLOW).count() == 1
    assert GroupApprovalTask.objects.filter(name=REVIEW_TASK).count() == 1


def test_saving_the_workflow_form_in_arabic_keeps_the_stored_name(client, roles):
    administrator = member_of(ADMINISTRATORS, "administrator")
    administrator.is_superuser = True  # editing workflows is a superuser's setting
    administrator.save()
    workflow = Workflow.objects.get(name=COURSE_REVIEW_WORKFLOW)
    client.force_login(speaks(administrator, "ar"))
    edit_url = f"/admin/workflows/edit/{workflow.pk}/"
    form = client.get(edit_url).content.decode()
    assert 'value="مراجعة الدورات"' in form

    response = client.post(
        edit_url,
        {
            "name": "مراجعة الدورات",  # what the Arabic form shows, sent back unchanged
            "pages-TOTAL_FORMS": "0",
            "pages-INITIAL_FORMS": "0",
            "pages-MIN_NUM_FORMS": "0",
            "pages-MAX_NUM_FORMS": "1000",
            "workflow_tasks-TOTAL_FORMS": "1",
            "workflow_tasks-INITIAL_FORMS": "1",
            "workflow_tasks-MIN_NUM_FORMS": "0",
            "workflow_tasks-MAX_NUM_FORMS": "1000",
            "workflow_tasks-0-id": str(workflow.workflow_tasks.get().pk),
            "workflow_tasks-0-task": str(GroupApprovalTask.objects.get(name=REVIEW_TASK).pk),
            "workflow_tasks-0-ORDER": "1",
            "workflow_tasks-0-DELETE": "",
        },
    )

    assert response.status_code == 302
    assert Workflow.objects.get(pk=workflow.pk).name == COURSE_REVIEW_WORKFLOW
    # A name an administrator types in is stored as typed.
    workflow.name = "مراجعة خاصة"
    workflow.save()
    assert Workflow.objects.get(pk=workflow.pk).name == "مراجعة خاصة"
