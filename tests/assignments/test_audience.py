"""Assigning a course open to chosen ministries only: refused outside them, offered only where it can be taken."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation
from wagtail.users.models import UserProfile

from assignments import services
from assignments.models import Assignment, AssignmentMember
from courses.models import Enrolment
from people.models import HRScope
from people.services import HR_OFFICERS
from tests.assignments.conftest import assign, employee, in_days
from tests.builders.audience import restrict
from tests.factories import EmployeeFactory, UserFactory

ADD = reverse("assignments:add")


@pytest.fixture
def restricted(org, mandatory_course):
    """The course, open to ministry N only."""
    restrict(mandatory_course, org.unit("N"))
    return mandatory_course


@pytest.fixture
def superuser_client(client, org):
    user = UserFactory(username="root", is_superuser=True, is_staff=True)
    # The admin follows the user's preferred language; these tests read English.
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user)
    return client


def offered_courses(page: str) -> set[str]:
    return {option["value"] for option in BeautifulSoup(page, "html.parser").select('select[name="course"] option')}


def form(course, **overrides) -> dict:
    return {"course": course.pk, "due_rule": "on_date", "due_on": in_days(30).isoformat(), **overrides}


@translation.override("en")
def test_the_service_refuses_a_unit_outside_the_courses_ministries_and_writes_nothing(hr, org, restricted):
    with pytest.raises(services.AssignmentRefused, match="this unit is not in one of them"):
        services.create_assignment(
            course=restricted, created_by=hr, due_rule="on_date", due_on=in_days(9), org_unit=org.unit("D1")
        )
    with pytest.raises(services.AssignmentRefused, match="M-101"):
        services.create_assignment(
            course=restricted,
            created_by=hr,
            due_rule="on_date",
            due_on=in_days(9),
            employees=[org.people["d1a"], org.people["n1"]],
        )
    assert not Assignment.objects.exists() and not Enrolment.objects.exists()


def test_a_unit_inside_the_ministry_is_assigned_and_enrolled(hr, org, restricted):
    assign(hr, restricted, unit=org.unit("N"), on=in_days(9))
    assert set(Enrolment.objects.values_list("learner__employee__employee_number", flat=True)) == {"N-301"}


def test_the_admin_form_refuses_it_with_the_message_and_a_400(superuser_client, org, restricted):
    response = superuser_client.post(ADD, form(restricted, org_unit=org.unit("D1").pk), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "is open to the employees of certain ministries only" in response.content.decode()
    response = superuser_client.post(ADD, form(restricted, employee_numbers="M-101, N-301"))
    assert response.status_code == 400
    assert "is not open to the ministry of the employee(s): M-101." in response.content.decode()
    assert not Assignment.objects.exists()


def test_an_officer_is_offered_only_courses_their_scope_can_take(hr_client, hr, org, restricted, catalogue):
    assert str(restricted.pk) not in offered_courses(hr_client.get(ADD).content.decode())
    response = hr_client.post(ADD, form(restricted, org_unit=org.unit("D1").pk))
    assert response.status_code == 400 and "Choose a published course from the list." in response.content.decode()
    officer_n = UserFactory(username="hr.n")
    officer_n.groups.add(Group.objects.get(name=HR_OFFICERS))
    EmployeeFactory(user=officer_n, employee_number="HR-N", org_unit=org.unit("N"))
    HRScope.objects.create(user=officer_n, org_unit=org.unit("N"))
    hr_client.force_login(officer_n)
    assert str(restricted.pk) in offered_courses(hr_client.get(ADD).content.decode())
    assert not Assignment.objects.exists()


def test_someone_moved_out_of_the_ministry_stops_being_covered_and_keeps_the_enrolment(hr, org, restricted):
    newcomer = employee("N-302", org.unit("N"))
    assignment = assign(hr, restricted, unit=org.unit("N"), on=in_days(9), employees=[newcomer])
    newcomer.org_unit = org.unit("D2")
    newcomer.save()
    services.sync_assignment(assignment_id=assignment.pk)
    member = AssignmentMember.objects.get(employee=newcomer)
    assert member.ended_at is not None
    enrolment = Enrolment.objects.get(learner=newcomer.user)
    assert enrolment.is_current and enrolment.due_date is None
