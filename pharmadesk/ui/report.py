"""The end-of-day report window (Gün sonu raporu): the day's operations with their
accepted / rejected / needing attention / not sent counts and ITS's reasons, the boxes
that need the pharmacist in a table, and saving as CSV or PDF.

A 100,000-box day takes a moment to read and seconds to write out, so the reading and
the writing run on a pool thread (`workers`); the window only shows the result."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QAction, QBrush, QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView, QDateEdit, QDialog, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QPushButton,
    QSplitter, QTableView, QTextBrowser, QVBoxLayout, QWidget,
)

from pharmadesk.config import EXPIRY_WINDOWS_SETTING
from pharmadesk.store import states
from pharmadesk.ui import feedback, workers
from pharmadesk.ui.screen import fit_to_screen
from pharmadesk.ui.report_document import (
    OUTCOME_INK, PENDING, DayReport, NeedingBox, box_headers, build_report, more_boxes_text, outcome_name,
    report_html, translate, write_csv, write_pdf,
)


class NeedingModel(QAbstractTableModel):
    """The boxes that need the pharmacist: operation, outcome, GTIN, serial, batch, code, reason."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._boxes: list[NeedingBox] = []

    def set_boxes(self, boxes: list[NeedingBox]) -> None:
        self.beginResetModel()
        self._boxes = boxes
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._boxes)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else 7

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return box_headers()[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        box = self._boxes[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (box.operation, outcome_name(box.outcome), box.gtin, box.serial, box.batch, box.code,
                    box.reason)[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 1:
            return QBrush(QColor(OUTCOME_INK[box.outcome]))
        if role == Qt.ItemDataRole.DecorationRole and index.column() == 1:  # never colour alone
            return feedback.icon(states.QUEUED if box.outcome == PENDING else box.outcome)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 6:
            return box.reason
        return None


class ReportDialog(QDialog):
    def __init__(self, station, parent: QWidget | None = None, *, today=date.today):
        super().__init__(parent)
        self.station = station
        self.setObjectName("endOfDay")
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        fit_to_screen(self, 1000, 740)
        self.report: DayReport | None = None
        self.html = ""
        self._asked = 0  # numbers the refreshes: only the latest one is shown
        self.day_label = QLabel(self)
        self.day = QDateEdit(self)
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd.MM.yyyy")
        self.day.setDate(QDate(today()))
        self.day_label.setBuddy(self.day)
        self.day.dateChanged.connect(self.refresh)
        self.refresh_button = QPushButton(self)
        self.refresh_button.clicked.connect(self.refresh)
        self.csv_button = QPushButton(self)
        self.csv_button.clicked.connect(self.ask_csv)
        self.pdf_button = QPushButton(self)
        self.pdf_button.clicked.connect(self.ask_pdf)
        self.close_button = QPushButton(self)
        self.close_button.clicked.connect(self.reject)
        self.view = QTextBrowser(self)
        self.boxes_label = QLabel(self)
        self.boxes = NeedingModel(self)
        self.boxes_table = QTableView(self)
        self.boxes_table.setModel(self.boxes)
        self.boxes_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.boxes_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.boxes_table.verticalHeader().setVisible(False)
        self.boxes_table.horizontalHeader().setStretchLastSection(True)
        self.boxes_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((120, 110, 130, 150, 90, 60)):
            self.boxes_table.setColumnWidth(column, width)
        boxes = QWidget(self)
        boxes_layout = QVBoxLayout(boxes)
        boxes_layout.setContentsMargins(0, 0, 0, 0)
        boxes_layout.addWidget(self.boxes_label)
        boxes_layout.addWidget(self.boxes_table, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(boxes)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.saved = QLabel(self)
        self.saved.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top = QHBoxLayout()
        top.addWidget(self.day_label)
        top.addWidget(self.day)
        top.addWidget(self.refresh_button)
        top.addStretch(1)
        top.addWidget(self.csv_button)
        top.addWidget(self.pdf_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.saved, 1)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(bottom)
        station.language.sig_changed.connect(self.translate_ui)
        self.translate_ui()

    def chosen_day(self) -> date:
        return self.day.date().toPython()

    # ---- reading (pool thread) -------------------------------------------------------------

    def refresh(self) -> workers.Job:
        """Read the chosen day again; the window shows it when the read is done."""
        station = self.station
        self._asked += 1
        asked, day, lang = self._asked, self.chosen_day(), station.lang
        stakeholder, gln = station.stakeholder, station.gln
        windows = station.config.get_or_default(EXPIRY_WINDOWS_SETTING)

        def read() -> DayReport:
            return build_report(station.store, day, lang=lang, stakeholder=stakeholder, station_gln=gln,
                                expiry_windows=windows)

        return workers.run_in_background(read, parent=self, on_success=lambda report: self._show(report, asked),
                                         on_failure=self._failed)

    def _show(self, report: DayReport, asked: int) -> None:
        if asked != self._asked:
            return  # the day or the language changed meanwhile: a newer read is coming
        self.report = report
        self.html = report_html(report, with_boxes=False)
        self.view.setHtml(self.html)
        self.boxes.set_boxes(report.needing)
        count = translate("Report", "Boxes that need you: %1").replace("%1", str(report.needing_total))
        more = more_boxes_text(report)
        self.boxes_label.setText(f"{count}  {more}".strip())
        self.boxes_table.setVisible(bool(report.needing))

    def _failed(self, error: Exception) -> None:
        self.saved.setText(translate("Report", "The report could not be made: %1").replace("%1", str(error)))

    # ---- saving (pool thread) ----------------------------------------------------------------

    def default_name(self, suffix: str) -> str:
        stem = "gun-sonu" if self.station.lang == "tr" else "end-of-day"
        return f"pharmadesk-{stem}-{self.chosen_day().isoformat()}.{suffix}"

    def export_csv(self, path: str | Path) -> workers.Job:
        """Every box of the report's day into `path`; the count is shown when written."""
        report, store = self.report, self.station.store
        return self._save(lambda: write_csv(store, report, path), lambda count: translate(
            "Report", "Saved %1 boxes to %2").replace("%1", str(count)).replace("%2", str(path)))

    def export_pdf(self, path: str | Path) -> workers.Job:
        report = self.report
        title = f"{translate('Report', 'End-of-day report')} {report.day:%d.%m.%Y}"
        return self._save(lambda: write_pdf(report_html(report, points=8), path, title=title),
                          lambda _none: translate("Report", "Saved the report to %1").replace("%1", str(path)))

    def _save(self, write, saved_text) -> workers.Job:
        self.saved.setText(translate("Report", "Saving…"))
        for button in (self.csv_button, self.pdf_button):
            button.setEnabled(False)

        def done(text: str) -> None:
            for button in (self.csv_button, self.pdf_button):
                button.setEnabled(True)
            self.saved.setText(text)

        return workers.run_in_background(
            write, parent=self, on_success=lambda result: done(saved_text(result)),
            on_failure=lambda error: done(translate("Report", "Could not save: %1").replace("%1", str(error))))

    def _ask_path(self, suffix: str, kind: str) -> str | None:
        folder = self.station.data_dir / "reports"
        folder.mkdir(parents=True, exist_ok=True)
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the report"),
                                              str(folder / self.default_name(suffix)), kind)
        return path or None

    def ask_csv(self) -> None:
        path = self._ask_path("csv", self.tr("CSV files (*.csv)"))
        if path and self.report is not None:
            self.export_csv(path)

    def ask_pdf(self) -> None:
        path = self._ask_path("pdf", self.tr("PDF files (*.pdf)"))
        if path and self.report is not None:
            self.export_pdf(path)

    def translate_ui(self, _lang: str | None = None) -> None:
        self.setWindowTitle(self.tr("End-of-day report"))
        self.day_label.setText(self.tr("&Day:"))
        self.refresh_button.setText(self.tr("Refresh (F5)"))
        self.csv_button.setText(self.tr("Save as CSV (Ctrl+S)"))
        self.pdf_button.setText(self.tr("Save as PDF (Ctrl+P)"))
        self.close_button.setText(self.tr("Close"))
        # after setText, which replaces a button's shortcut with its text's mnemonic
        self.refresh_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        self.csv_button.setShortcut(QKeySequence("Ctrl+S"))
        self.pdf_button.setShortcut(QKeySequence("Ctrl+P"))
        self.boxes.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 6)
        self.refresh()


def install(window) -> QAction:
    """The end-of-day report in the main window's Tools menu (Ctrl+E)."""
    action = QAction(window)
    action.setShortcut(QKeySequence("Ctrl+E"))

    def show() -> None:
        dialog = ReportDialog(window.station, window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.sync.sig_finished.connect(dialog.refresh)  # let go when the dialog is deleted
        dialog.show()

    def relabel(_lang: str | None = None) -> None:
        action.setText(translate("Report", "&End-of-day report"))
        action.setToolTip(translate("Report", "The day per operation: accepted, rejected, not sent; CSV or PDF"))

    action.triggered.connect(show)
    window.station.language.sig_changed.connect(relabel)
    relabel()
    return window.add_tool_action(action)
