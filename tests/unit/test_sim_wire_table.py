"""The simulator's own table of ITS endpoints (pharmadesk/sim/wire.py) against the WSDL and XSD
files it validates with: each row's path, SOAPAction, namespace and roots are what its WSDL
declares, so a slip in the table cannot pass for a slip in the client."""

from __future__ import annotations

import pytest
from lxml import etree

from pharmadesk.sim.wire import ENDPOINTS, WSDL_DIR

WSDL = "http://schemas.xmlsoap.org/wsdl/"
SOAP = "http://schemas.xmlsoap.org/wsdl/soap/"


@pytest.mark.parametrize("endpoint", ENDPOINTS.values(), ids=lambda endpoint: endpoint.name)
def test_table_row_is_what_its_wsdl_declares(endpoint):
    wsdl = etree.parse(str(WSDL_DIR / endpoint.wsdl_file)).getroot()
    assert wsdl.get("targetNamespace") == endpoint.namespace
    assert wsdl.find(f".//{{{SOAP}}}operation").get("soapAction") == endpoint.soap_action
    assert wsdl.find(f".//{{{SOAP}}}address").get("location").endswith(endpoint.path)
    parts = [part.get("element") for part in wsdl.iter(f"{{{WSDL}}}part")]
    assert parts[:2] == [f"tns:{endpoint.request_root}", f"tns:{endpoint.response_root}"]
    schema = endpoint.schema  # loads, and knows the root
    assert schema is not None
    xsd = etree.parse(str(WSDL_DIR / endpoint.schema_file)).getroot()
    assert endpoint.request_root in {element.get("name") for element in xsd}


def test_every_wsdl_in_resources_has_a_row():
    assert {endpoint.wsdl_file for endpoint in ENDPOINTS.values()} == {
        str(path.relative_to(WSDL_DIR)) for path in WSDL_DIR.glob("*/*.wsdl")}
