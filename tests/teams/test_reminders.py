"""A manager's "Remind" (POST only, CSRF, only for their own team, once per person, course and day however
often or concurrently it is clicked) and the manager's copy of a course long overdue (once per enrolment)."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core import mail
from django.test import Client

from assignments import tasks
from notifications import tasks as notification_tasks
from notifications.models import Notification
from teams import services
from teams.models import TeamReminder
from tests.builders.concurrency import run_at_once
from tests.conftest import requires_postgres
from tests.teams.conftest import assign, in_days

TEAM_URL = "/en/learning/team/"


def remind_url(employee) -> str:
    return f"/en/learning/team/{employee.pk}/remind/"


def test_remind_sends_one_notification_per_course_and_day(client, team):
    assign(team.course, [team.direct, team.indirect, team.stranger], due=in_days(-2))
    client.force_login(team.boss.user)
    page = client.get(TEAM_URL).content.decode()
    assert page.count('action="/en/learning/team/') == 2  # Dana and Ines have something to be reminded of

    response = client.post(remind_url(team.indirect), {"next": f"{TEAM_URL}?overdue=on"}, follow=True)
    assert response.redirect_chain == [(f"{TEAM_URL}?overdue=on", 302)]
    assert "Reminder sent to Ines Person." in response.content.decode()
    again = client.post(remind_url(team.indirect), follow=True)
    assert "Already reminded today: Ines Person." in again.content.decode()

    notification = Notification.objects.get(kind="team_reminder")
    assert notification.recipient == team.indirect.user
    assert notification.enrolment.course == team.course
    assert TeamReminder.objects.filter(employee=team.indirect, sent_by=team.boss.user).count() == 1
    # The page says so, and the button is gone for Ines only.
    html = client.get(TEAM_URL).content.decode()
    assert "Reminded today" in html and html.count('action="/en/learning/team/') == 1

    notification_tasks.send_notification_emails_task()
    (email,) = [m for m in mail.outbox if m.to == [team.indirect.user.email] and "Reminder" in m.subject]
    assert email.subject == "Reminder from Boss Person: Cybersecurity awareness"
    assert "Your line manager, Boss Person, reminds you that the mandatory course" in email.body

    # The next day is a new day: one more reminder.
    with time_machine.travel(in_days(1)):
        client.force_login(team.boss.user)
        client.post(remind_url(team.indirect))
    assert Notification.objects.filter(kind="team_reminder", recipient=team.indirect.user).count() == 2


def test_the_reminder_reads_in_the_language_of_its_reader(client, team):
    assign(team.course, [team.direct], due=in_days(4))
    client.force_login(team.boss.user)
    client.post(remind_url(team.direct))
    client.force_login(team.direct.user)
    english = client.get("/en/learning/notifications/").content.decode()
    assert "Reminder from Boss Person: Cybersecurity awareness" in english
    assert "reminds you to complete the mandatory course" in english
    arabic = client.get("/ar/learning/notifications/").content.decode()
    assert "الموظف boss" in arabic and "الأمن السيبراني" in arabic


def test_only_people_in_the_managers_team_can_be_reminded_and_only_by_post(client, team):
    assign(team.course, [team.direct, team.stranger, team.chief], due=in_days(-2))
    client.force_login(team.boss.user)
    assert client.post(remind_url(team.stranger)).status_code == 404  # another branch
    assert client.post(remind_url(team.chief)).status_code == 404  # their own manager
    assert client.post(remind_url(team.boss)).status_code == 404  # themself
    assert client.post("/en/learning/team/999999/remind/").status_code == 404
    assert client.get(remind_url(team.direct)).status_code == 405
    client.force_login(team.indirect.user)  # manages nobody
    assert client.post(remind_url(team.direct)).status_code == 404
    checked = Client(enforce_csrf_checks=True)
    checked.force_login(team.boss.user)
    assert checked.post(remind_url(team.direct)).status_code == 403
    assert not Notification.objects.filter(kind="team_reminder").exists()
    assert not TeamReminder.objects.exists()


def test_nothing_open_means_nothing_sent(client, team):
    client.force_login(team.boss.user)
    response = client.post(remind_url(team.second), follow=True)
    assert "Sami Person has no open mandatory training to be reminded of." in response.content.decode()
    assert not TeamReminder.objects.exists()


@requires_postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_clicks_send_exactly_one_reminder(team):
    assign(team.course, [team.indirect], due=in_days(-1))
    boss, indirect = team.boss, team.indirect
    results, errors = run_at_once(lambda: services.remind(manager=boss, sent_by=boss.user, employee=indirect))
    assert not errors
    assert sorted(result.sent for result in results) == [0] * 19 + [1]
    assert Notification.objects.filter(kind="team_reminder").count() == 1
    assert TeamReminder.objects.count() == 1


def daily(on: datetime.date, times: int = 1) -> None:
    with time_machine.travel(on):
        for _ in range(times):
            tasks.daily_reminders_task()
        notification_tasks.send_notification_emails_task()


def test_the_manager_is_copied_once_when_a_course_is_overdue_for_the_configured_days(team, settings):
    settings.QUDRA_MANAGER_ESCALATION_DAYS = 7
    due = in_days(3)
    assign(team.course, [team.direct, team.indirect, team.second], due=due)
    team.second.user.is_active = False  # a leaver's manager is not told
    team.second.user.save()
    daily(due + datetime.timedelta(days=6))
    assert not Notification.objects.filter(kind="team_overdue").exists()
    daily(due + datetime.timedelta(days=7), times=2)
    daily(due + datetime.timedelta(days=9))
    copies = Notification.objects.filter(kind="team_overdue").order_by("recipient__username")
    # Each person's own line manager: the boss for Dana, Dana for Ines.
    assert [(n.recipient.username, n.enrolment.learner.username) for n in copies] == [
        ("boss", "dana"),
        ("dana", "ines"),
    ]
    (boss_mail,) = [m for m in mail.outbox if m.to == [team.boss.user.email]]
    assert boss_mail.subject == "Overdue in your team: Dana Person, Cybersecurity awareness"
    assert "it is 7 days overdue" in boss_mail.body
    assert "/en/learning/team/?overdue=on" in boss_mail.body
    # The learners got their own "overdue" reminder as before, once.
    assert Notification.objects.filter(kind="overdue", recipient=team.direct.user).count() == 1


def test_completed_courses_and_people_without_a_manager_are_not_escalated(team, settings):
    from courses import services as course_services
    from courses.models import ModulePage

    settings.QUDRA_MANAGER_ESCALATION_DAYS = 2
    due = in_days(1)
    assign(team.course, [team.direct, team.chief], due=due)
    for module in ModulePage.objects.child_of(team.course):
        course_services.complete_module(learner=team.direct.user, module=module)
    daily(due + datetime.timedelta(days=5))
    assert not Notification.objects.filter(kind="team_overdue").exists()
    assert Notification.objects.filter(kind="overdue", recipient=team.chief.user).count() == 1
