"""The ITS2 REST/JSON services PharmaDesk talks to, as plain data: the path of each one
(appended to `its.url`), the JSON fields of its request and which stakeholder uses it for
an operation. Every path and field name is as ../shared/its-protocol.md §9 and §12 give
them from public clients; the paths are written without the trailing "/" one client adds."""

from __future__ import annotations

from dataclasses import dataclass

from pharmadesk.domain import Operation, Stakeholder
from pharmadesk.its.errors import ItsConfigError

ITS2 = "its2"
ITS2_HOST = "https://its2.saglik.gov.tr"

TOKEN_PATH = "/token/app/token"
CHECK_STATUS_PATH = "/reference/app/check_status"  # Durum sorgulama
ERROR_CODES_PATH = "/reference/app/errorcode"  # Cevap/Hata kodları
PTS_SEARCH_PATH = "/pts/app/search"  # the transfers addressed to a GLN (§9, §8.3)
PTS_PACKAGE_PATH = "/pts/app/GetPackage"  # one transfer's package, base64 ZIP (§9, §8.3)

FULL_ITEM = ("gtin", "sn", "xd", "bn")
SHORT_ITEM = ("gtin", "sn")  # what verification and the status query send


@dataclass(frozen=True)
class RestService:
    key: str  # "its2.accept"
    title: str  # the ITS name, "Mal Alım (accept)"
    operation: Operation
    stakeholders: frozenset[Stakeholder]
    path: str
    # Request fields before productList, in the order clients send them:
    # dt, fr, frGln (our GLN), to, togln (the other party), ds, description, document.
    fields: tuple[str, ...] = ()
    dt: str | None = None
    document_fields: tuple[str, ...] = ()  # inside "document"
    item_fields: tuple[str, ...] = FULL_ITEM
    # A pharmacy sale-cancel to a reimbursement institution goes by prescription (rkn):
    # productList empty, and ITS answers with every box it cancelled.
    items_optional: bool = False


_EVERYONE = frozenset(Stakeholder)
_PHARMACY = frozenset({Stakeholder.PHARMACY})
_HOSPITAL = frozenset({Stakeholder.HOSPITAL})
_WAREHOUSE = frozenset({Stakeholder.WAREHOUSE})
_PRESCRIPTION = ("dd", "dn", "dr", "cp", "eid", "rkn")

_SERVICES: tuple[RestService, ...] = (
    RestService("its2.accept", "Mal Alım (accept)", Operation.RECEIVE, _EVERYONE, "/common/app/accept"),
    RestService("its2.return", "Mal İade (return)", Operation.RETURN, _EVERYONE, "/common/app/return",
                fields=("togln",)),
    RestService("its2.transfer", "Mal Devir (transfer)", Operation.TRANSFER, _PHARMACY | _HOSPITAL,
                "/common/app/transfer", fields=("togln",)),
    RestService("its2.transfercancel", "Mal Devir İptal (transfercancel)", Operation.TRANSFER_CANCEL,
                _PHARMACY | _HOSPITAL, "/common/app/transfercancel"),
    RestService("its2.dispatch", "Depo Satış (dispatch)", Operation.SALE, _WAREHOUSE,
                "/wholesale/app/dispatch", fields=("togln",)),
    # One client sends togln with the cancel, the other does not; it names the buyer, so it goes.
    RestService("its2.dispatchcancel", "Depo Satış İptal (dispatchcancel)", Operation.SALE_CANCEL,
                _WAREHOUSE, "/wholesale/app/dispatchcancel", fields=("togln",)),
    RestService("its2.pharmacysale", "Eczane Satış (pharmacysale)", Operation.SALE, _PHARMACY,
                "/prescription/app/pharmacysale", fields=("dt", "fr", "to", "document"), dt="S",
                document_fields=_PRESCRIPTION),
    RestService("its2.pharmacysalecancel", "Eczane Satış İptal (pharmacysalecancel)", Operation.SALE_CANCEL,
                _PHARMACY, "/prescription/app/pharmacysalecancel", fields=("dt", "fr", "to", "document"),
                dt="C", document_fields=_PRESCRIPTION, items_optional=True),
    # One source only (its-protocol.md §12): the SOAP HastaneSarf stays a per-station fallback.
    RestService("its2.consume", "Hastane Sarf (consume)", Operation.CONSUME, _HOSPITAL,
                "/consume/app/consume", fields=("dt", "fr"), dt="D"),
    RestService("its2.deactivation", "Deaktivasyon (deactivation)", Operation.DEACTIVATE, _EVERYONE,
                "/common/app/deactivation", fields=("dt", "frGln", "ds", "description", "document"), dt="D",
                document_fields=("dd", "dn")),
    # One source names the path and no fields: the export note (RT in SOAP) goes as description.
    RestService("its2.export", "İhracat (export)", Operation.EXPORT, _WAREHOUSE, "/wholesale/app/export",
                fields=("description",)),
    RestService("its2.verification", "Ürün Doğrulama (verification)", Operation.VERIFY, _EVERYONE,
                "/reference/app/verification", fields=("dt", "fr"), dt="V", item_fields=SHORT_ITEM),
)

_BY_KEY = {service.key: service for service in _SERVICES}

# The calls that are not notifications, by the key the message log files them under.
CALL_TITLES = {
    "its2.token": "Oturum açma (token)",
    "its2.check_status": "Durum Sorgulama (check_status)",
    "its2.errorcode": "Cevap/Hata Kodları (errorcode)",
}


def rest_service_for(operation: Operation, stakeholder: Stakeholder) -> RestService:
    operation, stakeholder = Operation(operation), Stakeholder(stakeholder)
    for service in _SERVICES:
        if service.operation is operation and stakeholder in service.stakeholders:
            return service
    raise ItsConfigError(
        f"ITS'te bu paydaş türü ({stakeholder.value}) için '{operation.value}' bildirimi yok.",
        f"ITS has no '{operation.value}' notification for this kind of stakeholder ({stakeholder.value}).",
    )


def rest_service(key: str) -> RestService:
    return _BY_KEY[key]


def rest_title(key: str) -> str:
    """The ITS name of a REST call as the message log lists it; KeyError if it is not one."""
    return _BY_KEY[key].title if key in _BY_KEY else CALL_TITLES[key]


def all_rest_services() -> tuple[RestService, ...]:
    return _SERVICES


__all__ = ["RestService", "ITS2", "ITS2_HOST", "TOKEN_PATH", "CHECK_STATUS_PATH", "ERROR_CODES_PATH",
           "CALL_TITLES", "rest_service_for", "rest_service", "rest_title", "all_rest_services"]
