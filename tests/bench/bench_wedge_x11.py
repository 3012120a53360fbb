"""Scan-to-row on real X events (issue 12): PharmaDesk runs on Xvfb with 10,000 boxes in
the purchase table, and a USB wedge scanner's keys go in through XTEST (physical keys, a
key event every 4 ms, Enter last; tests/e2e/xreal.py). For each scan:

- from the first key: from the XTEST press of the scan's first key to the paint of the
  table with its new row (this includes the scanner's own typing, ~0.4 s for a karekod);
- from Enter: from the Enter key's X server timestamp to that paint: what PharmaDesk adds.
  Xvfb stamps events with CLOCK_MONOTONIC milliseconds, the clock time.monotonic() reads;
  how long after its stamp PharmaDesk read the Enter is printed too (a few ms when the
  two clocks agree).

Printed beside today's synthetic figure (bench_ui.py: a scan handed to the window without
key events). Aim: p95 <= 50 ms. Run: python tests/bench/bench_wedge_x11.py"""

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
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ["QT_QPA_PLATFORM"] = "offscreen"  # the synthetic figure; the real one runs on Xvfb

import bench_ui  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from pharmadesk.domain import Header, Operation, Stakeholder  # noqa: E402
from pharmadesk.gs1 import parse  # noqa: E402
from pharmadesk.sim import sandbox as world  # noqa: E402
from pharmadesk.store import open_store  # noqa: E402
from pharmadesk.ui.sandbox import prepare_store  # noqa: E402
from scanners.wedge import WedgeSettings  # noqa: E402
from tests.e2e.xreal import AppHost, Keyboard, XServer  # noqa: E402

SCANS = 40
MIN_LENGTH = WedgeSettings().min_length  # keys before a burst counts as a scan
MODIFIER_KEYS = {int(Qt.Key.Key_Shift), int(Qt.Key.Key_Control), int(Qt.Key.Key_Alt), int(Qt.Key.Key_AltGr)}


def filled_data_folder() -> Path:
    data = Path(tempfile.mkdtemp(prefix="bench-wedge-x11-"))
    store = open_store(data / "sandbox")
    prepare_store(store)
    expiry = date.today() + timedelta(days=400)
    raws = [bench_ui.karekod(f"OLD{n:08d}", expiry) for n in range(bench_ui.ROWS_BEFORE)]
    store.queue_many(Operation.RECEIVE, Stakeholder.PHARMACY,
                     Header(counterparty_gln=world.SUPPLIER, document_number="IRS-1"),
                     ((n, parse(raw), raw) for n, raw in enumerate(raws)))
    store.close()
    return data


def bench_real_x() -> None:
    data = filled_data_folder()
    expiry = date.today() + timedelta(days=400)
    with XServer() as x, Keyboard(x.display) as keys:
        keys.set_layout("us")
        with AppHost(x.display, ["--sandbox", "--data-dir", str(data), "--lang", "tr"]) as app:
            app.until("window() is not None and window()._simulator is not None", 120)
            app.click_on(keys, "page().scan_field")
            app.until("page().scan_field.hasFocus()")
            app.run(f"page().form.counterparty.set_gln({world.SUPPLIER!r}); "
                    "page().form.document_number.setText('IRS-1')")
            assert app.ask("page().model.rowCount()") == bench_ui.ROWS_BEFORE
            app.run("inserted = []; page().model.rowsInserted.connect(lambda *_: inserted.append(time.monotonic())); "
                    "paints = watch_paints(page().table.viewport()); keys = watch_keys()")
            from_first, from_enter, delivered, gaps, opening_gaps = [], [], [], [], []
            for n in range(SCANS):
                first_key = keys.scan(bench_ui.karekod(f"NEW{n:08d}", expiry))
                app.until(f"len(inserted) > {n} and any(p > inserted[{n}] for p in paints.times)")
                painted = app.ask(f"min(p for p in paints.times if p > inserted[{n}])")
                presses = app.ask("keys.presses")
                app.run("keys.presses.clear()")
                enter_stamp, _key, read = presses[-1]
                from_first.append((painted - first_key) * 1000)
                from_enter.append((painted - enter_stamp) * 1000)
                delivered.append((read - enter_stamp) * 1000)
                stamps = [stamp for stamp, key, _read in presses if key not in MODIFIER_KEYS]
                scan_gaps = [(later - earlier) * 1000 for earlier, later in zip(stamps, stamps[1:])]
                gaps += scan_gaps
                opening_gaps += scan_gaps[:MIN_LENGTH - 1]
                time.sleep(0.05)
            assert app.ask("page().model.rowCount()") == bench_ui.ROWS_BEFORE + SCANS
    print(f"scan-to-row on real X events (Xvfb, XTEST, {bench_ui.ROWS_BEFORE:,} rows in the table, {SCANS} scans):")
    for name, values in (("from the first key", from_first), ("from Enter", from_enter)):
        print(f"  {name}: median {statistics.median(values):.1f} ms, p95 {bench_ui.percentile(values, 0.95):.1f} ms, "
              f"max {max(values):.1f} ms")
    typing = [first - enter for first, enter in zip(from_first, from_enter)]
    print(f"  the scanner's own typing, first key to Enter: median {statistics.median(typing):.0f} ms; "
          f"Enter read by PharmaDesk {statistics.median(delivered):.1f} ms after its X timestamp (median)")
    print(f"  gaps between two key presses inside a scan, by the X server's stamps: median {statistics.median(gaps):.0f} ms, "
          f"p99 {bench_ui.percentile(gaps, 0.99):.0f} ms, widest {max(gaps):.0f} ms (the wedge's max_gap: 40 ms, "
          f"its end timeout: 120 ms; a person types a key every 80 ms or slower)")
    print(f"  the same within a scan's first {MIN_LENGTH} keys, where max_gap decides: p99 "
          f"{bench_ui.percentile(opening_gaps, 0.99):.0f} ms, widest {max(opening_gaps):.0f} ms")
    print("  aim: p95 <= 50 ms from Enter")


def main() -> None:
    app = QApplication.instance() or QApplication(["bench"])
    print("synthetic (today's figure, bench_ui.py):", end=" ")
    bench_ui.bench_scan_to_row(app)
    bench_real_x()


if __name__ == "__main__":
    main()
