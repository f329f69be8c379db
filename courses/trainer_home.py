"""Reads for the authors' admin home: "My courses" with their status and learners, and where a new course goes.

A course is a translation group (the pages sharing a translation key): one row per course, with each
language's page and its publication status. Modules and learners are those of the source-language
page, which learning records point at (``courses.models.source_page``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import User
from django.db.models import Count, F, Max, Min, Q, QuerySet
from django.urls import reverse
from wagtail.permission_policies.pages import PagePermissionPolicy

from .models import CourseIndexPage, CoursePage, Enrolment, ModulePage
from .publication import PublicationStatus, publication_facts, publication_status, with_publication_facts

# Administrators see every course; the panel lists the most recently edited ones and links to the rest.
ALL_COURSES_LIMIT = 20


@dataclass(frozen=True)
class CourseVersion:
    """One language of a course."""

    page: CoursePage
    language: str
    status: PublicationStatus
    go_live_at: datetime | None
    expire_at: datetime | None


@dataclass(frozen=True)
class MyCourse:
    title: str
    edit_page_id: int
    versions: list[CourseVersion]
    live_modules: int
    modules: int
    enrolled: int
    completed: int


@dataclass(frozen=True)
class MyCourses:
    courses: list[MyCourse]
    # How many courses there are in all (more than listed when an administrator's list is cut short).
    total: int
    sees_all: bool


def sees_all_courses(user: User) -> bool:
    """Who publishes courses (administrators) follows every course, not only their own."""
    return PagePermissionPolicy().user_has_permission(user, "publish")


def my_courses(*, user: User, language: str) -> MyCourses:
    """The user's courses (all courses for administrators, the most recently edited first), each with its
    languages and their status, its modules (live and in all) and its learners (enrolled now, and who
    completed it in any cycle). Titles are in ``language`` where the course has that translation.

    Four queries however many courses (five when an administrator's list is cut short), once the page
    content type and the user's permissions are cached.
    """
    sees_all = sees_all_courses(user)
    groups = CoursePage.objects.all() if sees_all else CoursePage.objects.filter(owner=user)
    recent_keys = list(
        groups.values("translation_key")
        .annotate(edited=Max("latest_revision_created_at"), first_id=Min("id"))
        .order_by(F("edited").desc(nulls_last=True), "-first_id")
        .values_list("translation_key", flat=True)[: ALL_COURSES_LIMIT + 1 if sees_all else None]
    )
    total = len(recent_keys)
    if sees_all and total > ALL_COURSES_LIMIT:
        recent_keys = recent_keys[:ALL_COURSES_LIMIT]
        total = groups.values("translation_key").distinct().count()
    if not recent_keys:
        return MyCourses(courses=[], total=0, sees_all=sees_all)
    pages = list(
        with_publication_facts(CoursePage.objects.filter(translation_key__in=recent_keys))
        .select_related("locale")
        .order_by("id")
    )
    by_key: dict = {}
    for page in pages:
        by_key.setdefault(page.translation_key, []).append(page)
    sources = [by_key[key][0] for key in recent_keys]  # the oldest page of each group
    modules = _module_counts(sources)
    learners = _learner_counts(sources)
    courses = []
    for source in sources:
        group = by_key[source.translation_key]
        shown = next((page for page in group if page.locale.language_code == language), source)
        live_modules, all_modules = modules.get(source.path, (0, 0))
        enrolled, completed = learners.get(source.pk, (0, 0))
        courses.append(
            MyCourse(
                title=shown.title,
                edit_page_id=shown.pk,
                versions=[_version(page) for page in group],
                live_modules=live_modules,
                modules=all_modules,
                enrolled=enrolled,
                completed=completed,
            )
        )
    return MyCourses(courses=courses, total=total, sees_all=sees_all)


def _version(page: CoursePage) -> CourseVersion:
    facts = publication_facts(page)
    return CourseVersion(
        page=page,
        language=page.locale.get_display_name(),
        status=publication_status(facts),
        go_live_at=facts.scheduled_go_live_at,
        expire_at=facts.expire_at,
    )


def _module_counts(courses: list[CoursePage]) -> dict[str, tuple[int, int]]:
    """(live, all) modules by the course's tree path, in one query."""
    children = Q()
    for course in courses:
        children |= Q(path__startswith=course.path, depth=course.depth + 1)
    counts: dict[str, tuple[int, int]] = {}
    for path, live in ModulePage.objects.filter(children).values_list("path", "live"):
        parent = path[: -ModulePage.steplen]
        live_count, all_count = counts.get(parent, (0, 0))
        counts[parent] = (live_count + int(live), all_count + 1)
    return counts


def _learner_counts(courses: list[CoursePage]) -> dict[int, tuple[int, int]]:
    """(enrolled now, completed in any cycle) learners by source course id, in one query."""
    rows: QuerySet = (
        Enrolment.objects.filter(course__in=courses)
        .values("course_id")
        .annotate(
            enrolled=Count("learner", filter=Q(is_current=True), distinct=True),
            completed=Count("learner", filter=Q(completed_at__isnull=False), distinct=True),
        )
    )
    return {row["course_id"]: (row["enrolled"], row["completed"]) for row in rows}


def new_course_url(*, user: User, language: str) -> str | None:
    """Where "New course" leads: adding a course to the catalogue in ``language`` (the admin's), or to the
    first catalogue the user may add to; None when they may add a course nowhere."""
    catalogues = sorted(
        CourseIndexPage.objects.select_related("locale").order_by("path"),
        key=lambda catalogue: catalogue.locale.language_code != language,
    )
    for catalogue in catalogues:
        if catalogue.permissions_for_user(user).can_add_subpage():
            return reverse("wagtailadmin_pages:add", args=("courses", "coursepage", catalogue.pk))
    return None
