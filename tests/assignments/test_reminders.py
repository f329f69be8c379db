"""Reminders before and after due dates, the HR digest and the notification list: each reminder at
most once per person, course and stage, however often beat fires."""

from __future__ import annotations

import datetime
import io
import threading

import pytest
import time_machine
from django.core import mail
from django.db import close_old_connections
from django.urls import reverse
from django.utils import translation
from django.utils.translation import ngettext

from assignments import tasks
from courses.models import Enrolment
from notifications import services as notification_services
from notifications import tasks as notification_tasks
from notifications.models import Notification
from tests.assignments.conftest import assign, employee, in_days
from tests.conftest import requires_postgres


def stages() -> set[tuple[str, str]]:
    return set(Notification.objects.values_list("recipient__username", "stage"))


def daily(on: datetime.date, times: int = 1) -> None:
    with time_machine.travel(on):
        for _ in range(times):
            tasks.daily_reminders_task()
        notification_tasks.send_notification_emails_task()


def test_learners_are_reminded_14_and_3_days_before_and_once_when_overdue(hr, org, mandatory_course):
    due = in_days(20)
    assign(hr, mandatory_course, unit=org.unit("D1"), on=due)
    notification_tasks.send_notification_emails_task()
    assert sorted(m.to[0] for m in mail.outbox) == ["m-101@example.om", "m-102@example.om"]
    arabic = next(m for m in mail.outbox if m.to == ["m-101@example.om"])
    assert arabic.subject == "دورة إلزامية جديدة: الأمن السيبراني"
    english = next(m for m in mail.outbox if m.to == ["m-102@example.om"])
    assert english.subject == "New mandatory course: Cybersecurity awareness"
    mail.outbox.clear()

    daily(due - datetime.timedelta(days=15))
    assert not mail.outbox
    daily(due - datetime.timedelta(days=14), times=2)  # beat fired twice
    assert [m.subject for m in mail.outbox if m.to == ["m-102@example.om"]] == [
        "Due in 14 days: Cybersecurity awareness"
    ]
    daily(due - datetime.timedelta(days=10))
    daily(due - datetime.timedelta(days=3))
    daily(due)
    daily(due + datetime.timedelta(days=1), times=3)
    daily(due + datetime.timedelta(days=8))
    english = [m.subject for m in mail.outbox if m.to == ["m-102@example.om"]]
    assert english == [
        "Due in 14 days: Cybersecurity awareness",
        "Due in 3 days: Cybersecurity awareness",
        "Overdue: Cybersecurity awareness",
    ]
    assert [m.subject for m in mail.outbox if m.to == ["m-101@example.om"]][-1] == "متأخرة: الأمن السيبراني"
    assert Notification.objects.filter(recipient__username="m-102").count() == 4  # assigned + 3 reminders
    assert Notification.objects.filter(emailed_at__isnull=True).count() == 0


def test_a_late_run_sends_only_the_tightest_stage_and_completed_people_get_nothing(hr, org, mandatory_course):
    from courses import services as course_services
    from courses.models import ModulePage

    due = in_days(20)
    assign(hr, mandatory_course, unit=org.unit("D1"), on=due)
    for module in ModulePage.objects.child_of(mandatory_course):
        course_services.complete_module(learner=org.people["d1b"].user, module=module)
    daily(due - datetime.timedelta(days=2))
    assert stages() == {("m-101", "assigned"), ("m-102", "assigned"), ("m-101", "due-3")}


@requires_postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_beat_runs_and_workers_send_each_reminder_once(hr, org, mandatory_course):
    due = in_days(14)
    assign(hr, mandatory_course, unit=org.unit("M"), on=due)
    barrier = threading.Barrier(4)
    errors = []

    def run(job) -> None:
        try:
            barrier.wait()
            job()
        except Exception as error:  # surfaced below
            errors.append(error)
        finally:
            close_old_connections()

    with time_machine.travel(due - datetime.timedelta(days=14)):
        threads = [threading.Thread(target=run, args=(tasks.daily_reminders_task,)) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        barrier.reset()
        threads = [
            threading.Thread(target=run, args=(notification_tasks.send_notification_emails_task,)) for _ in range(4)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert not errors
    covered = {"m-101", "m-102", "m-201", "hr.m"}  # the HR officer works in ministry M too
    assert Notification.objects.filter(stage="due-14").count() == 4
    reminders = sorted(m.to[0] for m in mail.outbox if m.subject.startswith(("Due in", "مستحقة")))
    assert reminders == sorted(f"{user}@example.om" for user in covered)
    assert len(mail.outbox) == 8  # four "assigned" and four reminders, none twice


def test_hr_officers_get_one_weekly_digest_of_overdue_people_in_their_scope(hr, org, mandatory_course):
    from django.contrib.auth.models import Group

    from people.models import HRScope
    from people.services import HR_OFFICERS
    from tests.factories import UserFactory

    other = UserFactory(username="hr.n")
    other.groups.add(Group.objects.get(name=HR_OFFICERS))
    HRScope.objects.create(user=other, org_unit=org.unit("N"))
    assign(hr, mandatory_course, unit=org.unit("M"), on=in_days(1))
    sunday = in_days(2) + datetime.timedelta(days=(6 - in_days(2).weekday()) % 7)
    for day in (sunday, sunday + datetime.timedelta(days=1)):
        with time_machine.travel(day):
            tasks.hr_digest_task()
    with time_machine.travel(sunday):
        notification_tasks.send_notification_emails_task()
    digests = [m for m in mail.outbox if m.to == [hr.email] and m.subject.startswith("Weekly digest")]
    assert len(digests) == 1 and not [m for m in mail.outbox if m.to == [other.email]]
    assert digests[0].subject == "Weekly digest: 4 overdue enrolments in your organisation"
    assert "Person M-101 (M-101)" in digests[0].body and "Person N-301" not in digests[0].body
    assert "/admin/hr-reports/learners/?status=overdue" in digests[0].body
    with time_machine.travel(sunday + datetime.timedelta(days=7)):
        tasks.hr_digest_task()
    assert Notification.objects.filter(recipient=hr, kind="hr_digest").count() == 2


def test_the_notification_list_is_private_and_bilingual(client, hr, org, mandatory_course):
    assign(hr, mandatory_course, unit=org.unit("D1"), on=in_days(5))
    url = reverse("notifications:list")
    assert client.get(url).status_code == 302  # anonymous: to the login page
    learner = org.people["d1a"].user
    stranger = employee("M-999", org.unit("D2")).user
    client.force_login(stranger)
    assert "الأمن السيبراني" not in client.get(url).content.decode()
    client.force_login(learner)
    arabic = client.get(url).content.decode()
    assert 'dir="rtl"' in arabic and "دورة إلزامية جديدة: الأمن السيبراني" in arabic and "جديد" in arabic
    english = client.get("/en" + url[3:]).content.decode()
    assert "Notifications" in english and "Mark all as read" in english
    response = client.post(reverse("notifications:read"))
    assert response.status_code == 302
    assert not Notification.objects.filter(recipient=learner, read_at__isnull=True).exists()
    assert Notification.objects.filter(recipient=org.people["d1b"].user, read_at__isnull=True).exists()
    assert client.get(reverse("notifications:read")).status_code == 405


def test_an_email_failure_leaves_the_notification_to_retry(hr, org, mandatory_course, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_PORT = 1  # nothing listens there
    settings.EMAIL_TIMEOUT = 1
    assign(hr, mandatory_course, unit=org.unit("D1"), on=in_days(5))
    with pytest.raises(OSError):
        notification_services.send_pending_emails()
    assert Notification.objects.filter(emailed_at__isnull=True).count() == 2
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert notification_services.send_pending_emails() == 2
    assert Enrolment.objects.count() == 2


def test_the_jobs_command_judges_a_chosen_day(hr, org, mandatory_course):
    from django.core.management import CommandError, call_command

    assign(hr, mandatory_course, unit=org.unit("D1"), on=in_days(10))
    mail.outbox.clear()
    output = io.StringIO()
    call_command("run_training_jobs", date=in_days(11).isoformat(), stdout=output)
    assert "2 reminders" in output.getvalue()
    assert sorted(m.subject for m in mail.outbox if m.to == ["m-102@example.om"]) == [
        "New mandatory course: Cybersecurity awareness",
        "Overdue: Cybersecurity awareness",
    ]
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("run_training_jobs", date="tomorrow")


def test_a_notification_reads_in_the_language_of_the_page_it_is_read_on(client, hr, org, mandatory_course):
    """Written when read: the Arabic-preferring learner who switches to English reads English, with the
    course's English title, the date by the English rule and the link into the English pages."""
    due = datetime.date(2027, 1, 31)
    assign(hr, mandatory_course, unit=org.unit("D1"), on=due)
    learner = org.people["d1a"].user  # prefers Arabic
    notification = Notification.objects.get(recipient=learner, stage="assigned")
    assert notification.params == {"due_date": "2027-01-31"}  # facts, not text
    client.force_login(learner)
    english = client.get("/en/learning/notifications/").content.decode()
    assert "New mandatory course: Cybersecurity awareness" in english
    assert "complete it by 31 January 2027" in english
    assert 'href="/en/learning/"' in english
    assert "الأمن السيبراني" not in english
    arabic = client.get("/ar/learning/notifications/").content.decode()
    assert "دورة إلزامية جديدة: الأمن السيبراني" in arabic
    assert "31 يناير 2027" in arabic
    assert 'href="/ar/learning/"' in arabic
    assert "Cybersecurity awareness" not in arabic


def test_the_header_counts_unread_notifications_until_all_are_marked_read(client, hr, org, mandatory_course):
    assign(hr, mandatory_course, unit=org.unit("D1"), on=in_days(2))
    tasks.daily_reminders_task()  # adds the "due soon" reminder to the assignment notice
    learner = org.people["d1a"].user
    assert Notification.objects.filter(recipient=learner, read_at__isnull=True).count() == 2
    client.force_login(learner)
    page = client.get("/en/learning/").content.decode()
    assert '<span class="count-badge"><span aria-hidden="true">2</span>' in page
    assert "2 unread" in page
    with translation.override("ar"):
        arabic = client.get("/ar/learning/").content.decode()
        assert ngettext("%(counter)s unread", "%(counter)s unread", 2) % {"counter": 2} in arabic
    client.post("/en/learning/notifications/read/")
    assert "count-badge" not in client.get("/en/learning/").content.decode()
    listing = client.get("/en/learning/notifications/").content.decode()
    assert "Mark all as read" not in listing  # nothing left unread
