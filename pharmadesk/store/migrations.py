"""Numbered schema migrations. A database made by any earlier PharmaDesk opens and is
brought up to date step by step; each step runs in its own transaction and is recorded
in `schema_version`. Steps are history: never edit a released step, add a new one.

One definition for both engines: a step is written against the few sqlite-utils calls
below (`executescript`, `execute`, `table.add_column/rows/rows_where/update/transform`),
which `PgSchema` also answers on PostgreSQL (the SQL in PostgreSQL's words, see
`postgres.rewrite`)."""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Callable, Iterator
from datetime import datetime, timezone

import sqlite_utils


def _v1_initial(db: sqlite_utils.Database) -> None:
    """PharmaDesk 0.1: the outbox, products with their batches as a JSON list, partners,
    settings and a plain message log."""
    db.executescript("""
        CREATE TABLE notifications (
            id INTEGER PRIMARY KEY,
            operation TEXT NOT NULL,
            stakeholder TEXT NOT NULL,
            counterparty_gln TEXT,
            document_number TEXT,
            document_date TEXT,
            deactivation_reason TEXT,
            note TEXT,
            state TEXT NOT NULL DEFAULT 'open',
            its_notification_id TEXT,
            created_at TEXT NOT NULL,
            sent_at TEXT
        );
        CREATE TABLE items (
            id INTEGER PRIMARY KEY,
            notification_id INTEGER NOT NULL REFERENCES notifications(id),
            operation TEXT NOT NULL,
            gtin TEXT NOT NULL,
            serial TEXT NOT NULL,
            batch TEXT NOT NULL,
            expiry TEXT NOT NULL,
            raw TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'queued',
            uc TEXT,
            message TEXT,
            scanned_at TEXT NOT NULL
        );
        -- ITS asks clients not to notify one box twice: while an item is waiting (or being
        -- looked at) a second scan of the box for the same operation is refused.
        CREATE UNIQUE INDEX items_active_box ON items (operation, gtin, serial)
            WHERE state IN ('queued', 'sending', 'needs-attention');
        CREATE TABLE products (gtin TEXT PRIMARY KEY, name TEXT, batches TEXT);
        CREATE TABLE partners (gln TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT);
        CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT);
        CREATE TABLE message_log (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            service TEXT NOT NULL,
            http_status INTEGER,
            duration_ms REAL,
            request_xml TEXT,
            response_xml TEXT,
            outcome TEXT NOT NULL
        );
    """)


def _group_key(row: dict) -> str:
    fields = ("operation", "counterparty_gln", "document_number", "document_date",
              "deactivation_reason", "note", "sale_kind", "sale_institution_gln",
              "sale_pharmacy_id", "sale_prescription_no")
    return json.dumps([row.get(name) for name in fields])


def _v2_sync_engine(db: sqlite_utils.Database) -> None:
    """PharmaDesk 0.2: chunked sync with request ids and crash recovery, pharmacy sale
    fields, per-batch product memory, a richer message log and a record of sync runs."""
    notifications = db["notifications"]
    for column in ("sale_kind", "sale_institution_gln", "sale_pharmacy_id",
                   "sale_prescription_no", "group_key"):
        notifications.add_column(column, str)
    for row in list(notifications.rows):
        notifications.update(row["id"], {"group_key": _group_key(row)})
    db.execute("CREATE INDEX notifications_open ON notifications (group_key) WHERE state = 'open'")

    items = db["items"]
    items.add_column("source", str, not_null_default="wedge")
    items.add_column("attempts", int, not_null_default=0)
    # 1 when an earlier send may have taken effect (lost response, crash while sending):
    # the next answer is read with the reconcile rules of pharmadesk/reconcile.py.
    items.add_column("in_doubt", int, not_null_default=0)
    for column in ("request_id", "its_notification_id", "fc", "updated_at", "expiry_raw"):
        items.add_column(column, str)
    db.execute("CREATE INDEX items_by_notification ON items (notification_id, state)")
    db.execute("CREATE INDEX items_by_state ON items (state, operation)")
    db.execute("CREATE INDEX items_by_request ON items (request_id)")
    db.execute("CREATE INDEX items_by_box ON items (gtin, serial)")

    db.execute("""CREATE TABLE product_batches (
        gtin TEXT NOT NULL, batch TEXT NOT NULL, expiry TEXT, first_seen TEXT NOT NULL,
        PRIMARY KEY (gtin, batch))""")
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    for product in list(db["products"].rows):
        for batch in json.loads(product["batches"] or "[]"):
            db.execute("INSERT OR IGNORE INTO product_batches VALUES (?, ?, NULL, ?)",
                       [product["gtin"], batch, now])
    db["products"].transform(drop={"batches"})

    log = db["message_log"]
    for column in ("operation", "request_id", "notification_id", "error", "url"):
        log.add_column(column, str)
    db.execute("CREATE INDEX message_log_at ON message_log (at)")

    db.execute("""CREATE TABLE sync_runs (
        id INTEGER PRIMARY KEY, started_at TEXT NOT NULL, finished_at TEXT,
        outcome TEXT, accepted INTEGER NOT NULL DEFAULT 0, rejected INTEGER NOT NULL DEFAULT 0,
        needs_attention INTEGER NOT NULL DEFAULT 0, message TEXT)""")


def _v3_sync_run_messages(db: sqlite_utils.Database) -> None:
    """PharmaDesk 0.3: a sync run's summary in Turkish beside the English one, so that
    `pharmadesk status` and the GUI show it in the pharmacist's language."""
    db["sync_runs"].add_column("message_tr", str)


def _v4_bilingual_exchange_errors(db: sqlite_utils.Database) -> None:
    """PharmaDesk 0.4: why an exchange failed, in Turkish beside the English, so the
    message log speaks the pharmacist's language. Earlier rows keep their English text
    (the client always wrote English) and have no Turkish."""
    db.execute("ALTER TABLE message_log RENAME COLUMN error TO error_en")
    db["message_log"].add_column("error_tr", str)


def _v5_prescription_people(db: sqlite_utils.Database) -> None:
    """PharmaDesk 0.5: a reimbursement sale's doctor (DR) and patient (CP) T.C. numbers,
    kept only until ITS has settled the sale (personal data, KVKK)."""
    notifications = db["notifications"]
    for column in ("sale_doctor_id", "sale_patient_id"):
        notifications.add_column(column, str)
    # The two columns join the header that groups scans into one notification: an open
    # notification keeps taking scans of the same header after the upgrade.
    for row in list(notifications.rows_where("group_key IS NOT NULL")):
        notifications.update(row["id"], {"group_key": json.dumps(json.loads(row["group_key"]) + [None, None])})


def _v6_stock_counts(db: sqlite_utils.Database) -> None:
    """PharmaDesk 0.6: stock counts (sayım): the boxes found on the shelf, over as many
    sittings as it takes, compared with the stock on hand when the count is looked at."""
    db.executescript("""
        CREATE TABLE stock_counts (
            id INTEGER PRIMARY KEY,
            started_at TEXT NOT NULL,
            closed_at TEXT
        );
        CREATE TABLE stock_count_scans (
            count_id INTEGER NOT NULL REFERENCES stock_counts(id),
            gtin TEXT NOT NULL,
            serial TEXT NOT NULL,
            batch TEXT NOT NULL,
            expiry TEXT NOT NULL,
            raw TEXT NOT NULL,
            scanned_at TEXT NOT NULL,
            PRIMARY KEY (count_id, gtin, serial)
        );
    """)


def _v7_waiting_for_details(db: sqlite_utils.Database) -> None:
    """PharmaDesk 0.7: boxes scanned before the notification details are complete are kept
    (state 'waiting'); a second scan of such a box is a duplicate like any other."""
    db.execute("DROP INDEX items_active_box")
    db.execute("CREATE UNIQUE INDEX items_active_box ON items (operation, gtin, serial) "
               "WHERE state IN ('queued', 'sending', 'needs-attention', 'waiting')")


def _v8_pts_packages(db: sqlite_utils.Database) -> None:
    """PharmaDesk 0.8: PTS packages (expected shipments) with their carrier tree, the boxes
    they list, and the boxes scanned while receiving one that it does not list."""
    db.executescript("""
        CREATE TABLE pts_packages (
            id INTEGER PRIMARY KEY,
            transfer_id INTEGER UNIQUE,  -- PTS's number; NULL for a file given on disk
            digest TEXT NOT NULL UNIQUE,  -- SHA-256 of the XML: one file is taken once
            sender_gln TEXT NOT NULL,
            receiver_gln TEXT NOT NULL,
            action_type TEXT,
            ship_to TEXT,
            document_number TEXT,
            document_date TEXT,
            note TEXT,
            transfer_date TEXT,
            source TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'open',
            fetched_at TEXT NOT NULL
        );
        CREATE TABLE pts_carriers (
            package_id INTEGER NOT NULL REFERENCES pts_packages(id),
            sscc TEXT NOT NULL,
            parent_sscc TEXT,
            container_type TEXT,
            PRIMARY KEY (package_id, sscc)
        );
        CREATE INDEX pts_carriers_by_sscc ON pts_carriers (sscc);
        CREATE INDEX pts_carriers_by_parent ON pts_carriers (package_id, parent_sscc);
        CREATE TABLE pts_boxes (
            id INTEGER PRIMARY KEY,
            package_id INTEGER NOT NULL REFERENCES pts_packages(id),
            carrier_sscc TEXT,
            gtin TEXT NOT NULL,
            serial TEXT NOT NULL,
            batch TEXT NOT NULL,
            expiry TEXT,
            production_date TEXT,
            po_number TEXT,
            flag TEXT,  -- why the box cannot be received: received, other-package, expired, invalid
            scanned_at TEXT,
            damaged INTEGER NOT NULL DEFAULT 0,
            item_id INTEGER REFERENCES items(id)
        );
        CREATE INDEX pts_boxes_by_box ON pts_boxes (gtin, serial);
        CREATE INDEX pts_boxes_by_carrier ON pts_boxes (package_id, carrier_sscc);
        CREATE TABLE pts_strays (
            id INTEGER PRIMARY KEY,
            package_id INTEGER NOT NULL REFERENCES pts_packages(id),
            gtin TEXT NOT NULL,
            serial TEXT NOT NULL,
            batch TEXT,
            expiry TEXT,
            raw TEXT NOT NULL,
            scanned_at TEXT NOT NULL,
            UNIQUE (package_id, gtin, serial)
        );
    """)


def _v9_sync_run_details(db: sqlite_utils.Database) -> None:
    """PharmaDesk 0.9: what stopped a failed sync (the error and its traceback) is kept
    with the run for whoever looks into it; the run's messages stay plain words."""
    db["sync_runs"].add_column("details", str)


def _v10_sync_run_station(db: sqlite_utils.Database) -> None:
    """PharmaDesk 0.10: which station made a sync run (several stations may share one
    database); NULL for the runs of the one station there was before."""
    db["sync_runs"].add_column("station", str)


# The list of steps: MIGRATIONS[n - 1] brings a database from version n - 1 to n.
MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [
    _v1_initial,
    _v2_sync_engine,
    _v3_sync_run_messages,
    _v4_bilingual_exchange_errors,
    _v5_prescription_people,
    _v6_stock_counts,
    _v7_waiting_for_details,
    _v8_pts_packages,
    _v9_sync_run_details,
    _v10_sync_run_station,
]

LATEST = len(MIGRATIONS)


class PgSchema:
    """The sqlite-utils calls the steps make, answered on a PostgreSQL connection
    (`postgres.PgConnection`)."""

    def __init__(self, conn):
        self.conn = conn

    def execute(self, sql: str, params=()):
        return self.conn.execute(sql, params)

    def executescript(self, script: str) -> None:
        without_comments = re.sub(r"--[^\n]*", "", script)
        for statement in without_comments.split(";"):
            if statement.strip():
                self.conn.execute(statement)

    def table_names(self) -> list[str]:
        return [row[0] for row in self.conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")]

    def __getitem__(self, name: str) -> "_PgTable":
        return _PgTable(self.conn, name)

    @contextlib.contextmanager
    def atomic(self) -> Iterator[None]:
        self.conn.execute("BEGIN")
        try:
            yield
            self.conn.execute("COMMIT")
        except BaseException:
            if not self.conn.broken:
                self.conn.execute("ROLLBACK")
            raise


class _PgTable:
    _TYPES = {str: "TEXT", int: "BIGINT", float: "DOUBLE PRECISION"}

    def __init__(self, conn, name: str):
        self.conn, self.name = conn, name

    def add_column(self, column: str, kind: type, not_null_default=None) -> None:
        definition = f'ALTER TABLE {self.name} ADD COLUMN "{column}" {self._TYPES[kind]}'
        if not_null_default is not None:
            default = f"'{not_null_default}'" if isinstance(not_null_default, str) else int(not_null_default)
            definition += f" NOT NULL DEFAULT {default}"
        self.conn.execute(definition)

    @property
    def rows(self) -> list[dict]:
        return self.rows_where()

    def rows_where(self, where: str | None = None) -> list[dict]:
        sql = f"SELECT * FROM {self.name}" + (f" WHERE {where}" if where else "")
        return [dict(row) for row in self.conn.execute(sql)]

    def update(self, row_id: int, values: dict) -> None:
        assignments = ", ".join(f'"{column}" = ?' for column in values)
        self.conn.execute(f"UPDATE {self.name} SET {assignments} WHERE id = ?", [*values.values(), row_id])

    def transform(self, drop: set[str]) -> None:
        for column in sorted(drop):
            self.conn.execute(f'ALTER TABLE {self.name} DROP COLUMN "{column}"')


def current_version(db: sqlite_utils.Database) -> int:
    if "schema_version" not in db.table_names():
        return 0
    row = db.execute("SELECT MAX(version) FROM schema_version").fetchone()
    return row[0] or 0


def migrate(db: sqlite_utils.Database, target: int = LATEST) -> int:
    """Bring the database to `target`; returns the version it had before."""
    before = current_version(db)
    if before > LATEST:
        raise RuntimeError(f"database schema {before} is newer than this PharmaDesk ({LATEST})")
    for version in range(before + 1, target + 1):
        with db.atomic():
            db.execute("CREATE TABLE IF NOT EXISTS schema_version "
                       "(version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)")
            MIGRATIONS[version - 1](db)
            db.execute("INSERT INTO schema_version VALUES (?, ?)",
                       [version, datetime.now(timezone.utc).isoformat(timespec="seconds")])
    return before
