"""Fixtures of the end-to-end tests: one Xvfb for the session, with a keyboard (XTEST) on
it, and `open_station(...)`, which starts the real PharmaDesk in training mode on that
display with a fresh data folder. Screenshots go to $PHARMADESK_E2E_SHOTS when it is set."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pharmadesk.sim import sandbox as world
from pharmadesk.store import open_store
from pharmadesk.ui.sandbox import prepare_store
from tests.e2e.xreal import AppHost, Keyboard, XServer

STATION_SETTINGS = {
    "pharmacy": {},
    "hospital": {"its.stakeholder": "hospital", "its.gln": world.HOSPITAL, "its.username": world.HOSPITAL + "0000"},
}


@pytest.fixture(scope="session")
def x_display():
    with XServer() as server:
        yield server.display


@pytest.fixture
def keys(x_display):
    with Keyboard(x_display) as keyboard:
        yield keyboard


@pytest.fixture
def shots(tmp_path) -> Path:
    folder = Path(os.environ.get("PHARMADESK_E2E_SHOTS") or tmp_path / "shots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def open_station(x_display, keys, tmp_path):
    """open_station(kind="pharmacy", *, system="us", scanner_layout=None, lang="tr") -> AppHost

    The X server types with the `system` layout; `scanner_layout` is what the station's
    wedge settings say the scanner types for (None: trust the system, the default).
    The window is up, its training ITS listening, the cursor in the karekod field."""
    hosts: list[AppHost] = []
    data = tmp_path / "data"

    def open_(kind: str = "pharmacy", *, system: str = "us", scanner_layout: str | None = None,
              lang: str = "tr") -> AppHost:
        keys.set_layout(system)
        store = open_store(data / "sandbox")
        try:
            for key, value in STATION_SETTINGS[kind].items():
                store.set_setting(key, value)
            prepare_store(store)
            if scanner_layout:
                store.set_setting("scanner.wedge.layout", scanner_layout)
        finally:
            store.close()
        host = AppHost(x_display, ["--sandbox", "--data-dir", str(data), "--lang", lang],
                       log=tmp_path / f"pharmadesk-{len(hosts)}.log").__enter__()
        hosts.append(host)
        host.until("window() is not None and window()._simulator is not None", 60)
        host.click_on(keys, "page().scan_field")
        host.until("QApplication.activeWindow() is window() and page().scan_field.hasFocus()")
        return host

    yield open_
    for host in hosts:
        host.__exit__(None, None, None)
