"""One id per request, in every log line it causes: the web process's and those of the tasks it published.

The id comes from the proxy's `X-Request-ID` when it sends a sane one, else it is made here; the
response carries it back. Published tasks carry it in a message header; the worker restores it while
the task runs, so one grep follows a completion from the POST to its certificate.
"""

from __future__ import annotations

import contextvars
import logging
import re
import uuid
from collections.abc import Callable

from celery import signals
from django.http import HttpRequest, HttpResponse

HEADER = "X-Request-ID"
MESSAGE_HEADER = "qudra_request_id"
_SANE = re.compile(r"^[A-Za-z0-9._:-]{8,64}$")

request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        given = request.headers.get(HEADER, "")
        token = request_id.set(given if _SANE.match(given) else uuid.uuid4().hex)
        try:
            response = self.get_response(request)
            response[HEADER] = request_id.get()
            return response
        finally:
            request_id.reset(token)


class RequestIdFilter(logging.Filter):
    """Adds `request_id` (and, inside a task, `task_id`) to every record, empty outside a request."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        if not hasattr(record, "task_id"):
            record.task_id = _task_id.get()
        return True


_task_id: contextvars.ContextVar[str] = contextvars.ContextVar("task_id", default="")


@signals.before_task_publish.connect
def _carry_into_message(headers: dict | None = None, **_kwargs) -> None:
    if headers is not None and request_id.get():
        headers[MESSAGE_HEADER] = request_id.get()


@signals.task_prerun.connect
def _restore_in_worker(task_id: str = "", task=None, **_kwargs) -> None:
    carried = getattr(task.request, MESSAGE_HEADER, None) if task is not None else None
    request_id.set(carried if isinstance(carried, str) and _SANE.match(carried) else "")
    _task_id.set(task_id or "")


@signals.task_postrun.connect
def _forget_after_task(**_kwargs) -> None:
    request_id.set("")
    _task_id.set("")
