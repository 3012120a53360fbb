"""One page per ITS operation (Mal Alım, Satış, Sarf, ...): the header form, the scan
field, the last scan shown large, the scan table and the page's counters. Every scan
goes through `Session.scan`, which commits it before the row is drawn."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView, QFrame, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableView,
    QVBoxLayout, QWidget,
)

from pharmadesk import gs1
from pharmadesk.domain import Operation, Stakeholder
from pharmadesk.session import ScanOutcome, Session
from pharmadesk.store import Store, StoreError, states
from pharmadesk.ui import feedback
from pharmadesk.ui.header_form import HeaderForm
from pharmadesk.ui.scan_field import ScanField
from pharmadesk.ui.scan_model import ScanRow, ScanTableModel, state_name
from pharmadesk.ui.station import page_name


# Starting widths of the scan table's columns; the Result column takes the rest.
COLUMN_WIDTHS = {
    ScanTableModel.TIME: 68, ScanTableModel.PRODUCT: 140, ScanTableModel.GTIN: 124,
    ScanTableModel.SERIAL: 118, ScanTableModel.BATCH: 62, ScanTableModel.EXPIRY: 106,
    ScanTableModel.DAYS_LEFT: 78, ScanTableModel.STATE: 140,
}
# A narrow table (the camera or demo panel open beside it, a small screen) lets these go,
# in this order, so the State and Result columns stay in view; the product's tooltip
# still gives the GTIN and batch.
SPARE_COLUMNS = (ScanTableModel.GTIN, ScanTableModel.BATCH, ScanTableModel.TIME)
RESULT_ROOM = 240  # what the Result column needs to say its code and a few words
# Boxes kept while the header lacked something go into the queue this long after the last
# change to the header: the pharmacist is usually still typing (the invoice number after
# the supplier), and the boxes should travel with the finished header.
WAITING_QUEUE_DELAY_MS = 800


class LastScanBanner(QFrame):
    """The last scan, large enough to read from a step away: icon, state and message."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        layout = QHBoxLayout(self)
        self.icon = QLabel(self)
        self.icon.setFixedSize(QSize(48, 48))
        self.title = QLabel(self)
        self.detail = QLabel(self)
        self.detail.setWordWrap(True)
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        self.title.setFont(font)
        detail_font = QFont(self.detail.font())
        detail_font.setPointSizeF(detail_font.pointSizeF() * 1.2)
        self.detail.setFont(detail_font)
        texts = QVBoxLayout()
        texts.addWidget(self.title)
        texts.addWidget(self.detail)
        # shown for a rescan of a box a refused notification stopped: this scan replaces it
        self.replace_button = QPushButton(self)
        self.replace_button.setAutoDefault(False)
        self.replace_button.hide()
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(texts, 1)
        layout.addWidget(self.replace_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.kind: str | None = None
        self.show_nothing()

    def show_nothing(self) -> None:
        self.kind = None
        self.replace_button.hide()
        self.icon.clear()
        self.title.setText("")
        self.detail.setText("")
        self.setStyleSheet("")

    def show_scan(self, row: ScanRow, product_name: str, message: str, state: str | None = None) -> None:
        self.kind = row.kind
        look = feedback.look(row.kind)
        self.icon.setPixmap(feedback.icon(row.kind).pixmap(48, 48))
        title = state or state_name(row.kind)
        if row.gtin:
            title += f" — {product_name or row.gtin}"
        self.title.setText(title)
        self.detail.setText(message)
        self.setStyleSheet(f"LastScanBanner {{ background: {look.tint}; border: 2px solid {look.ink}; "
                           f"border-radius: 6px; }} QLabel {{ color: {look.ink}; }}")


def _readable(raw: str):
    """The karekod in `raw`, or None when it cannot be read."""
    try:
        return gs1.parse(raw)
    except gs1.Gs1Error:
        return None


def title_row(page: QWidget, beside: QWidget) -> tuple[QLabel, QHBoxLayout]:
    """How a page opens: its name big and bold, with `beside` (its counts) at the right."""
    title = QLabel(page)
    font = QFont(title.font())
    font.setPointSizeF(font.pointSizeF() * 1.6)
    font.setBold(True)
    title.setFont(font)
    row = QHBoxLayout()
    row.addWidget(title)
    row.addStretch(1)
    row.addWidget(beside)
    return title, row


class OperationPage(QWidget):
    sig_scanned = Signal(object)  # ScanOutcome, after the row is drawn
    sig_queue_changed = Signal()  # boxes taken off the queue (a scan comes as sig_scanned)
    sig_send_requested = Signal()
    sig_store_failed = Signal(object)  # a scan not saved: the StoreError (the server away, the disk full)

    def __init__(self, store: Store, stakeholder: Stakeholder, operation: Operation, *,
                 lang: str = "tr", sounds: feedback.Sounds | None = None, parent=None):
        super().__init__(parent)
        self.store = store
        self.stakeholder = stakeholder
        self.operation = operation
        self.lang = lang
        self.sounds = sounds
        self.session = Session(store, stakeholder, operation)
        self.last_scan: tuple[ScanRow, ScanOutcome] | None = None
        self.writer = None  # workers.ScanWriter, set by the window: commits off the GUI thread
        self.model = ScanTableModel(store, operation, lang=lang, parent=self)
        self.model.dataChanged.connect(lambda *_: self._last_box_settled())
        self._waiting_timer = QTimer(self)
        self._waiting_timer.setSingleShot(True)
        self._waiting_timer.setInterval(WAITING_QUEUE_DELAY_MS)
        self._waiting_timer.timeout.connect(self.queue_waiting)

        self.counters = QLabel(self)
        self.counters.setTextFormat(Qt.TextFormat.RichText)
        self.title, top = title_row(self, self.counters)

        self.header_box = QGroupBox(self)
        self.form = HeaderForm(store, stakeholder, operation, self.header_box)
        self.form.translate_ui(lang)
        box_layout = QVBoxLayout(self.header_box)
        box_layout.addWidget(self.form)
        self.form.sig_changed.connect(self._header_changed)
        self._header_changed()

        self.scan_label = QLabel(self)
        self.scan_field = ScanField(self)
        self.scan_label.setBuddy(self.scan_field)
        self.scan_field.sig_scanned.connect(lambda raw: self.scan(raw, source="keyboard"))
        self.send_button = QPushButton(self)
        self.send_button.clicked.connect(self.sig_send_requested)
        self.remove_button = QPushButton(self)
        self.remove_button.clicked.connect(self.remove_selected)
        self.correct_button = QPushButton(self)  # shown while ITS's refusal stopped boxes here
        self.correct_button.clicked.connect(self.correct_stopped)
        self.correct_button.hide()

        self.banner = LastScanBanner(self)
        self.banner.replace_button.clicked.connect(self.replace_stopped)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        for column, width in COLUMN_WIDTHS.items():
            header.resizeSection(column, width)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.installEventFilter(self)  # Delete removes the selected boxes; a resize refits
        self.scan_field.installEventFilter(self)  # Esc clears it

        scan_row = QHBoxLayout()
        scan_row.addWidget(self.scan_label)
        scan_row.addWidget(self.scan_field, 1)
        scan_row.addWidget(self.remove_button)
        scan_row.addWidget(self.correct_button)
        scan_row.addWidget(self.send_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.header_box)
        layout.addLayout(scan_row)
        layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)
        self.header_box.setVisible(bool(self.form.layout().rowCount()))
        self.translate_ui()
        self.update_counters()

    # ---- scanning -------------------------------------------------------------------

    def scan(self, raw: str, *, source: str = "wedge") -> ScanOutcome | None:
        """Queue (or refuse) one raw karekod and show it: row, banner, sound. With a scan
        writer (the window's) the commit runs on the writer thread and the row is drawn
        when it is on disk; the outcome is returned when that was at once, else None."""
        if self._waiting_timer.isActive():  # boxes kept before this one go first
            self.queue_waiting()
        stakeholder, operation, header = self.session.stakeholder, self.operation, self.session.header
        shown: list[ScanOutcome] = []

        def commit(store) -> ScanOutcome:
            return Session(store, stakeholder, operation, header).scan(raw, source=source)

        self._commit(commit, lambda outcome: shown.append(self.show_outcome(outcome, raw)))
        return shown[0] if shown else None

    def _commit(self, commit, done) -> None:
        """Run `commit(store)` on the scan writer's thread (at once without one) and hand
        its ScanOutcome to `done`; a store failure is shown as a scan that was not saved."""

        def failed(error: Exception) -> None:
            message_tr = getattr(error, "message_tr", None) or str(error)
            message_en = getattr(error, "message_en", None) or str(error)
            done(ScanOutcome("not_saved", None, None, message_tr, message_en))
            self.sig_store_failed.emit(error)

        if self.writer is None:
            try:
                outcome = commit(self.store)
            except StoreError as error:
                failed(error)
            else:
                done(outcome)
            return
        self.writer.submit(commit, done, failed)

    def queue_waiting(self) -> None:
        """The header is complete: the boxes kept while it was not go into the queue,
        each with the checks of a fresh scan (on the scan writer, after earlier scans)."""
        self._waiting_timer.stop()
        if not self.counts["waiting"] or self.session.header_problem():
            return
        stakeholder, operation, header = self.session.stakeholder, self.operation, self.session.header

        def commit(store) -> list[ScanOutcome]:
            return Session(store, stakeholder, operation, header).queue_waiting()

        def done(outcomes) -> None:
            if isinstance(outcomes, ScanOutcome):  # the store failed: one "not saved"
                self.show_outcome(outcomes, "")
            else:
                self._show_waiting_queued(outcomes)

        self._commit(commit, done)

    def _show_waiting_queued(self, outcomes: list[ScanOutcome]) -> None:
        for outcome in outcomes:
            if not outcome.queued:  # its row goes; a refused row says why
                self.model.add_scan(replace(outcome, item_id=None), "")
        self.refresh()
        queued = sum(outcome.queued for outcome in outcomes)
        if queued:
            self.banner.show_scan(ScanRow(states.QUEUED, datetime.now()), "",
                                  self.tr("%1 boxes scanned before the details were complete are queued now.")
                                  .replace("%1", str(queued)))
        self.sig_queue_changed.emit()

    def show_outcome(self, outcome: ScanOutcome, raw: str) -> ScanOutcome:
        """Draw a scan's outcome: the row, the big banner, the sound, the counters."""
        if outcome.status == "not_saved" and outcome.karekod is None and raw:
            outcome = replace(outcome, karekod=_readable(raw))  # the row says which box to scan again
        row = self.model.add_scan(outcome, raw)
        self.table.scrollToTop()
        self.last_scan = (row, outcome)
        self._show_last_scan()
        if self.sounds is not None:
            self.sounds.play_for(outcome.status)
        if outcome.kept:
            # One more box waiting: counted here, not by a query over every item (a big
            # store makes that tens of milliseconds per scan).
            self.counts["scanned"] += 1
            self.counts["pending" if outcome.queued else "waiting"] += 1
            self._show_counters()
        self.sig_scanned.emit(outcome)
        return outcome

    def _show_last_scan(self) -> None:
        row, outcome = self.last_scan
        message = self.model.answer_text(row) if row.uc else outcome.message(self.lang)
        self.banner.show_scan(row, self.model.product_name(row.gtin), message, self.model.state_text(row))
        self.banner.replace_button.setVisible(outcome.replaceable)

    def replace_stopped(self) -> ScanOutcome | None:
        """The banner's Replace: the last scan takes the place of the same box stopped in a
        refused notification, with this page's header (committed like a scan)."""
        if self.last_scan is None or not self.last_scan[1].replaceable:
            return None
        row, outcome = self.last_scan
        stakeholder, operation, header = self.session.stakeholder, self.operation, self.session.header
        shown: list[ScanOutcome] = []

        def commit(store) -> ScanOutcome:
            return Session(store, stakeholder, operation, header).replace(row.raw, outcome.item_id,
                                                                          source="replace")

        def done(replaced: ScanOutcome) -> None:
            self.model.refresh_items()  # the stopped box's row goes
            shown.append(self.show_outcome(replaced, row.raw))
            self.update_counters()

        self._commit(commit, done)
        return shown[0] if shown else None

    def correct_stopped(self):
        """Open the notification ITS refused (the selected box's, else this page's first) to
        correct its details; once corrected it is sent at once. Returns the dialog, or None."""
        from pharmadesk.ui.stopped import CorrectAndResendDialog

        stopped = self.store.stopped_notifications(self.operation)
        selected = {self.model.scan_row(index.row()).item_id for index in self.table.selectionModel().selectedRows()}
        in_selection = {(self.store.item(item_id) or {}).get("notification_id") for item_id in selected if item_id}
        chosen = next((n for n in stopped if n["id"] in in_selection), stopped[0] if stopped else None)
        if chosen is None:
            return None
        dialog = CorrectAndResendDialog(self.store, self.stakeholder, self.lang, chosen, self)
        dialog.accepted.connect(self._corrected)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _corrected(self) -> None:
        self.refresh()
        self.sig_send_requested.emit()

    def _last_box_settled(self) -> None:
        """After a sync the last scanned box has ITS's answer: the banner says it too,
        instead of still saying it waits in the queue."""
        if self.last_scan is None or self.last_scan[0].refused:
            return
        row, outcome = self.last_scan
        fresh = self.model.row_for_item(row.item_id)
        if fresh is not None and fresh != row:
            self.last_scan = (fresh, outcome)
            self._show_last_scan()

    def remove_selected(self) -> int:
        """Delete key: take the selected boxes off the queue if they were not sent yet."""
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()}, reverse=True)
        removed = sum(1 for visual in rows if self.model.remove(visual))
        if removed:
            self.update_counters()
            self.sig_queue_changed.emit()
        return removed

    def eventFilter(self, watched, event) -> bool:
        if watched is self.table and event.type() == QEvent.Type.Resize:
            self.fit_columns(event.size().width())
        if (watched is self.table and event.type() == QEvent.Type.KeyPress
                and event.matches(QKeySequence.StandardKey.Delete)):
            self.remove_selected()
            return True
        if (watched is self.scan_field and event.type() == QEvent.Type.KeyPress
                and event.key() == Qt.Key.Key_Escape and self.scan_field.text()):
            self.scan_field.clear()
            return True
        return super().eventFilter(watched, event)

    def fit_columns(self, width: int) -> None:
        """Hide spare columns while the table is too narrow to show the Result column
        beside the others."""
        needed = sum(COLUMN_WIDTHS.values()) + RESULT_ROOM
        for column in SPARE_COLUMNS:
            hide = width < needed
            if self.table.isColumnHidden(column) != hide:
                self.table.setColumnHidden(column, hide)
            if hide:
                needed -= COLUMN_WIDTHS[column]

    def _header_changed(self) -> None:
        self.session.header = self.form.header()
        problem = self.session.header_problem()
        self.model.set_waiting_reason(problem)
        if problem is None:
            self._waiting_timer.start()

    # ---- showing --------------------------------------------------------------------

    def refresh(self) -> None:
        """After a sync: new states and result codes, new counts."""
        self.model.refresh_items()
        self.update_counters()

    def update_counters(self, counts: dict[str, int] | None = None) -> None:
        """Count this page's boxes per state again (from the store, or `counts` read
        elsewhere, e.g. on the refresh worker)."""
        if counts is None:
            counts = self.store.counts(self.operation)
        scanned = sum(n for state, n in counts.items() if state != states.REMOVED)
        # ITS's refusal of a whole notification (needs attention) is counted apart from
        # the boxes it rejected: the rows say "Needs attention", so must the counter.
        self.counts = {"scanned": scanned, "pending": counts[states.QUEUED] + counts[states.SENDING],
                       "accepted": counts[states.ACCEPTED], "rejected": counts[states.REJECTED],
                       "attention": counts[states.NEEDS_ATTENTION], "waiting": counts[states.WAITING]}
        self._show_counters()

    def _show_counters(self) -> None:
        counts = self.counts
        text = (self.tr("Scanned <b>%1</b> · Pending <b>%2</b> · Accepted <b>%3</b> · Rejected <b>%4</b>")
                .replace("%1", str(counts["scanned"])).replace("%2", str(counts["pending"]))
                .replace("%3", str(counts["accepted"])).replace("%4", str(counts["rejected"])))
        if counts["attention"]:
            text += " · " + self.tr("Need attention <b>%1</b>").replace("%1", str(counts["attention"]))
        if counts["waiting"]:
            text += " · " + self.tr("Waiting for details <b>%1</b>").replace("%1", str(counts["waiting"]))
        self.counters.setText(text)
        self.correct_button.setVisible(bool(counts["attention"]))

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.model.set_language(lang)
        self.form.translate_ui(lang)
        self.translate_ui()

    def translate_ui(self) -> None:
        self.title.setText(page_name(self.operation, self.stakeholder, self.lang))
        self.header_box.setTitle(self.tr("Notification details"))
        self.scan_label.setText(self.tr("&Karekod:"))
        self.scan_field.setPlaceholderText(self.tr("Scan a box, or type the karekod and press Enter"))
        self.send_button.setText(self.tr("Send now"))
        self.remove_button.setText(self.tr("Remove selected"))
        self.correct_button.setText(self.tr("Correct and send again…"))
        self.correct_button.setToolTip(self.tr("ITS refused a notification of this page as a whole: "
                                               "correct its details and send it again"))
        self.banner.replace_button.setText(self.tr("Replace it"))
        self.banner.replace_button.setToolTip(self.tr("Queue this scan in place of the stopped box, "
                                                      "with the details above"))
        self.remove_button.setToolTip(self.tr("Take the selected boxes off the queue before they are sent (Delete)"))
        self.send_button.setToolTip(self.tr("Send every queued box to ITS now (F9)"))
        self.update_counters()
        if self.last_scan is not None:
            self._show_last_scan()
        if self.banner.kind is None:
            self.banner.title.setText(self.tr("Ready to scan"))
            self.banner.detail.setText(self.tr("Each box you scan appears here and at the top of the table."))
