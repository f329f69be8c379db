"""Admin views of the question import: a module's import page, the template downloads and the page buttons.

Thin: the form takes the quiz and the file, ``courses.question_import`` does the rest.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import get_language_bidi, gettext_lazy, ngettext
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .models import ModulePage, source_page
from .question_import import (
    QuestionImportFailed,
    can_import_questions,
    import_blocked_reason,
    import_questions,
    quiz_choices,
)
from .question_sheets import MAX_BYTES, too_large_message
from .question_template import COLUMNS, notes, template_csv, template_xlsx

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class QuestionImportForm(forms.Form):
    quiz = forms.ChoiceField(label=gettext_lazy("Add the questions to"), widget=forms.RadioSelect)
    sheet = forms.FileField(
        label=gettext_lazy("Sheet of questions (CSV or XLSX)"),
        help_text=gettext_lazy("Fill in the template below; one row per question."),
        widget=forms.FileInput(attrs={"accept": f".csv,.xlsx,text/csv,{XLSX_TYPE}"}),
    )

    def __init__(self, *args, choices: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["quiz"].choices = choices
        self.fields["quiz"].initial = choices[0][0]

    def clean_sheet(self):
        upload = self.cleaned_data["sheet"]
        if upload.size > MAX_BYTES:
            # Refused on the size the upload declares, before its content is read.
            raise forms.ValidationError(too_large_message(upload.size))
        return upload


class QuestionImportView(WagtailAdminTemplateMixin, FormView):
    form_class = QuestionImportForm
    template_name = "courses/admin/import_questions.html"
    page_title = gettext_lazy("Import questions")
    header_icon = "upload"

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        self.module = get_object_or_404(ModulePage, pk=kwargs["module_id"])
        if not can_import_questions(request.user, self.module):
            return self.refuse(_("You may import questions only into modules you may edit."), status=403)
        blocked = import_blocked_reason(request.user, self.module)
        if blocked:
            return self.refuse(blocked, status=409)
        self.draft = self.module.get_latest_revision_as_object()
        return super().dispatch(request, *args, **kwargs)

    def refuse(self, reason: str, *, status: int) -> HttpResponse:
        return self.render_to_response(self.get_context_data(refusal=reason, form=None), status=status)

    def get_page_subtitle(self) -> str:
        return self.module.get_admin_display_title()

    def get_breadcrumbs_items(self) -> list[dict]:
        course = self.module.get_parent()
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtailadmin_explore", args=[course.pk]), "label": course.get_admin_display_title()},
            {"url": reverse("wagtailadmin_pages:edit", args=[self.module.pk]), "label": self.get_page_subtitle()},
            {"url": "", "label": self.page_title},
        ]

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "choices": quiz_choices(self.draft)}

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context.update(
            module=self.module,
            columns=COLUMNS,
            notes=notes(),
            edit_url=reverse("wagtailadmin_pages:edit", args=[self.module.pk]),
            template_urls={"CSV": reverse("question_template_csv"), "XLSX": reverse("question_template_xlsx")},
        )
        return context

    def form_invalid(self, form, problems: list[str] | None = None) -> HttpResponse:
        # Bad input is the client's: 400 with the reasons, and nothing was saved.
        return self.render_to_response(self.get_context_data(form=form, problems=problems or []), status=400)

    def form_valid(self, form: QuestionImportForm) -> HttpResponse:
        upload = form.cleaned_data["sheet"]
        try:
            result = import_questions(
                user=self.request.user,
                module=self.module,
                quiz_id=form.cleaned_data["quiz"],
                file_name=upload.name,
                data=upload.read(),
            )
        except QuestionImportFailed as failure:
            return self.form_invalid(form, problems=failure.messages)
        messages.success(
            self.request,
            ngettext(
                "%(count)d question was added to “%(quiz)s” in a new draft of this module. Check it, then "
                "submit the course for review.",
                "%(count)d questions were added to “%(quiz)s” in a new draft of this module. Check them, then "
                "submit the course for review.",
                result.count,
            )
            % {"count": result.count, "quiz": result.quiz_title},
        )
        return redirect("wagtailadmin_pages:edit", self.module.pk)


class QuestionTemplateView(View):
    """The template in the admin's language: CSV, or XLSX with a notes sheet in Arabic and English."""

    file_format = "csv"

    def get(self, request: HttpRequest) -> HttpResponse:
        if self.file_format == "xlsx":
            response = HttpResponse(template_xlsx(right_to_left=get_language_bidi()), content_type=XLSX_TYPE)
        else:
            response = HttpResponse(template_csv(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="questions-template.{self.file_format}"'
        return response


def question_import_urls() -> list:
    return [
        path(
            "courses/modules/<int:module_id>/import-questions/", QuestionImportView.as_view(), name="import_questions"
        ),
        path("courses/question-template.csv", QuestionTemplateView.as_view(), name="question_template_csv"),
        path(
            "courses/question-template.xlsx",
            QuestionTemplateView.as_view(file_format="xlsx"),
            name="question_template_xlsx",
        ),
    ]


class ImportQuestionsButton(PageMenuItem):
    """ "Import questions" in a module's actions, for the people who may edit it, on the source-language module."""

    label = gettext_lazy("Import questions")
    icon_name = "upload"
    url_name = "import_questions"

    def is_shown(self, user) -> bool:
        page = self.page
        return can_import_questions(user, page) and source_page(page).pk == page.pk
