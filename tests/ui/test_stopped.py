"""The way out of "needs attention", in the window against the real simulator: a
purchase typed with a supplier ITS does not know is refused as a whole (11903); the
sync dialog opens it, the supplier is corrected and it is sent again; on the page a
stopped box can be removed, and a rescan of one offers to replace it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from pharmadesk.domain import Operation
from pharmadesk.sim import sandbox as world
from pharmadesk.store import states
from pharmadesk.ui.stopped import CorrectAndResendDialog
from tests.ui.conftest import type_karekod
from tests.ui.test_sync_dialog import (  # noqa: F401  (fixtures)
    receive, ship, simulator, station_for, threaded_window, wait_synced,
)

UNKNOWN_SUPPLIER = "8690009000099"  # a valid GLN ITS does not know: 11903


def stopped_purchase(qtbot, window, boxes):
    page = window.page_for(Operation.RECEIVE)
    window.show_page(window.pages.indexOf(page))
    page.form.counterparty.set_gln(UNKNOWN_SUPPLIER)
    for raw in boxes:
        type_karekod(qtbot, page.scan_field, raw)
    qtbot.waitUntil(lambda: page.model.rowCount() == len(boxes), timeout=15000)
    qtbot.keyClick(page.scan_field, Qt.Key.Key_F9)
    wait_synced(qtbot, window)
    assert window.sync.last_report.needs_attention == len(boxes)
    return page


def test_the_sync_dialog_corrects_a_refused_notification_and_sends_it_again(qtbot, threaded_window, simulator):
    window = threaded_window(simulator.base_url)
    stopped_purchase(qtbot, window, ship(simulator, 3))
    dialog = window.sync_dialog
    assert dialog.model.rowCount() == 3 and not dialog.correct_button.isEnabled()
    dialog.table.selectRow(0)
    assert dialog.correct_button.isEnabled() and dialog.remove_button.isEnabled()
    qtbot.mouseClick(dialog.correct_button, Qt.MouseButton.LeftButton)
    correct = dialog.findChild(CorrectAndResendDialog)
    assert correct.isVisible() and "11903" in correct.reason.text()
    assert correct.form.counterparty.gln() == UNKNOWN_SUPPLIER  # what was typed, to correct

    correct.form.counterparty.set_gln("8680001000001")  # still not a supplier ITS knows…
    qtbot.mouseClick(correct.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert correct.isVisible() and correct.problem.text()  # …a wrong check digit: said, nothing sent
    correct.form.counterparty.set_gln(world.SUPPLIER)
    qtbot.mouseClick(correct.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    store = window.station.store
    qtbot.waitUntil(lambda: {i["state"] for i in store.items(operation="receive")} == {states.ACCEPTED},
                    timeout=30000)
    wait_synced(qtbot, window)
    assert window.sync.last_report.accepted == 3 and store.stopped_notifications() == []


def test_a_stopped_box_is_removed_or_replaced_by_a_rescan_on_the_page(qtbot, threaded_window, simulator):
    window = threaded_window(simulator.base_url)
    boxes = ship(simulator, 2)
    page = stopped_purchase(qtbot, window, boxes)
    window.sync_dialog.close()
    qtbot.waitUntil(lambda: page.counts["attention"] == 2, timeout=10000)
    assert page.correct_button.isVisible()
    store = window.station.store
    first, second = sorted(store.items(operation="receive"), key=lambda item: item["id"])

    page.table.selectRow([page.model.scan_row(n).item_id for n in range(2)].index(first["id"]))
    assert page.remove_selected() == 1
    assert store.item(first["id"])["state"] == states.REMOVED

    page.form.counterparty.set_gln(world.SUPPLIER)  # the right supplier this time
    type_karekod(qtbot, page.scan_field, boxes[1])
    qtbot.waitUntil(lambda: page.banner.replace_button.isVisible(), timeout=10000)
    assert "ITS refused that notification (11903)" in page.banner.detail.text()
    qtbot.mouseClick(page.banner.replace_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: store.item(second["id"])["state"] == states.REMOVED, timeout=10000)
    qtbot.waitUntil(lambda: not page.banner.replace_button.isVisible(), timeout=10000)
    [queued] = store.items(operation="receive", states_=[states.QUEUED])
    assert store.notification(queued["notification_id"])["counterparty_gln"] == world.SUPPLIER
    assert not page.correct_button.isVisible()
    qtbot.mouseClick(page.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: store.item(queued["id"])["state"] == states.ACCEPTED, timeout=30000)
    wait_synced(qtbot, window)
