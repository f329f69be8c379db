"""End-of-course feedback: one optional rating and comment per enrolment."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Feedback(models.Model):
    """A learner's rating (1–5) and comment on a course they completed, for one enrolment cycle."""

    RATINGS = range(1, 6)

    enrolment = models.OneToOneField(
        "courses.Enrolment", on_delete=models.CASCADE, related_name="feedback", verbose_name=_("enrolment")
    )
    rating = models.PositiveSmallIntegerField(_("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)])
    comment = models.TextField(_("comment"), blank=True, max_length=2000)
    # The language the learner wrote in, so readers know whether a comment needs translating.
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        constraints = [
            models.CheckConstraint(condition=Q(rating__gte=1, rating__lte=5), name="feedback_rating_in_range")
        ]

    def __str__(self) -> str:
        return f"{self.enrolment} – {self.rating}"
