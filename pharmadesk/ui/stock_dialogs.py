"""The stock page's windows: a product's stock card (every movement ITS accepted, with the
running balance), a lot lookup (which of my boxes are in lot X and where each went), and
the verification round with ITS ending in the recall report."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QProgressBar, QPushButton, QTableWidget, QTableWidgetItem,
    QVBoxLayout, QWidget,
)

from pharmadesk.domain import Operation
from pharmadesk.session import operation_name
from pharmadesk.stock_check import queue_round, report_of
from pharmadesk.stock_cli import card_notes, card_operation, counterparty
from pharmadesk.ui import feedback
from pharmadesk.ui.screen import fit_to_screen

# How a verification answer looks in the recall report.
CONCERN_LOOKS = {"recalled": "rejected", "not-ours": "needs-attention", "sold": "needs-attention",
                 "expired": "expired", "not-sellable": "rejected", "unchecked": "removed"}


def fill(table: QTableWidget, rows: list[tuple], looks: list[str | None] | None = None) -> None:
    """Rows of text into a read-only table; `looks` tints each row (and iconifies its first cell)."""
    table.setRowCount(len(rows))
    for number, row in enumerate(rows):
        look = looks[number] if looks else None
        for column, value in enumerate(row):
            cell = QTableWidgetItem("" if value is None else str(value))
            if isinstance(value, int):
                cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if look:
                cell.setBackground(feedback.tint(look))
                if column == 0:
                    cell.setIcon(feedback.icon(look))
            if column == len(row) - 1:
                cell.setToolTip(cell.text())  # the last column stretches and may cut a long text
            table.setItem(number, column, cell)
    for column in range(table.columnCount() - 1):
        table.resizeColumnToContents(column)


def read_only_table(parent: QWidget, headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class _TableDialog(QDialog):
    def __init__(self, parent: QWidget | None, headers: list[str]):
        super().__init__(parent)
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.table = read_only_table(self, headers)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addWidget(self.heading)
        self.layout_.addWidget(self.table, 1)
        self.layout_.addWidget(self.buttons)
        fit_to_screen(self, 1100, 560)


class StockCardDialog(_TableDialog):
    """Stok kartı: one line per notification, oldest first, with the running balance."""

    def __init__(self, station, gtin: str, name: str, parent: QWidget | None = None):
        super().__init__(parent, [self.tr("Date"), self.tr("Operation"), self.tr("Document"), self.tr("Counterparty"),
                                  self.tr("ITS notification"), self.tr("Quantity"), self.tr("Balance"),
                                  self.tr("Note")])
        lang = station.lang
        self.lines = station.store.stock_card(gtin)
        self.setWindowTitle(self.tr("Stock card"))
        self.heading.setText(f"<b>{name or gtin}</b> — GTIN {gtin}")
        fill(self.table, [(line.at[:16].replace("T", " "), card_operation(line, lang), line.document,
                           counterparty(line), line.its_notification_id, f"{line.quantity:+d}", line.balance,
                           " ".join(card_notes(line, lang))) for line in self.lines],
             ["needs-attention" if card_notes(line, lang) else None for line in self.lines])


class LotDialog(_TableDialog):
    """Which of my boxes are in a lot: on the shelf, or where each went."""

    def __init__(self, station, gtin: str, batch: str, parent: QWidget | None = None):
        super().__init__(parent, [self.tr("Where"), self.tr("Serial"), self.tr("Expiry"), self.tr("Last movement"),
                                  self.tr("Date"), self.tr("Counterparty"), self.tr("Document")])
        lang = station.lang
        self.boxes = station.store.lot_boxes(batch, gtin=gtin)
        self.setWindowTitle(self.tr("Lot lookup"))
        here = sum(1 for box in self.boxes if box.on_hand)
        self.heading.setText(self.tr("Lot %1 of %2: %3 boxes here, %4 gone")
                             .replace("%1", batch).replace("%2", gtin).replace("%3", str(here))
                             .replace("%4", str(len(self.boxes) - here)))
        names = {row["gln"]: row["name"] for row in station.store.partners()}
        fill(self.table, [(self.tr("On the shelf") if box.on_hand else self.tr("Gone"), box.serial,
                           box.expiry.strftime("%d.%m.%Y"), self._movement(box.last_operation, lang),
                           box.at[:16].replace("T", " "),
                           " ".join(p for p in (box.counterparty_gln, names.get(box.counterparty_gln)) if p),
                           box.document) for box in self.boxes],
             ["accepted" if box.on_hand else "removed" for box in self.boxes])

    def _movement(self, operation: Operation, lang: str) -> str:
        if operation is Operation.VERIFY:
            return self.tr("Opening stock (verified)")
        return operation_name(operation, lang)


class CheckDialog(_TableDialog):
    """A verification round with ITS over the given lots (or the whole stock), sent by
    the window's sync (chunked, cancellable, in the message log), then the report of every
    box whose answer is not "registered to you"."""

    def __init__(self, window, lots: list[tuple[str, str]], parent: QWidget | None = None):
        super().__init__(parent, [self.tr("Finding"), self.tr("GTIN"), self.tr("Serial"), self.tr("Lot"),
                                  self.tr("Expiry"), self.tr("Code"), self.tr("What ITS says"), self.tr("Allowed")])
        self.window_ = window
        self.station = window.station
        self.report = None
        self.setWindowTitle(self.tr("Check the stock with ITS"))
        self.progress = QProgressBar(self)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.clicked.connect(window.sync.cancel)
        row = QHBoxLayout()
        row.addWidget(self.progress, 1)
        row.addWidget(self.cancel_button)
        self.layout_.insertLayout(1, row)
        store, stakeholder = self.station.store, self.station.stakeholder
        if lots:
            self.item_ids = [item for gtin, batch in dict.fromkeys(lots)
                             for item in queue_round(store, stakeholder, gtin=gtin, batch=batch)]
        else:
            self.item_ids = queue_round(store, stakeholder)
        self.heading.setText(self.tr("Asking ITS about %1 boxes…").replace("%1", str(len(self.item_ids))))
        window.sync.sig_progress.connect(self._progress)
        window.sync.sig_finished.connect(self._finished)
        if not window.sync.start(manual=False, operations={Operation.VERIFY}):
            self.heading.setText(self.tr("A sync is running; the boxes are queued and are asked with it."))

    def _progress(self, progress) -> None:
        self.progress.setMaximum(max(progress.total, 1))
        self.progress.setValue(progress.done)

    def _finished(self, result) -> None:
        self.window_.sync.sig_progress.disconnect(self._progress)
        self.window_.sync.sig_finished.disconnect(self._finished)
        self.cancel_button.setEnabled(False)
        lang = self.station.lang
        self.report = report_of(self.station.store, self.item_ids, result.outcome, lang,
                                result.message_tr, result.message_en, stakeholder=self.station.stakeholder)
        self.progress.setMaximum(1)
        self.progress.setValue(1)
        self.heading.setText(self.report.message(lang))
        fill(self.table, [(self.concern_text(box.concern), box.gtin, box.serial, box.batch,
                           box.expiry.strftime("%d.%m.%Y"), box.code or "", box.meaning,
                           ", ".join(operation_name(op, lang) for op in box.actions))
                          for box in self.report.boxes],
             [CONCERN_LOOKS[box.concern] for box in self.report.boxes])

    def concern_text(self, concern: str) -> str:
        return {"recalled": self.tr("Recalled"), "not-ours": self.tr("Not ours"), "sold": self.tr("Already sold"),
                "expired": self.tr("Expired"), "not-sellable": self.tr("Not sellable"),
                "unchecked": self.tr("Not asked")}[concern]
