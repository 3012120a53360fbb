"""A pharmacist scans boxes into an operation page: typed with real key events (GS
included), each scan is committed to the store and shown as a row — or refused in plain
words — with an icon, a tint and a sound."""

from __future__ import annotations

from PySide6.QtCore import Qt

from pharmadesk.domain import Operation
from pharmadesk.store import states
from pharmadesk.ui.scan_model import ScanTableModel
from tests.ui.conftest import SUPPLIER, gtin, in_days, karekod, type_karekod

ASPIRIN = gtin("0869953609001")


def scan_by_keyboard(qtbot, page, raw: str) -> None:
    type_karekod(qtbot, page.scan_field, raw)


def receive_page(qtbot, window):
    page = window.page_for(Operation.RECEIVE)
    window.show_page(window.pages.indexOf(page))
    qtbot.keyClicks(page.form.counterparty.lineEdit(), SUPPLIER)
    return page


def cell(page, row: int, column: int, role=Qt.ItemDataRole.DisplayRole):
    return page.model.data(page.model.index(row, column), role)


def test_typed_karekod_with_gs_becomes_a_committed_row(qtbot, open_window, store):
    window = open_window("en")
    page = receive_page(qtbot, window)
    expiry = in_days(400)
    raw = karekod(ASPIRIN, "SN0001", "LOT42", expiry)

    scan_by_keyboard(qtbot, page, raw)

    assert page.model.rowCount() == 1
    assert cell(page, 0, ScanTableModel.GTIN) == ASPIRIN
    assert cell(page, 0, ScanTableModel.SERIAL) == "SN0001"
    assert cell(page, 0, ScanTableModel.BATCH) == "LOT42"
    assert cell(page, 0, ScanTableModel.EXPIRY) == expiry.strftime("%d.%m.%Y")
    assert cell(page, 0, ScanTableModel.DAYS_LEFT) == "400"
    assert cell(page, 0, ScanTableModel.STATE) == "Queued"
    # committed: the store has it, with the GS separator the scanner sent
    [item] = store.items(operation=Operation.RECEIVE)
    assert item["state"] == states.QUEUED
    assert item["raw"] == raw
    assert item["serial"] == "SN0001"
    assert page.scan_field.text() == ""
    assert window.station.sounds.last_played == "accepted"
    assert "Pending <b>1</b>" in page.counters.text()


def test_expired_box_is_red_with_an_icon_and_not_queued(qtbot, open_window, store):
    window = open_window("en")
    page = receive_page(qtbot, window)
    scan_by_keyboard(qtbot, page, karekod(ASPIRIN, "OLD1", "LOT1", in_days(-31)))

    assert cell(page, 0, ScanTableModel.STATE) == "Expired"
    assert cell(page, 0, ScanTableModel.DAYS_LEFT) == "-31"
    assert not cell(page, 0, ScanTableModel.STATE, Qt.ItemDataRole.DecorationRole).isNull()
    assert not cell(page, 0, ScanTableModel.EXPIRY, Qt.ItemDataRole.DecorationRole).isNull()
    background = cell(page, 0, ScanTableModel.GTIN, Qt.ItemDataRole.BackgroundRole).color()
    assert background.red() > background.green() and background.red() > background.blue()
    assert "expired" in cell(page, 0, ScanTableModel.RESULT).lower()
    assert store.items(operation=Operation.RECEIVE) == []
    assert window.station.sounds.last_played == "expired"
    assert page.banner.kind == "expired"


def test_unreadable_and_duplicate_scans_say_why(qtbot, open_window, store):
    window = open_window("en")
    page = receive_page(qtbot, window)
    raw = karekod(ASPIRIN, "SN77", "LOT9", in_days(200))
    scan_by_keyboard(qtbot, page, raw)
    scan_by_keyboard(qtbot, page, raw)
    assert cell(page, 0, ScanTableModel.STATE) == "Duplicate"
    assert "already scanned" in cell(page, 0, ScanTableModel.RESULT)
    assert window.station.sounds.last_played == "duplicate"

    scan_by_keyboard(qtbot, page, "hello")
    assert cell(page, 0, ScanTableModel.STATE) == "Unreadable"
    assert cell(page, 0, ScanTableModel.RESULT)  # a plain-words reason
    assert cell(page, 0, ScanTableModel.GTIN) == ""
    assert window.station.sounds.last_played == "error"
    assert len(store.items(operation=Operation.RECEIVE)) == 1


def test_receive_without_supplier_asks_for_it(qtbot, open_window, store):
    window = open_window("en")
    page = window.page_for(Operation.RECEIVE)
    scan_by_keyboard(qtbot, page, karekod(ASPIRIN, "SN5", "LOT9", in_days(200)))
    assert "GLN" in cell(page, 0, ScanTableModel.RESULT)
    assert [item["state"] for item in store.items()] == [states.WAITING]


def test_delete_key_takes_an_unsent_box_off_the_queue(qtbot, open_window, store):
    window = open_window("en")
    page = receive_page(qtbot, window)
    scan_by_keyboard(qtbot, page, karekod(ASPIRIN, "SN1", "LOT9", in_days(200)))
    scan_by_keyboard(qtbot, page, karekod(ASPIRIN, "SN2", "LOT9", in_days(200)))
    page.table.setFocus()
    page.table.selectRow(1)  # the older scan, SN1
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert [row.serial for row in page.model.rows()] == ["SN2"]
    assert {item["serial"]: item["state"] for item in store.items()} == {
        "SN1": states.REMOVED, "SN2": states.QUEUED}


def test_turkish_interface_shows_turkish(qtbot, open_window, store):
    window = open_window("tr")
    page = receive_page(qtbot, window)
    scan_by_keyboard(qtbot, page, karekod(ASPIRIN, "SN3", "LOT9", in_days(90)))
    headers = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(page.model.columnCount())]
    assert "Son kullanma" in headers
    assert cell(page, 0, ScanTableModel.STATE) == "Kuyrukta"
    assert page.send_button.text() == "Şimdi gönder"
    assert window.nav.item(0).text().endswith("Mal Alım")
    assert "Kuyruğa alındı" in page.banner.detail.text()

    window.station.language.set("en")  # switches live
    assert page.send_button.text() == "Send now"
    assert cell(page, 0, ScanTableModel.STATE) == "Queued"


def test_a_narrow_table_keeps_the_state_and_result_in_view(qtbot, open_window):
    window = open_window("en")
    window.resize(1360, 728)  # a 1366x768 laptop
    page = receive_page(qtbot, window)
    scan_by_keyboard(qtbot, page, karekod(ASPIRIN, "WIDE1", "LOT7", in_days(300)))
    table = page.table

    def result_in_view() -> bool:
        return table.columnViewportPosition(ScanTableModel.RESULT) + 120 <= table.viewport().width()

    qtbot.waitUntil(result_in_view, timeout=5000)
    assert not table.isColumnHidden(ScanTableModel.GTIN)

    window.camera_action.trigger()  # F10: the camera panel takes its share of the width
    qtbot.waitUntil(lambda: table.isColumnHidden(ScanTableModel.GTIN), timeout=5000)
    assert table.isColumnHidden(ScanTableModel.BATCH)
    assert result_in_view()
    assert table.columnViewportPosition(ScanTableModel.STATE) + table.columnWidth(ScanTableModel.STATE) \
        <= table.viewport().width()
    tooltip = cell(page, 0, ScanTableModel.PRODUCT, Qt.ItemDataRole.ToolTipRole)
    assert ASPIRIN in tooltip and "LOT7" in tooltip  # what the hidden columns said

    window.camera_action.trigger()
    qtbot.waitUntil(lambda: not table.isColumnHidden(ScanTableModel.GTIN), timeout=5000)
