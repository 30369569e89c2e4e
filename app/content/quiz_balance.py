"""A warning for quizzes whose right answer can be found without understanding.

Writers tend to make the correct option the most careful, qualified and therefore longest
one. Learners notice: if "pick the longest" wins in most single-choice questions, the quiz
tests recognition of a pattern, not understanding. This check counts, per quiz file, the
single-choice questions whose correct option is strictly the longest (in characters of the
text the learner reads) and warns (``Q020``) when that is true of more than half of them.
"""

from __future__ import annotations

import html
import re

from app.content.problems import ProblemList
from app.content.quizzes import ParsedQuiz

_TAG = re.compile(r"<[^>]+>")


def _visible_length(option_html: str) -> int:
    """Characters a learner sees: tags removed, entities decoded, spaces collapsed."""
    text = html.unescape(_TAG.sub("", option_html))
    return len(" ".join(text.split()))


def correct_is_longest(lengths: list[int], correct: int) -> bool:
    """Whether the option at ``correct`` is longer than every other option."""
    return all(lengths[correct] > length for i, length in enumerate(lengths) if i != correct)


def check_balance(quiz: ParsedQuiz, problems: ProblemList) -> None:
    """Warn (Q020) when the correct option is the longest in over half the single questions."""
    singles = [q for q in quiz.questions if q.type == "single" and len(q.correct) == 1]
    longest = [
        q
        for q in singles
        if correct_is_longest(
            [_visible_length(o.text) for o in q.text.options], next(iter(q.correct))
        )
    ]
    if singles and len(longest) * 2 > len(singles):
        problems.warning(
            quiz.path,
            longest[0].line,
            "Q020",
            f"the correct option is the longest in {len(longest)} of {len(singles)} "
            "single-choice questions: learners can pass by picking the longest answer; "
            f"balance the lengths (first: '{longest[0].id}')",
        )
