"""Fixed notifications for the ITS client tests: one per service (two where the
guide distinguishes cases), with the GLNs and boxes they use."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pharmadesk.domain import Header, Operation, Product, SaleDetails, Stakeholder
from pharmadesk.gs1 import check_digit


def with_check_digit(digits: str) -> str:
    return digits + str(check_digit(digits))


PHARMACY = with_check_digit("868000100001")
OTHER_PHARMACY = with_check_digit("868000100002")
HOSPITAL = with_check_digit("868000200001")
OTHER_HOSPITAL = with_check_digit("868000200002")
DEPOT = with_check_digit("868000300001")
MANUFACTURER = with_check_digit("868000400001")
SGK = with_check_digit("868000500001")
GTIN = with_check_digit("0869953609011")
PRODUCTS = (
    Product(GTIN, "QQ001", "BN01", date(2027, 6, 30)),
    Product(GTIN, "QQ002", "BN01", date(2027, 6, 30)),
)
OWN_GLN = {Stakeholder.PHARMACY: PHARMACY, Stakeholder.HOSPITAL: HOSPITAL, Stakeholder.WAREHOUSE: DEPOT}
DOCUMENT = {"document_number": "PD231", "document_date": date(2024, 5, 6)}


@dataclass(frozen=True)
class Case:
    name: str  # also the stored envelope's file name
    stakeholder: Stakeholder
    protocol: str
    operation: Operation
    header: Header

    @property
    def gln(self) -> str:
        return OWN_GLN[self.stakeholder]


CASH = SaleDetails(kind="cash")
DOCTOR_TC, PATIENT_TC = "12345678950", "23456789138"  # T.C. identity numbers with right check digits
REIMBURSED = SaleDetails(kind="reimbursement", institution_gln=SGK, pharmacy_id="4512", prescription_no="1A2B3C4D",
                         doctor_id=DOCTOR_TC, patient_id=PATIENT_TC)
P, H, W = Stakeholder.PHARMACY, Stakeholder.HOSPITAL, Stakeholder.WAREHOUSE

CASES = (
    Case("br.eczane_mal_alim", P, "br-v1", Operation.RECEIVE, Header(counterparty_gln=DEPOT, **DOCUMENT)),
    Case("br.eczane_mal_iade", P, "br-v1", Operation.RETURN, Header(counterparty_gln=DEPOT, **DOCUMENT)),
    Case("br.eczane_satis.cash", P, "br-v1", Operation.SALE, Header(sale=CASH, document_number="F1001")),
    Case("br.eczane_satis.reimbursement", P, "br-v1", Operation.SALE,
         Header(sale=REIMBURSED, document_number="F1002", document_date=date(2024, 5, 6))),
    Case("br.eczane_satis_iptal.cash", P, "br-v1", Operation.SALE_CANCEL, Header(sale=CASH)),
    Case("br.eczane_satis_iptal.reimbursement", P, "br-v1", Operation.SALE_CANCEL, Header(sale=REIMBURSED)),
    Case("br.eczane_mal_devir", P, "br-v1", Operation.TRANSFER, Header(counterparty_gln=OTHER_PHARMACY, **DOCUMENT)),
    Case("br.eczane_mal_devir_iptal", P, "br-v1", Operation.TRANSFER_CANCEL,
         Header(counterparty_gln=OTHER_PHARMACY, **DOCUMENT)),
    Case("br.hastane_mal_alim", H, "br-v1", Operation.RECEIVE, Header(counterparty_gln=DEPOT, **DOCUMENT)),
    Case("br.hastane_mal_iade", H, "br-v1", Operation.RETURN, Header(counterparty_gln=DEPOT, **DOCUMENT)),
    Case("br.hastane_sarf", H, "br-v1", Operation.CONSUME, Header(note="Dahiliye servisi", **DOCUMENT)),
    Case("br.hastane_mal_devir", H, "br-v1", Operation.TRANSFER, Header(counterparty_gln=OTHER_HOSPITAL, **DOCUMENT)),
    Case("br.hastane_mal_devir_iptal", H, "br-v1", Operation.TRANSFER_CANCEL,
         Header(counterparty_gln=OTHER_HOSPITAL, **DOCUMENT)),
    Case("br.depo_mal_alim", W, "br-v1", Operation.RECEIVE, Header(counterparty_gln=MANUFACTURER, **DOCUMENT)),
    Case("br.depo_mal_iade", W, "br-v1", Operation.RETURN, Header(counterparty_gln=MANUFACTURER, **DOCUMENT)),
    Case("br.depo_satis", W, "br-v1", Operation.SALE, Header(counterparty_gln=PHARMACY, **DOCUMENT)),
    Case("br.depo_satis_iptal", W, "br-v1", Operation.SALE_CANCEL, Header(counterparty_gln=PHARMACY, **DOCUMENT)),
    Case("br.ihracat", W, "br-v1", Operation.EXPORT, Header(note="Yunanistan ABC Şirketine İhraç", **DOCUMENT)),
    Case("br.deaktivasyon", P, "br-v1", Operation.DEACTIVATE, Header(deactivation_reason="40")),
    Case("br.urun_dogrulama", P, "br-v1", Operation.VERIFY, Header()),
    Case("v12.receipt", P, "its-1.2", Operation.RECEIVE, Header(counterparty_gln=DEPOT)),
    Case("v12.return", H, "its-1.2", Operation.RETURN, Header(counterparty_gln=DEPOT)),
    Case("v12.dispatch", W, "its-1.2", Operation.SALE, Header(counterparty_gln=PHARMACY)),
    Case("v12.dispatch_cancel", W, "its-1.2", Operation.SALE_CANCEL, Header(counterparty_gln=PHARMACY)),
    Case("v12.transfer", P, "its-1.2", Operation.TRANSFER, Header(counterparty_gln=OTHER_PHARMACY)),
)
