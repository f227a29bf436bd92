"""The service's log: the platform's log folder (``SDRDESK_LOG_DIR`` overrides), every line
with the request id of the request it belongs to."""

from __future__ import annotations

import contextvars
import logging
import logging.handlers
import os
from pathlib import Path
from typing import Any

import platformdirs

from sdrdesk.files import private_dir, private_file

REQUEST_ID: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")


def log_dir() -> Path:
    override = os.environ.get("SDRDESK_LOG_DIR")
    path = Path(override) if override else Path(platformdirs.user_log_dir("sdrdesk", False))
    private_dir(path)
    return path


class _PrivateLog(logging.handlers.RotatingFileHandler):
    """The service's log, rotated, each file 0600 from its first line (it names leads)."""

    def _open(self) -> Any:
        private_file(Path(self.baseFilename))
        return super()._open()


class _RequestId(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = REQUEST_ID.get()
        return True


def setup_service_logging(verbose: bool = False) -> Path:
    """Log to ``intake.log`` in the log folder (rotated); returns the file."""
    path = log_dir() / "intake.log"
    handler = _PrivateLog(path, maxBytes=5_000_000, backupCount=5, encoding="utf-8")
    handler.addFilter(_RequestId())
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s")
    )
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "_sdrdesk", False)]:
        root.removeHandler(old)  # the desktop's log file: the service writes its own
    handler._sdrdesk = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logging.getLogger(name).handlers = []
        logging.getLogger(name).propagate = True
    logging.getLogger("uvicorn.access").setLevel(logging.WARNING)
    return path
