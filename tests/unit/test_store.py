"""The outbox on a real SQLite file and on a real PostgreSQL server (the `store` fixture
runs each test on both): durable settings, duplicate protection, grouping into
notifications, the sync engine's claim/record/release cycle, and migrations of a database
made by an older PharmaDesk."""

import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from pharmadesk.domain import Header, Operation, SaleDetails, Stakeholder
from pharmadesk.store import DuplicateItem, QueuedBox, Store, header_of, migrations, states
from pharmadesk.store.errors import INTEGRITY_ERRORS

FIXTURE_V1 = Path(__file__).parents[1] / "data" / "store" / "pharmadesk-v1.sqlite"
FIXTURE_V2 = FIXTURE_V1.with_name("pharmadesk-v2.sqlite")
FIXTURE_V3 = FIXTURE_V1.with_name("pharmadesk-v3.sqlite")
SELLER = "8680001000005"
OTHER_SELLER = "8680001000012"
GTIN = "08699504000016"


def box(n: int, gtin: str = GTIN) -> QueuedBox:
    return QueuedBox(gtin, f"SN{n:08d}", "B1", date(2030, 12, 31), "301231")


@pytest.fixture
def store(tmp_path, engine, request):
    location = request.getfixturevalue("pg_database")() if engine == "postgresql" else tmp_path / "pharmadesk.sqlite"
    with Store(location) as opened:
        yield opened


def receive(store, n, header=Header(counterparty_gln=SELLER)):
    return store.queue_item(Operation.RECEIVE, Stakeholder.PHARMACY, header, box(n), raw=f"raw-{n}")


def test_new_database_is_durable_and_current(store):
    if store.engine == "postgresql":
        assert store.conn.execute("SHOW synchronous_commit").fetchone()[0] == "on"
        assert store.schema_version == migrations.LATEST
        return
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert store.schema_version == migrations.LATEST


def test_a_queued_item_is_visible_to_a_second_connection_at_once(store):
    item_id = receive(store, 1)
    # No close, no explicit commit: another process (another station) reading the database sees the scan.
    with Store(store.path) as other:
        row = other.read_one("SELECT gtin, serial, state FROM items WHERE id = ?", [item_id])
    assert tuple(row.values()) == (GTIN, "SN00000001", states.QUEUED)


def test_same_box_twice_for_the_same_operation_is_refused_with_the_first_scan(store):
    first = receive(store, 1)
    with pytest.raises(DuplicateItem) as refused:
        receive(store, 1)
    assert refused.value.existing["id"] == first
    assert refused.value.existing["notification_id"] == store.item(first)["notification_id"]
    assert store.counts()[states.QUEUED] == 1


def test_the_unique_index_refuses_a_duplicate_even_behind_the_check(store):
    receive(store, 1)
    with pytest.raises(INTEGRITY_ERRORS):
        store.conn.execute(
            "INSERT INTO items (notification_id, operation, gtin, serial, batch, expiry, raw, "
            "state, scanned_at) SELECT notification_id, operation, gtin, serial, batch, expiry, "
            "raw, 'queued', scanned_at FROM items")


def test_same_box_for_another_operation_is_a_new_item(store):
    receive(store, 1)
    store.queue_item(Operation.SALE, Stakeholder.PHARMACY, Header(counterparty_gln="0" * 13),
                     box(1), raw="raw")
    assert store.counts()[states.QUEUED] == 2


def test_an_accepted_box_is_a_duplicate_until_another_operation_moved_it(store):
    sale = Header(counterparty_gln="0" * 13)
    first = store.queue_item(Operation.SALE, Stakeholder.PHARMACY, sale, box(1), raw="r")
    _settle(store, first, states.ACCEPTED)
    with pytest.raises(DuplicateItem):
        store.queue_item(Operation.SALE, Stakeholder.PHARMACY, sale, box(1), raw="r")
    cancel = store.queue_item(Operation.SALE_CANCEL, Stakeholder.PHARMACY, sale, box(1), raw="r")
    _settle(store, cancel, states.ACCEPTED)
    # Sold, sale cancelled, sold again: a real pharmacy day.
    assert store.queue_item(Operation.SALE, Stakeholder.PHARMACY, sale, box(1), raw="r")


def test_a_rejected_box_may_be_scanned_again(store):
    first = receive(store, 1)
    _settle(store, first, states.REJECTED)
    assert receive(store, 1) != first


def _settle(store, item_id, state):
    notification_id = store.item(item_id)["notification_id"]
    request = f"req-{item_id}"
    store.claim_chunk(notification_id, 10, request)
    store.record_results(request, "9001", [(item_id, state, "00000", "ok")])


def test_items_with_the_same_header_share_one_notification(store):
    a, b = receive(store, 1), receive(store, 2)
    c = receive(store, 3, Header(counterparty_gln=OTHER_SELLER))
    d = receive(store, 4, Header(counterparty_gln=SELLER, document_number="IRS-1"))
    notification = [store.item(i)["notification_id"] for i in (a, b, c, d)]
    assert notification[0] == notification[1]
    assert len(set(notification)) == 3


def test_header_round_trips_through_the_notification(store):
    header = Header(counterparty_gln="8680001000029", document_number="RX-9",
                    document_date=date(2025, 1, 2), note="kontrol",
                    sale=SaleDetails("reimbursement", "8680001000029", "E1", "RKN55"))
    item_id = store.queue_item(Operation.SALE, Stakeholder.PHARMACY, header, box(1), raw="r")
    notification = store.notification(store.item(item_id)["notification_id"])
    assert header_of(notification) == header


def test_remove_only_before_sending(store):
    a, b = receive(store, 1), receive(store, 2)
    assert store.remove_item(a)
    notification_id = store.item(b)["notification_id"]
    store.claim_chunk(notification_id, 10, "r1")
    assert not store.remove_item(b)
    assert store.item(a)["state"] == states.REMOVED
    assert store.item(b)["state"] == states.SENDING
    # a removed box may be scanned again
    assert receive(store, 1)


def test_claim_record_release_and_recover(store):
    ids = [receive(store, n) for n in range(5)]
    notification_id = store.item(ids[0])["notification_id"]
    chunk = store.claim_chunk(notification_id, 2, "req-a")
    assert [row["id"] for row in chunk] == ids[:2]
    assert store.counts()[states.SENDING] == 2
    # a scan arriving while the notification is being sent starts a new notification
    late = receive(store, 99)
    assert store.item(late)["notification_id"] != notification_id

    store.record_results("req-a", "5551", [(ids[0], states.ACCEPTED, "00000", "ok"),
                                           (ids[1], states.REJECTED, "10201", "yok")])
    assert store.item(ids[0])["its_notification_id"] == "5551"
    assert store.notification(notification_id)["its_notification_id"] == "5551"

    store.claim_chunk(notification_id, 2, "req-b")
    assert store.release_chunk("req-b", "timeout") == 2
    released = store.item(ids[2])
    assert (released["state"], released["in_doubt"], released["attempts"]) == (states.QUEUED, 1, 1)

    store.claim_chunk(notification_id, 10, "req-c")  # then the process dies
    assert store.recover_in_flight() == 3
    assert store.counts()[states.SENDING] == 0
    assert all(store.item(i)["in_doubt"] for i in ids[2:])


def test_stop_notification_marks_everything_unsettled(store):
    ids = [receive(store, n) for n in range(3)]
    notification_id = store.item(ids[0])["notification_id"]
    store.claim_chunk(notification_id, 1, "req")
    assert store.stop_notification(notification_id, "11019", "Alıcı Bilgisi Yok") == 3
    item = store.item(ids[0])
    assert (item["state"], item["fc"], item["message"]) == (states.NEEDS_ATTENTION, "11019", "Alıcı Bilgisi Yok")
    # still blocks a second scan while waiting for the pharmacist
    with pytest.raises(DuplicateItem):
        receive(store, 0)
    assert store.retry_stopped(notification_id) == 3
    assert store.counts()[states.QUEUED] == 3


def test_queue_many_is_one_transaction(store, monkeypatch):
    boxes = [(n, box(n), f"raw-{n}") for n in range(100)] + [(100, box(5), "again")]
    answers = dict(store.queue_many(Operation.RECEIVE, Stakeholder.PHARMACY,
                                    Header(counterparty_gln=SELLER), boxes))
    assert isinstance(answers[100], DuplicateItem)
    assert store.counts()[states.QUEUED] == 100

    def broken():
        yield 200, box(200), "ok"
        raise RuntimeError("file read failed halfway")

    with pytest.raises(RuntimeError):
        store.queue_many(Operation.RECEIVE, Stakeholder.PHARMACY, Header(counterparty_gln=SELLER), broken())
    assert store.counts()[states.QUEUED] == 100  # nothing of the failed import stayed


def test_an_import_refuses_the_same_boxes_a_scan_would(store):
    """One box received and accepted, one received then sold (it may come in again), one
    new box listed twice, one still queued: the import answers as scanning them one by one does
    (on PostgreSQL the import checks them all at once)."""
    received = receive(store, 2)
    sold_box = receive(store, 3)
    notification = store.item(received)["notification_id"]
    store.claim_chunk(notification, 10, "r1")
    store.record_results("r1", "1", [(i, states.ACCEPTED, "00000", None) for i in (received, sold_box)])
    sale = store.queue_item(Operation.SALE, Stakeholder.PHARMACY, Header(), box(3), raw="sale")
    store.claim_chunk(store.item(sale)["notification_id"], 10, "r2")
    store.record_results("r2", "2", [(sale, states.ACCEPTED, "00000", None)])
    waiting = receive(store, 5)  # still in the queue
    answers = store.queue_many(Operation.RECEIVE, Stakeholder.PHARMACY, Header(counterparty_gln=SELLER),
                               [(n, box(n), f"raw-{n}") for n in (2, 3, 4, 4, 5)])
    by_line = [answer for _, answer in answers]
    assert isinstance(by_line[0], DuplicateItem) and by_line[0].existing["id"] == received
    assert isinstance(by_line[4], DuplicateItem) and by_line[4].existing["id"] == waiting
    assert isinstance(by_line[1], int)  # sold, so it may be received again
    assert isinstance(by_line[2], int)
    assert isinstance(by_line[3], DuplicateItem) and by_line[3].existing["id"] == by_line[2]
    assert store.item(by_line[2])["state"] == states.QUEUED


def test_products_partners_settings(store):
    receive(store, 1)
    store.queue_item(Operation.RECEIVE, Stakeholder.PHARMACY, Header(counterparty_gln=SELLER),
                     QueuedBox(GTIN, "X1", "B7", date(2031, 1, 31)), raw="r")
    store.set_product_name(GTIN, "PAROL")
    product = store.product(GTIN)
    assert product["name"] == "PAROL"
    assert [b["batch"] for b in product["batches"]] == ["B1", "B7"]
    store.save_partner(SELLER, "Depo A", "wholesaler")
    store.save_partner(SELLER, "Depo A (Ankara)")
    assert store.partner(SELLER) == {"gln": SELLER, "name": "Depo A (Ankara)", "kind": "wholesaler"}
    store.set_setting("its.url", "http://127.0.0.1:1")
    assert store.setting("its.url") == "http://127.0.0.1:1"
    store.set_setting("its.url", None)
    assert store.setting("its.url", "default") == "default"


def test_message_log_masks_the_password_and_filters(store):
    from datetime import datetime
    from types import SimpleNamespace

    exchange = SimpleNamespace(started_at=datetime.now(), service="br.eczane_mal_alim",
                               operation="receive", url="http://x/y", request_xml="<a>s3cret</a>",
                               response_xml="<b/>", http_status=200, duration_ms=12.0,
                               notification_id="77", outcome="ok", error_tr=None, error_en=None)
    store.log_exchange(exchange, request_id="r1", secret="s3cret")
    failed = {"outcome": "fault", "error_tr": "Şifre s3cret kabul edilmedi",
              "error_en": "Password s3cret not accepted"}
    store.log_exchange(SimpleNamespace(**{**vars(exchange), **failed}), request_id="r2", secret="s3cret")
    rows = store.message_log(outcome="ok")
    assert len(rows) == 1 and rows[0]["request_xml"] == "<a>********</a>"
    assert rows[0]["request_id"] == "r1"
    assert len(store.message_log()) == 2
    [fault] = store.message_log(outcome="fault")
    assert (fault["error_tr"], fault["error_en"]) == ("Şifre ******** kabul edilmedi",
                                                      "Password ******** not accepted")
    assert not any("s3cret" in str(value) for row in store.read("SELECT * FROM message_log") for value in row.values())
    if store.engine == "sqlite":
        on_disk = [store.path, store.path.with_name(store.path.name + "-wal")]
        assert not any(b"s3cret" in path.read_bytes() for path in on_disk if path.exists())


def test_database_from_version_1_opens_and_upgrades(tmp_path):
    copy = tmp_path / "old.sqlite"
    shutil.copy(FIXTURE_V1, copy)
    with Store(copy) as store:
        assert store.schema_version == migrations.LATEST
        assert store.counts()[states.QUEUED] == 3
        assert store.counts()[states.ACCEPTED] == 1
        # products' JSON batch list became rows
        assert [b["batch"] for b in store.product("08699504000016")["batches"]] == ["B1", "B2"]
        assert store.product("08699504000016")["name"] == "PAROL 500 MG 20 TABLET"
        assert store.setting("its.gln") == "8680001000012"
        assert store.partner("8680001000005")["name"] == "Örnek Ecza Deposu"
        # old queued items keep their duplicate protection and join their open notification
        old = store.items(states_=[states.QUEUED], newest_first=False)[0]
        with pytest.raises(DuplicateItem):
            store.queue_item(Operation.RECEIVE, Stakeholder.PHARMACY,
                             Header(counterparty_gln="8680001000005", document_number="IRS-2024-17",
                                    document_date=date(2024, 3, 11)),
                             QueuedBox(old["gtin"], old["serial"], old["batch"], date(2030, 12, 31)),
                             raw="again")
        new = store.queue_item(Operation.RECEIVE, Stakeholder.PHARMACY,
                               Header(counterparty_gln="8680001000005", document_number="IRS-2024-17",
                                      document_date=date(2024, 3, 11)),
                               QueuedBox("08699504000016", "V1SN0004", "B2", date(2031, 6, 30)),
                               raw="new")
        assert store.item(new)["notification_id"] == old["notification_id"]
        # and they can be sent
        chunk = store.claim_chunk(old["notification_id"], 10, "req")
        assert len(chunk) == 4
    with Store(copy) as again:  # opening twice does not migrate twice
        assert again.read("SELECT version FROM schema_version") == [
            {"version": v} for v in range(1, migrations.LATEST + 1)]


def test_database_a_crash_left_at_version_2_opens_upgrades_and_recovers(tmp_path):
    copy = tmp_path / "pharmadesk.sqlite"
    shutil.copy(FIXTURE_V2, copy)
    with Store(copy) as store:
        assert store.schema_version == migrations.LATEST
        assert store.counts() == {**dict.fromkeys(states.ALL, 0), states.ACCEPTED: 2,
                                  states.SENDING: 2, states.QUEUED: 1}
        assert {i["its_notification_id"] for i in store.items(states_=[states.ACCEPTED])} == {"700001"}
        last = store.last_sync()
        assert last["message"].startswith("Sync finished") and last["message_tr"] is None
        # what the next sync does first: the chunk that was in flight goes back, in doubt
        assert store.recover_in_flight() == 2
        queued = store.items(states_=[states.QUEUED], newest_first=False)
        assert [(i["serial"], i["in_doubt"]) for i in queued] == [
            ("V2SN0003", 1), ("V2SN0004", 1), ("V2SN0005", 1)]
        run = store.start_sync_run()
        store.finish_sync_run(run, outcome="ok", accepted=0, rejected=0, needs_attention=0,
                              message="Sync finished.", message_tr="Gönderim bitti.")
        assert store.last_sync()["message_tr"] == "Gönderim bitti."


def test_a_message_log_from_version_3_keeps_its_english_errors_and_gains_turkish(tmp_path):
    from types import SimpleNamespace

    copy = tmp_path / "pharmadesk.sqlite"
    shutil.copy(FIXTURE_V3, copy)
    with Store(copy) as store:
        assert store.schema_version == migrations.LATEST
        old = store.message_log_overview()
        assert [(row["outcome"], row["error_tr"]) for row in old] == [
            ("fault", None), ("error", None), ("ok", None)]
        assert old[1]["error_en"].startswith("ITS returned an error page (HTTP 500)")
        assert old[0]["error_en"].startswith("ITS refused the notification")
        new = SimpleNamespace(**{**store.exchange(old[1]["id"]), "started_at": None,
                                 "error_tr": "ITS hata sayfası döndü (HTTP 500)",
                                 "error_en": "ITS returned an error page (HTTP 500)"})
        store.log_exchange(new)
        assert store.message_log(limit=1)[0]["error_tr"] == "ITS hata sayfası döndü (HTTP 500)"
    with Store(copy) as again:
        assert again.schema_version == migrations.LATEST and len(again.message_log()) == 4


def test_a_database_from_a_newer_pharmadesk_is_refused_clearly(tmp_path):
    from pharmadesk.store import StoreError

    path = tmp_path / "new.sqlite"
    Store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO schema_version VALUES (99, 'future')")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError) as refused:
        Store(path)
    assert refused.value.kind == "too_new"
    assert "daha yeni" in refused.value.message_tr


def test_every_table_the_pharmacy_relies_on_is_there(store):
    def columns(table):
        if store.engine == "postgresql":
            return {row["column_name"] for row in store.read(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ?", [table])}
        return {row["name"] for row in store.read(f"PRAGMA table_info({table})")}

    assert {"operation", "stakeholder", "counterparty_gln", "document_number", "document_date",
            "sale_kind", "sale_institution_gln", "sale_pharmacy_id", "sale_prescription_no",
            "state", "its_notification_id", "created_at", "sent_at"} <= columns("notifications")
    assert {"gtin", "serial", "batch", "expiry", "raw", "state", "uc", "message", "attempts",
            "request_id", "its_notification_id", "scanned_at", "updated_at"} <= columns("items")
    assert {"gtin", "name"} <= columns("products")
    assert {"gtin", "batch", "expiry", "first_seen"} <= columns("product_batches")
    assert {"gln", "name", "kind"} <= columns("partners")
    assert {"at", "service", "request_id", "http_status", "duration_ms", "request_xml",
            "response_xml", "outcome"} <= columns("message_log")
    assert {"key", "value"} <= columns("settings")
    assert {"version", "applied_at"} <= columns("schema_version")
    assert not any("password" in name or "sifre" in name
                   for table in store.db.table_names() for name in columns(table))


def _statements(store):
    """Every statement the store's connection runs from now on (the transaction's
    BEGIN is "BEGIN IMMEDIATE" on SQLite, "BEGIN" on PostgreSQL)."""
    seen = []
    if store.engine == "postgresql":
        execute = store.conn.execute

        def recording(sql, params=()):
            seen.append("BEGIN IMMEDIATE" if sql == "BEGIN" else sql)
            return execute(sql, params)
        store.conn.execute = recording
        store.conn.set_trace_callback = lambda callback: None
        return seen
    store.conn.set_trace_callback(seen.append)
    return seen


def test_one_scan_is_one_transaction_and_one_answer_is_one_transaction(store):
    from pharmadesk.session import Session

    session = Session(store, Stakeholder.PHARMACY, Operation.RECEIVE, Header(counterparty_gln=SELLER))
    raw = "01" + GTIN + "21SN1\x1d17301231\x1d10B1"
    seen = _statements(store)
    assert session.scan(raw).queued
    assert [s for s in seen if s.startswith(("BEGIN", "COMMIT", "ROLLBACK"))] == ["BEGIN IMMEDIATE", "COMMIT"]

    ids = [receive(store, n) for n in range(2, 6)]
    store.claim_chunk(store.item(ids[0])["notification_id"], 10, "req")
    seen.clear()
    store.record_results("req", "5551", [(i, states.ACCEPTED, "00000", "ok") for i in ids])
    assert [s for s in seen if s.startswith(("BEGIN", "COMMIT"))] == ["BEGIN IMMEDIATE", "COMMIT"]
    store.conn.set_trace_callback(None)


def test_a_full_database_refuses_the_scan_clearly_and_keeps_the_saved_ones(tmp_path):
    """SQLITE_FULL, emulated with PRAGMA max_page_count (the real full disk is in
    tests/integration/test_crash_disk.py)."""
    from pharmadesk.store import StoreError

    path = tmp_path / "pharmadesk.sqlite"
    with Store(path) as opened:
        saved = [receive(opened, n) for n in range(50)]
        pages = opened.scalar("PRAGMA page_count")
    with Store(path, max_pages=pages) as full:
        with pytest.raises(StoreError) as refused:
            for n in range(50, 5000):
                receive(full, n)
        assert refused.value.kind == "full"
        assert refused.value.message("tr").startswith("Disk dolu")
        assert refused.value.message("en").startswith("The disk is full")
        kept = full.counts()[states.QUEUED]
        assert not full.conn.in_transaction  # the failed scan was rolled back whole
    with Store(path) as reopened:
        assert reopened.counts()[states.QUEUED] == kept >= 50
        assert all(reopened.item(i)["state"] == states.QUEUED for i in saved)
        assert reopened.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_version_5_database_opens_and_its_duplicate_index_covers_waiting_boxes(tmp_path):
    import sqlite_utils

    from pharmadesk.store import migrations

    path = tmp_path / "old.sqlite"
    old = sqlite_utils.Database(path)
    migrations.migrate(old, target=5)
    old.conn.close()
    with Store(path) as store:
        assert store.schema_version == migrations.LATEST
        index = store.scalar("SELECT sql FROM sqlite_master WHERE name = 'items_active_box'")
        assert "'waiting'" in index


def test_message_log_masks_password_elements_without_being_told_the_password(store):
    """The store masks by element name as the log files and the message log window do:
    a password element never reaches the database, whoever wrote the request."""
    from datetime import datetime
    from types import SimpleNamespace

    request = ("<s:Envelope xmlns:s='http://schemas.xmlsoap.org/soap/envelope/'><s:Body>"
               "<sifre>Baska-Parola</sifre><pwd>ikinci</pwd></s:Body></s:Envelope>")
    exchange = SimpleNamespace(started_at=datetime.now(), service="br.eczane_mal_alim",
                               operation="receive", url="http://x/y", request_xml=request,
                               response_xml="<b/>", http_status=200, duration_ms=12.0,
                               notification_id="77", outcome="ok", error_tr=None, error_en=None)
    store.log_exchange(exchange, request_id="r1")
    [row] = store.message_log()
    assert "Baska-Parola" not in row["request_xml"] and "ikinci" not in row["request_xml"]
    assert "<sifre>********</sifre>" in row["request_xml"]


def _old_exchange(days_ago: int, n: int):
    from datetime import datetime, timedelta
    from types import SimpleNamespace

    return SimpleNamespace(started_at=datetime.now() - timedelta(days=days_ago), service="br.eczane_mal_alim",
                           operation="receive", url="http://x/y", request_xml=f"<request n='{n}'/>",
                           response_xml=f"<response n='{n}'/>", http_status=200, duration_ms=12.0,
                           notification_id=f"B{n}", outcome="ok", error_tr=None, error_en=None)


def test_message_log_keeps_full_xml_for_its_retention_and_summaries_for_ever(store):
    """Exchanges older than the kept days lose their XML texts (1 MB per 10,000 boxes);
    their summary (service, time, outcome, ITS notification id) stays for ever."""
    for n, days_ago in enumerate([400, 91, 89, 0]):
        store.log_exchange(_old_exchange(days_ago, n), request_id=f"r{n}")
    assert store.prune_message_log(90) == 2
    rows = {row["notification_id"]: row for row in store.message_log()}
    assert len(rows) == 4
    for old in ("B0", "B1"):
        assert rows[old]["request_xml"] is None and rows[old]["response_xml"] is None
        assert (rows[old]["service"], rows[old]["outcome"]) == ("br.eczane_mal_alim", "ok")
        assert rows[old]["at"] and rows[old]["request_id"]
    assert rows["B2"]["request_xml"] == "<request n='2'/>" and rows["B3"]["response_xml"]
    assert store.prune_message_log(0) == 0  # 0: keep for ever
    assert store.prune_message_log(90) == 0  # nothing more to prune


def test_pruning_the_message_log_lets_scans_commit_between_its_steps(store):
    """A scan from the scan window's own connection commits while a long pruning runs:
    the pruning works in short transactions, never one that holds the writer for all."""
    import threading

    from pharmadesk.store import open_store

    for n in range(2500):
        store.log_exchange(_old_exchange(200, n))
    scanner = Store(store.path)
    still_to_prune: list[int] = []  # seen by each scan right after it committed
    done = threading.Event()

    def scan():
        n = 0
        while not done.is_set():
            scanner.queue_item(Operation.RECEIVE, Stakeholder.PHARMACY, Header(counterparty_gln=SELLER),
                               QueuedBox("08699504000016", f"P{n}", "B1", date(2030, 12, 31)), raw="p")
            still_to_prune.append(scanner.scalar("SELECT COUNT(*) FROM message_log WHERE request_xml IS NOT NULL"))
            n += 1

    thread = threading.Thread(target=scan)
    thread.start()
    try:
        assert store.prune_message_log(90) == 2500
    finally:
        done.set()
        thread.join()
        scanner.close()
    assert any(0 < left < 2500 for left in still_to_prune)  # a scan committed half-way through
