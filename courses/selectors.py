"""Reads of courses and learning records, shaped for the pages that show them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q, QuerySet
from wagtail.models import Locale, Page, Site

from .grading import answer_key
from .models import CoursePage, Enrolment, ModulePage, ModuleProgress, QuizAttempt, source_page


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


@dataclass
class OutlineItem:
    module: ModulePage
    started: bool = False
    completed: bool = False


@dataclass
class Outline:
    course: CoursePage
    items: list[OutlineItem]
    enrolment: Enrolment | None

    @property
    def counted(self) -> list[OutlineItem]:
        required = [item for item in self.items if item.module.required]
        return required or self.items

    @property
    def percent(self) -> int:
        if self.enrolment is not None and self.enrolment.completed_at is not None:
            return 100
        counted = self.counted
        if not counted:
            return 0
        return round(100 * sum(item.completed for item in counted) / len(counted))

    @property
    def next_item(self) -> OutlineItem | None:
        """Where "Continue" leads: the first module not yet completed, else the first module."""
        return next((item for item in self.items if not item.completed), self.items[0] if self.items else None)


def current_enrolment(*, user: AbstractBaseUser | AnonymousUser, course: CoursePage) -> Enrolment | None:
    if not user.is_authenticated:
        return None
    return Enrolment.objects.filter(learner=user, course=source_page(course), is_current=True).first()


def course_outline(*, course: CoursePage, user: AbstractBaseUser | AnonymousUser) -> Outline:
    """The course's live modules in order, with the user's progress in each (four queries)."""
    return _outline(course=course, enrolment=current_enrolment(user=user, course=course))


def _outline(*, course: CoursePage, enrolment: Enrolment | None) -> Outline:
    modules = list(ModulePage.objects.child_of(course).live().order_by("path"))
    share_site_root_paths([course, *modules])
    items = [OutlineItem(module=module) for module in modules]
    if enrolment is not None:
        # Progress points at the source-language modules; the translation key finds them in any language.
        progress = {
            row["module__translation_key"]: row["completed_at"]
            for row in ModuleProgress.objects.filter(enrolment=enrolment).values(
                "module__translation_key", "completed_at"
            )
        }
        for item in items:
            if item.module.translation_key in progress:
                item.started = True
                item.completed = progress[item.module.translation_key] is not None
    return Outline(course=course, items=items, enrolment=enrolment)


@dataclass
class QuestionView:
    block: object
    chosen: str | None = None
    is_correct: bool | None = None


@dataclass
class QuizView:
    block: object
    questions: list[QuestionView]
    attempts: int = 0
    passed: bool = False
    feedback: QuizAttempt | None = None


def _quiz_view(block, attempts: list[QuizAttempt]) -> QuizView:
    own = [attempt for attempt in attempts if attempt.quiz_block_id == block.id]
    quiz = QuizView(
        block=block,
        questions=[QuestionView(block=question) for question in block.value["questions"].bound_blocks],
        attempts=len(own),
        passed=any(attempt.passed for attempt in own),
    )
    if own:
        # Feedback on the latest attempt: only once it is submitted may the learner see what was right.
        quiz.feedback = own[-1]
        correct = {question.id: question.correct_choice_id for question in answer_key(block).questions}
        for question in quiz.questions:
            question.chosen = quiz.feedback.answers.get(question.block.id)
            question.is_correct = question.chosen == correct.get(question.block.id)
    return quiz


def module_context(*, module: ModulePage, user: AbstractBaseUser | AnonymousUser) -> dict:
    """Everything a module page shows: the course outline, neighbours and the state of its quizzes."""
    course = module.get_parent().specific
    outline = course_outline(course=course, user=user)
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
            ).order_by("submitted_at", "id")
        )
    quizzes = [_quiz_view(block, attempts) for block in module.quizzes]
    quiz_by_id = {quiz.block.id: quiz for quiz in quizzes}
    return {
        "outline": outline,
        "previous_module": previous_module,
        "next_module": next_module,
        "module_completed": bool(current and current.completed),
        "quizzes": quizzes,
        "sections": [(block, quiz_by_id.get(block.id)) for block in module.body],
    }


def learner_enrolments(*, user: AbstractBaseUser) -> QuerySet[Enrolment]:
    return Enrolment.objects.filter(learner=user, is_current=True).select_related("course").order_by("-enrolled_at")


def my_learning(*, user: AbstractBaseUser) -> dict[str, list[Outline]]:
    """The learner's current enrolments as outlines in their language, split into in progress and completed.

    A course shows in the active language when that translation is live; a draft translation would
    lead the learner to a page that does not exist yet, so the source-language course shows instead.
    """
    enrolments = list(learner_enrolments(user=user))
    translations = {
        course.translation_key: course
        for course in CoursePage.objects.live().filter(
            locale=Locale.get_active(),
            translation_key__in=[enrolment.course.translation_key for enrolment in enrolments],
        )
    }
    in_progress, completed = [], []
    for enrolment in enrolments:
        course = translations.get(enrolment.course.translation_key, enrolment.course)
        outline = _outline(course=course, enrolment=enrolment)
        (completed if enrolment.completed_at else in_progress).append(outline)
    return {"in_progress": in_progress, "completed": completed}


def catalogue_courses(*, catalogue: Page) -> QuerySet[CoursePage]:
    """Live courses for the catalogue's language: each course once, in this language when translated,
    otherwise in the language it was written in (the page shows which)."""
    locale = catalogue.locale
    here = CoursePage.objects.live().filter(locale=locale)
    return (
        CoursePage.objects.live()
        .filter(Q(locale=locale) | ~Q(translation_key__in=here.values("translation_key")))
        .select_related("locale", "cover_image")
        .order_by("title")
    )


def courses_available_in(*, language_code: str) -> QuerySet:
    return CoursePage.objects.live().filter(locale__language_code=language_code).values("translation_key")


SEARCH_LIMIT = 500


def courses_matching(*, query: str) -> set:
    """Translation keys of courses whose title or summary, or whose modules' text, match the query."""
    keys = {page.translation_key for page in CoursePage.objects.live().search(query)[:SEARCH_LIMIT]}
    module_paths = [page.path for page in ModulePage.objects.live().search(query)[:SEARCH_LIMIT]]
    parent_paths = {path[: -ModulePage.steplen] for path in module_paths}
    if parent_paths:
        keys |= set(CoursePage.objects.filter(path__in=parent_paths).values_list("translation_key", flat=True))
    return keys
