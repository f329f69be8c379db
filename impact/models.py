"""The published open-data snapshots: what the public pages and endpoints serve, never live figures."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class OpenDataSnapshot(models.Model):
    """One publication per day: the anonymised table as it was computed, frozen.

    The rows are stored as computed (suppressed figures already null), so serving a page never touches
    the learning records, and a second run on the same day replaces that day's snapshot.
    """

    published_on = models.DateField(_("publication date"), unique=True)
    published_at = models.DateTimeField(_("published"))
    minimum_cell = models.PositiveSmallIntegerField(_("minimum people per published figure"))
    rows = models.JSONField(_("rows"), default=list)

    class Meta:
        verbose_name = _("open-data snapshot")
        verbose_name_plural = _("open-data snapshots")
        ordering = ["-published_on"]
        get_latest_by = "published_on"

    def __str__(self) -> str:
        return f"{self.published_on}"
