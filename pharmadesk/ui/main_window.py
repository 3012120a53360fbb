"""The workstation window: a page per operation this station may do (F1..F8), the status
bar (mode, connection, what is waiting) and the language and sound switches."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QMainWindow, QStackedWidget, QToolBar,
    QWidget,
)

from pharmadesk.domain import Operation
from pharmadesk.session import operation_name
from pharmadesk.store import states
from pharmadesk.ui import feedback
from pharmadesk.ui.operation_page import OperationPage
from pharmadesk.ui.station import LANGUAGE_SETTING, SOUNDS_SETTING, Station

PAGE_KEYS = tuple(f"F{n}" for n in range(1, 9))


class MainWindow(QMainWindow):
    sig_page_changed = Signal(int)

    def __init__(self, station: Station, parent=None):
        super().__init__(parent)
        self.station = station
        self._simulator = None  # the sandbox ITS, once it listens
        self.setWindowIcon(feedback.app_icon())
        self.resize(1360, 820)

        self.nav = QListWidget(self)
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setFixedWidth(210)
        nav_font = QFont(self.nav.font())
        nav_font.setPointSizeF(nav_font.pointSizeF() * 1.15)
        self.nav.setFont(nav_font)
        self.nav.setSpacing(3)
        self.pages = QStackedWidget(self)
        self.operation_pages: dict[Operation, OperationPage] = {}
        for operation in station.operations():
            page = OperationPage(station.store, station.stakeholder, operation, lang=station.lang,
                                 sounds=station.sounds, parent=self.pages)
            page.sig_queue_changed.connect(self.update_status)
            self.operation_pages[operation] = page
            self.pages.addWidget(page)
            self.nav.addItem(QListWidgetItem())
        self.nav.currentRowChanged.connect(self.show_page)

        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.addWidget(self.nav)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        self._build_actions()
        self._build_status_bar()
        station.language.sig_changed.connect(self.translate_ui)
        self.translate_ui()
        self.nav.setCurrentRow(0)
        self.update_status()

    def _build_actions(self) -> None:
        self.toolbar = QToolBar(self)
        self.toolbar.setMovable(False)
        self.toolbar.setObjectName("main")
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)
        self.page_actions: list[QAction] = []
        for number, key in enumerate(PAGE_KEYS[:len(self.operation_pages)]):
            action = QAction(self)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
            action.triggered.connect(lambda checked=False, n=number: self.nav.setCurrentRow(n))
            self.addAction(action)
            self.page_actions.append(action)
        self.language_action = QAction(self)
        self.language_action.triggered.connect(self._toggle_language)
        self.sound_action = QAction(self)
        self.sound_action.setCheckable(True)
        self.sound_action.setChecked(self.station.sounds.enabled)
        self.sound_action.toggled.connect(self._set_sounds)
        self.toolbar.addAction(self.sound_action)
        self.toolbar.addAction(self.language_action)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.mode_label = QLabel(self)
        self.pending_label = QLabel(self)
        bar.addWidget(self.mode_label)
        bar.addPermanentWidget(self.pending_label)

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

    # ---- sandbox --------------------------------------------------------------------

    def simulator_started(self, server) -> None:
        self._simulator = server
        self.translate_ui()

    def shut_down(self) -> None:
        """The window closed: stop what it started."""
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

    # ---- status ---------------------------------------------------------------------

    def update_status(self) -> None:
        counts = self.station.store.counts()
        pending = counts[states.QUEUED] + counts[states.SENDING]
        attention = counts[states.NEEDS_ATTENTION]
        text = self.tr("Waiting to be sent: %1").replace("%1", str(pending))
        if attention:
            text += " · " + self.tr("Need attention: %1").replace("%1", str(attention))
        self.pending_label.setText(text)

    def translate_ui(self, _lang: str | None = None) -> None:
        lang = self.station.lang
        title = self.tr("PharmaDesk — ITS workstation")
        if self.station.sandbox:
            title += " — " + self.tr("TRAINING (sandbox)")
        self.setWindowTitle(title)
        for number, (operation, page) in enumerate(self.operation_pages.items()):
            item = self.nav.item(number)
            item.setText(f"{PAGE_KEYS[number]}   {operation_name(operation, lang)}")
            page.set_language(lang)
        self.language_action.setText(self.tr("Türkçe / English"))
        self.language_action.setToolTip(self.tr("Switch the interface language"))
        self.sound_action.setText(self.tr("Sounds on") if self.sound_action.isChecked() else self.tr("Sounds off"))
        station = self.station
        if station.sandbox:
            mode = self.tr("TRAINING — nothing is sent to the real ITS")
        else:
            mode = self.tr("Station GLN: %1").replace("%1", station.gln or self.tr("not set"))
        self.mode_label.setText(mode)
        self.update_status()
