"""The simulator's admin API (DESIGN.md "Simulator admin API"): JSON in, JSON out, for tests
and for the sandbox to set up boxes, stakeholders, recalls and network trouble."""

from __future__ import annotations

import base64
import binascii
from datetime import date
from typing import TYPE_CHECKING

from pharmadesk.gs1 import gln_is_valid, gtin_is_valid
from pharmadesk.sim import pts
from pharmadesk.sim import sandbox as world
from pharmadesk.sim.ledger import Line
from pharmadesk.domain import Operation
from pharmadesk.sim.rules import OK, RECALL_ALL, Kind

if TYPE_CHECKING:
    from pharmadesk.sim.server import Simulator

MAX_BOXES = 100_000
# DESIGN.md and the app say "warehouse" where ITS says ecza deposu (wholesaler).
_KIND_ALIASES = {"warehouse": Kind.WHOLESALER}


def handle(sim: Simulator, method: str, path: str, query: dict[str, str], body: dict) -> tuple[int, object]:
    route = _ROUTES.get((method, path))
    if route is None:
        return 404, {"error": f"no admin endpoint {method} {path}"}
    return route(sim, query, body)


def _kind(value: str) -> Kind:
    return _KIND_ALIASES.get(value) or Kind(value)


def _gln(value: object, name: str) -> str:
    if not isinstance(value, str) or not gln_is_valid(value):
        raise ValueError(f"{name}: not a GLN with a valid check digit: {value!r}")
    return value


def _count(body: dict) -> int:
    count = int(body.get("count", 1))
    if not 1 <= count <= MAX_BOXES:
        raise ValueError(f"count must be between 1 and {MAX_BOXES}")
    return count


def _ensure(sim: Simulator, gln: str, kind: Kind, name: str | None = None) -> None:
    if sim.ledger.party(gln) is None:
        sim.ledger.register(gln, kind, name or f"EĞİTİM PAYDAŞI {gln}")


def _ensure_suppliers(sim: Simulator) -> None:
    """The manufacturer and wholesaler that ship sandbox boxes (present even after --no-seed)."""
    for gln, kind, name in world.PARTIES[:2]:
        _ensure(sim, gln, kind, name)


def reset(sim: Simulator, query: dict, body: dict) -> tuple[int, object]:
    sim.ledger.reset()
    sim.pts.reset()
    sim.sandbox.seed(sim.ledger)
    pts.seed(sim.pts, sim.ledger, sim.sandbox)
    return 200, {"ok": True, "stations": sim.stations, "stakeholders": len(sim.ledger.parties)}


def stakeholder(sim: Simulator, query: dict, body: dict) -> tuple[int, object]:
    """Registers one; `"active": false` deactivates it (its users get 11001, others naming it 11904/11905)."""
    active = body.get("active", True)
    if not isinstance(active, bool):
        raise ValueError("active must be true or false")
    party = sim.ledger.register(_gln(body.get("gln"), "gln"), _kind(body.get("kind", "")), str(body.get("name", "")),
                                active=active)
    return 200, {"gln": party.gln, "kind": party.kind.value, "name": party.name, "active": party.active}


def prescription_query(sim: Simulator, query: dict, body: dict) -> tuple[int, object]:
    """The payer's İlaç Satış Sorgulama (guide ch. 6): answers the boxes a pharmacy sold on one
    prescription and locks it, so the pharmacy's cancel gets 11217 from then on."""
    payer, pharmacy = _gln(body.get("payer"), "payer"), _gln(body.get("pharmacy"), "pharmacy")
    rkn = body.get("rkn")
    if not isinstance(rkn, str) or not rkn:
        raise ValueError("rkn: the prescription's registration number (RKN) is required")
    sold = sim.ledger.query_prescription(payer, pharmacy, rkn)
    if not sold:
        return 404, {"error": "11030 Belirtilen Reçete Kayıt Numarasına Satış Bildirimi Yapılmamıştır."}
    boxes = [{"gtin": item.gtin, "sn": item.sn, "bn": item.bn, "xd": item.xd.isoformat()} for item in sold]
    return 200, {"rkn": rkn, "eid": pharmacy, "locked": True, "boxes": boxes}


def ship(sim: Simulator, query: dict, body: dict) -> tuple[int, object]:
    receiver = _gln(body.get("to"), "to")
    sizes = _carrier_sizes(body) if body.get("pts") else []
    count = _count({"count": body.get("count", sum(sizes) or 1)})
    if sizes and sum(sizes) != count:
        raise ValueError(f"carriers hold {sum(sizes)} boxes but count is {count}")
    _ensure_suppliers(sim)
    _ensure(sim, receiver, _kind(body.get("kind", "pharmacy")))
    sender = world.MANUFACTURER if receiver == world.SUPPLIER else world.SUPPLIER
    lines = _new_lines(sim, body, count)
    sim.ledger.ship(world.MANUFACTURER, sender, receiver, lines, phase=sim.sandbox.phase_of(lines[0].gtin))
    if body.get("recalled"):
        sim.ledger.recall(lines[0].gtin, lines[0].bn, RECALL_ALL)
    answer = {"from": sender, "karekods": [world.karekod(line) for line in lines]}
    if sizes:
        document = str(body.get("document") or f"IRS{len(sim.pts.transfers) + 1:06d}")
        transfer_id, pallet, cases = pts.ship_in_carriers(sim.pts, sim.ledger, sender, receiver, lines, sizes,
                                                          document)
        answer.update(transfer_id=transfer_id, pallet=pallet, document=document,
                      carriers={sscc: [world.karekod(line) for line in boxes] for sscc, boxes in cases.items()})
    return 200, answer


def _carrier_sizes(body: dict) -> list[int]:
    sizes = body.get("carriers") or [body.get("count", 1)]
    if not isinstance(sizes, list) or not all(isinstance(n, int) and n > 0 for n in sizes):
        raise ValueError("carriers: a list of box counts, one per case")
    return sizes


def upload_package(sim: Simulator, query: dict, body: dict) -> tuple[int, object]:
    """A sender files a package (PTS Paket Gönderme) and dispatches the boxes it lists."""
    sender, receiver = _gln(body.get("from"), "from"), _gln(body.get("to"), "to")
    try:
        zip_bytes = base64.b64decode(str(body.get("zip_base64", "")), validate=True)
    except (binascii.Error, ValueError):
        raise ValueError("zip_base64: not base64") from None
    if len(zip_bytes) > pts.MAX_FILE_BYTES:
        raise ValueError("20009 the package file is larger than 10 MB")
    listed_sender, listed_receiver, lines = pts.read_upload(zip_bytes)
    if (listed_sender, listed_receiver) != (sender, receiver):
        raise ValueError(f"the package says {listed_sender} → {listed_receiver}, the upload {sender} → {receiver}")
    if not lines:
        raise ValueError("the package lists no box")
    with sim.ledger.lock:
        for line in lines:
            found = sim.ledger.item(line.gtin, line.sn)
            if found is None or found["owner"] != sender or found["status"] != "in_stock":
                raise ValueError(f"box {line.gtin} {line.sn} is not in the sender's stock")
        _ensure(sim, receiver, Kind.PHARMACY)
        _, codes = sim.ledger.notify(sender, Operation.SALE, lines, counterparty=receiver, service="pts.upload")
    refused = [f"{line.gtin} {line.sn}: {code}" for line, code in zip(lines, codes) if code != OK]
    if refused:
        raise ValueError("the dispatch was refused for " + ", ".join(refused[:5]))
    return 200, {"transfer_id": sim.pts.file_zip(sender, receiver, sim.ledger.today(), zip_bytes)}


def produce(sim: Simulator, query: dict, body: dict) -> tuple[int, object]:
    manufacturer = _gln(body.get("manufacturer"), "manufacturer")
    _ensure(sim, manufacturer, Kind.MANUFACTURER)
    lines = _new_lines(sim, body, _count(body))
    sim.ledger.produce(manufacturer, lines, phase=sim.sandbox.phase_of(lines[0].gtin))
    if body.get("recalled"):
        sim.ledger.recall(lines[0].gtin, lines[0].bn, RECALL_ALL)
    return 200, {"karekods": [world.karekod(line) for line in lines]}


def _new_lines(sim: Simulator, body: dict, count: int) -> list[Line]:
    gtin = body.get("gtin")
    if gtin is not None and not gtin_is_valid(gtin):
        raise ValueError(f"gtin: not a GTIN-14 with a valid check digit: {gtin!r}")
    lines = sim.sandbox.new_lines(sim.ledger, count, expired=bool(body.get("expired")),
                                  lot=body.get("batch"), gtin=gtin)
    if body.get("expiry"):
        expiry = date.fromisoformat(body["expiry"])
        lines = [line._replace(xd=expiry) for line in lines]
    return lines


def recall(sim: Simulator, query: dict, body: dict) -> tuple[int, object]:
    level = body.get("level", RECALL_ALL)
    if level != RECALL_ALL:
        level = _kind(level).value
    affected = sim.ledger.recall(str(body["gtin"]), str(body["batch"]), level)
    return 200, {"gtin": body["gtin"], "batch": body["batch"], "level": level, "items": affected}


def item(sim: Simulator, query: dict, body: dict) -> tuple[int, object]:
    found = sim.ledger.item(query.get("gtin", ""), query.get("sn", ""))
    if found is None:
        return 404, {"error": "10201 Belirtilen Ürün Sistemimizde Kayıtlı Değildir."}
    for key in ("owner", "previous_owner", "pending_to"):
        party = sim.ledger.party(found[key]) if found[key] else None
        found[f"{key}_name"] = party.name if party else None
    return 200, found


def stats(sim: Simulator, query: dict, body: dict) -> tuple[int, object]:
    result = sim.ledger.stats()
    result["http"] = dict(sorted(sim.http_counters.items()))
    result["faults"] = sim.faults.as_dict()
    return 200, result


def faults(sim: Simulator, query: dict, body: dict) -> tuple[int, object]:
    sim.faults.configure(body)
    return 200, sim.faults.as_dict()


def tokens(sim: Simulator, query: dict, body: dict) -> tuple[int, object]:
    """ITS2 logins: {"expire": true} ends every token (the next call gets a 401), "lifetime_s"
    sets how long a new one lasts, "withhold_s" keeps the next logins waiting that long, unanswered."""
    return 200, sim.rest_tokens.configure(body)


def its_codes(sim: Simulator, query: dict, body: dict) -> tuple[int, object]:
    """{"codes": {CODE: TEXT, ...}}: more five-digit codes for ITS2's code list (/reference/app/errorcode)."""
    added = body.get("codes")
    if not isinstance(added, dict) or not all(isinstance(c, str) and c.isdigit() and len(c) == 5
                                              and isinstance(t, str) and t for c, t in added.items()):
        raise ValueError("codes: an object of five-digit codes and their texts")
    sim.rest_codes.update(added)
    return 200, {"listed": len(sim.rest_codes)}


def boxes(sim: Simulator, query: dict, body: dict) -> tuple[int, object]:
    return 200, sim.sandbox_boxes(_gln(query.get("station"), "station"))


def partners(sim: Simulator, query: dict, body: dict) -> tuple[int, object]:
    return 200, sim.partners()


def products(sim: Simulator, query: dict, body: dict) -> tuple[int, object]:
    return 200, sim.products()


_ROUTES = {
    ("POST", "/admin/reset"): reset,
    ("POST", "/admin/stakeholder"): stakeholder,
    ("POST", "/admin/ship"): ship,
    ("POST", "/admin/pts"): upload_package,
    ("POST", "/admin/produce"): produce,
    ("POST", "/admin/recall"): recall,
    ("POST", "/admin/faults"): faults,
    ("POST", "/admin/tokens"): tokens,
    ("POST", "/admin/codes"): its_codes,
    ("POST", "/admin/prescription-query"): prescription_query,
    ("GET", "/admin/item"): item,
    ("GET", "/admin/stats"): stats,
    ("GET", "/admin/boxes"): boxes,
    ("GET", "/admin/partners"): partners,
    ("GET", "/admin/products"): products,
}
