"""The first start on a new PC: a short wizard that asks what this station is (pharmacy,
hospital, warehouse), its GLN and ITS user name, keeps the ITS password in the OS
keyring, lets the pharmacist try the scanner, and opens either the training sandbox or
the real ITS. It is shown while the data folder has no station GLN."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QApplication, QButtonGroup, QComboBox, QDialog, QFormLayout, QLabel, QLineEdit, QMessageBox,
    QRadioButton, QVBoxLayout, QWizard, QWizardPage,
)

from pharmadesk import config as settings
from pharmadesk import gs1
from pharmadesk.config import Config, ConfigError
from pharmadesk.domain import Stakeholder, username_is_valid
from pharmadesk.store import Store, StoreError, open_store
from pharmadesk.ui import feedback
from pharmadesk.ui.i18n import Language
from pharmadesk.ui.scan_field import ScanField
from pharmadesk.ui.station import LANGUAGE_SETTING

SANDBOX, CONNECT = "sandbox", "its"
DIGITS_ONLY = "[0-9]*"


def needed(folder: Path) -> bool:
    """True while the station has no GLN: a new PC, or a set-up that was never finished."""
    try:
        store = open_store(folder)
    except StoreError:
        return False  # the app's own start-up says what is wrong with the folder
    try:
        return Config(store).get("its.gln") is None
    except ConfigError:
        return False  # set, if badly: Settings fixes that, not the wizard
    finally:
        store.close()


@dataclass(frozen=True)
class Outcome:
    choice: str  # SANDBOX or CONNECT
    lang: str
    stakeholder: Stakeholder = Stakeholder.PHARMACY


def settle(app: QApplication, args) -> bool:
    """Before the main window: on the first start run the wizard, which may switch this
    run to the sandbox (args.sandbox, training as the kind of station chosen:
    args.training_kind) and picks the language (args.lang). False when the
    pharmacist closed the wizard: PharmaDesk then exits without setting anything."""
    folder = settings.data_dir(args.data_dir)
    if args.sandbox or not needed(folder):
        return True
    store = open_store(folder)
    language = Language(app, args.lang or settings.Config(store).get_or_default(LANGUAGE_SETTING))
    try:
        wizard = FirstRunWizard(store, language)
        if wizard.exec() != QDialog.DialogCode.Accepted:
            return False
        args.lang = args.lang or wizard.outcome.lang
        args.sandbox = wizard.outcome.choice == SANDBOX
        args.training_kind = wizard.outcome.stakeholder if args.sandbox else None
        return True
    finally:
        language.set("en")  # uninstalls its translators; the main window installs its own
        language.deleteLater()
        store.close()


def _bold(label: QLabel) -> QLabel:
    font = QFont(label.font())
    font.setBold(True)
    label.setFont(font)
    return label


def _note(parent) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class StationPage(QWizardPage):
    """Language and the kind of station: it decides the operations offered."""

    LANGUAGES = (("tr", "Türkçe"), ("en", "English"))
    KINDS = (Stakeholder.PHARMACY, Stakeholder.HOSPITAL, Stakeholder.WAREHOUSE)

    def __init__(self, wizard: FirstRunWizard):
        super().__init__(wizard)
        self.language_box = QComboBox(self)
        for code, name in self.LANGUAGES:
            self.language_box.addItem(name, code)
        self.language_box.setCurrentIndex([c for c, _ in self.LANGUAGES].index(wizard.language.code))
        self.language_box.currentIndexChanged.connect(
            lambda: wizard.language.set(self.language_box.currentData()))
        self.language_label = QLabel(self)
        self.kind_label = _bold(QLabel(self))
        self.kinds = QButtonGroup(self)
        layout = QVBoxLayout(self)
        language_row = QFormLayout()
        language_row.addRow(self.language_label, self.language_box)
        layout.addLayout(language_row)
        layout.addSpacing(12)
        layout.addWidget(self.kind_label)
        for number, kind in enumerate(self.KINDS):
            button = QRadioButton(self)
            button.setObjectName(f"kind_{kind.value}")
            self.kinds.addButton(button, number)
            layout.addWidget(button)
        self.kinds.button(0).setChecked(True)
        layout.addStretch(1)

    def stakeholder(self) -> Stakeholder:
        return self.KINDS[self.kinds.checkedId()]

    def translate_ui(self) -> None:
        self.setTitle(self.tr("Welcome to PharmaDesk"))
        self.setSubTitle(self.tr("A few questions and this PC is ready to scan. You can change every answer "
                                 "later in Settings."))
        self.language_label.setText(self.tr("Language / Dil:"))
        self.kind_label.setText(self.tr("What is this station?"))
        names = {Stakeholder.PHARMACY: self.tr("Pharmacy"),
                 Stakeholder.HOSPITAL: self.tr("Hospital pharmacy"),
                 Stakeholder.WAREHOUSE: self.tr("Drug warehouse")}
        for number, kind in enumerate(self.KINDS):
            self.kinds.button(number).setText(names[kind])


class IdentityPage(QWizardPage):
    """The GLN (13 digits, check digit) and the ITS user name (the GLN + 4 digits)."""

    def __init__(self, wizard: FirstRunWizard):
        super().__init__(wizard)
        self._wizard = wizard
        self.gln = QLineEdit(self)
        self.gln.setObjectName("gln")
        self.gln.setMaxLength(13)
        self.gln.setValidator(QRegularExpressionValidator(DIGITS_ONLY, self))
        self.username = QLineEdit(self)
        self.username.setObjectName("username")
        self.username.setMaxLength(17)
        self.username.setValidator(QRegularExpressionValidator(DIGITS_ONLY, self))
        self.gln_label, self.username_label = QLabel(self), QLabel(self)
        self.gln_problem, self.username_problem = _note(self), _note(self)
        for problem in (self.gln_problem, self.username_problem):
            problem.setStyleSheet("color: #c5221f")
        self.gln.textChanged.connect(self._gln_changed)
        self.username.textChanged.connect(self._check)
        form = QFormLayout(self)
        form.addRow(self.gln_label, self.gln)
        form.addRow("", self.gln_problem)
        form.addRow(self.username_label, self.username)
        form.addRow("", self.username_problem)

    def _gln_changed(self, text: str) -> None:
        # The user name starts with the GLN: offer it, the pharmacist types the last 4 digits.
        username = self.username.text()
        if len(text) == 13 and (not username or not username.startswith(text)):
            self.username.setText(text)
        self._check()

    def _check(self) -> None:
        self.gln_problem.setText(self.gln_error() or "")
        self.username_problem.setText(self.username_error() or "")
        self.completeChanged.emit()

    def gln_error(self) -> str | None:
        text = self.gln.text()
        if len(text) < 13:
            return None  # still typing
        try:
            settings.option("its.gln").parse(text)
        except ConfigError as error:
            return error.message(self._wizard.language.code)
        return None

    def username_error(self) -> str | None:
        text, gln = self.username.text(), self.gln.text()
        if len(text) < 17 or self.gln_error():
            return None
        if not username_is_valid(text, gln):
            return self.tr("The user name is the GLN followed by 4 digits (ITS 11039).")
        return None

    def isComplete(self) -> bool:
        return (len(self.gln.text()) == 13 and not self.gln_error()
                and username_is_valid(self.username.text(), self.gln.text()))

    def translate_ui(self) -> None:
        self.setTitle(self.tr("Your ITS identity"))
        self.setSubTitle(self.tr("The GLN of this pharmacy, hospital or warehouse and the ITS user name, "
                                 "as on your ITS account."))
        self.gln_label.setText(self.tr("&GLN (13 digits):"))
        self.gln_label.setBuddy(self.gln)
        self.username_label.setText(self.tr("ITS &user name:"))
        self.username_label.setBuddy(self.username)
        self.gln.setPlaceholderText("868…")
        self.username.setPlaceholderText(self.tr("GLN + 4 digits"))
        self._check()


class PasswordPage(QWizardPage):
    """The ITS password goes to the OS keyring only; without a keyring the page says how
    to give it instead. Optional: the sandbox needs none."""

    def __init__(self, wizard: FirstRunWizard):
        super().__init__(wizard)
        self.keyring = settings.keyring_available()
        self.password = QLineEdit(self)
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setEnabled(self.keyring)
        self.password_label = QLabel(self)
        self.password_label.setBuddy(self.password)
        self.where = _note(self)
        self.where.setObjectName("keyring_message")
        form = QFormLayout(self)
        form.addRow(self.password_label, self.password)
        form.addRow(self.where)

    def translate_ui(self) -> None:
        self.setTitle(self.tr("ITS password"))
        self.setSubTitle(self.tr("You can leave it empty to try the training sandbox first."))
        self.password_label.setText(self.tr("ITS &password:"))
        if self.keyring:
            self.where.setText(self.tr(
                "The password is kept in this computer's password store (Windows Credential Manager, or the "
                "Secret Service on Linux). It is never written to the database or the logs."))
        else:
            self.where.setText(self.tr(
                "This computer has no password store (keyring), so PharmaDesk cannot keep the password. "
                "Give it in the PHARMADESK_ITS_PASSWORD environment variable, or install a password store "
                "(e.g. GNOME Keyring) and run: pharmadesk config set-password. The training sandbox needs "
                "no password."))


class ScannerPage(QWizardPage):
    """Scan any box: the page shows what PharmaDesk read, or why it could not."""

    def __init__(self, wizard: FirstRunWizard):
        super().__init__(wizard)
        self._wizard = wizard
        self.field = ScanField(self)
        self.field.setObjectName("scanner_test")
        self.field.sig_scanned.connect(self.show_scan)
        # A scanner ends each scan with Enter: it must test the scan, not press Next.
        self.field.installEventFilter(self)
        self.result = _note(self)
        self.result.setObjectName("scan_result")
        self.result.setTextFormat(Qt.TextFormat.RichText)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        result_font = QFont(self.result.font())
        result_font.setPointSizeF(result_font.pointSizeF() * 1.2)
        self.result.setFont(result_font)
        self.hint = _note(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.field)
        layout.addWidget(self.result, 1, Qt.AlignmentFlag.AlignTop)
        self._last_raw: str | None = None

    def initializePage(self) -> None:
        self.field.setFocus()

    def eventFilter(self, watched, event) -> bool:
        if (watched is self.field and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            self.field.returnPressed.emit()
            return True
        return super().eventFilter(watched, event)

    def show_scan(self, raw: str) -> None:
        self._last_raw = raw
        lang = self._wizard.language.code
        try:
            karekod = gs1.parse(raw)
        except gs1.Gs1Error as error:
            self.result.setText(f'<p style="color:#c5221f"><b>✗</b> {_escape(error.message(lang))}</p>')
            return
        rows = ((self.tr("GTIN"), karekod.gtin), (self.tr("Serial number (SN)"), karekod.serial),
                (self.tr("Batch (BN)"), karekod.batch),
                (self.tr("Expiry date"), karekod.expiry.strftime("%d.%m.%Y")))
        table = "".join(f"<tr><td>{_escape(name)}:&nbsp;</td><td><b>{_escape(value)}</b></td></tr>"
                        for name, value in rows)
        works = self.tr("The scanner works.")
        self.result.setText(f'<p style="color:#1e8e3e"><b>✓</b> {_escape(works)}</p><table>{table}</table>')

    def translate_ui(self) -> None:
        self.setTitle(self.tr("Scanner test"))
        self.setSubTitle(self.tr("Scan the karekod of any medicine box. Nothing is saved or sent."))
        self.hint.setText(self.tr("Click in the field and scan (or type the karekod and press Enter)."))
        self.field.setPlaceholderText(self.tr("Karekod"))
        if self._last_raw is not None:
            self.show_scan(self._last_raw)


class StartPage(QWizardPage):
    """Training sandbox first, or the real ITS at its address."""

    def __init__(self, wizard: FirstRunWizard):
        super().__init__(wizard)
        self._wizard = wizard
        self.sandbox_button = QRadioButton(self)
        self.sandbox_button.setObjectName("start_sandbox")
        self.its_button = QRadioButton(self)
        self.its_button.setObjectName("start_its")
        self.sandbox_button.setChecked(True)
        self.sandbox_note, self.connect_note = _note(self), _note(self)
        self.url = QLineEdit(Config(wizard.store).get("its.url"), self)
        self.url.setObjectName("its_url")
        self.url_label = QLabel(self)
        self.url_problem = _note(self)
        self.url_problem.setStyleSheet("color: #c5221f")
        self.its_button.toggled.connect(self._changed)
        self.url.textChanged.connect(self._changed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.sandbox_button)
        layout.addWidget(self.sandbox_note)
        layout.addSpacing(10)
        layout.addWidget(self.its_button)
        layout.addWidget(self.connect_note)
        url_row = QFormLayout()
        url_row.addRow(self.url_label, self.url)
        url_row.addRow("", self.url_problem)
        layout.addLayout(url_row)
        layout.addStretch(1)
        self._changed()

    def choice(self) -> str:
        return CONNECT if self.its_button.isChecked() else SANDBOX

    def url_error(self) -> str | None:
        try:
            settings.option("its.url").parse(self.url.text().strip())
        except ConfigError as error:
            return error.message(self._wizard.language.code)
        return None

    def _changed(self) -> None:
        self.url.setEnabled(self.its_button.isChecked())
        self.url_problem.setText((self.url_error() or "") if self.its_button.isChecked() else "")
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.choice() == SANDBOX or self.url_error() is None

    def translate_ui(self) -> None:
        self.setTitle(self.tr("How do you want to start?"))
        self.setSubTitle(self.tr("Your answers are saved either way."))
        self.sandbox_button.setText(self.tr("Try the training sandbox first"))
        self.sandbox_note.setText(self.tr(
            "A built-in ITS simulator with demo boxes: nothing is sent to the real ITS. Safe for learning and "
            "for training a new colleague. Later, open PharmaDesk (Training) from the Start menu."))
        self.its_button.setText(self.tr("Connect to ITS now"))
        self.connect_note.setText(self.tr(
            "Scans are queued on this PC and sent to ITS with your user name and password."))
        self.url_label.setText(self.tr("ITS &address:"))
        self.url_label.setBuddy(self.url)
        self._changed()


class FirstRunWizard(QWizard):
    """Writes the answers into the store's settings and the password into the keyring
    when the pharmacist presses Finish; `outcome` then says how to start."""

    def __init__(self, store: Store, language: Language, parent=None):
        super().__init__(parent)
        self.store = store
        self.language = language
        self.outcome: Outcome | None = None
        self.setWindowIcon(feedback.app_icon())
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setPixmap(QWizard.WizardPixmap.LogoPixmap, feedback.app_icon().pixmap(48, 48))
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setMinimumSize(640, 460)
        self.station_page = StationPage(self)
        self.identity_page = IdentityPage(self)
        self.password_page = PasswordPage(self)
        self.scanner_page = ScannerPage(self)
        self.start_page = StartPage(self)
        for page in self.pages():
            self.addPage(page)
        language.sig_changed.connect(self.translate_ui)
        self.translate_ui()

    def pages(self) -> tuple[QWizardPage, ...]:
        return (self.station_page, self.identity_page, self.password_page, self.scanner_page, self.start_page)

    def translate_ui(self, _lang: str | None = None) -> None:
        self.setWindowTitle(self.tr("PharmaDesk — first start"))
        for page in self.pages():
            page.translate_ui()

    def accept(self) -> None:
        try:
            self.save()
        except (ConfigError, StoreError) as error:
            QMessageBox.warning(self, self.windowTitle(), error.message(self.language.code))
            return
        super().accept()

    def save(self) -> None:
        """The answers into the settings; the password (if any) into the keyring only."""
        config = Config(self.store)
        gln, username = self.identity_page.gln.text(), self.identity_page.username.text()
        password = self.password_page.password.text()
        if password:
            settings.set_password(username, password)
            self.password_page.password.clear()
        config.set("its.stakeholder", self.station_page.stakeholder().value)
        config.set("its.gln", gln)
        config.set("its.username", username)
        choice = self.start_page.choice()
        if choice == CONNECT:
            config.set("its.url", self.start_page.url.text().strip())
        self.store.set_setting(LANGUAGE_SETTING, self.language.code)
        self.outcome = Outcome(choice, self.language.code, self.station_page.stakeholder())


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
