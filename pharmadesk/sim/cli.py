"""`pharmadesk sim`: run the ITS simulator alone until Ctrl+C or SIGTERM. The first line on
stdout is its base URL, so scripts and tests can read where it listens; stderr then lists
who is in its world (GLN, kind, name) and how to log in."""

from __future__ import annotations

import argparse
import json
import signal
import sqlite3
import sys
import threading
from pathlib import Path

from pharmadesk.sim.sandbox import SANDBOX_PASSWORD, STATIONS
from pharmadesk.sim.server import is_loopback, start_simulator


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pharmadesk sim",
        description="Yerel ITS simülatörü (eğitim ve test) / local ITS simulator (training and tests).",
    )
    parser.add_argument("--host", default="127.0.0.1", help="listen address (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=0, help="port (0: any free port)")
    parser.add_argument("--state", metavar="FILE", help="SQLite file that keeps the ledger across restarts")
    parser.add_argument("--accounts", metavar="FILE",
                        help='JSON {"<user name>": "<password>", ...}; default: <GLN>0000 / sandbox for everyone')
    parser.add_argument("--no-seed", action="store_true", help="start with an empty ledger (no sandbox data)")
    parser.add_argument("--allow-remote", action="store_true",
                        help="allow a non-loopback --host (the simulator has no real security)")
    return parser


def _load_accounts(path: str) -> dict[str, str]:
    accounts = json.loads(Path(path).read_text(encoding="utf-8"))
    if not isinstance(accounts, dict) or not all(isinstance(v, str) for v in accounts.values()):
        raise ValueError('expected a JSON object {"user name": "password"}')
    return accounts


def who_is_who(simulator, accounts: dict[str, str] | None) -> str:
    """For stderr after the URL line: the stakeholders (GLN, kind, name), the PharmaDesk
    stations among them, and how to log in."""
    stations = {gln: kind for kind, gln in STATIONS.items()}
    lines = ["Paydaşlar / stakeholders (GLN, tür / kind, ad / name):"]
    for party in simulator.partners():
        station = stations.get(party["gln"])
        mark = f"  <- PharmaDesk {station} station" if station else ""
        lines.append(f"  {party['gln']}  {party['kind']:<12}  {party['name']}{mark}")
    if len(lines) == 1:
        lines.append("  (yok / none: POST /admin/stakeholder)")
    if accounts is None:
        example = next(iter(STATIONS.values()))
        lines.append(f"Giriş / login: kullanıcı adı / user name = <GLN>0000 (e.g. {example}0000), "
                     f"parola / password = {SANDBOX_PASSWORD}")
    else:
        lines.append(f"Giriş / login: --accounts ({len(accounts)} hesap / accounts)")
    lines.append(f"Tümü / all: GET {simulator.base_url}/admin/partners")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if not args.allow_remote and not is_loopback(args.host):
        print(f"Simülatör yalnızca bu bilgisayardan (127.0.0.1) erişilebilir; {args.host} için --allow-remote gerekir.\n"
              f"The simulator listens on loopback only; {args.host} needs --allow-remote.", file=sys.stderr)
        return 2
    try:
        accounts = _load_accounts(args.accounts) if args.accounts else None
    except (OSError, ValueError) as error:
        print(f"Hesap dosyası okunamadı / cannot read the accounts file: {error}", file=sys.stderr)
        return 2
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    try:
        simulator = start_simulator(host=args.host, port=args.port, state_file=args.state, seed=not args.no_seed,
                                    accounts=accounts, allow_remote=args.allow_remote)
    except sqlite3.DatabaseError as error:
        print(f"Durum dosyası okunamadı / cannot read the state file {args.state}: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"Simülatör {args.host}:{args.port} adresini dinleyemedi / cannot listen on {args.host}:{args.port}: "
              f"{error}", file=sys.stderr)
        return 2
    print(simulator.base_url, flush=True)
    print(who_is_who(simulator, accounts), file=sys.stderr, flush=True)
    try:
        while not stop.wait(0.5):
            pass
    finally:
        simulator.stop()
    return 0
