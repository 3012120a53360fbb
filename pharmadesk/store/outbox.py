"""The outbox: notifications (one header each) and their items, with the explicit item
states of `states.py`. Scans and imports go in here; the sync engine claims chunks,
records answers and hands back chunks whose outcome is unknown."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from pharmadesk.domain import Header, Operation, SaleDetails, Stakeholder
from pharmadesk.store import states
from pharmadesk.store.database import Database, now
from pharmadesk.store.errors import INTEGRITY_ERRORS
from pharmadesk.store.postgres import lock

_HEADER_COLUMNS = ("counterparty_gln", "document_number", "document_date", "deactivation_reason",
                   "note", "sale_kind", "sale_institution_gln", "sale_pharmacy_id",
                   "sale_prescription_no", "sale_doctor_id", "sale_patient_id")
# Personal data (KVKK): cleared once ITS has settled every box of the notification.
_PEOPLE_COLUMNS = ("sale_doctor_id", "sale_patient_id")


class DuplicateItem(Exception):
    """The box is already in the queue (or already notified) for this operation.
    `existing` is the earlier item row, with `notification_id` and `scanned_at`."""

    def __init__(self, existing: dict):
        self.existing = existing
        super().__init__(f"duplicate of item {existing['id']}")


@dataclass(frozen=True)
class QueuedBox:
    """What the outbox stores about one box; a parsed Karekod satisfies it."""

    gtin: str
    serial: str
    batch: str
    expiry: date
    expiry_raw: str | None = None


def header_columns(operation: Operation, header: Header) -> dict:
    sale = header.sale or SaleDetails(kind=None)
    columns = {
        "counterparty_gln": header.counterparty_gln,
        "document_number": header.document_number,
        "document_date": header.document_date.isoformat() if header.document_date else None,
        "deactivation_reason": header.deactivation_reason,
        "note": header.note,
        "sale_kind": sale.kind if header.sale else None,
        "sale_institution_gln": sale.institution_gln,
        "sale_pharmacy_id": sale.pharmacy_id,
        "sale_prescription_no": sale.prescription_no,
        "sale_doctor_id": sale.doctor_id,
        "sale_patient_id": sale.patient_id,
    }
    # Items with the same operation and the same header travel in the same notification.
    columns["group_key"] = json.dumps([operation.value] + [columns[name] for name in _HEADER_COLUMNS])
    return columns


def header_of(notification: dict) -> Header:
    sale = None
    if notification.get("sale_kind"):
        sale = SaleDetails(kind=notification["sale_kind"],
                           institution_gln=notification.get("sale_institution_gln"),
                           pharmacy_id=notification.get("sale_pharmacy_id"),
                           prescription_no=notification.get("sale_prescription_no"),
                           doctor_id=notification.get("sale_doctor_id"),
                           patient_id=notification.get("sale_patient_id"))
    document_date = notification.get("document_date")
    return Header(
        counterparty_gln=notification.get("counterparty_gln"),
        document_number=notification.get("document_number"),
        document_date=date.fromisoformat(document_date) if document_date else None,
        deactivation_reason=notification.get("deactivation_reason"),
        note=notification.get("note"),
        sale=sale,
    )


_ACTIVE_SQL = ", ".join(f"'{state}'" for state in states.ACTIVE)


def box_key(gtin: str, serial: str) -> str:
    """The lock that serialises the scans of one box across stations (`postgres.lock`)."""
    return f"box:{gtin} {serial}"


class Outbox(Database):
    """Queue operations of the Store (mixed into `pharmadesk.store.Store`)."""

    @property
    def _skip_locked(self) -> str:
        """A chunk's rows are claimed under row locks on PostgreSQL: rows another
        transaction holds are passed over, never claimed twice."""
        return " FOR UPDATE SKIP LOCKED" if self.engine == "postgresql" else ""

    # ---- queuing -------------------------------------------------------------------

    def queue_item(self, operation: Operation, stakeholder: Stakeholder, header: Header,
                   box: QueuedBox, *, raw: str, source: str = "wedge", waiting: bool = False) -> int:
        """Commit one scanned box; returns its item id or raises DuplicateItem. `waiting`:
        the header is not complete yet, so the box waits for it (never sent as it is)."""
        with self.write() as conn:
            notification_id = self._open_notification(
                conn, operation, stakeholder, header,
                states.NOTIFICATION_WAITING if waiting else states.NOTIFICATION_OPEN)
            return self._insert_item(conn, notification_id, operation, box, raw, source,
                                     states.WAITING if waiting else states.QUEUED)

    def queue_waiting(self, item_id: int, stakeholder: Stakeholder, header: Header) -> int:
        """A box that waited for the notification details goes into the queue with
        `header`; returns its item id, or raises DuplicateItem when the box was notified
        for this operation meanwhile (the waiting item is then removed)."""
        with self.write() as conn:
            item = conn.execute("SELECT * FROM items WHERE id = ? AND state = ?",
                                [item_id, states.WAITING]).fetchone()
            if item is None:
                raise LookupError(f"item {item_id} is not waiting")
            operation = Operation(item["operation"])
            earlier = self._earlier_scan(conn, operation, item["gtin"], item["serial"], but=item_id)
            if earlier:
                conn.execute("UPDATE items SET state = ?, updated_at = ? WHERE id = ?",
                             [states.REMOVED, now(), item_id])
                raise DuplicateItem(earlier)
            notification_id = self._open_notification(conn, operation, stakeholder, header)
            conn.execute("UPDATE items SET notification_id = ?, state = ?, updated_at = ? WHERE id = ?",
                         [notification_id, states.QUEUED, now(), item_id])
            return item_id

    def drop_waiting(self, item_id: int, message: str) -> bool:
        """A waiting box that may not go after all (it expired meanwhile): removed, with why."""
        with self.write() as conn:
            return conn.execute("UPDATE items SET state = ?, message = ?, updated_at = ? "
                                "WHERE id = ? AND state = ?",
                                [states.REMOVED, message, now(), item_id, states.WAITING]).rowcount == 1

    def queue_many(self, operation: Operation, stakeholder: Stakeholder, header: Header,
                   boxes: Iterable[tuple[object, QueuedBox, str]], *, source: str = "import"
                   ) -> list[tuple[object, int | DuplicateItem]]:
        """Commit many boxes in ONE transaction (an import): all or nothing. `boxes` yields
        (key, box, raw); the answer pairs each key with its item id or a DuplicateItem."""
        answers: list[tuple[object, int | DuplicateItem]] = []
        boxes = list(boxes)
        with self.write() as conn:
            notification_id = self._open_notification(conn, operation, stakeholder, header)
            if self.engine == "postgresql":
                return self._queue_all_at_once(conn, notification_id, operation, boxes, source)
            for key, box, raw in boxes:
                try:
                    answers.append((key, self._insert_item(conn, notification_id, operation,
                                                           box, raw, source)))
                except DuplicateItem as duplicate:
                    answers.append((key, duplicate))
        return answers

    def _queue_all_at_once(self, conn, notification_id: int, operation: Operation,
                           boxes: list[tuple[object, QueuedBox, str]], source: str
                           ) -> list[tuple[object, int | DuplicateItem]]:
        """`queue_many` on a server, where each statement is a round trip: the boxes' locks
        taken at once (in order), the earlier scans of all of them found in two queries,
        the new ones inserted in one pipeline. The same answers as box by box."""
        lock(conn, *(box_key(box.gtin, box.serial) for _, box, _ in boxes))
        earlier = self._earlier_scans(conn, operation, [(box.gtin, box.serial) for _, box, _ in boxes])
        first_of: dict[tuple[str, str], int] = {}  # a box listed twice: its first line
        new: list[int] = []
        for index, (_, box, _) in enumerate(boxes):
            name = (box.gtin, box.serial)
            if name not in earlier and name not in first_of:
                first_of[name] = index
                new.append(index)
        ids = self._insert_new_items(conn, notification_id, operation,
                                     [(boxes[i][1], boxes[i][2]) for i in new], source)
        item_of = {i: item_id for i, item_id in zip(new, ids)}
        again = {row["id"]: dict(row) for row in conn.execute(
            "SELECT * FROM items WHERE id = ANY(?)",
            [[item_of[first_of[(box.gtin, box.serial)]] for i, (_, box, _) in enumerate(boxes)
              if i not in item_of and (box.gtin, box.serial) not in earlier]])}
        answers: list[tuple[object, int | DuplicateItem]] = []
        for index, (key, box, _) in enumerate(boxes):
            name = (box.gtin, box.serial)
            if index in item_of:
                answers.append((key, item_of[index]))
            elif name in earlier:
                answers.append((key, DuplicateItem(earlier[name])))
            else:
                answers.append((key, DuplicateItem(again[item_of[first_of[name]]])))
        return answers

    @staticmethod
    def _earlier_scans(conn, operation: Operation, names: list[tuple[str, str]]) -> dict[tuple[str, str], dict]:
        """`_earlier_scan` for many boxes at once (PostgreSQL): (GTIN, serial) → the earlier item."""
        if not names:
            return {}
        wanted = "(gtin, serial) IN (SELECT * FROM unnest(?::text[], ?::text[]))"
        gtins, serials = [name[0] for name in names], [name[1] for name in names]
        found = {(row["gtin"], row["serial"]): dict(row) for row in conn.execute(
            f"SELECT * FROM items WHERE operation = ? AND state IN ({_ACTIVE_SQL}) AND {wanted} ORDER BY id DESC",
            [operation.value, gtins, serials])}
        if operation is Operation.VERIFY:
            return found
        for row in conn.execute(
                f"SELECT DISTINCT ON (gtin, serial) * FROM items WHERE state = ? AND operation != ? AND {wanted} "
                "ORDER BY gtin, serial, updated_at DESC, id DESC",
                [states.ACCEPTED, Operation.VERIFY.value, gtins, serials]):
            if row["operation"] == operation.value:
                found.setdefault((row["gtin"], row["serial"]), dict(row))
        return found

    def _open_notification(self, conn: sqlite3.Connection, operation: Operation,
                           stakeholder: Stakeholder, header: Header,
                           state: str = states.NOTIFICATION_OPEN) -> int:
        columns = header_columns(operation, header)
        find = ("SELECT id FROM notifications WHERE group_key = ? AND state = ? AND stakeholder = ?",
                [columns["group_key"], state, stakeholder.value])
        row = conn.execute(*find).fetchone()
        if row:
            return row[0]
        # Two stations scanning under one header at once make the same notification: the
        # one that makes it holds the header's lock, the other looks again once it may.
        # (Taken only to make one, so scans under an open notification never wait on it.)
        if lock(conn, f"notification:{stakeholder.value}:{columns['group_key']}"):
            row = conn.execute(*find).fetchone()
            if row:
                return row[0]
        columns.update(operation=operation.value, stakeholder=stakeholder.value,
                       state=state, created_at=now())
        names = ", ".join(columns)
        marks = ", ".join("?" for _ in columns)
        return conn.execute(f"INSERT INTO notifications ({names}) VALUES ({marks})",
                            list(columns.values())).lastrowid

    def _insert_item(self, conn: sqlite3.Connection, notification_id: int, operation: Operation,
                     box: QueuedBox, raw: str, source: str, state: str = states.QUEUED) -> int:
        # One station at a time looks at a box and queues it: a box two stations scan at
        # once is queued by one and refused as a duplicate by the other.
        lock(conn, box_key(box.gtin, box.serial))
        earlier = self._earlier_scan(conn, operation, box.gtin, box.serial)
        if earlier:
            raise DuplicateItem(earlier)
        conn.execute("SAVEPOINT queue_box")
        try:
            item_id = self._insert_new_items(conn, notification_id, operation, [(box, raw)], source, state)[0]
        except INTEGRITY_ERRORS:
            conn.execute("ROLLBACK TO SAVEPOINT queue_box")
            raise DuplicateItem(self._earlier_scan(conn, operation, box.gtin, box.serial)) from None
        conn.execute("RELEASE SAVEPOINT queue_box")
        return item_id

    @staticmethod
    def _insert_new_items(conn: sqlite3.Connection, notification_id: int, operation: Operation,
                          boxes: Sequence[tuple[QueuedBox, str]], source: str,
                          state: str = states.QUEUED) -> list[int]:
        """Insert boxes already found not to be duplicates, each with its raw scan; returns
        their item ids in order. One prepared statement for them all: a 20,000-box shipment
        is queued in a fraction of a second."""
        stamp = now()
        insert = ("INSERT INTO items (notification_id, operation, gtin, serial, batch, expiry, "
                  "expiry_raw, raw, source, state, scanned_at, updated_at) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        rows = [(notification_id, operation.value, box.gtin, box.serial, box.batch, box.expiry.isoformat(),
                 getattr(box, "expiry_raw", None), raw, source, state, stamp, stamp) for box, raw in boxes]
        if hasattr(conn, "insert_returning_ids"):  # PostgreSQL: other stations insert meanwhile
            item_ids = conn.insert_returning_ids(insert, rows)
        else:
            before = conn.execute("SELECT COALESCE(MAX(id), 0) FROM items").fetchone()[0]
            conn.executemany(insert, rows)
            # SQLite has one writer: within this transaction the new rows take the ids after the largest one.
            item_ids = [row[0] for row in conn.execute("SELECT id FROM items WHERE id > ? ORDER BY id", [before])]
        conn.executemany("INSERT OR IGNORE INTO products (gtin) VALUES (?)", {(box.gtin,) for box, _ in boxes})
        conn.executemany("INSERT OR IGNORE INTO product_batches (gtin, batch, expiry, first_seen) "
                         "VALUES (?, ?, ?, ?)",
                         {(box.gtin, box.batch, box.expiry.isoformat(), stamp) for box, _ in boxes})
        return item_ids

    @staticmethod
    def _earlier_scan(conn: sqlite3.Connection, operation: Operation, gtin: str,
                      serial: str, but: int | None = None) -> dict | None:
        """The earlier item that makes a new scan of this box a duplicate: one still in
        the queue for the same operation, or the box's last notified operation if it is
        this same one (a box received, returned and received again is fine).
        A verification moves nothing: it never hides the last notified operation, and a
        box may be verified again once the earlier verification has its answer.
        `but`: an item not to count (the box itself, leaving the waiting state)."""
        row = conn.execute(
            f"SELECT * FROM items WHERE operation = ? AND gtin = ? AND serial = ? "
            f"AND state IN ({_ACTIVE_SQL}) AND id IS NOT ?", [operation.value, gtin, serial, but]).fetchone()
        if row:
            return dict(row)
        if operation is Operation.VERIFY:
            return None
        row = conn.execute(
            "SELECT * FROM items WHERE gtin = ? AND serial = ? AND state = ? AND operation != ? "
            "ORDER BY updated_at DESC, id DESC LIMIT 1",
            [gtin, serial, states.ACCEPTED, Operation.VERIFY.value]).fetchone()
        if row and row["operation"] == operation.value:
            return dict(row)
        return None

    def remove_item(self, item_id: int) -> bool:
        """Take a box off the queue: one never sent (queued, or waiting for the details), or
        one a refused notification stopped (ITS did nothing with it) unless an earlier send
        of it may have reached ITS."""
        with self.write() as conn:
            cursor = conn.execute(
                "UPDATE items SET state = ?, updated_at = ? WHERE id = ? AND ((state IN (?, ?) "
                "AND attempts = 0) OR (state = ? AND in_doubt = 0))",
                [states.REMOVED, now(), item_id, states.QUEUED, states.WAITING, states.NEEDS_ATTENTION])
            self._forget_people_once_settled(conn, "id", item_id)
            return cursor.rowcount == 1

    def replace_item(self, item_id: int, operation: Operation, stakeholder: Stakeholder,
                     header: Header, box: QueuedBox, *, raw: str, source: str = "wedge") -> int:
        """A rescan of a stopped box replaces it, in one transaction: the stopped item is
        removed and the new scan queued with the current header. Raises DuplicateItem
        when the earlier item cannot be replaced (it is no longer stopped, or in doubt)."""
        with self.write() as conn:
            earlier = conn.execute("SELECT * FROM items WHERE id = ?", [item_id]).fetchone()
            if earlier is None or not self.remove_item(item_id):
                raise DuplicateItem(dict(earlier) if earlier else {"id": item_id})
            notification_id = self._open_notification(conn, operation, stakeholder, header)
            return self._insert_item(conn, notification_id, operation, box, raw, source)

    def stopped_notifications(self, operation: Operation | str | None = None) -> list[dict]:
        """Notifications ITS refused as a whole (their boxes need attention), oldest first,
        with how many boxes wait and ITS's code and message."""
        where, params = "i.state = ?", [states.NEEDS_ATTENTION]
        if operation is not None:
            where += " AND n.operation = ?"
            params.append(Operation(operation).value)
        return self.read(
            "SELECT n.*, COUNT(*) AS stopped, MAX(i.fc) AS fc, MAX(i.message) AS message "
            f"FROM notifications n JOIN items i ON i.notification_id = n.id WHERE {where} "
            "GROUP BY n.id ORDER BY n.id", params)

    def retry_stopped(self, notification_id: int, header: Header | None = None) -> int:
        """Send a stopped notification again: with `header` (its details corrected) when
        given, else as it was (e.g. ITS now knows the counterparty). Its stopped boxes go
        back to the queue, in one transaction; returns how many."""
        with self.write() as conn:
            if header is not None:
                operation = conn.execute("SELECT operation FROM notifications WHERE id = ?",
                                         [notification_id]).fetchone()
                if operation is None:
                    return 0
                columns = header_columns(Operation(operation[0]), header)
                assignments = ", ".join(f"{name} = ?" for name in columns)
                conn.execute(f"UPDATE notifications SET {assignments} WHERE id = ?",
                             [*columns.values(), notification_id])
            return conn.execute(
                "UPDATE items SET state = ?, fc = NULL, message = NULL, updated_at = ? "
                "WHERE notification_id = ? AND state = ?",
                [states.QUEUED, now(), notification_id, states.NEEDS_ATTENTION]).rowcount

    # ---- reading (UI models, CLI status) -------------------------------------------------

    def item(self, item_id: int) -> dict | None:
        return self.read_one("SELECT * FROM items WHERE id = ?", [item_id])

    def items(self, *, operation: Operation | str | None = None, states_: Sequence[str] = (),
              notification_id: int | None = None, limit: int | None = None, offset: int = 0,
              newest_first: bool = True) -> list[dict]:
        where, params = ["1 = 1"], []
        if operation is not None:
            where.append("operation = ?")
            params.append(Operation(operation).value)
        if states_:
            where.append(f"state IN ({', '.join('?' for _ in states_)})")
            params.extend(states_)
        if notification_id is not None:
            where.append("notification_id = ?")
            params.append(notification_id)
        order = "DESC" if newest_first else "ASC"
        sql = f"SELECT * FROM items WHERE {' AND '.join(where)} ORDER BY id {order}"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [limit, offset]
        return self.read(sql, params)

    def settled_since(self, since: str, states_: Sequence[str], *, limit: int | None = None) -> list[dict]:
        """Items whose state became one of `states_` at or after `since` (the answers of a
        sync that started then), problems before accepted boxes, oldest first."""
        marks = ", ".join("?" for _ in states_)
        sql = (f"SELECT * FROM items WHERE updated_at >= ? AND state IN ({marks}) "
               f"ORDER BY CASE state WHEN 'accepted' THEN 1 ELSE 0 END, id")
        params = [since, *states_]
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return self.read(sql, params)

    def outcomes_scanned(self, since: str, until: str) -> list[dict]:
        """Items scanned from `since` until before `until` (ISO texts), counted per
        operation, state and answer (UC, FC, message): the end-of-day report's lines."""
        return self.read(
            "SELECT operation, state, uc, fc, message, COUNT(*) AS n FROM items "
            "WHERE scanned_at >= ? AND scanned_at < ? GROUP BY operation, state, uc, fc, message "
            "ORDER BY operation, state, n DESC", [since, until])

    def items_scanned(self, since: str, until: str, *, states_: Sequence[str] = ()) -> list[dict]:
        """Items scanned from `since` until before `until`, oldest first."""
        return self.read(*self._scanned_query(since, until, states_))

    def stream_items_scanned(self, since: str, until: str, *, states_: Sequence[str] = ()) -> Iterator[dict]:
        """The same items one by one, on a connection of their own (a day's CSV)."""
        return self.stream(*self._scanned_query(since, until, states_))

    @staticmethod
    def _scanned_query(since: str, until: str, states_: Sequence[str]) -> tuple[str, list]:
        where, params = ["scanned_at >= ?", "scanned_at < ?"], [since, until]
        if states_:
            where.append(f"state IN ({', '.join('?' for _ in states_)})")
            params.extend(states_)
        return f"SELECT * FROM items WHERE {' AND '.join(where)} ORDER BY id", params

    def notification(self, notification_id: int) -> dict | None:
        return self.read_one("SELECT * FROM notifications WHERE id = ?", [notification_id])

    def notifications(self, *, operation: Operation | str | None = None) -> list[dict]:
        if operation is None:
            return self.read("SELECT * FROM notifications ORDER BY id")
        return self.read("SELECT * FROM notifications WHERE operation = ? ORDER BY id",
                         [Operation(operation).value])

    def counts(self, operation: Operation | str | None = None) -> dict[str, int]:
        """Items per state (every state present, zero when none)."""
        counts = dict.fromkeys(states.ALL, 0)
        if operation is None:
            rows = self.read("SELECT state, COUNT(*) AS n FROM items GROUP BY state")
        else:
            rows = self.read("SELECT state, COUNT(*) AS n FROM items WHERE operation = ? "
                             "GROUP BY state", [Operation(operation).value])
        counts.update({row["state"]: row["n"] for row in rows})
        return counts

    def counts_by_operation(self) -> dict[str, dict[str, int]]:
        answer: dict[str, dict[str, int]] = {}
        for row in self.read("SELECT operation, state, COUNT(*) AS n FROM items "
                             "GROUP BY operation, state"):
            answer.setdefault(row["operation"], dict.fromkeys(states.ALL, 0))[row["state"]] = row["n"]
        return answer

    # ---- the sync engine's side ---------------------------------------------------------

    def recover_in_flight(self) -> int:
        """Items a crash left in `sending`: back to the queue, marked in doubt (their
        notification may have taken effect), so the next send reconciles them."""
        with self.write() as conn:
            return conn.execute(
                "UPDATE items SET state = ?, in_doubt = 1, updated_at = ? WHERE state = ?",
                [states.QUEUED, now(), states.SENDING]).rowcount

    def notifications_to_send(self) -> list[dict]:
        """Notifications with queued items, oldest first, with how many are queued."""
        return self.read(
            "SELECT n.*, q.queued FROM notifications n JOIN (SELECT notification_id, "
            "COUNT(*) AS queued FROM items WHERE state = ? GROUP BY notification_id) q "
            "ON q.notification_id = n.id ORDER BY n.id", [states.QUEUED])

    def queued_total(self) -> int:
        return self.scalar("SELECT COUNT(*) FROM items WHERE state = ?", [states.QUEUED])

    def claim_chunk(self, notification_id: int, size: int, request_id: str) -> list[dict]:
        """Mark up to `size` queued items of a notification `sending` under `request_id`
        (one transaction, before anything goes on the wire) and return them. Closes the
        notification: scans arriving from now on start a new one."""
        with self.write() as conn:
            # (a station whose claim holds the notification's row is closing it already)
            conn.execute("UPDATE notifications SET state = ? WHERE id IN (SELECT id FROM notifications "
                         f"WHERE id = ?{self._skip_locked})", [states.NOTIFICATION_CLOSED, notification_id])
            conn.execute(
                "UPDATE items SET state = ?, request_id = ?, attempts = attempts + 1, "
                "updated_at = ? WHERE id IN (SELECT id FROM items WHERE notification_id = ? "
                f"AND state = ? ORDER BY id LIMIT ?{self._skip_locked})",
                [states.SENDING, request_id, now(), notification_id, states.QUEUED, size])
            rows = conn.execute(
                "SELECT id, operation, gtin, serial, batch, expiry, in_doubt FROM items "
                "WHERE request_id = ? AND state = ? ORDER BY id",
                [request_id, states.SENDING]).fetchall()
        return [dict(row) for row in rows]

    def record_results(self, request_id: str, its_notification_id: str | None,
                       outcomes: Iterable[tuple[int, str, str | None, str | None]]) -> None:
        """One ITS answer, in one transaction: (item id, state, UC, message) per item."""
        stamp = now()
        with self.write() as conn:
            conn.executemany(
                "UPDATE items SET state = ?, uc = ?, message = ?, its_notification_id = ?, "
                "fc = NULL, in_doubt = 0, updated_at = ? WHERE id = ? AND request_id = ?",
                ([state, uc, message, its_notification_id, stamp, item_id, request_id]
                 for item_id, state, uc, message in outcomes))
            if its_notification_id:
                conn.execute("UPDATE notifications SET its_notification_id = ?, sent_at = ? "
                             "WHERE id = (SELECT notification_id FROM items WHERE request_id = ? "
                             "LIMIT 1)", [its_notification_id, stamp, request_id])
            self._forget_people_once_settled(conn, "request_id", request_id)

    @staticmethod
    def _forget_people_once_settled(conn: sqlite3.Connection, item_column: str, value) -> None:
        """A sale's doctor and patient T.C. numbers are needed only to send it: once no box
        of the notification (the one of the item whose `item_column` is `value`) waits or
        needs attention, ITS has settled or the pharmacist removed them all, and they go."""
        row = conn.execute(
            "SELECT * FROM notifications WHERE id = (SELECT notification_id FROM items "
            f"WHERE {item_column} = ? LIMIT 1) AND ({' OR '.join(f'{c} IS NOT NULL' for c in _PEOPLE_COLUMNS)})"
            f" AND NOT EXISTS (SELECT 1 FROM items WHERE items.notification_id = notifications.id "
            f"AND items.state IN ({_ACTIVE_SQL}))", [value]).fetchone()
        if row is None:
            return
        columns = header_columns(Operation(row["operation"]), header_of(
            {**dict(row), **dict.fromkeys(_PEOPLE_COLUMNS)}))
        conn.execute(f"UPDATE notifications SET {', '.join(f'{c} = NULL' for c in _PEOPLE_COLUMNS)}, "
                     "group_key = ? WHERE id = ?", [columns["group_key"], row["id"]])

    def release_chunk(self, request_id: str, message: str | None = None, *,
                      in_doubt: bool = True) -> int:
        """The items of a chunk go back to the queue. `in_doubt`: the outcome of the send
        is unknown (timeout, reset, bad answer), so the next send is reconciled; False
        when ITS certainly did nothing (it refused the login), which keeps what was known."""
        with self.write() as conn:
            return conn.execute(
                "UPDATE items SET state = ?, in_doubt = CASE WHEN ? = 1 THEN 1 ELSE in_doubt END, message = ?, "
                "updated_at = ? WHERE request_id = ? AND state = ?",
                [states.QUEUED, int(in_doubt), message, now(), request_id, states.SENDING]).rowcount

    def stop_notification(self, notification_id: int, fc: str, message: str) -> int:
        """ITS refused the notification as a whole (FC 11xxx): every item not yet settled
        waits for the pharmacist, with the server's code and message."""
        with self.write() as conn:
            return conn.execute(
                "UPDATE items SET state = ?, fc = ?, message = ?, updated_at = ? "
                "WHERE notification_id = ? AND state IN (?, ?)",
                [states.NEEDS_ATTENTION, fc, message, now(), notification_id,
                 states.QUEUED, states.SENDING]).rowcount
