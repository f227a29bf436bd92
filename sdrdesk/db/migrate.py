"""Schema migrations (Alembic), applied at start-up and by ``sdrdesk db upgrade``.

Start-up stays cheap: the stored revision is read with one plain query and compared
with ``SCHEMA_HEAD``; Alembic is only imported when there is something to do. Before a
SQLite file is migrated it is copied aside with SQLite's online backup API. On
PostgreSQL an advisory lock keeps two clients that start at once from migrating twice.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

from sdrdesk.db.types import utcnow
from sdrdesk.domain.errors import SdrdeskError
from sdrdesk.i18n import _

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

# The newest revision in migrations/versions (tests/db/test_schema.py keeps them equal).
SCHEMA_HEAD = "0021"
MIGRATIONS_DIR = Path(__file__).parent / "migrations"
_PG_MIGRATION_LOCK = 0x5D2D35C  # any constant; scopes pg_advisory_xact_lock to sdrdesk


@dataclass(frozen=True)
class MigrationResult:
    from_revision: str | None
    to_revision: str
    backup: Path | None

    @property
    def changed(self) -> bool:
        return self.from_revision != self.to_revision


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return _current_revision(conn)


def _current_revision(conn: Connection) -> str | None:
    if not inspect(conn).has_table("alembic_version"):
        if inspect(conn).has_table("leads"):
            raise SdrdeskError(
                _(
                    "This database has sdrdesk tables but no migration history; "
                    "it was not created by sdrdesk and will not be changed."
                )
            )
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(
    engine: Engine, *, backup: bool = True, progress: Callable[[int], None] | None = None
) -> MigrationResult:
    """Bring the schema to ``SCHEMA_HEAD``; a no-op (one query) when it is already there.

    ``progress`` gets the percent done of a long step (building the reports' read model,
    0013), at every tenth."""
    before = current_revision(engine)
    if before == SCHEMA_HEAD:
        return MigrationResult(before, SCHEMA_HEAD, None)
    _refuse_unknown(before)
    backup_path = backup_sqlite(engine, before) if backup and before is not None else None

    from alembic import command

    with engine.execution_options(sdrdesk_write=True).begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_MIGRATION_LOCK})
        config = alembic_config()
        config.attributes["connection"] = conn
        config.attributes["progress"] = progress
        command.upgrade(config, "head")
    log.info("Migrated %s from %s to %s", engine.url.render_as_string(), before, SCHEMA_HEAD)
    return MigrationResult(before, SCHEMA_HEAD, backup_path)


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def script_head() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def _refuse_unknown(revision: str | None) -> None:
    if revision is None:
        return
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    try:
        ScriptDirectory.from_config(alembic_config()).get_revision(revision)
    except CommandError as exc:
        raise SdrdeskError(
            _(
                "The database is at schema revision {revision}, which this version of sdrdesk "
                "does not know; it was probably upgraded by a newer sdrdesk. Update sdrdesk."
            ).format(revision=revision)
        ) from exc


def backup_sqlite(engine: Engine, revision: str | None) -> Path | None:
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        return None
    source = Path(database)
    if not source.exists():
        return None
    stamp = utcnow().strftime("%Y%m%dT%H%M%SZ")
    target = source.with_name(f"{source.stem}.before-{SCHEMA_HEAD}-from-{revision}-{stamp}.db")
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    log.info("Copied %s to %s before migrating", source, target)
    return target
