"""Test-wide setup: Qt runs offscreen, so the suite needs no display; an in-memory
keyring for the tests that keep a password."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PHARMADESK_KEYRING_BACKEND", "none")

import keyring  # noqa: E402  (after the environment above)
import keyring.backend  # noqa: E402
import pytest  # noqa: E402

from pharmadesk import config  # noqa: E402


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A keyring backend through keyring's own plug-in interface: the machines the tests
    run on have no OS keyring daemon."""

    priority = 1

    def __init__(self):
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.passwords.get((service, username))

    def set_password(self, service, username, password):
        self.passwords[(service, username)] = password

    def delete_password(self, service, username):
        self.passwords.pop((service, username), None)


@pytest.fixture
def memory_keyring(monkeypatch):
    monkeypatch.delenv(config.KEYRING_BACKEND_ENV, raising=False)
    monkeypatch.delenv(config.PASSWORD_ENV, raising=False)
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def no_remembered_passwords(monkeypatch):
    """Each test starts with no password remembered for masking (pharmadesk.masking): a
    password one test used ("wrong", "sandbox") must not blank another test's words."""
    from pharmadesk import masking

    monkeypatch.setattr(masking, "_known", set())


# ---- a shared PostgreSQL server (several stations on one database) ----------------------------

@pytest.fixture(scope="session")
def pg_server():
    """A throwaway PostgreSQL server for the whole run (tests/pg_server.py), with a template
    database already holding PharmaDesk's schema: each test's database is a copy of it."""
    from pg_server import PgServer

    server = PgServer().start()
    server.create_station_database("pharmadesk_template")
    server.databases = 0
    yield server
    server.destroy()


@pytest.fixture
def pg_database(pg_server, monkeypatch):
    """`pg_database()` → the postgresql:// address of a new database with the schema (the
    station password in PHARMADESK_STORE_PASSWORD, as on a headless station)."""
    import psycopg
    from pg_server import STATION_PASSWORD, STATION_USER

    monkeypatch.setenv("PHARMADESK_STORE_PASSWORD", STATION_PASSWORD)

    def new_database() -> str:
        pg_server.databases += 1
        name = f"station_{pg_server.databases}"
        with psycopg.connect(pg_server.admin_conninfo, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{name}" TEMPLATE pharmadesk_template OWNER {STATION_USER}')
        return pg_server.url(name)

    return new_database


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request):
    """Run a test on both engines: "sqlite" (a station's own file) and "postgresql" (a
    shared server; `syncstation.configure` then points each data folder at a new database)."""
    if request.param == "postgresql":
        new_database = request.getfixturevalue("pg_database")
        try:
            import syncstation  # on sys.path for the integration tests only
        except ImportError:
            return request.param
        request.getfixturevalue("monkeypatch").setattr(syncstation, "new_database", new_database)
    return request.param


@pytest.fixture
def store_location(engine, tmp_path, request):
    """Where a test's Store lives on the engine it runs on: a SQLite file, or a new
    database on the shared test server."""
    if engine == "postgresql":
        return request.getfixturevalue("pg_database")()
    return tmp_path / "pharmadesk.sqlite"
