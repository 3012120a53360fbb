"""`pharmadesk sim --state FILE`: the ledger kept in a SQLite file, written in one transaction
after every notification, so the simulator's ITS survives a restart like the real one."""

from __future__ import annotations

import json
import sqlite3
import threading
from datetime import date
from pathlib import Path

from pharmadesk.sim.ledger import Ledger, Party
from pharmadesk.sim.rules import Handover, Item, Kind, Status

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS parties (gln TEXT PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL,
                                    active INTEGER NOT NULL DEFAULT 1);
CREATE TABLE IF NOT EXISTS recalls (gtin TEXT, bn TEXT, level TEXT, PRIMARY KEY (gtin, bn, level));
CREATE TABLE IF NOT EXISTS items (gtin TEXT, sn TEXT, data TEXT NOT NULL, PRIMARY KEY (gtin, sn));
"""


class StateFile:
    """A ledger Journal backed by SQLite (WAL, synchronous=FULL)."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._write_lock = threading.Lock()
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.executescript(_SCHEMA)
        if "active" not in {row[1] for row in self._db.execute("PRAGMA table_info(parties)")}:
            # A state file from before stakeholders could be deactivated.
            self._db.execute("ALTER TABLE parties ADD COLUMN active INTEGER NOT NULL DEFAULT 1")

    def is_empty(self) -> bool:
        return self._db.execute("SELECT count(*) FROM parties").fetchone()[0] == 0

    def load(self, ledger: Ledger) -> None:
        with ledger.lock:
            for gln, kind, name, active in self._db.execute("SELECT gln, kind, name, active FROM parties"):
                ledger.parties[gln] = Party(gln, Kind(kind), name, bool(active))
            for gtin, bn, level in self._db.execute("SELECT gtin, bn, level FROM recalls"):
                ledger.recalls.setdefault((gtin, bn), set()).add(level)
            for (data,) in self._db.execute("SELECT data FROM items"):
                item = _item_from_json(data)
                ledger.items[(item.gtin, item.sn)] = item
            meta = dict(self._db.execute("SELECT key, value FROM meta"))
            if "next_notification_id" in meta:
                ledger.next_notification_id = int(meta["next_notification_id"])
            counters = json.loads(meta.get("counters", "{}"))
            ledger.notifications.update(counters.get("notifications", {}))
            ledger.item_operations.update(counters.get("item_operations", {}))
            ledger.codes.update(counters.get("codes", {}))

    def save(self, ledger: Ledger, changed: list[Item]) -> None:
        counters = {
            "notifications": ledger.notifications,
            "item_operations": ledger.item_operations,
            "codes": ledger.codes,
        }
        with self._write_lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.executemany(
                    "INSERT OR REPLACE INTO items (gtin, sn, data) VALUES (?, ?, ?)",
                    [(item.gtin, item.sn, _item_to_json(item)) for item in changed],
                )
                self._db.execute("DELETE FROM parties")
                self._db.executemany(
                    "INSERT INTO parties (gln, kind, name, active) VALUES (?, ?, ?, ?)",
                    [(p.gln, p.kind.value, p.name, int(p.active)) for p in ledger.parties.values()],
                )
                self._db.execute("DELETE FROM recalls")
                self._db.executemany(
                    "INSERT INTO recalls (gtin, bn, level) VALUES (?, ?, ?)",
                    [(gtin, bn, level) for (gtin, bn), levels in ledger.recalls.items() for level in levels],
                )
                self._db.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", [
                    ("next_notification_id", str(ledger.next_notification_id)),
                    ("counters", json.dumps(counters)),
                ])
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    def wipe(self) -> None:
        with self._write_lock:
            self._db.execute("BEGIN IMMEDIATE")
            for table in ("meta", "parties", "recalls", "items"):
                self._db.execute(f"DELETE FROM {table}")
            self._db.execute("COMMIT")

    def close(self) -> None:
        self._db.close()


def _item_to_json(item: Item) -> str:
    return json.dumps([
        item.gtin, item.sn, item.bn, item.xd.isoformat(), item.phase, item.status.value,
        item.owner, item.previous_owner, item.pending_to,
        item.handover.value if item.handover else None,
        item.took_back_recalled, item.prescription, item.history, item.locked,
    ], ensure_ascii=False)


def _item_from_json(data: str) -> Item:
    (gtin, sn, bn, xd, phase, status, owner, previous_owner, pending_to, handover,
     took_back_recalled, prescription, history, *rest) = json.loads(data)  # rest: `locked`, since wave 2
    return Item(
        gtin, sn, bn, date.fromisoformat(xd), phase=phase, status=Status(status), owner=owner,
        previous_owner=previous_owner, pending_to=pending_to,
        handover=Handover(handover) if handover else None, took_back_recalled=took_back_recalled,
        prescription=prescription, locked=bool(rest and rest[0]), history=[tuple(entry) for entry in history],
    )
