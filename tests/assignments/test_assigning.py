"""HR assigns a course in the admin: who gets enrolled, scope checks, bad input, cancelling."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from assignments import services, tasks
from assignments.models import Assignment, AssignmentMember
from courses import services as course_services
from courses.models import Enrolment, ModulePage
from notifications import tasks as notification_tasks
from notifications.models import Notification
from tests.assignments.conftest import assign, employee, in_days
from tests.builders.brokers import broker_down

ADD = reverse("assignments:add")


def form(course, **overrides) -> dict:
    data = {"course": course.pk, "due_rule": "on_date", "due_on": in_days(30).isoformat()}
    data.update(overrides)
    return data


def test_hr_assigns_a_directorate_and_its_subtree_is_enrolled_with_the_due_date(
    hr_client, org, mandatory_course, eager_celery, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = hr_client.post(ADD, form(mandatory_course, org_unit=org.unit("D1").pk))
    assignment = Assignment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("assignments:detail", args=[assignment.pk])
    enrolled = Enrolment.objects.filter(course=mandatory_course).select_related("learner__employee")
    assert {e.learner.employee.employee_number for e in enrolled} == {"M-101", "M-102"}
    assert {(e.source, e.due_date) for e in enrolled} == {("assigned", in_days(30))}
    assert assignment.members.count() == 2
    page = hr_client.get(reverse("assignments:detail", args=[assignment.pk])).content.decode()
    assert "Covered now: 2" in page and "Person M-101" in page and "Person N-301" not in page
    listing = hr_client.get(reverse("assignments:index")).content.decode()
    assert "Cybersecurity awareness" in listing or "الأمن السيبراني" in listing


def test_grades_job_titles_and_chosen_people_narrow_or_extend_the_target(hr, org, mandatory_course):
    assign(hr, mandatory_course, unit=org.unit("M"), on=in_days(10), grades=["9"])
    assert set(Enrolment.objects.values_list("learner__employee__employee_number", flat=True)) == {"M-102"}
    assign(hr, mandatory_course, unit=org.unit("M"), on=in_days(10), job_titles=["Analyst"])
    assert set(Enrolment.objects.values_list("learner__employee__employee_number", flat=True)) == {
        "M-101",
        "M-102",
        "M-201",
    }
    other = employee("M-900", org.unit("D2"))
    assign(hr, mandatory_course, on=in_days(10), employees=[other])
    assert Enrolment.objects.filter(learner=other.user, source="assigned").exists()


def test_hr_cannot_assign_a_unit_outside_their_subtree(hr_client, org, mandatory_course):
    response = hr_client.post(ADD, form(mandatory_course, org_unit=org.unit("N").pk))
    assert response.status_code == 403
    assert not Assignment.objects.exists() and not Enrolment.objects.exists()


def test_a_number_of_another_ministry_is_answered_like_one_that_does_not_exist(hr_client, org, mandatory_course):
    """Otherwise the form would tell an officer which employee numbers exist in other ministries."""

    def answer(number: str) -> tuple[int, dict]:
        response = hr_client.post(ADD, form(mandatory_course, employee_numbers=f"M-101\n{number}"))
        assert f"No employee in your organisation has the number(s): {number}." in response.content.decode()
        # The officer's admin speaks English; the form's lazy messages are read in that language too.
        with translation.override("en"):
            errors = {
                field: [str(e).replace(number, "NUMBER") for e in errs]
                for field, errs in response.context["form"].errors.items()
            }
        return response.status_code, errors

    (status, errors), unknown = answer("N-301"), answer("X-404")
    assert (status, errors) == unknown
    assert status == 400 and errors == {
        "employee_numbers": ["No employee in your organisation has the number(s): NUMBER."]
    }
    assert not Assignment.objects.exists() and not Enrolment.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"due_on": "2020-01-01"}, "The due date cannot be in the past."),
        ({"org_unit": "", "employee_numbers": ""}, "Choose an organisation unit or list the employees to assign."),
        ({"course": 999999}, "Choose a published course from the list."),
        ({"employee_numbers": "M-101, X-404"}, "No employee in your organisation has the number(s): X-404."),
        ({"due_rule": "after_assignment", "due_days": ""}, "Give the number of days people have to complete"),
        ({"due_on": ""}, "Give the date by which the course must be completed."),
        ({"grades": "7", "org_unit": "", "employee_numbers": "M-101"}, "Grades and job titles narrow"),
    ],
)
def test_bad_input_gets_a_clear_form_error_and_writes_nothing(hr_client, org, mandatory_course, overrides, message):
    data = form(mandatory_course, org_unit=org.unit("D1").pk)
    data.update(overrides)
    response = hr_client.post(ADD, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Assignment.objects.exists() and not Enrolment.objects.exists()


def test_the_form_speaks_arabic_and_offers_only_units_in_scope(client, hr, org, mandatory_course):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(hr)
    profile.preferred_language = "ar"
    profile.save()
    client.force_login(hr)
    page = client.get(ADD).content.decode()
    assert 'dir="rtl"' in page and "إسناد دورة" in page
    assert org.unit("D1").name_ar in page and org.unit("N").name_ar not in page
    response = client.post(ADD, form(mandatory_course, due_on="2020-01-01", org_unit=org.unit("D1").pk))
    assert "لا يمكن أن يكون تاريخ الاستحقاق في الماضي." in response.content.decode()


def test_only_hr_in_scope_reach_the_screens(client, hr, org, mandatory_course, learner):
    assignment = assign(hr, mandatory_course, unit=org.unit("D1"), on=in_days(5))
    detail = reverse("assignments:detail", args=[assignment.pk])
    assert client.get(ADD).status_code == 302  # anonymous: to the admin login
    client.force_login(learner)
    assert client.get(reverse("assignments:index")).status_code in (302, 403)
    assert client.get(detail).status_code in (302, 403)
    from django.contrib.auth.models import Group

    from people.models import HRScope
    from people.services import HR_OFFICERS
    from tests.factories import UserFactory

    other_hr = UserFactory(username="hr.n")
    other_hr.groups.add(Group.objects.get(name=HR_OFFICERS))
    HRScope.objects.create(user=other_hr, org_unit=org.unit("N"))
    client.force_login(other_hr)
    # A 404 under /admin/ is passed on by the locale middleware to /<lang>/admin/..., which is a 404 too.
    assert client.get(detail, follow=True).status_code == 404
    assert client.post(reverse("assignments:cancel", args=[assignment.pk]), follow=True).status_code == 404
    assert "الأمن السيبراني" not in client.get(reverse("assignments:index")).content.decode()
    assert Assignment.objects.get().state == "active"


def test_cancelling_keeps_completed_and_started_records_and_removes_untouched(hr_client, hr, org, mandatory_course):
    assignment = assign(hr, mandatory_course, unit=org.unit("M"), on=in_days(20))
    done, started, untouched = (org.people[key].user for key in ("d1a", "d1b", "d2a"))
    modules = list(ModulePage.objects.child_of(mandatory_course).order_by("path"))
    for module in modules:
        course_services.complete_module(learner=done, module=module)
    course_services.start_module(learner=started, module=modules[0])

    response = hr_client.post(reverse("assignments:cancel", args=[assignment.pk]))

    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.state == "cancelled" and assignment.cancelled_at is not None
    assert Enrolment.objects.get(learner=done).completed_at is not None
    kept = Enrolment.objects.get(learner=started)
    assert kept.due_date is None and kept.progress.count() == 1
    assert not Enrolment.objects.filter(learner=untouched).exists()
    assert set(AssignmentMember.objects.values_list("end_reason", flat=True)) == {"cancelled"}
    # Running it again changes nothing.
    services.cancel_assignment(assignment=assignment)
    assert Enrolment.objects.count() == 2


def test_with_the_broker_down_assigning_answers_and_the_sweeps_enrol_and_email_later(
    hr_client, org, mandatory_course, eager_celery, django_capture_on_commit_callbacks, settings
):
    eager_celery.conf.task_always_eager = False  # while the broker is down, publishing really fails
    with broker_down():
        with django_capture_on_commit_callbacks(execute=True):
            response = hr_client.post(ADD, form(mandatory_course, org_unit=org.unit("D1").pk))
        assert response.status_code == 302
        assert Assignment.objects.count() == 1 and not Enrolment.objects.exists()
        # The hourly sync reaches the assignment whose message was lost; the e-mail message after it is lost too.
        with django_capture_on_commit_callbacks(execute=True):
            tasks.sync_assignments_task.apply()
    assert Enrolment.objects.filter(course=mandatory_course).count() == 2
    assert Notification.objects.filter(emailed_at__isnull=True).count() == 2
    assert not mail.outbox

    # The broker is back: beat's e-mail run sends what waited, once.
    assert (
        settings.CELERY_BEAT_SCHEDULE["notifications-send-emails"]["task"]
        == notification_tasks.send_notification_emails_task.name
    )
    eager_celery.conf.task_always_eager = True
    notification_tasks.send_notification_emails_task.apply()
    assert sorted(m.to[0] for m in mail.outbox) == ["m-101@example.om", "m-102@example.om"]
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()
    notification_tasks.send_notification_emails_task.apply()
    assert len(mail.outbox) == 2


def test_hr_cannot_assign_a_course_with_no_live_module(hr_client, org, mandatory_course):
    for module in ModulePage.objects.child_of(mandatory_course):
        module.unpublish()
    response = hr_client.post(ADD, form(mandatory_course, org_unit=org.unit("D1").pk))
    assert response.status_code == 400
    assert "has no published module yet" in response.content.decode()
    assert not Assignment.objects.exists() and not Enrolment.objects.exists()
