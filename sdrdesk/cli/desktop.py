"""``sdrdesk install-desktop``: the menu entry, the icon and the AppStream metainfo, put
where the desktop looks for them (the XDG data directory, for this user only).

Written: ``$XDG_DATA_HOME/applications/io.github.sdrdesk.SdrDesk.desktop`` (its ``Exec``
is this installation's ``sdrdesk``, so the menu starts the same program that installed
it), ``…/icons/hicolor/scalable/apps/io.github.sdrdesk.SdrDesk.svg`` and
``…/metainfo/io.github.sdrdesk.SdrDesk.metainfo.xml`` (``XDG_DATA_HOME`` defaults to
``~/.local/share``). ``--uninstall`` removes the three files again.
"""

from __future__ import annotations

import argparse
import importlib.resources
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from sdrdesk.domain.errors import ValidationError
from sdrdesk.i18n import _

DESKTOP_ID = "io.github.sdrdesk.SdrDesk"


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "install-desktop",
        help=_("add sdrdesk to the desktop's application menu, for this user"),
        description=_(
            "Install the menu entry, the icon and the AppStream metainfo into the XDG "
            "data directory ($XDG_DATA_HOME, default ~/.local/share)."
        ),
    )
    p.add_argument(
        "--uninstall", action="store_true", help=_("remove what install-desktop put there")
    )
    p.set_defaults(handler=cmd_install_desktop)


def data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def targets(home: Path) -> dict[str, Path]:
    return {
        "desktop": home / "applications" / f"{DESKTOP_ID}.desktop",
        "icon": home / "icons" / "hicolor" / "scalable" / "apps" / f"{DESKTOP_ID}.svg",
        "metainfo": home / "metainfo" / f"{DESKTOP_ID}.metainfo.xml",
    }


def command_line() -> str:
    """How the menu starts this installation: the standalone build's executable, the
    ``sdrdesk`` script beside this Python, else ``python -m sdrdesk``."""
    if getattr(sys, "frozen", False):
        return _quoted(sys.executable)
    script = Path(sys.executable).with_name("sdrdesk")
    if script.exists():
        return _quoted(str(script))
    return f"{_quoted(sys.executable)} -m sdrdesk"


def _quoted(arg: str) -> str:
    """An ``Exec`` argument as the Desktop Entry spec quotes it (double quotes)."""
    if not any(c in arg for c in " \t\n\"'\\><~|&;$*?#()`"):
        return arg
    escaped = "".join("\\" + c if c in '"`$\\' else c for c in arg)
    return f'"{escaped}"'


def cmd_install_desktop(args: argparse.Namespace) -> int:
    files = targets(data_home())
    if args.uninstall:
        for path in files.values():
            path.unlink(missing_ok=True)
        print(_("Removed the menu entry, the icon and the metainfo of sdrdesk."))
        return 0
    resources = importlib.resources.files("sdrdesk.resources")
    entry = (resources / "desktop" / f"{DESKTOP_ID}.desktop").read_text(encoding="utf-8")
    entry = entry.replace("\nExec=sdrdesk\n", f"\nExec={command_line()}\n")
    try:
        for path in files.values():
            path.parent.mkdir(parents=True, exist_ok=True)
        files["desktop"].write_text(entry, encoding="utf-8")
        files["icon"].write_bytes((resources / "icons" / "sdrdesk.svg").read_bytes())
        metainfo = resources / "desktop" / f"{DESKTOP_ID}.metainfo.xml"
        files["metainfo"].write_bytes(metainfo.read_bytes())
    except OSError as exc:
        raise ValidationError(
            _("Could not write {path}: {reason}.").format(
                path=exc.filename, reason=exc.strerror or exc
            )
        ) from exc
    _refresh_caches(data_home())
    for path in files.values():
        print(_("Wrote {path}").format(path=path))
    print(_("sdrdesk is in the application menu now (Office)."))
    return 0


def _refresh_caches(home: Path) -> None:
    """Tell the desktop about the new entry and icon, where the tools are installed."""
    for tool, folder in (
        ("update-desktop-database", home / "applications"),
        ("gtk-update-icon-cache", home / "icons" / "hicolor"),
    ):
        if shutil.which(tool):
            subprocess.run([tool, "-q", str(folder)], check=False, capture_output=True)
