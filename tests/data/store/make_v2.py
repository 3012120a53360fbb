"""Writes pharmadesk-v2.sqlite: a database as PharmaDesk 0.2 (schema version 2) left it
when the power went during a sync: a finished sync run (English summary only), accepted
items with their BILDIRIMID, a chunk still marked `sending` and one in-doubt item. The
file is committed; this script only documents how it was made
(run: python tests/data/store/make_v2.py)."""

import sqlite3
from pathlib import Path

import sqlite_utils

from pharmadesk.store import migrations

TARGET = Path(__file__).with_name("pharmadesk-v2.sqlite")

TARGET.unlink(missing_ok=True)
conn = sqlite3.connect(TARGET, isolation_level=None)
db = sqlite_utils.Database(conn, execute_plugins=False)
migrations.migrate(db, target=2)
GROUP = '["receive", "8690002000027", null, null, null, null, null, null, null, null]'
db.execute(
    "INSERT INTO notifications (id, operation, stakeholder, counterparty_gln, state, "
    "its_notification_id, created_at, sent_at, group_key) VALUES (1, 'receive', 'pharmacy', "
    "'8690002000027', 'closed', '700001', '2025-06-02T17:40:00+03:00', "
    "'2025-06-02T17:41:00+03:00', ?)", [GROUP])
rows = [
    # serial, state, uc, request id, in doubt, attempts, BILDIRIMID
    ("V2SN0001", "accepted", "00000", "req-1", 0, 1, "700001"),
    ("V2SN0002", "accepted", "00000", "req-1", 0, 1, "700001"),
    ("V2SN0003", "sending", None, "req-2", 0, 1, None),
    ("V2SN0004", "sending", None, "req-2", 0, 1, None),
    ("V2SN0005", "queued", None, "req-0", 1, 1, None),
]
for serial, state, uc, request_id, in_doubt, attempts, bildirim in rows:
    db.execute(
        "INSERT INTO items (notification_id, operation, gtin, serial, batch, expiry, raw, state, "
        "uc, scanned_at, source, attempts, in_doubt, request_id, its_notification_id, updated_at) "
        "VALUES (1, 'receive', '08699504000016', ?, 'B2', '2030-12-31', ?, ?, ?, "
        "'2025-06-02T17:30:00+03:00', 'wedge', ?, ?, ?, ?, '2025-06-02T17:41:00+03:00')",
        [serial, f"raw-{serial}", state, uc, attempts, in_doubt, request_id, bildirim])
db.execute("INSERT INTO settings VALUES ('its.gln', '8690003000004')")
db.execute("INSERT INTO sync_runs (started_at, finished_at, outcome, accepted, message) VALUES "
           "('2025-06-02T17:40:00+03:00', '2025-06-02T17:41:00+03:00', 'ok', 2, "
           "'Sync finished: 2 accepted, 0 rejected, 0 need attention.')")
conn.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
conn.close()
print(f"wrote {TARGET}")
