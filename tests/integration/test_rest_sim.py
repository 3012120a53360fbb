"""The ITS2 REST/JSON client against the simulator over real HTTP: every operation of every
stakeholder, boxes traded between a SOAP station and an its2 station on one ledger, the
token's life (one login, renewal after expiry, wrong password, a token that never comes),
network faults, the status query and ITS's code list."""

from __future__ import annotations

import json

import pytest

from pharmadesk import reconcile
from pharmadesk.domain import Header, Operation, Stakeholder
from pharmadesk.its.client import Exchange
from pharmadesk.its.connect import open_client
from pharmadesk.its.errors import ItsAuthError, ItsFault, ItsResponseError, ItsTransportError
from pharmadesk.its.rest import RestClient
from pharmadesk.its.status_limit import StatusLimiter, StatusLimitError
from pharmadesk.sim import rest as sim_rest
from pharmadesk.sim import sandbox as world
from pharmadesk.store import states
from test_client_sim import _exercise_station, admin, client, codes, item, ship


def rest_client(sim, station: str, stakeholder: Stakeholder, **options) -> RestClient:
    options.setdefault("password", world.SANDBOX_PASSWORD)
    options.setdefault("status_limiter", StatusLimiter())
    return RestClient(sim.base_url, f"{station}0000", gln=station, stakeholder=stakeholder, **options)


@pytest.fixture
def sim(simulator):
    return simulator


def test_every_operation_of_every_stakeholder_over_its2(sim):
    exchanges: list[Exchange] = []
    for stakeholder in Stakeholder:
        _exercise_station(sim, stakeholder, "its2", exchanges)
    used = set(admin(sim, "/admin/stats")["per_service"])
    assert used == {route.name for route in sim_rest.ROUTES.values()}
    # Every call went to <its.url><path>, one login per client, no token or password in the log.
    assert {exchange.url.removeprefix(sim.base_url) for exchange in exchanges} == \
        set(sim_rest.ROUTES) | {sim_rest.TOKEN_PATH}
    assert [e.service for e in exchanges].count("its2.token") == 3
    for exchange in exchanges:
        assert world.SANDBOX_PASSWORD not in exchange.request_xml
        if exchange.service == "its2.token":
            assert json.loads(exchange.response_xml) == {"token": "********"}


def test_a_soap_station_and_an_its2_station_trade_boxes(sim):
    warehouse = client(sim, world.WAREHOUSE, Stakeholder.WAREHOUSE, "its-1.2")
    pharmacy = rest_client(sim, world.PHARMACY, Stakeholder.PHARMACY)
    boxes = ship(sim, world.WAREHOUSE, 2)
    assert codes(warehouse.notify(Operation.RECEIVE, Header(counterparty_gln=world.SUPPLIER), boxes)) == ["00000"] * 2
    assert codes(warehouse.notify(Operation.SALE, Header(counterparty_gln=world.PHARMACY), boxes)) == ["00000"] * 2
    assert codes(pharmacy.verify(boxes)) == ["40002"] * 2
    assert codes(pharmacy.notify(Operation.RECEIVE, Header(), boxes)) == ["00000"] * 2
    assert item(sim, boxes[0])["owner"] == world.PHARMACY
    assert codes(pharmacy.notify(Operation.RETURN, Header(counterparty_gln=world.WAREHOUSE), boxes[:1])) == ["00000"]
    assert codes(warehouse.notify(Operation.SALE_CANCEL, Header(), boxes[:1])) == ["00000"]
    assert codes(warehouse.verify(boxes)) == ["40001", "10308"]
    stats = admin(sim, "/admin/stats")["per_service"]
    assert {"v12.dispatch", "its2.accept", "its2.return", "v12.dispatch_cancel"} <= set(stats)


def test_an_expired_token_is_renewed_once_and_the_call_goes_through(sim):
    exchanges: list[Exchange] = []
    its = rest_client(sim, world.PHARMACY, Stakeholder.PHARMACY, on_exchange=exchanges.append)
    boxes = ship(sim, world.PHARMACY, 2)
    assert codes(its.verify(boxes)) == ["40002"] * 2
    admin(sim, "/admin/tokens", {"expire": True})
    assert codes(its.notify(Operation.RECEIVE, Header(), boxes)) == ["00000"] * 2
    assert [(e.service, e.http_status) for e in exchanges] == [
        ("its2.token", 200), ("its2.verification", 200),
        ("its2.accept", 401), ("its2.token", 200), ("its2.accept", 200)]
    assert admin(sim, "/admin/stats")["per_service"]["its2.accept"]["notifications"] == 1


def test_a_token_refused_again_after_renewal_is_a_wrong_password(sim):
    its = rest_client(sim, world.PHARMACY, Stakeholder.PHARMACY)
    boxes = ship(sim, world.PHARMACY, 1)
    its.verify(boxes)
    admin(sim, "/admin/tokens", {"expire": True, "lifetime_s": 0})  # every new token is born expired
    with pytest.raises(ItsAuthError) as refused:
        its.notify(Operation.RECEIVE, Header(), boxes)
    assert "şifre" in refused.value.message("tr") and "password" in refused.value.message("en")
    assert item(sim, boxes[0])["status"] == "in_transit"


def test_a_wrong_password_is_refused_at_login_and_nothing_is_sent(sim):
    exchanges: list[Exchange] = []
    its = rest_client(sim, world.PHARMACY, Stakeholder.PHARMACY, password="yanlış-Şifre",
                      on_exchange=exchanges.append)
    with pytest.raises(ItsAuthError):
        its.notify(Operation.RECEIVE, Header(), ship(sim, world.PHARMACY, 1))
    assert [e.service for e in exchanges] == ["its2.token"]
    assert "yanlış-Şifre" not in exchanges[0].request_xml
    assert admin(sim, "/admin/stats")["notifications"] == 0


def test_a_token_that_never_comes_is_a_transport_error_with_nothing_sent(sim):
    admin(sim, "/admin/tokens", {"withhold_s": 1.5})
    its = rest_client(sim, world.PHARMACY, Stakeholder.PHARMACY, timeout=0.5)
    with pytest.raises(ItsTransportError) as failed:
        its.notify(Operation.RECEIVE, Header(), ship(sim, world.PHARMACY, 1))
    assert "nothing was sent" in failed.value.message("en")
    assert "gönderilmedi" in failed.value.message("tr")
    assert admin(sim, "/admin/stats")["notifications"] == 0


def test_faults_map_to_the_soap_clients_error_classes(sim):
    its = rest_client(sim, world.PHARMACY, Stakeholder.PHARMACY)
    boxes = ship(sim, world.PHARMACY, 3)
    its.verify(boxes[:1])  # logged in before the faults
    admin(sim, "/admin/faults", {"http_500": 1.0})
    with pytest.raises(ItsTransportError):
        its.notify(Operation.RECEIVE, Header(), boxes[:1])
    assert item(sim, boxes[0])["status"] == "in_transit"  # never reached the ledger
    admin(sim, "/admin/faults", {"drop_response_after_commit": 1.0})
    with pytest.raises(ItsTransportError):
        its.notify(Operation.RECEIVE, Header(), boxes[1:2])
    assert item(sim, boxes[1])["owner"] == world.PHARMACY  # it did reach ITS: the answer was lost
    admin(sim, "/admin/faults", {"malformed_response": 1.0})
    with pytest.raises(ItsResponseError):
        its.notify(Operation.RECEIVE, Header(), boxes[2:])
    admin(sim, "/admin/faults", {})
    # The resend after a lost answer reads "already done", which the reconcile rules accept.
    [code] = codes(its.notify(Operation.RECEIVE, Header(), boxes[1:2]))
    assert code != "00000" and reconcile.read(Operation.RECEIVE, code, in_doubt=True) == states.ACCEPTED


def test_a_request_level_refusal_is_an_its_fault_with_the_code(sim):
    its = rest_client(sim, world.PHARMACY, Stakeholder.PHARMACY)
    with pytest.raises(ItsFault) as refused:
        its.notify(Operation.TRANSFER, Header(counterparty_gln=world.WAREHOUSE), ship(sim, world.PHARMACY, 1))
    assert refused.value.fc == "11906" and refused.value.structural


def test_sarf_goes_to_the_soap_hastanesarf_service_when_the_station_says_so(sim):
    exchanges: list[Exchange] = []
    hospital = open_client(sim.base_url, f"{world.HOSPITAL}0000", world.SANDBOX_PASSWORD, gln=world.HOSPITAL,
                           stakeholder=Stakeholder.HOSPITAL, protocol="its2", consume_via="soap",
                           on_exchange=exchanges.append)
    boxes = ship(sim, world.HOSPITAL, 2)
    assert codes(hospital.notify(Operation.RECEIVE, Header(), boxes)) == ["00000"] * 2
    assert codes(hospital.notify(Operation.CONSUME, Header(note="Servis 3"), boxes)) == ["00000"] * 2
    assert [e.service for e in exchanges] == ["its2.token", "its2.accept", "br.hastane_sarf"]
    assert item(sim, boxes[0])["status"] == "consumed"
    hospital.close()


def test_status_query_says_where_a_box_is_and_refuses_sweeps(sim):
    limiter = StatusLimiter(per_query=3, per_window=4)
    pharmacy = rest_client(sim, world.PHARMACY, Stakeholder.PHARMACY, status_limiter=limiter)
    boxes = ship(sim, world.PHARMACY, 4)
    pharmacy.notify(Operation.RECEIVE, Header(), boxes[:1])
    answers = pharmacy.check_status(boxes[:2])
    assert [(a.serial, a.code, a.gln1) for a in answers] == [
        (boxes[0].serial, "40001", world.PHARMACY), (boxes[1].serial, "40002", world.SUPPLIER)]
    assert answers[1].gln2 == world.PHARMACY
    with pytest.raises(StatusLimitError) as too_many:
        pharmacy.check_status(boxes)  # more than one query may hold
    assert "Ürün Doğrulama" in too_many.value.message("tr")
    pharmacy.check_status(boxes[2:4])
    with pytest.raises(StatusLimitError):
        pharmacy.check_status(boxes[:1])  # the window's budget is spent
    assert admin(sim, "/admin/stats")["notifications"] == 1  # status queries book nothing


def test_the_code_list_comes_from_its(sim):
    its = rest_client(sim, world.PHARMACY, Stakeholder.PHARMACY)
    listed = its.error_codes()
    assert listed["10204"] == "Belirtilen ürün önceden satılmıştır."
    assert listed["11906"].startswith("Belirtilen alıcı")
