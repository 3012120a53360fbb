"""The ITS simulator over real HTTP with hand-written envelopes: the guide's example requests,
the structural faults, Basic auth, the WSDLs, the admin API and `pharmadesk sim` itself."""

from __future__ import annotations

import base64
import http.client
import json
import os
import signal
import subprocess
import sys
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import zeep
from lxml import etree

from pharmadesk.domain import Operation
from pharmadesk.gs1 import check_digit, gln_is_valid, gtin_is_valid
from pharmadesk.its.services import all_services
from pharmadesk.sim import sandbox as world
from pharmadesk.sim.ledger import Line
from pharmadesk.sim.server import start_simulator

ROOT = Path(__file__).resolve().parents[2]
ENV = "http://schemas.xmlsoap.org/soap/envelope/"
BR = "http://its.iegm.gov.tr/bildirim/BR/v1"
PHARMACY_USER = f"{world.PHARMACY}0000"


def request(sim, method: str, path: str, body: bytes | str | None = None, *, user: str | None = PHARMACY_USER,
            password: str = "sandbox", content_type: str = "text/xml; charset=utf-8") -> tuple[int, bytes]:
    url = urlsplit(sim.base_url)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
    headers = {"Content-Type": content_type}
    if user is not None:
        headers["Authorization"] = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()
    payload = body.encode("utf-8") if isinstance(body, str) else body
    try:
        connection.request(method, path, body=payload, headers=headers)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def admin(sim, path: str, payload: dict | None = None) -> dict:
    method = "GET" if payload is None else "POST"
    status, body = request(sim, method, path, json.dumps(payload) if payload is not None else None,
                           user=None, content_type="application/json")
    assert status == 200, body
    return json.loads(body)


def codes(body: bytes) -> list[str]:
    return [element.text for element in etree.fromstring(body).iter("UC")]


def fault_code(body: bytes) -> str:
    root = etree.fromstring(body)
    return (root.findtext(".//FC") or root.findtext(".//faultCode")).strip()


def boxes(sim, station: str, note: str, suggested: str | None = None) -> list:
    """The ledger items behind the sandbox boxes with a given note."""
    found = [box for box in sim.sandbox_boxes(station)
             if box["note"] == note and (suggested is None or box["suggested"] == suggested)]
    return [sim.ledger.items[(box["gtin"], box["serial"])] for box in found]


def urun(item, *, element: str = "URUN") -> str:
    return f"<{element}><GTIN>{item.gtin}</GTIN><BN>{item.bn}</BN><SN>{item.sn}</SN><XD>{item.xd}</XD></{element}>"


def br_envelope(prefix: str, namespace: str, root: str, fields: str, items: str) -> str:
    """A request written the way the guide's examples are (soapenv + a service prefix)."""
    return (f'<soapenv:Envelope xmlns:soapenv="{ENV}" xmlns:{prefix}="{namespace}"><soapenv:Header/>'
            f"<soapenv:Body><{prefix}:{root}>{fields}<URUNLER>{items}</URUNLER></{prefix}:{root}>"
            f"</soapenv:Body></soapenv:Envelope>")


def test_guide_eczane_mal_alim_example_with_real_values(simulator):
    first, second = boxes(simulator, world.PHARMACY, "ok", "receive")[:2]
    envelope = br_envelope(
        "ecz", f"{BR}/Alim/Eczane", "EczaneMalAlimBildirim",
        f"<DT>A</DT><FR>{world.SUPPLIER}</FR><TO>{world.PHARMACY}</TO>"
        "<BELGE><DD>2025-05-30</DD><DN>PD231</DN></BELGE>",
        urun(first) + urun(second))
    path = "/EczaneMalAlim/EczaneMalAlimReceiverService"
    status, body = request(simulator, "POST", path, envelope)
    assert status == 200 and codes(body) == ["00000", "00000"]
    answer = etree.fromstring(body)
    cevap = answer.find(f"{{{ENV}}}Body")[0]
    assert cevap.tag == f"{{{BR}/Alim/Eczane}}EczaneMalAlimBildirimCevap"
    assert [child.tag for child in cevap] == ["BILDIRIMID", "URUNLER"]
    assert [child.tag for child in cevap.find("URUNLER/URUNDURUM")] == ["GTIN", "SN", "UC"]
    assert codes(request(simulator, "POST", path, envelope)[1]) == ["10303", "10303"]  # re-sent


def test_same_box_twice_in_one_envelope_is_booked_once(simulator):
    """PharmaDesk never sends this (the guide asks clients to stop repeats), but another client
    may: ITS books the lines in order, so the repeat is already yours."""
    item = boxes(simulator, world.PHARMACY, "ok", "receive")[0]
    envelope = br_envelope("ecz", f"{BR}/Alim/Eczane", "EczaneMalAlimBildirim",
                           f"<DT>A</DT><FR>{world.SUPPLIER}</FR><TO>{world.PHARMACY}</TO>", urun(item) * 2)
    status, body = request(simulator, "POST", "/EczaneMalAlim/EczaneMalAlimReceiverService", envelope)
    assert status == 200 and codes(body) == ["00000", "10303"]
    history = simulator.ledger.item(item.gtin, item.sn)["history"]
    assert [entry["code"] for entry in history[-2:]] == ["00000", "10303"]


def test_guide_depo_satis_iptal_example_answers_00000_and_10219(simulator):
    station = world.WAREHOUSE
    mine, never_mine = boxes(simulator, station, "ok", "receive")[:2]
    user = f"{station}0000"
    receive = br_envelope("depo", f"{BR}/Alim/Depo", "DepoMalAlim",
                          f"<DT>A</DT><FR>{world.MANUFACTURER}</FR><TO>{station}</TO>", urun(mine))
    assert codes(request(simulator, "POST", "/DepoMalAlim/DepoMalAlimReceiverService", receive, user=user)[1]) == ["00000"]
    sale = br_envelope("dep", f"{BR}/Satis/DepoSatis", "SatisBildirim",
                       f"<DT>S</DT><FR>{station}</FR><TO>{world.PHARMACY}</TO><BELGE><DD>2025-05-30</DD><DN>423</DN></BELGE>",
                       urun(mine))
    assert codes(request(simulator, "POST", "/DepoSatis/DepoSatisReceiverService", sale, user=user)[1]) == ["00000"]
    cancel = br_envelope("depo", f"{BR}/SatisIptal/Depo", "SatisIptalBildirim",
                         f"<DT>C</DT><FR>{station}</FR><TO>{world.PHARMACY}</TO><BELGE><DD>2025-05-30</DD><DN>3423</DN></BELGE>",
                         urun(mine) + urun(never_mine))
    status, body = request(simulator, "POST", "/DepoSatisIptal/DepoSatisIptalReceiverService", cancel, user=user)
    assert status == 200 and codes(body) == ["00000", "10219"]


def test_guide_eczane_satis_example_with_prescription_fields(simulator):
    sold = boxes(simulator, world.PHARMACY, "ok", "sale")[:2]
    envelope = br_envelope(
        "ecz", f"{BR}/Satis/EczaneSatis", "EczaneSatisBildirim",
        f"<DT>S</DT><FR>{world.PHARMACY}</FR><TO>{world.PAYER}</TO><BELGE><DD>2025-05-30</DD><DN>132123</DN>"
        f"<DR>12345678901</DR><CP>10987654321</CP><EID>{world.PHARMACY}</EID><RKN>1A2B3C</RKN></BELGE>",
        "".join(urun(item) for item in sold))
    status, body = request(simulator, "POST", "/EczaneSatis/EczaneSatisReceiverService", envelope)
    assert status == 200 and codes(body) == ["00000", "00000"]
    assert simulator.ledger.item(sold[0].gtin, sold[0].sn)["status"] == "sold"
    # A sale to a payer is cancelled per prescription: empty URUNLER, every box comes back.
    cancel = br_envelope(
        "ecz", f"{BR}/SatisIptal/EczaneSatisIptal", "EczaneSatisIptalBildirim",
        f"<DT>C</DT><FR>{world.PHARMACY}</FR><TO>{world.PAYER}</TO><BELGE><EID>{world.PHARMACY}</EID><RKN>1A2B3C</RKN></BELGE>",
        "")
    status, body = request(simulator, "POST", "/EczaneSatisIptal/EczaneSatisIptalReceiverService", cancel)
    assert status == 200 and codes(body) == ["00000", "00000"]
    assert {sn.text for sn in etree.fromstring(body).iter("SN")} == {item.sn for item in sold}
    status, body = request(simulator, "POST", "/EczaneSatisIptal/EczaneSatisIptalReceiverService", cancel)
    assert status == 500 and fault_code(body) == "11030"  # nothing left sold on that prescription


def test_guide_deaktivasyon_example_and_bad_reason(simulator):
    item = boxes(simulator, world.PHARMACY, "ok", "sale")[0]
    fields = f"<DT>D</DT><FR>{world.PHARMACY}</FR><DS>{{ds}}</DS><ISACIKLAMA>Üretim Firesi</ISACIKLAMA>" \
             "<BELGE><DD>2025-05-30</DD><DN>DN12345</DN></BELGE>"
    path = "/DeaktivasyonBildirim/DeaktivasyonBildirimReceiverService"

    def send(ds: str) -> tuple[int, bytes]:
        envelope = br_envelope("deak", f"{BR}/Deaktivasyon", "DeaktivasyonBildirim", fields.format(ds=ds), urun(item))
        return request(simulator, "POST", path, envelope)

    status, body = send("99")
    assert status == 500 and fault_code(body) == "11022"
    assert codes(send("10")[1]) == ["00000"]
    assert codes(send("10")[1]) == ["10205"]


def test_its_12_receipt_with_default_namespace_and_unqualified_children(simulator):
    item = boxes(simulator, world.HOSPITAL, "ok", "receive")[0]
    envelope = (f'<soap:Envelope xmlns:soap="{ENV}"><soap:Body>'
                f'<ReceiptRequest xmlns="http://its.iegm.gov.tr/notification/receipt">'
                f'<PRODUCTS xmlns="">{urun(item, element="PRODUCT")}</PRODUCTS></ReceiptRequest>'
                "</soap:Body></soap:Envelope>")
    status, body = request(simulator, "POST", "/ITSServices/ReceiptNotification", envelope,
                           user=f"{world.HOSPITAL}0000")
    assert status == 200
    response = etree.fromstring(body).find(f"{{{ENV}}}Body")[0]
    assert response.tag == "{http://its.iegm.gov.tr/notification/receipt}ReceiptResponse"
    assert response.findtext("NOTIFICATIONID") and response.findtext("PRODUCTS/PRODUCT/UC") == "00000"


def _verify_envelope(fr: str, items: str, dt: str = "V") -> str:
    return br_envelope("urun", f"{BR}/UrunDogrulama/Genel", "UrunDogrulamaBildirim",
                       f"<DT>{dt}</DT><FR>{fr}</FR>", items)


VERIFY_PATH = "/UrunDogrulama/UrunDogrulamaReceiverService"


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
    status, body = request(simulator, "POST", VERIFY_PATH, _verify_envelope(fr, items, dt))
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
    status, body = request(simulator, "POST", VERIFY_PATH, _verify_envelope(world.PHARMACY, items))
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
    other_service = _verify_envelope(world.PHARMACY, "")
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
    envelope = _verify_envelope(world.PHARMACY, urun(boxes(simulator, world.PHARMACY, "ok")[0]))
    assert request(simulator, "POST", VERIFY_PATH, envelope, user=None)[0] == 401
    assert request(simulator, "POST", VERIFY_PATH, envelope, password="wrong")[0] == 401
    assert request(simulator, "POST", VERIFY_PATH, envelope, user=f"{world.PHARMACY}0001")[0] == 401
    unknown = "869999999999" + str(check_digit("869999999999"))
    assert request(simulator, "POST", VERIFY_PATH, envelope, user=f"{unknown}0000")[0] == 401
    assert admin(simulator, "/admin/stats")["http"]["http.401"] == 4


def test_accounts_file_replaces_the_sandbox_logins():
    sim = start_simulator(accounts={f"{world.PHARMACY}0007": "s3cret", "ahmet": "pw"})
    try:
        envelope = _verify_envelope(world.PHARMACY, urun(boxes(sim, world.PHARMACY, "ok")[0]))
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
        request(simulator, "POST", VERIFY_PATH, _verify_envelope(world.PHARMACY, urun(item) + urun(item)))
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
        assert codes(body) == ["10303"]  # still on the pharmacy after the restart
        assert int(etree.fromstring(body).findtext(".//BILDIRIMID")) == int(first_id) + 1
        assert sim.ledger.item(item.gtin, item.sn)["owner"] == world.PHARMACY
        assert admin(sim, "/admin/stats")["per_service"]["br.eczane_mal_alim"]["notifications"] == 2
    finally:
        sim.stop()


def test_cli_prints_its_url_and_stops_on_sigterm(tmp_path):
    process = subprocess.Popen(
        [sys.executable, "-m", "pharmadesk", "sim", "--port", "0", "--state", str(tmp_path / "s.sqlite")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        url = process.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:")
        host, port = urlsplit(url).hostname, urlsplit(url).port
        connection = http.client.HTTPConnection(host, port, timeout=10)
        connection.request("GET", "/admin/stats")
        assert json.loads(connection.getresponse().read())["stakeholders"] == len(world.PARTIES)
        connection.close()
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0
    finally:
        if process.poll() is None:
            process.kill()


def test_cli_refuses_a_non_loopback_host():
    result = subprocess.run([sys.executable, "-m", "pharmadesk", "sim", "--host", "0.0.0.0"],
                            capture_output=True, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                            timeout=30)
    assert result.returncode == 2 and "--allow-remote" in result.stderr


def test_xd_with_time_zone_is_accepted(simulator):
    item = boxes(simulator, world.PHARMACY, "ok", "receive")[0]
    items = f"<URUN><GTIN>{item.gtin}</GTIN><BN>{item.bn}</BN><SN>{item.sn}</SN><XD>{item.xd}+03:00</XD></URUN>"
    assert codes(request(simulator, "POST", VERIFY_PATH, _verify_envelope(world.PHARMACY, items))[1]) == ["40002"]
    assert isinstance(item.xd, date)


# ---- the guide's remaining example requests, written its way (prefix, field order), real values ----

OTHER_HOSPITAL = "869000400099" + str(check_digit("869000400099"))


def _in_stock(sim, station: str):
    """A box registered on `station`: one of the sandbox's in-stock boxes, or one bought now."""
    found = boxes(sim, station, "ok")
    in_stock = [item for item in found if item.owner == station]
    if in_stock:
        return in_stock[0]
    item = next(item for item in found if item.pending_to == station)
    _, booked = sim.ledger.notify(station, Operation.RECEIVE, [Line(item.gtin, item.sn)],
                                  counterparty=item.previous_owner)
    assert booked == ["00000"]
    return item


BELGE = "<BELGE><DD>2025-05-30</DD><DN>AB1234-3</DN></BELGE>"
GUIDE_EXAMPLES = {
    # service: (prefix, namespace, root, station, how the box stands before, fields)
    "EczaneMalIade": ("ecz", f"{BR}/Iade/Eczane", "EczaneMalIadeBildirim", world.PHARMACY, "in_stock",
                      f"<DT>F</DT><FR>{world.PHARMACY}</FR><TO>{world.SUPPLIER}</TO>{BELGE}"),
    "EczaneMalDevir": ("ecz", f"{BR}/MalDevir/EczaneMalDevir", "EczaneMalDevirBildirim", world.PHARMACY, "in_stock",
                       f"<DT>S</DT><FR>{world.PHARMACY}</FR><TO>{world.OTHER_PHARMACY}</TO>{BELGE}"),
    "EczaneMalDevirIptal": ("ecz", f"{BR}/MalDevirIptal/Eczane", "EczaneMalDevirIptalBildirim", world.PHARMACY,
                            "transferred", f"<DT>C</DT><FR>{world.PHARMACY}</FR><TO>{world.OTHER_PHARMACY}</TO>{BELGE}"),
    "HastaneMalAlim": ("has", f"{BR}/Alim/Hastane", "HastaneMalAlimBildirim", world.HOSPITAL, "in_transit",
                       f"<DT>A</DT><FR>{world.SUPPLIER}</FR><TO>{world.HOSPITAL}</TO>{BELGE}"),
    "HastaneMalIade": ("has", f"{BR}/Iade/Hastane", "HastaneMalIadeBildirim", world.HOSPITAL, "in_stock",
                       f"<DT>F</DT><FR>{world.HOSPITAL}</FR><TO>{world.SUPPLIER}</TO>{BELGE}"),
    "HastaneSarf": ("has", f"{BR}/Sarf/Hastane", "HastaneSarfBildirim", world.HOSPITAL, "in_stock",
                    f"<DT>D</DT><FR>{world.HOSPITAL}</FR><ISACIKLAMA>Deneme</ISACIKLAMA>{BELGE}"),
    "HastaneMalDevir": ("has", f"{BR}/MalDevir/HastaneMalDevir", "MalDevirBildirim", world.HOSPITAL, "in_stock",
                        f"<DT>S</DT><FR>{world.HOSPITAL}</FR><TO>{OTHER_HOSPITAL}</TO>{BELGE}"),
    "HastaneMalDevirIptal": ("has", f"{BR}/MalDevirIptal/HastaneMalDevirIptal", "MalDevirIptalBildirim",
                             world.HOSPITAL, "transferred",
                             f"<DT>C</DT><FR>{world.HOSPITAL}</FR><TO>{OTHER_HOSPITAL}</TO>{BELGE}"),
    "DepoMalIade": ("depo", f"{BR}/Iade/Depo", "DepoMalIade", world.WAREHOUSE, "in_stock",
                    f"<DT>F</DT><FR>{world.WAREHOUSE}</FR><TO>{world.MANUFACTURER}</TO>{BELGE}"),
    "Ihracat": ("ihr", f"{BR}/Ihracat", "IhracatBildirim", world.WAREHOUSE, "in_stock",
                f"<DT>X</DT><FR>{world.WAREHOUSE}</FR><RT>Yunanistan ABC Şirketine İhraç DTPGTIP34223</RT>{BELGE}"),
}


def _path(name: str) -> str:
    return next(s.path for s in all_services() if s.wsdl_file.endswith(f"/{name}.wsdl"))


def _box_standing(sim, station: str, standing: str):
    if standing == "in_transit":
        return boxes(sim, station, "ok", "receive")[0]
    item = _in_stock(sim, station)
    if standing == "transferred":
        other = world.OTHER_PHARMACY if station == world.PHARMACY else OTHER_HOSPITAL
        _, booked = sim.ledger.notify(station, Operation.TRANSFER, [Line(item.gtin, item.sn)], counterparty=other)
        assert booked == ["00000"]
    return item


@pytest.mark.parametrize("name", sorted(GUIDE_EXAMPLES))
def test_guide_example_request_is_answered(simulator, name):
    prefix, namespace, root, station, standing, fields = GUIDE_EXAMPLES[name]
    admin(simulator, "/admin/stakeholder", {"gln": OTHER_HOSPITAL, "kind": "hospital", "name": "İKİNCİ HASTANE"})
    item = _box_standing(simulator, station, standing)
    envelope = br_envelope(prefix, namespace, root, fields, urun(item))
    status, body = request(simulator, "POST", _path(name), envelope, user=f"{station}0000")
    assert status == 200 and codes(body) == ["00000"], body
    cevap = etree.fromstring(body).find(f"{{{ENV}}}Body")[0]
    assert cevap.tag.startswith(f"{{{namespace}}}") and cevap.findtext("BILDIRIMID")


def test_guide_hastane_devir_iptal_example_as_printed_has_the_wrong_dt(simulator):
    """The guide prints this example with DT S (copied from Devir) while its field table says C:
    the simulator follows the table, so the example as printed gets 11021."""
    prefix, namespace, root, station, _, fields = GUIDE_EXAMPLES["HastaneMalDevirIptal"]
    admin(simulator, "/admin/stakeholder", {"gln": OTHER_HOSPITAL, "kind": "hospital", "name": "İKİNCİ HASTANE"})
    item = _box_standing(simulator, station, "transferred")
    envelope = br_envelope(prefix, namespace, root, fields.replace("<DT>C</DT>", "<DT>S</DT>"), urun(item))
    status, body = request(simulator, "POST", _path("HastaneMalDevirIptal"), envelope, user=f"{station}0000")
    assert status == 500 and fault_code(body) == "11021"


def test_xxe_request_is_refused_without_reading_the_file(simulator, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("GIZLI-ICERIK")
    xxe = (f'<?xml version="1.0"?><!DOCTYPE e [<!ENTITY x SYSTEM "{secret.as_uri()}">]>'
           + _verify_envelope(world.PHARMACY, f"<URUN><GTIN>&x;</GTIN><BN>L1</BN><SN>S1</SN><XD>2027-01-31</XD></URUN>"))
    status, body = request(simulator, "POST", VERIFY_PATH, xxe)
    assert status == 500 and fault_code(body) == "11031" and b"GIZLI" not in body


def test_cli_state_file_keeps_the_ledger_across_a_restart(tmp_path):
    state = tmp_path / "ledger.sqlite"
    newcomer = "869123400005"
    newcomer += str(check_digit(newcomer))

    def run(action) -> None:
        process = subprocess.Popen(
            [sys.executable, "-m", "pharmadesk", "sim", "--state", str(state)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        try:
            url = urlsplit(process.stdout.readline().strip())
            assert url.hostname == "127.0.0.1"  # loopback unless told otherwise

            class Running:
                base_url = f"http://{url.hostname}:{url.port}"

            action(Running)
            process.send_signal(signal.SIGTERM)
            assert process.wait(timeout=10) == 0
        finally:
            if process.poll() is None:
                process.kill()

    run(lambda sim: admin(sim, "/admin/stakeholder", {"gln": newcomer, "kind": "pharmacy", "name": "YENİ ECZANE"}))
    seen = {}
    run(lambda sim: seen.update(stats=admin(sim, "/admin/stats"),
                                partners=admin(sim, "/admin/partners")))
    assert seen["stats"]["stakeholders"] == len(world.PARTIES) + 1
    assert {"gln": newcomer, "name": "YENİ ECZANE", "kind": "pharmacy"} in seen["partners"]


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
