"""Every operation page of every kind of station: its header form, its main path (a box
scanned with real key events is queued with the header the pharmacist filled in), taking
a box off the queue, the counters, and the keyboard (F-keys, Esc, the shortcuts list)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from pharmadesk.domain import OPERATIONS_BY_STAKEHOLDER, WALK_IN_BUYER_GLN, Operation, Stakeholder
from pharmadesk.sim import sandbox as world
from pharmadesk.store import states
from pharmadesk.ui.main_window import ShortcutsDialog
from pharmadesk.ui.scan_model import ScanTableModel
from tests.ui.conftest import gtin, in_days, karekod, type_karekod

BOX = gtin("0869953609001")


def fill_header(qtbot, page, counterparty: str = world.SUPPLIER) -> None:
    form = page.form
    if form.needs_counterparty:
        qtbot.keyClicks(form.counterparty.lineEdit(), counterparty)
    if page.operation is Operation.DEACTIVATE:
        form.reason.setCurrentIndex(form.reason.findData("40"))
    if page.operation is Operation.EXPORT:
        qtbot.keyClicks(form.export_info, "Baku, AZ")
    if page.operation is not Operation.VERIFY:
        qtbot.keyClicks(form.document_number, "IRS-7")


@pytest.mark.parametrize("kind", list(Stakeholder))
def test_each_station_kind_gets_its_pages_on_function_keys(qtbot, open_window, store, kind):
    store.set_setting("its.stakeholder", kind.value)
    window = open_window("tr")
    operations = OPERATIONS_BY_STAKEHOLDER[kind]
    assert list(window.operation_pages) == list(operations)
    names = [window.nav.item(n).text() for n in range(window.nav.count())]
    assert names[0] == "F1   Mal Alım"
    if kind is Stakeholder.WAREHOUSE:
        assert "F2   Sevk (Depo Satış)" in names and "F6   İhracat" in names
    if kind is Stakeholder.HOSPITAL:
        assert names[1] == "F2   Sarf"
    assert names[-2].endswith("Ürün Doğrulama")
    assert names[-1] == "Shift+F2   Stok"  # the stock page follows the operations
    last = len(operations)
    qtbot.keyClick(window.current_page().scan_field, getattr(Qt.Key, f"Key_F{last}"))
    assert window.pages.currentIndex() == last - 1
    assert window.current_page().scan_field.hasFocus()


@pytest.mark.parametrize("kind, operation", [
    (kind, operation) for kind in Stakeholder for operation in OPERATIONS_BY_STAKEHOLDER[kind]
    if operation is not Operation.VERIFY])
def test_main_path_of_every_page_queues_the_box_with_its_header(qtbot, open_window, store, kind, operation):
    store.set_setting("its.stakeholder", kind.value)
    window = open_window("en")
    page = window.page_for(operation)
    window.show_page(window.pages.indexOf(page))
    fill_header(qtbot, page)
    raw = karekod(BOX, "SN" + operation.value.replace("-", "").upper()[:8], "LOT1", in_days(300))
    type_karekod(qtbot, page.scan_field, raw)

    assert page.model.data(page.model.index(0, ScanTableModel.STATE)) == "Queued", \
        page.model.data(page.model.index(0, ScanTableModel.RESULT))
    [item] = store.items(operation=operation)
    assert item["state"] == states.QUEUED
    notification = store.notification(item["notification_id"])
    assert notification["document_number"] == "IRS-7"
    assert page.counts == {"scanned": 1, "pending": 1, "accepted": 0, "rejected": 0, "attention": 0, "waiting": 0}
    assert "Waiting to be sent: 1" in window.pending_label.text()


def test_pharmacy_sale_cash_or_reimbursement_with_prescription(qtbot, open_window, store):
    window = open_window("en")
    page = window.page_for(Operation.SALE)
    window.show_page(window.pages.indexOf(page))
    form = page.form
    assert not form.institution.isVisible()  # a cash sale asks for nothing more
    type_karekod(qtbot, page.scan_field, karekod(BOX, "CASH1", "LOT1", in_days(300)))
    [cash] = store.items(operation=Operation.SALE)
    assert store.notification(cash["notification_id"])["counterparty_gln"] == WALK_IN_BUYER_GLN

    qtbot.mouseClick(form.reimbursed, Qt.MouseButton.LeftButton)
    assert form.institution.isVisible() and form.prescription_no.isVisible()
    type_karekod(qtbot, page.scan_field, karekod(BOX, "RX1", "LOT1", in_days(300)))
    assert "prescription" in page.banner.detail.text().lower() or "institution" in page.banner.detail.text().lower()
    qtbot.keyClicks(form.institution.lineEdit(), "SOSYAL")  # part of the name
    completer = form.institution.completer()
    assert completer.completionCount() == 1
    form.institution.set_gln(world.PAYER)
    qtbot.keyClicks(form.pharmacy_id, "EID42")
    qtbot.keyClicks(form.prescription_no, "2NK4T3")
    type_karekod(qtbot, page.scan_field, karekod(BOX, "RX1", "LOT1", in_days(300)))
    reimbursed = [item for item in store.items(operation=Operation.SALE) if item["serial"] == "RX1"]
    assert len(reimbursed) == 1
    notification = store.notification(reimbursed[0]["notification_id"])
    assert notification["counterparty_gln"] == world.PAYER


def test_a_reimbursement_sale_takes_the_patient_and_doctor_checking_their_check_digits(qtbot, open_window, store):
    window = open_window("tr")
    page = window.page_for(Operation.SALE)
    window.show_page(window.pages.indexOf(page))
    form = page.form
    assert not form.patient_id.isVisible()  # a cash sale sends DR and CP empty
    qtbot.mouseClick(form.reimbursed, Qt.MouseButton.LeftButton)
    assert form.patient_id.isVisible() and form.doctor_id.isVisible()
    form.institution.set_gln(world.PAYER)
    qtbot.keyClicks(form.prescription_no, "2NK4T3")
    qtbot.keyClicks(form.patient_id, "2345-678 9139x")  # only digits go in, eleven at most
    assert form.patient_id.text() == "23456789139"
    type_karekod(qtbot, page.scan_field, karekod(BOX, "RX2", "LOT1", in_days(300)))
    assert "Hastanın T.C. kimlik numarası geçersiz" in page.banner.detail.text()
    assert [item["state"] for item in store.items(operation=Operation.SALE)] == [states.WAITING]

    form.patient_id.clear()  # corrected: the box that waited goes with the right numbers
    qtbot.keyClicks(form.patient_id, "23456789138")
    qtbot.keyClicks(form.doctor_id, "12345678950")
    qtbot.waitUntil(lambda: store.counts()[states.QUEUED] == 1, timeout=5000)
    [item] = store.items(operation=Operation.SALE)
    notification = store.notification(item["notification_id"])
    assert (notification["sale_patient_id"], notification["sale_doctor_id"]) == ("23456789138", "12345678950")


def test_cancelling_a_cash_sale_needs_no_customer(qtbot, open_window, store):
    window = open_window("tr")
    page = window.page_for(Operation.SALE_CANCEL)
    window.show_page(window.pages.indexOf(page))
    assert page.form.counterparty.lineEdit().placeholderText().startswith("Elden satışta boş bırakın")
    qtbot.keyClicks(page.form.document_number, "FIS-3")
    type_karekod(qtbot, page.scan_field, karekod(BOX, "SNCASH1", "LOT1", in_days(300)))

    [item] = store.items(operation=Operation.SALE_CANCEL)
    assert item["state"] == states.QUEUED
    assert store.notification(item["notification_id"])["counterparty_gln"] == WALK_IN_BUYER_GLN


def test_partner_list_finds_a_partner_by_part_of_the_name_or_gln(qtbot, open_window):
    window = open_window("en")
    box = window.page_for(Operation.RECEIVE).form.counterparty
    completer = box.completer()
    for typed in ("erciyes", "ERCİYES", "Erciyes ecza"):  # Turkish İ, typed any way
        completer.setCompletionPrefix(completer.splitPath(typed)[0])
        assert completer.completionCount() == 1, typed
        assert world.SUPPLIER in completer.currentCompletion()
    completer.setCompletionPrefix(completer.splitPath(world.SUPPLIER[-6:])[0])
    assert completer.completionCount() == 1
    box.setEditText(completer.currentCompletion())
    assert box.gln() == world.SUPPLIER


def test_deactivation_needs_a_reason(qtbot, open_window, store):
    window = open_window("en")
    page = window.page_for(Operation.DEACTIVATE)
    window.show_page(window.pages.indexOf(page))
    type_karekod(qtbot, page.scan_field, karekod(BOX, "D1", "LOT1", in_days(-10)))
    assert "reason" in page.banner.detail.text().lower()
    assert [item["state"] for item in store.items()] == [states.WAITING]  # kept, not sent without a reason
    page.form.reason.setCurrentIndex(page.form.reason.findData("40"))  # expired may be deactivated
    qtbot.waitUntil(lambda: store.counts()[states.QUEUED] == 1, timeout=5000)
    [item] = store.items(operation=Operation.DEACTIVATE)
    assert store.notification(item["notification_id"])["deactivation_reason"] == "40"


def test_remove_button_and_counters(qtbot, open_window, store):
    window = open_window("en")
    page = window.page_for(Operation.RECEIVE)
    fill_header(qtbot, page)
    for serial in ("R1", "R2", "R3"):
        type_karekod(qtbot, page.scan_field, karekod(BOX, serial, "LOT1", in_days(300)))
    assert page.counts["pending"] == 3
    page.table.selectRow(0)  # the newest, R3
    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    assert [row.serial for row in page.model.rows()] == ["R2", "R1"]
    assert page.counts == {"scanned": 2, "pending": 2, "accepted": 0, "rejected": 0, "attention": 0, "waiting": 0}
    assert "Pending <b>2</b>" in page.counters.text()
    assert "Waiting to be sent: 2" in window.pending_label.text()


def test_escape_clears_the_scan_field_and_ctrl_k_returns_to_it(qtbot, open_window):
    window = open_window("en")
    page = window.current_page()
    qtbot.keyClicks(page.scan_field, "0108")
    qtbot.keyClick(page.scan_field, Qt.Key.Key_Escape)
    assert page.scan_field.text() == ""
    page.form.document_number.setFocus()
    qtbot.keyClick(page.form.document_number, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert page.scan_field.hasFocus()


def test_shortcuts_are_listed_including_tool_windows(qtbot, open_window):
    window = open_window("en")
    log = QAction("Message log", window)
    log.setShortcut(QKeySequence("Ctrl+L"))
    window.add_tool_action(log)
    listed = dict(window.shortcuts())
    assert listed["F1"] == "Purchase"
    assert listed["F9"].startswith("Send to ITS")
    assert listed["F10"].startswith("Camera")
    assert listed["F12"].startswith("Shortcuts")
    assert listed["Ctrl+L"] == "Message log"
    assert "Delete" in listed and "Esc" in listed
    assert log in window.tools_menu.actions()


@pytest.mark.parametrize("lang", ["en", "tr"])
@pytest.mark.parametrize("kind", list(Stakeholder))
def test_page_names_are_never_cut_off(open_window, store, kind, lang):
    store.set_setting("its.stakeholder", kind.value)
    window = open_window(lang)
    nav = window.nav
    # What the widest name needs drawn whole (icon, text, margins), against the room it has.
    assert nav.sizeHintForColumn(0) + 2 * nav.spacing() <= nav.viewport().width()


def test_shortcuts_dialog_lists_every_key_without_scrolling(qtbot, open_window):
    window = open_window("tr")
    dialog = ShortcutsDialog(window.shortcuts(), window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.table.rowCount() == len(window.shortcuts()) >= 15
    assert dialog.table.verticalScrollBar().maximum() == 0
    assert dialog.height() <= 768 - 60  # on a 1366x768 screen, with its title bar
    assert dialog.table.editTriggers() == dialog.table.EditTrigger.NoEditTriggers


def test_a_notification_its_refused_as_a_whole_is_counted_as_needing_attention(qtbot, open_window, store):
    window = open_window("en")
    page = window.page_for(Operation.RECEIVE)
    fill_header(qtbot, page)
    for serial in ("ATT1", "ATT2"):
        type_karekod(qtbot, page.scan_field, karekod(BOX, serial, "LOT1", in_days(300)))
    [first, _second] = store.items(operation=Operation.RECEIVE)
    # ITS refused the whole notification (a fault such as 11019 buyer missing)
    store.stop_notification(first["notification_id"], "11019", "Alıcı Bilgisi Yok ya da Geçersiz.")
    page.refresh()
    assert page.counts == {"scanned": 2, "pending": 0, "accepted": 0, "rejected": 0, "attention": 2, "waiting": 0}
    assert "Rejected <b>0</b>" in page.counters.text()
    assert "Need attention <b>2</b>" in page.counters.text()
    states_shown = {page.model.data(page.model.index(row, ScanTableModel.STATE)) for row in range(2)}
    assert states_shown == {"Needs attention"}


def test_a_good_box_scanned_before_the_form_is_filled_is_kept_until_the_details_are_there(qtbot, open_window, store):
    window = open_window("en")
    page = window.page_for(Operation.RECEIVE)
    for serial in ("FORM1", "FORM2"):  # no supplier yet
        type_karekod(qtbot, page.scan_field, karekod(BOX, serial, "LOT1", in_days(300)))
    qtbot.waitUntil(lambda: len(page.model.rows()) == 2)
    assert page.banner.kind == states.WAITING
    assert page.banner.title.text().startswith("Waiting for details")  # the form, not "Invalid" (the box)
    assert "GLN" in page.banner.detail.text()
    assert page.model.data(page.model.index(0, ScanTableModel.STATE)) == "Waiting for details"
    assert "GLN" in page.model.data(page.model.index(0, ScanTableModel.RESULT))
    assert "Waiting for details <b>2</b>" in page.counters.text()
    assert [item["state"] for item in store.items()] == [states.WAITING] * 2
    page.table.selectRow(1)  # FORM1: removed like any queued row
    assert page.remove_selected() == 1
    page.form.counterparty.set_gln(world.SUPPLIER)
    qtbot.waitUntil(lambda: store.counts()[states.QUEUED] == 1, timeout=5000)
    [row] = page.model.rows()
    assert (row.serial, row.kind) == ("FORM2", states.QUEUED)
    assert "Waiting for details" not in page.counters.text() and "Pending <b>1</b>" in page.counters.text()
    assert "1 boxes scanned before the details" in page.banner.detail.text()
    type_karekod(qtbot, page.scan_field, "01ABC")  # a damaged read is the box's own problem
    assert page.banner.kind == "unreadable"
