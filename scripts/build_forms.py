"""Regenerate sdrdesk/gui/forms/ui_*.py from the Designer sources in ui/.

    python scripts/build_forms.py          # write the forms
    python scripts/build_forms.py --check  # exit 1 if a committed form is stale

tests/gui/test_forms.py runs the check, so a .ui edit without regenerating fails CI.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
UI_DIR = ROOT / "ui"
FORMS_DIR = ROOT / "sdrdesk" / "gui" / "forms"
HEADER = (
    "# GENERATED from ui/{name} by scripts/build_forms.py (pyside6-uic). Do not edit:\n"
    "# change the .ui file in Qt Designer and run `python scripts/build_forms.py`.\n"
)


def _uic() -> str:
    exe = Path(sys.executable).parent / "pyside6-uic"
    return str(exe) if exe.exists() else "pyside6-uic"


_IMPORT = re.compile(r"^from (PySide6\.\w+) import \(([^)]*)\)\n", re.MULTILINE)


def _used_imports_only(body: str) -> str:
    """uic imports a fixed list of some fifty Qt classes whatever the form uses. Each one
    PySide6 has to set up on first import, so the list is cut to what the form uses
    (a dozen milliseconds of the window's start-up)."""
    code = _IMPORT.sub("", body)

    def keep(match: re.Match[str]) -> str:
        names = [n.strip() for n in match.group(2).split(",") if n.strip()]
        used = [n for n in names if re.search(rf"\b{n}\b", code)]
        if not used:
            return ""
        return f"from {match.group(1)} import ({', '.join(used)})\n"

    return _IMPORT.sub(keep, body)


def generate(ui_file: Path) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "form.py"
        subprocess.run([_uic(), str(ui_file), "-o", str(out)], check=True)
        body = out.read_text(encoding="utf-8")
    # uic stamps its version; keep the output stable across Qt patch releases.
    lines = [line for line in body.splitlines() if "Qt User Interface Compiler version" not in line]
    lines = _used_imports_only("\n".join(lines) + "\n").splitlines()
    return HEADER.format(name=ui_file.name) + "\n".join(lines) + "\n"


def target(ui_file: Path) -> Path:
    return FORMS_DIR / f"ui_{ui_file.stem}.py"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="only report stale forms")
    args = parser.parse_args(argv)
    stale = []
    for ui_file in sorted(UI_DIR.glob("*.ui")):
        text = generate(ui_file)
        path = target(ui_file)
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        stale.append(path)
        if not args.check:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(ROOT)}")
    if args.check and stale:
        print("stale forms: " + ", ".join(str(p.relative_to(ROOT)) for p in stale))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
