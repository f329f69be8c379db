"""Every write to programme records: enrolling in a programme, moving it forward, completing it."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.utils import timezone

from courses import services as course_services
from courses.models import source_page
from courses.selectors import completed_course_keys, unmet_prerequisites_of

from .models import ProgrammeEnrolment, ProgrammePage
from .selectors import programme_steps, steps_open_to
from .signals import programme_completed


@transaction.atomic
def enrol_in_programme(
    *,
    learner: User,
    programme: ProgrammePage,
    source: str = ProgrammeEnrolment.Source.SELF,
    due_date: datetime.date | None = None,
) -> ProgrammeEnrolment:
    """Return the learner's current enrolment in the programme, creating it if there is none (idempotent).

    The learner is enrolled (with the same source and due date) in every required course whose
    prerequisites they have met; the others follow as their prerequisites are completed. A learner
    who already completed every required course completes the programme at once.
    """
    programme = source_page(programme)
    current = ProgrammeEnrolment.objects.select_for_update().filter(
        learner=learner, programme=programme, is_current=True
    )
    enrolment = current.first()
    if enrolment is None:
        try:
            with transaction.atomic():
                enrolment = ProgrammeEnrolment.objects.create(
                    learner=learner, programme=programme, source=source, due_date=due_date
                )
        except IntegrityError:
            # Another request enrolled the same learner at the same moment: theirs is the enrolment.
            enrolment = current.get()
    _advance(enrolment)
    return enrolment


@transaction.atomic
def advance_programmes(*, learner: User) -> list[ProgrammeEnrolment]:
    """After a course completion: enrol in newly unlocked required courses, complete finished programmes.

    Runs inside the course-completing transaction. Each open programme enrolment is locked (in id
    order, so two completions never deadlock), so two courses completed at the same moment cannot
    both miss each other: the second to take the lock sees the first's completion.
    """
    enrolments = list(
        ProgrammeEnrolment.objects.select_for_update()
        .filter(learner=learner, is_current=True, completed_at__isnull=True)
        .select_related("programme")
        .order_by("id")
    )
    for enrolment in enrolments:
        _advance(enrolment)
    return enrolments


def _advance(enrolment: ProgrammeEnrolment) -> None:
    """Enrol in the required courses now open to the learner; complete the programme when they are all done.

    The caller holds the programme enrolment's row lock.
    """
    if enrolment.completed_at is not None:
        return
    learner = enrolment.learner
    steps = steps_open_to(steps=programme_steps(programme=enrolment.programme), user=learner)
    required = [step.course for step in steps if not step.optional]
    if not required:
        # Like a course without live modules, a programme without live required courses is never complete.
        return
    done = completed_course_keys(user=learner, translation_keys=[course.translation_key for course in required])
    if len(done) == len(required):
        enrolment.completed_at = timezone.now()
        enrolment.save(update_fields=["completed_at"])
        programme_completed.send(sender=ProgrammeEnrolment, programme_enrolment=enrolment)
        return
    unmet = unmet_prerequisites_of(user=learner, courses=required)
    for course in required:
        if course.translation_key not in done and not unmet[course.translation_key]:
            try:
                course_services.enrol(
                    learner=learner, course=course, source=enrolment.source, due_date=enrolment.due_date
                )
            except course_services.CourseNotOpen:
                # Nothing to learn in it yet; the learner is enrolled once it has a live module.
                continue
