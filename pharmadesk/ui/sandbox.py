"""Training mode: the station is one of the sandbox world's stations (a pharmacy, hospital
or warehouse: the kind chosen), its partners and product names come from the simulator's
sandbox world, and ITS is the in-process simulator."""

from __future__ import annotations

from pathlib import Path

from pharmadesk.domain import Stakeholder
from pharmadesk.sim import sandbox as world
from pharmadesk.store import Store

STATION_KIND = Stakeholder.PHARMACY  # a new sandbox, unless a kind is chosen
SIMULATOR_STATE = "simulator-state.json"


def identity(kind: Stakeholder | str) -> dict[str, str]:
    """The settings of the sandbox station of this kind: its GLN and user name in the
    simulator's world (the password is the sandbox one)."""
    kind = Stakeholder(kind)
    gln = world.STATIONS[kind.value]
    return {"its.stakeholder": kind.value, "its.gln": gln, "its.username": gln + "0000"}


def prepare_store(store: Store, kind: Stakeholder | str | None = None) -> None:
    """Give a sandbox database its identity, partners and product names (idempotent).
    `kind` makes it the sandbox station of that kind (the first-start wizard's choice);
    without it the station stays what it was, a pharmacy at first."""
    current = store.setting("its.stakeholder")
    wanted = Stakeholder(kind or current or STATION_KIND)
    if wanted.value != current or store.setting("its.gln") is None:
        for key, value in identity(wanted).items():
            store.set_setting(key, value)
    know_partners(store)
    for product in world.load_products():
        store.set_product_name(product.gtin, product.name)


def know_partners(store: Store) -> None:
    """Every other sandbox stakeholder is a partner; the station itself is not."""
    gln = store.setting("its.gln")
    for party_gln, kind, name in world.PARTIES:
        if party_gln == gln:
            store.forget_partner(party_gln)
        else:
            store.save_partner(party_gln, name, kind.value)


def simulator_state_file(data_dir: Path) -> Path:
    """The sandbox ITS keeps its ledger beside the sandbox database, so boxes received
    yesterday in training are still in stock today."""
    return data_dir / SIMULATOR_STATE


# ---- the demo scanner --------------------------------------------------------------------

from PySide6.QtCore import Qt, Signal  # noqa: E402 - the panel below is the only Qt part
from PySide6.QtWidgets import (  # noqa: E402
    QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget,
)

from pharmadesk.ui import feedback, workers  # noqa: E402

# What each demo box will show, and the look it gets in the list.
NOTE_LOOKS = {"ok": "queued", "expired": "expired", "recalled": "rejected", "foreign": "needs-attention",
              "unreadable": "unreadable", "carrier": "queued"}


class DemoScannerPanel(QWidget):
    """Training mode: "scans" the boxes the simulator shipped to this station, plus a few
    problem boxes (expired, recalled, another pharmacy's, unreadable), so every page can
    be tried without a scanner. Enter or a double click scans the selected box."""

    sig_scan = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.simulator = None
        self.station_gln: str | None = None
        self.stakeholder = None
        self.lang = "tr"
        self.boxes: list[dict] = []
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.itemActivated.connect(lambda item: self.scan_selected())
        self.scan_button = QPushButton(self)
        self.scan_button.clicked.connect(self.scan_selected)
        self.reload_button = QPushButton(self)
        self.reload_button.clicked.connect(self.reload)
        buttons = QHBoxLayout()
        buttons.addWidget(self.scan_button, 1)
        buttons.addWidget(self.reload_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self._job = None
        self.translate_ui()

    def attach(self, simulator, station_gln: str, stakeholder=None) -> None:
        self.simulator = simulator
        self.station_gln = station_gln
        self.stakeholder = stakeholder  # names the suggested page as the station does (Sevk)
        self.reload()

    def reload(self) -> None:
        """Ask the simulator (off the GUI thread) which boxes this station may scan now."""
        if self.simulator is None or (self._job is not None and self._job.running):
            return
        simulator, gln = self.simulator, self.station_gln
        self._job = workers.run_in_background(
            lambda: simulator.sandbox_boxes(gln) + simulator.sandbox_carriers(gln),
            on_success=self.show_boxes, parent=self)

    def show_boxes(self, boxes: list[dict]) -> None:
        selected = self.list.currentRow()
        self.boxes = boxes
        self.list.clear()
        for box in boxes:
            item = QListWidgetItem(feedback.icon(NOTE_LOOKS.get(box["note"], "unreadable")), self._label(box))
            item.setToolTip(box["karekod"].replace("\x1d", "␝"))
            self.list.addItem(item)
        if boxes:
            self.list.setCurrentRow(min(max(selected, 0), len(boxes) - 1))

    def _label(self, box: dict) -> str:
        notes = {"ok": self.tr("ready"), "expired": self.tr("EXPIRED"), "recalled": self.tr("RECALLED"),
                 "foreign": self.tr("another pharmacy's box"), "unreadable": self.tr("damaged karekod"),
                 "carrier": self.tr("carrier label (SSCC)")}
        name = box.get("product_name") or box.get("gtin", "")
        serial = box.get("serial") or "—"
        suggested = box.get("suggested")
        hint = ""
        if suggested:
            from pharmadesk.domain import Operation
            from pharmadesk.session import operation_name

            hint = "\n   " + self.tr("try: %1").replace(
                "%1", operation_name(Operation(suggested), self.lang, self.stakeholder))
        return f"{name}\n   {serial} · {notes.get(box['note'], box['note'])}{hint}"

    def scan_selected(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.boxes):
            self.sig_scan.emit(self.boxes[row]["karekod"])

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.translate_ui()

    def translate_ui(self) -> None:
        self.intro.setText(self.tr("Training boxes: the simulator shipped these to your station. "
                                   "Pick one and press Enter to scan it on the current page."))
        self.scan_button.setText(self.tr("Scan selected box"))
        self.reload_button.setText(self.tr("Refresh"))
        if self.boxes:
            self.show_boxes(self.boxes)
        elif self.simulator is None:
            self.list.clear()
            self.list.addItem(self.tr("Starting the training ITS…"))
