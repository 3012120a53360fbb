"""Expected shipments on an its2 station: PTS asked over ITS2 REST (`/pts/app/search`,
`/pts/app/GetPackage`) against the simulator over real HTTP, with the its2 login token:
the CLI's list/fetch/receive, a package received by carrier, token renewal, and downloads
PTS or the network spoil, refused with nothing stored."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from pharmadesk import shipments
from pharmadesk.config import Config
from pharmadesk.domain import Stakeholder
from pharmadesk.its.errors import ItsResponseError
from pharmadesk.its.pts_rest import RestPtsClient
from pharmadesk.sim import sandbox
from pharmadesk.sim.server import start_simulator
from pharmadesk.store import open_store
from syncstation import PHARMACY, SUPPLIER, admin, configure, ledger_item
from test_cli import run
from test_pts import dispatch, listed_row

PASSWORD = "sandbox"


def its2_station(data_dir, sim):
    configure(data_dir, sim)
    with open_store(data_dir) as store:
        Config(store, environ={}).set("its.protocol", "its2")
    return data_dir


def pts_client(store) -> RestPtsClient:
    its = shipments.client_from_config(Config(store, environ={}), PASSWORD, store)
    assert isinstance(its, RestPtsClient)
    return its


@pytest.fixture
def station(simulator, tmp_path):
    data = its2_station(tmp_path / "station", simulator)
    with open_store(data) as store:
        yield data, store


def services(store) -> list[str]:
    return [row["service"] for row in reversed(store.message_log())]


def test_pts_list_fetch_and_receive_on_an_its2_station(simulator, station):
    data, store = station
    shipped = dispatch(simulator, [2, 3])
    transfer = str(shipped["transfer_id"])
    new = listed_row(data, shipped["transfer_id"])
    assert (new["state"], new["from"], new["date"]) == ("new", SUPPLIER, date.today().isoformat())
    fetched = run("pts", "fetch", "--data-dir", str(data), "--lang", "en")
    assert fetched.returncode == 0 and "packages downloaded: 3" in fetched.stdout, fetched.stdout + fetched.stderr
    # Every PTS exchange went over REST after an its2 login; the package itself is not logged.
    used = services(store)
    assert set(used) == {"its2.token", "pts.search", "pts.get-package"}
    package_call = store.exchange(store.message_log(service="pts.get-package")[0]["id"])
    assert package_call["url"].endswith("/pts/app/GetPackage") and "base64 characters]" in package_call["response_xml"]
    assert PASSWORD not in json.dumps([store.exchange(row["id"]) for row in store.message_log()])
    first, second = shipped["carriers"]
    done = run("pts", "receive", transfer, "--carrier", "00" + second, "--data-dir", str(data), "--lang", "en")
    assert done.returncode == 0 and "Queued for receipt: 3 boxes." in done.stdout
    synced = run("sync", "--data-dir", str(data))
    assert synced.returncode == 0, synced.stdout + synced.stderr
    assert {ledger_item(simulator, k)["owner"] for k in shipped["carriers"][second]} == {PHARMACY}
    assert PHARMACY not in {ledger_item(simulator, k)["owner"] for k in shipped["carriers"][first]}
    assert "/common/app/accept" in store.exchange(store.message_log(service="its2.accept")[0]["id"])["url"]


def test_a_package_fetched_over_rest_is_received_by_carrier_with_one_token(simulator, station):
    data, store = station
    shipped = dispatch(simulator, [4, 3])
    with pts_client(store) as its:
        report = shipments.fetch(store, its, PHARMACY)
        admin(simulator, "/admin/tokens", {"expire": True})  # the token runs out: renewed once, not a wrong password
        listed = {t.transfer_id for t in its.transfers()}
    assert shipped["transfer_id"] in report.stored and shipped["transfer_id"] in listed
    assert services(store).count("its2.token") == 2
    package = store.package_by_transfer(shipped["transfer_id"])
    outcome = shipments.Receiving(store, Stakeholder.PHARMACY).scan("]C100" + shipped["pallet"], None)
    assert (outcome.status, outcome.package_id, outcome.ticked) == ("carrier", package["id"], 7)
    accepted = shipments.accept(store, Stakeholder.PHARMACY, package["id"])
    assert accepted.acceptance.queued == 7
    notification = store.notification(store.items(operation="receive")[0]["notification_id"])
    assert (notification["counterparty_gln"], notification["document_number"]) == (SUPPLIER, shipped["document"])


def test_the_rest_transfer_list_asks_in_31_day_windows(tmp_path):
    today = [date.today() - timedelta(days=50)]
    sim = start_simulator(today=lambda: today[0])
    try:
        old = dispatch(sim, [2])["transfer_id"]
        today[0] = date.today()
        new = dispatch(sim, [1])["transfer_id"]
        with open_store(its2_station(tmp_path / "station", sim)) as store, pts_client(store) as its:
            recent = {t.transfer_id for t in its.transfers(31)}
            searches = services(store).count("pts.search")
            assert {t.transfer_id for t in its.transfers(70)} >= {old, new}
            assert services(store).count("pts.search") - searches == 3
            bodies = [json.loads(store.exchange(row["id"])["request_xml"])
                      for row in store.message_log(service="pts.search", limit=3)]
    finally:
        sim.stop()
    assert new in recent and old not in recent
    for body in bodies:
        span = date.fromisoformat(body["endDate"]) - date.fromisoformat(body["startDate"])
        assert body["destinationGln"] == PHARMACY and span <= timedelta(days=30)


def test_a_bad_download_is_refused_and_nothing_is_stored(simulator, station):
    _, store = station
    mine = dispatch(simulator, [2])["transfer_id"]
    theirs = dispatch(simulator, [1], to=sandbox.HOSPITAL)["transfer_id"]
    with pts_client(store) as its:
        its.transfers()  # logged in
        admin(simulator, "/admin/faults", {"malformed_response": 1.0})  # half the answer arrives
        try:
            with pytest.raises(ItsResponseError) as broken:
                shipments.fetch(store, its, PHARMACY, [mine])
        finally:
            admin(simulator, "/admin/faults", {})
        assert store.package_by_transfer(mine) is None
        assert "cannot be read" in broken.value.message("en") and "okunamadı" in broken.value.message("tr")
        report = shipments.fetch(store, its, PHARMACY, [theirs, 999, mine])
    assert report.stored == [mine] and [failed[0] for failed in report.failed] == [theirs, 999]
    assert "PTS refused the request" in report.failed[0][2] and "20004" in report.failed[0][2]
    assert "20008" in report.failed[1][1]
