"""Writes pharmadesk-v1.sqlite: a database as PharmaDesk 0.1 (schema version 1) left it,
with queued, accepted and rejected items, products with their batches as a JSON list,
a partner, a setting and one message-log row. The file is committed; this script only
documents how it was made (run: python tests/data/store/make_v1.py)."""

import sqlite3
from pathlib import Path

import sqlite_utils

from pharmadesk.store import migrations

TARGET = Path(__file__).with_name("pharmadesk-v1.sqlite")

TARGET.unlink(missing_ok=True)
conn = sqlite3.connect(TARGET, isolation_level=None)
db = sqlite_utils.Database(conn, execute_plugins=False)
migrations.migrate(db, target=1)
db.executescript("""
    INSERT INTO notifications (id, operation, stakeholder, counterparty_gln, document_number,
        document_date, state, created_at)
        VALUES (1, 'receive', 'pharmacy', '8680001000005', 'IRS-2024-17', '2024-03-11', 'open',
                '2024-03-11T09:14:02+03:00');
    INSERT INTO notifications (id, operation, stakeholder, counterparty_gln, state,
        its_notification_id, created_at, sent_at)
        VALUES (2, 'sale', 'pharmacy', '0000000000000', 'closed', '100042',
                '2024-03-11T10:01:00+03:00', '2024-03-11T10:05:00+03:00');
    INSERT INTO items (notification_id, operation, gtin, serial, batch, expiry, raw, state,
        uc, message, scanned_at) VALUES
        (1, 'receive', '08699504000016', 'V1SN0001', 'B1', '2030-12-31', 'raw-1', 'queued',
            NULL, NULL, '2024-03-11T09:14:05+03:00'),
        (1, 'receive', '08699504000016', 'V1SN0002', 'B1', '2030-12-31', 'raw-2', 'queued',
            NULL, NULL, '2024-03-11T09:14:07+03:00'),
        (1, 'receive', '08699504000016', 'V1SN0003', 'B2', '2031-06-30', 'raw-3', 'queued',
            NULL, NULL, '2024-03-11T09:14:09+03:00'),
        (2, 'sale', '08699504000016', 'V1SN0009', 'B1', '2030-12-31', 'raw-9', 'accepted',
            '00000', 'Ürün üzerinde gerçekleştirilen işlem başarılıdır.', '2024-03-11T10:01:30+03:00'),
        (2, 'sale', '08699504000016', 'V1SN0010', 'B1', '2030-12-31', 'raw-10', 'rejected',
            '10204', 'Belirtilen Ürün Önceden Satılmıştır.', '2024-03-11T10:02:10+03:00');
    INSERT INTO products (gtin, name, batches)
        VALUES ('08699504000016', 'PAROL 500 MG 20 TABLET', '["B1", "B2"]');
    INSERT INTO partners (gln, name, kind) VALUES ('8680001000005', 'Örnek Ecza Deposu', 'wholesaler');
    INSERT INTO settings (key, value) VALUES ('its.gln', '8680001000012');
    INSERT INTO message_log (at, service, http_status, duration_ms, request_xml, response_xml, outcome)
        VALUES ('2024-03-11T10:05:00+03:00', 'br.eczane_satis', 200, 412.5, '<SatisBildirim/>',
                '<SatisBildirimCevap/>', 'ok');
""")
conn.close()
