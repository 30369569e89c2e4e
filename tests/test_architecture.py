"""Imports go one way: content ← models ← services ← blueprints ← factory."""

from __future__ import annotations

import ast
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "app"

# Package → packages of the app it must never import.
FORBIDDEN = {
    "content": ("app.models", "app.services", "app.blueprints", "app.web", "app.db", "flask"),
    "credentials": ("app.models", "app.services", "app.blueprints", "app.web", "flask"),
    "models": ("app.services", "app.blueprints", "app.web", "flask"),
    "services": ("app.blueprints", "app.web", "flask.request", "flask_login"),
}
ALLOWED_FLASK_ADAPTERS = {APP / "content" / "ext.py"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_layers_import_only_downwards():
    offences = []
    for package, forbidden in FORBIDDEN.items():
        for path in (APP / package).rglob("*.py"):
            if path in ALLOWED_FLASK_ADAPTERS:
                continue
            for name in _imports(path):
                if any(name == f or name.startswith(f + ".") for f in forbidden):
                    offences.append(f"{path.relative_to(APP.parent)} imports {name}")
    assert offences == []


def test_services_do_not_reach_for_the_request():
    for path in (APP / "services").rglob("*.py"):
        names = _imports(path)
        reaching = ("current_user", ".request", ".session", ".g")
        assert not any(n.endswith(reaching) for n in names), path


def test_tests_share_code_through_helper_modules_only():
    """A test module imports shared code from tests/helpers.py, tests/factories.py and the
    like, never from a conftest (pytest imports those itself) or from another test module
    (whose tests would then be collected twice, or break when it is renamed)."""
    tests = Path(__file__).resolve().parent
    offences = []
    for path in tests.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                last = node.module.rsplit(".", 1)[-1]
                if (node.module.startswith("tests.") or node.level) and (
                    last == "conftest" or last.startswith("test_")
                ):
                    offences.append(f"{path.relative_to(tests.parent)} imports {node.module}")
    assert not offences, "\n".join(offences)
