"""What goes into an ITS notification and what comes out: the header fields from the
pharmacist's Header, the item list, and the per-item result codes read back.

The header (DT, FR, TO, BELGE, ...) is handed to zeep, which renders it from the
WSDL schema. The item list, up to 10,000 boxes, is written with lxml straight from
the catalog and the answer is read the same way: zeep's per-element objects cost
several times more than the XML itself for a chunk that size."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from lxml import etree

from pharmadesk.domain import (
    DEACTIVATION_REASONS, WALK_IN_BUYER_GLN, Header, ItemResult, NotificationResult, Operation,
    Product, gln_is_valid, gtin_is_valid, prescription_people_problem,
)
from pharmadesk.its.errors import ItsConfigError, ItsResponseError
from pharmadesk.its.services import Service

_SN_BN = re.compile(r"[A-Z0-9]{1,20}")
_FREE_TEXT_MAX = 100  # ISACIKLAMA and RT


def _refuse(code: str, tr: str, en: str) -> ItsConfigError:
    return ItsConfigError(tr, en, code=code)


def _gln(value: str | None, field: str) -> str:
    code = "11018" if field == "FR" else "11019"
    if not value:
        raise _refuse(code, f"Karşı paydaşın GLN'si girilmemiş ({field} alanı).",
                      f"The other party's GLN is missing ({field} field).")
    if not gln_is_valid(value) and value != WALK_IN_BUYER_GLN:
        raise _refuse(code, f"{field} alanındaki GLN geçersiz: {value} (13 hane, doğru kontrol hanesi).",
                      f"The GLN in {field} is invalid: {value} (13 digits with a correct check digit).")
    return value


def _is_reimbursement(header: Header) -> bool:
    return header.sale is not None and header.sale.kind == "reimbursement"


def _buyer_gln(header: Header) -> str:
    """TO of a pharmacy sale: the reimbursement institution, another pharmacy, or the walk-in GLN."""
    if _is_reimbursement(header):
        return header.sale.institution_gln or header.counterparty_gln or ""
    return header.counterparty_gln or WALK_IN_BUYER_GLN


def _belge(service: Service, own_gln: str, header: Header) -> dict[str, Any]:
    """Every BELGE field the guide prints for the service, in its order; None (sent as
    xsi:nil) where the notification has no value."""
    values: dict[str, Any] = dict.fromkeys(service.belge_fields)
    if "DD" in values:
        values["DD"] = header.document_date
    if "DN" in values and header.document_number:
        if len(header.document_number) > 20:
            raise _refuse("11024", "Belge numarası en fazla 20 karakter olabilir.",
                          "The document number can be at most 20 characters.")
        values["DN"] = header.document_number
    if "RKN" in values and _is_reimbursement(header):
        if not header.sale.prescription_no:
            raise _refuse("11026", "Geri ödeme kurumuna satışta reçete kayıt numarası (RKN) gerekli.",
                          "A sale to a reimbursement institution needs the prescription number (RKN).")
        # Without a provision system the institution knows the pharmacy by its ITS GLN (guide ch. 6).
        values["EID"] = header.sale.pharmacy_id or own_gln
        values["RKN"] = header.sale.prescription_no
    if "CP" in values and header.sale is not None:
        people = prescription_people_problem(header.sale)
        if people:
            raise ItsConfigError(*people)
        values["DR"], values["CP"] = header.sale.doctor_id, header.sale.patient_id
    return values


def _free_text(value: str | None, field: str, *, required: bool) -> str | None:
    if not value:
        if required:
            raise _refuse("11024", f"{field} alanı boş olamaz (ihracat bilgisi).",
                          f"The {field} field must not be empty (export information).")
        return None
    if len(value) > _FREE_TEXT_MAX:
        raise _refuse("11024", f"{field} en fazla {_FREE_TEXT_MAX} karakter olabilir.",
                      f"{field} can be at most {_FREE_TEXT_MAX} characters.")
    return value


def _deactivation_reason(header: Header) -> str:
    if header.deactivation_reason not in DEACTIVATION_REASONS:
        raise _refuse("11022", f"Deaktivasyon sebebi (DS) geçersiz: {header.deactivation_reason!r}.",
                      f"Invalid deactivation reason (DS): {header.deactivation_reason!r}.")
    return header.deactivation_reason


def header_values(service: Service, own_gln: str, header: Header) -> dict[str, Any]:
    """Every request field except the item list, as keyword arguments for zeep. Every field
    the guide prints is there, in its order: None where the notification has no value
    (the client sends it as xsi:nil, as the public WSDLs mark BELGE, DD and DN nillable)."""
    values: dict[str, Any] = {}
    for field in service.header_fields:
        if field == service.item_wrapper:
            continue
        if field == "DT":
            values[field] = service.dt
        elif field == service.own_gln_field:
            values[field] = own_gln
        elif field == service.counterparty_field:
            # A pharmacy sale (or its cancel) carries prescription fields; its buyer
            # may be an institution or the walk-in GLN rather than the header's counterparty.
            if "RKN" in service.belge_fields:
                values[field] = _gln(_buyer_gln(header), field)
            else:
                values[field] = _gln(header.counterparty_gln, field)
        elif field == "BELGE":
            values[field] = _belge(service, own_gln, header)
        elif field == "DS":
            values[field] = _deactivation_reason(header)
        elif field == "ISACIKLAMA":
            note = header.note
            if service.operation is Operation.DEACTIVATE and not note:
                note = DEACTIVATION_REASONS[header.deactivation_reason]
            values[field] = _free_text(note, field, required=False)
        elif field == "RT":
            values[field] = _free_text(header.note, field, required=True)
    return values


def sends_items(service: Service, header: Header) -> bool:
    """False for a pharmacy sale-cancel to a reimbursement institution: that cancel is by
    prescription (RKN) and goes with an empty URUNLER."""
    return not (service.items_optional and _is_reimbursement(header))


def check_products(products: Sequence[Product]) -> None:
    """Refuse what ITS would refuse for the whole notification, naming the box."""
    if not products:
        raise _refuse("11020", "Bildirimde hiç ürün yok.", "The notification has no products.")
    seen: set[tuple[str, str]] = set()
    good_gtins: set[str] = set()
    good_batches: set[str] = set()
    for product in products:
        if product.gtin not in good_gtins:
            if not gtin_is_valid(product.gtin):
                raise _refuse("11013", f"Geçersiz GTIN: {product.gtin}", f"Invalid GTIN: {product.gtin}")
            good_gtins.add(product.gtin)
        if not _SN_BN.fullmatch(product.serial):
            raise _refuse("11032", f"Geçersiz sıra numarası (SN): {product.serial!r} ({product.gtin})",
                          f"Invalid serial number (SN): {product.serial!r} ({product.gtin})")
        if product.batch not in good_batches:  # a chunk holds a few lots many times over
            if not _SN_BN.fullmatch(product.batch):
                raise _refuse("11036", f"Geçersiz parti numarası (BN): {product.batch!r} ({product.gtin})",
                              f"Invalid batch number (BN): {product.batch!r} ({product.gtin})")
            good_batches.add(product.batch)
        key = (product.gtin, product.serial)
        if key in seen:
            # Our own refusal, not an ITS code: 10007 is production's "serial already exists".
            raise ItsConfigError(
                f"Aynı kutu bu bildirimde iki kez var (GTIN {product.gtin}, sıra no {product.serial}); "
                "bildirim gönderilmedi. Kutunun fazladan okutulan satırını silin.",
                f"The same box is in this notification twice (GTIN {product.gtin}, serial {product.serial}); "
                "nothing was sent. Remove the extra scan of the box.")
        seen.add(key)


def append_items(root: etree._Element, service: Service, products: Sequence[Product]) -> None:
    """Add URUNLER/URUN or PRODUCTS/PRODUCT (GTIN, BN, SN, XD) as the root's last child."""
    wrapper = etree.SubElement(root, service.item_wrapper)
    sub = etree.SubElement
    name = service.item_element
    for product in products:
        item = sub(wrapper, name)
        sub(item, "GTIN").text = product.gtin
        sub(item, "BN").text = product.batch
        sub(item, "SN").text = product.serial
        sub(item, "XD").text = product.expiry.isoformat()


def is_answer_root(service: Service, element: etree._Element) -> bool:
    """Whether `element` is the service's answer root: its local name and namespace as the
    catalog has them or as the guide prints them (its transcript lower-cases both, and the
    Hastane Mal Devir answer is in .../maldevir/hastane, not the request's namespace)."""
    if not isinstance(element.tag, str):
        return False
    name = etree.QName(element)
    return (name.localname.casefold() == service.response_root.casefold()
            and (name.namespace or "").casefold() in {ns.casefold() for ns in service.answer_namespaces})


def _local_upper(tag: object) -> str:
    """An element's local name in upper case ("" for a comment or processing instruction)."""
    if not isinstance(tag, str):
        return ""
    return (tag.rsplit("}", 1)[-1] if tag.startswith("{") else tag).upper()


def _result_rows(wrapper: etree._Element | None) -> list[dict[str, str]]:
    """{GTIN?, SN, UC} per result item, in the answer's order. Items come wrapped
    (URUNDURUM / PRODUCT, as WSDL-generated clients show them) or flat, as the guide
    prints them: SN, UC pairs inside URUNLER, each with or without a GTIN before it.
    Other children (XD, BN) are not needed: the request had them."""
    rows: list[dict[str, str]] = []
    if wrapper is None:
        return rows
    names: dict[object, str] = {}  # tag → upper-case local name, worked out once per tag
    flat: dict[str, str] | None = None
    for child in wrapper:
        if len(child):  # a wrapped item
            flat = None
            row: dict[str, str] = {}
            rows.append(row)
            for part in child:
                name = names.get(part.tag) or names.setdefault(part.tag, _local_upper(part.tag))
                if name in _ANSWER_FIELDS:
                    if name in row:
                        raise ItsResponseError("ITS cevabındaki ürün listesi bozuk.",
                                               "The item list in the ITS answer is malformed.")
                    row[name] = (part.text or "").strip()
            continue
        name = names.get(child.tag) or names.setdefault(child.tag, _local_upper(child.tag))
        if name not in _ANSWER_FIELDS:
            continue
        # A flat item starts at its GTIN, or at its SN when it has no GTIN.
        if flat is None or name in flat or (name == "GTIN" and "SN" in flat):
            flat = {}
            rows.append(flat)
        flat[name] = (child.text or "").strip()
    return rows


_ANSWER_FIELDS = frozenset({"GTIN", "SN", "UC"})


def read_result(service: Service, root: etree._Element, products: Sequence[Product],
                *, by_prescription: bool = False) -> NotificationResult:
    """The notification id and one ItemResult per submitted box, in the order sent.

    `root` is the response root element. Items are matched by serial, and by GTIN too
    when the answer gives it. Each box must come back exactly once; a prescription-wide
    sale cancel may also list boxes we did not scan (those must carry their GTIN)."""
    notification_id = (_child_text(root, service.id_element) or "").strip()
    if not notification_id:
        raise ItsResponseError(f"ITS cevabında {service.id_element} yok.",
                               f"The ITS answer has no {service.id_element}.")
    by_box = {(product.gtin, product.serial): index for index, product in enumerate(products)}
    by_serial: dict[str, list[int]] = {}
    for index, product in enumerate(products):
        by_serial.setdefault(product.serial, []).append(index)
    codes: list[str | None] = [None] * len(products)
    extra: list[ItemResult] = []
    wrapper = next((child for child in root if isinstance(child.tag, str)
                    and _local_upper(child.tag) == service.item_wrapper), None)
    for row in _result_rows(wrapper):
        serial, code, gtin = row.get("SN"), row.get("UC"), row.get("GTIN")
        if not (serial and code):
            raise ItsResponseError("ITS cevabında SN veya UC'si eksik bir ürün var.",
                                   "An item in the ITS answer lacks its SN or UC.")
        shown = f"{gtin} / {serial}" if gtin else serial
        if gtin:
            index = by_box.get((gtin, serial))
            if index is None and by_prescription:
                extra.append(ItemResult(gtin, serial, code))
                continue
        else:
            # Without a GTIN, boxes sharing a serial are answered in the order they were sent.
            candidates = by_serial.get(serial, ())
            index = next((index for index in candidates if codes[index] is None),
                         candidates[0] if candidates else None)
        if index is None:
            raise ItsResponseError(f"ITS cevabında gönderilmemiş bir kutu var: {shown}",
                                   f"The ITS answer lists a box that was not sent: {shown}")
        if codes[index] is not None:
            raise ItsResponseError(f"ITS cevabında aynı kutu iki kez var: {shown}",
                                   f"The ITS answer lists a box twice: {shown}")
        codes[index] = code
    items = []
    for product, code in zip(products, codes):
        if code is None:
            raise ItsResponseError(
                f"ITS cevabında gönderilen bir kutu yok: {product.gtin} / {product.serial}",
                f"The ITS answer does not mention a box that was sent: {product.gtin} / {product.serial}")
        items.append(ItemResult(product.gtin, product.serial, code))
    return NotificationResult(notification_id, items + extra)


def _child_text(root: etree._Element, name: str) -> str | None:
    return next((child.text for child in root if isinstance(child.tag, str)
                 and _local_upper(child.tag) == name), None)


def read_fault_detail(service: Service, detail: etree._Element | None) -> tuple[str, str] | None:
    """(FC, FM) from BildirimHata, or (faultCode, faultMessage) from itsError; None if absent.
    Names are matched in any letter case: the guide prints <bildirimhata>."""
    if detail is None:
        return None
    for child in detail:
        if _local_upper(child.tag) in ("BILDIRIMHATA", "ITSERROR"):
            code_names = {service.fault_code_element.upper(), "FC", "FAULTCODE"}
            message_names = {service.fault_message_element.upper(), "FM", "FAULTMESSAGE"}
            code = next((part.text for part in child if _local_upper(part.tag) in code_names), None)
            message = next((part.text for part in child if _local_upper(part.tag) in message_names), None)
            return (code or "").strip(), (message or "").strip()
    return None


__all__ = ["header_values", "sends_items", "check_products", "append_items", "is_answer_root",
           "read_result", "read_fault_detail"]
