"""Helpers of the course tests: a course's modules, counts of learning records, links on a page."""

from __future__ import annotations

from html.parser import HTMLParser

from courses.models import CoursePage, Enrolment, ModulePage, ModuleProgress, QuizAttempt


def modules_of(course: CoursePage) -> list[ModulePage]:
    """The course's modules in outline order, live or not."""
    return list(ModulePage.objects.child_of(course).order_by("path"))


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
