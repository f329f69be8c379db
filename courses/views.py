"""Learner views: catalogue context, enrolling, completing modules, quizzes and "My learning"."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest, PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Case, Value, When
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.models import Page

from common.formatting import format_percent

from . import selectors, services
from .card_status import card_statuses
from .filters import CatalogueFilter
from .grading import InvalidAnswers
from .models import CoursePage, ModulePage


class SearchForm(forms.Form):
    q = forms.CharField(required=False, max_length=200, label=gettext_lazy("Search"))


def catalogue_context(request: HttpRequest, catalogue: Page) -> dict:
    """Search, filter and paginate the courses of the catalogue's language."""
    courses = selectors.catalogue_courses(catalogue=catalogue, user=request.user)
    filterset = CatalogueFilter(request.GET, queryset=courses)
    results = filterset.qs if filterset.is_valid() else courses.none()
    search_form = SearchForm(request.GET)
    query = search_form.cleaned_data["q"].strip() if search_form.is_valid() else ""
    if query:
        ranked = selectors.courses_matching(query=query)
        # Most relevant first; the title breaks ties (and orders the whole list when nothing matched).
        rank = Case(
            *(When(translation_key=key, then=Value(position)) for key, position in ranked.items()), default=None
        )
        results = results.filter(translation_key__in=ranked).order_by(rank, "title") if ranked else results.none()
    paginator = Paginator(results.distinct(), settings.QUDRA_CATALOGUE_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    selectors.share_site_root_paths(page.object_list)
    query_without_page = request.GET.copy()
    query_without_page.pop("page", None)
    return {
        "courses": page,
        "statuses": card_statuses(user=request.user, courses=page.object_list),
        "filter": filterset,
        "search_form": search_form,
        "query": query,
        "query_string": query_without_page.urlencode(),
    }


def _live_course(course_id: int) -> CoursePage:
    return get_object_or_404(CoursePage.objects.live(), id=course_id)


def _live_module_of(course: CoursePage, module_id: int) -> ModulePage:
    """The module, if it is a live module of this course (in any of its languages) under a live parent.

    The parent itself must be live: a module left published under an unpublished course is not
    reachable through a live translation of that course either.
    """
    module = get_object_or_404(ModulePage.objects.live(), id=module_id)
    parent_key = Page.objects.filter(path=module.path[: -ModulePage.steplen], live=True).values_list(
        "translation_key", flat=True
    )
    if not parent_key or parent_key[0] != course.translation_key:
        raise Http404(_("This module is not part of this course."))
    return module


@require_POST
@login_required
def enrol(request: HttpRequest, course_id: int) -> HttpResponse:
    course = _live_course(course_id)
    try:
        services.enrol(learner=request.user, course=course)
    except services.EnrolmentRefused as refused:
        missing = [prerequisite.localized for prerequisite in getattr(refused, "missing", [])]
        context = {
            "course": course,
            "missing": missing,
            # The course page is a 404 for them: the way back is the catalogue.
            "not_in_audience": isinstance(refused, services.NotInAudience),
            "catalogue_url": course.get_parent().url,
        }
        return render(request, "courses/enrol_refused.html", context, status=403)
    outline = selectors.course_outline(course=course, user=request.user)
    messages.success(request, _("You are enrolled. Welcome to the course!"))
    next_item = outline.next_item
    return redirect(next_item.module.url if next_item else course.url)


@require_POST
@login_required
def complete(request: HttpRequest, course_id: int, module_id: int) -> HttpResponse:
    course = _live_course(course_id)
    module = _live_module_of(course, module_id)
    if module.quizzes:
        raise BadRequest(_("This module is completed by passing its quiz."))
    try:
        services.complete_module(learner=request.user, module=module)
    except services.NotEnrolled:
        raise PermissionDenied(_("Enrol in the course before completing its modules.")) from None
    return _after_progress(request, course, module)


def _refused(request: HttpRequest, module: ModulePage, message: str, status: int) -> HttpResponse:
    return render(request, "courses/quiz_rejected.html", {"module": module, "reason": message}, status=status)


@require_POST
@login_required
def start_quiz(request: HttpRequest, course_id: int, module_id: int, quiz_id: str) -> HttpResponse:
    course = _live_course(course_id)
    module = _live_module_of(course, module_id)
    try:
        services.start_quiz_attempt(learner=request.user, module=module, quiz_block_id=quiz_id)
    except KeyError:
        raise Http404(_("This quiz is not part of this module.")) from None
    except services.NotEnrolled:
        raise PermissionDenied(_("Enrol in the course before taking its quizzes.")) from None
    except services.QuizRefused as refused:
        return _refused(request, module, str(refused), refused.status)
    return redirect(f"{module.url}#quiz-{quiz_id}")


def posted_answers(data: QueryDict) -> dict[str, str | list[str]]:
    """{question id: answer}: one value for single answers and text, a list when several boxes are ticked."""
    answers: dict[str, str | list[str]] = {}
    for key, values in data.lists():
        if key.startswith("question-"):
            answers[key.removeprefix("question-")] = values[0] if len(values) == 1 else values
    return answers


@require_POST
@login_required
def submit_quiz(request: HttpRequest, course_id: int, module_id: int, quiz_id: str) -> HttpResponse:
    course = _live_course(course_id)
    module = _live_module_of(course, module_id)
    attempt_id = request.POST.get("attempt", "")
    if not attempt_id.isdigit():
        return _refused(request, module, _("Start an attempt before submitting the quiz."), 400)
    try:
        attempt = services.submit_quiz(
            learner=request.user,
            module=module,
            quiz_block_id=quiz_id,
            attempt_id=int(attempt_id),
            answers=posted_answers(request.POST),
        )
    except KeyError:
        raise Http404(_("This quiz is not part of this module.")) from None
    except InvalidAnswers:
        return _refused(
            request, module, _("Answer every question of this attempt, and only those, before submitting."), 400
        )
    except services.NotEnrolled:
        raise PermissionDenied(_("Enrol in the course before taking its quizzes.")) from None
    except services.QuizRefused as refused:
        return _refused(request, module, str(refused), refused.status)
    score = format_percent(attempt.score)
    if attempt.passed:
        messages.success(request, _("Well done: you passed the quiz with %(score)s.") % {"score": score})
        _congratulate_if_completed(request, course)
    else:
        messages.warning(request, _("Your score is %(score)s; review the feedback and try again.") % {"score": score})
    # Back to the quiz either way, so its explanations are read before moving on; the module's
    # footer then offers the next module or, once the course is done, its certificate.
    return redirect(f"{module.url}#quiz-{quiz_id}")


def _congratulate_if_completed(request: HttpRequest, course: CoursePage) -> bool:
    outline = selectors.course_outline(course=course, user=request.user)
    if outline.enrolment is not None and outline.enrolment.completed_at is not None:
        messages.success(request, _("Congratulations! You have completed this course."))
        return True
    return False


def _after_progress(request: HttpRequest, course: CoursePage, module: ModulePage) -> HttpResponse:
    """After a module marked complete: the next module, or the course page with a word of congratulation."""
    if _congratulate_if_completed(request, course):
        return redirect(course.url)
    outline = selectors.course_outline(course=course, user=request.user)
    positions = [item.module.id for item in outline.items]
    if module.id in positions and positions.index(module.id) + 1 < len(positions):
        return redirect(outline.items[positions.index(module.id) + 1].module.url)
    return redirect(course.url)


@login_required
def my_learning(request: HttpRequest) -> HttpResponse:
    return render(request, "courses/my_learning.html", selectors.my_learning(user=request.user))
