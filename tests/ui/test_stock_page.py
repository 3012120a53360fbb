"""The stock page in the real window over stock the ITS simulator accepted: its key
(Shift+F2), search as you type, expiry marks, the expired boxes' return and MİAT
deactivation one key away, the stock card, the verification round finding a recall,
and a stock count with every kind of discrepancy."""

from __future__ import annotations

import csv

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt

from pharmadesk.domain import Header, Operation, SaleDetails
from pharmadesk.gs1 import parse
from pharmadesk.store import states
from pharmadesk.store.stock import EXPIRED
from pharmadesk.ui.stock_count import CountDialog
from pharmadesk.ui.stock_dialogs import CheckDialog, StockCardDialog
from pharmadesk.ui.stock_page import StockPage
from tests.ui.conftest import GS, in_days
from tests.ui.itsday import SUPPLIER, admin, scan, ship, simulator, station, sync  # noqa: F401

SOON = 10  # days until the first lot expires


@pytest.fixture
def shelf(station, simulator):
    """Four boxes expiring in ten days and three far off, received and accepted by ITS."""
    soon = ship(simulator, 4, expiry=in_days(SOON).isoformat())
    later = ship(simulator, 3)
    scan(station.store, Operation.RECEIVE, soon + later)
    assert sync(station).outcome == "ok"
    return soon, later


def open_stock(qtbot, open_window):
    window = open_window("en")
    qtbot.keyClick(window, Qt.Key.Key_F2, Qt.KeyboardModifier.ShiftModifier)
    page = window.current_page()
    assert isinstance(page, StockPage)
    return window, page


def select_line(page, serial: str) -> None:
    row = next(n for n, line in enumerate(page.model.shown) if serial.casefold() in line.serials.split("\n"))
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    page.table.selectionModel().select(page.model.index(row, 0), flags)
    page.table.setFocus()


def test_shift_f2_shows_the_stock_with_expiry_marks_and_search(qtbot, open_window, shelf):
    soon, later = shelf
    window, page = open_stock(qtbot, open_window)
    assert ("Shift+F2", "Stock") in window.shortcuts()  # listed in the shortcuts dialog (F12)
    assert "7 boxes" in page.totals.text() and "4 expiring" in page.totals.text()
    marked = [line for line in page.model.shown if line.bucket]
    assert sum(line.count for line in marked) == 4 and {line.bucket for line in marked} == {"30"}
    row = page.model.shown.index(marked[0])
    assert page.model.data(page.model.index(row, 0)) == "Within 30 days"
    assert not page.model.data(page.model.index(row, 0), Qt.ItemDataRole.DecorationRole).isNull()

    serial = parse(later[1]).serial
    qtbot.keyClicks(page.search, serial.lower())
    assert len(page.model.shown) == 1 and serial.casefold() in page.model.shown[0].serials
    assert "boxes" in page.totals.text()
    page.search.clear()
    assert len(page.model.shown) == len(page.model.lines)


@pytest.mark.parametrize("key, operation", [(Qt.Key.Key_D, Operation.DEACTIVATE), (Qt.Key.Key_R, Operation.RETURN)])
def test_an_expired_lot_is_one_key_from_deactivation_or_return(qtbot, open_window, shelf, key, operation):
    soon, _ = shelf
    window, page = open_stock(qtbot, open_window)
    page.reload(today=in_days(SOON + 1))  # the day after the lot's expiry
    select_line(page, parse(soon[0]).serial)
    assert page.selected_lines()[0].bucket == EXPIRED
    qtbot.keyClick(page.table, key, Qt.KeyboardModifier.ControlModifier)

    assert window.current_page() is window.operation_pages[operation]
    store = window.station.store
    qtbot.waitUntil(lambda: store.counts(operation)[states.QUEUED] == 4, timeout=5000)
    queued = store.items(operation=operation, states_=[states.QUEUED])
    assert {row["serial"] for row in queued} == {parse(k).serial for k in soon}
    header = store.notification(queued[0]["notification_id"])
    if operation is Operation.DEACTIVATE:
        assert header["deactivation_reason"] == "40"
    else:
        assert header["counterparty_gln"] == SUPPLIER  # the supplier the lot came from


def test_the_stock_card_and_a_recall_found_by_checking_with_its(qtbot, open_window, shelf, simulator):
    soon, _ = shelf
    window, page = open_stock(qtbot, open_window)
    first = parse(soon[0])
    select_line(page, first.serial)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    card = window.findChild(StockCardDialog)
    assert card is not None
    assert card.lines[-1].balance == sum(1 for k in shelf[0] + shelf[1] if parse(k).gtin == first.gtin)
    assert card.table.item(0, 1).text() in ("Purchase", "Receive", "Goods receipt")
    card.close()

    admin(simulator, "/admin/recall", {"gtin": first.gtin, "batch": first.batch, "level": "all"})
    qtbot.keyClick(page.table, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    check = window.findChildren(CheckDialog)
    assert len(check) == 1 and check[0].report is not None
    report = check[0].report
    assert {box.serial for box in report.boxes} == {parse(k).serial for k in soon
                                                    if parse(k).batch == first.batch and parse(k).gtin == first.gtin}
    assert {box.concern for box in report.boxes} == {"recalled"}
    assert check[0].table.item(0, 0).text() == "Recalled"
    assert "Return" in check[0].table.item(0, 7).text()
    assert len(window.station.store.stock_boxes()) == 7  # a check moves no box


def test_a_count_with_every_kind_of_discrepancy(qtbot, open_window, shelf, simulator, tmp_path, station):
    soon, later = shelf
    store = station.store
    scan(store, Operation.SALE, later[:1], Header(sale=SaleDetails("cash")))
    assert sync(station).outcome == "ok"  # the box left: sold
    window, page = open_stock(qtbot, open_window)

    count = CountDialog(window.station, window)
    qtbot.addWidget(count)
    never = ship(simulator, 1)[0]  # on its way to us, never received
    first = parse(soon[1])
    wrong_expiry = f"01{first.gtin}21{first.serial}{GS}17{in_days(400):%y%m%d}10{first.batch}"
    findings = [count.take_scan(raw).finding for raw in (soon[0], never, later[0], wrong_expiry)]
    assert findings == ["ok", "unexpected", "left", "expiry-differs"]
    assert count.take_scan(soon[0]).again
    assert "Already counted" in count.banner.text()
    bad = count.take_scan("not a karekod")
    assert bad.status == "unreadable"

    count.close()  # a later sitting continues the same count
    again = CountDialog(window.station, window)
    qtbot.addWidget(again)
    assert again.count_id == count.count_id
    result = again.compare()
    assert [scan_.box.serial for scan_ in result.unexpected] == [parse(never).serial]
    assert [scan_.box.serial for scan_ in result.expiry_differs] == [first.serial]
    missing = {parse(k).serial for k in soon[2:] + later[1:]}
    assert {box.serial for box in result.missing} == missing
    assert f"missing {len(missing)}, unexpected 1, ITS says left 1, expiry differs 1" in again.banner.text()
    path = tmp_path / "count.csv"
    assert again.export_csv(path) == again.table.rowCount()
    rows = list(csv.reader(path.open(encoding="utf-8-sig"), delimiter=";"))
    assert rows[0][0] == "Finding" and {row[0] for row in rows[1:]} >= {"Unexpected", "Missing", "Expiry differs"}
    again.export_pdf(tmp_path / "count.pdf")
    assert (tmp_path / "count.pdf").read_bytes().startswith(b"%PDF")
    assert len(store.stock_boxes()) == 6  # a count moves no box


def test_the_end_of_day_report_has_the_days_movements_and_the_expiring_stock(shelf, station):
    from datetime import date

    from pharmadesk.ui.report_document import build_report, report_html

    soon, later = shelf
    scan(station.store, Operation.SALE, later[:1], Header(sale=SaleDetails("cash")))
    assert sync(station).outcome == "ok"
    report = build_report(station.store, date.today(), lang="en", stakeholder=station.stakeholder,
                          station_gln=station.gln)
    moved = {}
    for line in report.movements:
        moved[line.operation] = moved.get(line.operation, 0) + line.quantity
    assert moved == {"Purchase": 7, "Sale": -1}
    assert [(line.bucket, line.count) for line in report.expiring] and \
        {line.bucket for line in report.expiring} == {"30"} and sum(line.count for line in report.expiring) == 4
    page = report_html(report)
    assert "Stock movements of the day" in page and "Expiring stock" in page and "Within 30 days" in page
    later_day = build_report(station.store, in_days(SOON + 1), lang="en", stakeholder=station.stakeholder,
                             station_gln=station.gln)
    assert later_day.movements == [] and {line.bucket for line in later_day.expiring} == {EXPIRED}
