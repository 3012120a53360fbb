"""Several stations, one PostgreSQL database: station processes (tests/integration/
station_driver.py: the real scan path and the real sync engine) scan and sync at once
against the ITS simulator; one is killed with SIGKILL mid-sync; the server restarts
mid-sync. Each time, at the end, the ITS ledger and the database agree: every box ITS
registered to the pharmacy is one accepted item, no box is there twice, and every box
a station scanned was queued once or refused as a duplicate of that one item."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import pytest

from pharmadesk.cli import main as pharmadesk
from pharmadesk.gs1 import parse
from pharmadesk.store import open_store, set_store_url, states
from syncstation import PHARMACY, REPO, SUPPLIER, admin, child_env, configure, ship, write_lines

DRIVER = Path(__file__).with_name("station_driver.py")
SEED = 20261206


@pytest.fixture(autouse=True)
def its_password(monkeypatch):
    monkeypatch.setenv("PHARMADESK_ITS_PASSWORD", child_env()["PHARMADESK_ITS_PASSWORD"])


class Station:
    """One station process on its own data folder, pointed at the shared database."""

    def __init__(self, root: Path, name: str, url: str, karekods: list[str], *args: str):
        self.name = name
        self.data = root / name
        set_store_url(self.data, url)
        self.journal = root / f"{name}.jsonl"
        boxes = write_lines(root / f"{name}.txt", karekods)
        self.process = subprocess.Popen(
            [sys.executable, str(DRIVER), str(self.data), str(boxes), str(self.journal),
             "--counterparty", SUPPLIER, "--sync", *args],
            cwd=REPO, env=child_env(PHARMADESK_STATION=name), stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def finish(self, timeout: float = 60.0) -> None:
        _, err = self.process.communicate(timeout=timeout)
        assert self.process.returncode == 0, f"{self.name}: {err.decode()}"

    def kill(self) -> None:
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.communicate(timeout=20)

    def events(self, kind: str) -> list[dict]:
        lines = self.journal.read_text(encoding="utf-8").splitlines()
        events = []
        for line in lines:
            try:
                events.append(json.loads(line))
            except ValueError:  # the line a killed station was writing
                continue
        return [event for event in events if event["event"] == kind]

    def outcomes(self) -> dict[str, dict]:
        """Each box's last scan that the server took (refused or queued), by raw karekod."""
        return {event["raw"]: event for event in self.events("scan") if event["status"] != "store_error"}


def box(raw: str) -> tuple[str, str]:
    karekod = parse(raw)
    return karekod.gtin, karekod.serial


def first_station(root: Path, simulator, url: str) -> set[tuple[str, str]]:
    """The shared settings (in the database): ITS address, the pharmacy's GLN, small chunks.
    Returns the boxes the sandbox had already registered to the pharmacy (not this test's)."""
    data = root / "setup"
    set_store_url(data, url)
    configure(data, simulator, chunk_size=50, retries=3)
    return set(receipts(simulator))


def wait_for(condition, timeout: float = 30.0, every: float = 0.01):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(every)
    raise AssertionError("timed out waiting")


def in_flight(store, sim) -> tuple[str, list[dict]] | None:
    """(station syncing, its items 'sending' that ITS has already registered) when a sync is
    on the wire past ITS's commit, waiting for its answer; else None."""
    holder = store.read("SELECT station FROM sync_runs WHERE finished_at IS NULL ORDER BY id DESC LIMIT 1")
    sending = store.read("SELECT id, gtin, serial FROM items WHERE state = ?", [states.SENDING])
    committed = [item for item in sending if sim.ledger.item(item["gtin"], item["serial"])["owner"] == PHARMACY]
    if holder and committed:
        return holder[0]["station"], committed
    return None


def final_sync(root: Path) -> None:
    """The day's last `pharmadesk sync`, run by one more station."""
    assert pharmadesk(["sync", "--data-dir", str(root / "setup")]) == 0


def receipts(sim) -> dict[tuple[str, str], int]:
    """Boxes ITS registered to the pharmacy by its receive notifications, and how often."""
    with sim.ledger.lock:
        counts = {key: sum(1 for _, _, operation, actor, code in ledger_box.history
                           if (operation, actor, code) == ("receive", PHARMACY, "00000"))
                  for key, ledger_box in sim.ledger.items.items()}
    return {key: count for key, count in counts.items() if count}


def assert_ledger_and_database_agree(sim, before: set, data: Path, shipped: list[str],
                                     stations: list[Station]) -> None:
    """`before`: the boxes registered to the pharmacy before the test (the sandbox's)."""
    with open_store(data) as store:
        items = store.read("SELECT id, gtin, serial, state, operation FROM items")
    by_box = defaultdict(list)
    for item in items:
        by_box[(item["gtin"], item["serial"])].append(item)
    # no box twice, every item settled as accepted
    assert all(len(rows) == 1 for rows in by_box.values()), [r for r in by_box.values() if len(r) > 1]
    assert {item["state"] for item in items} == {states.ACCEPTED}
    # what ITS registered to the pharmacy by its receive notifications (the sandbox's own
    # boxes aside) is exactly the database's items, each once
    registered = {key: count for key, count in receipts(sim).items() if key not in before}
    assert set(registered) == set(by_box)
    assert set(registered.values()) == {1}
    assert {sim.ledger.item(*key)["owner"] for key in registered} == {PHARMACY}
    # every box a station scanned is queued once, or refused as a duplicate of that one item
    scanned = defaultdict(list)
    for station in stations:
        for raw, outcome in station.outcomes().items():
            scanned[box(raw)].append(outcome)
    for key, outcomes in scanned.items():
        assert key in by_box, f"{key} was scanned ({outcomes}) but is not in the database"
        item_id = by_box[key][0]["id"]
        assert all(o["status"] in ("queued", "duplicate") and o["item_id"] == item_id for o in outcomes), outcomes
        assert sum(o["status"] == "queued" for o in outcomes) <= 1, outcomes
    assert set(by_box) <= {box(raw) for raw in shipped}


def deal(boxes: list[str], stations: int, shared: int, rng: random.Random) -> list[list[str]]:
    """Each station's boxes: its own share, and `shared` boxes also given to the next
    station, at the same place in both lists so the two scan them at about the same time."""
    lists = [boxes[shared + n::stations] for n in range(stations)]
    for n, raw in enumerate(boxes[:shared]):
        first, second = n % stations, (n + 1) % stations
        place = rng.randrange(min(len(lists[first]), len(lists[second])))
        lists[first].insert(place, raw)
        lists[second].insert(place, raw)
    return lists


def test_four_stations_scan_and_sync_at_once_and_agree_with_the_ledger(simulator, pg_database, tmp_path):
    rng = random.Random(SEED)
    url = pg_database()
    before = first_station(tmp_path, simulator, url)
    shipped = ship(simulator, 400)
    admin(simulator, "/admin/faults", {"delay_ms": 20})  # each sync stays on the wire a moment
    names = [f"ECZ-{n}" for n in range(1, 5)]
    stations = [Station(tmp_path, name, url, boxes) for name, boxes in
                zip(names, deal(shipped, 4, shared=80, rng=rng))]
    for station in stations:
        station.finish()
    admin(simulator, "/admin/faults", {"delay_ms": 0})
    final_sync(tmp_path)

    outcomes = defaultdict(list)
    for station in stations:
        for raw, outcome in station.outcomes().items():
            outcomes[raw].append(outcome["status"])
    twice = shipped[:80]
    # a box given to two stations: one queued it, the other was refused as a duplicate
    assert all(sorted(outcomes[raw]) == ["duplicate", "queued"] for raw in twice), \
        [outcomes[raw] for raw in twice]
    assert all(outcomes[raw] == ["queued"] for raw in shipped[80:])
    # every station synced, and one that found another syncing was told which station
    syncs = [event for station in stations for event in station.events("sync")]
    busy = [(station.name, e["holder"]) for station in stations for e in station.events("sync") if e["outcome"] == "busy"]
    assert busy and all(holder in names and holder != name for name, holder in busy), busy
    assert sum(e.get("accepted", 0) for e in syncs) > 0
    assert_ledger_and_database_agree(simulator, before, tmp_path / "setup", shipped, stations)


def test_a_station_killed_mid_sync_is_recovered_by_another(simulator, pg_database, tmp_path):
    rng = random.Random(SEED + 1)
    url = pg_database()
    before = first_station(tmp_path, simulator, url)
    shipped = ship(simulator, 450)
    # ITS answers each chunk a second after committing it: the kill falls between the two
    admin(simulator, "/admin/faults", {"delay_ms": 1000})
    last_sync = tmp_path / "last-sync"
    stations = {name: Station(tmp_path, name, url, boxes, "--scan-pause", "0.002", "--sync-until", str(last_sync))
                for name, boxes in zip(["ECZ-1", "ECZ-2", "ECZ-3"], deal(shipped, 3, shared=30, rng=rng))}
    with open_store(tmp_path / "setup") as store:
        victim, in_doubt = wait_for(lambda: in_flight(store, simulator))
        stations[victim].kill()
        runs_before = store.scalar("SELECT MAX(id) FROM sync_runs")
        admin(simulator, "/admin/faults", {"delay_ms": 0})
        last_sync.touch()
        survivors = [station for name, station in stations.items() if name != victim]
        for station in survivors:
            station.finish()
        # another station took the sync lock after the kill and reconciled the boxes in doubt
        after = store.read("SELECT station FROM sync_runs WHERE id > ? AND finished_at IS NOT NULL", [runs_before])
        assert after and {run["station"] for run in after} <= {s.name for s in survivors}
        settled = store.read("SELECT state, message FROM items WHERE id IN ({})".format(
            ", ".join(str(item["id"]) for item in in_doubt)))
    assert {row["state"] for row in settled} == {states.ACCEPTED}
    assert all(row["message"].startswith("Önceki gönderim") for row in settled)  # read from ITS's "already done"
    final_sync(tmp_path)
    assert_ledger_and_database_agree(simulator, before, tmp_path / "setup", shipped, list(stations.values()))


@pytest.fixture
def own_server(monkeypatch):
    """A PostgreSQL server of this test's own (it is restarted), with PharmaDesk's schema."""
    from pg_server import STATION_PASSWORD, PgServer

    server = PgServer().start()
    url = server.create_station_database("pharmadesk")
    monkeypatch.setenv("PHARMADESK_STORE_PASSWORD", STATION_PASSWORD)
    yield server, url
    server.destroy()


def test_the_server_restarting_mid_sync_loses_and_doubles_nothing(simulator, own_server, tmp_path):
    server, url = own_server
    rng = random.Random(SEED + 2)
    before = first_station(tmp_path, simulator, url)
    shipped = ship(simulator, 450)
    admin(simulator, "/admin/faults", {"delay_ms": 150})
    last_sync = tmp_path / "last-sync"
    stations = [Station(tmp_path, name, url, boxes, "--scan-pause", "0.02", "--sync-until", str(last_sync))
                for name, boxes in zip(["ECZ-1", "ECZ-2", "ECZ-3"], deal(shipped, 3, shared=30, rng=rng))]
    with open_store(tmp_path / "setup") as store:
        wait_for(lambda: in_flight(store, simulator))
    server.restart(pause=1)
    admin(simulator, "/admin/faults", {"delay_ms": 0})
    last_sync.touch()
    for station in stations:
        station.finish()
    # the outage was felt: scans the server did not take were said so and scanned again
    refused = [e for station in stations for e in station.events("scan") if e["status"] == "store_error"]
    assert refused and {e["kind"] for e in refused} == {"unreachable"}
    assert all(e["raw"] in station.outcomes() for station in stations
               for e in station.events("scan") if e["status"] == "store_error")
    failed_syncs = [e for station in stations for e in station.events("sync") if e["outcome"] == "store_error"]
    assert failed_syncs  # the sync in flight stopped with the server; a later one finished its work
    final_sync(tmp_path)
    assert_ledger_and_database_agree(simulator, before, tmp_path / "setup", shipped, stations)
