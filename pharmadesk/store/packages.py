"""Expected shipments: the PTS packages a station downloaded, their carrier tree (pallet →
case → …) and every box they list, ticked off as the delivery is scanned and queued for
Mal Alım from here. A package is stored in one transaction, and a transferId only once."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import islice

from pharmadesk.domain import Header, Operation, Stakeholder, batch_is_valid, gtin_is_valid, serial_is_valid
from pharmadesk.store.database import now
from pharmadesk.store.outbox import Outbox, QueuedBox

BATCH = 1000  # rows of a package written at a time: memory stays flat, statements stay few

OPEN = "open"  # boxes still to be received
RECEIVED = "received"  # every box that can be received is queued for Mal Alım

# Why a box of a package cannot be received (pts_boxes.flag).
FLAG_RECEIVED = "received"  # already received (or queued for it) before the package came
FLAG_OTHER_PACKAGE = "other-package"  # listed by another open package too
FLAG_EXPIRED = "expired"
FLAG_INVALID = "invalid"  # breaks an ITS field rule (GTIN check digit, SN, BN)

# The boxes inside one carrier, at any depth.
_INSIDE = """WITH RECURSIVE inside(sscc) AS (
    SELECT :sscc UNION SELECT c.sscc FROM pts_carriers c JOIN inside i ON c.parent_sscc = i.sscc
    WHERE c.package_id = :package)"""


class PackageAlreadyStored(Exception):
    """This transfer (or this very file) was imported before; `package_id` is the stored one."""

    def __init__(self, package_id: int):
        super().__init__(f"package {package_id} is already stored")
        self.package_id = package_id


class BoxListedTwice(Exception):
    """The package lists one box (GTIN, serial) twice: it is refused whole."""

    def __init__(self, gtin: str, serial: str):
        super().__init__(f"box {gtin} {serial} is listed twice")
        self.gtin, self.serial = gtin, serial


@dataclass(frozen=True)
class Acceptance:
    """What accepting boxes of a package did: queued, refused by a flag, or set aside."""

    queued: int
    flagged: int
    damaged: int
    duplicates: int


class Packages(Outbox):
    """PTS package operations of the Store (mixed into `pharmadesk.store.Store`)."""

    def add_package(self, package, *, transfer_id: int | None, transfer_date: str | None, source: str,
                    today: date, check: Callable[[object, int], None]) -> int:
        """Store an opened `pts_package.Package` with its carriers and boxes; returns its id.
        The package is streamed into ONE transaction in batches of BATCH rows, so memory stays
        flat however many boxes it lists; `check(package, boxes)` then judges its header, and a
        refusal from it, from the stream (up to its last byte) or a box listed twice rolls
        everything back. Boxes that cannot be received are stored flagged, never dropped or
        duplicated."""
        with self.write() as conn:
            earlier = conn.execute("SELECT id FROM pts_packages WHERE transfer_id = ?", [transfer_id]).fetchone()
            if earlier:
                raise PackageAlreadyStored(earlier[0])
            package_id = conn.execute(  # the header and digest are known once the stream has ended
                "INSERT INTO pts_packages (transfer_id, digest, sender_gln, receiver_gln, transfer_date, source, "
                "state, fetched_at) VALUES (?, '', '', '', ?, ?, ?, ?)",
                [transfer_id, transfer_date, source, OPEN, now()]).lastrowid
            boxes = 0
            for batch in _batches(package.items()):  # carriers and boxes; a carrier is what has an SSCC
                conn.executemany("INSERT OR IGNORE INTO pts_carriers VALUES (?, ?, ?, ?)",
                                 [(package_id, c.sscc, c.parent, c.container_type)
                                  for c in batch if hasattr(c, "sscc")])
                rows = [(package_id, box.carrier, box.gtin, box.serial, box.batch,
                         box.expiry.isoformat() if box.expiry else None, box.production_date, box.po_number,
                         _box_flag(box, today)) for box in batch if not hasattr(box, "sscc")]
                conn.executemany(
                    "INSERT INTO pts_boxes (package_id, carrier_sscc, gtin, serial, batch, expiry, "
                    "production_date, po_number, flag) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
                boxes += len(rows)
            earlier = conn.execute("SELECT id FROM pts_packages WHERE digest = ?", [package.digest]).fetchone()
            if earlier:
                raise PackageAlreadyStored(earlier[0])
            twice = conn.execute("SELECT gtin, serial FROM pts_boxes WHERE package_id = ? GROUP BY gtin, serial "
                                 "HAVING COUNT(*) > 1 LIMIT 1", [package_id]).fetchone()
            if twice:
                raise BoxListedTwice(twice[0], twice[1])
            check(package, boxes)
            conn.execute(
                "UPDATE pts_packages SET digest = ?, sender_gln = ?, receiver_gln = ?, action_type = ?, ship_to = ?, "
                "document_number = ?, document_date = ?, note = ? WHERE id = ?",
                [package.digest, package.sender_gln, package.receiver_gln, package.action_type, package.ship_to,
                 package.document_number, package.document_date, package.note, package_id])
            self._flag_known_boxes(conn, package_id)
            return package_id

    def _flag_known_boxes(self, conn: sqlite3.Connection, package_id: int) -> None:
        """Flag the boxes received before (or queued for it) and those another open package
        lists. Only boxes the database has seen are looked at one by one."""
        seen = conn.execute(
            "SELECT DISTINCT b.id, b.gtin, b.serial FROM pts_boxes b JOIN items i ON i.gtin = b.gtin "
            "AND i.serial = b.serial WHERE b.package_id = ? AND b.flag IS NULL", [package_id]).fetchall()
        conn.executemany("UPDATE pts_boxes SET flag = ? WHERE id = ?",
                         [(FLAG_RECEIVED, box_id) for box_id, gtin, serial in seen
                          if self._earlier_scan(conn, Operation.RECEIVE, gtin, serial)])
        conn.execute(
            "UPDATE pts_boxes SET flag = ? WHERE package_id = ? AND flag IS NULL AND EXISTS ("
            "SELECT 1 FROM pts_boxes other JOIN pts_packages p ON p.id = other.package_id "
            "WHERE other.gtin = pts_boxes.gtin AND other.serial = pts_boxes.serial AND other.package_id != ? "
            "AND p.state = ? AND other.item_id IS NULL)", [FLAG_OTHER_PACKAGE, package_id, package_id, OPEN])

    # ---- reading ----

    def packages(self, *, package_id: int | None = None) -> list[dict]:
        """Every stored package (or the one `package_id`), newest first, with its counts: boxes,
        carriers, scanned, received (queued for Mal Alım), damaged, flagged and remaining, and
        the sender's name."""
        where = "" if package_id is None else "WHERE p.id = :package"
        return self.read(
            "SELECT p.*, MAX(partners.name) AS sender_name, "
            "(SELECT COUNT(*) FROM pts_carriers c WHERE c.package_id = p.id) AS carriers, "
            "COUNT(b.id) AS boxes, COUNT(b.scanned_at) AS scanned, COUNT(b.item_id) AS received, "
            "SUM(b.damaged) AS damaged, COUNT(b.flag) AS flagged, "
            "SUM(CASE WHEN b.item_id IS NULL AND b.flag IS NULL AND b.damaged = 0 THEN 1 ELSE 0 END) AS remaining "
            f"FROM pts_packages p LEFT JOIN pts_boxes b ON b.package_id = p.id "
            f"LEFT JOIN partners ON partners.gln = p.sender_gln {where} GROUP BY p.id ORDER BY p.id DESC",
            {"package": package_id})

    def package(self, package_id: int) -> dict | None:
        found = self.packages(package_id=package_id)
        return found[0] if found else None

    def package_by_transfer(self, transfer_id: int) -> dict | None:
        row = self.read_one("SELECT id FROM pts_packages WHERE transfer_id = ?", [transfer_id])
        return self.package(row["id"]) if row else None

    def stored_transfer_ids(self) -> set[int]:
        return {row["transfer_id"] for row in self.read("SELECT transfer_id FROM pts_packages "
                                                         "WHERE transfer_id IS NOT NULL")}

    def package_boxes(self, package_id: int) -> list[dict]:
        return self.read("SELECT * FROM pts_boxes WHERE package_id = ? ORDER BY id", [package_id])

    def package_carriers(self, package_id: int) -> list[dict]:
        """Carriers with the number of boxes directly inside each."""
        return self.read(
            "SELECT c.*, (SELECT COUNT(*) FROM pts_boxes b WHERE b.package_id = c.package_id "
            "AND b.carrier_sscc = c.sscc) AS boxes FROM pts_carriers c WHERE c.package_id = ? ORDER BY c.rowid",
            [package_id])

    def carrier_packages(self, sscc: str) -> list[int]:
        """The open packages that hold this carrier label."""
        return [row["package_id"] for row in self.read(
            "SELECT c.package_id FROM pts_carriers c JOIN pts_packages p ON p.id = c.package_id "
            "WHERE c.sscc = ? AND p.state = ? ORDER BY c.package_id", [sscc, OPEN])]

    def box_ids_inside(self, package_id: int, ssccs: Iterable[str]) -> list[int]:
        ids: list[int] = []
        for sscc in ssccs:
            ids.extend(row["id"] for row in self.read(
                f"{_INSIDE} SELECT id FROM pts_boxes WHERE package_id = :package "
                f"AND carrier_sscc IN (SELECT sscc FROM inside)", {"sscc": sscc, "package": package_id}))
        return ids

    def discrepancies(self, package_id: int) -> dict[str, list[dict]]:
        """The three lists of a delivery check: expected but not scanned, scanned but not in
        the package, and set aside as damaged."""
        return {
            "missing": self.read("SELECT * FROM pts_boxes WHERE package_id = ? AND scanned_at IS NULL "
                                 "AND damaged = 0 ORDER BY id", [package_id]),
            "strays": self.read("SELECT * FROM pts_strays WHERE package_id = ? ORDER BY id", [package_id]),
            "damaged": self.read("SELECT * FROM pts_boxes WHERE package_id = ? AND damaged = 1 ORDER BY id",
                                 [package_id]),
        }

    # ---- scanning a delivery ----

    def tick_box(self, package_id: int, gtin: str, serial: str) -> dict | None:
        """Mark one box of the package as scanned; its row as it was before, or None when the
        package does not list it."""
        with self.write() as conn:
            row = conn.execute("SELECT * FROM pts_boxes WHERE package_id = ? AND gtin = ? AND serial = ?",
                               [package_id, gtin, serial]).fetchone()
            if row is None:
                return None
            if row["scanned_at"] is None:
                conn.execute("UPDATE pts_boxes SET scanned_at = ? WHERE id = ?", [now(), row["id"]])
            return dict(row)

    def tick_carrier(self, package_id: int, sscc: str) -> tuple[int, int]:
        """Mark every box inside the carrier, at any depth, as scanned:
        (boxes newly ticked, boxes inside)."""
        params = {"sscc": sscc, "package": package_id, "at": now()}
        with self.write() as conn:
            update = conn.execute(
                f"{_INSIDE} UPDATE pts_boxes SET scanned_at = :at WHERE package_id = :package "
                f"AND scanned_at IS NULL AND carrier_sscc IN (SELECT sscc FROM inside)", params)
            # sqlite3's rowcount misses a WITH … UPDATE; PostgreSQL has no changes()
            ticked = update.rowcount if self.engine == "postgresql" else \
                conn.execute("SELECT changes()").fetchone()[0]
            inside = conn.execute(
                f"{_INSIDE} SELECT COUNT(*) FROM pts_boxes WHERE package_id = :package "
                f"AND carrier_sscc IN (SELECT sscc FROM inside)", params).fetchone()[0]
        return ticked, inside

    def record_stray(self, package_id: int, box: QueuedBox, raw: str) -> bool:
        """A scanned box the package does not list; False if it was recorded before."""
        with self.write() as conn:
            return conn.execute(
                "INSERT OR IGNORE INTO pts_strays (package_id, gtin, serial, batch, expiry, raw, scanned_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [package_id, box.gtin, box.serial, box.batch, box.expiry.isoformat(), raw, now()]).rowcount == 1

    def set_damaged(self, box_ids: Sequence[int]) -> int:
        """Set boxes aside as damaged, to be returned; not once queued for Mal Alım."""
        with self.write() as conn:
            return sum(conn.execute("UPDATE pts_boxes SET damaged = 1 WHERE id = ? AND item_id IS NULL",
                                    [box_id]).rowcount for box_id in box_ids)

    # ---- receiving ----

    def accept_package(self, package_id: int, stakeholder: Stakeholder, header: Header,
                       box_ids: Sequence[int] | None = None) -> Acceptance:
        """Queue Mal Alım for the package's boxes (all, or `box_ids`) in ONE transaction.
        Flagged and damaged boxes stay out; a box queued or received meanwhile is flagged
        received. The package closes once nothing is left to receive."""
        chosen = None if box_ids is None else set(box_ids)
        with self.write() as conn:
            rows = [row for row in conn.execute("SELECT * FROM pts_boxes WHERE package_id = ? AND item_id IS NULL "
                                                "ORDER BY id", [package_id])
                    if chosen is None or row["id"] in chosen]
            flagged = sum(1 for row in rows if row["flag"])
            damaged = sum(1 for row in rows if not row["flag"] and row["damaged"])
            wanted = [row for row in rows if not row["flag"] and not row["damaged"]]
            # Only boxes the outbox has seen before can be duplicates: ask about those alone,
            # so 20,000 fresh boxes cost a handful of statements, not 20,000 checks.
            seen = {row[0] for row in conn.execute(
                "SELECT DISTINCT b.id FROM pts_boxes b JOIN items i ON i.gtin = b.gtin AND i.serial = b.serial "
                "WHERE b.package_id = ?", [package_id])}
            duplicates = [row["id"] for row in wanted if row["id"] in seen
                          and self._earlier_scan(conn, Operation.RECEIVE, row["gtin"], row["serial"])]
            conn.executemany("UPDATE pts_boxes SET flag = ? WHERE id = ?", [(FLAG_RECEIVED, i) for i in duplicates])
            fresh = [row for row in wanted if row["id"] not in set(duplicates)]
            if fresh:
                notification_id = self._open_notification(conn, Operation.RECEIVE, stakeholder, header)
                boxes = [(QueuedBox(row["gtin"], row["serial"], row["batch"], date.fromisoformat(row["expiry"])),
                          _karekod_text(row)) for row in fresh]
                item_ids = self._insert_new_items(conn, notification_id, Operation.RECEIVE, boxes, "pts")
                conn.executemany("UPDATE pts_boxes SET item_id = ? WHERE id = ?",
                                 [(item_id, row["id"]) for row, item_id in zip(fresh, item_ids)])
            left = conn.execute("SELECT COUNT(*) FROM pts_boxes WHERE package_id = ? AND item_id IS NULL "
                                "AND flag IS NULL AND damaged = 0", [package_id]).fetchone()[0]
            if not left:
                conn.execute("UPDATE pts_packages SET state = ? WHERE id = ?", [RECEIVED, package_id])
        return Acceptance(len(fresh), flagged, damaged, len(duplicates))


def _batches(items: Iterator) -> Iterator[list]:
    """The items in lists of at most BATCH."""
    while batch := list(islice(items, BATCH)):
        yield batch


def _box_flag(box, today: date) -> str | None:
    """What the box itself says against receiving it: an ITS field rule broken, or expired."""
    if box.expiry is None or not (gtin_is_valid(box.gtin) and serial_is_valid(box.serial)
                                  and batch_is_valid(box.batch)):
        return FLAG_INVALID
    return FLAG_EXPIRED if box.expiry < today else None


def _karekod_text(box: sqlite3.Row) -> str:
    """The karekod a box of the package would give if scanned (the item's `raw`)."""
    expiry = box["expiry"]  # YYYY-MM-DD → YYMMDD
    return f"01{box['gtin']}21{box['serial']}\x1d17{expiry[2:4]}{expiry[5:7]}{expiry[8:10]}10{box['batch']}"


__all__ = ["Packages", "PackageAlreadyStored", "BoxListedTwice", "BATCH", "Acceptance", "OPEN", "RECEIVED", "FLAG_RECEIVED",
           "FLAG_OTHER_PACKAGE", "FLAG_EXPIRED", "FLAG_INVALID"]
