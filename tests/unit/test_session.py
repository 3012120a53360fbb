"""The scan decision: every raw karekod is either queued (and on disk when `scan`
returns) or refused with a message a pharmacist can act on."""

import sqlite3
from datetime import date, datetime

import pytest

from pharmadesk.domain import Header, Operation, SaleDetails, Stakeholder
from pharmadesk.gs1 import check_digit
from pharmadesk.session import Session, _at_time
from pharmadesk.store import Store, states

GS = "\x1d"
GTIN = "0869950400001" + str(check_digit("0869950400001"))
SELLER = "8680001000005"
INSTITUTION = "8680001000029"
TODAY = date(2026, 5, 20)


def raw(serial: str, *, expiry: str = "301231", batch: str = "B123", gtin: str = GTIN) -> str:
    return f"01{gtin}21{serial}{GS}17{expiry}10{batch}"


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "pharmadesk.sqlite") as opened:
        yield opened


def session(store, operation=Operation.RECEIVE, header=Header(counterparty_gln=SELLER),
            stakeholder=Stakeholder.PHARMACY):
    return Session(store, stakeholder, operation, header, today=lambda: TODAY)


def test_a_good_scan_is_committed_before_scan_returns(store):
    outcome = session(store).scan(raw("A1"), source="serial")
    assert outcome.status == "queued" and outcome.queued
    assert outcome.karekod.serial == "A1"
    other = sqlite3.connect(store.path)
    row = other.execute("SELECT serial, batch, expiry, source, raw FROM items WHERE id = ?",
                        [outcome.item_id]).fetchone()
    other.close()
    assert row == ("A1", "B123", "2030-12-31", "serial", raw("A1"))


def test_second_scan_names_when_and_where_the_box_was_scanned(store):
    s = session(store)
    first = s.scan(raw("A1"))
    again = s.scan(raw("A1"))
    assert again.status == "duplicate" and again.item_id == first.item_id
    notification_id = store.item(first.item_id)["notification_id"]
    scanned = datetime.fromisoformat(store.item(first.item_id)["scanned_at"])
    assert again.message_tr == (f"Bu kutu {_at_time(scanned)} Mal Alım #{notification_id} "
                                f"içinde zaten okutuldu.")
    assert again.message("en") == (f"This box was already scanned at {scanned:%H:%M} in "
                                   f"Purchase #{notification_id}.")
    assert store.counts()[states.QUEUED] == 1


def test_turkish_time_suffix_follows_the_spoken_number():
    at = lambda h, m: _at_time(datetime(2026, 1, 1, h, m))  # noqa: E731
    assert [at(14, 32), at(14, 30), at(14, 40), at(9, 5), at(10, 0), at(20, 0)] == [
        "14:32'de", "14:30'da", "14:40'ta", "09:05'te", "10:00'da", "20:00'de"]


def test_unreadable_scan_is_refused_and_nothing_is_queued(store):
    outcome = session(store).scan("8699504000016")  # the linear EAN-13 on the same box
    assert outcome.status == "unreadable"
    assert "karekod" in outcome.message_tr.lower()
    assert store.counts()[states.QUEUED] == 0


@pytest.mark.parametrize("bad, field", [
    (raw("ab12"), "Serial"),  # ITS 11032: upper-case letters and digits only
    (raw("A-1"), "Serial"),
    (raw("A" * 21), "Serial"),
    (raw("A1", batch="b-1"), "Batch"),  # ITS 11036
    (raw("A1", gtin="08699504000013"), "GTIN"),  # ITS 11013: check digit
])
def test_its_field_rules_refuse_before_queuing(store, bad, field):
    outcome = session(store).scan(bad)
    assert outcome.status in ("invalid", "unreadable")
    assert field.lower() in outcome.message_en.lower()
    assert store.counts()[states.QUEUED] == 0


@pytest.mark.parametrize("operation, header, allowed", [
    (Operation.RECEIVE, Header(counterparty_gln=SELLER), False),
    (Operation.SALE, Header(), False),
    (Operation.TRANSFER, Header(counterparty_gln=SELLER), False),
    (Operation.RETURN, Header(counterparty_gln=SELLER), True),
    (Operation.DEACTIVATE, Header(deactivation_reason="40"), True),
    (Operation.VERIFY, Header(), True),
    (Operation.SALE_CANCEL, Header(counterparty_gln="0" * 13), True),
])
def test_expired_box_may_only_leave_the_proper_way(store, operation, header, allowed):
    outcome = session(store, operation, header).scan(raw("E1", expiry="260430"))
    assert outcome.status == ("queued" if allowed else "expired")
    if not allowed:
        assert "30.04.2026" in outcome.message_tr and "DS 40" in outcome.message_tr


def test_expiry_today_is_still_valid(store):
    assert session(store).scan(raw("T1", expiry="260520")).status == "queued"


def test_operation_not_open_to_the_station(store):
    outcome = session(store, Operation.CONSUME, Header()).scan(raw("A1"))
    assert outcome.status == "not_allowed"
    hospital = session(store, Operation.CONSUME, Header(), Stakeholder.HOSPITAL).scan(raw("A1"))
    assert hospital.status == "queued"


def test_counterparty_is_required_and_checked(store):
    missing = session(store, Operation.RECEIVE, Header()).scan(raw("A1"))
    assert missing.status == "waiting" and "GLN" in missing.message_tr
    wrong = session(store, Operation.TRANSFER, Header(counterparty_gln="8680001000004")).scan(raw("A1"))
    assert wrong.status == "waiting" and "11018" in wrong.message_en
    assert store.counts()[states.QUEUED] == 0 and store.counts()[states.WAITING] == 2


def test_deactivation_needs_a_known_reason(store):
    assert session(store, Operation.DEACTIVATE, Header()).header_problem().status == "invalid"
    assert session(store, Operation.DEACTIVATE, Header(deactivation_reason="99")).header_problem().status == "invalid"
    assert session(store, Operation.DEACTIVATE, Header(deactivation_reason="99")).scan(raw("A1")).status == "waiting"
    assert session(store, Operation.DEACTIVATE, Header(deactivation_reason="10")).scan(raw("A2")).status == "queued"


def test_export_needs_its_export_information_and_notes_fit_the_its_field(store):
    def export(header, serial="E1"):
        return session(store, Operation.EXPORT, header, Stakeholder.WAREHOUSE).scan(raw(serial))

    kept = export(Header())
    assert kept.status == "waiting" and "ihracat bilgisini (RT)" in kept.message_tr
    too_long = session(store, Operation.DEACTIVATE, Header(deactivation_reason="10", note="x" * 101))
    assert "en fazla 100 karakter" in too_long.scan(raw("A1")).message_tr
    assert store.counts()[states.QUEUED] == 0
    assert export(Header(note="Bakü, AZ"), "E2").status == "queued"


def test_cash_sale_goes_to_thirteen_zeros(store):
    outcome = session(store, Operation.SALE, Header()).scan(raw("S1"))
    notification = store.notification(store.item(outcome.item_id)["notification_id"])
    assert notification["counterparty_gln"] == "0" * 13
    assert notification["sale_kind"] == "cash"


def test_reimbursement_sale_needs_institution_and_prescription(store):
    no_rkn = Header(sale=SaleDetails("reimbursement", INSTITUTION))
    assert session(store, Operation.SALE, no_rkn).scan(raw("S0")).status == "waiting"
    full = Header(sale=SaleDetails("reimbursement", INSTITUTION, "E7", "RKN123"))
    outcome = session(store, Operation.SALE, full).scan(raw("S1"))
    assert outcome.status == "queued"
    notification = store.notification(store.item(outcome.item_id)["notification_id"])
    assert (notification["counterparty_gln"], notification["sale_prescription_no"]) == (INSTITUTION, "RKN123")


def test_a_prescriptions_doctor_and_patient_are_checked_at_scan_time_and_kept_with_the_sale(store):
    def sale(**people):
        return Header(sale=SaleDetails("reimbursement", INSTITUTION, "E7", "RKN9", **people))
    # a wrong number is a header problem: the box waits for it to be corrected, saying why
    bad = session(store, Operation.SALE, sale(patient_id="23456789139")).scan(raw("S2"))
    assert bad.status == "waiting" and not bad.queued
    assert "Hastanın T.C. kimlik numarası geçersiz" in bad.message_tr and "patient's" in bad.message("en")
    assert session(store, Operation.SALE, sale(doctor_id="1234567895")).header_problem().status == "invalid"
    outcome = session(store, Operation.SALE, sale(doctor_id="12345678950", patient_id="23456789138")).scan(raw("S4"))
    assert outcome.status == "queued"
    notification = store.notification(store.item(outcome.item_id)["notification_id"])
    assert (notification["sale_doctor_id"], notification["sale_patient_id"]) == ("12345678950", "23456789138")


def test_a_cash_sale_takes_no_patient(store):
    cash = Header(sale=SaleDetails("cash", patient_id="23456789138"))
    outcome = session(store, Operation.SALE, cash).scan(raw("S3"))
    assert outcome.status == "waiting" and "cash sale" in outcome.message("en")


def test_warehouse_sale_names_its_customer(store):
    s = session(store, Operation.SALE, Header(), Stakeholder.WAREHOUSE)
    assert s.scan(raw("W1")).status == "waiting"
    s.header = Header(counterparty_gln=SELLER)
    assert [outcome.status for outcome in s.queue_waiting()] == ["queued"]
    [item] = store.items(operation=Operation.SALE)
    assert store.notification(item["notification_id"])["counterparty_gln"] == SELLER


def test_remove_takes_a_box_off_and_allows_a_rescan(store):
    s = session(store)
    first = s.scan(raw("A1"))
    assert s.remove(first.item_id)
    assert store.item(first.item_id)["state"] == states.REMOVED
    assert s.scan(raw("A1")).status == "queued"


def test_gs_standins_from_a_scanner_profile(store):
    outcome = session(store).scan(raw("G1").replace(GS, "<GS>"), gs_standins=("<GS>",))
    assert outcome.status == "queued" and outcome.karekod.batch == "B123"


def test_a_warehouse_sale_is_called_its_dispatch_in_every_message(store):
    s = session(store, Operation.SALE, stakeholder=Stakeholder.WAREHOUSE)
    queued = s.scan(raw("W1"))
    assert queued.message_tr == "Kuyruğa alındı: Sevk (Depo Satış), seri W1."
    assert queued.message("en") == "Queued: dispatch, serial W1."
    again = s.scan(raw("W1"))
    assert "Sevk (Depo Satış) #" in again.message_tr and "in Dispatch #" in again.message("en")
    expired = s.scan(raw("W2", expiry="200101"))
    assert expired.status == "expired" and "no dispatch" in expired.message("en")


# ---- boxes scanned before the header is complete -------------------------------------

def test_boxes_scanned_before_the_supplier_wait_on_disk_and_go_with_the_finished_header(tmp_path):
    path = tmp_path / "pharmadesk.sqlite"
    with Store(path) as store:
        counter = session(store, header=Header())
        kept = [counter.scan(raw(serial)) for serial in ("K1", "K2", "K3")]
        assert [outcome.status for outcome in kept] == ["waiting"] * 3
        assert "GLN" in kept[0].message_en and kept[0].kept and not kept[0].queued
        assert counter.scan(raw("K2")).status == "duplicate"  # the duplicate check sees them
        assert counter.queue_waiting() == []  # the header still lacks the supplier
    with Store(path) as store:  # closed and opened again: still there, never sendable as they are
        assert store.counts()[states.WAITING] == 3 and store.notifications_to_send() == []
        counter = session(store, header=Header(counterparty_gln=SELLER, document_number="IRS7"))
        assert [outcome.status for outcome in counter.queue_waiting()] == ["queued"] * 3
        items = store.items(operation=Operation.RECEIVE, newest_first=False)
        assert [(item["serial"], item["state"]) for item in items] == [("K1", "queued"), ("K2", "queued"),
                                                                       ("K3", "queued")]
        [notification] = store.notifications_to_send()
        assert (notification["counterparty_gln"], notification["document_number"], notification["queued"]) == (
            SELLER, "IRS7", 3)


def test_a_waiting_box_is_checked_again_when_queued_and_can_be_removed(store):
    counter = session(store, header=Header())
    expiring = counter.scan(raw("E1", expiry="260520"))  # still good on TODAY
    other = counter.scan(raw("E2"))
    gone = counter.scan(raw("E3"))
    assert store.remove_item(gone.item_id)
    assert store.item(gone.item_id)["state"] == states.REMOVED
    next_day = Session(store, Stakeholder.PHARMACY, Operation.RECEIVE, Header(counterparty_gln=SELLER),
                       today=lambda: date(2026, 5, 21))
    outcomes = next_day.queue_waiting()
    assert [outcome.status for outcome in outcomes] == ["expired", "queued"]
    assert store.item(expiring.item_id)["state"] == states.REMOVED
    assert store.item(other.item_id)["state"] == states.QUEUED


def test_a_station_that_may_not_do_the_operation_keeps_nothing(store):
    outcome = session(store, Operation.CONSUME, Header()).scan(raw("C1"))
    assert outcome.status == "not_allowed" and store.items() == []


def _stopped(store, serials=("S1", "S2")):
    """Boxes of a purchase ITS refused as a whole (a mistyped supplier, 11903)."""
    s = session(store)
    ids = [s.scan(raw(serial)).item_id for serial in serials]
    notification_id = store.item(ids[0])["notification_id"]
    store.claim_chunk(notification_id, 10, "req")
    store.stop_notification(notification_id, "11903", "Gönderici Bilgisi Bulunamadı")
    return s, ids, notification_id


def test_a_stopped_box_can_be_removed_and_scanned_again(store):
    s, ids, _ = _stopped(store)
    assert s.remove(ids[0])
    assert store.item(ids[0])["state"] == states.REMOVED
    assert s.scan(raw("S1")).status == "queued"


def test_a_stopped_box_that_may_have_reached_its_stays(store):
    s, ids, _ = _stopped(store)
    with store.write() as conn:
        conn.execute("UPDATE items SET in_doubt = 1 WHERE id = ?", [ids[0]])
    assert not s.remove(ids[0])
    again = s.scan(raw("S1"))
    assert again.status == "duplicate" and not again.replaceable


def test_a_rescan_of_a_stopped_box_offers_to_replace_it(store):
    s, ids, notification_id = _stopped(store)
    other_seller = "8680001000036"
    s.header = Header(counterparty_gln=other_seller)
    offer = s.scan(raw("S1"))
    assert offer.status == "duplicate" and offer.replaceable and offer.item_id == ids[0]
    assert "11903" in offer.message("en") and "Replace it with this scan" in offer.message("en")
    assert "değiştirin" in offer.message("tr")
    replaced = s.replace(raw("S1"), offer.item_id)
    assert replaced.queued
    assert store.item(ids[0])["state"] == states.REMOVED
    new = store.item(replaced.item_id)
    assert new["state"] == states.QUEUED and new["notification_id"] != notification_id
    assert store.notification(new["notification_id"])["counterparty_gln"] == other_seller
    assert s.scan(raw("S1")).status == "duplicate"  # and it is queued once, not twice


def test_a_stopped_notification_is_corrected_and_queued_again(store):
    s, ids, notification_id = _stopped(store)
    [stopped] = store.stopped_notifications(Operation.RECEIVE)
    assert (stopped["id"], stopped["stopped"], stopped["fc"]) == (notification_id, 2, "11903")
    assert store.retry_stopped(notification_id, Header(counterparty_gln="8680001000036")) == 2
    assert store.notification(notification_id)["counterparty_gln"] == "8680001000036"
    assert {(store.item(i)["state"], store.item(i)["fc"]) for i in ids} == {(states.QUEUED, None)}
    assert store.stopped_notifications() == []


def test_a_removed_prescription_forgets_its_patient(store):
    header = Header(sale=SaleDetails("reimbursement", INSTITUTION, "E7", "RKN8", patient_id="23456789138"))
    outcome = session(store, Operation.SALE, header).scan(raw("S4"))
    assert store.remove_item(outcome.item_id)
    notification = store.notification(store.item(outcome.item_id)["notification_id"])
    assert notification["sale_patient_id"] is None and "23456789138" not in notification["group_key"]
