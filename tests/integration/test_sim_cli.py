"""`pharmadesk sim` as an operator runs it: its base URL on stdout's first line, loopback unless
told otherwise, the ledger kept in --state across restarts, --accounts replacing the sandbox
logins, and a clean exit on SIGTERM."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from pharmadesk.gs1 import check_digit, parse
from pharmadesk.sim import sandbox as world
from sim_wire import VERIFY_PATH, admin, request, verify_envelope

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


@dataclass
class Running:
    base_url: str


@contextmanager
def pharmadesk_sim(*args: str) -> Iterator[Running]:
    """Starts `pharmadesk sim ARGS`, yields where it listens, stops it with SIGTERM (exit 0)."""
    process = subprocess.Popen([sys.executable, "-m", "pharmadesk", "sim", *args], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, cwd=ROOT, env=ENV)
    try:
        first_line = process.stdout.readline().strip()
        url = urlsplit(first_line)
        assert url.scheme == "http" and url.port, (first_line, process.stderr.read() if process.poll() else "")
        yield Running(first_line)
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)


def test_prints_its_url_first_and_listens_on_loopback_by_default(tmp_path):
    with pharmadesk_sim("--port", "0") as sim:
        assert urlsplit(sim.base_url).hostname == "127.0.0.1"
        assert admin(sim, "/admin/stats")["stakeholders"] == len(world.PARTIES)


def test_refuses_a_non_loopback_host_without_allow_remote():
    result = subprocess.run([sys.executable, "-m", "pharmadesk", "sim", "--host", "0.0.0.0"],
                            capture_output=True, text=True, cwd=ROOT, env=ENV, timeout=30)
    assert result.returncode == 2 and "--allow-remote" in result.stderr


def test_state_file_keeps_the_ledger_across_a_restart(tmp_path):
    state = tmp_path / "ledger.sqlite"
    newcomer = "869123400005"
    newcomer += str(check_digit(newcomer))
    with pharmadesk_sim("--state", str(state)) as sim:
        admin(sim, "/admin/stakeholder", {"gln": newcomer, "kind": "pharmacy", "name": "YENİ ECZANE"})
        box = parse(admin(sim, "/admin/ship", {"to": newcomer, "count": 1})["karekods"][0])
    with pharmadesk_sim("--state", str(state)) as sim:
        assert admin(sim, "/admin/stats")["stakeholders"] == len(world.PARTIES) + 1
        assert {"gln": newcomer, "name": "YENİ ECZANE", "kind": "pharmacy"} in admin(sim, "/admin/partners")
        assert admin(sim, f"/admin/item?gtin={box.gtin}&sn={box.serial}")["pending_to"] == newcomer


def test_accounts_file_replaces_the_sandbox_logins(tmp_path):
    accounts = tmp_path / "accounts.json"
    accounts.write_text(json.dumps({f"{world.PHARMACY}0007": "Güçlü-Şifre"}), encoding="utf-8")
    with pharmadesk_sim("--accounts", str(accounts)) as sim:
        box = parse(admin(sim, "/admin/ship", {"to": world.PHARMACY, "count": 1})["karekods"][0])
        items = f"<URUN><GTIN>{box.gtin}</GTIN><BN>{box.batch}</BN><SN>{box.serial}</SN><XD>{box.expiry}</XD></URUN>"
        envelope = verify_envelope(world.PHARMACY, items)
        assert request(sim, "POST", VERIFY_PATH, envelope)[0] == 401  # <GLN>0000 / sandbox is gone
        status, _ = request(sim, "POST", VERIFY_PATH, envelope, user=f"{world.PHARMACY}0007", password="Güçlü-Şifre")
        assert status == 200


def test_unreadable_accounts_file_is_refused_with_a_message(tmp_path):
    accounts = tmp_path / "accounts.json"
    accounts.write_text("[1, 2]", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "pharmadesk", "sim", "--accounts", str(accounts)],
                            capture_output=True, text=True, cwd=ROOT, env=ENV, timeout=30)
    assert result.returncode == 2 and "accounts" in result.stderr and not result.stdout


def test_busy_port_and_broken_state_file_are_reported_not_raised(tmp_path):
    with pharmadesk_sim() as sim:
        busy = str(urlsplit(sim.base_url).port)
        result = subprocess.run([sys.executable, "-m", "pharmadesk", "sim", "--port", busy],
                                capture_output=True, text=True, cwd=ROOT, env=ENV, timeout=30)
        assert result.returncode == 2 and busy in result.stderr and "Traceback" not in result.stderr
    broken = tmp_path / "state.sqlite"
    broken.write_bytes(b"this is not a database" * 100)
    result = subprocess.run([sys.executable, "-m", "pharmadesk", "sim", "--state", str(broken)],
                            capture_output=True, text=True, cwd=ROOT, env=ENV, timeout=30)
    assert result.returncode == 2 and "state file" in result.stderr and "Traceback" not in result.stderr


def test_stderr_names_the_stakeholders_and_how_to_log_in():
    process = subprocess.Popen([sys.executable, "-m", "pharmadesk", "sim", "--port", "0"], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, cwd=ROOT, env=ENV)
    try:
        url = process.stdout.readline().strip()
        told = []
        while not told or "/admin/partners" not in told[-1]:
            told.append(process.stderr.readline().rstrip("\n"))
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=10)
    for gln, kind, name in world.PARTIES:
        [line] = [line for line in told if line.startswith(f"  {gln}")]
        assert kind.value in line and name in line
    hospital = next(line for line in told if world.HOSPITAL in line)
    assert "PharmaDesk hospital station" in hospital
    login = next(line for line in told if "password" in line)
    assert "<GLN>0000" in login and world.SANDBOX_PASSWORD in login
    assert told[-1].endswith(f"{url}/admin/partners")
