"""What can go wrong with the database, said so a pharmacist knows what to do. Every
SQLite (or PostgreSQL) failure leaves through `StoreError`; committed scans are never touched."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from pathlib import Path

import psycopg

from pharmadesk.bilingual import Bilingual

# What a database call can raise, on either engine.
DATABASE_ERRORS = (sqlite3.Error, psycopg.Error)
INTEGRITY_ERRORS = (sqlite3.IntegrityError, psycopg.IntegrityError)

# SQLite primary result codes (the low byte of an extended code).
_SQLITE_PERM = 3
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_READONLY = 8
_SQLITE_IOERR = 10
_SQLITE_CORRUPT = 11
_SQLITE_FULL = 13
_SQLITE_CANTOPEN = 14
_SQLITE_NOTADB = 26

_MESSAGES = {
    "full": (
        "Disk dolu: veritabanına yazılamadı. Son okutma kaydedilmedi; daha önce kaydedilenler "
        "güvende. Diskte yer açıp yeniden okutun.",
        "The disk is full: the database could not be written. The last scan was not saved; "
        "everything saved before is safe. Free some disk space and scan again.",
    ),
    "readonly": (
        "Veritabanı salt okunur: yazılamıyor. Klasörün yazma izinlerini ya da diskin salt okunur "
        "olup olmadığını kontrol edin. Kaydedilmiş okutmalar güvende.",
        "The database is read-only: it cannot be written. Check the folder's write permission "
        "or whether the disk is mounted read-only. Saved scans are safe.",
    ),
    "io": (
        "Disk hatası: veritabanına yazılamadı. Kaydedilmiş okutmalar güvende; diski kontrol edin.",
        "Disk error: the database could not be written. Saved scans are safe; check the disk.",
    ),
    "busy": (
        "Veritabanı başka bir PharmaDesk işlemi tarafından kilitli. Birkaç saniye sonra yeniden deneyin.",
        "The database is locked by another PharmaDesk process. Try again in a few seconds.",
    ),
    "corrupt": (
        "Veritabanı dosyası bozuk ya da bir PharmaDesk veritabanı değil. Yedekten geri yükleyin.",
        "The database file is damaged or not a PharmaDesk database. Restore it from a backup.",
    ),
    "cantopen": (
        "Veritabanı dosyası açılamadı. Veri klasörünün var olduğunu ve yazılabilir olduğunu kontrol edin.",
        "The database file could not be opened. Check that the data folder exists and is writable.",
    ),
    "too_new": (
        "Bu veritabanı PharmaDesk'in daha yeni bir sürümüyle oluşturulmuş. PharmaDesk'i güncelleyin.",
        "This database was made by a newer PharmaDesk. Update PharmaDesk.",
    ),
    # The shared PostgreSQL server (several stations, store.url).
    "unreachable": (
        "Veritabanı sunucusuna ulaşılamıyor. Bu okutma KAYDEDİLMEDİ; sunucuya kaydedilmiş olanlar "
        "güvende. Bilgi işleme haber verin; sunucu gelince kutuyu yeniden okutun.",
        "The database server cannot be reached. This scan was NOT saved; everything saved on the "
        "server is safe. Tell your IT person; scan the box again once the server is back.",
    ),
    "auth": (
        "Veritabanı sunucusu girişi reddetti: kullanıcı adını ve parolayı kontrol edin "
        "(`pharmadesk store set-password`).",
        "The database server refused the login: check the user name and the password "
        "(`pharmadesk store set-password`).",
    ),
    "tls": (
        "Veritabanı sunucusunun TLS sertifikası doğrulanamadı: bağlantı kurulmadı. Adresteki sslrootcert "
        "dosyasını ve sunucu adını bilgi işlemle kontrol edin.",
        "The database server's TLS certificate could not be verified: no connection was made. Check the "
        "address's sslrootcert file and the server name with your IT person.",
    ),
    "no_schema": (
        "Sunucudaki veritabanı boş. Bilgi işlem bir kez `pharmadesk store init` çalıştırmalı.",
        "The database on the server is empty. Your IT person must run `pharmadesk store init` once.",
    ),
    "schema_old": (
        "Sunucudaki veritabanı bu PharmaDesk sürümü için eski. Bilgi işlem `pharmadesk store migrate` "
        "çalıştırmalı (bütün istasyonlar güncellendikten sonra).",
        "The database on the server is older than this PharmaDesk. Your IT person must run "
        "`pharmadesk store migrate` (once every station is updated).",
    ),
    "error": (
        "Veritabanı hatası. Kaydedilmiş okutmalar güvende.",
        "Database error. Saved scans are safe.",
    ),
}


class StoreError(Bilingual, Exception):
    """A database failure with a kind ("full", "readonly", "io", "busy", "corrupt",
    "cantopen", "too_new", "error") and a Turkish and English message."""

    def __init__(self, kind: str, detail: str = ""):
        self.kind = kind
        self.message_tr, self.message_en = _MESSAGES[kind]
        self.detail = detail
        super().__init__(f"{self.message_en} ({detail})" if detail else self.message_en)

    def lost_at_commit(self) -> "StoreError":
        """The server went away during COMMIT: the change may or may not have been saved
        (it cannot be asked). A scan made again says "already scanned" if it was."""
        if self.kind == "unreachable":
            base_tr, base_en = _MESSAGES["unreachable"]
            self.message_tr = self.message_tr.replace(base_tr, _UNSURE_TR)
            self.message_en = self.message_en.replace(base_en, _UNSURE_EN)
        return self


_UNSURE_TR = ("Veritabanı sunucusuyla bağlantı kayıt anında koptu: bu okutma kaydedilmiş de olabilir, "
              "kaydedilmemiş de. Sunucu gelince kutuyu yeniden okutun; kaydedildiyse zaten okutulmuş "
              "denir, iki kez kaydedilmez. Sunucuya kaydedilmiş olanlar güvende.")
_UNSURE_EN = ("The connection to the database server broke while saving: this scan may or may not have "
              "been saved. Scan the box again once the server is back; if it was saved you are told it "
              "was scanned already, and it is never saved twice. Everything saved on the server is safe.")


def _kind_of(error: sqlite3.Error) -> str:
    code = (getattr(error, "sqlite_errorcode", None) or 0) & 0xFF
    text = str(error).lower()
    if code == _SQLITE_FULL or "disk is full" in text:
        return "full"
    if code in (_SQLITE_READONLY, _SQLITE_PERM) or "readonly" in text or "read-only" in text:
        return "readonly"
    if code in (_SQLITE_BUSY, _SQLITE_LOCKED) or "locked" in text:
        return "busy"
    if code in (_SQLITE_CORRUPT, _SQLITE_NOTADB) or "not a database" in text or "malformed" in text:
        return "corrupt"
    if code == _SQLITE_CANTOPEN or "unable to open" in text:
        return "cantopen"
    if code == _SQLITE_IOERR or "disk i/o" in text:
        return "io"
    return "error"


# Below this much free space a failed write is blamed on the full disk.
NEARLY_FULL_BYTES = 1 << 20


def translate(error: BaseException, database: Path | None = None) -> StoreError:
    """The StoreError for a sqlite3 (or OS) failure. With the `database` file's path, a
    vague failure (SQLite says "disk I/O error" when it cannot grow its shared-memory
    file on a full disk, "unable to open" on a read-only one) is told apart by looking
    at the disk itself."""
    if isinstance(error, StoreError):
        return error
    if isinstance(error, psycopg.Error):
        failure = StoreError(_kind_of_postgres(error), str(error).strip().splitlines()[0] if str(error).strip()
                             else type(error).__name__)
        server = getattr(database, "display", None)  # a PgAddress: say which server
        if server and failure.kind in ("unreachable", "auth", "tls"):
            failure.message_tr += f" Sunucu: {server}."
            failure.message_en += f" Server: {server}."
        return failure
    if isinstance(error, sqlite3.Error):
        kind = _kind_of(error)
    elif isinstance(error, OSError):
        if error.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
            kind = "full"
        elif error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            kind = "readonly"
        else:
            kind = "io"
    else:
        kind = "error"
    if isinstance(database, (str, os.PathLike)) and kind in ("io", "cantopen", "error"):
        kind = _look_at_the_disk(Path(database)) or kind
    return StoreError(kind, str(error))


def _kind_of_postgres(error: psycopg.Error) -> str:
    state = getattr(error, "sqlstate", None) or ""
    if state in ("28P01", "28000"):  # invalid password, invalid authorization
        return "auth"
    if state == "53100":  # disk full on the server
        return "full"
    if state in ("25006",):  # read-only transaction (a standby)
        return "readonly"
    if isinstance(error, psycopg.OperationalError) or state.startswith(("08", "57P")):
        text = str(error).lower()
        if "password authentication failed" in text or "no password supplied" in text:
            return "auth"
        if "certificate" in text or "ssl" in text and "verif" in text:
            return "tls"
        return "unreachable"  # connection refused, lost, server shutting down
    if state in ("40001", "40P01", "55P03"):  # serialization failure, deadlock, lock not available
        return "busy"
    return "error"


def _look_at_the_disk(database: Path) -> str | None:
    folder = database.parent
    try:
        if not os.access(folder, os.W_OK) or (database.exists() and not os.access(database, os.W_OK)):
            return "readonly"
        if shutil.disk_usage(folder).free < NEARLY_FULL_BYTES:
            return "full"
    except OSError:
        return None
    return None
