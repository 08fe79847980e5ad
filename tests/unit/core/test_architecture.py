"""The layering rule: only the widget layer and the composition root touch Qt widgets and Qt GUI.

import-linter (``make test``) checks that the core never imports ``seatclient.ui``; it cannot forbid
a submodule of an external package, so this test checks the Qt GUI modules directly.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[3] / "seatclient"
GUI_MODULES = ("PySide6.QtWidgets", "PySide6.QtGui")
ALLOWED = {PACKAGE / "app.py", PACKAGE / "selftest.py"}


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_no_core_module_imports_qt_widgets_or_gui() -> None:
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path in ALLOWED or (PACKAGE / "ui") in path.parents:
            continue
        used = {name for name in imported_modules(path) if name.startswith(GUI_MODULES)}
        if used:
            offenders.append(f"{path.relative_to(PACKAGE.parent)}: {sorted(used)}")
    assert offenders == []


def test_the_check_sees_widget_imports() -> None:
    assert "PySide6.QtWidgets" in imported_modules(PACKAGE / "ui" / "main_window.py")
