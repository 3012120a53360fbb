"""Several stations on one PostgreSQL database, measured against one SQLite station:

- scan → commit on PostgreSQL for one station with no other load (issue 18's target:
  p95 ≤ 10 ms over loopback), first, while the server has written nothing else;
- 4 station processes × SCANS scans each on one database of a throwaway PostgreSQL
  server (loopback), two of them syncing to the ITS simulator meanwhile and until the
  queue is empty: scans/s (all stations, and each), items synced/s, and scan → commit
  latency p50/p95/p99;
- the same figures for ONE SQLite station scanning SCANS boxes while it syncs.

Each station is tests/integration/station_driver.py: the real scan path (`Session.scan`,
each box committed before the next: a "scan → commit" is the time around that call) and
the real sync engine (what `pharmadesk sync` runs) on a thread with its own connection.
The simulator runs as its own process (`pharmadesk sim --port 0`), as ITS is remote.
On a 2-core machine the four stations, the server, the simulator and the syncs share
the same two cores: the figures are a floor, not what four PCs would see.

Run: .venv/bin/python tests/bench/bench_stations.py [SCANS]   (part of `make bench`;
SCANS per station, default 25,000 as in the issue; PHARMADESK_BENCH_SCANS also sets it)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))
os.environ.setdefault("PHARMADESK_KEYRING_BACKEND", "none")

from bench_store_sync import admin, configure, percentile, start_simulator  # noqa: E402
from pg_server import STATION_PASSWORD, PgServer  # noqa: E402
from pharmadesk.sim import sandbox  # noqa: E402
from pharmadesk.store import set_store_url  # noqa: E402

SCANS = int(sys.argv[1] if len(sys.argv) > 1 else os.environ.get("PHARMADESK_BENCH_SCANS", 25_000))
ALONE_SCANS = 2_000  # the single PostgreSQL station with no other load
DRIVER = REPO / "tests" / "integration" / "station_driver.py"
PASSWORD = "sandbox"
SHIP_AT_ONCE = 25_000  # boxes per /admin/ship call


def child_env(station: str) -> dict[str, str]:
    return {**os.environ, "PHARMADESK_ITS_PASSWORD": PASSWORD, "PHARMADESK_KEYRING_BACKEND": "none",
            "PHARMADESK_STORE_PASSWORD": STATION_PASSWORD, "PHARMADESK_STATION": station,
            "PYTHONPATH": str(REPO)}


def ship(base_url: str, count: int) -> list[str]:
    karekods = []
    while len(karekods) < count:
        wanted = min(SHIP_AT_ONCE, count - len(karekods))
        karekods += admin(base_url, "/admin/ship", {"to": sandbox.PHARMACY, "count": wanted})["karekods"]
    return karekods


def run_stations(folder: Path, url: str | None, boxes: list[list[str]], syncing: int) -> list[list[dict]]:
    """One driver per list of boxes, all at once, the first `syncing` of them syncing until
    the others have scanned everything and nothing is left queued; each one's events."""
    last_sync = folder / "last-sync"
    stations = []
    for n, karekods in enumerate(boxes, 1):
        name = f"BENCH-{n}"
        data = folder / name
        if url:
            set_store_url(data, url)
        else:
            data = folder / "setup"  # the one SQLite station is the folder that holds the settings
        lines = folder / f"{name}.txt"
        lines.write_text("".join(k + "\n" for k in karekods), encoding="utf-8")
        journal = folder / f"{name}.jsonl"
        extra = ["--sync", "--sync-pause", "0.5", "--sync-until", str(last_sync)] if n <= syncing else []
        process = subprocess.Popen([sys.executable, str(DRIVER), str(data), str(lines), str(journal),
                                    "--counterparty", sandbox.SUPPLIER, *extra],
                                   cwd=REPO, env=child_env(name), stderr=subprocess.PIPE, text=True)
        stations.append((process, journal, n <= syncing))
    for process, _, syncs in stations:
        if not syncs:
            _, err = process.communicate()
            assert process.returncode == 0, err
    last_sync.touch()
    for process, _, syncs in stations:
        if syncs:
            _, err = process.communicate()
            assert process.returncode == 0, err
    return [[json.loads(line) for line in journal.read_text(encoding="utf-8").splitlines()]
            for _, journal, _ in stations]


def report(title: str, events: list[list[dict]]) -> None:
    scans = [[e for e in station if e["event"] == "scan"] for station in events]
    syncs = [e for station in events for e in station if e["event"] == "sync" and "accepted" in e]
    every_scan = [e for station in scans for e in station]
    refused = [e for e in every_scan if e["status"] != "queued"]
    assert not refused, refused[:3]
    began = min(e["at"] - e["ms"] / 1000 for e in every_scan)
    scanned_until = max(e["at"] for e in every_scan)
    per_station = ", ".join(f"{len(s) / (s[-1]['at'] - s[0]['at'] + s[0]['ms'] / 1000):,.0f}" for s in scans)
    synced = sum(e["accepted"] for e in syncs)
    synced_until = max(e["at"] for e in syncs)
    syncing = sum(e["at"] - e["started"] for e in syncs)
    during = sum(e["accepted"] for e in syncs if e["at"] <= scanned_until)
    latencies = [e["ms"] for e in every_scan]
    print(f"{title}:")
    print(f"  scans: {len(every_scan):,} in {scanned_until - began:.1f} s = "
          f"{len(every_scan) / (scanned_until - began):,.0f} scans/s (per station: {per_station})")
    print(f"  scan → commit: p50 {percentile(latencies, 50):.2f} ms, p95 {percentile(latencies, 95):.2f} ms, "
          f"p99 {percentile(latencies, 99):.2f} ms, max {max(latencies):.0f} ms")
    print(f"  synced: {synced:,} items accepted by ITS ({during:,} while scanning) in {len(syncs)} runs; "
          f"{synced / (synced_until - began):,.0f} items/s from the first scan to the queue empty, "
          f"{synced / syncing:,.0f} items/s while a sync ran")


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="pharmadesk-bench-stations-"))
    sim, base_url = start_simulator()
    server = PgServer().start()
    os.environ["PHARMADESK_STORE_PASSWORD"] = STATION_PASSWORD  # as on a headless station
    try:
        print(f"{SCANS:,} scans per station; {os.cpu_count()} cores; PostgreSQL over loopback "
              f"(fsync on, synchronous_commit on); SQLite WAL, synchronous=FULL")
        # first, on a server that has written nothing yet (no checkpoint of others' rows under way)
        quiet = folder / "quiet"
        url = server.create_station_database("quiet")
        configure(quiet / "setup", base_url, url)
        events = run_stations(quiet, url, [ship(base_url, ALONE_SCANS)], syncing=0)
        latencies = [e["ms"] for e in events[0] if e["event"] == "scan"]
        print(f"PostgreSQL, 1 station, no other load, {len(latencies):,} scans: scan → commit "
              f"p50 {percentile(latencies, 50):.2f} ms, p95 {percentile(latencies, 95):.2f} ms "
              f"(target ≤ 10 ms), p99 {percentile(latencies, 99):.2f} ms")

        shared = folder / "postgres"
        url = server.create_station_database("stations")
        configure(shared / "setup", base_url, url)
        boxes = ship(base_url, 4 * SCANS)
        report("PostgreSQL, 4 stations (2 syncing)",
               run_stations(shared, url, [boxes[n::4] for n in range(4)], syncing=2))

        alone = folder / "sqlite"
        configure(alone / "setup", base_url, None)
        report("SQLite, 1 station (syncing)", run_stations(alone, None, [ship(base_url, SCANS)], syncing=1))
    finally:
        server.destroy()
        sim.terminate()
        sim.wait()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
