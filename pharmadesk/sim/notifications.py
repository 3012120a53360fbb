"""One notification as the ITS endpoint takes it: the structural, schema and authorisation checks
that refuse the whole request (SOAP faults, 11xxx), the prescription rules of a pharmacy sale, then
the ledger for the per-item codes."""

from __future__ import annotations

import re
from datetime import date

from pharmadesk.domain import DEACTIVATION_REASONS, WALK_IN_BUYER_GLN, Operation
from pharmadesk.gs1 import gln_is_valid, gtin_is_valid
from pharmadesk.sim.ledger import Ledger, Line
from pharmadesk.sim.rules import Kind
from pharmadesk.sim.soap import Envelope, RawItem, Result, SoapFault, check_schema
from pharmadesk.sim.wire import Endpoint

_SN_BN = re.compile(r"[A-Z0-9]{1,20}")
_USERNAME = re.compile(r"(\d{13})\d{4}")
_XD = re.compile(r"(\d{4}-\d{2}-\d{2})(Z|[+-]\d{2}:\d{2})?")
_PHARMACY_SALES = frozenset({"br.eczane_satis", "br.eczane_satis_iptal"})


def process(ledger: Ledger, endpoint: Endpoint, envelope: Envelope, username: str) -> tuple[str, list[Result]]:
    """Checks and books one notification; returns (notification id, one Result per line)."""
    actor = _actor(endpoint, envelope, username)
    prescription = envelope.belge.get("RKN") or None
    whole_prescription = endpoint.by_prescription and not envelope.items
    if not envelope.items and not (whole_prescription and prescription):
        raise SoapFault(endpoint.generation.no_items_code)
    _check_username(username, actor)
    lines = [_line(item) for item in envelope.items]
    counterparty = _counterparty(endpoint, envelope, actor)
    _check_specific_fields(endpoint, envelope)
    check_schema(endpoint, envelope)
    _authorise(ledger, endpoint, actor, counterparty)
    if endpoint.name in _PHARMACY_SALES:
        _check_prescription(ledger, endpoint, envelope, actor, counterparty, lines)
    if whole_prescription:
        lines = _prescription_lines(ledger, actor, counterparty, prescription)
    notification_id, codes = ledger.notify(
        actor, endpoint.operation, lines, counterparty=counterparty,
        prescription=prescription if endpoint.operation is Operation.SALE or whole_prescription else None,
        service=endpoint.name,
    )
    return notification_id, [Result(line, code) for line, code in zip(lines, codes)]


def _actor(endpoint: Endpoint, envelope: Envelope, username: str) -> str:
    """The notifying stakeholder: FR (TO for a purchase) in br-v1, the login in 1.2."""
    if endpoint.dt is not None and envelope.fields.get("DT") != endpoint.dt:
        raise SoapFault("11021")
    if endpoint.own_gln_field is None:
        return username[:13]
    own = envelope.fields.get(endpoint.own_gln_field, "")
    if not gln_is_valid(own):
        raise SoapFault("11018" if endpoint.own_gln_field == "FR" else "11019")
    return own


def _check_username(username: str, actor: str) -> None:
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


def _counterparty(endpoint: Endpoint, envelope: Envelope, actor: str) -> str | None:
    if endpoint.counterparty_field is None:
        return None
    value = envelope.fields.get(endpoint.counterparty_field, "")
    if not gln_is_valid(value) or value == actor:
        raise SoapFault("11018" if endpoint.counterparty_field == "FR" else "11019")
    return value


def _check_specific_fields(endpoint: Endpoint, envelope: Envelope) -> None:
    if endpoint.operation is Operation.DEACTIVATE and envelope.fields.get("DS") not in DEACTIVATION_REASONS:
        raise SoapFault("11022")
    if endpoint.operation is Operation.EXPORT and not envelope.fields.get("RT"):
        raise SoapFault("11024")


def _authorise(ledger: Ledger, endpoint: Endpoint, actor: str, counterparty: str | None) -> None:
    """The sender, then the other party: known (11003 / 11902, 11903), active (11001 / 11904, 11905)
    and of a kind this service deals with (11901 / 11906, 11907)."""
    party = ledger.party(actor)
    if party is None:
        raise SoapFault("11003")
    if not party.active:
        raise SoapFault("11001")  # the article: the user is deactivated
    if party.kind not in endpoint.stations:
        raise SoapFault("11901")
    if counterparty is None:
        return
    seller = endpoint.counterparty_field == "FR"  # a purchase names where the box came from
    walk_in_sale = endpoint.operation in (Operation.SALE, Operation.SALE_CANCEL) and counterparty == WALK_IN_BUYER_GLN
    other = ledger.party(counterparty)
    if walk_in_sale and party.kind is Kind.PHARMACY:
        return
    if other is None:
        raise SoapFault("11903" if seller else "11902")
    if not other.active:
        raise SoapFault("11905" if seller else "11904")
    allowed = (endpoint.counterparty_kinds or {}).get(party.kind)
    if allowed is not None and other.kind not in allowed:
        raise SoapFault("11907" if seller else "11906")


def _check_prescription(ledger: Ledger, endpoint: Endpoint, envelope: Envelope, actor: str,
                        counterparty: str, lines: list[Line]) -> None:
    """its-protocol.md §6 and the guide's Eczane Satış: EID and RKN are filled for a sale to a
    payer, empty otherwise; an RKN is used once per payer; a payer's prescription is cancelled as
    a whole (empty URUNLER), and not at all once the payer has queried it."""
    eid, rkn = envelope.belge.get("EID"), envelope.belge.get("RKN")
    to_payer = ledger.kind_of(counterparty) is Kind.PAYER
    if counterparty == WALK_IN_BUYER_GLN and (eid or rkn):
        raise SoapFault("11034")
    if not to_payer:
        if eid or rkn:
            raise SoapFault("11025")
        return
    if not (eid and rkn):
        raise SoapFault("11026")
    sold = ledger.prescription_sales(counterparty, rkn)
    if endpoint.operation is Operation.SALE_CANCEL:
        if lines:
            raise SoapFault("11033")
        if any(item.locked for item in sold if item.owner == actor):
            raise SoapFault("11217")
        return
    if any(item.owner != actor for item in sold):
        raise SoapFault("11213")  # another pharmacy's prescription
    resent = {(line.gtin, line.sn) for line in lines} <= {(item.gtin, item.sn) for item in sold}
    if sold and not resent:
        # A prescription is corrected by cancelling it and selling again, not by adding boxes.
        raise SoapFault("11027")


def _prescription_lines(ledger: Ledger, actor: str, payer: str, prescription: str) -> list[Line]:
    """What a whole-prescription cancel covers: the boxes this pharmacy sold on it."""
    lines = [Line(item.gtin, item.sn) for item in ledger.prescription_sales(payer, prescription)
             if item.owner == actor]
    if not lines:
        raise SoapFault("11030")
    return lines
