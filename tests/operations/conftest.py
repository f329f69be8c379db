from tests.builders.certificates import certificate_template, private_broker  # noqa: F401  (fixtures)
