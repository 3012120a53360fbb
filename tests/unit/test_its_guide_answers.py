"""Answers read as ITS prints them: every service's answer from the 2011 guide (flat
URUNLER of SN, UC pairs, often without GTIN; names and namespaces lower-cased; the
Hastane Mal Devir answer in its own namespace) gives each box its code, and answers
that do not match the request are still refused."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from its_cases import PHARMACY, SGK
from pharmadesk.domain import Header, Product, SaleDetails, Stakeholder
from pharmadesk.its.client import ItsClient
from pharmadesk.its.errors import ItsResponseError
from pharmadesk.its.services import all_services, service

ANSWERS = Path(__file__).parent / "data" / "its-guide" / "answers"
GTIN, OTHER_GTIN = "08699536090115", "08699536090122"
XD = date(2027, 6, 30)

# The boxes each printed answer speaks of, in the order the guide's request sends them,
# with the code the guide answers for each.
SENT: dict[str, list[tuple[str, str, str]]] = {
    "br.eczane_mal_alim": [(GTIN, "QQ001", "00000"), (GTIN, "QQ002", "10204")],
    "br.eczane_mal_iade": [(GTIN, "QQ001", "00000"), (GTIN, "QQ002", "10204")],
    "br.eczane_satis": [(GTIN, "G0000001", "00000"), (GTIN, "00001", "00000")],
    "br.eczane_satis_iptal": [(GTIN, "G0000001", "10219"), (GTIN, "00001", "10219")],
    "br.eczane_mal_devir": [(GTIN, "A0000001", "00000"), (GTIN, "A0000002", "10204")],
    "br.eczane_mal_devir_iptal": [(GTIN, "A000000", "10205"), (GTIN, "A000001", "00000")],
    "br.hastane_mal_alim": [(GTIN, "ZA001", "10209"), (GTIN, "ZA002", "10210")],
    "br.hastane_mal_iade": [(GTIN, "YA01", "00000"), (GTIN, "YA02", "10211")],
    # One serial on two products: without a GTIN the answer speaks of them in the order sent.
    "br.hastane_sarf": [(GTIN, "QQ007", "00000"), (OTHER_GTIN, "QQ007", "10205")],
    "br.hastane_mal_devir": [(GTIN, "HM0001", "00000"), (GTIN, "HM0002", "00000")],
    "br.hastane_mal_devir_iptal": [(GTIN, "HM0001", "00000"), (GTIN, "HM0002", "00000")],
    "br.depo_mal_alim": [(GTIN, "QQ007", "10205"), (GTIN, "QQ008", "00000")],
    "br.depo_mal_iade": [(GTIN, "QQ007", "10205"), (GTIN, "QQ008", "00000")],
    "br.depo_satis": [(GTIN, "QQ007", "00000"), (GTIN, "QQ008", "00000")],
    "br.depo_satis_iptal": [(GTIN, "QQ007", "00000"), (GTIN, "QQ009", "10219")],
    "br.ihracat": [(GTIN, f"Y00000{n}", "10203") for n in range(1, 5)],
    "br.deaktivasyon": [(GTIN, "G0000001", "10205"), (GTIN, "G0000002", "00000")],
    "br.urun_dogrulama": [(GTIN, "QQ001", "40001"), (GTIN, "QQ002", "40005")],
    "v12.receipt": [(GTIN, "QQ001", "00000"), (GTIN, "QQ002", "10210")],
    "v12.return": [(GTIN, "QQ001", "00000"), (GTIN, "QQ002", "10211")],
    "v12.dispatch": [(GTIN, "QQ001", "00000"), (GTIN, "QQ002", "10204")],
    "v12.dispatch_cancel": [(GTIN, "QQ001", "00000"), (GTIN, "QQ002", "10219")],
    "v12.transfer": [(GTIN, "QQ001", "00000"), (GTIN, "QQ002", "10204")],
}


def client() -> ItsClient:
    return ItsClient("http://127.0.0.1:9", PHARMACY + "0000", "sandbox", gln=PHARMACY,
                     stakeholder=Stakeholder.PHARMACY)


def boxes(key: str) -> list[Product]:
    return [Product(gtin, serial, "BN01", XD) for gtin, serial, _ in SENT[key]]


def read(key: str, answer: bytes | None = None, products: list[Product] | None = None, header=Header()):
    answer = answer if answer is not None else (ANSWERS / f"{key}.xml").read_bytes()
    return client().read_response(service(key), 200, answer, boxes(key) if products is None else products, header)


def test_every_service_has_a_stored_answer():
    assert {path.stem for path in ANSWERS.glob("*.xml")} == {s.key for s in all_services()} == set(SENT)


@pytest.mark.parametrize("key", sorted(SENT))
def test_the_printed_answer_gives_each_box_its_code(key):
    result = read(key)
    assert result.notification_id
    assert [(item.gtin, item.serial, item.code) for item in result.items] == SENT[key]


def test_the_hospital_transfer_answer_in_its_own_namespace_is_read():
    answer = (ANSWERS / "br.hastane_mal_devir.xml").read_bytes()
    assert b"/maldevir/hastane\"" in answer  # not the request's .../maldevir/hastanemaldevir
    assert read("br.hastane_mal_devir").notification_id == "77041"


def test_an_answer_in_another_service_namespace_is_still_refused():
    answer = (ANSWERS / "br.eczane_mal_alim.xml").read_bytes().replace(b"/alim/eczane", b"/alim/hastane")
    with pytest.raises(ItsResponseError):
        read("br.eczane_mal_alim", answer)


def test_the_printed_export_answer_names_a_box_the_printed_request_did_not_send():
    """The guide's İhracat request (p. 13) sends Y000001-Y000003, its answer (p. 14) lists Y000004 too."""
    with pytest.raises(ItsResponseError) as caught:
        read("br.ihracat", products=boxes("br.ihracat")[:3])
    assert "Y000004" in caught.value.message_en and "not sent" in caught.value.message_en


def test_a_flat_answer_missing_a_sent_serial_is_refused():
    with pytest.raises(ItsResponseError) as caught:
        read("br.eczane_mal_alim", products=boxes("br.eczane_mal_alim") + [Product(GTIN, "QQ003", "BN01", XD)])
    assert "QQ003" in caught.value.message_en


def test_a_flat_answer_with_a_serial_twice_is_refused():
    answer = (ANSWERS / "br.depo_satis.xml").read_bytes().replace(b"<SN>QQ008</SN>", b"<SN>QQ007</SN>")
    with pytest.raises(ItsResponseError) as caught:
        read("br.depo_satis", answer)
    assert "twice" in caught.value.message_en


def test_a_gtin_in_the_answer_must_be_the_one_sent_with_that_serial():
    answer = (ANSWERS / "br.hastane_mal_alim.xml").read_bytes().replace(
        f"<GTIN>{GTIN}</GTIN>".encode(), b"<GTIN>08699536090139</GTIN>", 1)
    with pytest.raises(ItsResponseError) as caught:
        read("br.hastane_mal_alim", answer)
    assert "ZA001" in caught.value.message_en


def test_upper_case_names_and_wrapped_items_are_read_alike():
    """The casing WSDL-generated clients show, with URUNDURUM around each item."""
    answer = (b'<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body>'
              b'<ns2:EczaneMalAlimBildirimCevap xmlns:ns2="http://its.iegm.gov.tr/bildirim/BR/v1/Alim/Eczane">'
              b"<BILDIRIMID>5</BILDIRIMID><URUNLER>"
              b"<URUNDURUM><SN>QQ001</SN><UC>00000</UC></URUNDURUM>"
              b"<URUNDURUM><GTIN>08699536090115</GTIN><SN>QQ002</SN><UC>10204</UC></URUNDURUM>"
              b"</URUNLER></ns2:EczaneMalAlimBildirimCevap></S:Body></S:Envelope>")
    result = read("br.eczane_mal_alim", answer)
    assert [item.code for item in result.items] == ["00000", "10204"]


def test_a_prescription_cancel_may_answer_boxes_we_did_not_scan_when_it_names_their_gtin():
    header = Header(sale=SaleDetails(kind="reimbursement", institution_gln=SGK, prescription_no="R1"))
    result = read("br.eczane_satis_iptal", products=boxes("br.eczane_satis_iptal")[:1], header=header)
    assert [item.serial for item in result.items] == ["G0000001", "00001"]
