"""The end-of-day report's content (Gün sonu raporu): the boxes scanned on a day, per
operation — accepted, rejected, needing attention, not sent yet — with ITS's reasons, the
boxes that need the pharmacist one by one, the day's stock movements and the expiring
stock; written as CSV (every box) and as PDF (Qt's PDF writer). Nothing here touches a
widget: it runs on a pool thread."""

from __future__ import annotations

import csv
import html
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument

from pharmadesk import reconcile
from pharmadesk.domain import Operation
from pharmadesk.its import codes
from pharmadesk.store import Store, states
from pharmadesk.store.stock import EXPIRED, IN_OPERATIONS, expiry_bucket
from pharmadesk.ui.station import page_name

translate = QCoreApplication.translate

PENDING = "pending"  # waiting for details, queued or sending: not settled yet
ATTENTION = states.NEEDS_ATTENTION
OUTCOMES = (states.ACCEPTED, states.REJECTED, ATTENTION, PENDING)
# Boxes listed one by one in the window and the PDF; the CSV always has every box.
DETAIL_LIMIT = 1000


def outcome_of(state: str) -> str | None:
    if state in (states.WAITING, states.QUEUED, states.SENDING):
        return PENDING
    return None if state == states.REMOVED else state


def outcome_name(outcome: str) -> str:
    return {states.ACCEPTED: translate("Report", "Accepted"),
            states.REJECTED: translate("Report", "Rejected"),
            ATTENTION: translate("Report", "Needs attention"),
            PENDING: translate("Report", "Not sent yet")}[outcome]


def reason_of(row: dict, lang: str) -> tuple[str, str]:
    """(code, plain words) for an item row: ITS's answer, or why it is still waiting."""
    if row.get("fc") or row.get("uc"):
        code, text, _ = reconcile.explain(row, lang)
        return code, text
    if row["state"] == states.WAITING:
        return "", translate("Report", "Kept until the notification details are complete.")
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


@dataclass(frozen=True)
class NeedingBox:
    """A box ITS refused, or one whose notification waits for the pharmacist."""

    operation: str  # the page name
    outcome: str
    gtin: str
    serial: str
    batch: str
    code: str
    reason: str


@dataclass(frozen=True)
class MovementLine:
    """A product's boxes moved by one operation that day (ITS accepted): + in, - out."""

    operation: str  # the page name
    gtin: str
    name: str
    quantity: int


@dataclass(frozen=True)
class ExpiringLine:
    """A lot on the shelf that expires within the longest warning window, or expired."""

    gtin: str
    name: str
    batch: str
    expiry: date
    count: int
    bucket: str  # "expired" or the window in days


@dataclass
class DayReport:
    day: date
    lang: str
    stakeholder: object  # pharmadesk.domain.Stakeholder
    station_gln: str | None
    operations: list[OperationLine]
    needing: list[NeedingBox]  # the first DETAIL_LIMIT of them
    needing_total: int
    waiting_from_earlier: int  # boxes scanned before this day and still not settled
    made_at: datetime
    movements: list[MovementLine] = field(default_factory=list)  # the day's stock movements
    expiring: list[ExpiringLine] = field(default_factory=list)  # the stock's expiring lots, at the day

    def totals(self) -> dict[str, int]:
        return {outcome: sum(line.counts[outcome] for line in self.operations) for outcome in OUTCOMES}


def day_bounds(day: date) -> tuple[str, str]:
    return day.isoformat(), (day + timedelta(days=1)).isoformat()


def build_report(store: Store, day: date, *, lang: str, stakeholder, station_gln: str | None,
                 expiry_windows: tuple[int, ...] = (30, 60, 90)) -> DayReport:
    """The report of `day` from the store (grouped in SQL: a 100,000-box day is quick)."""
    since, until = day_bounds(day)
    lines: dict[str, OperationLine] = {}
    reasons: dict[tuple[str, str, str, str], ReasonLine] = {}
    for row in store.outcomes_scanned(since, until):
        outcome = outcome_of(row["state"])
        if outcome is None:
            continue
        operation = Operation(row["operation"])
        line = lines.get(row["operation"])
        if line is None:
            line = lines[row["operation"]] = OperationLine(operation, page_name(operation, stakeholder, lang))
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
    needing = store.items_scanned(since, until, states_=(states.REJECTED, ATTENTION))
    return DayReport(day=day, lang=lang, stakeholder=stakeholder, station_gln=station_gln,
                     operations=sorted(lines.values(), key=lambda line: order[line.operation.value]),
                     needing=[_needing_box(row, stakeholder, lang) for row in needing[:DETAIL_LIMIT]],
                     needing_total=len(needing), waiting_from_earlier=earlier,
                     made_at=datetime.now().astimezone(),
                     movements=_movements(store, since, until, stakeholder, lang),
                     expiring=_expiring(store, day, expiry_windows))


def _movements(store: Store, since: str, until: str, stakeholder, lang: str) -> list[MovementLine]:
    names = store.product_names()
    return [MovementLine(page_name(Operation(row["operation"]), stakeholder, lang), row["gtin"],
                         names.get(row["gtin"], ""),
                         row["n"] if Operation(row["operation"]) in IN_OPERATIONS else -row["n"])
            for row in store.moved_on(since, until)]


def _expiring(store: Store, day: date, windows: tuple[int, ...]) -> list[ExpiringLine]:
    lines = []
    for line in store.stock_lines():
        bucket = expiry_bucket(line.expiry, day, windows)
        if bucket is not None:
            lines.append(ExpiringLine(line.gtin, line.name or "", line.batch, line.expiry, line.count, bucket))
    return sorted(lines, key=lambda line: (line.expiry, line.gtin, line.batch))


def _needing_box(row: dict, stakeholder, lang: str) -> NeedingBox:
    code, text = reason_of(row, lang)
    return NeedingBox(page_name(Operation(row["operation"]), stakeholder, lang), outcome_of(row["state"]),
                      row["gtin"], row["serial"], row["batch"], code, text)


# ---- CSV --------------------------------------------------------------------------------

def csv_header() -> list[str]:
    return [translate("Report", "Date"), translate("Report", "Time"), translate("Report", "Operation"),
            translate("Report", "Outcome"), translate("Report", "Code"), translate("Report", "Reason"), "GTIN",
            translate("Report", "Product"), translate("Report", "Serial"), translate("Report", "Batch"),
            translate("Report", "Expiry"), translate("Report", "ITS notification ID")]


def write_csv(store: Store, report: DayReport, path: str | Path) -> int:
    """Every box of the day, one line each, in the interface language; returns the count.
    UTF-8 with a byte-order mark and ";" between fields: what Excel on a Turkish PC opens
    as columns with ç, ğ, ı, ş intact."""
    names = {row["gtin"]: row["name"] for row in store.products() if row.get("name")}
    since, until = day_bounds(report.day)
    written = 0
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        out = csv.writer(handle, delimiter=";")
        out.writerow(csv_header())
        for row in store.stream_items_scanned(since, until):
            outcome = outcome_of(row["state"])
            if outcome is None:
                continue
            scanned = datetime.fromisoformat(row["scanned_at"])
            operation = Operation(row["operation"])
            code, text = reason_of(row, report.lang)
            out.writerow([scanned.strftime("%d.%m.%Y"), scanned.strftime("%H:%M:%S"),
                          page_name(operation, report.stakeholder, report.lang), outcome_name(outcome), code, text,
                          row["gtin"], names.get(row["gtin"], ""), row["serial"], row["batch"],
                          date.fromisoformat(row["expiry"]).strftime("%d.%m.%Y"),
                          row.get("its_notification_id") or ""])
            written += 1
    return written


# ---- HTML (window and PDF) ------------------------------------------------------------

OUTCOME_INK = {states.ACCEPTED: "#1e8e3e", states.REJECTED: "#c5221f", ATTENTION: "#b06000", PENDING: "#1a73e8"}
_MARK = {states.ACCEPTED: "✔", states.REJECTED: "✖", ATTENTION: "⚠", PENDING: "…"}


def report_html(report: DayReport, *, with_boxes: bool = True, points: int = 10) -> str:
    """The report as HTML: the window shows it without the boxes (they are in a table
    view there), the PDF with them."""
    e = html.escape
    title = translate("Report", "End-of-day report")
    station = translate("Report", "Station GLN: %1").replace("%1", report.station_gln or "—")
    made = translate("Report", "Made at %1").replace("%1", report.made_at.strftime("%d.%m.%Y %H:%M"))
    parts = [
        f"<html><body style='font-family: sans-serif; font-size: {points}pt;'>",
        f"<h1 style='font-size: {points + 6}pt;'>{e(title)} — {report.day:%d.%m.%Y}</h1>",
        f"<p>{e(station)} · {e(made)}</p>",
    ]
    if not report.operations:
        nothing = translate("Report", "No boxes were scanned on this day.")
        parts.append(f"<p><b>{e(nothing)}</b></p>")
    else:
        parts.append(_summary_table(report, points))
        for line in report.operations:
            if line.reasons:
                parts.append(f"<h2 style='font-size: {points + 2}pt;'>{e(line.name)}</h2>")
                parts.append(_reasons_table(line, points))
        if with_boxes:
            parts.append(_boxes_table(report, points))
    parts.append(_movements_table(report, points))
    parts.append(_expiring_table(report, points))
    if report.waiting_from_earlier:
        earlier = translate("Report", "%1 boxes scanned on earlier days are still waiting or need attention.")
        earlier = earlier.replace("%1", str(report.waiting_from_earlier))
        parts.append(f"<p style='color: #b06000;'>⚠ {e(earlier)}</p>")
    parts.append("</body></html>")
    return "".join(parts)


def _cell(text: str, *, head: bool = False, align: str = "left", ink: str | None = None,
          wrap: bool = True, width: int | None = None) -> str:
    tag = "th" if head else "td"
    style = f"padding: 3px 6px; text-align: {align};" + (f" color: {ink};" if ink else "") \
        + ("" if wrap else " white-space: nowrap;")
    size = f" width='{width}%'" if width else ""
    return f"<{tag}{size} style='{style}'>{html.escape(text)}</{tag}>"


def _table(rows: list[str], points: int) -> str:
    return ("<table border='1' cellspacing='0' cellpadding='3' width='99%' "
            f"style='border-collapse: collapse; border-color: #999; font-size: {points}pt;'>"
            + "".join(rows) + "</table>")


def _summary_table(report: DayReport, points: int) -> str:
    # Explicit widths: Qt's table layout would otherwise break "gönderilmedi" mid-word.
    head = ("<tr style='background: #eee;'>" + _cell(translate("Report", "Operation"), head=True, width=26)
            + "".join(_cell(f"{_MARK[o]} {outcome_name(o)}", head=True, align="right", width=16) for o in OUTCOMES)
            + _cell(translate("Report", "Total"), head=True, align="right", width=10) + "</tr>")
    rows = [head]
    for line in report.operations:
        rows.append("<tr>" + _cell(line.name) + "".join(
            _cell(str(line.counts[o]), align="right", ink=OUTCOME_INK[o] if line.counts[o] else None)
            for o in OUTCOMES) + _cell(str(line.total), align="right") + "</tr>")
    totals = report.totals()
    rows.append("<tr style='font-weight: bold;'>" + _cell(translate("Report", "All operations")) + "".join(
        _cell(str(totals[o]), align="right") for o in OUTCOMES) +
        _cell(str(sum(totals.values())), align="right") + "</tr>")
    return _table(rows, points)


def _reasons_table(line: OperationLine, points: int) -> str:
    rows = ["<tr style='background: #eee;'>" + _cell(translate("Report", "Outcome"), head=True)
            + _cell(translate("Report", "Code"), head=True) + _cell(translate("Report", "Reason"), head=True)
            + _cell(translate("Report", "Boxes"), head=True, align="right") + "</tr>"]
    for reason in line.reasons:
        outcome = f"{_MARK[reason.outcome]} {outcome_name(reason.outcome)}"
        rows.append("<tr>" + _cell(outcome, ink=OUTCOME_INK[reason.outcome])
                    + _cell(reason.code) + _cell(reason.text) + _cell(str(reason.count), align="right") + "</tr>")
    return _table(rows, points)


def _movements_table(report: DayReport, points: int) -> str:
    if not report.movements:
        return ""
    heads = (translate("Report", "Operation"), translate("Report", "Product"), "GTIN", translate("Report", "Boxes"))
    rows = ["<tr style='background: #eee;'>" + "".join(_cell(h, head=True) for h in heads) + "</tr>"]
    for line in report.movements:
        rows.append("<tr>" + _cell(line.operation) + _cell(line.name) + _cell(line.gtin, wrap=False)
                    + _cell(f"{line.quantity:+d}", align="right") + "</tr>")
    heading = translate("Report", "Stock movements of the day (accepted by ITS)")
    return f"<h2 style='font-size: {points + 2}pt;'>{html.escape(heading)}</h2>" + _table(rows, points)


def _expiring_table(report: DayReport, points: int) -> str:
    if not report.expiring:
        return ""
    heads = (translate("Report", "Expiry state"), translate("Report", "Product"), "GTIN", translate("Report", "Batch"),
             translate("Report", "Expiry"), translate("Report", "Boxes"))
    rows = ["<tr style='background: #eee;'>" + "".join(_cell(h, head=True) for h in heads) + "</tr>"]
    for line in report.expiring:
        expired = line.bucket == EXPIRED
        state = translate("Report", "Expired") if expired else \
            translate("Report", "Within %1 days").replace("%1", line.bucket)
        rows.append("<tr>" + _cell(state, ink="#c5221f" if expired else "#b06000", wrap=False) + _cell(line.name)
                    + _cell(line.gtin, wrap=False) + _cell(line.batch, wrap=False)
                    + _cell(line.expiry.strftime("%d.%m.%Y"), wrap=False) + _cell(str(line.count), align="right")
                    + "</tr>")
    heading = translate("Report", "Expiring stock")
    return f"<h2 style='font-size: {points + 2}pt;'>{html.escape(heading)}</h2>" + _table(rows, points)


def _boxes_table(report: DayReport, points: int) -> str:
    if not report.needing:
        return ""
    headers = "".join(_cell(text, head=True, wrap=False) for text in box_headers())
    rows = [f"<tr style='background: #eee;'>{headers}</tr>"]
    for box in report.needing:
        rows.append("<tr>" + _cell(box.operation, wrap=False)
                    + _cell(outcome_name(box.outcome), ink=OUTCOME_INK[box.outcome], wrap=False)
                    + "".join(_cell(text, wrap=False) for text in (box.gtin, box.serial, box.batch, box.code))
                    + _cell(box.reason) + "</tr>")
    heading = translate("Report", "Boxes that need you")
    title = f"<h2 style='font-size: {points + 2}pt;'>{html.escape(heading)}</h2>"
    return title + _table(rows, points - 2) + more_boxes_html(report)


def box_headers() -> tuple[str, ...]:
    return (translate("Report", "Operation"), translate("Report", "Outcome"), "GTIN",
            translate("Report", "Serial"), translate("Report", "Batch"), translate("Report", "Code"),
            translate("Report", "Reason"))


def more_boxes_text(report: DayReport) -> str:
    """"… and N more" when the list was cut at DETAIL_LIMIT, else ""."""
    rest = report.needing_total - len(report.needing)
    return translate("Report", "… and %1 more: see the CSV file.").replace("%1", str(rest)) if rest > 0 else ""


def more_boxes_html(report: DayReport) -> str:
    text = more_boxes_text(report)
    return f"<p>{html.escape(text)}</p>" if text else ""


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
