"""The audit trail: every SOAP exchange with ITS (the message log) and every sync run.
Request XML is stored as sent minus credentials: the client never hands over the
Authorization header, and `log_exchange` masks the password before a text is written."""

from __future__ import annotations

import time
from datetime import datetime, timedelta

from pharmadesk import masking
from pharmadesk.store.database import Database, now
from pharmadesk.store.postgres import station_name


PRUNE_STEP = 200  # exchanges per pruning transaction: a scan waits at most one step
PRUNE_PAUSE = 0.01  # seconds between steps, so a waiting scan gets the writer first


def _time_window(since: str | None, until: str | None) -> tuple[list[str], list]:
    """WHERE conditions and parameters for exchanges between two ISO timestamps (either
    may be None: open on that side)."""
    where, params = ["1 = 1"], []
    if since is not None:
        where.append("at >= ?")
        params.append(since)
    if until is not None:
        where.append("at <= ?")
        params.append(until)
    return where, params


class Journal(Database):
    """Message log and sync runs (mixed into `pharmadesk.store.Store`)."""

    def log_exchange(self, exchange, *, request_id: str | None = None,
                     secret: str | None = None) -> int:
        """Write one `pharmadesk.its.client.Exchange`, its error in both languages, its
        texts masked (`pharmadesk.masking`: password elements, and `secret`, the password,
        if it ever appears) — a belt to the client's braces."""

        def clean(text: str | None) -> str | None:
            return masking.mask(text, (secret,))

        started = exchange.started_at
        at = started.astimezone().isoformat(timespec="milliseconds") if isinstance(
            started, datetime) else now()
        with self.write() as conn:
            return conn.execute(
                "INSERT INTO message_log (at, service, operation, url, request_id, http_status, "
                "duration_ms, request_xml, response_xml, outcome, error_tr, error_en, "
                "notification_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [at, exchange.service, exchange.operation, exchange.url, request_id,
                 exchange.http_status, exchange.duration_ms, clean(exchange.request_xml),
                 clean(exchange.response_xml), exchange.outcome, clean(exchange.error_tr),
                 clean(exchange.error_en), exchange.notification_id]).lastrowid

    def message_log(self, *, service: str | None = None, outcome: str | None = None,
                    request_id: str | None = None, since: str | None = None,
                    until: str | None = None, limit: int = 500, offset: int = 0) -> list[dict]:
        """Newest first; filters combine. `since`/`until` are ISO timestamps."""
        where, params = _time_window(since, until)
        for column, value in (("service", service), ("outcome", outcome),
                              ("request_id", request_id)):
            if value is not None:
                where.append(f"{column} = ?")
                params.append(value)
        return self.read(f"SELECT * FROM message_log WHERE {' AND '.join(where)} "
                         f"ORDER BY id DESC LIMIT ? OFFSET ?", params + [limit, offset])

    def message_log_overview(self, *, since: str | None = None, until: str | None = None,
                             limit: int = 20000) -> list[dict]:
        """The message log without its XML texts, newest first, for lists: a day of
        10,000-item requests loads at once. `exchange(id)` gives one with its texts."""
        where, params = _time_window(since, until)
        return self.read("SELECT id, at, service, operation, url, request_id, http_status, "
                         "duration_ms, outcome, error_tr, error_en, notification_id "
                         f"FROM message_log WHERE {' AND '.join(where)} ORDER BY id DESC LIMIT ?",
                         params + [limit])

    def exchange(self, exchange_id: int) -> dict | None:
        """One message-log entry with its request and response XML."""
        return self.read_one("SELECT * FROM message_log WHERE id = ?", [exchange_id])

    def prune_message_log(self, keep_days: int) -> int:
        """Blank the request and response XML of exchanges older than `keep_days` days (0:
        keep them for ever); each exchange's summary (service, time, outcome, ITS
        notification id, errors) stays for ever. Short transactions with a pause between
        them: a scan never waits for the whole pruning. Returns how many were pruned."""
        if keep_days <= 0:
            return 0
        cutoff = (datetime.now().astimezone() - timedelta(days=keep_days)).isoformat(timespec="milliseconds")
        pruned = 0
        while True:
            with self.write() as conn:
                step = conn.execute(
                    "UPDATE message_log SET request_xml = NULL, response_xml = NULL WHERE id IN "
                    "(SELECT id FROM message_log WHERE at < ? AND (request_xml IS NOT NULL "
                    "OR response_xml IS NOT NULL) ORDER BY at DESC LIMIT ?)",
                    [cutoff, PRUNE_STEP]).rowcount
            pruned += step
            if step < PRUNE_STEP:
                return pruned
            time.sleep(PRUNE_PAUSE)

    def start_sync_run(self) -> int:
        with self.write() as conn:
            return conn.execute("INSERT INTO sync_runs (started_at, station) VALUES (?, ?)",
                                [now(), station_name()]).lastrowid

    def finish_sync_run(self, run_id: int, *, outcome: str, accepted: int, rejected: int,
                        needs_attention: int, message: str | None = None,
                        message_tr: str | None = None, details: str | None = None) -> None:
        """`message` is the English summary, `message_tr` the Turkish one (both for a
        person); `details` what stopped a failed run, for whoever looks into it."""
        with self.write() as conn:
            conn.execute(
                "UPDATE sync_runs SET finished_at = ?, outcome = ?, accepted = ?, rejected = ?, "
                "needs_attention = ?, message = ?, message_tr = ?, details = ? WHERE id = ?",
                [now(), outcome, accepted, rejected, needs_attention, message, message_tr, details, run_id])

    def last_sync(self) -> dict | None:
        """The latest finished sync run, or None."""
        return self.read_one("SELECT * FROM sync_runs WHERE finished_at IS NOT NULL "
                             "ORDER BY id DESC LIMIT 1")
