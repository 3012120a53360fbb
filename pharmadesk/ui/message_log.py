"""The message log window: every SOAP exchange with ITS, as a regulatory channel's log
shows it — filter by outcome (all / successful / failed), service and date, sort by any
column, select a row to read its request and response XML, copy them to the clipboard.

The store keeps the texts without the Authorization header and with the password
masked; this window masks again (password elements, Authorization lines, the station's
password) before anything is shown or copied (`pharmadesk.masking.mask`)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QModelIndex, Qt
from PySide6.QtGui import QAction, QFontDatabase, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDateEdit, QDialog, QDialogButtonBox, QHBoxLayout, QHeaderView,
    QLabel, QPlainTextEdit, QPushButton, QSplitter, QTableView, QTabWidget, QVBoxLayout, QWidget,
)

from pharmadesk import config as settings
from pharmadesk import masking
from pharmadesk.ui import workers
from pharmadesk.ui.screen import fit_to_screen
from pharmadesk.ui.message_log_model import (
    ALL, FAILED, SUCCESSFUL, MessageLogFilter, MessageLogModel, ShownExchange, error_text, is_failure,
    outcome_text, plain_document, prepare_exchange, service_guessed, service_title, translate,
)


class MessageLogDialog(QDialog):
    """The message log window (not modal: it can stay open beside the pages)."""

    def __init__(self, station, parent: QWidget | None = None, *, today=date.today):
        super().__init__(parent)
        self.station = station
        self.setObjectName("messageLog")
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        fit_to_screen(self, 1200, 760)
        self._secrets = self._known_secrets()

        self._shown: ShownExchange | None = None
        self._asked = 0  # numbers the selections: only the latest one is shown
        self.model = MessageLogModel(station.store, lang=station.lang, parent=self)
        self.proxy = MessageLogFilter(self)
        self.proxy.setSourceModel(self.model)

        self.outcome_label = QLabel(self)
        self.outcome_box = QComboBox(self)
        self.outcome_label.setBuddy(self.outcome_box)
        for outcome in (ALL, SUCCESSFUL, FAILED):
            self.outcome_box.addItem("", outcome)
        self.outcome_box.currentIndexChanged.connect(
            lambda: self.proxy.set_outcome(self.outcome_box.currentData()))
        self.service_label = QLabel(self)
        self.service_box = QComboBox(self)
        self.service_box.setMinimumContentsLength(24)
        self.service_label.setBuddy(self.service_box)
        self.service_box.currentIndexChanged.connect(
            lambda: self.proxy.set_service(self.service_box.currentData()))
        self.from_label = QLabel(self)
        self.from_date = QDateEdit(self)
        self.to_label = QLabel(self)
        self.to_date = QDateEdit(self)
        self.from_label.setBuddy(self.from_date)
        self.to_label.setBuddy(self.to_date)
        day = QDate(today())
        for edit in (self.from_date, self.to_date):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd.MM.yyyy")
            edit.setDate(day)
            edit.dateChanged.connect(self.refresh)
        self.reset_button = QPushButton(self)
        self.reset_button.clicked.connect(self.reset_filters)
        self.refresh_button = QPushButton(self)
        self.refresh_button.clicked.connect(self.refresh)

        filters = QHBoxLayout()
        for widget in (self.outcome_label, self.outcome_box, self.service_label, self.service_box,
                       self.from_label, self.from_date, self.to_label, self.to_date):
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(self.reset_button)
        filters.addWidget(self.refresh_button)

        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(MessageLogModel.TIME, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        for column, width in ((MessageLogModel.TIME, 150), (MessageLogModel.OUTCOME, 170),
                              (MessageLogModel.SERVICE, 230), (MessageLogModel.OPERATION, 130),
                              (MessageLogModel.HTTP, 55), (MessageLogModel.DURATION, 80),
                              (MessageLogModel.NOTIFICATION, 120)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # "Failed: HTTP or connection error" is long in Turkish too: never cut it off
        header.setSectionResizeMode(MessageLogModel.OUTCOME, QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().currentRowChanged.connect(self._show_current)
        # Enter (or a double click) on a row: into its XML, to scroll and search it by keyboard
        self.table.activated.connect(lambda _index: self.tabs.currentWidget().setFocus())

        self.summary = QLabel(self)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.setWordWrap(True)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.request_text = QPlainTextEdit(self)
        self.response_text = QPlainTextEdit(self)
        for text in (self.request_text, self.response_text):
            text.setReadOnly(True)
            text.setFont(mono)
            text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.request_text, "")
        self.tabs.addTab(self.response_text, "")
        self.tabs.currentChanged.connect(self._show_open_tab)
        self.copy_button = QPushButton(self)
        self.copy_button.clicked.connect(self.copy_current_text)
        self.copy_both_button = QPushButton(self)
        self.copy_both_button.clicked.connect(self.copy_exchange)
        copy_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Copy), self.table)
        copy_shortcut.activated.connect(self.copy_exchange)

        detail = QWidget(self)
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_top = QHBoxLayout()
        detail_top.addWidget(self.summary, 1)
        detail_top.addWidget(self.copy_button, 0, Qt.AlignmentFlag.AlignTop)
        detail_top.addWidget(self.copy_both_button, 0, Qt.AlignmentFlag.AlignTop)
        detail_layout.addLayout(detail_top)
        detail_layout.addWidget(self.tabs, 1)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        self.count_label = QLabel(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(buttons)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)

        self.proxy.modelReset.connect(self._update_count)
        self.proxy.rowsInserted.connect(self._update_count)
        self.proxy.rowsRemoved.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)
        station.language.sig_changed.connect(self.translate_ui)
        self.translate_ui()
        self.refresh()

    def _known_secrets(self) -> tuple[str, ...]:
        username = self.station.config.get("its.username")
        password = settings.get_password(username) if username else settings.get_password("")
        return (password,) if password else ()

    # ---- loading and filters ----------------------------------------------------------

    def refresh(self) -> None:
        """Reload the chosen days from the store (after a sync, or with F5)."""
        first, last = self.from_date.date().toPython(), self.to_date.date().toPython()
        if last < first:
            first, last = last, first
        selected = self.current_exchange_id()
        self.model.load(first, last)
        self._fill_services()
        self._select_exchange(selected)
        self._update_count()

    def reset_filters(self) -> None:
        self.outcome_box.setCurrentIndex(0)
        self.service_box.setCurrentIndex(0)
        today = QDate.currentDate()
        self.from_date.setDate(today)
        self.to_date.setDate(today)
        self.table.sortByColumn(MessageLogModel.TIME, Qt.SortOrder.DescendingOrder)

    def set_outcome(self, outcome: str) -> None:
        self.outcome_box.setCurrentIndex(self.outcome_box.findData(outcome))

    def set_service(self, service: str | None) -> None:
        self.service_box.setCurrentIndex(max(0, self.service_box.findData(service)))

    def set_days(self, first: date, last: date) -> None:
        self.from_date.setDate(QDate(first))
        self.to_date.setDate(QDate(last))

    def _fill_services(self) -> None:
        chosen = self.service_box.currentData()
        self.service_box.blockSignals(True)
        self.service_box.clear()
        self.service_box.addItem(translate("MessageLog", "All services"), None)
        for key in self.model.services():
            self.service_box.addItem(service_title(key), key)
        index = self.service_box.findData(chosen) if chosen else 0
        self.service_box.setCurrentIndex(max(0, index))
        self.service_box.blockSignals(False)
        self.proxy.set_service(self.service_box.currentData())

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        failed = sum(1 for row in range(total) if is_failure(self.model.row_at(row)["outcome"]))
        self.count_label.setText(translate("MessageLog", "%1 of %2 exchanges shown · %3 failed")
                                 .replace("%1", str(shown)).replace("%2", str(total))
                                 .replace("%3", str(failed)))

    # ---- the selected exchange --------------------------------------------------------

    def current_exchange_id(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.proxy.data(index, MessageLogModel.ROW_ROLE)["id"]

    def _select_exchange(self, exchange_id: int | None) -> None:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if self.proxy.data(index, MessageLogModel.ROW_ROLE)["id"] == exchange_id:
                self.table.setCurrentIndex(index)
                return
        self._show_exchange(None)

    def select_row(self, row: int) -> None:
        """Select the row-th exchange as shown (sorted and filtered)."""
        self.table.setCurrentIndex(self.proxy.index(row, 0))

    def _show_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.proxy.data(current, MessageLogModel.ROW_ROLE) if current.isValid() else None
        self._asked += 1
        if row is None:
            self._show_exchange(None)
            return
        # A 10,000-box exchange is ~3 MB once indented: masked, indented and laid out on a
        # pool thread; the newest selection wins.
        asked, store, secrets, font = self._asked, self.station.store, self._secrets, self.request_text.font()
        workers.run_in_background(lambda: prepare_exchange(store, row["id"], secrets, font), parent=self,
                                  on_success=lambda shown: self._shown_ready(shown, asked))

    def _shown_ready(self, shown: ShownExchange, asked: int) -> None:
        if asked == self._asked:
            self._show_exchange(shown)

    @property
    def shown_id(self) -> int | None:
        """The id of the exchange whose texts are on screen."""
        return self._shown.exchange["id"] if self._shown else None

    def _show_exchange(self, shown: ShownExchange | None) -> None:
        self._shown = shown
        if shown is None:
            self.summary.setText(translate("MessageLog", "Select an exchange to read its request and response."))
            for text in (self.request_text, self.response_text):
                text.setDocument(plain_document("", text.font()))
            self.copy_button.setEnabled(False)
            self.copy_both_button.setEnabled(False)
            return
        self._show_open_tab()
        self.summary.setText(self._summary_text(shown.exchange))
        self.copy_button.setEnabled(True)
        self.copy_both_button.setEnabled(True)

    def _show_open_tab(self) -> None:
        """Hand the open tab its document; the other tab gets its own when opened (laying
        out a 1.5 MB text costs the GUI thread tens of milliseconds)."""
        if self._shown is None:
            return
        text = self.tabs.currentWidget()
        document = (self._shown.request_document if text is self.request_text
                    else self._shown.response_document)
        if text.document() is not document:
            text.setDocument(document)

    def _summary_text(self, exchange: dict) -> str:
        lines = [
            f"{service_title(exchange['service'])} — {outcome_text(exchange['outcome'])}",
            translate("MessageLog", "Address: %1").replace("%1", exchange["url"] or "—"),
            translate("MessageLog", "HTTP %1 · %2 ms · request id %3")
            .replace("%1", str(exchange["http_status"] or "—"))
            .replace("%2", f"{exchange['duration_ms'] or 0:.0f}").replace("%3", exchange["request_id"] or "—"),
        ]
        if exchange["notification_id"]:
            lines.append(translate("MessageLog", "ITS notification ID: %1")
                         .replace("%1", exchange["notification_id"]))
        if service_guessed(exchange["service"]):
            lines.append(translate("MessageLog", "Guessed names: no public source shows this service's address "
                                                 "and SOAP action; they are derived by analogy. "
                                                 "pharmadesk doctor --its-check checks them."))
        error = error_text(exchange, self.station.lang)
        if error:
            lines.append(translate("MessageLog", "Error: %1").replace("%1", masking.mask(error, self._secrets)))
        return "\n".join(lines)

    def exchange_text(self) -> str:
        """The selected exchange as copied: a summary, then both XML documents."""
        if not self._shown:
            return ""
        request, response = translate("MessageLog", "Request"), translate("MessageLog", "Response")
        return (f"{self.summary.text()}\n\n"
                f"--- {request} ---\n{self._shown.request_text}\n\n"
                f"--- {response} ---\n{self._shown.response_text}\n")

    def copy_current_text(self) -> None:
        text = self.tabs.currentWidget().toPlainText()
        if text:
            QGuiApplication.clipboard().setText(text)

    def copy_exchange(self) -> None:
        text = self.exchange_text()
        if text:
            QGuiApplication.clipboard().setText(text)

    # ---- language ---------------------------------------------------------------------

    def translate_ui(self, _lang: str | None = None) -> None:
        self.setWindowTitle(self.tr("ITS message log"))
        self.outcome_label.setText(self.tr("&Outcome:"))
        for index, text in enumerate((self.tr("All"), self.tr("Successful"), self.tr("Failed"))):
            self.outcome_box.setItemText(index, text)
        self.service_label.setText(self.tr("&Service:"))
        if self.service_box.count():
            self.service_box.setItemText(0, translate("MessageLog", "All services"))
        self.from_label.setText(self.tr("&From:"))
        self.to_label.setText(self.tr("&To:"))
        self.reset_button.setText(self.tr("Reset filters"))
        self.refresh_button.setText(self.tr("Refresh (F5)"))
        # after setText, which replaces a button's shortcut with its text's mnemonic
        self.refresh_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        self.tabs.setTabText(0, translate("MessageLog", "Request"))
        self.tabs.setTabText(1, translate("MessageLog", "Response"))
        self.copy_button.setText(self.tr("Copy this text"))
        self.copy_both_button.setText(self.tr("Copy exchange (Ctrl+C)"))
        self.model.set_language(self.station.lang)
        self._show_exchange(self._shown)
        self._update_count()


def install(window) -> QAction:
    """The message log in the main window's Tools menu (Ctrl+L); one window, refreshed
    after every sync while it is open."""
    action = QAction(window)
    action.setShortcut(QKeySequence("Ctrl+L"))
    dialogs: list[MessageLogDialog] = []

    def show() -> None:
        if not dialogs:
            dialogs.append(MessageLogDialog(window.station, window))
            window.sync.sig_finished.connect(lambda _report: dialogs[0].refresh())
        dialogs[0].refresh()
        dialogs[0].show()
        dialogs[0].raise_()
        dialogs[0].activateWindow()

    def relabel(_lang: str | None = None) -> None:
        action.setText(translate("MessageLog", "&Message log"))
        action.setToolTip(translate("MessageLog", "Every exchange with ITS, with its request and response"))

    action.triggered.connect(show)
    window.station.language.sig_changed.connect(relabel)
    relabel()
    window.message_log_dialogs = dialogs  # tests and screenshots reach the open window here
    return window.add_tool_action(action)
