"""The window's controllers, registered by name, and how they talk to each other.

Every controller is made alike, ``Controller(host, services)``, in one loop. They load
with the ORM behind their services, so the window imports this module only once its
first rows are painted (or when a key needs one earlier). What one controller's signal
sets off in another (or in the window) is declared in ``WIRING``, nowhere else.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QObject, SignalInstance

from sdrdesk.gui.calls import CallsController
from sdrdesk.gui.demos import DemoController
from sdrdesk.gui.host import WindowHost
from sdrdesk.gui.imports import ImportController
from sdrdesk.gui.notes import NotesController
from sdrdesk.gui.notifications import NotificationsController
from sdrdesk.gui.privacy import PrivacyController
from sdrdesk.gui.sessions import SessionController
from sdrdesk.gui.settings_window import SettingsController
from sdrdesk.gui.team import TeamController
from sdrdesk.gui.triage import TriageController
from sdrdesk.gui.users import UsersController
from sdrdesk.gui.webhooks import WebhooksController
from sdrdesk.services.catalog import Services

CONTROLLERS: Mapping[str, Callable[[WindowHost, Services], QObject]] = {
    "triage": TriageController,
    "team": TeamController,
    "calls": CallsController,
    "demos": DemoController,
    "imports": ImportController,
    "privacy": PrivacyController,
    "users": UsersController,
    "notifications": NotificationsController,
    "webhooks": WebhooksController,
    "notes": NotesController,
    "sessions": SessionController,
    "settings": SettingsController,
}

# (signal, slot), each "part.name": a controller, or one of the window's parts.
WIRING: tuple[tuple[str, str], ...] = (
    ("triage.undo_available", "undo.show"),
    ("triage.triaged", "window.refresh_selected"),  # the lead panel shows the new status
    ("calls.accept_requested", "triage.accept_current"),  # Shift+C: accept, then call
    ("calls.logged", "team.changed_here"),  # the call's lead patched, not the whole queue
    ("calls.demo_requested", "demos.schedule_lead"),
    ("sessions.call_requested", "calls.start_lead"),  # a call session's next lead
    ("sessions.prepare_requested", "calls.prepare"),  # and the one after it, built ahead
    ("sessions.call_withdrawn", "calls.withdraw"),  # taken meanwhile: closed, not logged
    ("calls.closed", "sessions.call_closed"),
    ("demos.saved", "sessions.demo_saved"),
    ("imports.imported", "window.refresh"),
    ("users.leads_moved", "window.refresh"),  # a deactivated user's leads handed over
    ("privacy.erased", "window.lead_changed"),  # the lead panel without the person
    ("team.synced", "notifications.leads_arrived"),  # new leads for me: a notification
    ("myday.loaded", "notifications.remind"),  # a callback or demo due soon: a notification
    ("notifications.lead_opened", "myday.open_lead"),  # a reminder clicked: its lead
    ("notes.saved", "window.lead_changed"),  # the history shows the note, touch, correction
    ("notes.undoable", "triage.offer_undo"),  # Ctrl+Z takes a correction back for a while
    ("window.destroyed", "team.stop"),  # even a window destroyed without closing
    ("window.destroyed", "webhooks.stop"),  # the desktop's own dispatcher, if it runs one
)


def build(host: WindowHost, services: Services, parts: Mapping[str, object]) -> dict[str, QObject]:
    """Every controller, connected as ``WIRING`` says (``parts``: the window's own)."""
    controllers = {name: make(host, services) for name, make in CONTROLLERS.items()}
    for controller in controllers.values():
        # Owned by the window: gone with it, on the GUI thread (with their timers), not
        # whenever Python's garbage collection happens to run, on whatever thread.
        controller.setParent(host.dialog_parent())
    found: dict[str, object] = {**parts, **controllers}

    def member(path: str) -> Any:
        part, name = path.split(".")
        return getattr(found[part], name)

    for signal, slot in WIRING:
        source: SignalInstance = member(signal)
        source.connect(member(slot))
    return controllers
