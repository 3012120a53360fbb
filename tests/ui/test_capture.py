"""Scans from every source reach the page on screen: a keyboard-wedge burst typed while
the cursor is in a form field (it must not land in the field, while a person's typing
there still does), a serial scanner on a real pty, and the camera panel playing a folder
of images through the real decoder, with the code outlined in the preview."""

from __future__ import annotations

import cv2
import numpy as np
import zxingcpp
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from pharmadesk.domain import Operation
from pharmadesk.store import states
from pharmadesk.ui.station import SERIAL_PORT_SETTING
from scanners.keylayouts import US, X11
from scanners.virtual import VirtualScanner, wedge_keystrokes
from tests.ui.conftest import SUPPLIER, gtin, in_days, karekod

BOX = gtin("0869953609001")
MODIFIERS = {"ctrl": Qt.KeyboardModifier.ControlModifier, "alt": Qt.KeyboardModifier.AltModifier,
             "shift": Qt.KeyboardModifier.ShiftModifier, "altgr": Qt.KeyboardModifier.GroupSwitchModifier}


def send_key_events(events) -> None:
    """Deliver `scanners.wedge.KeyEvent`s as the window system would: to the focused
    widget, each stamped with its time."""
    for event in events:
        flags = Qt.KeyboardModifier.NoModifier
        for name in event.modifiers:
            flags |= MODIFIERS[name]
        kind = QEvent.Type.KeyPress if event.pressed else QEvent.Type.KeyRelease
        qt_event = QKeyEvent(kind, event.key, flags, event.native_scan_code, 0, 0, event.text)
        qt_event.setTimestamp(int(event.time * 1000))
        QApplication.sendEvent(QApplication.focusWidget(), qt_event)


def receive_page(window):
    page = window.page_for(Operation.RECEIVE)
    page.form.counterparty.set_gln(SUPPLIER)
    return page


def test_wedge_burst_in_a_form_field_becomes_a_scan_not_text(qtbot, open_window, store):
    window = open_window("en", capture=True)
    page = receive_page(window)
    field = page.form.document_number
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    raw = karekod(BOX, "WEDGE1", "LOT5", in_days(200))

    send_key_events(wedge_keystrokes(raw, scanner_layout=US, system_layout=US, platform=X11,
                                     start=5000.0, gap=0.004))

    assert field.text() == ""
    [item] = store.items(operation=Operation.RECEIVE)
    assert item["raw"] == raw and item["source"] == "wedge"
    assert page.model.rows()[0].serial == "WEDGE1"
    assert window.capture.scans_captured == 1


def test_a_person_typing_in_the_same_field_keeps_every_key(qtbot, open_window, store):
    window = open_window("en", capture=True)
    page = receive_page(window)
    field = page.form.document_number
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    # A person: 180 ms between keys (the same key events, slower).
    send_key_events(wedge_keystrokes("IRS2026X", start=9000.0, gap=0.18, jitter=0.02, terminator="none"))
    qtbot.waitUntil(lambda: field.text() == "IRS2026X", timeout=5000)
    assert store.items() == []
    assert window.capture.scans_captured == 0


def test_serial_scanner_from_the_settings_scans_into_the_current_page(qtbot, open_window, store):
    raw = karekod(BOX, "SERIAL1", "LOT5", in_days(200))
    with VirtualScanner() as device:
        store.set_setting(SERIAL_PORT_SETTING, device.port)
        window = open_window("en")
        page = receive_page(window)
        qtbot.waitUntil(lambda: window.serial.scanner.state == "connected", timeout=10000)
        device.emit(raw)
        qtbot.waitUntil(lambda: bool(store.items(operation=Operation.RECEIVE)), timeout=10000)
    [item] = store.items(operation=Operation.RECEIVE)
    assert item["raw"] == raw and item["source"] == "serial" and item["state"] == states.QUEUED
    assert page.model.rows()[0].serial == "SERIAL1"


def datamatrix_frame(hri: str | None) -> np.ndarray:
    frame = np.full((480, 640), 215, np.uint8)
    if hri is not None:
        barcode = zxingcpp.create_barcode(hri, zxingcpp.BarcodeFormat.DataMatrix, gs1=True, forceSquare=True)
        symbol = np.asarray(zxingcpp.write_barcode_to_image(barcode, scale=5))
        frame[140:140 + symbol.shape[0], 240:240 + symbol.shape[1]] = symbol
    return cv2.cvtColor(frame, cv2.COLOR_GRAY2BGR)


def test_camera_panel_scans_continuously_and_outlines_the_code(qtbot, open_window, store, tmp_path):
    expiry = in_days(400)
    first, second = ("CAM1", "LOTC"), ("CAM2", "LOTC")
    folder = tmp_path / "frames"
    folder.mkdir()
    scene = [first] * 4 + [None] * 8 + [second] * 4
    for number, box in enumerate(scene):
        hri = None if box is None else f"(01){BOX}(21){box[0]}(17){expiry:%y%m%d}(10){box[1]}"
        cv2.imwrite(str(folder / f"{number:03d}.png"), datamatrix_frame(hri))
    window = open_window("en")
    page = receive_page(window)
    window.camera_action.trigger()  # F10 shows the panel
    panel = window.camera_panel
    assert window.camera_dock.isVisible()
    panel.set_source(str(folder))
    assert panel.start()
    qtbot.waitUntil(lambda: len(store.items(operation=Operation.RECEIVE)) == 2, timeout=20000)
    panel.stop()
    assert sorted(item["serial"] for item in store.items()) == ["CAM1", "CAM2"]
    assert {item["source"] for item in store.items()} == {"camera"}
    image = panel.last_image
    assert image is not None and not panel.preview.pixmap().isNull()
    outlined = [image.pixelColor(x, y).name() for y in range(100, 400, 1) for x in range(200, 440, 4)]
    assert "#1e8e3e" in outlined  # the detected code is outlined in the preview
