"""One station of a shared database, as a child process: it scans a list of karekods one
by one through the real scan path (`Session.scan`, each box committed before the next)
and, on a thread with its own connection as the GUI's sync worker has, syncs through the
real engine (`pharmadesk.commands.sync_engine`, what `pharmadesk sync` runs). What it did
goes to a JSON-lines file, one line per scan and per sync run, written at once (a station
killed with SIGKILL leaves every line but the one it was writing):

    {"event": "scan", "raw": …, "status": "queued" | "duplicate" | … | "store_error",
     "item_id": …, "kind": StoreError kind, "ms": time of the scan call, "at": epoch s}
    {"event": "sync", "outcome": "ok" | … | "busy" | "store_error", "holder": station
     holding the sync lock, "accepted": …, "remaining": …, "started": …, "at": …}

A scan the database server did not take (StoreError, e.g. "unreachable" while it
restarts) is logged and scanned again, as the pharmacist is told to do.

Run: station_driver.py DATA_DIR KAREKODS OUT [--counterparty GLN] [--scan-pause S]
     [--sync] [--sync-pause S] [--sync-until FILE]
(PHARMADESK_STATION names the station; the passwords come from the environment.)"""

from __future__ import annotations

import argparse
import json
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from pharmadesk.commands import sync_engine  # noqa: E402
from pharmadesk.config import Config  # noqa: E402
from pharmadesk.domain import Header, Operation  # noqa: E402
from pharmadesk.session import Session  # noqa: E402
from pharmadesk.store import StoreError, SyncBusy, open_store  # noqa: E402

RESCAN_PAUSE = 0.1  # seconds before a box the server did not take is scanned again


class Journal:
    """The JSON-lines file both threads write to, one whole line per write."""

    def __init__(self, path: Path):
        self._file = open(path, "a", encoding="utf-8", buffering=1)
        self._lock = threading.Lock()

    def write(self, **fields) -> None:
        fields["at"] = time.time()
        with self._lock:
            self._file.write(json.dumps(fields) + "\n")

    def close(self) -> None:
        self._file.close()


def opened(data_dir: Path, journal: Journal):
    """The station's store, once the server answers: a station started while the server
    restarts says so and tries again, as the workstation does."""
    while True:
        try:
            return open_store(data_dir)
        except StoreError as error:
            journal.write(event="open", status="store_error", kind=error.kind)
            time.sleep(RESCAN_PAUSE)


def scan_all(data_dir: Path, karekods: list[str], counterparty: str, pause: float, journal: Journal) -> None:
    with opened(data_dir, journal) as store:
        session = Session(store, Config(store).stakeholder(), Operation.RECEIVE,
                          Header(counterparty_gln=counterparty))
        for raw in karekods:
            while True:
                started = time.perf_counter()
                try:
                    outcome = session.scan(raw)
                except StoreError as error:
                    journal.write(event="scan", raw=raw, status="store_error", kind=error.kind,
                                  ms=(time.perf_counter() - started) * 1000)
                    time.sleep(RESCAN_PAUSE)
                    continue
                journal.write(event="scan", raw=raw, status=outcome.status, item_id=outcome.item_id,
                              ms=(time.perf_counter() - started) * 1000)
                break
            time.sleep(pause)


def sync_once(store, journal: Journal) -> int | None:
    """One run of the sync engine; how many items it left queued (None: it did not run)."""
    started = time.time()
    try:
        engine = sync_engine(store, None)
    except StoreError as error:
        journal.write(event="sync", outcome="store_error", kind=error.kind, started=started)
        return None
    try:
        report = engine.run()
    except SyncBusy as busy:
        journal.write(event="sync", outcome="busy", holder=busy.station, started=started)
        return None
    except StoreError as error:
        journal.write(event="sync", outcome="store_error", kind=error.kind, started=started)
        return None
    finally:
        engine.client.close()
    journal.write(event="sync", outcome=report.outcome, accepted=report.accepted, rejected=report.rejected,
                  needs_attention=report.needs_attention, remaining=report.remaining, started=started)
    return report.remaining


def sync_while(data_dir: Path, scanning: threading.Event, pause: float, until: Path | None,
               journal: Journal) -> None:
    """Sync again and again while the station scans; with `until`, go on afterwards until
    that file exists and a run left nothing queued (the day's last sync)."""
    with opened(data_dir, journal) as store:
        while True:
            remaining = sync_once(store, journal)
            if not scanning.is_set():
                if until is None or (until.exists() and remaining == 0):
                    return
            time.sleep(pause)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("karekods", type=Path, help="one raw karekod a line")
    parser.add_argument("out", type=Path, help="the JSON-lines file of what the station did")
    parser.add_argument("--counterparty", default="8690002000027", help="the supplier's GLN (Mal Alım)")
    parser.add_argument("--scan-pause", type=float, default=0.0,
                        help="seconds between two boxes (a person scans a few boxes a second)")
    parser.add_argument("--sync", action="store_true", help="sync on a thread while scanning")
    parser.add_argument("--sync-pause", type=float, default=0.2, help="seconds between sync runs")
    parser.add_argument("--sync-until", type=Path, help="after scanning, sync until this file exists "
                                                        "and nothing is left queued")
    args = parser.parse_args(argv)
    # split on newlines only: str.splitlines() would also split at the GS separator (\x1d)
    karekods = [line for line in args.karekods.read_text(encoding="utf-8").split("\n") if line]
    journal = Journal(args.out)
    scanning = threading.Event()
    scanning.set()
    syncer = None
    if args.sync:
        syncer = threading.Thread(target=sync_while, args=(args.data_dir, scanning, args.sync_pause,
                                                           args.sync_until, journal))
        syncer.start()
    try:
        scan_all(args.data_dir, karekods, args.counterparty, args.scan_pause, journal)
    finally:
        scanning.clear()
        if syncer is not None:
            syncer.join()
        journal.write(event="done")
        journal.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
