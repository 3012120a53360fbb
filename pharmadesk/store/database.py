"""The database itself: the embedded SQLite file (opened durably: WAL, synchronous=FULL,
its schema brought up to date) or, for several stations, a shared PostgreSQL server
(`store.url`); and the write transaction every change goes through, on either."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import sqlite_utils

from pharmadesk.store import migrations
from pharmadesk.store.errors import DATABASE_ERRORS, StoreError, translate
from pharmadesk.store.postgres import PgAddress, PgConnection, is_postgres_url, parse_address, store_password

DATABASE_NAME = "pharmadesk.sqlite"


def now() -> str:
    """Local wall-clock time with its UTC offset: what the pharmacist saw on the clock."""
    return datetime.now().astimezone().isoformat(timespec="seconds")


class Database:
    """One connection to the PharmaDesk database. Safe to share between threads (calls
    are serialised by a lock); the sync worker usually opens its own.

    `path` is the SQLite file, or a shared PostgreSQL server: a `PgAddress` or its
    `postgresql://` text. `self.path` is what opens the same database again (a worker's
    own connection); `self.engine` says which it is."""

    engine = "sqlite"

    def __init__(self, path: "str | os.PathLike | PgAddress", *, max_pages: int | None = None,
                 read_only: bool = False):
        """`read_only` opens an existing file for reading only, without upgrading it: what
        `pharmadesk status` falls back to when the disk is full or mounted read-only."""
        self._lock = threading.RLock()
        if isinstance(path, PgAddress) or is_postgres_url(path):
            self._open_postgres(path if isinstance(path, PgAddress) else parse_address(path))
            return
        self.path = Path(path)
        if read_only:
            self.conn = self._connect_read_only()
            self.conn.row_factory = sqlite3.Row
            self.db = sqlite_utils.Database(self.conn, execute_plugins=False)
            return
        try:
            # isolation_level=None: no implicit transactions; every write below opens its own
            # BEGIN IMMEDIATE so two processes never deadlock upgrading a read lock.
            self.conn = sqlite3.connect(str(self.path), isolation_level=None, timeout=15.0,
                                        check_same_thread=False)
        except sqlite3.Error as error:
            raise translate(error, self.path) from error
        try:
            self.conn.row_factory = sqlite3.Row
            self.db = sqlite_utils.Database(self.conn, execute_plugins=False)
            # A scan is on disk before it is drawn: WAL + synchronous=FULL fsyncs each commit.
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=FULL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            # Cleared personal data (a sale's doctor and patient T.C. numbers, KVKK) is
            # overwritten on disk, not left in free space.
            self.conn.execute("PRAGMA secure_delete=ON")
            if max_pages is not None:
                self.conn.execute(f"PRAGMA max_page_count={int(max_pages)}")
            if migrations.current_version(self.db) > migrations.LATEST:
                raise StoreError("too_new", f"schema {migrations.current_version(self.db)}")
            migrations.migrate(self.db)
        except (sqlite3.Error, OSError) as error:
            self.conn.close()
            raise translate(error, self.path) from error
        except StoreError:
            self.conn.close()
            raise

    def _open_postgres(self, address: PgAddress) -> None:
        """A station of a shared server: the schema must be there and current (an IT person
        makes it with `pharmadesk store init` and upgrades it with `pharmadesk store
        migrate`; one station upgrading it under the others' feet would stop them)."""
        self.engine = "postgresql"
        self.path = address
        self._password = store_password(address)
        self.conn = self._pg_connect()
        self.db = migrations.PgSchema(self.conn)
        try:
            version = migrations.current_version(self.db)
        except DATABASE_ERRORS as error:
            self.conn.close()
            raise translate(error, address) from error
        if version != migrations.LATEST:
            self.conn.close()
            kind = "too_new" if version > migrations.LATEST else "no_schema" if version == 0 else "schema_old"
            raise StoreError(kind, f"{address.display}: schema {version}, PharmaDesk {migrations.LATEST}")

    def _pg_connect(self, purpose: str = "station") -> PgConnection:
        try:
            return PgConnection(self.path, self._password, purpose=purpose)
        except DATABASE_ERRORS as error:
            raise translate(error, self.path) from error

    def _usable(self):
        """The connection, opened again if the server dropped it (a restart, a network
        blip): the call that found it broken failed; the next one goes through."""
        if self.engine == "postgresql" and self.conn.broken:
            self.conn = self._pg_connect()
            self.db.conn = self.conn
        return self.conn

    def _begin(self, conn):
        conn.execute("BEGIN IMMEDIATE" if self.engine == "sqlite" else "BEGIN")
        return conn

    def _on_live_connection(self, call: Callable):
        """`call(conn)` outside a transaction; when it finds that the server dropped the
        connection while it sat idle (a server restart overnight), once more on a new
        one, so the first scan after a restart is not refused. The first try reached no
        server, and `call` only reads or begins, so nothing is done twice."""
        conn = self._usable()
        if self.engine != "postgresql" or conn.in_transaction:
            return call(conn)
        try:
            return call(conn)
        except DATABASE_ERRORS:
            if not conn.broken:
                raise
        return call(self._usable())

    def _connect_read_only(self) -> sqlite3.Connection:
        uri = self.path.resolve().as_uri()
        try:
            conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, isolation_level=None,
                                   check_same_thread=False)
            conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
            return conn
        except sqlite3.Error as error:
            # A WAL database needs its shared-memory file, which a read-only or full disk
            # may not let SQLite create. With no write-ahead log left over, every committed
            # change is in the main file and it can be read as an unchanging file.
            wal = self.path.with_name(self.path.name + "-wal")
            if not self.path.exists() or (wal.exists() and wal.stat().st_size > 0):
                raise translate(error, self.path) from error
        try:
            conn = sqlite3.connect(f"{uri}?immutable=1", uri=True, isolation_level=None,
                                   check_same_thread=False)
            conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
            return conn
        except sqlite3.Error as error:
            raise translate(error, self.path) from error

    @contextlib.contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One atomic write: committed (and fsynced) when the block ends, rolled back and
        turned into a StoreError if anything fails — nothing half-written stays behind."""
        with self._lock:
            try:
                conn = self._usable()
                if conn.in_transaction:
                    yield conn
                    return
                conn = self._on_live_connection(self._begin)
                try:
                    yield conn
                    if self.engine == "postgresql":
                        conn.execute("NOTIFY pharmadesk")  # other stations' live view (at COMMIT)
                    try:
                        conn.execute("COMMIT")
                    except DATABASE_ERRORS as error:
                        # The server may have committed before the line dropped: say so.
                        raise translate(error, self.path).lost_at_commit() from error
                except BaseException:
                    if conn.in_transaction and not getattr(conn, "broken", False):
                        conn.execute("ROLLBACK")
                    raise
            except (*DATABASE_ERRORS, OSError) as error:
                raise translate(error, self.path) from error

    def replace_contents(self, source: Path, keep_copy: Callable[[], None]) -> None:
        """Every row replaced by those of the database file `source` (same schema), in ONE
        transaction under the write lock: `keep_copy()` saves the rows as they are first
        (it reads through a connection of its own, which WAL lets read while this one
        holds the lock), so no scan can commit between that copy and the replacement —
        a scan committed before is in the copy, one committed after lands on the new rows."""
        with self._lock:
            try:
                self.conn.execute("ATTACH DATABASE ? AS incoming", [str(source)])
            except sqlite3.Error as error:
                raise translate(error, self.path) from error
            try:
                with self.write() as conn:
                    keep_copy()
                    conn.execute("PRAGMA defer_foreign_keys = ON")  # checked at COMMIT
                    tables = [row[0] for row in conn.execute(
                        "SELECT name FROM main.sqlite_master WHERE type = 'table' "
                        "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
                    for table in tables:
                        conn.execute(f'DELETE FROM main."{table}"')
                    for table in tables:
                        columns = ", ".join(f'"{row[1]}"' for row in conn.execute(
                            f'PRAGMA main.table_info("{table}")'))
                        conn.execute(f'INSERT INTO main."{table}" ({columns}) '
                                     f'SELECT {columns} FROM incoming."{table}"')
            finally:
                self.conn.execute("DETACH DATABASE incoming")

    def read(self, sql: str, params: tuple | list | dict = ()) -> list[dict]:
        with self._lock:
            try:
                return self._on_live_connection(lambda conn: [dict(row) for row in conn.execute(sql, params)])
            except DATABASE_ERRORS as error:
                raise translate(error, self.path) from error

    def stream(self, sql: str, params: tuple | list | dict = ()) -> Iterator[dict]:
        """The rows of a long read one by one, on a connection of its own: for a worker
        thread writing out a whole day. Nothing waits for it (WAL readers block no one), and
        it never holds a hundred thousand rows at once (whose garbage collection would
        pause every thread)."""
        if self.engine == "postgresql":
            yield from self._stream_postgres(sql, params)
            return
        try:
            conn = sqlite3.connect(self.path.resolve().as_uri() + "?mode=ro", uri=True, isolation_level=None)
        except sqlite3.Error as error:
            raise translate(error, self.path) from error
        conn.row_factory = sqlite3.Row
        try:
            for row in conn.execute(sql, params):
                yield dict(row)
        except sqlite3.Error as error:
            raise translate(error, self.path) from error
        finally:
            conn.close()

    def _stream_postgres(self, sql: str, params) -> Iterator[dict]:
        """`stream` on the server: a server-side cursor, read in pages."""
        from pharmadesk.store.postgres import rewrite

        conn = self._pg_connect("report")
        try:
            with conn.raw.transaction():
                cursor = conn.raw.cursor(name="pharmadesk_stream")
                cursor.execute(rewrite(sql, isinstance(params, dict)), params if isinstance(params, dict) else list(params))
                names = [column.name for column in cursor.description]
                for values in cursor:
                    yield dict(zip(names, values))
        except DATABASE_ERRORS as error:
            raise translate(error, self.path) from error
        finally:
            conn.close()

    def read_one(self, sql: str, params: tuple | list | dict = ()) -> dict | None:
        rows = self.read(sql, params)
        return rows[0] if rows else None

    def scalar(self, sql: str, params: tuple | list | dict = ()):
        with self._lock:
            try:
                row = self._on_live_connection(lambda conn: conn.execute(sql, params).fetchone())
            except DATABASE_ERRORS as error:
                raise translate(error, self.path) from error
        return row[0] if row else None

    @property
    def schema_version(self) -> int:
        with self._lock:
            self._usable()
            return migrations.current_version(self.db)

    def close(self) -> None:
        with self._lock:
            self.conn.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()
