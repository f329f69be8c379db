"""The learner's record of training done elsewhere, and HR's decision on it."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from courses.status import today

from . import evidence


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class ExternalTrainingForm(forms.Form):
    title = forms.CharField(label=_("Title of the training"), max_length=200)
    provider = forms.CharField(
        label=_("Provider"), max_length=200, help_text=_("The institute, company or event that gave it.")
    )
    started_on = forms.DateField(label=_("Start date"), widget=DateInput())
    completed_on = forms.DateField(label=_("End date"), widget=DateInput())
    hours = forms.DecimalField(
        label=_("Hours"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("1000"))],
        help_text=_("Hours of training, as on the certificate (0.5 to 1,000)."),
    )
    evidence = forms.FileField(
        label=_("Evidence"), help_text=_("The certificate or letter of attendance: PDF, PNG or JPEG, up to 10 MB.")
    )

    def clean_title(self) -> str:
        return " ".join(self.cleaned_data["title"].split())

    def clean_provider(self) -> str:
        return " ".join(self.cleaned_data["provider"].split())

    def clean_completed_on(self) -> datetime.date:
        completed_on = self.cleaned_data["completed_on"]
        if completed_on > today():
            raise ValidationError(_("Training can be recorded once it has ended."), code="future")
        return completed_on

    def clean_evidence(self):
        upload = self.cleaned_data["evidence"]
        self.evidence_kind = evidence.kind_of(upload)
        return upload

    def clean(self) -> dict:
        data = super().clean()
        started_on, completed_on = data.get("started_on"), data.get("completed_on")
        if started_on and completed_on and started_on > completed_on:
            self.add_error("started_on", _("The start date is after the end date."))
        return data


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when rejecting; the learner reads it."),
    )

    def clean(self) -> dict:
        data = super().clean()
        data["reason"] = (data.get("reason") or "").strip()
        if data.get("decision") == "reject" and not data["reason"]:
            self.add_error("reason", _("Say why the record is rejected: the learner reads it."))
        return data
