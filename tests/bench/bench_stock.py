"""Stock speed, printed (not asserted):

1. the stock page with 100,000 boxes in stock: from pressing its key (Shift+F2) to the
   page's first paint (the stock is read off the GUI thread meanwhile), and to its lines
   painted (the stock read from the accepted notifications included);
2. search as you type on that page: per keystroke, from the key to the filtered table
   painted (a serial typed character by character, then a product name);
3. a bulk verification round (`verify-stock`) of 10,000 boxes against the local ITS
   simulator (in-process, over HTTP): queue, send in one chunk, report.

Aims (issue 17): first paint ≤ 300 ms, ≤ 50 ms a keystroke, verification ≤ 5 s.
Run: python tests/bench/bench_stock.py"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
if not os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PHARMADESK_KEYRING_BACKEND", "none")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from pharmadesk.config import Config  # noqa: E402
from pharmadesk.gs1 import check_digit  # noqa: E402
from pharmadesk.sim import sandbox as world  # noqa: E402
from pharmadesk.sim.server import start_simulator  # noqa: E402
from pharmadesk.stock_check import verify_stock  # noqa: E402
from pharmadesk.store import open_store, states  # noqa: E402
from pharmadesk.sync import engine_from_config  # noqa: E402
from pharmadesk.ui import feedback  # noqa: E402
from pharmadesk.ui.i18n import Language  # noqa: E402
from pharmadesk.ui.main_window import MainWindow  # noqa: E402
from pharmadesk.ui.sandbox import prepare_store  # noqa: E402
from pharmadesk.ui.station import Station  # noqa: E402

BOXES = 100_000
PRODUCTS = 400
LOTS_PER_PRODUCT = 5
VERIFIED = 10_000


def accepted_stock(store, boxes: int) -> None:
    """`boxes` boxes received and accepted by ITS, written straight into the outbox
    tables (what a year of purchases leaves behind), over PRODUCTS products."""
    today = date.today()
    stamp = "2026-01-05T10:00:00+03:00"
    with store.write() as conn:
        notification = conn.execute(
            "INSERT INTO notifications (operation, stakeholder, counterparty_gln, state, its_notification_id, "
            "created_at) VALUES ('receive', 'pharmacy', ?, 'closed', '900001', ?)", [world.SUPPLIER, stamp]).lastrowid
        rows = []
        for n in range(boxes):
            product = n % PRODUCTS
            gtin = f"0869{product:09d}"
            gtin += str(check_digit(gtin))
            lot_number = (n // PRODUCTS) % LOTS_PER_PRODUCT
            lot = f"L{product:04d}{lot_number}"
            expiry = today + timedelta(days=lot_number * 120 - 30)
            serial = f"S{n:011d}"
            raw = f"01{gtin}21{serial}\x1d17{expiry:%y%m%d}10{lot}"
            rows.append((notification, gtin, serial, lot, expiry.isoformat(), raw, stamp, stamp))
        conn.executemany("INSERT INTO items (notification_id, operation, gtin, serial, batch, expiry, raw, state, "
                         "uc, its_notification_id, scanned_at, updated_at) VALUES (?, 'receive', ?, ?, ?, ?, ?, "
                         f"'{states.ACCEPTED}', '00000', '900001', ?, ?)", rows)
        conn.executemany("INSERT OR IGNORE INTO products (gtin, name) VALUES (?, ?)",
                         {(row[1], f"ÜRÜN {row[1][-5:]} 10 MG 30 TABLET") for row in rows})


def wait_painted(app, widget) -> None:
    widget.repaint()
    app.processEvents()


def bench_page(app) -> None:
    folder = Path(tempfile.mkdtemp())
    store = open_store(folder / "data")
    prepare_store(store)
    accepted_stock(store, BOXES)
    station = Station(store=store, data_dir=folder / "data", language=Language(app, "tr"),
                      sounds=feedback.Sounds(app, enabled=False))
    window = MainWindow(station, capture=False, scan_writer=False)
    window.show()
    app.processEvents()
    window.activateWindow()
    app.processEvents()
    page = window.stock_page
    firsts, filled = [], []
    for _ in range(3):
        window.nav.setCurrentRow(0)
        app.processEvents()
        loaded = []
        page.sig_loaded.connect(lambda: loaded.append(time.perf_counter()))
        started = time.perf_counter()
        QTest.keyClick(window, Qt.Key.Key_F2, Qt.KeyboardModifier.ShiftModifier)
        wait_painted(app, page)
        firsts.append((time.perf_counter() - started) * 1000)
        while not loaded:
            app.processEvents()
            time.sleep(0.001)
        wait_painted(app, page.table.viewport())
        filled.append((time.perf_counter() - started) * 1000)
        page.sig_loaded.disconnect()
    assert window.current_page() is page and sum(line.count for line in page.model.lines) == BOXES
    print(f"stock page, {BOXES:,} boxes in {len(page.model.lines)} lines: first paint "
          f"{statistics.median(firsts):.0f} ms, lines on screen {statistics.median(filled):.0f} ms "
          f"(medians of 3; {', '.join(f'{a:.0f}/{b:.0f}' for a, b in zip(firsts, filled))})")

    keys = []
    page.search.setFocus()
    for text in ("s0000004217", "mg 30 tab"):
        page.search.clear()
        app.processEvents()
        for char in text:
            started = time.perf_counter()
            QTest.keyClicks(page.search, char)
            wait_painted(app, page.table.viewport())
            keys.append((time.perf_counter() - started) * 1000)
    keys.sort()
    print(f"search as you type over {BOXES:,} boxes: median {statistics.median(keys):.1f} ms, "
          f"p95 {keys[int(len(keys) * 0.95) - 1]:.1f} ms, worst {keys[-1]:.1f} ms a keystroke ({len(keys)} keys)")
    window.shut_down()
    store.close()


def bench_verification() -> None:
    sim = start_simulator(host="127.0.0.1", port=0, seed=True)
    folder = Path(tempfile.mkdtemp())
    store = open_store(folder / "data")
    config = Config(store, environ={})
    for key, value in {"its.url": sim.base_url, "its.gln": world.PHARMACY, "its.username": world.PHARMACY + "0000",
                       "its.stakeholder": "pharmacy"}.items():
        config.set(key, value)
    from pharmadesk.domain import Header, Operation, Stakeholder
    from pharmadesk.gs1 import parse
    from pharmadesk.sim import admin

    karekods = admin.handle(sim, "POST", "/admin/ship", {}, {"to": world.PHARMACY, "count": VERIFIED})[1]["karekods"]
    store.queue_many(Operation.RECEIVE, Stakeholder.PHARMACY, Header(counterparty_gln=world.SUPPLIER),
                     ((n, parse(k), k) for n, k in enumerate(karekods)))
    engine = engine_from_config(store, config, "sandbox")
    assert engine.run().outcome == "ok"
    started = time.perf_counter()
    report = verify_stock(store, engine, lang="en")
    elapsed = time.perf_counter() - started
    engine.client.close()
    sim.stop()
    print(f"bulk verification of {report.total:,} boxes against the local simulator: {elapsed:.2f} s "
          f"({report.fine:,} yours, {len(report.boxes)} need a look)")


if __name__ == "__main__":
    application = QApplication(sys.argv[:1])
    bench_page(application)
    bench_verification()
