"""Liveness, readiness and metrics as a load balancer and Prometheus see them; the request id on answers."""

from __future__ import annotations

from certificates.models import Certificate
from tests.builders.brokers import broker_down
from tests.builders.learning import complete_course
from tests.conftest import requires_redis

TOKEN = "metrics-token-for-tests"


def test_liveness_asks_nothing_of_the_database(client):
    # No database fixture: any query would fail the test.
    response = client.get("/healthz")
    assert response.status_code == 200 and response.content == b"ok\n"
    assert "no-cache" in response["Cache-Control"]


@requires_redis
def test_readiness_checks_database_migrations_broker_and_both_storages(client, db):
    response = client.get("/readyz", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    checks = response.json()
    assert len(checks) == 5 and set(checks.values()) == {"OK"}
    assert any(name.startswith("Migrations") for name in checks)
    assert any(name.startswith("Broker") for name in checks)


def test_a_node_whose_broker_is_down_is_not_ready(client, db):
    with broker_down():
        response = client.get("/readyz", HTTP_ACCEPT="application/json")
    assert response.status_code == 503 and response["Retry-After"] == "5"
    checks = response.json()
    assert [value for name, value in checks.items() if name.startswith("Broker")] == ["Unavailable: Broker unreachable"]
    assert [value for name, value in checks.items() if name.startswith("Database")] == ["OK"]


def test_metrics_are_refused_without_the_token(client, settings, db):
    settings.QUDRA_METRICS_TOKEN = ""
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer ").status_code == 404
    settings.QUDRA_METRICS_TOKEN = TOKEN
    assert client.get("/metrics").status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 404


@requires_redis
def test_metrics_report_requests_backlogs_and_queues(client, settings, learner, course, certificate_template):
    settings.QUDRA_METRICS_TOKEN = TOKEN
    complete_course(learner, course)  # not committed: the certificate stays pending, nothing publishes
    assert Certificate.objects.filter(status=Certificate.Status.PENDING).count() == 1
    client.get("/healthz")
    body = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}").content.decode()
    assert "qudra_certificates_pending 1.0" in body
    assert "qudra_certificates_pending_oldest_age_seconds" in body
    assert 'qudra_exports_unfinished{status="pending"} 0.0' in body
    assert "qudra_notification_emails_unsent" in body
    assert "qudra_broker_up 1.0" in body and 'qudra_celery_queue_messages{queue="celery"}' in body
    assert 'django_http_responses_total_by_status_view_method_total{method="GET",status="200",view="healthz"}' in body


def test_every_answer_carries_a_request_id_and_a_sane_one_from_the_proxy_is_kept(client):
    made = client.get("/healthz")["X-Request-ID"]
    assert len(made) == 32
    assert client.get("/healthz", HTTP_X_REQUEST_ID="proxy-id-1234")["X-Request-ID"] == "proxy-id-1234"
    assert client.get("/healthz", HTTP_X_REQUEST_ID="bad id\nwith newline")["X-Request-ID"] != "bad id\nwith newline"
