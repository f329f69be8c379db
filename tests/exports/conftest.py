"""Background exports are asked for from the HR reports: the two-ministry world and its HR officer."""

from tests.builders.hr_world import hr_a, hr_client, world  # noqa: F401  (fixtures)
