"""What an SDR typed in a call that is not saved yet, kept on disk until it is.

The call workspace does not close without saving or discarding the call, but the app can
end under it: a logout, a crash, a machine that switches off. So a moment after every
change its notes and answers are written to a small JSON file per lead in the data
directory, and the next time this user calls that lead they are filled in again. Saving
or discarding the call removes the file. A draft that cannot be written or read is
logged and skipped: it never stops a call.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import tempfile
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sdrdesk.files import private_dir

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CallDraft:
    lead_id: int
    user: str  # who typed it: another user calling the lead does not get it
    written_at: datetime
    notes: str = ""
    answers: dict[str, Any] = field(default_factory=dict)
    lead_name: str = ""  # to remind the user at the next start

    @property
    def is_empty(self) -> bool:
        return not self.notes.strip() and not self.answers


class CallDrafts:
    """The drafts in ``folder`` (made when the first one is written)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @classmethod
    def for_store(cls, drafts_dir: Path, store_url: str) -> CallDrafts:
        """The drafts of one store: lead 5 of the team database is not lead 5 of the
        local file, so each store (by its URL, without password) has its own folder."""
        digest = hashlib.sha256(store_url.encode("utf-8")).hexdigest()[:16]
        return cls(drafts_dir / digest)

    def path(self, lead_id: int) -> Path:
        return self.folder / f"call-{lead_id:d}.json"

    def save(self, draft: CallDraft) -> None:
        """Write ``draft`` whole or not at all (a new file renamed over the old one); an
        empty draft removes the file."""
        if draft.is_empty:
            self.remove(draft.lead_id)
            return
        data = {**asdict(draft), "written_at": draft.written_at.isoformat()}
        try:
            private_dir(self.folder)  # drafts are 0600 (mkstemp), their folder 0700
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".call-", suffix=".tmp")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as out:
                    json.dump(data, out, ensure_ascii=False)
                os.replace(tmp, self.path(draft.lead_id))
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
        except (OSError, TypeError, ValueError):
            log.warning(
                "Could not keep a draft of the call with lead %s", draft.lead_id, exc_info=True
            )

    def load(self, lead_id: int, user: str) -> CallDraft | None:
        """The draft ``user`` left for ``lead_id``, if any (an unreadable one: None)."""
        draft = self._read(self.path(lead_id))
        if draft is None or draft.lead_id != lead_id or draft.user != user or draft.is_empty:
            return None
        return draft

    def left_by(self, user: str) -> list[CallDraft]:
        """The calls ``user`` typed in and never saved, oldest first."""
        try:
            paths = sorted(self.folder.glob("call-*.json"))
        except OSError:
            return []
        found = [d for p in paths if (d := self._read(p)) and d.user == user and not d.is_empty]
        return sorted(found, key=lambda d: d.written_at)

    @staticmethod
    def _read(path: Path) -> CallDraft | None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return CallDraft(
                lead_id=int(data["lead_id"]),
                user=str(data["user"]),
                written_at=datetime.fromisoformat(data["written_at"]),
                notes=str(data.get("notes") or ""),
                answers=dict(data.get("answers") or {}),
                lead_name=str(data.get("lead_name") or ""),
            )
        except FileNotFoundError:
            return None
        except (OSError, ValueError, TypeError, KeyError):
            log.warning("Could not read the call draft %s", path, exc_info=True)
            return None

    def remove(self, lead_id: int) -> None:
        try:
            self.path(lead_id).unlink(missing_ok=True)
        except OSError:
            log.warning("Could not remove the call draft of lead %s", lead_id, exc_info=True)
