"""The queue and the end-of-day sync, measured:

- per-scan commit latency (median, p95): one `Session.scan` = parse, checks, one
  transaction with fsync (WAL, synchronous=FULL) on a real file;
- a 100,000-item end-of-day sync to the local ITS simulator (run as its own process, as
  ITS is) with default chunking: items/s, and where the time goes — the client's share
  (building + serialising the request, parsing the answer), the store's share (claim,
  record, message log) and the rest (HTTP and the simulator);
- peak memory of the sync process at 25,000 and 100,000 queued items (should stay flat).

The items are queued with the real `pharmadesk import`; the sync runs in a child process
built exactly like `pharmadesk sync` (engine_from_config), with timers around the
client's serialise/parse steps and the store's calls.

Run: python tests/bench/bench_store_sync.py"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from pharmadesk.config import Config  # noqa: E402
from pharmadesk.domain import Header, Operation, Stakeholder  # noqa: E402
from pharmadesk.session import Session  # noqa: E402
from pharmadesk.sim import sandbox  # noqa: E402
from pharmadesk.store import open_store, set_store_url  # noqa: E402

SCANS = 1000
SIZES = (25_000, 100_000)
PASSWORD = "sandbox"


def child_env() -> dict[str, str]:
    return {**os.environ, "PHARMADESK_ITS_PASSWORD": PASSWORD, "PHARMADESK_KEYRING_BACKEND": "none",
            "PYTHONPATH": str(REPO)}


def admin(base_url: str, path: str, body: dict) -> dict:
    request = urllib.request.Request(base_url + path, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=600) as response:
        return json.loads(response.read())


def start_simulator() -> tuple[subprocess.Popen, str]:
    sim = subprocess.Popen([sys.executable, "-m", "pharmadesk", "sim", "--port", "0"], cwd=REPO,
                           env=child_env(), stdout=subprocess.PIPE, text=True)
    return sim, sim.stdout.readline().strip()


def configure(data: Path, base_url: str, url: str | None = None) -> None:
    """The station's settings; with `url`, the station first points at that shared database
    (the settings then live there, for every station of it)."""
    if url:
        set_store_url(data, url)
    with open_store(data) as store:
        config = Config(store, environ={})
        for key, value in {"its.url": base_url, "its.gln": sandbox.PHARMACY,
                           "its.username": sandbox.PHARMACY + "0000"}.items():
            config.set(key, value)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def bench_scans(base_url: str, folder: Path) -> None:
    karekods = admin(base_url, "/admin/ship", {"to": sandbox.PHARMACY, "count": SCANS})["karekods"]
    with open_store(folder / "scans") as store:
        session = Session(store, Stakeholder.PHARMACY, Operation.RECEIVE,
                          Header(counterparty_gln=sandbox.SUPPLIER))
        times = []
        for raw in karekods:
            began = time.perf_counter()
            outcome = session.scan(raw)
            times.append((time.perf_counter() - began) * 1000)
            assert outcome.queued, outcome
    print(f"scan → commit (parse, checks, 1 transaction, fsync), {SCANS} scans: "
          f"median {statistics.median(times):.2f} ms, p95 {percentile(times, 95):.2f} ms, "
          f"max {max(times):.2f} ms")


def bench_sync(base_url: str, folder: Path, size: int) -> dict:
    data = folder / f"day-{size}"
    configure(data, base_url)
    karekods = admin(base_url, "/admin/ship", {"to": sandbox.PHARMACY, "count": size})["karekods"]
    lines = folder / f"day-{size}.txt"
    lines.write_text("".join(k + "\n" for k in karekods), encoding="utf-8")
    began = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pharmadesk", "import", str(lines), "--op", "receive",
                    "--counterparty", sandbox.SUPPLIER, "--data-dir", str(data)],
                   cwd=REPO, env=child_env(), check=True, stdout=subprocess.DEVNULL)
    imported = time.perf_counter() - began
    child = subprocess.Popen([sys.executable, __file__, "--sync", str(data)], cwd=REPO,
                             env=child_env(), stdout=subprocess.PIPE, text=True)
    out = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    assert status == 0, out
    result = json.loads(out.strip().splitlines()[-1])
    result.update(size=size, import_s=imported, peak_rss_mb=usage.ru_maxrss / 1024)
    return result


# ---- the child: one timed `pharmadesk sync` ----------------------------------------------

class Timer:
    def __init__(self):
        self.seconds = 0.0

    def wrap(self, function):
        def timed(*args, **kwargs):
            began = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - began
        return timed


def sync_child(data: str) -> None:

    from pharmadesk.its.client import ItsClient
    from pharmadesk.sync import engine_from_config

    client_time, store_time = Timer(), Timer()
    per_call: dict[str, Timer] = {}

    class TimedClient(ItsClient):
        build_request = client_time.wrap(ItsClient.build_request)
        read_response = client_time.wrap(ItsClient.read_response)

    with open_store(data) as store:
        for name in ("claim_chunk", "record_results", "log_exchange", "release_chunk",
                     "recover_in_flight", "notifications_to_send", "queued_total"):
            per_call[name] = Timer()
            setattr(store, name, store_time.wrap(per_call[name].wrap(getattr(store, name))))
        engine = engine_from_config(store, Config(store), PASSWORD, client_factory=TimedClient)
        began = time.perf_counter()
        report = engine.run()
        wall = time.perf_counter() - began
        engine.client.close()
        assert report.outcome == "ok" and report.remaining == 0, report
        chunks = store.scalar("SELECT COUNT(DISTINCT its_notification_id) FROM items")
    print(json.dumps({"wall_s": wall, "client_s": client_time.seconds, "store_s": store_time.seconds,
                      "accepted": report.accepted, "chunks": chunks,
                      "store_calls": {name: round(t.seconds, 2) for name, t in per_call.items() if t.seconds > 0.05}}))


def main() -> None:
    sim, base_url = start_simulator()
    try:
        with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR")) as tmp:
            folder = Path(tmp)
            bench_scans(base_url, folder)
            results = [bench_sync(base_url, folder, size) for size in SIZES]
    finally:
        sim.terminate()
        sim.wait(timeout=30)
    for r in results:
        rest = r["wall_s"] - r["client_s"] - r["store_s"]
        print(f"sync of {r['size']:,} items (import {r['import_s']:.1f} s), {r['chunks']} chunks of "
              f"≤10,000: {r['wall_s']:.1f} s, {r['accepted'] / r['wall_s']:,.0f} items/s; "
              f"client {100 * r['client_s'] / r['wall_s']:.0f}% ({r['client_s']:.1f} s), "
              f"store {100 * r['store_s'] / r['wall_s']:.0f}% ({r['store_s']:.1f} s), "
              f"HTTP + simulator {100 * rest / r['wall_s']:.0f}%; peak RSS {r['peak_rss_mb']:.0f} MB")
        print(f"    store time by call (s): {r['store_calls']}")
    small, big = results[0], results[-1]
    print(f"peak memory {small['peak_rss_mb']:.0f} MB at {small['size']:,} queued, "
          f"{big['peak_rss_mb']:.0f} MB at {big['size']:,} queued "
          f"(×{big['peak_rss_mb'] / small['peak_rss_mb']:.2f} for ×{big['size'] / small['size']:.0f} items)")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--sync":
        sync_child(sys.argv[2])
    else:
        main()
