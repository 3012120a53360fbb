"""Talking to the ITS simulator the way another ITS client would: hand-written SOAP envelopes
over plain HTTP with Basic auth, and the admin API. Shared by the tests of the simulator."""

from __future__ import annotations

import base64
import http.client
import json
from urllib.parse import urlsplit

from lxml import etree

from pharmadesk.domain import Operation
from pharmadesk.sim import sandbox as world
from pharmadesk.sim.ledger import Line

ENV = "http://schemas.xmlsoap.org/soap/envelope/"
BR = "http://its.iegm.gov.tr/bildirim/BR/v1"
PHARMACY_USER = f"{world.PHARMACY}0000"


def request(sim, method: str, path: str, body: bytes | str | None = None, *, user: str | None = PHARMACY_USER,
            password: str = "sandbox", content_type: str = "text/xml; charset=utf-8",
            soap_action: str | None = None) -> tuple[int, bytes]:
    url = urlsplit(sim.base_url)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
    headers = {"Content-Type": content_type}
    if soap_action is not None:
        headers["SOAPAction"] = f'"{soap_action}"'
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


def in_stock(sim, station: str, count: int) -> list:
    """Usable boxes registered on `station`: bought now from those the sandbox shipped to it."""
    usable = [item for item in sim.ledger.items.values()
              if item.pending_to == station and item.status.value == "in_transit" and item.xd > sim.ledger.today()
              and not sim.ledger.recall_levels(item.gtin, item.bn)][:count]
    assert len(usable) == count
    for item in usable:
        booked = sim.ledger.notify(station, Operation.RECEIVE, [Line(item.gtin, item.sn)],
                                   counterparty=item.previous_owner)[1]
        assert booked == ["00000"]
    return usable


def urun(item, *, element: str = "URUN") -> str:
    return f"<{element}><GTIN>{item.gtin}</GTIN><BN>{item.bn}</BN><SN>{item.sn}</SN><XD>{item.xd}</XD></{element}>"


def br_envelope(prefix: str, namespace: str, root: str, fields: str, items: str) -> str:
    """A request written the way the guide's examples are (soapenv + a service prefix)."""
    return (f'<soapenv:Envelope xmlns:soapenv="{ENV}" xmlns:{prefix}="{namespace}"><soapenv:Header/>'
            f"<soapenv:Body><{prefix}:{root}>{fields}<URUNLER>{items}</URUNLER></{prefix}:{root}>"
            f"</soapenv:Body></soapenv:Envelope>")


def verify_envelope(fr: str, items: str, dt: str = "V") -> str:
    return br_envelope("urun", f"{BR}/UrunDogrulama/Genel", "UrunDogrulamaBildirim",
                       f"<DT>{dt}</DT><FR>{fr}</FR>", items)


VERIFY_PATH = "/UrunDogrulama/UrunDogrulamaReceiverService"
