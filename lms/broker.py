"""kombu's Redis transport with a fix for the worker crash when Redis goes away (docs/resilience.md).

celery 5.7.0 / kombu 5.7.0 (the latest releases): when the connection to Redis drops while the worker
holds an unacknowledged message (``acks_late``, or a retry waiting for its countdown), the consumer
closes the connection, and closing the channel tries to put the message back. By then kombu has
detached the channel's connection details, so building the Redis client raises
``AttributeError: 'NoneType' object has no attribute 'hostname'``. That error is not one of the
transport's connection errors, so celery calls it unrecoverable and the worker exits.

Here the missing details are reported as what they mean, a lost connection: celery's usual
handling applies (the error is ignored, the worker reconnects), and the message stays in Redis's
"unacked" set, from which kombu restores it once the visibility timeout has passed. Our tasks are
safe to run twice and every job also has its row and sweep, so nothing waits on that restore.
"""

from __future__ import annotations

from kombu.transport import redis as kombu_redis
from redis.exceptions import ConnectionError as RedisConnectionError


class Channel(kombu_redis.Channel):
    def _connparams(self, asynchronous: bool = False) -> dict:
        if self.connection.client is None:
            raise RedisConnectionError("the broker connection is closed")
        return super()._connparams(asynchronous=asynchronous)


class Transport(kombu_redis.Transport):
    Channel = Channel
