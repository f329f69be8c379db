"""Grading as a pure function: question types, points, Arabic-aware short answers, and its properties."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from common.arabic import fold
from courses.grading import (
    MULTIPLE_CHOICE,
    SHORT_ANSWER,
    TRUE_FALSE,
    TRUE_FALSE_CHOICES,
    AnswerKey,
    InvalidAnswers,
    Question,
    grade,
)

MULTIPLE = Question(
    id="m", kind=MULTIPLE_CHOICE, choice_ids=("a", "b", "c", "d"), correct_choice_ids=frozenset("ab"), points=2
)
PARTIAL = Question(
    id="p",
    kind=MULTIPLE_CHOICE,
    choice_ids=("a", "b", "c", "d"),
    correct_choice_ids=frozenset("ab"),
    partial_credit=True,
)
TRUE_OR_FALSE = Question(
    id="t", kind=TRUE_FALSE, choice_ids=TRUE_FALSE_CHOICES, correct_choice_ids=frozenset(["false"])
)
SHORT = Question(id="s", kind=SHORT_ANSWER, accepted_answers=frozenset([fold("الحكومة الإلكترونية")]))


@pytest.mark.parametrize(
    ("answer", "score"),
    [
        (["a", "b"], Decimal("100.00")),
        (["b", "a"], Decimal("100.00")),
        (["a"], Decimal("0.00")),
        (["a", "b", "c"], Decimal("0.00")),
        ("c", Decimal("0.00")),
    ],
)
def test_multiple_choice_is_all_or_nothing_by_default(answer, score):
    assert grade(AnswerKey(pass_mark=50, questions=(MULTIPLE,)), {"m": answer}).score == score


@pytest.mark.parametrize(
    ("answer", "score"),
    [
        (["a", "b"], Decimal("100.00")),
        (["a"], Decimal("50.00")),
        (["a", "c"], Decimal("0.00")),
        (["a", "b", "c"], Decimal("50.00")),
        (["c", "d"], Decimal("0.00")),
    ],
)
def test_partial_credit_gives_a_share_for_each_right_answer_and_takes_one_for_each_wrong(answer, score):
    assert grade(AnswerKey(pass_mark=50, questions=(PARTIAL,)), {"p": answer}).score == score


def test_points_weigh_questions():
    key = AnswerKey(pass_mark=60, questions=(MULTIPLE, TRUE_OR_FALSE))

    result = grade(key, {"m": ["a", "b"], "t": "true"})

    # Two of three points.
    assert (result.score, result.passed, result.correct) == (Decimal("66.67"), True, {"m": True, "t": False})


@pytest.mark.parametrize(
    "typed",
    ["الحكومة الإلكترونية", "  الحكومة   الالكترونية ", "الحُكُومَة الإلِكْتـرونيـة", "الحكومه الالكترونيه"],
)
def test_short_answers_ignore_spacing_diacritics_tatweel_and_letter_variants(typed):
    assert grade(AnswerKey(pass_mark=100, questions=(SHORT,)), {"s": typed}).passed is True


def test_a_wrong_short_answer_scores_nothing():
    assert grade(AnswerKey(pass_mark=100, questions=(SHORT,)), {"s": "الحكومة"}).score == Decimal("0.00")


def test_normalise_folds_case_and_spacing():
    assert fold("  Two-Factor\tAuthentication ") == "two-factor authentication"


@pytest.mark.parametrize(
    ("answers", "reason"),
    [
        ({"t": ["true", "false"]}, "two answers to a true/false question"),
        ({"t": "maybe"}, "not one of the choices"),
        ({"t": []}, "no answer"),
    ],
)
def test_answers_of_the_wrong_shape_are_refused(answers, reason):
    with pytest.raises(InvalidAnswers):
        grade(AnswerKey(pass_mark=50, questions=(TRUE_OR_FALSE,)), answers)


def test_repeated_choices_are_refused():
    with pytest.raises(InvalidAnswers):
        grade(AnswerKey(pass_mark=50, questions=(PARTIAL,)), {"p": ["a", "a"]})


def test_a_list_is_not_a_short_answer():
    with pytest.raises(InvalidAnswers):
        grade(AnswerKey(pass_mark=50, questions=(SHORT,)), {"s": ["الحكومة"]})


@st.composite
def keys_and_answers(draw):
    """A random answer key of choice questions and a valid (not necessarily right) answer to each."""
    count = draw(st.integers(min_value=1, max_value=8))
    questions, answers = [], {}
    for index in range(count):
        choice_ids = tuple(f"q{index}c{choice}" for choice in range(draw(st.integers(min_value=2, max_value=5))))
        multiple = draw(st.booleans())
        if multiple:
            correct = draw(st.sets(st.sampled_from(choice_ids), min_size=1))
            chosen = draw(st.lists(st.sampled_from(choice_ids), min_size=1, unique=True))
        else:
            correct = {draw(st.sampled_from(choice_ids))}
            chosen = draw(st.sampled_from(choice_ids))
        questions.append(
            Question(
                id=f"q{index}",
                kind=MULTIPLE_CHOICE if multiple else "single_choice",
                choice_ids=choice_ids,
                correct_choice_ids=frozenset(correct),
                points=draw(st.integers(min_value=1, max_value=10)),
                partial_credit=draw(st.booleans()),
            )
        )
        answers[f"q{index}"] = chosen
    return AnswerKey(pass_mark=draw(st.integers(min_value=0, max_value=100)), questions=tuple(questions)), answers


def right_answers(key: AnswerKey) -> dict:
    return {
        question.id: sorted(question.correct_choice_ids)
        if question.kind == MULTIPLE_CHOICE
        else next(iter(question.correct_choice_ids))
        for question in key.questions
    }


@given(keys_and_answers())
def test_the_score_is_a_percentage_and_passing_means_reaching_the_pass_mark(key_and_answers):
    key, answers = key_and_answers

    result = grade(key, answers)

    assert Decimal(0) <= result.score <= Decimal(100)
    assert result.passed is (result.score >= key.pass_mark)
    assert set(result.correct) == {question.id for question in key.questions}


@given(keys_and_answers())
def test_all_right_answers_score_100_and_pass(key_and_answers):
    key, _answers = key_and_answers

    result = grade(key, right_answers(key))

    assert result.score == Decimal("100.00")
    assert result.passed is True
    assert all(result.correct.values())


@given(keys_and_answers(), st.randoms(use_true_random=False))
def test_the_order_of_questions_and_of_chosen_answers_does_not_matter(key_and_answers, random):
    key, answers = key_and_answers
    questions = list(key.questions)
    random.shuffle(questions)
    shuffled = {}
    for question_id in random.sample(list(answers), len(answers)):
        answer = answers[question_id]
        shuffled[question_id] = random.sample(answer, len(answer)) if isinstance(answer, list) else answer

    assert grade(AnswerKey(pass_mark=key.pass_mark, questions=tuple(questions)), shuffled) == grade(key, answers)


@given(keys_and_answers())
def test_a_missing_answer_is_always_refused(key_and_answers):
    key, answers = key_and_answers
    answers.pop(next(iter(answers)))

    with pytest.raises(InvalidAnswers):
        grade(key, answers)
