"""YAML reading that remembers line numbers, so problems point at the right line.

Mappings load as :class:`LineDict`, a ``dict`` that also knows the line of each key;
front matter is split from Markdown by :func:`split_front_matter`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


class LineDict(dict[str, Any]):
    """A mapping from YAML that records the 1-based line of the mapping and of each key."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        """The line where ``key`` was written, or the mapping's own line."""
        return self.key_lines.get(key, self.line)


class LineList(list[Any]):
    """A sequence from YAML that records its 1-based line."""

    line: int = 0


class _Loader(yaml.SafeLoader):
    """SafeLoader whose mappings and sequences carry line numbers."""


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if isinstance(key, bool):
            # "yes:"/"true:" keys would silently turn into booleans; keep what was written.
            key = key_node.value
        result[str(key)] = loader.construct_object(value_node, deep=True)
        result.key_lines[str(key)] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


class YamlError(ValueError):
    """YAML that does not parse; ``line`` is 1-based, relative to the parsed text."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


def parse_yaml(text: str) -> Any:
    """Parse YAML text into LineDict/LineList values.

    :raises YamlError: with the line of the syntax error.
    """
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        problem = exc.problem or str(exc)
        raise YamlError(f"YAML syntax: {problem}", line) from exc
    except yaml.YAMLError as exc:
        raise YamlError(f"YAML syntax: {exc}", 1) from exc


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
