"""Sending from the window against the real simulator over HTTP, on a real worker thread:
F9 opens the sync dialog, its progress reaches the total, every rejected box is listed
with its code explained and what to do, the pages and the status bar follow; Cancel
stops between chunks and keeps the rest queued; offline keeps the queue; auto-sync only
runs while ITS is reachable; the verification page spells out a 40xxx answer."""

from __future__ import annotations

import json
import logging
import subprocess
from html import escape
import urllib.request
from datetime import date

import pytest
from PySide6.QtCore import Qt

from pharmadesk import logs, sync
from pharmadesk.domain import Header, Operation, Stakeholder
from pharmadesk.its import codes, network
from pharmadesk.session import Session
from pharmadesk.sim import sandbox as world
from pharmadesk.sim.server import start_simulator
from pharmadesk.store import states
from pharmadesk.ui.scan_model import ScanTableModel, state_name
from pharmadesk.ui.sync_panel import SyncDialog
from tests.ui.conftest import make_station, shot, shown_windows, type_karekod

PHARMACY = world.PHARMACY


@pytest.fixture
def simulator():
    sim = start_simulator(host="127.0.0.1", port=0, seed=True)
    yield sim
    sim.stop()


def admin(sim, path: str, body: dict) -> dict:
    request = urllib.request.Request(sim.base_url + path, method="POST", data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=120) as response:
        return json.loads(response.read())


def ship(sim, count: int, to: str = PHARMACY) -> list[str]:
    return admin(sim, "/admin/ship", {"to": to, "count": count})["karekods"]


@pytest.fixture
def station_for(qapp, store, tmp_path, monkeypatch):
    monkeypatch.setenv("PHARMADESK_ITS_PASSWORD", "sandbox")

    def configure(url: str, *, chunk_size: int = 10000, backoff: float = 0.01, stakeholder: str = "pharmacy"):
        for key, value in {"its.url": url, "its.gln": PHARMACY, "its.username": PHARMACY + "0000",
                           "its.stakeholder": stakeholder, "sync.chunk_size": str(chunk_size),
                           "sync.retries": "1", "sync.backoff": str(backoff),
                           "sync.backoff_max": str(backoff * 2),
                           "its.timeout": "10"}.items():
            store.set_setting(key, value)
        return make_station(qapp, store, tmp_path, "en")
    return configure


@pytest.fixture
def threaded_window(qtbot, station_for):
    """A shown window whose sync and probe run on real worker threads."""
    with shown_windows(qtbot) as show:
        yield lambda url, **options: show(station_for(url, **options))


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
    assert "not reachable" in window.connection.text()
    page = receive(qtbot, window, ["010869470043986821OFF1\x1d17301231" + "10LOT1"])
    assert page.counts["pending"] == 1
    window.send_now()
    wait_synced(qtbot, window)
    assert window.sync.last_report.outcome == sync.UNREACHABLE
    headline = window.sync_dialog.headline.text()
    assert "queue is kept" in headline
    assert "refused the connection" in headline and "Check the ITS address and port in Settings" in headline
    for shown in (headline, window.statusBar().currentMessage(), window.connection.toolTip()):
        assert "Errno" not in shown and "Connection" not in shown and "NewConnectionError" not in shown
    assert window.statusBar().currentMessage().startswith("The ITS server (127.0.0.1:9) refused")
    shot(window.sync_dialog, "transport-error-dialog")
    shot(window, "transport-error-window")
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


def received_and_sent(qtbot, window, simulator) -> str:
    """A box bought and sent to ITS through the window (its sync dialog closed again)."""
    [box] = ship(simulator, 1)
    receive(qtbot, window, [box])
    window.send_now()
    wait_synced(qtbot, window)
    window.sync_dialog.hide()
    assert window.sync.online is True  # the sync just reached ITS
    return box


def test_verification_page_explains_the_answer_and_offers_the_allowed_operations(
        qtbot, threaded_window, simulator, store):
    window = threaded_window(simulator.base_url)
    box = received_and_sent(qtbot, window, simulator)
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
    info = codes.describe(row.uc, "en", stakeholder=Stakeholder.PHARMACY)
    assert row.uc.startswith("40") and row.kind == states.ACCEPTED
    assert page.verdict.code.text() == f"{info.code} — {info.text}"
    assert not page.verdict.icon.pixmap().isNull()  # its colour comes with an icon
    assert info.advice in page.verdict.advice.text()
    assert info.actions and page.verdict.allowed == info.actions
    names = [button.text() for button in page.verdict.buttons]
    assert "Sale" in names
    # only what a pharmacy can do: no Consumption (hospital) or Export (warehouse) button
    assert "Consumption" not in names and "Export" not in names
    assert set(info.actions) <= set(window.operation_pages)
    for number, operation in enumerate(info.actions):  # each button opens its page
        window.show_page(window.pages.indexOf(page))
        qtbot.mouseClick(page.verdict.buttons[number], Qt.MouseButton.LeftButton)
        assert window.current_page() is window.page_for(operation)


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


def probed(window, state: str) -> bool:
    """Probe ITS again (unless a probe is under way) and say whether the light shows `state`."""
    window.sync.probe_now()
    return window.connection.state == state


def test_the_its_light_tells_answering_errors_and_unreachable_apart(qtbot, threaded_window, simulator):
    window = threaded_window(simulator.base_url, backoff=4.0)
    window.start_background_work()
    qtbot.waitUntil(lambda: window.connection.state == network.ANSWERING, timeout=15000)
    assert window.connection.text() == "● ITS: online"
    shot(window, "its-light-answering")

    # every request answers HTTP 500: the light says so, and a sync says it at the first failure
    admin(simulator, "/admin/faults", {"http_500": 1})
    receive(qtbot, window, ship(simulator, 1))
    window.send_now()
    dialog = window.sync_dialog
    qtbot.waitUntil(lambda: "Trying again in" in dialog.counts.text(), timeout=15000)
    assert window.sync.running  # shown while waiting, not after the retries
    assert "ITS (127.0.0.1:" in dialog.counts.text()
    assert "answered, but with an error page (HTTP 500). Trying again in" in dialog.counts.text()
    assert "(try 2 of 2)" in dialog.counts.text()
    assert "did not answer" not in dialog.counts.text()
    assert "Sending: trying again in" in window.statusBar().currentMessage()  # an automatic sync has no dialog
    assert window.connection.text() == "▲ ITS: answering with errors (HTTP 500)"
    shot(dialog, "its-light-errors-retrying-dialog")
    shot(window, "its-light-errors")
    wait_synced(qtbot, window)
    assert window.sync.last_report.outcome == sync.UNREACHABLE
    assert "Trying again" not in dialog.counts.text()  # gave up: no retry announced any more
    assert "trying again" not in window.statusBar().currentMessage()
    assert "error page (HTTP 500)" in dialog.headline.text() and "queue is kept" in dialog.headline.text()
    qtbot.waitUntil(lambda: probed(window, network.ERRORS), timeout=15000)  # the probe agrees

    # the connection is cut: not reachable, and the tooltip says what happened and what to do
    admin(simulator, "/admin/faults", {"http_500": 0, "reset_connection": 1})
    qtbot.waitUntil(lambda: probed(window, network.UNREACHABLE), timeout=15000)
    assert window.connection.text() == "✖ ITS: not reachable — scans are kept"
    assert "was cut" in window.connection.toolTip() and "firewall" in window.connection.toolTip()
    shot(window, "its-light-unreachable")

    admin(simulator, "/admin/faults", {"reset_connection": 0})
    qtbot.waitUntil(lambda: probed(window, network.ANSWERING), timeout=15000)
    window.station.language.set("tr")
    assert window.connection.text() == "● İTS: bağlı"


def test_a_refused_notification_reads_in_one_language_and_is_counted_alike(qtbot, threaded_window, simulator,
                                                                          store, tmp_path):
    """A hospital station still carrying the pharmacy's GLN: ITS refuses its Sarf with fault
    11901. The English window, dialog, report, CSV and PDF all say it in English, and the
    dialog's headline and counts line agree."""
    from pharmadesk.ui.report_document import build_report, report_html, write_csv, write_pdf

    window = threaded_window(simulator.base_url, stakeholder="hospital")
    page = window.page_for(Operation.CONSUME)
    window.show_page(window.pages.indexOf(page))
    boxes = ship(simulator, 2)
    for raw in boxes:
        type_karekod(qtbot, page.scan_field, raw)
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=15000)
    window.send_now()
    wait_synced(qtbot, window)
    dialog = window.sync_dialog
    english = codes.describe("11901", "en").text
    assert "2 need attention" in dialog.headline.text()
    assert "need attention 2" in dialog.counts.text()
    assert dialog.model.data(dialog.model.index(0, dialog.model.MEANING)) == english
    shot(dialog, "one-language-11901-dialog")
    qtbot.waitUntil(lambda: all(row.kind == states.NEEDS_ATTENTION for row in page.model.rows()), timeout=15000)
    shown = page.model.data(page.model.index(0, ScanTableModel.RESULT))
    assert shown == f"11901 {english}" and "yetkili" not in shown

    report = build_report(store, date.today(), lang="en", stakeholder=Stakeholder.HOSPITAL, station_gln=PHARMACY)
    html = report_html(report)
    assert escape(english) in html and "yetkili" not in html
    write_csv(store, report, tmp_path / "day.csv")
    csv_text = (tmp_path / "day.csv").read_text(encoding="utf-8-sig")
    assert english in csv_text and "yetkili" not in csv_text
    write_pdf(html, tmp_path / "day.pdf", title="report")
    pdf = subprocess.run(["pdftotext", str(tmp_path / "day.pdf"), "-"], check=True, capture_output=True,
                         text=True).stdout
    assert "not authorised" in pdf and "yetkili" not in pdf

    window.station.language.set("tr")  # and the Turkish window says it in Turkish
    assert page.model.data(page.model.index(0, ScanTableModel.RESULT)).startswith("11901 Kullanıcı bu servisi")


@pytest.fixture
def app_log(tmp_path):
    """The log file the program writes to, set up as PharmaDesk's start does."""
    path = logs.setup_logging(tmp_path / "data", "pharmadesk")
    yield path
    handler = logs._installed.pop("pharmadesk")
    logging.getLogger().removeHandler(handler)
    handler.close()


def test_an_unexpected_error_is_said_plainly_with_the_log_file(qtbot, threaded_window, simulator, store, app_log):
    """A box row PharmaDesk cannot read (an expiry damaged outside the program) stops the
    sync on an error of PharmaDesk's own: the dialog and the status bar say so in plain
    words, that the scans are safe and which log file holds the details, never the error's
    own type and text: those are in that file and the run's record."""
    window = threaded_window(simulator.base_url)
    page = receive(qtbot, window, ship(simulator, 2))
    with store.write() as conn:
        conn.execute("UPDATE items SET expiry = '31.12.2030' WHERE id = (SELECT MIN(id) FROM items)")
    qtbot.keyClick(page.scan_field, Qt.Key.Key_F9)
    wait_synced(qtbot, window)

    assert window.sync.last_report.outcome == sync.FAILED
    for shown in (window.sync_dialog.headline.text(), window.statusBar().currentMessage()):
        assert "unexpected error" in shown and "scans are safe" in shown and str(app_log) in shown
        assert "31.12.2030" not in shown and "Error" not in shown
    assert "31.12.2030" in app_log.read_text(encoding="utf-8")
    assert "31.12.2030" in store.last_sync()["details"]
    assert store.counts()[states.QUEUED] == 2
    shot(window.sync_dialog, "sync-unexpected-error")
