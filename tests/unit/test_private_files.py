"""Private files under the usual umask 022: folders 0700, files 0600; a settings file
with a password is refused in one sentence and stays where it is."""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from sdrdesk import app, paths
from sdrdesk.cli import main
from sdrdesk.db.engine import Store
from sdrdesk.files import write_private
from sdrdesk.settings import PasswordInSettingsError, load_settings

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_folders_store_logs_and_exports_are_private(
    umask_022: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SDRDESK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("SDRDESK_CONFIG_DIR", str(tmp_path / "config"))
    assert mode(paths.data_dir()) == mode(paths.config_dir()) == mode(paths.log_dir()) == 0o700

    store = Store.open(paths.default_database_url())
    with store.begin() as conn:
        conn.execute(text("CREATE TABLE t (x TEXT)"))
        conn.execute(text("INSERT INTO t VALUES ('a')"))
    db = paths.default_database_path()
    assert [mode(p) for p in db.parent.glob("sdrdesk.db*")] == [0o600] * len(
        list(db.parent.glob("sdrdesk.db*"))
    )
    assert mode(db) == 0o600
    store.dispose()

    log = app._PrivateLog(tmp_path / "x.log", maxBytes=50, backupCount=2)
    log.emit(logging.makeLogRecord({"msg": "a line longer than fifty characters " * 3}))
    log.emit(logging.makeLogRecord({"msg": "and another one after the rotation " * 3}))
    log.close()
    assert {mode(p) for p in tmp_path.glob("x.log*")} == {0o600}
    assert len(list(tmp_path.glob("x.log*"))) >= 2  # rotated

    export = tmp_path / "export.csv"
    write_private(export, "a,b\r\n")
    assert mode(export) == 0o600
    assert export.read_bytes() == b"a,b\r\n"


def test_a_password_in_the_settings_is_refused_in_one_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SDRDESK_CONFIG_DIR", str(tmp_path))
    settings = tmp_path / "settings.json"
    settings.write_text('{"database_url": "postgresql://anna:secret@db.example/team"}')
    with pytest.raises(PasswordInSettingsError):
        load_settings()
    assert main(["leads"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0
    assert "keyring" in err
    assert "sdrdesk db set-password" in err
    assert "secret" not in err
    assert settings.exists()  # not set aside: no silent switch to another store
