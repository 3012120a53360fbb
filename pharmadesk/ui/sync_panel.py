"""Sending the queue to ITS from the window: the sync controller (runs
`pharmadesk.sync.SyncEngine` on a worker thread with its own database connection, so the
GUI thread never waits on the network or on a long write), the optional auto-sync every
N minutes while ITS is reachable, the online/offline probe, and the sync dialog: a
progress bar with item counts and Cancel, then every box that needs a look with its
result code explained and what to do."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDialog, QHBoxLayout, QHeaderView, QLabel, QProgressBar, QPushButton,
    QTableView, QVBoxLayout, QWidget,
)

from pharmadesk import reconcile, sync
from pharmadesk.bilingual import Bilingual
from pharmadesk.config import get_password
from pharmadesk.domain import Operation
from pharmadesk.its import codes, network
from pharmadesk.its.connect import base_url_for
from pharmadesk.store import Store, SyncBusy, now, states
from pharmadesk.ui import feedback, workers
from pharmadesk.ui.screen import fit_to_screen
from pharmadesk.ui.station import Station

log = logging.getLogger(__name__)

PROBE_EVERY_MS = 60_000
PROBE_TIMEOUT_S = (4.0, 4.0)  # connect, read
RESULT_ROWS = 20_000  # most item results the dialog lists
BUSY = "busy"  # another sync holds the lock (this or another station): not a fault of this one


@dataclass(frozen=True)
class SyncFailure:
    """A sync that could not even start (no password, another sync running)."""

    message_tr: str
    message_en: str
    outcome: str = sync.CONFIG

    def message(self, lang: str = "tr") -> str:
        return self.message_tr if lang == "tr" else self.message_en


class SyncController(QObject):
    """One sync at a time, off the GUI thread. Signals arrive on the GUI thread."""

    sig_started = Signal(int)  # 1: started by the pharmacist, 0: automatic
    sig_progress = Signal(object)  # sync.SyncProgress
    sig_finished = Signal(object)  # sync.SyncReport or SyncFailure
    sig_health = Signal(object)  # network.Health (None: not checked yet)
    sig_countdown = Signal()  # a second passed while waiting to retry

    def __init__(self, station: Station, parent: QObject | None = None, *, client_factory=None):
        super().__init__(parent)
        self.station = station
        self.client_factory = client_factory
        self.health: network.Health | None = None
        self.retry_at: float | None = None  # time.monotonic() of the next try after a failure
        self.job: workers.Job | None = None
        self.engine: sync.SyncEngine | None = None
        self.last_report = None
        self.last_progress: sync.SyncProgress | None = None
        self.started_at: str | None = None  # store clock when the last sync started
        self.probing_allowed = not station.sandbox  # the sandbox ITS is probed once it listens
        self._stopped = False
        self._probe_job: workers.Job | None = None
        self._probe_timer = QTimer(self)
        self._probe_timer.timeout.connect(self.probe_now)
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._tick)
        self._auto_timer = QTimer(self)
        self._auto_timer.timeout.connect(self._auto_sync)
        self.apply_autosync()

    # ---- state ----------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self.job is not None and self.job.running

    @property
    def online(self) -> bool | None:
        """Whether ITS can be reached (answering, with or without errors); None: not known yet."""
        return None if self.health is None else self.health.state != network.UNREACHABLE

    def retry_text(self, lang: str) -> str:
        """While waiting to retry: what the last try met and the seconds left; else ''."""
        progress = self.last_progress
        if self.retry_at is None or progress is None or not progress.retrying:
            return ""
        return network.retry_line(progress.failure, self.retry_at - time.monotonic(), progress.attempt,
                                  progress.attempts, lang)

    def apply_autosync(self) -> None:
        """(Re)read the auto-sync interval (the settings dialog calls this after a change)."""
        minutes = self.station.autosync_minutes()
        if minutes:
            self._auto_timer.start(minutes * 60_000)
        else:
            self._auto_timer.stop()

    @property
    def autosync_active(self) -> bool:
        return self._auto_timer.isActive()

    def start_probing(self) -> None:
        self.probing_allowed = True
        self.probe_now()
        self._probe_timer.start(PROBE_EVERY_MS)

    def probe_now(self) -> None:
        if not self.probing_allowed or (self._probe_job is not None and self._probe_job.running):
            return
        config = self.station.config
        url = base_url_for(config.get("its.protocol"), config.get("its.url"))  # its2 lives on its own host
        verify = self.station.config.get("its.verify_tls")
        self._probe_job = workers.run_in_background(
            lambda: network.probe(url, verify=verify, timeout=PROBE_TIMEOUT_S), on_success=self._set_health,
            parent=self)

    def _set_health(self, health: network.Health | None) -> None:
        if health != self.health:
            self.health = health
            self.sig_health.emit(health)

    def stop(self) -> None:
        """The window closes: no new sync, the running one cancelled."""
        self._stopped = True
        self._probe_timer.stop()
        self._auto_timer.stop()
        self._countdown.stop()
        self.cancel()

    # ---- sync -----------------------------------------------------------------------

    def password(self) -> str | None:
        if self.station.sandbox:
            from pharmadesk.sim.sandbox import SANDBOX_PASSWORD

            return SANDBOX_PASSWORD
        return get_password(self.station.config.get("its.username") or "")

    def start(self, *, manual: bool = True, operations=None) -> bool:
        """Start a sync (of every queued notification, or only those of `operations`);
        False (and sig_finished with the reason) if it cannot start."""
        if self.running or self._stopped:
            return False
        if self.station.sandbox and self.station.simulator_url is None:
            self._refuse("Eğitim ITS'i henüz başlamadı; birkaç saniye sonra yeniden deneyin.",
                         "The training ITS has not started yet; try again in a few seconds.")
            return False
        password = self.password()
        if not password:
            self._refuse("ITS parolası yok: Ayarlar'dan girin (parola kasasına kaydedilir) ya da "
                         "PHARMADESK_ITS_PASSWORD ortam değişkenini kullanın. Taramalar kuyrukta bekliyor.",
                         "No ITS password: enter it in Settings (saved in the keyring) or use the "
                         "PHARMADESK_ITS_PASSWORD environment variable. The scans wait in the queue.",
                         sync.AUTH)
            return False
        path = self.station.store.path
        config_store = self.station.store
        factory = self.client_factory
        self.started_at = now()
        self.last_progress = None

        def work(job: workers.Job):
            # The worker's own connection: the GUI thread's reads and scans never queue
            # behind a long write on a shared connection.
            store = Store(path)
            try:
                from pharmadesk.config import Config

                config = Config(config_store)
                engine = sync.engine_from_config(store, config, password, on_progress=job.update,
                                                 client_factory=factory)
                self.engine = engine
                if job.stop_requested:
                    engine.cancel()
                return engine.run(operations)
            finally:
                self.engine = None
                store.close()

        self.job = workers.start_job(work, on_success=self._succeeded, on_failure=self._failed, parent=self)
        self.job.sig_update.connect(self._progress)
        self.sig_started.emit(int(manual))
        return True

    def cancel(self) -> None:
        if self.job is not None and self.job.running:
            self.job.request_stop()
            engine = self.engine
            if engine is not None:
                engine.cancel()

    def _refuse(self, message_tr: str, message_en: str, outcome: str = sync.CONFIG) -> None:
        self.last_report = SyncFailure(message_tr, message_en, outcome)
        self.sig_finished.emit(self.last_report)

    def _progress(self, progress: sync.SyncProgress) -> None:
        self.last_progress = progress
        if progress.retrying:  # the first failure shows at once, with the wait before the next try
            self.retry_at = time.monotonic() + progress.retry_in
            self._countdown.start()
            self._set_health(network.health_of(progress.failure))
        else:
            self._stop_countdown()
        self.sig_progress.emit(progress)

    def _tick(self) -> None:
        if self.retry_at is not None and time.monotonic() < self.retry_at + 1:
            self.sig_countdown.emit()

    def _stop_countdown(self) -> None:
        self.retry_at = None
        self._countdown.stop()

    def _succeeded(self, report: sync.SyncReport) -> None:
        self.last_report = report
        self._stop_countdown()
        if report.failure is not None:
            self._set_health(network.health_of(report.failure))
        elif report.outcome in (sync.OK, sync.REJECTED):
            self._set_health(network.Health(network.ANSWERING))
        self.sig_finished.emit(report)

    def _failed(self, error: Exception) -> None:
        self._stop_countdown()
        if isinstance(error, SyncBusy):  # says who syncs and since when; nothing is wrong here
            failure = SyncFailure(error.message_tr, error.message_en, BUSY)
        elif isinstance(error, Bilingual):  # ours: already worded for a person
            failure = SyncFailure(f"Gönderim yapılamadı: {error.message('tr')}",
                                  f"Sync failed: {error.message('en')}")
        else:  # a fault of the program: the person gets what to do, the log file the traceback
            log.error("sync failed", exc_info=error)
            failure = SyncFailure(*sync.unexpected_error(self.station.store))
        self.last_report = failure
        self.sig_finished.emit(failure)

    def _auto_sync(self) -> None:
        if self.running or self.online is False:
            return
        if self.station.store.queued_total():
            self.start(manual=False)

    # ---- results --------------------------------------------------------------------

    def results(self, *, problems_only: bool = True, limit: int = RESULT_ROWS, store: Store | None = None
                ) -> list[dict]:
        """Items the last sync settled (or stopped), problems first. `store`: another
        connection to read them on (a worker's)."""
        if self.started_at is None:
            return []
        wanted = [states.REJECTED, states.NEEDS_ATTENTION] + ([] if problems_only else [states.ACCEPTED])
        return (store or self.station.store).settled_since(self.started_at, wanted, limit=limit)


class SyncResultsModel(QAbstractTableModel):
    PRODUCT, GTIN, SERIAL, OPERATION, STATE, CODE, MEANING, ADVICE = range(8)

    def __init__(self, store: Store, lang: str = "tr", parent: QObject | None = None, *, stakeholder=None):
        super().__init__(parent)
        self.store = store
        self.lang = lang
        self.stakeholder = stakeholder  # a warehouse's sale is its dispatch
        self._rows: list[dict] = []
        self._names: dict[str, str] = {}

    def set_rows(self, rows: list[dict]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else 8

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Product"), self.tr("GTIN"), self.tr("Serial"), self.tr("Operation"),
                self.tr("State"), self.tr("Code"), self.tr("What it means"), self.tr("What to do"))[section]

    def row(self, number: int) -> dict:
        return self._rows[number]

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        item = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole or role == Qt.ItemDataRole.ToolTipRole:
            if role == Qt.ItemDataRole.ToolTipRole and column not in (self.MEANING, self.ADVICE):
                return None
            return self._text(item, column)
        if role == Qt.ItemDataRole.DecorationRole and column == self.STATE:
            return feedback.icon(item["state"])
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(feedback.tint(item["state"]))
        return None

    def _text(self, item: dict, column: int) -> str:
        from pharmadesk.ui.scan_model import state_name

        if column == self.PRODUCT:
            gtin = item["gtin"]
            if gtin not in self._names:
                self._names[gtin] = (self.store.product(gtin) or {}).get("name") or ""
            return self._names[gtin]
        if column == self.GTIN:
            return item["gtin"]
        if column == self.SERIAL:
            return item["serial"]
        if column == self.OPERATION:
            from pharmadesk.session import operation_name

            return operation_name(Operation(item["operation"]), self.lang, self.stakeholder)
        if column == self.STATE:
            return state_name(item["state"])
        code, meaning, advice = reconcile.explain(item, self.lang)
        return {self.CODE: code, self.MEANING: meaning, self.ADVICE: advice}[column]


class SyncDialog(QDialog):
    """Progress of the running sync (Cancel: Esc), then its results per item."""

    def __init__(self, controller: SyncController, parent: QWidget | None = None):
        super().__init__(parent)
        self.controller = controller
        self.station = controller.station
        self.results_pending = False
        self.setMinimumSize(1000, 460)
        fit_to_screen(self, 1180, 560)
        self.report = None
        self.headline = QLabel(self)
        font = QFont(self.headline.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.headline.setFont(font)
        self.headline.setWordWrap(True)
        self.bar = QProgressBar(self)
        self.counts = QLabel(self)
        self.filter = QComboBox(self)
        self.filter.currentIndexChanged.connect(self.show_results)
        self.model = SyncResultsModel(self.station.store, self.station.lang, self,
                                      stakeholder=self.station.stakeholder)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        for column, width in ((0, 150), (1, 120), (2, 118), (3, 100), (4, 140), (5, 52), (6, 230)):
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # A column that narrows (the scroll bar appearing, the pharmacist dragging) makes
        # the explanations take more lines: the rows grow with them, nothing is cut.
        header.sectionResized.connect(lambda *_: self._fit_rows())
        self.cancel_button = QPushButton(self)
        self.cancel_button.clicked.connect(self.controller.cancel)
        self.again_button = QPushButton(self)
        self.again_button.clicked.connect(lambda: self.controller.start(manual=True))
        self.close_button = QPushButton(self)
        self.close_button.clicked.connect(self.accept)
        # the way out of "needs attention": correct the refused notification, or drop a box
        self.correct_button = QPushButton(self)
        self.correct_button.clicked.connect(self.correct_selected)
        self.remove_button = QPushButton(self)
        self.remove_button.clicked.connect(self.remove_selected)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self.model.modelReset.connect(self._selection_changed)
        buttons = QHBoxLayout()
        buttons.addWidget(self.filter)
        buttons.addStretch(1)
        buttons.addWidget(self.correct_button)
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.again_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.bar)
        layout.addWidget(self.counts)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        controller.sig_started.connect(self._started)
        controller.sig_progress.connect(self._progress)
        controller.sig_finished.connect(self._finished)
        controller.sig_countdown.connect(self._show_counts)
        self.translate_ui()
        if controller.running:
            self._started(True)
            if controller.last_progress is not None:
                self._progress(controller.last_progress)
        elif controller.last_report is not None:
            self._finished(controller.last_report)

    def translate_ui(self) -> None:
        self.setWindowTitle(self.tr("Send to ITS"))
        self.cancel_button.setText(self.tr("Cancel (Esc)"))
        self.again_button.setText(self.tr("Send again"))
        self.close_button.setText(self.tr("Close"))
        self.correct_button.setText(self.tr("Correct and send again…"))
        self.correct_button.setToolTip(self.tr("Correct the details of the notification ITS refused "
                                               "(the selected box's) and send it again"))
        self.remove_button.setText(self.tr("Remove box"))
        self.remove_button.setToolTip(self.tr("Take the selected boxes that ITS's refusal stopped off "
                                              "the queue"))
        self._selection_changed()
        current = max(0, self.filter.currentIndex())
        self.filter.blockSignals(True)
        self.filter.clear()
        self.filter.addItems([self.tr("Boxes that need a look"), self.tr("Every box sent")])
        self.filter.setCurrentIndex(current)
        self.filter.blockSignals(False)
        self.model.lang = self.station.lang
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 7)
        if self.model.rowCount():
            self.model.dataChanged.emit(self.model.index(0, 0), self.model.index(self.model.rowCount() - 1, 7))
        if self.report is not None and not self.controller.running:
            self.headline.setText(self._report_text(self.report))
        elif self.controller.running:
            self.headline.setText(self.tr("Sending the queue to ITS…"))
        if self.controller.last_progress is not None:  # the counts line, finished or not
            self._progress(self.controller.last_progress)

    def keyPressEvent(self, event) -> None:
        if event.matches(QKeySequence.StandardKey.Cancel) and self.controller.running:
            self.controller.cancel()
            event.accept()
            return
        super().keyPressEvent(event)

    def _started(self, _manual: bool) -> None:
        self.headline.setText(self.tr("Sending the queue to ITS…"))
        self.bar.setRange(0, 0)
        self.counts.setText("")
        self.model.set_rows([])
        self.cancel_button.setEnabled(True)
        self.again_button.setEnabled(False)
        self.close_button.setDefault(False)

    def _progress(self, progress: sync.SyncProgress) -> None:
        if progress.total == 0:
            self.bar.setRange(0, 1)
            self.bar.setValue(1)
            self.bar.setFormat("—")
            self.counts.setText("")
            return
        total = max(progress.total, 1)
        self.bar.setRange(0, total)
        self.bar.setValue(min(progress.done, total))
        self.bar.setFormat(f"{progress.done:,} / {progress.total:,}".replace(",", "."))
        self._show_counts()

    def _show_counts(self) -> None:
        """The counts line; while waiting to retry, what the last try met and the countdown."""
        progress = self.controller.last_progress
        if progress is None or progress.total == 0:
            return
        text = self.tr("Sent %1 of %2 · accepted %3 · rejected %4 · need attention %5") \
            .replace("%1", f"{progress.done:,}".replace(",", ".")).replace("%2", f"{progress.total:,}".replace(",", ".")) \
            .replace("%3", str(progress.accepted)).replace("%4", str(progress.rejected)) \
            .replace("%5", str(progress.needs_attention))
        retry = self.controller.retry_text(self.station.lang)
        self.counts.setText(text + ("\n" + retry if retry else ""))

    def _finished(self, report) -> None:
        self.report = report
        self.cancel_button.setEnabled(False)
        self.again_button.setEnabled(True)
        self.close_button.setDefault(True)
        self.close_button.setFocus()
        if self.bar.maximum() == 0:
            self.bar.setRange(0, 1)
            self.bar.setValue(1 if getattr(report, "outcome", None) == sync.OK else 0)
            if getattr(report, "outcome", None) == BUSY:
                self.bar.setFormat("—")  # nothing was tried here
        self.headline.setText(self._report_text(report))
        look = {sync.OK: "accepted", sync.REJECTED: "rejected", BUSY: "queued"}.get(
            getattr(report, "outcome", ""), "needs-attention")
        ink = feedback.look(look).ink
        self.headline.setStyleSheet(f"color: {ink};")
        if (getattr(report, "outcome", None) == sync.OK and report.accepted
                and self.filter.currentIndex() == 0):
            self.filter.setCurrentIndex(1)  # nothing needs a look: list what went through (shows the results)
        else:
            self.show_results()

    def _report_text(self, report) -> str:
        if (getattr(report, "outcome", None) == sync.OK and not report.accepted and not report.rejected
                and not report.needs_attention):
            return self.tr("Nothing was waiting to be sent.")
        return report.message(self.station.lang)

    def show_results(self) -> None:
        """List the results, read on a worker thread (after a big sync they are thousands)."""
        problems_only = self.filter.currentIndex() != 1
        controller, path = self.controller, self.station.store.path
        self.results_pending = True

        def read(_job):
            store = Store(path)
            try:
                return controller.results(problems_only=problems_only, store=store)
            finally:
                store.close()

        workers.start_job(read, on_success=self._show_rows, on_failure=lambda _error: self._show_rows([]),
                          parent=self)

    def _show_rows(self, rows: list[dict]) -> None:
        self.results_pending = False
        self.model.set_rows(rows)
        self._fit_rows()

    def _stopped_rows(self) -> list[dict]:
        rows = [self.model.row(index.row()) for index in self.table.selectionModel().selectedRows()]
        return [row for row in rows if row["state"] == states.NEEDS_ATTENTION]

    def _selection_changed(self) -> None:
        stopped = bool(self._stopped_rows()) and not self.controller.running
        self.correct_button.setEnabled(stopped)
        self.remove_button.setEnabled(stopped)

    def correct_selected(self):
        """Open the selected stopped box's notification to correct it; once corrected it is
        sent again at once. Returns the (window-modal) dialog, or None."""
        from pharmadesk.ui.stopped import CorrectAndResendDialog, stopped_notification

        rows = self._stopped_rows()
        notification = stopped_notification(self.station.store, rows[0]) if rows else None
        if notification is None:
            return None
        dialog = CorrectAndResendDialog(self.station.store, self.station.stakeholder, self.station.lang,
                                        notification, self)
        dialog.accepted.connect(lambda: self.controller.start(manual=True))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def remove_selected(self) -> int:
        """Take the selected stopped boxes off the queue; the list shows what is left."""
        removed = sum(self.station.store.remove_item(row["id"]) for row in self._stopped_rows())
        if removed:
            self.show_results()
        return removed

    def _fit_rows(self) -> None:
        if 0 < self.model.rowCount() <= 300:  # measuring every row costs time; long lists stay one line
            self.table.resizeRowsToContents()


class ConnectionIndicator(QLabel):
    """Status bar: ITS answering / answering with errors (the HTTP status or fault shown) /
    not reachable / not checked yet — a mark and words, never colour alone; the tooltip
    says what happened and what to do."""

    def __init__(self, parent: QWidget | None = None, *, lang=lambda: "tr"):
        super().__init__(parent)
        self.lang = lang
        self.health: network.Health | None = None
        self.set_health(None)

    @property
    def state(self) -> str | None:
        return None if self.health is None else self.health.state

    @property
    def online(self) -> bool | None:
        return None if self.health is None else self.health.state != network.UNREACHABLE

    def set_health(self, health: network.Health | None) -> None:
        self.health = health
        detail = health.message(self.lang()) if health is not None else ""
        if health is None:
            mark, text, ink = "○", self.tr("ITS: checking…"), "#5f6368"
        elif health.state == network.ANSWERING:
            mark, text, ink = "●", self.tr("ITS: online"), "#1e8e3e"
        elif health.state == network.ERRORS:
            mark, text, ink = "▲", self.tr("ITS: answering with errors (%1)").replace("%1", detail), "#b05a00"
        else:
            mark, text, ink = "✖", self.tr("ITS: not reachable — scans are kept"), "#c5221f"
        self.setText(f"{mark} {text}")
        self.setToolTip(detail)
        self.setStyleSheet(f"color: {ink}; font-weight: bold; padding: 0 6px;")

    def translate_ui(self) -> None:
        self.set_health(self.health)

