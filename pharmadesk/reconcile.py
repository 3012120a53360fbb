"""How to read ITS's answer for a box whose earlier send may already have taken effect
(a crash while sending, a lost response, a timeout): ITS has no idempotency key, so a
resent notification answers "already done" codes instead of 00000. An item whose
notification already took effect must end `accepted`, not `rejected`.

The rule per operation (codes from the ITS error list; see ../shared/its-protocol.md §6):

| operation        | resend answers          | then                                             |
|------------------|-------------------------|--------------------------------------------------|
| receive          | 10303 registered to you,| accepted                                         |
|                  | 10210 in your stock     |                                                  |
| sale (cash/payer)| 10204 already sold      | verify: 40004 "sold by you" → accepted           |
| sale (dispatch), | 10211 not in your stock | verify: 40003 "handed over by you, may be taken  |
| transfer         |                         | back", 40004 → accepted; 10305–10309 "registered |
|                  |                         | on another" → accepted (the receiver already took|
|                  |                         | it in, which only our handover made possible)    |
| return           | 10211 not in your stock | verify: 40003 or 10305–10309 → accepted (the     |
|                  |                         | seller has it back)                              |
| sale-cancel,     | 10210 in your stock,    | accepted (the box is back with us)               |
| transfer-cancel  | 10303                   |                                                  |
| consume (Sarf)   | 10231 consumed by you   | accepted                                         |
| deactivate       | 10205 deactivated/banned| accepted (ITS has no "deactivated by you" code;  |
|                  |                         | the box was ours when we asked)                  |
| export           | 10207 already exported  | accepted                                         |
| verify           | any                     | the answer itself (verification changes nothing) |

Anything else is read at face value: a first send's "already done" code is news the
pharmacist must see (someone else notified that box), so those rules apply only to
items marked in doubt."""

from __future__ import annotations

from dataclasses import dataclass

from pharmadesk.domain import Operation

_REGISTERED_ON_ANOTHER = frozenset({"10305", "10306", "10307", "10308", "10309"})


@dataclass(frozen=True)
class Rule:
    done: frozenset[str] = frozenset()  # resend codes that mean "it already took effect"
    verify_on: frozenset[str] = frozenset()  # resend codes that need Ürün Doğrulama to settle
    confirmed_by: frozenset[str] = frozenset()  # verification codes that confirm it took effect


RECONCILE: dict[Operation, Rule] = {
    Operation.RECEIVE: Rule(done=frozenset({"10303", "10210"})),
    Operation.SALE: Rule(verify_on=frozenset({"10204", "10211"}),
                         confirmed_by=frozenset({"40003", "40004"}) | _REGISTERED_ON_ANOTHER),
    Operation.TRANSFER: Rule(verify_on=frozenset({"10211"}),
                             confirmed_by=frozenset({"40003"}) | _REGISTERED_ON_ANOTHER),
    Operation.RETURN: Rule(verify_on=frozenset({"10211"}),
                           confirmed_by=frozenset({"40003"}) | _REGISTERED_ON_ANOTHER),
    Operation.SALE_CANCEL: Rule(done=frozenset({"10210", "10303"})),
    Operation.TRANSFER_CANCEL: Rule(done=frozenset({"10210", "10303"})),
    Operation.CONSUME: Rule(done=frozenset({"10231"})),
    Operation.DEACTIVATE: Rule(done=frozenset({"10205"})),
    Operation.EXPORT: Rule(done=frozenset({"10207"})),
    Operation.VERIFY: Rule(),
}


def already_done(operation: Operation, code: str) -> bool:
    """A resend's answer that by itself shows the earlier send took effect."""
    return code in RECONCILE[operation].done


def needs_verification(operation: Operation, code: str) -> bool:
    return code in RECONCILE[operation].verify_on


def confirmed(operation: Operation, verification_code: str) -> bool:
    return verification_code in RECONCILE[operation].confirmed_by


def registered_elsewhere(verification_code: str) -> bool:
    """A verification saying another stakeholder holds the box: ITS2's status query can
    name who (pharmadesk/sync.py records it with the reconciled item)."""
    return verification_code in _REGISTERED_ON_ANOTHER
