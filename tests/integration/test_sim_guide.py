"""The ITS web services guide's example requests, written its way (a service prefix, the fields in
the guide's order, the protocol file's casing) with real sandbox values, answered by the simulator
over HTTP: every pharmacy, hospital and warehouse service the guide shows, and the 1.2 form."""

from __future__ import annotations

from copy import deepcopy
from pathlib import Path

import pytest
from lxml import etree

from pharmadesk.domain import WALK_IN_BUYER_GLN, Operation
from pharmadesk.gs1 import check_digit
from pharmadesk.sim import sandbox as world
from pharmadesk.sim.ledger import Line
from pharmadesk.sim.rules import Kind
from pharmadesk.sim.wire import ENDPOINTS
from sim_wire import BR, ENV, admin, boxes, br_envelope, codes, fault_code, in_stock, request, urun


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
    assert codes(request(simulator, "POST", path, envelope)[1]) == ["10210", "10210"]  # re-sent


def test_same_box_twice_in_one_envelope_is_booked_once(simulator):
    """PharmaDesk never sends this (the guide asks clients to stop repeats), but another client
    may: ITS books the lines in order, so the repeat is already yours."""
    item = boxes(simulator, world.PHARMACY, "ok", "receive")[0]
    envelope = br_envelope("ecz", f"{BR}/Alim/Eczane", "EczaneMalAlimBildirim",
                           f"<DT>A</DT><FR>{world.SUPPLIER}</FR><TO>{world.PHARMACY}</TO>", urun(item) * 2)
    status, body = request(simulator, "POST", "/EczaneMalAlim/EczaneMalAlimReceiverService", envelope)
    assert status == 200 and codes(body) == ["00000", "10210"]
    history = simulator.ledger.item(item.gtin, item.sn)["history"]
    assert [entry["code"] for entry in history[-2:]] == ["00000", "10210"]


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


# ---- the guide's remaining example requests, written its way (prefix, field order), real values ----

OTHER_HOSPITAL = "869000400099" + str(check_digit("869000400099"))


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
    return next(e.path for e in ENDPOINTS.values() if e.schema_file.endswith(f"/{name}.xsd"))


def _box_standing(sim, station: str, standing: str):
    if standing == "in_transit":
        return boxes(sim, station, "ok", "receive")[0]
    item = in_stock(sim, station, 1)[0]
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


def test_pretty_printed_envelope_with_comments_as_soapui_writes_it(simulator):
    """The guide's examples come from soapUI: indented, with '<!--1 or more repetitions:-->'."""
    item = in_stock(simulator, world.PHARMACY, 1)[0]
    envelope = f"""<?xml version="1.0" encoding="UTF-8"?>
<soapenv:Envelope xmlns:soapenv="{ENV}" xmlns:ecz="{BR}/MalDevir/EczaneMalDevir">
   <soapenv:Header/>
   <soapenv:Body>
      <ecz:EczaneMalDevirBildirim>
         <DT>S</DT>
         <FR>{world.PHARMACY}</FR>
         <TO>{world.OTHER_PHARMACY}</TO>
         <BELGE>
            <DD>2025-05-30</DD>
            <DN>DVR-7</DN>
         </BELGE>
         <URUNLER>
            <!--1 or more repetitions:-->
            <URUN>
               <GTIN>{item.gtin}</GTIN>
               <BN>{item.bn}</BN>
               <SN>{item.sn}</SN>
               <XD>{item.xd}</XD>
            </URUN>
         </URUNLER>
      </ecz:EczaneMalDevirBildirim>
   </soapenv:Body>
</soapenv:Envelope>
"""
    status, body = request(simulator, "POST", _path("EczaneMalDevir"), envelope)
    assert status == 200 and codes(body) == ["00000"]
    assert simulator.ledger.item(item.gtin, item.sn)["pending_to"] == world.OTHER_PHARMACY


# ---- the guide's printed requests, one fixture per service (tests/unit/data/its-guide/requests/) ----

GUIDE_REQUESTS = Path(__file__).parents[1] / "unit" / "data" / "its-guide" / "requests"
# Where the guide's example contradicts its own field table, the table wins.
GUIDE_SLIPS = {"br.hastane_mal_devir_iptal": {"DT": "C"}}  # printed S, the table under it says C
_STATION = {Kind.PHARMACY: world.PHARMACY, Kind.HOSPITAL: world.HOSPITAL, Kind.WHOLESALER: world.WAREHOUSE}
_OTHER_PARTY = {  # whom each station names, of a kind the service deals with
    Kind.PHARMACY: {Kind.WHOLESALER: world.SUPPLIER, Kind.PHARMACY: world.OTHER_PHARMACY},
    Kind.HOSPITAL: {Kind.WHOLESALER: world.SUPPLIER, Kind.HOSPITAL: OTHER_HOSPITAL},
    Kind.WHOLESALER: {Kind.MANUFACTURER: world.MANUFACTURER, Kind.WHOLESALER: world.SUPPLIER,
                      Kind.PHARMACY: world.PHARMACY},
}


def _guide_endpoint(request: etree._Element):
    """The endpoint a printed request is for: the transcript lower-cases the root and its namespace."""
    name = etree.QName(request)
    return next(e for e in ENDPOINTS.values()
                if (e.namespace.casefold(), e.request_root.casefold()) == (name.namespace, name.localname))


def _counterparty(endpoint, station_kind: Kind) -> str:
    if endpoint.name in ("br.eczane_satis", "br.eczane_satis_iptal"):
        return WALK_IN_BUYER_GLN  # the printed BELGE has EID and RKN empty: a walk-in (elden) sale
    allowed = endpoint.counterparty_kinds[station_kind]
    return next(gln for kind, gln in _OTHER_PARTY[station_kind].items() if kind in allowed)


def _fill_guide_request(sim, key: str) -> tuple[object, str, bytes]:
    """The printed request with its casing restored and its blanked values filled with sandbox ones:
    the station's and the other party's GLNs, a document date, one sandbox box per printed URUN (with
    the GTIN the guide's text asks for where the example leaves it out). Field names, their order,
    the printed texts (DN, DS, RT, ISACIKLAMA) and the empty fields stay as printed."""
    printed = etree.parse(str(GUIDE_REQUESTS / f"{key}.xml")).getroot()
    request = next(child for child in printed if etree.QName(child).localname == "body")[0]
    endpoint = _guide_endpoint(request)
    assert endpoint.name == key
    station_kind = next(iter(endpoint.stations)) if len(endpoint.stations) == 1 else Kind.PHARMACY
    station = _STATION[station_kind]
    values = {endpoint.own_gln_field: station, **GUIDE_SLIPS.get(key, {})}
    if endpoint.counterparty_field:
        values[endpoint.counterparty_field] = _counterparty(endpoint, station_kind)
    root = etree.Element(f"{{{endpoint.namespace}}}{endpoint.request_root}", nsmap={"s": endpoint.namespace})
    root.extend(deepcopy(child) for child in request if isinstance(child.tag, str))
    for comment in root.xpath("//comment()"):
        comment.getparent().remove(comment)
    for name, value in values.items():
        root.find(name).text = value
    for document_date in root.iter("DD"):
        document_date.text = "2025-05-30"
    products = root.find("URUNLER")
    known = (sim.ledger.items.get((box["gtin"], box["serial"])) for box in sim.sandbox_boxes(station))
    stock = [item for item in known if item is not None]
    for urun, item in zip(products, stock):
        printed_fields = [field.tag for field in urun]
        urun.clear()
        for name in ("GTIN", "BN", "SN", "XD"):
            if name in printed_fields or name == "GTIN":
                etree.SubElement(urun, name).text = str({"GTIN": item.gtin, "BN": item.bn, "SN": item.sn,
                                                         "XD": item.xd}[name])
    envelope = etree.Element(f"{{{ENV}}}Envelope", nsmap={"soapenv": ENV})
    etree.SubElement(envelope, f"{{{ENV}}}Header")
    etree.SubElement(envelope, f"{{{ENV}}}Body").append(root)
    return endpoint, station, etree.tostring(envelope)


@pytest.mark.parametrize("key", sorted(path.stem for path in GUIDE_REQUESTS.glob("*.xml")))
def test_guide_printed_request_is_accepted_over_http(simulator, key):
    """Every request the guide prints, as printed (fields, order, empty fields), is taken by the
    simulator: an answer with one result per box, not a fault."""
    admin(simulator, "/admin/stakeholder", {"gln": OTHER_HOSPITAL, "kind": "hospital", "name": "İKİNCİ HASTANE"})
    endpoint, station, envelope = _fill_guide_request(simulator, key)
    status, body = request(simulator, "POST", endpoint.path, envelope, user=f"{station}0000",
                           soap_action=endpoint.soap_action)
    assert status == 200, body
    answer = etree.fromstring(body).find(f"{{{ENV}}}Body")[0]
    assert answer.tag == f"{{{endpoint.namespace}}}{endpoint.response_root}"
    sent = etree.fromstring(envelope).find(f".//URUNLER")
    assert len(codes(body)) == len(sent)
