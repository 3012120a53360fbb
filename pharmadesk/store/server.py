"""The IT person's side of a shared PostgreSQL server (`pharmadesk store …`): the schema
made and upgraded under one lock, so two runs never race; a station's SQLite data moved
to the server in one transaction with a count check; and what the server is like (its
version, TLS, latency) for `store status` and `doctor`. Stations themselves never make
or change the schema (see `database.Database._open_postgres`)."""

from __future__ import annotations

import contextlib
import sqlite3
import statistics
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from pharmadesk.bilingual import BilingualError
from pharmadesk.store import migrations
from pharmadesk.store.catalog import station_key
from pharmadesk.store.errors import DATABASE_ERRORS, StoreError, translate
from pharmadesk.store.postgres import LOCK_SPACE, PgAddress, PgConnection, lock_key, store_password

# Held (on the server) while the schema is made, upgraded or filled by a copy.
SCHEMA_LOCK = lock_key("schema")
# The table that says which schema a database has: the server's own, never copied.
VERSION_TABLE = "schema_version"


class SetupRefused(BilingualError):
    """The server holds something that stops this step; nothing was changed."""


class CopyMismatch(BilingualError):
    """The counts on the server differ from the station's after a copy: rolled back."""

    def __init__(self, counts: list["TableCount"]):
        self.counts = counts
        wrong = ", ".join(count.table for count in counts if not count.same)
        super().__init__(f"Sayılar tutmuyor ({wrong}): kopya geri alındı, sunucuda hiçbir şey değişmedi.",
                         f"The counts differ ({wrong}): the copy was rolled back, nothing changed on the server.")


def connect(address: PgAddress, purpose: str = "setup") -> PgConnection:
    """A connection to the server with the station's password (keyring or
    PHARMADESK_STORE_PASSWORD); a failure is a StoreError ("unreachable", "auth", …)."""
    try:
        return PgConnection(address, store_password(address), purpose=purpose)
    except DATABASE_ERRORS as error:
        raise translate(error, address) from error


@contextlib.contextmanager
def schema_lock(conn: PgConnection) -> Iterator[None]:
    """The session advisory lock every schema step takes: a second `store init` waits for
    the first and then finds its schema, instead of both making tables at once."""
    conn.raw.execute("SELECT pg_advisory_lock(%s, %s)", [LOCK_SPACE, SCHEMA_LOCK])
    try:
        yield
    finally:
        if not conn.broken:
            conn.raw.execute("SELECT pg_advisory_unlock(%s, %s)", [LOCK_SPACE, SCHEMA_LOCK])


def _tables(conn: PgConnection) -> list[str]:
    """Every table and view in the station's schema, also those this user may not read
    (information_schema would hide them)."""
    return sorted(row[0] for row in conn.raw.execute(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'f')"))


def schema_version(conn: PgConnection) -> int:
    """The server's PharmaDesk schema version; 0 for a database without one."""
    return migrations.current_version(migrations.PgSchema(conn))


def init(conn: PgConnection) -> int:
    """Make PharmaDesk's schema in an empty database; the version made. A database that
    already has a PharmaDesk schema, or other tables, is refused untouched."""
    try:
        with schema_lock(conn):
            tables = _tables(conn)
            if VERSION_TABLE in tables:
                version = schema_version(conn)
                advice_tr, advice_en = ((" Yükseltmek için: pharmadesk store migrate", " To upgrade it: pharmadesk "
                                         "store migrate") if version < migrations.LATEST else ("", ""))
                raise SetupRefused(
                    f"{conn.address.display} zaten bir PharmaDesk veritabanı (şema sürümü {version}); "
                    f"hiçbir şey değişmedi.{advice_tr}",
                    f"{conn.address.display} already holds a PharmaDesk database (schema version {version}); "
                    f"nothing was changed.{advice_en}")
            if tables:
                shown = ", ".join(tables[:8]) + (", …" if len(tables) > 8 else "")
                raise SetupRefused(
                    f"{conn.address.display} boş değil, başka tablolar var ({shown}); hiçbir şey değişmedi. "
                    "PharmaDesk için boş bir veritabanı oluşturun.",
                    f"{conn.address.display} is not empty, it holds other tables ({shown}); nothing was "
                    "changed. Create an empty database for PharmaDesk.")
            migrations.migrate(migrations.PgSchema(conn))
            return schema_version(conn)
    except DATABASE_ERRORS as error:
        raise translate(error, conn.address) from error


def migrate(conn: PgConnection) -> tuple[int, int]:
    """Bring the server's schema up to this PharmaDesk's: (version before, version after)."""
    try:
        with schema_lock(conn):
            before = schema_version(conn)
            if before == 0:
                raise SetupRefused(
                    f"{conn.address.display} üzerinde PharmaDesk şeması yok: önce pharmadesk store init",
                    f"{conn.address.display} has no PharmaDesk schema: run pharmadesk store init first")
            if before > migrations.LATEST:
                raise StoreError("too_new", f"schema {before}, PharmaDesk {migrations.LATEST}")
            migrations.migrate(migrations.PgSchema(conn))
            return before, schema_version(conn)
    except DATABASE_ERRORS as error:
        raise translate(error, conn.address) from error


# ---- what the server is like -----------------------------------------------------------------

@dataclass(frozen=True)
class ServerFacts:
    server_version: str  # e.g. "16.4"
    schema_version: int
    tls: str | None  # "TLSv1.3 TLS_AES_256_GCM_SHA384", None: not encrypted
    latency_ms: float  # median of a few `SELECT 1` round trips
    durable: bool = True  # fsync and synchronous_commit on: a committed scan survives a server crash


def latency_ms(conn, rounds: int = 5) -> float:
    """The median time of `rounds` `SELECT 1` round trips, in milliseconds."""
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        conn.execute("SELECT 1").fetchone()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def facts(conn: PgConnection) -> ServerFacts:
    try:
        server = conn.raw.execute("SHOW server_version").fetchone()[0].split(" ")[0]
        tls = None
        if conn.raw.pgconn.ssl_in_use:
            row = conn.raw.execute("SELECT version, cipher FROM pg_stat_ssl WHERE pid = pg_backend_pid()").fetchone()
            tls = " ".join(part for part in (row or ()) if part) or "TLS"
        durable = all(conn.raw.execute(f"SHOW {name}").fetchone()[0] != "off"
                      for name in ("fsync", "synchronous_commit"))
        return ServerFacts(server, schema_version(conn), tls, latency_ms(conn), durable)
    except DATABASE_ERRORS as error:
        raise translate(error, conn.address) from error


# ---- moving a station's SQLite data to the server -------------------------------------------

@dataclass(frozen=True)
class TableCount:
    table: str
    station: int
    server: int

    @property
    def same(self) -> bool:
        return self.station == self.server


def station_tables(source: sqlite3.Connection) -> list[str]:
    """The station's tables, parents before the tables that refer to them (the server
    checks every reference as a row arrives)."""
    names = [row[0] for row in source.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    parents = {name: {row[2] for row in source.execute(f'PRAGMA foreign_key_list("{name}")')} - {name}
               for name in names}
    ordered: list[str] = []
    while len(ordered) < len(names):
        ready = [name for name in names if name not in ordered and parents[name] <= set(ordered)]
        if not ready:  # a cycle: cannot happen in PharmaDesk's schema, keep the rest as they are
            ready = [name for name in names if name not in ordered]
        ordered.extend(ready)
    return [name for name in ordered if name != VERSION_TABLE]


def _count(conn, table: str) -> int:
    return conn.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]


def copy_station(database: Path, conn: PgConnection, *, on_table=None) -> list[TableCount]:
    """Every row of the station's SQLite file `database` into the server's (empty)
    PharmaDesk database, ids kept, in ONE transaction that commits only when each table's
    count on the server equals the station's (else CopyMismatch, nothing changed). The
    file is only read; it is held against writes meanwhile, so no scan slips in between
    the copy and the count. `on_table(name, rows)` is told as each table is done."""
    source = _open_station(database)
    try:
        source.execute("BEGIN IMMEDIATE")  # a scan on this station now waits; the file stays as it is
        version = migrations.current_version(sqlite_utils.Database(source))
        if version != migrations.LATEST:
            raise SetupRefused(
                f"{database} şema sürümü {version}, bu PharmaDesk {migrations.LATEST}: istasyonu bu sürümle "
                "bir kez açın (ya da pharmadesk store migrate), sonra yeniden kopyalayın.",
                f"{database} has schema version {version}, this PharmaDesk {migrations.LATEST}: open the "
                "station once with this version (or run pharmadesk store migrate), then copy again.")
        tables = station_tables(source)
        try:
            with conn.raw.transaction():
                conn.lock("schema")  # no init, migrate or other copy meanwhile
                _check_target(conn, tables)
                for table in tables:
                    rows = _copy_table(source, conn, table)
                    if on_table:
                        on_table(table, rows)
                _move_sequences(conn, tables)
                counts = [TableCount(table, _count(source, table), _count(conn, table)) for table in tables]
                if not all(count.same for count in counts):
                    raise CopyMismatch(counts)
        except DATABASE_ERRORS as error:
            raise translate(error, conn.address) from error
        return counts
    finally:
        source.close()  # the read transaction ends: nothing was written to the file


def _open_station(database: Path) -> sqlite3.Connection:
    if not database.is_file():
        raise SetupRefused(f"Kopyalanacak istasyon veritabanı yok: {database}",
                           f"There is no station database to copy: {database}")
    try:
        return sqlite3.connect(str(database), isolation_level=None, timeout=15.0)
    except sqlite3.Error as error:
        raise translate(error, database) from error


def _check_target(conn: PgConnection, tables: list[str]) -> None:
    """The server's database must have the schema and no rows yet: ids are kept, so rows
    of another station would collide with this one's (or be mixed up with them)."""
    version = schema_version(conn)
    if version == 0:
        raise SetupRefused(f"{conn.address.display} üzerinde PharmaDesk şeması yok: önce "
                           f"pharmadesk store init {conn.address}",
                           f"{conn.address.display} has no PharmaDesk schema: run "
                           f"pharmadesk store init {conn.address} first")
    if version != migrations.LATEST:
        raise SetupRefused(f"{conn.address.display} şema sürümü {version}, bu PharmaDesk {migrations.LATEST}: "
                           "önce pharmadesk store migrate",
                           f"{conn.address.display} has schema version {version}, this PharmaDesk "
                           f"{migrations.LATEST}: run pharmadesk store migrate first")
    filled = [f"{table} {rows}" for table in tables if (rows := _count(conn, table))]
    if filled:
        raise SetupRefused(
            f"{conn.address.display} boş değil ({', '.join(filled)}); kopya yalnızca boş bir PharmaDesk "
            "veritabanına yapılır, hiçbir şey değişmedi.",
            f"{conn.address.display} is not empty ({', '.join(filled)}); a copy goes only into an empty "
            "PharmaDesk database, nothing was changed.")


COPY_BATCH = 5000  # rows read from SQLite at a time


def _copy_table(source: sqlite3.Connection, conn: PgConnection, table: str) -> int:
    """The table's rows through COPY (the fastest way in), with the station's columns by
    name (the server's may stand in another order)."""
    columns = [row[1] for row in source.execute(f'PRAGMA table_info("{table}")')]
    names = ", ".join(f'"{column}"' for column in columns)
    rows = source.execute(f'SELECT {names} FROM "{table}"')
    own = _own_settings(columns) if table == "settings" else None
    copied = 0
    with conn.raw.cursor().copy(f'COPY "{table}" ({names}) FROM STDIN') as copy:
        while batch := rows.fetchmany(COPY_BATCH):
            for row in batch:
                copy.write_row(own(row) if own else row)
            copied += len(batch)
    return copied


def _own_settings(columns: list[str]):
    """The station's own settings (its scanners, language…) become its own on the server,
    not the default of every other station."""
    key = columns.index("key")

    def move(row: tuple) -> tuple:
        own_key = station_key(row[key])
        return row if own_key is None else (*row[:key], own_key, *row[key + 1:])

    return move


def _move_sequences(conn: PgConnection, tables: list[str]) -> None:
    """Each id sequence past the highest id copied, so the next scan on the server gets a
    new id, never one of the station's."""
    for table in tables:
        if not _has_id(conn, table):
            continue
        sequence = conn.raw.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table]).fetchone()[0]
        if sequence:
            conn.raw.execute(f'SELECT setval(%s, COALESCE((SELECT MAX(id) FROM "{table}"), 0) + 1, false)',
                             [sequence])


def _has_id(conn: PgConnection, table: str) -> bool:
    return conn.raw.execute("SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() "
                            "AND table_name = %s AND column_name = 'id'", [table]).fetchone() is not None
