"""Expected shipments (PTS), measured against the local ITS simulator run as its own process:

- a 20,000-box package (40 cases of 500 on one pallet) from download to on screen: the
  transfer list, GetPackage, MD5, unzip, stream parse, store (one transaction) and the
  package opened in the receive page's tab (models filled, carrier tree counted);
- memory while reading a package: Python's peak allocation for 2,000 and 20,000 boxes
  (the XML is streamed, never held as a tree; what grows is the list of rows to store);
- accept all of 20,000 boxes: Mal Alım queued in one transaction;
- ticking one 500-box case by its SSCC in the open 20,000-box package: store update and
  the rows repainted.

Run: python tests/bench/bench_pts.py"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from pharmadesk import shipments  # noqa: E402
from pharmadesk.domain import Stakeholder  # noqa: E402
from pharmadesk.its.pts import PtsClient  # noqa: E402
from pharmadesk.sim import sandbox  # noqa: E402
from pharmadesk.store import open_store  # noqa: E402
from pharmadesk.ui.shipments_page import ExpectedShipmentsPanel  # noqa: E402

STATION = sandbox.PHARMACY
CASES, PER_CASE = 40, 500


def admin(base_url: str, path: str, body: dict) -> dict:
    request = urllib.request.Request(base_url + path, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=600) as response:
        return json.loads(response.read())


def client(base_url: str) -> PtsClient:
    return PtsClient(base_url, STATION + "0000", "sandbox", gln=STATION)


def peak_while_reading(base_url: str, boxes: int) -> tuple[float, int]:
    """(peak MiB allocated while downloading and reading, ZIP bytes) for one package."""
    transfer = admin(base_url, "/admin/ship", {"to": STATION, "pts": True, "carriers": [boxes]})["transfer_id"]
    with client(base_url) as its:
        tracemalloc.start()
        package = its.download(transfer)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    assert len(package.boxes) == boxes
    return peak / 2**20, boxes


def main() -> None:
    app = QApplication.instance() or QApplication([])
    sim = subprocess.Popen([sys.executable, "-m", "pharmadesk", "sim", "--port", "0"], cwd=REPO,
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                           env={**os.environ, "PYTHONPATH": str(REPO)})
    base_url = sim.stdout.readline().strip()
    try:
        with tempfile.TemporaryDirectory() as folder:
            store = open_store(Path(folder) / "data")
            shipped = admin(base_url, "/admin/ship", {"to": STATION, "pts": True, "carriers": [PER_CASE] * CASES,
                                                      "document": "BENCH-20000"})
            panel = ExpectedShipmentsPanel(store, Stakeholder.PHARMACY, lang="en")
            panel.resize(1200, 700)
            panel.show()

            began = time.perf_counter()
            with client(base_url) as its:
                report = shipments.fetch(store, its, STATION, [shipped["transfer_id"]])
            fetched = time.perf_counter()
            panel.reload_list()
            package_id = store.package_by_transfer(shipped["transfer_id"])["id"]
            panel.open_package(package_id)
            app.processEvents()
            shown = time.perf_counter()
            assert report.stored == [shipped["transfer_id"]] and panel.boxes.rowCount() == CASES * PER_CASE
            print(f"20,000-box package, download to on screen: {shown - began:.2f} s "
                  f"(download + read + store {fetched - began:.2f} s, screen {shown - fetched:.2f} s; goal ≤ 2 s)")

            small_peak, _ = peak_while_reading(base_url, 2_000)
            big_peak, _ = peak_while_reading(base_url, 20_000)
            print(f"peak Python memory reading a package: 2,000 boxes {small_peak:.1f} MiB, "
                  f"20,000 boxes {big_peak:.1f} MiB (no XML tree is held; the rows themselves grow)")

            ticks = []
            for sscc in list(shipped["carriers"])[:5]:
                started = time.perf_counter()
                outcome = panel.scan(sscc)
                app.processEvents()
                ticks.append((time.perf_counter() - started) * 1000)
                assert outcome.ticked == PER_CASE
            print(f"ticking a 500-box case by its SSCC in the open 20,000-box package: median "
                  f"{statistics.median(ticks):.0f} ms, worst {max(ticks):.0f} ms (goal ≤ 100 ms)")

            started = time.perf_counter()
            outcome = shipments.accept(store, Stakeholder.PHARMACY, package_id)
            accepted = time.perf_counter() - started
            assert outcome.acceptance.queued == CASES * PER_CASE
            print(f"accept all of 20,000 boxes (Mal Alım queued, one transaction): {accepted:.2f} s (goal ≤ 1 s)")
            panel.close()
            store.close()
    finally:
        sim.terminate()
        sim.wait(30)


if __name__ == "__main__":
    main()
