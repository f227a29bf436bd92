"""Where sdrdesk keeps its files.

Everything lives in the platformdirs user directories: data, config, and the logs in
the platform's log folder (``user_log_dir``: ``~/.local/state/sdrdesk/log`` on Linux,
``~/Library/Logs/sdrdesk`` on macOS, ``%LOCALAPPDATA%\\sdrdesk\\Logs`` on Windows).
``SDRDESK_DATA_DIR``, ``SDRDESK_CONFIG_DIR`` and ``SDRDESK_LOG_DIR`` override them
(tests and portable installs use this); with only ``SDRDESK_DATA_DIR`` set the logs go
to its ``logs`` folder. Every folder is private (0700 on POSIX, ``sdrdesk.files``).
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from sdrdesk.files import private_dir

APP_NAME = "sdrdesk"


def data_dir() -> Path:
    override = os.environ.get("SDRDESK_DATA_DIR")
    path = (
        Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    )
    return private_dir(path)


def config_dir() -> Path:
    override = os.environ.get("SDRDESK_CONFIG_DIR")
    path = (
        Path(override)
        if override
        else Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))
    )
    return private_dir(path)


def log_dir() -> Path:
    override = os.environ.get("SDRDESK_LOG_DIR")
    if override:
        return private_dir(Path(override))
    if os.environ.get("SDRDESK_DATA_DIR"):
        return private_dir(data_dir() / "logs")
    return private_dir(Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)))


LOG_NAME = "sdrdesk.log"


def log_file() -> Path:
    """The current log file (rotated: ``sdrdesk.log.1`` … ``.3`` beside it)."""
    return log_dir() / LOG_NAME


def default_database_path() -> Path:
    return data_dir() / "sdrdesk.db"


def default_database_url() -> str:
    return f"sqlite:///{default_database_path()}"
