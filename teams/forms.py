"""The filters of "My team"."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

EVERYONE = "all"
DIRECT = "direct"


class TeamFilterForm(forms.Form):
    reports = forms.ChoiceField(
        label=_("Show"),
        choices=[(EVERYONE, _("Everyone in my team")), (DIRECT, _("My direct reports only"))],
        required=False,
    )
    overdue = forms.BooleanField(label=_("Only people with overdue training"), required=False)

    def filters(self) -> dict[str, bool]:
        """The filters to apply; an invalid value (shown as an error) falls back to showing everyone."""
        data = self.cleaned_data if self.is_valid() else {}
        return {"direct_only": data.get("reports") == DIRECT, "overdue_only": bool(data.get("overdue"))}
