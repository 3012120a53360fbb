"""A station on a shared PostgreSQL server when the server goes away: it refuses to scan,
in plain words, rather than keep scans apart where no other station could check them
for duplicates; everything saved before is kept, and once the server is back the same
station scans and syncs on with nothing lost and nothing doubled (the README's offline
decision). A server of the test's own, so that stopping it touches no other test."""

from __future__ import annotations

import pytest
from pg_server import STATION_PASSWORD, PgServer
from syncstation import PHARMACY, SUPPLIER, configure, ledger_item, ship, store_of
from test_cli import env, run

from pharmadesk.store import set_store_url, states


@pytest.fixture
def server():
    own = PgServer().start()
    yield own
    own.destroy()


def scan(data, karekod: str, lang: str = "tr"):
    return run("scan", "--op", "receive", "--counterparty", SUPPLIER, "--data-dir", str(data),
               "--lang", lang, karekod, environ=env(PHARMADESK_STORE_PASSWORD=STATION_PASSWORD))


def test_a_station_refuses_to_scan_while_its_server_is_down_and_loses_nothing(server, simulator, tmp_path,
                                                                              monkeypatch):
    monkeypatch.setenv("PHARMADESK_STORE_PASSWORD", STATION_PASSWORD)
    url = server.create_station_database("hospital")
    data = tmp_path / "station"
    set_store_url(data, url)
    configure(data, simulator)
    first, second = ship(simulator, 2)
    assert scan(data, first).returncode == 0

    server.stop()
    refused = scan(data, second)
    assert refused.returncode == 3
    assert "Veritabanı sunucusuna ulaşılamıyor" in refused.stderr and "KAYDEDİLMEDİ" in refused.stderr
    assert f"127.0.0.1:{server.port}" in refused.stderr  # which server, for the IT person
    in_english = scan(data, second, "en")
    assert "The database server cannot be reached" in in_english.stderr and "NOT saved" in in_english.stderr
    assert STATION_PASSWORD not in refused.stderr + in_english.stderr

    server.start()
    assert scan(data, second).returncode == 0  # the box scanned again once the server is back
    again = scan(data, first)
    assert again.returncode != 0 and "zaten" in (again.stdout + again.stderr)  # still one duplicate check
    synced = run("sync", "--data-dir", str(data),
                 environ=env(PHARMADESK_ITS_PASSWORD="sandbox", PHARMADESK_STORE_PASSWORD=STATION_PASSWORD))
    assert synced.returncode == 0, synced.stderr
    with store_of(data) as store:
        items = store.items(newest_first=False)
        assert [(item["raw"], item["state"]) for item in items] == [
            (first, states.ACCEPTED), (second, states.ACCEPTED)]
    for karekod in (first, second):
        history = [h for h in ledger_item(simulator, karekod)["history"]
                   if h["actor"] == PHARMACY and h["code"] == "00000"]
        assert len(history) == 1  # registered on the pharmacy exactly once
