"""Whether Qt can open a window on this computer, asked before the QApplication is made.

When it cannot, Qt ends the process itself: an abort (exit code 134, a core dump) after a
dozen lines about platform plugins, which say nothing of what to do. That happens on
Linux without any screen (an SSH session, a server) and, on X11, when a system library
that Qt's xcb plugin needs is not installed: since Qt 6.5 that is often
``libxcb-cursor0``, which many desktop installations lack. Qt's own message then names
that library even when another one is missing.

``display_problem`` finds these cases first, so the ``sdrdesk`` command can end with one
sentence naming the missing libraries and the packages that hold them. It imports no Qt
(a missing library would make that import fail) and only looks at Linux: Windows and
macOS wheels bring everything Qt needs.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable, Mapping

from sdrdesk.i18n import N_, _, ngettext

# What PySide6's Qt Gui and its xcb platform plugin load from the system (readelf -d on
# the wheel's libQt6Gui, libQt6XcbQpa and libqxcb), with the Debian/Ubuntu package of
# each. Qt Gui's are needed whatever the platform; the xcb plugin's only on X11.
GUI_LIBRARIES = {
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libglib-2.0.so.0": "libglib2.0-0",
}
XCB_LIBRARIES = {
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb.so.1": "libxcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
}

NO_SCREEN = N_(
    "There is no screen to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is "
    "set): start sdrdesk in a desktop session, or over SSH with “ssh -X”. The commands "
    "work without a screen (sdrdesk --help lists them)."
)  # translated where returned


def display_problem(
    environ: Mapping[str, str] | None = None,
    *,
    platform: str | None = None,
    loadable: Callable[[str], bool] | None = None,
    connects: Callable[[str], bool] | None = None,
) -> str | None:
    """Why Qt could not open a window here, as one sentence; ``None`` if nothing stops it
    (or it is not ours to tell: a platform other than X11 and Wayland was asked for).

    ``loadable(soname)`` and ``connects(display)`` are asked instead of the dynamic
    loader and the X server when given."""
    env = os.environ if environ is None else environ
    if not (platform or sys.platform).startswith("linux"):
        return None
    can_load = loadable or _loadable
    chosen = _platforms(env.get("QT_QPA_PLATFORM", ""))
    windowing = [name for name in chosen if name == "xcb" or name.startswith("wayland")]
    if chosen and len(windowing) < len(chosen):
        needed = GUI_LIBRARIES  # offscreen, vnc, eglfs …: Qt Gui all the same
    elif env.get("WAYLAND_DISPLAY") and (not chosen or any(n != "xcb" for n in windowing)):
        needed = GUI_LIBRARIES  # Wayland: no X11 libraries needed
    elif env.get("DISPLAY"):
        needed = GUI_LIBRARIES | XCB_LIBRARIES
    else:
        return _(NO_SCREEN)
    missing = [name for name in needed if not can_load(name)]
    if not missing:
        if "libX11.so.6" in needed and not (connects or _x_server_answers)(env["DISPLAY"]):
            return _(
                "There is no screen at DISPLAY={display} (no X server answers "
                "there): start sdrdesk in your desktop session, or check DISPLAY."
            ).format(display=env["DISPLAY"])
        return None
    return ngettext(
        "Qt cannot open the window: the system library {libraries} is not installed. "
        "Install it (Debian and Ubuntu: sudo apt install {packages}) and start sdrdesk again.",
        "Qt cannot open the window: the system libraries {libraries} are not installed. "
        "Install them (Debian and Ubuntu: sudo apt install {packages}) and start sdrdesk "
        "again.",
        len(missing),
    ).format(libraries=", ".join(missing), packages=" ".join(needed[name] for name in missing))


def _platforms(value: str) -> list[str]:
    """The platform plugins ``QT_QPA_PLATFORM`` names, in order (``"wayland;xcb"``),
    without their options (``"xcb:nomitshm"``)."""
    return [part.split(":", 1)[0].strip() for part in value.split(";") if part.strip()]


def _loadable(soname: str) -> bool:
    """Whether the dynamic loader finds and loads ``soname`` (a C library: loading it
    runs nothing of note, and it stays loaded for Qt, which needs it anyway)."""
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def _x_server_answers(display: str) -> bool:
    """Whether an X server accepts a connection at ``display`` (libX11's XOpenDisplay,
    what Qt's xcb plugin does first; it is closed again at once)."""
    try:
        x11 = ctypes.CDLL("libX11.so.6")
    except OSError:
        return False
    x11.XOpenDisplay.restype = ctypes.c_void_p
    x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
    x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
    handle = x11.XOpenDisplay(display.encode())
    if not handle:
        return False
    x11.XCloseDisplay(handle)
    return True
