"""Recalls and "is this still mine": one bulk verification (Ürün Doğrulama) round over the
stock on hand, or a lot or product of it. The boxes go through the outbox and the sync
engine like any verification, so the round is chunked, cancellable, logged and never
loses a box; it ends with a report of every box whose answer is not "registered to you"
(40001), with what the answer means and the actions it allows. A verification moves no
box: the stock stays as the accepted notifications say."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from pharmadesk.bilingual import Bilingual
from pharmadesk.domain import Header, Operation, Stakeholder
from pharmadesk.its import codes
from pharmadesk.store import DuplicateItem, QueuedBox, Store, states
from pharmadesk.sync import OK, SyncEngine

FINE = "40001"  # registered to you, nothing to do
# What a verification answer says about a box on the shelf, for the report's grouping.
RECALLED = ("40005", "40007", "40008", "40009")
NOT_OURS = ("40002", "40003")
SOLD = ("40004",)
EXPIRED_CODE = ("40006",)


def concern(code: str | None) -> str:
    """recalled | not-ours | sold | expired | not-sellable (any other refusal) | unchecked."""
    if code is None:
        return "unchecked"
    for name, group in (("recalled", RECALLED), ("not-ours", NOT_OURS), ("sold", SOLD), ("expired", EXPIRED_CODE)):
        if code in group:
            return name
    return "not-sellable"


@dataclass(frozen=True)
class CheckedBox:
    gtin: str
    serial: str
    batch: str
    expiry: date
    code: str | None  # ITS's answer; None: not checked (the round stopped first)
    concern: str
    meaning: str  # the answer in the report's language
    actions: tuple[Operation, ...]  # what the answer still allows


@dataclass
class CheckReport(Bilingual):
    outcome: str  # the sync engine's outcome: ok, unreachable, cancelled, auth, ...
    total: int
    fine: int
    boxes: list[CheckedBox] = field(default_factory=list)  # every box needing a look
    message_tr: str = ""
    message_en: str = ""

    @property
    def unchecked(self) -> int:
        return sum(1 for box in self.boxes if box.concern == "unchecked")


def queue_round(store: Store, stakeholder: Stakeholder, *, gtin: str | None = None,
                batch: str | None = None) -> list[int]:
    """Queue a verification of every box in stock (or of one product or lot), in one
    transaction; returns the round's item ids (a box already waiting for a verification
    joins with that item)."""
    boxes = store.stock_boxes(gtin=gtin, batch=batch, with_raw=True)
    answers = store.queue_many(
        Operation.VERIFY, stakeholder, Header(),
        ((n, QueuedBox(box.gtin, box.serial, box.batch, box.expiry), box.raw) for n, box in enumerate(boxes)),
        source="stock-check")
    return [answer.existing["id"] if isinstance(answer, DuplicateItem) else answer for _, answer in answers]


def run_round(store: Store, engine: SyncEngine, item_ids: list[int], lang: str = "tr") -> CheckReport:
    """Send the queued verifications (chunked like a sync; `engine.cancel()` stops it
    between chunks) and read the answers of the round's boxes."""
    result = engine.run(operations={Operation.VERIFY})
    return report_of(store, item_ids, result.outcome, lang, result.message_tr, result.message_en,
                     stakeholder=engine.stakeholder)


def report_of(store: Store, item_ids: list[int], outcome: str, lang: str, stop_tr: str = "",
              stop_en: str = "", *, stakeholder: Stakeholder | None = None) -> CheckReport:
    """The round's report; the actions each answer allows are those this kind of station
    (`stakeholder`) can take."""
    rows = store.items_by_id(item_ids)
    report = CheckReport(outcome, len(rows), 0)
    for row in rows:
        settled = row["state"] in (states.ACCEPTED, states.REJECTED)
        code = codes.normalize(row["uc"]) if settled and row["uc"] else None
        if code == FINE:
            report.fine += 1
            continue
        info = codes.describe(code, lang, operation=Operation.VERIFY, stakeholder=stakeholder) if code else None
        report.boxes.append(CheckedBox(
            row["gtin"], row["serial"], row["batch"], date.fromisoformat(row["expiry"]), code, concern(code),
            info.text if info else ("ITS'e sorulamadı" if lang == "tr" else "not asked (the round stopped)"),
            info.actions if info else ()))
    checked = report.total - report.unchecked
    flagged = len(report.boxes) - report.unchecked
    report.message_tr = (f"{report.total} kutudan {checked} tanesi doğrulandı: {report.fine} sizin, "
                         f"{flagged} kutu bakılmalı.")
    report.message_en = f"{checked} of {report.total} boxes verified: {report.fine} yours, {flagged} need a look."
    if outcome != OK and report.unchecked:
        report.message_tr += (f" Tur yarıda kaldı ({stop_tr.rstrip('.')}); {report.unchecked} kutu sorulamadı, "
                              f"kuyrukta bekliyor.")
        report.message_en += (f" The round stopped ({stop_en.rstrip('.')}); {report.unchecked} boxes not asked, "
                              f"still queued.")
    return report


def verify_stock(store: Store, engine: SyncEngine, *, gtin: str | None = None, batch: str | None = None,
                 lang: str = "tr", on_queued: Callable[[int], None] | None = None) -> CheckReport:
    """A whole round: queue the stock's boxes, send, report."""
    item_ids = queue_round(store, engine.stakeholder, gtin=gtin, batch=batch)
    if on_queued:
        on_queued(len(item_ids))
    return run_round(store, engine, item_ids, lang)


__all__ = ["CheckReport", "CheckedBox", "concern", "queue_round", "run_round", "report_of", "verify_stock"]
