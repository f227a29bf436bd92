"""The standalone one-folder build (PyInstaller, ``packaging/sdrdesk.spec``) builds and
starts without this Python's packages: ``--version``, then the window offscreen."""

from __future__ import annotations

import importlib.util
import subprocess
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _script() -> Any:
    spec = importlib.util.spec_from_file_location(
        "build_standalone", ROOT / "scripts" / "build_standalone.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


pytestmark = pytest.mark.slow


@pytest.mark.timeout(900)
@pytest.mark.skipif(
    importlib.util.find_spec("PyInstaller") is None, reason="PyInstaller is not installed"
)
def test_the_standalone_build_starts(tmp_path: Path) -> None:
    build_standalone = _script()
    executable = build_standalone.build(tmp_path / "dist", tmp_path / "work")
    home = tmp_path / "home"
    env = build_standalone.clean_environment(home)
    version = subprocess.run(
        [str(executable), "--version"], env=env, capture_output=True, text=True, timeout=120
    )
    assert version.stdout.strip().startswith("sdrdesk ")
    env["SDRDESK_QUIT_AFTER_START"] = "1"
    window = subprocess.run(
        [str(executable), "--user", "anna"], env=env, capture_output=True, text=True,
        timeout=180,
    )  # fmt: skip
    assert window.returncode == 0, window.stderr
    assert "Window ready" in (home / "data" / "logs" / "sdrdesk.log").read_text()
