"""The end-of-day report (Gün sonu raporu): the boxes scanned on a day, per operation —
accepted, rejected, needing attention and still waiting to be sent — with the reasons
ITS gave; and the boxes that need the pharmacist, one by one. Shown in a window, saved
as CSV (one line per box, for a spreadsheet) and as PDF (Qt's own PDF writer)."""

from __future__ import annotations

import csv
import html
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, QMarginsF, Qt
from PySide6.QtGui import QAction, QKeySequence, QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import (
    QDateEdit, QDialog, QFileDialog, QHBoxLayout, QLabel, QPushButton, QTextBrowser, QVBoxLayout,
    QWidget,
)

from pharmadesk.domain import Operation
from pharmadesk.its import codes
from pharmadesk.store import Store, states
from pharmadesk.ui.station import page_name

translate = QCoreApplication.translate

PENDING = "pending"  # queued or sending: not settled yet
ATTENTION = states.NEEDS_ATTENTION
OUTCOMES = (states.ACCEPTED, states.REJECTED, ATTENTION, PENDING)
# Boxes listed one by one in the window and the PDF; the CSV always has every box.
DETAIL_LIMIT = 1000



def outcome_of(state: str) -> str | None:
    if state in (states.QUEUED, states.SENDING):
        return PENDING
    return None if state == states.REMOVED else state


def outcome_name(outcome: str) -> str:
    return {states.ACCEPTED: translate("Report", "Accepted"), states.REJECTED: translate("Report", "Rejected"),
            ATTENTION: translate("Report", "Needs attention"), PENDING: translate("Report", "Not sent yet")}[outcome]


def reason_of(row: dict, lang: str) -> tuple[str, str]:
    """(code, plain words) for an item row: ITS's answer, or why it is still waiting."""
    if row.get("fc"):
        return row["fc"], row.get("message") or codes.describe(row["fc"], lang).text
    if row.get("uc"):
        info = codes.describe(row["uc"], lang)
        return info.code, info.text if info.known else (row.get("message") or info.text)
    if outcome_of(row["state"]) == PENDING:
        if not row.get("message"):
            return "", translate("Report", "Waiting for the next sync.")
        # The sync engine notes why a send did not get through in English only.
        return "", row["message"] if lang == "en" else translate(
            "Report", "The last sync did not get an answer from ITS; it is sent again at the next sync.")
    return "", row.get("message") or ""


@dataclass
class ReasonLine:
    outcome: str
    code: str
    text: str
    count: int


@dataclass
class OperationLine:
    operation: Operation
    name: str
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(OUTCOMES, 0))
    reasons: list[ReasonLine] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass
class DayReport:
    day: date
    lang: str
    station_gln: str | None
    operations: list[OperationLine]
    waiting_from_earlier: int  # boxes scanned before this day and still not settled
    made_at: datetime

    def totals(self) -> dict[str, int]:
        return {outcome: sum(line.counts[outcome] for line in self.operations) for outcome in OUTCOMES}


def day_bounds(day: date) -> tuple[str, str]:
    return day.isoformat(), (day + timedelta(days=1)).isoformat()


def build_report(store: Store, day: date, *, lang: str, stakeholder, station_gln: str | None) -> DayReport:
    """The report of `day` from the store (grouped in SQL: a 100,000-box day is quick)."""
    since, until = day_bounds(day)
    lines: dict[str, OperationLine] = {}
    reasons: dict[tuple[str, str, str, str], ReasonLine] = {}
    for row in store.outcomes_scanned(since, until):
        outcome = outcome_of(row["state"])
        if outcome is None:
            continue
        operation = Operation(row["operation"])
        line = lines.setdefault(row["operation"], OperationLine(operation, page_name(operation, stakeholder, lang)))
        line.counts[outcome] += row["n"]
        code, text = reason_of(row, lang)
        if outcome == states.ACCEPTED and code in ("", codes.SUCCESS):
            continue  # an accepted box needs no reason
        key = (row["operation"], outcome, code, text)
        if key in reasons:
            reasons[key].count += row["n"]
        else:
            reasons[key] = ReasonLine(outcome, code, text, row["n"])
            line.reasons.append(reasons[key])
    for line in lines.values():
        line.reasons.sort(key=lambda reason: (OUTCOMES.index(reason.outcome), -reason.count))
    order = {operation.value: number for number, operation in enumerate(Operation)}
    earlier = sum(row["n"] for row in store.outcomes_scanned("", since)
                  if outcome_of(row["state"]) in (PENDING, ATTENTION))
    return DayReport(day=day, lang=lang, station_gln=station_gln,
                     operations=sorted(lines.values(), key=lambda line: order[line.operation.value]),
                     waiting_from_earlier=earlier, made_at=datetime.now().astimezone())


# ---- CSV --------------------------------------------------------------------------------

def csv_header() -> list[str]:
    return [translate("Report", "Date"), translate("Report", "Time"), translate("Report", "Operation"),
            translate("Report", "Outcome"), translate("Report", "Code"), translate("Report", "Reason"), "GTIN",
            translate("Report", "Product"), translate("Report", "Serial"), translate("Report", "Batch"),
            translate("Report", "Expiry"), translate("Report", "ITS notification ID")]


def write_csv(store: Store, report: DayReport, path: str | Path, *, stakeholder) -> int:
    """Every box of the day, one line each, in the interface language; returns the count.
    UTF-8 with a byte-order mark and ";" between fields: what Excel on a Turkish PC opens
    as columns with ç, ğ, ı, ş intact."""
    names = {row["gtin"]: row["name"] for row in store.products() if row.get("name")}
    since, until = day_bounds(report.day)
    written = 0
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        out = csv.writer(handle, delimiter=";")
        out.writerow(csv_header())
        for row in store.items_scanned(since, until):
            outcome = outcome_of(row["state"])
            if outcome is None:
                continue
            scanned = datetime.fromisoformat(row["scanned_at"])
            operation = Operation(row["operation"])
            code, text = reason_of(row, report.lang)
            out.writerow([scanned.strftime("%d.%m.%Y"), scanned.strftime("%H:%M:%S"),
                          page_name(operation, stakeholder, report.lang), outcome_name(outcome), code, text,
                          row["gtin"], names.get(row["gtin"], ""), row["serial"], row["batch"],
                          date.fromisoformat(row["expiry"]).strftime("%d.%m.%Y"),
                          row.get("its_notification_id") or ""])
            written += 1
    return written


# ---- HTML (window and PDF) ------------------------------------------------------------

_INK = {states.ACCEPTED: "#1e8e3e", states.REJECTED: "#c5221f", ATTENTION: "#b06000", PENDING: "#1a73e8"}
_MARK = {states.ACCEPTED: "✔", states.REJECTED: "✖", ATTENTION: "⚠", PENDING: "…"}


def report_html(store: Store, report: DayReport, *, stakeholder) -> str:
    e = html.escape
    title = translate("Report", "End-of-day report")
    station = translate("Report", "Station GLN: %1").replace("%1", report.station_gln or "—")
    made = translate("Report", "Made at %1").replace("%1", report.made_at.strftime("%d.%m.%Y %H:%M"))
    parts = [
        "<html><body style='font-family: sans-serif; font-size: 10pt;'>",
        f"<h1 style='font-size: 16pt;'>{e(title)} — {report.day:%d.%m.%Y}</h1>",
        f"<p>{e(station)} · {e(made)}</p>",
    ]
    if not report.operations:
        nothing = translate("Report", "No boxes were scanned on this day.")
        parts.append(f"<p><b>{e(nothing)}</b></p>")
    else:
        parts.append(_summary_table(report))
        for line in report.operations:
            if line.reasons:
                parts.append(f"<h2 style='font-size: 12pt;'>{e(line.name)}</h2>")
                parts.append(_reasons_table(line))
        parts.append(_boxes_table(store, report, stakeholder))
    if report.waiting_from_earlier:
        earlier = translate("Report", "%1 boxes scanned on earlier days are still waiting or need attention.")
        parts.append(f"<p style='color: #b06000;'>⚠ {e(earlier.replace('%1', str(report.waiting_from_earlier)))}</p>")
    parts.append("</body></html>")
    return "".join(parts)


def _cell(text: str, *, head: bool = False, align: str = "left", ink: str | None = None,
          wrap: bool = True) -> str:
    tag = "th" if head else "td"
    style = f"padding: 3px 6px; text-align: {align};" + (f" color: {ink};" if ink else "") \
        + ("" if wrap else " white-space: nowrap;")
    return f"<{tag} style='{style}'>{html.escape(text)}</{tag}>"


def _table(rows: list[str], *, size: str = "10pt") -> str:
    return ("<table border='1' cellspacing='0' cellpadding='3' width='99%' "
            f"style='border-collapse: collapse; border-color: #999; font-size: {size};'>"
            + "".join(rows) + "</table>")


def _summary_table(report: DayReport) -> str:
    head = "<tr style='background: #eee;'>" + _cell(translate("Report", "Operation"), head=True) + "".join(
        _cell(f"{_MARK[o]} {outcome_name(o)}", head=True, align="right") for o in OUTCOMES) + \
        _cell(translate("Report", "Total"), head=True, align="right") + "</tr>"
    rows = [head]
    for line in report.operations:
        rows.append("<tr>" + _cell(line.name) + "".join(
            _cell(str(line.counts[o]), align="right", ink=_INK[o] if line.counts[o] else None)
            for o in OUTCOMES) + _cell(str(line.total), align="right") + "</tr>")
    totals = report.totals()
    rows.append("<tr style='font-weight: bold;'>" + _cell(translate("Report", "All operations")) + "".join(
        _cell(str(totals[o]), align="right") for o in OUTCOMES) +
        _cell(str(sum(totals.values())), align="right") + "</tr>")
    return _table(rows)


def _reasons_table(line: OperationLine) -> str:
    rows = ["<tr style='background: #eee;'>" + _cell(translate("Report", "Outcome"), head=True)
            + _cell(translate("Report", "Code"), head=True) + _cell(translate("Report", "Reason"), head=True)
            + _cell(translate("Report", "Boxes"), head=True, align="right") + "</tr>"]
    for reason in line.reasons:
        rows.append("<tr>" + _cell(f"{_MARK[reason.outcome]} {outcome_name(reason.outcome)}", ink=_INK[reason.outcome])
                    + _cell(reason.code) + _cell(reason.text) + _cell(str(reason.count), align="right") + "</tr>")
    return _table(rows)


def _boxes_table(store: Store, report: DayReport, stakeholder) -> str:
    since, until = day_bounds(report.day)
    boxes = store.items_scanned(since, until, states_=(states.REJECTED, ATTENTION))
    if not boxes:
        return ""
    rows = ["<tr style='background: #eee;'>" + "".join(_cell(text, head=True, wrap=False) for text in (
        translate("Report", "Operation"), translate("Report", "Outcome"), "GTIN", translate("Report", "Serial"),
        translate("Report", "Batch"), translate("Report", "Code"), translate("Report", "Reason"))) + "</tr>"]
    for row in boxes[:DETAIL_LIMIT]:
        outcome = outcome_of(row["state"])
        code, text = reason_of(row, report.lang)
        rows.append("<tr>" + _cell(page_name(Operation(row["operation"]), stakeholder, report.lang), wrap=False)
                    + _cell(outcome_name(outcome), ink=_INK[outcome], wrap=False) + _cell(row["gtin"], wrap=False)
                    + _cell(row["serial"], wrap=False) + _cell(row["batch"], wrap=False)
                    + _cell(code, wrap=False) + _cell(text) + "</tr>")
    heading = translate("Report", "Boxes that need you")
    title = f"<h2 style='font-size: 12pt;'>{html.escape(heading)}</h2>"
    more = ""
    if len(boxes) > DETAIL_LIMIT:
        rest = translate("Report", "… and %1 more: see the CSV file.").replace("%1", str(len(boxes) - DETAIL_LIMIT))
        more = f"<p>{html.escape(rest)}</p>"
    return title + _table(rows, size="8pt") + more


def write_pdf(document_html: str, path: str | Path, *, title: str) -> None:
    """An A4 PDF of the report through Qt's PDF writer (fonts embedded, text searchable)."""
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    # QTextDocument.print_ keeps its own 2 cm margin (and puts the page number in it).
    writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
    writer.setResolution(300)
    writer.setTitle(title)
    writer.setCreator("PharmaDesk")
    document = QTextDocument()
    document.setHtml(document_html)
    document.print_(writer)


# ---- the window -------------------------------------------------------------------------

class ReportDialog(QDialog):
    def __init__(self, station, parent: QWidget | None = None, *, today=date.today):
        super().__init__(parent)
        self.station = station
        self.setObjectName("endOfDay")
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.resize(980, 720)
        self.report: DayReport | None = None
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
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)
        station.language.sig_changed.connect(self.translate_ui)
        self.translate_ui()

    def chosen_day(self) -> date:
        return self.day.date().toPython()

    def refresh(self) -> None:
        station = self.station
        self.report = build_report(station.store, self.chosen_day(), lang=station.lang,
                                   stakeholder=station.stakeholder, station_gln=station.gln)
        self.html = report_html(station.store, self.report, stakeholder=station.stakeholder)
        self.view.setHtml(self.html)

    def default_name(self, suffix: str) -> str:
        stem = "gun-sonu" if self.station.lang == "tr" else "end-of-day"
        return f"pharmadesk-{stem}-{self.chosen_day().isoformat()}.{suffix}"

    def export_csv(self, path: str | Path) -> int:
        count = write_csv(self.station.store, self.report, path, stakeholder=self.station.stakeholder)
        self.saved.setText(translate("Report", "Saved %1 boxes to %2")
                           .replace("%1", str(count)).replace("%2", str(path)))
        return count

    def export_pdf(self, path: str | Path) -> None:
        title = translate("Report", "End-of-day report")
        write_pdf(self.html, path, title=f"{title} {self.chosen_day():%d.%m.%Y}")
        self.saved.setText(translate("Report", "Saved the report to %1").replace("%1", str(path)))

    def _ask_path(self, suffix: str, kind: str) -> str | None:
        folder = self.station.data_dir / "reports"
        folder.mkdir(parents=True, exist_ok=True)
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the report"),
                                              str(folder / self.default_name(suffix)), kind)
        return path or None

    def ask_csv(self) -> None:
        path = self._ask_path("csv", self.tr("CSV files (*.csv)"))
        if path:
            self.export_csv(path)

    def ask_pdf(self) -> None:
        path = self._ask_path("pdf", self.tr("PDF files (*.pdf)"))
        if path:
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

