"""A course open to ministry A only: HR of ministry B is not offered it, and their figures do not move."""

from __future__ import annotations

import pytest
from django.urls import reverse

from courses import services
from reports.dashboard import dashboard
from tests.builders.audience import restrict
from tests.factories import add_course
from tests.reports.test_completion_summary import figures

COMPLETION = "/admin/hr-reports/completion/"
TITLE = "Alpha only: records management"


@pytest.fixture
def alpha_only(world):
    course = add_course(world.courses[0].get_parent(), title=TITLE, modules=2)
    restrict(course, world.units["A"])
    services.enrol(learner=world.employees["a1"].user, course=course)
    return course


def course_choices(response) -> list[str]:
    return [label for _value, label in response.context["filters"].form.fields["course"].choices]


@pytest.mark.parametrize("report", ["hr_report_completion", "hr_report_learners"])
def test_the_course_filter_offers_it_to_hr_of_its_ministry_only(client, hr_a, hr_b, administrator, alpha_only, report):
    url = reverse(f"{report}:index")
    for user, offered in ((hr_a, True), (hr_b, False), (administrator, True)):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200
        assert (TITLE in course_choices(response)) is offered, user.username
    client.force_login(hr_b)
    response = client.get(url, {"course": alpha_only.pk})
    assert response.status_code == 200 and not response.context["filters"].is_valid()


def test_the_figures_of_hr_of_another_ministry_are_unaffected(client, hr_b, world):
    client.force_login(hr_b)
    before_rows, before_home = figures(client.get(COMPLETION)), dashboard(hr_b).summary
    course = add_course(world.courses[0].get_parent(), title=TITLE, modules=2)
    restrict(course, world.units["A"])
    services.enrol(learner=world.employees["a1"].user, course=course)
    with pytest.raises(services.NotInAudience):
        services.enrol(learner=world.employees["b1"].user, course=course)
    assert figures(client.get(COMPLETION)) == before_rows
    assert dashboard(hr_b).summary == before_home
