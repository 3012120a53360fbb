"""The sync engine: sends the queue to ITS chunk by chunk and records every answer, so
that no scan is lost and no notification is doubled. No Qt: the GUI's worker and
`pharmadesk sync` both drive it and follow it through `on_progress` (items done / total).

An item's states (`pharmadesk/store/states.py`):

    queued ──claim──▶ sending ──ITS answered──▶ accepted | rejected | needs-attention
      ▲                  │
      └──────────────────┘  outcome unknown (timeout, reset, HTTP 5xx, non-structural
                            SOAP fault, lost answer, crash): back to queued "in doubt"

Per chunk (at most `sync.chunk_size` items of one notification, default 10,000): the
items are marked `sending` under a request id in one transaction, sent, and the answer
(BILDIRIMID, each item's UC and message) recorded in one transaction. A network fault
is retried with bounded exponential backoff (`Backoff`); if it persists the chunk goes
back to the queue in doubt and the run stops with UNREACHABLE (exit 2), nothing dropped.
A structural fault (FC 11xxx: the request itself is wrong) stops that notification: its
items become needs-attention with the server's code and message; the other
notifications are still sent.

Crash recovery: a run first turns items a killed run left in `sending` back into queued
in-doubt items. An in-doubt item is simply sent again, and the answer is read with the
per-operation rules of `pharmadesk/reconcile.py`: ITS has no idempotency key, so a
resend of a notification that already took effect answers "already done" codes (a
purchase: 10303 / 10210), which settle the item as accepted — or, where the code alone
cannot tell who did it (a sale: 10204), an Ürün Doğrulama call settles it. The notify's
answer is recorded first, in its own transaction, whatever that verification then does:
if it fails, only the boxes it was to settle go back in doubt, for the next sync.

An error that is neither ITS's nor the disk's ends the run as FAILED (exit 4): the person
reads plain words (the scans are safe, what to do, the log file's path), the error itself
and its traceback go to the log and the run's record only; boxes that may have gone out go
back in doubt."""

from __future__ import annotations

import logging
import random
import threading
import traceback
import uuid
from functools import partial
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date

from pharmadesk import config as settings
from pharmadesk import logs, masking, reconcile
from pharmadesk.bilingual import Bilingual
from pharmadesk.domain import Operation, Product, Stakeholder
from pharmadesk.its import codes
from pharmadesk.its.errors import (
    ItsAuthError, ItsConfigError, ItsError, ItsFault, ItsResponseError, ItsTransportError,
)
from pharmadesk.its.status_limit import PER_QUERY
from pharmadesk.store import Store, StoreError, header_of, states

log = logging.getLogger(__name__)

# sync outcomes and the exit codes of `pharmadesk sync` (DESIGN.md, Command-line contract)
OK = "ok"  # everything sent was accepted
REJECTED = "rejected"  # ITS refused some items or a whole notification
UNREACHABLE = "unreachable"  # network faults outlasted the retries; queue kept
AUTH = "auth"  # ITS refused the user name or password; nothing sent
CONFIG = "config"  # the station's settings cannot make a client (ItsConfigError); nothing sent
CANCELLED = "cancelled"  # the pharmacist stopped it between chunks
FAILED = "failed"  # an unexpected error in PharmaDesk itself (not ITS, not the disk)

EXIT_CODES = {OK: 0, REJECTED: 1, UNREACHABLE: 2, AUTH: 2, CONFIG: 2, CANCELLED: 2, FAILED: 4}


@dataclass(frozen=True)
class SyncProgress:
    done: int  # items settled (or handed back) in this run
    total: int  # items to send in this run
    operation: Operation | None  # the notification being sent
    notification_id: int | None
    accepted: int
    rejected: int
    needs_attention: int
    retrying: bool = False  # waiting to retry after a network fault
    failure: ItsError | None = None  # what went wrong with the last try (retrying)
    retry_in: float = 0.0  # seconds until the next try (retrying)
    attempt: int = 0  # tries of this chunk so far
    attempts: int = 0  # tries before the run gives up


@dataclass(frozen=True)
class SyncReport(Bilingual):
    outcome: str
    accepted: int
    rejected: int
    needs_attention: int
    remaining: int  # items still queued afterwards
    message_tr: str
    message_en: str
    failure: ItsError | None = None  # why an UNREACHABLE run gave up

    @property
    def exit_code(self) -> int:
        return EXIT_CODES[self.outcome]


@dataclass(frozen=True)
class Backoff:
    retries: int = 5  # retries of one chunk after a network fault
    first: float = 2.0  # seconds before the first retry
    longest: float = 60.0

    def delay(self, attempt: int) -> float:
        base = min(self.first * 2 ** (attempt - 1), self.longest)
        return base * random.uniform(0.8, 1.0)  # spread clients that failed together


class _Stop(Exception):
    """Ends the whole run with an outcome and the reason."""

    def __init__(self, outcome: str, message_tr: str, message_en: str, failure: ItsError | None = None):
        super().__init__(message_en)
        self.outcome, self.message_tr, self.message_en = outcome, message_tr, message_en
        self.failure = failure


class ExchangeLog:
    """The ITS client's on_exchange hook: every SOAP exchange goes to the message log,
    tagged with the request id of the chunk being sent."""

    def __init__(self, store: Store, secret: str | None = None):
        self.store = store
        self.secret = secret
        self.request_id: str | None = None

    def __call__(self, exchange) -> None:
        self.store.log_exchange(exchange, request_id=self.request_id, secret=self.secret)


class SyncEngine:
    def __init__(self, store: Store, client, *, stakeholder: Stakeholder, chunk_size: int = 10000,
                 backoff: Backoff = Backoff(), exchange_log: ExchangeLog | None = None,
                 on_progress: Callable[[SyncProgress], None] | None = None, keep_log_days: int = 0):
        """`keep_log_days`: after each run, the message log's XML older than that many days
        is blanked (0: kept for ever)."""
        self.store = store
        self.client = client
        self.stakeholder = Stakeholder(stakeholder)
        self.chunk_size = chunk_size
        self.backoff = backoff
        self.exchange_log = exchange_log
        self.on_progress = on_progress
        self.keep_log_days = keep_log_days
        self._cancel = threading.Event()
        self._counts = {states.ACCEPTED: 0, states.REJECTED: 0, states.NEEDS_ATTENTION: 0}
        self._done = 0
        self._total = 0

    def cancel(self) -> None:
        """Stop after the chunk in flight (checked between chunks and while waiting)."""
        self._cancel.set()

    def run(self, operations: Collection[Operation] | None = None) -> SyncReport:
        """One sync: reconcile what a crash left, then send every queued notification, or
        only those of `operations` (a verification at the counter asks ITS about that box
        without sending the day's other notifications)."""
        # One sync per GLN, whichever station of a shared database starts it.
        with self.store.sync_lock(getattr(self.client, "gln", None)):
            run_id = self.store.start_sync_run()
            self.store.recover_in_flight()
            to_send = [notification for notification in self.store.notifications_to_send()
                       if operations is None or Operation(notification["operation"]) in operations]
            self._total = sum(notification["queued"] for notification in to_send)
            self._progress(None, None)
            failure = details = None
            try:
                for notification in to_send:
                    self._send_notification(notification)
                outcome = REJECTED if self._counts[states.REJECTED] or \
                    self._counts[states.NEEDS_ATTENTION] else OK
                message_tr, message_en = self._summary()
            except _Stop as stop:
                outcome, message_tr, message_en = stop.outcome, stop.message_tr, stop.message_en
                failure = stop.failure
            except StoreError:
                raise  # the disk: the caller says so (exit 3); nothing more can be written
            except Exception as error:  # a fault of PharmaDesk's own, said as such
                log.exception("sync stopped by an unexpected error")
                self.store.recover_in_flight()  # boxes that may have gone out: in doubt
                outcome, (message_tr, message_en) = FAILED, unexpected_error(self.store)
                details = masking.mask("".join(traceback.format_exception(error)))
            report = SyncReport(outcome, self._counts[states.ACCEPTED], self._counts[states.REJECTED],
                                self._counts[states.NEEDS_ATTENTION], self.store.queued_total(),
                                message_tr, message_en, failure)
            self.store.finish_sync_run(run_id, outcome=outcome, accepted=report.accepted,
                                       rejected=report.rejected,
                                       needs_attention=report.needs_attention, message=message_en,
                                       message_tr=message_tr, details=details)
        self._prune_log()
        return report

    def _prune_log(self) -> None:
        """The message log's old XML goes after a run, on the sync's thread and connection,
        in short steps a scan never waits long for."""
        try:
            self.store.prune_message_log(self.keep_log_days)
        except StoreError:
            log.exception("the message log could not be pruned; it is tried again after the next sync")

    def _summary(self) -> tuple[str, str]:
        accepted, rejected = self._counts[states.ACCEPTED], self._counts[states.REJECTED]
        attention = self._counts[states.NEEDS_ATTENTION]
        return (f"Gönderim bitti: {accepted} kabul, {rejected} ret, {attention} kontrol bekliyor.",
                f"Sync finished: {accepted} accepted, {rejected} rejected, {attention} need attention.")

    def _progress(self, operation: Operation | None, notification_id: int | None, *,
                  failure: ItsError | None = None, retry_in: float = 0.0, attempt: int = 0) -> None:
        """`failure` and `retry_in`: the try that just failed, shown at once with the wait."""
        if self.on_progress:
            self.on_progress(SyncProgress(self._done, self._total, operation, notification_id,
                                          self._counts[states.ACCEPTED], self._counts[states.REJECTED],
                                          self._counts[states.NEEDS_ATTENTION], retrying=failure is not None,
                                          failure=failure, retry_in=retry_in, attempt=attempt,
                                          attempts=self.backoff.retries + 1))

    def _check_cancel(self) -> None:
        if self._cancel.is_set():
            raise _Stop(CANCELLED, "Gönderim durduruldu; kalanlar kuyrukta bekliyor.",
                        "Sync stopped; the rest is still queued.")

    # ---- one notification, one chunk --------------------------------------------------

    def _send_notification(self, notification: dict) -> None:
        operation = Operation(notification["operation"])
        header = header_of(notification)
        while True:
            self._check_cancel()
            request_id = uuid.uuid4().hex
            chunk = self.store.claim_chunk(notification["id"], self.chunk_size, request_id)
            if not chunk:
                return
            self._progress(operation, notification["id"])
            if not self._send_chunk(notification["id"], operation, header, chunk, request_id):
                return  # the notification was stopped (structural fault)

    def _send_chunk(self, notification_id: int, operation: Operation, header, chunk: list[dict],
                    request_id: str) -> bool:
        """Send until ITS answers; False if ITS refused the whole notification."""
        products = [Product(row["gtin"], row["serial"], row["batch"], date.fromisoformat(row["expiry"]))
                    for row in chunk]
        in_doubt = {row["id"] for row in chunk if row["in_doubt"]}
        attempt = 0
        if self.exchange_log:
            self.exchange_log.request_id = request_id
        while True:
            try:
                result = self.client.notify(operation, header, products)
            except ItsFault as fault:
                if fault.structural:
                    self._stop_notification(operation, notification_id, fault.fc, fault.fm)
                    return False
                failure = fault  # a server-side hiccup (e.g. 10206): retry like a network fault
            except (ItsTransportError, ItsResponseError) as error:
                failure = error
            except ItsAuthError as error:
                if attempt:  # an earlier try of this chunk may have reached ITS
                    self.store.release_chunk(request_id, error.message_en)
                else:
                    self.store.release_chunk(request_id, error.message_en, in_doubt=False)
                raise _Stop(AUTH, error.message_tr, error.message_en, error) from error
            except ItsConfigError as error:
                # Refused before sending, as ITS would refuse it (an 11xxx rule): like a
                # structural fault, only this notification waits for the pharmacist.
                self._stop_notification(operation, notification_id, error.code or "", error.message_tr)
                return False
            else:
                self._done += len(chunk)
                self._record_answer(operation, chunk, result, in_doubt, request_id)
                self._progress(operation, notification_id)
                return True
            # The request may have reached ITS: from now on this chunk's answers are read
            # with the reconcile rules.
            in_doubt = {row["id"] for row in chunk}
            attempt += 1
            if attempt > self.backoff.retries or self._cancel.is_set():
                self.store.release_chunk(request_id, failure.message_en)
                self._done += len(chunk)
                self._progress(operation, notification_id)  # no longer retrying
                if self._cancel.is_set():
                    self._check_cancel()
                raise _Stop(UNREACHABLE, *_gave_up(failure, attempt), failure)
            delay = self.backoff.delay(attempt)
            self._progress(operation, notification_id, failure=failure, retry_in=delay, attempt=attempt)
            self._cancel.wait(delay)  # wakes at once on cancel

    def _stop_notification(self, operation: Operation, notification_id: int, fc: str, message: str) -> None:
        """The whole notification waits for the pharmacist; the progress counts it."""
        stopped = self.store.stop_notification(notification_id, fc, message)
        self._count(states.NEEDS_ATTENTION, stopped)
        self._done += stopped
        self._progress(operation, notification_id)

    def _count(self, state: str, n: int) -> None:
        if state in self._counts:
            self._counts[state] += n

    # ---- reading ITS's answer ----------------------------------------------------------

    def _record_answer(self, operation: Operation, chunk: list[dict], result, in_doubt: set[int],
                       request_id: str) -> None:
        """Record ITS's answer to the notify in its own transaction, then settle the boxes
        in doubt that only a verification can settle. When that verification cannot be
        made, those boxes go back to the queue, still in doubt, and the run stops: the next
        sync sends them again and asks again."""
        outcomes, to_verify = self._interpret(operation, chunk, result, in_doubt)
        self.store.record_results(request_id, result.notification_id, outcomes)
        for _, state, _, _ in outcomes:
            self._count(state, 1)
        if not to_verify:
            return
        try:
            verified = list(self._settle_by_verification(operation, to_verify))
        except ItsError as error:
            self.store.release_chunk(request_id, error.message_en)
            if isinstance(error, ItsAuthError):
                raise _Stop(AUTH, error.message_tr, error.message_en) from error
            raise _Stop(UNREACHABLE,
                        f"{len(to_verify)} kutunun önceki gönderimi ITS'e ulaşmış olabilir ve ürün "
                        f"doğrulaması yapılamadı: {error.message_tr.rstrip('.')}. Kutular kuyrukta; "
                        f"sonraki gönderimde yeniden denetlenir.",
                        f"The earlier send of {len(to_verify)} boxes may have reached ITS and the "
                        f"product verification that would tell failed: {error.message_en.rstrip('.')}. "
                        f"The boxes stay queued and are checked on the next sync.") from error
        self.store.record_results(request_id, result.notification_id, verified)
        for _, state, _, _ in verified:
            self._count(state, 1)

    def _interpret(self, operation: Operation, chunk: list[dict], result, in_doubt: set[int]
                   ) -> tuple[list[tuple[int, str, str | None, str | None]], list[tuple[dict, str]]]:
        """(item id, state, UC, message) for every box the answer settles, and the boxes
        in doubt (with their code) that need a verification (`pharmadesk.reconcile`)."""
        answers = {(item.gtin, item.serial): item.code for item in result.items}
        outcomes, to_verify = [], []
        for row in chunk:
            code = answers.get((row["gtin"], row["serial"]))
            if code is None:
                outcomes.append((row["id"], states.NEEDS_ATTENTION, None,
                                 "ITS bu kutu için sonuç döndürmedi / ITS returned no result for this box"))
                continue
            doubted = row["id"] in in_doubt
            reading = reconcile.read(operation, code, in_doubt=doubted)
            if reading == reconcile.VERIFY:
                to_verify.append((row, code))
            elif reading == states.ACCEPTED and doubted and not codes.is_success(code, operation):
                outcomes.append((row["id"], states.ACCEPTED, code, _reconciled(code)))
            elif reading == states.REJECTED and reconcile.done_before(operation, code):
                outcomes.append((row["id"], states.REJECTED, code, _done_before(code)))
            else:
                outcomes.append((row["id"], reading, code, _text(code)))
        return outcomes, to_verify

    def _settle_by_verification(self, operation: Operation, pending: list[tuple[dict, str]]):
        """Ürün Doğrulama for boxes whose resend answer alone cannot tell (e.g. 10204
        "already sold": by us, or by someone else?)."""
        products = {(row["gtin"], row["serial"]): Product(row["gtin"], row["serial"], row["batch"],
                                                          date.fromisoformat(row["expiry"])) for row, _ in pending}
        answer = self.client.verify(list(products.values()))
        verified = {(item.gtin, item.serial): item.code for item in answer.items}
        holders = self._holders([products[key] for key, check in verified.items()
                                 if reconcile.registered_elsewhere(check)])
        for row, code in pending:
            key = (row["gtin"], row["serial"])
            check = verified.get(key)
            if check is not None and reconcile.confirmed(operation, check):
                yield row["id"], states.ACCEPTED, code, _reconciled(code, check, holders.get(key))
            else:
                yield row["id"], states.REJECTED, code, _text(code)

    def _holders(self, products: list[Product]) -> dict[tuple[str, str], str]:
        """Who holds boxes that verification says are "registered on another", from ITS's
        status query where the client has one (its2) and its budget allows: the evidence
        a reconciled item's message names. Without it the verification rule stands alone."""
        if not products or not hasattr(self.client, "check_status"):
            return {}
        try:
            answers = self.client.check_status(products[:PER_QUERY])
        except ItsError:  # over the status query's budget, or ITS did not answer it
            return {}
        return {(answer.gtin, answer.serial): answer.gln1 for answer in answers if answer.gln1}


def _gave_up(failure: ItsError, tries: int) -> tuple[str, str]:
    """The run's last words after the retries: what the last try met, in its own words
    (an error page is not "no answer"), and that the queue is kept."""
    return (f"Gönderim durdu ({tries} deneme). {failure.message_tr} Kuyruk korunuyor.",
            f"Sync stopped (tries: {tries}). {failure.message_en} The queue is kept.")


def unexpected_error(store: Store) -> tuple[str, str]:
    """The Turkish and English words for an error that is neither ITS's nor the disk's:
    plain, with the log file that holds the error itself."""
    log_file = logs.current_file() or store.path.parent / logs.LOGS_FOLDER
    return (f"PharmaDesk beklenmeyen bir hatayla karşılaştı ve gönderimi durdurdu. Bu ITS'in bir "
            f"yanıtı değil. Okutulan kutular güvende: kayıtlı kutular kuyrukta bekliyor, gönderilmekte "
            f"olanlar sonraki gönderimde denetlenir. Gönderimi yeniden deneyin; hata sürerse destek "
            f"ekibinize şu dosyayı iletin: {log_file}",
            f"PharmaDesk hit an unexpected error and stopped the sync. This is not an answer from "
            f"ITS. Your scans are safe: saved boxes wait in the queue, those being sent are checked "
            f"on the next sync. Try the sync again; if the error comes back, send this file to your "
            f"support: {log_file}")


def _text(code: str) -> str:
    return codes.describe(code, "tr").text


def _done_before(code: str) -> str:
    return (f"Bu kutu bu gönderimden önce başka biri tarafından (başka bir istasyon ya da program) "
            f"aynı şekilde bildirilmiş; kontrol edin. {_text(code)} / This box was notified the same "
            f"way before this send, by someone else (another station or program): check it. "
            f"{codes.describe(code, 'en').text}")


def _reconciled(code: str, verification: str | None = None, holder: str | None = None) -> str:
    checked = f", doğrulama {verification}" if verification else ""
    checked += f", ITS durum sorgusu: kutu {holder} üzerinde" if holder else ""
    return (f"Önceki gönderim ITS'e ulaşmış (yeniden gönderim yanıtı {code}{checked}); "
            f"bildirim geçerli. {_text(code)}")


def client_from_config(store: Store, config, password: str, *, protocol: str | None = None,
                       client_factory=None, exchange_log: ExchangeLog | None = None):
    """The station's ITS client (SOAP or REST, `its.protocol` unless `protocol` says which)
    built from the settings; every exchange goes to the message log (password masked)."""
    if client_factory is None:
        from pharmadesk.its.connect import open_client

        client_factory = partial(open_client, consume_via=config.get("its.consume_via"))
    return client_factory(config.get("its.url"), config.get("its.username"), password, gln=config.get("its.gln"),
                          stakeholder=config.stakeholder(), protocol=protocol or config.get("its.protocol"),
                          timeout=config.get("its.timeout"),
                          on_exchange=exchange_log or ExchangeLog(store, secret=password),
                          verify_tls=config.get("its.verify_tls"))


def engine_from_config(store: Store, config, password: str, *,
                       on_progress: Callable[[SyncProgress], None] | None = None,
                       client_factory=None) -> SyncEngine:
    """A SyncEngine wired to the station's ITS client (`client_from_config`)."""
    log = ExchangeLog(store, secret=password)
    client = client_from_config(store, config, password, client_factory=client_factory, exchange_log=log)
    backoff = Backoff(config.get("sync.retries"), config.get("sync.backoff"),
                      config.get("sync.backoff_max"))
    return SyncEngine(store, client, stakeholder=config.stakeholder(), chunk_size=config.get("sync.chunk_size"),
                      backoff=backoff, exchange_log=log, on_progress=on_progress,
                      keep_log_days=config.get(settings.MESSAGE_LOG_DAYS_SETTING))
