"""The verification page (Ürün Doğrulama): scan a box, ITS says what it knows about it.
The answer is a 40xxx warning — not an error — and the panel below the table spells out
what it means and which operations the box still allows (from the code catalog), with a
button to open each of those pages. A scanned box is sent at once when ITS is reachable."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from pharmadesk.domain import Operation, Product
from pharmadesk.its import codes
from pharmadesk.session import ScanOutcome
from pharmadesk.ui import feedback
from pharmadesk.ui.operation_page import OperationPage
from pharmadesk.ui.scan_model import ScanRow


class VerdictPanel(QFrame):
    """What ITS said about one box: the code, its meaning, what to do, allowed actions."""

    sig_open_page = Signal(object)  # Operation

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.code = QLabel(self)
        font = QFont(self.code.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.code.setFont(font)
        self.code.setWordWrap(True)
        self.advice = QLabel(self)
        self.advice.setWordWrap(True)
        self.actions_label = QLabel(self)
        self.actions_row = QHBoxLayout()
        self.actions_row.setContentsMargins(0, 0, 0, 0)
        self.icon = QLabel(self)  # the answer's colour never comes alone
        # ITS's status query (its2): where the box is, asked for this one box on demand
        self.status_button = QPushButton(self)
        self.status_button.clicked.connect(self._ask_status)
        self.status_text = QLabel(self)
        self.status_text.setWordWrap(True)
        self.status_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.icon.setFixedSize(32, 32)
        texts = QVBoxLayout()
        texts.addWidget(self.code)
        texts.addWidget(self.advice)
        row = QHBoxLayout()
        row.addWidget(self.actions_label)
        row.addLayout(self.actions_row)
        row.addStretch(1)
        texts.addLayout(row)
        status_row = QHBoxLayout()
        status_row.addWidget(self.status_button)
        status_row.addWidget(self.status_text, 1)
        texts.addLayout(status_row)
        layout = QHBoxLayout(self)
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(texts, 1)
        self.buttons: list[QPushButton] = []
        self.shown_code: str | None = None
        self.allowed: tuple[Operation, ...] = ()
        self.page_names = lambda operation: operation.value  # set by the window
        self.stakeholder = None  # the station's kind: only its operations are offered
        # set by the window: whether ITS2 is in use, and the query itself: (product, show) -> None
        self.status_available = lambda: False
        self.status_query = None
        self.shown_product: Product | None = None

    def show_row(self, row: ScanRow | None, lang: str) -> None:
        for button in self.buttons:
            self.actions_row.removeWidget(button)
            button.hide()
            button.setParent(None)
            button.deleteLater()
        self.buttons = []
        self.allowed = ()
        self.shown_product = Product(row.gtin, row.serial, row.batch, row.expiry) \
            if row is not None and row.gtin and row.serial and row.expiry else None
        self.status_button.setText(self.tr("Where is this box? (ITS status query)"))
        self.status_button.setVisible(self.status_available() and self.shown_product is not None)
        self.status_text.clear()
        if row is None or not row.uc:
            self.shown_code = None
            self.code.setText(self.tr("Scan a box: ITS's answer about it appears here."))
            if row is not None and row.item_id is not None and not row.uc:
                self.code.setText(self.tr("Waiting for ITS's answer about serial %1…").replace("%1", row.serial))
            self.advice.setText("")
            self.actions_label.setText("")
            self.icon.clear()
            self.setStyleSheet("")
            return
        info = codes.describe(row.uc, lang, operation=Operation.VERIFY, stakeholder=self.stakeholder)
        self.shown_code = info.code
        self.allowed = info.actions
        self.code.setText(f"{info.code} — {info.text}")
        self.advice.setText(self.tr("What to do: %1").replace("%1", info.advice) if info.advice else "")
        kind = "accepted" if info.severity == "success" else "needs-attention" if info.severity == "warning" else "rejected"
        look = feedback.look(kind)
        self.icon.setPixmap(feedback.icon(kind).pixmap(32, 32))
        self.setStyleSheet(f"VerdictPanel {{ background: {look.tint}; border: 2px solid {look.ink}; "
                           f"border-radius: 6px; }} QLabel {{ color: {look.ink}; }}")
        if info.actions:
            self.actions_label.setText(self.tr("This box allows:"))
            for operation in info.actions:
                button = QPushButton(self.page_names(operation), self)
                button.clicked.connect(lambda checked=False, op=operation: self.sig_open_page.emit(op))
                self.actions_row.addWidget(button)
                self.buttons.append(button)
        else:
            self.actions_label.setText(self.tr("No further operation is possible with this box."))


    def _ask_status(self) -> None:
        self.status_button.setEnabled(False)
        self.status_text.setText(self.tr("Asking ITS…"))
        self.status_query(self.shown_product, self._show_status)

    def _show_status(self, text: str, failed: bool) -> None:
        self.status_button.setEnabled(True)
        self.status_text.setText(text)


class VerifyPage(OperationPage):
    """An operation page with the verdict panel and sending right after each scan."""

    sig_send_quietly = Signal()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.verdict = VerdictPanel(self)
        self.verdict.stakeholder = self.stakeholder
        self.layout().insertWidget(self.layout().indexOf(self.table), self.verdict)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _previous: self._show_verdict())
        self.model.modelReset.connect(self._show_verdict)
        self.model.dataChanged.connect(lambda *_: self._show_verdict())
        self._show_verdict()

    def show_outcome(self, outcome: ScanOutcome, raw: str) -> ScanOutcome:
        outcome = super().show_outcome(outcome, raw)
        self._show_verdict()
        if outcome.queued:
            self.sig_send_quietly.emit()
        return outcome

    def _show_verdict(self) -> None:
        if not hasattr(self, "verdict"):
            return
        # The box the pharmacist picked in the table, else the newest box sent to ITS
        # (a refused scan, e.g. unreadable, has its say in the banner above).
        current = self.table.currentIndex()
        row = None
        if current.isValid() and current.row() < self.model.rowCount():
            row = self.model.scan_row(current.row())
        else:
            for number in range(min(self.model.rowCount(), 50)):
                candidate = self.model.scan_row(number)
                if candidate.item_id is not None and candidate.kind != "duplicate":
                    row = candidate
                    break
        self.verdict.show_row(row, self.lang)

    def set_language(self, lang: str) -> None:
        super().set_language(lang)
        if hasattr(self, "verdict"):
            self._show_verdict()
