"""A course open to chosen ministries: who sees it in the catalogue and search, opens it, enrols in it."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from courses import selectors, services
from courses.models import CoursePage, Enrolment, ModuleProgress
from courses.page_forms import CoursePageForm
from people.services import ADMINISTRATORS, ensure_roles
from tests.builders.audience import restrict
from tests.builders.courses import modules_of
from tests.factories import UserFactory, add_course, make_org_unit

RESTRICTED = {"ar": "أمن شبكات ألفا", "en": "Alpha network security"}
OPEN = {"ar": "أساسيات الخدمات الرقمية", "en": "Digital services basics"}


def catalogue_page(client, language: str, **query) -> str:
    response = client.get(f"/{language}/", query)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_catalogue_lists_a_restricted_course_to_its_ministry_only(client, audience, language):
    client.force_login(audience.insider)
    page = catalogue_page(client, language)
    assert RESTRICTED[language] in page and OPEN[language] in page
    client.force_login(audience.outsider)
    page = catalogue_page(client, language)
    assert RESTRICTED[language] not in page and OPEN[language] in page
    client.logout()
    page = catalogue_page(client, language)
    assert RESTRICTED[language] not in page and OPEN[language] in page


def test_search_does_not_find_a_course_closed_to_the_reader(client, audience):
    client.force_login(audience.outsider)
    assert RESTRICTED["en"] not in catalogue_page(client, "en", q="network security")
    client.force_login(audience.insider)
    assert RESTRICTED["en"] in catalogue_page(client, "en", q="network security")


def test_outsiders_get_404_on_the_course_and_its_modules_in_both_languages(client, audience):
    module = modules_of(audience.restricted)[0]
    urls = [audience.restricted.url, audience.restricted_en.url, module.url]
    client.force_login(audience.insider)
    services.enrol(learner=audience.insider, course=audience.restricted)
    assert [client.get(url).status_code for url in urls] == [200, 200, 200]
    client.force_login(audience.outsider)
    assert [client.get(url).status_code for url in urls] == [404, 404, 404]
    client.logout()
    assert [client.get(url).status_code for url in urls[:2]] == [404, 404]


def test_an_outsider_posting_enrol_is_refused_with_a_message_and_nothing_written(client, audience):
    client.force_login(audience.outsider)
    response = client.post(reverse("courses:enrol", args=[audience.restricted_en.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 403
    page = response.content.decode()
    assert "This course is not open to your ministry" in page
    assert "is open to the employees of certain ministries only" in page
    assert 'href="/en/"' in page and f'href="{audience.restricted_en.url}"' not in page
    assert not Enrolment.objects.exists()
    with pytest.raises(services.NotInAudience):
        services.enrol(learner=audience.outsider, course=audience.restricted, source="assigned")
    assert not Enrolment.objects.exists()


def test_people_without_an_employee_record_see_open_courses_and_administrators_see_all(client, audience, catalogue):
    ensure_roles(catalogue=catalogue)
    nobody = UserFactory(username="no-employee")
    administrator = UserFactory(username="administrator")
    administrator.groups.add(Group.objects.get(name=ADMINISTRATORS))
    client.force_login(nobody)
    assert RESTRICTED["en"] not in catalogue_page(client, "en")
    assert client.get(audience.restricted.url).status_code == 404
    with pytest.raises(services.NotInAudience):
        services.enrol(learner=nobody, course=audience.restricted)
    client.force_login(administrator)
    assert RESTRICTED["en"] in catalogue_page(client, "en")
    assert client.get(audience.restricted.url).status_code == 200
    assert services.enrol(learner=administrator, course=audience.restricted).course == audience.restricted


def test_the_audience_is_the_source_courses_in_every_language(client, audience):
    """The English page has no ministries of its own: the rule reads the Arabic source's."""
    assert not audience.restricted_en.open_to.exists()
    client.force_login(audience.outsider)
    assert client.get(audience.restricted_en.url).status_code == 404
    restrict(audience.restricted)  # opened to everyone again, on the source only
    assert client.get(audience.restricted_en.url).status_code == 200
    assert RESTRICTED["en"] in catalogue_page(client, "en")


def test_a_learner_whose_ministry_is_taken_off_keeps_the_course_and_can_finish_it(client, audience):
    course = audience.open_course
    services.enrol(learner=audience.outsider, course=course)
    first, second = modules_of(course)
    services.complete_module(learner=audience.outsider, module=first)
    restrict(course, audience.units["A"])
    client.force_login(audience.outsider)
    assert OPEN["ar"] in client.get(reverse("courses:my_learning")).content.decode()
    assert OPEN["ar"] in catalogue_page(client, "ar")
    assert client.get(course.url).status_code == 200
    assert client.get(second.url).status_code == 200
    response = client.post(reverse("courses:complete", args=[course.pk, second.pk]))
    assert response.status_code == 302
    enrolment = Enrolment.objects.get(learner=audience.outsider)
    assert enrolment.completed_at is not None
    assert ModuleProgress.objects.filter(enrolment=enrolment, completed_at__isnull=False).count() == 2


def test_a_finished_enrolment_keeps_its_record_but_no_new_cycle_opens_by_self_enrolment(client, audience):
    """Only a current enrolment keeps the course open: once it is history, the course is closed like for
    anyone else of that ministry, and the record stays."""
    course = audience.open_course
    enrolment = services.enrol(learner=audience.outsider, course=course)
    Enrolment.objects.filter(pk=enrolment.pk).update(is_current=False, status="completed")
    restrict(course, audience.units["A"])
    client.force_login(audience.outsider)
    assert client.get(course.url).status_code == 404
    assert client.post(reverse("courses:enrol", args=[course.pk])).status_code == 403
    assert list(Enrolment.objects.filter(learner=audience.outsider)) == [enrolment]


def test_the_editor_offers_open_ministries_and_a_translation_shows_the_source_choice(audience):
    closed = make_org_unit("closed", None, "ministry", name_en="Closed Ministry", name_ar="وزارة مغلقة")
    closed.closed_at = timezone.now()
    closed.save()
    form_class = CoursePage.get_edit_handler().get_form_class()
    assert issubclass(form_class, CoursePageForm)
    source_form = form_class(instance=audience.restricted, for_user=audience.insider)
    offered = set(source_form.fields["open_to"].queryset.values_list("code", flat=True))
    assert offered == {"alpha", "bravo"}  # ministries only, the closed one left out
    assert not source_form.fields["open_to"].disabled
    translation_form = form_class(instance=audience.restricted_en, for_user=audience.insider)
    assert translation_form.fields["open_to"].disabled
    assert translation_form.initial["open_to"] == [audience.units["A"].pk]


def count_queries(client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("who", ["insider", "outsider"])
def test_the_catalogue_costs_one_query_more_at_most_however_many_courses_are_restricted(
    client, audience, catalogue, who, monkeypatch, settings
):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    client.force_login(getattr(audience, who))
    one = count_queries(client, "/en/")
    for number in range(4):
        restrict(add_course(catalogue, title=f"Restricted {number}", modules=1), audience.units["A"])
    assert count_queries(client, "/en/") == one
    # The same page with every course open to everyone, as before courses could be restricted.
    monkeypatch.setattr(selectors, "visible_courses_q", lambda user: Q())
    assert one - count_queries(client, "/en/") <= 1


def test_my_learning_costs_the_same_however_many_restricted_courses_the_learner_takes(client, audience, catalogue):
    client.force_login(audience.insider)
    services.enrol(learner=audience.insider, course=audience.restricted)
    one = count_queries(client, reverse("courses:my_learning"))
    for number in range(3):
        course = add_course(catalogue, title=f"Restricted {number}", modules=1)
        restrict(course, audience.units["A"])
        services.enrol(learner=audience.insider, course=course)
    assert count_queries(client, reverse("courses:my_learning")) == one
