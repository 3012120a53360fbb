"""The Scanners tab of the settings: keyboard-wedge timing and GS stand-in with the
live "scan here to test" box, a serial port with a live test, and the camera with its
preview (the camera panel of the main window, reused).

Cameras are looked for only when the pharmacist presses "Find cameras": trying a camera
number opens the device (seconds each, the webcam's light flickers) and takes it from
whoever reads it, so opening the settings to change something else never does that, and
the camera a running camera panel reads is never tried."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSpinBox,
    QVBoxLayout, QWidget,
)

from pharmadesk import config as settings
from pharmadesk.ui import workers
from pharmadesk.ui.camera_panel import CameraPanel
from pharmadesk.ui.capture import WEDGE_SETTINGS, wedge_settings
from pharmadesk.ui.scanner_test import SERIAL_TEST_SECONDS, SerialTest, WedgeTestBox, check_report, visible
from pharmadesk.ui.station import CAMERA_SETTING, SERIAL_BAUD_SETTING, SERIAL_PORT_SETTING
from scanners.wedge import WedgeSettings

BAUD_RATES = (9600, 19200, 38400, 57600, 115200)
# WedgeSettings field → the store key pharmadesk/ui/capture.py reads it from.
WEDGE_KEYS = {name: key for key, name in WEDGE_SETTINGS.items()}


def camera_held(panel: CameraPanel) -> int | None:
    """The camera number a running camera panel reads (None: stopped, or a file or folder)."""
    source = panel.bridge.source if panel.bridge is not None else None
    return source if isinstance(source, int) else None


class ScannerSettings(QWidget):
    """The Scanners tab. `values()` gives the store's keys and texts, `load()` reads them."""

    def __init__(self, store, parent: QWidget | None = None, *, lang: Callable[[], str] = lambda: "tr",
                 camera_panels: Sequence[CameraPanel] = ()):
        super().__init__(parent)
        self.store = store
        self.config = settings.Config(store)
        self._lang = lang  # the interface language now (profile texts come in both)
        self._camera_panels = tuple(camera_panels)  # the window's: its camera is never tried
        # what the last camera search said: (state, found, {number in use: by whom}, error)
        self._camera_search: tuple[str, list[int], dict[int, str], str] = ("idle", [], {}, "")
        self.serial_hooks: list = []  # callables(bool started) — the window pauses its own reader

        self.wedge_box = QGroupBox(self)
        wedge_form = QFormLayout(self.wedge_box)
        self.max_gap = self._spin(WEDGE_KEYS["max_gap"], " ms")
        self.end_timeout = self._spin(WEDGE_KEYS["end_timeout"], " ms")
        self.min_length = self._spin(WEDGE_KEYS["min_length"], "")
        self.terminator = QComboBox(self)
        for terminator in settings.WEDGE_TERMINATORS:
            self.terminator.addItem("", terminator)
        self.layout_box = QComboBox(self)
        for layout in settings.KEYBOARD_LAYOUTS:
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
        self.find_cameras_button = QPushButton(self)
        self.find_cameras_button.clicked.connect(self.find_cameras)
        self.cameras_found = QLabel(self)
        self.cameras_found.setWordWrap(True)
        find_row = QHBoxLayout()
        find_row.addWidget(self.find_cameras_button, 0, Qt.AlignmentFlag.AlignTop)
        find_row.addWidget(self.cameras_found, 1)
        camera_layout = QVBoxLayout(self.camera_box)
        camera_layout.addWidget(self.camera)
        camera_layout.addLayout(find_row)
        camera_layout.addWidget(self.camera_result)

        right = QVBoxLayout()
        right.addWidget(self.serial_box)
        right.addWidget(self.camera_box, 1)
        layout = QHBoxLayout(self)
        layout.addWidget(self.wedge_box, 1)
        layout.addLayout(right, 1)
        self._fill_ports()

    def _spin(self, key: str, suffix: str) -> QSpinBox:
        spin = QSpinBox(self)
        spin.setRange(*settings.bounds(key))
        spin.setSuffix(suffix)
        return spin

    # ---- values -------------------------------------------------------------------------

    def load(self) -> None:
        saved = wedge_settings(self.store)
        self.show_wedge_settings(saved)
        self.port.setEditText(self.config.get_or_default(SERIAL_PORT_SETTING) or "")
        baud = self.config.get_or_default(SERIAL_BAUD_SETTING)
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

    def fields(self) -> dict[str, QWidget]:
        """The field of each setting in `values()`, to point at one that is refused."""
        return {
            WEDGE_KEYS["max_gap"]: self.max_gap, WEDGE_KEYS["end_timeout"]: self.end_timeout,
            WEDGE_KEYS["min_length"]: self.min_length, WEDGE_KEYS["terminator"]: self.terminator,
            WEDGE_KEYS["keyboard_layout"]: self.layout_box, WEDGE_KEYS["prefix"]: self.prefix,
            WEDGE_KEYS["gs_standins"]: self.gs_standin, SERIAL_PORT_SETTING: self.port,
            SERIAL_BAUD_SETTING: self.baud, CAMERA_SETTING: self.camera.source_box,
        }

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
            text, ink = check_report(check, lang), "#1e8e3e" if check.recognised else "#c5221f"
        self.serial_result.setText(text)
        self.serial_result.setStyleSheet(f"color: {ink};")

    # ---- the camera -----------------------------------------------------------------------

    def cameras_in_use(self) -> dict[int, str]:
        """{camera number: "window" or "preview"} for each camera a running camera panel
        reads: the window's Camera panel or this tab's preview."""
        in_use = {camera_held(panel): "window" for panel in self._camera_panels}
        in_use[camera_held(self.camera)] = "preview"
        in_use.pop(None, None)
        return in_use

    def find_cameras(self) -> None:
        """Try each camera number on a pool thread, leaving alone the ones in use; what
        answers joins the camera list."""
        from scanners import camera_capture

        in_use = self.cameras_in_use()
        self.find_cameras_button.setEnabled(False)
        self._camera_search = ("searching", [], in_use, "")
        self._show_camera_search()

        def found(indices: list[int]) -> None:
            for index in sorted({*indices, *in_use}):  # a camera in use is a camera too
                if self.camera.source_box.findText(str(index)) < 0:
                    self.camera.source_box.addItem(str(index))
            self._camera_search = ("found", indices, in_use, "")
            self._searched()

        def failed(error: Exception) -> None:
            self._camera_search = ("failed", [], in_use, str(error))
            self._searched()

        workers.run_in_background(lambda: camera_capture.list_cameras(skip=set(in_use)),
                                  on_success=found, on_failure=failed, parent=self)

    def _searched(self) -> None:
        self.find_cameras_button.setEnabled(True)
        self._show_camera_search()

    def _show_camera_search(self) -> None:
        kind, found, in_use, error = self._camera_search
        lines = {
            "idle": [],
            "searching": [self.tr("Looking for cameras…")],
            "found": [self.tr("Cameras found: %1").replace("%1", ", ".join(map(str, found))) if found
                      else self.tr("No other camera found.") if in_use else self.tr("No camera found.")],
            "failed": [self.tr("Cameras could not be listed: %1").replace("%1", error)],
        }[kind]
        for index, user in sorted(in_use.items()) if kind != "idle" else ():
            where = (self.tr("Camera %1: in use by the Camera panel (F10), not tried.") if user == "window"
                     else self.tr("Camera %1: showing in the preview here, not tried."))
            lines.append(where.replace("%1", str(index)))
            item = self.camera.source_box.findText(str(index))
            if item >= 0:
                self.camera.source_box.setItemData(item, where.replace("%1", str(index)),
                                                   Qt.ItemDataRole.ToolTipRole)
        self.cameras_found.setText("\n".join(lines))

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
        self.find_cameras_button.setText(self.tr("Find cameras"))
        self.find_cameras_button.setToolTip(self.tr(
            "Tries camera numbers 0 to 3 (a few seconds). The camera the Camera panel is reading "
            "is left alone."))
        self._show_camera_search()
        self.camera.translate_ui()
        self.test_box.translate_ui()
