"""The pharmacist's vocabulary shared by every layer: operations, stakeholders,
notification headers and the ITS field rules checked before anything is queued."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import NamedTuple

from stdnum.tr import tckimlik

from pharmadesk.gs1 import gln_is_valid, gtin_is_valid


class Operation(str, Enum):
    RECEIVE = "receive"  # Mal Alım
    RETURN = "return"  # Mal İade
    SALE = "sale"  # Satış (warehouse: Depo Satış, the dispatch to a customer)
    SALE_CANCEL = "sale-cancel"  # Satış İptal
    TRANSFER = "transfer"  # Mal Devir
    TRANSFER_CANCEL = "transfer-cancel"  # Mal Devir İptal
    CONSUME = "consume"  # Hastane Sarf
    DEACTIVATE = "deactivate"  # Deaktivasyon
    EXPORT = "export"  # İhracat
    VERIFY = "verify"  # Ürün Doğrulama


class Stakeholder(str, Enum):
    PHARMACY = "pharmacy"  # Eczane
    HOSPITAL = "hospital"  # Hastane
    WAREHOUSE = "warehouse"  # Ecza deposu


OPERATIONS_BY_STAKEHOLDER: dict[Stakeholder, tuple[Operation, ...]] = {
    Stakeholder.PHARMACY: (
        Operation.RECEIVE, Operation.SALE, Operation.RETURN, Operation.SALE_CANCEL,
        Operation.TRANSFER, Operation.TRANSFER_CANCEL, Operation.DEACTIVATE, Operation.VERIFY,
    ),
    Stakeholder.HOSPITAL: (
        Operation.RECEIVE, Operation.CONSUME, Operation.RETURN, Operation.TRANSFER,
        Operation.TRANSFER_CANCEL, Operation.DEACTIVATE, Operation.VERIFY,
    ),
    Stakeholder.WAREHOUSE: (
        Operation.RECEIVE, Operation.SALE, Operation.SALE_CANCEL, Operation.RETURN,
        Operation.DEACTIVATE, Operation.EXPORT, Operation.VERIFY,
    ),
}

# Operations whose header names the other party (TO / TOGLN / the seller on a purchase).
NEEDS_COUNTERPARTY = frozenset({
    Operation.RECEIVE, Operation.RETURN, Operation.SALE, Operation.SALE_CANCEL,
    Operation.TRANSFER, Operation.TRANSFER_CANCEL,
})

# Buyer GLN of a walk-in (cash, "elden") pharmacy sale: thirteen zeros.
WALK_IN_BUYER_GLN = "0" * 13

# Deactivation reasons (DS) with their ITS wording.
DEACTIVATION_REASONS: dict[str, str] = {
    "10": "SİSTEMDEN ÇIKARMA",
    "20": "ÜRETİM FİRELERİ",
    "30": "GERİ ÇEKME SEBEBİYLE İMHA",
    "40": "MİAT SEBEBİYLE İMHA",
    "50": "REVİZYON",
    "75": "STOK EŞİTLEME",
}


@dataclass(frozen=True)
class SaleDetails:
    """Pharmacy sale fields: a cash (walk-in) sale, or a sale to a reimbursement
    institution (geri ödeme kurumu) with its prescription registration number."""

    kind: str = "cash"  # "cash" | "reimbursement"
    institution_gln: str | None = None  # e.g. SGK's GLN; the buyer (TO) of the sale
    pharmacy_id: str | None = None  # EID: the institution's id for this pharmacy
    prescription_no: str | None = None  # RKN: reçete kayıt numarası
    # Personal data (KVKK): T.C. kimlik numbers, kept only until ITS has the sale.
    doctor_id: str | None = None  # DR: the prescribing doctor's, optional
    patient_id: str | None = None  # CP: the patient's


@dataclass(frozen=True)
class Header:
    """What the pharmacist fills in above the scan table for one notification."""

    counterparty_gln: str | None = None  # TO / TOGLN, or the seller for a purchase
    document_number: str | None = None  # BELGE/DN
    document_date: date | None = None  # BELGE/DD
    deactivation_reason: str | None = None  # DS
    note: str | None = None  # ISACIKLAMA
    sale: SaleDetails | None = None


@dataclass(frozen=True)
class Product:
    """One box as ITS sees it: GTIN, lot (BN), serial (SN), expiry (XD)."""

    gtin: str
    serial: str
    batch: str
    expiry: date


class ItemResult(NamedTuple):
    """One box's answer. A tuple, not a dataclass: a 10,000-box answer makes 10,000 of them,
    and a frozen dataclass costs several times more to create."""

    gtin: str
    serial: str
    code: str  # UC, five digits; "00000" is success


@dataclass(frozen=True)
class NotificationResult:
    notification_id: str  # BILDIRIMID / NOTIFICATIONID
    items: list[ItemResult] = field(default_factory=list)


_SN_BN = re.compile(r"[A-Z0-9]{1,20}")
_USERNAME = re.compile(r"\d{17}")


def serial_is_valid(value: str) -> bool:
    """ITS 11032: SN is 1–20 upper-case letters and digits."""
    return bool(_SN_BN.fullmatch(value))


def batch_is_valid(value: str) -> bool:
    """ITS 11036: BN is 1–20 upper-case letters and digits."""
    return bool(_SN_BN.fullmatch(value))


def tc_identity_is_valid(value: str) -> bool:
    """A T.C. kimlik numarası: 11 digits, not starting with 0, both check digits right."""
    return value.isdigit() and tckimlik.is_valid(value)


def prescription_people_problem(sale: SaleDetails) -> tuple[str, str] | None:
    """Why the doctor's (DR) or patient's (CP) T.C. number cannot go with this sale, in
    Turkish and English; None when they can. Only a sale to a reimbursement institution
    carries them: the guide has a walk-in sale send DR and CP empty."""
    people = (("DR", sale.doctor_id, "Doktorun", "doctor's"), ("CP", sale.patient_id, "Hastanın", "patient's"))
    if sale.kind != "reimbursement":
        if sale.doctor_id or sale.patient_id:
            return ("Elden satışta doktor ve hasta T.C. kimlik numarası gönderilmez (DR ve CP boş gider); "
                    "bunlar yalnızca geri ödeme kurumuna satışta girilir.",
                    "A cash sale sends no doctor or patient T.C. identity number (DR and CP go empty); "
                    "enter them only for a sale to a reimbursement institution.")
        return None
    for field, value, who_tr, who_en in people:
        if value and not tc_identity_is_valid(value):
            return (f"{who_tr} T.C. kimlik numarası geçersiz ({field}): 11 rakam olmalı, 0 ile başlamamalı "
                    "ve son iki hanesi kontrol hanesi olarak tutmalı.",
                    f"The {who_en} T.C. identity number is not valid ({field}): it must be 11 digits, "
                    "not start with 0, and its last two check digits must match.")
    return None


def username_is_valid(username: str, gln: str) -> bool:
    """ITS 11039: the user name is the GLN followed by four more digits."""
    return bool(_USERNAME.fullmatch(username)) and username[:13] == gln and gln_is_valid(gln)


__all__ = [
    "Operation", "Stakeholder", "OPERATIONS_BY_STAKEHOLDER", "NEEDS_COUNTERPARTY",
    "WALK_IN_BUYER_GLN", "DEACTIVATION_REASONS", "SaleDetails", "Header", "Product",
    "ItemResult", "NotificationResult", "serial_is_valid", "batch_is_valid",
    "username_is_valid", "tc_identity_is_valid", "prescription_people_problem", "gln_is_valid",
    "gtin_is_valid",
]
