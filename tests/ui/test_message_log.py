"""The message log window over real exchanges: a pharmacy receives and verifies boxes
against the ITS simulator over HTTP, then ITS starts answering HTTP 500. The log lists
every exchange, filters by outcome, service and day, sorts, shows each request and
response as indented XML, copies them — and the password shows nowhere."""

from __future__ import annotations

from urllib.parse import urlsplit

import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication

from pharmadesk import masking
from pharmadesk.domain import Header, Operation, SaleDetails
from pharmadesk.sim import sandbox as world
from pharmadesk.store import Store
from pharmadesk.ui.message_log import MessageLogDialog
from pharmadesk.ui.message_log_model import ALL, FAILED, SUCCESSFUL, MessageLogModel, pretty_xml
from tests.ui.itsday import PASSWORD, faults, scan, ship, simulator, station, sync  # noqa: F401

RECEIVE_SERVICE = "br.eczane_mal_alim"
VERIFY_SERVICE = "br.urun_dogrulama"


@pytest.fixture
def day(station, simulator):
    """Two good purchase chunks, a verification, then a purchase ITS answers with HTTP 500
    (sent twice: the first try and one retry)."""
    station.store.set_setting("sync.chunk_size", "3")
    boxes = ship(simulator, 5)
    scan(station.store, Operation.RECEIVE, boxes)
    assert sync(station).outcome == "ok"
    scan(station.store, Operation.VERIFY, boxes[:2])
    sync(station)
    faults(simulator, http_500=1.0)
    scan(station.store, Operation.RECEIVE, ship(simulator, 2))
    assert sync(station).outcome == "unreachable"
    faults(simulator, http_500=0.0)
    return station


@pytest.fixture
def log_window(qtbot, day):
    window = MessageLogDialog(day)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def shown(window, column: int, role=Qt.ItemDataRole.DisplayRole) -> list:
    proxy = window.proxy
    return [proxy.data(proxy.index(row, column), role) for row in range(proxy.rowCount())]


def shown_rows(window) -> list[dict]:
    return shown(window, 0, MessageLogModel.ROW_ROLE)


def tab_texts(window) -> tuple[str, str]:
    """The request and the response as the pharmacist reads them: each tab opened in turn."""
    texts = []
    for tab in (0, 1):
        window.tabs.setCurrentIndex(tab)
        texts.append(window.tabs.currentWidget().toPlainText())
    window.tabs.setCurrentIndex(0)
    return texts[0], texts[1]


def read_row(qtbot, window, row: int | None = None) -> None:
    """Select a row (or keep the current one) and wait for its texts: they are masked,
    indented and laid out on a pool thread."""
    if row is not None:
        window.select_row(row)
    wanted = window.current_exchange_id()
    qtbot.waitUntil(lambda: window.shown_id == wanted, timeout=10000)


def test_every_exchange_of_the_day_is_listed_newest_first(log_window, day):
    stored = day.store.message_log()
    assert len(stored) == 5  # 2 purchase chunks + 1 verification + 2 tries that got HTTP 500
    rows = shown_rows(log_window)
    assert [row["id"] for row in rows] == [row["id"] for row in stored]
    assert shown(log_window, MessageLogModel.OUTCOME) == [
        "Failed: HTTP or connection error", "Failed: HTTP or connection error", "Successful", "Successful", "Successful"]
    assert shown(log_window, MessageLogModel.HTTP) == ["500", "500", "200", "200", "200"]
    assert shown(log_window, MessageLogModel.SERVICE)[2] == "Ürün Doğrulama"
    assert shown(log_window, MessageLogModel.OPERATION)[:3] == ["Purchase", "Purchase", "Verification"]
    notification_ids = shown(log_window, MessageLogModel.NOTIFICATION)
    assert notification_ids[:2] == ["", ""] and all(notification_ids[3:])
    assert "HTTP 500" in shown(log_window, MessageLogModel.ERROR)[0]
    assert log_window.count_label.text() == "5 of 5 exchanges shown · 2 failed"


def test_outcome_filter_shows_all_successful_or_failed(qtbot, log_window):
    box = log_window.outcome_box
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Down)  # All → Successful, as a keyboard user would
    assert log_window.proxy.outcome == SUCCESSFUL
    assert {row["outcome"] for row in shown_rows(log_window)} == {"ok"}
    assert log_window.proxy.rowCount() == 3

    qtbot.keyClick(box, Qt.Key.Key_Down)
    assert log_window.proxy.outcome == FAILED
    assert [row["http_status"] for row in shown_rows(log_window)] == [500, 500]
    assert log_window.count_label.text() == "2 of 5 exchanges shown · 2 failed"

    log_window.set_outcome(ALL)
    assert log_window.proxy.rowCount() == 5


def test_service_filter_lists_the_services_of_the_day(log_window):
    box = log_window.service_box
    assert [box.itemText(i) for i in range(box.count())] == [
        "All services", "Eczane Mal Alım Bildirimi", "Ürün Doğrulama"]
    log_window.set_service(VERIFY_SERVICE)
    assert [row["service"] for row in shown_rows(log_window)] == [VERIFY_SERVICE]
    # filters combine: failed purchases only
    log_window.set_service(RECEIVE_SERVICE)
    log_window.set_outcome(FAILED)
    assert [(row["service"], row["outcome"]) for row in shown_rows(log_window)] == [
        (RECEIVE_SERVICE, "error")] * 2
    log_window.reset_filters()
    assert log_window.proxy.rowCount() == 5


def test_date_filter_loads_the_chosen_days(log_window):
    today = log_window.from_date.date().toPython()
    log_window.set_days(today - timedelta(days=7), today - timedelta(days=1))
    assert log_window.proxy.rowCount() == 0
    assert log_window.count_label.text() == "0 of 0 exchanges shown · 0 failed"
    log_window.set_days(today - timedelta(days=7), today)
    assert log_window.proxy.rowCount() == 5
    log_window.set_days(today + timedelta(days=1), today + timedelta(days=1))
    assert log_window.proxy.rowCount() == 0


def test_columns_sort_by_their_values(qtbot, log_window):
    header = log_window.table.horizontalHeader()
    x = header.sectionViewportPosition(MessageLogModel.DURATION) + 5
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    durations = [row["duration_ms"] for row in shown_rows(log_window)]
    assert durations in (sorted(durations), sorted(durations, reverse=True))
    log_window.table.sortByColumn(MessageLogModel.HTTP, Qt.SortOrder.AscendingOrder)
    assert shown(log_window, MessageLogModel.HTTP) == ["200", "200", "200", "500", "500"]
    log_window.table.sortByColumn(MessageLogModel.TIME, Qt.SortOrder.AscendingOrder)
    ids = [row["id"] for row in shown_rows(log_window)]
    assert ids == sorted(ids)


def test_selected_exchange_shows_indented_request_and_response(qtbot, log_window):
    log_window.set_outcome(SUCCESSFUL)
    log_window.set_service(RECEIVE_SERVICE)
    log_window.table.setFocus()
    qtbot.keyClick(log_window.table, Qt.Key.Key_Home)  # the first row, by keyboard
    read_row(qtbot, log_window)
    request, response = tab_texts(log_window)
    assert request.startswith("<soap-env:Envelope")
    assert "\n      <DT>A</DT>" in request  # one element a line, indented by depth
    assert request.count("<URUN>") == 2  # the second chunk: 2 of the 5 boxes
    assert "<BILDIRIMID>" in response and response.count("<UC>00000</UC>") == 2
    assert "Eczane Mal Alım Bildirimi — Successful" in log_window.summary.text()
    assert "ITS notification ID:" in log_window.summary.text()
    # no public source shows the pharmacy services' addresses: the header says so
    assert "Guessed names: no public source shows this service's address" in log_window.summary.text()
    assert "pharmadesk doctor --its-check" in log_window.summary.text()

    log_window.set_outcome(FAILED)
    read_row(qtbot, log_window, 0)
    assert tab_texts(log_window)[1] == "Internal Server Error"
    assert "answered, but with an error page (HTTP 500)" in log_window.summary.text()


def test_copy_puts_the_whole_exchange_on_the_clipboard(qtbot, log_window):
    QGuiApplication.clipboard().clear()
    read_row(qtbot, log_window, 2)  # the verification
    log_window.table.setFocus()
    qtbot.keyClick(log_window.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith("Ürün Doğrulama — Successful")
    assert "--- Request ---\n<soap-env:Envelope" in copied
    assert "--- Response ---\n<S:Envelope" in copied
    log_window.tabs.setCurrentIndex(1)
    log_window.copy_button.click()
    assert QGuiApplication.clipboard().text() == log_window.response_text.toPlainText()
    assert "<BILDIRIMID>" in QGuiApplication.clipboard().text()


def test_the_password_shows_nowhere(qtbot, log_window, day):
    texts = []
    for row in range(log_window.proxy.rowCount()):
        read_row(qtbot, log_window, row)
        texts += [*tab_texts(log_window),
                  log_window.summary.text(), log_window.exchange_text()]
        texts += [str(value) for value in shown_rows(log_window)[row].values()]
    everything = "\n".join(texts)
    assert PASSWORD not in everything
    assert "authorization" not in everything.lower()
    assert PASSWORD.encode() not in day.store.path.read_bytes()


def test_secrets_are_masked_even_if_a_text_carries_them():
    envelope = ("<s:Envelope xmlns:s='http://schemas.xmlsoap.org/soap/envelope/'><s:Header>"
                "<w:Security xmlns:w='urn:wsse'><w:Username>86900030000040000</w:Username>"
                "<w:Password>hunter2</w:Password></w:Security></s:Header><s:Body/></s:Envelope>")
    shown_text = pretty_xml(masking.mask(envelope))
    assert "hunter2" not in shown_text and "<w:Password>********</w:Password>" in shown_text
    assert "86900030000040000" in shown_text  # the user name is not a secret
    headers = "POST /x HTTP/1.1\nAuthorization: Basic ODY5MDAwMzAwMDA0MDAwMDpzYW5kYm94\n\n<a/>"
    assert "ODY5" not in masking.mask(headers) and "Authorization: ********" in masking.mask(headers)
    assert masking.mask("ITS said: wrong password Gizli", ("Gizli",)) == "ITS said: wrong password ********"


def test_the_window_speaks_turkish(qtbot, log_window, day):
    day.language.set("tr")
    assert log_window.windowTitle() == "İTS mesaj kaydı"
    assert shown(log_window, MessageLogModel.OUTCOME)[0] == "Başarısız: HTTP ya da bağlantı hatası"
    assert shown(log_window, MessageLogModel.OPERATION)[0] == "Mal Alım"
    assert log_window.outcome_box.itemText(1) == "Başarılı"
    assert log_window.count_label.text() == "5 kayıttan 5 tanesi gösteriliyor · 2 başarısız"


def test_a_failed_exchange_says_why_in_the_windows_language(qtbot, day):
    day.language.set("tr")
    window = MessageLogDialog(day)
    qtbot.addWidget(window)
    window.show()
    window.set_outcome(FAILED)
    read_row(qtbot, window, 0)
    host = urlsplit(day.store.setting("its.url")).netloc
    turkish = (f"ITS ({host}) cevap verdi ama bir hata sayfası döndü (HTTP 500). Sorun ITS tarafında; "
               f"bildirim kuyrukta kalır ve yeniden gönderilir.")
    assert shown(window, MessageLogModel.ERROR) == [turkish] * 2
    assert shown(window, MessageLogModel.ERROR, Qt.ItemDataRole.ToolTipRole)[0] == turkish
    assert f"Hata: {turkish}" in window.summary.text()
    assert "error page" not in window.exchange_text()

    day.language.set("en")
    english = (f"ITS ({host}) answered, but with an error page (HTTP 500). The problem is on ITS's side; "
               f"the notification stays queued and is sent again.")
    assert shown(window, MessageLogModel.ERROR) == [english] * 2
    assert f"Error: {english}" in window.summary.text()


def test_an_exchange_logged_before_the_turkish_text_existed_shows_its_english(qapp, tmp_path):
    old = tmp_path / "pharmadesk.sqlite"
    shutil.copy(Path(__file__).parents[1] / "data" / "store" / "pharmadesk-v3.sqlite", old)
    with Store(old) as store:
        model = MessageLogModel(store, lang="tr")
        model.load(date(2025, 7, 1), date(2025, 7, 1))
        errors = [model.data(model.index(row, MessageLogModel.ERROR)) for row in range(model.rowCount())]
    assert errors == ["ITS refused the notification (br.eczane_mal_alim): 11004 Yanlış GTIN Numarası",
                      "ITS returned an error page (HTTP 500); the notification stays queued and will be retried.",
                      ""]


def test_ctrl_l_opens_the_log_from_the_main_window_and_a_sync_refreshes_it(qtbot, open_window, day, simulator):
    window = open_window("en")
    action = next(a for a in window.tools_menu.actions() if a.shortcut().toString() == "Ctrl+L")
    assert action.text() == "&Message log"
    assert ("Ctrl+L", "Message log") in window.shortcuts()  # listed in the shortcuts dialog (F12)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    [log] = window.message_log_dialogs
    qtbot.waitUntil(log.isVisible)
    assert log.proxy.rowCount() == 5
    scan(day.store, Operation.RECEIVE, ship(simulator, 1))
    with qtbot.waitSignal(window.sync.sig_finished, timeout=20000):
        window.sync.start()
    stored = len(day.store.message_log())
    assert stored > 5
    qtbot.waitUntil(lambda: log.proxy.rowCount() == stored, timeout=5000)
    window.station.language.set("tr")
    assert action.text() == "&Mesaj kaydı"


def test_enter_on_a_row_goes_into_its_xml(qtbot, log_window):
    log_window.activateWindow()
    log_window.table.setFocus()
    qtbot.waitUntil(log_window.table.hasFocus)
    qtbot.keyClick(log_window.table, Qt.Key.Key_Home)
    read_row(qtbot, log_window)
    qtbot.keyClick(log_window.table, Qt.Key.Key_Return)
    assert log_window.request_text.hasFocus()
    assert log_window.isVisible()  # Enter did not close the window


def test_an_exchange_past_the_kept_days_shows_its_summary_and_says_where_its_xml_went(qtbot, log_window, day):
    oldest = day.store.message_log()[-1]
    with day.store.write() as conn:
        conn.execute("UPDATE message_log SET at = '2020-01-01T10:00:00.000+03:00' WHERE id = ?", [oldest["id"]])
    assert day.store.prune_message_log(90) == 1
    log_window.set_days(date(2020, 1, 1), date.today())
    rows = shown_rows(log_window)
    read_row(qtbot, log_window, [row["id"] for row in rows].index(oldest["id"]))
    request, response = tab_texts(log_window)
    assert "removed after the days the message log keeps it" in request and request == response
    assert shown(log_window, MessageLogModel.NOTIFICATION)[-1] == oldest["notification_id"]


def test_a_prescriptions_patient_and_doctor_show_masked(qtbot, station, simulator):
    """KVKK: the reimbursement sale's request in the log shows DR and CP as ********."""
    boxes = ship(simulator, 1)
    scan(station.store, Operation.RECEIVE, boxes)
    sale = Header(sale=SaleDetails("reimbursement", world.PAYER, None, "RX5", doctor_id="12345678950",
                                   patient_id="23456789138"))
    scan(station.store, Operation.SALE, boxes, sale)
    assert sync(station).outcome == "ok"
    window = MessageLogDialog(station)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.set_service("br.eczane_satis")
    read_row(qtbot, window, 0)
    request, _ = tab_texts(window)
    assert "<DR>********</DR>" in request and "<CP>********</CP>" in request and "<RKN>RX5</RKN>" in request
    assert "12345678950" not in window.exchange_text() and "23456789138" not in window.exchange_text()


def test_an_its2_day_shows_indented_json_with_the_token_masked(qtbot, station, simulator):
    station.store.set_setting("its.protocol", "its2")
    scan(station.store, Operation.RECEIVE, ship(simulator, 2))
    assert sync(station).outcome == "ok"
    window = MessageLogDialog(station)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    titles = shown(window, MessageLogModel.SERVICE)
    assert titles == ["Mal Alım (accept)", "Oturum açma (token)"]
    read_row(qtbot, window, 1)
    request, response = tab_texts(window)
    assert request.splitlines()[1] == '  "username": "86900030000400000",'
    assert '"password": "********"' in request and PASSWORD not in request
    assert response == '{\n  "token": "********"\n}'
    read_row(qtbot, window, 0)
    request, response = tab_texts(window)
    assert request.startswith('{\n  "productList": [\n    {\n      "gtin": ')
    assert response.count('"uc": "00000"') == 2
