"""PostgreSQL for several stations on one database (`store.url = postgresql://…`), through
psycopg 3. The store's SQL is written once, in the SQLite dialect it was born in; a
`PgConnection` speaks it to PostgreSQL: the same `execute`/`executemany`/`lastrowid`/
rows-by-name-or-index as `sqlite3`, with each statement rewritten once (and cached) into
PostgreSQL's words: `?` → `%s`, `INSERT OR IGNORE` → `ON CONFLICT DO NOTHING`,
`group_concat` → `string_agg`, `json_each` → `json_array_elements_text`, and so on.

The password is never part of the address kept on disk: it comes from the OS keyring or
`PHARMADESK_STORE_PASSWORD`, like the ITS password."""

from __future__ import annotations

import functools
import os
import re
import socket
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import parse_qsl, quote, unquote, urlsplit

import psycopg
from psycopg import pq
from psycopg.adapt import Loader

from pharmadesk import masking
from pharmadesk.bilingual import BilingualError

STORE_PASSWORD_ENV = "PHARMADESK_STORE_PASSWORD"
KEYRING_SERVICE = "PharmaDesk store"
DEFAULT_PORT = 5432
# Settings of the libpq connection a station may put in the address's query
# (`?sslmode=verify-full&sslrootcert=/path/ca.pem`); anything else is refused.
_ALLOWED_PARAMS = {"sslmode", "sslrootcert", "sslcert", "sslkey", "sslcrl", "connect_timeout",
                   "application_name", "target_session_attrs"}
# The first key of every advisory lock PharmaDesk takes (the second says which).
LOCK_SPACE = 0x50_44  # "PD"
BOX_LOCK_BUCKETS = 256  # a box's scans are serialised by one of this many locks


class StoreAddressError(BilingualError, ValueError):
    """A `store.url` that cannot be used, in Turkish and English."""


@dataclass(frozen=True)
class PgAddress:
    """Where the shared database is: user, host, port, database and libpq options. Never
    holds a password; `str()` is the address as kept in the station's settings."""

    user: str
    host: str
    port: int
    database: str
    options: tuple[tuple[str, str], ...] = ()

    def __str__(self) -> str:
        query = "&".join(f"{key}={quote(value, safe='/:.-_')}" for key, value in self.options)
        host = f"[{self.host}]" if ":" in self.host else self.host
        return (f"postgresql://{quote(self.user, safe='')}@{host}:{self.port}/{quote(self.database, safe='')}"
                + (f"?{query}" if query else ""))

    @property
    def display(self) -> str:
        """`user@host:port/db`, for messages and the password's keyring entry."""
        return f"{self.user}@{self.host}:{self.port}/{self.database}"

    def connect_kwargs(self, password: str | None) -> dict:
        kwargs = {"user": self.user, "host": self.host, "port": self.port, "dbname": self.database,
                  "connect_timeout": 5,
                  # A pulled cable or a dead switch is noticed in ~20 s, not after TCP's two hours:
                  # the station then says the server is unreachable instead of hanging.
                  "keepalives": 1, "keepalives_idle": 10, "keepalives_interval": 5, "keepalives_count": 2,
                  "tcp_user_timeout": 20000,
                  **dict(self.options)}
        if password:
            kwargs["password"] = password
        return kwargs


def is_postgres_url(text: str | os.PathLike | None) -> bool:
    return isinstance(text, str) and text.startswith(("postgresql://", "postgres://"))


def parse_address(text: str) -> PgAddress:
    """`postgresql://USER@HOST[:PORT]/DB[?sslmode=…]` → PgAddress; a password in it is refused
    (it would end up in a settings file, a log or a screenshot)."""
    parts = urlsplit(text.strip())
    if parts.scheme not in ("postgresql", "postgres"):
        raise StoreAddressError("Veritabanı adresi postgresql:// ile başlamalı.",
                                "The database address must start with postgresql://.")
    if parts.password is not None:
        raise StoreAddressError(
            "Parolayı adrese yazmayın: `pharmadesk store set-password` ile parola kasasına ya da "
            f"{STORE_PASSWORD_ENV} ortam değişkenine verin.",
            "Do not put the password in the address: give it with `pharmadesk store set-password` "
            f"(the keyring) or the {STORE_PASSWORD_ENV} environment variable.")
    database = unquote(parts.path.lstrip("/"))
    if not parts.username or not parts.hostname or not database or "/" in database:
        raise StoreAddressError("Adres şöyle olmalı: postgresql://KULLANICI@SUNUCU[:PORT]/VERİTABANI",
                                "The address must look like postgresql://USER@HOST[:PORT]/DATABASE")
    try:
        port = parts.port or DEFAULT_PORT
    except ValueError:
        raise StoreAddressError("Adresteki port numarası geçersiz.", "The port in the address is not valid.") from None
    options = tuple(parse_qsl(parts.query, keep_blank_values=False))
    unknown = sorted({key for key, _ in options} - _ALLOWED_PARAMS)
    if unknown:
        raise StoreAddressError(f"Adreste bilinmeyen ayar: {', '.join(unknown)}",
                                f"Unknown setting in the address: {', '.join(unknown)}")
    return PgAddress(unquote(parts.username), parts.hostname, port, database, options)


def store_password(address: PgAddress, environ: Mapping[str, str] | None = None) -> str | None:
    """PHARMADESK_STORE_PASSWORD, else the keyring entry for the address; None: none given
    (a server that trusts the station, or a client certificate)."""
    from pharmadesk.config import _keyring  # the same keyring rules as the ITS password

    environ = os.environ if environ is None else environ
    password = environ.get(STORE_PASSWORD_ENV)
    if password is None:
        keyring = _keyring(environ)
        if keyring is not None:
            try:
                password = keyring.get_password(KEYRING_SERVICE, address.display)
            except Exception:  # a broken keyring must not stop a scan
                password = None
    if password:
        masking.remember(password)
    return password


def set_store_password(address: PgAddress, password: str, environ: Mapping[str, str] | None = None) -> None:
    from pharmadesk.config import ConfigError, _keyring, no_keyring

    keyring = _keyring(os.environ if environ is None else environ)
    if keyring is None:
        raise no_keyring()
    masking.remember(password)
    try:
        keyring.set_password(KEYRING_SERVICE, address.display, password)
    except Exception as error:
        raise ConfigError(f"Parola kasasına yazılamadı: {error}. {STORE_PASSWORD_ENV} kullanın.",
                          f"Could not write to the keyring: {error}. Use {STORE_PASSWORD_ENV}.") from error


def station_name() -> str:
    """How other stations see this one (who is syncing): PHARMADESK_STATION, else the host name."""
    return (os.environ.get("PHARMADESK_STATION") or socket.gethostname() or "?")[:40]


# ---- the SQL rewriting -----------------------------------------------------------------------

# Tables whose rows have an `id` (an INSERT into one answers `lastrowid`).
TABLES_WITH_ID = frozenset({"notifications", "items", "message_log", "sync_runs", "stock_counts",
                            "pts_packages", "pts_boxes", "pts_strays"})
_LITERAL = re.compile(r"'(?:[^']|'')*'")
_NAMED = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")
_WORDS = [
    (re.compile(r"\bINSERT\s+OR\s+IGNORE\s+INTO\b", re.I), "INSERT INTO"),
    (re.compile(r"\bgroup_concat\(", re.I), "string_agg("),
    (re.compile(r"\bchar\(10\)", re.I), "chr(10)"),
    (re.compile(r"\bjson_each\(%s\)", re.I), "json_array_elements_text(%s::json)"),
    (re.compile(r"\browid\b", re.I), "ctid"),
    (re.compile(r"\bIS\s+NOT\s+%s", re.I), "IS DISTINCT FROM %s"),
    (re.compile(r"\bWHERE\s+1(?=\s+AND\b|\s+ORDER\b|\s+GROUP\b|\s+LIMIT\b|\s*$|\s*\))", re.I), "WHERE TRUE"),
    (re.compile(r"\bINTEGER\s+PRIMARY\s+KEY\b", re.I), "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"),
    (re.compile(r"\bINTEGER\b", re.I), "BIGINT"),
    (re.compile(r"\bREAL\b", re.I), "DOUBLE PRECISION"),
]
_INSERT_INTO = re.compile(r"^\s*INSERT\s+(?:OR\s+IGNORE\s+)?INTO\s+\"?(\w+)", re.I)


@functools.lru_cache(maxsize=2048)
def rewrite(sql: str, named: bool = False, returning_id: bool = True) -> str:
    """The SQLite-dialect statement `sql` in PostgreSQL's words (see the module's doc)."""
    pieces, last = [], 0
    for literal in _LITERAL.finditer(sql):
        pieces.append(_rewrite_code(sql[last:literal.start()], named))
        pieces.append(literal.group(0).replace("%", "%%"))
        last = literal.end()
    pieces.append(_rewrite_code(sql[last:], named))
    text = "".join(pieces)
    insert = _INSERT_INTO.match(sql)
    if insert and re.search(r"\bINSERT\s+OR\s+IGNORE\b", sql, re.I):
        text = text.rstrip().rstrip(";") + " ON CONFLICT DO NOTHING"
    if (returning_id and insert and insert.group(1).lower() in TABLES_WITH_ID
            and not re.search(r"\bRETURNING\b", sql, re.I)):
        text = text.rstrip().rstrip(";") + " RETURNING id"
    return text


def _rewrite_code(code: str, named: bool) -> str:
    code = code.replace("%", "%%").replace("?", "%s")
    if named:
        code = _NAMED.sub(r"%(\1)s", code)
    for pattern, words in _WORDS:
        code = pattern.sub(words, code)
    return code


# ---- rows ------------------------------------------------------------------------------------


class Row:
    """A result row readable by column name or index, and `dict(row)`-able: what sqlite3.Row
    gives the rest of the store."""

    __slots__ = ("_values", "_index")

    def __init__(self, values: Sequence, index: dict[str, int]):
        self._values = values
        self._index = index

    def __getitem__(self, key):
        if isinstance(key, str):
            return self._values[self._index[key]]
        return self._values[key]

    def keys(self) -> list[str]:
        return list(self._index)

    def __iter__(self):
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        return f"Row({dict(zip(self._index, self._values))!r})"


def _named_rows(cursor):
    if cursor.description is None:
        return None
    index = {column.name: i for i, column in enumerate(cursor.description)}
    return lambda values: Row(values, index)


def _tuple_rows(cursor):
    return tuple


class _Number(Loader):
    """NUMERIC (what SUM of whole numbers gives) as an int when whole, else a float: the
    store's callers expect what SQLite gives them, never a Decimal."""

    def load(self, data) -> int | float:
        text = bytes(data).decode()
        try:
            return int(text)
        except ValueError:
            return float(text)


# ---- the connection --------------------------------------------------------------------------


class PgCursor:
    """The part of sqlite3.Cursor the store uses."""

    def __init__(self, connection: "PgConnection"):
        self._connection = connection
        self._cursor = connection.raw.cursor(row_factory=_named_rows)
        self.lastrowid: int | None = None

    @property
    def row_factory(self):
        return self._cursor.row_factory

    @row_factory.setter
    def row_factory(self, factory) -> None:
        self._cursor.row_factory = _named_rows if factory is not None else _tuple_rows

    @property
    def rowcount(self) -> int:
        return self._cursor.rowcount

    def execute(self, sql: str, params: Sequence | Mapping = ()) -> "PgCursor":
        named = isinstance(params, Mapping)
        query = rewrite(sql, named)
        self._cursor.execute(query, params if named else list(params))
        self.lastrowid = None
        if query.endswith(" RETURNING id") and not sql.rstrip().upper().endswith("RETURNING ID"):
            row = self._cursor.fetchone()
            self.lastrowid = row[0] if row else None
        return self

    def executemany(self, sql: str, rows: Iterable, *, returning: bool = False) -> "PgCursor":
        query = rewrite(sql, False, returning_id=returning)
        self._cursor.executemany(query, [list(row) for row in rows], returning=returning)
        return self

    def returned_ids(self) -> list[int]:
        """After `executemany(…, returning=True)`: the id of each inserted row, in order."""
        ids = []
        while True:
            row = self._cursor.fetchone()
            if row is not None:
                ids.append(row[0])
            if not self._cursor.nextset():
                return ids

    def fetchone(self):
        return self._cursor.fetchone()

    def fetchall(self) -> list:
        return self._cursor.fetchall()

    def __iter__(self):
        return iter(self._cursor)


class PgConnection:
    """One psycopg connection that speaks the store's SQL. Autocommit, with the store's own
    BEGIN/COMMIT (as the sqlite3 connection with isolation_level=None)."""

    engine = "postgresql"

    def __init__(self, address: PgAddress, password: str | None, *, purpose: str = "station"):
        self.address = address
        self.raw = psycopg.connect(**address.connect_kwargs(password), autocommit=True,
                                   application_name=f"PharmaDesk {station_name()} ({purpose})"[:63])
        self.raw.adapters.register_loader("numeric", _Number)

    @property
    def in_transaction(self) -> bool:
        return self.raw.info.transaction_status != pq.TransactionStatus.IDLE

    @property
    def broken(self) -> bool:
        return self.raw.closed or self.raw.broken

    def cursor(self) -> PgCursor:
        return PgCursor(self)

    def execute(self, sql: str, params: Sequence | Mapping = ()) -> PgCursor:
        return PgCursor(self).execute(sql, params)

    def executemany(self, sql: str, rows: Iterable) -> PgCursor:
        return PgCursor(self).executemany(sql, rows)

    def insert_returning_ids(self, sql: str, rows: Iterable) -> list[int]:
        """Many INSERTs in one round of the pipeline, answering each new row's id."""
        return PgCursor(self).executemany(sql, rows, returning=True).returned_ids()

    def lock(self, *keys: str) -> None:
        """Serialise this transaction with every other one that locks any of `keys` (until
        COMMIT or ROLLBACK): transaction-level advisory locks, taken in a fixed order so two
        stations never deadlock."""
        for bucket in sorted({lock_key(key) for key in keys}):
            self.raw.execute("SELECT pg_advisory_xact_lock(%s, %s)", [LOCK_SPACE, bucket])

    def close(self) -> None:
        self.raw.close()


def lock_key(key: str) -> int:
    """The advisory lock for `key`: a box ("box:GTIN SERIAL") falls in one of
    BOX_LOCK_BUCKETS buckets (an import of 20,000 boxes takes at most that many locks);
    any other key gets its own number above them."""
    digest = zlib.crc32(key.encode())
    if key.startswith("box:"):
        return digest % BOX_LOCK_BUCKETS
    return BOX_LOCK_BUCKETS + digest % (2**31 - BOX_LOCK_BUCKETS - 1)


def lock(conn, *keys: str) -> bool:
    """`PgConnection.lock` on PostgreSQL (True); nothing on SQLite (False), whose BEGIN
    IMMEDIATE already lets one writer at a time in."""
    if isinstance(conn, PgConnection):
        conn.lock(*keys)
        return True
    return False
