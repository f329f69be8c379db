"""Fixtures of the people tests: the platform's roles and two trainers."""

from tests.builders.roles import other_trainer, roles, trainer  # noqa: F401  (fixtures)
