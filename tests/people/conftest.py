"""Fixtures of the people tests: the platform's roles and two trainers; the two-ministry HR world and its staff."""

from tests.builders.hr_world import administrator, hr_a, ministry_admin_a, world  # noqa: F401  (fixtures)
from tests.builders.roles import other_trainer, roles, trainer  # noqa: F401  (fixtures)
