"""One notification as the ITS endpoint takes it: the structural and authorisation checks
that refuse the whole request (SOAP faults, 11xxx), then the ledger for the per-item codes."""

from __future__ import annotations

import re
from datetime import date

from pharmadesk.domain import DEACTIVATION_REASONS, WALK_IN_BUYER_GLN, Operation, Stakeholder
from pharmadesk.gs1 import gln_is_valid, gtin_is_valid
from pharmadesk.its.services import ITS_12, Service
from pharmadesk.sim.ledger import Ledger, Line
from pharmadesk.sim.rules import Kind
from pharmadesk.sim.soap import Envelope, RawItem, Result, SoapFault

_SN_BN = re.compile(r"[A-Z0-9]{1,20}")
_USERNAME = re.compile(r"(\d{13})\d{4}")
_XD = re.compile(r"(\d{4}-\d{2}-\d{2})(Z|[+-]\d{2}:\d{2})?")
_BY_PRESCRIPTION = frozenset({Operation.SALE, Operation.SALE_CANCEL})  # a pharmacy sale's RKN
_KIND_OF_STATION = {
    Stakeholder.PHARMACY: Kind.PHARMACY,
    Stakeholder.HOSPITAL: Kind.HOSPITAL,
    Stakeholder.WAREHOUSE: Kind.WHOLESALER,
}


def process(ledger: Ledger, service: Service, envelope: Envelope, username: str) -> tuple[str, list[Result]]:
    """Checks and books one notification; returns (notification id, one Result per line)."""
    actor = _actor(service, envelope, username)
    prescription = envelope.belge.get("RKN") or None
    by_prescription = service.items_optional and not envelope.items and prescription
    if not envelope.items and not by_prescription:
        raise SoapFault("11040" if service.generation == ITS_12 else "11020")
    _check_username(service, username, actor)
    lines = [_line(item) for item in envelope.items]
    counterparty = _counterparty(service, envelope, actor)
    _check_specific_fields(service, envelope)
    _authorise(ledger, service, actor, counterparty)
    if by_prescription:
        lines = ledger.sold_by_prescription(actor, prescription)
        if not lines:
            raise SoapFault("11030")
    notification_id, codes = ledger.notify(
        actor, service.operation, lines, counterparty=counterparty,
        prescription=prescription if service.operation in _BY_PRESCRIPTION else None, service=service.key,
    )
    return notification_id, [Result(line, code) for line, code in zip(lines, codes)]


def _actor(service: Service, envelope: Envelope, username: str) -> str:
    """The notifying stakeholder: FR (TO for a purchase) in br-v1, the login in 1.2."""
    if service.dt is not None and envelope.fields.get("DT") != service.dt:
        raise SoapFault("11021")
    if service.own_gln_field is None:
        return username[:13]
    own = envelope.fields.get(service.own_gln_field, "")
    if not gln_is_valid(own):
        raise SoapFault("11018" if service.own_gln_field == "FR" else "11019")
    return own


def _check_username(service: Service, username: str, actor: str) -> None:
    match = _USERNAME.fullmatch(username)
    if match is None or match.group(1) != actor:
        raise SoapFault("11039")


def _line(item: RawItem) -> Line:
    if item.gtin is None or not gtin_is_valid(item.gtin):
        raise SoapFault("11013", f"Ürün Barkod Bilgisi Yok ya da Geçersizdir: {item.gtin or ''}")
    if item.bn is not None and not _SN_BN.fullmatch(item.bn):
        raise SoapFault("11036", f"Ürüne Ait Parti Numarası (BN) Formatı Uyumsuz: {item.bn}")
    if item.sn is None or not _SN_BN.fullmatch(item.sn):
        raise SoapFault("11032", f"Sıra Numarası Formatı Geçersiz: {item.sn or ''}")
    return Line(item.gtin, item.sn, item.bn, _expiry(item.xd))


def _expiry(text: str | None) -> date | None:
    """xs:date, possibly with a time zone; None when the service sends no XD."""
    if text is None:
        return None
    match = _XD.fullmatch(text)
    if match:
        try:
            return date.fromisoformat(match.group(1))
        except ValueError:
            pass
    raise SoapFault("11035", f"Ürüne Ait Son Kullanım Tarihi (XD) Formatı Uyumsuz: {text}")


def _counterparty(service: Service, envelope: Envelope, actor: str) -> str | None:
    if service.counterparty_field is None:
        return None
    value = envelope.fields.get(service.counterparty_field, "")
    if not gln_is_valid(value) or value == actor:
        raise SoapFault("11018" if service.counterparty_field == "FR" else "11019")
    return value


def _check_specific_fields(service: Service, envelope: Envelope) -> None:
    if "DS" in service.header_fields and envelope.fields.get("DS") not in DEACTIVATION_REASONS:
        raise SoapFault("11022")
    if "RT" in service.header_fields and not envelope.fields.get("RT"):
        raise SoapFault("11024")


def _authorise(ledger: Ledger, service: Service, actor: str, counterparty: str | None) -> None:
    kind = ledger.kind_of(actor)
    if kind is None or kind is Kind.PAYER:
        raise SoapFault("11001")
    for_everyone = service.stakeholders == frozenset(Stakeholder)
    if not for_everyone and kind not in {_KIND_OF_STATION[s] for s in service.stakeholders}:
        raise SoapFault("11901")
    if counterparty is None:
        return
    other = ledger.kind_of(counterparty)
    walk_in_sale = (
        service.operation in (Operation.SALE, Operation.SALE_CANCEL) and counterparty == WALK_IN_BUYER_GLN
    )
    if other is None and not walk_in_sale:
        raise SoapFault("11903" if service.operation is Operation.RECEIVE else "11902")
    if service.operation is Operation.TRANSFER and other is not kind:
        raise SoapFault("11906")
