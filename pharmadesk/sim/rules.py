"""The ITS ownership rules for one box, as the product-verification article and the web
services guide describe them: who may do what to an item, and the UC the real system answers."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import Protocol

from pharmadesk.domain import Operation

OK = "00000"


class Kind(str, Enum):
    """Stakeholder kinds (paydaş türleri). A payer (geri ödeme kurumu) only ever buys."""

    MANUFACTURER = "manufacturer"
    WHOLESALER = "wholesaler"
    PHARMACY = "pharmacy"
    HOSPITAL = "hospital"
    PAYER = "payer"


# Recall levels besides the kinds themselves: a recall from every stakeholder level.
RECALL_ALL = "all"

# "Registered on another <kind>" codes (10305 when the kind is unknown).
_REGISTERED_ON_OTHER = {
    Kind.MANUFACTURER: "10306",
    Kind.WHOLESALER: "10307",
    Kind.PHARMACY: "10308",
    Kind.HOSPITAL: "10309",
}


class Status(str, Enum):
    IN_STOCK = "in_stock"  # registered on `owner`
    IN_TRANSIT = "in_transit"  # handed over by `previous_owner`, waiting for the next step
    SOLD = "sold"  # dispatched by a pharmacy to a patient or a payer ("Satılmış")
    CONSUMED = "consumed"  # Sarf
    DEACTIVATED = "deactivated"  # Deaktif
    EXPORTED = "exported"  # İhraç


class Handover(str, Enum):
    DISPATCH = "dispatch"  # Satış: the receiver buys it with a purchase (Mal Alım)
    TRANSFER = "transfer"  # Devir: same as a dispatch, between two pharmacies or hospitals
    RETURN = "return"  # İade: the receiver takes it back by cancelling its own dispatch


@dataclass(slots=True)
class Item:
    """One serialised box. For terminal states `owner` is who sold/consumed/deactivated/exported it."""

    gtin: str
    sn: str
    bn: str
    xd: date
    phase: int = 2  # 1: after a handover the item goes to the unclaimed pool
    status: Status = Status.IN_STOCK
    owner: str | None = None
    previous_owner: str | None = None
    pending_to: str | None = None  # receiver of the handover, or the buyer of a pharmacy sale
    handover: Handover | None = None
    took_back_recalled: bool = False  # ownership regained by a cancellation after the recall
    prescription: str | None = None  # RKN of a pharmacy sale to a payer (cancelled per prescription)
    locked: bool = False  # the payer has queried the prescription: its sale can no longer be cancelled
    history: list[tuple[str, str, str, str, str]] = field(default_factory=list)


class World(Protocol):
    """What a rule needs to know beyond the item itself."""

    def kind_of(self, gln: str | None) -> Kind | None: ...
    def recall_levels(self, gtin: str, bn: str) -> frozenset[str]: ...
    def today(self) -> date: ...


@dataclass(frozen=True)
class Attempt:
    """One stakeholder's notification line: `counterparty` is TO/TOGLN, or the seller (FR) of a purchase."""

    op: Operation
    actor: str
    actor_kind: Kind
    counterparty: str | None = None
    prescription: str | None = None  # RKN of a pharmacy sale, or of its whole-prescription cancel


_OWNER_OPS = frozenset({
    Operation.SALE, Operation.TRANSFER, Operation.RETURN, Operation.CONSUME,
    Operation.DEACTIVATE, Operation.EXPORT,
})
# Forward operations: refused for a recalled lot or an expired box.
_FORWARD_OPS = frozenset({
    Operation.RECEIVE, Operation.SALE, Operation.TRANSFER, Operation.CONSUME, Operation.EXPORT,
})
# What a stakeholder may do with a box in the unclaimed pool (phase 1).
_POOL_OPS = frozenset({Operation.SALE, Operation.TRANSFER, Operation.CONSUME})
_CANCEL_OPS = frozenset({Operation.SALE_CANCEL, Operation.TRANSFER_CANCEL})
# What each cancel undoes: a Satış İptal takes back a dispatch (or, by its receiver, a return), a
# Devir İptal a transfer. A cancel of the other kind is refused.
_CANCELS = {
    Operation.SALE_CANCEL: frozenset({Handover.DISPATCH, Handover.RETURN}),
    Operation.TRANSFER_CANCEL: frozenset({Handover.TRANSFER}),
}


def registered_on_other(world: World, gln: str | None) -> str:
    return _REGISTERED_ON_OTHER.get(world.kind_of(gln), "10305")


def recalled_for(world: World, item: Item, kind: Kind) -> bool:
    """A recall at one level binds the holders of that kind; a recall at `all` binds everyone."""
    levels = world.recall_levels(item.gtin, item.bn)
    return RECALL_ALL in levels or kind.value in levels


def expired(world: World, item: Item) -> bool:
    return item.xd < world.today()


def _terminal_refusal(item: Item, attempt: Attempt) -> str | None:
    if item.status is Status.DEACTIVATED:
        return "10205"
    if item.status is Status.EXPORTED:
        return "10207"
    if item.status is Status.CONSUMED:
        return "10231" if item.owner == attempt.actor else "10230"
    if item.status is Status.SOLD:
        if attempt.op is Operation.SALE_CANCEL:
            return None if item.owner == attempt.actor else "10219"
        return "10204"  # sold: a Devir İptal has nothing to take back
    return None


def _can_reclaim(item: Item, actor: str) -> bool:
    """Who may cancel a handover: the dispatcher, or the receiver of a return."""
    if item.handover is Handover.RETURN:
        return item.pending_to == actor
    return item.previous_owner == actor


def _can_purchase(item: Item, actor: str) -> bool:
    if item.phase == 1:
        return True
    return item.handover in (Handover.DISPATCH, Handover.TRANSFER) and item.pending_to == actor


def _purchase_refusal(world: World, item: Item, attempt: Attempt) -> str | None:
    if item.status is Status.IN_STOCK:
        if item.owner == attempt.actor:
            return "10210"  # a re-sent purchase: already in your stock (the guide's Hastane Mal Alım example)
        if world.kind_of(item.owner) is Kind.PHARMACY:
            return "10209"
        return registered_on_other(world, item.owner)
    if not _can_purchase(item, attempt.actor):
        # A return comes back by cancelling the sale, not by a purchase.
        return "10211" if item.pending_to == attempt.actor else registered_on_other(world, item.pending_to)
    if attempt.counterparty and item.phase == 2 and attempt.counterparty != item.previous_owner:
        return "10301"
    return None


def _owner_refusal(world: World, item: Item, attempt: Attempt) -> str | None:
    if item.status is Status.IN_STOCK:
        return None if item.owner == attempt.actor else registered_on_other(world, item.owner)
    if item.phase == 1 and attempt.op in _POOL_OPS:
        return None
    return "10211"


def _cancel_refusal(world: World, item: Item, attempt: Attempt) -> str | None:
    if item.status is Status.SOLD:
        if item.prescription is not None and attempt.prescription != item.prescription:
            return "10220"  # sold to a reimbursement institution: cancelled per prescription only
        wrong_buyer = attempt.counterparty and attempt.counterparty != item.pending_to
        return "10302" if wrong_buyer else None
    if item.status is Status.IN_STOCK:
        return "10210" if item.owner == attempt.actor else registered_on_other(world, item.owner)
    if not _can_reclaim(item, attempt.actor):
        return "10219"
    if item.handover not in _CANCELS[attempt.op]:
        # A transfer is not a sale (10219, not sold by you); a dispatch or return is on its way to
        # someone a Devir İptal cannot take it back from.
        return "10219" if attempt.op is Operation.SALE_CANCEL else registered_on_other(world, item.pending_to)
    other_party = item.previous_owner if item.handover is Handover.RETURN else item.pending_to
    if attempt.counterparty and attempt.counterparty != other_party:
        return "10302"
    return None


def refusal(world: World, item: Item, attempt: Attempt) -> str | None:
    """The error UC for this attempt, or None when ITS would accept it."""
    terminal = _terminal_refusal(item, attempt)
    if terminal is not None:
        return terminal
    if attempt.op is Operation.RECEIVE:
        code = _purchase_refusal(world, item, attempt)
    elif attempt.op in _CANCEL_OPS:
        code = _cancel_refusal(world, item, attempt)
    elif attempt.op in _OWNER_OPS:
        code = _owner_refusal(world, item, attempt)
    else:
        raise ValueError(f"not a notification: {attempt.op}")
    if code is None and attempt.op in _FORWARD_OPS:
        if recalled_for(world, item, attempt.actor_kind):
            return "10205"  # the guide's Depo Mal Alım example; the article: "deactivated or recalled"
        if expired(world, item):
            return "10202"
    return code


def apply(world: World, item: Item, attempt: Attempt) -> None:
    """Change the item as an accepted attempt does."""
    op, actor = attempt.op, attempt.actor
    if op in (Operation.RECEIVE, *_CANCEL_OPS):
        took_back = op in _CANCEL_OPS and recalled_for(world, item, attempt.actor_kind)
        _settle(item, Status.IN_STOCK, actor)
        item.took_back_recalled = took_back
    elif op is Operation.SALE and _is_retail_sale(world, attempt):
        _settle(item, Status.SOLD, actor)
        item.pending_to, item.prescription = attempt.counterparty, attempt.prescription
    elif op in (Operation.SALE, Operation.TRANSFER, Operation.RETURN):
        handover = {Operation.SALE: Handover.DISPATCH, Operation.TRANSFER: Handover.TRANSFER}.get(op, Handover.RETURN)
        item.status, item.handover = Status.IN_TRANSIT, handover
        item.previous_owner = actor
        item.owner, item.pending_to = None, attempt.counterparty
        item.took_back_recalled = False
    else:
        terminal = {
            Operation.CONSUME: Status.CONSUMED,
            Operation.DEACTIVATE: Status.DEACTIVATED,
            Operation.EXPORT: Status.EXPORTED,
        }[op]
        _settle(item, terminal, actor)


def _settle(item: Item, status: Status, owner: str) -> None:
    if item.owner is not None and item.owner != owner:
        item.previous_owner = item.owner
    item.status, item.owner = status, owner
    item.pending_to = item.handover = item.prescription = None
    item.took_back_recalled = item.locked = False


def _is_retail_sale(world: World, attempt: Attempt) -> bool:
    """A pharmacy's sale to a patient (walk-in GLN) or a payer ends the box's journey."""
    if attempt.actor_kind is not Kind.PHARMACY:
        return False
    return world.kind_of(attempt.counterparty) in (None, Kind.PAYER)


def verification_code(world: World, item: Item, actor: str, actor_kind: Kind) -> str:
    """Ürün Doğrulama: a 40xxx warning saying what the actor may do, or the 10xxx reason it may
    do nothing. Never 00000."""
    terminal = _verification_terminal(item, actor)
    if terminal is not None:
        return terminal
    recalled_here = recalled_for(world, item, actor_kind)
    recalled_elsewhere = not recalled_here and bool(world.recall_levels(item.gtin, item.bn))
    if item.status is Status.IN_STOCK:
        if item.owner != actor:
            return "10205" if recalled_here else registered_on_other(world, item.owner)
        if recalled_here:
            # Taken back by a cancellation after the recall (the article's worked example) vs held at recall time.
            return "40005" if item.took_back_recalled else "40007"
        if recalled_elsewhere:
            return "40009"
        return "40006" if expired(world, item) else "40001"
    if _can_reclaim(item, actor):
        if recalled_here:
            return "40005"
        if recalled_elsewhere:
            return "40008"
        return "40006" if expired(world, item) else "40003"
    if _can_purchase(item, actor):
        if recalled_here:
            return "10205"  # a purchase of a recalled lot is impossible
        if recalled_elsewhere:
            return "40008"
        return "10202" if expired(world, item) else "40002"
    if recalled_here:
        return "10205"
    return registered_on_other(world, item.pending_to)


def _verification_terminal(item: Item, actor: str) -> str | None:
    if item.status is Status.SOLD:
        return "40004" if item.owner == actor else "10224"
    if item.status is Status.CONSUMED:
        return "10231" if item.owner == actor else "10230"
    if item.status is Status.DEACTIVATED:
        return "10205"
    if item.status is Status.EXPORTED:
        return "10207"
    return None
