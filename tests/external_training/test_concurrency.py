"""Two officers deciding on one record at the same moment, on PostgreSQL: one decision, one notification."""

from __future__ import annotations

import pytest

from external_training import services
from external_training.models import ExternalTraining
from notifications.models import Notification
from tests.builders.concurrency import run_at_once
from tests.conftest import requires_postgres
from tests.factories import EmployeeFactory, UserFactory, make_org_unit

from .conftest import recorded

pytestmark = [requires_postgres, pytest.mark.postgres]
THREADS = 10


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_decisions_at_the_same_moment_give_one_decision_and_one_notification():
    learner = EmployeeFactory(org_unit=make_org_unit("ministry"))
    officers = [UserFactory(username=f"officer-{index}") for index in range(THREADS)]
    record = recorded(learner)
    turns = iter(range(THREADS))

    def decide() -> ExternalTraining:
        index = next(turns)
        return services.review_training(
            record=ExternalTraining.objects.get(pk=record.pk),
            reviewer=officers[index],
            approve=index % 2 == 0,
            reason="Not eligible",
        )

    results, errors = run_at_once(decide, threads=THREADS)

    assert len(results) == 1, errors
    assert len(errors) == THREADS - 1
    assert all(isinstance(error, services.ReviewRefused) for error in errors)
    record.refresh_from_db()
    assert record.status == results[0].status and record.reviewed_by_id == results[0].reviewed_by_id
    assert Notification.objects.filter(recipient=learner.user).count() == 1
