"""Reads of programmes and programme progress, shaped for the pages that show them."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Q, QuerySet
from wagtail.models import Locale, Page

from common.i18n import current_language, pick
from courses.audience import sees_every_course, visible_courses_q
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
    source_id = source_page(programme).pk
    return steps_of_programmes(programme_ids=[source_id]).get(source_id, [])


def steps_of_programmes(*, programme_ids: Iterable[int]) -> dict[int, list[ProgrammeStep]]:
    """The steps of several source-language programmes, by programme id, in two queries however many."""
    rows = list(
        ProgrammeCourse.objects.filter(page_id__in=list(programme_ids))
        .select_related("course")
        .order_by("page_id", "sort_order", "id")
    )
    keys = {row.course.translation_key for row in rows}
    sources: dict[uuid.UUID, CoursePage] = {}
    for course in CoursePage.objects.filter(translation_key__in=keys).select_related("locale").order_by("id"):
        sources.setdefault(course.translation_key, course)
    steps: dict[int, list[ProgrammeStep]] = {}
    seen: set[tuple[int, int]] = set()
    for row in rows:
        course = sources[row.course.translation_key]
        if course.live and (row.page_id, course.pk) not in seen:
            seen.add((row.page_id, course.pk))
            steps.setdefault(row.page_id, []).append(ProgrammeStep(course=course, optional=row.optional))
    return steps


def steps_open_to(*, steps: list[ProgrammeStep], user: Reader) -> list[ProgrammeStep]:
    """The steps whose course the person may see (``courses.audience``), one query at most.

    A course open to other ministries only is left out of the programme for them: its outline, what
    enrolling in it enrols in, and what completing it takes (docs/course-visibility.md).
    """
    if not steps or sees_every_course(user):
        return steps
    visible = set(
        CoursePage.objects.filter(pk__in={step.course.pk for step in steps})
        .filter(visible_courses_q(user))
        .values_list("pk", flat=True)
    )
    return [step for step in steps if step.course.pk in visible]


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
    steps = steps_open_to(
        steps=programme_steps(programme=programme_enrolment.programme), user=programme_enrolment.learner
    )
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
    steps = steps_open_to(steps=programme_steps(programme=programme), user=user)
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
class NextInProgramme:
    """What a completed course's page offers for one programme of the learner's that includes it."""

    programme: Page  # in the reader's language when translated, else the source-language page
    course: Page | None  # the next course not completed yet, the same way; None when every course is done
    optional: bool = False
    started: bool = False  # the learner has started the next course (Continue rather than Start)
    # The next course waits for a prerequisite outside the programme's order (its page says which).
    locked: bool = False


def next_in_programmes(*, user: Reader, course: CoursePage) -> list[NextInProgramme]:
    """After this course: in each current programme of the user's that includes it, the first course in
    programme order, optional ones included, that the user has not completed (programmes with a course
    left first, newest enrolment first).

    Nothing unless the user has completed this course. Seven queries (six, and one for the courses open to
    the reader), two or three for the next courses' prerequisites and one lookup of the site root paths,
    whatever the number of programmes and courses (one query when the course is in none of the user's
    programmes).
    """
    if not user.is_authenticated:
        return []
    enrolments = list(
        ProgrammeEnrolment.objects.filter(
            learner=user, is_current=True, programme__programme_courses__course__translation_key=course.translation_key
        )
        .select_related("programme")
        .order_by("-enrolled_at", "-id")
        .distinct()
    )
    if not enrolments:
        return []
    steps = steps_of_programmes(programme_ids=[enrolment.programme_id for enrolment in enrolments])
    keys = {step.course.translation_key for programme_steps in steps.values() for step in programme_steps}
    done = completed_course_keys(user=user, translation_keys=keys)
    if course.translation_key not in done:
        return []
    nexts: list[tuple[ProgrammeEnrolment, ProgrammeStep | None]] = []
    every_step = [step for track in steps.values() for step in track]
    open_ids = {step.course.pk for step in steps_open_to(steps=every_step, user=user)}
    for enrolment in enrolments:
        track = [step for step in steps.get(enrolment.programme_id, []) if step.course.pk in open_ids]
        if course.translation_key in {step.course.translation_key for step in track}:
            nexts.append((enrolment, next((step for step in track if step.course.translation_key not in done), None)))
    return _offers(user=user, nexts=nexts)


def _offers(*, user: User, nexts: list[tuple[ProgrammeEnrolment, ProgrammeStep | None]]) -> list[NextInProgramme]:
    """The offers with the programmes and courses in the reader's language (two queries, and two or three
    for the next courses' prerequisites)."""
    course_keys = {step.course.translation_key for _, step in nexts if step is not None}
    # One query for both kinds of page: a plain page has the title and the URL the offer shows.
    translations = {
        page.translation_key: page
        for page in Page.objects.live()
        .filter(
            locale__language_code=current_language(),
            translation_key__in=[*course_keys, *(enrolment.programme.translation_key for enrolment, _ in nexts)],
        )
        .select_related("locale")
    }
    started = set(
        Enrolment.objects.filter(
            learner=user, is_current=True, started_at__isnull=False, course__translation_key__in=course_keys
        ).values_list("course__translation_key", flat=True)
    )
    # A prerequisite outside the programme can still stand in the way; a course already started is past it.
    unmet = unmet_prerequisites_of(
        user=user,
        courses=[step.course for _, step in nexts if step is not None and step.course.translation_key not in started],
    )
    offers = []
    for enrolment, step in nexts:
        programme = translations.get(enrolment.programme.translation_key, enrolment.programme)
        if not programme.live:
            continue  # withdrawn in every language: nothing to link to
        offer = NextInProgramme(programme=programme, course=None)
        if step is not None:
            key = step.course.translation_key
            offer.course = translations.get(key, step.course)
            offer.optional, offer.started = step.optional, key in started
            offer.locked = bool(unmet.get(key))
        offers.append(offer)
    share_site_root_paths([page for offer in offers for page in (offer.programme, offer.course) if page is not None])
    # A course to take next matters more than a programme already done: those first (the sort is stable).
    return sorted(offers, key=lambda offer: offer.course is None)


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
