"""Helpers of the course tests: a course's modules, counts of learning records, links on a page."""

from __future__ import annotations

from html.parser import HTMLParser

from courses.models import CoursePage, Enrolment, ModulePage, ModuleProgress, QuizAttempt
from tests.factories import add_course, translate


def modules_of(course: CoursePage) -> list[ModulePage]:
    """The course's modules in outline order, live or not."""
    return list(ModulePage.objects.child_of(course).order_by("path"))


def bilingual_course(catalogue, titles: dict[str, str], *, skill_area: str, quiz: bool = False) -> CoursePage:
    """A published Arabic course of three modules (the last ending in a quiz) and its English translation."""
    course = add_course(catalogue, title=titles["ar"], modules=3, quiz_last=quiz, skill_area=skill_area)
    translate(course, "en", title=titles["en"], slug=f"{course.slug}-en", summary=f"About {titles['en']}")
    for number, module in enumerate(ModulePage.objects.child_of(course).order_by("path"), start=1):
        translate(module, "en", title=f"{titles['en']}: part {number}", slug=f"{module.slug}-en")
    return course


def record_counts() -> dict[str, int]:
    """How many learning records exist: compared before and after a request that must write nothing."""
    return {
        "enrolments": Enrolment.objects.count(),
        "started enrolments": Enrolment.objects.filter(started_at__isnull=False).count(),
        "completed enrolments": Enrolment.objects.filter(completed_at__isnull=False).count(),
        "progress": ModuleProgress.objects.count(),
        "completed progress": ModuleProgress.objects.filter(completed_at__isnull=False).count(),
        # Started attempts are not results; only a submitted attempt records answers and a score.
        "attempts": QuizAttempt.objects.filter(status=QuizAttempt.Status.SUBMITTED).count(),
    }


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.links.append(dict(attrs))


def links(html: str, **attributes: str) -> list[str]:
    """The hrefs of the page's links that carry all the given attributes (e.g. hreflang="en")."""
    parser = _Links()
    parser.feed(html)
    return [
        link["href"] or ""
        for link in parser.links
        if "href" in link and all(link.get(name) == value for name, value in attributes.items())
    ]
