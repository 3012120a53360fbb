"""`pharmadesk store init|migrate|copy|set-password|status`: what an IT person runs to put
several stations on one PostgreSQL server (README, "Several stations on one database").
Exit codes as for the other subcommands: 0 done (or nothing to do), 1 refused because of
what the server or the file already holds (nothing changed), 2 an address, password or
setting missing or unusable, 3 the database could not be reached or used, or a copy's
count check failed (rolled back), 4 an unexpected error in PharmaDesk."""

from __future__ import annotations

import argparse
import getpass
import json
import sqlite3
import sys
import time
from pathlib import Path

import sqlite_utils

from pharmadesk import config as settings
from pharmadesk.commands import EXIT_REFUSED, EXIT_SETUP, EXIT_STORE, _common, _err, _guarded, _lang
from pharmadesk.config import ConfigError
from pharmadesk.store import DATABASE_NAME, migrations, open_store, server
from pharmadesk.store.errors import translate
from pharmadesk.store.location import STORE_URL_SETTING, location_of, set_store_url
from pharmadesk.store.postgres import STORE_PASSWORD_ENV, PgAddress, parse_address, set_store_password


def _say(lang: str, text_tr: str, text_en: str) -> None:
    print(text_tr if lang == "tr" else text_en)


def _data_dir(args) -> Path:
    return settings.data_dir(getattr(args, "data_dir", None))


def _address(args, given: str | None) -> PgAddress | None:
    """The server named on the command line, else the station's store.url; None: the
    station uses its SQLite file."""
    if given:
        return parse_address(given)
    where = location_of(_data_dir(args))
    return where if isinstance(where, PgAddress) else None


def _server_address(args, given: str | None) -> PgAddress:
    address = _address(args, given)
    if address is None:
        raise ConfigError("Bu istasyon kendi SQLite dosyasını kullanıyor: sunucunun adresini verin "
                          "(postgresql://KULLANICI@SUNUCU/VERİTABANI).",
                          "This station uses its own SQLite file: give the server's address "
                          "(postgresql://USER@HOST/DATABASE).")
    return address


@_guarded
def store_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="pharmadesk store",
        description="Several stations on one PostgreSQL server: make and upgrade its schema, move a "
                    "station's data to it, keep its password, see how it is. The password is never a "
                    f"flag: set-password keeps it in the OS keyring, or give {STORE_PASSWORD_ENV}.")
    _common(parser)
    commands = parser.add_subparsers(dest="command", required=True)
    init = commands.add_parser("init", help="create PharmaDesk's schema in an empty database")
    init.add_argument("url", metavar="postgresql://USER@HOST[:PORT]/DB")
    init.add_argument("--use", action="store_true", help="also make this station use it (store.url)")
    upgrade = commands.add_parser("migrate", help="upgrade the server's schema to this PharmaDesk's "
                                                  "(after every station is updated)")
    upgrade.add_argument("url", nargs="?", metavar="URL", help="default: this station's store.url")
    copy = commands.add_parser("copy", help="move this station's SQLite data to an empty server database, "
                                            "with a check of the counts")
    copy.add_argument("--to", required=True, metavar="postgresql://USER@HOST[:PORT]/DB")
    copy.add_argument("--use", action="store_true", help="then make this station use the server (store.url)")
    password = commands.add_parser("set-password", help="keep the server's password in the OS keyring (prompts)")
    password.add_argument("url", nargs="?", metavar="URL", help="default: this station's store.url")
    status = commands.add_parser("status", help="engine, address, schema version, server version, latency")
    status.add_argument("--json", action="store_true", help="machine-readable output")
    for sub in commands.choices.values():
        _common(sub)
    args = parser.parse_args(argv)
    lang = _lang(args)
    try:
        if args.command == "init":
            return _init(args, lang)
        if args.command == "migrate":
            return _migrate(args, lang)
        if args.command == "copy":
            return _copy(args, lang)
        if args.command == "set-password":
            return _set_password(args, lang)
        return _status(args, lang)
    except server.SetupRefused as refused:
        _err(refused.message(lang))
        return EXIT_REFUSED


# ---- init and migrate ------------------------------------------------------------------------

def _init(args, lang: str) -> int:
    address = parse_address(args.url)
    conn = server.connect(address)
    try:
        version = server.init(conn)
    finally:
        conn.close()
    _say(lang, f"{address.display}: PharmaDesk şeması oluşturuldu (sürüm {version}).",
         f"{address.display}: PharmaDesk schema created (version {version}).")
    if args.use:
        _use(args, address, lang)
    else:
        _say(lang, f"İstasyonları bağlamak için her birinde: pharmadesk config set {STORE_URL_SETTING} {address}",
             f"To connect a station, on each one: pharmadesk config set {STORE_URL_SETTING} {address}")
    return 0


def _migrate(args, lang: str) -> int:
    address = _address(args, args.url)
    if address is None:
        return _migrate_sqlite(args, lang)
    conn = server.connect(address)
    try:
        before, after = server.migrate(conn)
    finally:
        conn.close()
    if before == after:
        _say(lang, f"{address.display}: şema zaten güncel (sürüm {after}).",
             f"{address.display}: the schema is already current (version {after}).")
    else:
        _say(lang, f"{address.display}: şema sürüm {before} → {after} yükseltildi.",
             f"{address.display}: schema upgraded from version {before} to {after}.")
    return 0


def _migrate_sqlite(args, lang: str) -> int:
    """A station's own file is upgraded whenever PharmaDesk opens it: done here too."""
    path = _data_dir(args) / DATABASE_NAME
    before = _sqlite_version(path)
    with open_store(_data_dir(args)) as store:
        after = store.schema_version
    _say(lang, f"Bu istasyon SQLite dosyasını kullanıyor ({path}); dosya her açılışta kendiliğinden "
               f"yükseltilir: " + (f"sürüm {before} → {after}." if before != after else f"zaten güncel (sürüm {after})."),
         f"This station uses its SQLite file ({path}); the file is upgraded automatically whenever it "
         f"is opened: " + (f"version {before} → {after}." if before != after else f"already current (version {after})."))
    return 0


def _sqlite_version(path: Path) -> int:
    if not path.exists():
        return 0
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return migrations.current_version(sqlite_utils.Database(conn))
    except sqlite3.Error as error:
        raise translate(error, path) from error
    finally:
        conn.close()


def _use(args, address: PgAddress, lang: str) -> None:
    kept = set_store_url(_data_dir(args), str(address))
    _say(lang, f"Bu istasyon artık sunucuyu kullanıyor: {STORE_URL_SETTING} = {kept}",
         f"This station now uses the server: {STORE_URL_SETTING} = {kept}")


# ---- copy ------------------------------------------------------------------------------------

def _copy(args, lang: str) -> int:
    address = parse_address(args.to)
    database = _data_dir(args) / DATABASE_NAME
    conn = server.connect(address)
    started = time.perf_counter()
    try:
        counts = server.copy_station(database, conn)
    except server.CopyMismatch as mismatch:
        _print_counts(mismatch.counts, lang)
        _err(mismatch.message(lang))
        return EXIT_STORE
    finally:
        conn.close()
    seconds = time.perf_counter() - started
    _print_counts(counts, lang)
    rows = sum(count.server for count in counts)
    _say(lang, f"Sayılar tutuyor: {rows} satır {seconds:.1f} sn'de {address.display} sunucusuna kopyalandı.",
         f"The counts agree: {rows} rows copied to {address.display} in {seconds:.1f} s.")
    _say(lang, f"İstasyonun SQLite dosyasına dokunulmadı: {database}",
         f"The station's SQLite file was left untouched: {database}")
    if args.use or _agrees(lang):
        _use(args, address, lang)
    else:
        _say(lang, f"İstasyonu sunucuya geçirmek için: pharmadesk config set {STORE_URL_SETTING} {address}",
             f"To switch this station to the server: pharmadesk config set {STORE_URL_SETTING} {address}")
    return 0


def _agrees(lang: str) -> bool:
    """Asked on a terminal only: a script says --use."""
    if not sys.stdin.isatty():
        return False
    answer = input("Bu istasyon artık sunucuyu kullansın mı? [e/H] " if lang == "tr" else
                   "Make this station use the server now? [y/N] ")
    return answer.strip().lower() in (("e", "evet", "y") if lang == "tr" else ("y", "yes"))


def _print_counts(counts: list[server.TableCount], lang: str) -> None:
    head = ("tablo", "istasyon", "sunucu") if lang == "tr" else ("table", "station", "server")
    width = max(len(head[0]), *(len(count.table) for count in counts))
    print(f"{head[0]:<{width}}  {head[1]:>9}  {head[2]:>9}")
    for count in sorted(counts, key=lambda count: count.table):
        mark = "" if count.same else ("  ≠ TUTMUYOR" if lang == "tr" else "  ≠ DIFFERS")
        print(f"{count.table:<{width}}  {count.station:>9}  {count.server:>9}{mark}")


# ---- password and status ---------------------------------------------------------------------

def _set_password(args, lang: str) -> int:
    address = _server_address(args, args.url)
    if not settings.keyring_available():
        raise ConfigError(f"Bu bilgisayarda parola kasası (keyring) yok. Sunucu parolasını {STORE_PASSWORD_ENV} "
                          "ortam değişkeniyle verin.",
                          "No password keyring is available on this computer. Give the server's password "
                          f"in the {STORE_PASSWORD_ENV} environment variable.")
    first = getpass.getpass(f"{address.display} parolası: " if lang == "tr" else f"Password of {address.display}: ")
    if not first or first != getpass.getpass("Parola (tekrar): " if lang == "tr" else "Password (again): "):
        _err("Parolalar aynı değil ya da boş." if lang == "tr" else "The passwords differ or are empty.")
        return EXIT_SETUP
    set_store_password(address, first)
    _say(lang, f"{address.display} parolası anahtar zincirine kaydedildi.",
         f"Password of {address.display} saved in the keyring.")
    return 0


def _status(args, lang: str) -> int:
    address = _address(args, None)
    if address is None:
        report = _sqlite_status(args)
    else:
        conn = server.connect(address, "status")
        try:
            found = server.facts(conn)
        finally:
            conn.close()
        report = {"engine": "postgresql", "address": str(address), "schema_version": found.schema_version,
                  "latest_schema": migrations.LATEST, "server_version": found.server_version,
                  "tls": found.tls, "latency_ms": round(found.latency_ms, 2)}
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return 0
    tr = lang == "tr"
    engine = "PostgreSQL " + report["server_version"] if report["engine"] == "postgresql" else \
        "SQLite " + report["server_version"]
    lines = [("Veritabanı" if tr else "Database", engine),
             ("Adres" if tr else "Address", report["address"]),
             ("Şema sürümü" if tr else "Schema version",
              f"{report['schema_version']} (PharmaDesk {report['latest_schema']})")]
    if report["engine"] == "postgresql":
        lines.append(("TLS", report["tls"] or ("yok (şifresiz)" if tr else "none (not encrypted)")))
    lines.append(("Gecikme" if tr else "Latency", f"{report['latency_ms']:.3g} ms"))
    width = max(len(label) for label, _ in lines)
    for label, value in lines:
        print(f"{label + ':':<{width + 1}} {value}")
    return 0


def _sqlite_status(args) -> dict:
    with open_store(_data_dir(args)) as store:
        version = store.schema_version
        latency = server.latency_ms(store.conn)
        return {"engine": "sqlite", "address": str(store.path), "schema_version": version,
                "latest_schema": migrations.LATEST, "server_version": sqlite3.sqlite_version,
                "tls": None, "latency_ms": round(latency, 3)}
