"""The stock count window (Sayım): scan the shelf in any order, over as many sittings as
it takes (the count stays open until finished), then compare with the stock on hand:
missing boxes, boxes never received here, boxes here although ITS says they left, and
karekods whose expiry differs from the one on file. Saved as CSV or PDF like the
end-of-day report. A count changes no stock."""

from __future__ import annotations

import csv
import html
from pathlib import Path

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog, QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget,
)

from pharmadesk.domain import Operation
from pharmadesk.session import ScanOutcome, Session
from pharmadesk.store.count import EXPIRY_DIFFERS, LEFT, OK, UNEXPECTED, CountResult, CountScan
from pharmadesk.ui import feedback
from pharmadesk.ui.report_document import write_pdf
from pharmadesk.ui.scan_field import ScanField
from pharmadesk.ui.screen import fit_to_screen
from pharmadesk.ui.stock_dialogs import fill, read_only_table

FINDING_LOOKS = {OK: "accepted", UNEXPECTED: "rejected", LEFT: "rejected", EXPIRY_DIFFERS: "needs-attention",
                 "missing": "removed", "unreadable": "unreadable"}


class CountDialog(QDialog):
    def __init__(self, station, parent: QWidget | None = None):
        super().__init__(parent)
        self.station = station
        self.store = station.store
        self.count_id = self.store.open_count()
        self.result: CountResult | None = None
        self.session = Session(self.store, station.stakeholder, Operation.VERIFY)
        self.setWindowTitle(self.tr("Stock count"))
        self.heading = QLabel(self)
        self.scan_label = QLabel(self.tr("&Scan a box:"), self)
        self.scan_field = ScanField(self)
        self.scan_label.setBuddy(self.scan_field)
        self.scan_field.sig_scanned.connect(lambda raw: self.take_scan(raw, "keyboard"))
        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.setMinimumHeight(40)
        self.table = read_only_table(self, self.headers())
        self.compare_button = QPushButton(self.tr("Compare with stock (Ctrl+M)"), self)
        self.compare_button.setShortcut(QKeySequence("Ctrl+M"))
        self.compare_button.clicked.connect(self.compare)
        self.csv_button = QPushButton(self.tr("Save as CSV (Ctrl+S)"), self)
        self.csv_button.setShortcut(QKeySequence("Ctrl+S"))
        self.csv_button.clicked.connect(lambda: self._ask_path("csv", self.export_csv))
        self.pdf_button = QPushButton(self.tr("Save as PDF (Ctrl+P)"), self)
        self.pdf_button.setShortcut(QKeySequence("Ctrl+P"))
        self.pdf_button.clicked.connect(lambda: self._ask_path("pdf", self.export_pdf))
        self.finish_button = QPushButton(self.tr("Finish the count"), self)
        self.finish_button.clicked.connect(self.finish)
        close_button = QPushButton(self.tr("Close (continue later)"), self)
        close_button.clicked.connect(self.reject)

        scan_row = QHBoxLayout()
        scan_row.addWidget(self.scan_label)
        scan_row.addWidget(self.scan_field, 1)
        buttons = QHBoxLayout()
        for button in (self.compare_button, self.csv_button, self.pdf_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.finish_button)
        buttons.addWidget(close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(scan_row)
        layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        fit_to_screen(self, 1100, 600)
        self.rows: list[tuple] = []
        self.looks: list[str] = []
        self._show_heading()
        self.scan_field.setFocus()

    def headers(self) -> list[str]:
        return [self.tr("Finding"), self.tr("GTIN"), self.tr("Product"), self.tr("Serial"), self.tr("Lot"),
                self.tr("Expiry"), self.tr("What it means")]

    def _show_heading(self) -> None:
        info = self.store.count_info(self.count_id)
        self.heading.setText(self.tr("Count #%1, started %2: %3 boxes counted")
                             .replace("%1", str(self.count_id)).replace("%2", info["started_at"][:16].replace("T", " "))
                             .replace("%3", str(info["boxes"])))

    # ---- scanning -----------------------------------------------------------------------

    def take_scan(self, raw: str, source: str = "wedge") -> CountScan | ScanOutcome:
        """A box found on the shelf (from the field or any scanner while this window is active)."""
        lang = self.station.lang
        checked = self.session.check(raw)
        if isinstance(checked, ScanOutcome):
            self._banner("unreadable", checked.message(lang))
            return checked
        scan = self.store.count_scan(self.count_id, checked, raw)
        text = scan.message(lang)
        if scan.again:
            text = self.tr("Already counted.") + " " + text
        self._banner(FINDING_LOOKS[scan.finding], text)
        if not scan.again:
            self.rows.insert(0, self._row(self.finding_text(scan.finding), scan.box, text))
            self.looks.insert(0, FINDING_LOOKS[scan.finding])
            fill(self.table, self.rows, self.looks)
        self._show_heading()
        return scan

    def _banner(self, look: str, text: str) -> None:
        ink = feedback.look(look).ink
        self.banner.setText(f"<span style='color:{ink}; font-size:14pt; font-weight:bold'>{html.escape(text)}</span>")

    def _row(self, finding: str, box, note: str) -> tuple:
        name = self.station.store.product_names().get(box.gtin, "")
        return (finding, box.gtin, name, box.serial, box.batch, box.expiry.strftime("%d.%m.%Y"), note)

    def finding_text(self, finding: str) -> str:
        return {OK: self.tr("In stock"), UNEXPECTED: self.tr("Unexpected"), LEFT: self.tr("ITS says it left"),
                EXPIRY_DIFFERS: self.tr("Expiry differs"), "missing": self.tr("Missing")}[finding]

    # ---- comparing ----------------------------------------------------------------------

    def compare(self) -> CountResult:
        lang = self.station.lang
        result = self.result = self.store.count_result(self.count_id)
        rows, looks = [], []
        for finding, scans in ((UNEXPECTED, result.unexpected), (LEFT, result.left),
                               (EXPIRY_DIFFERS, result.expiry_differs)):
            for scan in scans:
                rows.append(self._row(self.finding_text(finding), scan.box, scan.message(lang)))
                looks.append(FINDING_LOOKS[finding])
        for box in result.missing:
            rows.append(self._row(self.finding_text("missing"), box, self.tr("In stock, but not found on the shelf.")))
            looks.append(FINDING_LOOKS["missing"])
        self.rows, self.looks = rows, looks
        fill(self.table, rows, looks)
        self._banner("accepted" if not rows else "needs-attention", self.summary())
        return result

    def summary(self) -> str:
        result = self.result
        text = self.tr("%1 counted, %2 match the stock; missing %3, unexpected %4, ITS says left %5, "
                       "expiry differs %6")
        return (text.replace("%1", str(result.counted)).replace("%2", str(result.matched))
                .replace("%3", str(len(result.missing))).replace("%4", str(len(result.unexpected)))
                .replace("%5", str(len(result.left))).replace("%6", str(len(result.expiry_differs))))

    def finish(self) -> None:
        self.compare()
        self.store.close_count(self.count_id)
        self.accept()

    # ---- saving -------------------------------------------------------------------------

    def _ask_path(self, suffix: str, write) -> None:
        folder = self.station.data_dir / "reports"
        folder.mkdir(parents=True, exist_ok=True)
        kind = self.tr("CSV files (*.csv)") if suffix == "csv" else self.tr("PDF files (*.pdf)")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the count"),
                                              str(folder / f"sayim-{self.count_id}.{suffix}"), kind)
        if path:
            write(path)

    def export_csv(self, path: str | Path) -> int:
        """The comparison, one box a line: UTF-8 with BOM and ";" like the end-of-day CSV."""
        if self.result is None:
            self.compare()
        with open(path, "w", encoding="utf-8-sig", newline="") as handle:
            out = csv.writer(handle, delimiter=";")
            out.writerow(self.headers())
            out.writerows(self.rows)
        return len(self.rows)

    def export_pdf(self, path: str | Path) -> None:
        if self.result is None:
            self.compare()
        e = html.escape
        cells = "".join("<tr>" + "".join(f"<td style='padding:2px 6px'>{e(str(v))}</td>" for v in row) + "</tr>"
                        for row in self.rows)
        head = "".join(f"<th align='left' style='padding:2px 6px'>{e(h)}</th>" for h in self.headers())
        title = self.windowTitle() + f" #{self.count_id}"
        write_pdf(f"<h2>{e(title)}</h2><p>{e(self.summary())}</p>"
                  f"<table border='1' cellspacing='0' style='font-size:8pt'><tr>{head}</tr>{cells}</table>",
                  path, title=title)


__all__ = ["CountDialog", "FINDING_LOOKS"]
