"""Lint, format, types and the layering contract are part of the test suite."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def _run(*cmd: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)


@pytest.mark.parametrize(
    "cmd",
    [
        ("ruff", "check", "."),
        ("ruff", "format", "--check", "."),
        ("mypy",),
        ("lint-imports",),
    ],
    ids=["ruff-check", "ruff-format", "mypy-strict", "import-linter"],
)
def test_quality_gate(cmd: tuple[str, ...]) -> None:
    result = _run(str(BIN / cmd[0]), *cmd[1:])
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-3000:]
