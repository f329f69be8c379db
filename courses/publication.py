"""Where a course or module page stands in its publication, defined once for every screen that shows it.

Wagtail records the facts on several rows: the page (live, draft changes, expired), its workflow state
(in review, changes requested) and its revisions (a revision approved for a later go-live is
"scheduled"). ``publication_status`` turns those facts into one status; ``with_publication_facts``
annotates a page queryset with them in the same query, so a listing never asks per page, and
``page_publication_status`` reads them for a single page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import CharField, Exists, OuterRef, QuerySet, Subquery
from django.db.models.functions import Cast
from django.utils.dateparse import parse_datetime
from django.utils.translation import pgettext_lazy
from wagtail.models import Page, Revision, WorkflowState


class PublicationStatus(models.TextChoices):
    # A context of their own: Wagtail's catalogue has its own "Live" and "Draft", which ours must not replace.
    DRAFT = "draft", pgettext_lazy("publication status", "Draft")
    IN_REVIEW = "in_review", pgettext_lazy("publication status", "In review")
    CHANGES_REQUESTED = "changes_requested", pgettext_lazy("publication status", "Changes requested")
    SCHEDULED = "scheduled", pgettext_lazy("publication status", "Scheduled")
    EXPIRED = "expired", pgettext_lazy("publication status", "Expired")
    LIVE = "live", pgettext_lazy("publication status", "Live")
    LIVE_WITH_DRAFT = "live_draft", pgettext_lazy("publication status", "Live + draft changes")
    LIVE_IN_REVIEW = "live_in_review", pgettext_lazy("publication status", "Live + changes in review")
    LIVE_CHANGES_REQUESTED = "live_changes_requested", pgettext_lazy("publication status", "Live + changes requested")
    LIVE_SCHEDULED = "live_scheduled", pgettext_lazy("publication status", "Live + changes scheduled")

    @property
    def is_live(self) -> bool:
        return self.value.startswith("live")


@dataclass(frozen=True)
class PublicationFacts:
    """What Wagtail records about a page's publication, read from the page, its workflow and revisions."""

    live: bool
    has_unpublished_changes: bool
    expired: bool = False
    in_review: bool = False
    changes_requested: bool = False
    # The go-live time of the revision approved for later publication (None: nothing scheduled).
    scheduled_go_live_at: datetime | None = None
    # When the page stops being live: the scheduled revision's expiry, otherwise the page's own.
    expire_at: datetime | None = None


def publication_status(facts: PublicationFacts) -> PublicationStatus:
    """The one status a page is shown with.

    A review in progress comes first (nothing else happens to the page until it is decided), then a
    request for changes, then an approved schedule, then draft changes.
    """
    if facts.in_review:
        return PublicationStatus.LIVE_IN_REVIEW if facts.live else PublicationStatus.IN_REVIEW
    if facts.changes_requested:
        return PublicationStatus.LIVE_CHANGES_REQUESTED if facts.live else PublicationStatus.CHANGES_REQUESTED
    if facts.scheduled_go_live_at is not None:
        return PublicationStatus.LIVE_SCHEDULED if facts.live else PublicationStatus.SCHEDULED
    if facts.live:
        return PublicationStatus.LIVE_WITH_DRAFT if facts.has_unpublished_changes else PublicationStatus.LIVE
    return PublicationStatus.EXPIRED if facts.expired else PublicationStatus.DRAFT


def with_publication_facts(pages: QuerySet[Any]) -> QuerySet[Any]:
    """The pages annotated with what ``publication_facts`` reads, in the same query."""
    scheduled = Revision.page_revisions.filter(
        object_id=Cast(OuterRef("pk"), output_field=CharField()), approved_go_live_at__isnull=False
    ).order_by("-created_at")
    states = WorkflowState.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id=Cast(OuterRef("pk"), output_field=CharField()),
    )
    return pages.annotate(
        publication_in_review=Exists(states.filter(status=WorkflowState.STATUS_IN_PROGRESS)),
        publication_changes_requested=Exists(states.filter(status=WorkflowState.STATUS_NEEDS_CHANGES)),
        publication_go_live_at=Subquery(scheduled.values("approved_go_live_at")[:1]),
        publication_scheduled_expire_at=Subquery(scheduled.values("content__expire_at")[:1]),
    )


def _as_datetime(value: object) -> datetime | None:
    # A revision stores its content as JSON: the expiry comes back as an ISO 8601 string.
    if isinstance(value, datetime) or value is None:
        return value
    return parse_datetime(str(value))


def publication_facts(page: Page) -> PublicationFacts:
    """The facts of a page annotated by ``with_publication_facts``."""
    go_live_at = page.publication_go_live_at
    scheduled_expiry = _as_datetime(page.publication_scheduled_expire_at)
    return PublicationFacts(
        live=page.live,
        has_unpublished_changes=page.has_unpublished_changes,
        expired=page.expired,
        in_review=page.publication_in_review,
        changes_requested=page.publication_changes_requested,
        scheduled_go_live_at=go_live_at,
        expire_at=scheduled_expiry if go_live_at is not None else page.expire_at,
    )


def page_publication_status(page: Page) -> PublicationStatus:
    """The status of one page (one query); for a listing, annotate with ``with_publication_facts``."""
    annotated = with_publication_facts(Page.objects.filter(pk=page.pk)).get()
    return publication_status(publication_facts(annotated))
