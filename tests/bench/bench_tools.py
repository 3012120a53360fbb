"""Benchmark of the workstation's tool windows on a big day (printed figures, no asserts):

- end-of-day report over a 100,000-box day (90% accepted, 5% rejected, 5% waiting):
  the read on the pool thread, the GUI thread's share of showing it, how long CSV and
  PDF take, and the longest GUI-thread stall while they are written;
- message log: a day of 10 exchanges of 10,000-box requests (what a 100,000-item sync
  leaves) plus 1,000 small ones: loading the day, and opening one 10,000-box exchange
  (masked, indented and laid out on a pool thread) with the GUI thread's longest stall.

GUI stalls are measured as the longest gap between ticks of a 5 ms Python timer, so they
include waiting for the GIL and for a CPU on a busy machine; the idle floor is printed first.

Run: .venv/bin/python tests/bench/bench_tools.py  (part of `make bench`)."""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PHARMADESK_KEYRING_BACKEND", "none")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from pharmadesk.domain import Header, Operation, Stakeholder  # noqa: E402
from pharmadesk.gs1 import check_digit  # noqa: E402
from pharmadesk.store import QueuedBox, open_store  # noqa: E402
from pharmadesk.ui import feedback, workers  # noqa: E402
from pharmadesk.ui.i18n import Language  # noqa: E402
from pharmadesk.ui.message_log import MessageLogDialog  # noqa: E402
from pharmadesk.ui.report import ReportDialog  # noqa: E402
from pharmadesk.ui.station import Station  # noqa: E402

BOXES = 100_000
SUPPLIER = "8690002000027"


class StallMeter:
    """The longest gap between ticks of a 5 ms timer on the GUI thread."""

    def __init__(self):
        self.longest = 0.0
        self._last = time.perf_counter()
        self._timer = QTimer()
        self._timer.timeout.connect(self._tick)
        self._timer.start(5)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self._last)
        self._last = now

    def stop(self) -> None:
        self._timer.stop()

    def reset(self) -> None:
        self.longest, self._last = 0.0, time.perf_counter()


def spin(app: QApplication, until) -> None:
    while not until():
        app.processEvents()
        time.sleep(0.001)


def fill_day(store) -> None:
    body = "0869953609001"
    gtin = body + str(check_digit(body))
    expiry = date.today() + timedelta(days=400)
    boxes = ((n, QueuedBox(gtin, f"S{n:09d}", "LOT1", expiry), f"raw{n}") for n in range(BOXES))
    store.queue_many(Operation.RECEIVE, Stakeholder.PHARMACY, Header(counterparty_gln=SUPPLIER), boxes)
    with store.write() as conn:
        conn.execute("UPDATE items SET state = 'accepted', uc = '00000' WHERE id % 20 < 18")
        conn.execute("UPDATE items SET state = 'rejected', uc = '10201' WHERE id % 20 = 18")


@dataclass
class Exchange:
    """What the ITS client hands the message log (pharmadesk.its.client.Exchange)."""

    started_at: datetime
    service: str
    operation: str
    url: str
    request_xml: str
    response_xml: str
    http_status: int
    duration_ms: float
    notification_id: str | None
    outcome: str
    error_tr: str | None
    error_en: str | None


def envelope(items: int, start: int) -> tuple[str, str]:
    urun = "".join(f"<URUN><GTIN>08699536090014</GTIN><BN>LOT1</BN><SN>S{n:09d}</SN><XD>2027-12-31</XD></URUN>"
                   for n in range(start, start + items))
    request = ("<?xml version='1.0' encoding='utf-8'?>\n<soap-env:Envelope xmlns:soap-env="
               "\"http://schemas.xmlsoap.org/soap/envelope/\"><soap-env:Header/><soap-env:Body>"
               "<ns0:EczaneMalAlimBildirim xmlns:ns0=\"http://its.iegm.gov.tr/bildirim/BR/v1/Alim/Eczane\">"
               f"<DT>A</DT><FR>{SUPPLIER}</FR><TO>8690003000040</TO><URUNLER>{urun}</URUNLER>"
               "</ns0:EczaneMalAlimBildirim></soap-env:Body></soap-env:Envelope>")
    durum = "".join(f"<URUNDURUM><GTIN>08699536090014</GTIN><SN>S{n:09d}</SN><UC>00000</UC></URUNDURUM>"
                    for n in range(start, start + items))
    response = ("<S:Envelope xmlns:S=\"http://schemas.xmlsoap.org/soap/envelope/\"><S:Body>"
                "<ns2:EczaneMalAlimBildirimCevap xmlns:ns2=\"http://its.iegm.gov.tr/bildirim/BR/v1/Alim/Eczane\">"
                f"<BILDIRIMID>1</BILDIRIMID><URUNLER>{durum}</URUNLER></ns2:EczaneMalAlimBildirimCevap>"
                "</S:Body></S:Envelope>")
    return request, response


def fill_log(store) -> None:
    now = datetime.now().astimezone()
    for chunk in range(10):
        request, response = envelope(10_000, chunk * 10_000)
        store.log_exchange(Exchange(now, "br.eczane_mal_alim", "receive", "http://127.0.0.1/x", request,
                                    response, 200, 900.0, str(chunk), "ok", None, None))
    request, response = envelope(3, 0)
    for n in range(1000):
        store.log_exchange(Exchange(now, "br.urun_dogrulama", "verify", "http://127.0.0.1/y", request,
                                    response, 200 if n % 10 else 500, 12.0, None,
                                    "ok" if n % 10 else "error", None if n % 10 else "HTTP 500 hatası",
                                    None if n % 10 else "HTTP 500"))


def bench_report(app, station, meter) -> None:
    started = time.perf_counter()
    dialog = ReportDialog(station)
    dialog.show()
    spin(app, lambda: dialog.report is not None)
    ready = time.perf_counter() - started
    shows = []
    for _ in range(3):
        report = dialog.report
        dialog.report = None
        dialog.refresh()
        spin(app, lambda: dialog.report is not None)
        begin = time.perf_counter()
        dialog._show(report, dialog._asked)
        shows.append(time.perf_counter() - begin)
    print(f"report, {BOXES:,} boxes: window ready in {ready * 1000:.0f} ms; "
          f"GUI thread's share of showing it: median {statistics.median(shows) * 1000:.0f} ms")
    folder = Path(tempfile.mkdtemp())
    for kind, export in (("CSV", dialog.export_csv), ("PDF", dialog.export_pdf)):
        meter.reset()
        begin = time.perf_counter()
        job = export(folder / f"day.{kind.lower()}")
        spin(app, lambda: not job.running)
        size = (folder / f"day.{kind.lower()}").stat().st_size
        print(f"report {kind}: {time.perf_counter() - begin:.2f} s on a pool thread, {size / 1e6:.1f} MB; "
              f"longest GUI-thread stall meanwhile {meter.longest * 1000:.0f} ms")
    dialog.close()
    dialog.deleteLater()


def bench_message_log(app, station, meter) -> None:
    begin = time.perf_counter()
    log = MessageLogDialog(station)
    log.show()
    app.processEvents()
    print(f"message log, {log.model.rowCount():,} exchanges of the day: window open and loaded in "
          f"{(time.perf_counter() - begin) * 1000:.0f} ms")
    shown, stalls = [], []
    for attempt in range(3):
        log.select_row(0)  # a small exchange first, so each big one is prepared afresh
        spin(app, lambda: log.shown_id == log.current_exchange_id())
        meter.reset()
        begin = time.perf_counter()
        log.select_row(log.proxy.rowCount() - 1 - attempt)  # the 10,000-box exchanges are the oldest
        wanted = log.current_exchange_id()
        spin(app, lambda: log.shown_id == wanted)
        shown.append(time.perf_counter() - begin)
        stalls.append(meter.longest)
    size = len(log._shown.request_text) + len(log._shown.response_text)
    print(f"message log: one 10,000-box exchange ({size / 1e6:.1f} MB indented) on screen after "
          f"median {statistics.median(shown) * 1000:.0f} ms (pool thread); longest GUI-thread stall "
          f"{max(stalls) * 1000:.0f} ms")
    log.close()
    log.deleteLater()


def main() -> None:
    app = QApplication.instance() or QApplication([])
    folder = Path(tempfile.mkdtemp(prefix="pharmadesk-bench-tools-"))
    store = open_store(folder)
    fill_day(store)
    fill_log(store)
    station = Station(store=store, data_dir=folder, language=Language(app, "en"),
                      sounds=feedback.Sounds(app, enabled=False))
    meter = StallMeter()
    spin(app, lambda: meter.longest > 0)
    meter.reset()
    idle_until = time.perf_counter() + 2.0
    spin(app, lambda: time.perf_counter() > idle_until)
    print(f"longest GUI-thread gap with nothing to do (the machine's noise floor): {meter.longest * 1000:.0f} ms; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    bench_report(app, station, meter)
    bench_message_log(app, station, meter)
    meter.stop()
    workers.wait_for_all()
    app.processEvents()
    station.language.deleteLater()
    app.processEvents()
    store.close()


if __name__ == "__main__":
    main()
