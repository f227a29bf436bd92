"""The window's shape: services are built by the composition root only, and the keys
the README promises are the keys the window's actions have."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from PySide6.QtGui import QKeySequence

from sdrdesk.gui.actions import ACTIONS

ROOT = Path(__file__).resolve().parents[2]
# Keys the README names that are not window actions: a reason's number and Ctrl+Enter in
# the reject dialog, Esc in the search box, Enter and Delete in the Team dialog.
NOT_ACTIONS = {"1–9", "Ctrl+Enter", "Esc", "Enter", "Delete"}


def _called_name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def test_the_gui_constructs_no_service() -> None:
    """``app.py`` builds every service (``sdrdesk.services.catalog.Services``); the
    window and its controllers only take them from there."""
    found = []
    for path in sorted((ROOT / "sdrdesk" / "gui").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = _called_name(node)
                if name.endswith("Service") or name == "demo_service":
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno} {name}(…)")
    assert found == []


def _portable(key: str) -> str:
    return QKeySequence(key).toString(QKeySequence.SequenceFormat.PortableText)


def _readme_keys() -> set[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("Everything works from the keyboard")
    table = text.index("\n|", start)
    end = text.index("\n\n", table)
    return set(re.findall(r"\*\*(.+?)\*\*", text[start:end]))


def test_the_readme_lists_the_keys_of_the_actions() -> None:
    listed = _readme_keys()
    assert len(listed) > 10, "the README's key table was not found"
    keys = {_portable(k): spec.name for spec in ACTIONS for k in spec.shortcuts}
    unknown = {k for k in listed - NOT_ACTIONS if _portable(k) not in keys}
    assert unknown == set(), "keys in the README that no action has"
    readme = {_portable(k) for k in listed - NOT_ACTIONS}
    missing = [
        spec.name
        for spec in ACTIONS
        if spec.shortcuts and not any(_portable(k) in readme for k in spec.shortcuts)
    ]
    assert missing == [], "actions whose keys the README does not list"
