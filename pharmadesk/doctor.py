"""`pharmadesk doctor`: checks what a station needs — decoders, cameras, serial ports, the
password store, the data folder and the ITS connection — and says how to fix each problem,
in Turkish by default or in English (--lang en or PHARMADESK_LANG=en, as the other commands)."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from pharmadesk import config as settings
from pharmadesk.bilingual import chosen_language

OK, WARN, FAIL = "ok", "warn", "fail"


class Text(NamedTuple):
    """One message in both languages."""

    tr: str
    en: str

    def pick(self, lang: str) -> str:
        return self.tr if lang == "tr" else self.en


NO_FIX = Text("", "")
REINSTALL = Text("PharmaDesk'i yeniden kurun", "reinstall PharmaDesk")

# What each check is called on screen; the name stays the key scripts read (--json).
LABELS = {
    "decoders": Text("kamera kod çözücüleri", "camera decoders"),
    "zxing-cpp": Text("zxing-cpp", "zxing-cpp"),
    "libdmtx": Text("libdmtx", "libdmtx"),
    "cameras": Text("kameralar", "cameras"),
    "serial ports": Text("seri portlar", "serial ports"),
    "serial scanner": Text("seri port okuyucu", "serial scanner"),
    "camera source": Text("seçili kamera", "chosen camera"),
    "scanner profiles": Text("okuyucu profilleri", "scanner profiles"),
    "password store": Text("parola kasası", "password store"),
    "data folder": Text("veri klasörü", "data folder"),
    "database": Text("veritabanı", "database"),
    "database server": Text("veritabanı sunucusu", "database server"),
    "database TLS": Text("sunucu bağlantısının şifrelenmesi (TLS)", "database connection encryption (TLS)"),
    "database schema": Text("sunucudaki şema sürümü", "schema version on the server"),
    "database latency": Text("sunucu gecikmesi", "database server latency"),
    "database durability": Text("sunucuda kayıt güvenliği", "durability on the server"),
    "ITS": Text("İTS bağlantısı", "ITS connection"),
    "ITS check": Text("İTS deneme doğrulaması", "ITS trial verification"),
}


@dataclass
class Check:
    name: str  # stable key for scripts, e.g. "data folder", "ITS"
    status: str  # ok | warn | fail
    detail: Text
    fix: Text = NO_FIX
    raw: str | None = None  # an exchange with ITS to show as it was (--its-check), password masked

    @property
    def label(self) -> Text:
        return LABELS.get(self.name, Text(self.name, self.name))

    def as_json(self, lang: str) -> dict[str, str]:
        """label, detail and fix in the chosen language, and each in both (…_tr, …_en)."""
        texts = {"label": self.label, "detail": self.detail, "fix": self.fix}
        chosen = {key: text.pick(lang) for key, text in texts.items()}
        both = {f"{key}_{code}": getattr(text, code) for key, text in texts.items() for code in ("tr", "en")}
        raw = {"raw": self.raw} if self.raw is not None else {}
        return {"name": self.name, "status": self.status, **chosen, **both, **raw}


def _same(text: str) -> Text:
    """A message with no words to translate (versions, paths, port names)."""
    return Text(text, text)


def check_decoders() -> list[Check]:
    try:
        from scanners.camera import decoder_status
    except ImportError as error:  # OpenCV or zxing-cpp missing from the installation
        return [Check("decoders", FAIL,
                      Text(f"kamera kod çözücüsü yüklenemiyor: {error}", f"camera decoder cannot load: {error}"),
                      Text("OpenCV ve zxing-cpp'nin gelmesi için PharmaDesk'i yeniden kurun "
                           "(make run / kurulum programı)",
                           "reinstall PharmaDesk (make run / the installer) so OpenCV and zxing-cpp are present"))]
    status = decoder_status()
    if status["zxing_cpp"]:
        checks = [Check("zxing-cpp", OK, _same(f"zxing-cpp {status['zxing_cpp']}"))]
    else:
        checks = [Check("zxing-cpp", FAIL, Text("zxing-cpp kurulu değil", "zxing-cpp not installed"),
                        Text("PharmaDesk'i yeniden kurun; web kamerası onsuz karekod okuyamaz",
                             "reinstall PharmaDesk; the webcam cannot read karekods without it"))]
    if status["libdmtx"]:
        checks.append(Check("libdmtx", OK, _same(f"libdmtx {status['libdmtx']} (pylibdmtx {status['pylibdmtx']})")))
    else:
        checks.append(Check("libdmtx", WARN,
                            Text("libdmtx bulunamadı: web kamerası yalnızca zxing-cpp ile okur",
                                 "libdmtx not found: the webcam uses zxing-cpp alone"),
                            _same("Debian/Ubuntu: sudo apt-get install libdmtx0b")))
    return checks


# Settings the station's Scanners page writes, declared in pharmadesk/config.py.
SERIAL_PORT_SETTING = settings.SERIAL_PORT_SETTING
SERIAL_BAUD_SETTING = settings.SERIAL_BAUD_SETTING
CAMERA_SETTING = settings.CAMERA_SETTING


def check_cameras() -> Check:
    try:
        from scanners.camera_capture import list_cameras
        cameras = list_cameras()
    except Exception as error:  # a broken camera driver must not stop the other checks
        return Check("cameras", WARN,
                     Text(f"kameralar listelenemedi: {error}", f"cameras could not be listed: {error}"),
                     Text("kamera sürücüsünü kontrol edin", "check the camera driver"))
    if cameras:
        numbers = ", ".join(map(str, cameras))
        return Check("cameras", OK, Text(
            f"{numbers} numaralı kamera{'lar' if len(cameras) > 1 else ''} açılıyor ve görüntü veriyor",
            f"camera index {numbers} opens and gives a picture"))
    return Check("cameras", WARN,
                 Text("kamera bulunamadı (USB ve seri port okuyucular yine çalışır)",
                      "no camera found (USB and serial scanners still work)"),
                 Text("web kamerası yalnızca onunla okutmak isterseniz gerekir",
                      "plug in a webcam only if you want to scan with it"))


def check_camera_source(source: str) -> Check:
    """The camera chosen in Settings → Scanners: does it open and give a picture?"""
    try:
        from scanners.camera_capture import probe_source
        width, height = probe_source(int(source) if source.isdigit() else source)
    except Exception as error:
        return Check("camera source", FAIL, _same(f"{source}: {error}"),
                     Text("web kamerasını takın ve onu kullanan diğer programları (görüntülü görüşme) "
                          "kapatın ya da Ayarlar'ın Okuyucular sekmesinden başka bir kamera seçin",
                          "plug the webcam in and close other programs using it (video calls), "
                          "or choose another camera in Settings → Scanners"))
    return Check("camera source", OK, Text(f"{source} {width}x{height} görüntü veriyor",
                                           f"{source} gives a {width}x{height} picture"))


def check_serial_ports() -> Check:
    try:
        from scanners.serial import list_ports
        ports = list_ports()
    except Exception as error:
        return Check("serial ports", WARN, Text(f"seri portlar listelenemedi: {error}",
                                                f"serial ports could not be listed: {error}"))
    if ports:
        return Check("serial ports", OK, _same(", ".join(f"{p['device']} ({p['description']})" for p in ports)))
    return Check("serial ports", WARN,
                 Text("seri/COM port yok (USB klavye okuyucular için sorun değil)",
                      "no serial/COM port (fine for USB keyboard scanners)"),
                 Text("seri port okuyucu takılıp sürücüsü kurulunca burada görünür",
                      "a serial scanner shows up here once plugged in and its driver is installed"))


def check_serial_scanner(port: str, baudrate: int) -> Check:
    """The serial port chosen in Settings → Scanners: can it be opened?"""
    import serial

    try:
        serial.serial_for_url(port, baudrate=baudrate, timeout=0).close()
    except (serial.SerialException, OSError, ValueError) as error:
        return Check("serial scanner", FAIL,
                     Text(f"{port} açılamıyor: {error}", f"{port} cannot be opened: {error}"),
                     Text("okuyucuyu takın ve seri portlar arasında göründüğünü kontrol edin; portu kullanan "
                          "başka bir program varsa kapatın ya da Ayarlar'ın Okuyucular sekmesinden doğru "
                          "portu seçin",
                          "plug the scanner in and check it is listed under serial ports; close any "
                          "other program using the port, or choose the right port in Settings → Scanners"))
    return Check("serial scanner", OK, Text(f"{port} açılıyor ({baudrate} baud)", f"{port} opens ({baudrate} baud)"))


def check_chosen_scanners(folder: Path) -> list[Check]:
    """The serial scanner and camera chosen in the settings, when there are any."""
    from pharmadesk.store import StoreError, StoreLocationError, open_store

    try:
        store = open_store(folder)
    except (StoreError, StoreLocationError):
        return []  # the data folder or database check says what is wrong
    try:
        port = (store.setting(SERIAL_PORT_SETTING) or "").strip()
        baudrate = settings.Config(store).get_or_default(SERIAL_BAUD_SETTING)
        camera = (store.setting(CAMERA_SETTING) or "").strip()  # only a camera the user chose
    finally:
        store.close()
    checks = []
    if port:
        checks.append(check_serial_scanner(port, baudrate))
    if camera:
        checks.append(check_camera_source(camera))
    return checks


def check_profiles() -> Check:
    """The scanner profiles the scanner test compares a test scan with (a bundle that lost
    its data files would have none)."""
    try:
        from scanners.profiles import load_profiles
        loaded = load_profiles()
    except Exception as error:
        return Check("scanner profiles", FAIL, Text(f"okuyucu profilleri okunamıyor: {error}",
                                                    f"scanner profiles cannot be read: {error}"), REINSTALL)
    if not loaded:
        return Check("scanner profiles", FAIL, Text("hiç okuyucu profili yok", "no scanner profile found"), REINSTALL)
    return Check("scanner profiles", OK, _same(", ".join(p.id for p in loaded)))


def check_keyring() -> Check:
    if settings.keyring_available():
        import keyring

        return Check("password store", OK, _same(type(keyring.get_keyring()).__name__))
    env = settings.PASSWORD_ENV
    if os.environ.get(env):
        return Check("password store", OK, Text(f"parola kasası yok; parola {env} ortam değişkeninden geliyor",
                                                f"no keyring; the password comes from {env}"))
    return Check("password store", WARN,
                 Text("bu bilgisayarda işletim sisteminin parola kasası (keyring) yok",
                      "no OS keyring on this computer"),
                 Text(f"Windows'ta hazır gelir; Linux'ta gnome-keyring kurun ya da parolayı {env} "
                      "ortam değişkeniyle verin",
                      f"Windows has one built in; on Linux install gnome-keyring, or set {env}"))


def check_data_dir(folder: Path) -> Check:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".doctor-"):
            pass
    except OSError as error:
        return Check("data folder", FAIL,
                     Text(f"{folder} klasörüne yazılamıyor: {error.strerror}",
                          f"{folder} is not writable: {error.strerror}"),
                     Text("bu kullanıcıya klasöre yazma izni verin, diskte yer açın ya da --data-dir ile "
                          "başka bir klasör verin",
                          "give this user write access to the folder, free some disk space, or use --data-dir"))
    free_mb = _free_megabytes(folder)
    if free_mb < 200:
        return Check("data folder", WARN,
                     Text(f"{folder}: yalnızca {free_mb} MB boş yer var", f"{folder}: only {free_mb} MB free"),
                     Text("diskte yer açın", "free some disk space"))
    return Check("data folder", OK, Text(f"{folder} ({free_mb} MB boş)", f"{folder} ({free_mb} MB free)"))


def _free_megabytes(folder: Path) -> int:
    import shutil

    return shutil.disk_usage(folder).free // (1024 * 1024)


def check_database(folder: Path) -> Check:
    """The database's size on disk (with its write-ahead log) and how long the message log
    keeps its full XML: the one thing in it that grows with every sync."""
    from pharmadesk.store import DATABASE_NAME, StoreError, open_store

    try:
        store = open_store(folder)
    except StoreError as error:
        return Check("database", FAIL, Text(error.message("tr"), error.message("en")),
                     Text("önce veri klasörünün sorununu giderin", "fix the data folder first"))
    try:
        days = settings.Config(store).get(settings.MESSAGE_LOG_DAYS_SETTING)
        exchanges = store.scalar("SELECT COUNT(*) FROM message_log")
    finally:
        store.close()
    path = folder / DATABASE_NAME
    size_mb = sum(part.stat().st_size for part in (path, path.with_name(path.name + "-wal"))
                  if part.exists()) / 1e6
    kept_tr = f"tam XML {days} gün saklanır" if days else "tam XML hep saklanır"
    kept_en = f"full XML kept {days} days" if days else "full XML kept for ever"
    return Check("database", OK, Text(
        f"{path} {size_mb:.1f} MB; ileti kaydında {exchanges} kayıt, {kept_tr} "
        f"({settings.MESSAGE_LOG_DAYS_SETTING})",
        f"{path} {size_mb:.1f} MB; message log of {exchanges} exchanges, {kept_en} "
        f"({settings.MESSAGE_LOG_DAYS_SETTING})"))


# Above this median `SELECT 1` round trip a scan (a few round trips) is felt at the counter.
SLOW_SERVER_MS = 20.0

# What a failed login to the server means, and what to do (by StoreError kind).
_SERVER_FAILURES = {
    "unreachable": (Text("ulaşılamıyor (unreachable)", "unreachable"),
                    Text("sunucunun açık olduğunu, adresini (store.url) ve bu bilgisayardan ağ erişimini "
                         "kontrol edin; bilgi işleme haber verin",
                         "check that the server is running, its address (store.url) and the network from "
                         "this computer; tell your IT person")),
    "tls": (Text("sunucunun TLS sertifikası doğrulanamadı (tls)", "the server's TLS certificate could not be verified (tls)"),
            Text("store.url adresindeki sslrootcert dosyasını ve sunucu adını kontrol edin",
                 "check the sslrootcert file in store.url and the server's name")),
    "auth": (Text("sunucu girişi reddetti (auth): kullanıcı adı ya da parola yanlış",
                  "the server refused the login (auth): wrong user name or password"),
             Text("pharmadesk store set-password ile parolayı yeniden girin (ya da PHARMADESK_STORE_PASSWORD)",
                  "enter the password again with pharmadesk store set-password (or PHARMADESK_STORE_PASSWORD)")),
}


def _server_failure(address, error) -> Check:
    what, fix = _SERVER_FAILURES.get(error.kind, (Text(error.message("tr"), error.message("en")), NO_FIX))
    detail = f" ({error.detail})" if error.detail else ""
    return Check("database server", FAIL, Text(f"{address.display}: {what.tr}{detail}",
                                               f"{address.display}: {what.en}{detail}"), fix)


def check_store_server(address) -> list[Check]:
    """A station on a shared PostgreSQL server (store.url): can it log in, is the
    connection encrypted, is the schema this PharmaDesk's, how long is a round trip."""
    from pharmadesk.store import StoreError, migrations, server

    try:
        conn = server.connect(address, "doctor")
    except StoreError as error:
        return [_server_failure(address, error)]
    try:
        facts = server.facts(conn)
    except StoreError as error:
        return [_server_failure(address, error)]
    finally:
        conn.close()
    checks = [Check("database server", OK, Text(
        f"{address.display} erişilebilir, giriş tamam (PostgreSQL {facts.server_version})",
        f"{address.display} reachable, login ok (PostgreSQL {facts.server_version})"))]
    if facts.tls:
        checks.append(Check("database TLS", OK, _same(facts.tls)))
    elif address.host in ("127.0.0.1", "::1", "localhost") or address.host.startswith("/"):
        checks.append(Check("database TLS", OK, Text("şifresiz; sunucu bu bilgisayarda",
                                                     "not encrypted; the server is on this computer")))
    else:
        checks.append(Check("database TLS", WARN,
                            Text("bağlantı şifresiz: ağdaki biri okutmaları ve hasta T.C. numaralarını görebilir",
                                 "the connection is not encrypted: someone on the network could read the "
                                 "scans and patients' T.C. numbers"),
                            Text("store.url adresine ?sslmode=verify-full&sslrootcert=<CA dosyası> ekleyin (README)",
                                 "add ?sslmode=verify-full&sslrootcert=<CA file> to store.url (README)")))
    latest = migrations.LATEST
    if facts.schema_version == latest:
        checks.append(Check("database schema", OK, Text(f"sürüm {latest}, bu PharmaDesk ile aynı",
                                                        f"version {latest}, the same as this PharmaDesk's")))
    elif facts.schema_version == 0:
        checks.append(Check("database schema", FAIL, Text("sunucudaki veritabanında PharmaDesk şeması yok",
                                                          "the database on the server has no PharmaDesk schema"),
                            _same(f"pharmadesk store init {address}")))
    elif facts.schema_version < latest:
        checks.append(Check("database schema", FAIL,
                            Text(f"sürüm {facts.schema_version}, bu PharmaDesk {latest} bekliyor",
                                 f"version {facts.schema_version}, this PharmaDesk needs {latest}"),
                            Text("bütün istasyonlar güncellenince: pharmadesk store migrate",
                                 "once every station is updated: pharmadesk store migrate")))
    else:
        checks.append(Check("database schema", FAIL,
                            Text(f"sürüm {facts.schema_version}, bu PharmaDesk {latest}: sunucu daha yeni",
                                 f"version {facts.schema_version}, this PharmaDesk {latest}: the server is newer"),
                            Text("bu istasyondaki PharmaDesk'i güncelleyin", "update PharmaDesk on this station")))
    if not facts.durable:
        checks.append(Check("database durability", WARN,
                            Text("sunucuda fsync ya da synchronous_commit kapalı: sunucu çökerse son okutmalar "
                                 "kaybolabilir", "fsync or synchronous_commit is off on the server: a server "
                                 "crash may lose the last scans"),
                            Text("postgresql.conf: fsync = on, synchronous_commit = on",
                                 "postgresql.conf: fsync = on, synchronous_commit = on")))
    slow = facts.latency_ms > SLOW_SERVER_MS
    checks.append(Check("database latency", WARN if slow else OK,
                        Text(f"{facts.latency_ms:.1f} ms (SELECT 1, ortanca)", f"{facts.latency_ms:.1f} ms (SELECT 1, median)"),
                        Text("ağ yavaş: okutmalar gecikerek kaydedilir; bilgi işleme haber verin",
                             "the network is slow: scans are saved with a delay; tell your IT person")
                        if slow else NO_FIX))
    return checks


def check_its(folder: Path) -> Check:
    from pharmadesk.its import network
    from pharmadesk.its.connect import base_url_for
    from pharmadesk.store import StoreError, StoreLocationError, open_store

    try:
        store = open_store(folder)
    except (StoreError, StoreLocationError):
        return Check("ITS", FAIL, Text("İTS ayarları okunamadı: veritabanı açılamıyor",
                                       "the ITS settings cannot be read: the database does not open"),
                     Text("önce veri klasörünün ya da veritabanının sorununu giderin",
                          "fix the data folder or the database first"))
    try:
        config = settings.Config(store)
        base_url = base_url_for(config.get("its.protocol"), config.get("its.url"))  # its2: ITS2's host
        verify = config.get("its.verify_tls")
    finally:
        store.close()
    health = network.probe(base_url, verify=verify)
    if health.state == network.UNREACHABLE:
        words = health.error.words
        return Check("ITS", FAIL, Text(words.what_tr, words.what_en), Text(words.todo_tr, words.todo_en))
    if health.state == network.ERRORS:
        return Check("ITS", WARN, Text(f"{base_url} {health.message_tr} ile yanıt veriyor",
                                       f"{base_url} answers {health.message_en}"),
                     Text("İTS'de bir sorun var; daha sonra yeniden deneyin", "ITS is having trouble; try later"))
    return Check("ITS", OK, Text(f"{base_url} yanıt veriyor ({health.message_tr}, {health.elapsed_ms:.0f} ms)",
                                 f"{base_url} answers ({health.message_en}, {health.elapsed_ms:.0f} ms)"))


def check_databases(folder: Path, data_dir: Check) -> list[Check]:
    """The station's own SQLite file, or the shared server its store.url names."""
    from pharmadesk.store import StoreLocationError, location_of

    try:
        where = location_of(folder)
    except StoreLocationError as error:
        return [Check("database server", FAIL, Text(error.message_tr, error.message_en),
                      _same("pharmadesk config set store.url postgresql://USER@HOST/DB"))]
    if isinstance(where, Path):
        return [check_database(folder)] if data_dir.status != FAIL else []
    return check_store_server(where)


def run_checks(folder: Path) -> list[Check]:
    data_dir = check_data_dir(folder)
    chosen = check_chosen_scanners(folder) if data_dir.status != FAIL else []
    return [*check_decoders(), check_cameras(), check_serial_ports(), *chosen, check_profiles(),
            check_keyring(), data_dir, *check_databases(folder, data_dir), check_its(folder)]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="pharmadesk doctor", description="Check this station.")
    parser.add_argument("--data-dir", help="folder of the database")
    parser.add_argument("--json", action="store_true",
                        help="print the results as JSON: name and status, label/detail/fix in the chosen "
                             "language and in both (label_tr, label_en, detail_tr, ...)")
    parser.add_argument("--lang", choices=("tr", "en"),
                        help="language of the messages (default: $PHARMADESK_LANG or tr)")
    parser.add_argument("--its-check", metavar="KAREKOD",
                        help="send one Ürün Doğrulama of this box (raw karekod, GS as \\x1d) to the configured "
                             "ITS: whether the path, namespace and credentials work, with ITS's raw answer "
                             "(it changes nothing on ITS)")
    args = parser.parse_args(argv)
    lang = chosen_language(args.lang)
    folder = settings.data_dir(args.data_dir)
    checks = run_checks(folder)
    if args.its_check is not None:
        from pharmadesk.its_check import check_its_service

        checks.append(check_its_service(folder, args.its_check))
    if args.json:
        print(json.dumps([check.as_json(lang) for check in checks], ensure_ascii=False, indent=2))
    else:
        marks = ({OK: "[TAMAM]", WARN: "[UYARI]", FAIL: "[HATA]"} if lang == "tr" else
                 {OK: "[ OK ]", WARN: "[WARN]", FAIL: "[FAIL]"})
        width = max(map(len, marks.values()))
        fix_word = "çözüm" if lang == "tr" else "fix"
        for check in checks:
            print(f"{marks[check.status]:<{width}} {check.label.pick(lang)}: {check.detail.pick(lang)}")
            if check.fix.pick(lang):
                print(f"{'':<{width}} {fix_word}: {check.fix.pick(lang)}")
            if check.raw:
                print(("--- İTS ile yapılan alışveriş (parola gizli) ---" if lang == "tr"
                       else "--- the exchange with ITS (password masked) ---") + f"\n{check.raw}\n---")
    sys.stdout.flush()
    return 1 if any(check.status == FAIL for check in checks) else 0
