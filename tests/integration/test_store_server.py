"""What an IT person does to put several stations on one PostgreSQL server, through the real
`pharmadesk` command against a throwaway server (tests/pg_server.py): `store init`,
`store migrate`, `store copy` of a station that has scanned and synced, `store
set-password`, `config set store.url`, `doctor`, and `backup` refused. The server's
password is never in a file, a log or the output."""

from __future__ import annotations

import json
import sqlite3
import subprocess
from datetime import date
from pathlib import Path

import psycopg
import pytest

from pg_server import STATION_PASSWORD, PgServer
from pharmadesk.config import SERIAL_PORT_SETTING
from pharmadesk.store import DATABASE_NAME, QueuedBox, migrations, open_store
from pharmadesk.store.postgres import PgConnection, parse_address
from syncstation import PHARMACY, admin, configure, ship
from test_cli import COMMAND, env, on_a_terminal, receive_args, run

ITS_PASSWORD = "sandbox"


def server_env(**extra: str) -> dict[str, str]:
    """A headless station: both passwords from the environment."""
    return env(**{"PHARMADESK_ITS_PASSWORD": ITS_PASSWORD, "PHARMADESK_STORE_PASSWORD": STATION_PASSWORD, **extra})


class Station:
    """One data folder and everything its commands printed (to look for the password)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.said: list[str] = []

    def run(self, *args: str, environ: dict | None = None):
        done = run(*args, "--data-dir", str(self.folder), environ=environ or server_env())
        self.said.append(done.stdout + done.stderr)
        return done

    def files_text(self) -> str:
        return "".join(path.read_text(errors="replace") for path in self.folder.rglob("*")
                       if path.is_file() and path.suffix in (".json", ".log"))

    def assert_no_password(self) -> None:
        assert STATION_PASSWORD not in self.files_text()
        assert not any(STATION_PASSWORD in text for text in self.said)


def server_rows(pg_server, url: str, sql: str) -> list[tuple]:
    database = parse_address(url).database
    with psycopg.connect(pg_server.admin_conninfo.replace("dbname=postgres", f"dbname={database}")) as conn:
        return conn.execute(sql).fetchall()


def test_init_makes_the_schema_once_and_a_station_then_scans(pg_server, simulator, tmp_path, monkeypatch):
    monkeypatch.setenv("PHARMADESK_STORE_PASSWORD", STATION_PASSWORD)
    url = pg_server.create_database("init_empty")
    station = Station(tmp_path / "clinic")
    made = station.run("store", "init", url, "--use")
    assert made.returncode == 0, made.stderr
    assert f"sürüm {migrations.LATEST}" in made.stdout and "store.url" in made.stdout
    assert station.run("config", "get", "store.url").stdout.strip() == str(parse_address(url))
    assert f"store.url = {parse_address(url)}" in station.run("config", "list").stdout
    assert json.loads((station.folder / "station.json").read_text())["store.url"] == str(parse_address(url))
    configure(station.folder, simulator)  # the ITS settings go into the server's database
    box = ship(simulator, 1)[0]
    scanned = station.run("scan", *receive_args(station.folder), box)
    assert scanned.returncode == 0, scanned.stdout + scanned.stderr
    assert server_rows(pg_server, url, "SELECT state FROM items") == [("queued",)]

    again = station.run("store", "init", url, "--lang", "en")
    assert again.returncode == 1
    assert f"already holds a PharmaDesk database (schema version {migrations.LATEST})" in again.stderr
    assert server_rows(pg_server, url, "SELECT COUNT(*) FROM items") == [(1,)]  # nothing changed

    other = pg_server.create_database("init_other_tables")
    with psycopg.connect(pg_server.admin_conninfo.replace("dbname=postgres", "dbname=init_other_tables")) as conn:
        conn.execute("CREATE TABLE invoices (id int)")
    refused = station.run("store", "init", other)
    assert refused.returncode == 1 and "başka tablolar var (invoices)" in refused.stderr
    assert server_rows(pg_server, other, "SELECT table_name FROM information_schema.tables "
                                         "WHERE table_schema = 'public'") == [("invoices",)]
    station.assert_no_password()


def test_migrate_upgrades_an_older_schema_that_stations_refuse(pg_server, simulator, tmp_path, monkeypatch):
    monkeypatch.setenv("PHARMADESK_STORE_PASSWORD", STATION_PASSWORD)
    url = pg_server.create_database("older_schema")
    conn = PgConnection(parse_address(url), STATION_PASSWORD)
    migrations.migrate(migrations.PgSchema(conn), target=migrations.LATEST - 1)
    conn.close()
    station = Station(tmp_path / "bench")
    assert station.run("config", "set", "store.url", url).returncode == 0
    refused = station.run("status")
    assert refused.returncode == 3 and "store migrate" in refused.stderr

    upgraded = station.run("store", "migrate", "--lang", "en")
    assert upgraded.returncode == 0, upgraded.stderr
    assert f"from version {migrations.LATEST - 1} to {migrations.LATEST}" in upgraded.stdout
    current = station.run("store", "migrate", "--lang", "en")
    assert current.returncode == 0 and "already current" in current.stdout
    configure(station.folder, simulator)
    assert station.run("scan", *receive_args(station.folder), ship(simulator, 1)[0]).returncode == 0

    own_file = Station(tmp_path / "pharmacy")
    sqlite_station = own_file.run("store", "migrate", "--lang", "en")
    assert sqlite_station.returncode == 0
    assert "uses its SQLite file" in sqlite_station.stdout and "upgraded automatically" in sqlite_station.stdout
    assert (own_file.folder / DATABASE_NAME).exists()


def _fill_every_table(station: Station, simulator) -> list[str]:
    """A pharmacy that has worked: boxes received and synced (message log, sync runs),
    a PTS package fetched and partly received, a stock count, a partner, a stray box;
    and two boxes still queued. Returns the karekods of those two."""
    configure(station.folder, simulator)
    boxes = ship(simulator, 6)
    assert station.run("scan", *receive_args(station.folder), *boxes[:4]).returncode == 0
    assert station.run("sync").returncode == 0
    assert station.run("scan", *receive_args(station.folder), *boxes[4:]).returncode == 0
    shipped = admin(simulator, "/admin/ship", {"to": PHARMACY, "pts": True, "carriers": [2]})
    transfer = str(shipped["transfer_id"])
    assert station.run("pts", "fetch", transfer).returncode == 0
    assert station.run("pts", "receive", transfer).returncode == 0
    with open_store(station.folder) as store:
        store.save_partner("8680000000024", "Ecza Deposu A.Ş.", "supplier")
        store.set_setting(SERIAL_PORT_SETTING, "COM3")  # this computer's scanner
        count = store.open_count()
        store.count_scan(count, QueuedBox("08699504000016", "COUNT1", "B1", date(2030, 12, 31)), raw="r")
        package = store.packages()[0]["id"]
        store.record_stray(package, QueuedBox("08699504000016", "STRAY1", "B1", date(2030, 12, 31)), raw="s")
    return boxes[4:]


def _sqlite_tables(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as conn:
        names = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {name: conn.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0] for name in names}


def _dump(path: Path) -> list[str]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def test_copy_moves_a_working_station_to_the_server_with_its_ids_and_its_duplicate_check(
        pg_server, simulator, tmp_path, monkeypatch):
    monkeypatch.setenv("PHARMADESK_STORE_PASSWORD", STATION_PASSWORD)
    station = Station(tmp_path / "pharmacy")
    still_queued = _fill_every_table(station, simulator)
    database = station.folder / DATABASE_NAME
    counts = _sqlite_tables(database)
    assert [name for name, rows in counts.items() if not rows] == []  # every table takes part
    before = _dump(database)
    url = pg_server.create_database("copy_target")
    assert station.run("store", "init", url).returncode == 0

    copied = station.run("store", "copy", "--to", url, "--use", environ=server_env(PHARMADESK_STATION="ECZ-1"))
    assert copied.returncode == 0, copied.stdout + copied.stderr
    for table, rows in counts.items():
        if table != "schema_version":
            assert any(line.split() == [table, str(rows), str(rows)] for line in copied.stdout.splitlines()), table
    assert "Sayılar tutuyor" in copied.stdout and str(database) in copied.stdout
    assert _dump(database) == before  # the station's file is left as it was
    assert json.loads((station.folder / "station.json").read_text())["store.url"] == str(parse_address(url))

    with sqlite3.connect(database) as conn:
        old_items = conn.execute("SELECT id, gtin, serial, state FROM items ORDER BY id").fetchall()
    assert server_rows(pg_server, url, "SELECT id, gtin, serial, state FROM items ORDER BY id") == old_items
    assert server_rows(pg_server, url, "SELECT key, value FROM settings WHERE value = 'COM3'") == [
        (f"station/ECZ-1/{SERIAL_PORT_SETTING}", "COM3")]  # the scanner stays this station's own
    status = json.loads(station.run("status", "--json").stdout)
    assert sum(status["items"].values()) == len(old_items)

    new_box = ship(simulator, 1)[0]
    assert station.run("scan", *receive_args(station.folder), new_box).returncode == 0
    newest = server_rows(pg_server, url, "SELECT MAX(id) FROM items")[0][0]
    assert newest == max(row[0] for row in old_items) + 1
    duplicate = station.run("scan", *receive_args(station.folder), still_queued[0])
    assert duplicate.returncode == 1 and "DUPLICATE" in duplicate.stdout

    twice = station.run("store", "copy", "--to", url, "--lang", "en")
    assert twice.returncode == 1 and "is not empty" in twice.stderr and "nothing was changed" in twice.stderr
    assert server_rows(pg_server, url, "SELECT COUNT(*) FROM items") == [(len(old_items) + 1,)]
    station.assert_no_password()


def test_a_password_in_the_address_is_refused_and_never_kept(pg_server, tmp_path):
    station = Station(tmp_path / "station")
    with_password = f"postgresql://pharmadesk:{STATION_PASSWORD}@127.0.0.1:{pg_server.port}/x"
    for command in (("config", "set", "store.url", with_password), ("store", "init", with_password),
                    ("store", "copy", "--to", with_password)):
        refused = station.run(*command)
        assert refused.returncode == 2 and "Parolayı adrese yazmayın" in refused.stderr
    assert not (station.folder / "station.json").exists()
    station.assert_no_password()


def test_set_password_keeps_it_in_the_keyring_only(pg_database, tmp_path):
    url = pg_database()
    station = Station(tmp_path / "station")
    keyring_env = env(PYTHON_KEYRING_BACKEND="test_cli.FileKeyring", PHARMADESK_KEYRING_BACKEND="",
                      PHARMADESK_TEST_KEYRING=str(tmp_path / "keyring.json"))
    assert station.run("config", "set", "store.url", url, environ=keyring_env).returncode == 0
    shown = on_a_terminal("store", "set-password", "--data-dir", str(station.folder), environ=keyring_env,
                          answers=[STATION_PASSWORD, STATION_PASSWORD])
    assert on_a_terminal.returncode == 0 and "anahtar zincirine kaydedildi" in shown
    assert STATION_PASSWORD not in shown  # not echoed
    address = parse_address(url)
    assert json.loads((tmp_path / "keyring.json").read_text()) == {
        f"PharmaDesk store/{address.display}": STATION_PASSWORD}
    status = station.run("store", "status", "--json", environ=keyring_env)
    assert status.returncode == 0, status.stderr
    assert json.loads(status.stdout) | {"latency_ms": 0, "server_version": "", "tls": None} == {
        "engine": "postgresql", "address": str(address), "schema_version": migrations.LATEST,
        "latest_schema": migrations.LATEST, "server_version": "", "tls": None, "latency_ms": 0}
    assert json.loads(status.stdout)["latency_ms"] > 0
    wrong = station.run("store", "status", "--lang", "en", environ=env(PHARMADESK_STORE_PASSWORD="wrong"))
    assert wrong.returncode == 3 and "refused the login" in wrong.stderr
    station.assert_no_password()


def _doctor(station: Station, environ: dict) -> dict:
    done = station.run("doctor", "--json", "--lang", "en", environ=environ)
    return {check["name"]: check for check in json.loads(done.stdout)}


@pytest.fixture
def own_server():
    """A server of this test's own (speaking TLS too), to stop without stopping the session's."""
    server = PgServer(tls=True).start()
    yield server
    server.destroy()


def test_doctor_checks_the_server_and_says_when_it_is_unreachable_or_refuses_the_login(own_server, tmp_path):
    url = own_server.create_database("doctor")
    station = Station(tmp_path / "station")
    assert station.run("store", "init", url).returncode == 0
    assert station.run("config", "set", "store.url", f"{url}?sslmode=disable").returncode == 0
    checks = _doctor(station, server_env())
    assert checks["database server"]["status"] == "ok" and "login ok" in checks["database server"]["detail"]
    assert checks["database schema"]["status"] == "ok"
    assert checks["database TLS"]["status"] == "ok" and "not encrypted" in checks["database TLS"]["detail"]
    assert checks["database latency"]["detail"].endswith("ms (SELECT 1, median)")
    assert "database" not in checks  # the SQLite file's check is for SQLite stations
    assert "database durability" not in checks  # fsync and synchronous_commit are on
    with psycopg.connect(own_server.admin_conninfo, autocommit=True) as admin:
        admin.execute("ALTER DATABASE doctor SET synchronous_commit = off")
    careless = _doctor(station, server_env())
    assert careless["database durability"]["status"] == "warn"
    assert "synchronous_commit = on" in careless["database durability"]["fix"]
    with psycopg.connect(own_server.admin_conninfo, autocommit=True) as admin:
        admin.execute("ALTER DATABASE doctor RESET synchronous_commit")

    refused = _doctor(station, server_env(PHARMADESK_STORE_PASSWORD="wrong"))
    assert refused["database server"]["status"] == "fail"
    assert "(auth)" in refused["database server"]["detail"] and "set-password" in refused["database server"]["fix"]

    backup = station.run("backup", str(tmp_path / "copy.sqlite"), "--lang", "en")
    assert backup.returncode == 3 and "backed up and restored on the server (e.g. pg_dump" in backup.stderr
    assert not (tmp_path / "copy.sqlite").exists()

    station.run("config", "set", "store.url", f"{url}?sslmode=verify-full&sslrootcert={own_server.ca}")
    encrypted = _doctor(station, server_env())
    assert encrypted["database server"]["status"] == "ok"
    assert encrypted["database TLS"]["status"] == "ok" and encrypted["database TLS"]["detail"].startswith("TLSv1")
    not_our_ca = own_server.data / "server.crt"  # the server's own certificate is no CA
    station.run("config", "set", "store.url", f"{url}?sslmode=verify-full&sslrootcert={not_our_ca}")
    unverified = _doctor(station, server_env())
    assert unverified["database server"]["status"] == "fail" and "(tls)" in unverified["database server"]["detail"]
    station.run("config", "set", "store.url", url)

    own_server.stop()
    down = _doctor(station, server_env())
    assert down["database server"]["status"] == "fail"
    assert down["database server"]["detail"].startswith(f"{parse_address(url).display}: unreachable")
    assert "server is running" in down["database server"]["fix"]
    scan = station.run("scan", "--op", "verify", "--queue-only", "x", "--lang", "en")
    assert scan.returncode == 3 and "was NOT saved" in scan.stderr
    station.assert_no_password()


def test_two_inits_at_once_make_the_schema_once(pg_server, tmp_path):
    url = pg_server.create_database("init_race")
    both = [subprocess.Popen([*COMMAND, "store", "init", url, "--lang", "en", "--data-dir", str(tmp_path / name)],
                             env=server_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for name in ("one", "two")]
    said = [(child.wait(timeout=60), child.stdout.read() + child.stderr.read()) for child in both]
    for child in both:
        child.stdout.close()
        child.stderr.close()
    assert sorted(code for code, _ in said) == [0, 1]
    assert sum("already holds a PharmaDesk database" in text for _, text in said) == 1
    assert server_rows(pg_server, url, "SELECT version FROM schema_version ORDER BY version") == [
        (version,) for version in range(1, migrations.LATEST + 1)]
