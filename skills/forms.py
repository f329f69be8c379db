"""The self-assessment form: one choice of level 1–4 for each skill a course builds."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import CourseSkill, Proficiency
from .selectors import SkillTarget

FIELD_PREFIX = "skill-"


class SelfAssessmentForm(forms.Form):
    """Built from the skills a course or programme builds (CourseSkill or SkillTarget rows); answers for
    any other skill are refused, not ignored."""

    def __init__(self, links: list[CourseSkill | SkillTarget], *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.links = links
        for link in links:
            self.fields[FIELD_PREFIX + link.skill.code] = forms.TypedChoiceField(
                label=link.skill.name,
                choices=Proficiency.choices,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Choose the level that describes you best."),
                    "invalid_choice": _("Choose one of the four levels."),
                },
            )

    def clean(self) -> dict:
        cleaned = super().clean()
        unknown = {key for key in self.data if key.startswith(FIELD_PREFIX) and key not in self.fields}
        if unknown:
            raise forms.ValidationError(_("Rate only the skills listed on this form."), code="unknown_skill")
        return cleaned

    @property
    def levels(self) -> dict[int, int]:
        """{skill id: level}, once the form is valid."""
        return {link.skill_id: self.cleaned_data[FIELD_PREFIX + link.skill.code] for link in self.links}

    def questions(self) -> list[dict]:
        """Each skill with its bound field and the level descriptors to label its choices."""
        return [
            {
                "link": link,
                "field": self[FIELD_PREFIX + link.skill.code],
                "levels": [
                    {"value": level.level, "name": level.get_level_display(), "descriptor": level.descriptor}
                    for level in link.skill.levels.all()
                ],
            }
            for link in self.links
        ]
