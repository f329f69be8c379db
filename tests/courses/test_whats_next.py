"""What's next on My learning (most urgent first, mandatory or chosen, one way on per course) and the
learner's own status on the catalogue cards."""

from __future__ import annotations

import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from courses import services
from courses.models import Enrolment
from tests.builders.courses import modules_of
from tests.factories import add_course


def cards(response) -> list:
    return BeautifulSoup(response.content.decode(), "html.parser").select("#next-heading + ul .learning-item")


def text_of(element) -> str:
    return " ".join(element.get_text(" ").split())


@pytest.fixture
def four_courses(catalogue, learner):
    """A chosen course without a due date, and mandatory ones overdue, due in 5 days and in 60 days."""
    today = timezone.localdate()
    plan = {
        "Chosen": (Enrolment.Source.SELF, None),
        "Far": (Enrolment.Source.ASSIGNED, today + datetime.timedelta(days=60)),
        "Soon": (Enrolment.Source.ASSIGNED, today + datetime.timedelta(days=5)),
        "Late": (Enrolment.Source.ASSIGNED, today - datetime.timedelta(days=2)),
    }
    courses = {}
    for title, (source, due) in plan.items():
        courses[title] = add_course(catalogue, title=title, modules=2)
        services.enrol(learner=learner, course=courses[title], source=source, due_date=due)
    services.complete_module(learner=learner, module=modules_of(courses["Soon"])[0])
    return courses


def test_whats_next_puts_overdue_then_due_soon_first_with_their_dates(learner_client, four_courses):
    page = cards(learner_client.get("/en/learning/"))

    assert [card.h3.get_text(strip=True) for card in page] == ["Late", "Soon", "Far", "Chosen"]
    late, soon, far, chosen = page
    due = {name: Enrolment.objects.get(course=four_courses[name]).due_date for name in ("Late", "Soon")}
    assert "is-overdue" in late["class"]
    assert "2 days overdue" in text_of(late)
    assert f"Due {due['Late'].day} " in text_of(late)
    assert "is-due-soon" in soon["class"]
    assert "due in 5 days" in text_of(soon)
    assert "is-due-soon" not in far["class"] and "due in 60 days" in text_of(far)
    assert "Due" not in text_of(chosen)


def test_whats_next_says_mandatory_or_chosen_and_leads_to_the_next_module(learner_client, four_courses):
    late, soon, _far, chosen = cards(learner_client.get("/en/learning/"))

    assert [tag.get_text(strip=True) for tag in late.select(".tag")] == ["Overdue", "Mandatory"]
    assert chosen.select_one(".tag").get_text(strip=True) == "Chosen"
    # One button per course: "Start" before the first module, "Continue" to the first one not done.
    for card, label, module in [
        (late, "Start", modules_of(four_courses["Late"])[0]),
        (soon, "Continue", modules_of(four_courses["Soon"])[1]),
    ]:
        buttons = card.select("a.button")
        assert len(buttons) == 1
        assert buttons[0].get_text(" ", strip=True).startswith(label)
        assert buttons[0]["href"] == module.url


def test_whats_next_reads_in_arabic(learner_client, four_courses):
    late, soon, _far, chosen = cards(learner_client.get("/ar/learning/"))

    assert [tag.get_text(strip=True) for tag in late.select(".tag")] == ["متأخرة", "إلزامية"]
    assert chosen.select_one(".tag").get_text(strip=True) == "اختيارية"
    assert "متأخرة يومين" in text_of(late)
    assert "مستحقة خلال 5 أيام" in text_of(soon)


def card_statuses(response) -> dict[str, str]:
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return {
        card.select_one(".card-title").get_text(strip=True): (
            status.get_text(strip=True) if (status := card.select_one(".card-status")) else ""
        )
        for card in soup.select(".course-card")
    }


def test_catalogue_cards_show_the_learners_own_status(client, learner_client, learner, catalogue):
    basics, started, done, advanced, other = (
        add_course(catalogue, title=title, modules=2) for title in ("Basics", "Started", "Done", "Advanced", "Other")
    )
    advanced.prerequisites.add(basics)
    advanced.save_revision().publish()
    services.enrol(learner=learner, course=basics)
    services.enrol(learner=learner, course=started)
    services.complete_module(learner=learner, module=modules_of(started)[0])
    services.enrol(learner=learner, course=done)
    for module in modules_of(done):
        services.complete_module(learner=learner, module=module)

    assert card_statuses(learner_client.get("/en/")) == {
        "Basics": "Enrolled",
        "Started": "In progress",
        "Done": "Completed",
        "Advanced": "Locked: prerequisites first",
        "Other": "",
    }
    arabic = card_statuses(learner_client.get("/ar/"))
    assert arabic["Done"] == "مكتملة" and arabic["Advanced"] == "مقفلة: المتطلبات السابقة أولًا"
    client.logout()
    assert set(card_statuses(client.get("/en/")).values()) == {""}
