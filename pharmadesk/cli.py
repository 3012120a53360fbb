"""The `pharmadesk` command: GUI, sandbox, simulator and the headless commands of DESIGN.md."""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="pharmadesk")
    parser.add_argument("--version", action="store_true")
    args, _ = parser.parse_known_args(argv)
    if args.version:
        from pharmadesk import __version__

        print(f"PharmaDesk {__version__}")
        return 0
    return 0


def gui_main() -> int:
    return main()
