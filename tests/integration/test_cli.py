"""The `pharmadesk` command as an operator or a script meets it (DESIGN.md, Command-line
contract): every call below is a separate process running the real command against the
ITS simulator over HTTP. The ITS password comes from the OS keyring or
PHARMADESK_ITS_PASSWORD only, and never lands in the database, a log or the output."""

from __future__ import annotations

import base64
import json
import os
import pty
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import keyring.backend
import pytest

from pharmadesk.sim import sandbox
from pharmadesk.sim.server import start_simulator
from syncstation import (
    PHARMACY, REPO, SUPPLIER, admin, configure, ledger_item, ship, write_lines,
)

HERE = Path(__file__).resolve().parent
# The installed `pharmadesk` command itself (pip's console script), as an operator runs it.
_SCRIPT = Path(sys.executable).with_name("pharmadesk.exe" if os.name == "nt" else "pharmadesk")
COMMAND = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "pharmadesk"]


class FileKeyring(keyring.backend.KeyringBackend):
    """A keyring backend over one JSON file, for the child processes of these tests: this
    machine has no Secret Service daemon. PharmaDesk reaches it through the keyring
    library exactly as it reaches Windows Credential Manager or the GNOME keyring."""

    priority = 1

    def _load(self) -> dict:
        path = Path(os.environ["PHARMADESK_TEST_KEYRING"])
        return json.loads(path.read_text()) if path.exists() else {}

    def get_password(self, service, username):
        return self._load().get(f"{service}/{username}")

    def set_password(self, service, username, password):
        secrets = self._load()
        secrets[f"{service}/{username}"] = password
        Path(os.environ["PHARMADESK_TEST_KEYRING"]).write_text(json.dumps(secrets, ensure_ascii=False))

    def delete_password(self, service, username):
        secrets = self._load()
        secrets.pop(f"{service}/{username}", None)
        Path(os.environ["PHARMADESK_TEST_KEYRING"]).write_text(json.dumps(secrets, ensure_ascii=False))


def env(**extra: str) -> dict[str, str]:
    """A clean environment for the child: no ITS password and no keyring unless given (the
    database server's password stays: a test on PostgreSQL sets it for its stations)."""
    base = {key: value for key, value in os.environ.items()
            if not key.startswith(("PHARMADESK_", "PYTHON_KEYRING")) or key == "PHARMADESK_STORE_PASSWORD"}
    base.update({"PYTHONPATH": os.pathsep.join([str(REPO), str(HERE)]),
                 "PHARMADESK_KEYRING_BACKEND": "none", "PHARMADESK_LANG": "tr"})
    base.update(extra)
    return base


def run(*args: str, environ: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([*COMMAND, *args], cwd=REPO,
                          env=environ or env(PHARMADESK_ITS_PASSWORD="sandbox"),
                          capture_output=True, text=True, timeout=timeout)


def on_a_terminal(*args: str, environ: dict, answers: list[str] = (), timeout: float = 60) -> str:
    """Run with stdin/stdout/stderr on a pseudo-terminal (typing `answers` at each
    prompt); returns everything the terminal showed."""
    primary, secondary = pty.openpty()
    child = subprocess.Popen([*COMMAND, *args], cwd=REPO, env=environ,
                             stdin=secondary, stdout=secondary, stderr=secondary, start_new_session=True)
    os.close(secondary)
    shown, pending = b"", list(answers)
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([primary], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(primary, 4096)
                except OSError:  # EIO: the child closed the terminal
                    break
                if not chunk:
                    break
                shown += chunk
                if pending and chunk.rstrip().endswith(b":"):
                    os.write(primary, pending.pop(0).encode() + b"\n")
            elif child.poll() is not None:
                break
        child.wait(timeout=max(1.0, deadline - time.monotonic()))
    finally:
        os.close(primary)
        if child.poll() is None:
            child.kill()
    on_a_terminal.returncode = child.returncode
    return shown.decode("utf-8", "replace")


def status(data: Path, environ: dict | None = None) -> dict:
    done = run("status", "--json", "--data-dir", str(data), environ=environ)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def receive_args(data: Path) -> list[str]:
    return ["--op", "receive", "--counterparty", SUPPLIER, "--data-dir", str(data)]


def test_config_set_get_list_and_environment_override(tmp_path):
    data = str(tmp_path / "station")
    assert run("config", "set", "its.gln", PHARMACY, "--data-dir", data).returncode == 0
    assert run("config", "set", "sync.chunk_size", "2500", "--data-dir", data).returncode == 0
    assert run("config", "get", "its.gln", "--data-dir", data).stdout.strip() == PHARMACY
    assert run("config", "get", "sync.chunk_size", "--data-dir", data).stdout.strip() == "2500"
    overridden = run("config", "get", "sync.chunk_size", "--data-dir", data,
                     environ=env(PHARMADESK_SYNC_CHUNK_SIZE="700"))
    assert overridden.stdout.strip() == "700"
    listing = run("config", "list", "--data-dir", data).stdout
    assert f"its.gln = {PHARMACY}" in listing and "sync.chunk_size = 2500" in listing
    assert "its.url = https://its.saglik.gov.tr" in listing  # defaults shown too

    bad = run("config", "set", "its.gln", "8690003000005", "--data-dir", data)
    assert bad.returncode == 2 and "kontrol hanesi" in bad.stderr
    # there is no password setting, and no password flag anywhere
    refused = run("config", "set", "its.password", "x", "--data-dir", data)
    assert refused.returncode == 2 and "Bilinmeyen ayar" in refused.stderr
    assert run("sync", "--password", "x", "--data-dir", data).returncode == 2
    assert "its.password" not in listing


def test_config_knows_the_workstation_and_scanner_settings(tmp_path):
    data = str(tmp_path / "station")
    for key, value in (("ui.sounds", "false"), ("ui.language", "en"), ("ui.autosync_minutes", "10"),
                       ("scanner.wedge.max_gap_ms", "30"), ("scanner.wedge.gs_standin", "~|<GS>"),
                       ("scanner.serial_port", "/dev/ttyACM0"), ("scanner.camera", "1")):
        done = run("config", "set", key, value, "--data-dir", data)
        assert done.returncode == 0, done.stderr
    shown = {key: run("config", "get", key, "--data-dir", data).stdout.strip()
             for key in ("ui.sounds", "ui.autosync_minutes", "scanner.wedge.gs_standin", "scanner.wedge.min_length")}
    assert shown == {"ui.sounds": "false", "ui.autosync_minutes": "10", "scanner.wedge.gs_standin": "~|<GS>",
                     "scanner.wedge.min_length": "8"}  # the last one: the default
    listing = run("config", "list", "--data-dir", data).stdout
    assert "ui.language = en" in listing and "scanner.serial_port = /dev/ttyACM0" in listing

    bad = run("config", "set", "ui.autosync_minutes", "often", "--data-dir", data, "--lang", "en")
    assert bad.returncode == 2
    assert bad.stderr.strip() == ("Invalid value 'often' for ui.autosync_minutes (minutes between automatic "
                                  "syncs while ITS is reachable; 0: off): Enter a whole number from 0 to 240.")
    letter = run("config", "set", "scanner.wedge.gs_standin", "X", "--data-dir", data)
    assert letter.returncode == 2 and "bir harf ya da rakam olamaz" in letter.stderr
    unknown = run("config", "set", "ui.sound", "off", "--data-dir", data, "--lang", "en")
    assert unknown.returncode == 2 and "Unknown setting: ui.sound" in unknown.stderr
    assert "ui.sounds" in unknown.stderr  # the known ones are listed
    assert run("config", "get", "ui.autosync_minutes", "--data-dir", data).stdout.strip() == "10"


def test_scan_refuses_a_duplicate_saying_when_and_in_which_notification(simulator, tmp_path):
    data = configure(tmp_path / "station", simulator)
    first, second = ship(simulator, 2)
    done = run("scan", *receive_args(data), first)
    assert done.returncode == 0 and done.stdout.startswith("OK")
    again = run("scan", *receive_args(data), first, second, "not a karekod")
    assert again.returncode == 1
    lines = again.stdout.splitlines()
    assert lines[0].startswith("DUPLICATE") and "zaten okutuldu" in lines[0]
    assert re.search(r"Bu kutu \d\d:\d\d'(de|da|te|ta) Mal Alım #1 içinde zaten okutuldu", lines[0])
    assert lines[1].startswith("OK")
    assert any(line.startswith("UNREADABLE") for line in lines[2:])
    english = run("scan", *receive_args(data), first, "--lang", "en")
    assert "This box was already scanned at" in english.stdout and "in Purchase #1" in english.stdout
    assert status(data)["items"]["queued"] == 2


def test_import_counts_queued_duplicate_and_refused_lines(simulator, tmp_path):
    data = configure(tmp_path / "station", simulator)
    boxes = ship(simulator, 5)
    path = write_lines(tmp_path / "in.txt", boxes + [boxes[0], "01086995040000162"])
    done = run("import", str(path), *receive_args(data))
    assert done.returncode == 1
    assert done.stdout.splitlines()[0] == "Kuyruğa alınan: 5, zaten okutulmuş: 1, reddedilen: 1"
    assert "satır 6: duplicate" in done.stdout and "satır 7:" in done.stdout
    assert status(data)["items"]["queued"] == 5
    # a purchase without its supplier takes nothing, and says what to fill in
    headless = run("import", str(path), "--op", "receive", "--data-dir", str(data), "--lang", "en")
    assert headless.returncode == 2 and "Enter the counterparty's GLN" in headless.stderr
    assert status(data)["items"]["queued"] == 5


def test_import_reads_a_file_a_turkish_q_scanner_typed_into_a_text_editor(simulator, tmp_path):
    # "]d2" typed on a Turkish-Q layout arrives as "üd2" (or "Üd2" with Caps Lock), and
    # this reader puts a space where the GS goes.
    data = configure(tmp_path / "station", simulator)
    boxes = ship(simulator, 3)
    typed = [prefix + raw.replace("\x1d", " ") for prefix, raw in zip(("üd2", "Üd2", "]d2"), boxes)]
    assert all("\x1d" not in line for line in typed)
    done = run("import", str(write_lines(tmp_path / "typed.txt", typed)), *receive_args(data), "--lang", "en")
    assert done.returncode == 0, done.stdout + done.stderr
    assert status(data)["items"]["queued"] == 3


def test_sync_exit_codes_and_status_json(simulator, tmp_path):
    data = configure(tmp_path / "station", simulator, chunk_size=10)
    good = ship(simulator, 25)
    assert run("import", str(write_lines(tmp_path / "a.txt", good)), *receive_args(data)).returncode == 0

    done = run("sync", "--data-dir", str(data))
    assert done.returncode == 0, done.stderr
    # not a terminal: one plain line per chunk, for logs and pipes
    assert done.stdout.splitlines()[:4] == ["0/25", "0/25 Mal Alım #1", "10/25 Mal Alım #1",
                                            "20/25 Mal Alım #1"]
    assert "\r" not in done.stdout and "25 kabul" in done.stdout
    report = status(data)
    assert report["items"] == {"queued": 0, "sending": 0, "accepted": 25, "rejected": 0,
                               "needs-attention": 0, "removed": 0, "waiting": 0}
    assert report["operations"]["receive"]["accepted"] == 25
    assert report["last_sync"]["outcome"] == "ok" and report["last_sync"]["accepted"] == 25
    assert report["last_sync"]["message_tr"].startswith("Gönderim bitti: 25 kabul")
    shown = run("status", "--data-dir", str(data)).stdout.splitlines()
    assert shown[0].startswith("Kuyruk: kuyrukta 0, gönderiliyor 0, kabul 25, ret 0")
    assert shown[1] == "  Mal Alım: kabul 25"
    assert "Gönderim bitti: 25 kabul" in shown[2]
    english = run("status", "--data-dir", str(data), "--lang", "en").stdout.splitlines()
    assert english[0].startswith("Queue: queued 0, sending 0, accepted 25")
    assert "Sync finished: 25 accepted" in english[2]

    # 1: some items rejected by ITS (boxes still registered on their manufacturer)
    foreign = admin(simulator, "/admin/produce", {"manufacturer": sandbox.MANUFACTURER, "count": 3})
    assert run("import", str(write_lines(tmp_path / "b.txt", foreign["karekods"] + ship(simulator, 2))),
               *receive_args(data)).returncode == 0
    done = run("sync", "--data-dir", str(data), "--lang", "en")
    assert done.returncode == 1 and "2 accepted, 3 rejected" in done.stdout
    report = status(data)
    assert (report["items"]["accepted"], report["items"]["rejected"]) == (27, 3)
    assert report["last_sync"]["outcome"] == "rejected"

    # 2: ITS cannot be reached; the queue is kept
    more = ship(simulator, 4)
    assert run("import", str(write_lines(tmp_path / "c.txt", more)), *receive_args(data)).returncode == 0
    assert run("config", "set", "its.url", "http://127.0.0.1:9", "--data-dir", str(data)).returncode == 0
    assert run("config", "set", "sync.retries", "1", "--data-dir", str(data)).returncode == 0
    done = run("sync", "--data-dir", str(data))
    assert done.returncode == 2 and "Kuyruk korunuyor" in done.stdout
    report = status(data)
    assert report["items"]["queued"] == 4 and report["last_sync"]["outcome"] == "unreachable"
    assert run("config", "set", "its.url", simulator.base_url, "--data-dir", str(data)).returncode == 0
    assert run("sync", "--data-dir", str(data)).returncode == 0
    assert {ledger_item(simulator, k)["owner"] for k in good + more} == {PHARMACY}

    # 2 as well: no password at all (nothing is sent)
    assert run("import", str(write_lines(tmp_path / "d.txt", ship(simulator, 1))),
               *receive_args(data)).returncode == 0
    done = run("sync", "--data-dir", str(data), environ=env())
    assert done.returncode == 2 and "PHARMADESK_ITS_PASSWORD" in done.stderr
    assert status(data)["items"]["queued"] == 1


def test_sync_draws_a_progress_bar_on_a_terminal(simulator, tmp_path):
    data = configure(tmp_path / "station", simulator, chunk_size=20)
    assert run("import", str(write_lines(tmp_path / "a.txt", ship(simulator, 100))),
               *receive_args(data)).returncode == 0
    shown = on_a_terminal("sync", "--data-dir", str(data), environ=env(PHARMADESK_ITS_PASSWORD="sandbox"))
    assert on_a_terminal.returncode == 0, shown
    frames = shown.replace("\r\n", "\n").split("\r")  # the terminal turns \n into \r\n
    assert len(frames) >= 6  # the bar is redrawn in place, chunk after chunk
    assert any(f.startswith("[" + "#" * 12 + "-" * 18 + "] 40/100 Mal Alım #1") for f in frames)
    assert "[" + "#" * 30 + "] 100/100" in frames[-1]
    assert "100 kabul" in frames[-1]


def test_the_password_comes_from_the_keyring_and_never_lands_anywhere(tmp_path):
    secret = "Kasa-7Zq!şifreĞı"  # Turkish letters: sent as UTF-8 in the Basic credentials
    user = PHARMACY + "0000"
    sim = start_simulator(accounts={user: secret})
    try:
        data = configure(tmp_path / "station", sim)
        keyring_env = env(PYTHON_KEYRING_BACKEND="test_cli.FileKeyring", PHARMADESK_KEYRING_BACKEND="",
                          PHARMADESK_TEST_KEYRING=str(tmp_path / "keyring.json"))
        # no password yet: refused before anything is sent
        assert run("import", str(write_lines(tmp_path / "a.txt", ship(sim, 30))),
                   *receive_args(data), environ=keyring_env).returncode == 0
        done = run("sync", "--data-dir", str(data), environ=keyring_env)
        assert done.returncode == 2 and "set-password" in done.stderr

        shown = on_a_terminal("config", "set-password", "--data-dir", str(data),
                              environ=keyring_env, answers=[secret, secret])
        assert on_a_terminal.returncode == 0 and "anahtar zincirine kaydedildi" in shown
        assert secret not in shown  # typed without echo
        stored = json.loads((tmp_path / "keyring.json").read_text())
        assert stored == {f"PharmaDesk ITS/{user}": secret}  # in the keyring, and only there

        outputs = []
        for args in (["sync", "--data-dir", str(data)], ["status", "--data-dir", str(data)],
                     ["config", "list", "--data-dir", str(data)]):
            done = run(*args, environ=keyring_env)
            assert done.returncode == 0, done.stderr
            outputs += [done.stdout, done.stderr]
        # the environment variable serves headless runs just as well, and wins
        assert run("import", str(write_lines(tmp_path / "b.txt", ship(sim, 5))),
                   *receive_args(data)).returncode == 0
        wrong = run("sync", "--data-dir", str(data), environ={**keyring_env, "PHARMADESK_ITS_PASSWORD": "nope"})
        assert wrong.returncode == 2
        headless = run("sync", "--data-dir", str(data), environ={**env(), "PHARMADESK_ITS_PASSWORD": secret})
        assert headless.returncode == 0, headless.stderr
        outputs += [wrong.stdout, wrong.stderr, headless.stdout, headless.stderr]
        assert status(data)["items"]["accepted"] == 35
    finally:
        sim.stop()

    needles = [secret.encode(), secret.encode("utf-16-le"),
               base64.b64encode(f"{user}:{secret}".encode())]
    files = [path for path in data.rglob("*") if path.is_file()]  # database, WAL, logs
    assert any(path.suffix == ".sqlite" for path in files) and any(".log" in path.name for path in files)
    for path in files:
        assert not any(needle in path.read_bytes() for needle in needles), path
    for text in outputs:
        assert secret not in text
