import pytest
from django.core.files.storage import storages

from lms.settings.storage import storages_setting
from tests.builders.certificates import certificate_template, private_broker  # noqa: F401  (fixtures)
from tests.builders.hr_world import administrator, hr_a, hr_client, world  # noqa: F401  (fixtures)
from tests.builders.object_store import moto_server, new_bucket, private_file_fields


@pytest.fixture(scope="session")
def s3_endpoint(tmp_path_factory):
    with moto_server(tmp_path_factory.mktemp("moto") / "moto.log") as endpoint:
        yield endpoint


@pytest.fixture
def object_store(s3_endpoint, settings, monkeypatch, tmp_path):
    """This process's media and private files in a fresh bucket of the S3 server; yields its environment."""
    environment = new_bucket(s3_endpoint)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    settings.STORAGES = {**storages_setting(private_root=tmp_path), "staticfiles": settings.STORAGES["staticfiles"]}
    for field in private_file_fields():
        monkeypatch.setattr(field, "storage", storages["private"])
    yield environment


@pytest.fixture
def bucket_keys(object_store):
    """The keys in this test's bucket, read from the S3 server itself."""
    from tests.builders.object_store import object_keys

    return lambda: object_keys(object_store["QUDRA_S3_ENDPOINT_URL"], object_store["QUDRA_S3_BUCKET"])
