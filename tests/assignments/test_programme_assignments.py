"""HR assigns a whole programme: a programme enrolment per person, its courses follow with the due date."""

from __future__ import annotations

import time_machine
from django.urls import reverse

from assignments import services, tasks
from assignments.models import Assignment
from courses.models import Enrolment
from programmes.models import ProgrammeEnrolment
from tests.assignments.conftest import in_days
from tests.builders.learning import complete_course
from tests.builders.programmes import track  # noqa: F401

ADD = reverse("assignments:add")


def assign_programme(client, org, track, capture, **overrides):  # noqa: F811
    data = {"programme": track.programme.pk, "org_unit": org.unit("D1").pk, "due_rule": "on_date"}
    data["due_on"] = in_days(60).isoformat()
    data.update(overrides)
    with capture(execute=True):
        return client.post(ADD, data)


def test_hr_assigns_a_programme_and_its_courses_follow_with_the_due_date(
    hr_client,
    hr,
    org,
    track,  # noqa: F811
    eager_celery,
    django_capture_on_commit_callbacks,
):
    response = assign_programme(hr_client, org, track, django_capture_on_commit_callbacks)
    assignment = Assignment.objects.get()
    assert response.status_code == 302 and assignment.programme_id == track.programme.pk
    keen, other = org.people["d1a"].user, org.people["d1b"].user
    programme_enrolments = ProgrammeEnrolment.objects.filter(programme=track.programme)
    assert {(e.learner_id, e.source, e.due_date) for e in programme_enrolments} == {
        (keen.pk, "assigned", in_days(60)),
        (other.pk, "assigned", in_days(60)),
    }
    # Only the course without prerequisites is open yet; it carries the programme's due date.
    assert set(Enrolment.objects.filter(learner=keen).values_list("course_id", "source", "due_date")) == {
        (track.basics.pk, "assigned", in_days(60))
    }
    complete_course(keen, track.basics)
    assert Enrolment.objects.get(learner=keen, course=track.data).due_date == in_days(60)

    detail = hr_client.get(reverse("assignments:detail", args=[assignment.pk])).content.decode()
    assert "Programme" in detail and "برنامج القيادة الرقمية" in detail
    assert "Covered now: 2" in detail and "In progress: 1" in detail and "Not started: 1" in detail
    with time_machine.travel(in_days(61)):
        hr_client.force_login(hr)
        late = hr_client.get(reverse("assignments:detail", args=[assignment.pk])).content.decode()
    assert "Overdue: 2" in late


def test_a_course_and_a_programme_at_once_or_neither_is_a_form_error(hr_client, org, track, mandatory_course):  # noqa: F811
    for extra in ({"course": mandatory_course.pk}, {"programme": ""}):
        response = hr_client.post(
            ADD,
            {"programme": track.programme.pk, "org_unit": org.unit("D1").pk, "due_rule": "on_date"}
            | {"due_on": in_days(5).isoformat()}
            | extra,
        )
        assert response.status_code == 400
        assert "Choose either a course or a programme to assign." in response.content.decode()
    assert not Assignment.objects.exists() and not ProgrammeEnrolment.objects.exists()


def test_cancelling_or_moving_away_releases_programme_enrolments(hr, org, track):  # noqa: F811
    assignment = services.create_assignment(
        programme=track.programme, created_by=hr, due_rule="on_date", due_on=in_days(30), org_unit=org.unit("M")
    )
    services.sync_assignment(assignment_id=assignment.pk)
    done, mover, untouched = (org.people[key] for key in ("d1a", "d2a", "d1b"))
    complete_course(done.user, track.basics)
    mover.org_unit = org.unit("N")
    mover.save()
    tasks.sync_assignments_task()
    moved = ProgrammeEnrolment.objects.get(learner=mover.user)
    assert (moved.due_date, moved.source) == (None, "self")
    assert Enrolment.objects.get(learner=mover.user, course=track.basics).due_date is None

    services.cancel_assignment(assignment=assignment)

    # Nobody touched it: the programme enrolment and its course go. Begun: everything stays, optional now.
    assert not Enrolment.objects.filter(learner=untouched.user).exists()
    assert not ProgrammeEnrolment.objects.filter(learner=untouched.user).exists()
    assert Enrolment.objects.get(learner=done.user, course=track.basics).completed_at is not None
    assert Enrolment.objects.get(learner=done.user, course=track.data).due_date is None
    assert ProgrammeEnrolment.objects.get(learner=done.user).due_date is None
    assert ProgrammeEnrolment.objects.filter(due_date__isnull=False).count() == 0
