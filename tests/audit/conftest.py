"""Fixtures of the audit tests: the two-ministry HR world and its staff."""

from tests.builders.hr_world import administrator, hr_a, ministry_admin_a, world  # noqa: F401  (fixtures)
