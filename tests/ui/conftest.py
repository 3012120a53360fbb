"""Fixtures for the workstation tests: a real store in a temporary folder, the real
translations, and the main window driven with real key events (offscreen)."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from pharmadesk.gs1 import check_digit
from pharmadesk.sim import sandbox as world
from pharmadesk.store import open_store
from pharmadesk.ui import feedback, workers
from pharmadesk.ui.i18n import Language
from pharmadesk.ui.main_window import MainWindow
from pharmadesk.ui.sandbox import prepare_store
from pharmadesk.ui.station import Station

GS = "\x1d"
SUPPLIER = world.SUPPLIER


def gtin(body: str) -> str:
    """A GTIN-14 with its check digit from 13 digits."""
    return body + str(check_digit(body))


SHOTS_ENV = "PHARMADESK_TEST_SHOTS"  # a folder: the tests that show a state save a picture of it there


def shot(widget, name: str) -> None:
    """Save `widget` as NAME.png in $PHARMADESK_TEST_SHOTS (nothing when it is not set), to
    look at what a test saw."""
    folder = os.environ.get(SHOTS_ENV)
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(folder) / f"{name}.png"))


def karekod(gtin_: str, serial: str, batch: str, expiry: date) -> str:
    """The string a scanner delivers: GTIN, serial, GS, expiry, batch."""
    return f"01{gtin_}21{serial}{GS}17{expiry:%y%m%d}10{batch}"


def type_karekod(qtbot, widget, raw: str, *, enter: bool = True) -> None:
    """Types a karekod with real key events. QTest cannot click a control character, so
    GS goes as the key event a wedge scanner produces for it: Ctrl+] carrying "\x1d"."""
    for number, part in enumerate(raw.split(GS)):
        if number:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_BracketRight,
                                                         Qt.KeyboardModifier.ControlModifier, GS))
        if part:
            qtbot.keyClicks(widget, part)
    if enter:
        qtbot.keyClick(widget, Qt.Key.Key_Return)


def in_days(days: int) -> date:
    return date.today() + timedelta(days=days)


@pytest.fixture
def store(tmp_path):
    store = open_store(tmp_path / "data")
    prepare_store(store)  # the sandbox pharmacy: partners and product names
    yield store
    store.close()


def make_station(qapp, store, tmp_path, lang: str) -> Station:
    language = Language(qapp, lang)
    return Station(store=store, data_dir=tmp_path / "data", language=language,
                   sounds=feedback.Sounds(qapp, enabled=True))


@pytest.fixture
def open_window(qapp, qtbot, store, tmp_path):
    """open_window(lang, capture=False) -> a shown MainWindow over the test store.

    capture=True installs the app-wide wedge capture (the tests that drive it send key
    events with real timestamps; QTest's instant typing would look like a scanner)."""
    made = []

    def open_(lang: str = "en", *, capture: bool = False, **options) -> MainWindow:
        station = make_station(qapp, store, tmp_path, lang)
        window = MainWindow(station, capture=capture, **options)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()  # shortcuts (F-keys) go to the active window
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
        made.append((station, window))
        return window

    with workers.run_synchronously():
        yield open_
    for station, window in made:
        window.shut_down()
        station.language.set("en")
        station.language.deleteLater()


@contextlib.contextmanager
def shown_windows(qtbot) -> Iterator[Callable[[Station], MainWindow]]:
    """show(station) → its main window, shown and active, with real worker threads; every
    window shown is shut down (its sync finished) when the block ends."""
    made = []

    def show(station: Station) -> MainWindow:
        window = MainWindow(station, capture=False)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
        made.append((station, window))
        return window

    yield show
    for station, window in made:
        window.shut_down()
        qtbot.waitUntil(lambda: not window.sync.running, timeout=20000)
        station.language.set("en")
