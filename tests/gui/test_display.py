"""Without a screen, or without a system library Qt needs, ``sdrdesk`` ends with one
sentence saying what is missing, instead of Qt aborting the process (exit code 134 and
a dozen lines about platform plugins)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sdrdesk.gui.display import NO_SCREEN, _x_server_answers, display_problem


def test_the_command_without_a_screen_says_so_in_one_line_and_touches_no_store(
    tmp_path: Path,
) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    env |= {
        "SDRDESK_CONFIG_DIR": str(tmp_path / "config"),
        "SDRDESK_DATA_DIR": str(tmp_path / "data"),
    }
    done = subprocess.run(
        [sys.executable, "-m", "sdrdesk", "--user", "anna"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1, done.stderr[-2000:]
    assert done.stderr.splitlines() == [f"sdrdesk: error: {NO_SCREEN}"]
    assert not (tmp_path / "data" / "sdrdesk.db").exists()


def _all_there(_name: str) -> bool:
    return True


def test_missing_x11_libraries_are_named_with_their_packages() -> None:
    missing = {"libxcb-cursor.so.0", "libxcb-icccm.so.4"}
    problem = display_problem(
        {"DISPLAY": ":0"}, platform="linux", loadable=lambda name: name not in missing
    )
    assert problem is not None
    assert "libxcb-cursor.so.0, libxcb-icccm.so.4 are not installed" in problem
    assert "sudo apt install libxcb-cursor0 libxcb-icccm4" in problem


def test_a_missing_qt_gui_library_counts_on_any_platform_an_x11_one_only_on_x11() -> None:
    no_egl = display_problem(
        {"QT_QPA_PLATFORM": "offscreen"}, platform="linux", loadable=lambda n: n != "libEGL.so.1"
    )
    assert no_egl is not None
    assert "library libEGL.so.1 is not installed" in no_egl
    assert "apt install libegl1" in no_egl
    no_cursor = {"libxcb-cursor.so.0"}.__contains__
    # Offscreen and Wayland windows do not load the xcb plugin.
    assert (
        display_problem(
            {"QT_QPA_PLATFORM": "offscreen"}, platform="linux", loadable=lambda n: not no_cursor(n)
        )
        is None
    )
    assert (
        display_problem(
            {"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"},
            platform="linux",
            loadable=lambda n: not no_cursor(n),
        )
        is None
    )
    # Asked for X11 in a Wayland session: then the xcb plugin's libraries count.
    forced = display_problem(
        {"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0", "QT_QPA_PLATFORM": "xcb:nomitshm"},
        platform="linux",
        loadable=lambda n: not no_cursor(n),
        connects=lambda _d: True,
    )
    assert forced is not None
    assert "libxcb-cursor.so.0" in forced


def test_no_x_server_at_display_and_no_display_at_all() -> None:
    gone = display_problem(
        {"DISPLAY": ":7"}, platform="linux", loadable=_all_there, connects=lambda _d: False
    )
    assert gone is not None
    assert "no screen at DISPLAY=:7" in gone
    assert (
        display_problem(
            {"DISPLAY": ":7"}, platform="linux", loadable=_all_there, connects=lambda _d: True
        )
        is None
    )
    assert display_problem({}, platform="linux", loadable=_all_there) == NO_SCREEN
    assert display_problem({"QT_QPA_PLATFORM": "xcb"}, platform="linux") == NO_SCREEN
    # A display number nothing listens on: libX11 gets no connection.
    assert _x_server_answers(":7321") is False


def test_other_systems_bring_their_own_libraries() -> None:
    for platform in ("win32", "darwin"):
        assert display_problem({}, platform=platform, loadable=lambda _n: False) is None
