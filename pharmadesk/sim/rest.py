"""The simulator's ITS2 REST/JSON side, on the same ledger as its SOAP services (a SOAP
station and an its2 station trade boxes): the login token with its expiry, every
notification path, the status query and the code list. Requests are read by the field
names public clients send (../shared/its-protocol.md §9, §12), from this module's own
table: nothing here comes from PharmaDesk's client."""

from __future__ import annotations

import base64
import json
import re
import secrets
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pharmadesk.domain import DEACTIVATION_REASONS, WALK_IN_BUYER_GLN, Operation
from pharmadesk.gs1 import gln_is_valid
from pharmadesk.sim.ledger import Line
from pharmadesk.sim.notifications import _check_prescription, _line, _prescription_lines
from pharmadesk.sim.pts import PtsRefusal
from pharmadesk.sim.rules import Kind, Status, verification_code
from pharmadesk.sim.soap import FAULT_TEXTS, Envelope, RawItem, SoapFault

if TYPE_CHECKING:
    from pharmadesk.sim.server import Simulator

TOKEN_PATH = "/token/app/token"
CHECK_STATUS_PATH = "/reference/app/check_status"
ERROR_CODES_PATH = "/reference/app/errorcode"
PTS_SEARCH_PATH = "/pts/app/search"
PTS_PACKAGE_PATH = "/pts/app/GetPackage"
TOKEN_LIFETIME = 3600.0  # seconds; ITS does not publish its own

_ANYONE = frozenset({Kind.MANUFACTURER, Kind.WHOLESALER, Kind.PHARMACY, Kind.HOSPITAL})
_USERNAME = re.compile(r"\d{13}(\d{4})?")


@dataclass(frozen=True)
class Route:
    name: str  # for /admin/stats
    operation: Operation
    kinds: frozenset[Kind] = _ANYONE
    dt: str | None = None
    own: str | None = None  # the field that must carry the caller's GLN
    counterparty: str | None = None  # the field naming the other party
    counterparty_required: bool = False
    by_prescription: bool = False  # document.rkn; a sale-cancel may list no products


ROUTES: dict[str, Route] = {
    "/common/app/accept": Route("its2.accept", Operation.RECEIVE),
    "/common/app/return": Route("its2.return", Operation.RETURN, counterparty="togln",
                                counterparty_required=True),
    "/common/app/transfer": Route("its2.transfer", Operation.TRANSFER, frozenset({Kind.PHARMACY, Kind.HOSPITAL}),
                                  counterparty="togln", counterparty_required=True),
    "/common/app/transfercancel": Route("its2.transfercancel", Operation.TRANSFER_CANCEL,
                                        frozenset({Kind.PHARMACY, Kind.HOSPITAL})),
    "/wholesale/app/dispatch": Route("its2.dispatch", Operation.SALE, frozenset({Kind.WHOLESALER}),
                                     counterparty="togln", counterparty_required=True),
    "/wholesale/app/dispatchcancel": Route("its2.dispatchcancel", Operation.SALE_CANCEL,
                                           frozenset({Kind.WHOLESALER}), counterparty="togln"),
    "/prescription/app/pharmacysale": Route("its2.pharmacysale", Operation.SALE, frozenset({Kind.PHARMACY}),
                                            dt="S", own="fr", counterparty="to", counterparty_required=True,
                                            by_prescription=True),
    "/prescription/app/pharmacysalecancel": Route("its2.pharmacysalecancel", Operation.SALE_CANCEL,
                                                  frozenset({Kind.PHARMACY}), dt="C", own="fr", counterparty="to",
                                                  counterparty_required=True, by_prescription=True),
    "/consume/app/consume": Route("its2.consume", Operation.CONSUME, frozenset({Kind.HOSPITAL}), dt="D", own="fr"),
    "/common/app/deactivation": Route("its2.deactivation", Operation.DEACTIVATE, dt="D", own="frGln"),
    "/wholesale/app/export": Route("its2.export", Operation.EXPORT, frozenset({Kind.WHOLESALER})),
    "/reference/app/verification": Route("its2.verification", Operation.VERIFY, dt="V", own="fr"),
}
PATHS = frozenset({TOKEN_PATH, CHECK_STATUS_PATH, ERROR_CODES_PATH, PTS_SEARCH_PATH, PTS_PACKAGE_PATH, *ROUTES})

# The code list ITS publishes (/reference/app/errorcode): the simulator's own wording of
# the codes its rules answer and the request-level codes; `/admin/codes` adds more (a code
# PharmaDesk's catalog lacks, to see how an unknown code reads).
CODE_TEXTS: dict[str, str] = {
    "00000": "Ürün üzerinde gerçekleştirilen işlem başarılıdır.",
    "10201": "Belirtilen ürün sistemimizde kayıtlı değildir.",
    "10202": "Ürünün son kullanma tarihi geçmiştir.",
    "10203": "Ürün bilgileri tutarsız.",
    "10204": "Belirtilen ürün önceden satılmıştır.",
    "10205": "Bu ürünün satışı yasaklanmıştır.",
    "10207": "Bu ürün önceden ihraç edilmiştir.",
    "10209": "Ürün şu anda başka bir eczane stokunda görünüyor.",
    "10210": "Ürün stokunuzda görünüyor.",
    "10211": "Ürün stokunuzda görünmüyor!",
    "10219": "Belirtilen ürün tarafınızdan satılmamıştır.",
    "10220": "Ürün geri ödeme kurumuna satılmıştır. Satışın reçete bazlı iptal edilmesi gerekir.",
    "10224": "Ürün eczane tarafından satılmıştır.",
    "10230": "Ürün sarf edilmiştir.",
    "10231": "Ürün tarafınızdan sarf edilmiştir.",
    "10301": "Girilen satıcı GLN'si yanlıştır.",
    "10302": "Girilen alıcı GLN'si yanlıştır.",
    "10303": "Belirtilen ürün üzerinize kayıtlıdır.",
    "10305": "Belirtilen ürün başka bir paydaş üzerine kayıtlıdır.",
    "10306": "Belirtilen ürün başka bir üretici firma üzerine kayıtlıdır.",
    "10307": "Belirtilen ürün başka bir ecza deposu üzerine kayıtlıdır.",
    "10308": "Belirtilen ürün başka bir eczane üzerine kayıtlıdır.",
    "10309": "Belirtilen ürün başka bir hastane üzerine kayıtlıdır.",
    "11045": "Belirtilen parti numarasına geri çekme uygulanmıştır.",
    "40001": "Ürün üzerinize kayıtlıdır.",
    "40002": "Ürün üzerinize kayıtlı değildir.",
    "40003": "Ürün üzerinize kayıtlı değildir.",
    "40004": "Ürün tarafınızdan satılmıştır.",
    "40005": "Ürün geri çekilmiştir.",
    "40006": "Ürünün son kullanma tarihi geçmiştir.",
    "40007": "Üzerinize kayıtlı ürün geri çekilmiştir.",
    "40008": "Ürün başka bir paydaş seviyesinde geri çekilmiştir.",
    "40009": "Üzerinize kayıtlı ürün başka bir paydaş seviyesinde geri çekilmiştir.",
    **FAULT_TEXTS,
}


class Refusal(Exception):
    """An answer other than a notification's: (HTTP status, JSON body)."""

    def __init__(self, status: int, body: dict):
        super().__init__(body)
        self.status, self.body = status, body


class Tokens:
    """Login tokens in memory: which user each one is, until when. `/admin/tokens` expires
    them all (a 401 on the next call) or holds the next logins back (a token that never comes)."""

    def __init__(self, lifetime: float = TOKEN_LIFETIME):
        self.lifetime = lifetime
        self.withhold_s = 0.0
        self._tokens: dict[str, tuple[str, float]] = {}
        self._lock = threading.Lock()

    def issue(self, username: str) -> str:
        token = secrets.token_urlsafe(32)
        with self._lock:
            self._tokens[token] = (username, time.monotonic() + self.lifetime)
        return token

    def user(self, token: str) -> str | None:
        with self._lock:
            found = self._tokens.get(token)
            if found is None or found[1] <= time.monotonic():
                self._tokens.pop(token, None)
                return None
            return found[0]

    def configure(self, settings: dict) -> dict:
        with self._lock:
            if settings.get("expire"):
                self._tokens.clear()
            if "lifetime_s" in settings:
                self.lifetime = max(0.0, float(settings["lifetime_s"]))
            if "withhold_s" in settings:
                self.withhold_s = max(0.0, float(settings["withhold_s"]))
            return {"lifetime_s": self.lifetime, "withhold_s": self.withhold_s, "active": len(self._tokens)}


def serves(path: str) -> bool:
    return _path(path) in PATHS


def _path(path: str) -> str:
    return path.rstrip("/") or "/"  # one public client writes every path with a trailing "/"


def handle(sim: Simulator, path: str, authorization: str, body: bytes) -> tuple[int, dict]:
    """One REST request: (HTTP status, JSON answer)."""
    path = _path(path)
    try:
        request = _object(body)
        if path == TOKEN_PATH:
            return 200, {"token": _login(sim, request)}
        username = _bearer(sim, authorization)
        if path == ERROR_CODES_PATH:
            listed = {**CODE_TEXTS, **sim.rest_codes}
            return 200, {"errorCodeList": [{"code": code, "message": text} for code, text in listed.items()]}
        if path == CHECK_STATUS_PATH:
            return 200, {"responseObjectList": _status(sim, username[:13], request)}
        if path in (PTS_SEARCH_PATH, PTS_PACKAGE_PATH):
            return 200, _pts(sim, path, username[:13], request)
        return 200, {"productList": _notify(sim, ROUTES[path], username[:13], request)}
    except Refusal as refusal:
        return refusal.status, refusal.body
    except SoapFault as error:
        sim.count(f"fault.{error.code}")
        return 400, {"fc": error.code, "fm": error.message}
    except PtsRefusal as refusal:
        sim.count("fault.pts")
        return 400, {"fc": refusal.code, "fm": refusal.message}


def _object(body: bytes) -> dict:
    try:
        request = json.loads(body or b"{}")
    except ValueError:
        raise SoapFault("11031", "Gönderilen JSON okunamadı") from None
    if not isinstance(request, dict):
        raise SoapFault("11031", "Gönderilen JSON bir nesne değil")
    return request


def _login(sim: Simulator, request: dict) -> str:
    username, password = str(request.get("username") or ""), str(request.get("password") or "")
    if _USERNAME.fullmatch(username) and len(username) == 13:
        username += "0000"  # clients log in with the GLN alone, or GLN + 0000
    if not _USERNAME.fullmatch(username) or not sim.authenticate(username, password):
        sim.count("http.401")
        raise Refusal(401, {"fc": "11039", "fm": "Kullanıcı adı veya şifre hatalı"})
    return sim.rest_tokens.issue(username)


def _bearer(sim: Simulator, authorization: str) -> str:
    scheme, _, token = authorization.partition(" ")
    username = sim.rest_tokens.user(token.strip()) if scheme.lower() == "bearer" else None
    if username is None:
        sim.count("http.401")
        raise Refusal(401, {"error": "invalid_token", "error_description": "Token geçersiz ya da süresi dolmuş"})
    return username


def _products(request: dict) -> list[dict]:
    items = request.get("productList")
    if items is None:
        return []
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise SoapFault("11031", "productList bir ürün listesi değil")
    return items


def _text(value: Any) -> str | None:
    return None if value is None else str(value).strip()


def _lines(items: list[dict], full: bool) -> list[Line]:
    return [_line(RawItem(_text(item.get("gtin")), _text(item.get("bn")) if full else None,
                          _text(item.get("sn")), _text(item.get("xd")) if full else None))
            for item in items]


def _notify(sim: Simulator, route: Route, actor: str, request: dict) -> list[dict]:
    ledger = sim.ledger
    if route.dt is not None and request.get("dt") != route.dt:
        raise SoapFault("11021")
    if route.own is not None and request.get(route.own) != actor:
        raise SoapFault("11001")
    kind = ledger.kind_of(actor)
    if kind is None or kind is Kind.PAYER:
        raise SoapFault("11001")
    if kind not in route.kinds:
        raise SoapFault("11901")
    document = request.get("document") if isinstance(request.get("document"), dict) else {}
    prescription = (_text(document.get("rkn")) or None) if route.by_prescription else None
    eid = (_text(document.get("eid")) or None) if route.by_prescription else None
    items = _products(request)
    by_prescription = route.operation is Operation.SALE_CANCEL and route.by_prescription and not items
    if not items and not (by_prescription and prescription):
        raise SoapFault("11020")
    lines = _lines(items, full=route.operation is not Operation.VERIFY)
    counterparty = _counterparty(ledger, route, actor, kind, request)
    if route.operation is Operation.DEACTIVATE and str(request.get("ds")) not in DEACTIVATION_REASONS:
        raise SoapFault("11022")
    if route.operation is Operation.EXPORT and not _text(request.get("description")):
        raise SoapFault("11024")
    if route.by_prescription:  # the SOAP side's prescription rules, on the JSON document's eid and rkn
        _check_prescription(ledger, route, Envelope(belge={"EID": eid, "RKN": prescription}), actor,
                            counterparty, lines)
    if by_prescription:
        lines = _prescription_lines(ledger, actor, counterparty, prescription)
    _, codes = ledger.notify(actor, route.operation, lines, counterparty=counterparty,
                             prescription=prescription if route.operation is Operation.SALE or by_prescription
                             else None, service=route.name)
    return [{"gtin": line.gtin, "sn": line.sn, "uc": code} for line, code in zip(lines, codes)]


def _counterparty(ledger, route: Route, actor: str, kind: Kind, request: dict) -> str | None:
    if route.counterparty is None:
        return None
    value = _text(request.get(route.counterparty)) or ""
    if not value and not route.counterparty_required:
        return None
    walk_in = route.by_prescription and value == WALK_IN_BUYER_GLN
    if not walk_in and (not gln_is_valid(value) or value == actor):
        raise SoapFault("11019")
    other = ledger.kind_of(value)
    if other is None and not walk_in:
        raise SoapFault("11902")
    if route.operation is Operation.TRANSFER and other is not kind:
        raise SoapFault("11906")
    return value


def _pts(sim: Simulator, path: str, actor: str, request: dict) -> dict:
    """PTS on the same office as the SOAP services: the transfer list, or one package as
    base64 with its MD5 (the field names REST clients read, its-protocol.md §9)."""
    if path == PTS_SEARCH_PATH:
        found = sim.pts.search(actor, _text(request.get("destinationGln")) or "", _text(request.get("sourceGln")) or "",
                               _text(request.get("startDate")) or "", _text(request.get("endDate")) or "")
        return {"transferDetails": [{"transferId": t.transfer_id, "sourceGln": t.sender, "destinationGln": t.receiver,
                                     "transferDate": t.day.isoformat()} for t in found]}
    transfer = sim.pts.download(_text(request.get("transferId")) or "", actor)
    return {"transferId": transfer.transfer_id, "fileStream": base64.b64encode(transfer.zip_bytes).decode("ascii"),
            "streamMD5checksum": transfer.md5}


def _status(sim: Simulator, actor: str, request: dict) -> list[dict]:
    """Durum sorgulama: per box, what the asker may do (the verification code) and where the
    box is: gln1 its holder (or who handed it over), gln2 the other party of that handover."""
    ledger = sim.ledger
    kind = ledger.kind_of(actor)
    if kind is None:
        raise SoapFault("11001")
    items = _products(request)
    if not items:
        raise SoapFault("11020")
    lines = _lines(items, full=False)
    answers = []
    with ledger.lock:
        for line in lines:
            item = ledger.items.get((line.gtin, line.sn))
            if item is None:
                answers.append({"gln1": "", "gln2": "", "gtin": line.gtin, "sn": line.sn, "uc": "10201"})
                continue
            holder = item.owner if item.status is not Status.IN_TRANSIT else item.previous_owner
            answers.append({"gln1": holder or "", "gln2": item.pending_to or "", "gtin": line.gtin,
                            "sn": line.sn, "uc": verification_code(ledger, item, actor, kind)})
    sim.count("its2.check_status")
    return answers


__all__ = ["ROUTES", "PATHS", "CODE_TEXTS", "Tokens", "serves", "handle"]
