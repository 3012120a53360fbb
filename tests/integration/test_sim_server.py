"""The ITS simulator over real HTTP with hand-written envelopes: the structural faults, hostile
XML, Basic auth, the WSDLs, the admin API, the state file and the sandbox world.
(The guide's example requests are in test_sim_guide.py, `pharmadesk sim` in test_sim_cli.py.)"""

from __future__ import annotations

import http.client
import json
from datetime import date
from urllib.parse import urlsplit

import pytest
import zeep
from lxml import etree

from pharmadesk.gs1 import check_digit, gln_is_valid, gtin_is_valid
from pharmadesk.its.services import all_services
from pharmadesk.sim import sandbox as world
from pharmadesk.sim.server import start_simulator
from sim_wire import (
    BR, ENV, VERIFY_PATH, admin, boxes, br_envelope, codes, fault_code, request, urun, verify_envelope,
)


@pytest.mark.parametrize("dt, fr, items, expected", [
    ("S", world.PHARMACY, "GOOD", "11021"),  # DT must be V
    ("V", "869000300004", "GOOD", "11018"),  # twelve digits
    ("V", world.PHARMACY[:-1] + str((int(world.PHARMACY[-1]) + 1) % 10), "GOOD", "11018"),  # check digit
    ("V", world.HOSPITAL, "GOOD", "11039"),  # a valid GLN, but not the logged-in user's
    ("V", world.PHARMACY, "", "11020"),
    ("V", world.PHARMACY, "<URUN><GTIN>8690000000001</GTIN><BN>L1</BN><SN>S1</SN><XD>2027-01-31</XD></URUN>", "11013"),
    ("V", world.PHARMACY, "<URUN><GTIN>{gtin}</GTIN><BN>lot-1</BN><SN>S1</SN><XD>2027-01-31</XD></URUN>", "11036"),
    ("V", world.PHARMACY, "<URUN><GTIN>{gtin}</GTIN><BN>L1</BN><SN>s 1</SN><XD>2027-01-31</XD></URUN>", "11032"),
    ("V", world.PHARMACY, "<URUN><GTIN>{gtin}</GTIN><BN>L1</BN><SN>S1</SN><XD>31.01.2027</XD></URUN>", "11035"),
])
def test_structural_faults(simulator, dt, fr, items, expected):
    item = boxes(simulator, world.PHARMACY, "ok")[0]
    items = urun(item) if items == "GOOD" else items.format(gtin=item.gtin)
    status, body = request(simulator, "POST", VERIFY_PATH, verify_envelope(fr, items, dt))
    assert status == 500
    fault = etree.fromstring(body).find(f"{{{ENV}}}Body/{{{ENV}}}Fault")
    assert fault.findtext("faultcode") and fault.findtext("faultstring")
    detail = fault.find("detail")[0]
    assert detail.tag == f"{{{BR}/UrunDogrulama/Genel}}BildirimHata"
    assert detail.findtext("FC") == expected and detail.findtext("FM")


def test_verification_never_answers_00000(simulator):
    ok = boxes(simulator, world.PHARMACY, "ok", "receive")[0]
    in_stock = boxes(simulator, world.PHARMACY, "ok", "sale")[0]
    expired = boxes(simulator, world.PHARMACY, "expired")[0]
    recalled = boxes(simulator, world.PHARMACY, "recalled")[0]
    foreign = boxes(simulator, world.PHARMACY, "foreign")[0]
    unknown = "<URUN><GTIN>08694700000006</GTIN><BN>X1</BN><SN>NOSUCHBOX</SN><XD>2027-01-31</XD></URUN>"
    items = "".join(urun(item) for item in (ok, in_stock, expired, recalled, foreign)) + unknown
    status, body = request(simulator, "POST", VERIFY_PATH, verify_envelope(world.PHARMACY, items))
    assert status == 200
    assert codes(body) == ["40002", "40001", "10202", "10205", "10308", "10201"]


def test_receiver_and_counterparty_faults(simulator):
    item = boxes(simulator, world.PHARMACY, "ok", "sale")[0]
    path = "/EczaneMalDevir/EczaneMalDevirReceiverService"

    def transfer(to: str) -> tuple[int, bytes]:
        envelope = br_envelope("ecz", f"{BR}/MalDevir/EczaneMalDevir", "EczaneMalDevirBildirim",
                               f"<DT>S</DT><FR>{world.PHARMACY}</FR><TO>{to}</TO>", urun(item))
        return request(simulator, "POST", path, envelope)

    assert fault_code(transfer("123")[1]) == "11019"
    assert fault_code(transfer(world.PHARMACY)[1]) == "11019"  # to yourself
    unregistered = "869999999999" + str(check_digit("869999999999"))
    assert fault_code(transfer(unregistered)[1]) == "11902"
    assert fault_code(transfer(world.HOSPITAL)[1]) == "11906"  # Devir is pharmacy to pharmacy
    assert codes(transfer(world.OTHER_PHARMACY)[1]) == ["00000"]


def test_unknown_root_malformed_xml_and_entities_are_11031(simulator):
    path = "/EczaneMalAlim/EczaneMalAlimReceiverService"
    wrong_root = br_envelope("x", f"{BR}/Alim/Eczane", "SomethingElse", "<DT>A</DT>", "")
    assert fault_code(request(simulator, "POST", path, wrong_root)[1]) == "11031"
    other_service = verify_envelope(world.PHARMACY, "")
    assert fault_code(request(simulator, "POST", path, other_service)[1]) == "11031"
    assert fault_code(request(simulator, "POST", path, "<not xml")[1]) == "11031"
    bomb = ('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
            f'<soapenv:Envelope xmlns:soapenv="{ENV}"><soapenv:Body>&b;</soapenv:Body></soapenv:Envelope>')
    status, body = request(simulator, "POST", path, bomb)
    assert status == 500 and b"aaaaaaaaaa" not in body


def test_service_not_for_your_stakeholder_kind_is_11901(simulator):
    item = boxes(simulator, world.PHARMACY, "ok", "sale")[0]
    envelope = br_envelope("has", f"{BR}/Sarf/Hastane", "HastaneSarfBildirim",
                           f"<DT>D</DT><FR>{world.PHARMACY}</FR><ISACIKLAMA>x</ISACIKLAMA>", urun(item))
    status, body = request(simulator, "POST", "/HastaneSarf/HastaneSarfBildirimReceiverService", envelope)
    assert status == 500 and fault_code(body) == "11901"


def test_basic_auth_is_required(simulator):
    envelope = verify_envelope(world.PHARMACY, urun(boxes(simulator, world.PHARMACY, "ok")[0]))
    assert request(simulator, "POST", VERIFY_PATH, envelope, user=None)[0] == 401
    assert request(simulator, "POST", VERIFY_PATH, envelope, password="wrong")[0] == 401
    assert request(simulator, "POST", VERIFY_PATH, envelope, user=f"{world.PHARMACY}0001")[0] == 401
    unknown = "869999999999" + str(check_digit("869999999999"))
    assert request(simulator, "POST", VERIFY_PATH, envelope, user=f"{unknown}0000")[0] == 401
    assert admin(simulator, "/admin/stats")["http"]["http.401"] == 4


def test_accounts_file_replaces_the_sandbox_logins():
    sim = start_simulator(accounts={f"{world.PHARMACY}0007": "s3cret", "ahmet": "pw"})
    try:
        envelope = verify_envelope(world.PHARMACY, urun(boxes(sim, world.PHARMACY, "ok")[0]))
        assert request(sim, "POST", VERIFY_PATH, envelope)[0] == 401  # <GLN>0000/sandbox is gone
        assert request(sim, "POST", VERIFY_PATH, envelope, user=f"{world.PHARMACY}0007", password="s3cret")[0] == 200
        status, body = request(sim, "POST", VERIFY_PATH, envelope, user="ahmet", password="pw")
        assert status == 500 and fault_code(body) == "11039"
    finally:
        sim.stop()


def test_wsdl_is_served_with_this_simulators_address(simulator):
    path = "/ITSServices/DispatchNotification"
    status, body = request(simulator, "GET", path + "?wsdl", user=None)
    assert status == 200 and simulator.base_url.encode() + path.encode() in body
    status, schema = request(simulator, "GET", path + "?xsd=1", user=None)
    assert status == 200 and b"DispatchRequest" in schema
    client = zeep.Client(simulator.base_url + "/HastaneSarf/HastaneSarfBildirimReceiverService?wsdl")
    assert client.service._binding_options["address"] == simulator.base_url + "/HastaneSarf/HastaneSarfBildirimReceiverService"


@pytest.mark.parametrize("service", all_services(), ids=lambda service: service.key)
def test_every_service_publishes_its_wsdl_at_its_endpoint(simulator, service):
    endpoint = simulator.base_url + service.path
    client = zeep.Client(endpoint + "?wsdl")
    binding = client.wsdl.bindings[f"{{{service.namespace}}}{service.binding_name}"]
    operation = binding.get(service.operation_name)
    assert operation.soapaction == service.soap_action
    assert operation.input.body.qname == etree.QName(service.namespace, service.request_root)
    assert operation.output.body.qname == etree.QName(service.namespace, service.response_root)
    assert client.service._binding_options["address"] == endpoint


def test_admin_api(simulator):
    new_pharmacy = "869123456789" + str(check_digit("869123456789"))
    shipped = admin(simulator, "/admin/ship", {"to": new_pharmacy, "count": 3, "kind": "pharmacy"})
    assert shipped["from"] == world.SUPPLIER and len(shipped["karekods"]) == 3
    raw = shipped["karekods"][0]
    assert raw.startswith("01") and "\x1d17" in raw
    gtin, sn = raw[2:16], raw[18:raw.index("\x1d")]
    item = admin(simulator, f"/admin/item?gtin={gtin}&sn={sn}")
    assert item["status"] == "in_transit" and item["pending_to"] == new_pharmacy
    assert item["previous_owner"] == world.SUPPLIER and item["history"][-1]["operation"] == "sale"

    made = admin(simulator, "/admin/produce", {"manufacturer": world.MANUFACTURER, "count": 2})
    raw = made["karekods"][0]
    produced = admin(simulator, f"/admin/item?gtin={raw[2:16]}&sn={raw[18:raw.index(chr(29))]}")
    assert produced["owner"] == world.MANUFACTURER and produced["status"] == "in_stock"

    bn = raw[raw.index("\x1d") + 11:]  # after GS, 17 + yymmdd, 10
    assert admin(simulator, "/admin/recall", {"gtin": raw[2:16], "batch": bn, "level": "wholesaler"})["items"] == 2
    assert admin(simulator, f"/admin/item?gtin={raw[2:16]}&sn={raw[18:raw.index(chr(29))]}")["recalled"] == ["wholesaler"]

    registered = admin(simulator, "/admin/stakeholder", {"gln": "869555555555" + str(check_digit("869555555555")),
                                                         "kind": "hospital", "name": "DENEME HASTANESİ"})
    assert registered["kind"] == "hospital"
    status, body = request(simulator, "POST", "/admin/stakeholder", json.dumps({"gln": "123", "kind": "hospital"}),
                           user=None, content_type="application/json")
    assert status == 400 and "GLN" in json.loads(body)["error"]
    assert request(simulator, "GET", "/admin/item?gtin=08690000000000&sn=NONE", user=None)[0] == 404

    expired = admin(simulator, "/admin/ship", {"to": world.PHARMACY, "count": 1, "expired": True})["karekods"][0]
    recalled = admin(simulator, "/admin/ship", {"to": world.PHARMACY, "count": 1, "recalled": True})["karekods"][0]
    for raw, note in ((expired, "expired"), (recalled, "recalled")):
        assert any(box["karekod"] == raw and box["note"] == note for box in simulator.sandbox_boxes(world.PHARMACY))

    before = admin(simulator, "/admin/stats")
    assert before["notifications"] == 0 and before["items"] > 100
    admin(simulator, "/admin/reset", {})
    assert request(simulator, "GET", f"/admin/item?gtin={gtin}&sn={sn}", user=None)[0] == 404
    assert len(admin(simulator, "/admin/partners")) == len(world.PARTIES)
    assert admin(simulator, "/admin/products")["08694700000006"] == "PARASEDOL 500 MG 20 TABLET"


def test_stats_count_notifications_per_service(simulator):
    item = boxes(simulator, world.PHARMACY, "ok")[0]
    for _ in range(2):
        request(simulator, "POST", VERIFY_PATH, verify_envelope(world.PHARMACY, urun(item) + urun(item)))
    stats = admin(simulator, "/admin/stats")
    assert stats["per_service"]["br.urun_dogrulama"] == {"notifications": 2, "item_operations": 4}
    assert stats["notifications"] == 2 and stats["item_operations"] == 4


def test_sandbox_api_for_the_ui(simulator):
    notes = {box["note"] for box in simulator.sandbox_boxes(world.PHARMACY)}
    assert notes == {"ok", "expired", "recalled", "foreign", "unreadable"}
    hospital_boxes = simulator.sandbox_boxes(world.HOSPITAL)
    assert all(box["product_name"] for box in hospital_boxes)
    assert {p["kind"] for p in simulator.partners()} >= {"manufacturer", "wholesaler", "pharmacy", "hospital"}
    assert len(simulator.products()) >= 50
    assert simulator.stations["pharmacy"] == world.PHARMACY


def test_state_file_survives_a_restart(tmp_path):
    state = tmp_path / "its.sqlite"
    sim = start_simulator(state_file=state)
    item = boxes(sim, world.PHARMACY, "ok", "receive")[0]
    envelope = br_envelope("ecz", f"{BR}/Alim/Eczane", "EczaneMalAlimBildirim",
                           f"<DT>A</DT><FR>{world.SUPPLIER}</FR><TO>{world.PHARMACY}</TO>", urun(item))
    path = "/EczaneMalAlim/EczaneMalAlimReceiverService"
    first_id = etree.fromstring(request(sim, "POST", path, envelope)[1]).findtext(".//BILDIRIMID")
    sim.stop()
    sim = start_simulator(state_file=state)
    try:
        status, body = request(sim, "POST", path, envelope)
        assert codes(body) == ["10210"]  # still on the pharmacy after the restart
        assert int(etree.fromstring(body).findtext(".//BILDIRIMID")) == int(first_id) + 1
        assert sim.ledger.item(item.gtin, item.sn)["owner"] == world.PHARMACY
        assert admin(sim, "/admin/stats")["per_service"]["br.eczane_mal_alim"]["notifications"] == 2
    finally:
        sim.stop()


def test_xd_with_time_zone_is_accepted(simulator):
    item = boxes(simulator, world.PHARMACY, "ok", "receive")[0]
    items = f"<URUN><GTIN>{item.gtin}</GTIN><BN>{item.bn}</BN><SN>{item.sn}</SN><XD>{item.xd}+03:00</XD></URUN>"
    assert codes(request(simulator, "POST", VERIFY_PATH, verify_envelope(world.PHARMACY, items))[1]) == ["40002"]
    assert isinstance(item.xd, date)


def test_xxe_request_is_refused_without_reading_the_file(simulator, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("GIZLI-ICERIK")
    xxe = (f'<?xml version="1.0"?><!DOCTYPE e [<!ENTITY x SYSTEM "{secret.as_uri()}">]>'
           + verify_envelope(world.PHARMACY, f"<URUN><GTIN>&x;</GTIN><BN>L1</BN><SN>S1</SN><XD>2027-01-31</XD></URUN>"))
    status, body = request(simulator, "POST", VERIFY_PATH, xxe)
    assert status == 500 and fault_code(body) == "11031" and b"GIZLI" not in body


def test_sandbox_seed_world(simulator):
    parties = admin(simulator, "/admin/partners")
    kinds = [party["kind"] for party in parties]
    assert kinds.count("manufacturer") == 1 and kinds.count("wholesaler") == 2
    assert {"pharmacy", "hospital"} <= set(kinds)
    assert all(gln_is_valid(party["gln"]) for party in parties)
    names = admin(simulator, "/admin/products")
    assert 45 <= len(names) <= 60 and all(gtin_is_valid(gtin) for gtin in names)
    # Real-looking: brand, strength and pack, in capitals as on a Turkish box.
    assert all(name == name.upper() and any(ch.isdigit() for ch in name) for name in names.values())
    assert len(set(names.values())) == len(names)
    for station in world.STATIONS.values():
        notes = {box["note"] for box in simulator.sandbox_boxes(station)}
        assert {"ok", "expired", "recalled"} <= notes, station
    assert "foreign" in {box["note"] for box in simulator.sandbox_boxes(world.PHARMACY)}
    shipped_to_user = [box for box in simulator.sandbox_boxes(world.PHARMACY) if box["note"] == "ok"]
    assert len(shipped_to_user) >= 20


def test_broken_http_gets_an_http_error_not_a_crash(simulator):
    url = urlsplit(simulator.base_url)
    for headers in ({"Content-Length": "abc"}, {"Content-Length": "-5"}, {"Transfer-Encoding": "chunked"}):
        connection = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
        try:
            connection.putrequest("POST", VERIFY_PATH)
            for name, value in headers.items():
                connection.putheader(name, value)
            connection.endheaders()
            assert connection.getresponse().status in (400, 411)
        finally:
            connection.close()
    assert request(simulator, "GET", "/nowhere", user=None)[0] == 404
    assert request(simulator, "GET", VERIFY_PATH, user=None)[0] == 405  # neither ?wsdl nor a POST
