"""The simulator holds every request to its endpoint's WSDL: the SOAPAction and the schema in
resources/wsdl/ (names, order, types), answering the guide's fault 11031 for what does not fit,
while taking what the guide prints: optional fields empty or xsi:nil."""

from __future__ import annotations

import pytest

from pharmadesk.sim import sandbox as world
from sim_wire import BR, br_envelope, codes, fault_code, in_stock, request, urun

SARF = "/HastaneSarf/HastaneSarfBildirimReceiverService"
SARF_ACTION = "http://its.iegm.gov.tr/bildirim/BildirimReceiver/v1/DeaktivasyonBildirRequest"
XSI = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'


def sarf(fields: str, items: str) -> str:
    return br_envelope("has", f"{BR}/Sarf/Hastane", "HastaneSarfBildirim",
                       f"<DT>D</DT><FR>{world.HOSPITAL}</FR>{fields}", items)


def send_sarf(sim, envelope: str, **options) -> tuple[int, bytes]:
    return request(sim, "POST", SARF, envelope, user=f"{world.HOSPITAL}0000", **options)


def test_nil_and_empty_optional_fields_are_taken_as_the_guide_prints_them(simulator):
    """What the client sends where it has no value: ISACIKLAMA and BELGE's DD, DN as xsi:nil."""
    item = in_stock(simulator, world.HOSPITAL, 1)[0]
    nil = f'<ISACIKLAMA {XSI} xsi:nil="true"/><BELGE><DD {XSI} xsi:nil="true"/><DN {XSI} xsi:nil="true"/></BELGE>'
    status, body = send_sarf(simulator, sarf(nil, urun(item)), soap_action=SARF_ACTION)
    assert status == 200 and codes(body) == ["00000"]


def test_walk_in_sale_with_nil_prescription_fields_is_taken(simulator):
    item = in_stock(simulator, world.PHARMACY, 1)[0]
    belge = "".join(f'<{name} {XSI} xsi:nil="true"/>' for name in ("DD", "DN", "DR", "CP", "EID", "RKN"))
    envelope = br_envelope("ecz", f"{BR}/Satis/EczaneSatis", "EczaneSatisBildirim",
                           f"<DT>S</DT><FR>{world.PHARMACY}</FR><TO>{'0' * 13}</TO><BELGE>{belge}</BELGE>", urun(item))
    status, body = request(simulator, "POST", "/EczaneSatis/EczaneSatisReceiverService", envelope)
    assert status == 200 and codes(body) == ["00000"]


@pytest.mark.parametrize("fields", [
    "<BELGE><DD>2025-05-30</DD><DN>SAS</DN></BELGE><ISACIKLAMA>Deneme</ISACIKLAMA>",  # out of the guide's order
    "<ISACIKLAMA>Deneme</ISACIKLAMA><NOT>fazla alan</NOT>",  # a field the service does not have
    "<ISACIKLAMA>Deneme</ISACIKLAMA><BELGE><DD>30.05.2025</DD></BELGE>",  # not an xs:date
    "<Isaciklama>Deneme</Isaciklama>",  # a name in the wrong case
], ids=["order", "unknown field", "date format", "case"])
def test_request_that_does_not_fit_the_schema_gets_11031_and_books_nothing(simulator, fields):
    item = in_stock(simulator, world.HOSPITAL, 1)[0]
    status, body = send_sarf(simulator, sarf(fields, urun(item)))
    assert status == 500 and fault_code(body) == "11031"
    assert simulator.ledger.item(item.gtin, item.sn)["status"] == "in_stock"


def test_items_named_as_the_other_generation_are_not_taken(simulator):
    """PRODUCT (1.2) inside URUNLER: no URUN at all, so 11020 before the schema says 11031."""
    item = in_stock(simulator, world.HOSPITAL, 1)[0]
    products = urun(item, element="PRODUCT")
    status, body = send_sarf(simulator, sarf("<ISACIKLAMA>Deneme</ISACIKLAMA>", products))
    assert status == 500 and fault_code(body) == "11020"
    products += urun(item)
    status, body = send_sarf(simulator, sarf("<ISACIKLAMA>Deneme</ISACIKLAMA>", products))
    assert status == 500 and fault_code(body) == "11031"
    assert simulator.ledger.item(item.gtin, item.sn)["status"] == "in_stock"


def test_soap_action_must_be_the_endpoint_s_or_empty(simulator):
    first, second = in_stock(simulator, world.HOSPITAL, 2)
    wrong = f"{BR}/Sarf/Hastane/HastaneSarfBildirimRequest"  # the pattern of the other services, not Sarf's own
    status, body = send_sarf(simulator, sarf("", urun(first)), soap_action=wrong)
    assert status == 500 and fault_code(body) == "11031" and SARF_ACTION.encode() in body
    assert send_sarf(simulator, sarf("", urun(first)), soap_action="")[0] == 200  # SOAP 1.1: "the request URI"
    assert send_sarf(simulator, sarf("", urun(second)), soap_action=SARF_ACTION)[0] == 200
