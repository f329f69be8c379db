"""The learner's end-of-course feedback form."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from courses.models import CoursePage
from courses.selectors import current_enrolment

from . import services
from .forms import FeedbackForm
from .selectors import enrolment_feedback

NOT_ENROLLED = _("Enrol in the course and complete it before giving feedback.")
NOT_COMPLETED = _("You can give feedback once you have completed the course.")
ALREADY_GIVEN = _("You have already given feedback on this course. Thank you!")


@login_required
def course_feedback(request: HttpRequest, course_id: int) -> HttpResponse:
    course = get_object_or_404(CoursePage.objects.live(), id=course_id)
    enrolment = current_enrolment(user=request.user, course=course)
    if enrolment is None:
        raise PermissionDenied(NOT_ENROLLED)
    if enrolment.completed_at is None:
        messages.info(request, NOT_COMPLETED)
        return redirect(course.url)
    if enrolment_feedback(enrolment=enrolment) is not None:
        messages.info(request, ALREADY_GIVEN)
        return redirect(course.url)
    form = FeedbackForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.submit_feedback(
                    learner=request.user,
                    course=course,
                    rating=form.cleaned_data["rating"],
                    comment=form.cleaned_data["comment"],
                    language=get_language(),
                )
            except services.FeedbackRefused as refused:
                # Another request got there first (a double click, a second tab).
                messages.info(request, ALREADY_GIVEN if refused.reason == "submitted" else NOT_COMPLETED)
            else:
                messages.success(request, _("Thank you for your feedback: it helps us improve the course."))
            return redirect(course.url)
        status = 400
    else:
        status = 200
    return render(request, "feedback/feedback_form.html", {"course": course, "form": form}, status=status)
