"""The message log's data side: a Qt model over the store's exchanges (without their
XML, fetched one at a time when read), the outcome/service filter, and the masking,
indenting and laying out of one exchange's XML or JSON before anyone sees it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from lxml import etree
from PySide6.QtCore import (
    QAbstractTableModel, QCoreApplication, QModelIndex, QObject, QPersistentModelIndex,
    QSortFilterProxyModel, Qt,
)
from PySide6.QtGui import QFont, QTextDocument
from PySide6.QtWidgets import QPlainTextDocumentLayout

from pharmadesk import masking
from pharmadesk.bilingual import in_language
from pharmadesk.domain import Operation
from pharmadesk.its import rest_services, services, xmlsafe
from pharmadesk.session import operation_name
from pharmadesk.store import Store, states
from pharmadesk.ui import feedback

translate = QCoreApplication.translate

ALL, SUCCESSFUL, FAILED = "all", "ok", "failed"
# Longest text shown pretty-printed; a bigger one (a 10,000-box request is ~1 MB) is
# shown as stored, which the text box still scrolls through quickly.
PRETTY_LIMIT = 4_000_000


def is_failure(outcome: str) -> bool:
    return outcome != SUCCESSFUL


def pretty(text: str) -> str:
    """An exchange's text indented: JSON (its2) or XML (SOAP); anything else as it came."""
    if text and len(text) <= PRETTY_LIMIT and text.lstrip().startswith(("{", "[")):
        try:
            return json.dumps(json.loads(text), ensure_ascii=False, indent=2)
        except ValueError:
            return text
    return pretty_xml(text)


def pretty_xml(text: str) -> str:
    """Indented XML when the text is a well-formed document (parsed the safe way: no DTD,
    no entities), else the text unchanged — an HTTP 500 page stays what it was."""
    if not text or len(text) > PRETTY_LIMIT or not text.lstrip().startswith("<"):
        return text or ""
    try:
        root = xmlsafe.parse(text.encode("utf-8"))
    except xmlsafe.UnsafeXml:
        return text
    for element in root.iter():
        if (isinstance(element.tag, str) and element.text
                and masking.is_masked_element(etree.QName(element).localname)):
            element.text = masking.MASK  # an empty (xsi:nil) field stays visibly empty
    return etree.tostring(root, pretty_print=True, encoding="unicode").rstrip("\n")


def service_title(key: str) -> str:
    for title in (lambda: services.service(key).title, lambda: rest_services.rest_title(key)):
        try:
            return title()
        except KeyError:
            pass
    return key


def service_guessed(key: str) -> bool:
    """Whether the service's address and SOAPAction are derived by analogy (services.Service.guessed)."""
    try:
        return services.service(key).guessed
    except KeyError:
        return False


def outcome_text(outcome: str) -> str:
    if outcome == SUCCESSFUL:
        return translate("MessageLog", "Successful")
    if outcome == "fault":
        return translate("MessageLog", "Failed: SOAP fault")
    return translate("MessageLog", "Failed: HTTP or connection error")


def error_text(row: dict, lang: str) -> str:
    """Why the exchange failed, in `lang` (a row from before PharmaDesk 0.4 has English only)."""
    return in_language(row.get("error_tr"), row.get("error_en"), lang) or ""


def _local_time(at: str) -> datetime | None:
    try:
        return datetime.fromisoformat(at)
    except (TypeError, ValueError):
        return None


def day_bounds(first: date, last: date) -> tuple[str, str]:
    """`since`/`until` for the store: from the first day's start to the last day's end
    (timestamps are ISO text, so the next day's date sorts after every time of `last`)."""
    return first.isoformat(), (last + timedelta(days=1)).isoformat()


class MessageLogModel(QAbstractTableModel):
    """The exchanges of the chosen days, without their XML (fetched when a row is read)."""

    TIME, OUTCOME, SERVICE, OPERATION, HTTP, DURATION, NOTIFICATION, ERROR = range(8)
    COLUMN_COUNT = 8
    ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the row's dict
    SORT_ROLE = Qt.ItemDataRole.UserRole + 2  # a value that sorts the column right

    def __init__(self, store: Store, *, lang: str = "tr", parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self.lang = lang
        self._rows: list[dict] = []

    def load(self, first: date, last: date) -> None:
        since, until = day_bounds(first, last)
        rows = self.store.message_log_overview(since=since, until=until)
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.COLUMN_COUNT - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, self.COLUMN_COUNT - 1))

    def services(self) -> list[str]:
        return sorted({row["service"] for row in self._rows}, key=service_title)

    def row_at(self, row: int) -> dict:
        return self._rows[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (translate("MessageLog", "Time"), translate("MessageLog", "Outcome"),
                translate("MessageLog", "Service"), translate("MessageLog", "Operation"),
                translate("MessageLog", "HTTP"), translate("MessageLog", "Duration"),
                translate("MessageLog", "Notification ID"), translate("MessageLog", "Error"))[section]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == self.SORT_ROLE:
            return self._sort_key(row, column)
        if role == self.ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.DecorationRole and column == self.OUTCOME:
            return feedback.icon(states.REJECTED if is_failure(row["outcome"]) else states.ACCEPTED)
        if role == Qt.ItemDataRole.BackgroundRole and is_failure(row["outcome"]):
            return feedback.tint(states.REJECTED)
        if role == Qt.ItemDataRole.ToolTipRole and column in (self.ERROR, self.SERVICE):
            return error_text(row, self.lang) if column == self.ERROR else row.get("url")
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.HTTP, self.DURATION):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, row: dict, column: int) -> str:
        if column == self.TIME:
            moment = _local_time(row["at"])
            return moment.strftime("%d.%m.%Y %H:%M:%S") if moment else row["at"]
        if column == self.OUTCOME:
            return outcome_text(row["outcome"])
        if column == self.SERVICE:
            return service_title(row["service"])
        if column == self.OPERATION:
            try:
                return operation_name(Operation(row["operation"]), self.lang)
            except ValueError:
                return row["operation"] or ""
        if column == self.HTTP:
            return "" if row["http_status"] is None else str(row["http_status"])
        if column == self.DURATION:
            return "" if row["duration_ms"] is None else f"{row['duration_ms']:.0f} ms"
        if column == self.NOTIFICATION:
            return row["notification_id"] or ""
        error = error_text(row, self.lang)
        return error.splitlines()[0] if error else ""

    def _sort_key(self, row: dict, column: int):
        if column == self.TIME:
            return row["id"]  # the order they happened in, whatever the clock did
        if column == self.HTTP:
            return row["http_status"] or 0
        if column == self.DURATION:
            return row["duration_ms"] or 0.0
        return self._display(row, column).casefold()


class MessageLogFilter(QSortFilterProxyModel):
    """Outcome and service filters over the model (the date range is the model's load)."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.outcome = ALL
        self.service: str | None = None
        self.setSortRole(MessageLogModel.SORT_ROLE)

    def set_outcome(self, outcome: str) -> None:
        if outcome not in (ALL, SUCCESSFUL, FAILED):
            raise ValueError(outcome)
        self._change_filter(lambda: setattr(self, "outcome", outcome))

    def set_service(self, service: str | None) -> None:
        self._change_filter(lambda: setattr(self, "service", service or None))

    def _change_filter(self, change) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.10+; invalidateFilter is deprecated there
            self.beginFilterChange()
            change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            change()
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        row = self.sourceModel().row_at(source_row)
        if self.outcome == SUCCESSFUL and is_failure(row["outcome"]):
            return False
        if self.outcome == FAILED and not is_failure(row["outcome"]):
            return False
        return self.service is None or row["service"] == self.service


@dataclass
class ShownExchange:
    """One exchange ready to show: its row (texts masked and indented) and the two text
    documents, laid out off the GUI thread."""

    exchange: dict
    request_text: str
    response_text: str
    request_document: QTextDocument
    response_document: QTextDocument


def plain_document(text: str, font: QFont) -> QTextDocument:
    """A document for a QPlainTextEdit, made on any thread and handed to the GUI thread."""
    document = QTextDocument()
    document.setDocumentLayout(QPlainTextDocumentLayout(document))
    document.setDefaultFont(font)
    document.setPlainText(text)
    document.moveToThread(QCoreApplication.instance().thread())
    return document


def prepare_exchange(store: Store, exchange_id: int, secrets: tuple[str, ...], font: QFont) -> ShownExchange:
    """Read one exchange and make its texts presentable (runs on a pool thread)."""
    exchange = store.exchange(exchange_id)
    request_xml, response_xml = exchange.pop("request_xml"), exchange.pop("response_xml")
    if request_xml is None and response_xml is None:  # pruned (Journal.prune_message_log)
        pruned = translate("MessageLog", "The full XML of this exchange was removed after the days the "
                                         "message log keeps it (Settings: message_log.keep_days); its "
                                         "summary above stays.")
        request = response = pruned
    else:
        request = pretty(masking.mask(request_xml, secrets))
        response = pretty(masking.mask(response_xml, secrets))
    return ShownExchange(exchange, request, response, plain_document(request, font),
                         plain_document(response, font))
