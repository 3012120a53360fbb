"""The headless subcommands of `pharmadesk` (contract in DESIGN.md): config, scan,
import, sync, retry, status and codes. Each takes its argv and returns the exit code:
0 done, 1 some items refused (scan/import) or rejected by ITS (sync), 2 ITS could not be
reached or would not let us in (the queue is kept) or a setting is missing,
3 the local database failed (disk full, read-only), 4 an unexpected error in PharmaDesk
itself (the details go to the log), 130 interrupted."""

from __future__ import annotations

import argparse
import contextlib
import getpass
import json
import logging
import os
import sys
from collections.abc import Callable, Iterator
from datetime import date
from functools import wraps

from pharmadesk.bilingual import chosen_language, in_language
from pharmadesk import config as settings
from pharmadesk import logs, reconcile
from pharmadesk.config import Config, ConfigError
from pharmadesk.domain import DEACTIVATION_REASONS, Header, Operation, SaleDetails
from pharmadesk.session import ScanOutcome, Session, operation_name
from pharmadesk.store import DuplicateItem, Store, StoreError, SyncBusy, open_store, states
from pharmadesk.store.location import STORE_URL_SETTING, set_store_url, store_url
from pharmadesk.store.postgres import StoreAddressError

GS_AS_TYPED = "\\x1d"  # the four characters the help tells a person to type for GS

EXIT_REFUSED = 1
EXIT_SETUP = 2
EXIT_STORE = 3
EXIT_UNEXPECTED = 4  # = pharmadesk.sync.EXIT_CODES[FAILED]
EXIT_INTERRUPTED = 130


def _common(parser: argparse.ArgumentParser) -> None:
    # SUPPRESS: a --data-dir given before a nested subcommand is not reset by it.
    parser.add_argument("--data-dir", default=argparse.SUPPRESS,
                        help="folder of the database (default: $PHARMADESK_DATA_DIR or the per-user data folder)")
    parser.add_argument("--lang", choices=("tr", "en"), default=argparse.SUPPRESS,
                        help="language of the messages (default: $PHARMADESK_LANG or tr)")


def _lang(args) -> str:
    return chosen_language(getattr(args, "lang", None))


def _store(args) -> Store:
    """The station's store, with ITS's own code texts in use if they were fetched."""
    from pharmadesk.its import code_texts

    store = open_store(settings.data_dir(getattr(args, "data_dir", None)))
    code_texts.apply_stored(store)
    return store


def _err(text: str) -> None:
    print(text, file=sys.stderr)


def _guarded(function: Callable[[list[str]], int]) -> Callable[[list[str]], int]:
    """Turn the failures a user can meet into a clear message and an exit code."""

    @wraps(function)
    def run(argv: list[str]) -> int:
        lang = chosen_language("en" if "--lang=en" in argv or _follows(argv, "--lang", "en") else
                               "tr" if "--lang=tr" in argv or _follows(argv, "--lang", "tr") else None)
        try:
            return function(argv)
        except StoreError as error:
            _err(error.message(lang))
            return EXIT_STORE
        except (ConfigError, StoreAddressError) as error:  # a setting, or store.url, that cannot be used
            _err(error.message(lang))
            return EXIT_SETUP
        except KeyboardInterrupt:
            _err("Durduruldu; kayıtlı okutmalar güvende." if lang == "tr" else
                 "Interrupted; saved scans are safe.")
            return EXIT_INTERRUPTED
        except Exception:  # a fault of PharmaDesk's own: said in plain words, logged in full
            logging.getLogger("pharmadesk").exception("unexpected error in %s", function.__name__)
            where = logs.current_file() or "logs"
            _err(f"PharmaDesk beklenmeyen bir hatayla durdu. Kaydedilmiş okutmalar güvende. Yeniden "
                 f"deneyin; hata sürerse destek ekibinize şu dosyayı iletin: {where}" if lang == "tr" else
                 f"PharmaDesk stopped on an unexpected error. Saved scans are safe. Try again; if the "
                 f"error comes back, send this file to your support: {where}")
            return EXIT_UNEXPECTED

    return run


def _follows(argv: list[str], flag: str, value: str) -> bool:
    return any(a == flag and b == value for a, b in zip(argv, argv[1:]))


# ---- config ------------------------------------------------------------------------------

@_guarded
def config_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="pharmadesk config",
                                     description="Read or change a setting. The password is kept "
                                                 "in the OS keyring (set-password), never here.")
    _common(parser)
    commands = parser.add_subparsers(dest="command", required=True)
    get = commands.add_parser("get", help="print a setting")
    get.add_argument("key")
    put = commands.add_parser("set", help="change a setting (store.url: sqlite, or postgresql://USER@HOST/DB "
                                          "for a shared server; kept in the data folder's station.json)")
    put.add_argument("key")
    put.add_argument("value")
    commands.add_parser("list", help="print every setting")
    password = commands.add_parser("set-password", help="store the ITS password in the OS keyring")
    password.add_argument("--username", help="ITS user name (default: its.username)")
    for sub in (get, put, password, commands.choices["list"]):
        _common(sub)
    args = parser.parse_args(argv)
    lang = _lang(args)
    if getattr(args, "key", None) == STORE_URL_SETTING:
        return _store_url_setting(args, lang)
    if args.command == "list":
        print(f"{STORE_URL_SETTING} = {_store_url_shown(args)}")
    with _store(args) as store:
        cfg = Config(store)
        if args.command == "get":
            value = cfg.get(args.key)
            if value is None:
                return 1
            print(_show(value))
        elif args.command == "set":
            cfg.set(args.key, args.value)
        elif args.command == "list":
            for key in sorted(settings.OPTIONS):
                print(f"{key} = {_show(cfg.get(key))}")
        else:
            return _set_password(cfg, args.username, lang)
    return 0


def _store_url_shown(args) -> str:
    """The station's store.url, "sqlite" for its own file (the default)."""
    return store_url(settings.data_dir(getattr(args, "data_dir", None))) or "sqlite"


def _store_url_setting(args, lang: str) -> int:
    """`store.url` lives in the data folder's station.json, not in the database it names
    (pharmadesk.store.location): read and written without opening any database."""
    if args.command == "get":
        print(_store_url_shown(args))
        return 0
    kept = set_store_url(settings.data_dir(getattr(args, "data_dir", None)), args.value)
    if kept:  # a server's address (None: back to the SQLite file)
        print(f"Bu istasyon artık {kept} veritabanını kullanıyor. Parola: pharmadesk store set-password "
              "ya da PHARMADESK_STORE_PASSWORD; deneme: pharmadesk doctor" if lang == "tr" else
              f"This station now uses {kept}. Password: pharmadesk store set-password or "
              "PHARMADESK_STORE_PASSWORD; check: pharmadesk doctor")
    return 0


def _show(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):  # e.g. stock.expiry_windows: shown as it is written, 30,60,90
        return ",".join(map(str, value))
    return str(value)


def _set_password(cfg: Config, username: str | None, lang: str) -> int:
    username = username or cfg.get("its.username")
    if not username:
        raise ConfigError("Önce kullanıcı adını girin: pharmadesk config set its.username GLN0000",
                          "Set the user name first: pharmadesk config set its.username GLN0000")
    if not settings.keyring_available():
        raise settings.no_keyring()
    prompt = "ITS parolası: " if lang == "tr" else "ITS password: "
    again = "Parola (tekrar): " if lang == "tr" else "Password (again): "
    first = getpass.getpass(prompt)
    if not first or first != getpass.getpass(again):
        _err("Parolalar aynı değil ya da boş." if lang == "tr" else "The passwords differ or are empty.")
        return EXIT_SETUP
    settings.set_password(username, first)
    print("Parola anahtar zincirine kaydedildi." if lang == "tr" else "Password saved in the keyring.")
    return 0


# ---- scan and import -----------------------------------------------------------------------

def _header_arguments(parser: argparse.ArgumentParser, *, op_required: bool = True) -> None:
    parser.add_argument("--op", required=op_required, choices=[op.value for op in Operation],
                        help="operation: receive (Mal Alım), sale (Satış), return (Mal İade), ...")
    parser.add_argument("--counterparty", metavar="GLN",
                        help="the other party's GLN (seller of a purchase, buyer, receiver)")
    parser.add_argument("--doc", metavar="DN", help="document (invoice / dispatch note) number")
    parser.add_argument("--doc-date", metavar="YYYY-MM-DD", type=date.fromisoformat,
                        help="document date")
    parser.add_argument("--ds", metavar="CODE", choices=sorted(DEACTIVATION_REASONS),
                        help="deactivation reason: " + ", ".join(f"{k} {v}" for k, v in DEACTIVATION_REASONS.items()))
    parser.add_argument("--note", help="free text sent with the notification (ISACIKLAMA); for an "
                                       "export the export information (RT), required")
    parser.add_argument("--sale-kind", choices=("cash", "reimbursement"),
                        help="pharmacy sale: cash (walk-in) or to a reimbursement institution")
    parser.add_argument("--institution", metavar="GLN", help="reimbursement institution's GLN")
    parser.add_argument("--prescription", metavar="RKN", help="prescription registration number")
    parser.add_argument("--pharmacy-id", metavar="EID", help="the institution's id for this pharmacy")
    parser.add_argument("--doctor-id", metavar="TC", help="reimbursement sale: the prescribing doctor's "
                                                         "T.C. identity number (DR, optional)")
    parser.add_argument("--patient-id", metavar="TC", help="reimbursement sale: the patient's T.C. "
                                                          "identity number (CP)")
    parser.add_argument("--gs-standin", action="append", default=[], metavar="TEXT",
                        help="text the scanner sends instead of the GS separator (repeatable)")


def _header(args) -> Header:
    sale = None
    if args.sale_kind or args.institution or args.prescription or args.doctor_id or args.patient_id:
        sale = SaleDetails(kind=args.sale_kind or "reimbursement", institution_gln=args.institution,
                           pharmacy_id=args.pharmacy_id, prescription_no=args.prescription,
                           doctor_id=args.doctor_id, patient_id=args.patient_id)
    return Header(counterparty_gln=args.counterparty, document_number=args.doc,
                  document_date=args.doc_date, deactivation_reason=args.ds, note=args.note,
                  sale=sale)


def _header_given(args) -> bool:
    return any(getattr(args, name) for name in (
        "counterparty", "doc", "doc_date", "ds", "note", "sale_kind", "institution", "prescription",
        "pharmacy_id", "doctor_id", "patient_id"))


def _session(args, store: Store, operation: Operation | None = None) -> Session:
    """The session of the command's operation (or `operation`) and header; a header that
    cannot take any box (an operation this station may not do, a missing counterparty) is
    a ConfigError."""
    session = Session(store, Config(store).stakeholder(), operation or Operation(args.op), _header(args))
    problem = session.header_problem()
    if problem:  # nothing can be queued: a setup problem (exit code 2 through _guarded)
        raise ConfigError(problem.message_tr, problem.message_en)
    return session


HELP_EXAMPLE = "01" + "08694700000006" + "21ABC123456" + "\\x1d" + "17301231" + "10LOT42"


def _print_outcome(outcome: ScanOutcome, raw: str, lang: str) -> None:
    label = outcome.status.upper() if outcome.status != "queued" else "OK"
    print(f"{label:<12} {outcome.message(lang)}" + ("" if outcome.karekod else f"  [{raw!r}]"))
    for candidate in outcome.candidates:
        print(f"{'':<12}  ? GTIN {candidate.gtin} SN {candidate.serial} BN {candidate.batch} "
              f"XD {candidate.expiry:%Y-%m-%d}")


@_guarded
def scan_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="pharmadesk scan", formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Queue boxes from raw karekod strings, with the same checks as the scan screen. "
                    "A verification (--op verify) is sent to ITS at once and each box's answer printed.",
        epilog="example (the GS separator typed as \\x1d; quote it for the shell):\n"
               f"  pharmadesk scan --op verify '{HELP_EXAMPLE}'")
    _common(parser)
    _header_arguments(parser)
    parser.add_argument("raw", nargs="+", metavar="RAW", help="raw karekod; type the GS separator as \\x1d")
    parser.add_argument("--queue-only", action="store_true",
                        help="--op verify: only queue the boxes (by default ITS is asked at once and "
                             "each box's answer printed)")
    parser.add_argument("--replace-stopped", action="store_true",
                        help="a box already queued in a notification ITS refused as a whole (it needs "
                             "attention) is replaced by this scan, with this header")
    args = parser.parse_intermixed_args(argv)
    lang = _lang(args)
    with _store(args) as store:
        session = _session(args, store)
        refused, queued = 0, []
        for raw in args.raw:
            standins = (*args.gs_standin, GS_AS_TYPED)
            outcome = session.scan(raw, source="cli", gs_standins=standins)
            if outcome.replaceable and args.replace_stopped:
                outcome = session.replace(raw, outcome.item_id, source="cli", gs_standins=standins)
            _print_outcome(outcome, raw, lang)
            refused += not outcome.queued
            if outcome.queued:
                queued.append(outcome.item_id)
        if session.operation is not Operation.VERIFY or args.queue_only or not queued:
            return EXIT_REFUSED if refused else 0
        report = _sync(store, lang, {Operation.VERIFY})
        _print_report(report, lang)
        for item_id in queued:
            _print_box(store.item(item_id), lang, session.stakeholder)
    return max(EXIT_REFUSED if refused else 0, report.exit_code)


def _lines(path: str) -> Iterator[tuple[int, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        for number, line in enumerate(handle, start=1):
            # Only line ends and blanks are trimmed: str.strip() would also eat GS (\x1d).
            raw = line.rstrip("\r\n").strip(" \t")
            if raw:
                yield number, raw


@_guarded
def import_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="pharmadesk import",
                                     description="Queue many boxes from a file with one karekod a "
                                                 "line, in one transaction (all or nothing); with --op "
                                                 "receive, a PTS package file (.zip or .xml).")
    _common(parser)
    _header_arguments(parser)
    parser.add_argument("file", metavar="FILE")
    args = parser.parse_intermixed_args(argv)
    lang = _lang(args)
    if args.op == Operation.RECEIVE.value and args.file.lower().endswith((".zip", ".xml")):
        from pharmadesk.pts_commands import import_package

        return import_package(args, lang)
    with _store(args) as store:
        session = _session(args, store)
        refusals: list[tuple[int, ScanOutcome]] = []
        boxes = []
        for number, raw in _lines(args.file):
            checked = session.check(raw, gs_standins=tuple(args.gs_standin))
            if isinstance(checked, ScanOutcome):
                refusals.append((number, checked))
            else:
                boxes.append((number, checked, raw))
        answers = store.queue_many(session.operation, session.stakeholder,
                                   session.effective_header(), boxes, source="import")
        by_line = {number: karekod for number, karekod, _ in boxes}
        queued = 0
        for number, answer in answers:
            if isinstance(answer, DuplicateItem):
                refusals.append((number, session.duplicate_outcome(by_line[number], answer.existing)))
            else:
                queued += 1
    duplicates = sum(1 for _, outcome in refusals if outcome.status == "duplicate")
    _print_import_summary(queued, duplicates, sorted(refusals, key=lambda pair: pair[0]), lang)
    return EXIT_REFUSED if refusals else 0


def _print_import_summary(queued: int, duplicates: int, refusals: list, lang: str) -> None:
    others = len(refusals) - duplicates
    if lang == "tr":
        print(f"Kuyruğa alınan: {queued}, zaten okutulmuş: {duplicates}, reddedilen: {others}")
    else:
        print(f"queued: {queued}, duplicate: {duplicates}, refused: {others}")
    shown = 200
    for number, outcome in refusals[:shown]:
        print(f"{'satır' if lang == 'tr' else 'line'} {number}: {outcome.status}: {outcome.message(lang)}")
    if len(refusals) > shown:
        more = len(refusals) - shown
        print(f"... ve {more} satır daha" if lang == "tr" else f"... and {more} more lines")


def its_password(cfg: Config) -> str:
    """The ITS password of the configured account; ConfigError when a setting is missing."""
    username, gln = cfg.get("its.username"), cfg.get("its.gln")
    if not username or not gln:
        raise ConfigError("ITS ayarları eksik: pharmadesk config set its.gln GLN ve its.username GLN0000",
                          "ITS settings missing: pharmadesk config set its.gln GLN and its.username GLN0000")
    password = settings.get_password(username)
    if not password:
        raise ConfigError("ITS parolası yok: pharmadesk config set-password ya da PHARMADESK_ITS_PASSWORD.",
                          "No ITS password: run pharmadesk config set-password or set PHARMADESK_ITS_PASSWORD.")
    return password


# ---- sync ------------------------------------------------------------------------------------

@_guarded
def sync_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="pharmadesk sync",
                                     description="Send the queue to ITS, then list every box ITS rejected "
                                                 "or that needs a look. Exit 0: all accepted; 1: some "
                                                 "items rejected by ITS; 2: ITS could not be reached "
                                                 "or refused the login (the queue is kept); 3: the "
                                                 "local database cannot be written; 4: an unexpected "
                                                 "error in PharmaDesk (details in the log).")
    _common(parser)
    args = parser.parse_args(argv)
    with _store(args) as store:
        return _send(store, _lang(args))


@_guarded
def retry_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="pharmadesk retry",
        description="Send again the notifications ITS refused as a whole (their boxes need "
                    "attention, e.g. 11903 for an unknown supplier), then sync them. With header "
                    "options (--counterparty, --doc, ...) the one notification chosen by "
                    "--notification (or the only stopped one of --op) is corrected first. Exit "
                    "codes as pharmadesk sync.")
    _common(parser)
    _header_arguments(parser, op_required=False)
    parser.add_argument("--notification", type=int, metavar="N", help="the stopped notification #N only")
    args = parser.parse_args(argv)
    lang = _lang(args)
    with _store(args) as store:
        stopped = [n for n in store.stopped_notifications(args.op)
                   if args.notification is None or n["id"] == args.notification]
        if not stopped:
            print("Yeniden gönderilecek durmuş bildirim yok." if lang == "tr" else
                  "No stopped notification to send again.")
            return 0
        stakeholder = Config(store).stakeholder()
        header = None
        if _header_given(args):
            if len(stopped) > 1:
                raise ConfigError("Bilgileri düzeltilecek bildirimi --notification N ile seçin: "
                                  + ", ".join(f"#{n['id']}" for n in stopped),
                                  "Choose the notification to correct with --notification N: "
                                  + ", ".join(f"#{n['id']}" for n in stopped))
            header = _session(args, store, Operation(stopped[0]["operation"])).effective_header()
        for notification in stopped:
            name = operation_name(Operation(notification["operation"]), lang, stakeholder)
            boxes = "kutu" if lang == "tr" else "boxes"
            print(f"#{notification['id']} {name}: {notification['stopped']} {boxes}, ITS "
                  f"{notification['fc'] or ''} {notification['message'] or ''}".rstrip())
            store.retry_stopped(notification["id"], header)
        return _send(store, lang, {Operation(n["operation"]) for n in stopped})


def _send(store: Store, lang: str, operations: set[Operation] | None = None) -> int:
    """Sync (everything, or the notifications of `operations`), print the summary and one
    line per box of this run that ITS rejected or that needs a look; the exit code."""
    problem_states = [states.REJECTED, states.NEEDS_ATTENTION]
    before = {item["id"] for item in store.items(states_=problem_states)}
    report = _sync(store, lang, operations)
    problems = [item for item in store.items(states_=problem_states, newest_first=False)
                if item["id"] not in before]  # this run's answers only
    _print_report(report, lang)
    _print_boxes(problems, lang)
    return report.exit_code


def _sync(store: Store, lang: str, operations=None):
    """Send the queue (or only `operations`) with a progress line; the SyncReport. A station
    that cannot send (settings, password, another sync running) is a ConfigError."""
    with engine_run(store, lang) as engine:
        return engine.run(operations)


@contextlib.contextmanager
def engine_run(store: Store, lang: str):
    """A sync engine of the station's settings with a progress line per chunk (a bar on a
    terminal), closed afterwards: what sync, retry and verify-stock send with. Another
    sync running is a ConfigError (exit 2 through _guarded)."""
    printer = ProgressPrinter(lang, sys.stdout.isatty())
    engine = sync_engine(store, printer)
    try:
        yield engine
    except SyncBusy as busy:
        raise ConfigError(busy.message_tr, busy.message_en) from busy
    finally:
        engine.client.close()
        printer.finish()


def _print_report(report, lang: str) -> None:
    """The sync's summary: on stderr when PharmaDesk itself failed (exit 4)."""
    from pharmadesk.sync import FAILED

    print(report.message(lang), file=sys.stderr if report.outcome == FAILED else sys.stdout)


BOXES_SHOWN = 200  # boxes listed after a sync; `status --items` lists them all


def _print_boxes(items: list[dict], lang: str) -> None:
    """One line per box: state, GTIN, serial, code, what it means, what to do."""
    for item in items[:BOXES_SHOWN]:
        _print_box(item, lang)
    if len(items) > BOXES_SHOWN:
        more = len(items) - BOXES_SHOWN
        print(f"... ve {more} kutu daha: pharmadesk status --items --state rejected" if lang == "tr" else
              f"... and {more} more boxes: pharmadesk status --items --state rejected")


def _print_box(item: dict, lang: str, stakeholder=None) -> None:
    """One box and ITS's answer; for a verification (`stakeholder` given) also the operations
    the box allows at this kind of station."""
    from pharmadesk.its import codes

    code, meaning, advice = reconcile.explain(item, lang)
    todo = (" → Yapılacak: " if lang == "tr" else " → To do: ") + advice if advice else ""
    allows = ""
    if stakeholder is not None and item.get("uc"):
        actions = codes.describe(item["uc"], lang, stakeholder=stakeholder).actions
        if actions:
            names = ", ".join(operation_name(action, lang, stakeholder) for action in actions)
            allows = (" (yapılabilir: " if lang == "tr" else " (allows: ") + names + ")"
    print(f"{_state_name(item['state'], lang):<16} GTIN {item['gtin']}  SN {item['serial']}  "
          f"{code or '-':<5}  {meaning}{todo}{allows}")


def sync_engine(store: Store, on_progress):
    """The sync engine of this station's settings and password; a missing setting or
    password is a ConfigError (exit 2 through _guarded)."""
    from pharmadesk.its.errors import ItsConfigError
    from pharmadesk.sync import engine_from_config

    cfg = Config(store)
    password = its_password(cfg)
    try:
        return engine_from_config(store, cfg, password, on_progress=on_progress)
    except ItsConfigError as error:  # settings the ITS client cannot work with
        raise ConfigError(error.message_tr, error.message_en) from error


# ---- codes -----------------------------------------------------------------------------------

@_guarded
def codes_main(argv: list[str]) -> int:
    from pharmadesk.its import code_texts
    from pharmadesk.its.errors import ItsError
    from pharmadesk.its.rest_services import ITS2
    from pharmadesk.sync import client_from_config

    parser = argparse.ArgumentParser(prog="pharmadesk codes", description="ITS result codes.")
    actions = parser.add_subparsers(dest="action", required=True)
    update = actions.add_parser("update", help="fetch ITS's own texts of its codes (its2 code list service); "
                                               "exit 2 if ITS cannot be reached")
    _common(parser)
    _common(update)
    args = parser.parse_args(argv)
    lang = _lang(args)
    with _store(args) as store:
        cfg = Config(store)
        password = its_password(cfg)
        client = client_from_config(store, cfg, password, protocol=ITS2)  # the code list is REST only
        try:
            refreshed = code_texts.refresh(store, client)
        except ItsError as error:
            _err(error.message(lang))
            return EXIT_SETUP
        finally:
            client.close()
    print(refreshed.message(lang))
    return 0


class ProgressPrinter:
    """A progress bar on a terminal; one plain line per chunk otherwise (logs, pipes)."""

    def __init__(self, lang: str, tty: bool):
        self.lang, self.tty = lang, tty
        self._last = None

    def __call__(self, progress) -> None:
        where = operation_name(progress.operation, self.lang) if progress.operation else ""
        if progress.notification_id:
            where += f" #{progress.notification_id}"
        retry = ""
        if progress.retrying:
            from pharmadesk.its.network import retry_line

            retry = " — " + retry_line(progress.failure, progress.retry_in, progress.attempt,
                                       progress.attempts, self.lang)
        if self.tty:
            width = 30
            filled = width * progress.done // progress.total if progress.total else width
            bar = "#" * filled + "-" * (width - filled)
            sys.stdout.write(f"\r[{bar}] {progress.done}/{progress.total} {where}{retry}\033[K")
            sys.stdout.flush()
            return
        line = f"{progress.done}/{progress.total} {where}{retry}".rstrip()
        if line != self._last:
            print(line, flush=True)
            self._last = line

    def finish(self) -> None:
        if self.tty:
            sys.stdout.write("\n")


# ---- status ----------------------------------------------------------------------------------

@_guarded
def status_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="pharmadesk status",
                                     description="Items per operation and state, and the last sync.")
    _common(parser)
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("--items", action="store_true",
                        help="one line per box (newest first): state, GTIN, serial, ITS code, what it "
                             "means, what to do; with --json a list of boxes")
    parser.add_argument("--state", choices=states.ALL, help="--items: only boxes in this state")
    parser.add_argument("--limit", type=int, default=1000, help="--items: at most this many boxes (default 1000)")
    args = parser.parse_args(argv)
    lang = _lang(args)
    try:
        store = _store(args)
    except StoreError as error:
        if error.kind not in ("full", "readonly", "io", "cantopen"):
            raise
        # The queue can still be shown from a disk that cannot be written.
        store = open_store(settings.data_dir(getattr(args, "data_dir", None)), read_only=True)
        _err(error.message(lang) + (" Durum salt okunur açılarak gösteriliyor." if lang == "tr"
                                    else " The status is shown from a read-only view."))
    with store:
        if args.items:
            return _print_items(store.items(states_=[args.state] if args.state else (), limit=args.limit),
                                lang, as_json=args.json)
        report = {"items": store.counts(), "operations": store.counts_by_operation(),
                  "last_sync": _last_sync(store.last_sync())}
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return 0
    print(("Kuyruk: " if lang == "tr" else "Queue: ") +
          ", ".join(f"{_state_name(state, lang)} {n}" for state, n in report["items"].items()))
    for op, counts in sorted(report["operations"].items()):
        busy = ", ".join(f"{_state_name(state, lang)} {n}" for state, n in counts.items() if n)
        print(f"  {operation_name(Operation(op), lang)}: {busy}")
    last = report["last_sync"]
    if last:
        label = "Son gönderim" if lang == "tr" else "Last sync"
        message = in_language(last["message_tr"], last["message"], lang)
        print(f"{label}: {last['finished_at']} ({last['outcome']}) — {message}")
    return 0


def _print_items(items: list[dict], lang: str, *, as_json: bool) -> int:
    from pharmadesk.its import codes

    if not as_json:
        for item in items:
            _print_box(item, lang)
        return 0
    boxes = []
    for item in items:
        code, meaning, advice = reconcile.explain(item, lang)
        boxes.append({"id": item["id"], "operation": item["operation"], "gtin": item["gtin"],
                      "serial": item["serial"], "batch": item["batch"], "expiry": item["expiry"],
                      "state": item["state"], "code": code or None, "meaning": meaning or None,
                      "advice": advice or None, "scanned_at": item["scanned_at"]})
    print(json.dumps(boxes, ensure_ascii=False, indent=2))
    return 0


_STATE_NAMES_TR = {"queued": "kuyrukta", "sending": "gönderiliyor", "accepted": "kabul",
                   "rejected": "ret", "needs-attention": "kontrol bekliyor", "removed": "çıkarıldı",
                   "waiting": "bilgi bekliyor"}


def _state_name(state: str, lang: str) -> str:
    return _STATE_NAMES_TR.get(state, state) if lang == "tr" else state


def _last_sync(run: dict | None) -> dict | None:
    """The last finished sync; `message` is in English, `message_tr` in Turkish."""
    if run is None:
        return None
    return {key: run.get(key) for key in ("started_at", "finished_at", "outcome", "accepted",
                                          "rejected", "needs_attention", "message", "message_tr")}


__all__ = ["config_main", "scan_main", "import_main", "sync_main", "status_main", "its_password"]
