"""The code catalog's advice, followed against the ITS simulator: where the advice for a code
names another operation (verify it, return it, receive it first, cancel the sale first), a
pharmacy doing what it says is answered as the advice promises; and where the advice says to
give the box back, a verification agrees that nothing else is possible."""

from __future__ import annotations

from datetime import date

import pytest

from pharmadesk.domain import Header, Operation, Product, Stakeholder
from pharmadesk.gs1 import parse
from pharmadesk.its import codes
from pharmadesk.its.client import ItsClient
from pharmadesk.sim import sandbox as world
from syncstation import admin, ship

PURCHASE = Header(counterparty_gln=world.SUPPLIER, document_number="A1")
RETURN = Header(counterparty_gln=world.SUPPLIER, document_number="R1")
WALK_IN = Header()


@pytest.fixture
def pharmacy(simulator):
    with ItsClient(simulator.base_url, world.PHARMACY + "0000", world.SANDBOX_PASSWORD, gln=world.PHARMACY,
                   stakeholder=Stakeholder.PHARMACY) as client:
        yield client


def box(simulator, **flags) -> list[Product]:
    karekod = parse(ship(simulator, 1, **flags)[0])
    return [Product(karekod.gtin, karekod.serial, karekod.batch, karekod.expiry)]


def code(client, operation: Operation, header: Header, boxes: list[Product]) -> str:
    [item] = client.notify(operation, header, boxes).items
    return item.code


def advice(code_: str, operation: Operation) -> str:
    return codes.describe(code_, "en", operation=operation).advice


def recall(simulator, boxes: list[Product]) -> None:
    admin(simulator, "/admin/recall", {"gtin": boxes[0].gtin, "batch": boxes[0].batch, "level": "all"})


def test_a_recalled_box_refused_on_a_receipt_is_given_back_and_verification_agrees(simulator, pharmacy):
    boxes = box(simulator)
    recall(simulator, boxes)
    assert code(pharmacy, Operation.RECEIVE, PURCHASE, boxes) == "10205"
    said = advice("10205", Operation.RECEIVE)
    assert "Give it back to the sender" in said and "verification" not in said and "deactivate" not in said
    checked = pharmacy.verify(boxes).items[0].code
    assert codes.describe(checked, "en", stakeholder=Stakeholder.PHARMACY).actions == ()  # nothing else to do


def test_a_recalled_box_refused_on_a_sale_is_verified_then_returned_as_the_advice_says(simulator, pharmacy):
    boxes = box(simulator)
    assert code(pharmacy, Operation.RECEIVE, PURCHASE, boxes) == "00000"
    recall(simulator, boxes)
    assert code(pharmacy, Operation.SALE, WALK_IN, boxes) == "10205"
    said = advice("10205", Operation.SALE)
    assert "Run a verification" in said and "return" in said and "deactivate" in said
    checked = pharmacy.verify(boxes).items[0].code
    allowed = codes.describe(checked, "en", stakeholder=Stakeholder.PHARMACY).actions
    assert {Operation.RETURN, Operation.DEACTIVATE} <= set(allowed)
    assert code(pharmacy, Operation.RETURN, RETURN, boxes) == "00000"


def test_a_box_not_yet_received_is_received_first_then_sold_as_the_advice_says(simulator, pharmacy):
    boxes = box(simulator)
    assert code(pharmacy, Operation.SALE, WALK_IN, boxes) == "10211"
    assert "Notify the purchase (Mal Alım) of this box first, then repeat" in advice("10211", Operation.SALE)
    assert code(pharmacy, Operation.RECEIVE, PURCHASE, boxes) == "00000"
    assert code(pharmacy, Operation.SALE, WALK_IN, boxes) == "00000"


def test_a_box_sold_twice_is_sold_again_after_cancelling_the_sale_as_the_advice_says(simulator, pharmacy):
    boxes = box(simulator)
    assert code(pharmacy, Operation.RECEIVE, PURCHASE, boxes) == "00000"
    assert code(pharmacy, Operation.SALE, WALK_IN, boxes) == "00000"
    assert code(pharmacy, Operation.SALE, WALK_IN, boxes) == "10204"
    assert "cancel that sale first" in advice("10204", Operation.SALE)
    assert code(pharmacy, Operation.SALE_CANCEL, WALK_IN, boxes) == "00000"
    assert code(pharmacy, Operation.SALE, WALK_IN, boxes) == "00000"


def test_an_expired_box_refused_on_a_receipt_is_given_back_and_verification_agrees(simulator, pharmacy):
    boxes = box(simulator, expired=True)
    assert boxes[0].expiry < date.today()
    assert code(pharmacy, Operation.RECEIVE, PURCHASE, boxes) == "10202"
    said = advice("10202", Operation.RECEIVE)
    assert "give it back to the sender" in said.lower() and "verification" not in said
    checked = pharmacy.verify(boxes).items[0].code
    assert checked == "10202" and "give it back to the sender" in advice(checked, Operation.VERIFY)

