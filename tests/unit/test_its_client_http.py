"""The ITS client over real HTTP against a tiny local server that answers whatever a
test asks: ITS answers, faults, error pages, hostile XML, silence. (The ITS
simulator never misbehaves like this; the client ↔ simulator tests are elsewhere.)"""

from __future__ import annotations

import base64
import http.server
import shutil
import ssl
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from lxml import etree

from its_cases import DEPOT, PHARMACY, PRODUCTS, SGK
from pharmadesk.domain import Header, Operation, SaleDetails, Stakeholder
from pharmadesk.its.client import SOAP_ENV, Exchange, ItsClient
from pharmadesk.its.errors import ItsAuthError, ItsFault, ItsResponseError, ItsTransportError
from pharmadesk.its.services import Service, service_for

USER, PASSWORD = PHARMACY + "0000", "s3cret-Parola"


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    content_type: str = "text/xml; charset=utf-8"
    delay: float = 0.0


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.server.received.append(Received(self.path, dict(self.headers), body))
        reply = self.server.reply(body)
        time.sleep(reply.delay)
        try:
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.content_type)
            self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            self.wfile.write(reply.body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up waiting (timeout test)

    def log_message(self, *args) -> None:
        pass


@dataclass
class FakeIts:
    url: str
    received: list[Received] = field(default_factory=list)
    reply: Callable[[bytes], Reply] = lambda body: Reply(500)


def _serve(server: http.server.ThreadingHTTPServer, fake: FakeIts):
    server.daemon_threads = True
    server.block_on_close = False
    server.received = fake.received
    server.reply = lambda body: fake.reply(body)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    return thread


@pytest.fixture
def its():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    fake = FakeIts(url=f"http://127.0.0.1:{server.server_address[1]}")
    _serve(server, fake)
    yield fake
    server.shutdown()
    server.server_close()


@pytest.fixture
def exchanges():
    return []


def make_client(url: str, exchanges: list, stakeholder=Stakeholder.PHARMACY, protocol="br-v1", **options) -> ItsClient:
    gln = {Stakeholder.PHARMACY: PHARMACY, Stakeholder.WAREHOUSE: DEPOT}[stakeholder]
    username = USER if gln == PHARMACY else gln + "0000"
    return ItsClient(url, username, PASSWORD, gln=gln, stakeholder=stakeholder, protocol=protocol,
                     on_exchange=exchanges.append, **options)


def answer(service: Service, request: bytes, codes=None, *, drop=0, add=(), root=None) -> bytes:
    """What ITS answers: the request's boxes with a code each (default 00000)."""
    items = etree.fromstring(request).find(f"{{{SOAP_ENV}}}Body")[0].find(service.item_wrapper)
    boxes = [(item.findtext("GTIN"), item.findtext("SN")) for item in items][drop:] + list(add)
    envelope = etree.Element(f"{{{SOAP_ENV}}}Envelope", nsmap={"S": SOAP_ENV})
    response = etree.SubElement(etree.SubElement(envelope, f"{{{SOAP_ENV}}}Body"),
                                root or f"{{{service.namespace}}}{service.response_root}",
                                nsmap={"ns2": service.namespace})
    etree.SubElement(response, service.id_element).text = "77012"
    wrapper = etree.SubElement(response, service.item_wrapper)
    for index, (gtin, serial) in enumerate(boxes):
        item = etree.SubElement(wrapper, service.result_item_element)
        etree.SubElement(item, "GTIN").text = gtin
        etree.SubElement(item, "SN").text = serial
        etree.SubElement(item, "UC").text = (codes or {}).get(index, "00000")
    return etree.tostring(envelope, xml_declaration=True, encoding="utf-8")


def fault(service: Service, code: str, message: str) -> bytes:
    detail_name = service.fault_element
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<S:Envelope xmlns:S="{SOAP_ENV}"><S:Body><S:Fault>
  <faultcode>S:Server</faultcode><faultstring>{message}</faultstring>
  <detail><ns2:{detail_name} xmlns:ns2="{service.namespace}">
    <{service.fault_code_element}>{code}</{service.fault_code_element}>
    <{service.fault_message_element}>{message}</{service.fault_message_element}>
  </ns2:{detail_name}></detail>
</S:Fault></S:Body></S:Envelope>""".encode()


RECEIVE = service_for(Operation.RECEIVE, Stakeholder.PHARMACY, "br-v1")
PURCHASE = Header(counterparty_gln=DEPOT, document_number="PD231")


# ---- the normal path ----

def test_purchase_round_trip_gives_each_box_its_code(its, exchanges):
    its.reply = lambda body: Reply(body=answer(RECEIVE, body, {1: "10210"}))
    with make_client(its.url, exchanges) as client:
        result = client.notify(Operation.RECEIVE, PURCHASE, PRODUCTS)
    assert result.notification_id == "77012"
    assert [(item.serial, item.code) for item in result.items] == [("QQ001", "00000"), ("QQ002", "10210")]


def test_the_guide_printed_purchase_answer_over_http_gives_each_box_its_code(its, exchanges):
    """Flat URUNLER of SN, UC pairs without GTIN, lower-cased names: as the guide prints it (p. 53)."""
    printed = (Path(__file__).parent / "data" / "its-guide" / "answers" / "br.eczane_mal_alim.xml").read_bytes()
    its.reply = lambda body: Reply(body=printed)
    with make_client(its.url, exchanges) as client:
        result = client.notify(Operation.RECEIVE, PURCHASE, PRODUCTS)
    assert (result.notification_id, [item.code for item in result.items]) == ("77012", ["00000", "10204"])
    assert exchanges[0].outcome == "ok"


def test_request_carries_basic_auth_from_the_first_request_and_the_soap_action(its, exchanges):
    its.reply = lambda body: Reply(body=answer(RECEIVE, body))
    with make_client(its.url, exchanges) as client:
        client.notify(Operation.RECEIVE, PURCHASE, PRODUCTS)
    [request] = its.received
    assert request.path == RECEIVE.path
    assert request.headers["Authorization"] == "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
    assert request.headers["SOAPAction"] == f'"{RECEIVE.soap_action}"'
    assert request.headers["Content-Type"].startswith("text/xml")


def test_exchange_logs_exactly_what_was_sent_and_never_the_password(its, exchanges):
    its.reply = lambda body: Reply(body=answer(RECEIVE, body))
    with make_client(its.url, exchanges) as client:
        client.notify(Operation.RECEIVE, PURCHASE, PRODUCTS)
    [exchange] = exchanges
    assert exchange.request_xml.encode("utf-8") == its.received[0].body
    assert exchange.response_xml.startswith("<?xml") and "77012" in exchange.response_xml
    assert (exchange.outcome, exchange.http_status, exchange.notification_id) == ("ok", 200, "77012")
    assert (exchange.service, exchange.operation, exchange.url) == (RECEIVE.key, "receive", its.url + RECEIVE.path)
    flat = repr(exchange)
    assert PASSWORD not in flat and base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode() not in flat


def test_a_prescriptions_doctor_and_patient_go_to_its_but_the_message_log_gets_them_masked(its, exchanges):
    sale = service_for(Operation.SALE, Stakeholder.PHARMACY)
    its.reply = lambda body: Reply(body=answer(sale, body))
    header = Header(sale=SaleDetails(kind="reimbursement", institution_gln=SGK, prescription_no="RX9",
                                     doctor_id="12345678950", patient_id="23456789138"))
    with make_client(its.url, exchanges) as client:
        client.notify(Operation.SALE, header, PRODUCTS)
    sent = its.received[0].body
    assert b"<DR>12345678950</DR><CP>23456789138</CP>" in sent
    logged = exchanges[0].request_xml
    assert "<DR>********</DR><CP>********</CP>" in logged and "<RKN>RX9</RKN>" in logged
    assert "12345678950" not in repr(exchanges[0]) and "23456789138" not in repr(exchanges[0])


def test_its_12_dispatch_reads_notificationid_and_products(its, exchanges):
    dispatch = service_for(Operation.SALE, Stakeholder.WAREHOUSE, "its-1.2")
    its.reply = lambda body: Reply(body=answer(dispatch, body, {0: "10204"}))
    with make_client(its.url, exchanges, Stakeholder.WAREHOUSE, "its-1.2") as client:
        result = client.notify(Operation.SALE, Header(counterparty_gln=PHARMACY), PRODUCTS)
    assert its.received[0].path == "/ITSServices/DispatchNotification"
    assert [item.code for item in result.items] == ["10204", "00000"]


def test_prescription_cancel_returns_every_box_its_cancelled(its, exchanges):
    cancel = service_for(Operation.SALE_CANCEL, Stakeholder.PHARMACY)
    unscanned = (PRODUCTS[0].gtin, "QQ777")
    its.reply = lambda body: Reply(body=_prescription_answer(cancel, unscanned))
    header = Header(sale=SaleDetails(kind="reimbursement", institution_gln=SGK, prescription_no="1A2B"))
    with make_client(its.url, exchanges) as client:
        result = client.notify(Operation.SALE_CANCEL, header, PRODUCTS)
    assert [item.serial for item in result.items] == ["QQ001", "QQ002", "QQ777"]


def _prescription_answer(service: Service, extra: tuple[str, str]) -> bytes:
    boxes = [(product.gtin, product.serial) for product in PRODUCTS] + [extra]
    items = "".join(f"<URUNDURUM><GTIN>{g}</GTIN><SN>{s}</SN><UC>00000</UC></URUNDURUM>" for g, s in boxes)
    return (f'<S:Envelope xmlns:S="{SOAP_ENV}"><S:Body><ns2:{service.response_root} xmlns:ns2="{service.namespace}">'
            f"<BILDIRIMID>11036</BILDIRIMID><URUNLER>{items}</URUNLER>"
            f"</ns2:{service.response_root}></S:Body></S:Envelope>").encode()


def test_a_failing_message_log_does_not_cost_the_result(its):
    its.reply = lambda body: Reply(body=answer(RECEIVE, body))

    def broken_log(exchange: Exchange) -> None:
        raise OSError("disk full")

    client = ItsClient(its.url, USER, PASSWORD, gln=PHARMACY, stakeholder=Stakeholder.PHARMACY, on_exchange=broken_log)
    assert client.notify(Operation.RECEIVE, PURCHASE, PRODUCTS).notification_id == "77012"


# ---- ITS said no ----

def test_http_401_is_an_auth_error(its, exchanges):
    its.reply = lambda body: Reply(401, b"Unauthorized", "text/plain")
    with pytest.raises(ItsAuthError) as caught, make_client(its.url, exchanges) as client:
        client.notify(Operation.RECEIVE, PURCHASE, PRODUCTS)
    assert "şifre" in caught.value.message_tr and "password" in caught.value.message_en
    assert (exchanges[0].outcome, exchanges[0].http_status) == ("error", 401)


def test_soap_fault_with_bildirimhata_carries_fc_and_fm(its, exchanges):
    its.reply = lambda body: Reply(500, fault(RECEIVE, "11004", "Yanlış GTIN Numarası Bu Numarada Kayıtlı Ürün Yok"))
    with pytest.raises(ItsFault) as caught, make_client(its.url, exchanges) as client:
        client.notify(Operation.RECEIVE, PURCHASE, PRODUCTS)
    assert (caught.value.fc, caught.value.fm) == ("11004", "Yanlış GTIN Numarası Bu Numarada Kayıtlı Ürün Yok")
    assert caught.value.structural and caught.value.service == RECEIVE.key
    assert exchanges[0].outcome == "fault"
    assert exchanges[0].error("tr").startswith("ITS bildirimi reddetti") and "11004" in exchanges[0].error("tr")
    assert exchanges[0].error("en").startswith("ITS refused the notification") and "11004" in exchanges[0].error("en")


def test_the_guide_printed_fault_carries_fc_and_fm(its, exchanges):
    """p. 4: lower-cased detail element (bildirimhata) in its own lower-cased namespace."""
    printed = (Path(__file__).parent / "data" / "its-guide" / "fault.xml").read_bytes()
    its.reply = lambda body: Reply(500, printed)
    with pytest.raises(ItsFault) as caught, make_client(its.url, exchanges) as client:
        client.notify(Operation.RECEIVE, PURCHASE, PRODUCTS)
    assert (caught.value.fc, caught.value.fm) == ("11004", "Yanlış GTIN Numarası Bu Numarada Kayıtlı Ürün Yok")
    assert caught.value.structural


def test_its_12_fault_carries_faultcode_and_faultmessage(its, exchanges):
    receipt = service_for(Operation.RECEIVE, Stakeholder.PHARMACY, "its-1.2")
    its.reply = lambda body: Reply(500, fault(receipt, "11040", "(PRODUCTS) içerisinde (PRODUCT) Bilgileri Girilmemiş"))
    with pytest.raises(ItsFault) as caught, make_client(its.url, exchanges, protocol="its-1.2") as client:
        client.notify(Operation.RECEIVE, Header(), PRODUCTS)
    assert caught.value.fc == "11040" and "PRODUCT" in caught.value.fm


# ---- no usable answer: outcome unknown, keep the queue ----

@pytest.mark.parametrize("status", [500, 502])
def test_html_error_page_is_a_transport_error(its, exchanges, status):
    its.reply = lambda body: Reply(status, b"<html><body><h1>Bad Gateway</h1><br></body></html>", "text/html")
    with pytest.raises(ItsTransportError) as caught, make_client(its.url, exchanges) as client:
        client.notify(Operation.RECEIVE, PURCHASE, PRODUCTS)
    assert str(status) in caught.value.message_en
    assert exchanges[0].http_status == status


def test_connection_refused_is_a_transport_error(exchanges):
    server = http.server.HTTPServer(("127.0.0.1", 0), _Handler)
    port = server.server_address[1]
    server.server_close()  # nothing listens there any more
    with pytest.raises(ItsTransportError) as caught, make_client(f"http://127.0.0.1:{port}", exchanges) as client:
        client.notify(Operation.RECEIVE, PURCHASE, PRODUCTS)
    assert "connect" in caught.value.message_en
    assert (exchanges[0].http_status, exchanges[0].response_xml, exchanges[0].outcome) == (None, None, "error")


def test_silent_server_gives_a_read_timeout_transport_error(its, exchanges):
    its.reply = lambda body: Reply(body=answer(RECEIVE, body), delay=3.0)
    with pytest.raises(ItsTransportError) as caught, make_client(its.url, exchanges, timeout=0.3) as client:
        client.notify(Operation.RECEIVE, PURCHASE, PRODUCTS)
    assert "did not answer within 0.3 s" in caught.value.message_en


# ---- an answer we cannot trust ----

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE S:Envelope [<!ENTITY secret SYSTEM "file://%s">]>
<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body>
<ns2:EczaneMalAlimBildirimCevap xmlns:ns2="http://its.iegm.gov.tr/bildirim/BR/v1/Alim/Eczane">
<BILDIRIMID>&secret;</BILDIRIMID><URUNLER/></ns2:EczaneMalAlimBildirimCevap></S:Body></S:Envelope>"""

LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol">""" + b"".join(
    b'<!ENTITY lol%d "%s">' % (n, b"".join(b"&lol%s;" % (str(n - 1).encode() if n > 1 else b"") for _ in range(10)))
    for n in range(1, 10)) + b"""]>
<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body><lolz>&lol9;</lolz></S:Body></S:Envelope>"""


def test_xxe_answer_is_refused_without_reading_the_file(its, exchanges, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    its.reply = lambda body: Reply(body=XXE % str(secret).encode())
    with pytest.raises(ItsResponseError) as caught, make_client(its.url, exchanges) as client:
        client.notify(Operation.RECEIVE, PURCHASE, PRODUCTS)
    assert "TOP-SECRET" not in caught.value.message_en and "DTD" in caught.value.message_en


def test_entity_bomb_answer_is_refused(its, exchanges):
    its.reply = lambda body: Reply(body=LAUGHS)
    with pytest.raises(ItsResponseError), make_client(its.url, exchanges) as client:
        client.notify(Operation.RECEIVE, PURCHASE, PRODUCTS)


def test_malformed_xml_is_a_response_error(its, exchanges):
    its.reply = lambda body: Reply(body=answer(RECEIVE, body)[:-40])
    with pytest.raises(ItsResponseError), make_client(its.url, exchanges) as client:
        client.notify(Operation.RECEIVE, PURCHASE, PRODUCTS)
    assert exchanges[0].outcome == "error"


@pytest.mark.parametrize("change", ["missing box", "extra box", "box twice", "other service's answer"])
def test_answer_that_does_not_match_the_request_is_a_response_error(its, exchanges, change):
    sale = service_for(Operation.SALE, Stakeholder.PHARMACY)
    replies = {
        "missing box": lambda body: answer(RECEIVE, body, drop=1),
        "extra box": lambda body: answer(RECEIVE, body, add=[(PRODUCTS[0].gtin, "QQ999")]),
        "box twice": lambda body: answer(RECEIVE, body, add=[(PRODUCTS[0].gtin, PRODUCTS[0].serial)]),
        "other service's answer": lambda body: answer(RECEIVE, body, root=f"{{{sale.namespace}}}{sale.response_root}"),
    }
    its.reply = lambda body: Reply(body=replies[change](body))
    with pytest.raises(ItsResponseError), make_client(its.url, exchanges) as client:
        client.notify(Operation.RECEIVE, PURCHASE, PRODUCTS)


# ---- TLS ----

@pytest.fixture
def tls_its(tmp_path):
    """An HTTPS fake ITS with a self-signed certificate for 127.0.0.1."""
    assert shutil.which("openssl"), "openssl is needed to make the test certificate"
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "1", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1"], check=True, capture_output=True)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    fake = FakeIts(url=f"https://127.0.0.1:{server.server_address[1]}")
    fake.reply = lambda body: Reply(body=answer(RECEIVE, body))
    _serve(server, fake)
    yield fake, str(cert)
    server.shutdown()
    server.server_close()


def test_tls_certificate_is_verified(tls_its, exchanges):
    fake, cert = tls_its
    with pytest.raises(ItsTransportError) as caught, make_client(fake.url, exchanges) as client:
        client.notify(Operation.RECEIVE, PURCHASE, PRODUCTS)
    assert "certificate" in caught.value.message_en
    assert fake.received == []  # nothing, credentials included, went to the unverified host
    with make_client(fake.url, exchanges, verify_tls=cert) as client:
        assert client.notify(Operation.RECEIVE, PURCHASE, PRODUCTS).notification_id == "77012"
