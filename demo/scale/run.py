"""The state one generation run shares with its phases: seed, scale, "as of" date, progress, report."""

from __future__ import annotations

import datetime
import time
from dataclasses import dataclass, field

from .shape import DEFAULT_SEED, FULL_EMPLOYEES, FUTURE_DAYS


@dataclass
class ScaleReport:
    """What was generated and how long each phase took, for the command's summary."""

    counts: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)


class ScaleRun:
    """One generation run: its seed, scale and date, the progress bars and the report of what was written."""

    def __init__(self, *, scale: float = 1.0, seed: int = DEFAULT_SEED, as_of: datetime.date, progress=None):
        self.scale = scale
        self.seed = seed
        self.as_of = as_of
        self.employees = max(20, round(FULL_EMPLOYEES * scale))
        # ``progress(label, total)`` returns an object with ``update(n)`` and ``close()`` (tqdm does).
        self.progress = progress
        self.report = ScaleReport()
        # Date strings by "days before as_of"; negative offsets (due dates ahead) are stored first.
        self.days = [(as_of - datetime.timedelta(days=offset)).isoformat() for offset in range(-FUTURE_DAYS, 5 * 366)]

    def bar(self, label: str, total: int):
        if self.progress is None:
            return None
        return self.progress(label, total)

    @staticmethod
    def close_bar(bar) -> None:
        if bar is not None:
            bar.update(bar.total - bar.n)
            bar.close()

    def timed(self, phase: str, started: float) -> None:
        self.report.seconds[phase] = round(time.monotonic() - started, 1)

    def date(self, days_ago: int) -> str:
        return self.days[days_ago + FUTURE_DAYS]

    def timestamp(self, days_ago: int, slot: int) -> str:
        # Working hours in Muscat; the slot spreads events of one day over the morning.
        return f"{self.date(max(days_ago, 0))} {8 + slot % 8:02d}:{(slot * 7) % 60:02d}:00+04"
