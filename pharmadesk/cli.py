"""The `pharmadesk` command (contract in DESIGN.md): the GUI by default, or one of the
headless subcommands. Each subcommand lives beside the code it drives; this module only
dispatches, so that `pharmadesk --version` starts without importing Qt or zeep."""

from __future__ import annotations

import argparse
import importlib
import sys

# subcommand -> "module:function"; the function takes the remaining argv and returns an exit code.
SUBCOMMANDS = {
    "sim": "pharmadesk.sim.cli:main",
    "config": "pharmadesk.commands:config_main",
    "scan": "pharmadesk.commands:scan_main",
    "import": "pharmadesk.commands:import_main",
    "sync": "pharmadesk.commands:sync_main",
    "retry": "pharmadesk.commands:retry_main",
    "status": "pharmadesk.commands:status_main",
    "codes": "pharmadesk.commands:codes_main",
    "stock": "pharmadesk.stock_cli:stock_main",
    "verify-stock": "pharmadesk.stock_cli:verify_stock_main",
    "pts": "pharmadesk.pts_commands:pts_main",
    "store": "pharmadesk.store_cli:store_main",
    "doctor": "pharmadesk.doctor:main",
    "backup": "pharmadesk.backup:backup_main",
    "restore": "pharmadesk.backup:restore_main",
}


def _gui_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pharmadesk",
        description="PharmaDesk: scan karekods, queue ITS notifications, sync to ITS.",
        epilog="Subcommands: " + ", ".join(SUBCOMMANDS) + " (pharmadesk SUBCOMMAND --help).",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    parser.add_argument("--data-dir", help="folder for the database and logs (default: per-user data folder)")
    parser.add_argument("--lang", choices=("tr", "en"), help="interface language (default: Turkish)")
    parser.add_argument("--sandbox", action="store_true",
                        help="training mode: built-in ITS simulator and demo data, no credentials needed")
    return parser


def _call(target: str, argv: list[str]) -> int:
    module_name, function_name = target.split(":")
    function = getattr(importlib.import_module(module_name), function_name)
    return int(function(argv) or 0)


def _data_dir_option(argv: list[str]) -> str | None:
    for number, arg in enumerate(argv):
        if arg.startswith("--data-dir="):
            return arg.partition("=")[2]
        if arg == "--data-dir" and number + 1 < len(argv):
            return argv[number + 1]
    return None


def _start_log(name: str, data_dir: str | None) -> None:
    """Rotating log in <data folder>/logs/<name>.log (pharmadesk.logs)."""
    from pharmadesk import config, logs

    logs.setup_logging(config.data_dir(data_dir), name)


def _tolerant_output() -> None:
    """A console or a redirected file whose code page lacks a Turkish letter (an English
    Windows, `pharmadesk doctor > report.txt`) gets a '?' for that letter rather than a
    crash half-way through the output."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    _tolerant_output()
    if argv and argv[0] in SUBCOMMANDS:
        if argv[0] != "sim":  # the standalone simulator logs to its console only
            _start_log("cli", _data_dir_option(argv[1:]))
        return _call(SUBCOMMANDS[argv[0]], argv[1:])
    args = _gui_parser().parse_args(argv)
    if args.version:
        from pharmadesk import __version__

        print(f"PharmaDesk {__version__}")
        return 0
    _start_log("pharmadesk", args.data_dir)
    from pharmadesk.ui.app import run

    return run(args)


def gui_main() -> int:
    return main()
