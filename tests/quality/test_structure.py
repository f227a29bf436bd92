"""The shape of the house: small modules, and capability faces that say what they offer."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import pytest

import sdrdesk.services

ROOT = Path(__file__).resolve().parents[2]
MAX_LINES = 400
# Every folder of hand-written Python: the application, its tests, benchmarks and scripts.
FOLDERS = ("sdrdesk", "tests", "benchmarks", "scripts")
# Written by tools, not by hand: Designer forms (scripts/build_forms.py) and migrations.
GENERATED = (ROOT / "sdrdesk" / "gui" / "forms", ROOT / "sdrdesk" / "db" / "migrations")


def _hand_written() -> list[Path]:
    return [
        path
        for folder in FOLDERS
        for path in sorted((ROOT / folder).rglob("*.py"))
        if not any(path.is_relative_to(generated) for generated in GENERATED)
    ]


def test_no_hand_written_module_passes_400_lines() -> None:
    long = {
        str(path.relative_to(ROOT)): n
        for path in _hand_written()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}, f"split these modules (over {MAX_LINES} lines): {long}"


def test_the_line_count_sees_every_module() -> None:
    """The scan above reads every folder (and would see a long module): not an empty list."""
    names = {p.relative_to(ROOT).as_posix() for p in _hand_written()}
    assert {
        "sdrdesk/gui/main_window.py",
        "tests/conftest.py",
        "tests/quality/test_structure.py",
        "benchmarks/import_bench.py",
        "scripts/build_forms.py",
    } <= names
    assert not any(
        name.startswith(("sdrdesk/gui/forms/", "sdrdesk/db/migrations/")) for name in names
    )


def _faces() -> list[str]:
    return [
        f"sdrdesk.services.{info.name}"
        for info in pkgutil.iter_modules(sdrdesk.services.__path__)
        if info.ispkg
    ]


def test_every_capability_has_a_face() -> None:
    assert set(_faces()) >= {
        f"sdrdesk.services.{name}"
        for name in ("queue", "leads", "imports", "calls", "demos", "feedback", "users", "sync")
    }


@pytest.mark.parametrize("face", _faces())
def test_a_face_offers_what_it_names(face: str) -> None:
    """``__all__`` and the lazily loaded names agree, and each name is the very object of
    the submodule that defines it (what type checkers read from the face's imports)."""
    module = importlib.import_module(face)
    where: dict[str, tuple[str, ...]] = module.WHERE
    assert sorted(module.__all__) == sorted(n for names in where.values() for n in names)
    for submodule, names in where.items():
        source = importlib.import_module(f"{face}.{submodule}")
        for name in names:
            assert getattr(module, name) is getattr(source, name), f"{face}.{name}"
    with pytest.raises(AttributeError, match="no attribute 'Nonexistent'"):
        _ = module.Nonexistent
