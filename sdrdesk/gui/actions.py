"""Every action of the main window, as data: its name, text, keys, menu, toolbar place
and handler. The menus, the toolbar, the tooltips (text and keys) and the shortcuts
overview (F1 or ?) are all built from ``ACTIONS``, so a key is declared once.

A handler is ``"part.method"``: a part of the window (``window``, ``queue``,
``reports``) or a controller (``triage``, ``calls``, ``users``, ``privacy``, …), looked
up when the action is triggered, so a key pressed before the controllers have loaded
loads them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar, QWidget

from sdrdesk.i18n import N_, _, pgettext

CONTEXT = "MainWindow"  # the translation context of the window's texts


@dataclass(frozen=True)
class ActionSpec:
    name: str  # the QAction's objectName
    text: str  # as the menu shows it (& marks the mnemonic); translated on creation
    handler: str  # "part.method"
    menu: str  # the objectName of the menu it is in
    shortcuts: tuple[str, ...] = ()
    separator: bool = False  # a separator above it in its menu
    toolbar: int = 0  # its group on the toolbar (groups are separated); 0: not there
    enabled: bool = True  # at start


act = ActionSpec  # short, for the table below
# fmt: off
ACTIONS: tuple[ActionSpec, ...] = (
    # File
    act("actionImport", N_("&Import leads…"), "imports.choose_file", "menuFile", ("Ctrl+I",)),
    act("actionPasteLeads", N_("&Paste leads"), "imports.paste", "menuFile", ("Ctrl+Shift+V",)),
    act("actionLoadSample", N_("Load &sample leads"), "imports.load_samples", "menuFile"),
    act("actionChangeUser", N_("&Change user…"), "identity.ask", "menuFile", separator=True),
    act("actionTeam", N_("&Team…"), "users.open_team", "menuFile", ("Ctrl+Shift+T",),
      enabled=False),
    act("actionSettings", N_("S&ettings…"), "settings.open", "menuFile", ("Ctrl+,",),
      separator=True),
    act("actionQuit", N_("&Quit"), "window.close", "menuFile", ("Ctrl+Q",), separator=True),
    # Lead
    act("actionNext", N_("&Next lead"), "queue.next_lead", "menuLead", ("J",)),
    act("actionPrevious", N_("Pre&vious lead"), "queue.previous_lead", "menuLead", ("K",)),
    act("actionClaimNext", N_("Claim ne&xt lead"), "team.claim_next", "menuLead", ("N",),
      toolbar=1),
    act("actionAccept", N_("&Accept"), "triage.accept_current", "menuLead", ("A",),
      separator=True, toolbar=1),
    act("actionReject", N_("Re&ject…"), "triage.reject_current", "menuLead", ("R",), toolbar=1),
    act("actionUndo", N_("&Undo"), "triage.undo", "menuLead", ("Ctrl+Z",),
      toolbar=1, enabled=False),
    act("actionStartCall", N_("Start &call"), "calls.start_current", "menuLead", ("C",),
      separator=True, toolbar=2),
    act("actionAcceptAndCall", N_("Accept and ca&ll"), "calls.accept_and_call", "menuLead",
      ("Shift+C",)),
    act("actionStartSession", N_("Start call sess&ion"), "sessions.start", "menuLead",
      ("Ctrl+Shift+C",)),
    act("actionPauseSession", N_("&Pause session"), "sessions.pause", "menuLead", ("Ctrl+Shift+P",),
      enabled=False),
    act("actionStopSession", N_("St&op session"), "sessions.stop", "menuLead", ("Ctrl+Shift+X",),
      enabled=False),
    act("actionScheduleDemo", N_("Schedule &demo…"), "demos.schedule_current", "menuLead", ("D",),
      toolbar=2),
    act("actionCancelDemo", N_("Cancel de&mo…"), "demos.cancel_current", "menuLead", ("Shift+D",)),
    act("actionAddNote", N_("Add not&e…"), "notes.add_note_current", "menuLead", ("Shift+N",),
      separator=True),
    act("actionLogTouch", N_("Log touc&h…"), "notes.log_touch_current", "menuLead", ("T",)),
    act("actionEditLead", N_("Correc&t lead…"), "notes.edit_current", "menuLead", ("E",)),
    act("actionDisqualify", N_("Dis&qualify…"), "notes.disqualify_current", "menuLead",
      ("Shift+X",)),
    act("actionNurture", N_("Nu&rture…"), "notes.nurture_current", "menuLead", ("Shift+U",)),
    act("actionLiftDoNotCall", N_("Li&ft do-not-call…"), "notes.lift_do_not_call_current",
      "menuLead", ("Ctrl+Shift+L",), enabled=False),
    act("actionReassign", N_("Reassi&gn…"), "team.reassign_current", "menuLead", ("Ctrl+Shift+A",),
      separator=True, enabled=False),
    act("actionErasePersonalData", N_("Erase per&sonal data…"), "privacy.erase_current", "menuLead",
      ("Ctrl+Shift+Del",), enabled=False),
    # View
    act("actionMyDay", N_("My &day"), "myday.show", "menuView", ("Ctrl+Shift+M",)),
    act("actionSearch", N_("&Search"), "filters.focus_search", "menuView", ("/", "Ctrl+F"),
      separator=True),
    act("actionSortUrgency", N_("Sort by &urgency"), "queue.sort_by_urgency", "menuView", ("U",)),
    act("actionRefresh", N_("&Refresh"), "window.refresh", "menuView", ("F5", "Ctrl+R")),
    act("actionMuteNotifications", N_("&Mute notifications"), "notifications.toggle_mute",
      "menuView", ("Ctrl+Shift+N",)),
    act("actionReports", N_("Re&ports…"), "reports.open", "menuView", ("Ctrl+Shift+R",),
      separator=True),
    # Marketing
    act("actionWebhooks", "&Webhooks…", "webhooks.open", "menuMarketing", ("Ctrl+Shift+W",),
      enabled=False),
    # Help
    act("actionShortcuts", N_("&Keyboard shortcuts"), "window.show_shortcuts", "menuHelp",
      ("F1", "?")),
    act("actionOpenLogFolder", N_("Open &log folder"), "window.open_log_folder", "menuHelp",
      separator=True),
    act("actionAbout", N_("&About sdrdesk"), "window.about", "menuHelp"),
)
# fmt: on


def shortcut_text(action: QAction) -> str:
    # TRANSLATORS: between two keys of one action, "F5 or Ctrl+R".
    word = pgettext("keys", "or")
    return f" {word} ".join(
        s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts()
    )


def plain_text(action: QAction) -> str:
    return action.text().replace("&", "").rstrip("…").strip()


def _show_keys(action: QAction) -> None:
    keys = shortcut_text(action)
    tip = plain_text(action) + (f" ({keys})" if keys else "")
    action.setToolTip(tip)
    action.setStatusTip(tip)


def build_actions(
    window: QMainWindow, toolbar: QToolBar, resolve: Callable[[str], Callable[[], object]]
) -> dict[str, QAction]:
    """Every action of ``ACTIONS``, in its menu and on the toolbar, its handler found
    by ``resolve`` when it is triggered."""
    actions: dict[str, QAction] = {}
    group = 0
    for spec in ACTIONS:
        action = QAction(_(spec.text), window)
        action.setObjectName(spec.name)
        action.setShortcuts([QKeySequence(k) for k in spec.shortcuts])
        action.setEnabled(spec.enabled)
        _show_keys(action)
        action.triggered.connect(lambda _checked=False, h=spec.handler: resolve(h)())
        menu = window.findChild(QMenu, spec.menu)
        assert menu is not None, spec.menu
        if spec.separator:
            menu.addSeparator()
        menu.addAction(action)
        window.addAction(action)  # its keys work wherever the focus is in the window
        if spec.toolbar:
            if group and spec.toolbar != group:
                toolbar.addSeparator()
            group = spec.toolbar
            toolbar.addAction(action)
        actions[spec.name] = action
    return actions


def retranslate_actions(actions: dict[str, QAction]) -> None:
    """The texts and tooltips of ``actions`` again, in the language now in use."""
    for spec in ACTIONS:
        action = actions.get(spec.name)
        if action is not None:
            action.setText(_(spec.text))
            _show_keys(action)


def shortcut_rows(actions: Iterable[QAction]) -> list[tuple[str, str]]:
    """(what, keys) for every action that has keys, in menu order."""
    return [(plain_text(a), shortcut_text(a)) for a in actions if a.shortcuts()]


def decorate_actions(window: QWidget) -> list[QAction]:
    """Write every shortcut of a window's Designer-made actions into its tooltip (the
    reports window's)."""
    actions = [a for a in window.findChildren(QAction) if a.objectName().startswith("action")]
    for action in actions:
        _show_keys(action)
    return actions
