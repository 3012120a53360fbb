"""The verification page's "Where is this box?" under ITS2: the status query for the box
shown, answered by the simulator over HTTP, in words (code, meaning, who holds the box);
a SOAP station has no such button (no SOAP name for the service is known)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from pharmadesk.domain import Operation
from pharmadesk.sim import sandbox as world
from tests.ui.conftest import type_karekod
from tests.ui.test_sync_dialog import (  # noqa: F401 - fixtures
    received_and_sent, simulator, station_for, threaded_window, wait_synced,
)


def verified_page(qtbot, window, simulator, store):
    box = received_and_sent(qtbot, window, simulator)
    page = window.page_for(Operation.VERIFY)
    window.show_page(window.pages.indexOf(page))
    type_karekod(qtbot, page.scan_field, box)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and bool(page.model.rows()[0].uc), timeout=30000)
    wait_synced(qtbot, window)
    return page


def test_where_is_this_box_asks_its2_and_says_who_holds_it(qtbot, threaded_window, simulator, store):
    store.set_setting("its.protocol", "its2")
    window = threaded_window(simulator.base_url)
    page = verified_page(qtbot, window, simulator, store)
    verdict = page.verdict
    assert verdict.shown_code == "40001" and verdict.status_button.isVisible()
    qtbot.mouseClick(verdict.status_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Held by" in verdict.status_text.text(), timeout=15000)
    assert verdict.status_text.text().splitlines() == [
        "ITS status query: 40001 — The product is registered to you.",
        f"Held by: this station ({world.PHARMACY})"]
    assert verdict.status_button.isEnabled()
    logged = [row["service"] for row in store.message_log(limit=3)]
    assert logged[0] == "its2.check_status"


def test_a_soap_station_has_no_status_query(qtbot, threaded_window, simulator, store):
    window = threaded_window(simulator.base_url)
    page = verified_page(qtbot, window, simulator, store)
    assert page.verdict.shown_code == "40001" and not page.verdict.status_button.isVisible()
