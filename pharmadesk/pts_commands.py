"""`pharmadesk pts list|fetch|receive` and `pharmadesk import FILE.zip|FILE.xml --op receive`
(contract in DESIGN.md): expected shipments from the command line. Exit codes as for the
other subcommands: 0 done, 1 a package or some boxes refused, 2 ITS unreachable or a
setting missing, 3 the local database failed."""

from __future__ import annotations

import argparse
import json

from pharmadesk import gs1, shipments
from pharmadesk.commands import (
    EXIT_REFUSED, EXIT_SETUP, _common, _err, _guarded, _lang, _store, its_password,
)
from pharmadesk.config import Config, ConfigError
from pharmadesk.its.errors import ItsError
from pharmadesk.its.pts_package import PackageError, read_file
from pharmadesk.store import Store


@_guarded
def pts_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="pharmadesk pts",
                                     description="Expected shipments: the PTS packages addressed to this station.")
    _common(parser)
    commands = parser.add_subparsers(dest="command", required=True)
    listing = commands.add_parser("list", help="the transfers addressed to this station and the stored packages")
    listing.add_argument("--days", type=int, default=31, help="how far back to ask PTS, in days (default 31)")
    listing.add_argument("--json", action="store_true", help="machine-readable output")
    fetching = commands.add_parser("fetch", help="download and store packages (the new ones when none is given)")
    fetching.add_argument("transfer_ids", nargs="*", type=int, metavar="TRANSFER_ID")
    receiving = commands.add_parser("receive", help="queue Mal Alım for a package's boxes")
    receiving.add_argument("transfer_id", type=int, metavar="TRANSFER_ID")
    receiving.add_argument("--carrier", action="append", default=[], metavar="SSCC",
                           help="only the boxes inside this carrier (repeatable)")
    for sub in commands.choices.values():
        _common(sub)
    args = parser.parse_args(argv)
    lang = _lang(args)
    with _store(args) as store:
        cfg = Config(store)
        try:
            if args.command == "list":
                return _list(store, cfg, args.days, args.json, lang)
            if args.command == "fetch":
                return _fetch(store, cfg, args.transfer_ids, lang)
            return _receive(store, cfg, args.transfer_id, args.carrier, lang)
        except PackageError as error:
            _err(error.message(lang))
            return EXIT_REFUSED
        except ItsError as error:
            _err(error.message(lang))
            return EXIT_SETUP


def _client(cfg: Config, store: Store):
    return shipments.client_from_config(cfg, its_password(cfg), store)


def _list(store: Store, cfg: Config, days: int, as_json: bool, lang: str) -> int:
    exit_code, transfers = 0, []
    try:
        with _client(cfg, store) as client:
            transfers = client.transfers(days)
    except (ItsError, ConfigError) as error:
        _err(error.message(lang) + (" Yalnız kayıtlı paketler gösteriliyor." if lang == "tr"
                                    else " Only the stored packages are shown."))
        exit_code = EXIT_SETUP
    rows = [_row(package) for package in store.packages()]
    stored = {row["transfer_id"] for row in rows}
    rows += [{"transfer_id": t.transfer_id, "from": t.sender_gln, "document": None, "date": t.transfer_date,
              "boxes": None, "carriers": None, "received": None, "state": "new"}
             for t in transfers if t.transfer_id not in stored]
    if as_json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return exit_code
    if not rows:
        print("Beklenen sevkiyat yok." if lang == "tr" else "No expected shipments.")
    for row in rows:
        counts = "" if row["boxes"] is None else f"  {row['received']}/{row['boxes']}"
        print(f"{row['transfer_id'] or '-':>10}  {row['from']}  {row['document'] or '':<16} {row['date'] or '':<10} "
              f"{_state(row['state'], lang)}{counts}")
    return exit_code


_STATES_TR = {"new": "yeni", "open": "açık", "received": "alındı"}


def _state(state: str, lang: str) -> str:
    return _STATES_TR.get(state, state) if lang == "tr" else state


def _row(package: dict) -> dict:
    return {"transfer_id": package["transfer_id"], "from": package["sender_gln"],
            "document": package["document_number"], "date": package["document_date"] or package["transfer_date"],
            "boxes": package["boxes"], "carriers": package["carriers"], "received": package["received"],
            "state": package["state"]}


def _fetch(store: Store, cfg: Config, transfer_ids: list[int], lang: str) -> int:
    with _client(cfg, store) as client:
        report = shipments.fetch(store, client, cfg.get("its.gln"), transfer_ids)
    print(report.message(lang))
    for transfer_id, text_tr, text_en in report.failed:
        print(f"{transfer_id}: {text_en if lang == 'en' else text_tr}")
    return EXIT_REFUSED if report.failed else 0


def _receive(store: Store, cfg: Config, transfer_id: int, labels: list[str], lang: str) -> int:
    package = store.package_by_transfer(transfer_id)
    if package is None:  # not fetched yet: fetch it now
        with _client(cfg, store) as client:
            report = shipments.fetch(store, client, cfg.get("its.gln"), [transfer_id])
        if report.failed:
            _, text_tr, text_en = report.failed[0]
            raise PackageError(text_tr, text_en)
        package = store.package_by_transfer(transfer_id)
    carriers = []
    for label in labels:
        try:
            sscc = gs1.carrier_label(label)
        except gs1.Gs1Error as error:
            raise PackageError(error.message_tr, error.message_en) from None
        if sscc is None:
            raise PackageError(f"Taşıyıcı etiketi (SSCC) değil: {label!r}.",
                               f"Not a carrier label (SSCC): {label!r}.")
        carriers.append(sscc)
    outcome = shipments.accept(store, cfg.stakeholder(), package["id"], carriers)
    print(outcome.message(lang))
    _print_unreceivable(store, package["id"], lang)
    return EXIT_REFUSED if outcome.acceptance.flagged + outcome.acceptance.duplicates else 0


def _print_unreceivable(store: Store, package_id: int, lang: str, shown: int = 50) -> None:
    flagged = [box for box in store.package_boxes(package_id) if box["flag"]]
    for box in flagged[:shown]:
        print(f"  GTIN {box['gtin']} SN {box['serial']}: {shipments.flag_text(box['flag'], lang)}")
    if len(flagged) > shown:
        more = len(flagged) - shown
        print(f"  ... ve {more} kutu daha" if lang == "tr" else f"  ... and {more} more boxes")


def import_package(args, lang: str) -> int:
    """`pharmadesk import FILE.zip|FILE.xml --op receive`: store the package and queue Mal Alım
    for every box that can be received, the sender and document taken from the package."""
    with _store(args) as store:
        cfg = Config(store)
        station = cfg.get("its.gln")
        if not station:
            raise ConfigError("Önce bu istasyonun GLN'sini girin: pharmadesk config set its.gln GLN",
                              "Set this station's GLN first: pharmadesk config set its.gln GLN")
        try:
            package = read_file(args.file)
            package_id = shipments.store_package(store, package, station, source="file")
        except PackageError as error:
            _err(error.message(lang))
            return EXIT_REFUSED
        except OSError as error:
            _err(f"Dosya okunamadı: {error}" if lang == "tr" else f"The file cannot be read: {error}")
            return EXIT_REFUSED
        outcome = shipments.accept(store, cfg.stakeholder(), package_id)
        print(outcome.message(lang))
        _print_unreceivable(store, package_id, lang)
    return EXIT_REFUSED if outcome.acceptance.flagged + outcome.acceptance.duplicates else 0


__all__ = ["pts_main", "import_package"]
