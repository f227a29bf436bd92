"""The committed forms are what pyside6-uic makes of ui/*.ui today."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_generated_forms_are_up_to_date() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_forms.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, (
        result.stdout
        + result.stderr
        + ("\nRun `python scripts/build_forms.py` after editing a .ui file.")
    )


def test_every_designer_form_has_a_generated_module() -> None:
    forms = {p.stem for p in (ROOT / "ui").glob("*.ui")}
    generated = {p.stem.removeprefix("ui_") for p in (ROOT / "sdrdesk/gui/forms").glob("ui_*.py")}
    assert forms == generated
