"""Learner views: the self-assessment before and after a course or programme, and the "My skills" map."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from courses.audience import can_see_course
from courses.models import CoursePage
from programmes.models import ProgrammePage

from . import selectors, services
from .forms import SelfAssessmentForm
from .models import Proficiency, SelfAssessment

# What the learner is told, by kind of page, when a self-assessment is not open to them (the refusal
# reasons of selectors.AssessmentState and services.SelfAssessmentRefused) and when it is saved.
TEXTS = {
    "course": {
        "not_enrolled": _("Enrol in the course before rating your skills."),
        "no_skills": _("This course does not declare the skills it builds, so there is nothing to rate."),
        "submitted": _("You have already rated your skills for this stage of the course. Thank you!"),
        "completed": _("You have completed this course: rate your skills after it instead."),
        "not_completed": _("Complete the course first, then rate your skills again."),
        "saved": _("Thank you. Your answers are saved: enjoy the course!"),
    },
    "programme": {
        "not_enrolled": _("Enrol in the programme before rating your skills."),
        "no_skills": _(
            "The courses of this programme do not declare the skills they build, so there is nothing to rate."
        ),
        "submitted": _("You have already rated your skills for this stage of the programme. Thank you!"),
        "completed": _("You have completed this programme: rate your skills after it instead."),
        "not_completed": _("Complete the programme first, then rate your skills again."),
        "saved": _("Thank you. Your answers are saved: enjoy the programme!"),
    },
}


def _self_assessment(
    request: HttpRequest,
    *,
    kind: str,
    page: Page,
    stage: str,
    load_state: Callable[[], selectors.AssessmentState],
    submit: Callable[..., SelfAssessment],
) -> HttpResponse:
    texts = TEXTS[kind]

    def refused(reason: str) -> HttpResponse:
        if reason == "not_enrolled":
            raise PermissionDenied(texts[reason])
        messages.info(request, texts[reason])
        return redirect(page.url)

    state = load_state()
    reason = state.refusal(stage)
    if reason is not None:
        return refused(reason)
    form = SelfAssessmentForm(state.targets, request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                submit(learner=request.user, stage=stage, levels=form.levels)
            except services.SelfAssessmentRefused as refusal:
                return refused(refusal.reason)
            except services.InvalidRatings:
                # The skills changed while the learner was answering: show the new form.
                form = SelfAssessmentForm(load_state().targets, request.POST)
                form.add_error(None, _("The skills to rate have just changed. Please answer again."))
            else:
                if stage == SelfAssessment.Stage.PRE:
                    messages.success(request, texts["saved"])
                    return redirect(page.url)
                messages.success(request, _("Thank you. Your skills map now shows your progress."))
                return redirect(reverse("skills:my_skills"))
        status = 400
    context = {"page": page, "kind": kind, "stage": stage, "form": form}
    return render(request, "skills/self_assessment.html", context, status=status)


def _check_stage(stage: str) -> None:
    if stage not in SelfAssessment.Stage.values:
        raise Http404


@login_required
def course_self_assessment(request: HttpRequest, course_id: int, stage: str) -> HttpResponse:
    _check_stage(stage)
    course = get_object_or_404(CoursePage.objects.live(), id=course_id)
    if not can_see_course(request.user, course):
        raise Http404
    return _self_assessment(
        request,
        kind="course",
        page=course,
        stage=stage,
        load_state=lambda: selectors.course_assessment_state(user=request.user, course=course),
        submit=lambda **answers: services.submit_course_self_assessment(course=course, **answers),
    )


@login_required
def programme_self_assessment(request: HttpRequest, programme_id: int, stage: str) -> HttpResponse:
    _check_stage(stage)
    programme = get_object_or_404(ProgrammePage.objects.live(), id=programme_id)
    return _self_assessment(
        request,
        kind="programme",
        page=programme,
        stage=stage,
        load_state=lambda: selectors.programme_assessment_state(user=request.user, programme=programme),
        submit=lambda **answers: services.submit_programme_self_assessment(programme=programme, **answers),
    )


@login_required
def my_skills(request: HttpRequest) -> HttpResponse:
    context = {
        "rows": selectors.skills_map(user=request.user),
        "due": selectors.due_self_assessments(user=request.user),
        "levels": Proficiency.choices,
    }
    return render(request, "skills/my_skills.html", context)
