"""Forms of the organisation screens; every choice of unit or person is limited to what the user administers."""

from __future__ import annotations

from django import forms
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _

from .models import Employee, HRScope, OrgUnit
from .scope import administered_employees, administered_org_units, sees_whole_organisation
from .selectors import search_employees
from .services import ADMINISTRATORS, TRAINERS


class UnitChoiceField(forms.ModelChoiceField):
    """Units in tree order, each indented by its depth so the choice reads as the tree."""

    def label_from_instance(self, obj: OrgUnit) -> str:
        closed = f" ({_('closed')})" if obj.closed_at else ""
        return f"{'— ' * (obj.depth - 1)}{obj.name}{closed}"


def _unit_field(user: User, *, label, open_only: bool = True, required: bool = True) -> UnitChoiceField:
    units = administered_org_units(user).order_by("path")
    if open_only:
        units = units.filter(closed_at__isnull=True)
    return UnitChoiceField(queryset=units, label=label, required=required)


class UnitCreateForm(forms.ModelForm):
    class Meta:
        model = OrgUnit
        fields = ["code", "name_ar", "name_en", "kind"]

    def __init__(self, *args, user: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Only an administrator adds a unit at the top (a ministry); a ministry administrator adds below theirs.
        self.fields["parent"] = _unit_field(user, label=_("Parent unit"), required=not sees_whole_organisation(user))
        self.fields["parent"].empty_label = _("None: a new ministry at the top")
        self.order_fields(["parent", "code", "name_ar", "name_en", "kind"])


class UnitRenameForm(forms.Form):
    name_ar = forms.CharField(label=_("name (Arabic)"), max_length=255)
    name_en = forms.CharField(label=_("name (English)"), max_length=255)


class UnitMoveForm(forms.Form):
    def __init__(self, *args, user: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"] = _unit_field(
            user, label=_("New parent unit"), open_only=False, required=not sees_whole_organisation(user)
        )
        self.fields["parent"].empty_label = _("None: make it a ministry at the top")


class EmployeeUnitForm(forms.Form):
    def __init__(self, *args, user: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["org_unit"] = _unit_field(user, label=_("organisation unit"))


class ManagerForm(forms.Form):
    """The manager chosen from the search results; empty removes the manager."""

    def __init__(self, *args, user: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["manager"] = forms.ModelChoiceField(
            queryset=administered_employees(user), required=False, label=_("line manager")
        )


class ManagerSearchForm(forms.Form):
    find = forms.CharField(label=_("Find the manager by employee number or name"), max_length=100, required=False)

    def results(self, user: User, *, exclude: Employee) -> list[Employee]:
        if not self.is_valid() or not self.cleaned_data["find"].strip():
            return []
        found = search_employees(administered_employees(user), self.cleaned_data["find"]).exclude(pk=exclude.pk)
        return list(found.select_related("org_unit")[:10])


class PeopleSearchForm(forms.Form):
    q = forms.CharField(label=_("Employee number or name"), max_length=100, required=False)


class ActiveForm(forms.Form):
    active = forms.TypedChoiceField(choices=[("1", "1"), ("0", "0")], coerce=lambda value: value == "1")


class RoleForm(forms.Form):
    """Trainers for anyone who administers people; the Administrators role only from an administrator."""

    member = forms.TypedChoiceField(choices=[("1", "1"), ("0", "0")], coerce=lambda value: value == "1")

    def __init__(self, *args, user: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"] = forms.ChoiceField(choices=role_choices(user))


def role_choices(user: User) -> list[tuple[str, str]]:
    roles = [(TRAINERS, _("Trainers"))]
    if sees_whole_organisation(user):
        roles.append((ADMINISTRATORS, _("Administrators")))
    return roles


class ScopeGrantForm(forms.Form):
    role = forms.ChoiceField(label=_("role"), choices=HRScope.Role.choices)

    def __init__(self, *args, user: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["org_unit"] = _unit_field(user, label=_("Unit (with everything below it)"), open_only=False)
        self.order_fields(["org_unit", "role"])
