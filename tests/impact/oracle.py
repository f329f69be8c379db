"""The figures recomputed the slow, obvious way: Python loops over every record, no aggregation in SQL."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from certificates.models import Certificate
from courses.models import Enrolment
from feedback.models import Feedback
from people.models import Employee
from skills.models import CourseSkill, SelfRating


@dataclass
class Expected:
    people: set = field(default_factory=set)
    completions: int = 0
    certificates: int = 0
    hours: int = 0
    ratings: list[int] = field(default_factory=list)
    uplift: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))


def uplift_pairs() -> dict[tuple[int, int], int]:
    """(learner id, skill id) -> latest post level minus the first pre level given no later than it."""
    ratings: dict[tuple[int, int], list] = defaultdict(list)
    for rating in SelfRating.objects.select_related("assessment"):
        key = (rating.assessment.learner_id, rating.skill_id)
        ratings[key].append((rating.assessment.stage, rating.assessment.submitted_at, rating.id, rating.level))
    result = {}
    for key, entries in ratings.items():
        posts = sorted((at, rid, level) for stage, at, rid, level in entries if stage == "post")
        if not posts:
            continue
        post_at, _rid, post_level = posts[-1]
        pres = sorted((at, rid, level) for stage, at, rid, level in entries if stage == "pre" and at <= post_at)
        if pres:
            result[key] = post_level - pres[0][2]
    return result


def expected(include: Callable[[Employee], bool]) -> Expected:
    employees = {employee.user_id: employee for employee in Employee.objects.select_related("org_unit")}
    result = Expected()
    for enrolment in Enrolment.objects.select_related("course"):
        employee = employees.get(enrolment.learner_id)
        if employee is None or not include(employee) or enrolment.status != Enrolment.Status.COMPLETED:
            continue
        result.people.add(enrolment.learner_id)
        result.completions += 1
        result.hours += enrolment.course.estimated_hours
    for certificate in Certificate.objects.all():
        employee = employees.get(certificate.holder_id)
        if employee and include(employee) and certificate.status == Certificate.Status.ISSUED:
            result.certificates += 1
    for feedback in Feedback.objects.select_related("enrolment"):
        employee = employees.get(feedback.enrolment.learner_id)
        if employee and include(employee):
            result.ratings.append(feedback.rating)
    for (learner_id, skill_id), uplift in uplift_pairs().items():
        employee = employees.get(learner_id)
        if employee and include(employee):
            result.uplift[skill_id].append(uplift)
    return result


def in_subtree(path: str) -> Callable[[Employee], bool]:
    return lambda employee: employee.org_unit.path.startswith(path)


def skills_of_courses() -> dict[int, set[int]]:
    result: dict[int, set[int]] = defaultdict(set)
    for link in CourseSkill.objects.all():
        result[link.course_id].add(link.skill_id)
    return result
