"""A paginator that stops counting at a cap, so a national listing does not count a million rows per page view."""

from __future__ import annotations

from django.conf import settings
from django.utils.functional import cached_property
from wagtail.admin.paginator import WagtailPaginator


class CappedPaginator(WagtailPaginator):
    """Counts at most ``cap`` rows (one ``LIMIT`` query); beyond that the listing says "more than".

    Paging through more rows than the cap is never useful on screen; exports still carry every row.
    """

    @cached_property
    def cap(self) -> int:
        return settings.QUDRA_REPORTS_COUNT_CAP

    @cached_property
    def is_capped(self) -> bool:
        # Ordering is irrelevant for counting and would force a sort inside the LIMIT subquery.
        return self.object_list.order_by()[: self.cap + 1].count() > self.cap

    @cached_property
    def count(self) -> int:
        if self.is_capped:
            return self.cap
        return self.object_list.order_by().count() if self.cap > 0 else 0
