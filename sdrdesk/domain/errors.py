"""Errors a user can cause. Each carries a message fit to show in the window or the CLI."""

from __future__ import annotations

from sdrdesk.i18n import _


class SdrdeskError(Exception):
    """Base class: ``str(error)`` is a complete sentence for the user."""


class ValidationError(SdrdeskError):
    """Input that breaks a rule (missing reason, bad phone, bad setting)."""


class NotFoundError(SdrdeskError):
    """The thing asked for does not exist (any more)."""


class IllegalTransitionError(SdrdeskError):
    """The lifecycle does not allow this action from the lead's current status."""

    def __init__(self, action: str, current: str | None, message: str | None = None) -> None:
        self.action = action
        self.current = current
        super().__init__(
            message
            or _("Cannot {action} a lead that is {status}.").format(
                action=action.replace("_", " "), status=current
            )
        )


class ConflictError(SdrdeskError):
    """Someone else changed the record between reading and writing it."""

    def __init__(
        self,
        message: str,
        *,
        lead_id: int | None = None,
        changed_by: str | None = None,
        change: str | None = None,
    ) -> None:
        self.lead_id = lead_id
        self.changed_by = changed_by
        self.change = change
        super().__init__(message)


class StoreUnavailableError(SdrdeskError):
    """The database cannot be reached (server down, network gone, file locked)."""


class PermissionDeniedError(SdrdeskError):
    """The user's database role may not do this (least-privilege team setup)."""


class ImportFileError(SdrdeskError):
    """A file that cannot be imported at all (empty, binary, no usable columns)."""
