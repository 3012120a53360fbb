"""`Store.change_feed()`: a station hears what other connections commit, on a shared
PostgreSQL server (LISTEN/NOTIFY, opened again quietly after the server cut it) and on
one SQLite file shared by two processes (PRAGMA data_version)."""

from __future__ import annotations

import psycopg

from pharmadesk.domain import Header, Operation, Stakeholder
from pharmadesk.session import Session
from pharmadesk.sim import sandbox as world
from pharmadesk.store import Store
from tests.ui.conftest import in_days, karekod

PRODUCT_GTIN = world.load_products()[0].gtin


def queue_one(store: Store, serial: str) -> None:
    session = Session(store, Stakeholder.PHARMACY, Operation.RECEIVE, Header(counterparty_gln=world.SUPPLIER))
    assert session.scan(karekod(PRODUCT_GTIN, serial, "FEED1", in_days(300))).queued


def test_a_station_hears_another_stations_commit_on_the_server(pg_database, pg_server):
    url = pg_database()
    here, there = Store(url), Store(url)
    feed = here.change_feed()
    try:
        assert feed.wait(0.2) is False and feed.reachable is True  # nothing yet
        there.set_setting("ui.autosync_minutes", "5")  # one commit …
        assert feed.wait(5.0) is True
        assert feed.wait(0.2) is False  # … heard once
        queue_one(there, "FEEDA")  # a box another station queued
        assert feed.wait(5.0) is True

        with psycopg.connect(pg_server.admin_conninfo, autocommit=True) as admin:  # the server cuts it
            cut = admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                "WHERE application_name LIKE '%(live)'").fetchall()
        assert cut == [(True,)]
        assert feed.wait(5.0) is False and feed.reachable is False  # the loss is noticed
        queue_one(there, "FEEDE")  # committed while the feed was not listening
        assert feed.wait(5.0) is True and feed.reachable is True  # listening again: "maybe missed"
        assert feed.wait(0.2) is False
        queue_one(there, "FEEDF")
        assert feed.wait(5.0) is True
    finally:
        feed.close()
        here.close()
        there.close()


def test_two_stores_on_one_file_hear_each_other(tmp_path):
    here, there = Store(tmp_path / "pharmadesk.sqlite"), Store(tmp_path / "pharmadesk.sqlite")
    feed = here.change_feed()
    try:
        assert feed.wait(0.3) is False
        queue_one(there, "FILEA")
        assert feed.wait(2.0) is True
        assert feed.wait(0.3) is False
    finally:
        feed.close()
        here.close()
        there.close()
