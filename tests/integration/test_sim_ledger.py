"""The simulator's ledger on its own: the ITS ownership rules and the codes they answer,
walked through the product-verification article's worked example and the common mistakes."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from pharmadesk.domain import Operation
from pharmadesk.gs1 import check_digit
from pharmadesk.sim.ledger import Ledger, Line
from pharmadesk.sim.rules import Kind

TODAY = date(2025, 6, 1)
XD = date(2027, 1, 31)


def gln(body: str) -> str:
    return body + str(check_digit(body))


MAKER = gln("869000000001")
WHOLESALER_A = gln("869000000002")
WHOLESALER_B = gln("869000000003")
PHARMACY = gln("869000000004")
PHARMACY_2 = gln("869000000005")
HOSPITAL = gln("869000000006")
PAYER = gln("869000000007")
WALK_IN = "0" * 13
GTIN = "08690000000019"


@pytest.fixture
def ledger() -> Ledger:
    ledger = Ledger(today=lambda: TODAY)
    for party, kind in [
        (MAKER, Kind.MANUFACTURER), (WHOLESALER_A, Kind.WHOLESALER), (WHOLESALER_B, Kind.WHOLESALER),
        (PHARMACY, Kind.PHARMACY), (PHARMACY_2, Kind.PHARMACY), (HOSPITAL, Kind.HOSPITAL), (PAYER, Kind.PAYER),
    ]:
        ledger.register(party, kind, f"{kind.value} {party}")
    return ledger


def make(ledger: Ledger, sn: str, *, bn: str = "LOT1", xd: date = XD, phase: int = 2) -> Line:
    line = Line(GTIN, sn, bn, xd)
    assert ledger.produce(MAKER, [line], phase=phase) == ["00000"]
    return line


def do(ledger: Ledger, actor: str, op: Operation, line: Line, counterparty: str | None = None) -> str:
    return ledger.notify(actor, op, [line], counterparty=counterparty)[1][0]


def verify(ledger: Ledger, actor: str, line: Line) -> str:
    return do(ledger, actor, Operation.VERIFY, line)


def stock(ledger: Ledger, line: Line, owner: str) -> None:
    """Brings a produced box into `owner`'s stock the way ITS would: dispatch, then purchase."""
    assert do(ledger, MAKER, Operation.SALE, line, WHOLESALER_A) == "00000"
    assert do(ledger, WHOLESALER_A, Operation.RECEIVE, line, MAKER) == "00000"
    if owner != WHOLESALER_A:
        assert do(ledger, WHOLESALER_A, Operation.SALE, line, owner) == "00000"
        assert do(ledger, owner, Operation.RECEIVE, line, WHOLESALER_A) == "00000"


def test_article_worked_example_every_code(ledger):
    box = make(ledger, "SN1")
    assert verify(ledger, WHOLESALER_A, box) == "10306"  # on the manufacturer
    assert do(ledger, MAKER, Operation.SALE, box, WHOLESALER_A) == "00000"
    assert verify(ledger, WHOLESALER_A, box) == "40002"  # may only purchase
    assert do(ledger, WHOLESALER_A, Operation.RECEIVE, box, MAKER) == "00000"
    assert verify(ledger, WHOLESALER_A, box) == "40001"
    assert do(ledger, WHOLESALER_A, Operation.SALE, box, PHARMACY) == "00000"
    assert verify(ledger, WHOLESALER_A, box) == "40003"  # may only cancel the dispatch
    assert do(ledger, PHARMACY, Operation.RECEIVE, box, WHOLESALER_A) == "00000"
    assert verify(ledger, WHOLESALER_A, box) == "10308"  # on a pharmacy now
    assert do(ledger, PHARMACY, Operation.RETURN, box, WHOLESALER_A) == "00000"
    assert verify(ledger, WHOLESALER_A, box) == "40003"
    assert do(ledger, WHOLESALER_A, Operation.SALE_CANCEL, box, PHARMACY) == "00000"
    assert verify(ledger, WHOLESALER_A, box) == "40001"
    assert do(ledger, WHOLESALER_A, Operation.SALE, box, HOSPITAL) == "00000"
    assert verify(ledger, WHOLESALER_A, box) == "40003"
    assert do(ledger, HOSPITAL, Operation.RECEIVE, box, WHOLESALER_A) == "00000"
    assert verify(ledger, WHOLESALER_A, box) == "10309"
    ledger.recall(GTIN, "LOT1", "all")
    assert verify(ledger, WHOLESALER_A, box) == "10205"
    assert do(ledger, HOSPITAL, Operation.CONSUME, box) == "10205"  # cannot consume a recalled lot
    assert do(ledger, HOSPITAL, Operation.RETURN, box, WHOLESALER_A) == "00000"
    assert verify(ledger, WHOLESALER_A, box) == "40005"
    assert do(ledger, WHOLESALER_A, Operation.SALE_CANCEL, box, HOSPITAL) == "00000"
    assert verify(ledger, WHOLESALER_A, box) == "40005"
    assert do(ledger, WHOLESALER_A, Operation.SALE, box, PHARMACY) == "10205"  # cannot sell it on
    assert do(ledger, WHOLESALER_A, Operation.RETURN, box, MAKER) == "00000"
    assert verify(ledger, WHOLESALER_A, box) == "10205"
    assert do(ledger, MAKER, Operation.SALE_CANCEL, box, WHOLESALER_A) == "00000"
    assert do(ledger, MAKER, Operation.DEACTIVATE, box) == "00000"
    assert verify(ledger, WHOLESALER_A, box) == "10205"
    assert do(ledger, MAKER, Operation.SALE, box, WHOLESALER_A) == "10205"
    history = ledger.item(GTIN, "SN1")["history"]
    assert [entry["operation"] for entry in history][:3] == ["produce", "verify", "sale"]
    assert history[-1]["code"] == "10205"


def test_purchase_codes(ledger):
    box = make(ledger, "P1")
    assert do(ledger, PHARMACY, Operation.RECEIVE, box, MAKER) == "10306"  # not shipped yet
    assert do(ledger, MAKER, Operation.SALE, box, WHOLESALER_A) == "00000"
    assert do(ledger, WHOLESALER_A, Operation.RECEIVE, box, WHOLESALER_B) == "10301"  # wrong seller
    assert do(ledger, WHOLESALER_B, Operation.RECEIVE, box, MAKER) == "10307"  # on its way to another wholesaler
    assert do(ledger, WHOLESALER_A, Operation.RECEIVE, box, MAKER) == "00000"
    assert do(ledger, WHOLESALER_A, Operation.RECEIVE, box, MAKER) == "10210"  # re-sent: already in your stock
    assert do(ledger, WHOLESALER_A, Operation.SALE, box, PHARMACY) == "00000"
    assert do(ledger, PHARMACY, Operation.RECEIVE, box, WHOLESALER_A) == "00000"
    assert do(ledger, HOSPITAL, Operation.RECEIVE, box, PHARMACY) == "10209"  # in a pharmacy's stock
    assert do(ledger, PHARMACY, Operation.RECEIVE, Line(GTIN, "NOPE", "LOT1", XD)) == "10201"
    assert do(ledger, PHARMACY, Operation.RECEIVE, Line(GTIN, "P1", "OTHERLOT", XD)) == "10203"


def test_pharmacy_sale_and_cancel(ledger):
    box = make(ledger, "S1")
    stock(ledger, box, PHARMACY)
    assert do(ledger, PHARMACY_2, Operation.SALE, box, WALK_IN) == "10308"
    assert do(ledger, PHARMACY, Operation.SALE, box, WALK_IN) == "00000"
    assert ledger.item(GTIN, "S1")["status"] == "sold"
    assert do(ledger, PHARMACY, Operation.SALE, box, WALK_IN) == "10204"  # already sold
    assert verify(ledger, PHARMACY, box) == "40004"
    assert verify(ledger, PHARMACY_2, box) == "10224"
    assert do(ledger, PHARMACY_2, Operation.SALE_CANCEL, box, WALK_IN) == "10219"
    assert do(ledger, PHARMACY, Operation.SALE_CANCEL, box, PAYER) == "10302"  # not who it was sold to
    assert do(ledger, PHARMACY, Operation.SALE_CANCEL, box, WALK_IN) == "00000"
    assert do(ledger, PHARMACY, Operation.SALE_CANCEL, box, WALK_IN) == "10210"  # in stock again
    assert do(ledger, PHARMACY, Operation.SALE, box, PAYER) == "00000"  # to SGK: also a final sale
    assert do(ledger, PHARMACY, Operation.RETURN, box, WHOLESALER_A) == "10204"


def test_sale_to_a_payer_is_cancelled_per_prescription_only(ledger):
    box = make(ledger, "P1")
    stock(ledger, box, PHARMACY)
    assert ledger.notify(PHARMACY, Operation.SALE, [box], counterparty=PAYER, prescription="2Y7K4M")[1] == ["00000"]
    assert do(ledger, PHARMACY, Operation.SALE_CANCEL, box, PAYER) == "10220"  # boxes listed, no RKN
    wrong = ledger.notify(PHARMACY, Operation.SALE_CANCEL, [box], counterparty=PAYER, prescription="OTHER")
    assert wrong[1] == ["10220"]
    whole = [Line(item.gtin, item.sn) for item in ledger.prescription_sales(PAYER, "2Y7K4M")]
    cancelled = ledger.notify(PHARMACY, Operation.SALE_CANCEL, whole, counterparty=PAYER, prescription="2Y7K4M")
    assert cancelled[1] == ["00000"] and ledger.item(GTIN, "P1")["status"] == "in_stock"


def test_return_goes_back_by_cancelling_the_dispatch(ledger):
    box = make(ledger, "R1")
    stock(ledger, box, PHARMACY)
    assert do(ledger, PHARMACY_2, Operation.RETURN, box, WHOLESALER_A) == "10308"
    assert do(ledger, PHARMACY, Operation.RETURN, box, WHOLESALER_A) == "00000"
    assert do(ledger, PHARMACY, Operation.RETURN, box, WHOLESALER_A) == "10211"  # not in stock any more
    assert do(ledger, WHOLESALER_A, Operation.RECEIVE, box, PHARMACY) == "10211"  # take it back by cancelling
    assert do(ledger, WHOLESALER_B, Operation.SALE_CANCEL, box, PHARMACY) == "10219"
    assert do(ledger, WHOLESALER_A, Operation.SALE_CANCEL, box, PHARMACY) == "00000"
    assert ledger.item(GTIN, "R1")["owner"] == WHOLESALER_A


def test_transfer_between_pharmacies_and_its_cancel(ledger):
    box = make(ledger, "T1")
    stock(ledger, box, PHARMACY)
    assert do(ledger, PHARMACY, Operation.TRANSFER, box, PHARMACY_2) == "00000"
    assert do(ledger, PHARMACY_2, Operation.SALE, box, WALK_IN) == "10211"  # must purchase first
    assert do(ledger, PHARMACY, Operation.TRANSFER_CANCEL, box, PHARMACY_2) == "00000"
    assert do(ledger, PHARMACY, Operation.TRANSFER, box, PHARMACY_2) == "00000"
    assert do(ledger, PHARMACY_2, Operation.RECEIVE, box, PHARMACY) == "00000"
    assert do(ledger, PHARMACY, Operation.TRANSFER_CANCEL, box, PHARMACY_2) == "10308"


def test_a_cancel_takes_back_only_its_own_kind_of_notification(ledger):
    """A Devir is not a sale: cancelling it with a Satış İptal is refused (10219, not sold by you),
    and a Devir İptal takes back neither a sale (10204) nor a dispatch on its way to another pharmacy."""
    transferred, sold, dispatched = make(ledger, "K1"), make(ledger, "K2"), make(ledger, "K3")
    for box in (transferred, sold, dispatched):
        stock(ledger, box, PHARMACY)
    assert do(ledger, PHARMACY, Operation.TRANSFER, transferred, PHARMACY_2) == "00000"
    assert do(ledger, PHARMACY, Operation.SALE_CANCEL, transferred, PHARMACY_2) == "10219"
    assert ledger.item(GTIN, "K1")["pending_to"] == PHARMACY_2  # still on its way
    assert do(ledger, PHARMACY, Operation.TRANSFER_CANCEL, transferred, PHARMACY_2) == "00000"
    assert do(ledger, PHARMACY, Operation.SALE, sold, WALK_IN) == "00000"
    assert do(ledger, PHARMACY, Operation.TRANSFER_CANCEL, sold, WALK_IN) == "10204"
    assert do(ledger, PHARMACY, Operation.SALE, dispatched, PHARMACY_2) == "00000"  # a sale to a pharmacy
    assert do(ledger, PHARMACY, Operation.TRANSFER_CANCEL, dispatched, PHARMACY_2) == "10308"
    assert do(ledger, PHARMACY, Operation.SALE_CANCEL, dispatched, PHARMACY_2) == "00000"


def test_consumption_and_terminal_states(ledger):
    consumed, exported = make(ledger, "C1"), make(ledger, "X1")
    stock(ledger, consumed, HOSPITAL)
    assert do(ledger, HOSPITAL, Operation.CONSUME, consumed) == "00000"
    assert do(ledger, HOSPITAL, Operation.CONSUME, consumed) == "10231"  # by you
    assert do(ledger, PHARMACY, Operation.RECEIVE, consumed) == "10230"
    assert verify(ledger, HOSPITAL, consumed) == "10231"
    assert verify(ledger, PHARMACY, consumed) == "10230"
    stock(ledger, exported, WHOLESALER_A)
    assert do(ledger, WHOLESALER_A, Operation.EXPORT, exported) == "00000"
    assert do(ledger, WHOLESALER_A, Operation.SALE, exported, PHARMACY) == "10207"
    assert verify(ledger, WHOLESALER_A, exported) == "10207"


def test_expired_box_allows_only_return_cancel_and_deactivation(ledger):
    box = make(ledger, "E1", xd=TODAY + timedelta(days=3))
    stock(ledger, box, PHARMACY)
    ledger._today = lambda: TODAY + timedelta(days=10)
    assert verify(ledger, PHARMACY, box) == "40006"
    assert do(ledger, PHARMACY, Operation.SALE, box, WALK_IN) == "10202"
    assert do(ledger, PHARMACY, Operation.RETURN, box, WHOLESALER_A) == "00000"
    assert verify(ledger, WHOLESALER_A, box) == "40006"  # may still cancel its dispatch
    assert do(ledger, WHOLESALER_A, Operation.SALE_CANCEL, box, PHARMACY) == "00000"
    assert do(ledger, WHOLESALER_A, Operation.DEACTIVATE, box) == "00000"


def test_expired_box_in_transit_cannot_be_purchased(ledger):
    box = make(ledger, "E2", xd=TODAY - timedelta(days=1))
    assert do(ledger, MAKER, Operation.SALE, box, WHOLESALER_A) == "10202"
    assert do(ledger, MAKER, Operation.DEACTIVATE, box) == "00000"


def test_recall_at_one_level_binds_only_that_kind(ledger):
    box, other = make(ledger, "L1", bn="LOT9"), make(ledger, "L2", bn="LOT9")
    stock(ledger, box, WHOLESALER_A)
    stock(ledger, other, PHARMACY)
    assert do(ledger, WHOLESALER_A, Operation.SALE, box, PHARMACY) == "00000"
    ledger.recall(GTIN, "LOT9", "pharmacy")
    assert verify(ledger, WHOLESALER_A, box) == "40008"  # recalled at another level, between us
    assert verify(ledger, PHARMACY, box) == "10205"  # the pharmacy level may not purchase it
    assert do(ledger, PHARMACY, Operation.RECEIVE, box, WHOLESALER_A) == "10205"
    assert verify(ledger, PHARMACY, other) == "40007"  # registered on you and recalled
    assert do(ledger, PHARMACY, Operation.SALE, other, WALK_IN) == "10205"
    assert do(ledger, WHOLESALER_A, Operation.SALE_CANCEL, box, PHARMACY) == "00000"
    assert verify(ledger, WHOLESALER_A, box) == "40009"  # yours, recalled at another level
    assert do(ledger, WHOLESALER_A, Operation.SALE, box, HOSPITAL) == "00000"  # forward still allowed


def test_phase_one_box_goes_to_the_unclaimed_pool(ledger):
    box = make(ledger, "F1", phase=1)
    assert do(ledger, MAKER, Operation.SALE, box, WHOLESALER_A) == "00000"
    assert verify(ledger, WHOLESALER_B, box) == "40002"  # anyone may purchase from the pool
    assert do(ledger, WHOLESALER_B, Operation.RECEIVE, box) == "00000"
    assert ledger.item(GTIN, "F1")["owner"] == WHOLESALER_B


def test_unknown_actor_and_bad_recall_level_are_refused(ledger):
    with pytest.raises(KeyError):
        ledger.notify(gln("869000000099"), Operation.RECEIVE, [])
    with pytest.raises(ValueError):
        ledger.recall(GTIN, "LOT1", "galaxy")


def test_duplicate_serial_in_production_and_counters(ledger):
    make(ledger, "D1")
    assert ledger.produce(MAKER, [Line(GTIN, "D1", "LOT1", XD)]) == ["10007"]
    ledger.notify(PHARMACY, Operation.VERIFY, [Line(GTIN, "D1"), Line(GTIN, "ZZ")], service="br.verify")
    stats = ledger.stats()
    assert stats["per_service"]["br.verify"] == {"notifications": 1, "item_operations": 2}
    assert stats["codes"]["10201"] == 1


def test_ten_thousand_item_notification(ledger):
    lines = [Line(GTIN, f"B{n:06d}", "LOT1", XD) for n in range(10_000)]
    ledger.produce(MAKER, lines)
    _, codes = ledger.notify(MAKER, Operation.SALE, lines, counterparty=PHARMACY)
    assert set(codes) == {"00000"}
    notification_id, codes = ledger.notify(PHARMACY, Operation.RECEIVE, lines, counterparty=MAKER)
    assert set(codes) == {"00000"} and len(codes) == 10_000
    assert ledger.item(GTIN, "B009999")["owner"] == PHARMACY
