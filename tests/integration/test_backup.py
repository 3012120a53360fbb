"""Backup and restore of the database on real SQLite files, through `pharmadesk backup`
and `pharmadesk restore`: a backup taken while scans keep arriving is whole, a restore
brings the boxes back (also for a connection that stayed open), and a damaged file, a
foreign database or a running sync leave the data untouched."""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from datetime import date

import pytest

from pharmadesk import backup
from pharmadesk.cli import main as pharmadesk
from pharmadesk.domain import Header, Operation, Stakeholder
from pharmadesk.store import QueuedBox, open_store, states

SELLER = "8680001000005"
GTIN = "08699504000016"


def box(n: int) -> QueuedBox:
    return QueuedBox(GTIN, f"SN{n:08d}", "B1", date(2030, 12, 31), "301231")


def receive(store, n: int) -> int:
    return store.queue_item(Operation.RECEIVE, Stakeholder.PHARMACY, Header(counterparty_gln=SELLER),
                            box(n), raw=f"raw-{n}")


def serials(path, state: str = states.QUEUED) -> list[str]:
    with sqlite3.connect(path) as connection:
        return [row[0] for row in connection.execute("SELECT serial FROM items WHERE state = ? ORDER BY serial",
                                                     [state])]


@pytest.fixture
def data_dir(tmp_path):
    folder = tmp_path / "data"
    store = open_store(folder)
    for n in range(5):
        receive(store, n)
    store.close()
    return folder


@contextlib.contextmanager
def scanning(data_dir, first: int, *, at_least: int = 0):
    """The scan window's own connection keeps committing boxes first, first+1, ... until
    the block ends (and at least `at_least` of them); yields the numbers committed so
    far, after the first twenty."""
    writer = open_store(data_dir)
    stop = threading.Event()
    committed: list[int] = []

    def keep_scanning():
        n = first
        while not stop.is_set() or n < first + at_least:
            receive(writer, n)
            committed.append(n)
            n += 1

    thread = threading.Thread(target=keep_scanning)
    thread.start()
    try:
        while len(committed) < 20:
            threading.Event().wait(0.01)
        yield committed
    finally:
        stop.set()
        thread.join(timeout=60)
        writer.close()


def test_backup_while_another_connection_keeps_writing_is_a_consistent_snapshot(data_dir, tmp_path, capsys):
    target = tmp_path / "copies" / "monday.sqlite"
    with scanning(data_dir, 5, at_least=300):  # ~300 scans, some during the copy
        assert pharmadesk(["backup", str(target), "--data-dir", str(data_dir), "--lang", "en"]) == 0

    assert "Backed up to" in capsys.readouterr().out
    with sqlite3.connect(target) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one self-contained file
    copied = serials(target)
    # A snapshot at one instant: boxes 0..k-1 in order with no gap, none of what came later.
    assert copied == [f"SN{n:08d}" for n in range(len(copied))]
    assert 25 <= len(copied) <= len(serials(data_dir / "pharmadesk.sqlite"))
    assert not (tmp_path / "copies" / "monday.sqlite.partial").exists()


def test_restore_brings_the_boxes_back_also_for_a_window_left_open(data_dir, tmp_path, capsys):
    saved = tmp_path / "saved.sqlite"
    assert pharmadesk(["backup", str(saved), "--data-dir", str(data_dir)]) == 0

    window_store = open_store(data_dir)  # the scan window keeps its connection open
    try:
        for item in window_store.items():
            window_store.remove_item(item["id"])
        receive(window_store, 99)
        assert window_store.counts()[states.QUEUED] == 1

        assert pharmadesk(["restore", str(saved), "--data-dir", str(data_dir)]) == 0
        assert "Geri yüklendi" in capsys.readouterr().out  # Turkish by default

        assert window_store.counts()[states.QUEUED] == 5
        assert sorted(item["serial"] for item in window_store.items()) == [f"SN{n:08d}" for n in range(5)]
        receive(window_store, 100)  # and the restored database takes new scans
    finally:
        window_store.close()
    safety = list((data_dir / "backups").glob("before-restore-*.sqlite"))
    assert len(safety) == 1 and serials(safety[0]) == ["SN00000099"]


@pytest.mark.parametrize("damage", ["garbage", "truncated", "flipped page"])
def test_a_damaged_backup_is_refused_and_the_data_stays(data_dir, tmp_path, capsys, damage):
    bad = tmp_path / "bad.sqlite"
    assert pharmadesk(["backup", str(bad), "--data-dir", str(data_dir)]) == 0
    content = bytearray(bad.read_bytes())
    if damage == "garbage":
        content = bytearray(b"not a database at all " * 200)
    elif damage == "truncated":
        content = content[: len(content) // 2 + 100]
    else:
        page_size = int.from_bytes(content[16:18], "big")
        for offset in range(page_size + 8, 3 * page_size, 7):  # b-tree pages of the schema and items
            content[offset] ^= 0xFF
    bad.write_bytes(bytes(content))
    store = open_store(data_dir)
    receive(store, 42)
    store.close()

    assert pharmadesk(["restore", str(bad), "--data-dir", str(data_dir), "--lang", "en"]) == 3
    assert "nothing was restored" in capsys.readouterr().err
    assert serials(data_dir / "pharmadesk.sqlite") == [f"SN{n:08d}" for n in (*range(5), 42)]
    assert not (data_dir / "backups").exists()


def test_a_database_that_is_not_pharmadesk_is_refused(data_dir, tmp_path):
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE customers (name TEXT)")
    with pytest.raises(backup.BackupError, match="not a PharmaDesk backup"):
        backup.restore(data_dir, other)
    assert len(serials(data_dir / "pharmadesk.sqlite")) == 5


def test_restore_is_refused_while_a_sync_runs(data_dir, tmp_path):
    saved = tmp_path / "saved.sqlite"
    backup.backup(data_dir, saved)
    syncing = open_store(data_dir)
    try:
        receive(syncing, 7)
        with syncing.sync_lock():
            with pytest.raises(backup.BackupError) as refused:
                backup.restore(data_dir, saved)
        assert "sync is running" in refused.value.message("en")
        assert "gönderim" in refused.value.message("tr").lower()
    finally:
        syncing.close()
    assert len(serials(data_dir / "pharmadesk.sqlite")) == 6  # box 7 is still there


def test_backup_of_an_empty_folder_says_there_is_nothing(tmp_path, capsys):
    assert pharmadesk(["backup", str(tmp_path / "x.sqlite"), "--data-dir", str(tmp_path / "none"),
                       "--lang", "en"]) == 3
    assert "no database to back up" in capsys.readouterr().err


def test_a_scan_committed_during_a_restore_is_in_the_safety_copy_or_the_restored_data(data_dir, tmp_path):
    """The scan window keeps committing scans while a restore runs. Every committed scan
    ends somewhere the pharmacist can get it back: in the copy taken just before the
    restore (before-restore-*.sqlite), or, committed after it, in the restored data."""
    saved = tmp_path / "saved.sqlite"
    backup.backup(data_dir, saved)
    with scanning(data_dir, 1000) as committed:
        for _ in range(3):
            backup.restore(data_dir, saved)
    kept = set(serials(data_dir / "pharmadesk.sqlite"))
    for safety in (data_dir / "backups").glob("before-restore-*.sqlite"):
        kept |= set(serials(safety))
    lost = [n for n in committed if box(n).serial not in kept]
    assert len(committed) > 20 and lost == []
