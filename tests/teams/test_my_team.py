"""My team: who a manager sees (their whole subtree and nobody else), what each person's row says against
the database, the filters, the menu entry, and a bounded number of queries however large the team."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from courses.models import Enrolment
from courses.status import overdue_q
from tests.factories import add_course
from tests.teams.conftest import assign, in_days, issue_certificate, person

TEAM_URL = "/en/learning/team/"
# Session, user, menu, manager, count, page, training, course titles (2), reminders, totals, unread count and
# the admin-link permissions (2): the same for any number of people.
PAGE_QUERIES = 14


def listed(response) -> set[int]:
    return {int(pk) for pk in re.findall(r'id="person-(\d+)"', response.content.decode())}


def test_a_manager_sees_direct_and_indirect_reports_and_nobody_else(client, team):
    client.force_login(team.boss.user)
    response = client.get(TEAM_URL)
    assert response.status_code == 200
    assert listed(response) == {team.direct.pk, team.second.pk, team.indirect.pk}
    html = response.content.decode()
    assert "Reports to Dana Person" in html  # the indirect report's own manager
    assert "Zaid Person" not in html and "Chief Person" not in html and "Omar Person" not in html

    direct_only = client.get(TEAM_URL, {"reports": "direct"})
    assert listed(direct_only) == {team.direct.pk, team.second.pk}
    # The chief's team is everyone below them, through both managers.
    client.force_login(team.chief.user)
    assert listed(client.get(TEAM_URL)) == {
        team.boss.pk,
        team.direct.pk,
        team.second.pk,
        team.indirect.pk,
        team.other_boss.pk,
        team.stranger.pk,
    }


def test_people_without_reports_get_404_and_no_menu_entry(client, team):
    client.force_login(team.indirect.user)
    assert client.get(TEAM_URL).status_code == 404
    assert reverse("teams:my_team") not in client.get("/en/learning/").content.decode()
    client.logout()
    assert client.get(TEAM_URL).status_code == 302  # to the login page
    client.force_login(team.boss.user)
    assert 'href="/en/learning/team/"' in client.get("/en/learning/").content.decode()


def test_a_leaver_and_a_loop_in_the_data_do_not_break_the_team(client, team):
    leaver = person("lina", team.indirect.org_unit, manager=team.boss)
    leaver.user.is_active = False
    leaver.user.save()
    # A manages B manages A: the recursion stops at its depth cap and the manager never lists themself.
    team.boss.manager = team.indirect
    team.boss.save()
    client.force_login(team.boss.user)
    response = client.get(TEAM_URL)
    assert response.status_code == 200
    assert listed(response) == {team.direct.pk, team.second.pk, team.indirect.pk}


def test_each_row_matches_the_database(client, team, catalogue):
    other = add_course(catalogue, title="حماية البيانات", modules=1)
    assign(team.course, [team.direct, team.second, team.indirect, team.stranger], due=in_days(-3))
    assign(other, [team.direct, team.indirect], due=in_days(10))
    issue_certificate(team.second, team.course, on=in_days(-1))
    earlier = add_course(catalogue, title="Excel", modules=1)
    issue_certificate(team.second, earlier, on=in_days(-30))

    client.force_login(team.boss.user)
    response = client.get(TEAM_URL)
    html = response.content.decode()
    for member in (team.direct, team.second, team.indirect):
        overdue = Enrolment.objects.filter(
            overdue_q(), learner=member.user, is_current=True, source=Enrolment.Source.ASSIGNED
        ).count()
        row = next(row for row in response.context["rows"] if row.employee == member)
        assert row.employee.overdue_count == overdue
        assert row.employee.certificate_count == member.user.certificates.filter(status="issued").count()
    assert [row.employee.overdue_count for row in response.context["rows"]] == [1, 1, 0]  # Dana, Ines, Sami
    dana = next(row for row in response.context["rows"] if row.employee == team.direct)
    assert [(item.title, item.status) for item in dana.training] == [
        ("Cybersecurity awareness", "overdue"),
        ("حماية البيانات", "not_started"),
    ]
    sami = next(row for row in response.context["rows"] if row.employee == team.second)
    assert [item.status for item in sami.training] == ["completed"]
    assert "2 certificates · latest: الأمن السيبراني (en)" in html
    assert "1 overdue" in html and "Directorate One" in html and "Directorate Two" in html

    overdue_only = client.get(TEAM_URL, {"overdue": "on"})
    assert listed(overdue_only) == {team.direct.pk, team.indirect.pk}
    assert response.context["totals"] == {"people": 3, "direct": 2, "overdue": 2}

    arabic = client.get("/ar/learning/team/").content.decode()
    assert 'dir="rtl"' in arabic and "متأخرة" in arabic and "الأمن السيبراني" in arabic


def test_a_bad_filter_is_a_400_with_a_message_and_pages_keep_their_filters(client, team, settings):
    client.force_login(team.boss.user)
    response = client.get(TEAM_URL, {"reports": "everyone-in-oman"})
    assert response.status_code == 400
    assert "That filter is not one of the choices" in response.content.decode()
    assert listed(response) == {team.direct.pk, team.second.pk, team.indirect.pk}
    for number in range(25):
        person(f"extra{number:02d}", team.boss.org_unit, manager=team.boss)
    first = client.get(TEAM_URL, {"reports": "direct"})
    assert len(listed(first)) == 20 and "Page 1 of 2" in first.content.decode()
    assert "?reports=direct&amp;page=2" in first.content.decode()
    second = client.get(TEAM_URL, {"reports": "direct", "page": "2"})
    assert len(listed(second)) == 7  # 27 direct reports
    assert client.get(TEAM_URL, {"page": "banana"}).status_code == 200


def _team_of(size: int, team, catalogue) -> None:
    courses = [team.course, add_course(catalogue, title=f"Course for {size}", modules=1)]
    members = []
    for number in range(size):
        # Half report directly, half through the previous person: the subtree is several levels deep.
        manager = team.boss if number % 2 == 0 or not members else members[-1]
        members.append(person(f"member{size}-{number:02d}", team.boss.org_unit, manager=manager))
    assign(courses[0], members, due=in_days(-2))
    assign(courses[1], members[::2], due=in_days(6))
    for member in members[::3]:
        issue_certificate(member, courses[1], on=in_days(-1))


@pytest.mark.parametrize("size", [5, 50])
def test_the_page_costs_the_same_few_queries_for_5_or_50_people(
    client, team, catalogue, size, django_assert_max_num_queries
):
    team.direct.manager = team.second.manager = team.indirect.manager = None
    for member in (team.direct, team.second, team.indirect):
        member.save()
    _team_of(size, team, catalogue)
    client.force_login(team.boss.user)
    with django_assert_max_num_queries(PAGE_QUERIES):
        response = client.get(TEAM_URL)
    assert len(listed(response)) == min(size, 20)
    with django_assert_max_num_queries(PAGE_QUERIES):
        assert client.get(TEAM_URL, {"overdue": "on", "reports": "direct"}).status_code == 200
