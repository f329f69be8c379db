"""My team: a line manager's direct and indirect reports, and reminding one of them. Only someone who
manages at least one person has the page; anyone else, and any person outside the manager's team, is a 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from courses.status import today
from people.models import Employee

from . import selectors, services
from .forms import TeamFilterForm

PAGE_SIZE = 20


def _manager(request: HttpRequest) -> Employee:
    manager = selectors.team_manager(request.user)
    if manager is None:
        raise Http404(_("You do not manage a team."))
    return manager


@login_required
@require_GET
def my_team(request: HttpRequest) -> HttpResponse:
    manager = _manager(request)
    on = today()
    form = TeamFilterForm(request.GET)
    listing = selectors.team_listing(manager, on=on, **form.filters())
    page = Paginator(listing, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "rows": selectors.team_rows(manager, list(page.object_list), on=on),
        "totals": selectors.team_totals(manager, on=on),
        "query_string": query.urlencode(),
    }
    response = render(request, "teams/my_team.html", context, status=400 if form.errors else 200)
    add_never_cache_headers(response)
    return response


@login_required
@require_POST
def remind(request: HttpRequest, employee_id: int) -> HttpResponse:
    manager = _manager(request)
    employee = selectors.team_member(manager, employee_id=employee_id)
    if employee is None:
        raise Http404(_("This person is not in your team."))
    outcome = services.remind(manager=manager, sent_by=request.user, employee=employee)
    if outcome.sent:
        messages.success(request, _("Reminder sent to %(name)s.") % {"name": employee.full_name})
    elif outcome.already:
        messages.info(request, _("Already reminded today: %(name)s.") % {"name": employee.full_name})
    else:
        messages.info(
            request, _("%(name)s has no open mandatory training to be reminded of.") % {"name": employee.full_name}
        )
    return redirect(_back_to_team(request))


def _back_to_team(request: HttpRequest) -> str:
    """The listing the manager clicked from (its filters and page), never an address elsewhere."""
    team = reverse("teams:my_team")
    back = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure())
    return back if safe and back.startswith(team) else team
