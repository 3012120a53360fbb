"""PharmaDesk's ITS client (zeep) against the simulator over real HTTP: every service of both
generations, the article's worked example end to end, per-item codes, faults and logins."""

from __future__ import annotations

import dataclasses
import json
import shutil
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

import pytest
import requests
from lxml import etree

from pharmadesk.domain import Header, Operation, Product, SaleDetails, Stakeholder
from pharmadesk.gs1 import Gs1Error, check_digit, parse
from pharmadesk.its import client as client_module
from pharmadesk.its import services
from pharmadesk.its.client import SOAP_ENV, WSDL_DIR, Exchange, ItsClient
from pharmadesk.its.connect import open_client
from pharmadesk.its.errors import (
    ItsAuthError, ItsConfigError, ItsError, ItsFault, ItsResponseError, ItsTransportError,
)
from pharmadesk.its.services import all_services, service_for
from pharmadesk.its.services import service as service_named
from pharmadesk.sim import sandbox as world
from pharmadesk.sim.server import start_simulator

STATION_OF = {Stakeholder.PHARMACY: world.PHARMACY, Stakeholder.HOSPITAL: world.HOSPITAL,
              Stakeholder.WAREHOUSE: world.WAREHOUSE}


def gln(body: str) -> str:
    return body + str(check_digit(body))


def admin(sim, path: str, payload: dict | None = None) -> dict:
    data = json.dumps(payload).encode() if payload is not None else None
    with urllib.request.urlopen(urllib.request.Request(sim.base_url + path, data=data), timeout=10) as response:
        return json.loads(response.read())


def client(sim, station: str, stakeholder: Stakeholder, protocol: str = "br-v1", **options) -> ItsClient:
    """The client a station on `protocol` uses (REST for its2, tests/integration/test_rest_sim.py)."""
    return open_client(sim.base_url, f"{station}0000", options.pop("password", world.SANDBOX_PASSWORD),
                       gln=station, stakeholder=stakeholder, protocol=protocol, **options)


def products(karekods: list[str]) -> list[Product]:
    """Through the real karekod parser, as a scan would go."""
    return [Product(k.gtin, k.serial, k.batch, k.expiry) for k in map(parse, karekods)]


def ship(sim, to: str, count: int = 1, **flags) -> list[Product]:
    return shipped(sim, to, count, **flags)[1]


def shipped(sim, to: str, count: int = 1, **flags) -> tuple[str, list[Product]]:
    """(the wholesaler that dispatched them, the boxes): the seller a purchase must name in FR."""
    answer = admin(sim, "/admin/ship", {"to": to, "count": count, **flags})
    return answer["from"], products(answer["karekods"])


def codes(result) -> list[str]:
    return [item.code for item in result.items]


def item(sim, product: Product) -> dict:
    return admin(sim, f"/admin/item?gtin={product.gtin}&sn={product.serial}")


@pytest.fixture
def sim(simulator):
    return simulator


# ---- every service, both generations ----

def _exercise_station(sim, stakeholder: Stakeholder, protocol: str, exchanges: list[Exchange]) -> None:
    station = STATION_OF[stakeholder]
    its = client(sim, station, stakeholder, protocol, on_exchange=exchanges.append)
    supplier, boxes = shipped(sim, station, 6)  # a phase-2 box: the purchase must name this seller

    def ok(operation: Operation, header: Header, chosen: list[Product]) -> None:
        assert codes(its.notify(operation, header, chosen)) == ["00000"] * len(chosen), operation

    ok(Operation.RECEIVE, Header(counterparty_gln=supplier, document_number="IRS-1"), boxes)
    assert codes(its.verify(boxes[:1])) == ["40001"]
    ok(Operation.RETURN, Header(counterparty_gln=supplier), boxes[:1])
    ok(Operation.DEACTIVATE, Header(deactivation_reason="10"), boxes[1:2])
    if stakeholder is Stakeholder.PHARMACY:
        ok(Operation.SALE, Header(), boxes[2:3])  # walk-in
        ok(Operation.SALE_CANCEL, Header(), boxes[2:3])
        ok(Operation.TRANSFER, Header(counterparty_gln=world.OTHER_PHARMACY), boxes[3:4])
        ok(Operation.TRANSFER_CANCEL, Header(counterparty_gln=world.OTHER_PHARMACY), boxes[3:4])
    elif stakeholder is Stakeholder.HOSPITAL:
        other_hospital = gln("869000400099")
        admin(sim, "/admin/stakeholder", {"gln": other_hospital, "kind": "hospital", "name": "İKİNCİ HASTANE"})
        ok(Operation.CONSUME, Header(note="Servis 3"), boxes[2:3])
        ok(Operation.TRANSFER, Header(counterparty_gln=other_hospital), boxes[3:4])
        ok(Operation.TRANSFER_CANCEL, Header(counterparty_gln=other_hospital), boxes[3:4])
    else:
        ok(Operation.SALE, Header(counterparty_gln=world.PHARMACY), boxes[2:3])
        ok(Operation.SALE_CANCEL, Header(counterparty_gln=world.PHARMACY), boxes[2:3])
        ok(Operation.EXPORT, Header(note="Yunanistan ABC şirketine ihraç"), boxes[3:4])
    its.close()


def test_every_service_of_both_generations_answers_through_the_client(sim):
    exchanges: list[Exchange] = []
    for protocol in ("br-v1", "its-1.2"):
        for stakeholder in Stakeholder:
            _exercise_station(sim, stakeholder, protocol, exchanges)
    used = set(admin(sim, "/admin/stats")["per_service"])
    assert used == {service.key for service in all_services()}
    # Each answer is what the service's own schema says ITS sends back.
    for exchange in exchanges:
        xsd = (WSDL_DIR / service_named(exchange.service).wsdl_file).with_suffix(".xsd")
        schema = etree.XMLSchema(etree.parse(str(xsd)))
        answer = etree.fromstring(exchange.response_xml.encode()).find(f"{{{SOAP_ENV}}}Body")[0]
        schema.assertValid(answer)
    assert {exchange.service for exchange in exchanges} == used


def test_its_12_station_falls_back_to_br_v1_for_sarf_deactivation_and_verification(sim):
    exchanges: list[Exchange] = []
    hospital = client(sim, world.HOSPITAL, Stakeholder.HOSPITAL, "its-1.2", on_exchange=exchanges.append)
    supplier, boxes = shipped(sim, world.HOSPITAL, 3)
    assert codes(hospital.notify(Operation.RECEIVE, Header(counterparty_gln=supplier), boxes)) == ["00000"] * 3
    assert codes(hospital.verify(boxes[:1])) == ["40001"]
    assert codes(hospital.notify(Operation.CONSUME, Header(), boxes[1:2])) == ["00000"]
    assert codes(hospital.notify(Operation.DEACTIVATE, Header(deactivation_reason="10"), boxes[2:])) == ["00000"]
    assert [(exchange.service, exchange.url.removeprefix(sim.base_url)) for exchange in exchanges] == [
        ("v12.receipt", "/ITSServices/ReceiptNotification"),
        ("br.urun_dogrulama", "/UrunDogrulama/UrunDogrulamaReceiverService"),
        ("br.hastane_sarf", "/HastaneSarf/HastaneSarfBildirimReceiverService"),
        ("br.deaktivasyon", "/DeaktivasyonBildirim/DeaktivasyonBildirimReceiverService"),
    ]


@pytest.mark.parametrize("protocol", ["br-v1", "its2"])
def test_pharmacy_sale_to_a_payer_and_cancel_by_prescription(sim, protocol):
    its = client(sim, world.PHARMACY, Stakeholder.PHARMACY, protocol)
    boxes = ship(sim, world.PHARMACY, 3)
    its.notify(Operation.RECEIVE, Header(counterparty_gln=world.SUPPLIER), boxes)
    sale = Header(sale=SaleDetails(kind="reimbursement", institution_gln=world.PAYER, prescription_no="2Y7K4M"))
    assert codes(its.notify(Operation.SALE, sale, boxes[:2])) == ["00000", "00000"]
    cancelled = its.notify(Operation.SALE_CANCEL, sale, [])
    assert sorted((r.serial, r.code) for r in cancelled.items) == sorted((b.serial, "00000") for b in boxes[:2])
    assert item(sim, boxes[0])["status"] == "in_stock"
    assert codes(its.notify(Operation.SALE, sale, boxes[2:])) == ["00000"]
    # Listing the box in a walk-in style cancel is refused: a payer's sale goes back per prescription.
    assert codes(its.notify(Operation.SALE_CANCEL, Header(), boxes[2:])) == ["10220"]


# ---- the article's worked example, every actor over HTTP ----

def test_article_worked_example_end_to_end(sim):
    maker = client(sim, world.MANUFACTURER, Stakeholder.WAREHOUSE, "its-1.2")  # 1.2 services take any stakeholder
    wholesaler = client(sim, world.WAREHOUSE, Stakeholder.WAREHOUSE)
    pharmacy = client(sim, world.PHARMACY, Stakeholder.PHARMACY)
    hospital = client(sim, world.HOSPITAL, Stakeholder.HOSPITAL, "its-1.2")
    box = products(admin(sim, "/admin/produce", {"manufacturer": world.MANUFACTURER, "count": 1})["karekods"])

    def wholesaler_sees(expected: str) -> None:
        assert codes(wholesaler.verify(box)) == [expected]

    def done(its: ItsClient, operation: Operation, counterparty: str | None = None, **header) -> None:
        assert codes(its.notify(operation, Header(counterparty_gln=counterparty, **header), box)) == ["00000"]

    wholesaler_sees("10306")
    done(maker, Operation.SALE, world.WAREHOUSE)
    wholesaler_sees("40002")
    done(wholesaler, Operation.RECEIVE, world.MANUFACTURER)
    wholesaler_sees("40001")
    done(wholesaler, Operation.SALE, world.PHARMACY)
    wholesaler_sees("40003")
    done(pharmacy, Operation.RECEIVE, world.WAREHOUSE)
    wholesaler_sees("10308")
    done(pharmacy, Operation.RETURN, world.WAREHOUSE)
    wholesaler_sees("40003")
    done(wholesaler, Operation.SALE_CANCEL, world.PHARMACY)
    wholesaler_sees("40001")
    done(wholesaler, Operation.SALE, world.HOSPITAL)
    wholesaler_sees("40003")
    done(hospital, Operation.RECEIVE)
    wholesaler_sees("10309")
    admin(sim, "/admin/recall", {"gtin": box[0].gtin, "batch": box[0].batch, "level": "all"})
    wholesaler_sees("10205")
    assert codes(hospital.notify(Operation.CONSUME, Header(), box)) == ["10205"]
    done(hospital, Operation.RETURN, world.WAREHOUSE)
    wholesaler_sees("40005")
    done(wholesaler, Operation.SALE_CANCEL, world.HOSPITAL)
    wholesaler_sees("40005")
    assert codes(wholesaler.notify(Operation.SALE, Header(counterparty_gln=world.PHARMACY), box)) == ["10205"]
    done(wholesaler, Operation.RETURN, world.MANUFACTURER)
    wholesaler_sees("10205")
    done(maker, Operation.SALE_CANCEL)
    done(maker, Operation.DEACTIVATE, deactivation_reason="30")
    wholesaler_sees("10205")
    history = item(sim, box[0])["history"]
    assert history[-2]["operation"] == "deactivate" and history[-2]["actor"] == world.MANUFACTURER
    for its in (maker, wholesaler, pharmacy, hospital):
        its.close()


# ---- per-item codes ----

def test_sandbox_boxes_answer_as_their_notes_say(sim):
    its = client(sim, world.PHARMACY, Stakeholder.PHARMACY)
    expected = {"ok": "00000", "expired": "10202", "recalled": "10205", "foreign": "10308"}
    boxes = [box for box in sim.sandbox_boxes(world.PHARMACY) if box["suggested"] == "receive"]
    for box in sim.sandbox_boxes(world.PHARMACY):
        if box["note"] == "unreadable":
            with pytest.raises(Gs1Error):
                parse(box["karekod"])
    result = its.notify(Operation.RECEIVE, Header(counterparty_gln=world.SUPPLIER),
                        products([box["karekod"] for box in boxes]))
    assert [r.code for r in result.items] == [expected[box["note"]] for box in boxes]
    assert set(expected) == {box["note"] for box in boxes}


def test_common_item_codes(sim):
    its = client(sim, world.PHARMACY, Stakeholder.PHARMACY)
    first, second = ship(sim, world.PHARMACY, 2)
    unknown = Product(first.gtin, "NOSUCHSERIAL", first.batch, first.expiry)
    wrong_lot = Product(first.gtin, first.serial, "OTHERLOT", first.expiry)
    result = its.notify(Operation.RECEIVE, Header(counterparty_gln=world.WAREHOUSE), [first, unknown])
    assert codes(result) == ["10301", "10201"]  # wrong seller, unknown box
    # The same box with another lot is the same box (GTIN + SN): the client sends it on its own.
    with pytest.raises(ItsConfigError):
        its.notify(Operation.RECEIVE, Header(counterparty_gln=world.SUPPLIER), [first, wrong_lot])
    assert admin(sim, "/admin/stats")["notifications"] == 1  # the refused one never left
    assert codes(its.notify(Operation.RECEIVE, Header(counterparty_gln=world.SUPPLIER), [wrong_lot])) == ["10203"]
    assert codes(its.notify(Operation.SALE, Header(), [first])) == ["10211"]  # not purchased yet
    assert codes(its.notify(Operation.RECEIVE, Header(counterparty_gln=world.SUPPLIER), [first, second])) == ["00000"] * 2
    assert codes(its.notify(Operation.RECEIVE, Header(counterparty_gln=world.SUPPLIER), [first])) == ["10210"]
    assert codes(its.notify(Operation.SALE_CANCEL, Header(), [first])) == ["10210"]  # still in stock
    assert codes(its.notify(Operation.SALE, Header(), [first])) == ["00000"]
    assert codes(its.notify(Operation.SALE, Header(), [first])) == ["10204"]
    assert codes(its.verify([first, second])) == ["40004", "40001"]
    other = client(sim, world.OTHER_PHARMACY, Stakeholder.PHARMACY)
    assert codes(other.notify(Operation.SALE_CANCEL, Header(), [first])) == ["10219"]
    assert codes(other.verify([first])) == ["10224"]


def test_recall_at_one_level_and_expiry_through_the_client():
    """The 40xxx warnings the worked example does not reach: 40006 to 40009."""
    clock = [date.today()]
    sim = start_simulator(today=lambda: clock[0])
    try:
        pharmacy = client(sim, world.PHARMACY, Stakeholder.PHARMACY)
        bought = {lot: ship(sim, world.PHARMACY, batch=lot)[0] for lot in ("RCLPHARM", "RCLWHOLE", "OLD")}
        pharmacy.notify(Operation.RECEIVE, Header(counterparty_gln=world.SUPPLIER), list(bought.values()))
        on_the_way = ship(sim, world.PHARMACY, batch="RCLHOSP")
        for lot, level in (("RCLPHARM", "pharmacy"), ("RCLWHOLE", "wholesaler"), ("RCLHOSP", "hospital")):
            box = on_the_way[0] if lot == "RCLHOSP" else bought[lot]
            admin(sim, "/admin/recall", {"gtin": box.gtin, "batch": lot, "level": level})
        assert codes(pharmacy.verify([bought["RCLPHARM"], bought["RCLWHOLE"], on_the_way[0]])) == [
            "40007", "40009", "40008"]
        assert codes(pharmacy.notify(Operation.SALE, Header(), [bought["RCLPHARM"]])) == ["10205"]
        assert codes(pharmacy.notify(Operation.SALE, Header(), [bought["RCLWHOLE"]])) == ["00000"]
        assert codes(pharmacy.notify(Operation.RECEIVE, Header(counterparty_gln=world.SUPPLIER), on_the_way)) == [
            "00000"]
        assert codes(pharmacy.notify(Operation.RETURN, Header(counterparty_gln=world.SUPPLIER),
                                     [bought["RCLPHARM"]])) == ["00000"]
        clock[0] = bought["OLD"].expiry + timedelta(days=1)
        assert codes(pharmacy.verify([bought["OLD"]])) == ["40006"]
        assert codes(pharmacy.notify(Operation.SALE, Header(), [bought["OLD"]])) == ["10202"]
        assert codes(pharmacy.notify(Operation.DEACTIVATE, Header(deactivation_reason="10"), [bought["OLD"]])) == [
            "00000"]
    finally:
        sim.stop()


def test_phase_one_serum_goes_to_the_unclaimed_pool(sim):
    """A phase-1 box (serum) dispatched to the hospital is in the pool: anyone may buy it."""
    serum = next(p for p in world.load_products() if p.phase == 1)
    box = ship(sim, world.HOSPITAL, gtin=serum.gtin)
    other = gln("869000400099")
    admin(sim, "/admin/stakeholder", {"gln": other, "kind": "hospital", "name": "İKİNCİ HASTANE"})
    stranger = client(sim, other, Stakeholder.HOSPITAL)
    assert codes(stranger.verify(box)) == ["40002"]
    assert codes(stranger.notify(Operation.RECEIVE, Header(counterparty_gln=world.SUPPLIER), box)) == ["00000"]
    assert item(sim, box[0])["owner"] == other


def test_parallel_notifications_are_booked_one_at_a_time(sim):
    """Two workstations of one pharmacy send the same purchase at once: ITS books it once."""
    supplier, boxes = shipped(sim, world.PHARMACY, 200)
    stations = [client(sim, world.PHARMACY, Stakeholder.PHARMACY) for _ in range(4)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda its: its.notify(Operation.RECEIVE, Header(counterparty_gln=supplier), boxes),
                                stations))
    for index in range(len(boxes)):
        assert sorted(result.items[index].code for result in results) == ["00000", "10210", "10210", "10210"]
    assert len({result.notification_id for result in results}) == 4


def test_hospital_consumption_codes(sim):
    hospital = client(sim, world.HOSPITAL, Stakeholder.HOSPITAL)
    box = ship(sim, world.HOSPITAL)
    hospital.notify(Operation.RECEIVE, Header(counterparty_gln=world.SUPPLIER), box)
    assert codes(hospital.notify(Operation.CONSUME, Header(), box)) == ["00000"]
    assert codes(hospital.notify(Operation.CONSUME, Header(), box)) == ["10231"]
    pharmacy = client(sim, world.PHARMACY, Stakeholder.PHARMACY)
    assert codes(pharmacy.notify(Operation.RECEIVE, Header(counterparty_gln=world.SUPPLIER), box)) == ["10230"]


def test_ten_thousand_box_notification(sim):
    its = client(sim, world.PHARMACY, Stakeholder.PHARMACY)
    boxes = ship(sim, world.PHARMACY, 10_000)
    result = its.notify(Operation.RECEIVE, Header(counterparty_gln=world.SUPPLIER), boxes)
    assert len(result.items) == 10_000 and {r.code for r in result.items} == {"00000"}


# ---- request-level faults ----

def test_structural_faults_reach_the_client_as_its_fault(sim):
    its = client(sim, world.PHARMACY, Stakeholder.PHARMACY)
    box = ship(sim, world.PHARMACY)
    its.notify(Operation.RECEIVE, Header(counterparty_gln=world.SUPPLIER), box)
    cases = [
        (Operation.TRANSFER, Header(counterparty_gln=gln("869999999998")), "11902"),  # nobody has that GLN
        (Operation.TRANSFER, Header(counterparty_gln=world.HOSPITAL), "11906"),  # Devir: pharmacy to pharmacy
        (Operation.RETURN, Header(counterparty_gln=world.PHARMACY), "11019"),  # to yourself
    ]
    for operation, header, expected in cases:
        with pytest.raises(ItsFault) as fault:
            its.notify(operation, header, box)
        assert fault.value.fc == expected and fault.value.structural and fault.value.fm
    lying = client(sim, world.PHARMACY, Stakeholder.HOSPITAL)  # a pharmacy calling the hospital's Sarf
    with pytest.raises(ItsFault) as fault:
        lying.notify(Operation.CONSUME, Header(), box)
    assert fault.value.fc == "11901"
    cancel = Header(sale=SaleDetails(kind="reimbursement", institution_gln=world.PAYER, prescription_no="NOSALE"))
    with pytest.raises(ItsFault) as fault:
        its.notify(Operation.SALE_CANCEL, cancel, [])
    assert fault.value.fc == "11030"
    assert item(sim, box[0])["status"] == "in_stock"  # nothing happened to the box


def _tamper(body: bytes, change) -> bytes:
    envelope = etree.fromstring(body)
    change(envelope.find(f"{{{SOAP_ENV}}}Body")[0])
    return etree.tostring(envelope, xml_declaration=True, encoding="utf-8")


def _set(path: str, value: str):
    def change(request) -> None:
        request.find(path).text = value
    return change


def _no_items(request) -> None:
    for item in request.find("URUNLER"):
        request.find("URUNLER").remove(item)


@pytest.mark.parametrize("change, user, expected", [
    (_set("DT", "S"), world.PHARMACY, "11021"),
    (_set("FR", "869000300004"), world.PHARMACY, "11018"),  # twelve digits
    (_no_items, world.PHARMACY, "11020"),
    (None, world.HOSPITAL, "11039"),  # FR is the pharmacy, the login is the hospital's
    (_set("URUNLER/URUN/GTIN", "8690000000001"), world.PHARMACY, "11013"),
    (_set("URUNLER/URUN/BN", "lot-1"), world.PHARMACY, "11036"),
    (_set("URUNLER/URUN/SN", "s 1"), world.PHARMACY, "11032"),
])
def test_structural_faults_read_by_the_client_carry_fc_and_fm(sim, change, user, expected):
    """The client refuses these before sending, so another client's request is sent here (the
    client's own, tampered with) and the simulator's HTTP answer goes through the client's reader."""
    its = client(sim, world.PHARMACY, Stakeholder.PHARMACY)
    box = ship(sim, world.PHARMACY)
    service = service_for(Operation.VERIFY, Stakeholder.PHARMACY)
    body = its.build_request(service, Header(), box)
    if change is not None:
        body = _tamper(body, change)
    answer = requests.post(sim.base_url + service.path, data=body, auth=(f"{user}0000", world.SANDBOX_PASSWORD),
                           headers={"Content-Type": "text/xml; charset=utf-8"}, timeout=10)
    with pytest.raises(ItsFault) as fault:
        its.read_response(service, answer.status_code, answer.content, box)
    assert fault.value.fc == expected and fault.value.fm and fault.value.structural
    assert expected in fault.value.message("tr") and expected in fault.value.message("en")


def test_its_12_fault_detail_is_its_error(sim):
    its = client(sim, world.HOSPITAL, Stakeholder.HOSPITAL, "its-1.2")
    box = ship(sim, world.HOSPITAL)
    with pytest.raises(ItsFault) as fault:
        its.notify(Operation.TRANSFER, Header(counterparty_gln=world.HOSPITAL), box)
    assert fault.value.fc == "11019" and fault.value.service == "v12.transfer"


# ---- logins ----

def test_wrong_password_is_an_auth_error(sim):
    with pytest.raises(ItsAuthError):
        client(sim, world.PHARMACY, Stakeholder.PHARMACY, password="yanlış").verify(ship(sim, world.PHARMACY))


def test_password_with_turkish_letters_logs_in():
    """Basic credentials go as UTF-8: a Turkish password works, a near miss does not."""
    user = f"{world.PHARMACY}0000"
    sim = start_simulator(accounts={user: "Işıklı-Ağaç-Şöğüç"})
    try:
        box = ship(sim, world.PHARMACY)
        exchanges = []
        right = ItsClient(sim.base_url, user, "Işıklı-Ağaç-Şöğüç", gln=world.PHARMACY,
                          stakeholder=Stakeholder.PHARMACY, on_exchange=exchanges.append)
        assert codes(right.verify(box)) == ["40002"]
        wrong = ItsClient(sim.base_url, user, "Isikli-Agac-Sogüc", gln=world.PHARMACY,
                          stakeholder=Stakeholder.PHARMACY, on_exchange=exchanges.append)
        with pytest.raises(ItsAuthError):
            wrong.verify(box)
        assert admin(sim, "/admin/stats")["http"]["http.401"] == 1
        assert [exchange.http_status for exchange in exchanges] == [200, 401]
        assert not any("Işıklı" in repr(exchange) or "Isikli" in repr(exchange) for exchange in exchanges)
    finally:
        sim.stop()


def test_user_name_must_start_with_the_gln(sim):
    with pytest.raises(ItsConfigError) as refused:
        ItsClient(sim.base_url, f"{world.HOSPITAL}0000", "sandbox", gln=world.PHARMACY,
                  stakeholder=Stakeholder.PHARMACY)
    assert refused.value.code == "11039"


def test_account_of_a_company_its_does_not_know_gets_11003():
    """The article: 11003 is the GLN ITS does not know; 11001 is a deactivated user."""
    stranger = gln("869777777777")
    sim = start_simulator(accounts={f"{stranger}0000": "pw"})
    try:
        its = ItsClient(sim.base_url, f"{stranger}0000", "pw", gln=stranger, stakeholder=Stakeholder.PHARMACY)
        box = ship(sim, world.PHARMACY)
        with pytest.raises(ItsFault) as fault:
            its.verify(box)
        assert fault.value.fc == "11003"
    finally:
        sim.stop()


# ---- network faults ----

def _receive_under(sim, faults: dict, **options) -> tuple[Product, Exception | None]:
    box = ship(sim, world.PHARMACY)
    admin(sim, "/admin/faults", faults)
    its = client(sim, world.PHARMACY, Stakeholder.PHARMACY, **options)
    try:
        its.notify(Operation.RECEIVE, Header(counterparty_gln=world.SUPPLIER), box)
        error = None
    except ItsTransportError as caught:
        error = caught
    finally:
        admin(sim, "/admin/faults", {})
        its.close()
    return box[0], error


@pytest.mark.parametrize("fault, committed", [
    ("http_500", False),
    ("reset_connection", False),
    ("drop_response_after_commit", True),
])
def test_network_faults_leave_the_outcome_to_reconcile(sim, fault, committed):
    box, error = _receive_under(sim, {fault: 1.0})
    assert isinstance(error, ItsTransportError)
    assert (item(sim, box)["owner"] == world.PHARMACY) is committed
    # What reconciliation does: send again; an earlier success shows as 10210 (already in your stock).
    again = client(sim, world.PHARMACY, Stakeholder.PHARMACY).notify(
        Operation.RECEIVE, Header(counterparty_gln=world.SUPPLIER), [box])
    assert codes(again) == ["10210" if committed else "00000"]
    assert admin(sim, "/admin/stats")["http"][f"fault.{fault}"] == 1


def test_half_an_answer_is_a_response_error_after_the_commit(sim):
    box = ship(sim, world.PHARMACY)
    admin(sim, "/admin/faults", {"malformed_response": 1.0})
    exchanges: list[Exchange] = []
    its = client(sim, world.PHARMACY, Stakeholder.PHARMACY, on_exchange=exchanges.append)
    with pytest.raises(ItsResponseError):
        its.notify(Operation.RECEIVE, Header(counterparty_gln=world.SUPPLIER), box)
    admin(sim, "/admin/faults", {})
    assert item(sim, box[0])["owner"] == world.PHARMACY  # ITS took it: the outcome is for reconciliation
    assert exchanges[-1].outcome == "error" and exchanges[-1].http_status == 200 and exchanges[-1].response_xml
    assert codes(its.notify(Operation.RECEIVE, Header(counterparty_gln=world.SUPPLIER), box)) == ["10210"]


def test_slow_answer_times_out_after_the_commit(sim):
    box, error = _receive_under(sim, {"delay_ms": 1500}, timeout=0.3)
    assert isinstance(error, ItsTransportError) and "0.3" in error.message("en")
    assert item(sim, box)["owner"] == world.PHARMACY


def test_seeded_faults_are_reproducible(sim):
    its = client(sim, world.PHARMACY, Stakeholder.PHARMACY)
    box = ship(sim, world.PHARMACY)

    def pattern() -> list[bool]:
        admin(sim, "/admin/faults", {"http_500": 0.5, "seed": 7})
        outcomes = []
        for _ in range(12):
            try:
                its.verify(box)
                outcomes.append(True)
            except ItsTransportError:
                outcomes.append(False)
        return outcomes

    first = pattern()
    assert first == pattern() and True in first and False in first
    admin(sim, "/admin/faults", {})


def test_expired_date_is_today_relative(sim):
    expired = ship(sim, world.PHARMACY, expired=True)[0]
    assert expired.expiry < date.today()


# ---- a wrong name on the client's side is caught by the simulator ----

_CATALOG_SLIPS = {
    # what the client gets wrong: (catalog fields, (file, text, replacement) in its copy of the WSDLs)
    "item element": ({"item_element": "PRODUCT"}, ()),
    "DT letter": ({"dt": "S"}, ()),
    "path": ({"path": "/EczaneMalAlimBildirim/EczaneMalAlimReceiverService"}, ()),  # the Deaktivasyon pattern
    "FR and TO swapped": ({"own_gln_field": "FR", "counterparty_field": "TO"}, ()),
    "namespace as the transcript prints it": (
        {"namespace": "http://its.iegm.gov.tr/bildirim/br/v1/alim/eczane"},
        (("EczaneMalAlim.wsdl", "BR/v1/Alim/Eczane", "br/v1/alim/eczane"),
         ("EczaneMalAlim.xsd", "BR/v1/Alim/Eczane", "br/v1/alim/eczane"))),
    "SOAPAction": (
        {"soap_action": "http://its.iegm.gov.tr/bildirim/BildirimReceiver/v1/EczaneMalAlimBildirRequest"},
        (("EczaneMalAlim.wsdl", "http://its.iegm.gov.tr/bildirim/BR/v1/Alim/Eczane/EczaneMalAlimBildirimRequest",
          "http://its.iegm.gov.tr/bildirim/BildirimReceiver/v1/EczaneMalAlimBildirRequest"),)),
    "request root": (
        {"request_root": "EczaneMalAlim"},
        (("EczaneMalAlim.wsdl", 'element="tns:EczaneMalAlimBildirim"', 'element="tns:EczaneMalAlim"'),
         ("EczaneMalAlim.xsd", 'name="EczaneMalAlimBildirim"', 'name="EczaneMalAlim"'))),
}


@pytest.fixture
def slipped_catalog(monkeypatch, tmp_path, request):
    """The client's catalog (and, where zeep takes a name from it, its copy of the WSDLs) with one
    deliberate mistake in the pharmacy purchase, made before the simulator starts."""
    fields, edits = _CATALOG_SLIPS[request.param]
    wsdl_copy = tmp_path / "wsdl"
    shutil.copytree(WSDL_DIR, wsdl_copy)
    for name, text, replacement in edits:
        path = wsdl_copy / "br-v1" / name
        assert text in path.read_text(encoding="utf-8")
        path.write_text(path.read_text(encoding="utf-8").replace(text, replacement), encoding="utf-8")
    monkeypatch.setattr(client_module, "WSDL_DIR", wsdl_copy)
    original = service_named("br.eczane_mal_alim")
    slipped = dataclasses.replace(original, **fields)
    monkeypatch.setitem(services._BY_KEY, original.key, slipped)
    monkeypatch.setattr(services, "_SERVICES", tuple(slipped if s is original else s for s in services._SERVICES))
    sim = start_simulator(host="127.0.0.1", port=0, seed=True)
    yield sim
    sim.stop()


@pytest.mark.parametrize("slipped_catalog", sorted(_CATALOG_SLIPS), indirect=True)
def test_a_wrong_name_in_the_client_catalog_fails_the_exchange(slipped_catalog):
    """The simulator reads the wire by its own table and the schemas, so a purchase the client
    builds with a wrong name is refused (or not found) instead of booked."""
    supplier, box = shipped(slipped_catalog, world.PHARMACY)
    its = client(slipped_catalog, world.PHARMACY, Stakeholder.PHARMACY)
    with pytest.raises(ItsError):
        its.notify(Operation.RECEIVE, Header(counterparty_gln=supplier), box)
    assert item(slipped_catalog, box[0])["owner"] is None  # nothing was booked


def test_the_untouched_catalog_books_the_same_purchase(sim):
    supplier, box = shipped(sim, world.PHARMACY)
    its = client(sim, world.PHARMACY, Stakeholder.PHARMACY)
    assert codes(its.notify(Operation.RECEIVE, Header(counterparty_gln=supplier), box)) == ["00000"]
