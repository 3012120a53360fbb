"""The receive page of every station kind, with its "Beklenen sevkiyatlar" (expected
shipments) tab: the PTS packages addressed to the station, one package's carriers and boxes
ticked off as the delivery is scanned (a carrier label ticks every box inside it), "accept
all" or the chosen carriers queued for Mal Alım, and the discrepancy view. Packages are
fetched when ITS is reachable and on F5."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QListWidget,
    QPushButton, QSplitter, QStackedWidget, QTableView, QTabWidget, QTreeWidget, QTreeWidgetItem, QVBoxLayout,
    QWidget,
)

from pharmadesk import gs1, shipments
from pharmadesk.bilingual import Bilingual
from pharmadesk.its.pts_package import PackageError
from pharmadesk.store import Store, now
from pharmadesk.ui import feedback
from pharmadesk.ui.operation_page import OperationPage
from pharmadesk.ui.shipments_models import BoxesModel, PackagesModel, shown_day
from pharmadesk.ui.workers import start_job

FETCH_KEY = Qt.Key.Key_F5
NARROW_BOX_TABLE = 700  # below this width the box table shows no carrier column
# A package scan's status → the look and sound of the scan outcomes it resembles.
_SCAN_LOOKS = {"ticked": "queued", "carrier": "queued", "again": "duplicate", "stray": "not_allowed",
               "flagged": "expired", "refused": "invalid"}


def is_carrier_label(raw: str) -> bool:
    """A scan of a case or pallet label (its check digit right or wrong)."""
    try:
        return gs1.carrier_label(raw) is not None
    except gs1.Gs1Error:
        return True


class ExpectedShipmentsPanel(QWidget):
    sig_received = Signal()  # boxes were queued for Mal Alım

    def __init__(self, store: Store, stakeholder, *, lang: str = "tr", sounds=None, parent=None):
        super().__init__(parent)
        self.store = store
        self.stakeholder = stakeholder
        self.lang = lang
        self.sounds = sounds
        self.writer = None  # the page's ScanWriter: package writes run there, like scans
        self.client_factory: Callable[[Store], object] | None = None  # store → a PTS client (SOAP or its2 REST) logging there
        self.station_gln: str | None = None
        self.package_id: int | None = None
        self.fetch_job = None
        self.last_scan: shipments.PackageScan | None = None
        self.summary: dict | None = None  # the open package's counts as stored
        self.counts: dict[str | None, list[int]] = {}

        self.stack = QStackedWidget(self)
        # the list of packages
        self.list_page = QWidget(self.stack)
        self.refresh_button = QPushButton(self.list_page)
        self.refresh_button.clicked.connect(self.fetch)
        self.open_button = QPushButton(self.list_page)
        self.open_button.clicked.connect(self._open_selected)
        self.list_status = QLabel(self.list_page)
        self.list_status.setWordWrap(True)
        self.packages = PackagesModel(self)
        self.package_table = QTableView(self.list_page)
        self.package_table.setModel(self.packages)
        self.package_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.package_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.package_table.verticalHeader().setVisible(False)
        self.package_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.package_table.horizontalHeader().setStretchLastSection(True)
        self.package_table.doubleClicked.connect(
            lambda index: self.open_package(self.packages.packages[index.row()]["id"]))
        buttons = QHBoxLayout()
        buttons.addWidget(self.refresh_button)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.list_status, 1)
        list_layout = QVBoxLayout(self.list_page)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addLayout(buttons)
        list_layout.addWidget(self.package_table, 1)

        # one package
        self.package_page = QWidget(self.stack)
        self.back_button = QPushButton(self.package_page)
        self.back_button.clicked.connect(self.show_list)
        self.title = QLabel(self.package_page)
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.progress = QLabel(self.package_page)
        self.progress.setTextFormat(Qt.TextFormat.RichText)
        self.outcome = QLabel(self.package_page)
        self.outcome.setWordWrap(True)
        self.outcome.setMinimumHeight(34)
        self.carriers = QTreeWidget(self.package_page)
        self.carriers.setColumnCount(3)
        self.carriers.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.carriers.header().setStretchLastSection(False)
        self.carriers.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            self.carriers.header().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.boxes = BoxesModel(lang=lang, parent=self)
        self.box_table = QTableView(self.package_page)
        self.box_table.setModel(self.boxes)
        self.box_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.box_table.verticalHeader().setVisible(False)
        self.box_table.verticalHeader().setDefaultSectionSize(24)
        self.box_table.horizontalHeader().setStretchLastSection(True)
        for column, width in ((BoxesModel.PRODUCT, 140), (BoxesModel.SERIAL, 125), (BoxesModel.BATCH, 64),
                              (BoxesModel.EXPIRY, 84), (BoxesModel.CARRIER, 152)):
            self.box_table.setColumnWidth(column, width)
        self.box_table.installEventFilter(self)  # a narrow table lets the carrier column go
        splitter = QSplitter(Qt.Orientation.Horizontal, self.package_page)
        splitter.addWidget(self.carriers)
        splitter.addWidget(self.box_table)
        splitter.setSizes([330, 700])
        self.accept_all_button = QPushButton(self.package_page)
        self.accept_all_button.clicked.connect(lambda: self.accept(chosen=False))
        self.accept_chosen_button = QPushButton(self.package_page)
        self.accept_chosen_button.clicked.connect(lambda: self.accept(chosen=True))
        self.damaged_button = QPushButton(self.package_page)
        self.damaged_button.clicked.connect(self.set_aside_selected)
        self.discrepancy_button = QPushButton(self.package_page)
        self.discrepancy_button.clicked.connect(self.show_discrepancies)
        head = QHBoxLayout()
        head.addWidget(self.back_button)
        head.addWidget(self.title, 1)
        head.addWidget(self.progress)
        actions = QHBoxLayout()
        actions.addWidget(self.accept_all_button)
        actions.addWidget(self.accept_chosen_button)
        actions.addStretch(1)
        actions.addWidget(self.damaged_button)
        actions.addWidget(self.discrepancy_button)
        package_layout = QVBoxLayout(self.package_page)
        package_layout.setContentsMargins(0, 0, 0, 0)
        package_layout.addLayout(head)
        package_layout.addWidget(self.outcome)
        package_layout.addWidget(splitter, 1)
        package_layout.addLayout(actions)

        self.stack.addWidget(self.list_page)
        self.stack.addWidget(self.package_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.translate_ui()
        self.reload_list()

    def eventFilter(self, watched, event) -> bool:
        if watched is self.box_table and event.type() == QEvent.Type.Resize:
            # The carrier tree beside the table names each box's carrier too; the State column must stay.
            self.box_table.setColumnHidden(BoxesModel.CARRIER, event.size().width() < NARROW_BOX_TABLE)
        return super().eventFilter(watched, event)

    # ---- the list ----

    def reload_list(self) -> None:
        self.packages.set_rows(self.store.packages())

    def show_list(self) -> None:
        self.package_id = None
        self.reload_list()
        self.stack.setCurrentWidget(self.list_page)

    def _open_selected(self) -> None:
        rows = self.package_table.selectionModel().selectedRows()
        if rows:
            self.open_package(self.packages.packages[rows[0].row()]["id"])

    def fetch(self) -> None:
        """F5, and ITS reachable again: download the new packages on a worker thread."""
        if self.client_factory is None or not self.station_gln:
            self._list_message(self.tr("Set this station's GLN and ITS account in Settings to fetch packages."))
            return
        if self.fetch_job is not None and self.fetch_job.running:
            return
        path, factory, gln = self.store.path, self.client_factory, self.station_gln
        self._list_message(self.tr("Fetching expected shipments from ITS…"))

        def work(_job):
            store = Store(path)
            try:
                with factory(store) as client:
                    return shipments.fetch(store, client, gln), store.packages()
            finally:
                store.close()

        def done(fetched: tuple[shipments.FetchReport, list[dict]]) -> None:
            # Read on the worker: the window may have closed (and its store with it) meanwhile.
            report, packages = fetched
            self.packages.set_rows(packages)
            self._list_message(report.message(self.lang) + "".join(
                f"\n{transfer_id}: {en if self.lang == 'en' else tr}" for transfer_id, tr, en in report.failed))

        def failed(error: Exception) -> None:
            self._list_message(error.message(self.lang) if isinstance(error, Bilingual) else str(error))

        self.fetch_job = start_job(work, on_success=done, on_failure=failed, parent=self)

    def _list_message(self, text: str) -> None:
        self.list_status.setText(text)

    # ---- one package ----

    def open_package(self, package_id: int) -> None:
        self.package_id = package_id
        self._load_package()
        package = self.summary
        sender = package["sender_name"] or package["sender_gln"]
        document = self.tr("Document %1").replace("%1", package["document_number"] or "—")
        self.title.setText(f"<b>{sender}</b> · {document} · "
                           f"{shown_day(package['document_date'] or package['transfer_date'])}")
        self.outcome.setText(self.tr("Scan a carrier label (SSCC) to tick every box inside it, or scan boxes "
                                     "one by one."))
        self.outcome.setStyleSheet("")
        self.stack.setCurrentWidget(self.package_page)

    def _load_package(self) -> None:
        """Read the open package's boxes, carriers and counts from the store."""
        names = {product["gtin"]: product["name"] for product in self.store.products() if product["name"]}
        self.boxes.product_names = names
        self.boxes.set_rows(self.store.package_boxes(self.package_id))
        self.summary = self.store.package(self.package_id)
        # Boxes scanned / boxes directly inside each carrier, kept up to date as scans come.
        self.counts: dict[str | None, list[int]] = {}
        for box in self.boxes.boxes:
            counts = self.counts.setdefault(box["carrier_sscc"], [0, 0])
            counts[0] += box["scanned_at"] is not None
            counts[1] += 1
        self.carriers.clear()
        items: dict[str, QTreeWidgetItem] = {}
        for carrier in self.store.package_carriers(self.package_id):
            parent = items.get(carrier["parent_sscc"])
            item = QTreeWidgetItem(parent if parent is not None else self.carriers)
            item.setText(0, carrier["sscc"])
            item.setToolTip(0, carrier["sscc"])
            item.setText(1, carrier["container_type"] or "")
            item.setData(0, Qt.ItemDataRole.UserRole, carrier["sscc"])
            items[carrier["sscc"]] = item
        self.carriers.expandAll()
        self._show_counts()

    def _ticked(self, box_ids: list[int]) -> None:
        for box in self.boxes.tick(box_ids, now()):
            self.counts[box["carrier_sscc"]][0] += 1
        self._show_counts()

    def _show_counts(self) -> None:
        """Each carrier's line (boxes scanned / boxes inside it, at any depth) and the totals."""
        def walk(item: QTreeWidgetItem) -> tuple[int, int]:
            scanned, total = self.counts.get(item.data(0, Qt.ItemDataRole.UserRole), [0, 0])
            for number in range(item.childCount()):
                inner = walk(item.child(number))
                scanned, total = scanned + inner[0], total + inner[1]
            text = f"{scanned} / {total}"
            if item.text(2) != text:
                item.setText(2, text)
                item.setIcon(2, feedback.icon("accepted" if total and scanned == total else "removed"))
            return scanned, total

        for number in range(self.carriers.topLevelItemCount()):
            walk(self.carriers.topLevelItem(number))
        package = self.summary
        scanned = sum(counts[0] for counts in self.counts.values())
        self.progress.setText(
            self.tr("Scanned <b>%1</b> / %2 · Queued <b>%3</b> · Damaged %4")
            .replace("%1", str(scanned)).replace("%2", str(package["boxes"]))
            .replace("%3", str(package["received"])).replace("%4", str(package["damaged"] or 0)))

    def scan(self, raw: str) -> shipments.PackageScan | None:
        """A scan on the receive page meant for a package: a carrier label (opening its
        package if none is open) or a box of the open package."""
        package_id, stakeholder = self.package_id, self.stakeholder
        if self.writer is None:
            return self._scanned(shipments.Receiving(self.store, stakeholder).scan(raw, package_id), raw)
        shown: list[shipments.PackageScan] = []
        self.writer.submit(lambda store: shipments.Receiving(store, stakeholder).scan(raw, package_id),
                           lambda outcome: shown.append(self._scanned(outcome, raw)), self._write_failed)
        return shown[0] if shown else None

    def _scanned(self, outcome: shipments.PackageScan, raw: str) -> shipments.PackageScan:
        if outcome.package_id is not None and outcome.package_id != self.package_id \
                and outcome.status == "carrier":
            self.open_package(outcome.package_id)
        elif outcome.status == "carrier":
            self._ticked(self.store.box_ids_inside(self.package_id, [gs1.carrier_label(raw)]))
        elif outcome.status == "ticked":
            self._ticked([outcome.box["id"]])
        self._show_outcome(outcome)
        return outcome

    def _show_outcome(self, outcome: Bilingual, kind: str | None = None) -> None:
        kind = kind or _SCAN_LOOKS.get(getattr(outcome, "status", ""), "invalid")
        look = feedback.look(kind)
        self.outcome.setText(outcome.message(self.lang))
        self.outcome.setStyleSheet(f"QLabel {{ background: {look.tint}; color: {look.ink}; border: 2px solid "
                                   f"{look.ink}; border-radius: 5px; padding: 4px; font-weight: bold; }}")
        if self.sounds is not None:
            self.sounds.play_for(kind)
        if isinstance(outcome, shipments.PackageScan):
            self.last_scan = outcome

    def _write_failed(self, error: Exception) -> None:
        message = error if isinstance(error, Bilingual) else PackageError(str(error), str(error))
        self._show_outcome(message, "not_saved")

    def chosen_carriers(self) -> list[str]:
        return [item.data(0, Qt.ItemDataRole.UserRole) for item in self.carriers.selectedItems()]

    def accept(self, *, chosen: bool) -> None:
        """Tümünü kabul et, or the chosen carriers: queue Mal Alım, sender and document from the package."""
        carriers = self.chosen_carriers() if chosen else []
        if chosen and not carriers:
            self._show_outcome(PackageError("Önce soldaki listeden taşıyıcı seçin.",
                                                      "Choose carriers in the list on the left first."), "incomplete")
            return
        package_id, stakeholder = self.package_id, self.stakeholder

        def queued(outcome: shipments.AcceptOutcome) -> None:
            self.open_package(package_id)
            self._show_outcome(outcome, "queued" if outcome.acceptance.queued else "incomplete")
            self.sig_received.emit()

        def work(store):
            return shipments.accept(store, stakeholder, package_id, carriers)

        if self.writer is None:
            queued(work(self.store))
        else:
            self.writer.submit(work, queued, self._write_failed)

    def set_aside_selected(self) -> None:
        """Hasarlı olarak ayır: the selected boxes are kept for a return, not received."""
        rows = {index.row() for index in self.box_table.selectionModel().selectedRows()}
        ids = [self.boxes.box_at(row)["id"] for row in sorted(rows)]
        if ids:
            self.store.set_damaged(ids)
            self._load_package()

    def show_discrepancies(self) -> QDialog:
        dialog = DiscrepancyDialog(self.store.discrepancies(self.package_id), self.boxes.product_names, self)
        dialog.show()
        return dialog

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.boxes.lang = lang
        self.translate_ui()

    def translate_ui(self) -> None:
        self.refresh_button.setText(self.tr("Fetch from ITS (F5)"))
        self.open_button.setText(self.tr("Open"))
        self.back_button.setText(self.tr("← Expected shipments"))
        self.carriers.setHeaderLabels([self.tr("Carrier (SSCC)"), self.tr("Type"), self.tr("Scanned")])
        self.accept_all_button.setText(self.tr("Accept all"))
        self.accept_all_button.setToolTip(self.tr("Queue Mal Alım for every box of the package, with its sender "
                                                  "and document"))
        self.accept_chosen_button.setText(self.tr("Accept chosen carriers"))
        self.damaged_button.setText(self.tr("Set aside as damaged"))
        self.discrepancy_button.setText(self.tr("Discrepancies"))
        self.packages.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 7)
        self.boxes.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 5)
        if self.package_id is not None:
            self._show_counts()


class DiscrepancyDialog(QDialog):
    """Three lists side by side: expected but not scanned, scanned but not in the package,
    set aside as damaged (to be returned)."""

    def __init__(self, lists: dict[str, list[dict]], product_names: dict[str, str], parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Discrepancies"))
        self.lists: dict[str, QListWidget] = {}
        row = QHBoxLayout()
        titles = {"missing": self.tr("Expected, not scanned (%1)"),
                  "strays": self.tr("Scanned, not in the package (%1)"),
                  "damaged": self.tr("Set aside as damaged (%1)")}
        for key, title in titles.items():
            box = QGroupBox(title.replace("%1", str(len(lists[key]))), self)
            widget = QListWidget(box)
            widget.setAlternatingRowColors(True)
            widget.setSpacing(2)
            for entry in lists[key]:
                name = product_names.get(entry["gtin"]) or entry["gtin"]
                widget.addItem(f"SN {entry['serial']} · {entry['batch'] or ''}\n{name}")
            inner = QVBoxLayout(box)
            inner.addWidget(widget)
            row.addWidget(box)
            self.lists[key] = widget
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(row, 1)
        layout.addWidget(buttons)
        self.resize(980, 420)


class ReceivePage(OperationPage):
    """Mal Alım with its expected shipments: a tab beside the scan table."""

    def __init__(self, store: Store, stakeholder, operation, *, lang: str = "tr", sounds=None, parent=None):
        super().__init__(store, stakeholder, operation, lang=lang, sounds=sounds, parent=parent)
        self.shipments = ExpectedShipmentsPanel(store, stakeholder, lang=lang, sounds=sounds, parent=self)
        self.shipments.sig_received.connect(self._received)
        self.tabs = QTabWidget(self)
        layout = self.layout()
        position = layout.indexOf(self.table)
        layout.removeWidget(self.table)
        self.tabs.addTab(self.table, "")
        self.tabs.addTab(self.shipments, "")
        layout.insertWidget(position, self.tabs, 1)
        self.tabs.currentChanged.connect(self._tab_changed)
        self._name_tabs()

    def _tab_changed(self, _index: int) -> None:
        """A package brings its own sender and document, and its scans answer in the tab:
        the notification form and the big banner make room for the package's boxes."""
        on_package = self.tabs.currentWidget() is self.shipments
        self.header_box.setVisible(not on_package and bool(self.form.layout().rowCount()))
        self.banner.setVisible(not on_package)

    def event(self, event) -> bool:
        # F5 opens the fifth page elsewhere; on the expected shipments it fetches them.
        if event.type() == QEvent.Type.ShortcutOverride and self._fetch_key(event):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event) -> None:
        if self._fetch_key(event):
            self.shipments.fetch()
            return
        super().keyPressEvent(event)

    def _fetch_key(self, event) -> bool:
        return event.key() == FETCH_KEY and event.modifiers() == Qt.KeyboardModifier.NoModifier \
            and self.tabs.currentWidget() is self.shipments

    def scan(self, raw: str, *, source: str = "wedge"):
        """A carrier label, or any scan while a package is open on the expected-shipments tab,
        goes to the package; every other scan is an ordinary Mal Alım."""
        on_package = self.tabs.currentWidget() is self.shipments and self.shipments.package_id is not None
        if not (on_package or is_carrier_label(raw)):
            return super().scan(raw, source=source)
        self.tabs.setCurrentWidget(self.shipments)
        self.shipments.writer = self.writer
        return self.shipments.scan(raw)

    def _received(self) -> None:
        self.model.reload()
        self.update_counters()
        self.sig_queue_changed.emit()

    def set_language(self, lang: str) -> None:
        super().set_language(lang)
        self.shipments.set_language(lang)

    def translate_ui(self) -> None:
        super().translate_ui()
        if hasattr(self, "tabs"):  # OperationPage.__init__ translates before the tabs exist
            self._name_tabs()

    def _name_tabs(self) -> None:
        self.tabs.setTabText(0, self.tr("Scanned boxes"))
        self.tabs.setTabText(1, self.tr("Expected shipments"))
