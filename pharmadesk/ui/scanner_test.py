"""The scanner tests of the settings: the "scan here to test" box, which takes one test
scan's raw key events (the app-wide wedge capture leaves a widget with RAW_KEYS_PROPERTY
alone) and names the scanner profile it matches (`scanners.profiles.check_wedge_scan`),
and the serial test, which reads one scan's raw bytes off a port on a pool thread and
checks them the same way (`check_serial_scan`)."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QKeyEvent, QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from pharmadesk.ui import workers
from pharmadesk.ui.capture import RAW_KEYS_PROPERTY
from scanners import profiles
from scanners.wedge import WINDOWS, X11, KeyEvent

SERIAL_TEST_SECONDS = 15.0
_CONTROL_NAMES = {"\x1d": "GS", "\r": "CR", "\n": "LF", "\t": "TAB", "\x1e": "RS", "\x04": "EOT"}


def visible(text: str) -> str:
    """A scan as a person can read it, control characters named: "…[GS]17…" (the Unicode
    control pictures are missing from most fonts)."""
    return "".join(f"[{_CONTROL_NAMES.get(c, f'0x{ord(c):02X}')}]" if ord(c) < 0x20 else c for c in text)


def check_report(check: profiles.ScanCheck, lang: str) -> str:
    """What a scanner test found, for the pharmacist: the matching profile, each change to
    make, and what was read (separators made visible)."""
    lines = [check.summary(lang)]  # names the matching profile
    lines += ["• " + change.message(lang) for change in check.changes if change.message(lang) != lines[0]]
    read = check.observed.get("text")
    if read:
        lines.append(QCoreApplication.translate("WedgeTestBox", "Read: %1").replace("%1", visible(read)))
    return "\n".join(lines)


def key_event(event: QKeyEvent, platform: str) -> KeyEvent:
    """A Qt key event as `scanners.wedge` reads it."""
    flags = event.modifiers()
    modifiers = {name for flag, name in ((Qt.KeyboardModifier.ControlModifier, "ctrl"),
                                         (Qt.KeyboardModifier.AltModifier, "alt"),
                                         (Qt.KeyboardModifier.ShiftModifier, "shift"),
                                         (Qt.KeyboardModifier.GroupSwitchModifier, "altgr"))
                 if flags & flag}
    stamp = event.timestamp()
    return KeyEvent(text=event.text(), key=int(event.key()), native_scan_code=int(event.nativeScanCode()),
                    modifiers=frozenset(modifiers), time=stamp / 1000.0 if stamp else time.monotonic(),
                    platform=platform, pressed=event.type() == QEvent.Type.KeyPress)


class WedgeTestBox(QFrame):
    """Focus it and scan the test code: the box says which profile the scan matches and
    what to change. `sig_checked(ScanCheck)` after each test scan."""

    sig_checked = Signal(object)

    def __init__(self, parent: QWidget | None = None, *, lang: Callable[[], str] = lambda: "tr"):
        super().__init__(parent)
        self.setProperty(RAW_KEYS_PROPERTY, True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumHeight(120)
        self._lang = lang
        self._platform = WINDOWS if sys.platform.startswith("win") else X11
        self._collector = profiles.TestScanCollector()
        self._last_time = self._last_received = 0.0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._flush)
        self.check = None  # the last ScanCheck
        self.code = QLabel(self)
        image = profiles.test_karekod_image(4)
        self._image = QImage(image.data, image.shape[1], image.shape[0], image.strides[0],
                             QImage.Format.Format_Grayscale8).copy()
        self.code.setPixmap(QPixmap.fromImage(self._image))
        self.prompt = QLabel(self)
        self.prompt.setWordWrap(True)
        self.result = QLabel(self)
        self.result.setWordWrap(True)
        self.result.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        texts = QVBoxLayout()
        texts.addWidget(self.prompt)
        texts.addWidget(self.result, 1)
        layout = QHBoxLayout(self)
        layout.addWidget(self.code, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(texts, 1)
        self.translate_ui()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self._feed(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        self._feed(event)

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        self._show_state()

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self._show_state()

    def _feed(self, event: QKeyEvent) -> None:
        if event.isAutoRepeat():
            return
        pressed = event.type() == QEvent.Type.KeyPress
        if pressed and event.key() == Qt.Key.Key_Escape and not self._collector.events:
            event.ignore()  # Esc still closes the dialog
            return
        if event.type() == QEvent.Type.KeyRelease and not self._collector.events:
            return  # the last scan's Enter coming up: not the start of another test scan
        converted = key_event(event, self._platform)
        # Event times may be the window system's clock: "now" is measured from the last one.
        self._last_time, self._last_received = converted.time, time.monotonic()
        if self._collector.feed(converted):
            self._finish()
        else:
            self._arm()

    def _now(self) -> float:
        return self._last_time + (time.monotonic() - self._last_received)

    def _arm(self) -> None:
        deadline = self._collector.deadline()
        if deadline is None:
            self._timer.stop()
        else:
            self._timer.start(int(max(0.0, deadline - self._now()) * 1000) + 5)

    def _flush(self) -> None:
        if self._collector.flush(self._now()):
            self._finish()
        else:
            self._arm()

    def _finish(self) -> None:
        self._timer.stop()
        events, self._collector = self._collector.events, profiles.TestScanCollector()
        self.check = profiles.check_wedge_scan(list(events))
        self.show_check()
        self.sig_checked.emit(self.check)

    def show_check(self) -> None:
        check = self.check
        if check is None:
            self.result.setText("")
            return
        self.result.setText(check_report(check, self._lang()))
        good = check.recognised and (check.works_as_is or not any(c.required for c in check.changes))
        ink = "#1e8e3e" if good else "#b06000" if check.recognised else "#c5221f"
        self.result.setStyleSheet(f"color: {ink};")

    def _show_state(self) -> None:
        if self.hasFocus():
            self.prompt.setText(self.tr("Listening — scan the test code now."))
            self.setStyleSheet("WedgeTestBox { border: 2px solid #1a73e8; border-radius: 4px; }")
        else:
            self.prompt.setText(self.tr("Scan here to test: click this box (or Tab to it), then scan "
                                        "the code on the left from the screen or a printout."))
            self.setStyleSheet("")

    def translate_ui(self) -> None:
        self._show_state()
        self.show_check()


class SerialTest(QObject):
    """Reads one scan from a serial port on a pool thread and checks it against the
    profiles. `sig_done(ScanCheck | None, error text)`."""

    sig_done = Signal(object, str)

    def run(self, port: str, baudrate: int, timeout: float = SERIAL_TEST_SECONDS) -> workers.Job:
        from scanners.serial import read_serial_test_scan

        def read() -> bytes:
            return read_serial_test_scan(port, baudrate=baudrate, timeout=timeout)

        return workers.run_in_background(
            read, parent=self,
            on_success=lambda data: self.sig_done.emit(profiles.check_serial_scan(data) if data else None, ""),
            on_failure=lambda error: self.sig_done.emit(None, str(error)))
