"""Reads and duplicate checks beside the main queue rules: a day's CSV reads its boxes on a
connection of its own (the export goes on while a sync holds the database for writing),
and a verification, which moves no box, neither hides nor blocks anything."""

import threading
from datetime import date

import pytest

from pharmadesk.domain import Header, Operation, Stakeholder
from pharmadesk.store import DuplicateItem, QueuedBox, Store, states

SELLER = "8680001000005"
GTIN = "08699504000016"


def test_a_streamed_read_goes_on_while_another_thread_holds_the_write(store_location):
    with Store(store_location) as store:
        boxes = [QueuedBox(GTIN, f"SN{n:08d}", "B1", date(2030, 12, 31), "301231") for n in range(50)]
        store.queue_many(Operation.RECEIVE, Stakeholder.PHARMACY, Header(counterparty_gln=SELLER),
                         ((n, box, f"raw-{n}") for n, box in enumerate(boxes)))
        writing, done = threading.Event(), threading.Event()

        def sync_recording_results():
            with store.write():  # what record_results holds while it writes an answer
                writing.set()
                done.wait(timeout=30)

        writer = threading.Thread(target=sync_recording_results)
        writer.start()
        rows: list[dict] = []
        try:
            assert writing.wait(timeout=30)
            reader = threading.Thread(target=lambda: rows.extend(store.stream_items_scanned("", "9999")))
            reader.start()
            reader.join(timeout=20)
            assert not reader.is_alive(), "the export waited for the sync's write"
        finally:
            done.set()
            writer.join()
        assert [row["serial"] for row in rows] == [box.serial for box in boxes]
        assert rows == store.items_scanned("", "9999")


def test_a_verification_moves_nothing_so_a_received_box_stays_a_duplicate(store_location):
    """A box received, then verified at the counter: scanning it for a purchase again is
    still a duplicate, and the box may be verified again once ITS has answered."""
    receive_header = Header(counterparty_gln=SELLER)
    box = QueuedBox(GTIN, "SNVERIFY1", "B1", date(2030, 12, 31), "301231")
    with Store(store_location) as store:
        received = store.queue_item(Operation.RECEIVE, Stakeholder.PHARMACY, receive_header, box, raw="r")
        verified = store.queue_item(Operation.VERIFY, Stakeholder.PHARMACY, Header(), box, raw="r")
        with pytest.raises(DuplicateItem):  # the first verification has no answer yet
            store.queue_item(Operation.VERIFY, Stakeholder.PHARMACY, Header(), box, raw="r")
        for item_id in (received, verified):
            with store.write() as conn:
                conn.execute("UPDATE items SET state = ?, updated_at = ? WHERE id = ?",
                             [states.ACCEPTED, f"2026-11-23T10:0{item_id}:00", item_id])

        with pytest.raises(DuplicateItem) as duplicate:
            store.queue_item(Operation.RECEIVE, Stakeholder.PHARMACY, receive_header, box, raw="r")
        assert duplicate.value.existing["id"] == received
        assert store.queue_item(Operation.VERIFY, Stakeholder.PHARMACY, Header(), box, raw="r")
