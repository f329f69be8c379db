"""The HR dashboard panel on the Wagtail admin home: three charts, each with its data as a table."""

from __future__ import annotations

from django.utils.translation import gettext as _
from wagtail.admin.ui.components import Component

from common.charts import horizontal_bars, vertical_bars
from common.formatting import format_day_month
from common.i18n import is_arabic

from .dashboard import dashboard


class HRDashboardPanel(Component):
    name = "hr_dashboard"
    template_name = "reports/dashboard_panel.html"
    order = 50

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        data = dashboard(request.user)
        rtl = is_arabic()
        rows = [row for row in data.summary.rows if row.learners or row.enrolled]
        completion = horizontal_bars(
            [(row.label, row.completion_percent or 0, row.completion_display) for row in rows],
            chart_id="hr-completion",
            title=_("Completion by unit"),
            description=_("Share of enrolments completed in each unit, in percent."),
            rtl=rtl,
            css_class="qudra-chart--completion",
            maximum=100,
            column_headings=(_("Organisation unit"), _("Completion %")),
        )
        weekly = vertical_bars(
            [(format_day_month(week.week_start), week.completed, str(week.completed)) for week in data.weeks],
            chart_id="hr-weekly",
            title=_("Completions per week"),
            description=_("Courses completed in each of the last twelve weeks, oldest first."),
            rtl=rtl,
            css_class="qudra-chart--weekly",
            column_headings=(_("Week starting"), _("Completions")),
        )
        overdue = horizontal_bars(
            [(row.label, row.overdue, str(row.overdue)) for row in rows],
            chart_id="hr-overdue",
            title=_("Overdue by unit"),
            description=_("Enrolments past their due date and not completed, per unit."),
            rtl=rtl,
            css_class="qudra-chart--overdue",
            column_headings=(_("Organisation unit"), _("Overdue")),
        )
        return {
            "heading": _("Training in your organisation"),
            "scope_label": data.scope_label,
            "as_of": data.summary.as_of,
            "completion_chart": completion,
            "weekly_chart": weekly,
            "overdue_chart": overdue,
            "request": request,
        }
