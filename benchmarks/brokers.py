"""Redis and RabbitMQ as Celery brokers (docs/resilience.md): publish latency, publish-to-consume round
trip and drain rate with acknowledgements, as Celery uses them (persistent messages, one queue).

Brokers: Redis at CELERY_BROKER_URL (when it is redis://) and RabbitMQ at QUDRA_BENCH_AMQP_URL
(default amqp://guest:guest@127.0.0.1:5672//); one that cannot be reached is reported as such.
Each figure is the median of ROUNDS rounds; the load average is printed with it (a shared machine).
"""

from __future__ import annotations

import os
import statistics
import time
import uuid

from kombu import Connection, Exchange, Queue

MESSAGES = 1000
ROUND_TRIPS = 200
ROUNDS = 3
BODY = {"task": "certificates.tasks.issue_certificate_task", "args": [123456], "kwargs": {}}


def _brokers() -> dict[str, str]:
    brokers = {}
    redis_url = os.environ.get("CELERY_BROKER_URL", "")
    if redis_url.startswith("redis://"):
        brokers["redis"] = redis_url
    brokers["rabbitmq"] = os.environ.get("QUDRA_BENCH_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672//")
    return brokers


def _round(url: str) -> dict[str, float]:
    name = f"bench-{uuid.uuid4().hex[:8]}"
    exchange = Exchange(name, type="direct")
    queue = Queue(name, exchange, routing_key=name, durable=True)
    with Connection(url, connect_timeout=2) as connection:
        connection.ensure_connection(max_retries=1)
        channel = connection.channel()
        bound = queue(channel)
        bound.declare()
        producer = connection.Producer(channel, exchange=exchange, routing_key=name)
        samples = []
        for _ in range(MESSAGES):
            started = time.perf_counter()
            producer.publish(BODY, serializer="json", delivery_mode=2)
            samples.append(time.perf_counter() - started)
        drained = 0
        started = time.perf_counter()
        while drained < MESSAGES:
            message = bound.get(no_ack=False)
            if message is None:
                continue
            message.ack()
            drained += 1
        drain_seconds = time.perf_counter() - started
        trips = []
        for _ in range(ROUND_TRIPS):
            started = time.perf_counter()
            producer.publish(BODY, serializer="json", delivery_mode=2)
            message = None
            while message is None:
                message = bound.get(no_ack=False)
            message.ack()
            trips.append(time.perf_counter() - started)
        bound.delete()
    return {
        "publish_ms_median": statistics.median(samples) * 1000,
        "round_trip_ms_median": statistics.median(trips) * 1000,
        "drain_per_second": MESSAGES / drain_seconds,
    }


def run() -> dict:
    results: dict[str, object] = {"messages": MESSAGES, "round_trips": ROUND_TRIPS, "rounds": ROUNDS}
    for broker, url in _brokers().items():
        try:
            rounds = [_round(url) for _ in range(ROUNDS)]
        except Exception as error:  # a broker that is not there is a result, not a crash
            results[broker] = {"unavailable": str(error)}
            continue
        results[broker] = {key: round(statistics.median(entry[key] for entry in rounds), 3) for key in rounds[0]} | {
            "load_average": os.getloadavg()
        }
    return results
