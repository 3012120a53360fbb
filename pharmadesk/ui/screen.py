"""Window sizes that fit the pharmacy PC's screen: many are 1366x768 laptops, where the
title bar and the taskbar take their share of the 768 rows."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

TITLE_AND_TASKBAR = 60  # rows a window manager keeps around a window on a small screen


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Open at `width` x `height`, or smaller on a small screen, so the window's own
    buttons stay reachable."""
    screen = window.screen()
    if screen is not None:
        room = screen.availableGeometry()
        width, height = min(width, room.width() - 20), min(height, room.height() - TITLE_AND_TASKBAR)
    window.resize(width, height)
