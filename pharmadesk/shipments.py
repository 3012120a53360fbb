"""Receiving a whole shipment from its PTS package: fetching the packages addressed to the
station, storing them, ticking boxes and carriers off as the delivery is scanned, and
queuing Mal Alım for them with the sender and document the package names. Qt-free: the
CLI and the receive page's "Beklenen sevkiyatlar" panel both work through here."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from pharmadesk import gs1
from pharmadesk.bilingual import Bilingual
from pharmadesk.domain import Header, Operation, Stakeholder, gln_is_valid
from pharmadesk.its.connect import base_url_for
from pharmadesk.its.pts import PtsClient, PtsFault
from pharmadesk.its.pts_rest import RestPtsClient
from pharmadesk.its.rest import RestClient
from pharmadesk.its.rest_services import ITS2
from pharmadesk.its.pts_package import Package, PackageError
from pharmadesk.session import ScanOutcome, Session
from pharmadesk.store import Store
from pharmadesk.sync import ExchangeLog
from pharmadesk.store.packages import (
    FLAG_EXPIRED, FLAG_INVALID, FLAG_OTHER_PACKAGE, FLAG_RECEIVED, Acceptance, BoxListedTwice,
    PackageAlreadyStored,
)

# PTS asks clients not to hammer it: a pause after every few downloads (its-protocol.md §12).
DOWNLOADS_BEFORE_PAUSE = 5
PAUSE_SECONDS = 0.5

FLAG_TEXTS = {  # (Turkish, English): why a box of the package is not received
    FLAG_RECEIVED: ("Bu kutu zaten teslim alınmış (ya da Mal Alım için kuyrukta).",
                    "This box was already received (or is queued for receipt)."),
    FLAG_OTHER_PACKAGE: ("Bu kutu açık başka bir pakette de var.", "This box is in another open package too."),
    FLAG_EXPIRED: ("Son kullanma tarihi geçmiş: Mal Alım yapılamaz; iade için ayırın.",
                   "Expired: it cannot be received; set it aside to return it."),
    FLAG_INVALID: ("Karekod bilgisi ITS kurallarına uymuyor (GTIN kontrol hanesi, seri ya da parti).",
                   "Its code breaks an ITS rule (GTIN check digit, serial or batch)."),
}


def flag_text(flag: str | None, lang: str) -> str:
    if not flag:
        return ""
    tr, en = FLAG_TEXTS[flag]
    return en if lang == "en" else tr


@dataclass
class FetchReport(Bilingual):
    """What one fetch did: packages stored, already stored (skipped), and failures."""

    stored: list[int] = field(default_factory=list)  # transfer ids
    skipped: int = 0
    failed: list[tuple[int, str, str]] = field(default_factory=list)  # (transfer id, Turkish, English)

    @property
    def message_tr(self) -> str:
        return f"İndirilen paket: {len(self.stored)}, zaten kayıtlı: {self.skipped}, hatalı: {len(self.failed)}"

    @property
    def message_en(self) -> str:
        return f"packages downloaded: {len(self.stored)}, already stored: {self.skipped}, failed: {len(self.failed)}"


def client_from_config(config, password: str, store: Store) -> PtsClient | RestPtsClient:
    """The PTS client for this station's ITS account, every exchange in `store`'s message log
    (password masked). Under `its.protocol = its2` PTS is asked over REST at the ITS2 host with
    the its2 login; otherwise over SOAP at `pts.url` (default: `its.url`)."""
    log = ExchangeLog(store, secret=password)
    if config.get("its.protocol") == ITS2:
        return RestPtsClient(RestClient(base_url_for(ITS2, config.get("its.url")), config.get("its.username"),
                                        password, gln=config.get("its.gln"), stakeholder=config.stakeholder(),
                                        timeout=config.get("its.timeout"), on_exchange=log,
                                        verify_tls=config.get("its.verify_tls")))
    return PtsClient(config.get("pts.url") or config.get("its.url"), config.get("its.username"), password,
                     gln=config.get("its.gln"), download=config.get("pts.download"),
                     timeout=config.get("its.timeout"), on_exchange=log, verify_tls=config.get("its.verify_tls"))


def store_package(store: Store, package: Package, station_gln: str, *, transfer_id: int | None = None,
                  transfer_date: str | None = None, source: str = "pts") -> int:
    """Stream an opened package into the store (one transaction) and check it against this
    station. PackageError, with nothing stored, when it is not for us, lists no box or one
    box twice, cannot be read to its end, or was stored before."""
    try:
        return store.add_package(package, transfer_id=transfer_id, transfer_date=transfer_date, source=source,
                                 today=date.today(), check=lambda read, boxes: _check(read, boxes, station_gln))
    except PackageAlreadyStored as stored:
        shown = f"{transfer_id}" if transfer_id is not None else f"#{stored.package_id}"
        raise PackageError(f"Bu paket ({shown}) daha önce alınmış; ikinci kez kaydedilmedi.",
                           f"This package ({shown}) was imported before; it was not stored twice.") from None
    except BoxListedTwice as twice:
        raise PackageError(f"Pakette aynı kutu iki kez listelenmiş: GTIN {twice.gtin}, seri {twice.serial}.",
                           f"The package lists one box twice: GTIN {twice.gtin}, serial {twice.serial}.") from None


def _check(package: Package, boxes: int, station_gln: str) -> None:
    """A package read to its end that this station must not take."""
    if package.receiver_gln != station_gln:
        raise PackageError(
            f"Bu paket başka bir GLN'ye gönderilmiş ({package.receiver_gln or 'boş'}); bu istasyon {station_gln}.",
            f"This package is addressed to another GLN ({package.receiver_gln or 'none'}); this station is "
            f"{station_gln}.")
    if not gln_is_valid(package.sender_gln):
        raise PackageError(f"Paketteki gönderen GLN'si geçersiz: {package.sender_gln!r} (ITS 11018).",
                           f"The package's sender GLN is not valid: {package.sender_gln!r} (ITS 11018).")
    if not boxes:
        raise PackageError("Pakette hiç kutu yok.", "The package lists no box.")


def fetch(store: Store, client, station_gln: str, transfer_ids: Sequence[int] = ()) -> FetchReport:
    """Download and store packages: the given transfers, or every new one of the last 31 days.
    An ITS that cannot be reached raises its ItsError; a bad package is counted as failed."""
    report = FetchReport()
    stored = store.stored_transfer_ids()
    if transfer_ids:
        wanted = [(int(number), "", None) for number in transfer_ids]
    else:
        wanted = [(t.transfer_id, t.sender_gln, t.transfer_date) for t in client.transfers()]
    downloads = 0
    for transfer_id, sender, transfer_date in wanted:
        if transfer_id in stored:
            report.skipped += 1
            continue
        if downloads and downloads % DOWNLOADS_BEFORE_PAUSE == 0:
            time.sleep(PAUSE_SECONDS)
        downloads += 1
        try:
            package = client.download(transfer_id, sender)
            store_package(store, package, station_gln, transfer_id=transfer_id, transfer_date=transfer_date)
        except PackageError as error:
            report.failed.append((transfer_id, error.message_tr, error.message_en))
            continue
        except PtsFault as error:  # this package refused (21012, 20008): the others may still come
            report.failed.append((transfer_id, error.message_tr, error.message_en))
            continue
        report.stored.append(transfer_id)
    return report


def header_of_package(package: dict) -> Header:
    """The Mal Alım header a package gives: the sender and its document, no typing needed."""
    document_date = package.get("document_date") or ""
    try:
        day = date.fromisoformat(document_date[:10]) if document_date else None
    except ValueError:
        day = None
    return Header(counterparty_gln=package["sender_gln"], document_number=package.get("document_number") or None,
                  document_date=day)


@dataclass(frozen=True)
class AcceptOutcome(Bilingual):
    acceptance: Acceptance
    message_tr: str
    message_en: str


def accept(store: Store, stakeholder: Stakeholder, package_id: int, carriers: Sequence[str] = ()) -> AcceptOutcome:
    """Queue Mal Alım for a package's boxes: all, or those inside the given carriers."""
    package = store.package(package_id)
    if package is None:
        raise PackageError(f"Paket bulunamadı: {package_id}.", f"No such package: {package_id}.")
    box_ids = None
    if carriers:
        known = {row["sscc"] for row in store.package_carriers(package_id)}
        unknown = [sscc for sscc in carriers if sscc not in known]
        if unknown:
            raise PackageError(f"Bu pakette olmayan taşıyıcı: {', '.join(unknown)}.",
                               f"Carrier not in this package: {', '.join(unknown)}.")
        box_ids = store.box_ids_inside(package_id, carriers)
    result = store.accept_package(package_id, stakeholder, header_of_package(package), box_ids)
    left = []
    refused = result.flagged + result.duplicates
    if refused:
        left.append((f"{refused} kutu alınamaz (süresi geçmiş, geçersiz ya da zaten alınmış)",
                     f"{refused} boxes cannot be received (expired, invalid or already received)"))
    if result.damaged:
        left.append((f"{result.damaged} hasarlı kutu ayrıldı", f"{result.damaged} damaged boxes set aside"))
    tail_tr = "".join(f"; {tr}" for tr, _ in left)
    tail_en = "".join(f"; {en}" for _, en in left)
    return AcceptOutcome(result, f"Mal Alım için kuyruğa alındı: {result.queued} kutu{tail_tr}.",
                         f"Queued for receipt: {result.queued} boxes{tail_en}.")


@dataclass(frozen=True)
class PackageScan(Bilingual):
    """One scan while a package is being received. `status`: ticked, carrier, again, stray,
    flagged, or refused (unreadable, bad SSCC, SSCC in no open package)."""

    status: str
    message_tr: str
    message_en: str
    package_id: int | None = None
    box: dict | None = None
    ticked: int = 0


class Receiving:
    """Ticks a delivery off against its package as it is scanned."""

    def __init__(self, store: Store, stakeholder: Stakeholder):
        self.store = store
        self.session = Session(store, stakeholder, Operation.RECEIVE)

    def scan(self, raw: str, package_id: int | None, *, gs_standins: tuple[str, ...] = ()) -> PackageScan:
        """A carrier label ticks every box inside it, in the open package that lists it (the
        one named by `package_id` when it does); a box's karekod ticks that box of `package_id`."""
        try:
            sscc = gs1.carrier_label(raw, gs_standins=gs_standins)
        except gs1.Gs1Error as error:
            return PackageScan("refused", error.message_tr, error.message_en, package_id)
        if sscc is not None:
            return self._carrier(sscc, package_id)
        if package_id is None:
            return PackageScan("refused", "Önce beklenen bir sevkiyat açın.", "Open an expected shipment first.")
        karekod = self.session.check(raw, gs_standins=gs_standins)
        if isinstance(karekod, ScanOutcome) and karekod.karekod is None:
            return PackageScan("refused", karekod.message_tr, karekod.message_en, package_id)
        box = karekod.karekod if isinstance(karekod, ScanOutcome) else karekod
        before = self.store.tick_box(package_id, box.gtin, box.serial)
        if before is None:
            self.store.record_stray(package_id, box, raw)
            return PackageScan("stray", f"Bu kutu pakette yok: seri {box.serial}. Uyuşmazlık listesine eklendi.",
                               f"This box is not in the package: serial {box.serial}. Added to the discrepancy "
                               f"list.", package_id)
        if before["flag"]:
            tr, en = FLAG_TEXTS[before["flag"]]
            return PackageScan("flagged", f"Seri {box.serial}: {tr}", f"Serial {box.serial}: {en}", package_id,
                               before)
        if before["scanned_at"]:
            return PackageScan("again", f"Bu kutu zaten işaretlendi: seri {box.serial}.",
                               f"This box was already ticked: serial {box.serial}.", package_id, before)
        return PackageScan("ticked", f"İşaretlendi: seri {box.serial}.", f"Ticked: serial {box.serial}.",
                           package_id, before, 1)

    def _carrier(self, sscc: str, package_id: int | None) -> PackageScan:
        holders = self.store.carrier_packages(sscc)
        if not holders:
            return PackageScan("refused", f"Bu taşıyıcı (SSCC {sscc}) açık hiçbir pakette yok.",
                               f"This carrier (SSCC {sscc}) is in no open package.", package_id)
        if package_id not in holders:  # another shipment's case: that package is the one to tick
            package_id = holders[0]
        ticked, inside = self.store.tick_carrier(package_id, sscc)
        return PackageScan("carrier", f"Taşıyıcı {sscc}: {inside} kutu, {ticked} tanesi yeni işaretlendi.",
                           f"Carrier {sscc}: {inside} boxes, {ticked} newly ticked.", package_id, ticked=ticked)


__all__ = ["client_from_config", "FetchReport", "store_package", "fetch", "accept", "AcceptOutcome", "Receiving",
           "PackageScan", "header_of_package", "flag_text", "FLAG_TEXTS"]
