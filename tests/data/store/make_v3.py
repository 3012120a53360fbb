"""Writes pharmadesk-v3.sqlite: a database as PharmaDesk 0.3 (schema version 3) left it
after a day with ITS trouble: a message log whose failed exchanges say why in English
only (an HTTP 500 page and a SOAP fault) beside a successful one. The file is committed;
this script only documents how it was made (run: python tests/data/store/make_v3.py)."""

import sqlite3
from pathlib import Path

import sqlite_utils

from pharmadesk.store import migrations

TARGET = Path(__file__).with_name("pharmadesk-v3.sqlite")

TARGET.unlink(missing_ok=True)
conn = sqlite3.connect(TARGET, isolation_level=None)
db = sqlite_utils.Database(conn, execute_plugins=False)
migrations.migrate(db, target=3)
rows = [
    # at, outcome, http status, error (English: what 0.3 wrote), BILDIRIMID
    ("2025-07-01T10:15:00.000+03:00", "ok", 200, None, "800001"),
    ("2025-07-01T11:20:00.000+03:00", "error", 500,
     "ITS returned an error page (HTTP 500); the notification stays queued and will be retried.", None),
    ("2025-07-01T11:25:00.000+03:00", "fault", 500,
     "ITS refused the notification (br.eczane_mal_alim): 11004 Yanlış GTIN Numarası", None),
]
for at, outcome, status, error, bildirim in rows:
    db.execute(
        "INSERT INTO message_log (at, service, operation, url, request_id, http_status, duration_ms, "
        "request_xml, response_xml, outcome, error, notification_id) VALUES (?, 'br.eczane_mal_alim', "
        "'receive', 'http://127.0.0.1:8080/IEGMBildirimServis/EczaneMalAlimBildirimReceiverService', "
        "'req-3', ?, 120.0, '<Envelope/>', '<Envelope/>', ?, ?, ?)",
        [at, status, outcome, error, bildirim])
db.execute("INSERT INTO settings VALUES ('its.gln', '8690003000004')")
conn.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
conn.close()
print(f"wrote {TARGET}")
