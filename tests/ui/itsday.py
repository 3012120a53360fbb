"""A pharmacy's day against the real ITS simulator, for the message-log and end-of-day
tests: boxes shipped by the simulator's admin API, scanned through a Session into the
real store, sent by the real sync engine over HTTP (faults included)."""

from __future__ import annotations

import json
import urllib.request

import pytest

from pharmadesk import config as settings
from pharmadesk.domain import Header, Operation, Stakeholder
from pharmadesk.session import Session
from pharmadesk.sim import sandbox as world
from pharmadesk.sim.server import start_simulator
from pharmadesk.sync import engine_from_config
from tests.ui.conftest import make_station

PHARMACY = world.PHARMACY
SUPPLIER = world.SUPPLIER
# Not the sandbox's well-known password: a string that cannot turn up by chance, so a
# test that looks for it anywhere on screen means what it says.
PASSWORD = "Gizli-Parola-7391!"


def admin(sim, path: str, body: dict) -> dict:
    request = urllib.request.Request(sim.base_url + path, data=json.dumps(body).encode(),
                                     method="POST", headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())


def ship(sim, count: int, **extra) -> list[str]:
    """Karekods of boxes on their way from the wholesaler to the pharmacy."""
    return admin(sim, "/admin/ship", {"to": PHARMACY, "count": count, **extra})["karekods"]


def produce(sim, count: int) -> list[str]:
    """Boxes still registered on their manufacturer: ITS refuses their purchase."""
    return admin(sim, "/admin/produce", {"manufacturer": world.MANUFACTURER, "count": count})["karekods"]


def faults(sim, **probabilities) -> None:
    admin(sim, "/admin/faults", probabilities)


def scan(store, operation: Operation, karekods: list[str], header: Header | None = None) -> None:
    session = Session(store, Stakeholder.PHARMACY, operation,
                      header or Header(counterparty_gln=SUPPLIER))
    for raw in karekods:
        assert session.scan(raw).status == "queued"


def sync(station):
    """One sync as the GUI's worker runs it: settings from the store, password from
    PHARMADESK_ITS_PASSWORD (no keyring in tests), every exchange into the message log."""
    config = station.config
    engine = engine_from_config(station.store, config, settings.get_password(config.get("its.username")))
    try:
        return engine.run()
    finally:
        engine.client.close()


@pytest.fixture
def simulator():
    """The ITS simulator; only the pharmacy may log in, with PASSWORD."""
    sim = start_simulator(host="127.0.0.1", port=0, seed=True, accounts={PHARMACY + "0000": PASSWORD})
    yield sim
    sim.stop()


@pytest.fixture
def station(qapp, store, tmp_path, simulator, monkeypatch):
    """The sandbox pharmacy's station pointed at the simulator, English to start with."""
    monkeypatch.setenv(settings.PASSWORD_ENV, PASSWORD)
    for key, value in {"its.url": simulator.base_url, "sync.retries": "1", "sync.backoff": "0.01",
                       "sync.backoff_max": "0.02", "its.timeout": "10"}.items():
        store.set_setting(key, value)
    made = make_station(qapp, store, tmp_path, "en")
    yield made
    made.language.set("en")
    made.language.deleteLater()
