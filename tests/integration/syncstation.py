"""Helpers for the sync, CLI and crash tests: a pharmacy station (data folder + settings)
pointed at the in-process ITS simulator, the admin API, and the real `pharmadesk` command
run in this process or as a child process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.request
from pathlib import Path

from pharmadesk.config import Config
from pharmadesk.sim import sandbox
from pharmadesk.store import Store, open_store, set_store_url

PHARMACY = sandbox.PHARMACY
HOSPITAL = sandbox.HOSPITAL
SUPPLIER = sandbox.SUPPLIER  # the wholesaler every /admin/ship comes from
OTHER_PHARMACY = sandbox.OTHER_PHARMACY
PASSWORD = "sandbox"
REPO = Path(__file__).resolve().parents[2]
# Set by the `engine` fixture when a test runs on PostgreSQL: () → a new database's address.
new_database = None


def admin(sim, path: str, body: dict | None = None, method: str = "POST") -> dict:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(sim.base_url + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=120) as response:
        return json.loads(response.read())


def ship(sim, count: int, to: str = PHARMACY, **extra) -> list[str]:
    """Karekods of `count` new boxes on their way from the wholesaler to `to`."""
    return admin(sim, "/admin/ship", {"to": to, "count": count, **extra})["karekods"]


def configure(data_dir: Path, sim, *, gln: str = PHARMACY, stakeholder: str = "pharmacy",
              chunk_size: int | None = None, retries: int = 3, backoff: float = 0.01,
              timeout: float = 10.0, url: str | None = None) -> Path:
    settings = {
        "its.url": url or sim.base_url, "its.gln": gln, "its.username": gln + "0000",
        "its.stakeholder": stakeholder,
        "sync.retries": str(retries), "sync.backoff": str(backoff), "sync.backoff_max": "0.05",
        "its.timeout": str(timeout),
    }
    if chunk_size is not None:  # else the default (10,000)
        settings["sync.chunk_size"] = str(chunk_size)
    if new_database is not None:  # the station shares a PostgreSQL server
        set_store_url(data_dir, new_database())
    # Straight into the store: `pharmadesk config` itself is tested in test_cli.py, and an
    # in-process command would leave its log file open in the data folder.
    with open_store(data_dir) as store:
        config = Config(store, environ={})
        for key, value in settings.items():
            config.set(key, value)
    return data_dir


def store_of(data_dir: Path) -> Store:
    return open_store(data_dir)


def write_lines(path: Path, karekods: list[str]) -> Path:
    path.write_text("".join(k + "\n" for k in karekods), encoding="utf-8")
    return path


def child_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update({"PHARMADESK_ITS_PASSWORD": PASSWORD, "PHARMADESK_KEYRING_BACKEND": "none",
                "PYTHONPATH": str(REPO)})
    env.update(extra)
    return env


def run_child(*args: str, **popen) -> subprocess.Popen:
    """`pharmadesk ARGS...` as a separate process (for kill -9)."""
    return subprocess.Popen([sys.executable, "-m", "pharmadesk", *args], cwd=REPO, env=child_env(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **popen)


def ledger_item(sim, karekod_line: str) -> dict:
    from pharmadesk.gs1 import parse

    karekod = parse(karekod_line)
    return sim.ledger.item(karekod.gtin, karekod.serial)
