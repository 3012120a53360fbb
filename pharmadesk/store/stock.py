"""Stock on hand, read from the notifications ITS accepted (no second ledger that could
drift): a box is on the shelf when its last accepted movement brought it in (Mal Alım, a
sale or transfer cancelled), or, for a box that never moved here, when a verification
said it is registered to this station (the opening stock). The stock card, lot lookup
and expiry buckets read the same movements."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from pharmadesk.domain import Operation
from pharmadesk.store import states
from pharmadesk.store.database import Database
from pharmadesk.store.errors import DATABASE_ERRORS, translate

# Movements that put a box on this station's shelf, and those that take it off.
IN_OPERATIONS = (Operation.RECEIVE, Operation.SALE_CANCEL, Operation.TRANSFER_CANCEL)
OUT_OPERATIONS = (Operation.SALE, Operation.CONSUME, Operation.RETURN, Operation.TRANSFER,
                  Operation.DEACTIVATE, Operation.EXPORT)
# Verification answers (Ürün Doğrulama) meaning "the box is registered to you": the
# opening stock of boxes on the shelf before PharmaDesk.
OWNED_CODES = ("40001", "40007", "40009")

_IN_SQL = ", ".join(f"'{op.value}'" for op in IN_OPERATIONS)
_MOVES_SQL = ", ".join(f"'{op.value}'" for op in IN_OPERATIONS + OUT_OPERATIONS)
_OWNED_SQL = ", ".join(f"'{code}'" for code in OWNED_CODES)
_PENDING_SQL = ", ".join(f"'{state}'" for state in states.ACTIVE)

_COLUMNS = "gtin, serial, batch, expiry, raw, operation, updated_at, notification_id, its_notification_id"


def _positions(where: str, params: list) -> tuple[str, list]:
    """Each box's deciding accepted record: its last movement (no accepted movement of
    the box came later; ties by item id), or, for a box that never moved here, its
    owning verification (the opening stock). `where` narrows the items read (a product,
    a lot, a box)."""
    columns = ", ".join("i." + column for column in _COLUMNS.split(", "))
    sql = f"""
        SELECT i.id, {columns} FROM items i
        WHERE i.state = '{states.ACCEPTED}' AND i.operation IN ({_MOVES_SQL}) AND {where}
          AND NOT EXISTS (
            SELECT 1 FROM items j WHERE j.gtin = i.gtin AND j.serial = i.serial
              AND j.state = '{states.ACCEPTED}' AND j.operation IN ({_MOVES_SQL})
              AND (j.updated_at > i.updated_at OR (j.updated_at = i.updated_at AND j.id > i.id)))
        UNION ALL
        SELECT i.id, {columns}
            FROM items i WHERE i.state = '{states.ACCEPTED}' AND i.operation = 'verify' AND i.uc IN ({_OWNED_SQL})
              AND {where} AND NOT EXISTS (
                SELECT 1 FROM items m WHERE m.gtin = i.gtin AND m.serial = i.serial
                  AND m.state = '{states.ACCEPTED}' AND m.operation IN ({_MOVES_SQL}))
              AND NOT EXISTS (  -- the box's first owning verification only
                SELECT 1 FROM items e WHERE e.gtin = i.gtin AND e.serial = i.serial AND e.id < i.id
                  AND e.state = '{states.ACCEPTED}' AND e.operation = 'verify' AND e.uc IN ({_OWNED_SQL}))"""
    return sql, params + params


EXPIRED = "expired"


def expiry_bucket(expiry: date, today: date, windows: tuple[int, ...] = (30, 60, 90)) -> str | None:
    """"expired" for a box past its expiry (usable through its expiry day), the smallest
    window (in days, as text) it expires within, or None when it is further off."""
    if expiry < today:
        return EXPIRED
    for days in sorted(windows):
        if expiry <= today + timedelta(days=days):
            return str(days)
    return None


@dataclass(frozen=True)
class StockBox:
    gtin: str
    serial: str
    batch: str
    expiry: date
    since: str  # when ITS accepted the movement that brought it in
    via: Operation  # that movement (verify: the opening stock)
    item_id: int
    raw: str | None = None  # the karekod as scanned, when asked for


@dataclass(frozen=True)
class StockLine:
    """Boxes of one product, lot and expiry on the shelf."""

    gtin: str
    name: str | None
    batch: str
    expiry: date
    count: int
    serials: str = ""  # the boxes' serials, one a line


@dataclass
class CardLine:
    """One movement on a product's stock card (OpenLMIS style): what happened, with which
    document and party, ITS's notification id, the boxes it moved and the balance after."""

    at: str
    operation: Operation
    document: str | None
    counterparty_gln: str | None
    counterparty_name: str | None
    its_notification_id: str | None
    quantity: int  # signed: + in, - out
    balance: int
    already_in: int = 0  # boxes this "in" movement found already on the shelf
    not_on_record: int = 0  # boxes this "out" movement took that were never booked in


@dataclass
class LotBox:
    """A box of a lot as this station knows it: on the shelf, or where it went."""

    gtin: str
    serial: str
    batch: str
    expiry: date
    on_hand: bool
    last_operation: Operation
    at: str
    counterparty_gln: str | None
    document: str | None


@dataclass
class Pending:
    """Boxes waiting for ITS (queued, sending, needing attention): shown apart."""

    coming_in: int = 0
    going_out: int = 0
    by_gtin: Counter = field(default_factory=Counter)  # signed per product


class Stock(Database):
    """Stock queries of the Store (mixed into `pharmadesk.store.Store`)."""

    def stock_boxes(self, *, gtin: str | None = None, batch: str | None = None,
                    with_raw: bool = False) -> list[StockBox]:
        positions, params = _positions(*_narrow(gtin, batch))
        raw = "raw" if with_raw else "NULL"
        rows = self._tuples(f"SELECT gtin, serial, batch, expiry, updated_at, operation, id, {raw} FROM "
                            f"({positions}) AS pos WHERE operation IN ({_IN_SQL}, 'verify') "
                            f"ORDER BY gtin, expiry, batch, serial", params)
        return [StockBox(g, s, b, date.fromisoformat(x), at, Operation(op), i, r)
                for g, s, b, x, at, op, i, r in rows]

    def stock_lines(self, *, gtin: str | None = None, batch: str | None = None) -> list[StockLine]:
        """Totals per product, lot and expiry, by product then expiry, each with its
        serials (one a line): counted in SQLite, not a Python object per box."""
        positions, params = _positions(*_narrow(gtin, batch))
        names = self.product_names()
        rows = self._tuples(f"SELECT gtin, batch, expiry, COUNT(*), group_concat(serial, char(10)) FROM ({positions}) AS pos "
                            f"WHERE operation IN ({_IN_SQL}, 'verify') GROUP BY gtin, batch, expiry "
                            f"ORDER BY gtin, expiry, batch", params)
        return [StockLine(g, names.get(g), b, date.fromisoformat(x), n, serials) for g, b, x, n, serials in rows]

    def product_names(self) -> dict[str, str]:
        return {row["gtin"]: row["name"] for row in self.read("SELECT gtin, name FROM products WHERE name IS NOT NULL")}

    def box_position(self, gtin: str, serial: str) -> dict | None:
        """The box's deciding accepted record ("operation", "updated_at", ...) or None
        when no accepted notification of this station ever named it."""
        return self.read_one(*_positions("i.gtin = ? AND i.serial = ?", [gtin, serial]))

    def expiry_on_file(self, gtin: str, serial: str) -> date | None:
        """The expiry of the box's last notification ITS accepted (None: never notified)."""
        expiry = self.scalar(f"SELECT expiry FROM items WHERE gtin = ? AND serial = ? AND state = ? "
                             f"AND operation IN ({_MOVES_SQL}) ORDER BY updated_at DESC, id DESC LIMIT 1",
                             [gtin, serial, states.ACCEPTED])
        return date.fromisoformat(expiry) if expiry else None

    def pending_stock(self) -> Pending:
        pending = Pending()
        for row in self.read(f"SELECT operation, gtin, COUNT(*) AS n FROM items WHERE state IN ({_PENDING_SQL}) "
                             f"AND operation IN ({_MOVES_SQL}) GROUP BY operation, gtin"):
            coming = row["operation"] in {op.value for op in IN_OPERATIONS}
            if coming:
                pending.coming_in += row["n"]
            else:
                pending.going_out += row["n"]
            pending.by_gtin[row["gtin"]] += row["n"] if coming else -row["n"]
        return pending

    def stock_card(self, gtin: str) -> list[CardLine]:
        """Every accepted movement of a product, oldest first, one line per notification,
        with the running balance. A box counts once: an "in" movement of a box already on
        the shelf, or an "out" of a box never booked in, moves the balance by nothing and
        is named on its line."""
        rows = self.read(
            f"SELECT i.serial, i.operation, i.notification_id, i.updated_at, i.its_notification_id, i.uc, "
            f"n.document_number, n.counterparty_gln, p.name AS counterparty_name "
            f"FROM items i JOIN notifications n ON n.id = i.notification_id "
            f"LEFT JOIN partners p ON p.gln = n.counterparty_gln "
            f"WHERE i.gtin = ? AND i.state = ? "
            f"AND (i.operation IN ({_MOVES_SQL}) OR (i.operation = 'verify' AND i.uc IN ({_OWNED_SQL}))) "
            f"ORDER BY i.updated_at, i.id", [gtin, states.ACCEPTED])
        on_shelf: dict[str, bool] = {}
        lines: list[CardLine] = []
        by_notification: dict[int, CardLine] = {}
        balance = 0
        for row in rows:
            operation = Operation(row["operation"])
            serial = row["serial"]
            if operation is Operation.VERIFY and serial in on_shelf:
                continue  # a check of a box already on record moves nothing
            line = by_notification.get(row["notification_id"])
            if line is None:
                line = CardLine(row["updated_at"], operation, row["document_number"], row["counterparty_gln"],
                                row["counterparty_name"], row["its_notification_id"], 0, balance)
                by_notification[row["notification_id"]] = line
                lines.append(line)
            was_here = on_shelf.get(serial, False)
            comes_in = operation in IN_OPERATIONS or operation is Operation.VERIFY
            on_shelf[serial] = comes_in
            if comes_in and was_here:
                line.already_in += 1
            elif comes_in:
                line.quantity += 1
                balance += 1
            elif was_here:
                line.quantity -= 1
                balance -= 1
            else:
                line.not_on_record += 1
            line.balance = balance
        return lines

    def lot_boxes(self, batch: str, *, gtin: str | None = None) -> list[LotBox]:
        """Every box of lot `batch` this station has booked: on the shelf or, if it left,
        with the movement, date, party and document that took it."""
        positions, params = _positions(*_narrow(gtin, batch))
        rows = self.read(
            f"SELECT pos.*, n.counterparty_gln, n.document_number FROM ({positions}) pos "
            f"JOIN notifications n ON n.id = pos.notification_id ORDER BY pos.gtin, pos.serial", params)
        return [LotBox(row["gtin"], row["serial"], row["batch"], date.fromisoformat(row["expiry"]),
                       row["operation"] in {op.value for op in IN_OPERATIONS} or row["operation"] == "verify",
                       Operation(row["operation"]), row["updated_at"], row["counterparty_gln"],
                       row["document_number"])
                for row in rows]

    def moved_on(self, since: str, until: str) -> list[dict]:
        """Accepted movements from `since` until before `until`, counted per operation and
        product: the day's stock movements on the end-of-day report."""
        return self.read(
            f"SELECT operation, gtin, COUNT(*) AS n FROM items WHERE state = ? AND operation IN ({_MOVES_SQL}) "
            f"AND updated_at >= ? AND updated_at < ? GROUP BY operation, gtin ORDER BY operation, gtin",
            [states.ACCEPTED, since, until])

    def suppliers_of(self, boxes: list[tuple[str, str]]) -> dict[tuple[str, str], str]:
        """(GTIN, serial) → the GLN each box was last bought from (its accepted Mal Alım)."""
        rows = self.read(
            "SELECT i.gtin, i.serial, n.counterparty_gln FROM items i JOIN notifications n ON n.id = i.notification_id "
            "WHERE i.operation = ? AND i.state = ? AND i.gtin || ' ' || i.serial IN (SELECT value FROM json_each(?)) "
            "ORDER BY i.updated_at, i.id",
            [Operation.RECEIVE.value, states.ACCEPTED, json.dumps([f"{gtin} {serial}" for gtin, serial in boxes])])
        return {(row["gtin"], row["serial"]): row["counterparty_gln"] for row in rows}

    def items_by_id(self, item_ids: list[int]) -> list[dict]:
        """The items of a verification round, in the order given."""
        rows = {row["id"]: row for row in self.read(
            "SELECT * FROM items WHERE id IN (SELECT CAST(value AS INTEGER) FROM json_each(?))", [json.dumps(item_ids)])}
        return [rows[item_id] for item_id in item_ids if item_id in rows]

    def _tuples(self, sql: str, params: list) -> list[tuple]:
        """Rows as plain tuples: a hundred thousand boxes read without a dict each."""
        with self._lock:
            cursor = self._usable().cursor()
            cursor.row_factory = None
            try:
                return cursor.execute(sql, params).fetchall()
            except DATABASE_ERRORS as error:
                raise translate(error, self.path) from error


def _narrow(gtin: str | None, batch: str | None) -> tuple[str, list]:
    where, params = ["1 = 1"], []
    if gtin:
        where.append("i.gtin = ?")
        params.append(gtin)
    if batch:
        where.append("i.batch = ?")
        params.append(batch)
    return " AND ".join(where), params
