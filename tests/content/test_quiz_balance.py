"""Q020: a quiz whose correct option is usually the longest can be passed without reading."""

from __future__ import annotations

from pathlib import Path

from app.content.loader import load_catalog
from app.content.model import Option, QuestionText
from app.content.problems import ProblemList
from app.content.quiz_balance import check_balance
from app.content.quizzes import ParsedQuestion, ParsedQuiz
from tests.helpers import FIXTURES, VALID_COURSES

CASE = FIXTURES / "courses" / "broken" / "longest-answer"


def _q020(courses: Path) -> list[str]:
    _catalog, problems = load_catalog(courses, root=courses)
    return [str(p) for p in problems if p.code == "Q020"]


def test_quiz_where_the_longest_option_wins_is_warned_with_count_and_first_line():
    assert _q020(CASE) == [
        "demo/01-basics/quiz.en.yaml:23: warning Q020 the correct option is the longest in "
        "2 of 3 single-choice questions: learners can pass by picking the longest answer; "
        "balance the lengths (first: 'asleep')"
    ]


def test_each_language_is_judged_on_its_own_words():
    # The Serbian file has the same answers but a short correct option in 'asleep'.
    assert not [m for m in _q020(CASE) if "sr-Latn" in m]


def test_balanced_quiz_has_no_warning():
    assert _q020(VALID_COURSES) == []


def _quiz(*correct_lengths_and_others: tuple[int, list[int]]) -> ParsedQuiz:
    questions = []
    for number, (correct, others) in enumerate(correct_lengths_and_others):
        texts = ["x" * correct, *("y" * n for n in others)]
        options = tuple(Option(f"<p>{t}</p>", "f") for t in texts)
        questions.append(
            ParsedQuestion(
                f"q{number}", "single", frozenset({0}), QuestionText("p", options, "e"), 10 + number
            )
        )
    return ParsedQuiz("en", 70, tuple(questions), Path("quiz.en.yaml"), 1)


def _warnings(quiz: ParsedQuiz) -> list[str]:
    problems = ProblemList()
    check_balance(quiz, problems)
    return [p.message for p in problems]


def test_exactly_half_is_not_a_habit():
    assert _warnings(_quiz((50, [10]), (50, [10]), (10, [50]), (10, [50]))) == []


def test_more_than_half_warns_and_a_tie_does_not_count_as_longest():
    assert _warnings(_quiz((50, [10]), (50, [10]), (30, [30]))) == [
        "the correct option is the longest in 2 of 3 single-choice questions: learners can "
        "pass by picking the longest answer; balance the lengths (first: 'q0')"
    ]


def test_markup_does_not_count_towards_length():
    quiz = _quiz((5, [6]), (5, [6]))
    bold = ParsedQuestion(
        "b",
        "single",
        frozenset({0}),
        QuestionText(
            "p", (Option("<p><strong>abcde</strong></p>", "f"), Option("<p>abcdef</p>", "f")), "e"
        ),
        30,
    )
    assert _warnings(ParsedQuiz("en", 70, (*quiz.questions, bold), quiz.path, 1)) == []
