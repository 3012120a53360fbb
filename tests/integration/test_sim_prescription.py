"""The pharmacy sale's prescription rules (its-protocol.md §6, the guide's Eczane Satış and İlaç
Satış Sorgulama) and the other party's kind and status, as the simulator answers them over HTTP."""

from __future__ import annotations

import pytest

from pharmadesk.gs1 import check_digit
from pharmadesk.sim import sandbox as world
from sim_wire import BR, admin, br_envelope, codes, fault_code, in_stock, request, urun

SALE = "/EczaneSatis/EczaneSatisReceiverService"
CANCEL = "/EczaneSatisIptal/EczaneSatisIptalReceiverService"
WALK_IN = "0" * 13
RKN = "2Y7K4M"


def belge(eid: str = "", rkn: str = "", *, dr: str = "", cp: str = "") -> str:
    return (f"<BELGE><DD>2025-05-30</DD><DN>132123</DN><DR>{dr}</DR><CP>{cp}</CP>"
            f"<EID>{eid}</EID><RKN>{rkn}</RKN></BELGE>")


def sell(sim, boxes: list, to: str, document: str, *, pharmacy: str = world.PHARMACY) -> tuple[int, bytes]:
    envelope = br_envelope("ecz", f"{BR}/Satis/EczaneSatis", "EczaneSatisBildirim",
                           f"<DT>S</DT><FR>{pharmacy}</FR><TO>{to}</TO>{document}", "".join(map(urun, boxes)))
    return request(sim, "POST", SALE, envelope, user=f"{pharmacy}0000")


def cancel(sim, boxes: list, to: str, eid: str = "", rkn: str = "") -> tuple[int, bytes]:
    envelope = br_envelope("ecz", f"{BR}/SatisIptal/EczaneSatisIptal", "EczaneSatisIptalBildirim",
                           f"<DT>C</DT><FR>{world.PHARMACY}</FR><TO>{to}</TO>"
                           f"<BELGE><EID>{eid}</EID><RKN>{rkn}</RKN></BELGE>",
                           "".join(map(urun, boxes)))
    return request(sim, "POST", CANCEL, envelope)


def refused(answer: tuple[int, bytes]) -> str:
    status, body = answer
    assert status == 500, body
    return fault_code(body)


def test_payer_sale_needs_eid_and_rkn_and_other_sales_must_leave_them_empty(simulator):
    box = in_stock(simulator, world.PHARMACY, 1)
    assert refused(sell(simulator, box, world.PAYER, belge())) == "11026"
    assert refused(sell(simulator, box, world.PAYER, belge(world.PHARMACY))) == "11026"  # RKN missing
    assert refused(sell(simulator, box, world.PAYER, "")) == "11026"  # no BELGE at all
    assert refused(sell(simulator, box, WALK_IN, belge(rkn=RKN))) == "11034"  # a walk-in sale
    assert refused(sell(simulator, box, world.OTHER_PHARMACY, belge(world.PHARMACY, RKN))) == "11025"
    assert simulator.ledger.item(box[0].gtin, box[0].sn)["status"] == "in_stock"  # nothing was booked
    status, body = sell(simulator, box, world.PAYER, belge(world.PHARMACY, RKN, dr="12345678950", cp="10000000146"))
    assert status == 200 and codes(body) == ["00000"]


def test_a_prescription_number_is_used_once(simulator):
    first, added = in_stock(simulator, world.PHARMACY, 2)
    assert codes(sell(simulator, [first], world.PAYER, belge(world.PHARMACY, RKN))[1]) == ["00000"]
    # Boxes are not added to a prescription already sold: it is cancelled and sold again.
    assert refused(sell(simulator, [added], world.PAYER, belge(world.PHARMACY, RKN))) == "11027"
    # The same sale sent again (its answer was lost) is answered box by box: already sold.
    status, body = sell(simulator, [first], world.PAYER, belge(world.PHARMACY, RKN))
    assert status == 200 and codes(body) == ["10204"]
    # Another pharmacy's sale on the same payer's prescription number.
    other = in_stock(simulator, world.OTHER_PHARMACY, 1)
    answer = sell(simulator, other, world.PAYER, belge(world.OTHER_PHARMACY, RKN), pharmacy=world.OTHER_PHARMACY)
    assert refused(answer) == "11213"


def test_payer_sale_is_cancelled_as_a_whole_prescription_until_the_payer_queries_it(simulator):
    boxes = in_stock(simulator, world.PHARMACY, 2)
    assert codes(sell(simulator, boxes, world.PAYER, belge(world.PHARMACY, RKN))[1]) == ["00000", "00000"]
    # Single boxes: listed to the payer (11033), or as a walk-in cancel (10220 per box).
    assert refused(cancel(simulator, boxes[:1], world.PAYER, world.PHARMACY, RKN)) == "11033"
    assert codes(cancel(simulator, boxes[:1], WALK_IN)[1]) == ["10220"]
    status, body = cancel(simulator, [], world.PAYER, world.PHARMACY, RKN)
    assert status == 200 and codes(body) == ["00000", "00000"]
    assert codes(sell(simulator, boxes, world.PAYER, belge(world.PHARMACY, RKN))[1]) == ["00000", "00000"]
    query = admin(simulator, "/admin/prescription-query",
                  {"payer": world.PAYER, "pharmacy": world.PHARMACY, "rkn": RKN})
    assert query["locked"] and sorted(box["sn"] for box in query["boxes"]) == sorted(box.sn for box in boxes)
    assert refused(cancel(simulator, [], world.PAYER, world.PHARMACY, RKN)) == "11217"
    assert all(simulator.ledger.item(box.gtin, box.sn)["status"] == "sold" for box in boxes)


def test_query_of_a_prescription_nobody_sold_is_not_found(simulator):
    status, body = request(simulator, "POST", "/admin/prescription-query",
                           f'{{"payer": "{world.PAYER}", "pharmacy": "{world.PHARMACY}", "rkn": "YOK"}}',
                           user=None, content_type="application/json")
    assert status == 404 and b"11030" in body


# ---- the other party: known, active, of a kind the service deals with ----

INACTIVE_PHARMACY = "869000300077" + str(check_digit("869000300077"))
INACTIVE_WHOLESALER = "869000200077" + str(check_digit("869000200077"))


def receive(sim, station: str, seller: str, box) -> tuple[int, bytes]:
    envelope = br_envelope("ecz", f"{BR}/Alim/Eczane", "EczaneMalAlimBildirim",
                           f"<DT>A</DT><FR>{seller}</FR><TO>{station}</TO>", urun(box))
    return request(sim, "POST", "/EczaneMalAlim/EczaneMalAlimReceiverService", envelope, user=f"{station}0000")


def depot_sale(sim, buyer: str, box) -> tuple[int, bytes]:
    envelope = br_envelope("dep", f"{BR}/Satis/DepoSatis", "SatisBildirim",
                           f"<DT>S</DT><FR>{world.WAREHOUSE}</FR><TO>{buyer}</TO>", urun(box))
    return request(sim, "POST", "/DepoSatis/DepoSatisReceiverService", envelope, user=f"{world.WAREHOUSE}0000")


@pytest.fixture
def deactivated(simulator):
    for gln, kind in ((INACTIVE_PHARMACY, "pharmacy"), (INACTIVE_WHOLESALER, "wholesaler")):
        party = admin(simulator, "/admin/stakeholder", {"gln": gln, "kind": kind, "name": "KAPANMIŞ", "active": False})
        assert party["active"] is False
    return simulator


def test_other_party_of_the_wrong_kind_or_deactivated_is_refused(deactivated):
    sim = deactivated
    box = next(item for item in sim.ledger.items.values() if item.pending_to == world.PHARMACY)
    # A pharmacy buys from a depot or a pharmacy, not from a hospital.
    assert refused(receive(sim, world.PHARMACY, world.HOSPITAL, box)) == "11907"
    assert refused(receive(sim, world.PHARMACY, INACTIVE_WHOLESALER, box)) == "11905"
    stock = in_stock(sim, world.WAREHOUSE, 1)[0]
    assert refused(depot_sale(sim, world.PAYER, stock)) == "11906"  # a depot does not sell to a payer
    assert refused(depot_sale(sim, INACTIVE_PHARMACY, stock)) == "11904"
    assert refused(depot_sale(sim, "869000300099" + str(check_digit("869000300099")), stock)) == "11902"
    assert codes(depot_sale(sim, world.PHARMACY, stock)[1]) == ["00000"]


def test_deactivated_stakeholder_s_user_gets_11001(deactivated):
    box = in_stock(deactivated, world.PHARMACY, 1)[0]
    envelope = br_envelope("urun", f"{BR}/UrunDogrulama/Genel", "UrunDogrulamaBildirim",
                           f"<DT>V</DT><FR>{INACTIVE_PHARMACY}</FR>", urun(box))
    status, body = request(deactivated, "POST", "/UrunDogrulama/UrunDogrulamaReceiverService", envelope,
                           user=f"{INACTIVE_PHARMACY}0000")
    assert status == 500 and fault_code(body) == "11001"
