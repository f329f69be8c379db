"""Reads of programmes and programme progress, shaped for the pages that show them."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Q, QuerySet
from wagtail.models import Locale, Page

from common.i18n import pick
from courses.models import CoursePage, Enrolment, source_page
from courses.selectors import completed_course_keys, share_site_root_paths, titles_by_language, unmet_prerequisites_of

from .models import ProgrammeCourse, ProgrammeEnrolment, ProgrammePage

# Outlines are shown to visitors too: a signed-out reader sees the steps without progress.
Reader = User | AnonymousUser


@dataclass
class ProgrammeStep:
    """One course of a programme: the source-language course (what records point at) and its rules."""

    course: CoursePage
    optional: bool


def programme_steps(*, programme: ProgrammePage) -> list[ProgrammeStep]:
    """The programme's live courses in order, as set on the source-language programme (two queries).

    The course an editor picked may be a translation; the step holds its source-language page, so
    rules and records are the same whichever language the programme or the course was edited in.
    """
    rows = list(
        ProgrammeCourse.objects.filter(page=source_page(programme))
        .select_related("course")
        .order_by("sort_order", "id")
    )
    keys = {row.course.translation_key for row in rows}
    sources: dict[uuid.UUID, CoursePage] = {}
    for course in CoursePage.objects.filter(translation_key__in=keys).select_related("locale").order_by("id"):
        sources.setdefault(course.translation_key, course)
    steps, seen = [], set()
    for row in rows:
        course = sources[row.course.translation_key]
        if course.live and course.pk not in seen:
            seen.add(course.pk)
            steps.append(ProgrammeStep(course=course, optional=row.optional))
    return steps


def required_courses(*, programme: ProgrammePage) -> list[CoursePage]:
    return [step.course for step in programme_steps(programme=programme) if not step.optional]


def current_programme_enrolment(*, user: Reader, programme: ProgrammePage) -> ProgrammeEnrolment | None:
    if not user.is_authenticated:
        return None
    return ProgrammeEnrolment.objects.filter(
        learner=user, programme__translation_key=programme.translation_key, is_current=True
    ).first()


def certificate_hours(*, programme_enrolment: ProgrammeEnrolment) -> int:
    """The hours a programme certificate states: every required course, and the optional ones completed."""
    steps = programme_steps(programme=programme_enrolment.programme)
    done = completed_course_keys(
        user=programme_enrolment.learner, translation_keys={step.course.translation_key for step in steps}
    )
    return sum(
        step.course.estimated_hours for step in steps if not step.optional or step.course.translation_key in done
    )


class Status:
    COMPLETED = "completed"
    IN_PROGRESS = "in_progress"
    NOT_STARTED = "not_started"
    AVAILABLE = "available"
    LOCKED = "locked"


@dataclass
class ProgrammeItem:
    course: CoursePage  # in the reader's language when translated, else the source-language page
    optional: bool
    enrolment: Enrolment | None = None
    completed: bool = False
    missing: list[CoursePage] = field(default_factory=list)

    @property
    def status(self) -> str:
        if self.completed:
            return Status.COMPLETED
        if self.enrolment is not None:
            return Status.IN_PROGRESS if self.enrolment.started_at else Status.NOT_STARTED
        return Status.LOCKED if self.missing else Status.AVAILABLE


@dataclass
class ProgrammeOutline:
    programme: Page
    items: list[ProgrammeItem]
    enrolment: ProgrammeEnrolment | None

    @property
    def required(self) -> list[ProgrammeItem]:
        return [item for item in self.items if not item.optional]

    @property
    def required_done(self) -> int:
        return sum(item.completed for item in self.required)

    @property
    def percent(self) -> int:
        if self.enrolment is not None and self.enrolment.completed_at is not None:
            return 100
        required = self.required
        return round(100 * self.required_done / len(required)) if required else 0

    @property
    def next_item(self) -> ProgrammeItem | None:
        """Where "Continue" leads: the first required course enrolled in and not completed."""
        return next((item for item in self.required if item.enrolment is not None and not item.completed), None)


def programme_outline(
    *, programme: ProgrammePage, user: Reader, enrolment: ProgrammeEnrolment | None = None
) -> ProgrammeOutline:
    """The programme's courses in the reader's language with the user's status in each.

    Only the user's own records are read: a programme page never shows anyone else's progress.
    """
    if enrolment is None:
        enrolment = current_programme_enrolment(user=user, programme=programme)
    steps = programme_steps(programme=programme)
    keys = [step.course.translation_key for step in steps]
    unmet = unmet_prerequisites_of(user=user, courses=[step.course for step in steps]) if user.is_authenticated else {}
    missing_keys = {course.translation_key for courses in unmet.values() for course in courses}
    # One query for every course shown, the programme's and the prerequisites named, in the reader's language.
    translations = {
        course.translation_key: course
        for course in CoursePage.objects.live()
        .filter(locale=Locale.get_active(), translation_key__in=[*keys, *missing_keys])
        .select_related("locale")
    }
    current: dict[uuid.UUID, Enrolment] = {}
    if user.is_authenticated and keys:
        current = {
            row.course.translation_key: row
            for row in Enrolment.objects.filter(
                learner=user, is_current=True, course__translation_key__in=keys
            ).select_related("course")
        }
    done = completed_course_keys(user=user, translation_keys=keys)
    items = [
        ProgrammeItem(
            course=translations.get(step.course.translation_key, step.course),
            optional=step.optional,
            enrolment=current.get(step.course.translation_key),
            completed=step.course.translation_key in done,
            missing=[
                translations.get(course.translation_key, course)
                for course in unmet.get(step.course.translation_key, [])
            ],
        )
        for step in steps
    ]
    share_site_root_paths([page for item in items for page in (item.course, *item.missing)])
    return ProgrammeOutline(programme=programme, items=items, enrolment=enrolment)


def learner_programmes(*, user: User) -> list[ProgrammeOutline]:
    """The learner's current programmes, newest first, in the reader's language when translated."""
    outlines = []
    enrolments = ProgrammeEnrolment.objects.filter(learner=user, is_current=True).select_related("programme")
    for enrolment in enrolments.order_by("-enrolled_at"):
        programme = enrolment.programme.localized
        outlines.append(programme_outline(programme=programme, user=user, enrolment=enrolment))
    return outlines


@dataclass
class ProgrammeRecord:
    """A programme someone joined (any cycle), titled in both languages, for their transcript."""

    enrolment: ProgrammeEnrolment
    title_ar: str
    title_en: str

    @property
    def title(self) -> str:
        return pick(self.title_ar, self.title_en) or self.title_ar or self.title_en


def programme_history(*, learner_id: int) -> list[ProgrammeRecord]:
    """Every programme enrolment of one person, past cycles included, newest first (two queries)."""
    enrolments = list(
        ProgrammeEnrolment.objects.filter(learner_id=learner_id).select_related("programme").order_by("-enrolled_at")
    )
    titles = titles_by_language(ProgrammePage, (enrolment.programme.translation_key for enrolment in enrolments))
    records = []
    for enrolment in enrolments:
        names = titles.get(str(enrolment.programme.translation_key), {})
        title_ar = names.get("ar") or enrolment.programme.title
        records.append(ProgrammeRecord(enrolment, title_ar, names.get("en", "")))
    return records


def catalogue_programmes(*, catalogue: Page) -> QuerySet[ProgrammePage]:
    """Live programmes for the catalogue's language: each once, in this language when translated."""
    here = ProgrammePage.objects.live().filter(locale=catalogue.locale)
    return (
        ProgrammePage.objects.live()
        .filter(Q(locale=catalogue.locale) | ~Q(translation_key__in=here.values("translation_key")))
        .select_related("locale")
        .order_by("title")
    )
