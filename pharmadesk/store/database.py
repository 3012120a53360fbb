"""The SQLite file itself: opening it durably (WAL, synchronous=FULL), bringing its
schema up to date, and the write transaction every change goes through."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import sqlite_utils

from pharmadesk.store import migrations
from pharmadesk.store.errors import StoreError, translate

DATABASE_NAME = "pharmadesk.sqlite"


def now() -> str:
    """Local wall-clock time with its UTC offset: what the pharmacist saw on the clock."""
    return datetime.now().astimezone().isoformat(timespec="seconds")


class Database:
    """One connection to the PharmaDesk database. Safe to share between threads (calls
    are serialised by a lock); the sync worker usually opens its own."""

    def __init__(self, path: str | os.PathLike, *, max_pages: int | None = None):
        self.path = Path(path)
        self._lock = threading.RLock()
        try:
            # isolation_level=None: no implicit transactions; every write below opens its own
            # BEGIN IMMEDIATE so two processes never deadlock upgrading a read lock.
            self.conn = sqlite3.connect(str(self.path), isolation_level=None, timeout=15.0,
                                        check_same_thread=False)
        except sqlite3.Error as error:
            raise translate(error) from error
        try:
            self.conn.row_factory = sqlite3.Row
            self.db = sqlite_utils.Database(self.conn, execute_plugins=False)
            # A scan is on disk before it is drawn: WAL + synchronous=FULL fsyncs each commit.
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=FULL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            if max_pages is not None:
                self.conn.execute(f"PRAGMA max_page_count={int(max_pages)}")
            if migrations.current_version(self.db) > migrations.LATEST:
                raise StoreError("too_new", f"schema {migrations.current_version(self.db)}")
            migrations.migrate(self.db)
        except (sqlite3.Error, OSError) as error:
            self.conn.close()
            raise translate(error) from error
        except StoreError:
            self.conn.close()
            raise

    @contextlib.contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One atomic write: committed (and fsynced) when the block ends, rolled back and
        turned into a StoreError if anything fails — nothing half-written stays behind."""
        with self._lock:
            if self.conn.in_transaction:
                yield self.conn
                return
            try:
                self.conn.execute("BEGIN IMMEDIATE")
                try:
                    yield self.conn
                    self.conn.execute("COMMIT")
                except BaseException:
                    if self.conn.in_transaction:
                        self.conn.execute("ROLLBACK")
                    raise
            except (sqlite3.Error, OSError) as error:
                raise translate(error) from error

    def read(self, sql: str, params: tuple | list | dict = ()) -> list[dict]:
        with self._lock:
            try:
                return [dict(row) for row in self.conn.execute(sql, params)]
            except sqlite3.Error as error:
                raise translate(error) from error

    def read_one(self, sql: str, params: tuple | list | dict = ()) -> dict | None:
        rows = self.read(sql, params)
        return rows[0] if rows else None

    def scalar(self, sql: str, params: tuple | list | dict = ()):
        with self._lock:
            try:
                row = self.conn.execute(sql, params).fetchone()
            except sqlite3.Error as error:
                raise translate(error) from error
        return row[0] if row else None

    @property
    def schema_version(self) -> int:
        return migrations.current_version(self.db)

    def close(self) -> None:
        with self._lock:
            self.conn.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()
