"""How to read ITS's answer for one box: the one table of "already done" codes, per
operation, with the reason each code means what it means.

ITS has no idempotency key, so a notification sent again after its answer was lost (a
crash while sending, a timeout, a dropped connection) answers "already done" codes
instead of 00000. For a box in doubt such a code settles it as accepted: the earlier
send took effect. Where the code alone cannot tell who did it (a sale answered 10204
"already sold": by us, or by someone else?), an Ürün Doğrulama call settles it.

On a first send the same codes are news the pharmacist must see: the box was notified
before this send by someone else (another station, another program, another
pharmacy), so the box is rejected with that said, never silently accepted.

Every other code is read at face value (00000 accepted, the rest rejected); a
verification's answer is the answer itself (its 40xxx warnings are its normal answers)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from pharmadesk.domain import Operation
from pharmadesk.its import codes
from pharmadesk.store import states

VERIFY = "verify"  # a reading: ask Ürün Doğrulama before settling the box

_REGISTERED_ON_ANOTHER = frozenset({"10305", "10306", "10307", "10308", "10309"})


def _reasons(**by_code: str) -> Mapping[str, str]:
    return MappingProxyType({code.lstrip("_"): reason for code, reason in by_code.items()})


@dataclass(frozen=True)
class Rule:
    # resend code → why it shows the earlier send took effect
    done: Mapping[str, str] = field(default_factory=dict)
    # resend code → why only a verification can tell whether it was ours
    verify_on: Mapping[str, str] = field(default_factory=dict)
    # verification codes that confirm the earlier send took effect
    confirmed_by: frozenset[str] = frozenset()


_BACK_WITH_US = _reasons(
    _10210="the box is in our stock again: the cancellation took effect",
    _10303="the box is registered to us again: the cancellation took effect",
    _10223="the box appears registered to us again: the cancellation took effect",
)
_HANDED_OVER = ("the box is no longer in our stock: our handover took effect, or it was "
                "never ours; the verification says which")

RECONCILE: dict[Operation, Rule] = {
    Operation.RECEIVE: Rule(done=_reasons(
        _10303="ITS registered the box to us: the purchase took effect",
        _10210="the box is in our stock: the purchase took effect",
        _10223="the box appears registered to us: the purchase took effect",
    )),
    Operation.SALE: Rule(
        verify_on=_reasons(_10204="the box is sold: by our sale, or someone else's",
                           _10211=_HANDED_OVER),
        # 40004 "sold by you"; 40003 "handed over by you, may be taken back" (a
        # warehouse's dispatch); registered on another: the receiver took it in, which
        # only our handover made possible
        confirmed_by=frozenset({"40003", "40004"}) | _REGISTERED_ON_ANOTHER),
    Operation.TRANSFER: Rule(verify_on=_reasons(_10211=_HANDED_OVER),
                             confirmed_by=frozenset({"40003"}) | _REGISTERED_ON_ANOTHER),
    Operation.RETURN: Rule(verify_on=_reasons(_10211=_HANDED_OVER),
                           confirmed_by=frozenset({"40003"}) | _REGISTERED_ON_ANOTHER),
    Operation.SALE_CANCEL: Rule(done=_BACK_WITH_US),
    Operation.TRANSFER_CANCEL: Rule(done=_BACK_WITH_US),
    Operation.CONSUME: Rule(done=_reasons(_10231="ITS says we consumed the box: the consumption took effect")),
    # ITS has no "deactivated by you" code; the box was ours when we asked
    Operation.DEACTIVATE: Rule(done=_reasons(_10205="the box is deactivated: our deactivation took effect")),
    Operation.EXPORT: Rule(done=_reasons(_10207="the box is exported: our export took effect")),
    Operation.VERIFY: Rule(),
}


def read(operation: Operation, code: str, *, in_doubt: bool) -> str:
    """What one box's code means: `states.ACCEPTED`, `states.REJECTED`, or `VERIFY` (a box
    in doubt whose code only a verification can settle)."""
    code = codes.normalize(code)
    if codes.is_success(code, operation):
        return states.ACCEPTED
    rule = RECONCILE[Operation(operation)]
    if in_doubt and code in rule.done:
        return states.ACCEPTED
    if in_doubt and code in rule.verify_on:
        return VERIFY
    return states.REJECTED


def done_before(operation: Operation, code: str) -> bool:
    """A first send's code saying the box was already notified the same way, by
    someone else: the pharmacist is told so."""
    return codes.normalize(code) in RECONCILE[Operation(operation)].done


def confirmed(operation: Operation, verification_code: str) -> bool:
    return codes.normalize(verification_code) in RECONCILE[Operation(operation)].confirmed_by


def registered_elsewhere(verification_code: str) -> bool:
    """A verification saying another stakeholder holds the box: ITS2's status query can
    name who (pharmadesk/sync.py records it with the reconciled item)."""
    return codes.normalize(verification_code) in _REGISTERED_ON_ANOTHER


def explain(item: dict, lang: str = "tr") -> tuple[str, str, str]:
    """(code, what it means, what to do) for a stored item in `lang`, as every view and the
    command line show it: its result code (UC) or the fault that stopped its notification
    (FC) as the catalog words them for the item's operation; for a box someone else had
    already notified, what the sync noted (not the catalog's "nothing needed"); else the
    text stored with it (ITS's own words for a code the catalog lacks; the engine's
    "TR / EN" notes split to the one language)."""
    code = item.get("uc") or item.get("fc") or ""
    if code and item.get("state") == states.REJECTED and done_before(item["operation"], code):
        return codes.normalize(code), _half(item.get("message") or "", lang), ""
    if code:
        info = codes.describe(code, lang, operation=item.get("operation"))
        if info.known or not item.get("message"):
            return info.code, info.text, info.advice
        return info.code, item["message"], info.advice
    return "", _half(item.get("message") or "", lang), ""


def _half(message: str, lang: str) -> str:
    """The asked language's half of a stored "Turkish / English" message."""
    if " / " in message:
        return message.split(" / ", 1)[1 if lang == "en" else 0]
    return message
