"""Stock count (sayım): the boxes found on the shelf, scanned in any order over several
sittings, and their comparison with the stock on hand: boxes missing, boxes never booked
in here, boxes here although ITS says they left, and karekods whose expiry differs from
the one on file. A count changes no stock: only an ITS-accepted notification does."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from pharmadesk.bilingual import Bilingual
from pharmadesk.domain import Operation
from pharmadesk.store.database import now
from pharmadesk.store.outbox import QueuedBox
from pharmadesk.store.stock import IN_OPERATIONS, Stock, StockBox

OK = "ok"
UNEXPECTED = "unexpected"  # never booked in at this station
LEFT = "left"  # booked out: ITS says it is no longer here
EXPIRY_DIFFERS = "expiry-differs"  # on the shelf, but the karekod's expiry is not the one on file


@dataclass(frozen=True)
class CountScan(Bilingual):
    """What one count scan found; `again` when the box was already counted."""

    finding: str
    again: bool
    box: QueuedBox
    message_tr: str
    message_en: str
    last_operation: Operation | None = None
    expiry_on_file: date | None = None


@dataclass
class CountResult:
    counted: int = 0
    matched: int = 0
    missing: list[StockBox] = field(default_factory=list)
    unexpected: list[CountScan] = field(default_factory=list)
    left: list[CountScan] = field(default_factory=list)
    expiry_differs: list[CountScan] = field(default_factory=list)


class Counts(Stock):
    """Stock counts of the Store (mixed into `pharmadesk.store.Store`)."""

    def open_count(self) -> int:
        """The count in progress (continued in a later sitting), or a new one."""
        with self.write() as conn:
            row = conn.execute("SELECT id FROM stock_counts WHERE closed_at IS NULL ORDER BY id DESC").fetchone()
            if row:
                return row[0]
            return conn.execute("INSERT INTO stock_counts (started_at) VALUES (?)", [now()]).lastrowid

    def close_count(self, count_id: int) -> None:
        with self.write() as conn:
            conn.execute("UPDATE stock_counts SET closed_at = ? WHERE id = ?", [now(), count_id])

    def count_info(self, count_id: int) -> dict | None:
        return self.read_one("SELECT c.*, (SELECT COUNT(*) FROM stock_count_scans s WHERE s.count_id = c.id) AS boxes "
                             "FROM stock_counts c WHERE c.id = ?", [count_id])

    def count_scan(self, count_id: int, box: QueuedBox, raw: str) -> CountScan:
        """Record a box found on the shelf (once per count) and say what it means."""
        again = False
        with self.write() as conn:
            again = conn.execute("INSERT OR IGNORE INTO stock_count_scans VALUES (?, ?, ?, ?, ?, ?, ?)",
                                 [count_id, box.gtin, box.serial, box.batch, box.expiry.isoformat(), raw,
                                  now()]).rowcount == 0
        return self._finding(box, again)

    def _finding(self, box: QueuedBox, again: bool) -> CountScan:
        position = self.box_position(box.gtin, box.serial)
        if position is None:
            return CountScan(UNEXPECTED, again, box,
                             "Bu kutu bu istasyonda hiç giriş yapılmamış (ITS'in kabul ettiği bir alımı yok).",
                             "This box was never received here (no purchase accepted by ITS).")
        operation = Operation(position["operation"])
        if operation not in IN_OPERATIONS and operation is not Operation.VERIFY:
            return CountScan(LEFT, again, box,
                             f"Kutu raftaysa da ITS'e göre çıktı: {position['updated_at'][:10]} tarihli bildirim.",
                             f"The box is here, but ITS says it left: notified on {position['updated_at'][:10]}.",
                             last_operation=operation)
        on_file = date.fromisoformat(position["expiry"])
        if on_file != box.expiry:
            return CountScan(EXPIRY_DIFFERS, again, box,
                             f"Karekoddaki son kullanma tarihi ({box.expiry:%d.%m.%Y}) kayıttakinden "
                             f"({on_file:%d.%m.%Y}) farklı: kutuyu ve karekodu kontrol edin.",
                             f"The karekod's expiry ({box.expiry:%d.%m.%Y}) differs from the one on file "
                             f"({on_file:%d.%m.%Y}): check the box and its karekod.",
                             expiry_on_file=on_file)
        return CountScan(OK, again, box, "Stokta, sayıldı.", "In stock, counted.")

    def count_result(self, count_id: int) -> CountResult:
        """The count compared with the stock on hand now."""
        result = CountResult()
        found = set()
        for row in self.read("SELECT * FROM stock_count_scans WHERE count_id = ? ORDER BY scanned_at", [count_id]):
            box = QueuedBox(row["gtin"], row["serial"], row["batch"], date.fromisoformat(row["expiry"]))
            found.add((box.gtin, box.serial))
            scan = self._finding(box, False)
            result.counted += 1
            {OK: lambda s: None, UNEXPECTED: result.unexpected.append, LEFT: result.left.append,
             EXPIRY_DIFFERS: result.expiry_differs.append}[scan.finding](scan)
            result.matched += scan.finding in (OK, EXPIRY_DIFFERS)
        result.missing = [box for box in self.stock_boxes() if (box.gtin, box.serial) not in found]
        return result
