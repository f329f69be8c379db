"""The open-data table: anonymised figures per ministry and skill of the framework, with small cells suppressed.

Computed from the learning records by a handful of aggregate queries (see ``open_data_rows``) and
stored as a snapshot by ``impact.services.publish_open_data``; the public pages serve only snapshots.
The columns are documented in docs/open-data.md; their names are part of the published interface.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Substr

from people.models import OrgUnit
from reports.selectors import STEPLEN
from skills.models import Skill

from .selectors import completed_enrolments, one_decimal, uplift_ratings
from .suppression import TOTAL, suppress

# Completions of courses that declare no skill: a column of their own, so the ministry totals never
# exceed the sum of the published columns by a hidden small number.
UNCLASSIFIED = "unclassified"

FIELDS = (
    "ministry_code",
    "ministry_name_en",
    "ministry_name_ar",
    "skill_area_code",
    "skill_area_name_en",
    "skill_area_name_ar",
    "people_trained",
    "completions",
    "learning_hours",
    "suppressed",
    "average_uplift",
    "uplift_people",
    "uplift_suppressed",
)


@dataclass
class Cell:
    people: int = 0
    completions: int = 0
    hours: int = 0
    uplift_total: int = 0
    uplift_people: int = 0
    # Learner-skill pairs behind uplift_total: the same as uplift_people except across skills.
    uplift_pairs: int | None = None

    @property
    def uplift_count(self) -> int:
        return self.uplift_people if self.uplift_pairs is None else self.uplift_pairs

    def add(self, other: Cell) -> None:
        self.people += other.people
        self.completions += other.completions
        self.hours += other.hours
        self.uplift_total += other.uplift_total
        self.uplift_people += other.uplift_people
        if other.uplift_pairs is not None:
            self.uplift_pairs = (self.uplift_pairs or 0) + other.uplift_pairs


Key = tuple[str, str]  # (ministry code or TOTAL, skill code or UNCLASSIFIED or TOTAL)


def _ministry_of_path() -> Substr:
    return Substr("learner__employee__org_unit__path", 1, STEPLEN)


def raw_cells() -> tuple[dict[Key, Cell], list[OrgUnit], list[Skill]]:
    """Exact figures for every ministry x skill, ministry totals, skill totals and the national total.

    Six aggregate queries (ministries, skills, completions per skill, completions per ministry, uplift
    per ministry and skill, uplift per ministry) however many records there are. People are counted once per cell;
    across ministries they add up (everyone works in one ministry), across skills they do not
    (one person may train in several), which is why ministry totals are counted separately.
    """
    ministries = list(OrgUnit.get_root_nodes())
    code_of_path = {ministry.path: ministry.code for ministry in ministries}
    skills = list(Skill.objects.order_by("sort_order", "code"))
    code_of_skill = {skill.id: skill.code for skill in skills}
    columns = [*code_of_skill.values(), UNCLASSIFIED]
    cells: dict[Key, Cell] = {
        (row, column): Cell() for row in [*code_of_path.values(), TOTAL] for column in [*columns, TOTAL]
    }

    _count_completions(cells, code_of_path, code_of_skill)
    _count_uplift(cells, code_of_path, code_of_skill)
    # Across ministries everything adds up: the area totals and the national total are sums.
    for (row, column), cell in list(cells.items()):
        if row != TOTAL:
            cells[TOTAL, column].add(cell)
    return cells, ministries, skills


def _count_completions(cells: dict[Key, Cell], code_of_path: dict[str, str], code_of_skill: dict[int, str]) -> None:
    """People, completions and hours per ministry x skill area, and per ministry (two queries)."""
    completed = completed_enrolments(Q()).annotate(ministry=_ministry_of_path())
    per_skill = (
        completed.annotate(skill=F("course__skills_built__skill_id"))
        .values_list("ministry", "skill")
        .annotate(people=Count("learner_id", distinct=True), n=Count("id"), hours=Sum("course__estimated_hours"))
        .order_by()
    )
    for ministry_path, skill_id, people, completions, hours in per_skill:
        column = UNCLASSIFIED if skill_id is None else code_of_skill.get(skill_id)
        row = code_of_path.get(ministry_path)
        if row is None or column is None:
            continue
        cells[row, column].add(Cell(people=people, completions=completions, hours=hours or 0))
    per_ministry = (
        completed.values_list("ministry")
        .annotate(people=Count("learner_id", distinct=True), n=Count("id"), hours=Sum("course__estimated_hours"))
        .order_by()
    )
    for ministry_path, people, completions, hours in per_ministry:
        if ministry_path in code_of_path:
            cells[code_of_path[ministry_path], TOTAL].add(
                Cell(people=people, completions=completions, hours=hours or 0)
            )


def _count_uplift(cells: dict[Key, Cell], code_of_path: dict[str, str], code_of_skill: dict[int, str]) -> None:
    """Self-assessed uplift per ministry x skill area, and the pairs and people behind each ministry (two queries)."""
    ratings = uplift_ratings(Q()).annotate(ministry=Substr("assessment__learner__employee__org_unit__path", 1, STEPLEN))
    uplift = (
        ratings.values_list("ministry", "skill_id")
        .annotate(total=Sum(F("level") - F("pre_level")), n=Count("id"))
        .order_by()
    )
    for ministry_path, skill_id, total, count in uplift:
        row, column = code_of_path.get(ministry_path), code_of_skill.get(skill_id)
        if row is None or column is None:
            continue
        # Within one skill each learner has one uplift, so pairs are people.
        cells[row, column].uplift_total += total
        cells[row, column].uplift_people += count
        cells[row, TOTAL].uplift_total += total
    # Across skills the average is over every learner-skill pair, but the people behind it are
    # counted once each: that is the number the threshold applies to.
    pairs_and_people = (
        ratings.values_list("ministry")
        .annotate(pairs=Count("id"), people=Count("assessment__learner_id", distinct=True))
        .order_by()
    )
    for ministry_path, pairs, people in pairs_and_people:
        if ministry_path in code_of_path:
            cells[code_of_path[ministry_path], TOTAL].uplift_pairs = pairs
            cells[code_of_path[ministry_path], TOTAL].uplift_people = people


def open_data_rows(minimum: int) -> list[dict]:
    """The published rows: every ministry (and "all") x every skill (and "unclassified", "all")."""
    cells, ministries, skills = raw_cells()
    hidden = suppress({key: cell.people for key, cell in cells.items()}, minimum)
    hidden_uplift = suppress({key: cell.uplift_people for key, cell in cells.items()}, minimum, also=hidden)
    ministry_names = {ministry.code: (ministry.name_en, ministry.name_ar) for ministry in ministries}
    ministry_names[TOTAL] = ("All ministries", "جميع الوزارات")
    skill_names = {skill.code: (skill.name_en, skill.name_ar) for skill in skills}
    skill_names[UNCLASSIFIED] = ("Courses that declare no skill", "دورات لا تحدد أي مهارة")
    skill_names[TOTAL] = ("All skills", "جميع المهارات")
    rows = []
    for (ministry, skill), cell in cells.items():
        suppressed, uplift_suppressed = (ministry, skill) in hidden, (ministry, skill) in hidden_uplift
        average = None
        if not uplift_suppressed and cell.uplift_count:
            average = float(one_decimal(Decimal(cell.uplift_total) / cell.uplift_count))
        rows.append(
            {
                "ministry_code": ministry,
                "ministry_name_en": ministry_names[ministry][0],
                "ministry_name_ar": ministry_names[ministry][1],
                "skill_area_code": skill,
                "skill_area_name_en": skill_names[skill][0],
                "skill_area_name_ar": skill_names[skill][1],
                "people_trained": None if suppressed else cell.people,
                "completions": None if suppressed else cell.completions,
                "learning_hours": None if suppressed else cell.hours,
                "suppressed": suppressed,
                "average_uplift": average,
                "uplift_people": None if uplift_suppressed else cell.uplift_people,
                "uplift_suppressed": uplift_suppressed,
            }
        )
    return rows
