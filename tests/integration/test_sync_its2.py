"""The sync engine under its.protocol = its2, against the simulator over real HTTP: the same
queue, chunking and reconcile rules as SOAP, and a station switching generations with its
queue kept."""

from __future__ import annotations

import json

import pytest

from pharmadesk.cli import main as pharmadesk
from pharmadesk.config import Config
from pharmadesk.domain import Header, Operation, Product, Stakeholder
from pharmadesk.gs1 import parse
from pharmadesk.its.connect import open_client
from pharmadesk.store import states
from pharmadesk.sync import engine_from_config
from syncstation import OTHER_PHARMACY, PHARMACY, SUPPLIER, admin, configure, ledger_item, ship, store_of, write_lines

pytestmark = pytest.mark.usefixtures("its_password")


@pytest.fixture
def its_password(monkeypatch):
    monkeypatch.setenv("PHARMADESK_ITS_PASSWORD", "sandbox")


def run(*args: str, data) -> int:
    return pharmadesk([*args, "--data-dir", str(data)])


def queue(data, tmp_path, op: str, karekods: list[str], *extra: str) -> None:
    path = write_lines(tmp_path / f"{op}-{len(karekods)}-{karekods[0][-6:]}.txt", karekods)
    assert run("import", str(path), "--op", op, *extra, data=data) == 0


def products_of(karekods: list[str]) -> list[Product]:
    return [Product(k.gtin, k.serial, k.batch, k.expiry) for k in map(parse, karekods)]


def logged_services(data) -> list[str]:
    with store_of(data) as store:
        return [row["service"] for row in reversed(store.message_log())]


def test_a_station_switches_to_its2_and_back_without_losing_its_queue(simulator, tmp_path, capsys):
    data = configure(tmp_path / "station", simulator, chunk_size=10)
    first = ship(simulator, 23)
    queue(data, tmp_path, "receive", first, "--counterparty", SUPPLIER)
    assert run("config", "set", "its.protocol", "its2", data=data) == 0
    assert run("sync", data=data) == 0
    assert logged_services(data) == ["its2.token"] + ["its2.accept"] * 3  # chunks of 10, 10, 3
    with store_of(data) as store:
        assert store.counts()[states.ACCEPTED] == 23
        rows = store.read("SELECT request_xml, response_xml FROM message_log WHERE service = 'its2.accept'")
    assert [len(json.loads(row["request_xml"])["productList"]) for row in rows] == [10, 10, 3]

    # Sales queued under its2, then sent after switching back to SOAP.
    queue(data, tmp_path, "sale", first[:5])
    assert run("config", "set", "its.protocol", "br-v1", data=data) == 0
    assert run("sync", data=data) == 0
    assert logged_services(data)[-1] == "br.eczane_satis"
    assert {ledger_item(simulator, k)["status"] for k in first[:5]} == {"sold"}
    capsys.readouterr()
    assert run("status", "--json", data=data) == 0
    assert json.loads(capsys.readouterr().out)["items"]["accepted"] == 28


def test_a_lost_sale_answer_under_its2_is_settled_by_verification(simulator, tmp_path):
    data = configure(tmp_path / "station", simulator, retries=1)
    assert run("config", "set", "its.protocol", "its2", data=data) == 0
    boxes = ship(simulator, 4)
    queue(data, tmp_path, "receive", boxes, "--counterparty", SUPPLIER)
    queue(data, tmp_path, "sale", boxes)
    with store_of(data) as store:
        engine = engine_from_config(store, Config(store), "sandbox")
        assert engine.run([Operation.RECEIVE]).outcome == "ok"  # logged in, the token kept
        admin(simulator, "/admin/faults", {"drop_response_after_commit": 1.0})
        # ITS booked the sale, the answer was lost: kept in doubt
        assert engine.run().outcome == "unreachable"
        admin(simulator, "/admin/faults", {})
        assert engine.run().outcome == "ok"
        engine.client.close()
        sales = store.read("SELECT state, uc FROM items WHERE operation = 'sale'")
    # The resend answers 10204 "already sold"; Ürün Doğrulama says 40004 "sold by you".
    assert {(row["state"], row["uc"]) for row in sales} == {(states.ACCEPTED, "10204")}
    assert logged_services(data)[-2:] == ["its2.pharmacysale", "its2.verification"]
    sold = [h["code"] for h in ledger_item(simulator, boxes[0])["history"]
            if h["operation"] == "sale" and h["actor"] == PHARMACY]
    assert sold[0] == "00000" and set(sold[1:]) == {"10204"}  # booked once, the resends refused
    assert ledger_item(simulator, boxes[0])["status"] == "sold"


def test_a_lost_transfer_answer_is_settled_and_the_status_query_names_who_holds_the_box(simulator, tmp_path):
    data = configure(tmp_path / "station", simulator, retries=1)
    assert run("config", "set", "its.protocol", "its2", data=data) == 0
    boxes = ship(simulator, 2)
    queue(data, tmp_path, "receive", boxes, "--counterparty", SUPPLIER)
    queue(data, tmp_path, "transfer", boxes, "--counterparty", OTHER_PHARMACY)
    other = open_client(simulator.base_url, f"{OTHER_PHARMACY}0000", "sandbox", gln=OTHER_PHARMACY,
                        stakeholder=Stakeholder.PHARMACY, protocol="its2")
    with store_of(data) as store:
        engine = engine_from_config(store, Config(store), "sandbox")
        assert engine.run([Operation.RECEIVE]).outcome == "ok"
        admin(simulator, "/admin/faults", {"drop_response_after_commit": 1.0})
        assert engine.run().outcome == "unreachable"  # the transfer was booked, its answer lost
        admin(simulator, "/admin/faults", {})
        # Meanwhile the other pharmacy takes the boxes in (its purchase names us as the seller).
        taken = other.notify(Operation.RECEIVE, Header(counterparty_gln=PHARMACY), products_of(boxes))
        assert {item.code for item in taken.items} == {"00000"}
        # ... and sends them on, back to the wholesaler: they are in transit again.
        sent_on = other.notify(Operation.RETURN, Header(counterparty_gln=SUPPLIER), products_of(boxes))
        assert {item.code for item in sent_on.items} == {"00000"}
        assert engine.run().outcome == "ok"
        engine.client.close()
        transfers = store.read("SELECT state, uc, message FROM items WHERE operation = 'transfer'")
        logged = [row["service"] for row in store.message_log(limit=3)]
    other.close()
    # Resend: 10211 "not in your stock"; verification: 10307 "on another wholesaler" (where the
    # box is going); the status query names who handed it on, and the item's message keeps it.
    assert {(row["state"], row["uc"]) for row in transfers} == {(states.ACCEPTED, "10211")}
    assert all(f"ITS durum sorgusu: kutu {OTHER_PHARMACY} üzerinde" in row["message"] for row in transfers)
    assert logged == ["its2.check_status", "its2.verification", "its2.transfer"]
