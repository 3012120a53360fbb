"""The Scanners tab of the settings: keyboard-wedge timing and GS stand-in with a live
"scan here to test" box that names the scanner profile a test scan matches, a serial
port with a live test, and the camera with its preview.

The test box takes the scanner's raw key events (the app-wide wedge capture leaves a
widget with RAW_KEYS_PROPERTY alone) and hands one whole test scan to
`scanners.profiles.check_wedge_scan`; the serial test reads one scan's raw bytes off
the port on a pool thread and hands them to `check_serial_scan`."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QComboBox, QFormLayout, QFrame, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton,
    QSpinBox, QVBoxLayout, QWidget,
)

from pharmadesk.ui import workers
from pharmadesk.ui.camera_panel import CameraPanel
from pharmadesk.ui.capture import RAW_KEYS_PROPERTY, WEDGE_SETTINGS, wedge_settings
from pharmadesk.ui.station import CAMERA_SETTING, SERIAL_BAUD_SETTING, SERIAL_PORT_SETTING
from scanners import profiles
from scanners.wedge import TURKISH_Q, US, WINDOWS, X11, KeyEvent, WedgeSettings

BAUD_RATES = (9600, 19200, 38400, 57600, 115200)
SERIAL_TEST_SECONDS = 15.0
TERMINATORS = ("enter", "tab", "none")
LAYOUTS = ("", US, TURKISH_Q)  # "": trust the operating system's layout
# WedgeSettings field → the store key pharmadesk/ui/capture.py reads it from.
WEDGE_KEYS = {name: key for key, name in WEDGE_SETTINGS.items()}


_CONTROL_NAMES = {"\x1d": "GS", "\r": "CR", "\n": "LF", "\t": "TAB", "\x1e": "RS", "\x04": "EOT"}


def visible(text: str) -> str:
    """A scan as a person can read it, control characters named: "…[GS]17…" (the Unicode
    control pictures are missing from most fonts)."""
    return "".join(f"[{_CONTROL_NAMES.get(c, f'0x{ord(c):02X}')}]" if ord(c) < 0x20 else c for c in text)


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
        if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape and not self._collector.events:
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
        lang = self._lang()
        lines = [check.summary(lang)]  # names the matching profile
        lines += ["• " + change.message(lang) for change in check.changes if change.message(lang) != lines[0]]
        read = check.observed.get("text")
        if read:
            lines.append(self.tr("Read: %1").replace("%1", visible(read)))
        self.result.setText("\n".join(lines))
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


class ScannerSettings(QWidget):
    """The Scanners tab. `values()` gives the store's keys and texts, `load()` reads them."""

    def __init__(self, store, parent: QWidget | None = None, *, lang: Callable[[], str] = lambda: "tr"):
        super().__init__(parent)
        self.store = store
        self._lang = lang  # the interface language now (profile texts come in both)
        self.serial_hooks: list = []  # callables(bool started) — the window pauses its own reader

        self.wedge_box = QGroupBox(self)
        wedge_form = QFormLayout(self.wedge_box)
        self.max_gap = self._spin(5, 500, " ms")
        self.end_timeout = self._spin(20, 2000, " ms")
        self.min_length = self._spin(3, 60, "")
        self.terminator = QComboBox(self)
        for terminator in TERMINATORS:
            self.terminator.addItem("", terminator)
        self.layout_box = QComboBox(self)
        for layout in LAYOUTS:
            self.layout_box.addItem("", layout)
        self.prefix = QLineEdit(self)
        self.gs_standin = QLineEdit(self)
        self.test_box = WedgeTestBox(self, lang=lang)
        self.test_box.sig_checked.connect(self._checked)
        self.use_suggested = QPushButton(self)
        self.use_suggested.setEnabled(False)
        self.use_suggested.clicked.connect(self.apply_suggested)
        self.wedge_labels = []
        for field in (self.max_gap, self.end_timeout, self.min_length, self.terminator,
                      self.layout_box, self.prefix, self.gs_standin):
            label = QLabel(self)
            label.setBuddy(field)
            self.wedge_labels.append(label)
            wedge_form.addRow(label, field)
        wedge_form.addRow(self.test_box)
        wedge_form.addRow("", self.use_suggested)

        self.serial_box = QGroupBox(self)
        serial_form = QFormLayout(self.serial_box)
        self.port = QComboBox(self)
        self.port.setEditable(True)
        self.port.setMinimumContentsLength(22)
        self.port.lineEdit().setPlaceholderText("COM3, /dev/ttyACM0")
        self.baud = QComboBox(self)
        for rate in BAUD_RATES:
            self.baud.addItem(str(rate), rate)
        self.serial_button = QPushButton(self)
        self.serial_button.clicked.connect(self.test_serial)
        self.serial_result = QLabel(self)
        self.serial_result.setWordWrap(True)
        self.serial_test = SerialTest(self)
        self.serial_test.sig_done.connect(self._serial_done)
        self.port_label, self.baud_label = QLabel(self), QLabel(self)
        self.port_label.setBuddy(self.port)
        self.baud_label.setBuddy(self.baud)
        port_row = QHBoxLayout()
        port_row.addWidget(self.port, 1)
        port_row.addWidget(self.serial_button)
        serial_form.addRow(self.port_label, port_row)
        serial_form.addRow(self.baud_label, self.baud)
        serial_form.addRow("", self.serial_result)

        self.camera_box = QGroupBox(self)
        self.camera = CameraPanel(self.camera_box)
        self.camera.preview.setMinimumSize(240, 180)
        self.camera.sig_scan.connect(self._camera_scan)
        self.camera_result = QLabel(self)
        camera_layout = QVBoxLayout(self.camera_box)
        camera_layout.addWidget(self.camera)
        camera_layout.addWidget(self.camera_result)

        right = QVBoxLayout()
        right.addWidget(self.serial_box)
        right.addWidget(self.camera_box, 1)
        layout = QHBoxLayout(self)
        layout.addWidget(self.wedge_box, 1)
        layout.addLayout(right, 1)
        self._fill_ports()
        self._fill_cameras()

    def _spin(self, low: int, high: int, suffix: str) -> QSpinBox:
        spin = QSpinBox(self)
        spin.setRange(low, high)
        spin.setSuffix(suffix)
        return spin

    # ---- values -------------------------------------------------------------------------

    def load(self) -> None:
        saved = wedge_settings(self.store)
        self.show_wedge_settings(saved)
        port = self.store.setting(SERIAL_PORT_SETTING) or ""
        self.port.setEditText(port)
        baud = int(self.store.setting(SERIAL_BAUD_SETTING) or 9600)
        index = self.baud.findData(baud)
        if index < 0:
            self.baud.addItem(str(baud), baud)
            index = self.baud.count() - 1
        self.baud.setCurrentIndex(index)
        camera = self.store.setting(CAMERA_SETTING)
        if camera:
            self.camera.set_source(camera)

    def show_wedge_settings(self, wedge: WedgeSettings) -> None:
        self.max_gap.setValue(round(wedge.max_gap * 1000))
        self.end_timeout.setValue(round(wedge.end_timeout * 1000))
        self.min_length.setValue(wedge.min_length)
        self.terminator.setCurrentIndex(max(0, self.terminator.findData(wedge.terminator)))
        self.layout_box.setCurrentIndex(max(0, self.layout_box.findData(wedge.keyboard_layout or "")))
        self.prefix.setText(wedge.prefix)
        self.gs_standin.setText("|".join(wedge.gs_standins))

    def values(self) -> dict[str, str]:
        camera = self.camera.source_box.currentText().strip()
        return {
            WEDGE_KEYS["max_gap"]: str(self.max_gap.value()),
            WEDGE_KEYS["end_timeout"]: str(self.end_timeout.value()),
            WEDGE_KEYS["min_length"]: str(self.min_length.value()),
            WEDGE_KEYS["terminator"]: self.terminator.currentData(),
            WEDGE_KEYS["keyboard_layout"]: self.layout_box.currentData(),
            WEDGE_KEYS["prefix"]: self.prefix.text(),
            WEDGE_KEYS["gs_standins"]: self.gs_standin.text(),
            SERIAL_PORT_SETTING: self.port.currentText().strip(),
            SERIAL_BAUD_SETTING: str(self.baud.currentData() or self.baud.currentText()),
            CAMERA_SETTING: camera,
        }

    def problems(self) -> list[tuple[QWidget, str]]:
        found = []
        standins = [part for part in self.gs_standin.text().split("|") if part]
        if any(part.isalnum() for part in standins):
            found.append((self.gs_standin, self.tr(
                "A GS stand-in must not be a plain letter or digit: it would be read inside serial "
                "and batch numbers. Use a sign the karekod never holds, such as ~ or <GS>.")))
        return found

    # ---- the wedge test -------------------------------------------------------------------

    def _checked(self, check) -> None:
        self.use_suggested.setEnabled(check.suggested is not None)

    def apply_suggested(self) -> None:
        """Put the settings the last test scan suggests into the fields (saved with Save)."""
        check = self.test_box.check
        if check is not None and check.suggested is not None:
            self.show_wedge_settings(check.suggested.wedge_settings())

    # ---- the serial test ------------------------------------------------------------------

    def _fill_ports(self) -> None:
        from scanners.serial import list_ports

        def found(ports: list[dict]) -> None:
            typed = self.port.currentText()
            for port in ports:
                if self.port.findText(port["device"]) < 0:
                    self.port.addItem(port["device"])
                    self.port.setItemData(self.port.count() - 1, port.get("description") or "",
                                          Qt.ItemDataRole.ToolTipRole)
            self.port.setEditText(typed)

        workers.run_in_background(list_ports, on_success=found, parent=self)

    def test_serial(self) -> None:
        port = self.port.currentText().strip()
        if not port:
            self.serial_result.setText(self.tr("Choose or type a serial port first."))
            return
        for hook in self.serial_hooks:
            hook(True)
        self.serial_button.setEnabled(False)
        self.serial_result.setStyleSheet("")
        self.serial_result.setText(self.tr("Listening on %1 — scan the test code within %2 seconds.")
                                   .replace("%1", port).replace("%2", str(int(SERIAL_TEST_SECONDS))))
        self.serial_test.run(port, int(self.baud.currentData() or self.baud.currentText()))

    def _serial_done(self, check, error: str) -> None:
        for hook in self.serial_hooks:
            hook(False)
        self.serial_button.setEnabled(True)
        lang = self._lang()
        if error:
            text, ink = self.tr("The port cannot be read: %1").replace("%1", error), "#c5221f"
        elif check is None:
            text, ink = self.tr("Nothing arrived. Check the port, the baud rate and that the scanner "
                                "is in serial (COM) mode."), "#c5221f"
        else:
            lines = [check.summary(lang)]  # names the matching profile
            lines += ["• " + change.message(lang) for change in check.changes if change.message(lang) != lines[0]]
            read = check.observed.get("text")
            if read:
                lines.append(self.tr("Read: %1").replace("%1", visible(read)))
            text, ink = "\n".join(lines), "#1e8e3e" if check.recognised else "#c5221f"
        self.serial_result.setText(text)
        self.serial_result.setStyleSheet(f"color: {ink};")

    # ---- the camera -----------------------------------------------------------------------

    def _fill_cameras(self) -> None:
        from scanners.camera_capture import list_cameras

        def found(indices: list[int]) -> None:
            for index in indices:
                if self.camera.source_box.findText(str(index)) < 0:
                    self.camera.source_box.addItem(str(index))

        workers.run_in_background(list_cameras, on_success=found, parent=self)

    def _camera_scan(self, raw: str) -> None:
        self.camera_result.setText(self.tr("The camera read: %1").replace("%1", visible(raw)))

    def stop(self) -> None:
        self.camera.stop()

    # ---- language -------------------------------------------------------------------------

    def translate_ui(self) -> None:
        self.wedge_box.setTitle(self.tr("USB keyboard scanner"))
        for label, text in zip(self.wedge_labels, (
                self.tr("Longest gap between keys:"), self.tr("End of scan after:"),
                self.tr("Shortest scan (characters):"), self.tr("Last key of a scan:"),
                self.tr("Scanner keyboard layout:"), self.tr("Prefix:"), self.tr("GS stand-in:"))):
            label.setText(text)
        for index, text in enumerate((self.tr("Enter"), self.tr("Tab"), self.tr("None (pause)"))):
            self.terminator.setItemText(index, text)
        for index, text in enumerate((self.tr("As the computer's"), self.tr("US"), self.tr("Turkish Q"))):
            self.layout_box.setItemText(index, text)
        self.gs_standin.setPlaceholderText(self.tr("e.g. ~ (several: ~|<GS>)"))
        self.prefix.setPlaceholderText(self.tr("e.g. ]d2"))
        self.use_suggested.setText(self.tr("Use the settings the test suggests"))
        self.serial_box.setTitle(self.tr("Serial (COM) scanner"))
        self.port_label.setText(self.tr("Port:"))
        self.baud_label.setText(self.tr("Baud rate:"))
        self.serial_button.setText(self.tr("Test"))
        self.camera_box.setTitle(self.tr("Camera"))
        self.camera.translate_ui()
        self.test_box.translate_ui()
