"""Model fields shared by the apps."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models

from .text import strip_bidi_controls


class NameFormField(forms.CharField):
    def to_python(self, value: Any) -> str | None:
        value = super().to_python(value)
        return strip_bidi_controls(value) if isinstance(value, str) else value


class PersonNameField(models.CharField):
    """A person's name: stored, from any form, import or save, without direction controls
    (``common.text``), so that it reads everywhere, on a page as in a PDF, as it was written."""

    def to_python(self, value: Any) -> Any:
        value = super().to_python(value)
        return strip_bidi_controls(value) if isinstance(value, str) else value

    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        value = self.to_python(super().pre_save(model_instance, add))
        setattr(model_instance, self.attname, value)
        return value

    def get_prep_value(self, value: Any) -> Any:
        # Writes that do not go through save() (bulk_update, update()) still store the stripped name.
        return self.to_python(super().get_prep_value(value))

    def formfield(self, **kwargs: Any) -> Any:
        return super().formfield(**{"form_class": NameFormField, **kwargs})

    def deconstruct(self) -> tuple[str, str, Any, Any]:
        # The column is a plain CharField's: the migrations need not know the difference.
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.CharField", args, kwargs
