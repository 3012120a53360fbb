"""The form above an operation's scan table: who the boxes go to or come from, the
document, and the operation's own fields (sale: cash or reimbursement institution with
the prescription; deactivation: the reason). It produces a `domain.Header`."""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QDate, QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QButtonGroup, QComboBox, QCompleter, QDateEdit, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
    QRadioButton, QWidget,
)

from pharmadesk.domain import (
    DEACTIVATION_REASONS, NEEDS_COUNTERPARTY, Header, Operation, SaleDetails, Stakeholder,
)
from pharmadesk.gs1 import gln_in_scan
from pharmadesk.store import Store

_GLN_IN_TEXT = re.compile(r"\b(\d{13})\b")
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 1
# Typed on a US keyboard or in lower case, "erciyes" must still find "ERCİYES".
_FOLD = str.maketrans({"İ": "i", "I": "i", "ı": "i", "Ş": "s", "ş": "s", "Ğ": "g", "ğ": "g",
                       "Ü": "u", "ü": "u", "Ö": "o", "ö": "o", "Ç": "c", "ç": "c"})


def search_key(text: str) -> str:
    """Text as the partner search compares it: Turkish letters folded, case ignored."""
    return text.translate(_FOLD).casefold()


class PartnerCompleter(QCompleter):
    """Matches what is typed anywhere in "name — GLN", Turkish-insensitively."""

    def __init__(self, model, parent=None):
        super().__init__(model, parent)
        self.setCompletionRole(SEARCH_ROLE)
        self.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseSensitive)  # both sides are folded
        self.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)

    def splitPath(self, path: str) -> list[str]:
        return [search_key(path)]

    def pathFromIndex(self, index) -> str:
        return index.data(Qt.ItemDataRole.DisplayRole) or ""


class PartnerBox(QComboBox):
    """A counterparty picked from the store's partners by GLN or by name (type part of
    either), or a GLN typed in full."""

    def __init__(self, store: Store, parent=None):
        super().__init__(parent)
        self.store = store
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMinimumContentsLength(40)
        self._partners = QStandardItemModel(self)
        self.setModel(self._partners)
        self.setCompleter(PartnerCompleter(self._partners, self))
        self.reload()
        self.setCurrentIndex(-1)

    def reload(self) -> None:
        text = self.currentText()
        self._partners.clear()
        for partner in self.store.partners():
            text = f"{partner['name']} — {partner['gln']}"
            item = QStandardItem(text)
            item.setData(partner["gln"], Qt.ItemDataRole.UserRole)
            item.setData(search_key(text), SEARCH_ROLE)
            self._partners.appendRow(item)
        self.setEditText(text)

    def gln(self) -> str | None:
        text = self.currentText().strip()
        if not text:
            return None
        found = _GLN_IN_TEXT.search(text)
        return found.group(1) if found else text

    def take_scan(self, raw: str) -> bool:
        """A GLN barcode scanned while the cursor is here fills the field (the wedge
        capture asks before sending a scan to the page)."""
        gln = gln_in_scan(raw)
        if gln is None:
            return False
        self.set_gln(gln)
        self.completer().popup().hide()
        return True

    def set_gln(self, gln: str | None) -> None:
        if not gln:
            self.setCurrentIndex(-1)
            self.setEditText("")
            return
        for row in range(self._partners.rowCount()):
            if self._partners.item(row).data(Qt.ItemDataRole.UserRole) == gln:
                self.setCurrentIndex(row)
                return
        self.setEditText(gln)


class HeaderForm(QWidget):
    sig_changed = Signal()

    def __init__(self, store: Store, stakeholder: Stakeholder, operation: Operation, parent=None):
        super().__init__(parent)
        self.operation = operation
        self.lang = "tr"
        self.is_pharmacy_sale = operation is Operation.SALE and stakeholder is Stakeholder.PHARMACY
        # a pharmacy's cash sale had no customer: its cancellation leaves the field empty
        self.cash_sale_cancel = operation is Operation.SALE_CANCEL and stakeholder is Stakeholder.PHARMACY
        self.needs_counterparty = operation in NEEDS_COUNTERPARTY and not self.is_pharmacy_sale
        layout = QFormLayout(self)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self._labels: dict[str, QLabel] = {}

        self.counterparty = PartnerBox(store, self)
        self.document_number = QLineEdit(self)
        self.document_date = QDateEdit(QDate.currentDate(), self)
        self.document_date.setCalendarPopup(True)
        self.document_date.setDisplayFormat("dd.MM.yyyy")
        self.cash = QRadioButton(self)
        self.reimbursed = QRadioButton(self)
        self.institution = PartnerBox(store, self)
        self.pharmacy_id = QLineEdit(self)
        self.prescription_no = QLineEdit(self)
        # The prescription's doctor (DR, optional) and patient (CP): T.C. identity numbers,
        # checked when a box is scanned; personal data, erased once ITS has the sale.
        self.doctor_id = self._identity_field()
        self.patient_id = self._identity_field()
        self.reason = QComboBox(self)
        for code, text in DEACTIVATION_REASONS.items():
            self.reason.addItem(f"{code} — {text}", code)
        self.reason.setCurrentIndex(-1)
        self.export_info = QLineEdit(self)  # RT: ITS refuses an export without it
        self.export_info.setMaxLength(100)

        if self.needs_counterparty:
            self._add_row(layout, "counterparty", self.counterparty)
        if self.is_pharmacy_sale:
            kinds = QWidget(self)
            kinds_layout = QHBoxLayout(kinds)
            kinds_layout.setContentsMargins(0, 0, 0, 0)
            group = QButtonGroup(self)
            for button in (self.cash, self.reimbursed):
                group.addButton(button)
                kinds_layout.addWidget(button)
            kinds_layout.addStretch(1)
            self.cash.setChecked(True)
            self._add_row(layout, "sale_kind", kinds)
            self._add_row(layout, "institution", self.institution)
            self._add_row(layout, "pharmacy_id", self.pharmacy_id)
            self._add_row(layout, "prescription_no", self.prescription_no)
            self._add_row(layout, "patient_id", self.patient_id)
            self._add_row(layout, "doctor_id", self.doctor_id)
            self.cash.toggled.connect(self._show_sale_fields)
            self._show_sale_fields()
        if operation is Operation.DEACTIVATE:
            self._add_row(layout, "reason", self.reason)
        if operation is Operation.EXPORT:
            self._add_row(layout, "export_info", self.export_info)
        if operation is not Operation.VERIFY:
            self._add_row(layout, "document_number", self.document_number)
            self._add_row(layout, "document_date", self.document_date)

        for field in (self.counterparty, self.document_number, self.document_date, self.cash,
                      self.reimbursed, self.institution, self.pharmacy_id, self.prescription_no,
                      self.patient_id, self.doctor_id, self.reason, self.export_info):
            if field.parent() is self and layout.indexOf(field) < 0:
                field.hide()  # this operation has no such field
        for box in (self.counterparty, self.institution):
            box.editTextChanged.connect(self.sig_changed)
            box.currentIndexChanged.connect(self.sig_changed)
        for edit in (self.document_number, self.pharmacy_id, self.prescription_no, self.patient_id,
                     self.doctor_id, self.export_info):
            edit.textChanged.connect(self.sig_changed)
        self.document_date.dateChanged.connect(self.sig_changed)
        self.cash.toggled.connect(self.sig_changed)
        self.reason.currentIndexChanged.connect(self.sig_changed)
        self.translate_ui()

    def _add_row(self, layout: QFormLayout, key: str, field: QWidget) -> None:
        label = QLabel(self)
        label.setBuddy(field)
        self._labels[key] = label
        layout.addRow(label, field)

    def _identity_field(self) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setMaxLength(11)
        edit.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,11}"), edit))
        return edit

    def _show_sale_fields(self) -> None:
        reimbursed = self.reimbursed.isChecked()
        for key, field in (("institution", self.institution), ("pharmacy_id", self.pharmacy_id),
                           ("prescription_no", self.prescription_no), ("patient_id", self.patient_id),
                           ("doctor_id", self.doctor_id)):
            field.setVisible(reimbursed)
            self._labels[key].setVisible(reimbursed)

    def translate_ui(self, lang: str | None = None) -> None:
        if lang is not None:
            self.lang = lang
        counterparty = {
            Operation.RECEIVE: self.tr("Supplier (GLN or name):"),
            Operation.RETURN: self.tr("Return to (GLN or name):"),
            Operation.SALE: self.tr("Customer (GLN or name):"),
            Operation.SALE_CANCEL: self.tr("Customer of the sale (GLN or name):"),
            Operation.TRANSFER: self.tr("Transfer to (GLN or name):"),
            Operation.TRANSFER_CANCEL: self.tr("Transferred to (GLN or name):"),
        }.get(self.operation, self.tr("Counterparty (GLN or name):"))
        texts = {
            "counterparty": counterparty,
            "sale_kind": self.tr("Sale:"),
            "institution": self.tr("Reimbursement institution:"),
            "pharmacy_id": self.tr("Pharmacy id at the institution:"),
            "prescription_no": self.tr("Prescription number:"),
            "patient_id": self.tr("Patient's T.C. identity no:"),
            "doctor_id": self.tr("Doctor's T.C. identity no:"),
            "reason": self.tr("Deactivation reason:"),
            "export_info": self.tr("Export information (RT):"),
            "document_number": self.tr("Document number:"),
            "document_date": self.tr("Document date:"),
        }
        for key, label in self._labels.items():
            label.setText(texts[key])
        self.cash.setText(self.tr("Cash sale"))
        self.reimbursed.setText(self.tr("Reimbursement institution (prescription)"))
        self.counterparty.lineEdit().setPlaceholderText(
            self.tr("Leave empty for a cash sale, or type the customer's GLN or name")
            if self.cash_sale_cancel else self.tr("Type a GLN or part of a name"))
        self.institution.lineEdit().setPlaceholderText(self.tr("Type a GLN or part of a name"))
        self.patient_id.setPlaceholderText(self.tr("11 digits"))
        self.doctor_id.setPlaceholderText(self.tr("11 digits, optional"))
        self.reason.setPlaceholderText(self.tr("Choose a reason"))
        glosses = {"10": self.tr("removed from the system"), "20": self.tr("production waste"),
                   "30": self.tr("destroyed after a recall"), "40": self.tr("destroyed: expired"),
                   "50": self.tr("revision"), "75": self.tr("stock balancing")}
        for row in range(self.reason.count()):
            code = self.reason.itemData(row)
            text = f"{code} — {DEACTIVATION_REASONS[code]}"
            gloss = glosses.get(code, "")
            # The ITS wording stays (it is what ITS and the guides say); a gloss follows
            # in English, where the wording alone would not be understood.
            if gloss and self.lang != "tr":
                text += f" ({gloss})"
            self.reason.setItemText(row, text)

    def header(self) -> Header:
        qdate = self.document_date.date()
        sale = None
        if self.is_pharmacy_sale:
            if self.cash.isChecked():
                sale = SaleDetails(kind="cash")
            else:
                sale = SaleDetails(kind="reimbursement", institution_gln=self.institution.gln(),
                                   pharmacy_id=self.pharmacy_id.text().strip() or None,
                                   prescription_no=self.prescription_no.text().strip() or None,
                                   doctor_id=self.doctor_id.text() or None,
                                   patient_id=self.patient_id.text() or None)
        return Header(
            counterparty_gln=self.counterparty.gln() if self.needs_counterparty else None,
            document_number=(self.document_number.text().strip() or None)
            if self.operation is not Operation.VERIFY else None,
            document_date=date(qdate.year(), qdate.month(), qdate.day())
            if self.operation is not Operation.VERIFY else None,
            deactivation_reason=self.reason.currentData() if self.operation is Operation.DEACTIVATE else None,
            note=(self.export_info.text().strip() or None) if self.operation is Operation.EXPORT else None,
            sale=sale,
        )

    def set_header(self, header: Header) -> None:
        """Show a notification's header as it was queued (to correct it and send it again)."""
        if header.counterparty_gln and self.needs_counterparty:
            self.counterparty.set_gln(header.counterparty_gln)
        self.document_number.setText(header.document_number or "")
        if header.document_date:
            self.document_date.setDate(QDate(header.document_date.year, header.document_date.month,
                                             header.document_date.day))
        if header.deactivation_reason:
            self.reason.setCurrentIndex(self.reason.findData(header.deactivation_reason))
        self.export_info.setText(header.note or "" if self.operation is Operation.EXPORT else "")
        if self.is_pharmacy_sale and header.sale is not None:
            reimbursed = header.sale.kind == "reimbursement"
            (self.reimbursed if reimbursed else self.cash).setChecked(True)
            if reimbursed:
                self.institution.set_gln(header.sale.institution_gln)
                self.pharmacy_id.setText(header.sale.pharmacy_id or "")
                self.prescription_no.setText(header.sale.prescription_no or "")

    def reload_partners(self) -> None:
        self.counterparty.reload()
        self.institution.reload()
