"""``manage.py seed_scale``: load the deterministic OMAN-250k dataset into an empty PostgreSQL database."""

from __future__ import annotations

import datetime
import time

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from tqdm import tqdm

from demo.scale.dataset import ScaleDataset
from demo.scale.shape import DEFAULT_SEED


class Command(BaseCommand):
    help = (
        "Generate OMAN-250k (250,000 employees in 17 ministries, 400 courses, ~1M enrolments, ~12M module "
        "progress rows) into an empty, migrated PostgreSQL database. Use a database of its own, e.g. "
        "DATABASE_URL=postgres://.../qudra_scale."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--scale", type=float, default=1.0, help="Fraction of the people to generate (1.0 = 250,000 employees)."
        )
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="Random seed (same seed, same data).")
        parser.add_argument(
            "--as-of",
            type=datetime.date.fromisoformat,
            default=None,
            help="Date the dataset is anchored to, YYYY-MM-DD (default: today). Dates are relative to it so "
            "dashboards and overdue figures stay meaningful; same seed, scale and date give identical rows.",
        )

    def handle(self, *args, scale: float, seed: int, as_of: datetime.date | None, verbosity: int, **options) -> None:
        if not 0 < scale <= 1:
            raise CommandError("--scale must be greater than 0 and at most 1.")
        as_of = as_of or datetime.date.today()
        show = verbosity > 0

        def progress(label: str, total: int):
            return tqdm(total=total, desc=label, unit="row", unit_scale=True, disable=not show, file=self.stderr._out)

        dataset = ScaleDataset(scale=scale, seed=seed, as_of=as_of, progress=progress)
        started = time.monotonic()
        try:
            report = dataset.run()
        except RuntimeError as error:
            raise CommandError(str(error)) from error
        elapsed = time.monotonic() - started
        if show:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
                size = cursor.fetchone()[0]
            counts = ", ".join(f"{name} {count:,}" for name, count in report.counts.items())
            phases = ", ".join(f"{name} {seconds}s" for name, seconds in report.seconds.items())
            self.stdout.write(self.style.SUCCESS(f"OMAN-250k (scale {scale}, seed {seed}, as of {as_of}): {counts}."))
            self.stdout.write(f"Took {elapsed:.0f}s ({phases}); database size {size}.")
