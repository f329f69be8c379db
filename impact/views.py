"""Impact views: the scoped dashboard in the Wagtail admin, and the public open-data page and files.

The public views serve the latest published snapshot only; they never query the learning records.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from functools import cached_property

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from common.charts import horizontal_bars, vertical_bars
from common.exports import neutralise
from common.formatting import format_month_short, format_number
from common.i18n import field_suffix, is_arabic
from people.models import OrgUnit
from people.scope import ScopeAccessMixin, scope_paths, scoped_org_units
from reports.selectors import top_units, unit_trail

from .models import OpenDataSnapshot
from .opendata import FIELDS
from .selectors import Impact, impact
from .suppression import TOTAL

LICENCE = "CC-BY-4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"


class ImpactDashboardView(ScopeAccessMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "impact/dashboard.html"
    header_icon = "pick"
    page_title = gettext_lazy("Impact")

    @cached_property
    def parent(self) -> OrgUnit | None:
        unit_id = self.request.GET.get("unit", "")
        if not unit_id:
            # An HR officer bound to one unit starts inside it (its directorates), as in the reports.
            roots = top_units(self.request.user)
            return roots[0] if len(roots) == 1 and scope_paths(self.request.user) is not None else None
        if not unit_id.isdigit():
            raise Http404
        # A unit outside the scope is indistinguishable from one that does not exist.
        return get_object_or_404(scoped_org_units(self.request.user), pk=int(unit_id))

    def get_page_subtitle(self) -> str:
        return self.parent.name if self.parent is not None else ""

    def get_breadcrumbs_items(self):
        items = [*self.breadcrumbs_items, {"url": reverse("impact_dashboard:index"), "label": self.page_title}]
        if self.parent is not None:
            items.append({"url": "", "label": self.parent.name})
        return items

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        data = impact(self.request.user, parent=self.parent)
        context.update(
            data=data,
            trail=unit_trail(self.request.user, self.parent),
            national=scope_paths(self.request.user) is None,
            charts=self.charts(data),
            open_data_url=reverse("impact:open_data"),
        )
        return context

    def charts(self, data: Impact) -> list:
        rtl = is_arabic()
        rows = [row for row in data.rows if not row.figures.is_empty]
        people = horizontal_bars(
            [(row.label, row.figures.people_trained, str(row.figures.people_trained)) for row in rows],
            chart_id="impact-people",
            title=_("People trained by unit"),
            description=_("Employees with at least one completed course, in each unit."),
            rtl=rtl,
            css_class="qudra-chart--people",
            column_headings=(_("Organisation unit"), _("People trained")),
        )
        months = vertical_bars(
            [(format_month_short(month.start), month.completions, str(month.completions)) for month in data.months],
            chart_id="impact-months",
            title=_("Completions per month"),
            description=_("Courses completed in each of the last twelve months, oldest first."),
            rtl=rtl,
            css_class="qudra-chart--months",
            column_headings=(_("Month"), _("Completions")),
        )
        uplift_items = []
        for skill in data.skills:
            average = data.total.uplift_average(skill.id)
            if average is not None:
                uplift_items.append((skill.name, max(float(average), 0), format_number(average, 1)))
        uplift = horizontal_bars(
            uplift_items,
            chart_id="impact-uplift",
            title=_("Average skill uplift by skill"),
            description=_("Average rise in self-assessed level (1 to 4) between before and after training, per skill."),
            rtl=rtl,
            css_class="qudra-chart--uplift",
            maximum=3,
            column_headings=(_("Skill"), _("Average uplift")),
        )
        return [people, months, uplift]


def _latest_snapshot() -> OpenDataSnapshot | None:
    return OpenDataSnapshot.objects.order_by("-published_on").first()


@dataclass
class MinistryTable:
    name: str
    rows: list[dict]


def _tables(snapshot: OpenDataSnapshot) -> list[MinistryTable]:
    """The snapshot's rows grouped by ministry (the national total last), names in the reader's language."""
    suffix = field_suffix()
    tables: dict[str, MinistryTable] = {}
    for row in snapshot.rows:
        table = tables.setdefault(row["ministry_code"], MinistryTable(name=row["ministry_name" + suffix], rows=[]))
        table.rows.append({**row, "skill_area_name": row["skill_area_name" + suffix]})
    national = tables.pop(TOTAL, None)
    return [*tables.values(), *([national] if national else [])]


@require_GET
def open_data(request: HttpRequest) -> HttpResponse:
    snapshot = _latest_snapshot()
    context = {
        "snapshot": snapshot,
        "tables": _tables(snapshot) if snapshot else [],
        "fields": FIELDS,
        "licence_url": LICENCE_URL,
    }
    return render(request, "impact/open_data.html", context)


def _latest_or_404() -> OpenDataSnapshot:
    snapshot = _latest_snapshot()
    if snapshot is None:
        raise Http404
    return snapshot


def _notes(snapshot: OpenDataSnapshot) -> str:
    return (
        f"Aggregate, anonymised figures per ministry and skill. A figure based on fewer than "
        f"{snapshot.minimum_cell} people is suppressed (null, with suppressed=true), and further figures are "
        f"suppressed so that none can be derived from the totals."
    )


@require_GET
def open_data_json(request: HttpRequest) -> HttpResponse:
    snapshot = _latest_or_404()
    body = {
        "title": "Qudra digital skills training: open data",
        "published_at": snapshot.published_at.isoformat(),
        "published_on": snapshot.published_on.isoformat(),
        "minimum_cell": snapshot.minimum_cell,
        "license": LICENCE,
        "license_url": LICENCE_URL,
        "notes": _notes(snapshot),
        "fields": list(FIELDS),
        "rows": snapshot.rows,
    }
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    # Numbers stay numbers (a negative uplift must not turn into text); only text can carry a formula.
    return neutralise(value) if isinstance(value, str) else str(value)


@require_GET
def open_data_csv(request: HttpRequest) -> HttpResponse:
    snapshot = _latest_or_404()
    output = io.StringIO()
    writer = csv.writer(output)
    writer.writerow(FIELDS)
    for row in snapshot.rows:
        writer.writerow([_csv_value(row.get(name)) for name in FIELDS])
    # The byte-order mark lets spreadsheet programs read the Arabic names as UTF-8.
    response = HttpResponse("\ufeff" + output.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="qudra-open-data-{snapshot.published_on}.csv"'
    response["Access-Control-Allow-Origin"] = "*"
    return response
