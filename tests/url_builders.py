"""Reuse Werkzeug's compiled URL builders across the apps the tests make.

Werkzeug compiles two small Python functions per URL rule when an app registers it (it
builds an AST and calls ``compile``): about 1 ms a rule, 80 rules, so 0.1 s of every test
that makes an app, which is most of them. Production makes one app per process and never
pays it twice; the tests make thousands. The function depends only on the rule's parts,
its defaults, its converters' types and settings, and whether unknown arguments are
appended, and takes the rule as its first argument, so the tests reuse one function for
identical rules. The suite still builds every URL through Werkzeug's own code.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from werkzeug.routing import Rule

_ORIGINAL = Rule._compile_builder
_COMPILED: dict[tuple[Any, ...], Callable[..., tuple[str, str]]] = {}


def _converter_key(converter: object) -> tuple[Any, ...]:
    # The converter's type and settings (its ``map`` is the app's, different each time).
    settings = sorted((k, repr(v)) for k, v in vars(converter).items() if k != "map")
    return (type(converter), tuple(settings))


def _compile_builder_once(
    self: Rule, append_unknown: bool = True
) -> Callable[..., tuple[str, str]]:
    key = (
        tuple(self._trace),
        repr(sorted((self.defaults or {}).items())),
        tuple(sorted((name, _converter_key(c)) for name, c in self._converters.items())),
        append_unknown,
    )
    builder = _COMPILED.get(key)
    if builder is None:
        builder = _COMPILED[key] = _ORIGINAL(self, append_unknown)
    return builder


def install() -> None:
    """Compile each distinct URL builder once for the whole test run."""
    Rule._compile_builder = _compile_builder_once  # type: ignore[method-assign]


def uninstall() -> None:
    """Werkzeug's own behaviour again."""
    Rule._compile_builder = _ORIGINAL  # type: ignore[method-assign]
