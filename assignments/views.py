"""HR screens for mandatory training in the admin, and the learner's calendar feed of due dates."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest, PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django.views.generic import FormView, TemplateView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from courses.status import today
from people.scope import can_view_reports, scoped_org_units

from . import calendar, selectors, services
from .forms import AssignmentForm
from .models import Assignment, AssignmentMember


class HRRequiredMixin:
    """Administrators and HR officers with a scope; anyone else gets 403."""

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not can_view_reports(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class MandatoryTrainingHeaderMixin(WagtailAdminTemplateMixin):
    """The header of every mandatory-training screen: Home > Mandatory training > this screen.

    Wagtail's admin header shows only the breadcrumbs (the title is the page's <title> and a hidden
    heading), so without them each screen read just "Home".
    """

    header_icon = "date"
    is_index = False

    def get_breadcrumbs_items(self) -> list[dict]:
        if self.is_index:
            return [*self.breadcrumbs_items, {"url": "", "label": _("Mandatory training")}]
        return [
            *self.breadcrumbs_items,
            {"url": reverse("assignments:index"), "label": _("Mandatory training")},
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]


class AssignmentIndexView(HRRequiredMixin, MandatoryTrainingHeaderMixin, TemplateView):
    template_name = "assignments/admin/index.html"
    page_title = _("Mandatory training")
    is_index = True

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        page = Paginator(selectors.visible_assignments(self.request.user), 25).get_page(self.request.GET.get("p"))
        context.update(page=page, add_url=reverse("assignments:add"))
        return context


class AssignmentCreateView(HRRequiredMixin, MandatoryTrainingHeaderMixin, FormView):
    template_name = "assignments/admin/form.html"
    form_class = AssignmentForm
    page_title = _("Assign a course")

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_invalid(self, form: AssignmentForm) -> HttpResponse:
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def form_valid(self, form: AssignmentForm) -> HttpResponse:
        data = form.cleaned_data
        user = self.request.user
        unit, employees = data["org_unit"], data["employee_numbers"]
        # A unit outside the officer's subtree is refused outright (403), with nothing written. (Raising
        # PermissionDenied would become Wagtail's redirect to the dashboard.) Employees come from the
        # scope already (the form treats a number of another ministry as unknown).
        if unit is not None and not scoped_org_units(user).filter(pk=unit.pk).exists():
            return self.render_to_response(self.get_context_data(form=form, outside_scope=True), status=403)
        assignment = services.create_assignment(
            course=data["course"],
            programme=data["programme"],
            created_by=user,
            due_rule=data["due_rule"],
            due_on=data["due_on"],
            due_days=data["due_days"],
            org_unit=unit,
            grades=data["grades"],
            job_titles=data["job_titles"],
            employees=employees,
        )
        messages.success(self.request, _("The training is assigned. People are being enrolled now."))
        return redirect("assignments:detail", assignment.pk)


class AssignmentMixin:
    """The assignment in the URL, if the user may see it (404 otherwise, so ids reveal nothing)."""

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not can_view_reports(request.user):
            raise PermissionDenied
        self.assignment = get_object_or_404(selectors.visible_assignments(request.user), pk=kwargs["assignment_id"])
        return super().dispatch(request, *args, **kwargs)


class AssignmentDetailView(AssignmentMixin, MandatoryTrainingHeaderMixin, TemplateView):
    template_name = "assignments/admin/detail.html"

    def get_page_title(self) -> str:
        return _("Assignment")

    def get_page_subtitle(self) -> str:
        return self.assignment.learning_page.title

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        on = today()
        members = (
            AssignmentMember.objects.filter(assignment=self.assignment)
            .select_related("employee", "employee__org_unit", "enrolment", "programme_enrolment")
            .order_by("ended_at", "employee__full_name_en")
        )
        page = Paginator(members, 50).get_page(self.request.GET.get("p"))
        selectors.member_statuses(self.assignment, list(page), on=on)
        context.update(
            assignment=self.assignment,
            summary=selectors.assignment_summary(self.assignment, on=on),
            page=page,
            materialising=self.assignment.synced_at is None and self.assignment.state == Assignment.State.ACTIVE,
        )
        return context


class AssignmentCancelView(AssignmentMixin, View):
    def post(self, request: HttpRequest, assignment_id: int) -> HttpResponse:
        services.cancel_assignment(assignment=self.assignment)
        messages.success(request, _("The assignment is cancelled. Completed records are kept."))
        return HttpResponseRedirect(reverse("assignments:detail", args=[assignment_id]))


@login_required
@require_POST
def calendar_feed_settings(request: HttpRequest) -> HttpResponse:
    """Make a new secret calendar address (``action=new``) or revoke the current one (``action=revoke``)."""
    action = request.POST.get("action")
    if action == "new":
        calendar.new_feed(user=request.user)
        messages.success(request, _("Your calendar address is ready. Copy it into your calendar app."))
    elif action == "revoke":
        calendar.revoke_feed(user=request.user)
        messages.success(request, _("Your calendar address no longer works."))
    else:
        raise BadRequest(_("Choose to make a new calendar address or to revoke it."))
    return redirect(reverse("notifications:list") + "#calendar")


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """Public by design (calendar apps cannot sign in): the token is the key; unknown or revoked is 404."""
    owner = calendar.feed_owner(token)
    if owner is None:
        raise Http404
    body = calendar.due_dates_calendar(user=owner, language=get_language())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=900"
    response["Content-Disposition"] = 'inline; filename="qudra-due-dates.ics"'
    return response
