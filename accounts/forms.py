"""Forms of the accounts app: the password reset request, and the one-time code of two-factor sign-in."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm
from django.utils import translation
from django.utils.translation import gettext_lazy as _


def mail_language(user) -> str:
    """The person's preferred language, else the language of the page the reset was asked from."""
    employee = getattr(user, "employee", None)
    languages = {code for code, _name in settings.LANGUAGES}
    if employee is not None and employee.preferred_language in languages:
        return employee.preferred_language
    return translation.get_language() or settings.LANGUAGE_CODE


class ResetRequestForm(PasswordResetForm):
    """Django's reset request (active accounts with a usable password only: an account that signs in
    through single sign-on gets no mail), each mail written in its reader's language."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("E-mail address")
        self.fields["email"].widget.attrs.update({"autofocus": True})

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs) -> None:
        with translation.override(mail_language(context["user"])):
            context = {**context, "base_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")}
            super().send_mail(subject_template_name, email_template_name, context, *args, **kwargs)


class NewPasswordForm(SetPasswordForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = _("New password")
        self.fields["new_password2"].label = _("New password again")


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "autocapitalize": "off", "spellcheck": "false"}
        ),
    )
