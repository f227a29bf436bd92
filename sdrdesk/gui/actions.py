"""Keyboard shortcuts: every action shows its keys in its tooltip and menu, and the
shortcuts overview (F1 or ?) lists them all from the same actions."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

# Keys beyond the primary one set in the Designer form.
EXTRA_SHORTCUTS: dict[str, tuple[str, ...]] = {
    "actionSearch": ("Ctrl+F",),
    "actionShortcuts": ("?",),
    "actionRefresh": ("Ctrl+R",),
}


def shortcut_text(action: QAction) -> str:
    return " or ".join(
        s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts()
    )


def plain_text(action: QAction) -> str:
    return action.text().replace("&", "").rstrip("…").strip()


def decorate_actions(window: QWidget) -> list[QAction]:
    """Add the extra keys and write every shortcut into the action's tooltip.

    Safe to call again when features add actions later: extra keys are added once."""
    actions = [a for a in window.findChildren(QAction) if a.objectName().startswith("action")]
    for action in actions:
        extra = [QKeySequence(k) for k in EXTRA_SHORTCUTS.get(action.objectName(), ())]
        missing = [k for k in extra if k not in action.shortcuts()]
        if missing:
            action.setShortcuts([*action.shortcuts(), *missing])
        keys = shortcut_text(action)
        tip = plain_text(action) + (f" ({keys})" if keys else "")
        action.setToolTip(tip)
        action.setStatusTip(tip)
    return actions


def shortcut_rows(window: QWidget) -> list[tuple[str, str]]:
    """(what, keys) for every action that has keys, in menu order."""
    rows = []
    for action in window.findChildren(QAction):
        if action.objectName().startswith("action") and action.shortcuts():
            rows.append((plain_text(action), shortcut_text(action)))
    return rows
