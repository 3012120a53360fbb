"""Backup and restore of the PharmaDesk database with SQLite's online backup API
(sqlite3.Connection.backup): a consistent copy even while the scan window or a sync
keeps writing — unlike a file copy, which can catch a WAL database half-written.

`pharmadesk backup FILE` and `pharmadesk restore FILE` drive it, and so does the File menu."""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from pharmadesk.bilingual import BilingualError, chosen_language
from pharmadesk import config as settings
from pharmadesk.store import DATABASE_NAME, StoreError, StoreLocationError, SyncBusy, open_store
from pharmadesk.store import location_of, migrations
from pharmadesk.store.postgres import PgAddress

BACKUPS_FOLDER = "backups"  # in the data folder: the copy taken just before a restore
PAGES_PER_STEP = 1024  # copy in steps so a writer waits at most one step, not the whole copy


class BackupError(BilingualError):
    """A backup or restore that could not be done, with Turkish and English wording."""


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    items: int  # boxes in the database (any state)
    size: int  # bytes


def database_path(data_dir: str | os.PathLike) -> Path:
    return Path(data_dir) / DATABASE_NAME


def _refuse_shared_database(data_dir: str | os.PathLike) -> None:
    """A station on a shared server has no database of its own to copy or replace: the
    file a `store copy` left behind is no longer its data."""
    if isinstance(location_of(Path(data_dir)), PgAddress):
        raise BackupError(
            "Bu istasyon ortak bir veritabanı sunucusu kullanıyor (store.url): o veritabanı sunucuda "
            "yedeklenir ve geri yüklenir (ör. pg_dump / pg_restore). Bilgi işleme başvurun.",
            "This station uses a shared database server (store.url): the shared database is backed up "
            "and restored on the server (e.g. pg_dump / pg_restore). Ask your IT person.")


def backup(data_dir: str | os.PathLike, target: str | os.PathLike) -> BackupInfo:
    """Copy the live database of `data_dir` into `target` (replaced if it exists)."""
    _refuse_shared_database(data_dir)
    source_path = database_path(data_dir)
    if not source_path.exists():
        raise BackupError(f"{data_dir} klasöründe yedeklenecek veritabanı yok.",
                          f"There is no database to back up in {data_dir}.")
    target = Path(target)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with _connect(source_path) as source, _connect(partial) as copy:
            source.backup(copy, pages=PAGES_PER_STEP)
            # A backup is one self-contained file: no -wal beside it.
            copy.execute("PRAGMA journal_mode=DELETE")
        _check_integrity(partial)
        os.replace(partial, target)
    except sqlite3.Error as error:
        partial.unlink(missing_ok=True)
        raise _store_error(error) from error
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise BackupError(f"Yedek {target} dosyasına yazılamadı: {error.strerror}.",
                          f"The backup could not be written to {target}: {error.strerror}.") from error
    return BackupInfo(target, _count_items(target), target.stat().st_size)


def restore(data_dir: str | os.PathLike, source: str | os.PathLike) -> BackupInfo:
    """Replace the database of `data_dir` with the backup `source`, after checking that
    the backup is whole and is a PharmaDesk database. Refused while a sync runs. In one
    step under the database's write lock, the database as it was is saved to
    backups/before-restore-<time>.sqlite and its rows replaced by the backup's, so a scan
    committed meanwhile is in one or the other, never lost."""
    _refuse_shared_database(data_dir)
    source = Path(source)
    if not source.is_file():
        raise BackupError(f"Yedek dosyası bulunamadı: {source}", f"Backup file not found: {source}")
    _check_integrity(source)
    _check_is_pharmadesk(source)
    folder = Path(data_dir) / BACKUPS_FOLDER
    safety = folder / f"before-restore-{datetime.now():%Y%m%d-%H%M%S-%f}.sqlite"
    store = open_store(data_dir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=folder) as work:
            incoming = Path(work) / DATABASE_NAME
            with _connect(source, read_only=True) as backup_db, _connect(incoming) as copy:
                backup_db.backup(copy, pages=PAGES_PER_STEP)
            open_store(work).close()  # an older backup is brought up to this version's schema
            with store.sync_lock():
                store.replace_contents(incoming, lambda: backup(data_dir, safety))
    except SyncBusy as error:
        raise BackupError("Gönderim sürerken geri yükleme yapılamaz; gönderimin bitmesini bekleyin.",
                          "Cannot restore while a sync is running; wait for it to finish.") from error
    except sqlite3.Error as error:
        raise _store_error(error) from error
    except OSError as error:
        raise BackupError(f"Geri yükleme için {folder} klasörüne yazılamadı: {error.strerror}.",
                          f"Could not write to {folder} for the restore: {error.strerror}.") from error
    finally:
        store.close()
    return BackupInfo(source, _count_items(database_path(data_dir)), source.stat().st_size)


def _connect(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    if read_only:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=15.0)
    else:
        connection = sqlite3.connect(str(path), timeout=15.0)
    return _Closing(connection)


class _Closing:
    """`with` closes the connection (sqlite3's own `with` only commits)."""

    def __init__(self, connection: sqlite3.Connection):
        self.connection = connection

    def __enter__(self) -> sqlite3.Connection:
        return self.connection

    def __exit__(self, *exc_info) -> None:
        self.connection.close()


def _check_integrity(path: Path) -> None:
    try:
        with _connect(path, read_only=True) as connection:
            result = [row[0] for row in connection.execute("PRAGMA integrity_check")]
    except sqlite3.DatabaseError as error:
        raise _damaged(path, str(error)) from error
    if result != ["ok"]:
        raise _damaged(path, "; ".join(result[:3]))


def _check_is_pharmadesk(path: Path) -> None:
    with _connect(path, read_only=True) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not {"schema_version", "settings"} <= tables:
            raise BackupError(f"{path} bir PharmaDesk yedeği değil.", f"{path} is not a PharmaDesk backup.")
        version = connection.execute("SELECT MAX(version) FROM schema_version").fetchone()[0] or 0
    if version > migrations.LATEST:
        raise BackupError("Bu yedek PharmaDesk'in daha yeni bir sürümüyle alınmış. PharmaDesk'i güncelleyin.",
                          "This backup was made by a newer PharmaDesk. Update PharmaDesk first.")


def _damaged(path: Path, detail: str) -> BackupError:
    return BackupError(f"{path} bozuk ya da bir veritabanı değil ({detail}); geri yüklenmedi, "
                       "mevcut veriler olduğu gibi duruyor.",
                       f"{path} is damaged or not a database ({detail}); nothing was restored, "
                       "the current data is unchanged.")


def _store_error(error: sqlite3.Error) -> BackupError:
    from pharmadesk.store.errors import translate

    store_error = translate(error)
    return BackupError(store_error.message_tr, store_error.message_en)


def _count_items(path: Path) -> int:
    with _connect(path, read_only=True) as connection:
        try:
            return connection.execute("SELECT COUNT(*) FROM items").fetchone()[0]
        except sqlite3.OperationalError:
            return 0


# ---- the subcommands -----------------------------------------------------------------

def _parser(prog: str, description: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=prog, description=description)
    parser.add_argument("file", help="the backup file")
    parser.add_argument("--data-dir", help="folder of the database (default: the per-user data folder)")
    parser.add_argument("--lang", choices=("tr", "en"), help="language of the messages (default: tr)")
    return parser


EXIT_STORE = 3  # as every other subcommand: the local database could not be used


def _run(prog: str, description: str, act, done_tr: str, done_en: str, argv: list[str]) -> int:
    args = _parser(prog, description).parse_args(argv)
    lang = chosen_language(args.lang)
    try:
        info = act(settings.data_dir(args.data_dir), args.file)
    except (BackupError, StoreError, StoreLocationError) as error:
        print(error.message(lang), file=sys.stderr)
        return EXIT_STORE
    done = done_tr if lang == "tr" else done_en
    print(done.format(path=info.path, items=info.items))
    return 0


def backup_main(argv: list[str]) -> int:
    return _run("pharmadesk backup", "Copy the database into FILE (safe while PharmaDesk runs).", backup,
                "Yedek alındı: {path} ({items} kutu)", "Backed up to {path} ({items} boxes)", argv)


def restore_main(argv: list[str]) -> int:
    return _run("pharmadesk restore", "Replace the database with the backup FILE.", restore,
                "Geri yüklendi: {path} ({items} kutu)", "Restored from {path} ({items} boxes)", argv)
