"""Who reaches what: every role against the organisation screens, HR reports, My team and the audit log.

One table, read row by row: for each role, what each address gives. "open" is the page itself (200, or
the redirect an action answers with); "404" is nothing there, as for an address that does not exist;
"refused" is any refusal (the login page, 403, 404, a redirect elsewhere) that shows none of the data.
Ministry B's people and units are 404 for ministry A's administrator and for a manager whose team they
are not in: a refusal must not tell them that the record exists.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlparse

import pytest
from django.urls import reverse
from django.utils import translation

from people.services import TRAINERS
from tests.builders.hr_world import staff_member

OPEN, NOT_FOUND, REFUSED = "open", "404", "refused"
ROLES = ["anonymous", "learner", "manager", "trainer", "hr_a", "ministry_admin_a", "administrator"]


@dataclass
class Target:
    name: str
    url: str
    secret: str  # words only someone allowed may read in the answer
    expected: dict[str, str]  # role -> outcome; roles not named are REFUSED
    method: str = "get"


def learner_url(name: str, *args) -> str:
    with translation.override("en"):
        return reverse(name, args=args)


def targets(world) -> list[Target]:
    a1, b1 = world.employees["a1"], world.employees["b1"]
    unit_a, unit_b = world.units["A1"], world.units["B1"]
    bravo_hidden = {"ministry_admin_a": NOT_FOUND, "hr_a": NOT_FOUND, "administrator": OPEN}
    alpha_admin = {"ministry_admin_a": OPEN, "hr_a": NOT_FOUND, "administrator": OPEN}
    return [
        Target("unit of B", reverse("organisation:unit", args=[unit_b.pk]), "Bravo Directorate", bravo_hidden),
        Target("person of B", reverse("organisation:person", args=[b1.pk]), "Bravo One", bravo_hidden),
        Target("unit of A", reverse("organisation:unit", args=[unit_a.pk]), "Alpha Directorate One", alpha_admin),
        Target("person of A", reverse("organisation:person", args=[a1.pk]), "Alpha One", alpha_admin),
        Target(
            "HR transcript of B",
            reverse("hr_report_transcripts:detail", args=[b1.pk]),
            "Bravo One",
            {"administrator": OPEN},
        ),
        Target(
            "HR transcript of A",
            reverse("hr_report_transcripts:detail", args=[a1.pk]),
            "Alpha One",
            {"administrator": OPEN, "hr_a": OPEN, "ministry_admin_a": OPEN},
        ),
        Target(
            "My team",
            learner_url("teams:my_team"),
            "Alpha One",
            {role: NOT_FOUND for role in ROLES if role not in ("anonymous", "manager")} | {"manager": OPEN},
        ),
        Target(
            "remind someone of B",
            learner_url("teams:remind", b1.pk),
            "Bravo One",
            {role: NOT_FOUND for role in ROLES if role != "anonymous"},
            method="post",
        ),
        Target(
            "remind someone of the team",
            learner_url("teams:remind", a1.pk),
            "Alpha One",
            {role: NOT_FOUND for role in ROLES if role not in ("anonymous", "manager")} | {"manager": OPEN},
            method="post",
        ),
        Target("audit log", reverse("audit_log"), "Audit log", {"administrator": OPEN, "ministry_admin_a": NOT_FOUND}),
    ]


def outcome(response, target: Target) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if response.status_code == 200 and target.secret.encode() in body:
        return OPEN
    if response.status_code == 302 and target.method == "post":
        # An action answers with a redirect; it counts as done only if it led back to the page it acts from.
        return OPEN if "/learning/team/" in urlparse(response["Location"]).path else REFUSED
    if response.status_code == 404:
        return NOT_FOUND
    leaked = target.secret.encode() in body
    return "leak" if leaked else REFUSED


@pytest.fixture
def people_by_role(world, hr_a, administrator, ministry_admin_a):
    manager = world.employees["a2"]
    member = world.employees["a1"]
    member.manager = manager
    member.save(update_fields=["manager"])
    return {
        "anonymous": None,
        "learner": world.employees["a3"].user,
        "manager": manager.user,
        "trainer": staff_member("trainer.matrix", TRAINERS, world.units["A"], "TRN-M"),
        "hr_a": hr_a,
        "ministry_admin_a": ministry_admin_a,
        "administrator": administrator,
    }


@pytest.mark.parametrize("role", ROLES)
def test_each_role_reaches_exactly_what_it_may(client, world, people_by_role, role):
    user = people_by_role[role]
    if user is not None:
        client.force_login(user)
    mismatches = []
    for target in targets(world):
        response = getattr(client, target.method)(target.url)
        expected = target.expected.get(role, REFUSED)
        got = outcome(response, target)
        # A 404 is also a refusal; where the table says "refused" any refusal will do, never the data.
        if got != expected and not (expected == REFUSED and got == NOT_FOUND):
            mismatches.append(f"{target.name} ({target.method.upper()} {target.url}): {got}, expected {expected}")
    assert mismatches == []
