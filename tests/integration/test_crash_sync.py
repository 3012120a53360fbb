"""Power cut in the middle of an end-of-day sync: `pharmadesk sync` runs as a real child
process against the simulator over HTTP and is killed with SIGKILL at random moments,
again and again; then one clean sync. No scan may be lost, none may stay `sending`, and
every item's final state must agree with what the simulator's ledger says happened."""

from __future__ import annotations

import json
import os
import random
import select
import signal
import time
import urllib.parse
import urllib.request

import pytest

from pharmadesk.gs1 import parse
from pharmadesk.sim import sandbox
from pharmadesk.store import states
from syncstation import (
    PHARMACY, SUPPLIER, admin, child_env, configure, run_child, ship, store_of, write_lines,
)
from pharmadesk.cli import main as pharmadesk

SEED = 20261123  # the kill moments are random but the same on every run
KILLS = 15


@pytest.fixture(autouse=True)
def its_password(monkeypatch):
    monkeypatch.setenv("PHARMADESK_ITS_PASSWORD", child_env()["PHARMADESK_ITS_PASSWORD"])


def ledger(sim, gtin: str, serial: str) -> dict:
    query = urllib.parse.urlencode({"gtin": gtin, "sn": serial})
    with urllib.request.urlopen(f"{sim.base_url}/admin/item?{query}", timeout=30) as response:
        return json.loads(response.read())


def queue(data, folder, name: str, karekods: list[str], *args: str) -> None:
    path = write_lines(folder / name, karekods)
    assert pharmadesk(["import", str(path), *args, "--data-dir", str(data)]) == 0


def first_line(child, timeout: float = 20.0) -> bytes:
    """The child's first progress line: it has reconciled what the last kill left and
    is about to send."""
    ready, _, _ = select.select([child.stdout], [], [], timeout)
    assert ready, "pharmadesk sync printed nothing"
    return child.stdout.readline()


def kill_at_a_random_moment(child, rng: random.Random) -> None:
    if rng.random() < 0.8:
        first_line(child)
        time.sleep(rng.uniform(0.0, 0.5))  # while chunks are on the wire
    else:
        time.sleep(rng.uniform(0.05, 0.9))  # while starting, reconciling or sending
    if child.poll() is None:
        os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=20)
    child.stdout.close()
    child.stderr.close()


@pytest.mark.slow
def test_kill_9_during_sync_loses_nothing_and_agrees_with_the_ledger(simulator, tmp_path, engine):
    rng = random.Random(SEED)
    folder = tmp_path / "files"
    folder.mkdir()
    data = configure(tmp_path / "station", simulator, chunk_size=20, retries=2)
    # Yesterday's stock, already registered on the pharmacy: today it is sold.
    stock = ship(simulator, 120)
    queue(data, folder, "stock.txt", stock, "--op", "receive", "--counterparty", SUPPLIER)
    assert pharmadesk(["sync", "--data-dir", str(data)]) == 0
    # Today: purchases, some of boxes still registered on their manufacturer (ITS refuses
    # those), and the cash sales.
    bought = ship(simulator, 1200)
    foreign = admin(simulator, "/admin/produce",
                    {"manufacturer": sandbox.MANUFACTURER, "count": 40})["karekods"]
    queue(data, folder, "today.txt", bought + foreign, "--op", "receive", "--counterparty", SUPPLIER)
    queue(data, folder, "sale.txt", stock, "--op", "sale")
    with store_of(data) as store:
        scanned = {(row["operation"], row["gtin"], row["serial"])
                   for row in store.read("SELECT operation, gtin, serial FROM items")}
    assert len(scanned) == 120 + 1200 + 40 + 120

    # ITS answers each chunk 60 ms after committing it: most kills land between the
    # commit on ITS and the answer reaching the station (the response is lost).
    admin(simulator, "/admin/faults", {"delay_ms": 60})
    killed_while_sending = 0
    for _ in range(KILLS):
        kill_at_a_random_moment(run_child("sync", "--data-dir", str(data)), rng)
        with store_of(data) as store:
            killed_while_sending += bool(store.counts()[states.SENDING])
    admin(simulator, "/admin/faults", {"delay_ms": 0})
    assert killed_while_sending >= KILLS // 2  # the kills really hit chunks in flight

    clean = run_child("sync", "--data-dir", str(data))
    out, err = clean.communicate(timeout=120)
    assert clean.returncode == 1, err.decode()  # 1: the foreign boxes were refused

    with store_of(data) as store:
        items = store.read("SELECT * FROM items")
        counts = store.counts()
    # nothing lost, nothing doubled, nothing left in flight
    assert {(i["operation"], i["gtin"], i["serial"]) for i in items} == scanned
    assert len(items) == len(scanned)
    assert counts[states.SENDING] == counts[states.QUEUED] == counts[states.NEEDS_ATTENTION] == 0
    # some kills fell between ITS's commit and its answer: those boxes were resent and
    # reconciled from ITS's "already done" answer
    assert any(i["message"] and i["message"].startswith("Önceki gönderim") for i in items)

    foreign_boxes = {(k.gtin, k.serial) for k in map(parse, foreign)}
    sold_later = {(k.gtin, k.serial) for k in map(parse, stock)}
    for item in items:
        box = ledger(simulator, item["gtin"], item["serial"])
        took_effect = [h for h in box["history"] if h["actor"] == PHARMACY
                       and h["operation"] == item["operation"] and h["code"] == "00000"]
        if (item["gtin"], item["serial"]) in foreign_boxes:
            assert item["state"] == states.REJECTED and item["uc"] == "10306", item
            assert box["owner"] == sandbox.MANUFACTURER and not took_effect
        elif item["operation"] == "receive":
            assert item["state"] == states.ACCEPTED, item
            assert len(took_effect) == 1  # registered on the pharmacy exactly once
            if (item["gtin"], item["serial"]) not in sold_later:
                assert (box["owner"], box["status"]) == (PHARMACY, "in_stock")
        else:
            assert item["state"] == states.ACCEPTED, item
            assert len(took_effect) == 1 and box["status"] == "sold"


def test_kill_9_during_import_leaves_all_or_nothing(tmp_path):
    rng = random.Random(SEED + 1)
    data = tmp_path / "station"
    lines = 20_000
    files = []
    outcomes = []
    for round_ in range(5):
        path = write_lines(tmp_path / f"round{round_}.txt",
                           [f"010869950400001621{round_}K{n:07d}\x1d17301231\x1d10B1" for n in range(lines)])
        files.append(path)
        child = run_child("import", str(path), "--op", "receive", "--counterparty", SUPPLIER,
                          "--data-dir", str(data))
        time.sleep(rng.uniform(0.2, 1.8))
        if child.poll() is None:
            os.kill(child.pid, signal.SIGKILL)
        child.communicate(timeout=60)
        with store_of(data) as store:
            queued = store.scalar("SELECT COUNT(*) FROM items WHERE serial LIKE ?", [f"{round_}K%"])
        assert queued in (0, lines)  # one transaction: the whole file or none of it
        outcomes.append(queued)
    assert 0 in outcomes  # some kills did land mid-import
    for path in files:  # importing every file again queues each box exactly once
        child = run_child("import", str(path), "--op", "receive", "--counterparty", SUPPLIER,
                          "--data-dir", str(data))
        child.communicate(timeout=120)
        assert child.returncode in (0, 1)  # 1: the file's boxes were all queued already
    with store_of(data) as store:
        assert store.counts()[states.QUEUED] == 5 * lines
        assert store.scalar("SELECT COUNT(DISTINCT serial) FROM items") == 5 * lines
        assert store.scalar("PRAGMA integrity_check") == "ok"
