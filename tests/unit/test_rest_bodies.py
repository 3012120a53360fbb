"""What PharmaDesk puts on the wire for every ITS2 REST service: each JSON body is compared,
field order included, with a stored, hand-checked body, and checked where the protocol
notes have rules (xd as yyyy-MM-dd, the walk-in buyer, a prescription-wide cancel)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from its_cases import DEPOT, DOCUMENT, HOSPITAL, OTHER_HOSPITAL, OTHER_PHARMACY, PHARMACY, PRODUCTS, REIMBURSED, \
    CASH, Case, H, P, W
from pharmadesk.domain import Header, Operation, Product, Stakeholder
from pharmadesk.its import rest_messages
from pharmadesk.its.errors import ItsConfigError
from pharmadesk.its.rest import RestClient
from pharmadesk.its.rest_services import all_rest_services, rest_service_for

STORED = Path(__file__).parent / "data" / "its2"
ITS2 = "its2"

CASES = (
    Case("its2.accept", P, ITS2, Operation.RECEIVE, Header(counterparty_gln=DEPOT, **DOCUMENT)),
    Case("its2.return", H, ITS2, Operation.RETURN, Header(counterparty_gln=DEPOT, **DOCUMENT)),
    Case("its2.transfer", P, ITS2, Operation.TRANSFER, Header(counterparty_gln=OTHER_PHARMACY)),
    Case("its2.transfercancel", H, ITS2, Operation.TRANSFER_CANCEL, Header(counterparty_gln=OTHER_HOSPITAL)),
    Case("its2.dispatch", W, ITS2, Operation.SALE, Header(counterparty_gln=PHARMACY, **DOCUMENT)),
    Case("its2.dispatchcancel", W, ITS2, Operation.SALE_CANCEL, Header(counterparty_gln=PHARMACY)),
    Case("its2.pharmacysale.cash", P, ITS2, Operation.SALE, Header(sale=CASH, document_number="F1001")),
    Case("its2.pharmacysale.reimbursement", P, ITS2, Operation.SALE,
         Header(sale=REIMBURSED, document_number="F1002", document_date=date(2024, 5, 6))),
    Case("its2.pharmacysalecancel.cash", P, ITS2, Operation.SALE_CANCEL, Header(sale=CASH)),
    Case("its2.pharmacysalecancel.reimbursement", P, ITS2, Operation.SALE_CANCEL, Header(sale=REIMBURSED)),
    Case("its2.consume", H, ITS2, Operation.CONSUME, Header(note="Dahiliye servisi", **DOCUMENT)),
    Case("its2.deactivation", P, ITS2, Operation.DEACTIVATE, Header(deactivation_reason="40", **DOCUMENT)),
    Case("its2.export", W, ITS2, Operation.EXPORT, Header(note="Yunanistan ABC Şirketine İhraç", **DOCUMENT)),
    Case("its2.verification", P, ITS2, Operation.VERIFY, Header()),
)


def client_for(case: Case) -> RestClient:
    return RestClient("http://127.0.0.1:9", case.gln + "0000", "sandbox", gln=case.gln,
                      stakeholder=case.stakeholder)


def body_for(case: Case, products=PRODUCTS) -> bytes:
    products = [] if case.name.endswith("cancel.reimbursement") else products
    return client_for(case).build_request(rest_service_for(case.operation, case.stakeholder), case.header, products)


def ordered(text: bytes | str) -> list:
    """The JSON with the order of every object's fields kept."""
    return json.loads(text, object_pairs_hook=lambda pairs: [(k, v) for k, v in pairs])


def test_every_rest_service_has_a_stored_body():
    assert {".".join(case.name.split(".")[:2]) for case in CASES} == {s.key for s in all_rest_services()}
    assert {path.stem for path in STORED.glob("*.json")} == {case.name for case in CASES} | {"its2.check_status"}


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_body_matches_the_stored_body(case):
    assert ordered(body_for(case)) == ordered((STORED / f"{case.name}.json").read_text(encoding="utf-8"))


def test_status_query_body_matches_the_stored_body():
    sent = rest_messages.with_products({}, PRODUCTS, ("gtin", "sn"))
    assert ordered(sent) == ordered((STORED / "its2.check_status.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_expiry_is_a_plain_date_and_every_box_has_the_services_fields(case):
    items = json.loads(body_for(case))["productList"]
    service = rest_service_for(case.operation, case.stakeholder)
    for item in items:
        assert tuple(item) == service.item_fields
        if "xd" in item:
            assert date.fromisoformat(item["xd"]).isoformat() == item["xd"] and len(item["xd"]) == 10


def test_a_cash_sale_goes_to_the_walk_in_buyer_and_a_payer_sale_carries_the_prescription():
    cash = json.loads(body_for(CASES[6]))
    assert (cash["dt"], cash["fr"], cash["to"]) == ("S", PHARMACY, "0" * 13)
    paid = json.loads(body_for(CASES[7]))
    assert paid["document"]["rkn"] == "1A2B3C4D" and paid["document"]["dd"] == "2024-05-06"
    cancel = json.loads(body_for(CASES[9]))
    assert cancel["productList"] == [] and cancel["dt"] == "C"


def test_a_body_breaking_an_its_rule_is_refused_before_sending():
    client = RestClient("http://127.0.0.1:9", HOSPITAL + "0000", "x", gln=HOSPITAL, stakeholder=Stakeholder.HOSPITAL)
    deactivation = rest_service_for(Operation.DEACTIVATE, Stakeholder.HOSPITAL)
    with pytest.raises(ItsConfigError) as refused:
        client.build_request(deactivation, Header(deactivation_reason="99"), PRODUCTS)
    assert refused.value.code == "11022"
    with pytest.raises(ItsConfigError) as refused:
        client.build_request(deactivation, Header(deactivation_reason="10"),
                             [Product(PRODUCTS[0].gtin, "bad serial", "BN01", date(2027, 6, 30))])
    assert refused.value.code == "11032"
    transfer = rest_service_for(Operation.TRANSFER, Stakeholder.HOSPITAL)
    with pytest.raises(ItsConfigError) as refused:
        client.build_request(transfer, Header(), PRODUCTS)
    assert refused.value.code == "11019"


def test_a_pharmacy_has_no_export_and_a_station_has_no_stranger_user():
    with pytest.raises(ItsConfigError):
        rest_service_for(Operation.EXPORT, Stakeholder.PHARMACY)
    with pytest.raises(ItsConfigError):
        RestClient("http://127.0.0.1:9", DEPOT + "0000", "x", gln=PHARMACY, stakeholder=Stakeholder.PHARMACY)
