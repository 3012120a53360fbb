"""Two stations on one database, at the level of the store: a chunk claimed by one is never
claimed by the other; a box two stations scan at the same moment is queued once; the
station's address keeps no password; TLS to the server is verified."""

from __future__ import annotations

import subprocess
import threading
from datetime import date

import pytest
from pg_server import STATION_PASSWORD, PgServer

from pharmadesk.domain import Header, Operation, Stakeholder
from pharmadesk.store import DuplicateItem, QueuedBox, Store, StoreError, states
from pharmadesk.store.location import StoreLocationError, location_of, set_store_url

SELLER = "8680001000005"
GTIN = "08699504000016"


def box(n: int) -> QueuedBox:
    return QueuedBox(GTIN, f"SN{n:08d}", "B1", date(2030, 12, 31))


def receive(store: Store, n: int) -> int:
    return store.queue_item(Operation.RECEIVE, Stakeholder.PHARMACY, Header(counterparty_gln=SELLER), box(n), raw=f"r{n}")


def test_two_stations_claiming_at_once_never_claim_one_item_twice(store_location):
    """Station A's claim is still open (its transaction not committed) when station B
    claims: on PostgreSQL B passes over A's locked rows at once (SKIP LOCKED); on SQLite B
    waits for A. Either way the two chunks share no item and together hold them all."""
    with Store(store_location) as a, Store(store_location) as b:
        notification = a.item(receive(a, 0))["notification_id"]
        for n in range(1, 30):
            receive(a, n)
        claimed_b: list[dict] = []
        with a.write():
            claimed_a = a.claim_chunk(notification, 20, "station-a")
            other = threading.Thread(target=lambda: claimed_b.extend(b.claim_chunk(notification, 20, "station-b")))
            other.start()
            other.join(timeout=2 if a.engine == "postgresql" else 0.5)
            if a.engine == "postgresql":
                assert not other.is_alive()  # B did not wait for A's transaction
        other.join(timeout=30)
        ids_a, ids_b = {row["id"] for row in claimed_a}, {row["id"] for row in claimed_b}
        assert len(ids_a) == 20 and len(ids_b) == 10 and not ids_a & ids_b
        assert a.counts()[states.SENDING] == 30
        assert {row["request_id"] for row in a.items()} == {"station-a", "station-b"}


def test_a_box_scanned_at_two_stations_at_the_same_moment_is_queued_once(store_location):
    with Store(store_location) as a, Store(store_location) as b:
        start = threading.Barrier(2)
        answers: list[object] = []

        def scan(store: Store) -> None:
            start.wait()
            for n in range(60):
                try:
                    answers.append(receive(store, n))
                except DuplicateItem as duplicate:
                    answers.append(duplicate)

        threads = [threading.Thread(target=scan, args=(store,)) for store in (a, b)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        queued = [answer for answer in answers if isinstance(answer, int)]
        assert len(answers) == 120 and len(queued) == 60 and len(set(queued)) == 60
        assert a.counts()[states.QUEUED] == 60
        assert len(a.notifications()) == 1  # both stations found the same open notification


def test_the_kept_address_has_no_password_and_one_with_a_password_is_refused(tmp_path):
    kept = set_store_url(tmp_path, "postgresql://eczane@db.hastane.local/pharmadesk?sslmode=verify-full")
    assert kept == "postgresql://eczane@db.hastane.local:5432/pharmadesk?sslmode=verify-full"
    assert location_of(tmp_path).display == "eczane@db.hastane.local:5432/pharmadesk"
    with pytest.raises(StoreLocationError) as refused:
        set_store_url(tmp_path, "postgresql://eczane:Gizli-Parola@db.hastane.local/pharmadesk")
    assert "Parolayı adrese yazmayın" in refused.value.message("tr")
    assert "Gizli-Parola" not in (tmp_path / "station.json").read_text()
    with pytest.raises(StoreLocationError):
        set_store_url(tmp_path, "postgresql://db.hastane.local/pharmadesk")  # no user
    set_store_url(tmp_path, "sqlite")
    assert location_of(tmp_path) == tmp_path / "pharmadesk.sqlite"


@pytest.fixture(scope="module")
def tls_server():
    server = PgServer(tls=True).start()
    server.create_station_database("secure")
    yield server
    server.destroy()


def test_a_station_talks_to_the_server_over_verified_tls(tls_server, monkeypatch):
    monkeypatch.setenv("PHARMADESK_STORE_PASSWORD", STATION_PASSWORD)
    url = f"{tls_server.url('secure')}?sslmode=verify-full&sslrootcert={tls_server.ca}"
    with Store(url) as store:
        receive(store, 1)
        assert store.scalar("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()") is True
        assert store.counts()[states.QUEUED] == 1


def test_a_server_whose_certificate_does_not_verify_is_refused_clearly(tls_server, tmp_path, monkeypatch):
    monkeypatch.setenv("PHARMADESK_STORE_PASSWORD", STATION_PASSWORD)
    stranger = tmp_path / "other-ca.pem"  # another CA: the server's certificate proves nothing to it
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(tmp_path / "k"),
                    "-out", str(stranger), "-days", "2", "-subj", "/CN=Another CA"], check=True, capture_output=True)
    url = f"{tls_server.url('secure')}?sslmode=verify-full&sslrootcert={stranger}"
    with pytest.raises(StoreError) as refused:
        Store(url)
    assert refused.value.kind == "tls"
    assert "sertifikası doğrulanamadı" in refused.value.message("tr")
    assert f"127.0.0.1:{tls_server.port}" in refused.value.message("en")


def test_a_wrong_password_is_said_to_be_the_login(pg_database, monkeypatch):
    url = pg_database()
    monkeypatch.setenv("PHARMADESK_STORE_PASSWORD", "not-the-password")
    with pytest.raises(StoreError) as refused:
        Store(url)
    assert refused.value.kind == "auth"
    assert "not-the-password" not in refused.value.message("en")
    monkeypatch.setenv("PHARMADESK_STORE_PASSWORD", STATION_PASSWORD)
    with Store(url) as store:  # the right password logs in: the refusal was about the password only
        assert store.counts()[states.QUEUED] == 0


def test_each_station_keeps_its_own_scanner_and_language_but_shares_the_pharmacy(pg_database, monkeypatch):
    url = pg_database()
    with Store(url) as central, Store(url) as clinic:
        monkeypatch.setenv("PHARMADESK_STATION", "MERKEZ")
        central.set_setting("scanner.serial_port", "COM3")
        central.set_setting("ui.language", "tr")
        central.set_setting("its.gln", "8680000000011")
        monkeypatch.setenv("PHARMADESK_STATION", "KLINIK-2")
        assert clinic.setting("scanner.serial_port") is None  # not the central PC's scanner
        clinic.set_setting("scanner.serial_port", "/dev/ttyACM0")
        clinic.set_setting("ui.language", "en")
        assert clinic.setting("its.gln") == "8680000000011"  # one pharmacy, one GLN
        monkeypatch.setenv("PHARMADESK_STATION", "MERKEZ")
        assert (central.setting("scanner.serial_port"), central.setting("ui.language")) == ("COM3", "tr")


def test_a_line_cut_while_saving_says_the_scan_may_not_be_saved_and_a_rescan_settles_it(pg_server, pg_database):
    """The server drops the station's connection at the very COMMIT of a scan: the
    station cannot know whether the scan was saved, and says so, rather than "not saved";
    scanning the box again settles it, once."""
    import psycopg

    url = pg_database()
    with Store(url) as store:
        execute = store.conn.execute

        def cut_at_commit(sql, params=()):
            if sql == "COMMIT":
                pid = store.conn.raw.info.backend_pid
                with psycopg.connect(pg_server.admin_conninfo, autocommit=True) as admin:
                    admin.execute("SELECT pg_terminate_backend(%s)", [pid])
            return execute(sql, params)

        store.conn.execute = cut_at_commit
        with pytest.raises(StoreError) as cut:
            receive(store, 1)
        assert cut.value.kind == "unreachable"
        assert "may or may not have been saved" in cut.value.message("en")
        assert "kaydedilmiş de olabilir" in cut.value.message("tr")
        try:
            answer = receive(store, 1)  # a new connection, opened by the store itself
        except DuplicateItem as duplicate:
            answer = duplicate.existing["id"]
        assert store.counts()[states.QUEUED] == 1 and store.item(answer)["serial"] == "SN00000001"
