"""Trying a quiz in the editor's preview: graded against the saved draft, with feedback, writing nothing."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils.translation import gettext as _
from wagtail.utils.decorators import xframe_options_sameorigin_override

from .grading import InvalidAnswers
from .models import ModulePage
from .quiz_state import preview_attempt
from .views import posted_answers


@xframe_options_sameorigin_override
def try_quiz(request: HttpRequest, module_id: int, quiz_id: str) -> HttpResponse:
    """The module's preview with one quiz answered (GET: nothing changes, so the preview frame can
    follow it without a form token). Only people who may edit the module try its quizzes."""
    module = get_object_or_404(ModulePage, pk=module_id)
    draft = module.get_latest_revision_as_object()
    if not module.permissions_for_user(request.user).can_edit():
        # A 403 the caller can see, not the admin's redirect to its dashboard.
        reason = _("Only the module's authors and reviewers can try its quizzes.")
        return render(request, "courses/quiz_rejected.html", {"module": draft, "reason": reason}, status=403)
    quiz = next((block for block in draft.quizzes if block.id == quiz_id), None)
    if quiz is None:
        raise Http404(_("This quiz is not in the saved draft yet: save the module, then try it."))
    tried = {}
    if "submitted" in request.GET:
        try:
            tried[quiz_id] = preview_attempt(quiz, posted_answers(request.GET))
        except InvalidAnswers:
            reason = _("Answer every question of the quiz before checking the answers.")
            return render(request, "courses/quiz_rejected.html", {"module": draft, "reason": reason}, status=400)
    return draft.make_preview_request(
        request, draft.default_preview_mode, extra_request_attrs={"preview_attempts": tried}
    )


def preview_urls() -> list:
    return [path("courses/modules/<int:module_id>/quizzes/<slug:quiz_id>/try/", try_quiz, name="courses_try_quiz")]
