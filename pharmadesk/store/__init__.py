"""The database: the outbox of ITS notifications, expected shipments (PTS packages),
products, partners, settings, the message log, and the stock read from them (with stock
counts). `Store(path)` opens (or creates and upgrades) the SQLite file; `Store(address)`
a shared PostgreSQL server's database (`store.url`); `open_store(data_dir)` whichever
the station's data folder says."""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from pharmadesk.store import live, states
from pharmadesk.store.catalog import Catalog
from pharmadesk.store.database import DATABASE_NAME, now
from pharmadesk.store.errors import DATABASE_ERRORS, StoreError, translate
from pharmadesk.store.journal import Journal
from pharmadesk.store.count import Counts
from pharmadesk.store.outbox import DuplicateItem, QueuedBox, header_of
from pharmadesk.store.packages import Packages
from pharmadesk.store.location import STORE_URL_ENV, StoreLocationError, location_of, set_store_url, store_url
from pharmadesk.store.postgres import LOCK_SPACE, PgAddress, lock_key, station_name


SYNC_LOCK_TRIES = 3  # on PostgreSQL: tries of the sync lock before "busy" without a name


class SyncBusy(Exception):
    """Another sync (the GUI's worker, a `pharmadesk sync`, or another station sharing
    the database) is already running. `station` and `since` say whose, when known."""

    message_tr = "Başka bir gönderim zaten sürüyor; bitmesini bekleyin."
    message_en = "Another sync is already running; wait for it to finish."

    def __init__(self, station: str | None = None, since: datetime | None = None):
        self.station, self.since = station, since
        if station:
            at = since.astimezone().strftime("%H:%M") if since else "?"
            self.message_tr = f"{station} istasyonu şu an gönderim yapıyor (başlangıç {at}); bitmesini bekleyin."
            self.message_en = f"Station {station} is syncing now (since {at}); wait for it to finish."
        super().__init__(self.message_en)


class Store(Packages, Catalog, Journal, Counts):
    """The PharmaDesk database. See `states.py` for the item states."""

    def change_feed(self) -> live.FileChangeFeed | live.ServerChangeFeed:
        """What other connections commit, as it happens (`live.py`): `wait(timeout)` is
        True when something changed since the last wait; `close()` from the same thread."""
        if self.engine == "postgresql":
            return live.ServerChangeFeed(lambda: self._pg_connect("live"))
        return live.FileChangeFeed(self.path)

    @contextlib.contextmanager
    def sync_lock(self, gln: str | None = None) -> Iterator[None]:
        """Only one sync at a time per GLN, across processes and stations. On SQLite an OS
        file lock, on PostgreSQL a session advisory lock on a connection of its own: either
        is released if the holder is killed, so a crash never wedges sync. A second
        station is told who holds it (SyncBusy.station)."""
        if self.engine == "postgresql":
            with self._server_sync_lock(gln or self.setting("its.gln") or ""):
                yield
            return
        lock_path = self.path.with_name(self.path.name + ".sync-lock")
        try:
            handle = open(lock_path, "a+b")
        except OSError as error:
            raise translate(error, self.path) from error
        try:
            if not _try_lock(handle):
                raise SyncBusy(*_lock_holder(lock_path))
            try:
                handle.seek(0)
                handle.truncate()
                handle.write(json.dumps({"station": station_name(), "pid": os.getpid(),
                                         "since": now()}).encode())
                handle.flush()
                yield
            finally:
                _unlock(handle)
        finally:
            handle.close()

    @contextlib.contextmanager
    def _server_sync_lock(self, gln: str) -> Iterator[None]:
        key = lock_key(f"sync:{gln}")
        holder = self._pg_connect("sync")
        try:
            try:
                # A holder that finishes between the refused try and the question who it is
                # leaves the lock free: try again rather than say "busy" without a name.
                for _ in range(SYNC_LOCK_TRIES):
                    if holder.raw.execute("SELECT pg_try_advisory_lock(%s, %s)", [LOCK_SPACE, key]).fetchone()[0]:
                        break
                    row = holder.raw.execute(
                        "SELECT a.application_name, a.backend_start FROM pg_locks l JOIN pg_stat_activity a "
                        "ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.classid = %s AND l.objid = %s "
                        "AND l.objsubid = 2 AND l.granted", [LOCK_SPACE, key]).fetchone()
                    if row:
                        raise SyncBusy(_station_of(row[0]), row[1])
                else:
                    raise SyncBusy()  # it changed hands every time
            except SyncBusy:
                raise
            except DATABASE_ERRORS as error:
                raise translate(error, self.path) from error
            yield
        finally:
            holder.close()  # the lock goes with the connection


def _station_of(application_name: str | None) -> str | None:
    """"PharmaDesk ECZ-1 (sync)" → "ECZ-1"."""
    name = (application_name or "").removeprefix("PharmaDesk ")
    return name.rsplit(" (", 1)[0] or None


def _lock_holder(lock_path: Path) -> tuple[str | None, datetime | None]:
    """Who holds the SQLite sync lock, as its holder wrote it (a lock file of an older
    PharmaDesk says nothing)."""
    try:
        written = json.loads(lock_path.read_text() or "{}")
        return written.get("station"), datetime.fromisoformat(written["since"]) if written.get("since") else None
    except (OSError, ValueError, TypeError):
        return None, None


if os.name == "nt":
    import msvcrt

    def _try_lock(handle) -> bool:
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _unlock(handle) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _try_lock(handle) -> bool:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            return False

    def _unlock(handle) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def open_store(data_dir: str | os.PathLike, *, read_only: bool = False, local: bool = False) -> Store:
    """The Store in a data folder (created if missing), or, `read_only`, the existing one
    opened for reading only (a full or read-only disk); the shared server instead when
    the station's `store.url` names one, unless `local` (training: its boxes never reach
    the shared database, whatever store.url says)."""
    folder = Path(data_dir)
    where = None if local else location_of(folder)
    if isinstance(where, PgAddress):
        return Store(where)
    if read_only:
        return Store(folder / DATABASE_NAME, read_only=True)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise translate(error, folder / DATABASE_NAME) from error
    return Store(folder / DATABASE_NAME)


__all__ = ["Store", "StoreError", "StoreLocationError", "store_url", "set_store_url", "STORE_URL_ENV", "DuplicateItem", "QueuedBox", "SyncBusy", "states",
           "header_of", "open_store", "now", "DATABASE_NAME"]
