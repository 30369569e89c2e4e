"""libyaml reads every content file as PyYAML's pure-Python parser does, lines included.

The loader parses YAML with libyaml because it is several times faster; authors must not
notice: the same values, the same line of every key, value and item, the same duplicate and
odd-key reports, and for a broken file the same message at the same line.
"""

from __future__ import annotations

from pathlib import Path
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
from tests.conftest import PROJECT


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
        for raw in (False, True):
            fast = _outcome(parse, text, first_line, raw)
            assert fast == _outcome(parse_pure, text, first_line, raw), (name, raw)


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
}


@pytest.mark.parametrize("text", CASES.values(), ids=CASES.keys())
@pytest.mark.parametrize("first_line", [1, 2])
@pytest.mark.parametrize("raw", [False, True])
def test_edge_cases_parse_the_same_with_both_parsers(text: str, first_line: int, raw: bool) -> None:
    assert _outcome(parse, text, first_line, raw) == _outcome(parse_pure, text, first_line, raw)


def test_a_syntax_error_keeps_pyyamls_words_and_line() -> None:
    with pytest.raises(YamlError) as error:
        parse("title: x\nlanguages: [en, sr-Latn\nslug: y\n", first_line=2)
    assert str(error.value) == "YAML syntax: expected ',' or ']', but got ':'"
    assert error.value.line == 4


def test_the_lines_are_those_of_the_file(tmp_path: Path) -> None:
    data, issues = parse("slug: a\noptions:\n  - text: x\n  - text: y\nslug: b\n", first_line=2)
    assert (data.line_of("options"), data["options"].line_at(1), data.value_line("slug")) == (
        3,
        5,
        2,
    )
    assert [(issue.line, issue.kind) for issue in issues] == [(6, "duplicate")]
