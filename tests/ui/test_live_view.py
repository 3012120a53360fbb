"""Several stations on one database, seen from a station's window (real Qt window, real
threads, a real PostgreSQL server): the boxes another station queues and the answers its
sync brings show here within seconds, without a restart; F9 while another station
syncs says who and since when; with the database server stopped a scan is refused
plainly, and once it is back the next scan is saved, nothing doubled. Two PharmaDesk
processes on one SQLite file see each other the same way."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt

from pharmadesk import sync
from pharmadesk.config import Config
from pharmadesk.domain import Header, Operation, Stakeholder
from pharmadesk.session import Session
from pharmadesk.sim import admin
from pharmadesk.sim import sandbox as world
from pharmadesk.sim.server import start_simulator
from pharmadesk.store import Store, states
from pharmadesk.ui.sandbox import prepare_store
from tests.ui.conftest import in_days, karekod, make_station, shot, shown_windows, type_karekod

PRODUCT = world.load_products()[0]
LIVE_TIMEOUT_MS = 10_000  # "within a few seconds"; a loaded test machine gets some room


def ship(simulator, count: int) -> list[str]:
    """Boxes the wholesaler ships to the pharmacy, as ITS knows them."""
    status, answer = admin.handle(simulator, "POST", "/admin/ship", {}, {"to": world.PHARMACY, "count": count})
    assert status == 200, answer
    return answer["karekods"]


def box(serial: str) -> str:
    return karekod(PRODUCT.gtin, serial, "LIVE1", in_days(400))


@pytest.fixture
def simulator():
    sim = start_simulator(host="127.0.0.1", port=0, seed=True)
    yield sim
    sim.stop()


@pytest.fixture
def station_window(qapp, qtbot, tmp_path, monkeypatch):
    """station_window(store, lang) -> a shown window over `store` whose scans, syncs and
    live view run on real threads, as at a station."""
    monkeypatch.setenv("PHARMADESK_ITS_PASSWORD", "sandbox")
    with shown_windows(qtbot) as show:
        yield lambda store, lang="en": show(make_station(qapp, store, tmp_path, lang))


def its_settings(store: Store, url: str) -> None:
    """The stations' ITS account (the settings live in the shared database: one for all)."""
    prepare_store(store)
    for key, value in {"its.url": url, "its.gln": world.PHARMACY, "its.username": world.PHARMACY + "0000",
                       "its.stakeholder": "pharmacy", "sync.retries": "1", "sync.backoff": "0.01",
                       "sync.backoff_max": "0.02", "its.timeout": "10"}.items():
        store.set_setting(key, value)


def scan_at(store: Store, raws: list[str]) -> None:
    """Another station receives boxes (its own Store: its own connections)."""
    session = Session(store, Stakeholder.PHARMACY, Operation.RECEIVE, Header(counterparty_gln=world.SUPPLIER))
    for raw in raws:
        assert session.scan(raw).queued


def receive_page(window):
    page = window.page_for(Operation.RECEIVE)
    window.show_page(window.pages.indexOf(page))
    return page


def kinds(page) -> list[str]:
    return [row.kind for row in page.model.rows()]


def test_a_station_sees_the_boxes_another_queued_and_their_answers(
        qtbot, station_window, pg_database, simulator, monkeypatch):
    url = pg_database()
    here, there = Store(url), Store(url)  # two stations: each its own connections
    try:
        its_settings(here, simulator.base_url)
        karekods = ship(simulator, 2)
        window = station_window(here)
        page = receive_page(window)
        assert page.model.rowCount() == 0

        started = time.monotonic()
        scan_at(there, karekods)
        qtbot.waitUntil(lambda: kinds(page) == [states.QUEUED, states.QUEUED] and page.counts["pending"] == 2
                        and "Waiting to be sent: 2" in window.pending_label.text(), timeout=LIVE_TIMEOUT_MS)
        print(f"\nanother station's 2 scans on screen after {time.monotonic() - started:.2f} s")
        assert len({row.item_id for row in page.model.rows()}) == 2
        assert window.live_view.indicator.reachable is True
        assert "Database server: connected" in window.live_view.indicator.text()
        shot(window, "live-another-station-queued")

        qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)  # the message log, open
        [log] = window.message_log_dialogs
        qtbot.waitUntil(log.isVisible)
        assert log.model.rowCount() == 0

        engine = sync.engine_from_config(there, Config(there), "sandbox")  # the other station's F9
        report = engine.run()
        assert report.accepted == 2
        qtbot.waitUntil(lambda: kinds(page) == [states.ACCEPTED, states.ACCEPTED] and page.counts["accepted"] == 2,
                        timeout=LIVE_TIMEOUT_MS)
        assert page.model.rowCount() == 2  # the same two boxes, with their answers: none added twice
        assert "Waiting to be sent: 0" in window.pending_label.text()
        exchanged = len(there.message_log())
        assert exchanged >= 1
        qtbot.waitUntil(lambda: log.model.rowCount() == exchanged, timeout=LIVE_TIMEOUT_MS)  # its exchanges
    finally:
        there.close()


def test_two_processes_on_one_sqlite_file_see_each_other(qtbot, station_window, store):
    other = Store(store.path)  # another PharmaDesk on the same file (e.g. `pharmadesk scan`)
    try:
        window = station_window(store)
        page = window.page_for(Operation.RECEIVE)
        window.show_page(window.pages.indexOf(window.stock_page))  # the stock page is on screen
        qtbot.waitUntil(lambda: window.stock_page.pending.coming_in == 0 and window.stock_page.model.rowCount() == 0
                        and "Reading" not in window.stock_page.totals.text(), timeout=5000)
        scan_at(other, [box("SQL1")])
        qtbot.waitUntil(lambda: kinds(page) == [states.QUEUED] and page.counts["pending"] == 1
                        and window.stock_page.pending.coming_in == 1, timeout=LIVE_TIMEOUT_MS)
        assert "Waiting to be sent: 1" in window.pending_label.text()
        assert window.live_view.indicator is None  # a file on this PC: no server to show

        other.remove_item(other.items()[0]["id"])  # taken off the queue there: gone here too
        qtbot.waitUntil(lambda: page.model.rowCount() == 0 and page.counts["pending"] == 0,
                        timeout=LIVE_TIMEOUT_MS)
    finally:
        other.close()


def test_f9_while_another_station_syncs_says_who(qtbot, station_window, pg_database, simulator, monkeypatch):
    url = pg_database()
    here = Store(url)
    its_settings(here, simulator.base_url)
    monkeypatch.setenv("PHARMADESK_STATION", "ECZ-2")
    other = Store(url)
    with other.sync_lock():  # ECZ-2 is sending
        monkeypatch.setenv("PHARMADESK_STATION", "ECZ-1")
        window = station_window(here, "tr")
        page = receive_page(window)
        qtbot.keyClick(page.scan_field, Qt.Key.Key_F9)
        dialog = window.sync_dialog
        qtbot.waitUntil(lambda: window.sync.last_report is not None and not window.sync.running, timeout=20000)
        since = time.strftime("%H:%M")  # the lock was taken a moment ago
        said = dialog.headline.text()
        assert said.startswith("ECZ-2 istasyonu şu an gönderim yapıyor (başlangıç ")
        assert said.endswith("); bitmesini bekleyin.")
        assert said[len("ECZ-2 istasyonu şu an gönderim yapıyor (başlangıç "):][:5] in {since, time.strftime(
            "%H:%M", time.localtime(time.time() - 60))}
        assert "#1a73e8" in dialog.headline.styleSheet()  # told, not flagged as this station's fault
        assert dialog.bar.text() == "—"
        assert window.statusBar().currentMessage() == said
        assert window.connection.state != "unreachable"  # ITS itself is fine
        qtbot.waitUntil(lambda: window.live_view.indicator.text() == "● Veritabanı sunucusu: bağlı", timeout=5000)
        shot(dialog, "live-f9-while-another-syncs")
    other.close()

    dialog.again_button.click()  # ECZ-2 finished: now this station may send
    qtbot.waitUntil(lambda: not window.sync.running and window.sync.last_report is not None
                    and isinstance(window.sync.last_report, sync.SyncReport), timeout=20000)
    assert window.sync.last_report.outcome == sync.OK


@pytest.fixture
def own_server(monkeypatch):
    """A PostgreSQL server of this test's own, to stop and start (the session's server is
    shared by the other tests)."""
    from pg_server import STATION_PASSWORD, PgServer

    server = PgServer().start()
    url = server.create_station_database("station_offline")
    monkeypatch.setenv("PHARMADESK_STORE_PASSWORD", STATION_PASSWORD)
    yield server, url
    server.destroy()


def test_with_the_server_stopped_a_scan_is_refused_and_after_it_the_next_is_saved(
        qtbot, station_window, own_server):
    server, url = own_server
    store = Store(url)
    prepare_store(store)
    window = station_window(store)
    page = receive_page(window)
    page.form.counterparty.set_gln(world.SUPPLIER)
    indicator = window.live_view.indicator
    qtbot.waitUntil(lambda: indicator.reachable is True, timeout=LIVE_TIMEOUT_MS)

    type_karekod(qtbot, page.scan_field, box("OFF1"))
    qtbot.waitUntil(lambda: kinds(page) == [states.QUEUED], timeout=10000)

    server.stop()
    window.station.sounds.last_played = None
    type_karekod(qtbot, page.scan_field, box("OFF2"))
    qtbot.waitUntil(lambda: page.banner.kind == "not_saved", timeout=15000)
    assert page.banner.title.text() == f"NOT SAVED — {PRODUCT.name}"
    assert "This scan was NOT saved" in page.banner.detail.text()
    assert "#c5221f" in page.banner.styleSheet()  # red, as the other refusals
    assert window.station.sounds.last_played == "error"
    assert [row.kind for row in page.model.rows() if row.serial == "OFF2"] == ["not_saved"]  # which box: said
    assert [row.serial for row in page.model.rows() if row.item_id is not None] == ["OFF1"]
    assert page.counts["pending"] == 1
    qtbot.waitUntil(lambda: indicator.reachable is False, timeout=LIVE_TIMEOUT_MS)
    assert "Database server: not reachable" in indicator.text()
    shot(window, "live-server-unreachable")

    server.start()
    type_karekod(qtbot, page.scan_field, box("OFF2"))  # the same box again: now it is saved
    qtbot.waitUntil(lambda: page.banner.kind == states.QUEUED, timeout=15000)
    qtbot.waitUntil(lambda: indicator.reachable is True, timeout=LIVE_TIMEOUT_MS)
    assert [row.kind for row in page.model.rows() if row.serial == "OFF2"] == [states.QUEUED, "not_saved"]
    queued = [row.serial for row in page.model.rows() if row.item_id is not None]
    assert sorted(queued) == ["OFF1", "OFF2"]
    assert page.counts["pending"] == 2
    assert store.counts()[states.QUEUED] == 2  # on the server: each box once
    assert sorted(item["serial"] for item in store.items()) == ["OFF1", "OFF2"]
    store.close()
