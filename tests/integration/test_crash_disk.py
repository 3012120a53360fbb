"""A disk that fills up, or turns read-only, under the real `pharmadesk` command: every
refused write says so plainly (Turkish, or English with --lang en), exits 3, and nothing
committed before is lost — once the disk is fixed the day syncs as if nothing happened.

The disk is real where the machine allows it: a 4 MiB tmpfs mounted for the test (root on
Linux), filled with a file until ENOSPC, then remounted read-only. Without the right to
mount, the full disk is emulated with SQLite's `PRAGMA max_page_count` (SQLITE_FULL) and the
read-only disk with file permissions."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pharmadesk.domain import Header, Operation, Stakeholder
from pharmadesk.session import Session
from pharmadesk.store import DATABASE_NAME, Store, StoreError, states
from syncstation import (
    PHARMACY, SUPPLIER, configure, ledger_item, run_child, ship, store_of, write_lines,
)


def _can_mount(where: Path) -> bool:
    if sys.platform != "linux" or os.geteuid() != 0:
        return False
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(where)],
                          capture_output=True)
    return done.returncode == 0


class Disk:
    """A data folder on a small disk of its own (or, without mount rights, a plain folder)."""

    def __init__(self, root: Path):
        root.mkdir()
        self.root = root
        self.mounted = _can_mount(root)
        self.data = root / "station"
        self.filler = root / "filler"

    def fill(self) -> None:
        fd = os.open(self.filler, os.O_WRONLY | os.O_CREAT)
        try:
            for size in (65536, 1):  # big blocks, then the last bytes
                try:
                    while True:
                        os.write(fd, b"\0" * size)
                except OSError as error:
                    assert error.errno == errno.ENOSPC
        finally:
            os.close(fd)

    def free(self) -> None:
        self.filler.unlink()

    def read_only(self) -> None:
        if self.mounted:
            subprocess.run(["mount", "-o", "remount,ro", str(self.root)], check=True)
        else:
            for path in [self.data, *self.data.iterdir()]:
                path.chmod(0o555 if path.is_dir() else 0o444)

    def writable(self) -> None:
        if self.mounted:
            subprocess.run(["mount", "-o", "remount,rw", str(self.root)], check=True)
        else:
            for path in [self.data, *self.data.iterdir()]:
                path.chmod(0o755 if path.is_dir() else 0o644)

    def unmount(self) -> None:
        if self.mounted:
            subprocess.run(["umount", "-l", str(self.root)], check=True)


@pytest.fixture
def disk(tmp_path):
    disk = Disk(tmp_path / "disk")
    yield disk
    disk.unmount()


@pytest.fixture(autouse=True)
def its_password(monkeypatch):
    monkeypatch.setenv("PHARMADESK_ITS_PASSWORD", "sandbox")


def cli(*args: str) -> tuple[int, str, str]:
    child = run_child(*args)
    out, err = child.communicate(timeout=120)
    return child.returncode, out.decode(), err.decode()


def raw(n: int) -> str:
    return f"010869950400001621DISK{n:06d}\x1d17301231\x1d10B1"


def counts(data: Path) -> dict[str, int]:
    with store_of(data) as store:
        return store.counts()


def test_a_full_disk_refuses_clearly_and_loses_nothing(disk, simulator, tmp_path):
    if not disk.mounted:
        return _full_disk_emulated(disk.data)
    data = configure(disk.data, simulator)
    karekods = ship(simulator, 300)
    saved, today, later = karekods[:100], karekods[100:200], karekods[200:]
    receive = ["--op", "receive", "--counterparty", SUPPLIER, "--data-dir", str(data)]
    assert cli("scan", saved[0], *receive)[0] == 0
    assert cli("import", str(write_lines(tmp_path / "saved.txt", saved[1:])), *receive)[0] == 0

    disk.fill()
    code, out, err = cli("scan", today[0], *receive)
    assert code == 3 and "Disk dolu" in err and "daha önce kaydedilenler güvende" in err, (out, err)
    code, _, err = cli("scan", today[0], *receive, "--lang", "en")
    assert code == 3 and "The disk is full" in err
    code, _, err = cli("import", str(write_lines(tmp_path / "today.txt", today)), *receive)
    assert code == 3 and "Disk dolu" in err
    code, _, err = cli("sync", "--data-dir", str(data))
    assert code == 3 and "Disk dolu" in err
    assert ledger_item(simulator, saved[0])["owner"] != PHARMACY  # nothing went to ITS
    code, out, err = cli("status", "--json", "--data-dir", str(data))
    assert code == 0 and '"queued": 100' in out and "Disk dolu" in err

    disk.free()
    assert counts(data)[states.QUEUED] == 100  # every box saved before the disk filled
    assert cli("import", str(write_lines(tmp_path / "today.txt", today)), *receive)[0] == 0
    assert cli("import", str(write_lines(tmp_path / "later.txt", later)), *receive)[0] == 0
    code, out, err = cli("sync", "--data-dir", str(data))
    assert code == 0, (out, err)
    assert counts(data)[states.ACCEPTED] == 300
    assert {ledger_item(simulator, k)["owner"] for k in karekods} == {PHARMACY}


def _full_disk_emulated(data: Path) -> None:
    data.mkdir(parents=True)
    path = data / DATABASE_NAME
    with Store(path) as store:
        session = Session(store, Stakeholder.PHARMACY, Operation.RECEIVE,
                          Header(counterparty_gln=SUPPLIER))
        assert all(session.scan(raw(n)).queued for n in range(100))
        pages = store.scalar("PRAGMA page_count")
    with Store(path, max_pages=pages) as store:
        session = Session(store, Stakeholder.PHARMACY, Operation.RECEIVE,
                          Header(counterparty_gln=SUPPLIER))
        with pytest.raises(StoreError) as refused:
            for n in range(100, 2000):
                session.scan(raw(n))
        assert refused.value.kind == "full" and "Disk dolu" in refused.value.message("tr")
        saved = store.counts()[states.QUEUED]
    with Store(path) as store:
        assert store.counts()[states.QUEUED] == saved >= 100


def test_a_read_only_disk_refuses_clearly_and_loses_nothing(disk, simulator, tmp_path):
    data = configure(disk.data, simulator)
    karekods = ship(simulator, 60)
    receive = ["--op", "receive", "--counterparty", SUPPLIER, "--data-dir", str(data)]
    assert cli("import", str(write_lines(tmp_path / "a.txt", karekods[:20])), *receive)[0] == 0
    assert cli("sync", "--data-dir", str(data))[0] == 0
    assert cli("import", str(write_lines(tmp_path / "b.txt", karekods[20:40])), *receive)[0] == 0

    disk.read_only()
    try:
        code, out, err = cli("scan", karekods[40], *receive)
        assert code == 3 and "salt okunur" in err, (out, err)
        code, _, err = cli("scan", karekods[40], *receive, "--lang", "en")
        assert code == 3 and "read-only" in err
        code, _, err = cli("import", str(write_lines(tmp_path / "c.txt", karekods[40:])), *receive)
        assert code == 3 and "salt okunur" in err
        code, _, err = cli("sync", "--data-dir", str(data))
        assert code == 3 and "salt okunur" in err
        code, out, err = cli("status", "--json", "--data-dir", str(data))
        assert code == 0 and "salt okunur" in err, (out, err)
        assert '"queued": 20' in out and '"accepted": 20' in out
    finally:
        disk.writable()

    assert counts(data)[states.QUEUED] == 20
    assert cli("import", str(write_lines(tmp_path / "c.txt", karekods[40:])), *receive)[0] == 0
    assert cli("sync", "--data-dir", str(data))[0] == 0
    assert counts(data)[states.ACCEPTED] == 60
    assert {ledger_item(simulator, k)["owner"] for k in karekods} == {PHARMACY}
