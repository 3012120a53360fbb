"""Qt models of the expected shipments: the packages list and the boxes of one package,
each box showing whether it was scanned, set aside, queued for Mal Alım or cannot be
received (with an icon, never colour alone). A 20,000-box package is one list of rows;
ticking a case repaints only the rows it changed."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QBrush

from pharmadesk.shipments import flag_text
from pharmadesk.ui import feedback


def shown_day(text: str | None) -> str:
    """An ISO date as the pharmacist reads dates (06.12.2026); anything else as it came."""
    try:
        return date.fromisoformat((text or "")[:10]).strftime("%d.%m.%Y")
    except ValueError:
        return text or ""


class _RowsModel(QAbstractTableModel):
    """A table over a list of rows (dicts) with translated column titles."""

    HEADERS: tuple[str, ...] = ()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[dict] = []

    def set_rows(self, rows: list[dict]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return len(self.HEADERS)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return QCoreApplication.translate("ShipmentModels", self.HEADERS[section])


class PackagesModel(_RowsModel):
    SENDER, DOCUMENT, DATE, BOXES, CARRIERS, RECEIVED, REMAINING, STATE = range(8)
    HEADERS = (QT_TRANSLATE_NOOP("ShipmentModels", "Sender"), QT_TRANSLATE_NOOP("ShipmentModels", "Document"),
               QT_TRANSLATE_NOOP("ShipmentModels", "Date"), QT_TRANSLATE_NOOP("ShipmentModels", "Boxes"),
               QT_TRANSLATE_NOOP("ShipmentModels", "Carriers"), QT_TRANSLATE_NOOP("ShipmentModels", "Received"),
               QT_TRANSLATE_NOOP("ShipmentModels", "Remaining"), QT_TRANSLATE_NOOP("ShipmentModels", "State"))

    @property
    def packages(self) -> list[dict]:
        return self.rows

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        package = self.packages[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.SENDER:
                return package["sender_name"] or package["sender_gln"]
            if column == self.STATE:
                if package["state"] == "received":
                    return QCoreApplication.translate("ShipmentModels", "Received")
                return QCoreApplication.translate("ShipmentModels", "Expected")
            values = {self.DOCUMENT: package["document_number"],
                      self.DATE: shown_day(package["document_date"] or package["transfer_date"]),
                      self.BOXES: package["boxes"], self.CARRIERS: package["carriers"],
                      self.RECEIVED: package["received"], self.REMAINING: package["remaining"]}
            value = values[column]
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.SENDER:
            transfer = f" · PTS {package['transfer_id']}" if package["transfer_id"] else ""
            return f"GLN {package['sender_gln']}{transfer}"
        if role == Qt.ItemDataRole.DecorationRole and column == self.STATE:
            return feedback.icon("accepted" if package["state"] == "received" else "queued")
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= self.BOXES and column != self.STATE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


# What a box's row says and how it looks, by its kind.
_BOX_LOOKS = {"queued": "queued", "ticked": "accepted", "flagged": "rejected", "damaged": "duplicate"}


def box_kind(box: dict) -> str:
    if box["item_id"] is not None:
        return "queued"
    if box["flag"]:
        return "flagged"
    if box["damaged"]:
        return "damaged"
    return "ticked" if box["scanned_at"] else "expected"


class BoxesModel(_RowsModel):
    PRODUCT, SERIAL, BATCH, EXPIRY, CARRIER, STATE = range(6)
    HEADERS = (QT_TRANSLATE_NOOP("ShipmentModels", "Product"), QT_TRANSLATE_NOOP("ShipmentModels", "Serial"),
               QT_TRANSLATE_NOOP("ShipmentModels", "Batch"), QT_TRANSLATE_NOOP("ShipmentModels", "Expiry"),
               QT_TRANSLATE_NOOP("ShipmentModels", "Carrier"), QT_TRANSLATE_NOOP("ShipmentModels", "State"))

    def __init__(self, product_names: dict[str, str] | None = None, lang: str = "tr", parent=None):
        super().__init__(parent)
        self.lang = lang
        self.product_names = product_names or {}
        self._row_of: dict[int, int] = {}

    @property
    def boxes(self) -> list[dict]:
        return self.rows

    def set_rows(self, rows: list[dict]) -> None:
        self._row_of = {box["id"]: row for row, box in enumerate(rows)}
        super().set_rows(rows)

    def tick(self, box_ids: Iterable[int], at: str) -> list[dict]:
        """Mark boxes scanned and repaint only their rows; returns the boxes not scanned before."""
        rows = []
        for box_id in box_ids:
            row = self._row_of.get(box_id)
            if row is not None and self.rows[row]["scanned_at"] is None:
                self.rows[row]["scanned_at"] = at
                rows.append(row)
        if rows:
            self.dataChanged.emit(self.index(min(rows), 0), self.index(max(rows), len(self.HEADERS) - 1))
        return [self.rows[row] for row in rows]

    def box_at(self, row: int) -> dict:
        return self.boxes[row]

    def state_text(self, box: dict) -> str:
        kind = box_kind(box)
        if kind == "flagged":
            return flag_text(box["flag"], self.lang)
        return {
            "queued": QCoreApplication.translate("ShipmentModels", "Queued for receipt"),
            "ticked": QCoreApplication.translate("ShipmentModels", "Scanned"),
            "damaged": QCoreApplication.translate("ShipmentModels", "Damaged, set aside"),
            "expected": QCoreApplication.translate("ShipmentModels", "Not scanned yet"),
        }[kind]

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        box = self.boxes[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.PRODUCT:
                return self.product_names.get(box["gtin"]) or box["gtin"]
            if column == self.STATE:
                return self.state_text(box)
            return {self.SERIAL: box["serial"], self.BATCH: box["batch"], self.EXPIRY: shown_day(box["expiry"]),
                    self.CARRIER: box["carrier_sscc"] or ""}[column]
        kind = _BOX_LOOKS.get(box_kind(box))
        if role == Qt.ItemDataRole.BackgroundRole and kind:
            return QBrush(feedback.tint(kind))
        if role == Qt.ItemDataRole.DecorationRole and column == self.STATE and kind:
            return feedback.icon(kind)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.PRODUCT:
            return f"GTIN {box['gtin']}"
        return None
