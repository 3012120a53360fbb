"""Hospital training the normal way: the first-start wizard's "Hospital pharmacy" + "Try
the training sandbox first" opens a hospital sandbox (the sandbox hospital's GLN, its
partners, its demo boxes and the Sarf page), where a consumption scanned from the demo
scanner and sent with F9 is accepted by the training ITS; and in training the station type
switches in Settings without a restart, GLN and demo boxes following."""

from __future__ import annotations

from argparse import Namespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWizard

from pharmadesk.domain import Operation, Stakeholder
from pharmadesk.sim import sandbox as world
from pharmadesk.sim.rules import Status
from pharmadesk.store import states
from pharmadesk.ui import app as app_module
from pharmadesk.ui import first_run
from pharmadesk.ui.main_window import MainWindow
from pharmadesk.ui.scan_model import ScanTableModel
from tests.ui.conftest import shot
from tests.ui.test_first_run import _when_the_wizard_shows, choose, click, fill_identity


def start_from_the_wizard(qapp, qtbot, tmp_path) -> Namespace:
    """The first start: Hospital, English, the hospital's own GLN, then the training sandbox."""
    args = Namespace(data_dir=str(tmp_path), sandbox=False, lang=None)

    def hospital_then_training(wizard):
        wizard.station_page.language_box.setCurrentIndex(1)  # English
        choose(qtbot, wizard.station_page.kinds.button(1))  # Hospital pharmacy
        click(qtbot, wizard, QWizard.WizardButton.NextButton)
        fill_identity(qtbot, wizard)
        for _ in range(3):
            click(qtbot, wizard, QWizard.WizardButton.NextButton)
        assert wizard.start_page.sandbox_button.isChecked()  # "Try the training sandbox first"
        click(qtbot, wizard, QWizard.WizardButton.FinishButton)

    seen = _when_the_wizard_shows(qapp, hospital_then_training)
    assert first_run.settle(qapp, args) is True and len(seen) == 1
    return args


@pytest.fixture
def hospital_training(qapp, qtbot, tmp_path):
    args = start_from_the_wizard(qapp, qtbot, tmp_path)
    assert args.sandbox and args.training_kind is Stakeholder.HOSPITAL
    station = app_module.open_station(qapp, app_module.data_folder(args.data_dir, True), lang=args.lang,
                                      sandbox_mode=True, training_kind=args.training_kind)
    window = MainWindow(station, capture=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    app_module.start_sandbox_simulator(station, window)
    qtbot.waitUntil(lambda: bool(window.demo_panel.boxes), timeout=15000)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
    yield window
    window.shut_down()
    station.language.set("en")
    station.store.close()


def page_names(window) -> list[str]:
    return [window.nav.item(row).text().split(maxsplit=1)[1] for row in range(window.nav.count())]


def scan_from_the_demo_scanner(qtbot, window, note: str, suggested: str, count: int) -> list[dict]:
    panel = window.demo_panel
    chosen = [number for number, box in enumerate(panel.boxes)
              if box["note"] == note and box["suggested"] == suggested][:count]
    assert len(chosen) == count
    for number in chosen:
        panel.list.setFocus()
        panel.list.setCurrentRow(number)
        qtbot.keyClick(panel.list, Qt.Key.Key_Return)  # Enter scans the selected box
    return [panel.boxes[number] for number in chosen]


def test_hospital_training_from_the_wizard_to_an_accepted_consumption(qtbot, hospital_training):
    window = hospital_training
    station = window.station
    assert station.stakeholder is Stakeholder.HOSPITAL and station.gln == world.HOSPITAL
    assert station.store.setting("its.username") == world.HOSPITAL + "0000"
    names = page_names(window)
    assert "Consumption" in names and "Sale" not in names
    partners = {partner["gln"] for partner in station.store.partners()}
    assert world.SUPPLIER in partners and world.PHARMACY in partners and world.HOSPITAL not in partners
    assert {box["suggested"] for box in window.demo_panel.boxes if box["note"] == "ok"} >= {"consume", "receive"}

    sarf = window.page_for(Operation.CONSUME)
    number = window.pages.indexOf(sarf)
    qtbot.keyClick(window.current_page().scan_field, getattr(Qt.Key, f"Key_F{number + 1}"))
    assert window.current_page() is sarf
    boxes = scan_from_the_demo_scanner(qtbot, window, "ok", "consume", 3)
    qtbot.waitUntil(lambda: sarf.model.rowCount() == 3, timeout=15000)
    qtbot.keyClick(sarf.scan_field, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: window.sync.last_report is not None and not window.sync.running
                    and not window.refresh_pending, timeout=30000)
    assert window.sync.last_report.accepted == 3, window.sync.last_report.message("en")
    qtbot.waitUntil(lambda: [sarf.model.data(sarf.model.index(row, ScanTableModel.STATE))
                             for row in range(3)] == ["Accepted by ITS"] * 3, timeout=15000)
    assert station.store.counts(Operation.CONSUME)[states.ACCEPTED] == 3
    for box in boxes:  # the training ITS booked the consumption
        assert window._simulator.ledger.item(box["gtin"], box["serial"])["status"] == Status.CONSUMED.value
    window.sync_dialog.hide()
    assert window.connection.text() == "● ITS: online"
    shot(window, "hospital-training-sarf-accepted")


def test_in_training_the_station_type_switches_without_a_restart(qtbot, hospital_training):
    window = hospital_training
    settings = next(action for action in window.actions() if action.shortcut().toString() == "Ctrl+,")
    settings.trigger()
    dialog = window.settings_dialog
    assert "Training needs no password" in dialog.password_state.text()  # no red keyring warning
    dialog.stakeholder.setCurrentIndex(dialog.stakeholder.findData("warehouse"))
    assert dialog.gln.text() == world.WAREHOUSE and dialog.username.text() == world.WAREHOUSE + "0000"
    assert "training drug warehouse's GLN" in dialog.gln_check.text()
    shot(dialog, "training-settings-warehouse")
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)

    station = window.station
    assert station.stakeholder is Stakeholder.WAREHOUSE and station.gln == world.WAREHOUSE
    names = page_names(window)
    assert "Dispatch" in names and "Consumption" not in names
    assert window.current_page() is window.operation_pages[station.operations()[0]]
    assert len(window.page_actions) == len(window.operation_pages) == len(names) - 1
    assert names[-1] == "Stock"  # the other pages stay after the new kind's operation pages
    window.nav.setCurrentRow(len(names) - 1)
    assert window.current_page() is window.stock_page
    partners = {partner["gln"] for partner in station.store.partners()}
    assert world.HOSPITAL in partners and world.WAREHOUSE not in partners
    # the demo scanner now offers the boxes on their way to the sandbox warehouse
    ledger = window._simulator.ledger

    def warehouse_boxes() -> bool:
        ok = [box for box in window.demo_panel.boxes if box["note"] == "ok"]
        return bool(ok) and all(ledger.item(box["gtin"], box["serial"])["pending_to"] == world.WAREHOUSE
                                for box in ok)

    qtbot.waitUntil(warehouse_boxes, timeout=15000)
