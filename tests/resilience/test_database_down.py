"""PostgreSQL unreachable during a burst of completions (reached through a TCP proxy the test cuts and
restores): every answer is a success or a translated 503 with Retry-After, and nothing is half-written."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from certificates.models import Certificate
from courses.models import Enrolment, ModulePage, ModuleProgress
from tests.builders.services import TcpProxy
from tests.factories import EmployeeFactory, UserFactory, add_catalogue, add_course

from .conftest import requires_services

pytestmark = [requires_services, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

LEARNERS = 6


@pytest.fixture
def database_proxy():
    """Every new database connection goes through a proxy the test can cut."""
    settings_dict = connection.settings_dict
    saved = (settings_dict["HOST"], settings_dict["PORT"])
    proxy = TcpProxy(settings_dict["HOST"] or "127.0.0.1", int(settings_dict["PORT"] or 5432))
    connection.close()
    settings_dict["HOST"], settings_dict["PORT"] = "127.0.0.1", str(proxy.port)
    try:
        yield proxy
    finally:
        proxy.restore()
        connection.close()
        settings_dict["HOST"], settings_dict["PORT"] = saved
        proxy.close()


def _answer(client: Client, url: str) -> tuple[int, str, str]:
    response = client.post(url) if "complete" in url or "enrol" in url else client.get(url)
    # What the end of a real request does (the test client leaves it out): a broken connection is dropped.
    connection.close_if_unusable_or_obsolete()
    return response.status_code, response.get("Retry-After", ""), response.content.decode()


@pytest.mark.parametrize(("language", "direction", "title"), [("en", "ltr", "Briefly unavailable"), ("ar", "rtl", "")])
def test_database_down_is_a_translated_503_with_retry_after(database_proxy, locales, language, direction, title):
    add_catalogue()
    database_proxy.cut()
    status, retry_after, html = _answer(Client(raise_request_exception=False), f"/{language}/")
    assert status == 503
    assert int(retry_after) > 0
    assert f'<html lang="{language}" dir="{direction}">' in html
    assert title in html


def test_database_cut_during_a_burst_gives_only_503s_and_nothing_half_written(database_proxy, locales):
    course = add_course(add_catalogue(), title="التحول الرقمي", modules=2)
    modules = list(ModulePage.objects.child_of(course).live().order_by("path"))
    clients = []
    for index in range(LEARNERS):
        client = Client(raise_request_exception=False)  # a 503 is an answer, as a browser gets it
        client.force_login(EmployeeFactory(user=UserFactory(username=f"burst-{index}")).user)
        clients.append(client)
    steps = [reverse("courses:enrol", args=[course.id])]
    steps += [reverse("courses:complete", args=[course.id, module.id]) for module in modules]

    answers: list[tuple[int, str]] = []
    cut = threading.Timer(0.3, database_proxy.cut)
    cut.start()
    for index, client in enumerate(clients):
        if index == LEARNERS // 2:
            cut.join()
            database_proxy.restore()  # the database comes back in the middle of the burst
        for step in steps:
            status, retry_after, html = _answer(client, step)
            answers.append((status, retry_after))
            if status == 503:
                assert "lang=" in html and int(retry_after) > 0
    assert {status for status, _retry in answers} <= {302, 503}
    assert any(status == 503 for status, _retry in answers), "the cut came after the burst"

    # Nothing half-written: a completed enrolment has its progress and its certificate, and nothing else has.
    for enrolment in Enrolment.objects.filter(course=course):
        done = ModuleProgress.objects.filter(enrolment=enrolment, completed_at__isnull=False).count()
        certificates = Certificate.objects.filter(enrolment=enrolment).count()
        if enrolment.completed_at is not None:
            assert (done, certificates) == (len(modules), 1)
        else:
            assert done < len(modules) and certificates == 0
    # After the database is back, the learners whose answer was a 503 simply do it again.
    for client in clients:
        for step in steps:
            assert _answer(client, step)[0] == 302
    assert Enrolment.objects.filter(course=course, completed_at__isnull=False).count() == LEARNERS
    assert Certificate.objects.filter(enrolment__course=course).count() == LEARNERS
