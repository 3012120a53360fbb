"""The ITS2 REST client over real HTTP against a tiny local server that answers whatever a
test asks: non-JSON and truncated answers, HTML error pages, a 200 carrying an error,
a login that never answers, answers whose boxes do not match the request. Each ends in
the SOAP client's error classes (the simulator never misbehaves like this; the client ↔
simulator tests are in tests/integration/test_rest_sim.py)."""

from __future__ import annotations

import json

import pytest

from its_cases import PHARMACY, PRODUCTS, REIMBURSED
from pharmadesk.domain import Header, Operation, Stakeholder
from pharmadesk.its.errors import ItsAuthError, ItsFault, ItsResponseError, ItsTransportError
from pharmadesk.its.rest import RestClient
from test_its_client_http import Reply, its  # noqa: F401 - the fake ITS server fixture

USER, PASSWORD = PHARMACY + "0000", "s3cret-Parola"
TOKEN = "tok-4f1c9e-ORNEK"
JSON = "application/json"


def boxes_of(body: bytes) -> list[dict]:
    return json.loads(body)["productList"]


def answered(codes: dict[int, object] | None = None, *, drop: int = 0, add: tuple = ()):
    """An ITS answer to a notification: its boxes with a code each (default "00000")."""
    def reply(body: bytes) -> Reply:
        if b'"password"' in body:
            return Reply(200, json.dumps({"token": TOKEN}).encode(), JSON)
        items = [{"gtin": b["gtin"], "sn": b["sn"], "uc": (codes or {}).get(i, "00000")}
                 for i, b in enumerate(boxes_of(body))][drop:] + list(add)
        return Reply(200, json.dumps({"productList": items}).encode(), JSON)
    return reply


def logged_in(reply_to_call):
    def reply(body: bytes) -> Reply:
        if b'"password"' in body:
            return Reply(200, json.dumps({"token": TOKEN}).encode(), JSON)
        return reply_to_call(body)
    return reply


@pytest.fixture
def exchanges():
    return []


def client(its, exchanges, **options) -> RestClient:
    return RestClient(its.url, USER, PASSWORD, gln=PHARMACY, stakeholder=Stakeholder.PHARMACY,
                      on_exchange=exchanges.append, **options)


def receive(its_client: RestClient):
    return its_client.notify(Operation.RECEIVE, Header(), PRODUCTS)


def test_login_then_a_bearer_call_and_the_token_stays_out_of_the_log(its, exchanges):
    its.reply = answered({1: 10303})
    result = receive(client(its, exchanges))
    assert [item.code for item in result.items] == ["00000", "10303"]
    login, call = its.received
    assert (login.path, json.loads(login.body)) == ("/token/app/token", {"username": USER, "password": PASSWORD})
    assert call.path == "/common/app/accept" and call.headers["Authorization"] == f"Bearer {TOKEN}"
    assert call.headers["Content-Type"] == "application/json"
    for exchange in exchanges:
        for text in (exchange.request_xml, exchange.response_xml):
            assert TOKEN not in text and PASSWORD not in text


def test_codes_sent_as_numbers_are_read_as_five_digits(its, exchanges):
    its.reply = answered({0: 0, 1: 10204})
    assert [item.code for item in receive(client(its, exchanges)).items] == ["00000", "10204"]


@pytest.mark.parametrize("body, content_type", [
    (b"not json at all", "text/plain"),
    (b'{"productList": [{"gtin": "08699536090115", "sn": "QQ0', JSON),  # cut short
    (b"<html><body><h1>Bakim calismasi</h1></body></html>", "text/html"),
])
def test_an_unreadable_200_is_an_untrustworthy_answer(its, exchanges, body, content_type):
    its.reply = logged_in(lambda _: Reply(200, body, content_type))
    with pytest.raises(ItsResponseError) as failed:
        receive(client(its, exchanges))
    assert "JSON" in failed.value.message("en")
    assert exchanges[-1].outcome == "error" and exchanges[-1].response_xml == body.decode()


def test_an_html_error_page_is_a_transport_error(its, exchanges):
    its.reply = logged_in(lambda _: Reply(502, b"<html><body>502 Bad Gateway</body></html>", "text/html"))
    with pytest.raises(ItsTransportError) as failed:
        receive(client(its, exchanges))
    assert "502" in failed.value.message("en")


def test_a_200_with_an_error_body_is_a_fault_carrying_its_code(its, exchanges):
    its.reply = logged_in(lambda _: Reply(200, json.dumps(
        {"fc": "11001", "fm": "Kullanıcı Bu Firma İçin Bildirim Yapamaz."}).encode(), JSON))
    with pytest.raises(ItsFault) as refused:
        receive(client(its, exchanges))
    assert (refused.value.fc, refused.value.structural) == ("11001", True)
    assert exchanges[-1].outcome == "fault"


def test_a_server_error_with_an_error_body_is_a_fault_that_may_be_retried(its, exchanges):
    its.reply = logged_in(lambda _: Reply(500, b'{"fc": "10206", "fm": "Sistem hatasi"}', JSON))
    with pytest.raises(ItsFault) as refused:
        receive(client(its, exchanges))
    assert (refused.value.fc, refused.value.structural) == ("10206", False)


def test_a_token_that_never_comes_means_nothing_was_sent(its, exchanges):
    its.reply = lambda body: Reply(200, b'{"token": "late"}', JSON, delay=1.0)
    with pytest.raises(ItsTransportError) as failed:
        receive(client(its, exchanges, timeout=0.3))
    assert "nothing was sent" in failed.value.message("en") and "gönderilmedi" in failed.value.message("tr")
    assert [r.path for r in its.received] == ["/token/app/token"]


def test_a_login_answer_without_a_token_is_an_untrustworthy_answer(its, exchanges):
    its.reply = lambda body: Reply(200, b'{"access": "nope"}', JSON)
    with pytest.raises(ItsResponseError):
        receive(client(its, exchanges))
    assert len(its.received) == 1


def test_a_refused_login_is_a_wrong_password(its, exchanges):
    its.reply = lambda body: Reply(401, b'{"fc": "11039", "fm": "Kullanici adi veya sifre hatali"}', JSON)
    with pytest.raises(ItsAuthError) as refused:
        receive(client(its, exchanges))
    assert "11039" in refused.value.message("en")


def test_a_401_renews_the_token_once_then_fails_as_a_wrong_password(its, exchanges):
    its.reply = logged_in(lambda _: Reply(401, b'{"error": "invalid_token"}', JSON))
    with pytest.raises(ItsAuthError) as refused:
        receive(client(its, exchanges))
    assert [r.path for r in its.received] == ["/token/app/token", "/common/app/accept"] * 2
    assert "password" in refused.value.message("en")


@pytest.mark.parametrize("reply, says", [
    (answered(drop=1), "does not mention a box that was sent"),
    (answered(add=({"gtin": PRODUCTS[0].gtin, "sn": "ZZ999", "uc": "00000"},)), "lists a box that was not sent"),
    (answered(add=({"gtin": PRODUCTS[0].gtin, "sn": "QQ001", "uc": "00000"},)), "lists a box twice"),
    (answered(add=({"gtin": PRODUCTS[0].gtin, "sn": "QQ003"},)), "lacks GTIN, SN or UC"),
    (logged_in(lambda _: Reply(200, b'{"result": "ok"}', JSON)), "has no productList"),
])
def test_an_answer_whose_boxes_do_not_match_the_request_is_refused(its, exchanges, reply, says):
    its.reply = reply
    with pytest.raises(ItsResponseError) as failed:
        receive(client(its, exchanges))
    assert says in failed.value.message("en")


def test_a_sales_doctor_and_patient_identity_go_to_its_but_never_to_the_log(its, exchanges):
    its.reply = answered()
    client(its, exchanges).notify(Operation.SALE, Header(sale=REIMBURSED), PRODUCTS)
    sent = json.loads(its.received[-1].body)["document"]
    assert (sent["dr"], sent["cp"]) == (REIMBURSED.doctor_id, REIMBURSED.patient_id)
    logged = exchanges[-1].request_xml
    assert REIMBURSED.patient_id not in logged and REIMBURSED.doctor_id not in logged
    assert json.loads(logged)["document"]["rkn"] == REIMBURSED.prescription_no
