"""Build the standalone one-folder sdrdesk with PyInstaller, and check it starts.

    python scripts/build_standalone.py [--dist DIR] [--work DIR] [--no-check]

Needs PyInstaller in the same environment as sdrdesk (``pip install pyinstaller``).
The result is ``DIR/sdrdesk/`` (default ``dist/sdrdesk/``) with the ``sdrdesk``
executable inside (``sdrdesk.exe`` on Windows; on macOS also ``dist/sdrdesk.app``):
copy the folder to a machine without Python and start it. Afterwards the build is
started twice: ``--version``, and the window offscreen, quitting once its first rows are
on screen (``SDRDESK_QUIT_AFTER_START=1``).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def build(dist: Path, work: Path) -> Path:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(dist),
            "--workpath",
            str(work),
            str(ROOT / "packaging" / "sdrdesk.spec"),
        ],
        check=True,
        cwd=ROOT,
    )
    name = "sdrdesk.exe" if os.name == "nt" else "sdrdesk"
    return dist / "sdrdesk" / name


def clean_environment(home: Path) -> dict[str, str]:
    """An environment without this Python's packages: what a machine without them sees."""
    keep = ("PATH", "LANG", "LC_ALL", "DISPLAY", "WAYLAND_DISPLAY", "XDG_RUNTIME_DIR",
            "SYSTEMROOT", "TEMP", "TMP")  # fmt: skip
    env = {k: v for k, v in os.environ.items() if k in keep}
    env.update(
        HOME=str(home),
        SDRDESK_DATA_DIR=str(home / "data"),
        SDRDESK_CONFIG_DIR=str(home / "config"),
        QT_QPA_PLATFORM="offscreen",
        PYTHONNOUSERSITE="1",
    )
    return env


def check(executable: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="sdrdesk-standalone-") as home:
        env = clean_environment(Path(home))
        version = subprocess.run(
            [str(executable), "--version"], env=env, capture_output=True, text=True, check=True
        )
        print(version.stdout.strip())
        env["SDRDESK_QUIT_AFTER_START"] = "1"
        window = subprocess.run(
            [str(executable), "--user", "anna"], env=env, capture_output=True, text=True,
            timeout=120,
        )  # fmt: skip
        if window.returncode != 0:
            raise SystemExit(f"the window did not start:\n{window.stderr}")
        print("The window started and quit.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller")
    parser.add_argument("--no-check", action="store_true")
    args = parser.parse_args()
    executable = build(args.dist, args.work)
    print(f"Built {executable}")
    if not args.no_check:
        check(executable)


if __name__ == "__main__":
    main()
