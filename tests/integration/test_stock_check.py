"""The bulk verification round over the stock ("is this still mine", recalls) against the
ITS simulator over HTTP: a recalled lot found, a selection by lot, and ITS failing halfway
through — the answered chunks are reported, the rest waits in the queue, stock unchanged."""

from __future__ import annotations

import pytest

from pharmadesk.cli import main as pharmadesk
from pharmadesk.config import Config
from pharmadesk.domain import Operation
from pharmadesk.gs1 import parse
from pharmadesk.stock_check import verify_stock
from pharmadesk.store import states
from pharmadesk.sync import UNREACHABLE, engine_from_config
from syncstation import SUPPLIER, admin, configure, ship, store_of, write_lines

pytestmark = pytest.mark.usefixtures("its_password")


@pytest.fixture
def its_password(monkeypatch):
    monkeypatch.setenv("PHARMADESK_ITS_PASSWORD", "sandbox")


def station_with_stock(simulator, tmp_path, count: int, **options):
    data = configure(tmp_path / "station", simulator, **options)
    boxes = ship(simulator, count)
    path = write_lines(tmp_path / "in.txt", boxes)
    assert pharmadesk(["import", str(path), "--op", "receive", "--counterparty", SUPPLIER,
                       "--data-dir", str(data)]) == 0
    assert pharmadesk(["sync", "--data-dir", str(data)]) == 0
    return data, [parse(k) for k in boxes]


def on_hand(data) -> set[str]:
    with store_of(data) as store:
        return {box.serial for box in store.stock_boxes()}


def test_a_recall_is_found_by_the_bulk_verification(simulator, tmp_path, capsys):
    data, boxes = station_with_stock(simulator, tmp_path, 8)
    lot = boxes[0]
    admin(simulator, "/admin/recall", {"gtin": lot.gtin, "batch": lot.batch, "level": "all"})
    recalled = {box.serial for box in boxes if (box.gtin, box.batch) == (lot.gtin, lot.batch)}
    before = on_hand(data)
    capsys.readouterr()

    assert pharmadesk(["verify-stock", "--data-dir", str(data), "--lang", "en"]) == 1
    out = capsys.readouterr().out
    flagged = [line for line in out.splitlines() if " 4000" in line]
    assert {line.split()[1] for line in flagged} == recalled
    assert all("40007" in line and "Return" in line for line in flagged)
    assert f"8 of 8 boxes verified: {8 - len(recalled)} yours, {len(recalled)} need a look." in out
    assert on_hand(data) == before  # a verification moves no box


def test_a_round_over_one_lot_asks_only_about_that_lot(simulator, tmp_path, capsys):
    data, boxes = station_with_stock(simulator, tmp_path, 6)
    lot = boxes[0]
    in_lot = sum(1 for box in boxes if box.batch == lot.batch)
    capsys.readouterr()
    assert pharmadesk(["verify-stock", "--batch", lot.batch, "--data-dir", str(data), "--lang", "en"]) == 0
    assert f"{in_lot} of {in_lot} boxes verified: {in_lot} yours, 0 need a look." in capsys.readouterr().out


def test_its_failing_halfway_reports_what_was_answered_and_keeps_the_rest(simulator, tmp_path):
    data, boxes = station_with_stock(simulator, tmp_path, 6, chunk_size=2, retries=1)

    def fail_after_first_chunk(progress) -> None:
        if progress.done >= 2:
            admin(simulator, "/admin/faults", {"http_500": 1.0})

    with store_of(data) as store:
        config = Config(store, environ={})
        engine = engine_from_config(store, config, "sandbox", on_progress=fail_after_first_chunk)
        report = verify_stock(store, engine, lang="en")
        engine.client.close()
        assert report.outcome == UNREACHABLE
        assert (report.total, report.fine, report.unchecked) == (6, 2, 4)
        assert "The round stopped" in report.message_en and "4 boxes not asked, still queued" in report.message_en
        assert "4 kutu sorulamadı" in report.message_tr
        assert store.counts(Operation.VERIFY)[states.QUEUED] == 4
    assert on_hand(data) == {box.serial for box in boxes}

    admin(simulator, "/admin/faults", {"http_500": 0.0})
    assert pharmadesk(["sync", "--data-dir", str(data)]) == 0
    with store_of(data) as store:
        assert store.counts(Operation.VERIFY)[states.ACCEPTED] == 6
