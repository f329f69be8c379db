"""Forms of the certificate pages: code lookup, PDF check, revoke and re-issue."""

from __future__ import annotations

import hashlib

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .codes import normalise_code


class CodeForm(forms.Form):
    code = forms.CharField(label=_("Verification code"), max_length=40, strip=True)

    def clean_code(self) -> str:
        code = normalise_code(self.cleaned_data["code"])
        if code is None:
            raise forms.ValidationError(
                _("A verification code has 16 letters and digits, such as ABCD-EFGH-JKMN-PQRS.")
            )
        return code


class PdfCheckForm(forms.Form):
    pdf = forms.FileField(label=_("Certificate PDF"), help_text=_("The PDF file you were given (up to 10 MB)."))

    def clean_pdf(self):
        upload = self.cleaned_data["pdf"]
        if upload.size > settings.CERTIFICATES_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("This file is larger than 10 MB; a Qudra certificate is much smaller."))
        head = upload.read(5)
        upload.seek(0)
        if head != b"%PDF-":
            raise forms.ValidationError(_("This file is not a PDF."))
        return upload

    def sha256(self) -> str:
        digest = hashlib.sha256()
        for chunk in self.cleaned_data["pdf"].chunks():
            digest.update(chunk)
        return digest.hexdigest()


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=500, strip=True)


class RevokeForm(ReasonForm):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=500,
        strip=True,
        help_text=_("Shown publicly on the certificate's verification page and kept in the audit log."),
    )


class ReissueForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=500,
        strip=True,
        required=False,
        help_text=_("For example: name corrected, template updated. Kept in the history and the audit log."),
    )
