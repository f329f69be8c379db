"""Probes for load balancers and orchestrators (docs/deploy.md, "Health").

`/healthz`: the process answers; it asks nothing of anyone, so a database outage never gets every
node restarted at once. `/readyz`: this node can serve: the database answers, every migration is
applied, the broker accepts a connection and both storages write, read and delete a file. Any
failure is a 503, so the load balancer sends traffic elsewhere until it passes again.
"""

from __future__ import annotations

import dataclasses

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_GET
from health_check.base import HealthCheck
from health_check.checks import Database as DatabaseCheck
from health_check.checks import Storage
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView

from lms.celery import app as celery_app


@dataclasses.dataclass
class Database(DatabaseCheck):
    """The library's probe, closing the connection it opened in the probe's own thread."""

    def run(self) -> None:
        try:
            super().run()
        finally:
            connections[self.alias].close()


@dataclasses.dataclass
class Migrations(HealthCheck):
    """Code newer than the schema must not serve: every migration on disk is applied."""

    def run(self) -> None:
        try:
            executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
            if executor.migration_plan(executor.loader.graph.leaf_nodes()):
                raise ServiceUnavailable("Migrations not applied")
        finally:
            connections[DEFAULT_DB_ALIAS].close()


@dataclasses.dataclass
class Broker(HealthCheck):
    """The broker accepts a connection: what was published from here reaches a worker."""

    def run(self) -> None:
        try:
            with celery_app.connection_for_write() as connection:
                connection.ensure_connection(max_retries=1, timeout=settings.QUDRA_READY_PROBE_SECONDS)
        except Exception as error:
            raise ServiceUnavailable("Broker unreachable") from error


class ReadinessView(HealthCheckView):
    checks = (
        Database,
        Migrations,
        Broker,
        (Storage, {"alias": "default"}),
        (Storage, {"alias": "private"}),
    )

    async def get(self, request, *args, **kwargs):
        response = await super().get(request, *args, **kwargs)
        if response.status_code == 500:
            response.status_code = 503
            response["Retry-After"] = "5"
        return response


@require_GET
def alive(request: HttpRequest) -> HttpResponse:
    response = HttpResponse("ok\n", content_type="text/plain; charset=utf-8")
    add_never_cache_headers(response)
    return response
