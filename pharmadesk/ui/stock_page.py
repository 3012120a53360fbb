"""The stock page (Stok, Shift+F2): what is on the shelves by product, lot and expiry, as
the notifications ITS accepted say; search by name, GTIN, lot or serial; expired and
soon-expiring lines marked with icon and colour; from a line, its stock card, a lot
lookup, a verification round with ITS, a stock count, and for expired boxes the return
to the supplier or the deactivation (DS 40, MİAT) with the boxes already scanned in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import (
    QAbstractTableModel, QCoreApplication, QItemSelectionModel, QModelIndex, QPersistentModelIndex, Qt, Signal,
)
from PySide6.QtGui import QAction, QBrush, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView, QGridLayout, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QListWidgetItem, QPushButton,
    QTableView,
    QVBoxLayout, QWidget,
)

from pharmadesk.config import EXPIRY_WINDOWS_SETTING
from pharmadesk.domain import Operation
from pharmadesk.store.stock import EXPIRED, Pending, expiry_bucket
from pharmadesk.store import Store
from pharmadesk.ui import feedback, workers
from pharmadesk.ui.operation_page import title_row

STOCK_KEY = "Shift+F2"
COLUMNS = 6  # state, product, GTIN, lot, expiry, boxes


@dataclass
class ShelfLine:
    """One product, lot and expiry on the shelf, with what a search reads."""

    gtin: str
    name: str
    batch: str
    expiry: date
    count: int
    bucket: str | None
    key: str  # name, GTIN and lot, case-folded
    serials: str  # every serial, case-folded, one a line


def shelf_lines(store, today: date, windows: tuple[int, ...]) -> list[ShelfLine]:
    lines = [ShelfLine(line.gtin, line.name or "", line.batch, line.expiry, line.count,
                       expiry_bucket(line.expiry, today, windows),
                       f"{line.name or ''} {line.gtin} {line.batch}".casefold(), line.serials.casefold())
             for line in store.stock_lines()]
    lines.sort(key=lambda line: (line.name.casefold() or "\uffff", line.gtin, line.expiry, line.batch))
    return lines


def bucket_look(bucket: str | None, windows: tuple[int, ...]) -> str | None:
    """The feedback look of an expiry bucket: expired red, the first window orange, later
    windows yellow."""
    if bucket is None:
        return None
    if bucket == EXPIRED:
        return "expired"
    return "needs-attention" if int(bucket) == min(windows) else "duplicate"


class StockModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.lines: list[ShelfLine] = []
        self.shown: list[ShelfLine] = []
        self.windows: tuple[int, ...] = (30, 60, 90)
        self.lang = "tr"
        self.filter_text = ""

    def set_lines(self, lines: list[ShelfLine], windows: tuple[int, ...]) -> None:
        self.beginResetModel()
        self.lines, self.windows = lines, windows
        self.shown = self._filtered(self.filter_text)
        self.endResetModel()

    def set_filter(self, text: str) -> None:
        self.beginResetModel()
        self.filter_text = text.strip().casefold()
        self.shown = self._filtered(self.filter_text)
        self.endResetModel()

    def _filtered(self, text: str) -> list[ShelfLine]:
        if not text:
            return self.lines
        return [line for line in self.lines if text in line.key or text in line.serials]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.shown)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Expiry state"), self.tr("Product"), self.tr("GTIN"), self.tr("Lot"),
                    self.tr("Expiry"), self.tr("Boxes"))[section]
        return None

    def bucket_text(self, bucket: str | None) -> str:
        if bucket is None:
            return ""
        if bucket == EXPIRED:
            return self.tr("Expired")
        return self.tr("Within %1 days").replace("%1", bucket)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        line = self.shown[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (self.bucket_text(line.bucket), line.name, line.gtin, line.batch,
                    line.expiry.strftime("%d.%m.%Y"), line.count)[column]
        look = bucket_look(line.bucket, self.windows)
        if role == Qt.ItemDataRole.DecorationRole and column == 0 and look:
            return feedback.icon(look)
        if role == Qt.ItemDataRole.BackgroundRole and look:
            return QBrush(feedback.tint(look))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 5:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class StockPage(QWidget):
    """The page; `window` is the main window (its operation pages take the boxes of an
    expired line, its sync runs the verification round)."""

    sig_loaded = Signal()  # the lines of a reading are on screen

    def __init__(self, window, parent=None):
        super().__init__(parent)
        self.window_ = window
        self.station = window.station
        self.model = StockModel(self)

        self.totals = QLabel(self)
        # One line that may be cut on a narrow screen (the full text is its tooltip), never
        # a reason for the page to be wider than an operation page.
        self.totals.setMinimumWidth(1)
        self.totals.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.title, top = title_row(self, self.totals)
        self.search_label = QLabel(self)
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.model.set_filter)
        self.search.textChanged.connect(lambda _text: self._show_totals())
        self.search_label.setBuddy(self.search)

        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        for column, width in enumerate((150, 330, 140, 110, 100, 70)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # the product name takes the room
        self.table.doubleClicked.connect(lambda _index: self.show_card())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._enable())

        self.card_button = self._button(self.show_card, "Return")
        self.lot_button = self._button(self.show_lot, "Ctrl+B")
        self.return_button = self._button(lambda: self.act_on_expired(Operation.RETURN), "Ctrl+R")
        self.deactivate_button = self._button(lambda: self.act_on_expired(Operation.DEACTIVATE), "Ctrl+D")
        self.check_button = self._button(self.check_with_its, "Ctrl+T")
        self.count_button = self._button(self.open_count, "Ctrl+N")

        search_row = QHBoxLayout()
        search_row.addWidget(self.search_label)
        search_row.addWidget(self.search, 1)
        # Two rows: the page stays as narrow as an operation page (a laptop with the camera open).
        buttons = QGridLayout()
        for number, button in enumerate((self.card_button, self.return_button, self.check_button,
                                         self.lot_button, self.deactivate_button, self.count_button)):
            buttons.addWidget(button, number // 3, number % 3)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(search_row)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.pending = Pending()
        self.generation = 0  # readings of the stock started; only the latest is shown
        self.translate_ui()

    def _button(self, slot, key: str) -> QPushButton:
        button = QPushButton(self)
        button.clicked.connect(slot)
        action = QAction(self)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda: button.isEnabled() and slot())
        self.addAction(action)
        button.setProperty("keys", key)
        return button

    # ---- reading --------------------------------------------------------------------

    def windows(self) -> tuple[int, ...]:
        return self.station.config.get_or_default(EXPIRY_WINDOWS_SETTING)

    def reload(self, today: date | None = None, *, quiet: bool = False) -> None:
        """Read the stock again, off the GUI thread on a connection of its own (a
        hundred thousand boxes take a moment; the page stays responsive meanwhile).
        `quiet`: another station changed it (the live view); the totals stay until the
        new ones come and the selected lines stay selected."""
        windows, day, path = self.windows(), today or date.today(), self.station.store.path
        self.generation += 1
        generation = self.generation

        def work(_job):
            with Store(path, read_only=True) as store:
                return shelf_lines(store, day, windows), store.pending_stock()

        if not quiet:
            self.totals.setText(self.tr("Reading the stock…"))
        workers.start_job(work, on_success=lambda result: self._loaded(generation, windows, *result),
                          on_failure=self._failed, parent=self)

    def _loaded(self, generation: int, windows: tuple[int, ...], lines: list[ShelfLine], pending: Pending) -> None:
        if generation != self.generation:
            return  # a newer reading is on its way
        selected = {(line.gtin, line.batch, line.expiry) for line in self.selected_lines()}
        self.model.set_lines(lines, windows)
        for row, line in enumerate(self.model.shown if selected else ()):
            if (line.gtin, line.batch, line.expiry) in selected:
                self.table.selectionModel().select(
                    self.model.index(row, 0), QItemSelectionModel.SelectionFlag.Select
                    | QItemSelectionModel.SelectionFlag.Rows)
        self.pending = pending
        self._show_totals()
        self._enable()
        self.sig_loaded.emit()

    def _failed(self, error: Exception) -> None:
        lang = self.station.lang
        self.totals.setText(getattr(error, "message_" + lang, None) or str(error))

    def _show_totals(self) -> None:
        shown = self.model.shown
        boxes = sum(line.count for line in shown)
        products = len({line.gtin for line in shown})
        expired = sum(line.count for line in shown if line.bucket == EXPIRED)
        soon = sum(line.count for line in shown if line.bucket not in (None, EXPIRED))
        text = (self.tr("%1 boxes · %2 products · %3 expired · %4 expiring")
                .replace("%1", str(boxes)).replace("%2", str(products)).replace("%3", str(expired))
                .replace("%4", str(soon)))
        if self.pending.coming_in or self.pending.going_out:
            text += " · " + (self.tr("waiting for ITS: %1 in, %2 out")
                             .replace("%1", str(self.pending.coming_in)).replace("%2", str(self.pending.going_out)))
        self.totals.setText(text)
        self.totals.setToolTip(text)

    def selected_lines(self) -> list[ShelfLine]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.shown[row] for row in rows]

    def _enable(self) -> None:
        lines = self.selected_lines()
        expired = any(line.bucket == EXPIRED for line in lines)
        self.card_button.setEnabled(bool(lines))
        self.lot_button.setEnabled(bool(lines))
        self.return_button.setEnabled(expired)
        self.deactivate_button.setEnabled(expired)

    # ---- actions ----------------------------------------------------------------------

    def show_card(self):
        from pharmadesk.ui.stock_dialogs import StockCardDialog

        lines = self.selected_lines()
        if not lines:
            return None
        return self._show(StockCardDialog(self.station, lines[0].gtin, lines[0].name, self))

    def show_lot(self):
        from pharmadesk.ui.stock_dialogs import LotDialog

        lines = self.selected_lines()
        if not lines:
            return None
        return self._show(LotDialog(self.station, lines[0].gtin, lines[0].batch, self))

    def check_with_its(self):
        """A verification round over the selected lines' lots, or the whole stock."""
        from pharmadesk.ui.stock_dialogs import CheckDialog

        lines = self.selected_lines()
        return self._show(CheckDialog(self.window_, [(line.gtin, line.batch) for line in lines], self))

    def open_count(self):
        from pharmadesk.ui.stock_count import CountDialog

        return self._show(CountDialog(self.station, self))

    def _show(self, dialog):
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def act_on_expired(self, operation: Operation) -> int:
        """Open the return (to the supplier the boxes came from) or deactivation (DS 40,
        MİAT) page with the selected expired boxes scanned in; returns how many."""
        store = self.station.store
        boxes = [box for line in self.selected_lines() if line.bucket == EXPIRED
                 for box in store.stock_boxes(gtin=line.gtin, batch=line.batch, with_raw=True)
                 if box.expiry == line.expiry]
        page = self.window_.operation_pages.get(operation)
        if not boxes or page is None:
            return 0
        if operation is Operation.RETURN:
            suppliers = store.suppliers_of([(box.gtin, box.serial) for box in boxes])
            supplier = next((suppliers[(box.gtin, box.serial)] for box in boxes
                             if suppliers.get((box.gtin, box.serial))), None)
            if supplier:
                page.form.counterparty.set_gln(supplier)
                boxes = [box for box in boxes if suppliers.get((box.gtin, box.serial)) in (supplier, None)]
        else:
            page.form.reason.setCurrentIndex(page.form.reason.findData("40"))
        self.window_.open_operation(operation)
        for box in boxes:
            page.scan(box.raw, source="stock")
        return len(boxes)

    # ---- language -----------------------------------------------------------------------

    def translate_ui(self, _lang: str | None = None) -> None:
        self.title.setText(self.tr("Stock on hand"))
        self.search_label.setText(self.tr("&Search:"))
        self.search.setPlaceholderText(self.tr("name, GTIN, lot or serial"))
        for button, text, tip in (
                (self.card_button, self.tr("Stock card"), self.tr("Every movement of the product with its balance")),
                (self.lot_button, self.tr("Lot lookup"),
                 self.tr("Which boxes of the lot are here, and where the others went")),
                (self.return_button, self.tr("Return expired"),
                 self.tr("Open the return page with the expired boxes, to the supplier they came from")),
                (self.deactivate_button, self.tr("Deactivate expired"),
                 self.tr("Open the deactivation page with the expired boxes, reason DS 40 (MİAT)")),
                (self.check_button, self.tr("Check with ITS"),
                 self.tr("Ask ITS about the selected lots, or the whole stock: recalled, not ours, sold")),
                (self.count_button, self.tr("Stock count"), self.tr("Scan the shelf and compare it with the stock"))):
            keys = button.property("keys")
            button.setText(f"{text} ({'Enter' if keys == 'Return' else keys})")
            button.setToolTip(tip)
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMNS - 1)
        self._show_totals()


def install(window) -> StockPage:
    """The stock page after the operation pages: its line in the page list, its entry in
    the Pages menu and its key (Shift+F2)."""
    page = StockPage(window, window.pages)
    window.pages.addWidget(page)
    item = QListWidgetItem(feedback.icon("accepted"), "")
    window.nav.addItem(item)
    action = QAction(window)
    action.setShortcut(QKeySequence(STOCK_KEY))
    action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
    # its place is looked up each time: a station type changed in Settings changes the pages before it
    action.triggered.connect(lambda: window.nav.setCurrentRow(window.pages.indexOf(page)))
    window.addAction(action)
    window.pages_menu.addAction(action)
    window.sync.sig_finished.connect(lambda _report: page.isVisible() and page.reload())
    window.sig_page_changed.connect(lambda shown: shown == window.pages.indexOf(page) and page.reload())

    def relabel(_lang: str | None = None) -> None:
        page.translate_ui()
        name = QCoreApplication.translate("StockPage", "Stock")
        item.setText(f"{STOCK_KEY}   {name}")
        action.setText(name)

    window.station.language.sig_changed.connect(relabel)
    relabel()
    return page
