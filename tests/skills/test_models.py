"""The skills data model: the default framework, and the database rules every writer relies on."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from feedback.models import Feedback
from skills.framework import DEFAULT_FRAMEWORK
from skills.models import CourseSkill, SelfAssessment, SelfRating, Skill, SkillLevel
from skills.services import ensure_default_framework
from tests.factories import EnrolmentFactory


@pytest.fixture
def framework(db):
    ensure_default_framework()
    return {skill.code: skill for skill in Skill.objects.all()}


def test_default_framework_has_six_bilingual_skills_with_four_levels(framework):
    assert list(framework) == [
        "digital_services",
        "cybersecurity",
        "data_literacy",
        "collaboration_tools",
        "digital_leadership",
        "ai_literacy",
    ]
    for skill in framework.values():
        assert skill.name_ar and skill.name_en and skill.name_ar != skill.name_en
        levels = list(skill.levels.order_by("level"))
        assert [level.level for level in levels] == [1, 2, 3, 4]
        assert all(level.descriptor_ar and level.descriptor_en for level in levels)


def test_installing_the_framework_again_adds_nothing_and_keeps_edits(framework):
    Skill.objects.filter(code="cybersecurity").update(name_en="Information security")
    SkillLevel.objects.filter(skill__code="cybersecurity", level=1).delete()

    created = ensure_default_framework()

    assert created == 0
    assert Skill.objects.count() == len(DEFAULT_FRAMEWORK)
    assert Skill.objects.get(code="cybersecurity").name_en == "Information security"
    # A missing level is restored, so every skill can always be rated 1 to 4.
    assert SkillLevel.objects.filter(skill__code="cybersecurity").count() == 4


def test_a_course_builds_a_skill_once(framework, course):
    CourseSkill.objects.create(course=course, skill=framework["cybersecurity"], level=2)
    with pytest.raises(IntegrityError), transaction.atomic():
        CourseSkill.objects.create(course=course, skill=framework["cybersecurity"], level=3)
    assert list(course.skills_built.values_list("skill__code", "level")) == [("cybersecurity", 2)]


def test_a_self_assessment_is_for_a_course_or_a_programme_never_both_or_neither(learner, course, catalogue):
    with pytest.raises(IntegrityError), transaction.atomic():
        SelfAssessment.objects.create(learner=learner, stage="pre")
    with pytest.raises(IntegrityError), transaction.atomic():
        SelfAssessment.objects.create(learner=learner, course=course, programme=catalogue, stage="pre")
    assert not SelfAssessment.objects.exists()


def test_one_pre_and_one_post_per_course_and_cycle(learner, course):
    SelfAssessment.objects.create(learner=learner, course=course, stage="pre")
    SelfAssessment.objects.create(learner=learner, course=course, stage="post")
    with pytest.raises(IntegrityError), transaction.atomic():
        SelfAssessment.objects.create(learner=learner, course=course, stage="pre")
    # Recertification opens a new enrolment cycle, which asks again.
    SelfAssessment.objects.create(learner=learner, course=course, stage="pre", cycle=2)
    assert SelfAssessment.objects.filter(learner=learner, course=course).count() == 3


def test_one_pre_per_programme_and_cycle(learner, catalogue):
    SelfAssessment.objects.create(learner=learner, programme=catalogue, stage="pre")
    with pytest.raises(IntegrityError), transaction.atomic():
        SelfAssessment.objects.create(learner=learner, programme=catalogue, stage="pre")
    assert SelfAssessment.objects.filter(programme=catalogue).count() == 1


@pytest.mark.parametrize("level", [0, 5])
def test_ratings_outside_one_to_four_are_refused_by_the_database(framework, learner, course, level):
    assessment = SelfAssessment.objects.create(learner=learner, course=course, stage="pre")
    with pytest.raises(IntegrityError), transaction.atomic():
        SelfRating.objects.create(assessment=assessment, skill=framework["cybersecurity"], level=level)
    assert not SelfRating.objects.exists()


def test_feedback_is_one_per_enrolment_and_rated_one_to_five(learner, course):
    enrolment = EnrolmentFactory(learner=learner, course=course)
    Feedback.objects.create(enrolment=enrolment, rating=4, language="ar")
    with pytest.raises(IntegrityError), transaction.atomic():
        Feedback.objects.create(enrolment=enrolment, rating=5, language="en")
    with pytest.raises(IntegrityError), transaction.atomic():
        Feedback.objects.create(enrolment=EnrolmentFactory(course=course), rating=6, language="en")
    assert list(Feedback.objects.values_list("rating", flat=True)) == [4]
