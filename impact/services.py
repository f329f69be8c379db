"""Writes of the impact app: publishing the open-data snapshot."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import OpenDataSnapshot
from .opendata import open_data_rows


def minimum_cell() -> int:
    return settings.QUDRA_OPEN_DATA_MIN_CELL


@transaction.atomic
def publish_open_data(*, on: datetime.date | None = None) -> OpenDataSnapshot:
    """Compute the anonymised table and store it as the snapshot of ``on`` (today in Muscat).

    Publishing again the same day replaces that day's snapshot, so a rerun or a second worker leaves one row.
    """
    minimum = minimum_cell()
    snapshot, _created = OpenDataSnapshot.objects.update_or_create(
        published_on=on or timezone.localdate(),
        defaults={"published_at": timezone.now(), "minimum_cell": minimum, "rows": open_data_rows(minimum)},
    )
    return snapshot
