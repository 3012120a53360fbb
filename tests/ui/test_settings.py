"""The settings dialog: what is saved comes back when it is opened again, a wrong GLN or
user name is refused with a clear message and nothing is written, the password goes to
the keyring and never into the database, and the scanner tests work live — a test scan
typed into the box, one read from a serial scanner on a real pty, and the camera preview
reading the test code from a folder of images."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import urllib.request

import cv2
import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from pharmadesk import config as settings
from pharmadesk.sim import sandbox as world
from pharmadesk.ui import workers
from pharmadesk.ui.capture import wedge_settings
from pharmadesk.ui.settings_dialog import PRODUCTION, PRODUCTION_URL, SANDBOX, TEST, SettingsDialog
from pharmadesk.ui.app import open_station
from pharmadesk.ui.station import (
    AUTOSYNC_SETTING, CAMERA_SETTING, LANGUAGE_SETTING, SERIAL_BAUD_SETTING, SERIAL_PORT_SETTING, SOUNDS_SETTING,
)
from scanners import camera_capture, profiles
from scanners.virtual import VirtualScanner
from tests.ui.conftest import GS, make_station

HOSPITAL = world.HOSPITAL
PHARMACY = world.PHARMACY
SECRET = "Parola-Kasada-5512"


@pytest.fixture
def station(qapp, store, tmp_path):
    made = make_station(qapp, store, tmp_path, "en")
    yield made
    made.language.set("en")
    made.language.deleteLater()


@pytest.fixture
def open_dialog(qtbot, station):
    opened = []

    def open_() -> SettingsDialog:
        dialog = SettingsDialog(station)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        opened.append(dialog)
        return dialog

    yield open_
    for dialog in opened:
        dialog.scanners.stop()
    workers.wait_for_all(20000)


def retype(qtbot, field, text: str) -> None:
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    qtbot.keyClicks(field, text)


def choose(combo, data) -> None:
    combo.setCurrentIndex(combo.findData(data))


def test_beside_the_protocol_choice_the_guessed_names_are_said_plainly(open_dialog):
    dialog = open_dialog()
    note = dialog.protocol_note
    assert note.isVisible()
    assert note.text().startswith("Guessed names: no public source shows the addresses and SOAP actions")
    assert "Ürün Doğrulama's SOAP action" in note.text() and "pharmadesk doctor --its-check KAREKOD" in note.text()


def test_saved_settings_come_back_when_the_dialog_opens_again(qtbot, open_dialog, station):
    dialog = open_dialog()
    choose(dialog.stakeholder, "hospital")
    retype(qtbot, dialog.gln, HOSPITAL)
    retype(qtbot, dialog.username, HOSPITAL + "0007")
    choose(dialog.endpoint, TEST)
    retype(qtbot, dialog.url, "https://its-test.example.org")
    choose(dialog.protocol, "its-1.2")
    dialog.chunk_size.setValue(5000)
    dialog.autosync.setChecked(True)
    dialog.autosync_minutes.setValue(30)
    dialog.sounds.setChecked(False)
    scanners = dialog.scanners
    scanners.max_gap.setValue(35)
    scanners.end_timeout.setValue(250)
    scanners.min_length.setValue(12)
    choose(scanners.terminator, "tab")
    choose(scanners.layout_box, "tr_q")
    retype(qtbot, scanners.prefix, "]d2")
    retype(qtbot, scanners.gs_standin, "~|<GS>")
    scanners.port.setEditText("/dev/ttyUSB0")
    choose(scanners.baud, 115200)
    scanners.camera.set_source("1")
    with qtbot.waitSignal(dialog.sig_saved) as saved:
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert {"its.gln", "its.username", "sync.chunk_size", AUTOSYNC_SETTING}.issubset(saved.args[0])

    config, store = station.config, station.store
    assert config.get("its.stakeholder") == "hospital"
    assert (config.get("its.gln"), config.get("its.username")) == (HOSPITAL, HOSPITAL + "0007")
    assert config.get("its.url") == "https://its-test.example.org"
    assert config.get("its.protocol") == "its-1.2"
    assert config.get("sync.chunk_size") == 5000
    assert station.autosync_minutes() == 30
    assert station.sounds.enabled is False
    wedge = wedge_settings(store)
    assert (wedge.max_gap, wedge.end_timeout, wedge.min_length) == (0.035, 0.25, 12)
    assert (wedge.terminator, wedge.keyboard_layout, wedge.prefix) == ("tab", "tr_q", "]d2")
    assert wedge.gs_standins == ("~", "<GS>")
    assert (store.setting(SERIAL_PORT_SETTING), store.setting(SERIAL_BAUD_SETTING)) == ("/dev/ttyUSB0", "115200")
    assert store.setting(CAMERA_SETTING) == "1"

    again = open_dialog()
    assert again.stakeholder.currentData() == "hospital"
    assert (again.gln.text(), again.username.text()) == (HOSPITAL, HOSPITAL + "0007")
    assert again.endpoint.currentData() == TEST and again.url.text() == "https://its-test.example.org"
    assert again.protocol.currentData() == "its-1.2"
    assert again.chunk_size.value() == 5000
    assert again.autosync.isChecked() and again.autosync_minutes.value() == 30
    assert not again.sounds.isChecked()
    s = again.scanners
    assert (s.max_gap.value(), s.end_timeout.value(), s.min_length.value()) == (35, 250, 12)
    assert (s.terminator.currentData(), s.layout_box.currentData()) == ("tab", "tr_q")
    assert (s.prefix.text(), s.gs_standin.text()) == ("]d2", "~|<GS>")
    assert (s.port.currentText(), s.baud.currentData()) == ("/dev/ttyUSB0", 115200)
    assert s.camera.source_box.currentText() == "1"


@pytest.mark.parametrize("gln, message", [
    ("8690003000041", "The GLN's check digit is wrong: its last digit should be 0 (ITS 11018)."),
    ("869000300004", "A GLN has 13 digits, the last one a check digit (ITS 11018)."),
])
def test_a_wrong_gln_is_refused_and_nothing_is_saved(qtbot, open_dialog, station, gln, message):
    dialog = open_dialog()
    dialog.chunk_size.setValue(777)
    retype(qtbot, dialog.gln, gln)
    assert dialog.gln_check.text() == "✖ " + message  # said while typing
    qtbot.keyClick(dialog.gln, Qt.Key.Key_Return)  # Enter = Save
    assert dialog.isVisible()
    assert message in dialog.error.text()
    assert dialog.focusWidget() is dialog.gln
    assert station.config.get("its.gln") == PHARMACY
    assert station.config.get("sync.chunk_size") == 10000


@pytest.mark.parametrize("username, message", [
    ("8690003000040", "The ITS user name is the GLN followed by 4 digits (17 digits, ITS 11039)."),
    (HOSPITAL + "0000", "The ITS user name must start with this station's GLN (ITS 11039)."),
])
def test_a_wrong_user_name_is_refused(qtbot, open_dialog, station, username, message):
    dialog = open_dialog()
    retype(qtbot, dialog.username, username)
    assert dialog.username_check.text() == "✖ " + message
    assert dialog.save() is False
    assert message in dialog.error.text()
    assert station.config.get("its.username") == PHARMACY + "0000"
    retype(qtbot, dialog.username, PHARMACY + "0042")
    assert dialog.username_check.text() == "✔ Valid"
    assert dialog.save() is True
    assert station.config.get("its.username") == PHARMACY + "0042"


def test_without_a_keyring_the_dialog_says_where_the_password_goes(open_dialog):
    dialog = open_dialog()  # the test run has PHARMADESK_KEYRING_BACKEND=none
    assert not dialog.password.isEnabled()
    assert "No password keyring is available on this computer" in dialog.password_state.text()
    assert "PHARMADESK_ITS_PASSWORD" in dialog.password_state.text()
    assert dialog.save() is True  # everything else still saves


def test_the_password_goes_to_the_keyring_never_to_the_database(qtbot, open_dialog, station, memory_keyring):
    dialog = open_dialog()
    assert dialog.password.isEnabled()
    assert dialog.password_state.text() == "No password saved yet for this user name."
    qtbot.keyClicks(dialog.password, SECRET)
    assert dialog.save() is True
    assert memory_keyring.passwords == {(settings.KEYRING_SERVICE, PHARMACY + "0000"): SECRET}
    assert settings.get_password(PHARMACY + "0000") == SECRET
    assert dialog.password.text() == ""
    station.store.conn.execute("PRAGMA wal_checkpoint(FULL)")
    for path in station.store.path.parent.iterdir():
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes(), path
    assert SECRET not in str(station.store.settings())

    again = open_dialog()
    assert again.password_state.text().startswith("A password is saved in the keyring")
    assert again.password.text() == "" and again.password.placeholderText() == "(unchanged)"


def test_endpoint_choice_fills_the_address(qtbot, open_dialog, station):
    station.simulator_url = "http://127.0.0.1:48123"
    dialog = open_dialog()
    assert dialog.endpoint.currentData() == PRODUCTION  # the default address is the real ITS
    choose(dialog.endpoint, SANDBOX)
    assert dialog.url.text() == "http://127.0.0.1:48123"
    assert "nothing reaches the real ITS" in dialog.url_note.text()
    choose(dialog.endpoint, PRODUCTION)
    assert dialog.url.text() == PRODUCTION_URL and dialog.url.isReadOnly()
    choose(dialog.endpoint, SANDBOX)
    assert dialog.save()
    assert station.config.get("its.url") == "http://127.0.0.1:48123"


def type_scan(qtbot, widget, raw: str) -> None:
    """A scanner's keys: characters, GS as the Ctrl+] event it produces, Enter."""
    for number, part in enumerate(raw.split(GS)):
        if number:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_BracketRight,
                                                         Qt.KeyboardModifier.ControlModifier, GS))
        qtbot.keyClicks(widget, part)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def test_the_scan_here_box_names_the_matching_profile(qtbot, open_dialog):
    dialog = open_dialog()
    dialog.tabs.setCurrentWidget(dialog.scanners)
    box = dialog.scanners.test_box
    dialog.activateWindow()
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    assert box.prompt.text() == "Listening — scan the test code now."
    with qtbot.waitSignal(box.sig_checked, timeout=5000) as checked:
        type_scan(qtbot, box, profiles.TEST_KAREKOD)
    check = checked.args[0]
    assert check.recognised
    assert dialog.isVisible()  # Enter went to the test, not to the Save button
    assert check.summary("en") in box.result.text()
    assert check.profile.name("en") in box.result.text()  # the matching profile, named
    assert "Read: 010200000000000821PD.Test-i/7[GS]1730123110TEST" in box.result.text()
    assert dialog.scanners.use_suggested.isEnabled()
    shown = box.result.text()
    qtbot.wait(int(profiles.TestScanCollector().silence * 1000) + 300)
    assert box.result.text() == shown  # the Enter key's release does not start another test


def test_a_gs_stand_in_that_is_a_letter_is_refused(qtbot, open_dialog, station):
    dialog = open_dialog()
    retype(qtbot, dialog.scanners.gs_standin, "X")
    assert dialog.save() is False
    assert "must not be a plain letter or digit" in dialog.error.text()
    assert wedge_settings(station.store).gs_standins == ()


def test_serial_test_reads_a_scan_from_the_port(qtbot, open_dialog):
    dialog = open_dialog()
    scanners = dialog.scanners
    paused = []
    scanners.serial_hooks.append(paused.append)
    with VirtualScanner() as scanner:
        scanners.port.setEditText(scanner.port)
        qtbot.mouseClick(scanners.serial_button, Qt.MouseButton.LeftButton)
        assert "Listening on" in scanners.serial_result.text()
        assert not scanners.serial_button.isEnabled()
        qtbot.wait(300)  # the port is open once the job runs; a scan sent before is lost by design
        scanner.emit(profiles.TEST_KAREKOD)
        qtbot.waitUntil(lambda: scanners.serial_button.isEnabled(), timeout=20000)
    text = scanners.serial_result.text()
    assert "Matching profile:" in text and "Serial / COM-port scanner" in text, text
    assert "Read: 010200000000000821PD.Test-i/7[GS]1730123110TEST" in text
    assert paused == [True, False]  # the window's own reader was paused and resumed


def test_serial_test_says_when_the_port_cannot_be_opened(qtbot, open_dialog, tmp_path):
    dialog = open_dialog()
    scanners = dialog.scanners
    scanners.port.setEditText(str(tmp_path / "ttyNOPE"))
    scanners.test_serial()
    qtbot.waitUntil(lambda: scanners.serial_button.isEnabled(), timeout=20000)
    assert scanners.serial_result.text().startswith("The port cannot be read:")


def test_camera_preview_reads_the_test_code(qtbot, open_dialog, tmp_path):
    folder = tmp_path / "frames"
    folder.mkdir()
    cv2.imwrite(str(folder / "test.png"), profiles.test_karekod_image(6))
    dialog = open_dialog()
    camera = dialog.scanners.camera
    camera.set_source(str(folder))
    qtbot.mouseClick(camera.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.scanners.camera_result.text() != "", timeout=20000)
    assert dialog.scanners.camera_result.text() == "The camera read: 010200000000000821PD.Test-i/7[GS]1730123110TEST"
    assert camera.last_image is not None  # the preview drew the frame
    dialog.scanners.stop()


@pytest.fixture
def camera_probes(monkeypatch):
    """Every camera number the real probe tries, with the thread it ran on (the probe
    itself runs unchanged: this machine simply has no webcam, so it finds none)."""
    tried = []
    real_probe = camera_capture.camera_gives_picture

    def counted(index: int) -> bool:
        tried.append((index, threading.current_thread()))
        return real_probe(index)

    monkeypatch.setattr(camera_capture, "camera_gives_picture", counted)
    return tried


@pytest.fixture
def camera_one(monkeypatch, tmp_path):
    """The one stand-in for hardware this machine lacks: camera number 1 is a folder of
    frames showing the test karekod, read through the real capture and decoding threads."""
    folder = tmp_path / "camera-1"
    folder.mkdir()
    for frame in range(3):
        cv2.imwrite(str(folder / f"{frame}.png"), profiles.test_karekod_image(6))

    class FramesAsCameraOne(camera_capture._ImageFolder):
        def __init__(self, index: int):
            assert index == 1, f"only camera 1 is plugged in, not {index}"
            super().__init__(folder)

    monkeypatch.setattr(camera_capture, "_LiveCamera", FramesAsCameraOne)


def test_opening_the_settings_tries_no_camera_until_asked(qtbot, open_dialog, camera_probes):
    dialog = open_dialog()
    dialog.tabs.setCurrentWidget(dialog.scanners)
    qtbot.wait(200)
    workers.wait_for_all(20000)
    assert camera_probes == []
    scanners = dialog.scanners
    assert scanners.cameras_found.text() == ""
    qtbot.mouseClick(scanners.find_cameras_button, Qt.MouseButton.LeftButton)
    assert scanners.cameras_found.text() == "Looking for cameras…"  # the window is not blocked meanwhile
    qtbot.waitUntil(scanners.find_cameras_button.isEnabled, timeout=20000)
    assert [index for index, _ in camera_probes] == [0, 1, 2, 3]
    assert threading.main_thread() not in {thread for _, thread in camera_probes}
    assert scanners.cameras_found.text() == "No camera found."


def test_find_cameras_leaves_the_camera_panels_camera_alone(qtbot, open_window, camera_one, camera_probes):
    window = open_window("en")
    panel = window.camera_panel
    panel.set_source("1")
    assert panel.start()
    qtbot.waitUntil(lambda: panel.scans_seen == 1, timeout=20000)

    qtbot.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: getattr(window, "settings_dialog", None) is not None
                    and window.settings_dialog.isVisible())
    scanners = window.settings_dialog.scanners
    window.settings_dialog.tabs.setCurrentWidget(scanners)
    assert camera_probes == []

    qtbot.mouseClick(scanners.find_cameras_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(scanners.find_cameras_button.isEnabled, timeout=20000)
    assert [index for index, _ in camera_probes] == [0, 2, 3]  # never camera 1
    assert scanners.cameras_found.text() == ("No other camera found.\n"
                                             "Camera 1: in use by the Camera panel (F10), not tried.")
    box = scanners.camera.source_box
    assert box.itemData(box.findText("1"), Qt.ItemDataRole.ToolTipRole).startswith("Camera 1: in use")
    assert panel.running and panel.bridge.source == 1  # the panel kept its camera
    window.station.language.set("tr")
    assert scanners.find_cameras_button.text() == "Kameraları bul"
    assert scanners.cameras_found.text().splitlines()[1] == (
        "Kamera 1: Kamera panelinde (F10) kullanılıyor, denenmedi.")
    window.settings_dialog.reject()
    panel.stop()


def test_the_dialog_speaks_turkish(qtbot, open_dialog, station):
    dialog = open_dialog()
    choose(dialog.language, "tr")
    assert dialog.save()
    assert station.lang == "tr"
    assert station.store.setting("ui.language") == "tr"
    assert dialog.windowTitle() == "Ayarlar"
    assert dialog.labels["gln"].text() == "Kendi &GLN'iniz:"
    assert dialog.tabs.tabText(3) == "Okuyucular"
    retype(qtbot, dialog.gln, "8690003000041")
    assert dialog.gln_check.text() == "✖ GLN'nin kontrol hanesi yanlış: son hane 0 olmalı (ITS 11018)."


def test_every_setting_the_dialog_saves_is_one_pharmadesk_config_knows(open_dialog):
    dialog = open_dialog()
    assert set(dialog.values()) <= set(settings.OPTIONS)
    for key in (LANGUAGE_SETTING, SOUNDS_SETTING, AUTOSYNC_SETTING, SERIAL_PORT_SETTING,
                SERIAL_BAUD_SETTING, CAMERA_SETTING):
        assert key in settings.OPTIONS


def test_a_new_station_shows_the_declared_defaults(open_dialog):
    default = {key: option.default for key, option in settings.OPTIONS.items()}
    dialog = open_dialog()
    s = dialog.scanners
    assert (s.max_gap.value(), s.end_timeout.value(), s.min_length.value()) == (
        default["scanner.wedge.max_gap_ms"], default["scanner.wedge.end_timeout_ms"],
        default["scanner.wedge.min_length"])
    assert (s.max_gap.minimum(), s.max_gap.maximum()) == settings.bounds("scanner.wedge.max_gap_ms")
    assert s.terminator.currentData() == default["scanner.wedge.terminator"]
    assert s.baud.currentData() == default[SERIAL_BAUD_SETTING]
    assert dialog.sounds.isChecked() is default[SOUNDS_SETTING]
    assert dialog.autosync.isChecked() is bool(default[AUTOSYNC_SETTING])
    assert dialog.chunk_size.maximum() == settings.bounds("sync.chunk_size")[1]


def test_settings_made_on_the_command_line_reach_the_workstation(qapp, qtbot, tmp_path):
    folder = tmp_path / "station"
    environ = {key: value for key, value in os.environ.items() if not key.startswith("PHARMADESK_")}
    for key, value in (("ui.sounds", "false"), ("ui.language", "en"), ("ui.autosync_minutes", "10"),
                       ("scanner.wedge.max_gap_ms", "30"), ("scanner.wedge.layout", "tr_q")):
        done = subprocess.run([sys.executable, "-m", "pharmadesk", "config", "set", key, value,
                               "--data-dir", str(folder)], env=environ, capture_output=True, text=True,
                              timeout=60)
        assert done.returncode == 0, done.stderr
    station = open_station(qapp, folder, lang=None, sandbox_mode=False)
    try:
        assert (station.lang, station.sounds.enabled, station.autosync_minutes()) == ("en", False, 10)
        wedge = wedge_settings(station.store)
        assert (wedge.max_gap, wedge.keyboard_layout) == (0.030, "tr_q")
        dialog = SettingsDialog(station)
        qtbot.addWidget(dialog)
        assert not dialog.sounds.isChecked()
        assert dialog.autosync.isChecked() and dialog.autosync_minutes.value() == 10
        assert dialog.scanners.max_gap.value() == 30
        dialog.scanners.stop()
    finally:
        station.language.set("en")
        station.language.deleteLater()
        station.store.close()


def test_ctrl_comma_opens_settings_and_a_save_reaches_the_running_window(qtbot, open_window):
    window = open_window("en")
    assert ("Ctrl+,", "Settings") in window.shortcuts()
    qtbot.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: getattr(window, "settings_dialog", None) is not None and window.settings_dialog.isVisible())
    dialog = window.settings_dialog
    dialog.autosync.setChecked(True)
    dialog.autosync_minutes.setValue(5)
    dialog.sounds.setChecked(False)
    assert dialog.save()
    assert window.sync.autosync_active  # the auto-sync timer runs without a restart
    assert not window.sound_action.isChecked()
    assert "auto-sync every 5 min" in window.pending_label.text()
    dialog.reject()


def test_a_hospital_on_its2_chooses_its_sarf_route_and_refreshes_the_code_texts(qtbot, open_dialog, station,
                                                                                 monkeypatch):
    from pharmadesk.its import codes
    from pharmadesk.sim.server import start_simulator

    sim = start_simulator()
    monkeypatch.setenv(settings.PASSWORD_ENV, world.SANDBOX_PASSWORD)
    request = urllib.request.Request(sim.base_url + "/admin/codes", method="POST", data=json.dumps(
        {"codes": {"10226": "Eğitim: PharmaDesk kataloğunda olmayan bir kod."}}).encode())
    urllib.request.urlopen(request, timeout=10).close()
    try:
        dialog = open_dialog()
        choose(dialog.stakeholder, "hospital")
        assert not dialog.consume_via.isVisible()  # only a hospital on ITS2 has the choice
        choose(dialog.protocol, "its2")
        assert dialog.consume_via.isVisible() and dialog.consume_via.currentData() == "rest"
        choose(dialog.consume_via, "soap")
        retype(qtbot, dialog.gln, HOSPITAL)
        retype(qtbot, dialog.username, HOSPITAL + "0000")
        choose(dialog.endpoint, SANDBOX)
        retype(qtbot, dialog.url, sim.base_url)
        assert dialog.save()
        assert (station.config.get("its.protocol"), station.config.get("its.consume_via")) == ("its2", "soap")
        assert "never refreshed" in dialog.code_refresh.state.text()

        with workers.run_synchronously():
            qtbot.mouseClick(dialog.code_refresh.button, Qt.MouseButton.LeftButton)
        assert "ITS code list updated" in dialog.code_refresh.state.text()
        assert "(10226)" in dialog.code_refresh.state.text()
        assert codes.describe("10202", "tr").text == "Ürünün son kullanma tarihi geçmiştir."
        again = open_dialog()
        assert again.consume_via.currentData() == "soap"
        assert "ITS's texts from" in again.code_refresh.state.text()
    finally:
        codes.use_its_texts({})
        sim.stop()


def test_code_refresh_without_an_account_says_what_to_save_first(qtbot, open_dialog):
    dialog = open_dialog()
    with workers.run_synchronously():
        qtbot.mouseClick(dialog.code_refresh.button, Qt.MouseButton.LeftButton)
    assert dialog.code_refresh.state.text() == "Save the ITS account first (GLN, user name, password)."
    assert dialog.code_refresh.button.isEnabled()
