"""Finishing well: the page of a completed course offers the next course of each of the learner's programmes."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from bs4 import BeautifulSoup

from courses import services as course_services
from courses.models import CoursePage
from programmes import services
from tests.builders.courses import modules_of
from tests.builders.learning import complete_course
from tests.builders.programmes import add_programme, set_prerequisites
from tests.factories import add_course, translate


@dataclass
class Offer:
    text: str  # what the learner reads, spaces collapsed
    href: str | None  # where its link leads
    link: str  # the link's visible words
    name: str  # the link's name for a screen reader: its words and what they are about


def offers(client, page) -> list[Offer]:
    response = client.get(page.url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    found = []
    for box in soup.select(".course-actions .programme-next"):
        link = box.find("a")
        name = words(link)
        for hidden in box.select(".visually-hidden"):
            hidden.decompose()
        found.append(Offer(text=words(box), href=link["href"], link=words(link), name=name))
    return found


def words(element) -> str:
    return " ".join(element.get_text(" ").split())


def english(page) -> CoursePage:
    return page.get_translation(page.locale.__class__.objects.get(language_code="en")).specific


# The four-course track: basics -> data -> (tools, optional) -> leading.


def test_after_the_first_course_the_page_offers_the_second_in_arabic_and_english(track, learner, learner_client):
    services.enrol_in_programme(learner=learner, programme=track.programme)
    complete_course(learner, track.basics)

    [arabic] = offers(learner_client, track.basics)
    assert arabic.text == "الدورة التالية في برنامج القيادة الرقمية: القرار المستند إلى البيانات ابدأ"
    assert (arabic.href, arabic.link) == (track.data.url, "ابدأ")
    assert arabic.name == "ابدأ : القرار المستند إلى البيانات"

    [offer] = offers(learner_client, english(track.basics))
    assert offer.text == "Next in Digital leadership: Data-driven decisions Start"
    assert (offer.href, offer.link) == (english(track.data).url, "Start")
    assert offer.href.startswith("/en/")


def test_a_next_course_already_started_is_continued(track, learner, learner_client):
    services.enrol_in_programme(learner=learner, programme=track.programme)
    complete_course(learner, track.basics)
    course_services.start_module(learner=learner, module=modules_of(track.data)[0])

    assert offers(learner_client, track.basics)[0].link == "متابعة"
    assert offers(learner_client, english(track.basics))[0].link == "Continue"


def test_the_next_course_follows_programme_order_optional_courses_included(track, learner, learner_client):
    services.enrol_in_programme(learner=learner, programme=track.programme)
    complete_course(learner, track.basics)
    complete_course(learner, track.data)

    [offer] = offers(learner_client, english(track.data))
    assert offer.text == "Next in Digital leadership: Productivity tools Optional Start"

    # Leading finished while the optional course earlier in the order was skipped: that one is still next.
    complete_course(learner, track.leading)
    [offer] = offers(learner_client, track.leading)
    assert offer.text == "الدورة التالية في برنامج القيادة الرقمية: أدوات الإنتاجية اختيارية ابدأ"
    assert offer.href == track.tools.url


def test_after_the_last_course_the_page_says_every_course_is_completed(track, learner, learner_client):
    services.enrol_in_programme(learner=learner, programme=track.programme)
    for course in (track.basics, track.data, track.tools, track.leading):
        complete_course(learner, course)

    [arabic] = offers(learner_client, track.leading)
    assert arabic.text == "أكملتَ جميع دورات برنامج القيادة الرقمية. عرض البرنامج"
    assert arabic.href == track.programme.url
    assert arabic.name == "عرض البرنامج : برنامج القيادة الرقمية"
    [offer] = offers(learner_client, english(track.tools))
    assert offer.text == "You have completed every course of Digital leadership. See the programme"
    assert offer.href == track.programme_en.url


def test_a_two_course_programme(catalogue, catalogue_en, learner, learner_client):
    first = add_course(catalogue, title="الأمن السيبراني للموظفين", modules=2)
    second = add_course(catalogue, title="حماية البيانات الشخصية", modules=1)
    translate(first, "en", title="Cybersecurity for staff", slug="cyber-en")
    translate(second, "en", title="Personal data protection", slug="privacy-en")
    programme = add_programme(catalogue, title="الوعي الأمني", courses=[(first, False), (second, False)])
    translate(programme, "en", title="Security awareness", slug="security-en")
    services.enrol_in_programme(learner=learner, programme=programme)

    complete_course(learner, first)
    assert [offer.text for offer in offers(learner_client, english(first))] == [
        "Next in Security awareness: Personal data protection Start"
    ]
    # The second course is not completed yet: its own page makes no offer.
    assert offers(learner_client, second) == []
    assert offers(learner_client, english(second)) == []

    complete_course(learner, second)
    assert [offer.text for offer in offers(learner_client, second)] == ["أكملتَ جميع دورات الوعي الأمني. عرض البرنامج"]
    assert [offer.text for offer in offers(learner_client, english(first))] == [
        "You have completed every course of Security awareness. See the programme"
    ]


def test_a_next_course_locked_by_an_outside_prerequisite_says_what_it_needs(
    catalogue, catalogue_en, learner, learner_client
):
    first = add_course(catalogue, title="الأمن السيبراني للموظفين", modules=1)
    second = add_course(catalogue, title="حماية البيانات الشخصية", modules=1)
    outside = add_course(catalogue, title="أساسيات القانون", modules=1)
    translate(first, "en", title="Cybersecurity for staff", slug="cyber-en")
    translate(second, "en", title="Personal data protection", slug="privacy-en")
    set_prerequisites(second, outside)
    programme = add_programme(catalogue, title="الوعي الأمني", courses=[(first, False), (second, False)])
    translate(programme, "en", title="Security awareness", slug="security-en")
    services.enrol_in_programme(learner=learner, programme=programme)
    complete_course(learner, first)

    [arabic] = offers(learner_client, first)
    assert (arabic.link, arabic.href) == ("اعرف ما تتطلبه", second.url)
    [offer] = offers(learner_client, english(first))
    assert offer.text == "Next in Security awareness: Personal data protection See what it needs"
    # The course page it leads to names the prerequisite.
    assert "أساسيات القانون" in learner_client.get(second.url).content.decode()

    complete_course(learner, outside)
    assert offers(learner_client, english(first))[0].link == "Start"


def test_one_offer_per_programme_that_includes_the_course(track, catalogue, learner, learner_client):
    extra = add_course(catalogue, title="الخدمات الرقمية المتقدمة", modules=1)
    other = add_programme(catalogue, title="برنامج الخدمات", courses=[(track.basics, False), (extra, False)])
    services.enrol_in_programme(learner=learner, programme=track.programme)
    services.enrol_in_programme(learner=learner, programme=other)
    complete_course(learner, track.basics)

    # Newest programme enrolment first; the untranslated programme and course keep their Arabic titles.
    [services_offer, leadership_offer] = offers(learner_client, english(track.basics))
    assert services_offer.text == "Next in برنامج الخدمات: الخدمات الرقمية المتقدمة Start"
    assert services_offer.href == extra.url
    assert leadership_offer.text == "Next in Digital leadership: Data-driven decisions Start"


def test_a_programme_with_a_course_left_comes_before_one_completed(track, catalogue, learner, learner_client):
    other = add_programme(catalogue, title="برنامج الأساسيات", courses=[(track.basics, False)])
    services.enrol_in_programme(learner=learner, programme=track.programme)
    services.enrol_in_programme(learner=learner, programme=other)
    complete_course(learner, track.basics)

    assert [offer.text for offer in offers(learner_client, track.basics)] == [
        "الدورة التالية في برنامج القيادة الرقمية: القرار المستند إلى البيانات ابدأ",
        "أكملتَ جميع دورات برنامج الأساسيات. عرض البرنامج",
    ]


def test_an_untranslated_next_course_is_offered_in_its_own_language(track, catalogue, learner, client, learner_client):
    page = BeautifulSoup(client.get(track.basics.url).content.decode(), "html.parser")
    assert page.select(".programme-next") == []  # and nothing for a visitor
    arabic_only = add_course(catalogue, title="مهارات العرض", modules=1)
    programme = add_programme(catalogue, title="برنامج العرض", courses=[(track.basics, False), (arabic_only, False)])
    services.enrol_in_programme(learner=learner, programme=programme)
    complete_course(learner, track.basics)

    page = BeautifulSoup(learner_client.get(english(track.basics).url).content.decode(), "html.parser")
    [title] = page.select(".programme-next strong")
    assert (title.get_text(), title["lang"]) == ("مهارات العرض", "ar")


# When there is nothing to offer


def test_no_offer_for_a_course_in_no_programme(course, learner, learner_client):
    complete_course(learner, course)

    assert offers(learner_client, course) == []


def test_no_offer_when_the_learner_is_not_enrolled_in_the_programme(track, learner, other_learner, learner_client):
    services.enrol_in_programme(learner=other_learner, programme=track.programme)
    complete_course(learner, track.basics)

    assert offers(learner_client, track.basics) == []
    assert offers(learner_client, english(track.basics)) == []


def test_no_offer_before_the_course_is_completed(track, learner, learner_client):
    services.enrol_in_programme(learner=learner, programme=track.programme)
    course_services.complete_module(learner=learner, module=modules_of(track.basics)[0])

    assert offers(learner_client, track.basics) == []
    assert offers(learner_client, english(track.basics)) == []


def test_no_offer_for_a_programme_withdrawn_in_every_language(track, learner, learner_client):
    services.enrol_in_programme(learner=learner, programme=track.programme)
    complete_course(learner, track.basics)
    track.programme_en.unpublish()
    # Still published in Arabic: the English page names it in Arabic.
    assert offers(learner_client, english(track.basics))[0].text.startswith("Next in برنامج القيادة الرقمية:")

    track.programme.unpublish()
    assert offers(learner_client, track.basics) == []
    assert offers(learner_client, english(track.basics)) == []


def test_another_learners_completion_offers_nothing(track, learner, other_learner, client):
    for person in (learner, other_learner):
        services.enrol_in_programme(learner=person, programme=track.programme)
    complete_course(learner, track.basics)
    client.force_login(other_learner)

    assert offers(client, track.basics) == []


# Queries


@pytest.fixture
def cold_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


def test_the_offers_cost_the_same_queries_for_one_programme_as_for_three(
    cold_cache, track, catalogue, learner, learner_client, django_assert_max_num_queries
):
    services.enrol_in_programme(learner=learner, programme=track.programme)
    complete_course(learner, track.basics)
    learner_client.get(track.basics.url)
    with django_assert_max_num_queries(COMPLETED_COURSE_PAGE) as one:
        learner_client.get(track.basics.url)
    for number in range(2):
        extra = add_course(catalogue, title=f"دورة {number}", modules=1)
        more = add_programme(catalogue, title=f"برنامج {number}", courses=[(track.basics, False), (extra, True)])
        services.enrol_in_programme(learner=learner, programme=more)
    assert len(offers(learner_client, track.basics)) == 3

    with django_assert_max_num_queries(COMPLETED_COURSE_PAGE) as three:
        learner_client.get(track.basics.url)

    assert len(three) == len(one)


# The page of a completed course, measured with a dummy cache: 29 queries with its certificate, feedback and
# self-assessment invitation, and 10 for the offers (which programmes of the learner's include the course,
# their steps in two queries, what the learner completed and started, the titles in the reader's language,
# the next courses' prerequisites in two, the site root paths in two), with room for one more. Four more for
# who the courses are open to (the course page's own check and the programmes' steps, courses.audience), and
# one for the main menu's question whether the learner manages a team (teams.selectors.manages_a_team). Not
# the course page limit of tests/courses/test_queries.py, which measures courses in progress: a course not
# completed asks nothing about programmes.
COMPLETED_COURSE_PAGE = 45
