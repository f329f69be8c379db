"""Every write to the skills framework and to learners' self-assessments."""

from __future__ import annotations

from django.db import transaction

from .framework import install_framework
from .models import Skill, SkillLevel


@transaction.atomic
def ensure_default_framework() -> int:
    """Install the default framework's missing skills and levels; return how many skills were created."""
    return install_framework(Skill, SkillLevel)
