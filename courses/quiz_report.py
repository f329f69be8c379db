"""The trainer's quiz report: attempts, pass rate, score distribution and per-question difficulty.

Trainers see the quizzes of the courses they own (``page.owner``); administrators see every quiz.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db.models import Avg, Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView
from wagtail.admin.viewsets.base import ViewSet

from common.charts import horizontal_bars
from common.exports import NeutralisedExportMixin
from common.i18n import is_arabic
from courses.models import CoursePage, ModulePage, QuizAttempt
from people.services import ADMINISTRATORS, TRAINERS


def sees_every_quiz(user: User) -> bool:
    return user.is_active and (user.is_superuser or user.groups.filter(name=ADMINISTRATORS).exists())


def can_view_quiz_reports(user: User) -> bool:
    return user.is_authenticated and (sees_every_quiz(user) or user.groups.filter(name=TRAINERS).exists())


def _owned_modules_q(user: User) -> Q:
    """Attempts at modules under courses the user owns (attempts point at source-language modules)."""
    paths = list(CoursePage.objects.filter(owner=user).values_list("path", flat=True))
    if not paths:
        return Q(pk__in=[])
    scope = Q()
    for course_path in paths:
        scope |= Q(module__path__startswith=course_path)
    return scope


def scoped_attempts(*, user: User) -> QuerySet[QuizAttempt]:
    attempts = QuizAttempt.objects.filter(status=QuizAttempt.Status.SUBMITTED)
    return attempts if sees_every_quiz(user) else attempts.filter(_owned_modules_q(user))


def quiz_rows(*, user: User) -> QuerySet:
    """One row per quiz with submitted attempts: attempts, passes, pass rate and average score."""
    return (
        scoped_attempts(user=user)
        .values("module_id", "module__title", "quiz_block_id")
        .annotate(
            attempts=Count("id"),
            passes=Count("id", filter=Q(passed=True)),
            average_score=Avg("score"),
        )
        .order_by("module__title", "quiz_block_id")
    )


@dataclass
class QuestionStatistics:
    text: str
    answered: int
    percent_correct: float
    most_chosen_wrong: str
    most_chosen_wrong_count: int


def _choice_texts(question) -> dict[str, str]:
    if question.block_type == "true_false":
        return {"true": str(_("True")), "false": str(_("False"))}
    if question.block_type in ("single_choice", "multiple_choice"):
        return {choice.id: choice.value["text"] for choice in question.value["choices"].bound_blocks}
    return {}


def quiz_detail(*, user: User, module: ModulePage, quiz_block_id: str) -> dict:
    """Score distribution in ten-point bands and, per question, % correct and the most chosen wrong answer."""
    attempts = list(scoped_attempts(user=user).filter(module=module, quiz_block_id=quiz_block_id))
    quiz = {block.id: block for block in module.specific.quizzes}.get(quiz_block_id)
    bands = Counter(min(int(attempt.score or 0) // 10, 9) for attempt in attempts)
    questions = []
    for question in quiz.value["questions"] if quiz else []:
        graded = [attempt for attempt in attempts if question.id in attempt.correct]
        wrong = Counter()
        for attempt in graded:
            if not attempt.correct[question.id]:
                answer = attempt.answers.get(question.id)
                for value in [answer] if isinstance(answer, str) else answer or []:
                    wrong[_choice_texts(question).get(value, value)] += 1
        most = wrong.most_common(1)
        questions.append(
            QuestionStatistics(
                text=question.value["text"],
                answered=len(graded),
                percent_correct=round(100 * sum(attempt.correct[question.id] for attempt in graded) / len(graded), 1)
                if graded
                else 0.0,
                most_chosen_wrong=most[0][0] if most else "",
                most_chosen_wrong_count=most[0][1] if most else 0,
            )
        )
    band_rows = [(f"{band * 10}–{band * 10 + 9 if band < 9 else 100}%", bands[band]) for band in range(10)]
    return {
        "attempts": len(attempts),
        "passes": sum(attempt.passed for attempt in attempts),
        "bands": band_rows,
        "questions": questions,
        "title": (quiz.value["title"] if quiz else "") or module.title,
    }


class QuizAccessMixin:
    def dispatch(self, request, *args, **kwargs):
        if not can_view_quiz_reports(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class QuizReportView(QuizAccessMixin, NeutralisedExportMixin, ReportView):
    page_title = _("Quiz results")
    header_icon = "list-ul"
    index_url_name = "quiz_report:index"
    index_results_url_name = "quiz_report:index_results"
    any_permission_required = None
    permission_required = None
    results_template_name = "courses/quiz_report_results.html"
    list_export = ["module__title", "quiz_block_id", "attempts", "passes", "average_score"]
    export_headings = {
        "module__title": _("Module"),
        "quiz_block_id": _("Quiz"),
        "attempts": _("Attempts"),
        "passes": _("Passed"),
        "average_score": _("Average score (%)"),
    }
    columns = [
        Column("module__title", label=_("Module")),
        Column("attempts", label=_("Attempts")),
        Column("passes", label=_("Passed")),
        Column("average_score", label=_("Average score (%)")),
    ]

    def get_queryset(self):
        return quiz_rows(user=self.request.user)

    def get_filename(self) -> str:
        return "quiz-results"


class QuizDetailView(QuizAccessMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "courses/quiz_detail.html"
    page_title = _("Quiz results")
    header_icon = "list-ul"

    @cached_property
    def module(self) -> ModulePage:
        return get_object_or_404(ModulePage, pk=self.kwargs["module_id"])

    def get_page_subtitle(self) -> str:
        return self.module.title

    def get_breadcrumbs_items(self):
        # Without them the admin's header reads only "Home".
        return [
            *self.breadcrumbs_items,
            {"url": reverse("quiz_report:index"), "label": self.page_title},
            {"url": "", "label": self.module.title},
        ]

    def get_context_data(self, **kwargs):
        module = self.module
        if (
            not sees_every_quiz(self.request.user)
            and not CoursePage.objects.filter(owner=self.request.user, path=module.path[: -ModulePage.steplen]).exists()
        ):
            raise PermissionDenied
        context = super().get_context_data(**kwargs)
        detail = quiz_detail(user=self.request.user, module=module, quiz_block_id=self.kwargs["quiz_id"])
        detail["chart"] = horizontal_bars(
            [(label, count, str(count)) for label, count in detail["bands"]],
            chart_id="quiz-scores",
            title=str(_("Score distribution")),
            description=str(_("Number of submitted attempts in each score band.")),
            rtl=is_arabic(),
            css_class="quiz-scores",
            column_headings=(str(_("Score")), str(_("Attempts"))),
        )
        detail["index_url"] = reverse("quiz_report:index")
        context.update(detail)
        return context


class QuizReportMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return can_view_quiz_reports(request.user)


class QuizReportViewSet(ViewSet):
    menu_hook = "register_reports_menu_item"
    menu_item_class = QuizReportMenuItem

    def get_urlpatterns(self) -> list:
        return [
            path("", QuizReportView.as_view(), name="index"),
            path("results/", QuizReportView.as_view(results_only=True), name="index_results"),
            path("<int:module_id>/<slug:quiz_id>/", QuizDetailView.as_view(), name="detail"),
        ]


quiz_report_viewset = QuizReportViewSet(
    "quiz_report", url_prefix="quiz-reports", menu_label=_("Quiz results"), icon="list-ul", menu_order=5
)
