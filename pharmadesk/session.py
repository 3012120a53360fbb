"""The scanning session: the current operation and its header, and the one decision made
for every raw karekod — queue it (committed before `scan` returns) or refuse it with a
message the pharmacist understands. Qt-free; the GUI, the CLI and imports all use it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from pharmadesk.bilingual import Bilingual
from pharmadesk import gs1
from pharmadesk.domain import (
    DEACTIVATION_REASONS, NEEDS_COUNTERPARTY, OPERATIONS_BY_STAKEHOLDER, WALK_IN_BUYER_GLN,
    Header, Operation, SaleDetails, Stakeholder, batch_is_valid, gln_is_valid, gtin_is_valid,
    prescription_people_problem, serial_is_valid,
)
from pharmadesk.store import DuplicateItem, Store, states

OPERATION_NAMES: dict[Operation, tuple[str, str]] = {
    Operation.RECEIVE: ("Mal Alım", "Purchase"),
    Operation.RETURN: ("Mal İade", "Return"),
    Operation.SALE: ("Satış", "Sale"),
    Operation.SALE_CANCEL: ("Satış İptal", "Sale cancellation"),
    Operation.TRANSFER: ("Mal Devir", "Transfer"),
    Operation.TRANSFER_CANCEL: ("Mal Devir İptal", "Transfer cancellation"),
    Operation.CONSUME: ("Sarf", "Consumption"),
    Operation.DEACTIVATE: ("Deaktivasyon", "Deactivation"),
    Operation.EXPORT: ("İhracat", "Export"),
    Operation.VERIFY: ("Ürün Doğrulama", "Verification"),
}

NOTE_MAX = 100  # ISACIKLAMA / RT

# An expired box may not move forward (ITS answers 10202 and the box must not reach a
# patient), but it may leave the pharmacy the proper way: back to the seller (return),
# out of the system (deactivation, DS 40 MİAT), a cancellation of an earlier sale or
# transfer, or a verification to see its state.
EXPIRED_REFUSED = frozenset({
    Operation.RECEIVE, Operation.SALE, Operation.TRANSFER, Operation.CONSUME, Operation.EXPORT,
})


@dataclass(frozen=True)
class ScanOutcome(Bilingual):
    # "queued" | "waiting" (kept until the header is complete) | "duplicate" | "expired" |
    # "unreadable" | "invalid" | "ambiguous" | "not_allowed"
    status: str
    karekod: object | None  # pharmadesk.gs1.Karekod
    item_id: int | None  # the queued row ("queued"), or the earlier row ("duplicate")
    message_tr: str
    message_en: str
    candidates: list = field(default_factory=list)  # Karekod readings for "ambiguous"
    # a "duplicate" of a box whose notification ITS refused: this scan may replace it
    replaceable: bool = False

    @property
    def queued(self) -> bool:
        return self.status == "queued"

    @property
    def kept(self) -> bool:
        """On disk: queued, or waiting for the notification details."""
        return self.status in ("queued", "waiting")


# Names that depend on who is working: a warehouse's sale is the dispatch to a customer
# (Depo Satış) and its cancellation.
WAREHOUSE_NAMES: dict[Operation, tuple[str, str]] = {
    Operation.SALE: ("Sevk (Depo Satış)", "Dispatch"),
    Operation.SALE_CANCEL: ("Sevk İptal", "Dispatch cancel"),
}


def operation_names(operation: Operation, stakeholder: Stakeholder | None = None) -> tuple[str, str]:
    """(Turkish, English) name of an operation, as this kind of station calls it."""
    if stakeholder is Stakeholder.WAREHOUSE and operation in WAREHOUSE_NAMES:
        return WAREHOUSE_NAMES[operation]
    return OPERATION_NAMES[operation]


def operation_name(operation: Operation, lang: str = "tr", stakeholder: Stakeholder | None = None) -> str:
    tr, en = operation_names(operation, stakeholder)
    return tr if lang == "tr" else en


# Turkish locative suffix after a number read aloud ("14:32'de", "14:30'da", "14:40'ta"):
# it follows the last word spoken — the units if not zero, else the tens.
_UNITS_SUFFIX = {1: "de", 2: "de", 3: "te", 4: "te", 5: "te", 6: "da", 7: "de", 8: "de", 9: "da"}
_TENS_SUFFIX = {0: "da", 1: "da", 2: "de", 3: "da", 4: "ta", 5: "de"}


def _at_time(moment: datetime) -> str:
    number = moment.minute or moment.hour
    suffix = _UNITS_SUFFIX.get(number % 10) or _TENS_SUFFIX[number // 10]
    return f"{moment:%H:%M}'{suffix}"


def _refusal(status: str, message_tr: str, message_en: str, karekod=None, *,
             item_id: int | None = None, candidates: Iterable = ()) -> ScanOutcome:
    return ScanOutcome(status, karekod, item_id, message_tr, message_en, list(candidates))


class Session:
    """The current operation and header of one scanning station."""

    def __init__(self, store: Store, stakeholder: Stakeholder, operation: Operation,
                 header: Header = Header(), *, today: Callable[[], date] = date.today):
        self.store = store
        self.stakeholder = Stakeholder(stakeholder)
        self.operation = Operation(operation)
        self.header = header
        self._today = today

    # ---- the header -----------------------------------------------------------------

    def effective_header(self) -> Header:
        """The header as it will be sent. A pharmacy sale names its buyer through the sale
        details: thirteen zeros for a cash (walk-in) sale, the institution's GLN for a
        sale to a reimbursement institution. A pharmacy's sale cancellation with no customer
        cancels a cash sale (the same thirteen zeros)."""
        header = self.header
        if self.operation is Operation.SALE and self.stakeholder is Stakeholder.PHARMACY:
            sale = header.sale or SaleDetails(kind="cash")
            buyer = WALK_IN_BUYER_GLN if sale.kind == "cash" else sale.institution_gln
            header = replace(header, sale=sale, counterparty_gln=buyer)
        elif (self.operation is Operation.SALE_CANCEL and self.stakeholder is Stakeholder.PHARMACY
              and not header.counterparty_gln and header.sale is None):
            header = replace(header, counterparty_gln=WALK_IN_BUYER_GLN)  # cancelling a cash sale
        return header

    def header_problem(self) -> ScanOutcome | None:
        """Why nothing can be queued with the current operation and header, or None."""
        op_tr, op_en = operation_names(self.operation, self.stakeholder)
        if self.operation not in OPERATIONS_BY_STAKEHOLDER[self.stakeholder]:
            return _refusal("not_allowed",
                            f"{op_tr} bu istasyon türü ({self.stakeholder.value}) için yapılamaz.",
                            f"{op_en} is not available to a {self.stakeholder.value} station.")
        header = self.effective_header()
        if self.operation is Operation.SALE and header.sale and self.stakeholder is Stakeholder.PHARMACY:
            problem = self._sale_problem(header.sale)
            if problem:
                return problem
        elif self.operation in NEEDS_COUNTERPARTY:
            gln = header.counterparty_gln
            if not gln:
                return _refusal("invalid", f"{op_tr} için karşı tarafın GLN'sini girin.",
                                f"Enter the counterparty's GLN for the {op_en.lower()}.")
            if not gln_is_valid(gln):
                return _refusal("invalid", f"Karşı taraf GLN'si geçersiz: {gln} (13 hane, kontrol hanesi; ITS 11018).",
                                f"The counterparty GLN is not valid: {gln} (13 digits with check digit; ITS 11018).")
        if header.note and len(header.note) > NOTE_MAX:
            return _refusal("invalid", f"Açıklama en fazla {NOTE_MAX} karakter olabilir (ITS 11024).",
                            f"The note can be at most {NOTE_MAX} characters (ITS 11024).")
        if self.operation is Operation.EXPORT and not (header.note or "").strip():
            # ITS refuses an export without RT, its export information (the station sends the note).
            return _refusal("invalid", "İhracat için ihracat bilgisini (RT) açıklama olarak girin.",
                            "Enter the export information (RT) as the note for an export.")
        if self.operation is Operation.DEACTIVATE and header.deactivation_reason not in DEACTIVATION_REASONS:
            codes = ", ".join(f"{code} {text}" for code, text in DEACTIVATION_REASONS.items())
            return _refusal("invalid", f"Deaktivasyon sebebini (DS) seçin: {codes}.",
                            f"Choose a deactivation reason (DS): {codes}.")
        return None

    @staticmethod
    def _sale_problem(sale: SaleDetails) -> ScanOutcome | None:
        people = prescription_people_problem(sale)
        if people:
            return _refusal("invalid", *people)
        if sale.kind == "cash":
            return None
        if sale.kind != "reimbursement":
            return _refusal("invalid", "Satış türü elden ya da geri ödeme kurumu olmalı.",
                            "The sale is either cash or to a reimbursement institution.")
        if not sale.institution_gln or not gln_is_valid(sale.institution_gln):
            return _refusal("invalid", "Geri ödeme kurumunun GLN'sini girin (13 hane; ITS 11018).",
                            "Enter the reimbursement institution's GLN (13 digits; ITS 11018).")
        if not sale.prescription_no:
            return _refusal("invalid", "Reçete kayıt numarasını girin.",
                            "Enter the prescription registration number.")
        return None

    # ---- scanning -------------------------------------------------------------------

    def scan(self, raw: str, *, source: str = "wedge", gs_standins=()) -> ScanOutcome:
        """Queue one raw karekod or say why not. A "queued" answer is already on disk.
        A good box scanned while the header still lacks something (no supplier yet) is
        kept too, "waiting" for the details: `queue_waiting` sends it on once they are
        there. An operation the station may not do keeps nothing."""
        return self._queue(raw, gs_standins, lambda karekod, header, waiting: self.store.queue_item(
            self.operation, self.stakeholder, header, karekod, raw=raw, source=source, waiting=waiting))

    def _queue(self, raw: str, gs_standins, put, *, may_wait: bool = True) -> ScanOutcome:
        """The checks every queuing makes, then `put(karekod, header, waiting)` commits the
        box; it is kept waiting for an incomplete header only where `may_wait`."""
        problem = self.header_problem()
        if problem and (problem.status == "not_allowed" or not may_wait):
            return problem
        karekod = self.check(raw, gs_standins=gs_standins)
        if isinstance(karekod, ScanOutcome):
            return karekod
        try:
            item_id = put(karekod, self.effective_header(), problem is not None)
        except DuplicateItem as duplicate:
            return self.duplicate_outcome(karekod, duplicate.existing)
        if problem:
            return self.waiting_outcome(karekod, item_id, problem)
        return self.queued_outcome(karekod, item_id)

    def queue_waiting(self) -> list[ScanOutcome]:
        """The boxes of this operation that wait for the header, queued now that it is
        complete, oldest first, each with the checks of a fresh scan (expiry, duplicate);
        a box that fails them is taken off, and its outcome says why. Nothing happens
        while the header still lacks something."""
        if self.header_problem():
            return []
        outcomes = []
        for item in self.store.items(operation=self.operation, states_=(states.WAITING,), newest_first=False):
            karekod = self.check(item["raw"])
            if isinstance(karekod, ScanOutcome):
                self.store.drop_waiting(item["id"], karekod.message_en)
                outcomes.append(replace(karekod, item_id=item["id"]))
                continue
            try:
                self.store.queue_waiting(item["id"], self.stakeholder, self.effective_header())
            except DuplicateItem as duplicate:
                outcomes.append(self.duplicate_outcome(karekod, duplicate.existing))
                continue
            outcomes.append(self.queued_outcome(karekod, item["id"]))
        return outcomes

    def waiting_outcome(self, karekod, item_id: int, problem: ScanOutcome) -> ScanOutcome:
        return ScanOutcome("waiting", karekod, item_id,
                           f"Kaydedildi, bildirim bilgilerini bekliyor: {problem.message_tr} "
                           f"Bilgiler tamamlanınca kuyruğa alınır.",
                           f"Kept, waiting for the notification details: {problem.message_en} "
                           f"It is queued once they are complete.")

    def check(self, raw: str, *, gs_standins=()):
        """Parse and apply the ITS field rules and the expiry rule without queuing:
        the Karekod when the box may be queued, else the refusing ScanOutcome."""
        try:
            karekod = gs1.parse(raw, gs_standins=gs_standins)
        except gs1.Gs1Error as error:
            candidates = list(getattr(error, "candidates", None) or ())
            status = "ambiguous" if candidates else "unreadable"
            return _refusal(status, error.message_tr, error.message_en, candidates=candidates)
        rule = self._field_problem(karekod) or self._expiry_problem(karekod)
        if rule:
            return rule
        if self.operation in EXPIRED_REFUSED and karekod.expiry < self._today():
            op_tr, op_en = operation_names(self.operation, self.stakeholder)
            when = karekod.expiry.strftime("%d.%m.%Y")
            return _refusal("expired",
                            f"Bu kutunun son kullanma tarihi geçmiş ({when}): {op_tr} yapılamaz. "
                            f"İade edin ya da MİAT sebebiyle deaktive edin (DS 40).",
                            f"This box expired on {when}: no {op_en.lower()}. Return it or "
                            f"deactivate it for expiry (DS 40).", karekod)
        return karekod

    def _expiry_problem(self, karekod) -> ScanOutcome | None:
        """A karekod whose expiry is not the one ITS accepted for this serial before: a
        misprint or a copied code, not to be notified (a verification may still ask ITS)."""
        if self.operation is Operation.VERIFY:
            return None
        on_file = self.store.expiry_on_file(karekod.gtin, karekod.serial)
        if on_file is None or on_file == karekod.expiry:
            return None
        scanned, known = karekod.expiry.strftime("%d.%m.%Y"), on_file.strftime("%d.%m.%Y")
        return _refusal("invalid",
                        f"Karekoddaki son kullanma tarihi ({scanned}) bu seri numarası için kayıtlı olandan "
                        f"({known}) farklı: kutuyu ve karekodunu kontrol edin. Kuyruğa alınmadı.",
                        f"The karekod's expiry ({scanned}) differs from the one on file for this serial "
                        f"({known}): check the box and its karekod. Not queued.", karekod)

    @staticmethod
    def _field_problem(karekod) -> ScanOutcome | None:
        if not gtin_is_valid(karekod.gtin):
            return _refusal("invalid", f"GTIN geçersiz: {karekod.gtin} (ITS 11013).",
                            f"Invalid GTIN: {karekod.gtin} (ITS 11013).", karekod)
        if not serial_is_valid(karekod.serial):
            return _refusal("invalid",
                            f"Sıra numarası ITS kurallarına uymuyor: {karekod.serial!r} "
                            f"(1–20 büyük harf ya da rakam; ITS 11032).",
                            f"The serial number breaks the ITS rule: {karekod.serial!r} "
                            f"(1–20 upper-case letters or digits; ITS 11032).", karekod)
        if not batch_is_valid(karekod.batch):
            return _refusal("invalid",
                            f"Parti numarası ITS kurallarına uymuyor: {karekod.batch!r} "
                            f"(1–20 büyük harf ya da rakam; ITS 11036).",
                            f"The batch number breaks the ITS rule: {karekod.batch!r} "
                            f"(1–20 upper-case letters or digits; ITS 11036).", karekod)
        return None

    def queued_outcome(self, karekod, item_id: int) -> ScanOutcome:
        op_tr, op_en = operation_names(self.operation, self.stakeholder)
        return ScanOutcome("queued", karekod, item_id,
                           f"Kuyruğa alındı: {op_tr}, seri {karekod.serial}.",
                           f"Queued: {op_en.lower()}, serial {karekod.serial}.")

    def duplicate_outcome(self, karekod, earlier: dict) -> ScanOutcome:
        op_tr, op_en = operation_names(Operation(earlier["operation"]), self.stakeholder)
        scanned = datetime.fromisoformat(earlier["scanned_at"])
        if scanned.date() == datetime.now().astimezone().date():
            when_tr, when_en = _at_time(scanned), f"at {scanned:%H:%M}"
        else:
            when_tr = f"{scanned:%d.%m.%Y} {_at_time(scanned)}"
            when_en = f"on {scanned:%d.%m.%Y} at {scanned:%H:%M}"
        where_tr = f"{op_tr} #{earlier['notification_id']}"
        where_en = f"{op_en} #{earlier['notification_id']}"
        if earlier["state"] == states.WAITING:
            return _refusal("duplicate",
                            f"Bu kutu {when_tr} zaten okutuldu; bildirim bilgilerini bekliyor.",
                            f"This box was already scanned {when_en}; it waits for the notification details.",
                            karekod, item_id=earlier["id"])
        if earlier["state"] == states.NEEDS_ATTENTION and not earlier.get("in_doubt"):
            code = f" ({earlier['fc']})" if earlier.get("fc") else ""
            return replace(_refusal(
                "duplicate",
                f"Bu kutu {when_tr} {where_tr} içinde okutuldu ve ITS o bildirimi reddetti{code}. Bu "
                f"okutmayla değiştirin ya da o bildirimin bilgilerini düzeltip yeniden gönderin.",
                f"This box was scanned {when_en} in {where_en} and ITS refused that notification{code}. "
                f"Replace it with this scan, or correct that notification's details and send it again.",
                karekod, item_id=earlier["id"]), replaceable=True)
        if earlier["state"] == states.ACCEPTED:
            return _refusal("duplicate",
                            f"Bu kutu {when_tr} {where_tr} ile ITS'e zaten bildirildi.",
                            f"This box was already notified to ITS {when_en} in {where_en}.",
                            karekod, item_id=earlier["id"])
        return _refusal("duplicate",
                        f"Bu kutu {when_tr} {where_tr} içinde zaten okutuldu.",
                        f"This box was already scanned {when_en} in {where_en}.",
                        karekod, item_id=earlier["id"])

    def replace(self, raw: str, stopped_item_id: int, *, source: str = "wedge", gs_standins=()) -> ScanOutcome:
        """Queue this scan in place of the same box stopped in a refused notification (a
        "duplicate" outcome that is `replaceable`), with the current header."""
        return self._queue(raw, gs_standins, lambda karekod, header, _waiting: self.store.replace_item(
            stopped_item_id, self.operation, self.stakeholder, header, karekod, raw=raw, source=source),
            may_wait=False)

    def remove(self, item_id: int) -> bool:
        """Take a box off the queue: before it was sent, or stopped by a refused notification."""
        return self.store.remove_item(item_id)
