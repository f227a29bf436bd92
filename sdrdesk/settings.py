"""The user's settings: a small typed JSON file in the platformdirs config directory.

Passwords never go here: a database URL with a password is refused on save, and a file
that holds one is refused on load with one sentence (the password belongs in the system
keyring or the environment, see ``sdrdesk.db.secrets``).
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import locale
import logging
import os
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url

from sdrdesk import paths
from sdrdesk.domain.errors import ValidationError
from sdrdesk.files import write_private
from sdrdesk.i18n import LANGUAGES, _
from sdrdesk.services.context import Rules

log = logging.getLogger(__name__)

SETTINGS_FILE = "settings.json"


def _locale_region() -> str:
    """The region of the system locale (``de_DE`` -> ``DE``), else ``US``."""
    try:
        name = locale.getlocale()[0] or os.environ.get("LANG", "")
    except ValueError:
        name = ""
    if name and "_" in name:
        region = name.split("_", 1)[1][:2].upper()
        if region.isalpha() and len(region) == 2:
            return region
    return "US"


@dataclass
class Settings:
    """Everything the user can configure. Unknown keys in the file are kept on save."""

    user: str | None = None
    default_region: str = field(default_factory=_locale_region)
    speed_to_lead_minutes: int = 60
    calling_hours_start: int = 9
    calling_hours_end: int = 18
    undo_seconds: int = 10
    reminder_minutes: int = 10
    """A reminder this many minutes before a callback or a demo (0: none)."""
    database_url: str | None = None
    sal_criteria_file: str | None = None
    call_script_file: str | None = None
    assignment_rules_file: str | None = None
    products_file: str | None = None
    """The team's products (``products.toml``): their campaigns, criteria and scripts."""
    language: str | None = None
    """``en`` or ``de``; ``None`` follows the system locale (View › Language)."""
    notifications_muted: bool = False
    """No desktop notifications (View › Mute notifications)."""
    notify_min_score: int = 80
    """A pool lead with at least this score raises a notification."""
    webhook_retry_hours: float = 24.0
    """How long a webhook is retried before its endpoint is marked failing."""
    webhook_timeout_seconds: float = 10.0
    webhook_dispatch_in_window: bool = False
    """Send webhooks from this desktop client (when no ``intake serve`` runs)."""
    extra: dict[str, Any] = field(default_factory=dict)

    def validate(self) -> None:
        if not (len(self.default_region) == 2 and self.default_region.isalpha()):
            raise ValidationError(
                _("Default region must be a two-letter country code, got {value!r}.").format(
                    value=self.default_region
                )
            )
        if self.speed_to_lead_minutes <= 0:
            raise ValidationError(_("The speed-to-lead target must be at least one minute."))
        if self.reminder_minutes < 0:
            raise ValidationError(_("Reminders come 0 or more minutes before a callback or demo."))
        if not (0 <= self.calling_hours_start < self.calling_hours_end <= 24):
            raise ValidationError(_("Calling hours must satisfy 0 <= start < end <= 24."))
        if self.language is not None and self.language not in LANGUAGES:
            raise ValidationError(
                _("Language must be one of {languages}, got {value!r}.").format(
                    languages=", ".join(LANGUAGES), value=self.language
                )
            )
        if not (
            0 < self.webhook_retry_hours <= 24 * 30 and 0 < self.webhook_timeout_seconds <= 300
        ):
            raise ValidationError(
                _("Webhook retries must last up to 30 days and a timeout up to 300 seconds.")
            )
        if self.database_url and _url_has_password(self.database_url):
            raise ValidationError(
                _(
                    "Database URLs in the settings file may not contain a password; "
                    "store it in the system keyring or SDRDESK_DATABASE_PASSWORD."
                )
            )


def _url_has_password(url: str) -> bool:
    try:
        return make_url(url).password is not None
    except Exception:
        return False


def team_database(text: str) -> bool | None:
    """A database URL as typed, checked: ``None`` for none (the local file), else whether
    it takes a password (a postgresql:// URL with a user name). Raises
    ``ValidationError``: not a URL, another kind of database, or a password in it."""
    text = text.strip()
    if not text:
        return None
    try:
        url = make_url(text)
        backend = url.get_backend_name()
    except Exception:
        backend = ""
    if backend not in ("postgresql", "sqlite"):
        raise ValidationError(
            _("This is not a database URL (postgresql://USER@HOST/DATABASE or sqlite:///FILE).")
        )
    Settings(default_region="US", database_url=text).validate()  # a password: refused
    return backend == "postgresql" and bool(url.username)


def store_database_password(database_url: str, password: str) -> None:
    """Put the password of ``database_url`` in the system keyring (``db.secrets``)."""
    from sdrdesk.db.secrets import store_password

    try:
        store_password(make_url(database_url), password)
    except Exception as exc:
        raise ValidationError(
            _("The system keyring refused the password: {error}").format(error=exc)
        ) from exc


class PasswordInSettingsError(ValidationError):
    """settings.json names a database with its password: refused, never set aside (the
    app would go on with another store, and the password would stay in the file)."""


def _refuse_password(url: object, path: Path) -> None:
    if isinstance(url, str) and _url_has_password(url):
        raise PasswordInSettingsError(
            _(
                "The settings file {path} holds a password in its database_url; "
                "remove the password there and store it in the system keyring with "
                "“sdrdesk db set-password” (or set SDRDESK_DATABASE_PASSWORD)."
            ).format(path=path)
        )


def settings_path() -> Path:
    return paths.config_dir() / SETTINGS_FILE


def load_settings(path: Path | None = None) -> Settings:
    """Read the settings; a missing file gives defaults, a broken one is set aside; one
    with a password in its ``database_url`` is refused (``PasswordInSettingsError``)."""
    path = path or settings_path()
    if not path.exists():
        return Settings()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(raw, dict):
            raise ValueError("settings file is not a JSON object")
        _refuse_password(raw.get("database_url"), path)
        known = {f.name for f in fields(Settings)} - {"extra"}
        kwargs = {k: v for k, v in raw.items() if k in known}
        extra = {k: v for k, v in raw.items() if k not in known}
        settings = Settings(**kwargs, extra=extra)
        settings.validate()
        return settings
    except PasswordInSettingsError:
        raise
    except Exception as exc:
        broken = path.with_suffix(".json.broken")
        log.warning(
            "Settings file %s is unreadable (%s); using defaults, kept as %s", path, exc, broken
        )
        with contextlib.suppress(OSError):
            path.replace(broken)
        return Settings()


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Write atomically and 0600 (``files.write_private``: a temporary file beside it,
    renamed into place), so a crash mid-write never leaves a half file."""
    settings.validate()
    path = path or settings_path()
    data = dataclasses.asdict(settings)
    extra = data.pop("extra")
    data.update(extra)
    write_private(path, json.dumps(data, indent=2, sort_keys=True))


def rules_from(settings: Settings) -> Rules:
    """The services' rules as the settings give them."""
    return Rules(
        default_region=settings.default_region.upper(),
        speed_to_lead_minutes=settings.speed_to_lead_minutes,
        calling_hours_start=settings.calling_hours_start,
        calling_hours_end=settings.calling_hours_end,
        undo_seconds=settings.undo_seconds,
        call_script_file=settings.call_script_file,
    )
