"""The local SQLite database: the outbox of ITS notifications, expected shipments (PTS
packages), products, partners, settings, the message log, and the stock read from them
(with stock counts). `Store(path)` opens (or creates and upgrades) the file."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from pharmadesk.store import states
from pharmadesk.store.catalog import Catalog
from pharmadesk.store.database import DATABASE_NAME, now
from pharmadesk.store.errors import StoreError, translate
from pharmadesk.store.journal import Journal
from pharmadesk.store.count import Counts
from pharmadesk.store.outbox import DuplicateItem, QueuedBox, header_of
from pharmadesk.store.packages import Packages


class SyncBusy(Exception):
    """Another sync (the GUI's worker or a `pharmadesk sync`) is already running."""

    message_tr = "Başka bir gönderim zaten sürüyor; bitmesini bekleyin."
    message_en = "Another sync is already running; wait for it to finish."


class Store(Packages, Catalog, Journal, Counts):
    """The PharmaDesk database. See `states.py` for the item states."""

    @contextlib.contextmanager
    def sync_lock(self) -> Iterator[None]:
        """Only one sync at a time per database, across processes. An OS file lock:
        released by the kernel if the holder is killed, so a crash never wedges sync."""
        lock_path = self.path.with_name(self.path.name + ".sync-lock")
        try:
            handle = open(lock_path, "a+b")
        except OSError as error:
            raise translate(error, self.path) from error
        try:
            if not _try_lock(handle):
                raise SyncBusy()
            try:
                yield
            finally:
                _unlock(handle)
        finally:
            handle.close()


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


def open_store(data_dir: str | os.PathLike, *, read_only: bool = False) -> Store:
    """The Store in a data folder (created if missing), or, `read_only`, the existing one
    opened for reading only (a full or read-only disk)."""
    folder = Path(data_dir)
    if read_only:
        return Store(folder / DATABASE_NAME, read_only=True)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise translate(error, folder / DATABASE_NAME) from error
    return Store(folder / DATABASE_NAME)


__all__ = ["Store", "StoreError", "DuplicateItem", "QueuedBox", "SyncBusy", "states",
           "header_of", "open_store", "now", "DATABASE_NAME"]
