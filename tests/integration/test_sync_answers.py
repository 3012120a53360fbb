"""How the sync reads ITS's answers, over real HTTP against the simulator: a notify's
answer is kept whatever the reconciling verification then does, the one "already done"
table on a first send and on a resend, and an unexpected error that ends a run."""

from __future__ import annotations

import pytest

from pharmadesk.cli import main as pharmadesk
from pharmadesk.config import Config
from pharmadesk.its.client import ItsClient
from pharmadesk.store import states
from pharmadesk.sync import engine_from_config
from syncstation import PASSWORD, PHARMACY, SUPPLIER, admin, configure, ship, store_of, write_lines

pytestmark = pytest.mark.usefixtures("its_password", "engine")
WALK_IN_BUYER_GLN = "0" * 13
PAYER_GLN = "8690009000099"  # a reimbursement institution: ITS lets it notify nothing (11001)


@pytest.fixture
def its_password(monkeypatch):
    monkeypatch.setenv("PHARMADESK_ITS_PASSWORD", PASSWORD)


def sync(data_dir) -> int:
    return pharmadesk(["sync", "--data-dir", str(data_dir)])


def queue(data_dir, folder, karekods, op: str, *args: str) -> None:
    path = write_lines(folder / f"{op}-{len(karekods)}.txt", karekods)
    assert pharmadesk(["import", str(path), "--op", op, *args, "--data-dir", str(data_dir)]) == 0


class VerifiesAs:
    """The station's real ITS client, whose Ürün Doğrulama calls go through a second real
    client (another password or another GLN) to the same simulator."""

    def __init__(self, real, verifier):
        self.real, self.verifier = real, verifier

    def notify(self, operation, header, products):
        return self.real.notify(operation, header, products)

    def verify(self, products):
        return self.verifier.verify(products)


def _half_sold_in_doubt(simulator, tmp_path):
    """Four boxes in stock sold in one notification; the first chunk of two reached ITS
    but its answer was lost, so those two wait in doubt beside two never sent."""
    data = configure(tmp_path / "station", simulator, chunk_size=2, retries=0)
    boxes = ship(simulator, 4)
    queue(data, tmp_path, boxes, "receive", "--counterparty", SUPPLIER)
    assert sync(data) == 0
    queue(data, tmp_path, boxes, "sale", "--counterparty", WALK_IN_BUYER_GLN)
    admin(simulator, "/admin/faults", {"drop_response_after_commit": 1.0})
    assert sync(data) == 2
    admin(simulator, "/admin/faults", {"drop_response_after_commit": 0})
    with store_of(data) as store:
        Config(store).set("sync.chunk_size", "4")
        sold = store.items(operation="sale", newest_first=False)
        assert [(i["state"], i["in_doubt"]) for i in sold] == [(states.QUEUED, 1)] * 2 + [(states.QUEUED, 0)] * 2
    return data


@pytest.mark.parametrize("verifier", ["wrong password", "structural fault"])
def test_the_notify_answer_is_kept_whatever_the_verification_does(simulator, tmp_path, verifier):
    """The resend answers 10204 for the two in doubt (they need a verification) and 00000
    for the two new ones; the verification is then refused (401, or the structural fault
    11001). The two accepted boxes keep ITS's answer and notification id; the two in doubt
    stay in doubt and the next sync settles them: all four end accepted, none rejected."""
    data = _half_sold_in_doubt(simulator, tmp_path)
    password, gln = ("wrong", PHARMACY) if verifier == "wrong password" else (PASSWORD, PAYER_GLN)
    admin(simulator, "/admin/stakeholder", {"gln": PAYER_GLN, "kind": "payer", "name": "SGK"})
    with store_of(data) as store:
        engine = engine_from_config(store, Config(store), PASSWORD)
        refusing = ItsClient(simulator.base_url, gln + "0000", password, gln=gln,
                             stakeholder=engine.stakeholder)
        engine.client = VerifiesAs(engine.client, refusing)
        engine.run()
        sold = store.items(operation="sale", newest_first=False)
        assert [(i["state"], i["in_doubt"]) for i in sold[:2]] == [(states.QUEUED, 1)] * 2
        assert [(i["state"], i["uc"]) for i in sold[2:]] == [(states.ACCEPTED, "00000")] * 2
        assert all(i["its_notification_id"] for i in sold[2:])
    assert sync(data) == 0
    with store_of(data) as store:
        assert {i["state"] for i in store.items(operation="sale")} == {states.ACCEPTED}


def test_a_box_someone_else_already_received_is_shown_not_accepted(simulator, tmp_path, capsys):
    """Two stations of one pharmacy receive the same box. The second station's first send
    is answered 10210 "already in your stock": someone else notified it, which the
    pharmacist must hear about — the box is rejected with that said, and the sync exits 1."""
    boxes = ship(simulator, 2)
    first = configure(tmp_path / "front", simulator)
    queue(first, tmp_path, boxes, "receive", "--counterparty", SUPPLIER)
    assert sync(first) == 0
    second = configure(tmp_path / "back", simulator)
    queue(second, tmp_path, boxes, "receive", "--counterparty", SUPPLIER)
    capsys.readouterr()
    assert sync(second) == 1
    assert "2 ret" in capsys.readouterr().out
    with store_of(second) as store:
        items = store.items(operation="receive")
        assert {(i["state"], i["uc"]) for i in items} == {(states.REJECTED, "10210")}
        assert all("before this send, by someone else" in i["message"] for i in items)


def test_an_unexpected_error_has_its_own_exit_code_and_marks_the_run_failed(simulator, tmp_path):
    """A box row that PharmaDesk cannot read (an expiry damaged outside the program) makes
    the sync fail with something that is no ITS error: the command exits 4 (not 1, "some
    boxes rejected") and says in plain words that it was an unexpected error, that the
    scans are safe and which log file holds the details; the error itself (its type and
    text) is not shown, but is in that log file and in the failed run's record; no box is
    left marked as being sent."""
    from syncstation import run_child

    data = configure(tmp_path / "station", simulator)
    queue(data, tmp_path, ship(simulator, 3), "receive", "--counterparty", SUPPLIER)
    with store_of(data) as store, store.write() as conn:
        conn.execute("UPDATE items SET expiry = '31.12.2030' WHERE id = (SELECT MIN(id) FROM items)")
    child = run_child("sync", "--data-dir", str(data), "--lang", "en")
    out, err = child.communicate(timeout=120)
    assert child.returncode == 4, (out, err)
    said = err.decode()
    log_file = data / "logs" / "cli.log"
    assert "unexpected error" in said and "scans are safe" in said and str(log_file) in said
    assert "31.12.2030" not in said and "Error:" not in said and "Traceback" not in said
    assert "31.12.2030" in log_file.read_text(encoding="utf-8")
    with store_of(data) as store:
        last = store.last_sync()
        assert last["outcome"] == "failed"
        assert "Error: " in last["details"] and "31.12.2030" in last["details"] and "Traceback" in last["details"]
        for message in (last["message"], last["message_tr"]):
            assert "31.12.2030" not in message and str(log_file) in message
        assert store.counts()[states.SENDING] == 0 and store.counts()[states.QUEUED] == 3
    status = run_child("status", "--data-dir", str(data), "--lang", "tr").communicate(timeout=60)[0].decode()
    assert "beklenmeyen bir hata" in status and "31.12.2030" not in status


def test_a_sync_prunes_the_message_log_to_its_kept_days(simulator, tmp_path):
    """After a run the XML older than message_log.keep_days is gone, its summary kept;
    the run's own exchanges keep their XML."""
    from datetime import datetime, timedelta
    from types import SimpleNamespace

    data = configure(tmp_path / "station", simulator)
    with store_of(data) as store:
        Config(store).set("message_log.keep_days", "30")
        store.log_exchange(SimpleNamespace(
            started_at=datetime.now() - timedelta(days=31), service="br.eczane_mal_alim",
            operation="receive", url=simulator.base_url, request_xml="<old/>", response_xml="<old/>",
            http_status=200, duration_ms=5.0, notification_id="OLD1", outcome="ok", error_tr=None,
            error_en=None))
    queue(data, tmp_path, ship(simulator, 2), "receive", "--counterparty", SUPPLIER)
    assert sync(data) == 0
    with store_of(data) as store:
        old, new = store.message_log()[::-1]
        assert (old["notification_id"], old["request_xml"], old["response_xml"]) == ("OLD1", None, None)
        assert new["request_xml"] and new["response_xml"] and new["notification_id"]


def test_retry_corrects_a_stopped_notification_and_sends_it(simulator, tmp_path, capsys):
    """A purchase typed with an unknown supplier is refused as a whole (11903) and waits
    for the pharmacist; `pharmadesk retry --op receive --counterparty GLN` corrects its
    supplier and sends it: ITS accepts every box, in that same notification."""
    data = configure(tmp_path / "station", simulator)
    boxes = ship(simulator, 3)
    queue(data, tmp_path, boxes, "receive", "--counterparty", "8690009000099")
    assert sync(data) == 1
    with store_of(data) as store:
        [stopped] = store.stopped_notifications()
        assert (stopped["stopped"], stopped["fc"]) == (3, "11903")
    capsys.readouterr()
    assert pharmadesk(["retry", "--op", "receive", "--counterparty", SUPPLIER, "--lang", "en",
                       "--data-dir", str(data)]) == 0
    out = capsys.readouterr().out
    assert f"#{stopped['id']} Purchase: 3 boxes, ITS 11903" in out and "3 accepted" in out
    with store_of(data) as store:
        items = store.items(operation="receive")
        assert {(i["state"], i["notification_id"]) for i in items} == {(states.ACCEPTED, stopped["id"])}
        assert store.notification(stopped["id"])["counterparty_gln"] == SUPPLIER
        assert store.stopped_notifications() == []
    assert pharmadesk(["retry", "--data-dir", str(data), "--lang", "en"]) == 0
    assert "No stopped notification" in capsys.readouterr().out


def test_the_progress_counts_a_refused_notification(simulator, tmp_path):
    """The last progress report of a run whose only notification ITS refused says its
    boxes need attention, as the summary does (the sync dialog's counts line)."""
    data = configure(tmp_path / "station", simulator)
    queue(data, tmp_path, ship(simulator, 3), "receive", "--counterparty", "8690009000099")
    seen = []
    with store_of(data) as store:
        engine = engine_from_config(store, Config(store), PASSWORD, on_progress=seen.append)
        report = engine.run()
        engine.client.close()
    assert report.needs_attention == 3
    assert (seen[-1].done, seen[-1].total, seen[-1].needs_attention) == (3, 3, 3)


def test_scan_replace_stopped_queues_a_rescan_in_place_of_the_refused_box(simulator, tmp_path, capsys):
    data = configure(tmp_path / "station", simulator)
    boxes = ship(simulator, 2)
    queue(data, tmp_path, boxes, "receive", "--counterparty", "8690009000099")
    assert sync(data) == 1
    capsys.readouterr()
    args = ["scan", "--op", "receive", "--counterparty", SUPPLIER, "--lang", "en", "--data-dir", str(data)]
    assert pharmadesk([*args, boxes[0]]) == 1  # offered, not done
    assert "Replace it with this scan" in capsys.readouterr().out
    assert pharmadesk([*args, "--replace-stopped", boxes[0]]) == 0
    assert sync(data) == 0  # the replaced box is accepted; the other one still waits for a look
    with store_of(data) as store:
        states_ = sorted((i["state"], i["notification_id"]) for i in store.items(operation="receive"))
        assert [s for s, _ in states_] == [states.ACCEPTED, states.NEEDS_ATTENTION, states.REMOVED]
