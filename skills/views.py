"""Learner views: the self-assessment before and after a course, and the "My skills" map."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from courses.models import CoursePage

from . import selectors, services
from .forms import SelfAssessmentForm
from .models import SelfAssessment

# What the learner is told when a self-assessment is not open to them (SelfAssessmentRefused.reason).
REFUSALS = {
    "no_skills": _("This course does not declare the skills it builds, so there is nothing to rate."),
    "submitted": _("You have already rated your skills for this stage of the course. Thank you!"),
    "completed": _("You have completed this course: rate your skills after it instead."),
    "not_completed": _("Complete the course first, then rate your skills again."),
}
NOT_ENROLLED = _("Enrol in the course before rating your skills.")


def _refused(request: HttpRequest, course: CoursePage, reason: str) -> HttpResponse:
    if reason == "not_enrolled":
        raise PermissionDenied(NOT_ENROLLED)
    messages.info(request, REFUSALS[reason])
    return redirect(course.url)


@login_required
def course_self_assessment(request: HttpRequest, course_id: int, stage: str) -> HttpResponse:
    if stage not in SelfAssessment.Stage.values:
        raise Http404
    course = get_object_or_404(CoursePage.objects.live(), id=course_id)
    state = selectors.course_assessment_state(user=request.user, course=course)
    if state.enrolment is None:
        raise PermissionDenied(NOT_ENROLLED)
    reason = state.refusal(stage)
    if reason is not None:
        return _refused(request, course, reason)
    form = SelfAssessmentForm(state.links, request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.submit_course_self_assessment(
                    learner=request.user, course=course, stage=stage, levels=form.levels
                )
            except services.SelfAssessmentRefused as refused:
                return _refused(request, course, refused.reason)
            except services.InvalidRatings:
                # The course's skills changed while the learner was answering: show the new form.
                form = SelfAssessmentForm(selectors.course_skills(course=course), request.POST)
                form.add_error(None, _("The skills of this course have just changed. Please answer again."))
            else:
                if stage == SelfAssessment.Stage.PRE:
                    messages.success(request, _("Thank you. Your answers are saved: enjoy the course!"))
                    return redirect(course.url)
                messages.success(request, _("Thank you. Your skills map now shows your progress."))
                return redirect(reverse("skills:my_skills"))
        status = 400
    else:
        status = 200
    context = {"course": course, "stage": stage, "form": form}
    return render(request, "skills/self_assessment.html", context, status=status)


@login_required
def my_skills(request: HttpRequest) -> HttpResponse:
    context = {
        "rows": selectors.skills_map(user=request.user),
        "due": selectors.due_self_assessments(user=request.user),
        "levels": [1, 2, 3, 4],
    }
    return render(request, "skills/my_skills.html", context)
