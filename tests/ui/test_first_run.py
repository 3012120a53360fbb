"""The first-start wizard, driven like a pharmacist would (clicks and typing, offscreen):
it refuses a GLN with a wrong check digit and a user name that is not the GLN + 4 digits,
says plainly when there is no password store, shows what the scanner read, and writes
the station's settings — the password only into the keyring — when Finish is pressed."""

from __future__ import annotations

from argparse import Namespace

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QWizard

from pharmadesk.config import Config
from pharmadesk.domain import Stakeholder
from pharmadesk.store import open_store
from pharmadesk.ui import first_run
from pharmadesk.ui.i18n import Language
from tests.ui.conftest import gtin, in_days, karekod, type_karekod

GLN = "8680001000005"  # check digit 5
WRONG_CHECK_DIGIT = "8680001000004"
PASSWORD = "Eczane-Sifre-2026"


@pytest.fixture
def folder(tmp_path):
    return tmp_path / "data"


@pytest.fixture
def open_wizard(qapp, qtbot, folder):
    made = []

    def open_(lang: str = "en") -> first_run.FirstRunWizard:
        store = open_store(folder)
        language = Language(qapp, lang)
        wizard = first_run.FirstRunWizard(store, language)
        qtbot.addWidget(wizard)
        wizard.show()
        qtbot.waitExposed(wizard)
        made.append((store, language))
        return wizard

    yield open_
    for store, language in made:
        language.set("en")
        language.deleteLater()
        store.close()


def click(qtbot, wizard, which) -> None:
    button = wizard.button(which)
    assert button.isEnabled() and button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def choose(qtbot, radio) -> None:
    """Click a radio button on its circle, where a user clicks (not the empty row after the text)."""
    qtbot.mouseClick(radio, Qt.MouseButton.LeftButton, pos=QPoint(8, radio.height() // 2))
    assert radio.isChecked()


def fill_identity(qtbot, wizard, gln: str = GLN) -> None:
    page = wizard.identity_page
    qtbot.keyClicks(page.gln, gln)
    assert page.username.text() == gln  # offered: only the last 4 digits are left to type
    qtbot.keyClicks(page.username, "0007")


def test_the_wizard_writes_the_station_settings_and_connects_to_its(qtbot, folder, open_wizard):
    assert first_run.needed(folder)
    wizard = open_wizard("en")
    next_, finish = QWizard.WizardButton.NextButton, QWizard.WizardButton.FinishButton

    choose(qtbot, wizard.station_page.kinds.button(1))  # hospital
    click(qtbot, wizard, next_)

    page = wizard.identity_page
    assert wizard.currentPage() is page and not wizard.button(next_).isEnabled()
    qtbot.keyClicks(page.gln, WRONG_CHECK_DIGIT)
    assert "check digit" in page.gln_problem.text() and not wizard.button(next_).isEnabled()
    page.gln.clear()
    page.username.clear()
    fill_identity(qtbot, wizard)
    assert page.gln_problem.text() == "" and wizard.button(next_).isEnabled()
    page.username.setText("86800010000120007")  # another GLN's user name
    assert "GLN followed by 4 digits" in page.username_problem.text() and not wizard.button(next_).isEnabled()
    page.username.setText(GLN + "0007")
    click(qtbot, wizard, next_)

    page = wizard.password_page  # this machine has no keyring (PHARMADESK_KEYRING_BACKEND=none)
    assert not page.password.isEnabled()
    assert "no password store" in page.where.text() and "PHARMADESK_ITS_PASSWORD" in page.where.text()
    click(qtbot, wizard, next_)

    page = wizard.scanner_page
    box = karekod(gtin("0869950400001"), "SN12345", "LOT7", in_days(400))
    type_karekod(qtbot, page.field, box)
    shown = page.result.text()
    assert "The scanner works" in shown and gtin("0869950400001") in shown and "SN12345" in shown
    assert "LOT7" in shown and in_days(400).strftime("%d.%m.%Y")[3:] in shown
    type_karekod(qtbot, page.field, "8699504000016")  # the linear barcode beside the karekod
    assert "✗" in page.result.text()
    click(qtbot, wizard, next_)

    page = wizard.start_page
    assert not wizard.button(next_).isVisible()
    choose(qtbot, page.its_button)
    page.url.clear()
    qtbot.keyClicks(page.url, "its.saglik.gov.tr")
    assert "http" in page.url_problem.text() and not wizard.button(finish).isEnabled()
    page.url.clear()
    qtbot.keyClicks(page.url, "https://its.saglik.gov.tr")
    click(qtbot, wizard, finish)

    assert wizard.result() == QWizard.DialogCode.Accepted
    assert wizard.outcome == first_run.Outcome(first_run.CONNECT, "en", Stakeholder.HOSPITAL)
    config = Config(wizard.store)
    assert config.stakeholder() is Stakeholder.HOSPITAL
    assert config.get("its.gln") == GLN and config.get("its.username") == GLN + "0007"
    assert config.get("its.url") == "https://its.saglik.gov.tr"
    assert not first_run.needed(folder)  # the next start opens the workstation directly


def test_the_password_goes_to_the_keyring_and_nowhere_else(qtbot, folder, open_wizard, memory_keyring):
    wizard = open_wizard("en")
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    fill_identity(qtbot, wizard)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    page = wizard.password_page
    assert page.password.isEnabled() and "never written to the database" in page.where.text()
    qtbot.keyClicks(page.password, PASSWORD)
    assert page.password.echoMode() == page.password.EchoMode.Password
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    click(qtbot, wizard, QWizard.WizardButton.FinishButton)  # sandbox: the default start

    assert wizard.outcome.choice == first_run.SANDBOX
    assert memory_keyring.passwords == {("PharmaDesk ITS", GLN + "0007"): PASSWORD}
    assert page.password.text() == ""
    wizard.store.close()
    stored = b"".join(path.read_bytes() for path in folder.iterdir() if path.is_file())
    assert PASSWORD.encode() not in stored and GLN.encode() in stored


def test_cancel_leaves_the_station_unset(qtbot, folder, open_wizard):
    wizard = open_wizard("en")
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    fill_identity(qtbot, wizard)
    click(qtbot, wizard, QWizard.WizardButton.CancelButton)
    assert wizard.outcome is None and first_run.needed(folder)


def test_the_wizard_speaks_turkish_and_switches_language_live(qtbot, open_wizard):
    wizard = open_wizard("tr")
    assert wizard.station_page.title() == "PharmaDesk'e hoş geldiniz"
    assert wizard.station_page.kinds.button(0).text() == "Eczane"
    wizard.station_page.language_box.setCurrentIndex(1)  # English
    assert wizard.station_page.title() == "Welcome to PharmaDesk"
    assert wizard.language.code == "en"


def _when_the_wizard_shows(qapp, act) -> list:
    """Calls act(wizard) once the wizard is on screen as a modal dialog (it blocks in exec)."""
    seen = []

    def poll():
        wizard = qapp.activeModalWidget()
        if isinstance(wizard, first_run.FirstRunWizard) and wizard.isVisible():
            seen.append(wizard)
            act(wizard)
        else:
            QTimer.singleShot(50, poll)

    QTimer.singleShot(0, poll)
    return seen


def test_the_first_start_runs_the_wizard_and_training_follows(qapp, qtbot, tmp_path):
    args = Namespace(data_dir=str(tmp_path), sandbox=False, lang=None)

    def finish_with_sandbox(wizard):
        wizard.station_page.language_box.setCurrentIndex(1)  # English
        wizard.next()
        fill_identity(qtbot, wizard)
        for _ in range(3):
            wizard.next()
        assert wizard.currentPage() is wizard.start_page and wizard.start_page.sandbox_button.isChecked()
        click(qtbot, wizard, QWizard.WizardButton.FinishButton)

    seen = _when_the_wizard_shows(qapp, finish_with_sandbox)
    assert first_run.settle(qapp, args) is True
    assert len(seen) == 1
    assert args.sandbox is True and args.lang == "en"  # this run opens the training sandbox in English
    store = open_store(tmp_path)
    try:
        assert Config(store).get("its.gln") == GLN and store.setting("ui.language") == "en"
    finally:
        store.close()

    args = Namespace(data_dir=str(tmp_path), sandbox=False, lang=None)
    assert not first_run.needed(tmp_path)
    assert first_run.settle(qapp, args) is True  # set up: straight to the workstation, no wizard
    assert args.sandbox is False


def test_closing_the_wizard_on_the_first_start_quits_without_settings(qapp, qtbot, tmp_path):
    args = Namespace(data_dir=str(tmp_path), sandbox=False, lang=None)
    seen = _when_the_wizard_shows(qapp, lambda wizard: wizard.reject())
    assert first_run.settle(qapp, args) is False
    assert len(seen) == 1 and first_run.needed(tmp_path)
