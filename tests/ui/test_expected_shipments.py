"""The receive page's "Expected shipments" tab, through the real window against the ITS
simulator over HTTP: F5 fetches the packages, a carrier label typed into the scan field
ticks every box inside it, accept all queues Mal Alım with the package's sender and
document, and the discrepancy view lists what is missing, what came extra and what was
set aside."""

from __future__ import annotations

import json
import urllib.request

import pytest
from PySide6.QtCore import Qt

from pharmadesk.domain import Operation
from pharmadesk.sim import sandbox as world
from pharmadesk.sim.server import start_simulator
from tests.ui.conftest import shot, type_karekod

GS = "\x1d"


@pytest.fixture
def simulator():
    sim = start_simulator()
    yield sim
    sim.stop()


def ship(sim, body: dict) -> dict:
    request = urllib.request.Request(sim.base_url + "/admin/ship", data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as answer:
        return json.loads(answer.read())


@pytest.fixture
def receive_page(open_window, store, simulator, monkeypatch):
    monkeypatch.setenv("PHARMADESK_ITS_PASSWORD", "sandbox")
    store.set_setting("its.url", simulator.base_url)
    window = open_window("en")
    window.open_operation(Operation.RECEIVE)
    return window, window.page_for(Operation.RECEIVE)


def fetch(qtbot, page):
    page.tabs.setCurrentWidget(page.shipments)
    page.scan_field.setFocus()
    qtbot.keyClick(page.scan_field, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: page.shipments.packages.rowCount() > 0, timeout=10000)


def test_f5_fetches_and_a_carrier_scan_ticks_every_box_inside(qtbot, receive_page, simulator, store):
    window, page = receive_page
    shipped = ship(simulator, {"to": world.PHARMACY, "pts": True, "carriers": [3, 2], "document": "IRS-UI-1"})
    fetch(qtbot, page)
    panel = page.shipments
    documents = [row["document_number"] for row in panel.packages.packages]
    assert "IRS-UI-1" in documents and len(documents) == 3  # with the sandbox's two
    assert "Fetched" not in panel.list_status.text() and "packages downloaded: 3" in panel.list_status.text()
    # The pallet's label (GS1-128 with AI 00) from the ordinary scan field opens its package
    page.tabs.setCurrentIndex(0)
    type_karekod(qtbot, page.scan_field, "00" + shipped["pallet"])
    assert page.tabs.currentWidget() is panel and panel.stack.currentWidget() is panel.package_page
    assert {box["serial"] for box in panel.boxes.boxes if box["scanned_at"]} == {
        k[18:].split(GS)[0] for karekods in shipped["carriers"].values() for k in karekods}
    assert "5 boxes, 5 newly ticked" in panel.outcome.text()
    assert "Scanned <b>5</b> / 5" in panel.progress.text()
    top = panel.carriers.topLevelItem(0)
    assert top.text(2) == "5 / 5" and top.child(0).text(2) == "3 / 3"

    panel.accept_all_button.click()
    assert "Queued for receipt: 5 boxes." in panel.outcome.text()
    queued = store.items(operation="receive")
    assert len(queued) == 5 and page.model.rowCount() == 5
    notification = store.notification(queued[0]["notification_id"])
    assert (notification["counterparty_gln"], notification["document_number"]) == (world.SUPPLIER, "IRS-UI-1")
    panel.back_button.click()
    row = next(r for r in panel.packages.packages if r["document_number"] == "IRS-UI-1")
    assert row["state"] == "received"


def test_a_partly_received_package_shows_its_three_discrepancy_lists(qtbot, receive_page, simulator, store):
    window, page = receive_page
    shipped = ship(simulator, {"to": world.PHARMACY, "pts": True, "carriers": [2, 2], "document": "IRS-UI-2"})
    extra = ship(simulator, {"to": world.PHARMACY, "count": 1})["karekods"][0]
    fetch(qtbot, page)
    panel = page.shipments
    package = next(r for r in panel.packages.packages if r["document_number"] == "IRS-UI-2")
    panel.open_package(package["id"])
    first, second = shipped["carriers"]
    type_karekod(qtbot, page.scan_field, first)  # the bare 18 digits of one case
    type_karekod(qtbot, page.scan_field, shipped["carriers"][second][0])  # one box of the other
    type_karekod(qtbot, page.scan_field, extra)  # a box the package does not list
    assert "not in the package" in panel.outcome.text()
    wrong = first[:-1] + str((int(first[-1]) + 1) % 10)
    type_karekod(qtbot, page.scan_field, wrong)
    assert "check digit is wrong" in panel.outcome.text()
    missing = shipped["carriers"][second][1]
    row = next(n for n, box in enumerate(panel.boxes.boxes) if box["serial"] == missing[18:].split(GS)[0])
    panel.box_table.selectRow(row)
    panel.damaged_button.click()
    assert panel.boxes.state_text(panel.boxes.boxes[row]) == "Damaged, set aside"

    dialog = panel.show_discrepancies()
    qtbot.addWidget(dialog)
    counts = {key: widget.count() for key, widget in dialog.lists.items()}
    assert counts == {"missing": 0, "strays": 1, "damaged": 1}
    assert extra[18:].split(GS)[0] in dialog.lists["strays"].item(0).text()

    # accept only the first case: two boxes queued, the package stays expected
    item = panel.carriers.topLevelItem(0).child(0)
    item.setSelected(True)
    panel.accept_chosen_button.click()
    assert "Queued for receipt: 2 boxes." in panel.outcome.text()
    assert store.package(package["id"])["state"] == "open"
    assert len(store.items(operation="receive")) == 2


def test_an_ordinary_box_scan_with_no_package_open_is_a_normal_receipt(qtbot, receive_page, simulator, store):
    window, page = receive_page
    box = ship(simulator, {"to": world.PHARMACY, "count": 1})["karekods"][0]
    type_karekod(qtbot, page.scan_field, box)
    assert page.tabs.currentIndex() == 0 and page.shipments.last_scan is None
    assert page.model.rowCount() == 1  # on the scan table (asking for the supplier), not ticked anywhere


def test_an_its2_station_fetches_its_shipments_over_rest(qtbot, open_window, store, simulator, monkeypatch):
    monkeypatch.setenv("PHARMADESK_ITS_PASSWORD", "sandbox")
    store.set_setting("its.url", simulator.base_url)
    store.set_setting("its.protocol", "its2")
    window = open_window("tr")
    window.open_operation(Operation.RECEIVE)
    page = window.page_for(Operation.RECEIVE)
    ship(simulator, {"to": world.PHARMACY, "pts": True, "carriers": [2], "document": "IRS-REST-1"})
    fetch(qtbot, page)
    panel = page.shipments
    assert "IRS-REST-1" in [row["document_number"] for row in panel.packages.packages]
    assert "İndirilen paket: 3" in panel.list_status.text()
    assert {row["service"] for row in store.message_log()} == {"its2.token", "pts.search", "pts.get-package"}
    shot(window, "tr-its2-expected-shipments")
