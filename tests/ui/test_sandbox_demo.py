"""Training mode: the demo-scanner panel lists the boxes the simulator shipped to this
station plus problem boxes, and "scans" the chosen one on the current page."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from pharmadesk.domain import Operation
from pharmadesk.sim import sandbox as world
from pharmadesk.ui import app as app_module
from pharmadesk.ui.main_window import MainWindow


@pytest.fixture
def training_window(qapp, qtbot, tmp_path):
    folder = app_module.data_folder(str(tmp_path), sandbox_mode=True)
    station = app_module.open_station(qapp, folder, lang="en", sandbox_mode=True)
    window = MainWindow(station, capture=False)
    qtbot.addWidget(window)
    window.show()
    app_module.start_sandbox_simulator(station, window)
    qtbot.waitUntil(lambda: bool(window.demo_panel.boxes), timeout=15000)
    yield window
    window.shut_down()
    station.language.set("en")
    station.store.close()


def test_demo_scanner_offers_good_and_problem_boxes_and_scans_them(qtbot, training_window):
    window = training_window
    panel = window.demo_panel
    assert window.demo_dock.isVisible()
    notes = {box["note"] for box in panel.boxes}
    assert notes >= {"ok", "expired", "recalled", "foreign", "unreadable"}
    assert panel.list.count() == len(panel.boxes)
    assert window.connection.online is True or window.sync.probing_allowed

    page = window.page_for(Operation.RECEIVE)
    page.form.counterparty.set_gln(world.SUPPLIER)
    by_note = {}
    for number, box in enumerate(panel.boxes):
        by_note.setdefault(box["note"], number)
    for note in ("ok", "expired", "unreadable"):
        panel.list.setCurrentRow(by_note[note])
        qtbot.keyClick(panel.list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=15000)  # committed by the scan writer
    kinds = [row.kind for row in page.model.rows()]
    assert kinds == ["unreadable", "expired", "queued"]
    [item] = window.station.store.items(operation=Operation.RECEIVE)
    assert item["source"] == "demo"
    assert "Expired" in panel.list.item(by_note["expired"]).text() or \
        "EXPIRED" in panel.list.item(by_note["expired"]).text()


def test_f11_hides_and_shows_the_demo_scanner_with_the_focus_on_its_boxes(qtbot, training_window):
    window = training_window
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow(), timeout=5000)
    page = window.current_page()
    page.scan_field.setFocus()
    qtbot.keyClick(page.scan_field, Qt.Key.Key_F11)
    assert not window.demo_dock.isVisible()
    qtbot.keyClick(page.scan_field, Qt.Key.Key_F11)
    assert window.demo_dock.isVisible()
    assert window.demo_panel.list.hasFocus()
    qtbot.keyClick(window.demo_panel.list, Qt.Key.Key_Down)
    qtbot.keyClick(window.demo_panel.list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=15000)


def test_training_window_and_its_demo_boxes_switch_to_turkish(qtbot, training_window):
    from tests.ui.test_language import texts_of, unchanged

    window = training_window
    english = texts_of(window)
    assert any("try: Purchase" in text for text in english.values())
    window.station.language.set("tr")
    turkish = texts_of(window)
    assert any("deneyin: Mal Alım" in text for text in turkish.values())
    assert unchanged(english, turkish) == []


def test_a_warehouse_in_training_has_the_pharmacy_among_its_partners(tmp_path):
    from pharmadesk.store import open_store
    from pharmadesk.ui.sandbox import prepare_store

    store = open_store(tmp_path / "data")
    try:
        store.set_setting("its.stakeholder", "warehouse")
        store.set_setting("its.gln", world.WAREHOUSE)
        prepare_store(store)
        partners = {partner["gln"] for partner in store.partners()}
        assert world.PHARMACY in partners  # a dispatch goes to it: found by name
        assert world.WAREHOUSE not in partners  # not its own customer
    finally:
        store.close()


def test_demo_boxes_suggest_the_page_by_the_name_the_station_uses(qtbot):
    from pharmadesk.domain import Stakeholder
    from pharmadesk.ui.sandbox import DemoScannerPanel

    panel = DemoScannerPanel()
    qtbot.addWidget(panel)
    panel.stakeholder = Stakeholder.WAREHOUSE
    panel.set_language("en")
    panel.show_boxes([{"karekod": "x", "gtin": "08699536090015", "serial": "S1", "product_name": "AĞRIDİN",
                       "note": "ok", "suggested": "sale"}])
    assert panel.list.item(0).text().endswith("try: Dispatch")
