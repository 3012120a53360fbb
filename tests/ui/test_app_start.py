"""Starting the workstation: sandbox mode runs the ITS simulator in-process, announces its
address and keeps training data in its own folder; every interface string has Turkish."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from pharmadesk.domain import Stakeholder
from pharmadesk.sim import sandbox as world
from pharmadesk.ui import app as app_module
from pharmadesk.ui.i18n import TRANSLATIONS_DIR
from pharmadesk.ui.main_window import MainWindow


@pytest.fixture
def sandbox_station(qapp, tmp_path):
    folder = app_module.data_folder(str(tmp_path), sandbox_mode=True)
    station = app_module.open_station(qapp, folder, lang=None, sandbox_mode=True)
    yield station
    station.language.set("en")
    station.store.close()


def test_sandbox_starts_the_simulator_and_prints_its_address(qtbot, capsys, tmp_path, sandbox_station):
    station = sandbox_station
    assert station.data_dir == tmp_path / "sandbox"
    assert (tmp_path / "sandbox" / "pharmadesk.sqlite").exists()
    assert station.stakeholder is Stakeholder.PHARMACY
    assert station.gln == world.PHARMACY
    assert station.lang == "tr"  # Turkish unless told otherwise
    window = MainWindow(station)
    qtbot.addWidget(window)

    app_module.start_sandbox_simulator(station, window)
    qtbot.waitUntil(lambda: station.simulator_url is not None, timeout=10000)
    try:
        url = station.simulator_url
        assert url.startswith("http://127.0.0.1:")
        assert capsys.readouterr().out == f"ITS simulator: {url}\n"
        assert station.store.setting("its.url") == url
        assert {p["gln"] for p in station.store.partners()} >= {world.SUPPLIER, world.PAYER}
    finally:
        window.shut_down()


def test_every_interface_string_is_translated_to_turkish():
    tree = ET.parse(TRANSLATIONS_DIR / "pharmadesk_tr.ts")
    messages = list(tree.iter("message"))
    assert len(messages) > 50
    untranslated = [m.findtext("source") for m in messages
                    if m.find("translation").get("type") == "unfinished" or not m.findtext("translation")]
    assert untranslated == []


def test_training_never_reaches_the_shared_database(qapp, tmp_path, monkeypatch):
    """A station on a shared PostgreSQL server (here one that does not answer) trains in
    its own SQLite file: a training box never lands in the hospital's real queue."""
    monkeypatch.setenv("PHARMADESK_STORE_URL", "postgresql://eczane@127.0.0.1:9/hastane")
    folder = app_module.data_folder(str(tmp_path), sandbox_mode=True)
    station = app_module.open_station(qapp, folder, lang="en", sandbox_mode=True)
    try:
        assert station.store.engine == "sqlite"
        assert station.store.path == tmp_path / "sandbox" / "pharmadesk.sqlite"
    finally:
        station.store.close()
