"""No cyclic garbage collection while the app starts.

Starting the window loads a few hundred modules (SQLAlchemy, Qt's classes and enums,
sdrdesk's own) and builds the widgets; every 700 new objects set off a collection of
the youngest generation, and now and then one walks every object loaded so far.
Measured from process start to the first queue rows on screen, that was 75-120 ms of
collections (against 38 ms for a bare script that only reads and paints one page):
the objects made while starting live as long as the app, so walking them finds
nothing to free.

``sdrdesk.cli.main`` pauses collection before it imports anything and resumes it when
the command has finished. A window takes that over (``hand_over``): it resumes
collection once its first rows are on screen and the rest of its features are loaded,
or after ``GRACE_SECONDS`` at the latest, with one full collection right then. That
collection walks everything the start made (about 80 ms) while the SDR is still reading
the first lead; left to itself it came due in the middle of the first keystrokes (a
first search took 110 ms instead of 55).
Collection that was off before stays off.
"""

from __future__ import annotations

import gc

GRACE_SECONDS = 3.0  # the window resumes collection by then, painted or not

_paused = False  # collection is off because of pause()
_handed_over = False  # the window resumes it, not the command's end


def pause() -> None:
    """Switch automatic collection off, if it is on."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume(*, collect: bool = False) -> None:
    """Switch collection back on if ``pause`` switched it off (again: nothing); with
    ``collect``, collect everything once right away."""
    global _paused, _handed_over
    _handed_over = False
    if _paused:
        _paused = False
        gc.enable()
        if collect:
            gc.collect()


def resume_after_start() -> None:
    """``resume`` for a window that has started: collection on, and collected once."""
    resume(collect=True)


def hand_over() -> None:
    """The window that is opening resumes collection (``resume_after_start``), not
    ``command_done``."""
    global _handed_over
    if _paused:
        _handed_over = True


def command_done() -> None:
    """A command has returned: resume collection unless a window took that over."""
    if not _handed_over:
        resume()
