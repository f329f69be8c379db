"""Reads of courses and learning records, shaped for the pages that show them."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Q, QuerySet
from wagtail.models import Locale, Page, Site

from .audience import visible_courses_q
from .models import CoursePage, Enrolment, ModulePage, ModuleProgress, QuizAttempt, source_pages
from .quiz_state import QuizView, preview_attempt, quiz_view
from .status import LearningStatus, counted, learning_status, progress_percent, today, urgency_key


def titles_by_language(model: type[Page], keys: Iterable[uuid.UUID]) -> dict[str, dict[str, str]]:
    """Each page's title in every language it is written in, by translation key (one query): transcripts
    print a course or programme in Arabic and in English whichever language the record points at."""
    titles: dict[str, dict[str, str]] = {}
    rows = model.objects.filter(translation_key__in=set(keys)).values_list(
        "translation_key", "locale__language_code", "title"
    )
    for key, language, title in rows:
        titles.setdefault(str(key), {})[language] = title
    return titles


def share_site_root_paths(pages: Iterable[Page]) -> None:
    """Let a list of pages resolve their URLs from one lookup of the site root paths.

    ``page.url`` looks the site root paths up in the cache once per page object, and in the database
    when the cache is cold or shared nowhere (a dummy or per-process cache), so a listing would cost
    queries per item. Wagtail keeps the lookup on the page when no request is given; handing every
    page the same list makes a listing cost one lookup whatever its length.
    """
    pages = list(pages)
    if not pages:
        return
    root_paths = Site.get_site_root_paths()
    for page in pages:
        page._wagtail_cached_site_root_paths = root_paths


# When the learner completed each module (None: started, not completed), by enrolment id and the
# module's translation key.
Completion = dict[tuple[int, uuid.UUID], datetime | None]


@dataclass
class OutlineItem:
    # The module as shown: its live translation in the course's language, else the source-language module.
    module: ModulePage
    # From the source-language module, which the completion rule reads.
    required: bool = True
    started: bool = False
    completed: bool = False
    # Preview only: the module is not live yet.
    draft: bool = False


@dataclass
class Outline:
    course: CoursePage
    items: list[OutlineItem]
    enrolment: Enrolment | None

    @property
    def counted(self) -> list[OutlineItem]:
        return counted(self.items, required=lambda item: item.required)

    @property
    def percent(self) -> int:
        counted = self.counted
        return progress_percent(
            completed=self.enrolment is not None and self.enrolment.completed_at is not None,
            done=sum(item.completed for item in counted),
            counted=len(counted),
        )

    @property
    def status(self) -> LearningStatus | None:
        return learning_status(self.enrolment) if self.enrolment is not None else None

    @property
    def due_soon(self) -> bool:
        """Due within the first reminder's window (the largest of ``QUDRA_REMINDER_DAYS``): from then
        the learner is reminded by e-mail, so My learning marks the course the same way."""
        due = self.enrolment.due_date if self.enrolment is not None else None
        if due is None or self.status in (LearningStatus.OVERDUE, LearningStatus.COMPLETED):
            return False
        return (due - today()).days <= max(settings.QUDRA_REMINDER_DAYS, default=0)

    @property
    def available(self) -> bool:
        """Whether learners can still open the course: a course taken down stays in their records only."""
        return self.course.live

    @property
    def next_item(self) -> OutlineItem | None:
        """Where "Continue" leads: the first module not yet completed, else the first module."""
        return next((item for item in self.items if not item.completed), self.items[0] if self.items else None)


def counted_module_ids(*, course: CoursePage) -> set[int]:
    """The ids of the source-language modules the course's completion counts (``status.counted``).
    Empty when the course has no live module: such a course can be neither enrolled in nor completed."""
    source = _source_of(course) or course
    modules = list(ModulePage.objects.live().filter(_children_of([source])).values_list("id", "required"))
    return {module_id for module_id, _required in counted(modules, required=lambda row: row[1])}


def current_enrolment(*, user: User | AnonymousUser, course: CoursePage) -> Enrolment | None:
    if not user.is_authenticated:
        return None
    # Enrolments point at the source-language course, which shares its translation key with `course`.
    return Enrolment.objects.filter(
        learner=user, course__translation_key=course.translation_key, is_current=True
    ).first()


def completed_course_keys(*, user: User | AnonymousUser, translation_keys: Iterable) -> set[uuid.UUID]:
    """Which of these courses (by translation key) the user has completed, in any enrolment cycle."""
    if not user.is_authenticated:
        return set()
    return set(
        Enrolment.objects.filter(
            learner=user, completed_at__isnull=False, course__translation_key__in=list(translation_keys)
        ).values_list("course__translation_key", flat=True)
    )


def unmet_prerequisites_of(
    *, user: User | AnonymousUser, courses: Iterable[CoursePage]
) -> dict[uuid.UUID, list[CoursePage]]:
    """For each course (by translation key), its live prerequisites the user has not completed yet.

    Prerequisites are those chosen on the source-language course; an unpublished prerequisite is not
    enforced, since nobody could complete it. Two queries (three when there are prerequisites) however
    many courses are asked about.
    """
    keys = {course.translation_key for course in courses}
    if not keys:
        return {}
    through = CoursePage.prerequisites.through
    sources = CoursePage.objects.filter(translation_key__in=keys).order_by("translation_key", "id")
    source_ids: dict[uuid.UUID, int] = {}
    for page_id, key in sources.values_list("id", "translation_key"):
        source_ids.setdefault(key, page_id)
    links = list(
        through.objects.filter(from_coursepage_id__in=source_ids.values(), to_coursepage__live=True)
        .select_related("to_coursepage", "to_coursepage__locale")
        .order_by("to_coursepage__title")
    )
    unmet: dict[uuid.UUID, list[CoursePage]] = {key: [] for key in keys}
    if not links:
        return unmet
    done = completed_course_keys(user=user, translation_keys={link.to_coursepage.translation_key for link in links})
    key_of = {page_id: key for key, page_id in source_ids.items()}
    for link in links:
        if link.to_coursepage.translation_key not in done:
            unmet[key_of[link.from_coursepage_id]].append(link.to_coursepage)
    return unmet


def unmet_prerequisites(*, user: User | AnonymousUser, course: CoursePage) -> list[CoursePage]:
    """The live prerequisites of the course the user has not completed (empty: they may enrol)."""
    return unmet_prerequisites_of(user=user, courses=[course])[course.translation_key]


def _children_of(courses: Iterable[Page]) -> Q:
    children = Q()
    for course in courses:
        children |= Q(path__startswith=course.path, depth=course.depth + 1)
    return children


def _source_of(course: CoursePage) -> Page:
    return Page.objects.filter(translation_key=course.translation_key).order_by("id").only("path", "depth").first()


def _modules_by_parent(modules: Iterable[ModulePage]) -> dict[str, list[ModulePage]]:
    by_parent: dict[str, list[ModulePage]] = {}
    for module in modules:
        by_parent.setdefault(module.path[: -ModulePage.steplen], []).append(module)
    return by_parent


def _items(course: Page, source: Page, by_parent: dict[str, list[ModulePage]]) -> list[OutlineItem]:
    """The course's modules as the completion rule counts them: the source-language course's live
    modules, in its order, each shown in the course's language when that translation is live.

    A module added to the source and not yet translated (or whose translation is unpublished) is
    shown in the source language, so no learner waits at 100 % for a module their language lacks.
    """
    own = {module.translation_key: module for module in by_parent.get(course.path, [])}
    return [
        OutlineItem(module=own.get(module.translation_key, module), required=module.required)
        for module in by_parent.get(source.path, [])
    ]


def course_outline(*, course: CoursePage, user: User | AnonymousUser, preview: bool = False) -> Outline:
    """The course's modules in order, with the user's progress in each (four queries).

    In preview (an author in the admin) the course's own modules show, drafts included and marked.
    """
    enrolment = current_enrolment(user=user, course=course)
    if preview:
        drafts = (
            list(ModulePage.objects.child_of(course).select_related("locale").order_by("path")) if course.pk else []
        )
        items = [OutlineItem(module=module, required=module.required, draft=not module.live) for module in drafts]
        return Outline(course=course, items=items, enrolment=None)
    source = _source_of(course) or course
    modules = list(
        ModulePage.objects.live().filter(_children_of({course, source})).select_related("locale").order_by("path")
    )
    share_site_root_paths([course, *modules])
    items = _items(course, source, _modules_by_parent(modules))
    return _outline(course, items, enrolment, _completion_by_module_key([enrolment] if enrolment else []))


def _completion_by_module_key(enrolments: list[Enrolment]) -> Completion:
    """The enrolments' progress. It points at the source-language modules; the translation key finds
    them in any language."""
    if not enrolments:
        return {}
    rows = ModuleProgress.objects.filter(enrolment__in=enrolments).values(
        "enrolment_id", "module__translation_key", "completed_at"
    )
    return {(row["enrolment_id"], row["module__translation_key"]): row["completed_at"] for row in rows}


def _outline(
    course: CoursePage,
    items: list[OutlineItem],
    enrolment: Enrolment | None,
    completion: Completion,
) -> Outline:
    if enrolment is not None:
        for item in items:
            key = (enrolment.pk, item.module.translation_key)
            if key in completion:
                item.started = True
                item.completed = completion[key] is not None
    return Outline(course=course, items=items, enrolment=enrolment)


def module_context(
    *, module: ModulePage, user: User | AnonymousUser, preview: dict[str, QuizAttempt] | None = None
) -> dict:
    """Everything a module page shows: the course outline, neighbours and the state of its quizzes.

    ``preview`` (an author in the editor) holds the unsaved attempts the author tried, by quiz; every
    other quiz shows open with all its questions. Nothing is read from or written to learners' records.
    """
    course = module.get_parent().specific
    outline = course_outline(course=course, user=user, preview=preview is not None)
    position = next((i for i, item in enumerate(outline.items) if item.module.id == module.id), None)
    previous_module = outline.items[position - 1].module if position else None
    next_module = (
        outline.items[position + 1].module if position is not None and position + 1 < len(outline.items) else None
    )
    current = outline.items[position] if position is not None else None
    attempts: list[QuizAttempt] = []
    if outline.enrolment is not None and module.quizzes:
        attempts = list(
            QuizAttempt.objects.filter(
                enrolment=outline.enrolment, module__translation_key=module.translation_key
            ).order_by("started_at", "id")
        )
    if preview is not None:
        attempts = [preview.get(block.id) or preview_attempt(block) for block in module.quizzes]
    quizzes: list[QuizView] = [quiz_view(block, attempts) for block in module.quizzes]
    quiz_by_id = {quiz.block.id: quiz for quiz in quizzes}
    return {
        "outline": outline,
        "previous_module": previous_module,
        "next_module": next_module,
        "module_completed": bool(current and current.completed),
        "quizzes": quizzes,
        "sections": [(block, quiz_by_id.get(block.id)) for block in module.body],
        "preview": preview is not None,
    }


def learner_enrolments(*, user: User) -> QuerySet[Enrolment]:
    return (
        Enrolment.objects.filter(learner=user, is_current=True)
        .select_related("course", "course__locale")
        .order_by("-enrolled_at")
    )


def in_active_language(courses: list[CoursePage]) -> list[CoursePage]:
    """Each course in the active language when that translation is live, otherwise as given (one query)."""
    translations = {
        course.translation_key: course
        for course in CoursePage.objects.live()
        .filter(locale=Locale.get_active(), translation_key__in=[course.translation_key for course in courses])
        .select_related("locale")
    }
    return [translations.get(course.translation_key, course) for course in courses]


def my_learning(*, user: User) -> dict[str, list[Outline]]:
    """The learner's current enrolments as outlines in their language, split into in progress (most
    urgent first: overdue, then by due date) and completed.

    A course shows in the active language when that translation is live; a draft translation would
    lead the learner to a page that does not exist yet, so the source-language course shows instead.
    Four queries, however many courses the learner takes.
    """
    enrolments = list(learner_enrolments(user=user))
    if not enrolments:
        return {"in_progress": [], "completed": []}
    sources = [enrolment.course for enrolment in enrolments]
    courses = in_active_language(sources)
    modules = list(
        ModulePage.objects.live().filter(_children_of({*sources, *courses})).select_related("locale").order_by("path")
    )
    share_site_root_paths([*courses, *modules])
    modules_by_parent = _modules_by_parent(modules)
    completion = _completion_by_module_key(enrolments)
    in_progress: list[tuple[Enrolment, Outline]] = []
    completed: list[Outline] = []
    for enrolment, course in zip(enrolments, courses, strict=True):
        outline = _outline(course, _items(course, enrolment.course, modules_by_parent), enrolment, completion)
        if enrolment.completed_at:
            completed.append(outline)
        else:
            in_progress.append((enrolment, outline))
    in_progress.sort(key=lambda pair: urgency_key(pair[0]))
    return {"in_progress": [outline for _enrolment, outline in in_progress], "completed": completed}


def catalogue_courses(*, catalogue: Page, user: User | AnonymousUser) -> QuerySet[CoursePage]:
    """Live courses for the catalogue's language that the user may see (``audience``): each course once,
    in this language when translated, otherwise in the language it was written in (the page shows which)."""
    locale = catalogue.locale
    here = CoursePage.objects.live().filter(locale=locale)
    return (
        CoursePage.objects.live()
        .filter(Q(locale=locale) | ~Q(translation_key__in=here.values("translation_key")))
        .filter(visible_courses_q(user))
        .select_related("locale", "cover_image")
        .order_by("title")
    )


def courses_available_in(*, language_code: str) -> QuerySet:
    return CoursePage.objects.live().filter(locale__language_code=language_code).values("translation_key")


SEARCH_LIMIT = 500


def courses_matching(*, query: str) -> dict[uuid.UUID, int]:
    """Translation keys of courses whose title or summary, or whose modules' text, match the query,
    each with its rank (0 first): courses matched on their own text in relevance order, then courses
    matched through a module. The search backend folds the query as the index is (common/search_backend.py)."""
    ranked: dict[uuid.UUID, int] = {}
    for page in CoursePage.objects.live().search(query)[:SEARCH_LIMIT]:
        ranked.setdefault(page.translation_key, len(ranked))
    module_paths = [page.path for page in ModulePage.objects.live().search(query)[:SEARCH_LIMIT]]
    parent_paths = {path[: -ModulePage.steplen] for path in module_paths}
    if parent_paths:
        for key in CoursePage.objects.filter(path__in=parent_paths).values_list("translation_key", flat=True):
            ranked.setdefault(key, len(ranked))
    return ranked


@dataclass(frozen=True)
class OutdatedTranslation:
    """A translation whose source page was edited after wagtail-localize last read it."""

    source_page: Page
    language: str
    edited_at: datetime
    synced_at: datetime


def outdated_translations(*, user: User) -> list[OutdatedTranslation]:
    """Translations of the courses and modules `user` may edit whose source changed since the last sync.

    wagtail-localize records when it last extracted the source (``TranslationSource.last_updated_at``:
    on submission and on every "Sync translated pages"); a source revision saved after that is not in
    the translation yet. Four queries, however many translations.
    """
    from django.contrib.contenttypes.models import ContentType
    from wagtail_localize.models import Translation

    content_types = ContentType.objects.get_for_models(CoursePage, ModulePage).values()
    translations = list(
        Translation.objects.filter(enabled=True, source__specific_content_type__in=content_types)
        .select_related("source", "target_locale")
        .order_by("source__object_repr", "target_locale__language_code")
    )
    keys = {translation.source.object_id for translation in translations}
    pages = {(page.translation_key, page.locale_id): page for page in Page.objects.filter(translation_key__in=keys)}
    rows = []
    for translation in translations:
        source = translation.source
        page = pages.get((source.object_id, source.locale_id))
        edited_at = page.latest_revision_created_at if page is not None else None
        if page is None or edited_at is None or edited_at <= source.last_updated_at:
            continue
        if not page.permissions_for_user(user).can_edit():
            continue
        language = translation.target_locale.get_display_name()
        rows.append(OutdatedTranslation(page, language, edited_at, source.last_updated_at))
    return rows


def has_learning_records(*, pages: Iterable[Page]) -> bool:
    """Whether any of these pages, or a page below one, holds learners' records (enrolments, module
    progress, quiz attempts), which deleting it would destroy."""
    under = Q()
    for page in pages:
        under |= Q(path__startswith=page.path)
    if not under:
        return False
    pages_under = Page.objects.filter(under).values("id")
    return (
        Enrolment.objects.filter(course_id__in=pages_under).exists()
        or ModuleProgress.objects.filter(module_id__in=pages_under).exists()
        or QuizAttempt.objects.filter(module_id__in=pages_under).exists()
    )


def record_courses() -> QuerySet[CoursePage]:
    """Courses as learning records know them: the source-language page of each translation group, by title."""
    return source_pages(CoursePage.objects.all()).only("id", "title").order_by("title")
