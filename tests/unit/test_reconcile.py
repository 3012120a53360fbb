"""The one "already done" table (`pharmadesk.reconcile`): every code it knows, on a
first send and on a resend after a lost answer. A resend's "already done" settles the
box as accepted; the same code on a first send means someone else notified the box
before us, and the box is rejected with that said — never silently accepted."""

from __future__ import annotations

import pytest

from pharmadesk import reconcile
from pharmadesk.domain import Operation as O
from pharmadesk.store import states

ACCEPTED, REJECTED, VERIFY = states.ACCEPTED, states.REJECTED, reconcile.VERIFY

# (operation, code, reading on a first send, reading on a resend, someone else did it before)
EVERY_CODE = [
    (O.RECEIVE, "10303", REJECTED, ACCEPTED, True),
    (O.RECEIVE, "10210", REJECTED, ACCEPTED, True),
    (O.RECEIVE, "10223", REJECTED, ACCEPTED, True),
    (O.SALE, "10204", REJECTED, VERIFY, False),
    (O.SALE, "10211", REJECTED, VERIFY, False),
    (O.TRANSFER, "10211", REJECTED, VERIFY, False),
    (O.RETURN, "10211", REJECTED, VERIFY, False),
    (O.SALE_CANCEL, "10210", REJECTED, ACCEPTED, True),
    (O.SALE_CANCEL, "10303", REJECTED, ACCEPTED, True),
    (O.SALE_CANCEL, "10223", REJECTED, ACCEPTED, True),
    (O.TRANSFER_CANCEL, "10210", REJECTED, ACCEPTED, True),
    (O.TRANSFER_CANCEL, "10303", REJECTED, ACCEPTED, True),
    (O.TRANSFER_CANCEL, "10223", REJECTED, ACCEPTED, True),
    (O.CONSUME, "10231", REJECTED, ACCEPTED, True),
    (O.DEACTIVATE, "10205", REJECTED, ACCEPTED, True),
    (O.EXPORT, "10207", REJECTED, ACCEPTED, True),
    # codes of another operation's table mean nothing special here
    (O.SALE, "10303", REJECTED, REJECTED, False),
    (O.CONSUME, "10210", REJECTED, REJECTED, False),
    (O.TRANSFER, "10204", REJECTED, REJECTED, False),
    # face value
    (O.RECEIVE, "00000", ACCEPTED, ACCEPTED, False),
    (O.SALE, "0", ACCEPTED, ACCEPTED, False),
    (O.RECEIVE, "10201", REJECTED, REJECTED, False),
    (O.VERIFY, "40004", ACCEPTED, ACCEPTED, False),
    (O.VERIFY, "10201", REJECTED, REJECTED, False),
]


@pytest.mark.parametrize("operation, code, first, resend, before", EVERY_CODE,
                         ids=[f"{o.value}-{c}" for o, c, *_ in EVERY_CODE])
def test_every_code_on_a_first_send_and_on_a_resend(operation, code, first, resend, before):
    assert reconcile.read(operation, code, in_doubt=False) == first
    assert reconcile.read(operation, code, in_doubt=True) == resend
    assert reconcile.done_before(operation, code) is before


def test_every_code_in_the_table_has_its_reason():
    for operation, rule in reconcile.RECONCILE.items():
        for code, reason in {**rule.done, **rule.verify_on}.items():
            assert len(code) == 5 and code.isdigit() and len(reason) > 20, (operation, code)
    listed = {(o, c) for o, c, _, resend, _ in EVERY_CODE if resend != REJECTED and c.startswith("1")}
    in_table = {(o, c) for o, rule in reconcile.RECONCILE.items() for c in {**rule.done, **rule.verify_on}}
    assert in_table == listed  # the test above covers every code of the table


def test_a_verification_confirms_only_what_it_should():
    assert reconcile.confirmed(O.SALE, "40004") and reconcile.confirmed(O.SALE, "10306")
    assert not reconcile.confirmed(O.SALE, "40001")  # "ready for sale": still ours, not sold
    assert reconcile.confirmed(O.RETURN, "40003") and not reconcile.confirmed(O.RETURN, "40004")
