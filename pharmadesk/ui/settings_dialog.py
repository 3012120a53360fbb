"""The settings dialog: who this station is for ITS (stakeholder type, GLN, user name and
password), where ITS is (sandbox / test / production), how sync runs, the interface
language and sounds, and the scanners (the Scanners tab, `scanner_test.py`).

Nothing is written until Save, and then only if every field is valid: a wrong GLN or
user name is refused with a message beside the field. The password goes to the OS
keyring through `pharmadesk.config`, never into the database."""

from __future__ import annotations

import os
from urllib.parse import urlsplit

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
    QSpinBox, QTabWidget, QVBoxLayout, QWidget,
)

from pharmadesk import config as settings
from pharmadesk.domain import Stakeholder, gln_is_valid, username_is_valid
from pharmadesk.gs1 import check_digit
from pharmadesk.its.connect import CONSUME_VIA_REST, CONSUME_VIA_SOAP
from pharmadesk.its.rest_services import ITS2, ITS2_HOST
from pharmadesk.its.services import BR_V1, ITS_12
from pharmadesk.ui import sandbox
from pharmadesk.ui.i18n import LANGUAGES
from pharmadesk.ui.capture import WEDGE_SETTINGS, wedge_settings
from pharmadesk.ui.code_refresh import CodeRefresh
from pharmadesk.ui.scanner_settings import ScannerSettings
from pharmadesk.ui.screen import fit_to_screen
from pharmadesk.ui.station import (
    AUTOSYNC_SETTING, CAMERA_SETTING, LANGUAGE_SETTING, SERIAL_BAUD_SETTING, SERIAL_PORT_SETTING,
    SOUNDS_SETTING,
)

PRODUCTION_URL = "https://its.saglik.gov.tr"
# The only test host the sources show is the one baked into the 2011-2013 WSDLs; it is
# not public, so ITS must give a test account its real address.
TEST_URL_HINT = "http://itstest:8080"
SANDBOX, TEST, PRODUCTION = "sandbox", "test", "production"
ENDPOINTS = (SANDBOX, TEST, PRODUCTION)
_ERROR_STYLE = "color: #c5221f;"
_OK_STYLE = "color: #1e8e3e;"


def endpoint_of(url: str) -> str:
    """Which ITS a base URL is: the local simulator (loopback), the production host, or
    anything else (a test system ITS gave the pharmacy)."""
    host = (urlsplit(url).hostname or "").lower()
    if host in ("127.0.0.1", "localhost", "::1"):
        return SANDBOX
    if url.rstrip("/") in (PRODUCTION_URL, "http://its.saglik.gov.tr", ITS2_HOST):
        return PRODUCTION
    return TEST


def _with_note(field: QWidget, note: QLabel) -> QWidget:
    """A field with its note right under it (a check result, what an address is)."""
    box = QWidget(field.parentWidget())
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(field)
    layout.addWidget(note)
    return box


class SettingsDialog(QDialog):
    sig_saved = Signal(object)  # the set of setting keys whose value changed

    def __init__(self, station, parent: QWidget | None = None, *, camera_panels=()):
        """`camera_panels`: the window's camera panels, whose cameras a search leaves alone."""
        super().__init__(parent)
        self.station = station
        self.setObjectName("settings")
        fit_to_screen(self, 760, 640)
        self.keyring = settings.keyring_available()
        self._password_known: dict[str, bool] = {}
        self.tabs = QTabWidget(self)
        self._build_its_tab()
        self._build_sync_tab()
        self._build_interface_tab()
        self.scanners = ScannerSettings(station.store, self, lang=lambda: station.lang,
                                        camera_panels=camera_panels)
        self.tabs.addTab(self.scanners, "")

        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet(_ERROR_STYLE)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.save_and_close)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

        self.load()
        station.language.sig_changed.connect(self.translate_ui)
        self.translate_ui()

    # ---- building -----------------------------------------------------------------------

    def _build_its_tab(self) -> None:
        page = QWidget(self)
        form = QFormLayout(page)
        self.stakeholder = QComboBox(page)
        for kind in Stakeholder:
            self.stakeholder.addItem("", kind.value)
        self.gln = QLineEdit(page)
        self.gln.setMaxLength(13)
        self.gln_check = QLabel(page)
        self.username = QLineEdit(page)
        self.username.setMaxLength(17)
        self.username_check = QLabel(page)
        self.password = QLineEdit(page)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_state = QLabel(page)
        self.password_state.setWordWrap(True)
        self.endpoint = QComboBox(page)
        for endpoint in ENDPOINTS:
            self.endpoint.addItem("", endpoint)
        self.url = QLineEdit(page)
        self.url_note = QLabel(page)
        self.url_note.setWordWrap(True)
        self.protocol = QComboBox(page)
        self.protocol.addItem("", BR_V1)
        self.protocol.addItem("", ITS_12)
        self.protocol.addItem("", ITS2)
        self.protocol_note = QLabel(page)  # which names no public source shows
        self.protocol_note.setWordWrap(True)
        self.protocol_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Hospital Sarf under ITS2: one source gives its REST path, so SOAP stays a fallback.
        self.consume_via = QComboBox(page)
        self.consume_via.addItem("", CONSUME_VIA_REST)
        self.consume_via.addItem("", CONSUME_VIA_SOAP)
        self.code_refresh = CodeRefresh(self.station, page)

        self.labels: dict[str, QLabel] = {}
        notes = {"gln": self.gln_check, "username": self.username_check, "password": self.password_state,
                 "url": self.url_note, "protocol": self.protocol_note}
        for key, field in (("stakeholder", self.stakeholder), ("gln", self.gln), ("username", self.username),
                           ("password", self.password), ("endpoint", self.endpoint), ("url", self.url),
                           ("protocol", self.protocol), ("consume_via", self.consume_via),
                           ("codes", self.code_refresh)):
            label = QLabel(page)
            label.setBuddy(field)
            self.labels[key] = label
            form.addRow(label, _with_note(field, notes[key]) if key in notes else field)
        self.stakeholder.currentIndexChanged.connect(self._kind_changed)
        self.gln.textChanged.connect(self._check_identity)
        self.username.textChanged.connect(self._check_identity)
        self.endpoint.currentIndexChanged.connect(self._endpoint_changed)
        self.protocol.currentIndexChanged.connect(self._show_consume_choice)
        self.stakeholder.currentIndexChanged.connect(self._show_consume_choice)
        self.tabs.addTab(page, "")

    def _build_sync_tab(self) -> None:
        page = QWidget(self)
        form = QFormLayout(page)
        self.chunk_size = QSpinBox(page)
        self.chunk_size.setRange(*settings.bounds("sync.chunk_size"))
        self.chunk_size.setSingleStep(1000)
        self.chunk_size.setMaximumWidth(140)
        self.chunk_note = QLabel(page)
        self.chunk_note.setWordWrap(True)
        self.autosync = QCheckBox(page)
        self.autosync_minutes = QSpinBox(page)
        self.autosync_minutes.setRange(1, settings.bounds(AUTOSYNC_SETTING)[1])  # 0 is the box unticked
        self.autosync.toggled.connect(self.autosync_minutes.setEnabled)
        row = QHBoxLayout()
        row.addWidget(self.autosync)
        row.addWidget(self.autosync_minutes)
        row.addStretch(1)
        self.chunk_label, self.autosync_label = QLabel(page), QLabel(page)
        self.chunk_label.setBuddy(self.chunk_size)
        self.autosync_label.setBuddy(self.autosync)
        form.addRow(self.chunk_label, self.chunk_size)
        form.addRow("", self.chunk_note)
        form.addRow(self.autosync_label, row)
        self.tabs.addTab(page, "")

    def _build_interface_tab(self) -> None:
        page = QWidget(self)
        form = QFormLayout(page)
        self.language = QComboBox(page)
        for lang, name in zip(LANGUAGES, ("Türkçe", "English")):
            self.language.addItem(name, lang)
        self.sounds = QCheckBox(page)
        self.language_label = QLabel(page)
        self.language_label.setBuddy(self.language)
        form.addRow(self.language_label, self.language)
        form.addRow("", self.sounds)
        self.tabs.addTab(page, "")

    # ---- values ---------------------------------------------------------------------------

    def load(self) -> None:
        """Show what is saved (the defaults where nothing is)."""
        config = self.station.config
        self.stakeholder.setCurrentIndex(self.stakeholder.findData(config.get("its.stakeholder")))
        for field in (self.gln, self.username):  # in training they follow the station type
            field.setReadOnly(self.station.sandbox)
        self.gln.setText(config.get("its.gln") or "")
        self.username.setText(config.get("its.username") or "")
        self.password.clear()
        url = config.get("its.url")
        self.url.setText(url)
        self.endpoint.setCurrentIndex(self.endpoint.findData(endpoint_of(url)))
        self.protocol.setCurrentIndex(self.protocol.findData(config.get("its.protocol")))
        self.consume_via.setCurrentIndex(self.consume_via.findData(config.get("its.consume_via")))
        self._show_consume_choice()
        self.chunk_size.setValue(config.get("sync.chunk_size"))
        minutes = self.station.autosync_minutes()
        self.autosync.setChecked(minutes > 0)
        self.autosync_minutes.setValue(minutes or 15)
        self.autosync_minutes.setEnabled(minutes > 0)
        self.language.setCurrentIndex(self.language.findData(self.station.lang))
        self.sounds.setChecked(config.get_or_default(SOUNDS_SETTING))
        self.scanners.load()
        self.error.clear()
        self._check_identity()

    def values(self) -> dict[str, str]:
        """The settings as the store keeps them (text), from the fields."""
        return {
            "its.stakeholder": self.stakeholder.currentData(),
            "its.gln": self.gln.text().strip(),
            "its.username": self.username.text().strip(),
            "its.url": self.url.text().strip(),
            "its.protocol": self.protocol.currentData(),
            "its.consume_via": self.consume_via.currentData(),
            "sync.chunk_size": str(self.chunk_size.value()),
            AUTOSYNC_SETTING: str(self.autosync_minutes.value() if self.autosync.isChecked() else 0),
            LANGUAGE_SETTING: self.language.currentData(),
            SOUNDS_SETTING: "on" if self.sounds.isChecked() else "off",
            **self.scanners.values(),
        }

    def problems(self, values: dict[str, str]) -> list[tuple[QWidget, str]]:
        """(field, message) for every value that cannot be saved."""
        found = []
        gln, username = values["its.gln"], values["its.username"]
        if gln or username:
            message = self._gln_problem(gln)
            if message:
                found.append((self.gln, message))
            message = self._username_problem(username, gln)
            if message:
                found.append((self.username, message))
        for key, field in {"its.url": self.url, **self.scanners.fields()}.items():
            try:
                settings.option(key).parse(values[key])
            except settings.ConfigError as error:
                found.append((field, error.message(self.station.lang)))
        if self.password.text() and not self.keyring:
            found.append((self.password, self._no_keyring_text()))
        return found

    def save(self) -> bool:
        """Write every setting (and the password to the keyring); False, with the reason
        shown, when a value is refused — then nothing is written."""
        values = self.values()
        problems = self.problems(values)
        if problems:
            field, _ = problems[0]
            self.error.setText("\n".join(message for _, message in problems))
            self.tabs.setCurrentWidget(self._tab_of(field))
            field.setFocus()
            return False
        password = self.password.text()
        if password:
            try:
                settings.set_password(values["its.username"], password)
            except settings.ConfigError as error:
                self.error.setText(error.message(self.station.lang))
                return False
            self._password_known[values["its.username"]] = True
        store, config = self.station.store, self.station.config
        before = store.settings()
        changed = {key for key, value in values.items() if before.get(key) != value}
        # the user name last: it is checked against the GLN saved before it
        for key in sorted(changed, key=lambda name: name == "its.username"):
            if key in settings.OPTIONS and values[key]:
                config.set(key, values[key])
            else:
                store.set_setting(key, values[key] or None)
        self.password.clear()
        self.error.clear()
        if values[LANGUAGE_SETTING] != self.station.lang:
            self.station.language.set(values[LANGUAGE_SETTING])
        self.station.sounds.enabled = values[SOUNDS_SETTING] == "on"
        self._show_password_state()
        self.sig_saved.emit(changed | ({"its.password"} if password else set()))
        return True

    def save_and_close(self) -> None:
        if self.save():
            self.accept()

    def _tab_of(self, field: QWidget) -> QWidget:
        for index in range(self.tabs.count()):
            page = self.tabs.widget(index)
            if page.isAncestorOf(field):
                return page
        return self.tabs.currentWidget()

    # ---- checks shown while typing ----------------------------------------------------------

    def _gln_problem(self, gln: str) -> str | None:
        if gln_is_valid(gln):
            return None
        if len(gln) == 13 and gln.isdigit():
            return self.tr("The GLN's check digit is wrong: its last digit should be %1 (ITS 11018).") \
                .replace("%1", str(check_digit(gln[:12])))
        return self.tr("A GLN has 13 digits, the last one a check digit (ITS 11018).")

    def _username_problem(self, username: str, gln: str) -> str | None:
        if gln_is_valid(gln) and username_is_valid(username, gln):
            return None
        if len(username) != 17 or not username.isdigit():
            return self.tr("The ITS user name is the GLN followed by 4 digits (17 digits, ITS 11039).")
        return self.tr("The ITS user name must start with this station's GLN (ITS 11039).")

    def _check_identity(self) -> None:
        gln, username = self.gln.text().strip(), self.username.text().strip()
        for label, problem in ((self.gln_check, self._gln_problem(gln) if gln else None),
                               (self.username_check, self._username_problem(username, gln) if username else None)):
            if problem:
                label.setText("✖ " + problem)
                label.setStyleSheet(_ERROR_STYLE)
            elif label is self.gln_check and gln and self.station.sandbox:
                label.setText("✔ " + self.tr("The training %1's GLN in the sandbox ITS")
                              .replace("%1", self.stakeholder.currentText().lower()))
                label.setStyleSheet(_OK_STYLE)
            elif label is self.gln_check and gln or label is self.username_check and username:
                label.setText("✔ " + self.tr("Valid"))
                label.setStyleSheet(_OK_STYLE)
            else:
                label.setText("")
        self._show_password_state()

    def _kind_changed(self) -> None:
        """In training the station type picks the sandbox station of that kind: its GLN and
        user name follow (a pharmacy's GLN on a hospital station gets 11901 on every send)."""
        if self.station.sandbox:
            chosen = sandbox.identity(self.stakeholder.currentData())
            self.gln.setText(chosen["its.gln"])
            self.username.setText(chosen["its.username"])

    def _no_keyring_text(self) -> str:
        return self.tr("No password keyring is available on this computer, so the password cannot "
                       "be saved here. Give it in the PHARMADESK_ITS_PASSWORD environment variable "
                       "(on Linux, installing gnome-keyring gives PharmaDesk a keyring).")

    def _show_password_state(self) -> None:
        if self.station.sandbox:  # the training ITS takes its own password: nothing to keep
            self.password.setEnabled(False)
            self.password.setPlaceholderText("")
            self.password_state.setText(self.tr("Training needs no password."))
            self.password_state.setStyleSheet("")
            return
        if not self.keyring:
            self.password.setPlaceholderText("")
            self.password_state.setText("⚠ " + self._no_keyring_text())
            self.password_state.setStyleSheet(_ERROR_STYLE)
            self.password.setEnabled(False)
            return
        username = self.username.text().strip()
        stored = username_is_valid(username, username[:13]) and self._saved_password(username)
        self.password.setPlaceholderText(self.tr("(unchanged)") if stored else "")
        self.password_state.setText(
            self.tr("A password is saved in the keyring for this user name; type a new one to replace it.")
            if stored else self.tr("No password saved yet for this user name."))
        self.password_state.setStyleSheet("")

    def _saved_password(self, username: str) -> bool:
        """Whether the keyring holds a password for this user name (the environment
        variable does not count: it is not saved anywhere)."""
        if username not in self._password_known:
            environ = {k: v for k, v in os.environ.items() if k != settings.PASSWORD_ENV}
            self._password_known[username] = settings.get_password(username, environ) is not None
        return self._password_known[username]

    def _show_consume_choice(self) -> None:
        """The Sarf route matters to a hospital under ITS2 only."""
        shown = self.protocol.currentData() == ITS2 and self.stakeholder.currentData() == Stakeholder.HOSPITAL.value
        self.consume_via.setVisible(shown)
        self.labels["consume_via"].setVisible(shown)

    def _endpoint_changed(self) -> None:
        endpoint = self.endpoint.currentData()
        current = self.url.text().strip()
        if endpoint == PRODUCTION:
            self.url.setText(PRODUCTION_URL)
        elif endpoint == SANDBOX and endpoint_of(current) != SANDBOX:
            self.url.setText(self.station.simulator_url or "http://127.0.0.1:8080")
        elif endpoint == TEST and endpoint_of(current) != TEST:
            self.url.setText(TEST_URL_HINT)
        self.url.setReadOnly(endpoint == PRODUCTION)
        self._show_url_note()

    def _show_url_note(self) -> None:
        endpoint = self.endpoint.currentData()
        self.url_note.setText({
            SANDBOX: self.tr("The training ITS simulator on this computer: nothing reaches the real ITS."),
            TEST: self.tr("The address of the ITS test system that ITS gave your account."),
            PRODUCTION: self.tr("The real ITS: every notification counts."),
        }[endpoint])

    # ---- language -------------------------------------------------------------------------

    def translate_ui(self, _lang: str | None = None) -> None:
        self.setWindowTitle(self.tr("Settings"))
        for index, text in enumerate((self.tr("ITS"), self.tr("Sync"), self.tr("Interface"),
                                      self.tr("Scanners"))):
            self.tabs.setTabText(index, text)
        for index, text in enumerate((self.tr("Pharmacy"), self.tr("Hospital"),
                                      self.tr("Drug warehouse"))):
            self.stakeholder.setItemText(index, text)
        for key, text in (("stakeholder", self.tr("Station &type:")), ("gln", self.tr("Own &GLN:")),
                          ("username", self.tr("ITS &user name:")), ("password", self.tr("ITS &password:")),
                          ("endpoint", self.tr("ITS &system:")), ("url", self.tr("&Address:")),
                          ("protocol", self.tr("ITS &generation:")),
                          ("consume_via", self.tr("Hospital &Sarf via:")),
                          ("codes", self.tr("Code texts:"))):
            self.labels[key].setText(text)
        for index, text in enumerate((self.tr("Sandbox (training simulator)"), self.tr("Test"),
                                      self.tr("Production (real ITS)"))):
            self.endpoint.setItemText(index, text)
        self.protocol.setItemText(0, self.tr("BR v1 (İTS web services guide)"))
        self.protocol.setItemText(1, self.tr("ITS 1.2 (receipt, return, dispatch, transfer)"))
        self.protocol.setItemText(2, self.tr("ITS2 (REST/JSON, its2.saglik.gov.tr)"))
        self.protocol_note.setText(self.tr(
            "Guessed names: no public source shows the addresses and SOAP actions of the pharmacy (Eczane) "
            "services, of the hospital's purchase, return and transfer services, nor Ürün Doğrulama's SOAP "
            "action; PharmaDesk derives them by analogy. Check them against the real ITS with: "
            "pharmadesk doctor --its-check KAREKOD"))
        self.consume_via.setItemText(0, self.tr("REST (/consume/app/consume)"))
        self.consume_via.setItemText(1, self.tr("SOAP HastaneSarf service (fallback)"))
        self.code_refresh.translate_ui()
        self.gln.setPlaceholderText(self.tr("13 digits, e.g. 8690003000040"))
        self.username.setPlaceholderText(self.tr("GLN + 4 digits, e.g. 86900030000040000"))
        self.chunk_label.setText(self.tr("&Items per request:"))
        self.chunk_note.setText(self.tr("ITS reports 10,000 items per notification as the best size."))
        self.autosync_label.setText(self.tr("&Automatic sync:"))
        self.autosync.setText(self.tr("every"))
        self.autosync_minutes.setSuffix(self.tr(" min"))
        self.language_label.setText(self.tr("&Language:"))
        self.sounds.setText(self.tr("Play a &sound for each scan"))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self._show_url_note()
        self._check_identity()
        self.scanners.translate_ui()


def install(window) -> QAction:
    """The settings in the main window's Tools menu (Ctrl+,); what is saved takes effect
    at once: scanners reopen, auto-sync and sounds follow, ITS is probed again."""
    action = QAction(window)
    action.setShortcut(QKeySequence("Ctrl+,"))

    def show() -> None:
        dialog = SettingsDialog(window.station, window, camera_panels=[window.camera_panel])
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.scanners.serial_hooks.append(lambda testing: _pause_serial(window, testing))
        dialog.sig_saved.connect(lambda changed: apply_to_window(window, changed))
        dialog.finished.connect(lambda _result: dialog.scanners.stop())
        window.settings_dialog = dialog  # tests and screenshots reach the open dialog here
        dialog.open()

    def relabel(_lang: str | None = None) -> None:
        action.setText(QCoreApplication.translate("SettingsDialog", "&Settings"))
        action.setToolTip(QCoreApplication.translate(
            "SettingsDialog", "Station, ITS account and address, sync, language, scanners"))

    action.triggered.connect(show)
    window.station.language.sig_changed.connect(relabel)
    relabel()
    return window.add_tool_action(action)


def _pause_serial(window, testing: bool) -> None:
    """The serial test reads the port itself: the window's reader lets go meanwhile."""
    if testing and window.serial is not None:
        window.serial.stop()
        window.serial.deleteLater()
        window.serial = None
    elif not testing:
        window.start_serial_scanner()


def apply_to_window(window, changed: set[str]) -> None:
    store = window.station.store
    if changed & set(WEDGE_SETTINGS) and window.capture is not None:
        window.capture.apply_settings(wedge_settings(store))
    if {SERIAL_PORT_SETTING, SERIAL_BAUD_SETTING} & changed:
        window.start_serial_scanner()
    if CAMERA_SETTING in changed:
        window.camera_panel.set_source(window.station.config.get_or_default(CAMERA_SETTING))
    if AUTOSYNC_SETTING in changed:
        window.sync.apply_autosync()
    if SOUNDS_SETTING in changed:
        window.sound_action.setChecked(window.station.sounds.enabled)
    if any(key.startswith("its.") for key in changed):
        window.sync.probe_now()
    if "its.stakeholder" in changed:
        if window.station.sandbox:  # the station it was is now a partner, and itself is not
            sandbox.know_partners(store)
        window.station_kind_changed()  # the new type's pages at once
    window.translate_ui()
