"""The end-of-day report over a real day against the ITS simulator: purchases ITS accepts,
purchases of boxes still on their manufacturer (rejected), verifications (their 40xxx
answers), and a purchase left waiting when ITS answered HTTP 500 — counted per
operation with the reasons, saved as CSV (every box) and as a PDF whose text says the same."""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
import unicodedata
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon

from pharmadesk.domain import Operation
from pharmadesk.its import codes
from pharmadesk.store import states
from pharmadesk.ui import feedback, workers
from pharmadesk.ui.report import ReportDialog
from pharmadesk.ui.report_document import PENDING
from tests.ui.itsday import faults, produce, scan, ship, simulator, station, sync  # noqa: F401


@pytest.fixture
def day(station, simulator):
    good = ship(simulator, 5)
    foreign = produce(simulator, 2)
    scan(station.store, Operation.RECEIVE, good + foreign)
    assert sync(station).outcome == "rejected"
    scan(station.store, Operation.VERIFY, good[:3])
    sync(station)
    faults(simulator, http_500=1.0)
    waiting = ship(simulator, 2)
    scan(station.store, Operation.RECEIVE, waiting)
    assert sync(station).outcome == "unreachable"
    faults(simulator, http_500=0.0)
    removed = ship(simulator, 1)
    scan(station.store, Operation.RECEIVE, removed)
    [item] = station.store.items(operation=Operation.RECEIVE, states_=(states.QUEUED,), limit=1)
    assert station.store.remove_item(item["id"])
    return station


@pytest.fixture
def report_window(qtbot, day):
    window = ReportDialog(day)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.report is not None, timeout=20000)  # read on a pool thread
    yield window
    workers.wait_for_all(30000)


def result_of(qtbot, job):
    """What a background job returned, once it has (it runs on a pool thread)."""
    results = []
    job.sig_succeeded.connect(results.append)  # delivered on this thread: not missed
    job.sig_failed.connect(lambda error: results.append(error))
    qtbot.waitUntil(lambda: bool(results), timeout=60000)
    assert not isinstance(results[0], Exception), results[0]
    return results[0]


def rejected_code(store) -> str:
    [code] = {row["uc"] for row in store.items(states_=(states.REJECTED,))}
    return code


def test_the_day_is_counted_per_operation_with_reasons(report_window, day):
    report = report_window.report
    receive, verify = report.operations
    assert receive.name == "Purchase" and verify.name == "Verification"
    assert receive.counts == {states.ACCEPTED: 5, states.REJECTED: 2, states.NEEDS_ATTENTION: 0, PENDING: 2}
    assert verify.counts[states.ACCEPTED] == 3 and verify.total == 3
    code = rejected_code(day.store)
    [rejected, waiting] = receive.reasons
    assert (rejected.outcome, rejected.code, rejected.count) == (states.REJECTED, code, 2)
    assert rejected.text == codes.describe(code, "en").text
    assert (waiting.outcome, waiting.count) == (PENDING, 2)
    assert "HTTP 500" in waiting.text
    assert all(reason.code.startswith("40") for reason in verify.reasons)  # the verification answers
    assert report.totals() == {states.ACCEPTED: 8, states.REJECTED: 2, states.NEEDS_ATTENTION: 0, PENDING: 2}

    shown = report_window.view.toPlainText()
    assert "End-of-day report" in shown and codes.describe(code, "en").text in shown
    assert report_window.boxes_label.text() == "Boxes that need you: 2"
    table = report_window.boxes
    assert table.rowCount() == 2
    rejected_serials = {item["serial"] for item in day.store.items(states_=(states.REJECTED,))}
    assert {table.data(table.index(row, 3)) for row in range(2)} == rejected_serials
    assert table.data(table.index(0, 1)) == "Rejected" and table.data(table.index(0, 5)) == code
    # the outcome is red and has the rejected icon: never colour alone
    icon = table.data(table.index(0, 1), Qt.ItemDataRole.DecorationRole)
    assert isinstance(icon, QIcon) and icon.cacheKey() == feedback.icon(states.REJECTED).cacheKey()


def test_csv_has_every_box_with_its_outcome_and_reason(qtbot, report_window, day, tmp_path):
    path = tmp_path / "day.csv"
    assert result_of(qtbot, report_window.export_csv(path)) == 12  # the removed box is not in the report
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads it as UTF-8
    rows = list(csv.reader(path.open(encoding="utf-8-sig", newline=""), delimiter=";"))
    header, boxes = rows[0], rows[1:]
    assert header == ["Date", "Time", "Operation", "Outcome", "Code", "Reason", "GTIN", "Product",
                      "Serial", "Batch", "Expiry", "ITS notification ID"]
    by_outcome = {}
    for row in boxes:
        by_outcome.setdefault((row[2], row[3]), []).append(row)
    assert {key: len(value) for key, value in by_outcome.items()} == {
        ("Purchase", "Accepted"): 5, ("Purchase", "Rejected"): 2, ("Purchase", "Not sent yet"): 2,
        ("Verification", "Accepted"): 3}
    code = rejected_code(day.store)
    rejected_serials = {item["serial"] for item in day.store.items(states_=(states.REJECTED,))}
    for row in by_outcome[("Purchase", "Rejected")]:
        assert row[4] == code and row[5] == codes.describe(code, "en").text
        assert row[8] in rejected_serials and row[11]  # its serial, and ITS's notification ID
    assert all(row[11] == "" for row in by_outcome[("Purchase", "Not sent yet")])
    assert all(row[7] for row in by_outcome[("Purchase", "Accepted")])  # product names known
    assert boxes[0][0] == report_window.chosen_day().strftime("%d.%m.%Y")


def pdf_pages(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", data))


def assert_pdf_says(path, *texts: str) -> None:
    """A whole PDF (header, end marker, at least one page) whose text holds `texts`: read
    with pdftotext (poppler-utils, installed by installer/linux/system-deps.sh)."""
    data = path.read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    assert pdf_pages(data) >= 1
    assert shutil.which("pdftotext"), "pdftotext missing: run installer/linux/system-deps.sh"
    text = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True,
                          text=True, timeout=60).stdout
    text = unicodedata.normalize("NFKC", text)  # the "fi" of "Verification" is set as a ligature
    for expected in texts:
        assert expected in text, (expected, text)


def test_pdf_is_a_readable_report(qtbot, report_window, day, tmp_path):
    path = tmp_path / "day.pdf"
    assert report_window.export_pdf(path).running  # written on a pool thread: the window stays live
    assert report_window.saved.text() == "Saving…"
    result_of(qtbot, report_window.export_pdf(path))
    serials = [item["serial"] for item in day.store.items(states_=(states.REJECTED,))]
    # the summary, the reason, and the boxes that need the pharmacist one by one
    assert_pdf_says(path, "End-of-day report", "Purchase", "Verification", "Not sent yet",
                    codes.describe(rejected_code(day.store), "en").text.split()[0], *serials)
    assert "Saved the report to" in report_window.saved.text()


def test_turkish_report_and_pdf(qtbot, report_window, day, tmp_path):
    day.language.set("tr")
    assert report_window.windowTitle() == "Gün sonu raporu"
    qtbot.waitUntil(lambda: report_window.report.lang == "tr", timeout=20000)
    receive = report_window.report.operations[0]
    assert receive.name == "Mal Alım"
    assert [reason.text for reason in receive.reasons][1] == \
        "Son gönderimde İTS'ten yanıt alınamadı; bir sonraki gönderimde yeniden gönderilecek."
    path = tmp_path / "gun.pdf"
    result_of(qtbot, report_window.export_pdf(path))
    assert_pdf_says(path, "Gün sonu raporu", "Mal Alım", "Ürün Doğrulama", "Reddedildi")
    csv_path = tmp_path / "gun.csv"
    result_of(qtbot, report_window.export_csv(csv_path))
    header = csv_path.read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.startswith("Tarih;Saat;İşlem;Sonuç;Kod;Açıklama;GTIN")


def test_a_day_without_scans(qtbot, report_window, tmp_path):
    yesterday = report_window.chosen_day() - timedelta(days=1)
    report_window.day.setDate(yesterday)
    qtbot.waitUntil(lambda: report_window.report.day == yesterday, timeout=20000)
    assert report_window.report.operations == []
    assert "No boxes were scanned on this day." in report_window.view.toPlainText()
    assert report_window.boxes_label.text() == "Boxes that need you: 0"
    assert not report_window.boxes_table.isVisibleTo(report_window)
    path = tmp_path / "empty.csv"
    assert result_of(qtbot, report_window.export_csv(path)) == 0
    assert len(path.read_text(encoding="utf-8-sig").splitlines()) == 1


def test_keyboard_saves_without_a_mouse(qtbot, report_window, monkeypatch, tmp_path):
    chosen = []
    monkeypatch.setattr(report_window, "_ask_path",  # the file dialog, answered
                        lambda suffix, kind: chosen.append(suffix) or str(tmp_path / f"k.{suffix}"))
    report_window.activateWindow()
    qtbot.waitUntil(report_window.isActiveWindow)
    qtbot.keyClick(report_window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: chosen == ["csv"])  # a button's shortcut clicks it visibly, a moment later
    qtbot.waitUntil(lambda: report_window.saved.text().startswith("Saved 12 boxes"), timeout=30000)
    qtbot.keyClick(report_window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: chosen == ["csv", "pdf"])
    qtbot.waitUntil(lambda: report_window.saved.text().startswith("Saved the report"), timeout=30000)
    assert (tmp_path / "k.csv").exists() and (tmp_path / "k.pdf").read_bytes().startswith(b"%PDF-")
    assert report_window.default_name("pdf").startswith("pharmadesk-end-of-day-")


def test_ctrl_e_opens_the_report_from_the_main_window(qtbot, open_window, day):
    window = open_window("en")
    assert ("Ctrl+E", "End-of-day report") in window.shortcuts()
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: any(isinstance(w, ReportDialog) and w.isVisible()
                                for w in window.findChildren(ReportDialog)))
    [dialog] = window.findChildren(ReportDialog)
    qtbot.waitUntil(lambda: dialog.report is not None)
    assert [line.name for line in dialog.report.operations] == ["Purchase", "Verification"]
