"""The workstation window: a page per operation this station may do (F1..F8), scans from
every source (keyboard wedge, serial, camera, the training demo scanner) sent to the
current page, sending to ITS (F9) with its progress and results, the status bar (mode,
ITS online/offline, what is waiting) and the language and sound switches.

Other windows hook in through `add_tool_action(action)`: the action goes to the Tools
menu and the toolbar, and its shortcut is listed in the shortcuts dialog (F12)."""

from __future__ import annotations

import gc
import time

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (
    QApplication, QDialog, QDialogButtonBox, QDockWidget, QHBoxLayout, QLabel, QListWidget,
    QListWidgetItem, QMainWindow, QMenu, QProgressBar, QStackedWidget, QTableWidget, QTableWidgetItem,
    QToolBar, QToolButton, QVBoxLayout, QWidget,
)

from pharmadesk import shipments, sync
from pharmadesk.domain import Operation
from pharmadesk.its import network
from pharmadesk.store import states
from pharmadesk.ui import feedback, live_view, maintenance, message_log, settings_dialog, status_query, stock_page
from pharmadesk.ui import report as end_of_day
from pharmadesk.ui.camera_panel import CameraPanel
from pharmadesk.ui.capture import WedgeCapture, wedge_settings
from pharmadesk.ui.operation_page import OperationPage
from pharmadesk.ui.sandbox import DemoScannerPanel
from pharmadesk.ui.screen import fit_to_screen
from pharmadesk.ui.station import (
    CAMERA_SETTING, LANGUAGE_SETTING, SERIAL_BAUD_SETTING, SERIAL_PORT_SETTING, SOUNDS_SETTING, Station,
)
from pharmadesk.ui.shipments_page import ReceivePage
from pharmadesk.ui.sync_panel import ConnectionIndicator, SyncController, SyncDialog
from pharmadesk.ui.verify_page import VerifyPage
from pharmadesk.ui.workers import ScanWriter

PAGE_KEYS = tuple(f"F{n}" for n in range(1, 9))
SYNC_KEY = "F9"
CAMERA_KEY = "F10"
DEMO_KEY = "F11"
HELP_KEY = "F12"
NAV_WIDTH = 215  # the page list at least; wider when a page name needs it


class MainWindow(QMainWindow):
    sig_page_changed = Signal(int)
    sig_scan_routed = Signal(object, object)  # (page, ScanOutcome) after any scan reached a page
    sig_refreshed = Signal()  # the pages show the states and answers after a sync
    sig_store_failed = Signal(object)  # a scan could not be committed (the StoreError)

    def __init__(self, station: Station, parent=None, *, capture: bool = True, client_factory=None,
                 scan_writer: bool = True):
        super().__init__(parent)
        self.station = station
        self._simulator = None  # the sandbox ITS, once it listens
        self._closed = False
        self._waiting = self._attention = 0  # the status bar's counts
        self.refresh_pending = False  # the pages are being re-read after a sync
        self._retry_shown = False  # the status bar shows a retry countdown
        self.setWindowIcon(feedback.app_icon())
        self.resize(1360, 820)
        screen = QApplication.primaryScreen()
        if screen is not None:  # a 1366x768 laptop: the status bar stays on screen
            room = screen.availableGeometry()
            self.resize(min(1360, room.width()), min(820, room.height() - 40))

        self.nav = QListWidget(self)
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setFixedWidth(NAV_WIDTH)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.setTextElideMode(Qt.TextElideMode.ElideRight)
        nav_font = QFont(self.nav.font())
        nav_font.setPointSizeF(nav_font.pointSizeF() * 1.15)
        self.nav.setFont(nav_font)
        self.nav.setSpacing(3)
        self.pages = QStackedWidget(self)
        self.operation_pages: dict[Operation, OperationPage] = {}
        self.scan_writer = ScanWriter(station.store.path, self) if scan_writer else None
        self._build_pages()
        self.nav.currentRowChanged.connect(self.show_page)

        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.addWidget(self.nav)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        self.sync = SyncController(station, self, client_factory=client_factory)
        self.sync.sig_started.connect(self._sync_started)
        self.sync.sig_progress.connect(self._sync_progress)
        self.sync.sig_finished.connect(self._sync_finished)
        self.sync_dialog: SyncDialog | None = None

        self.sync.sig_health.connect(self._its_health)
        self._build_docks()
        self._build_actions()
        self._build_status_bar()
        self.sync.sig_health.connect(self.connection.set_health)
        self.sync.sig_countdown.connect(self._show_retry)

        self.capture: WedgeCapture | None = None
        if capture:
            self.capture = WedgeCapture(QApplication.instance(), wedge_settings(station.store), self)
            self.capture.sig_scan.connect(lambda raw: self.route_scan(raw, "wedge"))
        self.serial = None
        self.start_serial_scanner()
        for tool in (message_log, end_of_day, settings_dialog):  # Tools menu: Ctrl+L, Ctrl+E, Ctrl+,
            tool.install(self)
        self.stock_page = stock_page.install(self)  # after the operation pages, Shift+F2
        self.live_view = live_view.install(self)  # the other stations' scans and results

        station.language.sig_changed.connect(self.translate_ui)
        self.translate_ui()
        self.nav.setCurrentRow(0)
        self.update_status()
        settle_garbage_collector()

    # ---- building -------------------------------------------------------------------

    def _connect_shipments(self, page: ReceivePage) -> None:
        """The receive page's expected shipments come from PTS with the station's ITS account."""
        station = self.station
        page.shipments.station_gln = station.gln
        page.shipments.client_factory = lambda store: shipments.client_from_config(
            station.config, self.sync.password() or "", store)

    def _its_health(self, health: network.Health | None) -> None:
        """ITS answers (again): fetch the expected shipments."""
        page = self.operation_pages.get(Operation.RECEIVE)
        if health is not None and health.state == network.ANSWERING and isinstance(page, ReceivePage):
            page.shipments.fetch()

    def _build_pages(self) -> None:
        """A page (and a place in the page list) for each operation this kind of station does,
        first in the list (the other windows' pages, e.g. Stock, come after them)."""
        station = self.station
        for position, operation in enumerate(station.operations()):
            kind = {Operation.VERIFY: VerifyPage, Operation.RECEIVE: ReceivePage}.get(operation, OperationPage)
            page = kind(station.store, station.stakeholder, operation, lang=station.lang,
                        sounds=station.sounds, parent=self.pages)
            page.writer = self.scan_writer
            page.sig_queue_changed.connect(self.update_status)
            page.sig_scanned.connect(lambda outcome, p=page: self.sig_scan_routed.emit(p, outcome))
            page.sig_scanned.connect(self._count_scan)
            page.sig_send_requested.connect(self.send_now)
            page.sig_store_failed.connect(self.sig_store_failed)
            if isinstance(page, VerifyPage):
                page.sig_send_quietly.connect(self._send_verification)
                page.verdict.page_names = station.page_name
                page.verdict.status_available = lambda: status_query.available(station)
                page.verdict.status_query = lambda product, show, panel=page.verdict: status_query.ask(
                    station, product, show, panel)
                page.verdict.sig_open_page.connect(self.open_operation)
            self.operation_pages[operation] = page
            self.pages.insertWidget(position, page)
            self.nav.insertItem(position, QListWidgetItem())
            if isinstance(page, ReceivePage):
                self._connect_shipments(page)

    def _build_page_actions(self) -> None:
        """F1..F8: one for each page."""
        self.page_actions: list[QAction] = []
        for number, key in enumerate(PAGE_KEYS[:len(self.operation_pages)]):
            action = self._action(key, lambda checked=False, n=number: self.nav.setCurrentRow(n))
            self.pages_menu.addAction(action)
            self.page_actions.append(action)

    def station_kind_changed(self) -> None:
        """The station became another kind (Settings): its pages, at once, without a restart.
        In training the demo scanner follows to that kind's sandbox station."""
        self.nav.blockSignals(True)
        for page in self.operation_pages.values():
            self.nav.takeItem(self.pages.indexOf(page))
            self.pages.removeWidget(page)
            page.deleteLater()
        for action in self.page_actions:
            self.pages_menu.removeAction(action)
            self.removeAction(action)
            action.deleteLater()
        self.operation_pages = {}
        self._build_pages()
        self._build_page_actions()
        self.nav.blockSignals(False)
        if self.sync_dialog is not None and not self.sync.running:
            self.sync_dialog.deleteLater()  # its results name the operations as the old kind did
            self.sync_dialog = None
        if self.demo_panel is not None and self._simulator is not None:
            self.demo_panel.attach(self._simulator, self.station.gln, self.station.stakeholder)
        self.translate_ui()
        self.show_page(0)
        self.refresh_pages()

    def _build_docks(self) -> None:
        self.camera_panel = CameraPanel(self)
        self.camera_panel.sig_scan.connect(lambda raw: self.route_scan(raw, "camera"))
        camera_source = self.station.store.setting(CAMERA_SETTING)
        if camera_source:
            self.camera_panel.set_source(camera_source)
        self.camera_dock = QDockWidget(self)
        self.camera_dock.setObjectName("camera")
        self.camera_dock.setWidget(self.camera_panel)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.camera_dock)
        self.camera_dock.hide()
        self.demo_panel: DemoScannerPanel | None = None
        self.demo_dock: QDockWidget | None = None
        if self.station.sandbox:
            self.demo_panel = DemoScannerPanel(self)
            self.demo_panel.sig_scan.connect(lambda raw: self.route_scan(raw, "demo"))
            self.demo_dock = QDockWidget(self)
            self.demo_dock.setObjectName("demo")
            self.demo_dock.setWidget(self.demo_panel)
            self.demo_dock.setMinimumWidth(280)
            self.demo_dock.setMaximumWidth(420)
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.demo_dock)

    def _action(self, key: str | None, slot, *, checkable: bool = False) -> QAction:
        action = QAction(self)
        if key:
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        action.setCheckable(checkable)
        (action.toggled if checkable else action.triggered).connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.toolbar = QToolBar(self)
        self.toolbar.setMovable(False)
        self.toolbar.setObjectName("main")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)
        menus = self.menuBar()
        self.pages_menu = QMenu(self)
        self.actions_menu = QMenu(self)
        self.tools_menu = QMenu(self)
        self.view_menu = QMenu(self)
        self.help_menu = QMenu(self)
        for menu in (self.pages_menu, self.actions_menu, self.tools_menu, self.view_menu, self.help_menu):
            menus.addMenu(menu)

        self._build_page_actions()

        self.sync_action = self._action(SYNC_KEY, self.send_now)
        self.sync_action.setIcon(feedback.icon("sending"))
        self.cancel_sync_action = self._action(None, self.sync.cancel)
        self.cancel_sync_action.setEnabled(False)
        self.focus_scan_action = self._action("Ctrl+K", self.focus_scan_field)
        self.remove_action = self._action(None, self._remove_selected)
        self.actions_menu.addActions([self.sync_action, self.cancel_sync_action, self.focus_scan_action,
                                      self.remove_action])

        self.camera_action = self.camera_dock.toggleViewAction()
        self.camera_action.setShortcut(QKeySequence(CAMERA_KEY))
        self.camera_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.camera_action.triggered.connect(lambda shown: shown and self.camera_panel.start_button.setFocus())
        self.addAction(self.camera_action)
        self.view_menu.addAction(self.camera_action)
        self.demo_action: QAction | None = None
        if self.demo_dock is not None:
            self.demo_action = self.demo_dock.toggleViewAction()
            self.demo_action.setShortcut(QKeySequence(DEMO_KEY))
            self.demo_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
            # Shown from the keyboard: the box list takes the focus (arrows, Enter scans).
            self.demo_action.triggered.connect(lambda shown: shown and self.demo_panel.list.setFocus())
            self.addAction(self.demo_action)
            self.view_menu.addAction(self.demo_action)
        self.language_action = self._action(None, self._toggle_language)
        self.sound_action = self._action(None, self._set_sounds, checkable=True)
        self.sound_action.blockSignals(True)
        self.sound_action.setChecked(self.station.sounds.enabled)
        self.sound_action.blockSignals(False)
        self.view_menu.addActions([self.language_action, self.sound_action])
        self.help_action = self._action(HELP_KEY, self.show_shortcuts)
        self.help_menu.addAction(self.help_action)

        self.toolbar.addAction(self.sync_action)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.camera_action)
        if self.demo_action is not None:
            self.toolbar.addAction(self.demo_action)
        self.tools_separator = self.toolbar.addSeparator()
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.sound_action)
        self.toolbar.addAction(self.language_action)
        self.toolbar.addAction(self.help_action)
        self.maintenance = maintenance.install(self)  # File: backup/restore; Help: About

    def add_tool_action(self, action: QAction, *, toolbar: bool = True) -> QAction:
        """For other windows (message log, settings, end-of-day report): put `action` in
        the Tools menu (and the toolbar), with an application-wide shortcut if it has one.
        Its text and shortcut then appear in the shortcuts dialog."""
        if not action.shortcut().isEmpty():
            action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.addAction(action)
        self.tools_menu.addAction(action)
        if toolbar:
            self.toolbar.insertAction(self.tools_separator, action)
        return action

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.mode_label = QLabel(self)
        self.connection = ConnectionIndicator(self, lang=lambda: self.station.lang)
        self.sync_bar = QProgressBar(self)
        self.sync_bar.setMaximumWidth(220)
        self.sync_bar.setTextVisible(True)
        self.sync_bar.hide()
        self.sync_cancel = QToolButton(self)
        self.sync_cancel.setDefaultAction(self.cancel_sync_action)
        self.sync_cancel.hide()
        self.pending_label = QLabel(self)
        bar.addWidget(self.mode_label)
        bar.addPermanentWidget(self.sync_bar)
        bar.addPermanentWidget(self.sync_cancel)
        bar.addPermanentWidget(self.pending_label)
        bar.addPermanentWidget(self.connection)

    def _fit_nav(self) -> None:
        """The page list as wide as its longest name ("Transfer cancellation") needs,
        never cut off with an ellipsis."""
        metrics = self.nav.fontMetrics()
        longest = max((metrics.horizontalAdvance(self.nav.item(n).text()) for n in range(self.nav.count())),
                      default=0)
        room = self.nav.iconSize().width() + 2 * self.nav.spacing() + 2 * self.nav.frameWidth() + 24
        self.nav.setFixedWidth(max(NAV_WIDTH, longest + room))

    # ---- pages ----------------------------------------------------------------------

    def show_page(self, number: int) -> None:
        if number < 0:
            return
        self.pages.setCurrentIndex(number)
        if self.nav.currentRow() != number:
            self.nav.setCurrentRow(number)
        page = self.pages.currentWidget()
        if isinstance(page, OperationPage):
            page.scan_field.setFocus()
        self.sig_page_changed.emit(number)

    def current_page(self) -> QWidget:
        return self.pages.currentWidget()

    def page_for(self, operation: Operation) -> OperationPage:
        return self.operation_pages[operation]

    def open_operation(self, operation: Operation) -> None:
        if operation in self.operation_pages:
            self.show_page(self.pages.indexOf(self.operation_pages[operation]))

    def focus_scan_field(self) -> None:
        page = self.current_page()
        if isinstance(page, OperationPage):
            page.scan_field.setFocus()
            page.scan_field.selectAll()

    def _remove_selected(self) -> None:
        page = self.current_page()
        if isinstance(page, OperationPage):
            page.remove_selected()

    # ---- scans from every source ----------------------------------------------------

    def route_scan(self, raw: str, source: str = "wedge"):
        """A scan from any scanner goes to the page on screen, or to the window in front
        that takes scans (a stock count)."""
        active = QApplication.activeWindow()
        if active is not self and hasattr(active, "take_scan"):
            return active.take_scan(raw, source)
        page = self.current_page()
        if not isinstance(page, OperationPage):
            return None
        return page.scan(raw, source=source)  # None while the writer commits it

    def start_serial_scanner(self) -> None:
        """Open the serial scanner named in the settings (if any); call again after a change."""
        from pharmadesk.ui.workers import SerialBridge

        if self.serial is not None:
            self.serial.stop()
            self.serial.deleteLater()
            self.serial = None
        port = self.station.store.setting(SERIAL_PORT_SETTING)
        if not port:
            return
        baudrate = self.station.config.get_or_default(SERIAL_BAUD_SETTING)
        self.serial = SerialBridge(port, baudrate=baudrate, parent=self)
        self.serial.sig_scan.connect(lambda raw: self.route_scan(raw, "serial"))
        self.serial.sig_state.connect(self._serial_state)
        self.serial.start()

    def _serial_state(self, state: str) -> None:
        texts = {"connected": self.tr("Serial scanner connected (%1)"),
                 "waiting": self.tr("Serial scanner not found on %1; retrying…"),
                 "stopped": self.tr("Serial scanner stopped (%1)")}
        if state in texts and self.serial is not None:
            self.statusBar().showMessage(texts[state].replace("%1", self.serial.port), 8000)

    # ---- sync -----------------------------------------------------------------------

    def send_now(self) -> None:
        """F9 / Send now: send the whole queue, with the sync dialog."""
        if self.sync_dialog is None:
            self.sync_dialog = SyncDialog(self.sync, self)
        self.sync_dialog.show()
        self.sync_dialog.raise_()
        if not self.sync.running:
            self.sync.start(manual=True)

    def _send_verification(self) -> None:
        """A verification was scanned: ask ITS now, without a dialog, when it is reachable —
        about the verifications only; the other pages' boxes wait for F9 or auto-sync."""
        if not self.sync.running and self.sync.online is not False:
            self.sync.start(manual=False, operations={Operation.VERIFY})

    def _sync_started(self, _manual: bool) -> None:
        self.sync_action.setEnabled(False)
        self.cancel_sync_action.setEnabled(True)
        self.sync_bar.setRange(0, 0)
        self.sync_bar.show()
        self.sync_cancel.show()

    def _sync_progress(self, progress: sync.SyncProgress) -> None:
        self.sync_bar.setRange(0, max(progress.total, 1))
        self.sync_bar.setValue(min(progress.done, max(progress.total, 1)))
        self.sync_bar.setFormat(f"{progress.done} / {progress.total}")
        self._show_retry()

    def _show_retry(self) -> None:
        """While a sync waits to retry: what the last try met and the countdown, in the
        status bar (an automatic sync has no dialog)."""
        progress = self.sync.last_progress
        text = ""
        if self.sync.retry_text(self.station.lang):  # short: the light beside it says what failed
            text = self.tr("Sending: trying again in %1 s (try %2 of %3)").replace(
                "%1", str(max(0, round(self.sync.retry_at - time.monotonic())))).replace(
                "%2", str(progress.attempt + 1)).replace("%3", str(progress.attempts))
        if text:
            self.statusBar().showMessage(text)
        elif self._retry_shown:
            self.statusBar().clearMessage()
        self._retry_shown = bool(text)

    def _sync_finished(self, report) -> None:
        self.sync_action.setEnabled(True)
        self.cancel_sync_action.setEnabled(False)
        self.sync_bar.hide()
        self.sync_cancel.hide()
        self.refresh_pages()  # counts come with it
        if self.demo_panel is not None:
            self.demo_panel.reload()
        failure = getattr(report, "failure", None)  # the status bar has room for what happened only
        text = network.what_happened(failure, self.station.lang) if failure else report.message(self.station.lang)
        self.statusBar().showMessage(text, 15000)

    def refresh_pages(self) -> None:
        """New states and answers on every page: read on a worker thread with its own
        connection (a page may hold 20,000 rows), applied on the GUI thread."""
        from pharmadesk.store import Store
        from pharmadesk.ui.scan_model import fetch_fresh
        from pharmadesk.ui.workers import start_job

        path = self.station.store.path
        operations = list(self.operation_pages)
        self.refresh_pending = True

        def read(_job):
            store = Store(path)
            try:
                rows = {operation: fetch_fresh(store, operation) for operation in operations}
                counts = {operation: store.counts(operation) for operation in operations}
                return rows, counts, store.counts()
            finally:
                store.close()

        def apply(fresh) -> None:
            self.refresh_pending = False
            if self._closed:
                return
            rows, counts, total = fresh
            for operation, page_rows in rows.items():
                page = self.operation_pages[operation]
                page.model.apply_fresh(page_rows)
                page.update_counters(counts[operation])
            self.update_status(total)
            settle_garbage_collector()
            self.sig_refreshed.emit()

        def failed(_error) -> None:
            self.refresh_pending = False

        start_job(read, on_success=apply, on_failure=failed, parent=self)

    # ---- sandbox --------------------------------------------------------------------

    def simulator_started(self, server) -> None:
        self._simulator = server
        if self.demo_panel is not None:
            self.demo_panel.attach(server, self.station.gln, self.station.stakeholder)
        self.sync.start_probing()
        self.translate_ui()

    def start_background_work(self) -> None:
        """After the window is shown: probe ITS (outside training, where the simulator's
        start does it)."""
        if not self.station.sandbox:
            self.sync.start_probing()

    def shut_down(self) -> None:
        """The window closed: stop what it started."""
        self._closed = True
        self.live_view.stop()
        self.sync.stop()
        self.camera_panel.stop()
        if self.serial is not None:
            self.serial.stop()
            self.serial = None
        if self.capture is not None:
            self.capture.shut_down()
            self.capture = None
        if self.scan_writer is not None:
            self.scan_writer.close()
        if self._simulator is not None:
            self._simulator.stop()
            self._simulator = None

    # ---- switches -------------------------------------------------------------------

    def _toggle_language(self) -> None:
        lang = "en" if self.station.lang == "tr" else "tr"
        self.station.language.set(lang)
        self.station.store.set_setting(LANGUAGE_SETTING, lang)

    def _set_sounds(self, enabled: bool) -> None:
        self.station.sounds.enabled = enabled
        self.station.store.set_setting(SOUNDS_SETTING, "on" if enabled else "off")
        self.translate_ui()

    # ---- help -----------------------------------------------------------------------

    def shortcuts(self) -> list[tuple[str, str]]:
        """(keys, what they do) for every shortcut of the window, as the help lists them."""
        listed = []
        for action in self.actions():
            if action.shortcut().isEmpty():
                continue
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            text = action.text().replace("&", "")
            if text.endswith(f"({keys})"):
                text = text[:-len(keys) - 2].rstrip()
            listed.append((keys, text))
        listed += [
            (self.tr("Enter"), self.tr("Scan field: submit a typed karekod · lists: choose")),
            (self.tr("Esc"), self.tr("Clear the scan field · stop a running sync")),
            (self.tr("Delete"), self.tr("Scan table: take the selected boxes off the queue")),
            (self.tr("F5"), self.tr("Receive page, expected shipments tab: fetch the packages from ITS")),
            (self.tr("Alt + underlined letter"), self.tr("Jump to that field")),
        ]
        return listed

    def show_shortcuts(self) -> None:
        dialog = ShortcutsDialog(self.shortcuts(), self)
        dialog.exec()

    # ---- status ---------------------------------------------------------------------

    def update_status(self, counts: dict[str, int] | None = None) -> None:
        """Count what waits again (from the store, or `counts` read on a worker)."""
        if counts is None:
            counts = self.station.store.counts()
        self._waiting = counts[states.QUEUED] + counts[states.SENDING]
        self._attention = counts[states.NEEDS_ATTENTION]
        self._show_status()

    def _count_scan(self, outcome) -> None:
        if outcome.queued:
            self._waiting += 1
            self._show_status()

    def _show_status(self) -> None:
        pending, attention = self._waiting, self._attention
        text = self.tr("Waiting to be sent: %1").replace("%1", str(pending))
        if attention:
            text += " · " + self.tr("Need attention: %1").replace("%1", str(attention))
        minutes = self.station.autosync_minutes()
        if minutes:
            text += " · " + self.tr("auto-sync every %1 min").replace("%1", str(minutes))
        self.pending_label.setText(text)

    def translate_ui(self, _lang: str | None = None) -> None:
        lang = self.station.lang
        self.statusBar().clearMessage()  # a message in the other language
        title = self.tr("PharmaDesk — ITS workstation")
        if self.station.sandbox:
            title += " — " + self.tr("TRAINING (sandbox)")
        self.setWindowTitle(title)
        for number, (operation, page) in enumerate(self.operation_pages.items()):
            name = self.station.page_name(operation)
            self.nav.item(number).setText(f"{PAGE_KEYS[number]}   {name}")
            self.nav.item(number).setIcon(feedback.icon("queued") if operation is not Operation.VERIFY
                                          else feedback.icon("accepted"))
            self.page_actions[number].setText(name)
            page.set_language(lang)
        self._fit_nav()
        self.pages_menu.setTitle(self.tr("&Pages"))
        self.actions_menu.setTitle(self.tr("&Actions"))
        self.tools_menu.setTitle(self.tr("&Tools"))
        self.view_menu.setTitle(self.tr("&View"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.sync_action.setText(self.tr("Send to ITS (F9)"))
        self.sync_action.setToolTip(self.tr("Send every queued box to ITS now"))
        self.cancel_sync_action.setText(self.tr("Cancel sending"))
        self.focus_scan_action.setText(self.tr("Go to the scan field"))
        self.remove_action.setText(self.tr("Remove the selected boxes (Delete)"))
        self.camera_dock.setWindowTitle(self.tr("Camera"))
        self.camera_action.setText(self.tr("Camera (F10)"))
        if self.demo_dock is not None:
            self.demo_dock.setWindowTitle(self.tr("Demo scanner"))
            self.demo_action.setText(self.tr("Demo scanner (F11)"))
            self.demo_panel.set_language(lang)
        self.camera_panel.translate_ui()
        self.help_action.setText(self.tr("Shortcuts (F12)"))
        self.language_action.setText(self.tr("Türkçe / English"))
        self.language_action.setToolTip(self.tr("Switch the interface language"))
        self.sound_action.setText(self.tr("Sounds on") if self.sound_action.isChecked() else self.tr("Sounds off"))
        self.connection.translate_ui()
        if self.sync_dialog is not None:
            self.sync_dialog.translate_ui()
        station = self.station
        if station.sandbox:
            mode = self.tr("TRAINING — nothing is sent to the real ITS")
        else:
            mode = self.tr("Station GLN: %1").replace("%1", station.gln or self.tr("not set"))
        self.mode_label.setText(mode)
        self.update_status()


def settle_garbage_collector() -> None:
    """Tell Python's cycle collector that what exists now (the window, the pages' rows)
    lives long: a full collection then walks only new objects. Without it, a collection
    during a big sync walks 100,000 rows and pauses every thread ~100 ms."""
    gc.freeze()


class ShortcutsDialog(QDialog):
    """Every keyboard shortcut of the window (F12)."""

    def __init__(self, shortcuts: list[tuple[str, str]], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.table = QTableWidget(len(shortcuts), 2, self)
        self.table.setHorizontalHeaderLabels([self.tr("Keys"), self.tr("Does")])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        # Compact rows: the whole list fits on a 1366x768 screen without scrolling.
        row_height = self.fontMetrics().height() + 8
        self.table.verticalHeader().setDefaultSectionSize(row_height)
        for row, (keys, text) in enumerate(shortcuts):
            self.table.setItem(row, 0, QTableWidgetItem(keys))
            self.table.setItem(row, 1, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        fit_to_screen(self, 620, len(shortcuts) * row_height + self.table.horizontalHeader().sizeHint().height() + 90)
