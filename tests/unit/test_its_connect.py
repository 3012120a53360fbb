"""Which client a station's settings give, and where it sends: `its.url` is the base, the
SOAP default becomes ITS2's own host under its2, a test host or the sandbox is kept."""

from __future__ import annotations

import pytest

from its_cases import HOSPITAL, PHARMACY
from pharmadesk.domain import Stakeholder
from pharmadesk.its.client import ItsClient
from pharmadesk.its.connect import SOAP_HOST, base_url_for, open_client
from pharmadesk.its.rest import RestClient
from pharmadesk.its.rest_services import ITS2_HOST


@pytest.mark.parametrize("protocol, url, used", [
    ("its2", SOAP_HOST, ITS2_HOST),
    ("its2", SOAP_HOST + "/", ITS2_HOST),
    ("its2", "http://127.0.0.1:8080", "http://127.0.0.1:8080"),
    ("its2", "https://itstest2.saglik.gov.tr", "https://itstest2.saglik.gov.tr"),
    ("br-v1", ITS2_HOST, SOAP_HOST),
    ("its-1.2", SOAP_HOST, SOAP_HOST),
])
def test_the_base_url_each_generation_uses(protocol, url, used):
    assert base_url_for(protocol, url) == used


def test_its2_gives_a_rest_client_with_sarf_over_soap_only_when_a_hospital_asks():
    pharmacy = open_client(SOAP_HOST, PHARMACY + "0000", "x", gln=PHARMACY, stakeholder=Stakeholder.PHARMACY,
                           protocol="its2", consume_via="soap")
    assert isinstance(pharmacy, RestClient) and pharmacy.base_url == ITS2_HOST and pharmacy.soap_consume is None
    hospital = open_client(SOAP_HOST, HOSPITAL + "0000", "x", gln=HOSPITAL, stakeholder=Stakeholder.HOSPITAL,
                           protocol="its2", consume_via="soap")
    assert isinstance(hospital.soap_consume, ItsClient)
    assert (hospital.soap_consume.base_url, hospital.soap_consume.protocol) == (SOAP_HOST, "br-v1")
    soap = open_client(SOAP_HOST, PHARMACY + "0000", "x", gln=PHARMACY, stakeholder=Stakeholder.PHARMACY)
    assert isinstance(soap, ItsClient) and soap.protocol == "br-v1"
