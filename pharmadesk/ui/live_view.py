"""Several stations on one database: what the others do shows here as it happens. A
watcher thread waits on the store's change feed; the window then reads again, off the
GUI thread and at most twice a second, what shows the queue: the pages' rows and
counts, the status bar's, the stock page, the sync dialog's list and the message log
when they are open.

On a shared server the status bar also says whether the database server answers. While
it does not, a scan is refused (nothing is kept on this PC to be sent later: the README's
decision), and the scan after it comes back is saved."""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel, QWidget

from pharmadesk import sync
from pharmadesk.store import Store, StoreError
from pharmadesk.ui import workers

REFRESH_GAP_S = 0.5  # at most two readings a second, however busy the other stations are
# ... and a reading that takes long (20,000 rows a page: ~0.4 s) is followed by a pause
# this many times as long, so the reading thread never keeps the GUI thread short of time.
REFRESH_PAUSE_FACTOR = 3
GATHER_MS = 150  # a burst of commits (a sync's chunk, a few quick scans) read once


class DatabaseIndicator(QLabel):
    """Status bar, beside ITS's light: the shared database server connected / not
    reachable / not checked yet — a mark and words, never colour alone."""

    def __init__(self, address: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.address = address  # user@host:port/db: never a password
        self.reachable: bool | None = None
        self.set_reachable(None)

    def set_reachable(self, reachable: bool | None) -> None:
        self.reachable = reachable
        if reachable is None:
            mark, text, ink = "○", self.tr("Database server: checking…"), "#5f6368"
            tip = ""
        elif reachable:
            mark, text, ink = "●", self.tr("Database server: connected"), "#1e8e3e"
            tip = self.tr("The stations share the database at %1.")
        else:
            mark, text, ink = "✖", self.tr("Database server: not reachable — scans are refused"), "#c5221f"
            tip = self.tr("The database server at %1 does not answer. Scans are not saved until it is back; "
                          "everything saved on it is safe. Tell your IT person.")
        self.setText(f"{mark} {text}")
        self.setToolTip(tip.replace("%1", self.address))
        self.setStyleSheet(f"color: {ink}; font-weight: bold; padding: 0 6px;")

    def translate_ui(self, _lang: str | None = None) -> None:
        self.set_reachable(self.reachable)


class LiveView(QObject):
    """The window's live view of the shared queue (`install(window)`)."""

    def __init__(self, window):
        super().__init__(window)
        self.window_ = window
        store = window.station.store
        self.refreshes = 0  # readings started because something changed elsewhere
        self._stopped = False
        self._last = 0.0  # when the last reading started (time.monotonic())
        self._cost = 0.0  # how long it took
        self._reading_since: float | None = None
        self._log_newest: int | None = None  # the newest message-log entry the open log shows
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.refresh)
        self.indicator: DatabaseIndicator | None = None
        if store.engine == "postgresql":
            self.indicator = DatabaseIndicator(store.path.display, window)
            window.statusBar().addPermanentWidget(self.indicator)
            window.station.language.sig_changed.connect(self.indicator.translate_ui)
            window.sig_store_failed.connect(self._store_failed)
            window.sig_scan_routed.connect(self._scanned)
        window.sig_refreshed.connect(self._reading_done)
        self.watcher = workers.ChangeWatcher(store.change_feed, self)
        self.watcher.sig_changed.connect(self.changed)
        self.watcher.sig_reachable.connect(self.set_reachable)
        self.watcher.start()

    def stop(self) -> None:
        self._stopped = True
        self._timer.stop()
        self.watcher.stop()

    # ---- the server's light -----------------------------------------------------------

    def set_reachable(self, reachable: bool) -> None:
        if self.indicator is not None:
            self.indicator.set_reachable(reachable)

    def _store_failed(self, error: Exception) -> None:
        """A scan could not be committed: when the server was the reason, the light says so
        at once (the watcher would notice only at its next try)."""
        if isinstance(error, StoreError) and error.kind == "unreachable":
            self.set_reachable(False)

    def _scanned(self, _page, outcome) -> None:
        if outcome is not None and outcome.status != "not_saved":
            self.set_reachable(True)  # the scan reached the server

    # ---- reading again ----------------------------------------------------------------

    def changed(self) -> None:
        """Another connection committed something: read again soon (gathering a burst),
        never sooner than REFRESH_GAP_S after the last reading began, nor than
        REFRESH_PAUSE_FACTOR times its length after it ended."""
        if self._timer.isActive() or self._stopped:
            return
        since = time.monotonic() - self._last
        gap = max(REFRESH_GAP_S, (1 + REFRESH_PAUSE_FACTOR) * self._cost)
        self._timer.start(max(GATHER_MS, round((gap - since) * 1000)))

    def _reading_done(self) -> None:
        if self._reading_since is not None:
            self._cost = time.monotonic() - self._reading_since
            self._reading_since = None

    def refresh(self) -> None:
        window = self.window_
        if self._stopped:
            return
        if window.refresh_pending:  # a reading is on its way: this one comes after it
            self._timer.start(round(REFRESH_GAP_S * 1000))
            return
        self._last = self._reading_since = time.monotonic()
        self.refreshes += 1
        window.refresh_pages()  # rows, per-page counts, the status bar's counts
        if window.stock_page.isVisible():
            window.stock_page.reload(quiet=True)
        dialog = window.sync_dialog
        if (dialog is not None and dialog.isVisible() and not window.sync.running
                and not dialog.results_pending and isinstance(dialog.report, sync.SyncReport)):
            dialog.show_results()  # what another station's sync did to the boxes listed
        logs = getattr(window, "message_log_dialogs", [])
        if logs and logs[0].isVisible():
            self._refresh_message_log(logs[0])

    def _refresh_message_log(self, dialog) -> None:
        """The open message log reads again when another station's sync wrote to it (its
        newest entry is looked up off the GUI thread; the log itself is only reloaded then)."""
        path = self.window_.station.store.path

        def newest(_job) -> int | None:
            store = Store(path)
            try:
                rows = store.message_log_overview(limit=1)
                return rows[0]["id"] if rows else None
            finally:
                store.close()

        def compare(latest: int | None) -> None:
            if latest != self._log_newest:
                self._log_newest = latest
                if dialog.isVisible():
                    dialog.refresh()

        workers.start_job(newest, on_success=compare, parent=self)


def install(window) -> LiveView:
    return LiveView(window)
