"""The audit log screen: administrators filter entries by action, actor and target; nobody else sees it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from audit.services import record

LOG = reverse("audit_log")


@pytest.fixture
def entries(world, administrator, hr_a):
    record("orgunit.renamed", actor=administrator, target=world.units["A1"], changes={"name_en": ["Old", "New"]})
    record("employee.moved", actor=hr_a, target=world.employees["b1"], changes={"org_unit": ["bravo", "bravo-d1"]})
    record("hrscope.granted", actor=None, target=world.units["B"], changes={"role": ["", "hr"]})


def test_administrators_read_every_entry_with_its_changes(client, administrator, entries):
    client.force_login(administrator)

    html = client.get(LOG).content.decode()

    assert "Unit renamed" in html and "Person moved to another unit" in html and "HR scope granted" in html
    assert "Old → New" in html and "— → hr" in html
    assert "the system" in html


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ({"action": "orgunit.renamed"}, "Unit renamed", "Person moved to another unit"),
        ({"actor": "hr.alp"}, "Person moved to another unit", "Unit renamed"),
        ({"target": "B-001"}, "Person moved to another unit", "HR scope granted"),
    ],
)
def test_filters_narrow_the_log(client, administrator, entries, query, shown, hidden):
    client.force_login(administrator)

    html = client.get(LOG, query).content.decode()

    # The action select lists every label; the rows are the table cells.
    assert f"<td>{shown}</td>" in html and f"<td>{hidden}</td>" not in html


def test_an_unknown_action_filter_shows_nothing_rather_than_failing(client, administrator, entries):
    client.force_login(administrator)

    response = client.get(LOG, {"action": "drop.table", "p": "abc"})

    assert response.status_code == 200 and "No entry matches." in response.content.decode()


def test_the_log_pages_by_fifty(client, administrator, world):
    for number in range(55):
        record("orgunit.renamed", actor=administrator, target=world.units["A"], changes={"n": number})
    client.force_login(administrator)

    first, second = client.get(LOG).content.decode(), client.get(LOG, {"p": "2"}).content.decode()

    assert first.count("<td>Unit renamed</td>") == 50 and second.count("<td>Unit renamed</td>") == 5


@pytest.mark.parametrize("who", ["hr_a", "ministry_admin_a"])
def test_hr_officers_and_ministry_administrators_get_404(client, request, entries, who):
    client.force_login(request.getfixturevalue(who))

    response = client.get(LOG, follow=True)

    assert response.status_code == 404 and "Unit renamed" not in response.content.decode()
