"""Webhooks from the window (managers): Marketing › Webhooks… shows endpoints, recent
deliveries and failures with the receiver's answer, and retries one. A manager whose
endpoints fail is told in the banner when the window starts.

With the setting ``webhook_dispatch_in_window`` (for a desktop with no ``sdrdesk intake
serve`` running), this controller also runs a dispatcher on a thread of its own while
the window is open; on a team database only a manager's login may (the deliveries are
managers' data)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject

from sdrdesk.domain.users import Role
from sdrdesk.gui.banner import error_text
from sdrdesk.gui.dialogs.webhooks_dialog import WebhooksDialog
from sdrdesk.gui.host import WindowHost
from sdrdesk.services.catalog import Services
from sdrdesk.services.webhooks import DeliveryInfo, DeliverySettings, EndpointInfo

CONTEXT = "Webhooks"


class WebhooksController(QObject):
    def __init__(self, host: WindowHost, services: Services) -> None:
        super().__init__()
        self._host = host
        self._services = services
        self.dialog: WebhooksDialog | None = None
        self.dispatcher: Any = None
        settings = host.settings
        user = host.user
        # On a team database (PostgreSQL) only a manager's login may read the endpoints'
        # secrets; a personal SQLite file has one user, who may.
        if (
            settings.webhook_dispatch_in_window
            and user is not None
            and (user.role is Role.MANAGER or services.ctx.store.is_sqlite)
        ):
            self.dispatcher = services.start_webhook_dispatcher(
                DeliverySettings(
                    retry_hours=settings.webhook_retry_hours,
                    timeout_seconds=settings.webhook_timeout_seconds,
                )
            )
        if user is not None and user.role is Role.MANAGER:
            host.background.run(services.webhooks.attention, self._tell, lambda _exc: None)

    def _tell(self, troubled: list[EndpointInfo]) -> None:
        if troubled:
            self._host.show_banner(
                self.tr("Webhooks to %1 are not arriving. See Marketing › Webhooks….").replace(
                    "%1", ", ".join(e.url for e in troubled)
                )
            )

    def stop(self) -> None:
        if self.dispatcher is not None:
            self.dispatcher.stop()
            self.dispatcher = None

    def open(self) -> None:
        user = self._host.user
        if user is None:
            return
        if user.role is not Role.MANAGER:
            self._host.notify(self.tr("Only a manager may manage webhooks."))
            return
        if self.dialog is not None:
            self.dialog.raise_()
            self.dialog.activateWindow()
            return
        dialog = WebhooksDialog(self._host.dialog_parent())
        dialog.endpoint_selected.connect(lambda e: self._load_deliveries(dialog, e))
        dialog.refresh_requested.connect(lambda: self._load(dialog))
        dialog.retry_requested.connect(lambda d: self._retry(dialog, d))
        dialog.finished.connect(lambda _code: self._closed(dialog))
        self.dialog = dialog
        dialog.open()
        self._load(dialog)

    def _closed(self, dialog: WebhooksDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def _load(self, dialog: WebhooksDialog, message: str = "") -> None:
        self._host.background.run(
            self._services.webhooks.endpoints,
            lambda found: self._shown(dialog, found, message),
            lambda exc: self._failed(dialog, exc),
        )

    def _shown(self, dialog: WebhooksDialog, endpoints: list[EndpointInfo], message: str) -> None:
        if self.dialog is dialog:
            dialog.show_endpoints(endpoints)
            if message:
                dialog.show_message(message)

    def _load_deliveries(self, dialog: WebhooksDialog, endpoint_id: int) -> None:
        hooks, failed = self._services.webhooks, dialog.failed_only.isChecked()

        def load() -> list[DeliveryInfo]:
            return hooks.log(failed_only=failed, endpoint_id=endpoint_id, limit=200)

        self._host.background.run(
            load, lambda found: self._listed(dialog, found), lambda exc: self._failed(dialog, exc)
        )

    def _listed(self, dialog: WebhooksDialog, deliveries: list[DeliveryInfo]) -> None:
        if self.dialog is dialog:
            dialog.show_deliveries(deliveries)

    def _retry(self, dialog: WebhooksDialog, delivery_id: int) -> None:
        user = self._host.user
        if user is None:
            return
        hooks, actor = self._services.webhooks, user.id
        self._host.background.run(
            lambda: hooks.retry(delivery_id, actor_id=actor),
            lambda _done: self._retried(dialog),
            lambda exc: self._failed(dialog, exc),
        )

    def _retried(self, dialog: WebhooksDialog) -> None:
        if self.dialog is dialog:
            self._load(
                dialog,
                self.tr("The delivery is due again; the dispatcher sends it within seconds."),
            )

    def _failed(self, dialog: WebhooksDialog, error: Exception) -> None:
        if self.dialog is dialog:
            dialog.show_message(error_text(error, self.tr("Webhooks")))
