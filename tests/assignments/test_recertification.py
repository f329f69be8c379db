"""Recertification: before a certificate expires the learner is enrolled again (a new cycle, history
kept) and told; reports tell never completed, valid, expiring soon and expired apart."""

from __future__ import annotations

import datetime

import time_machine
from django.core import mail
from django.urls import reverse

from assignments import tasks
from certificates.models import Certificate
from courses import services as course_services
from courses.models import Enrolment, ModulePage
from notifications import tasks as notification_tasks
from notifications.models import Notification
from tests.assignments.conftest import assign, in_days
from tests.factories import add_course, translate


def complete(learner, course, capture) -> None:
    with capture(execute=True):
        course_services.enrol(learner=learner, course=course)
        for module in ModulePage.objects.child_of(course).live():
            course_services.complete_module(learner=learner, module=module)


def certification_column(client, hr, employee_number: str, **filters) -> str | None:
    """The learner detail report's certification cell for one person, or None if the row is absent."""
    client.force_login(hr)  # sessions expire while the clock jumps a year
    response = client.get(reverse("hr_report_learners:index"), filters)
    cells = [row.certification for row in response.context["object_list"] if row.employee_number == employee_number]
    if cells:
        assert cells[0] in response.content.decode()
    return cells[0] if cells else None


def test_a_certificate_with_a_validity_period_comes_up_for_renewal_on_time(
    hr_client, hr, org, catalogue, catalogue_en, eager_celery, django_capture_on_commit_callbacks
):
    course = add_course(catalogue, title="حماية البيانات", modules=2, certificate_validity_months=12)
    translate(course, "en", title="Data protection", slug="data-protection")
    holder = org.people["d1b"].user
    complete(holder, course, django_capture_on_commit_callbacks)
    assign(hr, course, employees=[org.people["d2a"]], on=in_days(60))
    certificate = Certificate.objects.get(holder=holder)
    assert certificate.status == "issued" and certificate.expires_on is not None
    expires = certificate.expires_on
    assert certification_column(hr_client, hr, "M-102") == "Valid"
    assert certification_column(hr_client, hr, "M-201") == "Never completed"

    with time_machine.travel(expires - datetime.timedelta(days=31)):
        tasks.daily_reminders_task()
        assert Enrolment.objects.filter(learner=holder).count() == 1
        assert certification_column(hr_client, hr, "M-102") == "Valid"

    with time_machine.travel(expires - datetime.timedelta(days=30)):
        tasks.daily_reminders_task()
        tasks.daily_reminders_task()  # beat fired twice: still one renewal
        notification_tasks.send_notification_emails_task()
        assert certification_column(hr_client, hr, "M-102", certification="expiring") == "Expiring soon"
        assert certification_column(hr_client, hr, "M-102", certification="valid") is None

    cycles = list(Enrolment.objects.filter(learner=holder).order_by("cycle"))
    assert [(e.cycle, e.is_current) for e in cycles] == [(1, False), (2, True)]
    assert cycles[0].completed_at is not None and cycles[1].due_date == expires
    assert Notification.objects.filter(recipient=holder, kind="renewal").count() == 1
    renewal = [m for m in mail.outbox if m.to == [holder.email] and "renew" in m.subject]
    assert [m.subject for m in renewal] == ["Time to renew: Data protection"]
    assert expires.strftime("%Y") in renewal[0].body

    with time_machine.travel(expires + datetime.timedelta(days=1)):
        assert certification_column(hr_client, hr, "M-102", certification="expired") == "Expired"
        hr_client.force_login(hr)
        overdue = hr_client.get(reverse("hr_report_learners:index") + "?status=overdue").content.decode()
        assert "M-102" in overdue
        complete(holder, course, django_capture_on_commit_callbacks)
        assert certification_column(hr_client, hr, "M-102") == "Valid"
    assert Certificate.objects.filter(holder=holder).count() == 2
    transcript = hr_client.get(reverse("hr_report_transcripts:detail", args=[org.people["d1b"].pk])).content.decode()
    assert "history" in transcript and "Valid" in transcript
