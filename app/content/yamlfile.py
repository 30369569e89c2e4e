"""YAML reading that remembers line numbers, so problems point at the right line.

Mappings load as :class:`LineDict`, a ``dict`` that also knows the line of each key and of
each scalar value; sequences as :class:`LineList`. A key written twice keeps its first value
and is recorded as an :class:`Issue`, as is a key that is not a plain word, because PyYAML
would otherwise let the second value silently replace the first. Front matter is split from
Markdown by :func:`split_front_matter`.

Two flavours: the default one resolves scalars as YAML does (numbers, ``true``, dates);
``raw=True`` keeps every scalar as the text written, except an empty value, which is
``None`` (the legal guide reads its ``yes``/``no`` and dates as written).

Texts are parsed by libyaml, PyYAML's C parser; a text libyaml refuses is parsed again by
PyYAML's pure-Python one (:func:`parse_pure`), so that a mistake is reported in the same
words and at the same line whichever parser is installed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NamedTuple

import yaml
from yaml.composer import Composer
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver, Resolver
from yaml.scanner import Scanner

try:
    from yaml._yaml import CParser
except ImportError:  # PyYAML built without libyaml: its pure-Python parser does it all
    CParser = None  # type: ignore[misc, assignment]


class LineDict(dict[str, Any]):
    """A mapping from YAML that records the 1-based line of the mapping, its keys and values."""

    def __init__(self, line: int = 0) -> None:
        super().__init__()
        self.line = line
        self.key_lines: dict[str, int] = {}
        self.value_lines: dict[str, int] = {}

    def line_of(self, key: str) -> int:
        """The line where ``key`` was written, or the mapping's own line."""
        return self.key_lines.get(key, self.line)

    def value_line(self, key: str) -> int:
        """The line where the value of ``key`` starts (a nested mapping: its first key)."""
        value = self.get(key)
        if isinstance(value, LineDict | LineList):
            return value.line
        return self.value_lines.get(key, self.line_of(key))


class LineList(list[Any]):
    """A sequence from YAML that records its 1-based line and the line of each item."""

    def __init__(self, items: list[Any] | None = None, line: int = 0) -> None:
        super().__init__(items or [])
        self.line = line
        self.item_lines: list[int] = []

    def line_at(self, index: int) -> int:
        """The line of item ``index`` (a nested mapping: its first key)."""
        item = self[index]
        if isinstance(item, LineDict | LineList):
            return item.line
        return self.item_lines[index] if index < len(self.item_lines) else self.line


class Issue(NamedTuple):
    """Something the YAML parser accepts but an author did not mean (see :func:`parse`)."""

    line: int
    kind: str  # "duplicate" (a key written twice) or "key" (a key that is not a plain word)
    message: str


class _LineConstructor(SafeConstructor):
    """SafeConstructor whose mappings and sequences carry line numbers (shifted by
    ``offset``) and that records :class:`Issue` objects instead of losing keys silently."""

    offset = 0
    issues: list[Issue]

    def construct_yaml_timestamp(self, node: ScalarNode) -> Any:
        """A date as PyYAML reads it; an impossible one (``2025-02-30``) is a syntax
        problem with its line, not a crash."""
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError as exc:
            raise ConstructorError(
                None, None, f"{node.value} is not a date that exists ({exc})", node.start_mark
            ) from exc

    def node_line(self, node: yaml.Node) -> int:
        """The 1-based line of ``node`` in the file."""
        return node.start_mark.line + 1 + self.offset

    def construct_line_mapping(self, node: MappingNode) -> LineDict:
        """A mapping as :class:`LineDict`; a repeated key keeps its first value."""
        self.flatten_mapping(node)
        result = LineDict(self.node_line(node))
        for key_node, value_node in node.value:
            line = self.node_line(key_node)
            if not isinstance(key_node, ScalarNode):
                self.issues.append(Issue(line, "key", "a field name must be a plain word"))
                continue
            key = self.construct_object(key_node, deep=True)
            # "yes:"/"true:" keys would silently turn into booleans; keep what was written.
            key = str(key_node.value if isinstance(key, bool) else key)
            if key in result:
                first = result.key_lines[key]
                message = (
                    f"field '{key}' appears twice (first on line {first}): only the first is used"
                )
                self.issues.append(Issue(line, "duplicate", message))
                continue
            result[key] = self.construct_object(value_node, deep=True)
            result.key_lines[key] = line
            result.value_lines[key] = self.node_line(value_node)
        return result

    def construct_line_sequence(self, node: SequenceNode) -> LineList:
        """A sequence as :class:`LineList`."""
        items = [self.construct_object(child, deep=True) for child in node.value]
        result = LineList(items, self.node_line(node))
        result.item_lines = [self.node_line(child) for child in node.value]
        return result


# Registered on the mixin, so that the loaders of both parsers below inherit them.
_LineConstructor.add_constructor(  # type: ignore[type-var]
    BaseResolver.DEFAULT_MAPPING_TAG, _LineConstructor.construct_line_mapping
)
_LineConstructor.add_constructor(  # type: ignore[type-var]
    BaseResolver.DEFAULT_SEQUENCE_TAG, _LineConstructor.construct_line_sequence
)
_LineConstructor.add_constructor(  # type: ignore[type-var]
    "tag:yaml.org,2002:timestamp", _LineConstructor.construct_yaml_timestamp
)


class _RawResolver(Resolver):
    """Scalars are kept as written: only an empty value is resolved (to ``None``)."""

    yaml_implicit_resolvers: dict[Any, Any] = {}  # noqa: RUF012 - PyYAML keeps it per class


_RawResolver.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)


# The same construction on two parsers. libyaml (CParser) builds the node tree in C, with
# the same line marks, several times faster than PyYAML's pure-Python scanner and composer,
# which now serve only for a text libyaml refuses: their error messages are the ones authors
# have always been shown (tests/content/test_yaml_parsers.py compares both).
class _Loader(Reader, Scanner, Parser, Composer, _LineConstructor, Resolver):
    def __init__(self, text: str) -> None:
        Reader.__init__(self, text)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        _LineConstructor.__init__(self)
        Resolver.__init__(self)


class _RawLoader(Reader, Scanner, Parser, Composer, _LineConstructor, _RawResolver):
    def __init__(self, text: str) -> None:
        Reader.__init__(self, text)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        _LineConstructor.__init__(self)
        _RawResolver.__init__(self)


class _Diverges(yaml.YAMLError):
    """libyaml read what PyYAML would refuse."""


class _FastChecks(_LineConstructor):
    """Refuses, for PyYAML to decide, what only libyaml reads in a flow collection: a plain
    scalar with a ``?`` in it (``{a: b?}``), where PyYAML sees a key indicator."""

    def construct_line_mapping(self, node: MappingNode) -> LineDict:
        if node.flow_style:
            _check_flow(child for pair in node.value for child in pair)
        return super().construct_line_mapping(node)

    def construct_line_sequence(self, node: SequenceNode) -> LineList:
        if node.flow_style:
            _check_flow(node.value)
        return super().construct_line_sequence(node)


def _check_flow(children: Iterable[yaml.Node]) -> None:
    for child in children:
        if isinstance(child, ScalarNode) and not child.style and "?" in child.value:
            raise _Diverges


# The constructors are looked up by tag in a table: point it at the checking methods.
_FastChecks.add_constructor(  # type: ignore[type-var]
    BaseResolver.DEFAULT_MAPPING_TAG, _FastChecks.construct_line_mapping
)
_FastChecks.add_constructor(  # type: ignore[type-var]
    BaseResolver.DEFAULT_SEQUENCE_TAG, _FastChecks.construct_line_sequence
)

_FAST: dict[bool, type[_LineConstructor]] = {}
if CParser is not None:

    class _FastLoader(CParser, _FastChecks, Resolver):
        def __init__(self, text: str) -> None:
            CParser.__init__(self, text)
            _FastChecks.__init__(self)
            Resolver.__init__(self)

    class _FastRawLoader(CParser, _FastChecks, _RawResolver):
        def __init__(self, text: str) -> None:
            CParser.__init__(self, text)
            _FastChecks.__init__(self)
            _RawResolver.__init__(self)

    _FAST.update({False: _FastLoader, True: _FastRawLoader})

# Other texts that libyaml and PyYAML read differently (found by comparing the two on random
# texts): tabs, byte-order marks, line breaks other than "\n" and control characters; an
# explicit key "? " (the line of its missing value); a tag "!" with no name (libyaml makes
# it an empty string); a block scalar header followed by "#". PyYAML reads those alone.
_PURE_ONLY = re.compile(
    r"[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
    r"|(?:^|[\s,\[{])[?!](?=\s|$)"
    r"|[|>][-+0-9]*#",
    re.MULTILINE,
)


class YamlError(ValueError):
    """YAML that does not parse; ``line`` is 1-based, counted like the other lines."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


def parse(text: str, *, first_line: int = 1, raw: bool = False) -> tuple[Any, list[Issue]]:
    """Parse YAML text into LineDict/LineList values, with the issues found on the way.

    ``first_line`` is the line of the file where ``text`` starts (front matter: 2).

    :raises YamlError: with the line of the syntax error.
    """
    fast = _FAST.get(raw)
    if fast is not None and not _PURE_ONLY.search(text):
        try:
            return _load(fast, text, first_line)
        except yaml.YAMLError:
            pass  # libyaml words its errors differently, and may refuse what PyYAML reads
    return parse_pure(text, first_line=first_line, raw=raw)


def parse_pure(text: str, *, first_line: int = 1, raw: bool = False) -> tuple[Any, list[Issue]]:
    """:func:`parse` with PyYAML's pure-Python parser alone: the reference for what a text
    means and for the words of its syntax errors.

    :raises YamlError: with the line of the syntax error.
    """
    try:
        return _load(_RawLoader if raw else _Loader, text, first_line)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + first_line if mark else first_line
        raise YamlError(f"YAML syntax: {exc.problem or exc}", line) from exc
    except yaml.YAMLError as exc:
        raise YamlError(f"YAML syntax: {exc}", first_line) from exc


def _load(kind: type[_LineConstructor], text: str, first_line: int) -> tuple[Any, list[Issue]]:
    loader: Any = kind(text)  # type: ignore[call-arg]  # every loader here takes the text
    loader.offset, loader.issues = first_line - 1, []
    try:
        return loader.get_single_data(), loader.issues
    finally:
        loader.dispose()


def parse_yaml(text: str) -> Any:
    """Parse YAML text into LineDict/LineList values (issues are dropped: see :func:`parse`).

    :raises YamlError: with the line of the syntax error.
    """
    return parse(text)[0]


def read_text(path: Path) -> str:
    """Read a UTF-8 file, normalising line endings and dropping a byte-order mark."""
    return path.read_text(encoding="utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Split ``---`` front matter from a Markdown text.

    Returns ``(front_matter or None, body, body_first_line)``; the front matter's first
    line is line 2 of the file.
    """
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return None, text, 1
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1 :]), index + 2
    return None, text, 1
