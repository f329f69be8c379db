"""A course goes live whole and checked: its review unit and the checks that guard publishing.

**The unit.** A course is reviewed with its modules that have changes not yet live: modules never
published, and live modules with a newer draft. Submitting the course submits them with it (one
review); requesting changes returns them all; approving publishes them together with the course, in
one transaction. A module taken down (unpublished after being live) stays down until it is
submitted on its own. A module edited alone is submitted and reviewed alone, and goes live on its
own approval; while its course is in review it joins the course's unit instead.

**The checks** run on what would be live after publishing: shown to the author and the reviewer on
the editor (``panels.ReviewChecksPanel``) and enforced when a person publishes or approves
(``CoursePage.publish`` / ``ModulePage.publish`` raise ``PublishRefused``; the admin turns it into
a message and nothing is published). Apps above courses add checks of their own with
``register_course_check`` (the certificates app checks that a template will print the certificate).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page, TaskState, WorkflowState

from .grading import MULTIPLE_CHOICE, SHORT_ANSWER, SINGLE_CHOICE, answer_key
from .models import CoursePage, ModulePage


@dataclass(frozen=True)
class Check:
    label: str | Promise
    passed: bool
    # What to do about it when it fails.
    hint: str | Promise = ""


class PublishRefused(Exception):
    """Publishing would put a broken course or module live; ``failed`` says what to fix."""

    def __init__(self, page: Page, failed: list[Check]) -> None:
        super().__init__("; ".join(str(check.label) for check in failed))
        self.page = page
        self.failed = failed


CourseCheck = Callable[[CoursePage], Check]
_course_checks: list[CourseCheck] = []


def register_course_check(check: CourseCheck) -> None:
    """Add a check every course must pass to be published (idempotent)."""
    if check not in _course_checks:
        _course_checks.append(check)


def _in_workflow(page: Page, *statuses: str) -> WorkflowState | None:
    return WorkflowState.objects.filter(
        base_content_type=page.get_base_content_type(), object_id=str(page.pk), status__in=statuses
    ).first()


def unit_modules(course: CoursePage) -> list[ModulePage]:
    """The course's modules that go live with it: never published, live with a newer draft, or in review."""
    unit = []
    for module in ModulePage.objects.child_of(course).order_by("path"):
        # A module taken down (published once, not live now) is not brought back by its course.
        changed = module.has_unpublished_changes and (module.live or module.first_published_at is None)
        in_review = _in_workflow(module, WorkflowState.STATUS_IN_PROGRESS) is not None
        if in_review or (changed and not _in_workflow(module, WorkflowState.STATUS_NEEDS_CHANGES)):
            unit.append(module)
    return unit


def modules_going_live(course: CoursePage) -> list[ModulePage]:
    """The course's modules as learners would have them once the course is published: its live modules
    and its unit, each as its latest draft when it is in the unit."""
    unit = {module.pk for module in unit_modules(course)}
    return [
        module.get_latest_revision_as_object() if module.pk in unit else module
        for module in ModulePage.objects.child_of(course).order_by("path")
        if module.pk in unit or module.live
    ]


def _question_answerable(question) -> bool:
    kind = question.block_type
    value = question.value
    if kind == SINGLE_CHOICE:
        return sum(1 for choice in value["choices"] if choice["correct"]) == 1
    if kind == MULTIPLE_CHOICE:
        return any(choice["correct"] for choice in value["choices"])
    if kind == SHORT_ANSWER:
        return any(str(answer).strip() for answer in value["accepted_answers"])
    return True


def quiz_checks(module: ModulePage) -> list[Check]:
    """Each quiz of the module can be passed: every question has a right answer, the pass mark can be reached."""
    checks = []
    for number, quiz in enumerate(module.quizzes, start=1):
        title = quiz.value.get("title") or _("Quiz %(number)d") % {"number": number}
        questions = list(quiz.value["questions"])
        answerable = bool(questions) and all(_question_answerable(question) for question in questions)
        checks.append(
            Check(
                _("“%(quiz)s”: every question has a correct answer") % {"quiz": title},
                answerable,
                _("Mark the right answer of each question (one for a single-choice question)."),
            )
        )
        key = answer_key(quiz)
        drawn = quiz.value.get("draw_count") or len(questions)
        reachable = bool(key.questions) and 0 <= key.pass_mark <= 100 and drawn <= len(questions)
        checks.append(
            Check(
                _("“%(quiz)s”: the pass mark can be reached") % {"quiz": title},
                reachable,
                _("Use a pass mark between 0 and 100 and draw no more questions than the quiz has."),
            )
        )
    return checks


def _languages_check(course: CoursePage) -> Check:
    others = Locale.objects.exclude(pk=course.locale_id).values_list("pk", flat=True)
    translated = set(
        Page.objects.filter(translation_key=course.translation_key, locale_id__in=others).values_list(
            "locale_id", flat=True
        )
    )
    return Check(
        _("Written in both languages, or marked as offered in one language only"),
        course.single_language or set(others) <= translated,
        _("Translate the course (Actions › Translate this page) or tick “Offered in one language only”."),
    )


def course_checks(course: CoursePage) -> list[Check]:
    """Everything a course must pass to go live, judged on ``course`` (its latest draft) and the
    modules it would have once published."""
    modules = modules_going_live(course) if course.pk else []
    checks = [
        Check(
            _("At least one required module is published or goes live with the course"),
            any(module.required for module in modules),
            _("Add a module and keep “Required” ticked on at least one."),
        ),
        Check(
            _("Estimated hours are given"),
            bool(course.estimated_hours),
            _("Give the hours a learner needs, at least 1."),
        ),
        _languages_check(course),
    ]
    checks += [check(course) for check in _course_checks]
    for module in modules:
        checks += quiz_checks(module)
    return checks


def _refuse_if_failing(page: Page, checks: list[Check]) -> None:
    failed = [check for check in checks if not check.passed]
    if failed:
        raise PublishRefused(page, failed)


def check_module(module: ModulePage) -> None:
    """Raise ``PublishRefused`` unless the module (the revision being published) passes its checks."""
    _refuse_if_failing(module, quiz_checks(module))


@transaction.atomic
def publish_unit(course: CoursePage, user, *, skip_permission_checks: bool = False) -> None:
    """Before the course itself is published by ``user``: check it, then publish its unit's modules,
    approving those in review; ``PublishRefused`` rolls all of it back. Whoever may publish the course
    publishes its unit (``skip_permission_checks`` as for the course)."""
    _refuse_if_failing(course, course_checks(course))
    for module in unit_modules(course):
        state = _in_workflow(module, WorkflowState.STATUS_IN_PROGRESS)
        task_state = state.current_task_state if state else None
        if task_state is not None and task_state.status == TaskState.STATUS_IN_PROGRESS:
            task_state.specific.approve(user=user, comment=str(_("Approved with its course.")))
        else:
            module.get_latest_revision().publish(user=user, skip_permission_checks=skip_permission_checks)


def submit_unit(course: CoursePage, user) -> None:
    """The course entered review: its changed modules enter it with it (those sent back are resumed)."""
    workflow = course.get_workflow()
    if workflow is None:
        return
    unit = {module.pk for module in unit_modules(course)}
    for module in ModulePage.objects.child_of(course).order_by("path"):
        waiting = _in_workflow(module, WorkflowState.STATUS_NEEDS_CHANGES)
        if waiting is not None:
            waiting.resume(user=user)
        elif module.pk in unit and not _in_workflow(module, WorkflowState.STATUS_IN_PROGRESS):
            workflow.start(module, user)


def return_unit(course: CoursePage, user, *, cancel: bool = False) -> None:
    """The reviewer asked for changes to the course (or its author withdrew it): its modules in review
    go back with it."""
    for module in ModulePage.objects.child_of(course):
        state = _in_workflow(module, WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES)
        if state is None:
            continue
        if cancel:
            state.cancel(user=user)
        elif state.status == WorkflowState.STATUS_IN_PROGRESS and state.current_task_state is not None:
            state.current_task_state.specific.reject(user=user, comment=str(_("Sent back with its course.")))
