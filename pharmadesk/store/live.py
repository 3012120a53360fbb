"""Other connections' changes, as they commit: what lets a station show the boxes the
other stations (or another PharmaDesk process on the same file) queued, and their
results, without a restart. `Store.change_feed()` gives one; `wait(timeout)` says
whether anything was committed since the last wait.

On PostgreSQL every write sends `NOTIFY pharmadesk` at its commit (database.py), heard
here with LISTEN on a connection of the feed's own. On SQLite the file's
`PRAGMA data_version` moves whenever another connection commits."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path

from pharmadesk.store.errors import DATABASE_ERRORS, StoreError

CHANNEL = "pharmadesk"
POLL_S = 0.25  # how often the SQLite file's version is looked at


class FileChangeFeed:
    """The SQLite file's changes, read from `PRAGMA data_version` on a connection of its
    own (the version it reports moves only for commits made by other connections)."""

    reachable = True  # a file on this PC: nothing to reach

    def __init__(self, path: Path):
        self._closed = threading.Event()
        self._conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        self._version = self._read()

    def _read(self) -> int:
        return self._conn.execute("PRAGMA data_version").fetchone()[0]

    def wait(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while not self._closed.is_set():
            try:
                version = self._read()
            except sqlite3.Error:
                return False  # the file is busy or gone for a moment: looked at again next time
            if version != self._version:
                self._version = version
                return True
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            self._closed.wait(min(POLL_S, left))
        return False

    def close(self) -> None:
        self._closed.set()
        self._conn.close()


class ServerChangeFeed:
    """`LISTEN pharmadesk` on a connection of its own. A dropped connection (a server
    restart, a network blip) is opened again quietly at the next wait, which then says
    True: what was committed meanwhile was not heard. `reachable` says whether the server
    answered the last time it was tried (None: not tried yet)."""

    def __init__(self, connect: Callable[[], object]):
        self._connect = connect  # -> PgConnection (raises StoreError)
        self._conn = None
        self._closed = threading.Event()
        self.reachable: bool | None = None
        self._listen()

    def _listen(self) -> bool:
        """Open the connection and listen; True when this is a reconnection after a loss."""
        try:
            conn = self._connect()
            conn.raw.execute(f"LISTEN {CHANNEL}")
        except (StoreError, *DATABASE_ERRORS):
            self._conn, self.reachable = None, False
            return False
        was = self.reachable
        self._conn, self.reachable = conn, True
        return was is False

    def wait(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        if self._closed.is_set():
            return False
        if self._conn is None or self._conn.broken:
            self._drop()
            if self._listen():
                return True
            if self._conn is None:
                self._closed.wait(max(0.0, deadline - time.monotonic()))
                return False
        try:
            heard = any(True for _ in self._conn.raw.notifies(
                timeout=max(0.0, deadline - time.monotonic()), stop_after=1))
            if heard:  # many commits, one wake-up
                for _ in self._conn.raw.notifies(timeout=0.0):
                    pass
            return heard
        except DATABASE_ERRORS:
            self._drop()
            self.reachable = False
            return False

    def _drop(self) -> None:
        if self._conn is not None:
            try:
                self._conn.close()
            except DATABASE_ERRORS:
                pass
            self._conn = None

    def close(self) -> None:
        """From the thread that waits (the connection is not shared between threads)."""
        self._closed.set()
        self._drop()
