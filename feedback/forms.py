"""The end-of-course feedback form."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Feedback

RATING_CHOICES = [
    (1, _("1 – Poor")),
    (2, _("2 – Fair")),
    (3, _("3 – Good")),
    (4, _("4 – Very good")),
    (5, _("5 – Excellent")),
]


CHOOSE_A_RATING = _("Choose a rating from 1 to 5.")


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How would you rate this course?"),
        choices=RATING_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": CHOOSE_A_RATING, "invalid_choice": CHOOSE_A_RATING},
    )
    comment = forms.CharField(
        label=_("Comments (optional)"),
        required=False,
        max_length=Feedback._meta.get_field("comment").max_length,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What worked well, and what would make the course better?"),
    )
