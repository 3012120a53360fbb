"""The sandbox world the simulator starts with: a manufacturer, two wholesalers, the user's
pharmacy, hospital and warehouse stations, demo products, boxes on their way to each station
and a few that show the common error codes (expired, recalled, someone else's)."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from pharmadesk.domain import Operation
from pharmadesk.gs1 import check_digit
from pharmadesk.resources import resource_path
from pharmadesk.sim.ledger import Ledger, Line
from pharmadesk.sim.rules import Kind, Status

PRODUCTS_FILE = resource_path("demo", "products.json")
GS = "\x1d"
SANDBOX_PASSWORD = "sandbox"


def _gln(body: str) -> str:
    return body + str(check_digit(body))


MANUFACTURER = _gln("869000100001")
SUPPLIER = _gln("869000200002")  # the wholesaler that ships to every station
WAREHOUSE = _gln("869000200003")  # the user's warehouse station (ecza deposu)
PHARMACY = _gln("869000300004")  # the user's pharmacy
OTHER_PHARMACY = _gln("869000300005")  # owns the "foreign" boxes
HOSPITAL = _gln("869000400006")  # the user's hospital pharmacy
PAYER = _gln("869000500007")  # the reimbursement institution a pharmacy sells to

PARTIES = (
    (MANUFACTURER, Kind.MANUFACTURER, "KARAYEL İLAÇ SANAYİ A.Ş. (EĞİTİM)"),
    (SUPPLIER, Kind.WHOLESALER, "ERCİYES ECZA DEPOSU (EĞİTİM)"),
    (WAREHOUSE, Kind.WHOLESALER, "BOĞAZİÇİ ECZA DEPOSU (EĞİTİM)"),
    (PHARMACY, Kind.PHARMACY, "PAPATYA ECZANESİ (EĞİTİM)"),
    (OTHER_PHARMACY, Kind.PHARMACY, "LALE ECZANESİ (EĞİTİM)"),
    (HOSPITAL, Kind.HOSPITAL, "ŞEHİR HASTANESİ ECZANESİ (EĞİTİM)"),
    (PAYER, Kind.PAYER, "SOSYAL GÜVENLİK KURUMU (EĞİTİM)"),
)
# The stations a PharmaDesk user can run as in the sandbox.
STATIONS = {"pharmacy": PHARMACY, "hospital": HOSPITAL, "warehouse": WAREHOUSE}

_OK_BOXES, _IN_STOCK_BOXES = 24, 12


@dataclass(frozen=True)
class Product:
    gtin: str
    name: str
    phase: int


def load_products(path: Path = PRODUCTS_FILE) -> list[Product]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return [Product(p["gtin"], p["name"], p.get("phase", 2)) for p in data["products"]]


def karekod(line: Line) -> str:
    """The raw GS1 DataMatrix content a scanner delivers: GTIN, serial, GS, expiry, lot."""
    return f"01{line.gtin}21{line.sn}{GS}17{line.xd:%y%m%d}10{line.bn}"


class Sandbox:
    """Makes new boxes (unique serials, plausible lots and expiries) and seeds the sandbox world."""

    def __init__(self, seed: int = 2012, products: list[Product] | None = None):
        self.rng = random.Random(seed)
        self.products = products if products is not None else load_products()
        self._phase = {p.gtin: p.phase for p in self.products}
        self._serial = 0

    def new_lines(self, ledger: Ledger, count: int, *, expired: bool = False, lot: str | None = None,
                  gtin: str | None = None) -> list[Line]:
        """`count` boxes of one product and lot that the ledger does not know yet."""
        product_gtin = gtin or self.rng.choice([p.gtin for p in self.products if p.phase == 2])
        batch = lot or f"L{self.rng.randrange(10**5):05d}"
        today = ledger.today()
        if expired:
            expiry = today.replace(day=1) - timedelta(days=self.rng.randint(1, 90))  # a past month
        else:
            expiry = today + timedelta(days=self.rng.randint(300, 1000))
        lines = []
        while len(lines) < count:
            self._serial += 1
            serial = f"{self.rng.randrange(36**6):06X}{self._serial:06d}"
            if (product_gtin, serial) not in ledger.items:
                lines.append(Line(product_gtin, serial, batch, _month_end(expiry)))
        return lines

    def phase_of(self, gtin: str) -> int:
        return self._phase.get(gtin, 2)

    def seed(self, ledger: Ledger) -> None:
        """The sandbox world on an empty ledger."""
        for gln, kind, name in PARTIES:
            ledger.register(gln, kind, name)
        for station in STATIONS.values():
            sender = MANUFACTURER if station == WAREHOUSE else SUPPLIER
            for _ in range(_OK_BOXES // 4):
                ledger.ship(MANUFACTURER, sender, station, self.new_lines(ledger, 4))
            ledger.ship(MANUFACTURER, sender, station, self.new_lines(ledger, 2, expired=True))
            recalled = self.new_lines(ledger, 2)
            ledger.ship(MANUFACTURER, sender, station, recalled)
            ledger.recall(recalled[0].gtin, recalled[0].bn, "all")
            if station != WAREHOUSE:
                in_stock = self.new_lines(ledger, _IN_STOCK_BOXES)
                ledger.ship(MANUFACTURER, sender, station, in_stock)
                ledger.notify(station, Operation.RECEIVE, in_stock, counterparty=sender, service="sandbox.seed")
        ledger.ship(MANUFACTURER, SUPPLIER, OTHER_PHARMACY, self.new_lines(ledger, 6))
        serum = next((p for p in self.products if p.phase == 1), None)
        if serum is not None:
            ledger.ship(MANUFACTURER, SUPPLIER, HOSPITAL, self.new_lines(ledger, 4, gtin=serum.gtin), phase=1)
        ledger.clear_counters()  # the stats count what the user's stations send, not the seed

    def boxes(self, ledger: Ledger, station: str, limit: int = 80) -> list[dict]:
        """Boxes to scan at a sandbox station, each with what ITS will make of it (`note`) and the
        operation that suits it (`suggested`)."""
        names = {p.gtin: p.name for p in self.products}
        boxes: list[dict] = []
        with ledger.lock:
            for item in ledger.items.values():
                if len(boxes) >= limit:
                    break
                note, suggested = self._note(ledger, item, station)
                if note is not None:
                    line = Line(item.gtin, item.sn, item.bn, item.xd)
                    boxes.append({"karekod": karekod(line), "gtin": item.gtin, "serial": item.sn,
                                  "product_name": names.get(item.gtin, item.gtin), "note": note,
                                  "suggested": suggested})
        boxes.extend(self._unreadable(names))
        return boxes

    def _note(self, ledger: Ledger, item, station: str) -> tuple[str | None, str | None]:
        mine = (item.status is Status.IN_TRANSIT and item.pending_to == station) or (
            item.status is Status.IN_STOCK and item.owner == station)
        if not mine:
            foreign = OTHER_PHARMACY in (item.owner, item.pending_to) and item.status is not Status.SOLD
            return ("foreign", "receive") if foreign else (None, None)
        suggested = "receive" if item.status is Status.IN_TRANSIT else _forward(station)
        if ledger.recall_levels(item.gtin, item.bn):
            return "recalled", suggested
        if item.xd < ledger.today():
            return "expired", suggested
        return "ok", suggested

    @staticmethod
    def _unreadable(names: dict[str, str]) -> list[dict]:
        gtin = next(iter(names), "08690000000000")
        broken_gtin = gtin[:-1] + str((int(gtin[-1]) + 1) % 10)  # wrong check digit
        return [
            {"karekod": f"01{broken_gtin}21UNREAD01{GS}17271231" + "10LOT1", "gtin": broken_gtin,
             "serial": "UNREAD01", "product_name": names.get(gtin, ""), "note": "unreadable",
             "suggested": None},
            {"karekod": f"01{gtin}21", "gtin": gtin, "serial": "", "product_name": names.get(gtin, ""),
             "note": "unreadable", "suggested": None},
        ]


def _forward(station: str) -> str:
    return {PHARMACY: "sale", HOSPITAL: "consume"}.get(station, "sale")


def _month_end(day: date) -> date:
    """Karekod expiries are printed as month ends."""
    following = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return following - timedelta(days=1)
