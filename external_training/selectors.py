"""Reads of external training: the learner's own records, the records HR may review (their organisation
scope), and the approved records a transcript counts."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Q, QuerySet

from people.scope import VIA_ENROLMENT, can_view_reports, org_scope_q

from .models import ExternalTraining

# From a record to its learner's organisation unit: the same path as an enrolment's.
VIA_RECORD = VIA_ENROLMENT


def records_of(user: User) -> QuerySet[ExternalTraining]:
    return ExternalTraining.objects.filter(learner=user)


def reviewable_records(user: User | AnonymousUser) -> QuerySet[ExternalTraining]:
    """The records of people in the user's organisation scope (none for anyone who does not see reports)."""
    if not can_view_reports(user):
        return ExternalTraining.objects.none()
    return ExternalTraining.objects.filter(org_scope_q(user, VIA_RECORD)).select_related(
        "learner__employee__org_unit", "reviewed_by__employee"
    )


def searched(records: QuerySet[ExternalTraining], *, status: str = "", text: str = "") -> QuerySet[ExternalTraining]:
    if status:
        records = records.filter(status=status)
    for word in text.split():
        records = records.filter(
            Q(learner__employee__employee_number__iexact=word)
            | Q(learner__employee__full_name_ar__icontains=word)
            | Q(learner__employee__full_name_en__icontains=word)
            | Q(title__icontains=word)
            | Q(provider__icontains=word)
        )
    return records


def record_with_evidence(user: User, record_id: int) -> ExternalTraining | None:
    """The record whose evidence ``user`` may open: their own, or one in their organisation scope."""
    own = records_of(user).filter(pk=record_id).first()
    return own or reviewable_records(user).filter(pk=record_id).first()


def pending_count(user: User | AnonymousUser) -> int:
    return reviewable_records(user).filter(status=ExternalTraining.Status.PENDING).count()


@dataclass
class ApprovedTraining:
    """A person's approved external training, as their transcript lists and counts it."""

    records: list[ExternalTraining] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.records)

    @property
    def hours(self) -> Decimal:
        return sum((record.hours for record in self.records), Decimal(0))


def approved_training(*, learner_id: int) -> ApprovedTraining:
    """One query, newest first."""
    records = ExternalTraining.objects.filter(learner_id=learner_id, status=ExternalTraining.Status.APPROVED)
    return ApprovedTraining(records=list(records.order_by("-completed_on", "-id")))
