"""The scan table of one operation page: a Qt model over the store's items for that
operation, plus the scans that were refused (never queued, so kept only on screen).
Newest first; a new scan is one inserted row, so the table stays quick at 10,000 rows."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from datetime import date, datetime

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from pharmadesk import reconcile
from pharmadesk.domain import Operation
from pharmadesk.its import codes
from pharmadesk.session import ScanOutcome
from pharmadesk.store import Store, StoreError, states
from pharmadesk.ui import feedback


# How many of an operation's items a page shows (newest first); older ones stay in the
# store and in `pharmadesk status`.
PAGE_ROWS = 20000


@dataclass(frozen=True)
class ScanRow:
    """One line of the table: a queued item (item_id set) or a refused scan."""

    kind: str  # an item state (queued, accepted, ...) or a refusal status (expired, ...)
    scanned_at: datetime
    item_id: int | None = None
    gtin: str = ""
    serial: str = ""
    batch: str = ""
    expiry: date | None = None
    uc: str | None = None
    message_tr: str = ""
    message_en: str = ""
    raw: str = ""

    @property
    def refused(self) -> bool:
        return self.item_id is None or self.kind == "duplicate"

    def days_left(self, today: date) -> int | None:
        return None if self.expiry is None else (self.expiry - today).days


def row_from_item(item: dict) -> ScanRow:
    return ScanRow(
        kind=item["state"], scanned_at=datetime.fromisoformat(item["scanned_at"]),
        item_id=item["id"], gtin=item["gtin"], serial=item["serial"], batch=item["batch"],
        expiry=date.fromisoformat(item["expiry"]), uc=item.get("uc"),
        message_tr=_answer(item, "tr"), message_en=_answer(item, "en"), raw=item["raw"])


def _answer(item: dict, lang: str) -> str:
    """A stopped notification's fault (FC and what it means), or the note stored with the item."""
    code, text, _ = reconcile.explain(item, lang)
    return f"{code} {text}" if item.get("fc") and not item.get("uc") else text


def row_from_outcome(outcome: ScanOutcome, raw: str, item: dict | None) -> ScanRow:
    """The row for a fresh scan: the stored item when it was queued, else the refusal."""
    if outcome.status == "queued" and item is not None:
        return row_from_item(item)
    karekod = outcome.karekod
    return ScanRow(
        kind=outcome.status, scanned_at=datetime.now().astimezone(), item_id=outcome.item_id,
        gtin=getattr(karekod, "gtin", ""), serial=getattr(karekod, "serial", ""),
        batch=getattr(karekod, "batch", ""), expiry=getattr(karekod, "expiry", None),
        message_tr=outcome.message_tr, message_en=outcome.message_en, raw=raw)


def fetch_fresh(store: Store, operation: Operation) -> dict[int, ScanRow | None]:
    """The page's items as rows, by item id (None: removed). Qt-free, so a worker thread
    can read them on its own connection while the GUI stays responsive."""
    return {item["id"]: (None if item["state"] == states.REMOVED else row_from_item(item))
            for item in store.items(operation=operation, limit=PAGE_ROWS)}


STATE_NAMES = {
    states.QUEUED: lambda: QCoreApplication.translate("ScanTable", "Queued"),
    states.SENDING: lambda: QCoreApplication.translate("ScanTable", "Sending"),
    states.ACCEPTED: lambda: QCoreApplication.translate("ScanTable", "Accepted by ITS"),
    states.REJECTED: lambda: QCoreApplication.translate("ScanTable", "Rejected by ITS"),
    states.NEEDS_ATTENTION: lambda: QCoreApplication.translate("ScanTable", "Needs attention"),
    states.REMOVED: lambda: QCoreApplication.translate("ScanTable", "Removed"),
    states.WAITING: lambda: QCoreApplication.translate("ScanTable", "Waiting for details"),
    "duplicate": lambda: QCoreApplication.translate("ScanTable", "Duplicate"),
    "expired": lambda: QCoreApplication.translate("ScanTable", "Expired"),
    "unreadable": lambda: QCoreApplication.translate("ScanTable", "Unreadable"),
    "invalid": lambda: QCoreApplication.translate("ScanTable", "Invalid"),
    "ambiguous": lambda: QCoreApplication.translate("ScanTable", "Ambiguous"),
    "not_allowed": lambda: QCoreApplication.translate("ScanTable", "Not allowed"),
    "not_saved": lambda: QCoreApplication.translate("ScanTable", "NOT SAVED"),
}


def state_name(kind: str) -> str:
    return STATE_NAMES[kind]() if kind in STATE_NAMES else kind


class ScanTableModel(QAbstractTableModel):
    TIME, PRODUCT, GTIN, SERIAL, BATCH, EXPIRY, DAYS_LEFT, STATE, RESULT = range(9)
    COLUMN_COUNT = 9

    def __init__(self, store: Store, operation: Operation, *, lang: str = "tr",
                 today=date.today, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self.operation = operation
        self.lang = lang
        self._today = today
        self._rows: list[ScanRow] = []  # oldest first; row 0 on screen is the last of these
        self._product_names: dict[str, str | None] = {}
        self._waiting_reason = None  # ScanOutcome: what the header still lacks
        self.reload()

    # ---- filling --------------------------------------------------------------------

    def reload(self) -> None:
        """Read the page's items again from the store (start-up, after a sync). Refused
        scans of this session stay."""
        items = self.store.items(operation=self.operation, limit=PAGE_ROWS)
        stored = [row_from_item(item) for item in reversed(items) if item["state"] != states.REMOVED]
        refused = [row for row in self._rows if row.item_id is None]
        self.beginResetModel()
        self._rows = sorted(stored + refused, key=lambda row: row.scanned_at)
        self.endResetModel()

    def add_scan(self, outcome: ScanOutcome, raw: str) -> ScanRow:
        """Show a fresh scan at the top. For a queued box the row is read back from the
        store, so what is drawn is what was committed."""
        item = self.store.item(outcome.item_id) if outcome.kept else None
        row = row_from_outcome(outcome, raw, item)
        if outcome.kept:
            shown = self._shown_position(outcome.item_id)
            if shown is not None:  # another station's view reached it first (the live view)
                self._rows[shown] = row
                self.dataChanged.emit(self.index(self._visual(shown), 0),
                                      self.index(self._visual(shown), self.COLUMN_COUNT - 1))
                return row
        self.beginInsertRows(QModelIndex(), 0, 0)
        self._rows.append(row)
        self.endInsertRows()
        return row

    def refresh_items(self) -> int:
        """Pick up state changes made by sync; returns how many rows changed."""
        return self.apply_fresh(fetch_fresh(self.store, self.operation))

    def apply_fresh(self, fresh: dict[int, ScanRow | None]) -> int:
        """Apply rows read by `fetch_fresh` (on any thread, from any connection): changed
        rows are replaced and repainted with one signal, removed ones dropped, and boxes
        queued elsewhere (another station, another process) inserted where their time
        puts them."""
        changed_positions = []
        removed_positions = []
        shown = set()
        for position, row in enumerate(self._rows):
            if row.item_id is None or row.kind == "duplicate":
                continue
            shown.add(row.item_id)
            if row.item_id not in fresh:
                continue
            new = fresh[row.item_id]
            if new is None:
                removed_positions.append(position)
            elif new != row:
                self._rows[position] = new
                changed_positions.append(position)
        if changed_positions:
            visual = [self._visual(position) for position in changed_positions]
            self.dataChanged.emit(self.index(min(visual), 0), self.index(max(visual), self.COLUMN_COUNT - 1))
        for position in sorted(removed_positions, reverse=True):
            self._drop(position)
        arrived = sorted((row for item_id, row in fresh.items() if row is not None and item_id not in shown),
                         key=lambda row: row.scanned_at)
        self._insert(arrived)
        return len(changed_positions) + len(removed_positions) + len(arrived)

    def _insert(self, rows: list[ScanRow]) -> None:
        """Rows (oldest first) into their places by time: one block when all are newer than
        what is shown (the usual case), else one by one."""
        if not rows:
            return
        if not self._rows or rows[0].scanned_at >= self._rows[-1].scanned_at:
            self.beginInsertRows(QModelIndex(), 0, len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
            return
        for row in rows:
            position = bisect.bisect_right(self._rows, row.scanned_at, key=lambda shown: shown.scanned_at)
            visual = len(self._rows) - position
            self.beginInsertRows(QModelIndex(), visual, visual)
            self._rows.insert(position, row)
            self.endInsertRows()

    def _shown_position(self, item_id: int | None) -> int | None:
        """Where the queued item's row is (newest rows looked at first); None: not shown."""
        for position in range(len(self._rows) - 1, -1, -1):
            row = self._rows[position]
            if row.item_id == item_id and row.kind != "duplicate":
                return position
        return None

    def remove(self, visual_row: int) -> bool:
        """Take the box in this row off the queue (only before it was sent). A refused
        scan's row is simply cleared from the screen."""
        position = self._position(visual_row)
        row = self._rows[position]
        if row.item_id is not None and row.kind != "duplicate":
            if not self.store.remove_item(row.item_id):
                return False
        self._drop(position)
        return True

    def _drop(self, position: int) -> None:
        visual = self._visual(position)
        self.beginRemoveRows(QModelIndex(), visual, visual)
        del self._rows[position]
        self.endRemoveRows()

    def set_waiting_reason(self, problem) -> None:
        """What the header lacks (a refusing ScanOutcome, or None): the Result column of
        the boxes waiting for it says so."""
        self._waiting_reason = problem
        if self._rows:
            self.dataChanged.emit(self.index(0, self.RESULT), self.index(len(self._rows) - 1, self.RESULT))

    def set_language(self, lang: str) -> None:
        self.lang = lang
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, self.COLUMN_COUNT - 1))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.COLUMN_COUNT - 1)

    # ---- reading --------------------------------------------------------------------

    def row_for_item(self, item_id: int) -> ScanRow | None:
        """The queued item's row as the table shows it now (newest rows looked at first)."""
        position = self._shown_position(item_id)
        return None if position is None else self._rows[position]

    def state_text(self, row: ScanRow) -> str:
        return self._text(row, self.STATE)

    def answer_text(self, row: ScanRow) -> str:
        """ITS's answer about a sent box: the code, what it means and, when it needs
        something done, what to do."""
        info = codes.describe(row.uc, self.lang, operation=self.operation)
        text = f"{info.code} — {info.text}"
        if info.advice and info.severity != "success":
            text += "\n" + info.advice
        return text

    def scan_row(self, visual_row: int) -> ScanRow:
        return self._rows[self._position(visual_row)]

    def rows(self) -> list[ScanRow]:
        """All rows, newest first (as on screen)."""
        return list(reversed(self._rows))

    def _position(self, visual_row: int) -> int:
        return len(self._rows) - 1 - visual_row

    _visual = _position  # the mapping is its own inverse

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = (self.tr("Time"), self.tr("Product"), self.tr("GTIN"), self.tr("Serial"),
                  self.tr("Batch"), self.tr("Expiry"), self.tr("Days left"), self.tr("State"),
                  self.tr("Result"))
        return titles[section]

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[self._position(index.row())]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.DecorationRole and column == self.STATE:
            return feedback.icon(row.kind)
        if role == Qt.ItemDataRole.DecorationRole and column == self.EXPIRY and self._expired(row):
            return feedback.icon("expired")
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(feedback.tint(row.kind))
        if role == Qt.ItemDataRole.ForegroundRole and column in (self.EXPIRY, self.DAYS_LEFT) and self._expired(row):
            return QBrush(QColor("#a50e0e"))
        if role == Qt.ItemDataRole.FontRole and column in (self.EXPIRY, self.DAYS_LEFT) and self._expired(row):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.FontRole and column == self.PRODUCT and not row.gtin and row.raw:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.PRODUCT and row.gtin:  # GTIN and batch, when their columns are hidden
                box = self.tr("GTIN %1 · batch %2").replace("%1", row.gtin).replace("%2", row.batch)
                return "\n".join(text for text in (box, self._result_text(row)) if text)
            return self._result_text(row) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.DAYS_LEFT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _expired(self, row: ScanRow) -> bool:
        left = row.days_left(self._today())
        return left is not None and left < 0

    def _text(self, row: ScanRow, column: int) -> str:
        if column == self.TIME:
            return row.scanned_at.strftime("%H:%M:%S")
        if column == self.PRODUCT:
            if not row.gtin and row.raw:  # unreadable: show what the scanner sent
                return row.raw.replace("\x1d", "\u241d")
            return self.product_name(row.gtin)
        if column == self.GTIN:
            return row.gtin
        if column == self.SERIAL:
            return row.serial
        if column == self.BATCH:
            return row.batch
        if column == self.EXPIRY:
            return row.expiry.strftime("%d.%m.%Y") if row.expiry else ""
        if column == self.DAYS_LEFT:
            left = row.days_left(self._today())
            return "" if left is None else str(left)
        if column == self.STATE:
            if self.operation is Operation.VERIFY and row.kind == states.ACCEPTED:
                return self.tr("Answered by ITS")  # a verification is a question, not a notification
            return state_name(row.kind)
        return self._result_text(row)

    def _result_text(self, row: ScanRow) -> str:
        if row.uc:
            info = codes.describe(row.uc, self.lang)
            return f"{row.uc} {info.text}"
        if row.item_id is not None and row.kind == states.QUEUED:
            return self.tr("Saved; waiting to be sent to ITS")
        if row.item_id is not None and row.kind == states.WAITING:
            # what is missing first: a narrow column still shows it
            reason = self._waiting_reason.message(self.lang) if self._waiting_reason else ""
            return (reason + " " + self.tr("Saved; queued once the notification details are complete.")).strip()
        return row.message_tr if self.lang == "tr" else row.message_en

    def product_name(self, gtin: str) -> str:
        if not gtin:
            return ""
        if gtin not in self._product_names:
            try:
                product = self.store.product(gtin)
            except StoreError:  # the database server is away: the name comes with the next paint
                return ""
            self._product_names[gtin] = (product or {}).get("name")
        return self._product_names[gtin] or ""

    def forget_product_names(self) -> None:
        self._product_names.clear()
