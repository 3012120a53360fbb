"""Sending from the window against the real simulator over HTTP, on a real worker thread:
F9 opens the sync dialog, its progress reaches the total, every rejected box is listed
with its code explained and what to do, the pages and the status bar follow; Cancel
stops between chunks and keeps the rest queued; offline keeps the queue; auto-sync only
runs while ITS is reachable; the verification page spells out a 40xxx answer."""

from __future__ import annotations

import json
import urllib.request

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from pharmadesk import sync
from pharmadesk.domain import Header, Operation, Stakeholder
from pharmadesk.its import codes
from pharmadesk.session import Session
from pharmadesk.sim import sandbox as world
from pharmadesk.sim.server import start_simulator
from pharmadesk.store import states
from pharmadesk.ui.main_window import MainWindow
from pharmadesk.ui.scan_model import ScanTableModel, state_name
from pharmadesk.ui.sync_panel import SyncDialog
from tests.ui.conftest import make_station, type_karekod

PHARMACY = world.PHARMACY


@pytest.fixture
def simulator():
    sim = start_simulator(host="127.0.0.1", port=0, seed=True)
    yield sim
    sim.stop()


def ship(sim, count: int, to: str = PHARMACY) -> list[str]:
    request = urllib.request.Request(sim.base_url + "/admin/ship", method="POST",
                                     data=json.dumps({"to": to, "count": count}).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=120) as response:
        return json.loads(response.read())["karekods"]


@pytest.fixture
def station_for(qapp, store, tmp_path, monkeypatch):
    monkeypatch.setenv("PHARMADESK_ITS_PASSWORD", "sandbox")

    def configure(url: str, *, chunk_size: int = 10000):
        for key, value in {"its.url": url, "its.gln": PHARMACY, "its.username": PHARMACY + "0000",
                           "its.stakeholder": "pharmacy", "sync.chunk_size": str(chunk_size),
                           "sync.retries": "1", "sync.backoff": "0.01", "sync.backoff_max": "0.02",
                           "its.timeout": "10"}.items():
            store.set_setting(key, value)
        return make_station(qapp, store, tmp_path, "en")
    return configure


@pytest.fixture
def threaded_window(qtbot, station_for):
    """A shown window whose sync and probe run on real worker threads."""
    made = []

    def open_(url: str, **options) -> MainWindow:
        station = station_for(url, **options)
        window = MainWindow(station, capture=False)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
        made.append((station, window))
        return window

    yield open_
    for station, window in made:
        window.shut_down()
        qtbot.waitUntil(lambda: not window.sync.running, timeout=20000)
        station.language.set("en")


def wait_synced(qtbot, window) -> None:
    """Until the sync has ended and the pages show its answers."""
    qtbot.waitUntil(lambda: window.sync.last_report is not None and not window.sync.running
                    and not window.refresh_pending
                    and not (window.sync_dialog and window.sync_dialog.results_pending), timeout=30000)


def receive(qtbot, window, karekods: list[str]):
    page = window.page_for(Operation.RECEIVE)
    window.show_page(window.pages.indexOf(page))
    page.form.counterparty.set_gln(world.SUPPLIER)
    before = page.model.rowCount()
    for raw in karekods:
        type_karekod(qtbot, page.scan_field, raw)
    # the scan writer commits each box on its own thread; the row comes when it is on disk
    qtbot.waitUntil(lambda: page.model.rowCount() == before + len(karekods), timeout=15000)
    return page


def test_f9_sends_and_the_dialog_explains_each_rejected_box(qtbot, threaded_window, simulator, store):
    window = threaded_window(simulator.base_url)
    mine = ship(simulator, 3)
    foreign = ship(simulator, 1, to=world.OTHER_PHARMACY)  # someone else's box
    page = receive(qtbot, window, mine + foreign)
    assert page.counts["pending"] == 4

    qtbot.keyClick(page.scan_field, Qt.Key.Key_F9)
    dialog = window.sync_dialog
    assert isinstance(dialog, SyncDialog) and dialog.isVisible()
    wait_synced(qtbot, window)

    report = window.sync.last_report
    assert report.outcome == sync.REJECTED and (report.accepted, report.rejected) == (3, 1)
    assert dialog.bar.value() == dialog.bar.maximum() == 4
    assert "3 accepted, 1 rejected" in dialog.headline.text()
    assert dialog.model.rowCount() == 1  # the box that needs a look
    model = dialog.model
    code = model.data(model.index(0, model.CODE))
    info = codes.describe(code, "en")
    assert code.startswith("10") and info.known
    assert model.data(model.index(0, model.MEANING)) == info.text
    assert model.data(model.index(0, model.ADVICE)) == info.advice != ""
    assert model.data(model.index(0, model.SERIAL)) in foreign[0]
    dialog.filter.setCurrentIndex(1)  # every box sent
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 4, timeout=10000)

    states_shown = [page.model.data(page.model.index(row, ScanTableModel.STATE)) for row in range(4)]
    assert sorted(states_shown) == ["Accepted by ITS"] * 3 + ["Rejected by ITS"]
    assert page.counts == {"scanned": 4, "pending": 0, "accepted": 3, "rejected": 1, "attention": 0, "waiting": 0}
    assert "Waiting to be sent: 0" in window.pending_label.text()
    assert window.connection.online is True
    assert "online" in window.connection.text()

    window.station.language.set("tr")  # the dialog follows the language
    assert "3 kabul, 1 ret" in dialog.headline.text()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_cancel_stops_between_chunks_and_keeps_the_rest(qtbot, threaded_window, simulator, store):
    window = threaded_window(simulator.base_url, chunk_size=50)
    karekods = ship(simulator, 1500)
    session = Session(store, Stakeholder.PHARMACY, Operation.RECEIVE, Header(counterparty_gln=world.SUPPLIER))
    for raw in karekods:
        assert session.scan(raw).queued
    window.send_now()
    qtbot.waitUntil(lambda: window.sync.last_progress is not None and window.sync.last_progress.done >= 50,
                    timeout=30000)
    qtbot.keyClick(window.sync_dialog, Qt.Key.Key_Escape)  # Esc cancels a running sync
    wait_synced(qtbot, window)
    report = window.sync.last_report
    assert report.outcome == sync.CANCELLED
    counts = store.counts()
    assert counts[states.QUEUED] == report.remaining > 0
    assert counts[states.ACCEPTED] == report.accepted >= 50
    assert window.sync_dialog.isVisible()  # Esc stopped the sync, not the dialog


def test_offline_is_shown_and_the_queue_is_kept(qtbot, threaded_window, store):
    window = threaded_window("http://127.0.0.1:9")  # nothing listens on the discard port
    window.start_background_work()
    qtbot.waitUntil(lambda: window.connection.online is False, timeout=15000)
    assert "offline" in window.connection.text()
    page = receive(qtbot, window, ["010869470043986821OFF1\x1d17301231" + "10LOT1"])
    assert page.counts["pending"] == 1
    window.send_now()
    wait_synced(qtbot, window)
    assert window.sync.last_report.outcome == sync.UNREACHABLE
    assert "queue is kept" in window.sync_dialog.headline.text()
    assert store.counts()[states.QUEUED] == 1
    page.refresh()

    window.sync._auto_sync()  # auto-sync does not try while ITS is offline
    assert not window.sync.running


def test_auto_sync_sends_when_reachable(qtbot, threaded_window, simulator, store):
    store.set_setting("ui.autosync_minutes", "5")
    window = threaded_window(simulator.base_url)
    assert window.sync.autosync_active
    assert "auto-sync every 5 min" in window.pending_label.text()
    receive(qtbot, window, ship(simulator, 2))
    window.start_background_work()
    qtbot.waitUntil(lambda: window.connection.online is True, timeout=15000)
    window.sync._auto_timer.timeout.emit()  # the five minutes are up
    assert window.sync.running or window.sync.last_report is not None
    wait_synced(qtbot, window)
    assert window.sync.last_report.accepted == 2
    assert window.sync_dialog is None  # an automatic sync opens no dialog


def test_verification_page_explains_the_answer_and_offers_the_allowed_operations(
        qtbot, threaded_window, simulator, store):
    window = threaded_window(simulator.base_url)
    [box] = ship(simulator, 1)
    receive(qtbot, window, [box])
    window.send_now()
    wait_synced(qtbot, window)
    window.sync_dialog.hide()
    window.sync.online = True
    [waiting] = ship(simulator, 1)
    receive(qtbot, window, [waiting])  # a purchase the pharmacist has not sent yet

    page = window.page_for(Operation.VERIFY)
    qtbot.keyClick(window.current_page().scan_field, Qt.Key.Key_F8)
    assert window.current_page() is page
    type_karekod(qtbot, page.scan_field, box)  # sent at once, no dialog
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and bool(page.model.rows()[0].uc), timeout=30000)
    wait_synced(qtbot, window)
    # only the verification went to ITS: the purchase still waits for F9
    assert store.counts(Operation.RECEIVE)[states.QUEUED] == 1
    assert window.sync_dialog.isHidden()

    row = page.model.rows()[0]
    info = codes.describe(row.uc, "en")
    assert row.uc.startswith("40") and row.kind == states.ACCEPTED
    assert page.verdict.code.text() == f"{info.code} — {info.text}"
    assert not page.verdict.icon.pixmap().isNull()  # its colour comes with an icon
    assert info.advice in page.verdict.advice.text()
    assert info.actions and page.verdict.allowed == info.actions
    names = [button.text() for button in page.verdict.buttons]
    assert "Sale" in names
    sale_button = page.verdict.buttons[names.index("Sale")]
    qtbot.mouseClick(sale_button, Qt.MouseButton.LeftButton)
    assert window.current_page() is window.page_for(Operation.SALE)


def produce(sim, count: int) -> list[str]:
    """Boxes still on their manufacturer: ITS refuses a pharmacy's purchase of them."""
    request = urllib.request.Request(sim.base_url + "/admin/produce", method="POST",
                                     data=json.dumps({"manufacturer": world.MANUFACTURER, "count": count}).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=120) as response:
        return json.loads(response.read())["karekods"]


def test_each_explanation_is_shown_whole(qtbot, threaded_window, simulator):
    window = threaded_window(simulator.base_url)
    receive(qtbot, window, produce(simulator, 12))  # enough rows for the scroll bar to appear
    window.send_now()
    wait_synced(qtbot, window)
    dialog = window.sync_dialog
    table = dialog.table
    assert dialog.model.rowCount() == 12
    assert len(dialog.model.data(dialog.model.index(0, dialog.model.ADVICE))) > 80  # several lines

    def every_row_fits() -> bool:
        return all(table.rowHeight(row) >= table.sizeHintForRow(row) for row in range(dialog.model.rowCount()))

    qtbot.waitUntil(lambda: table.verticalScrollBar().isVisible(), timeout=5000)
    qtbot.waitUntil(every_row_fits, timeout=5000)
    # a state stays on one line beside its icon, in either language
    for state in (states.ACCEPTED, states.REJECTED, states.NEEDS_ATTENTION):
        for lang in ("en", "tr"):
            window.station.language.set(lang)
            text = state_name(state)  # beside a 16-pixel icon and the cell's margins
            assert table.fontMetrics().horizontalAdvance(text) + 36 <= table.columnWidth(dialog.model.STATE), text
    window.station.language.set("en")
    table.horizontalHeader().resizeSection(dialog.model.MEANING, 400)  # the pharmacist widens a column
    qtbot.waitUntil(every_row_fits, timeout=5000)


def test_the_last_scan_banner_shows_what_its_answered(qtbot, threaded_window, simulator):
    window = threaded_window(simulator.base_url)
    [foreign] = produce(simulator, 1)
    page = receive(qtbot, window, ship(simulator, 1) + [foreign])
    assert page.banner.kind == "queued"
    window.send_now()
    wait_synced(qtbot, window)
    qtbot.waitUntil(lambda: page.banner.kind == states.REJECTED, timeout=5000)
    [item] = [i for i in window.station.store.items(states_=(states.REJECTED,))]
    info = codes.describe(item["uc"], "en")
    assert page.banner.title.text().startswith("Rejected by ITS")
    assert info.code in page.banner.detail.text() and info.text in page.banner.detail.text()
    assert info.advice in page.banner.detail.text()  # what to do, without opening the dialog
    window.station.language.set("tr")
    assert page.banner.title.text().startswith("İTS reddetti")
    assert codes.describe(item["uc"], "tr").text in page.banner.detail.text()


def test_sync_dialog_with_its_answers_switches_to_turkish(qtbot, threaded_window, simulator):
    from tests.ui.test_language import texts_of, unchanged

    window = threaded_window(simulator.base_url)
    receive(qtbot, window, ship(simulator, 2) + produce(simulator, 2))
    window.send_now()
    wait_synced(qtbot, window)
    dialog = window.sync_dialog
    dialog.filter.setCurrentIndex(1)  # every box sent: accepted and rejected
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 4, timeout=10000)
    english = texts_of(dialog) | texts_of(window)
    window.station.language.set("tr")
    assert unchanged(english, texts_of(dialog) | texts_of(window)) == []
