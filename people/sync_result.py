"""What a sync of organisation units or people did: its figures, the rows it skipped and the rows it refused."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class RowError:
    """One row's problem: the row's index in the request (from 0), the field it concerns ("" for the row as a
    whole) and a sentence in the active language."""

    index: int
    field: str
    message: str


@dataclass
class SyncResult:
    """The figures of one sync call. ``applied`` is false when nothing was written: a dry run, or an
    all-or-nothing call with a problem. A dry run still counts what it would have done."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    # Units placed under another parent; employees put in another unit.
    moved: int = 0
    # Employees whose row says they are no longer active (leavers); their account stops signing in.
    deactivated: int = 0
    # Rows not written because they belong to a staff account (people.import_accounts).
    skipped: list[RowError] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    applied: bool = False

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.moved or self.deactivated)

    def counts(self) -> dict[str, int]:
        """The figures, as the audit log keeps them."""
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "moved": self.moved,
            "deactivated": self.deactivated,
            "skipped": len(self.skipped),
            "errors": len(self.errors),
        }
