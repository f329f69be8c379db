"""The lockout rule django-axes applies: failed log-ins per account and per address, each with its limit.

Axes compares one failure count with one limit (``AXES_FAILURE_LIMIT``, the account's). This handler
counts both the account's failures and the address's within the cool-off window, and reports an address
that has used its larger budget as having reached the account limit, so axes refuses it too.
"""

from __future__ import annotations

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Q, Sum


class LockoutHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials: dict | None = None) -> int:
        username = get_client_username(request, credentials)
        window = AccessAttempt.objects.filter(attempt_time__gte=get_cool_off_threshold(request))
        totals = window.aggregate(
            account=Sum("failures_since_start", filter=Q(username=username)),
            address=Sum("failures_since_start", filter=Q(ip_address=request.axes_ip_address)),
        )
        account = (totals["account"] or 0) if username else 0
        if (totals["address"] or 0) >= settings.QUDRA_LOCKOUT_ADDRESS_FAILURES:
            return max(account, settings.QUDRA_LOCKOUT_ACCOUNT_FAILURES)
        return account
