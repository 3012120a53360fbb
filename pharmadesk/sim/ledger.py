"""The simulator's ledger: every stakeholder and serialised box ITS knows, the recalls, and
the counters behind /admin/stats. Pure Python and thread-safe; no HTTP here."""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from typing import Callable, Iterable, NamedTuple, Protocol

from pharmadesk.domain import Operation
from pharmadesk.sim.rules import (
    OK, RECALL_ALL, Attempt, Handover, Item, Kind, Status, apply, refusal, verification_code,
)


@dataclass(frozen=True)
class Party:
    gln: str
    kind: Kind
    name: str
    active: bool = True  # a deactivated stakeholder's users cannot notify (11001); others cannot name it (11904/11905)


class Line(NamedTuple):
    """One product line of a notification as sent; bn/xd are None when the service omits them."""

    gtin: str
    sn: str
    bn: str | None = None
    xd: date | None = None


class Journal(Protocol):
    """Where the ledger writes itself after every change (see pharmadesk.sim.statefile)."""

    def save(self, ledger: Ledger, changed: list[Item]) -> None: ...
    def wipe(self) -> None: ...


class Ledger:
    def __init__(self, *, today: Callable[[], date] = date.today, journal: Journal | None = None):
        self.lock = threading.RLock()
        self._today = today
        self.journal = journal
        self.parties: dict[str, Party] = {}
        self.items: dict[tuple[str, str], Item] = {}
        self.recalls: dict[tuple[str, str], set[str]] = {}
        self.next_notification_id = 100001
        self.notifications: Counter[str] = Counter()  # per service
        self.item_operations: Counter[str] = Counter()  # per service
        self.codes: Counter[str] = Counter()

    # World: what the rules ask of us
    def kind_of(self, gln: str | None) -> Kind | None:
        party = self.parties.get(gln) if gln else None
        return party.kind if party else None

    def recall_levels(self, gtin: str, bn: str) -> frozenset[str]:
        return frozenset(self.recalls.get((gtin, bn), ()))

    def today(self) -> date:
        return self._today()

    # Stakeholders
    def register(self, gln: str, kind: Kind | str, name: str, *, active: bool = True) -> Party:
        party = Party(gln, Kind(kind), name, active)
        with self.lock:
            self.parties[gln] = party
            self._save([])
        return party

    def party(self, gln: str) -> Party | None:
        with self.lock:
            return self.parties.get(gln)

    # Production, recalls (manufacturer and ministry side, driven by the admin API)
    def produce(self, manufacturer: str, lines: Iterable[Line], *, phase: int = 2) -> list[str]:
        """Üretim: registers each new serial on the manufacturer (10007 if the serial exists)."""
        with self.lock:
            notification_id = self._next_id()
            codes, changed = [], []
            for line in lines:
                key = (line.gtin, line.sn)
                if key in self.items:
                    codes.append("10007")
                    continue
                item = Item(line.gtin, line.sn, line.bn or "", line.xd or date.max, phase=phase, owner=manufacturer)
                self.items[key] = item
                self._log(item, notification_id, "produce", manufacturer, OK)
                codes.append(OK)
                changed.append(item)
            self._save(changed)
            return codes

    def recall(self, gtin: str, bn: str, level: str = RECALL_ALL) -> int:
        """Geri çekme of one lot at one stakeholder level (or all); returns the boxes affected."""
        if level != RECALL_ALL:
            Kind(level)
        with self.lock:
            self.recalls.setdefault((gtin, bn), set()).add(level)
            self._save([])
            return sum(1 for item in self.items.values() if item.gtin == gtin and item.bn == bn)

    def ship(self, manufacturer: str, sender: str, receiver: str, lines: list[Line], *, phase: int = 2) -> list[str]:
        """Sandbox shortcut: produces the boxes, books them into `sender`'s stock and dispatches them
        to `receiver`, without the rules (so expired or recalled boxes can be set up too).
        Returns the codes of production (10007 for a serial that already exists)."""
        with self.lock:
            codes = self.produce(manufacturer, lines, phase=phase)
            notification_id = self._next_id()
            shipped = []
            for line, code in zip(lines, codes):
                if code != OK:
                    continue
                item = self.items[(line.gtin, line.sn)]
                if sender != manufacturer:
                    self._log(item, notification_id, "sale", manufacturer, OK)
                    self._log(item, notification_id, "receive", sender, OK)
                self._log(item, notification_id, "sale", sender, OK)
                item.status, item.handover = Status.IN_TRANSIT, Handover.DISPATCH
                item.owner, item.previous_owner, item.pending_to = None, sender, receiver
                shipped.append(item)
            self._save(shipped)
            return codes

    # Notifications
    def notify(self, actor: str, op: Operation, lines: Iterable[Line], *,
               counterparty: str | None = None, prescription: str | None = None,
               service: str = "") -> tuple[str, list[str]]:
        """One notification by `actor`: returns (notification id, one UC per line, in order)."""
        actor_kind = self.kind_of(actor)
        if actor_kind is None:
            raise KeyError(f"unknown stakeholder {actor}")
        attempt = Attempt(op, actor, actor_kind, counterparty, prescription)
        with self.lock:
            notification_id = self._next_id()
            codes, changed = [], []
            for line in lines:
                item = self.items.get((line.gtin, line.sn))
                code = self._one(item, line, attempt)
                codes.append(code)
                if item is not None:
                    self._log(item, notification_id, op.value, actor, code)
                    changed.append(item)
            self._count(service or op.value, codes)
            self._save(changed)
            return notification_id, codes

    def _one(self, item: Item | None, line: Line, attempt: Attempt) -> str:
        if item is None:
            return "10201"
        if (line.bn is not None and line.bn != item.bn) or (line.xd is not None and line.xd != item.xd):
            return "10203"  # the karekod's lot or expiry does not match what was produced
        if attempt.op is Operation.VERIFY:
            return verification_code(self, item, attempt.actor, attempt.actor_kind)
        code = refusal(self, item, attempt)
        if code is not None:
            return code
        apply(self, item, attempt)
        return OK

    def prescription_sales(self, payer: str, prescription: str) -> list[Item]:
        """The boxes sold to a payer on one prescription (RKN), by any pharmacy."""
        with self.lock:
            return [item for item in self.items.values()
                    if item.status is Status.SOLD and item.pending_to == payer and item.prescription == prescription]

    def query_prescription(self, payer: str, pharmacy: str, prescription: str) -> list[Item]:
        """İlaç Satış Sorgulama: the payer reads a pharmacy's sale on one prescription, which locks it
        (the guide: after the query the prescription and its boxes can no longer be cancelled)."""
        with self.lock:
            sold = [item for item in self.prescription_sales(payer, prescription) if item.owner == pharmacy]
            for item in sold:
                item.locked = True
            self._save(sold)
            return sold

    # Reading
    def item(self, gtin: str, sn: str) -> dict | None:
        with self.lock:
            item = self.items.get((gtin, sn))
            if item is None:
                return None
            return {
                "gtin": item.gtin, "sn": item.sn, "bn": item.bn, "xd": item.xd.isoformat(),
                "status": item.status.value, "owner": item.owner,
                "previous_owner": item.previous_owner, "pending_to": item.pending_to,
                "handover": item.handover.value if item.handover else None,
                "phase": item.phase,
                "recalled": sorted(self.recall_levels(item.gtin, item.bn)),
                "history": [
                    {"time": t, "notification_id": n, "operation": o, "actor": a, "code": c}
                    for t, n, o, a, c in item.history
                ],
            }

    def stats(self) -> dict:
        with self.lock:
            return {
                "notifications": sum(self.notifications.values()),
                "item_operations": sum(self.item_operations.values()),
                "per_service": {
                    service: {"notifications": count, "item_operations": self.item_operations[service]}
                    for service, count in sorted(self.notifications.items())
                },
                "codes": dict(sorted(self.codes.items())),
                "items": len(self.items),
                "stakeholders": len(self.parties),
            }

    def clear_counters(self) -> None:
        with self.lock:
            self.notifications.clear()
            self.item_operations.clear()
            self.codes.clear()
            self._save([])

    def reset(self) -> None:
        with self.lock:
            self.parties.clear()
            self.items.clear()
            self.recalls.clear()
            self.clear_counters()
            if self.journal is not None:
                self.journal.wipe()

    # Internals
    def _next_id(self) -> str:
        notification_id = str(self.next_notification_id)
        self.next_notification_id += 1
        return notification_id

    def _log(self, item: Item, notification_id: str, operation: str, actor: str, code: str) -> None:
        stamp = datetime.now().isoformat(timespec="seconds")
        item.history.append((stamp, notification_id, operation, actor, code))

    def _count(self, service: str, codes: list[str]) -> None:
        self.notifications[service] += 1
        self.item_operations[service] += len(codes)
        self.codes.update(codes)

    def _save(self, changed: list[Item]) -> None:
        if self.journal is not None:
            self.journal.save(self, changed)
