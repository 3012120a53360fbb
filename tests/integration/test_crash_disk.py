"""A disk that fills up, or turns read-only, under the real `pharmadesk` command: every
refused write says so plainly (Turkish, or English with --lang en), exits 3, and nothing
committed before is lost — once the disk is fixed the day syncs as if nothing happened.

The disk is real where the machine allows it: a 4 MiB tmpfs mounted for the test (root on
Linux), filled with a file until ENOSPC, then remounted read-only. Without the right to
mount, the full disk is emulated with SQLite's `PRAGMA max_page_count` (SQLITE_FULL) and the
read-only disk with file permissions (against an unprivileged user when the tests run as
root, whom permissions do not stop)."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
import tempfile
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


NOBODY = 65534


class Disk:
    """A data folder on a small disk of its own (or, without mount rights, a plain folder)."""

    def __init__(self):
        # Not under pytest's private tmp folder: an unprivileged user must reach it.
        self.root = Path(tempfile.mkdtemp(prefix="pharmadesk-disk-"))
        self.root.chmod(0o755)
        self.mounted = _can_mount(self.root)
        self.data = self.root / "station"
        self.filler = self.root / "filler"

    def cleanup(self) -> None:
        if self.mounted:
            subprocess.run(["umount", "-l", str(self.root)], check=True)
        shutil.rmtree(self.root, ignore_errors=True)

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


@pytest.fixture
def disk():
    disk = Disk()
    yield disk
    disk.cleanup()


@pytest.fixture(autouse=True)
def its_password(monkeypatch):
    monkeypatch.setenv("PHARMADESK_ITS_PASSWORD", "sandbox")


def cli(*args: str, user: int | None = None) -> tuple[int, str, str]:
    """`pharmadesk ARGS` in a child process, as `user` if given."""
    def become_user():
        os.setgroups([])
        os.setgid(user)
        os.setuid(user)

    child = run_child(*args, preexec_fn=become_user if user is not None else None)
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


def test_a_read_only_disk_refuses_clearly_and_loses_nothing(disk, simulator):
    user = NOBODY if not disk.mounted and os.geteuid() == 0 else None

    def run(*args):
        return cli(*args, "--data-dir", str(disk.data), user=user)

    def status():
        code, out, err = run("status", "--json")
        assert code == 0, err
        return json.loads(out)["items"], err

    for key, value in {"its.url": simulator.base_url, "its.gln": PHARMACY,
                       "its.username": PHARMACY + "0000"}.items():
        assert run("config", "set", key, value)[0] == 0
    karekods = ship(simulator, 60)
    folder = disk.root / "files"  # where `user` can read them
    folder.mkdir()
    files = [write_lines(folder / f"{n}.txt", part)
             for n, part in enumerate((karekods[:20], karekods[20:40], karekods[40:]))]
    receive = ["--op", "receive", "--counterparty", SUPPLIER]
    assert run("import", str(files[0]), *receive)[0] == 0
    assert run("sync")[0] == 0
    assert run("import", str(files[1]), *receive)[0] == 0

    disk.read_only()
    try:
        code, out, err = run("scan", karekods[40], *receive)
        assert code == 3 and "salt okunur" in err, (out, err)
        code, _, err = run("scan", karekods[40], *receive, "--lang", "en")
        assert code == 3 and "read-only" in err
        code, _, err = run("import", str(files[2]), *receive)
        assert code == 3 and "salt okunur" in err
        code, _, err = run("sync")
        assert code == 3 and "salt okunur" in err
        items, err = status()
        assert "salt okunur" in err
        assert (items["queued"], items["accepted"]) == (20, 20)
    finally:
        disk.writable()

    assert status()[0]["queued"] == 20
    assert run("import", str(files[2]), *receive)[0] == 0
    assert run("sync")[0] == 0
    assert status()[0]["accepted"] == 60
    assert {ledger_item(simulator, k)["owner"] for k in karekods} == {PHARMACY}


def test_a_disk_that_fills_during_a_sync_loses_nothing_and_the_resend_settles(disk, simulator, tmp_path):
    """The chunk is marked `sending` and goes to ITS, which registers it; then the disk is
    full and the answer cannot be recorded. After the disk is freed, the next sync takes
    the chunk back in doubt, resends it, and reads ITS's "already yours" as accepted."""
    from pharmadesk.config import Config
    from pharmadesk.sync import engine_from_config

    data = configure(disk.data, simulator)
    karekods = ship(simulator, 500)
    receive = ["--op", "receive", "--counterparty", SUPPLIER, "--data-dir", str(data)]
    assert cli("import", str(write_lines(tmp_path / "a.txt", karekods)), *receive)[0] == 0

    with store_of(data) as store:
        def fill_once_sending(progress):
            if progress.notification_id and not progress.done and store.counts()[states.SENDING]:
                if disk.mounted:
                    disk.fill()
                else:  # the database may not grow by a single page any more
                    store.conn.execute(f"PRAGMA max_page_count={store.scalar('PRAGMA page_count')}")

        engine = engine_from_config(store, Config(store), "sandbox", on_progress=fill_once_sending)
        with pytest.raises(StoreError) as refused:
            engine.run()
        engine.client.close()
        assert refused.value.kind == "full"
    assert {ledger_item(simulator, k)["owner"] for k in karekods} == {PHARMACY}  # ITS took it
    if disk.mounted:
        disk.free()
    assert counts(data)[states.SENDING] == 500  # not recorded, not lost

    code, out, err = cli("sync", "--data-dir", str(data))
    assert code == 0, (out, err)
    with store_of(data) as store:
        items = store.items()
    assert len(items) == 500 and {i["state"] for i in items} == {states.ACCEPTED}
    assert all(i["uc"] != "00000" and i["message"].startswith("Önceki gönderim") for i in items)
