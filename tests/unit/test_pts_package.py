"""Reading a PTS package file and a carrier label: the spellings real senders use, nested
carriers of any depth, unknown elements skipped, and the refusals (DTD, entities, a serial
listed twice, a broken ZIP), each in Turkish and English."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest

from pharmadesk import gs1
from pharmadesk.its.pts_package import PackageError, read_xml, read_zip

PALLET = "086900020000200014"
CASE = "086900020000200021"
INNER = "086900020000200038"


def xml(body: str, prolog: str = "") -> io.BytesIO:
    return io.BytesIO(f'<?xml version="1.0"?>{prolog}<transfer><sourceGLN>8690002000027</sourceGLN>'
                      f'<destinationGLN>8690003000040</destinationGLN><actionType>P</actionType>'
                      f'<documentNumber>D1</documentNumber><documentDate>2026-12-01</documentDate>{body}'
                      f'</transfer>'.encode())


def test_nested_carriers_case_variants_and_unknown_elements():
    package = read_xml(xml(
        f'<carrier carrierLabel="00{PALLET}" containerType="P"><pallet-info>skip me</pallet-info>'
        f'<carrier CarrierLabel="{CASE}" containerType="C">'
        f'<carrier carrierLabel="{INNER}" containerType="B">'
        f'<productList GTIN="08699999999994" LotNumber="L1" ExpirationDate="2030-01-31" PONumber="PO7">'
        f'<serialNumber>A1</serialNumber><serialNumber> A2 </serialNumber></productList></carrier>'
        f'<productList GTIN="08699999999994" lotNumber="L2" expirationDate="2031-02-28" productionDate="2026-01-01">'
        f'<serialNumber>B1</serialNumber></productList></carrier></carrier>'))
    assert (package.action_type, package.document_number) == ("P", "D1")
    assert [(c.sscc, c.parent, c.container_type) for c in package.carriers] == [
        (PALLET, None, "P"), (CASE, PALLET, "C"), (INNER, CASE, "B")]
    assert [(b.serial, b.batch, b.expiry, b.carrier, b.po_number, b.production_date) for b in package.boxes] == [
        ("A1", "L1", date(2030, 1, 31), INNER, "PO7", None), ("A2", "L1", date(2030, 1, 31), INNER, "PO7", None),
        ("B1", "L2", date(2031, 2, 28), CASE, None, "2026-01-01")]


@pytest.mark.parametrize("prolog", ['<!DOCTYPE transfer [<!ENTITY lol "lol">]>',
                                    '<!DOCTYPE transfer SYSTEM "file:///etc/passwd">'])
def test_a_dtd_or_entity_is_refused(prolog):
    with pytest.raises(PackageError) as refused:
        read_xml(xml("<note>&lol;</note>", prolog))
    assert "DOCTYPE" in refused.value.message("en") and "güvenlik" in refused.value.message("tr")


def test_a_serial_listed_twice_is_refused():
    with pytest.raises(PackageError) as refused:
        read_xml(xml('<carrier carrierLabel="x"><productList GTIN="08699999999994" lotNumber="L" '
                     'expirationDate="2030-01-31"><serialNumber>A1</serialNumber></productList>'
                     '<productList GTIN="08699999999994" lotNumber="L" expirationDate="2030-01-31">'
                     '<serialNumber>A1</serialNumber></productList></carrier>'))
    assert "twice" in refused.value.message("en") and "iki kez" in refused.value.message("tr")


def test_a_zip_without_one_xml_or_not_a_zip_is_refused():
    empty = io.BytesIO()
    with zipfile.ZipFile(empty, "w") as archive:
        archive.writestr("readme.txt", "no xml")
    for data in (empty.getvalue(), b"PK\x03\x04garbage"):
        with pytest.raises(PackageError) as refused:
            read_zip(data)
        assert refused.value.message("tr") != refused.value.message("en")


@pytest.mark.parametrize("raw", [PALLET, "00" + PALLET, "]C100" + PALLET, "(00)" + PALLET, "]d200" + PALLET + "\r\n"])
def test_a_carrier_label_in_every_form_gives_its_sscc(raw):
    assert gs1.carrier_label(raw) == PALLET


def test_a_carrier_label_with_a_wrong_check_digit_is_an_error_and_a_karekod_is_not_a_label():
    with pytest.raises(gs1.Gs1Error) as wrong:
        gs1.carrier_label(PALLET[:-1] + "9")
    assert wrong.value.reason == "sscc"
    assert gs1.carrier_label("0108699999999994211234\x1d17300131" + "10L1") is None
    assert gs1.carrier_label("8690002000027") is None  # a GLN or EAN-13
