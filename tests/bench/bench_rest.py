"""ITS2 REST/JSON, measured:

- client cost of one 10,000-box REST notification (build + serialise the request, parse the
  answer, match its boxes to the request) beside a floor: a bare json.dumps of the same
  request and json.loads of the same answer (goal: at most 1.5 times the floor);
- a 100,000-item end-of-day sync under its.protocol = its2 to the local ITS simulator (its
  own process, as ITS is): wall time and the client's share (goal: under 20%).

Printed, not asserted. Run: python tests/bench/bench_rest.py"""

from __future__ import annotations

import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_store_sync import REPO as _REPO, Timer, admin, child_env, configure, start_simulator  # noqa: E402
from pharmadesk.config import Config  # noqa: E402
from pharmadesk.domain import Header, Operation, Product, Stakeholder  # noqa: E402
from pharmadesk.gs1 import check_digit  # noqa: E402
from pharmadesk.its import rest_messages  # noqa: E402
from pharmadesk.its.rest import RestClient  # noqa: E402
from pharmadesk.its.rest_services import rest_service_for  # noqa: E402
from pharmadesk.sim import sandbox  # noqa: E402
from pharmadesk.store import open_store  # noqa: E402

ITEMS = 10_000
ROUNDS = 9
SYNC_ITEMS = 100_000
PASSWORD = "sandbox"


def _with_check_digit(digits: str) -> str:
    return digits + str(check_digit(digits))


PHARMACY = _with_check_digit("868000000001")
GTINS = [_with_check_digit(f"0869953609{n:03d}") for n in range(20)]
PRODUCTS = [Product(GTINS[i % 20], f"SN{i:010d}", f"B{i % 7}", date(2028, 6, 30)) for i in range(ITEMS)]


def best_of(function) -> float:
    times = []
    for _ in range(ROUNDS):
        gc.collect()
        began = time.perf_counter()
        function()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def bench_client() -> None:
    client = RestClient("http://127.0.0.1:9", PHARMACY + "0000", PASSWORD, gln=PHARMACY,
                        stakeholder=Stakeholder.PHARMACY)
    service = rest_service_for(Operation.RECEIVE, Stakeholder.PHARMACY)
    header = Header()
    answer = json.dumps({"productList": [{"gtin": p.gtin, "sn": p.serial, "uc": "00000"}
                                         for p in PRODUCTS]}).encode()
    request = {"productList": [{"gtin": p.gtin, "sn": p.serial, "xd": p.expiry.isoformat(), "bn": p.batch}
                               for p in PRODUCTS]}

    def ours() -> None:
        client.build_request(service, header, PRODUCTS)
        result = rest_messages.read_result(service, rest_messages.read_json(answer), PRODUCTS)
        assert len(result.items) == ITEMS

    def floor() -> None:
        json.dumps(request).encode()
        json.loads(answer)

    mine, bare = best_of(ours), best_of(floor)
    print(f"REST client, one {ITEMS:,}-box notification (build + serialise + parse + match): "
          f"{mine * 1000:.1f} ms; floor (json.dumps + json.loads of the same data): {bare * 1000:.1f} ms; "
          f"ratio {mine / bare:.2f} (goal ≤ 1.5)")


def bench_sync() -> None:
    sim, base_url = start_simulator()
    try:
        with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR")) as tmp:
            data = Path(tmp) / "its2-day"
            configure(data, base_url)
            with open_store(data) as store:
                Config(store, environ={}).set("its.protocol", "its2")
            karekods = admin(base_url, "/admin/ship", {"to": sandbox.PHARMACY, "count": SYNC_ITEMS})["karekods"]
            lines = Path(tmp) / "day.txt"
            lines.write_text("".join(k + "\n" for k in karekods), encoding="utf-8")
            subprocess.run([sys.executable, "-m", "pharmadesk", "import", str(lines), "--op", "receive",
                            "--counterparty", sandbox.SUPPLIER, "--data-dir", str(data)],
                           cwd=_REPO, env=child_env(), check=True, stdout=subprocess.DEVNULL)
            out = subprocess.run([sys.executable, __file__, "--sync", str(data)], cwd=_REPO, env=child_env(),
                                 check=True, stdout=subprocess.PIPE, text=True).stdout
    finally:
        sim.terminate()
        sim.wait(timeout=30)
    r = json.loads(out.strip().splitlines()[-1])
    print(f"its2 sync of {SYNC_ITEMS:,} items, {r['chunks']} requests of ≤10,000: {r['wall_s']:.1f} s, "
          f"{r['accepted'] / r['wall_s']:,.0f} items/s; client {100 * r['client_s'] / r['wall_s']:.1f}% "
          f"({r['client_s']:.2f} s; goal < 20%)")


def sync_child(data: str) -> None:
    """One timed `pharmadesk sync` under its2, timers around the client's own work."""
    from pharmadesk.sync import engine_from_config

    client_time = Timer()
    RestClient.build_request = client_time.wrap(RestClient.build_request)
    rest_messages.read_json = client_time.wrap(rest_messages.read_json)
    rest_messages.read_result = client_time.wrap(rest_messages.read_result)
    with open_store(data) as store:
        engine = engine_from_config(store, Config(store), PASSWORD)
        began = time.perf_counter()
        report = engine.run()
        wall = time.perf_counter() - began
        engine.client.close()
        assert report.outcome == "ok" and report.remaining == 0, report
        requests = store.scalar("SELECT COUNT(*) FROM message_log WHERE service = 'its2.accept'")
    print(json.dumps({"wall_s": wall, "client_s": client_time.seconds, "accepted": report.accepted,
                      "chunks": requests}))


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--sync":
        sync_child(sys.argv[2])
    else:
        bench_client()
        bench_sync()
