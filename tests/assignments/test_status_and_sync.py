"""Due and overdue as learners and HR see them, relative due dates, and who stays covered over time:
new joiners, movers, leavers."""

from __future__ import annotations

import datetime

import time_machine
from django.urls import reverse
from django.utils import timezone

from assignments import tasks
from assignments.models import Assignment, AssignmentMember
from courses import services as course_services
from courses.models import Enrolment, ModulePage
from courses.status import LearningStatus, learning_status, learning_status_expression
from tests.assignments.conftest import assign, employee, in_days

RULE = Assignment.DueRule


def status_of(user) -> str:
    return learning_status(Enrolment.objects.get(learner=user, is_current=True))


def test_due_and_overdue_transitions_on_the_day_after_the_due_date(hr, org, mandatory_course):
    due = in_days(10)
    assign(hr, mandatory_course, unit=org.unit("D1"), on=due)
    learner = org.people["d1a"].user
    first = ModulePage.objects.child_of(mandatory_course).order_by("path").first()
    assert status_of(learner) == LearningStatus.NOT_STARTED
    course_services.start_module(learner=learner, module=first)
    late_on_the_day = datetime.datetime.combine(due, datetime.time(23, 0), tzinfo=timezone.get_current_timezone())
    with time_machine.travel(late_on_the_day):
        assert status_of(learner) == LearningStatus.IN_PROGRESS  # the due date itself is on time
    with time_machine.travel(due + datetime.timedelta(days=1)):
        assert status_of(learner) == LearningStatus.OVERDUE
        assert status_of(org.people["d1b"].user) == LearningStatus.OVERDUE
        for module in ModulePage.objects.child_of(mandatory_course):
            course_services.complete_module(learner=learner, module=module)
        assert status_of(learner) == LearningStatus.COMPLETED  # completed late is completed


def test_the_sql_status_agrees_with_the_python_status_on_every_row(hr, org, mandatory_course):
    assign(hr, mandatory_course, unit=org.unit("M"), on=in_days(3))
    learner = org.people["d1a"].user
    course_services.start_module(learner=learner, module=ModulePage.objects.child_of(mandatory_course).first())
    for days in (0, 4, 30):
        on = in_days(days)
        annotated = Enrolment.objects.annotate(judged=learning_status_expression(on))
        assert {e.pk: e.judged for e in annotated} == {e.pk: learning_status(e, on=on).value for e in annotated}
    assert {e.judged for e in Enrolment.objects.annotate(judged=learning_status_expression(in_days(4)))} == {"overdue"}


def test_my_learning_shows_due_dates_most_urgent_first_in_both_languages(client, hr, org, catalogue, mandatory_course):
    from tests.factories import add_course

    later = add_course(catalogue, title="دورة لاحقة", modules=1)
    self_paced = add_course(catalogue, title="دورة ذاتية", modules=1)
    learner = org.people["d1a"].user
    course_services.enrol(learner=learner, course=self_paced)
    assign(hr, later, unit=org.unit("D1"), on=in_days(20))
    assign(hr, mandatory_course, unit=org.unit("D1"), on=in_days(2))
    client.force_login(learner)
    with time_machine.travel(in_days(5)):
        english = client.get("/en/learning/").content.decode()
        arabic = client.get("/ar/learning/").content.decode()
    assert english.index("Cybersecurity awareness") < english.index("دورة لاحقة") < english.index("دورة ذاتية")
    assert "Overdue" in english and "Mandatory" in english
    assert 'dir="rtl"' in arabic and "متأخر" in arabic
    assert arabic.index("الأمن السيبراني") < arabic.index("دورة لاحقة")


def test_overdue_shows_in_the_hr_learner_report(hr_client, hr, org, mandatory_course):
    assign(hr, mandatory_course, unit=org.unit("M"), on=in_days(1))
    url = reverse("hr_report_learners:index") + "?status=overdue"
    assert "Person M-101" not in hr_client.get(url).content.decode()
    with time_machine.travel(in_days(2)):
        page = hr_client.get(url).content.decode()
        in_progress = hr_client.get(reverse("hr_report_learners:index") + "?status=not_started").content.decode()
    assert "Person M-101" in page and "Person M-201" in page and "(overdue)" in page
    assert "Person N-301" not in page
    assert "Person M-101" not in in_progress  # overdue is its own status, not also "not started"


def test_relative_due_dates_after_assignment_and_after_hire(hr, org, mandatory_course):
    newcomer = employee("M-150", org.unit("D2"), hire_date=in_days(-5))
    veteran = employee("M-151", org.unit("D2"), hire_date=datetime.date(2015, 1, 4))
    assign(hr, mandatory_course, employees=[newcomer, veteran], rule=RULE.AFTER_HIRE, days=30)
    due = dict(Enrolment.objects.values_list("learner__employee__employee_number", "due_date"))
    assert due == {"M-150": in_days(25), "M-151": in_days(30)}  # long-serving staff get 30 days from today

    Enrolment.objects.all().delete()
    AssignmentMember.objects.all().delete()
    with time_machine.travel(in_days(-3)):
        assignment = assign(hr, mandatory_course, unit=org.unit("D2"), rule=RULE.AFTER_ASSIGNMENT, days=14)
    employee("M-152", org.unit("D2"))  # joins after the assignment
    tasks.sync_assignments_task()
    due = dict(Enrolment.objects.values_list("learner__employee__employee_number", "due_date"))
    assert due["M-201"] == in_days(11) and due["M-152"] == in_days(14)  # the joiner counts from joining
    assert assignment.members.count() == 4


def test_new_joiners_movers_and_leavers(hr, org, mandatory_course):
    assignment = assign(hr, mandatory_course, unit=org.unit("D1"), on=in_days(30))
    mover, leaver = org.people["d1a"], org.people["d1b"]
    course_services.start_module(learner=mover.user, module=ModulePage.objects.child_of(mandatory_course).first())
    joiner = employee("M-160", org.unit("DEP"))
    mover.org_unit = org.unit("N")
    mover.save()
    leaver.user.is_active = False
    leaver.user.save()

    tasks.sync_assignments_task()
    tasks.sync_assignments_task()  # twice: nothing changes the second time

    members = {m.employee.employee_number: m for m in assignment.members.select_related("employee")}
    assert set(members) == {"M-101", "M-102", "M-160"}
    assert (members["M-101"].end_reason, members["M-102"].end_reason) == ("moved", "left")
    assert members["M-160"].ended_at is None
    assert Enrolment.objects.get(learner=joiner.user).due_date == in_days(30)
    moved = Enrolment.objects.get(learner=mover.user)
    assert moved.due_date is None and moved.progress.count() == 1  # history kept, no longer mandatory
    assert Enrolment.objects.filter(learner=leaver.user).exists()
    assert Assignment.objects.get().people_done == 1

    mover.org_unit = org.unit("D1")  # and back again: covered again with the original due date
    mover.save()
    tasks.sync_assignments_task()
    assert Enrolment.objects.get(learner=mover.user).due_date == in_days(30)
    assert AssignmentMember.objects.get(employee=mover).ended_at is None


def test_an_existing_enrolment_becomes_mandatory_and_a_completed_one_is_left_alone(hr, org, mandatory_course):
    keen, done = org.people["d1a"].user, org.people["d1b"].user
    course_services.enrol(learner=keen, course=mandatory_course)
    course_services.enrol(learner=done, course=mandatory_course)
    for module in ModulePage.objects.child_of(mandatory_course):
        course_services.complete_module(learner=done, module=module)
    assign(hr, mandatory_course, unit=org.unit("D1"), on=in_days(9))
    assert Enrolment.objects.filter(learner=keen).values_list("source", "due_date").get() == ("assigned", in_days(9))
    finished = Enrolment.objects.get(learner=done)
    assert (finished.source, finished.due_date, finished.completed_at is not None) == ("self", None, True)
    assert Enrolment.objects.count() == 2
