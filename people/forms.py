"""Forms of the people app."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from .imports import max_bytes


class LoginForm(AuthenticationForm):
    """The learner-facing login form, with labels and autocomplete hints."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Username")
        self.fields["username"].widget.attrs.update({"autocomplete": "username", "autofocus": True})
        self.fields["password"].label = _("Password")
        self.fields["password"].widget.attrs.update({"autocomplete": "current-password"})


class PeopleImportForm(forms.Form):
    """Upload of the CSV files an HR system exports: units, employees, or both."""

    units_file = forms.FileField(
        label=_("Organisation units (CSV)"),
        required=False,
        help_text=_("Columns: code, parent_code, kind, name_ar, name_en."),
    )
    employees_file = forms.FileField(
        label=_("Employees (CSV)"),
        required=False,
        help_text=_(
            "Columns: employee_number, full_name_ar, full_name_en, org_unit_code; optional: username, email, "
            "job_title, grade, hire_date (YYYY-MM-DD), preferred_language (ar or en), manager_employee_number "
            "(the line manager's employee number: in the same file or already imported; empty: no manager)."
        ),
    )
    dry_run = forms.BooleanField(
        label=_("Only check the files"), required=False, help_text=_("Report what would change; save nothing.")
    )

    def clean(self):
        cleaned = super().clean()
        files = [cleaned.get("units_file"), cleaned.get("employees_file")]
        if not any(files):
            raise forms.ValidationError(_("Choose a file of units, of employees, or both."))
        limit = max_bytes()
        for name in ("units_file", "employees_file"):
            upload = cleaned.get(name)
            if upload is not None and upload.size > limit:
                # Checked on the size the upload declares, before its content is read into memory.
                self.add_error(
                    name,
                    _("The file is %(size).1f MB; files of at most %(limit)d MB are accepted. Split it in parts.")
                    % {"size": upload.size / 1024 / 1024, "limit": limit // 1024 // 1024},
                )
        return cleaned

    def files_to_import(self) -> dict[str, tuple[str, bytes] | None]:
        def read(upload):
            return (upload.name, upload.read()) if upload else None

        return {
            "units": read(self.cleaned_data.get("units_file")),
            "employees": read(self.cleaned_data.get("employees_file")),
        }
