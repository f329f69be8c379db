"""Prometheus metrics at /metrics (docs/deploy.md, "Metrics"), for the holder of the metrics token only.

Requests (counts, latencies, statuses by view) come from django-prometheus's middleware, summed over
gunicorn's workers when PROMETHEUS_MULTIPROC_DIR is set (gunicorn.conf.py). The backlogs are read
from the database and the broker at each scrape, so every node reports the same figures:
certificates pending and the age of the oldest, exports waiting or building, notification e-mails not
sent, and the messages waiting in each Celery queue.
"""

from __future__ import annotations

import hmac
import logging
import os
from collections.abc import Iterator

from django.conf import settings
from django.db.models import Count, Min
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET
from prometheus_client import REGISTRY, CollectorRegistry, generate_latest, multiprocess
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from certificates.models import Certificate
from exports.models import ExportJob
from lms.celery import app as celery_app
from notifications.models import Notification

logger = logging.getLogger(__name__)
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


def queue_depths() -> dict[str, int]:
    """Messages waiting in each queue this app declares; a queue the broker cannot tell is left out."""
    depths: dict[str, int] = {}
    with celery_app.connection_for_read() as connection:
        connection.ensure_connection(max_retries=1, timeout=2)
        for name in sorted(celery_app.amqp.queues):
            channel = connection.channel()
            try:
                depths[name] = channel.queue_declare(queue=name, passive=True).message_count
            except Exception:  # noqa: BLE001  (a queue nobody declared yet: nothing waits in it)
                depths[name] = 0
            finally:
                channel.close()
    return depths


class BacklogCollector(Collector):
    def collect(self) -> Iterator[Metric]:
        now = timezone.now()
        pending = Certificate.objects.filter(status=Certificate.Status.PENDING).aggregate(
            count=Count("id"), oldest=Min("created_at")
        )
        yield GaugeMetricFamily("qudra_certificates_pending", "Certificates waiting to be issued", pending["count"])
        age = (now - pending["oldest"]).total_seconds() if pending["oldest"] else 0.0
        yield GaugeMetricFamily(
            "qudra_certificates_pending_oldest_age_seconds", "Age of the oldest pending certificate", age
        )
        exports = GaugeMetricFamily("qudra_exports_unfinished", "Exports waiting or building", labels=["status"])
        counts = dict(
            ExportJob.objects.filter(status__in=[ExportJob.Status.PENDING, ExportJob.Status.RUNNING])
            .values_list("status")
            .annotate(count=Count("id"))
        )
        for status in (ExportJob.Status.PENDING, ExportJob.Status.RUNNING):
            exports.add_metric([status.value], counts.get(status.value, 0))
        yield exports
        yield GaugeMetricFamily(
            "qudra_notification_emails_unsent",
            "Notifications not e-mailed yet",
            Notification.objects.filter(emailed_at__isnull=True).count(),
        )
        yield from self._queues()

    def _queues(self) -> Iterator[Metric]:
        up = GaugeMetricFamily("qudra_broker_up", "1 when the broker answered this scrape")
        depth = GaugeMetricFamily("qudra_celery_queue_messages", "Messages waiting in a Celery queue", labels=["queue"])
        try:
            depths = queue_depths()
        except Exception:  # noqa: BLE001  (the broker is down: say so, keep the other figures)
            logger.warning("Metrics: the broker did not answer")
            up.add_metric([], 0)
        else:
            up.add_metric([], 1)
            for name, count in depths.items():
                depth.add_metric([name], count)
        yield up
        yield depth


_backlog = CollectorRegistry(auto_describe=False)
_backlog.register(BacklogCollector())


def _authorised(request: HttpRequest) -> bool:
    token = settings.QUDRA_METRICS_TOKEN
    given = request.headers.get("Authorization", "")
    return bool(token) and hmac.compare_digest(given.encode(), f"Bearer {token}".encode())


@require_GET
def metrics(request: HttpRequest) -> HttpResponse:
    # Unauthorised and switched off look the same as an address that does not exist.
    if not _authorised(request):
        raise Http404
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        requests = CollectorRegistry()
        multiprocess.MultiProcessCollector(requests)
    else:
        requests = REGISTRY
    body = generate_latest(requests) + generate_latest(_backlog)
    response = HttpResponse(body, content_type=CONTENT_TYPE)
    response["Cache-Control"] = "no-store"
    return response
