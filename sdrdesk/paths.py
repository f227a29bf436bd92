"""Where sdrdesk keeps its files.

Everything lives in the platformdirs user directories. ``SDRDESK_DATA_DIR`` and
``SDRDESK_CONFIG_DIR`` override them (tests and portable installs use this).
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "sdrdesk"


def data_dir() -> Path:
    override = os.environ.get("SDRDESK_DATA_DIR")
    path = (
        Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    )
    path.mkdir(parents=True, exist_ok=True)
    return path


def config_dir() -> Path:
    override = os.environ.get("SDRDESK_CONFIG_DIR")
    path = (
        Path(override)
        if override
        else Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))
    )
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    path = data_dir() / "logs"
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database_path() -> Path:
    return data_dir() / "sdrdesk.db"


def default_database_url() -> str:
    return f"sqlite:///{default_database_path()}"
