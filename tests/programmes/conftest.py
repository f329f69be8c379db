"""Fixtures for the programme tests: the four-course track, a certificate template, a private broker."""

from tests.builders.audience import audience  # noqa: F401  (fixture)
from tests.builders.certificates import certificate_template, private_broker  # noqa: F401  (fixtures)
from tests.builders.programmes import track  # noqa: F401  (fixture)
