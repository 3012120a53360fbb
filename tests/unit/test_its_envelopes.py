"""What PharmaDesk puts on the wire for every ITS service: each request envelope is
compared with a stored, hand-checked envelope, validated against the service's
schema, and checked field by field where the guide has rules (buyer of a walk-in
sale, prescription-wide cancel, purchase written from the seller's side)."""

from __future__ import annotations

import dataclasses
import io
from datetime import date
from pathlib import Path

import pytest
from lxml import etree

from its_cases import CASES, DEPOT, DOCTOR_TC, GTIN, PATIENT_TC, PHARMACY, PRODUCTS, REIMBURSED, SGK, Case
from pharmadesk.domain import Header, Operation, Product, SaleDetails, Stakeholder, WALK_IN_BUYER_GLN
from pharmadesk.its.client import SOAP_ENV, WSDL_DIR, ItsClient
from pharmadesk.its.errors import ItsConfigError
from pharmadesk.its.services import all_services, service_for

STORED = Path(__file__).parent / "data" / "its"


def client_for(case: Case) -> ItsClient:
    return ItsClient("http://127.0.0.1:9", case.gln + "0000", "sandbox", gln=case.gln,
                     stakeholder=case.stakeholder, protocol=case.protocol)


def request_for(case: Case, products=PRODUCTS) -> bytes:
    client = client_for(case)
    return client.build_request(service_for(case.operation, case.stakeholder, case.protocol), case.header, products)


def canonical(xml: bytes) -> str:
    """C14N 2.0 without comments, insignificant whitespace or prefix names."""
    return etree.canonicalize(from_file=io.BytesIO(xml), strip_text=True, rewrite_prefixes=True,
                              with_comments=False)


def body_root(xml: bytes) -> etree._Element:
    envelope = etree.fromstring(xml)
    return envelope.find(f"{{{SOAP_ENV}}}Body")[0]


def test_every_service_has_a_stored_envelope():
    covered = {case.name.split(".")[0] + "." + case.name.split(".")[1] for case in CASES}
    assert covered == {service.key for service in all_services()}
    assert {path.stem for path in STORED.glob("*.xml")} == {case.name for case in CASES}


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_request_matches_the_stored_envelope(case):
    expected = (STORED / f"{case.name}.xml").read_bytes()
    assert canonical(request_for(case)) == canonical(expected)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_only_the_root_element_is_namespace_qualified(case):
    root = body_root(request_for(case))
    service = service_for(case.operation, case.stakeholder, case.protocol)
    assert root.tag == f"{{{service.namespace}}}{service.request_root}"
    for element in root.iterdescendants():
        assert etree.QName(element).namespace is None, element.tag


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_request_is_valid_against_the_service_schema(case):
    service = service_for(case.operation, case.stakeholder, case.protocol)
    schema = etree.XMLSchema(etree.parse(str((WSDL_DIR / service.wsdl_file).with_suffix(".xsd"))))
    schema.assertValid(body_root(request_for(case)))


def by_name(name: str) -> Case:
    return next(case for case in CASES if case.name == name)


def test_purchase_names_the_seller_in_FR_and_us_in_TO():
    root = body_root(request_for(by_name("br.eczane_mal_alim")))
    assert (root.findtext("DT"), root.findtext("FR"), root.findtext("TO")) == ("A", DEPOT, PHARMACY)


XSI_NIL = "{http://www.w3.org/2001/XMLSchema-instance}nil"


def nil(element: etree._Element | None) -> bool:
    """Sent, without a value: <X xsi:nil="true"/>."""
    return element is not None and element.get(XSI_NIL) == "true" and not element.text and not len(element)


def test_walk_in_sale_goes_to_the_walk_in_gln_with_empty_prescription_fields():
    root = body_root(request_for(by_name("br.eczane_satis.cash")))
    assert root.findtext("TO") == WALK_IN_BUYER_GLN
    assert all(nil(root.find(f"BELGE/{name}")) for name in ("DR", "CP", "EID", "RKN"))


def test_reimbursement_sale_goes_to_the_institution_with_eid_and_rkn():
    root = body_root(request_for(by_name("br.eczane_satis.reimbursement")))
    assert root.findtext("TO") == SGK
    assert (root.findtext("BELGE/EID"), root.findtext("BELGE/RKN")) == ("4512", "1A2B3C4D")


def test_reimbursement_sale_carries_the_doctor_and_patient_identity_numbers_in_belge():
    belge = body_root(request_for(by_name("br.eczane_satis.reimbursement"))).find("BELGE")
    assert [(child.tag, child.text) for child in belge] == [
        ("DD", "2024-05-06"), ("DN", "F1002"), ("DR", DOCTOR_TC), ("CP", PATIENT_TC), ("EID", "4512"),
        ("RKN", "1A2B3C4D")]


def test_the_doctor_is_optional_and_goes_empty():
    case = by_name("br.eczane_satis.reimbursement")
    header = Header(sale=dataclasses.replace(REIMBURSED, doctor_id=None))
    root = body_root(client_for(case).build_request(service_for(Operation.SALE, Stakeholder.PHARMACY), header, PRODUCTS))
    assert nil(root.find("BELGE/DR")) and root.findtext("BELGE/CP") == PATIENT_TC


@pytest.mark.parametrize("field", ["doctor_id", "patient_id"])
@pytest.mark.parametrize("number", ["23456789139", "23456789148", "03456789138", "2345678913", "2345678913X"])
def test_an_identity_number_with_wrong_check_digits_is_refused_before_sending(field, number):
    header = Header(sale=dataclasses.replace(REIMBURSED, **{field: number}))
    error = refused(by_name("br.eczane_satis.reimbursement"), header)
    assert "T.C. kimlik" in error.message_tr and "T.C. identity" in error.message_en
    assert ("DR" if field == "doctor_id" else "CP") in error.message_en


def test_a_cash_sale_refuses_a_patient_identity_number():
    header = Header(sale=SaleDetails(kind="cash", patient_id=PATIENT_TC))
    error = refused(by_name("br.eczane_satis.cash"), header)
    assert "Elden" in error.message_tr and "cash sale" in error.message_en


def test_reimbursement_without_institution_id_uses_the_pharmacy_gln_as_eid():
    case = by_name("br.eczane_satis.reimbursement")
    header = Header(sale=SaleDetails(kind="reimbursement", institution_gln=SGK, prescription_no="R1"))
    root = body_root(client_for(case).build_request(service_for(Operation.SALE, Stakeholder.PHARMACY), header, PRODUCTS))
    assert root.findtext("BELGE/EID") == PHARMACY


def test_reimbursement_sale_cancel_is_by_prescription_with_empty_item_list():
    root = body_root(request_for(by_name("br.eczane_satis_iptal.reimbursement")))
    assert root.findtext("BELGE/RKN") == "1A2B3C4D"
    assert len(root.find("URUNLER")) == 0


def test_walk_in_sale_cancel_lists_the_boxes():
    root = body_root(request_for(by_name("br.eczane_satis_iptal.cash")))
    assert [item.findtext("SN") for item in root.find("URUNLER")] == ["QQ001", "QQ002"]
    assert [child.tag for child in root.find("BELGE")] == ["EID", "RKN"]
    assert all(nil(child) for child in root.find("BELGE"))


def test_consumption_without_note_or_document_still_sends_isaciklama_and_belge():
    """The guide's Sarf example sends both; public WSDL imports mark BELGE, DD and DN nillable."""
    case = by_name("br.hastane_sarf")
    root = body_root(client_for(case).build_request(service_for(case.operation, case.stakeholder), Header(), PRODUCTS))
    assert [child.tag for child in root] == ["DT", "FR", "ISACIKLAMA", "BELGE", "URUNLER"]
    assert nil(root.find("ISACIKLAMA"))
    assert [child.tag for child in root.find("BELGE")] == ["DD", "DN"]
    assert all(nil(child) for child in root.find("BELGE"))


@pytest.mark.parametrize("case", [case for case in CASES if case.protocol == "br-v1"], ids=lambda case: case.name)
def test_every_guide_field_is_sent_even_without_a_value(case):
    """A header with nothing filled in still carries every field of the service, in order."""
    service = service_for(case.operation, case.stakeholder, case.protocol)
    root = body_root(request_for(case))
    assert [child.tag for child in root] == list(service.header_fields)
    if service.belge_fields:
        assert [child.tag for child in root.find("BELGE")] == list(service.belge_fields)


def test_deactivation_explains_the_reason_in_isaciklama():
    root = body_root(request_for(by_name("br.deaktivasyon")))
    assert (root.findtext("DS"), root.findtext("ISACIKLAMA")) == ("40", "MİAT SEBEBİYLE İMHA")


def test_item_fields_keep_the_karekod_order_gtin_bn_sn_xd():
    root = body_root(request_for(by_name("v12.receipt")))
    first = root.find("PRODUCTS/PRODUCT")
    assert [child.tag for child in first] == ["GTIN", "BN", "SN", "XD"]
    assert first.findtext("XD") == "2027-06-30"


def test_serialised_request_declares_utf8_and_keeps_turkish_letters():
    xml = request_for(by_name("br.ihracat"))
    assert xml.startswith(b"<?xml version='1.0' encoding='utf-8'?>")
    assert "Şirketine İhraç".encode() in xml


# ---- refused before sending (the server would answer these with an 11xxx fault) ----

def refused(case: Case, header: Header | None = None, products=PRODUCTS) -> ItsConfigError:
    service = service_for(case.operation, case.stakeholder, case.protocol)
    with pytest.raises(ItsConfigError) as caught:
        client_for(case).build_request(service, header or case.header, products)
    return caught.value


def test_user_name_must_be_the_gln_and_four_digits():
    with pytest.raises(ItsConfigError) as caught:
        ItsClient("http://127.0.0.1:9", DEPOT + "0000", "x", gln=PHARMACY, stakeholder=Stakeholder.PHARMACY)
    assert caught.value.code == "11039"
    assert "GLN" in caught.value.message_tr and "GLN" in caught.value.message_en
    with pytest.raises(ItsConfigError):
        ItsClient("http://127.0.0.1:9", PHARMACY + "00", "x", gln=PHARMACY, stakeholder=Stakeholder.PHARMACY)


@pytest.mark.parametrize("product, code", [
    (Product(GTIN[:-1] + str((int(GTIN[-1]) + 1) % 10), "S1", "B1", date(2027, 1, 1)), "11013"),
    (Product(GTIN, "s1", "B1", date(2027, 1, 1)), "11032"),
    (Product(GTIN, "S1", "B-1", date(2027, 1, 1)), "11036"),
])
def test_a_malformed_box_is_refused_and_named(product, code):
    error = refused(by_name("br.eczane_mal_alim"), products=[product])
    assert error.code == code


def test_no_products_is_refused_with_the_its_code():
    assert refused(by_name("br.eczane_mal_alim"), products=[]).code == "11020"


def test_a_box_twice_in_one_notification_has_a_message_of_its_own_not_an_its_code():
    error = refused(by_name("br.eczane_mal_alim"), products=[PRODUCTS[0], PRODUCTS[1], PRODUCTS[0]])
    assert error.code is None  # 10007 is production's "serial already exists", not this
    assert "10007" not in error.message_tr + error.message_en
    assert "iki kez" in error.message_tr and "twice" in error.message_en
    assert PRODUCTS[0].serial in error.message_tr and PRODUCTS[0].serial in error.message_en


def test_missing_or_bad_counterparty_is_refused():
    case = by_name("br.depo_satis")
    assert refused(case, Header()).code == "11019"
    assert refused(case, Header(counterparty_gln="8680001000013")).code == "11019"
    assert refused(by_name("br.eczane_mal_alim"), Header()).code == "11018"


def test_deactivation_needs_a_known_reason_and_export_needs_its_note():
    assert refused(by_name("br.deaktivasyon"), Header(deactivation_reason="99")).code == "11022"
    assert refused(by_name("br.ihracat"), Header()).code == "11024"


def test_reimbursement_sale_needs_the_prescription_number():
    header = Header(sale=SaleDetails(kind="reimbursement", institution_gln=SGK))
    assert refused(by_name("br.eczane_satis.reimbursement"), header).code == "11026"


# ---- the guide's printed requests (tests/unit/data/its-guide/requests/) ----

GUIDE_REQUESTS = Path(__file__).parent / "data" / "its-guide" / "requests"
# Where the guide's example contradicts its own text, the text wins.
GUIDE_EXAMPLE_SLIPS = {
    # p. 84 prints DT S; the field list under it says C (Mal Devir İptal).
    ("br.hastane_mal_devir_iptal", "DT"): "C",
}


def guide_request_root(key: str) -> etree._Element:
    envelope = etree.parse(str(GUIDE_REQUESTS / f"{key}.xml")).getroot()
    body = next(child for child in envelope if etree.QName(child).localname.casefold() == "body")
    return body[0]


def guide_cases() -> list[Case]:
    """One case per service the guide prints a request for (the cash sale for the pharmacy sale)."""
    keys = {path.stem for path in GUIDE_REQUESTS.glob("*.xml")}
    chosen = {}
    for case in CASES:
        key = ".".join(case.name.split(".")[:2])
        if key in keys and key not in chosen:
            chosen[key] = case
    assert set(chosen) == keys
    return list(chosen.values())


@pytest.mark.parametrize("case", guide_cases(), ids=lambda case: case.name)
def test_request_has_the_guide_printed_fields_in_the_guide_order(case):
    service = service_for(case.operation, case.stakeholder, case.protocol)
    printed, ours = guide_request_root(service.key), body_root(request_for(case))
    # The transcript lower-cases the root and its namespace; the casing is the protocol file's.
    assert etree.QName(ours).localname.casefold() == etree.QName(printed).localname.casefold()
    assert etree.QName(ours).namespace.casefold() == etree.QName(printed).namespace.casefold()
    assert [child.tag for child in ours] == [child.tag for child in printed]
    if printed.find("BELGE") is not None:
        assert [child.tag for child in ours.find("BELGE")] == [child.tag for child in printed.find("BELGE")]
    expected_dt = GUIDE_EXAMPLE_SLIPS.get((service.key, "DT"), printed.findtext("DT"))
    assert ours.findtext("DT") == expected_dt
    # Some examples leave GTIN out of URUN; the guide's text asks for all four karekod fields.
    item_fields = [child.tag for child in ours.find("URUNLER/URUN")]
    for item in printed.find("URUNLER"):
        if isinstance(item.tag, str):
            printed_fields = [child.tag for child in item if isinstance(child.tag, str)]
            assert [name for name in item_fields if name in printed_fields] == printed_fields
