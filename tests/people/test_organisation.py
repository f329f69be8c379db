"""The organisation tree and employee profiles: subtrees, names in the reader's language, one scope per unit."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.utils import translation

from people.models import HRScope, OrgUnit
from tests.factories import EmployeeFactory, UserFactory, make_org_unit


@pytest.fixture
def ministries(db) -> dict[str, OrgUnit]:
    labour = make_org_unit("mol")
    human_resources = make_org_unit("mol-dghr", labour, OrgUnit.Kind.DIRECTORATE)
    training = make_org_unit("mol-training", human_resources, OrgUnit.Kind.DEPARTMENT)
    health = make_org_unit("moh")
    return {"labour": labour, "human resources": human_resources, "training": training, "health": health}


def test_a_subtree_is_the_unit_and_everything_below_it(ministries):
    # Units are kept in name order, so adding the Ministry of Health moved the Ministry of Labour's
    # path: a unit's path is read fresh before it is used as a prefix.
    labour = OrgUnit.objects.get(code="mol")
    subtree = OrgUnit.objects.filter(path__startswith=labour.path)

    assert set(subtree.values_list("code", flat=True)) == {"mol", "mol-dghr", "mol-training"}
    assert OrgUnit.objects.get(code="mol-training").get_parent().get_parent() == labour
    assert [unit.code for unit in OrgUnit.get_root_nodes()] == ["moh", "mol"]


def test_names_follow_the_active_language(ministries):
    unit = ministries["training"]
    employee = EmployeeFactory(org_unit=unit, full_name_en="Aisha Al-Balushi", full_name_ar="عائشة البلوشية")

    with translation.override("ar"):
        assert (str(unit), employee.full_name) == ("وحدة mol-training", "عائشة البلوشية")
    with translation.override("en"):
        assert (str(unit), employee.full_name) == ("Unit mol-training", "Aisha Al-Balushi")


def test_an_hr_officer_is_scoped_to_a_unit_once(ministries):
    officer = UserFactory(username="hr")
    HRScope.objects.create(user=officer, org_unit=ministries["labour"])

    with pytest.raises(IntegrityError), transaction.atomic():
        HRScope.objects.create(user=officer, org_unit=ministries["labour"])
    HRScope.objects.create(user=officer, org_unit=ministries["health"])

    assert officer.hr_scopes.count() == 2
