"""Quiz files: parsing, validation and cross-language consistency.

A quiz is written once per language (``quiz.en.yaml``, ``quiz.sr-Latn.yaml``). Its
structure (question ids, types, number of options, correct answers, pass mark) must be the
same in every language; only the words differ. The structure of the first language of the
course is the reference that grading uses.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from app.content.fields import QUIZ_CODES, Fields, read_yaml
from app.content.markdown import RenderContext, render_inline
from app.content.model import QUESTION_TYPES, Option, Question, QuestionText, Quiz
from app.content.yamlfile import LineDict

_QUESTION_KEYS = {
    "single": {"id", "type", "prompt", "options", "explanation", "shuffle"},
    "multiple": {"id", "type", "prompt", "options", "explanation", "shuffle"},
    "true-false": {"id", "type", "prompt", "answer", "if_true", "if_false", "explanation"},
}
TRUE_FALSE_LABELS = {
    "en": ("True", "False"),
    "sr-Latn": ("Tačno", "Netačno"),
    "hr": ("Točno", "Netočno"),
    "bs": ("Tačno", "Netačno"),
    "cnr": ("Tačno", "Netačno"),
    "sq": ("E vërtetë", "E gabuar"),
    "mk": ("Точно", "Неточно"),
}


@dataclass(frozen=True)
class ParsedQuestion:
    """A question as read from one language's file, before languages are merged."""

    id: str
    type: str
    correct: frozenset[int]
    text: QuestionText
    line: int
    shuffle: bool = True


@dataclass(frozen=True)
class ParsedQuiz:
    """One language's quiz file."""

    language: str
    pass_mark: int
    questions: tuple[ParsedQuestion, ...]
    path: Path
    pass_mark_line: int


def _text(ctx: RenderContext, item: Fields, key: str, where: str) -> str:
    value = item.text(key, "Q003", f"{where}: '{key}' is missing")
    if value is None:
        return ""
    return render_inline(value.strip(), ctx, item.line_of(key))


def parse_quiz(
    path: Path,
    language: str,
    ctx: RenderContext,
    on_read: Callable[[str, Any], None] | None = None,
) -> ParsedQuiz | None:
    """Read one quiz file, reporting every problem; ``None`` if it cannot be used at all.

    ``on_read`` gets the file's text and parsed data (the translation check hashes them
    without reading the file again).
    """
    document = read_yaml(path, ctx.problems, QUIZ_CODES)
    if document is None:
        return None
    if on_read is not None:
        on_read(document.text, document.data)
    if not isinstance(document.data, LineDict):
        ctx.problems.error(path, 1, "Q001", "a quiz file must contain 'pass_mark' and 'questions'")
        return None
    data = Fields(document.data, path, ctx.problems)
    data.unknown({"pass_mark", "questions", "title", "source", "reviewed"}, "Q010")
    pass_mark = data.number("pass_mark", "Q004", "'pass_mark' must be a whole number 1-100", 1, 100)
    items = data.items("questions")
    if not items:
        data.error("questions", "Q005", "'questions' list is missing")
        return None
    questions: list[ParsedQuestion] = []
    seen: set[str] = set()
    for index, item in enumerate(items, start=1):
        if not isinstance(item, LineDict):
            data.error(
                items.line,
                "Q006",
                f"question {index} is not a set of fields (start it with '- id: ...')",
            )
            continue
        question = _parse_question(Fields(item, path, ctx.problems), index, language, ctx)
        if question is None:
            continue
        if question.id in seen:
            data.error(item.line, "Q007", f"question id '{question.id}' is repeated")
        seen.add(question.id)
        questions.append(question)
    return ParsedQuiz(
        language,
        100 if pass_mark is None else pass_mark,
        tuple(questions),
        path,
        data.line_of("pass_mark"),
    )


def _parse_question(
    item: Fields, index: int, language: str, ctx: RenderContext
) -> ParsedQuestion | None:
    qid = item.get("id")
    if not isinstance(qid, str) or not qid.strip():
        item.error(item.line, "Q003", f"question {index}: 'id' is missing")
        return None
    where = f"question '{qid}'"
    qtype = item.get("type")
    if qtype not in QUESTION_TYPES:
        item.error(
            "type",
            "Q008",
            f"{where}: 'type' must be one of {', '.join(QUESTION_TYPES)}, not {qtype!r}",
        )
        return None
    item.unknown(_QUESTION_KEYS[qtype], "Q010", lambda key: f"{where}: unknown field '{key}'")
    prompt = _text(ctx, item, "prompt", where)
    explanation = _text(ctx, item, "explanation", where)
    options: tuple[Option, ...]
    if qtype == "true-false":
        answer = item.get("answer")
        if not isinstance(answer, bool):
            item.error("answer", "Q009", f"{where}: 'answer' must be true or false")
            answer = True
        labels = TRUE_FALSE_LABELS.get(language, TRUE_FALSE_LABELS["en"])
        options = (
            Option(labels[0], _text(ctx, item, "if_true", where)),
            Option(labels[1], _text(ctx, item, "if_false", where)),
        )
        correct = {0 if answer else 1}
        shuffle = False  # True before False reads naturally; never reorder it.
    else:
        shuffle = item.flag("shuffle", "Q009", f"{where}: 'shuffle' must be true or false", True)
        options, correct = _parse_options(item, where, ctx)
        if qtype == "single" and len(correct) != 1:
            item.error(
                "options",
                "Q002",
                f"{where}: a single-choice question needs exactly one "
                f"correct option, found {len(correct)}",
            )
        if qtype == "multiple" and not correct:
            item.error("options", "Q002", f"{where}: no option is marked 'correct: true'")
    return ParsedQuestion(
        qid,
        qtype,
        frozenset(correct),
        QuestionText(prompt, options, explanation),
        item.line,
        shuffle,
    )


def _parse_options(
    item: Fields, where: str, ctx: RenderContext
) -> tuple[tuple[Option, ...], set[int]]:
    raw = item.items("options")
    if raw is None or len(raw) < 2:
        item.error("options", "Q011", f"{where}: needs at least two 'options'")
        return (), set()
    options: list[Option] = []
    correct: set[int] = set()
    for number, data in enumerate(raw):
        if not isinstance(data, LineDict):
            item.error(
                raw.line, "Q012", f"{where}: option {number + 1} needs 'text:' and 'feedback:'"
            )
            continue
        option = Fields(data, item.path, item.problems)
        option.unknown(
            {"text", "feedback", "correct"},
            "Q010",
            lambda key: f"{where}: unknown option field '{key}'",
        )
        if option.flag("correct", "Q009", f"{where}: 'correct' must be true or false", False):
            correct.add(number)
        options.append(
            Option(_text(ctx, option, "text", where), _text(ctx, option, "feedback", where))
        )
    return tuple(options), correct


def merge_quizzes(parsed: list[ParsedQuiz], ctx: RenderContext) -> Quiz | None:
    """Combine one quiz per language into a :class:`Quiz`, reporting any mismatch."""
    if not parsed:
        return None
    reference = parsed[0]
    texts: dict[str, dict[str, QuestionText]] = {q.id: {} for q in reference.questions}
    for quiz in parsed:
        for question_id, text in _matching_texts(quiz, reference, ctx).items():
            texts[question_id][quiz.language] = text
    questions = tuple(
        Question(q.id, q.type, q.correct, MappingProxyType(texts[q.id]), q.shuffle)
        for q in reference.questions
    )
    languages = frozenset(quiz.language for quiz in parsed)
    return Quiz(reference.pass_mark, questions, _structure_hash(reference), languages)


def _matching_texts(
    quiz: ParsedQuiz, reference: ParsedQuiz, ctx: RenderContext
) -> dict[str, QuestionText]:
    """The words of each question of ``quiz`` shaped as in ``reference``; reports the others."""
    other = ctx.problems.rel(reference.path)

    def error(line: int, code: str, message: str) -> None:
        ctx.problems.error(quiz.path, line, code, message)

    if quiz.pass_mark != reference.pass_mark:
        message = f"pass_mark {quiz.pass_mark} differs from {reference.pass_mark} in {other}"
        error(quiz.pass_mark_line, "Q013", message)
    ids = {q.id for q in quiz.questions}
    for missing in (q.id for q in reference.questions if q.id not in ids):
        error(1, "Q014", f"question '{missing}' is missing (it is in {other})")
    by_id = {q.id: q for q in reference.questions}
    found: dict[str, QuestionText] = {}
    for question in quiz.questions:
        ref = by_id.get(question.id)
        if ref is None:
            error(question.line, "Q014", f"question '{question.id}' is not in {other}")
            continue
        shape = (question.type, question.correct, len(question.text.options))
        if (ref.type, ref.correct, len(ref.text.options)) != shape:
            error(
                question.line,
                "Q015",
                f"question '{question.id}' has a different type, "
                f"number of options or correct answers than in {other}",
            )
            continue
        if ref.shuffle != question.shuffle:
            error(
                question.line,
                "Q015",
                f"question '{question.id}' has a different 'shuffle' than in {other}",
            )
        found[question.id] = question.text
    return found


def _structure_hash(quiz: ParsedQuiz) -> str:
    structure: list[Any] = [quiz.pass_mark]
    structure += [[q.id, q.type, sorted(q.correct), len(q.text.options)] for q in quiz.questions]
    return hashlib.sha256(json.dumps(structure).encode()).hexdigest()[:16]
