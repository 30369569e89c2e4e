"""libyaml reads every content file as PyYAML's pure-Python parser does, lines included.

The loader parses YAML with libyaml because it is several times faster; authors must not
notice: the same values, the same line of every key, value and item, the same duplicate and
odd-key reports, and for a broken file the same message at the same line.
"""

from __future__ import annotations

import random
from typing import Any

import pytest

from app.content.yamlfile import (
    LineDict,
    LineList,
    YamlError,
    parse,
    parse_pure,
    read_text,
    split_front_matter,
)
from tests.helpers import PROJECT


def _shape(value: Any) -> Any:
    """A value with every line number it carries, for comparison."""
    if isinstance(value, LineDict):
        items = [(key, _shape(item)) for key, item in value.items()]
        return ("map", value.line, items, value.key_lines, value.value_lines)
    if isinstance(value, LineList):
        return ("list", value.line, [_shape(item) for item in value], value.item_lines)
    return (type(value).__name__, value)


def _outcome(read: Any, text: str, first_line: int, raw: bool) -> Any:
    try:
        data, issues = read(text, first_line=first_line, raw=raw)
    except YamlError as error:
        return ("error", str(error), error.line)
    except ValueError as error:  # a date that does not exist: raised by both alike
        return ("value", str(error))
    return (_shape(data), issues)


def _documents() -> list[tuple[str, str, int]]:
    """Every YAML text of the content and the fixtures, front matter included."""
    found = []
    for folder in (PROJECT / "courses", PROJECT / "tests" / "fixtures"):
        for path in sorted(folder.rglob("*")):
            if path.suffix not in {".yaml", ".md"}:
                continue
            text, first_line = read_text(path), 1
            if path.suffix == ".md":
                front, _body, _line = split_front_matter(text)
                if front is None:
                    continue
                text, first_line = front, 2
            found.append((path.relative_to(PROJECT).as_posix(), text, first_line))
    return found


def test_every_content_file_parses_the_same_with_both_parsers() -> None:
    documents = _documents()
    assert len(documents) > 150
    for name, text, first_line in documents:
        raw = "/legal/" in name  # the legal guide is read as written, the rest resolved
        fast = _outcome(parse, text, first_line, raw)
        assert fast == _outcome(parse_pure, text, first_line, raw), name


CASES = {
    "empty value at the end": "title: Consent\nsummary:",
    "empty document": "",
    "comment only": "# nothing here\n",
    "indentless list": "options:\n- text: a\n  correct: true\n-   text: b\n",
    "nested lists": "a:\n  - - 1\n    - 2\n  -\n    - 3\n",
    "block scalars": "a: |\n  one\n  two\nb: >-\n  folded\n  text\n\nc: |+\n  kept\n\n",
    "quoted and multi-line": "a: 'it''s'\nb: \"line\\none\"\nc: plain\n  continued\n",
    "flow across lines": "a: {x: 1,\n  y: [1,\n  2]}\nb: [a, b]\n",
    "anchors and merge": "base: &b\n  x: 1\nother:\n  <<: *b\n  y: 2\n",
    "a key written twice": "slug: a\ntitle: b\nslug: c\n",
    "a key that is a list": "[a, b]: 1\nc: 2\n",
    "yes and true keys": "yes: 1\ntrue: 2\nno: 3\n",
    "numbers and dates": "a: 1\nb: 1.5\nc: 2025-03-01\nd: 0x1F\ne: ~\n",
    "tabs after values": "a: 1\t\nb:\tx\n",
    "unicode": "sr: Пристанак\nsq: Pëlqim\n",
    "bad flow": "languages: [en, sr-Latn\ntitle: x\n",
    "bad indentation": "a:\n  b: 1\n c: 2\n",
    "two documents": "a: 1\n---\nb: 2\n",
    "unknown tag": "a: !secret x\n",
    "control character": "a: b\x07c\n",
    "byte order mark inside": "a: b\ufeffc\n",
    "unclosed quote": "a: 'open\nb: 2\n",
    "tab as indentation": "a:\n\tb: 1\n",
    "alias to nothing": "a: *missing\n",
    "date that does not exist": "checked: 2025-02-30\n",
    "question mark in a flow mapping": "a: {b: c?d}\n",
    "question mark in a flow key": "a: [x, {b ? c: d}]\n",
    "explicit key": "? a\n",
    "explicit key in a list": "- ? a\n  : b\n",
    "tag with no name": "a: !\nb: ! x\n",
    "comment right after a block header": "a: |#\n  x\n",
    "byte order mark after a break": "a: >\n\ufeff",
    "next line character": "- \x85b: c\n",
    "line separator": "a: b\u2028c: d\n",
}


@pytest.mark.parametrize("text", CASES.values(), ids=CASES.keys())
@pytest.mark.parametrize("first_line", [1, 2])
@pytest.mark.parametrize("raw", [False, True])
def test_edge_cases_parse_the_same_with_both_parsers(text: str, first_line: int, raw: bool) -> None:
    assert _outcome(parse, text, first_line, raw) == _outcome(parse_pure, text, first_line, raw)


TOKENS = (
    "a",
    "b c",
    "x?y",
    ":",
    ": ",
    ",",
    "[",
    "]",
    "{",
    "}",
    "?",
    "? ",
    "- ",
    "\n",
    "\n  ",
    " ",
    "#",
    "'",
    '"',
    "!",
    "&x ",
    "*x",
    "|",
    ">-",
    "%",
    "@",
    "~",
    "2025-01-01",
    "yes",
    "<<: ",
    "---",
    "\ufeff",
    "\x85",
    "\t",
    "é",
)


def test_random_texts_parse_the_same_with_both_parsers() -> None:
    # A fixed seed: the same texts on every run. This is how the differences that
    # parse() leaves to PyYAML were found (with many more texts).
    rng = random.Random(15)
    for _ in range(3000):
        text = "".join(rng.choice(TOKENS) for _ in range(rng.randint(1, 12)))
        raw = rng.random() < 0.3
        assert _outcome(parse, text, 1, raw) == _outcome(parse_pure, text, 1, raw), text


def test_a_syntax_error_keeps_pyyamls_words_and_line() -> None:
    with pytest.raises(YamlError) as error:
        parse("title: x\nlanguages: [en, sr-Latn\nslug: y\n", first_line=2)
    assert str(error.value) == "YAML syntax: expected ',' or ']', but got ':'"
    assert error.value.line == 4


@pytest.mark.parametrize("parser", [parse, parse_pure], ids=["libyaml", "pure"])
def test_a_date_that_does_not_exist_is_a_problem_with_its_line(parser: Any) -> None:
    # Authors type dates by hand (``checked:``); 30 February used to crash the loader.
    with pytest.raises(YamlError) as error:
        parser("id: x\nchecked: 2025-02-30\n", first_line=3)
    assert "2025-02-30 is not a date that exists" in str(error.value)
    assert error.value.line == 4
    assert str(parser("checked: 2024-02-29\n")[0]["checked"]) == "2024-02-29"


def test_the_lines_are_those_of_the_file() -> None:
    data, issues = parse("slug: a\noptions:\n  - text: x\n  - text: y\nslug: b\n", first_line=2)
    assert (data.line_of("options"), data["options"].line_at(1), data.value_line("slug")) == (
        3,
        5,
        2,
    )
    assert [(issue.line, issue.kind) for issue in issues] == [(6, "duplicate")]
