"""Stock on hand and the stock card, from real notifications sent over HTTP to the ITS
simulator: a pharmacy's day of every operation with its cancels, a hospital's consumption,
and the boxes ITS refused or has not answered yet."""

from __future__ import annotations

import json

import pytest

from pharmadesk.cli import main as pharmadesk
from pharmadesk.gs1 import parse
from syncstation import HOSPITAL, OTHER_PHARMACY, SUPPLIER, configure, ship, store_of, write_lines

pytestmark = pytest.mark.usefixtures("its_password", "engine")


@pytest.fixture
def its_password(monkeypatch):
    monkeypatch.setenv("PHARMADESK_ITS_PASSWORD", "sandbox")


def queue(data, tmp_path, name: str, karekods: list[str], *options: str) -> None:
    path = write_lines(tmp_path / f"{name}.txt", karekods)
    assert pharmadesk(["import", str(path), *options, "--data-dir", str(data)]) == 0


def sync(data) -> int:
    return pharmadesk(["sync", "--data-dir", str(data)])


def stock_json(data, capsys, *options: str) -> dict:
    capsys.readouterr()
    assert pharmadesk(["stock", "--json", "--data-dir", str(data), *options]) == 0
    return json.loads(capsys.readouterr().out)


def serials(karekods: list[str]) -> set[str]:
    return {parse(k).serial for k in karekods}


def on_hand(data) -> set[str]:
    with store_of(data) as store:
        return {box.serial for box in store.stock_boxes()}


def test_a_pharmacy_day_of_every_operation_with_cancels(simulator, tmp_path, capsys):
    data = configure(tmp_path / "station", simulator)
    boxes = ship(simulator, 12)
    foreign = ship(simulator, 1, to=OTHER_PHARMACY)  # not sent to us: ITS refuses our purchase
    queue(data, tmp_path, "in", boxes + foreign, "--op", "receive", "--counterparty", SUPPLIER)
    assert sync(data) == 1  # the foreign box is rejected
    assert on_hand(data) == serials(boxes)

    queue(data, tmp_path, "sale", boxes[0:3], "--op", "sale")
    queue(data, tmp_path, "return", boxes[3:4], "--op", "return", "--counterparty", SUPPLIER)
    queue(data, tmp_path, "transfer", boxes[4:5], "--op", "transfer", "--counterparty", OTHER_PHARMACY)
    queue(data, tmp_path, "deactivate", boxes[5:6], "--op", "deactivate", "--ds", "10")
    assert sync(data) == 0
    assert on_hand(data) == serials(boxes[6:])

    queue(data, tmp_path, "sale-cancel", boxes[0:1], "--op", "sale-cancel")
    queue(data, tmp_path, "transfer-cancel", boxes[4:5], "--op", "transfer-cancel", "--counterparty", OTHER_PHARMACY)
    assert sync(data) == 0
    queue(data, tmp_path, "later", boxes[6:7], "--op", "sale")  # not sent yet

    assert on_hand(data) == serials([boxes[0], boxes[4]] + boxes[6:])
    report = stock_json(data, capsys)
    assert report["boxes"] == 8
    assert report["pending"] == {"in": 0, "out": 1}
    first = parse(boxes[0])
    assert sum(line["count"] for line in report["lines"] if line["gtin"] == first.gtin) == \
        sum(1 for k in [boxes[0], boxes[4]] + boxes[6:] if parse(k).gtin == first.gtin)
    assert {line["batch"] for line in report["lines"]} == {parse(k).batch for k in [boxes[0], boxes[4]] + boxes[6:]}


def test_the_stock_card_runs_a_balance_over_every_movement(simulator, tmp_path, capsys):
    data = configure(tmp_path / "station", simulator)
    boxes = ship(simulator, 6)
    gtin = parse(boxes[0]).gtin
    mine = [k for k in boxes if parse(k).gtin == gtin]
    queue(data, tmp_path, "in", mine, "--op", "receive", "--counterparty", SUPPLIER, "--doc", "FAT001")
    assert sync(data) == 0
    queue(data, tmp_path, "sale", mine[:2], "--op", "sale")
    assert sync(data) == 0
    queue(data, tmp_path, "cancel", mine[:1], "--op", "sale-cancel")
    assert sync(data) == 0

    with store_of(data) as store:
        card = store.stock_card(gtin)
        assert [(line.operation.value, line.quantity, line.balance) for line in card] == [
            ("receive", len(mine), len(mine)), ("sale", -2, len(mine) - 2), ("sale-cancel", 1, len(mine) - 1)]
        assert card[0].document == "FAT001" and card[0].counterparty_gln == SUPPLIER
        assert all(line.its_notification_id for line in card)
        assert card[-1].balance == len(store.stock_boxes(gtin=gtin))

    capsys.readouterr()
    assert pharmadesk(["stock", "card", gtin, "--data-dir", str(data), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Purchase" in out or "Receive" in out
    assert "FAT001" in out and SUPPLIER in out
    assert out.rstrip().splitlines()[-1].split()[-1] == str(len(mine) - 1)


def test_a_hospital_consumption_takes_the_box_off_the_shelf(simulator, tmp_path, capsys):
    hospital = configure(tmp_path / "hospital", simulator, gln=HOSPITAL, stakeholder="hospital")
    boxes = ship(simulator, 3, to=HOSPITAL, kind="hospital")
    queue(hospital, tmp_path, "h-in", boxes, "--op", "receive", "--counterparty", SUPPLIER)
    queue(hospital, tmp_path, "h-use", boxes[:1], "--op", "consume")
    assert sync(hospital) == 0
    assert stock_json(hospital, capsys)["boxes"] == 2


def test_bad_input_gets_a_clear_message(simulator, tmp_path, capsys):
    data = configure(tmp_path / "station", simulator)
    capsys.readouterr()
    assert pharmadesk(["stock", "--gtin", "08699546090110", "--data-dir", str(data), "--lang", "en"]) == 2
    assert "Invalid GTIN" in capsys.readouterr().err
    assert pharmadesk(["stock", "card", "123", "--data-dir", str(data)]) == 2
    assert "GTIN geçersiz" in capsys.readouterr().err
    assert pharmadesk(["stock", "card", "08699546090112", "--data-dir", str(data), "--lang", "en"]) == 0
    assert "no movement accepted by ITS" in capsys.readouterr().out


def test_opening_stock_comes_from_a_verification_saying_the_box_is_ours(simulator, tmp_path, capsys):
    data = configure(tmp_path / "station", simulator)
    boxes = ship(simulator, 3)
    # Booked on ITS by earlier software: the boxes are ours before PharmaDesk saw them.
    earlier = configure(tmp_path / "earlier", simulator)
    queue(earlier, tmp_path, "earlier", boxes[:2], "--op", "receive", "--counterparty", SUPPLIER)
    assert sync(earlier) == 0
    queue(data, tmp_path, "opening", boxes, "--op", "verify")
    sync(data)
    assert on_hand(data) == serials(boxes[:2])  # the third box is not ours (40002): not stock


def test_a_box_booked_in_twice_through_different_operations_counts_once(simulator, tmp_path, capsys):
    data = configure(tmp_path / "station", simulator)
    boxes = ship(simulator, 2)
    earlier = configure(tmp_path / "earlier", simulator)  # the software before PharmaDesk
    queue(earlier, tmp_path, "earlier", boxes, "--op", "receive", "--counterparty", SUPPLIER)
    assert sync(earlier) == 0
    queue(data, tmp_path, "opening", boxes, "--op", "verify")  # opening stock: 40001, ours
    sync(data)
    queue(data, tmp_path, "again", boxes, "--op", "receive", "--counterparty", SUPPLIER)
    assert sync(data) == 1  # ITS: already in your stock (10210); the purchase is refused
    with store_of(data) as store:
        refused = store.items(operation="receive")
        assert {(row["state"], row["uc"]) for row in refused} == {("rejected", "10210")}
    assert on_hand(data) == serials(boxes)  # each box once

    gtin = parse(boxes[0]).gtin
    mine = sum(1 for k in boxes if parse(k).gtin == gtin)
    with store_of(data) as store:
        card = store.stock_card(gtin)
    assert [(line.operation.value, line.quantity, line.balance) for line in card] == [("verify", mine, mine)]
    capsys.readouterr()
    assert pharmadesk(["stock", "card", gtin, "--data-dir", str(data), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Opening stock (verified)" in out and out.rstrip().splitlines()[-1].split()[-1] == str(mine)


def test_expiring_keeps_the_lots_expiring_within_the_days_given(simulator, tmp_path, capsys):
    from datetime import date, timedelta

    data = configure(tmp_path / "station", simulator)
    soon = ship(simulator, 2, expiry=(date.today() + timedelta(days=20)).isoformat())
    later = ship(simulator, 3, expiry=(date.today() + timedelta(days=200)).isoformat())
    queue(data, tmp_path, "in", soon + later, "--op", "receive", "--counterparty", SUPPLIER)
    assert sync(data) == 0

    report = stock_json(data, capsys, "--expiring", "30")
    assert report["boxes"] == 2 and {line["batch"] for line in report["lines"]} == {parse(k).batch for k in soon}
    assert stock_json(data, capsys, "--expiring", "365")["boxes"] == 5
    gtin = parse(later[0]).gtin
    assert {line["gtin"] for line in stock_json(data, capsys, "--gtin", gtin)["lines"]} == {gtin}

    assert pharmadesk(["stock", "--data-dir", str(data), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    marked = [line for line in out.splitlines() if line.endswith("≤ 30 days")]
    assert sum(int(line.split()[-4]) for line in marked) == 2
    assert "Total: 5 boxes" in out


def test_the_expiry_windows_are_set_and_shown_as_written(tmp_path, capsys):
    data = str(tmp_path / "station")
    assert pharmadesk(["config", "get", "stock.expiry_windows", "--data-dir", data]) == 0
    assert capsys.readouterr().out.strip() == "30,60,90"
    assert pharmadesk(["config", "set", "stock.expiry_windows", "14, 45", "--data-dir", data]) == 0
    assert pharmadesk(["config", "get", "stock.expiry_windows", "--data-dir", data]) == 0
    assert capsys.readouterr().out.strip() == "14,45"
    assert pharmadesk(["config", "set", "stock.expiry_windows", "soon", "--data-dir", data, "--lang", "en"]) == 2
    assert "Enter numbers of days from 1 to 730" in capsys.readouterr().err


def test_a_karekod_whose_expiry_differs_from_the_one_on_file_is_not_queued(simulator, tmp_path, capsys):
    data = configure(tmp_path / "station", simulator)
    [box] = ship(simulator, 1)
    queue(data, tmp_path, "in", [box], "--op", "receive", "--counterparty", SUPPLIER)
    assert sync(data) == 0
    known = parse(box)
    copied = f"01{known.gtin}21{known.serial}\x1d17{known.expiry.replace(year=known.expiry.year + 1):%y%m%d}" \
             f"10{known.batch}"
    capsys.readouterr()
    assert pharmadesk(["scan", "--op", "sale", copied, "--data-dir", str(data), "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert f"differs from the one on file for this serial ({known.expiry:%d.%m.%Y})" in out and "Not queued" in out
    with store_of(data) as store:
        assert store.counts("sale")["queued"] == 0
    assert on_hand(data) == {known.serial}
    assert pharmadesk(["scan", "--op", "sale", box, "--data-dir", str(data)]) == 0  # the real karekod sells
