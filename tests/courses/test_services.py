"""Learning-record services: enrolling, the completion rule, the completion signal, shared progress."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction

from courses import selectors, services
from courses.models import Enrolment, ModulePage, ModuleProgress
from courses.signals import course_completed
from tests.builders.courses import modules_of, record_counts
from tests.factories import add_course, add_module


def complete_all(learner, modules) -> None:
    for module in modules:
        services.complete_module(learner=learner, module=module)


def test_enrolling_twice_keeps_one_enrolment(learner, course):
    first = services.enrol(learner=learner, course=course)
    second = services.enrol(learner=learner, course=course)

    assert first.pk == second.pk
    enrolment = Enrolment.objects.get(learner=learner)
    assert (enrolment.course_id, enrolment.cycle, enrolment.is_current) == (course.pk, 1, True)
    assert enrolment.status == Enrolment.Status.NOT_STARTED
    assert enrolment.source == Enrolment.Source.SELF


def test_database_refuses_a_second_current_enrolment(enrolment):
    # enrol() relies on this constraint when two requests enrol the same learner at the same moment.
    with pytest.raises(IntegrityError), transaction.atomic():
        Enrolment.objects.create(learner=enrolment.learner, course=enrolment.course, cycle=2)
    assert Enrolment.objects.count() == 1


def test_enrolling_through_the_translation_enrols_in_the_source_course(learner, course, course_en):
    from_english = services.enrol(learner=learner, course=course_en)
    from_arabic = services.enrol(learner=learner, course=course)

    assert from_english.pk == from_arabic.pk
    assert from_english.course_id == course.pk


def test_other_learners_enrol_separately(learner, other_learner, course):
    mine = services.enrol(learner=learner, course=course)
    theirs = services.enrol(learner=other_learner, course=course)

    assert mine.pk != theirs.pk
    assert Enrolment.objects.count() == 2


def test_opening_a_module_starts_the_enrolment_once(learner, enrolment, modules):
    services.start_module(learner=learner, module=modules[0])
    enrolment.refresh_from_db()
    started_at = enrolment.started_at

    services.start_module(learner=learner, module=modules[0])
    services.start_module(learner=learner, module=modules[1])
    enrolment.refresh_from_db()

    assert enrolment.status == Enrolment.Status.IN_PROGRESS
    assert enrolment.started_at == started_at
    assert list(ModuleProgress.objects.order_by("id").values_list("module_id", "completed_at")) == [
        (modules[0].pk, None),
        (modules[1].pk, None),
    ]


def test_modules_need_an_enrolment(learner, modules):
    with pytest.raises(services.NotEnrolled):
        services.start_module(learner=learner, module=modules[0])
    with pytest.raises(services.NotEnrolled):
        services.complete_module(learner=learner, module=modules[0])

    assert record_counts()["progress"] == 0


def test_course_completes_when_every_required_module_is_completed(learner, enrolment, modules, completions):
    complete_all(learner, modules[:2])
    enrolment.refresh_from_db()
    assert enrolment.completed_at is None
    assert enrolment.status == Enrolment.Status.IN_PROGRESS
    assert completions == []

    services.complete_module(learner=learner, module=modules[2])
    enrolment.refresh_from_db()

    assert enrolment.status == Enrolment.Status.COMPLETED
    assert enrolment.completed_at is not None
    assert ModuleProgress.objects.filter(enrolment=enrolment, completed_at__isnull=False).count() == 3
    assert [completed.pk for completed in completions] == [enrolment.pk]


def test_optional_modules_do_not_block_completion(learner, course, enrolment, modules):
    optional = add_module(course, title="Further reading", required=False)

    complete_all(learner, modules)
    enrolment.refresh_from_db()

    assert enrolment.completed_at is not None
    assert not ModuleProgress.objects.filter(module=optional).exists()


def test_optional_modules_alone_do_not_complete_the_course(learner, course, enrolment, modules):
    optional = add_module(course, title="Further reading", required=False)

    services.complete_module(learner=learner, module=optional)
    enrolment.refresh_from_db()

    assert enrolment.completed_at is None


def test_a_course_without_required_modules_needs_all_of_them(learner, catalogue):
    course = add_course(catalogue, title="Optional reading", modules=0)
    first = add_module(course, title="One", required=False)
    second = add_module(course, title="Two", required=False)
    enrolment = services.enrol(learner=learner, course=course)

    services.complete_module(learner=learner, module=first)
    enrolment.refresh_from_db()
    assert enrolment.completed_at is None
    assert selectors.course_outline(course=course, user=learner).percent == 50

    services.complete_module(learner=learner, module=second)
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None


def test_unpublished_modules_do_not_count(learner, enrolment, modules):
    modules[2].unpublish()

    complete_all(learner, modules[:2])
    enrolment.refresh_from_db()

    assert enrolment.completed_at is not None


def test_a_module_added_after_completion_does_not_uncomplete(learner, course, enrolment, modules, completions):
    complete_all(learner, modules)
    enrolment.refresh_from_db()
    completed_at = enrolment.completed_at

    added = add_module(course, title="New regulations")
    services.complete_module(learner=learner, module=added)
    enrolment.refresh_from_db()

    assert enrolment.status == Enrolment.Status.COMPLETED
    assert enrolment.completed_at == completed_at
    outline = selectors.course_outline(course=course, user=learner)
    assert outline.percent == 100
    assert len(completions) == 1


def test_completing_again_changes_nothing(learner, enrolment, modules, completions):
    complete_all(learner, modules)
    enrolment.refresh_from_db()
    progress_before = dict(ModuleProgress.objects.values_list("module_id", "completed_at"))
    completed_at = enrolment.completed_at

    complete_all(learner, modules)
    enrolment.refresh_from_db()

    assert enrolment.completed_at == completed_at
    assert dict(ModuleProgress.objects.values_list("module_id", "completed_at")) == progress_before
    assert ModuleProgress.objects.count() == 3
    assert len(completions) == 1


def test_course_completed_is_sent_inside_the_completing_transaction(learner, enrolment, modules):
    seen = []

    def receiver(sender, enrolment: Enrolment, **kwargs) -> None:
        # The certificate outbox depends on this: its row commits or rolls back with the completion.
        seen.append((connection.in_atomic_block, enrolment.completed_at is not None, sender))

    course_completed.connect(receiver, dispatch_uid="tests-inside-transaction")
    try:
        complete_all(learner, modules)
    finally:
        course_completed.disconnect(dispatch_uid="tests-inside-transaction")

    assert seen == [(True, True, Enrolment)]


def test_a_failing_receiver_rolls_the_completion_back(learner, enrolment, modules):
    complete_all(learner, modules[:2])

    def refuse(sender, enrolment: Enrolment, **kwargs) -> None:
        raise RuntimeError("the certificate could not be queued")

    course_completed.connect(refuse, dispatch_uid="tests-refuse")
    try:
        with pytest.raises(RuntimeError):
            services.complete_module(learner=learner, module=modules[2])
    finally:
        course_completed.disconnect(dispatch_uid="tests-refuse")

    enrolment.refresh_from_db()
    assert enrolment.completed_at is None
    assert not ModuleProgress.objects.filter(module=modules[2]).exists()


def test_progress_in_either_language_is_one_record(learner, course, course_en, completions):
    modules_ar = modules_of(course)
    modules_en = modules_of(course_en)
    services.enrol(learner=learner, course=course_en)

    services.complete_module(learner=learner, module=modules_en[0])
    services.complete_module(learner=learner, module=modules_ar[0])
    services.complete_module(learner=learner, module=modules_ar[1])
    services.complete_module(learner=learner, module=modules_en[2])

    enrolment = Enrolment.objects.get()
    assert enrolment.course_id == course.pk
    assert enrolment.completed_at is not None
    assert sorted(ModuleProgress.objects.values_list("module_id", flat=True)) == [m.pk for m in modules_ar]
    assert len(completions) == 1
    outline_en = selectors.course_outline(course=course_en, user=learner)
    assert [item.completed for item in outline_en.items] == [True, True, True]
    assert [item.module.pk for item in outline_en.items] == [m.pk for m in modules_en]


def test_progress_survives_editing_reordering_and_unpublishing(learner, course, enrolment, modules):
    complete_all(learner, modules[:2])

    edited = modules[0]
    edited.title = "Digital transformation, revised"
    edited.save_revision().publish()
    # Reordering in the admin moves freshly loaded pages; so does this.
    ModulePage.objects.get(pk=modules[2].pk).move(ModulePage.objects.get(pk=modules[0].pk), pos="left")
    ModulePage.objects.get(pk=modules[1].pk).unpublish()

    outline = selectors.course_outline(course=course, user=learner)
    assert [(item.module.pk, item.completed) for item in outline.items] == [
        (modules[2].pk, False),
        (modules[0].pk, True),
    ]
    assert outline.items[1].module.title == "Digital transformation, revised"
    assert ModuleProgress.objects.filter(completed_at__isnull=False).count() == 2

    ModulePage.objects.get(pk=modules[1].pk).save_revision().publish()
    outline = selectors.course_outline(course=course, user=learner)
    assert [item.completed for item in outline.items] == [False, True, True]
    enrolment.refresh_from_db()
    assert enrolment.completed_at is None
