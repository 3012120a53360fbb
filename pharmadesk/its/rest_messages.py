"""What goes into an ITS2 JSON request and what comes out: the body of each notification
from the pharmacist's Header, and the per-item result codes, status answers and code list
read back. The field checks are the SOAP client's (pharmadesk/its/messages.py): ITS refuses
the same things whichever generation carries them.

The item list, up to 10,000 boxes, is written as text straight from the checked fields
(GTIN digits, SN/BN upper-case letters and digits, an ISO date: nothing JSON must escape),
which costs less than building a dict per box for json.dumps."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pharmadesk.domain import DEACTIVATION_REASONS, Header, ItemResult, NotificationResult, Operation, Product
from pharmadesk.its import codes, messages
from pharmadesk.its.errors import ItsFault, ItsResponseError
from pharmadesk.its.rest_services import FULL_ITEM, SHORT_ITEM, RestService


@dataclass(frozen=True)
class StatusAnswer:
    """One box of a status query (Durum sorgulama): its code and the two GLNs ITS gives
    (`gln1` the holder, `gln2` the other party of its last movement, as clients read them)."""

    gtin: str
    serial: str
    code: str
    gln1: str
    gln2: str


def sends_items(service: RestService, header: Header) -> bool:
    return messages.sends_items(service, header)


def request_body(service: RestService, own_gln: str, header: Header, products: Sequence[Product]) -> bytes:
    """The exact JSON sent for this notification (ItsConfigError if ITS would refuse it)."""
    by_prescription = not sends_items(service, header)
    if products or not by_prescription:
        messages.check_products(products)
    return with_products(header_fields(service, own_gln, header),
                         [] if by_prescription else products, service.item_fields)


def with_products(fields: dict[str, Any], products: Sequence[Product],
                  item_fields: tuple[str, ...] = FULL_ITEM) -> bytes:
    """`fields` as a JSON object with productList last (products already checked)."""
    if item_fields == SHORT_ITEM:
        items = ",".join([f'{{"gtin":"{p.gtin}","sn":"{p.serial}"}}' for p in products])
    else:
        dates: dict[Any, str] = {}  # a chunk holds a few expiry dates many times over
        items = ",".join([f'{{"gtin":"{p.gtin}","sn":"{p.serial}","xd":"'
                          f'{dates.get(p.expiry) or dates.setdefault(p.expiry, p.expiry.isoformat())}",'
                          f'"bn":"{p.batch}"}}' for p in products])
    head = json.dumps(fields, ensure_ascii=False, separators=(",", ":"))[:-1]
    return f'{head}{"," if fields else ""}"productList":[{items}]}}'.encode("utf-8")


def header_fields(service: RestService, own_gln: str, header: Header) -> dict[str, Any]:
    """Every request field before productList, in the order clients send them."""
    values: dict[str, Any] = {}
    for field in service.fields:
        if field == "dt":
            values[field] = service.dt
        elif field in ("fr", "frGln"):
            values[field] = own_gln
        elif field == "to":  # a pharmacy sale's buyer: institution, pharmacy or walk-in
            values[field] = messages._gln(messages._buyer_gln(header), "TO")
        elif field == "togln":
            values[field] = messages._gln(header.counterparty_gln, "TOGLN")
        elif field == "ds":
            values[field] = messages._deactivation_reason(header)
        elif field == "description":
            values[field] = _description(service, header)
        elif field == "document":
            values[field] = _document(service, own_gln, header)
    return values


def _description(service: RestService, header: Header) -> str:
    if service.operation is Operation.EXPORT:
        return messages._free_text(header.note, "RT", required=True)
    note = header.note or DEACTIVATION_REASONS.get(header.deactivation_reason or "", "")
    return messages._free_text(note, "ISACIKLAMA", required=False) or ""


def _document(service: RestService, own_gln: str, header: Header) -> dict[str, str]:
    """Every document field, empty where there is no value, as the public clients send it."""
    # A cancel names no doctor or patient (the SOAP cancel carries no such field): sent empty.
    private = ("dr", "cp") if service.operation is Operation.SALE_CANCEL else ()
    filled = tuple(name.upper() for name in service.document_fields if name not in private)
    belge = messages._belge(_SoapNames(filled), own_gln, header) or {}
    document = {}
    for name in service.document_fields:
        value = belge.get(name.upper())
        document[name] = value.isoformat() if hasattr(value, "isoformat") else (value or "")
    return document


@dataclass(frozen=True)
class _SoapNames:
    """The document's fields under their SOAP (BELGE) names, for the checks both generations share."""

    belge_fields: tuple[str, ...]


def read_json(content: bytes) -> Any:
    try:
        return json.loads(content)
    except (ValueError, UnicodeDecodeError) as error:
        raise ItsResponseError(f"ITS cevabı okunamadı (JSON değil ya da yarım): {error}",
                               f"The ITS answer cannot be read (not JSON, or cut short): {error}") from None


def fault_of(answer: Any, service_key: str) -> ItsFault | None:
    """A JSON error body ({"fc", "fm"}), whatever the HTTP status: the request was refused."""
    if isinstance(answer, dict) and answer.get("fc") not in (None, ""):
        return ItsFault(str(answer["fc"]).strip(), str(answer.get("fm") or "").strip(), service_key)
    return None


def _list(answer: Any, name: str) -> list:
    items = answer.get(name) if isinstance(answer, dict) else None
    if not isinstance(items, list):
        raise ItsResponseError(f"ITS cevabında {name} yok.", f"The ITS answer has no {name}.")
    return items


def _malformed() -> ItsResponseError:
    return ItsResponseError("ITS cevabında GTIN, SN veya UC'si eksik bir ürün var.",
                            "An item in the ITS answer lacks GTIN, SN or UC.")


def read_result(service: RestService, answer: Any, products: Sequence[Product], *,
                by_prescription: bool = False) -> NotificationResult:
    """One ItemResult per submitted box, in the order sent. Each box must come back exactly
    once; a prescription-wide sale cancel may also list boxes we did not scan. The REST
    answers carry no notification id."""
    listed = _list(answer, "productList")
    try:
        found = {(item["gtin"], item["sn"]): item["uc"] for item in listed}
    except (KeyError, TypeError):
        raise _malformed() from None
    if len(found) != len(listed):
        seen: set = set()
        gtin, serial = next(key for key in ((i["gtin"], i["sn"]) for i in listed) if key in seen or seen.add(key))
        raise ItsResponseError(f"ITS cevabında aynı kutu iki kez var: {gtin} / {serial}",
                               f"The ITS answer lists a box twice: {gtin} / {serial}")
    items = []
    pop = found.pop
    for product in products:
        code = pop((product.gtin, product.serial), None)
        if code is None:
            raise ItsResponseError(
                f"ITS cevabında gönderilen bir kutu yok: {product.gtin} / {product.serial}",
                f"The ITS answer does not mention a box that was sent: {product.gtin} / {product.serial}")
        if code.__class__ is not str or len(code) != 5:
            code = _code(code)
        items.append(ItemResult(product.gtin, product.serial, code))
    for (gtin, serial), code in found.items():
        if not (isinstance(gtin, str) and isinstance(serial, str) and gtin and serial):
            raise _malformed()
        if not by_prescription:
            raise ItsResponseError(f"ITS cevabında gönderilmemiş bir kutu var: {gtin} / {serial}",
                                   f"The ITS answer lists a box that was not sent: {gtin} / {serial}")
        items.append(ItemResult(gtin, serial, _code(code)))
    return NotificationResult("", items)


def _code(code: Any) -> str:
    if code is None or code == "" or not isinstance(code, (str, int)):
        raise _malformed()
    return codes.normalize(code)


def read_status(answer: Any, products: Sequence[Product]) -> list[StatusAnswer]:
    """The status query's answer, one per box asked, in the order asked."""
    found: dict[tuple[str, str], StatusAnswer] = {}
    for item in _list(answer, "responseObjectList"):
        if not isinstance(item, dict) or not item.get("gtin") or not item.get("sn") or item.get("uc") in (None, ""):
            raise _malformed()
        found[(item["gtin"], item["sn"])] = StatusAnswer(
            item["gtin"], item["sn"], codes.normalize(item["uc"]), str(item.get("gln1") or ""),
            str(item.get("gln2") or ""))
    missing = [p for p in products if (p.gtin, p.serial) not in found]
    if missing or len(found) != len(products):
        box = missing[0] if missing else None
        shown = f"{box.gtin} / {box.serial}" if box else ""
        raise ItsResponseError(f"ITS durum cevabı sorulan kutularla eşleşmiyor {shown}".strip(),
                               f"The ITS status answer does not match the boxes asked {shown}".strip())
    return [found[(p.gtin, p.serial)] for p in products]


def read_error_codes(answer: Any) -> dict[str, str]:
    """The code list ITS publishes: {five-digit code: ITS's text}."""
    catalog = {}
    for entry in _list(answer, "errorCodeList"):
        if not isinstance(entry, dict) or entry.get("code") in (None, "") or not entry.get("message"):
            raise ItsResponseError("ITS kod listesinde kodu ya da metni eksik bir satır var.",
                                   "A line of the ITS code list lacks its code or text.")
        catalog[codes.normalize(entry["code"])] = str(entry["message"]).strip()
    return catalog


__all__ = ["StatusAnswer", "request_body", "with_products", "header_fields", "sends_items", "read_json",
           "fault_of", "read_result", "read_status", "read_error_codes"]
