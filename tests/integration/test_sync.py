"""End-of-day sync against the ITS simulator over real HTTP: a 50,000-box day, network
faults, lost responses reconciled per operation, a structural fault, wrong password,
an unreachable ITS — every item ends with a known result and nothing is doubled."""

from __future__ import annotations

import pytest

from pharmadesk.store.postgres import station_name

from pharmadesk.cli import main as pharmadesk
from pharmadesk.config import Config
from pharmadesk.its.errors import ItsFault
from pharmadesk.sim import sandbox
from pharmadesk.store import states
from pharmadesk.sync import Backoff, engine_from_config
from syncstation import (
    HOSPITAL, OTHER_PHARMACY, PHARMACY, SUPPLIER, admin, configure, ledger_item, ship, store_of,
    write_lines,
)

pytestmark = pytest.mark.usefixtures("its_password", "engine")
WALK_IN_BUYER_GLN = "0" * 13  # the buyer of a cash sale


@pytest.fixture
def its_password(monkeypatch):
    monkeypatch.setenv("PHARMADESK_ITS_PASSWORD", "sandbox")


def sync(data_dir) -> int:
    return pharmadesk(["sync", "--data-dir", str(data_dir)])


def receive_all(data_dir, tmp_path, karekods, name="in.txt") -> None:
    path = write_lines(tmp_path / name, karekods)
    assert pharmadesk(["import", str(path), "--op", "receive", "--counterparty", SUPPLIER,
                       "--data-dir", str(data_dir)]) == 0


@pytest.mark.slow
# The volume on PostgreSQL is measured by tests/bench/bench_stations.py (100,000 scans); here
# the SQLite station only, to keep the suite's time.
@pytest.mark.parametrize("engine", ["sqlite"], indirect=True)
def test_a_50000_box_day_is_accepted_and_registered_on_the_pharmacy(simulator, tmp_path, capsys):
    data = configure(tmp_path / "station", simulator)
    karekods = ship(simulator, 50_000)
    receive_all(data, tmp_path, karekods)
    capsys.readouterr()

    assert sync(data) == 0
    out = capsys.readouterr().out
    assert "50000/50000" in out

    with store_of(data) as store:
        assert store.setting("sync.chunk_size") is None  # the default chunking
        assert store.counts()[states.ACCEPTED] == 50_000
        assert store.counts()[states.QUEUED] == store.counts()[states.SENDING] == 0
        ids = store.read("SELECT its_notification_id AS id, COUNT(*) AS n FROM items GROUP BY 1")
        # default chunking: five ITS notifications of 10,000, each with its BILDIRIMID
        assert sorted(row["n"] for row in ids) == [10_000] * 5
        assert all(row["id"] for row in ids)
        assert len(store.message_log(limit=100)) == 5
    owners = {(item["owner"], item["status"]) for item in map(lambda k: ledger_item(simulator, k), karekods)}
    assert owners == {(PHARMACY, "in_stock")}


def _final_states(data_dir) -> list[tuple[str, str, str | None]]:
    """(operation, state, UC of a rejection) per item, sorted: the day's outcome."""
    with store_of(data_dir) as store:
        rows = store.read("SELECT operation, state, uc FROM items")
    return sorted((r["operation"], r["state"], r["uc"] if r["state"] == states.REJECTED else None)
                  for r in rows)


def _pharmacy_day(sim, tmp_path, name: str, gln: str):
    """Yesterday's stock is in; today: purchases (some of boxes ITS will refuse, still
    registered on their manufacturer) and cash sales of yesterday's stock, queued."""
    folder = tmp_path / f"{name}-files"
    folder.mkdir()
    if sim.ledger.party(gln) is None:
        admin(sim, "/admin/stakeholder", {"gln": gln, "kind": "pharmacy", "name": name})
    data = configure(tmp_path / name, sim, gln=gln, chunk_size=50, retries=2)
    owned = ship(sim, 300, to=gln)
    receive_all(data, folder, owned, "yesterday.txt")
    assert sync(data) == 0
    good = ship(sim, 600, to=gln)
    foreign = admin(sim, "/admin/produce", {"manufacturer": sandbox.MANUFACTURER, "count": 40})["karekods"]
    receive_all(data, folder, good + foreign, "today.txt")
    sale = write_lines(folder / "sale.txt", owned)
    assert pharmadesk(["import", str(sale), "--op", "sale", "--data-dir", str(data)]) == 0
    return data, good, foreign, owned


def test_faults_drain_to_the_same_final_state_as_a_calm_day(simulator, tmp_path):
    calm, *_ = _pharmacy_day(simulator, tmp_path, "calm", PHARMACY)
    assert sync(calm) == 1  # the 40 foreign boxes are refused
    expected = _final_states(calm)
    assert ("receive", states.REJECTED, "10306") in expected

    # The same day at a second pharmacy, through a bad network.
    stormy, good, foreign, owned = _pharmacy_day(simulator, tmp_path, "stormy", "8690003000088")
    admin(simulator, "/admin/faults", {"drop_response_after_commit": 0.25, "http_500": 0.15,
                                       "reset_connection": 0.15, "delay_ms": 5, "seed": 7})
    codes = []
    while not codes or codes[-1] == 2:  # 2: ITS unreachable this time, queue kept; sync again
        codes.append(sync(stormy))
        assert len(codes) < 60
    admin(simulator, "/admin/faults", {"drop_response_after_commit": 0, "http_500": 0,
                                       "reset_connection": 0, "delay_ms": 0})
    stats = admin(simulator, "/admin/stats", method="GET")
    assert stats["http"].get("fault.drop_response_after_commit")  # the storm really hit
    assert len(codes) > 1 and set(codes) <= {0, 1, 2}

    assert _final_states(stormy) == expected
    with store_of(stormy) as store:
        assert store.counts()[states.SENDING] == 0
    for karekod in good:
        assert ledger_item(simulator, karekod)["owner"] == "8690003000088"
    for karekod in owned:
        assert ledger_item(simulator, karekod)["status"] == "sold"
    for karekod in foreign:
        assert ledger_item(simulator, karekod)["owner"] == sandbox.MANUFACTURER


@pytest.mark.parametrize("operation, station, extra, earlier", [
    ("receive", "pharmacy", [], []),
    ("sale", "pharmacy", [], []),
    ("transfer", "pharmacy", ["--counterparty", OTHER_PHARMACY], []),
    ("return", "pharmacy", ["--counterparty", SUPPLIER], []),
    ("deactivate", "pharmacy", ["--ds", "10"], []),
    ("consume", "hospital", [], []),
    ("sale-cancel", "pharmacy", ["--counterparty", WALK_IN_BUYER_GLN], [("sale", [])]),
    ("transfer-cancel", "pharmacy", ["--counterparty", OTHER_PHARMACY],
     [("transfer", ["--counterparty", OTHER_PHARMACY])]),
    ("export", "warehouse", ["--note", "İhracat: Bakü, AZ"], []),
])
def test_a_lost_response_is_reconciled_so_the_item_ends_accepted(simulator, tmp_path, capsys,
                                                                 operation, station, extra, earlier):
    gln = {"pharmacy": PHARMACY, "hospital": HOSPITAL, "warehouse": sandbox.WAREHOUSE}[station]
    data = configure(tmp_path / "station", simulator, gln=gln, stakeholder=station, retries=0)
    karekods = ship(simulator, 5, to=gln, kind=station)
    receive_all(data, tmp_path, karekods)
    path = write_lines(tmp_path / "op.txt", karekods)
    for step, args in [*earlier, (operation, extra)]:
        if step == "receive":
            break
        assert sync(data) == 0
        assert pharmadesk(["import", str(path), "--op", step, *args, "--data-dir", str(data)]) == 0
    before = [ledger_item(simulator, k)["status"] for k in karekods]

    admin(simulator, "/admin/faults", {"drop_response_after_commit": 1.0})
    assert sync(data) == 2  # ITS committed, the answer was lost: queue kept, in doubt
    admin(simulator, "/admin/faults", {"drop_response_after_commit": 0})
    after_first = [ledger_item(simulator, k) for k in karekods]
    assert [i["status"] for i in after_first] != before  # ITS did take the first send
    with store_of(data) as store:
        waiting = store.items(operation=operation)
        assert {(i["state"], i["in_doubt"]) for i in waiting} == {(states.QUEUED, 1)}

    capsys.readouterr()
    assert sync(data) == 0, capsys.readouterr()
    with store_of(data) as store:
        items = store.items(operation=operation)
        assert {i["state"] for i in items} == {states.ACCEPTED}
        assert all("Önceki gönderim" in i["message"] for i in items)
        assert all(i["uc"] != "00000" for i in items)  # ITS answered "already done"
    # nothing was notified twice: the ledger moved exactly once per box
    final = [ledger_item(simulator, k) for k in karekods]
    assert [_where(i) for i in final] == [_where(i) for i in after_first]
    for item in final:
        took_effect = [h for h in item["history"] if h["operation"] == operation and h["actor"] == gln
                       and h["code"] == "00000"]
        assert len(took_effect) == 1


def _where(item: dict) -> tuple:
    return item["status"], item["owner"], item["previous_owner"], item["pending_to"], item["handover"]


def test_structural_fault_stops_that_notification_only(simulator, tmp_path, capsys):
    data = configure(tmp_path / "station", simulator)
    good = ship(simulator, 10)
    receive_all(data, tmp_path, good)
    strangers = ship(simulator, 3)
    unknown_seller = "8690009000099"  # valid GLN, unknown to ITS
    path = write_lines(tmp_path / "bad.txt", strangers)
    assert pharmadesk(["import", str(path), "--op", "receive", "--counterparty", unknown_seller,
                       "--data-dir", str(data)]) == 0
    capsys.readouterr()
    assert sync(data) == 1
    with store_of(data) as store:
        stopped = store.items(states_=[states.NEEDS_ATTENTION])
        assert len(stopped) == 3 and {i["fc"] for i in stopped} == {"11903"}
        assert all(i["message"] for i in stopped)
        assert store.counts()[states.ACCEPTED] == 10


def test_wrong_password_stops_the_sync_and_keeps_the_queue(simulator, tmp_path, monkeypatch, capsys):
    data = configure(tmp_path / "station", simulator)
    receive_all(data, tmp_path, ship(simulator, 4))
    monkeypatch.setenv("PHARMADESK_ITS_PASSWORD", "wrong")
    capsys.readouterr()
    assert sync(data) == 2
    assert capsys.readouterr().out.strip()
    with store_of(data) as store:
        assert store.counts()[states.QUEUED] == 4
        assert not any(i["in_doubt"] for i in store.items())  # ITS did nothing with them
        assert store.last_sync()["outcome"] == "auth"


def test_unreachable_its_keeps_the_queue(tmp_path, capsys):
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed_port = s.getsockname()[1]
    data = configure(tmp_path / "station", None, url=f"http://127.0.0.1:{closed_port}", retries=1)
    raw = "010869950400001621AB12\x1d17301231\x1d10B1"
    assert pharmadesk(["scan", "--op", "receive", "--counterparty", SUPPLIER, raw,
                       "--data-dir", str(data)]) == 0
    assert sync(data) == 2
    assert "ITS" in capsys.readouterr().out
    with store_of(data) as store:
        assert store.counts()[states.QUEUED] == 1


def test_the_password_never_reaches_the_database(tmp_path, monkeypatch, engine, request):
    from pharmadesk.sim.server import start_simulator

    secret = "Kasa-7Zq!parolasi"
    sim = start_simulator(accounts={PHARMACY + "0000": secret})
    try:
        monkeypatch.setenv("PHARMADESK_ITS_PASSWORD", secret)
        data = configure(tmp_path / "station", sim)
        receive_all(data, tmp_path, ship(sim, 20))
        assert sync(data) == 0
        with store_of(data) as store:
            assert len(store.message_log()) >= 1
            if engine == "sqlite":
                store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        sim.stop()
    import base64

    needles = [secret.encode(), base64.b64encode(f"{PHARMACY}0000:{secret}".encode())]
    files = [path for path in data.rglob("*") if path.is_file()]  # database, WAL, logs
    if engine == "postgresql":  # the shared server's own files: tables and write-ahead log
        server = request.getfixturevalue("pg_server")
        import psycopg
        with psycopg.connect(server.admin_conninfo, autocommit=True) as admin:
            admin.execute("CHECKPOINT")
        files += [path for path in server.data.rglob("*") if path.is_file()]
    else:
        assert any(path.name.endswith(".sqlite") for path in files)
    for path in files:
        content = path.read_bytes()
        assert not any(needle in content for needle in needles), path


def test_chunks_follow_sync_chunk_size_and_progress_reaches_the_total(simulator, tmp_path):
    data = configure(tmp_path / "station", simulator, chunk_size=10)
    receive_all(data, tmp_path, ship(simulator, 23))
    events = []
    with store_of(data) as store:
        engine = engine_from_config(store, Config(store), "sandbox", on_progress=events.append)
        report = engine.run()
        engine.client.close()
        sizes = store.read("SELECT its_notification_id, COUNT(*) AS n FROM items "
                           "GROUP BY 1 ORDER BY MIN(id)")
        logged = store.message_log()
    assert (report.outcome, report.accepted, report.exit_code) == ("ok", 23, 0)
    assert [row["n"] for row in sizes] == [10, 10, 3] and all(r["its_notification_id"] for r in sizes)
    assert len(logged) == 3 and {row["outcome"] for row in logged} == {"ok"}
    # progress: starts at 0, never goes back, ends at the total, counts what was accepted
    assert events[0].done == 0 and all(e.total == 23 for e in events)
    assert [e.done for e in events] == sorted(e.done for e in events)
    assert (events[-1].done, events[-1].accepted) == (23, 23)
    assert {e.done for e in events} >= {0, 10, 20, 23}


def test_a_timeout_is_retried_with_backoff_and_the_resend_reconciled(simulator, tmp_path, capsys):
    data = configure(tmp_path / "station", simulator, retries=2, timeout=0.3)
    karekods = ship(simulator, 6)
    receive_all(data, tmp_path, karekods)
    # ITS commits, then takes longer to answer than the station waits
    admin(simulator, "/admin/faults", {"delay_ms": 1500})
    assert sync(data) == 2
    with store_of(data) as store:
        tries = store.message_log()
        assert len(tries) == 3  # the send and two retries
        assert len({row["request_id"] for row in tries}) == 1
        assert all(row["outcome"] == "error" and "0.3" in row["error_en"]
                   and "0.3" in row["error_tr"] for row in tries)
        assert {(i["state"], i["in_doubt"]) for i in store.items()} == {(states.QUEUED, 1)}
        assert store.last_sync()["outcome"] == "unreachable"
    admin(simulator, "/admin/faults", {"delay_ms": 0})
    assert sync(data) == 0
    with store_of(data) as store:
        assert {i["state"] for i in store.items()} == {states.ACCEPTED}
    for karekod in karekods:
        took_effect = [h for h in ledger_item(simulator, karekod)["history"] if h["code"] == "00000"
                       and h["operation"] == "receive" and h["actor"] == PHARMACY]
        assert len(took_effect) == 1


class ServerFaultsFirst:
    """The real ITS client, except that its first answers are SOAP faults carrying no ITS
    error code (a failure inside ITS) — something the simulator does not produce."""

    def __init__(self, real, faults: int):
        self.real, self.faults, self.calls = real, faults, 0

    def notify(self, operation, header, products):
        self.calls += 1
        if self.faults:
            self.faults -= 1
            raise ItsFault("", "java.lang.NullPointerException", "br.eczane_mal_alim")
        return self.real.notify(operation, header, products)

    def verify(self, products):
        return self.real.verify(products)


def test_a_soap_fault_that_is_not_structural_is_retried(simulator, tmp_path):
    data = configure(tmp_path / "station", simulator, retries=3)
    receive_all(data, tmp_path, ship(simulator, 4))
    with store_of(data) as store:
        engine = engine_from_config(store, Config(store), "sandbox")
        client = engine.client = ServerFaultsFirst(engine.client, faults=2)
        engine.backoff = Backoff(retries=3, first=0.01, longest=0.02)
        report = engine.run()
        assert (report.outcome, report.accepted, client.calls) == ("ok", 4, 3)
        assert store.counts()[states.ACCEPTED] == 4


def test_backoff_doubles_up_to_the_longest_wait():
    backoff = Backoff(retries=5, first=2.0, longest=10.0)
    delays = [backoff.delay(attempt) for attempt in range(1, 6)]
    for delay, base in zip(delays, [2, 4, 8, 10, 10]):
        assert 0.8 * base <= delay <= base  # jittered downwards so clients spread out


def test_cancel_stops_between_chunks_and_keeps_the_rest_queued(simulator, tmp_path):
    data = configure(tmp_path / "station", simulator, chunk_size=5)
    receive_all(data, tmp_path, ship(simulator, 20))
    with store_of(data) as store:
        engine = None

        def stop_after_first_chunk(progress):
            if progress.done >= 5:
                engine.cancel()

        engine = engine_from_config(store, Config(store), "sandbox", on_progress=stop_after_first_chunk)
        report = engine.run()
        engine.client.close()
        assert (report.outcome, report.exit_code, report.accepted, report.remaining) == ("cancelled", 2, 5, 15)
        assert store.counts()[states.QUEUED] == 15 and store.counts()[states.SENDING] == 0
    assert sync(data) == 0


def test_a_second_sync_at_the_same_time_is_refused(simulator, tmp_path, capsys):
    data = configure(tmp_path / "station", simulator)
    receive_all(data, tmp_path, ship(simulator, 2))
    capsys.readouterr()
    with store_of(data) as store, store.sync_lock():
        assert sync(data) == 2
        # the station that is syncing is named (here this very one)
        assert f"{station_name()} istasyonu şu an gönderim yapıyor" in capsys.readouterr().err
    assert sync(data) == 0


def test_a_notification_refused_before_sending_stops_only_itself(simulator, tmp_path):
    """A queued notification the client refuses to send (here a note longer than ITS
    takes, queued by an older PharmaDesk that did not check it): that notification waits
    for the pharmacist; the rest of the day is still sent."""
    from datetime import date

    from pharmadesk.domain import Header, Operation, Stakeholder
    from pharmadesk.store import QueuedBox

    data = configure(tmp_path / "station", simulator)
    good = ship(simulator, 3)
    receive_all(data, tmp_path, good)
    with store_of(data) as store:
        for n in range(2):
            store.queue_item(Operation.DEACTIVATE, Stakeholder.PHARMACY,
                             Header(deactivation_reason="10", note="x" * 150),
                             QueuedBox("08699504000016", f"OLD{n}", "B1", date(2030, 12, 31)), raw="old")
    assert sync(data) == 1
    with store_of(data) as store:
        stopped = store.items(operation="deactivate")
        assert {(i["state"], i["fc"]) for i in stopped} == {(states.NEEDS_ATTENTION, "11024")}
        assert all("100 karakter" in i["message"] for i in stopped)
        assert store.counts(operation="receive")[states.ACCEPTED] == 3
