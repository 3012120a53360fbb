"""Settings: the typed options PharmaDesk reads (stored in the database's settings table,
overridable by PHARMADESK_<KEY> environment variables), the data folder, and the ITS
password — which lives only in the OS keyring or PHARMADESK_ITS_PASSWORD, never here."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from pharmadesk import masking
from pharmadesk.bilingual import DEFAULT_LANGUAGE, LANGUAGES, BilingualError
from pharmadesk.domain import Stakeholder, gln_is_valid, username_is_valid
from scanners.wedge import TURKISH_Q, US, WedgeSettings

KEYRING_SERVICE = "PharmaDesk ITS"
PASSWORD_ENV = "PHARMADESK_ITS_PASSWORD"
DATA_DIR_ENV = "PHARMADESK_DATA_DIR"
# "none" turns the keyring off entirely (tests, kiosks without a keyring daemon).
KEYRING_BACKEND_ENV = "PHARMADESK_KEYRING_BACKEND"
# What a keyboard-wedge scanner may send last, and the layouts it may type for
# ("": trust the operating system's).
WEDGE_TERMINATORS = ("enter", "tab", "none")
KEYBOARD_LAYOUTS = ("", US, TURKISH_Q)


class ConfigError(BilingualError, ValueError):
    """A setting that cannot be used, with Turkish and English wording."""


@dataclass(frozen=True)
class Option:
    key: str
    default: object
    parse: Callable[[str], object]  # text → value; raises ConfigError
    help_tr: str
    help_en: str

    def help(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return self.help_en if lang == "en" else self.help_tr


def _choice(*choices: str) -> Callable[[str], str]:
    def parse(text: str) -> str:
        if text not in choices:
            raise ConfigError(f"Geçerli değerler: {', '.join(choices)}",
                              f"Valid values: {', '.join(choices)}")
        return text
    return parse


@dataclass(frozen=True)
class Between:
    """A whole number from `low` to `high`; a spin box for the setting takes its range here."""

    low: int
    high: int

    def __call__(self, text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = self.low - 1
        if not self.low <= value <= self.high:
            raise ConfigError(f"{self.low} ile {self.high} arasında bir tam sayı girin.",
                              f"Enter a whole number from {self.low} to {self.high}.")
        return value


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if value < 0:
        raise ConfigError("Sıfır ya da pozitif bir sayı girin.", "Enter zero or a positive number.")
    return value


def _boolean(text: str) -> bool:
    lowered = text.strip().lower()
    if lowered in ("1", "true", "yes", "on", "evet", "açık"):
        return True
    if lowered in ("0", "false", "no", "off", "hayir", "hayır", "kapalı"):
        return False
    raise ConfigError("true ya da false girin.", "Enter true or false.")


def _url(text: str) -> str:
    if not text.startswith(("http://", "https://")):
        raise ConfigError("Adres http:// ya da https:// ile başlamalı.",
                          "The address must start with http:// or https://.")
    return text.rstrip("/")


def _gln(text: str) -> str:
    if not gln_is_valid(text):
        raise ConfigError("GLN 13 haneli olmalı ve kontrol hanesi doğru olmalı (ITS 11018).",
                          "A GLN has 13 digits and a correct check digit (ITS 11018).")
    return text


def _username(text: str) -> str:
    if not username_is_valid(text, text[:13]):
        raise ConfigError("ITS kullanıcı adı GLN ve ardından 4 rakamdır, ör. 86800010000040000 (ITS 11039).",
                          "The ITS user name is the GLN followed by 4 digits, e.g. 86800010000040000 (ITS 11039).")
    return text


def _text(text: str) -> str:
    return text.strip()


def _keyboard_layout(text: str) -> str:
    if text not in KEYBOARD_LAYOUTS:
        raise ConfigError(f"Geçerli değerler: {US}, {TURKISH_Q} ya da boş (bilgisayarın klavye düzeni)",
                          f"Valid values: {US}, {TURKISH_Q} or empty (the computer's keyboard layout)")
    return text


def gs_standins(text: str) -> tuple[str, ...]:
    """The GS stand-ins of a setting text: "|" between several, e.g. "~|<GS>"."""
    return tuple(part for part in text.split("|") if part)


def _gs_standin(text: str) -> str:
    if any(part.isalnum() for part in gs_standins(text)):
        raise ConfigError(
            "GS yerine geçen işaret bir harf ya da rakam olamaz: seri ve parti numaralarının "
            "içinde de okunurdu. Karekodda hiç geçmeyen bir işaret kullanın, ör. ~ ya da <GS>.",
            "A GS stand-in must not be a plain letter or digit: it would be read inside serial "
            "and batch numbers. Use a sign the karekod never holds, such as ~ or <GS>.")
    return text


OPTIONS: dict[str, Option] = {}


def _day_windows(text: str) -> tuple[int, ...]:
    """"30,60,90": the expiry warnings' windows in days, smallest first."""
    try:
        days = tuple(sorted({int(part) for part in text.replace(" ", "").split(",") if part}))
    except ValueError:
        days = ()
    if not days or not all(1 <= day <= 730 for day in days):
        raise ConfigError("1 ile 730 arasında gün sayıları girin, virgülle ayırarak (ör. 30,60,90).",
                          "Enter numbers of days from 1 to 730, separated by commas (e.g. 30,60,90).")
    return days


def declare(key: str, default: object, parse: Callable[[str], object], help_tr: str, help_en: str) -> Option:
    """Declare a setting: its default, how its text is read and checked, what it is for."""
    option = Option(key, default, parse, help_tr, help_en)
    OPTIONS[key] = option
    return option


declare("its.url", "https://its.saglik.gov.tr", _url,
        "ITS ana adresi; servis yolları sonuna eklenir", "ITS base URL; service paths are appended")
declare("its.gln", None, _gln, "bu istasyonun GLN'si (eczane, hastane ya da ecza deposu)",
        "this station's GLN (pharmacy, hospital or warehouse)")
declare("its.username", None, _username, "ITS kullanıcı adı: GLN + 4 rakam", "ITS user name: the GLN + 4 digits")
declare("its.protocol", "br-v1", _choice("br-v1", "its-1.2", "its2"),
        "kullanılacak ITS kuşağı: br-v1 ya da its-1.2 (SOAP), its2 (REST/JSON)",
        "ITS generation to use: br-v1 or its-1.2 (SOAP), its2 (REST/JSON)")
declare("its.consume_via", "rest", _choice("rest", "soap"),
        "its2'de Hastane Sarf: rest (/consume/app/consume) ya da soap (HastaneSarf servisi, yedek yol)",
        "Hospital Sarf under its2: rest (/consume/app/consume) or soap (the HastaneSarf service, the fallback)")
declare("its.stakeholder", Stakeholder.PHARMACY.value, _choice(*(s.value for s in Stakeholder)),
        "bu istasyon ne: pharmacy (eczane), hospital (hastane) ya da warehouse (ecza deposu)",
        "what this station is: pharmacy, hospital or warehouse")
declare("its.timeout", 30.0, _positive_float, "bir ITS cevabı için beklenecek saniye",
        "seconds to wait for one ITS answer")
declare("its.verify_tls", True, _boolean, "ITS sunucusunun TLS sertifikasını doğrula",
        "verify the ITS server's TLS certificate")
declare("pts.url", None, _url, "PTS (paket transfer) SOAP ana adresi, ör. https://pts.saglik.gov.tr; boş: its.url "
        "(its2'de PTS, ITS2 adresinde REST ile sorulur)",
        "PTS (package transfer) SOAP base URL, e.g. https://pts.saglik.gov.tr; unset: its.url "
        "(under its2, PTS is asked over REST at the ITS2 host)")
declare("pts.download", "get-package", _choice("get-package", "receive-file-stream"),
        "paketin indirileceği PTS SOAP servisi: get-package (GetPackage) ya da receive-file-stream (PackageReceiver)",
        "the PTS SOAP service packages are downloaded with: get-package (GetPackage) or receive-file-stream "
        "(PackageReceiver)")
declare("sync.chunk_size", 10000, Between(1, 50000),
        "bir ITS isteğindeki ürün sayısı (ITS kılavuzu 10.000'i en uygun sayı olarak verir)",
        "items per ITS request (the ITS guide reports 10,000 as optimal)")
declare("sync.retries", 5, Between(0, 100), "ağ hatasından sonra bir paketin kaç kez yeniden deneneceği",
        "retries of one chunk after a network fault")
declare("sync.backoff", 2.0, _positive_float, "ilk yeniden denemeden önceki saniye (her seferinde iki katı)",
        "seconds before the first retry (doubles each time)")
declare("sync.backoff_max", 60.0, _positive_float, "iki deneme arasındaki en uzun bekleme, saniye",
        "longest wait between retries, in seconds")
MESSAGE_LOG_DAYS_SETTING = "message_log.keep_days"
declare(MESSAGE_LOG_DAYS_SETTING, 90, Between(0, 3650),
        "ileti kaydındaki tam XML metinlerinin kaç gün saklanacağı (özetler hep kalır); 0: hep sakla",
        "days the message log keeps the full XML texts (the summaries are kept for ever); 0: for ever")

EXPIRY_WINDOWS_SETTING = "stock.expiry_windows"
declare(EXPIRY_WINDOWS_SETTING, (30, 60, 90), _day_windows,
        "stok: son kullanma tarihi yaklaşan kutuların uyarı aralıkları, gün (ör. 30,60,90)",
        "stock: warn of boxes expiring within these numbers of days (e.g. 30,60,90)")

# The workstation (pharmadesk/ui reads these; declared here so `pharmadesk config` knows them).
# Keys the workstation and `pharmadesk doctor` read by name (declared just below).
LANGUAGE_SETTING = "ui.language"
SOUNDS_SETTING = "ui.sounds"
AUTOSYNC_SETTING = "ui.autosync_minutes"  # minutes between automatic syncs; 0: off
SERIAL_PORT_SETTING = "scanner.serial_port"  # device path or pyserial URL; unset: none
SERIAL_BAUD_SETTING = "scanner.serial_baudrate"
CAMERA_SETTING = "scanner.camera"  # index, video file or image folder for the camera panel

declare(LANGUAGE_SETTING, DEFAULT_LANGUAGE, _choice(*LANGUAGES), "arayüz dili: tr ya da en",
        "interface language: tr or en")
declare(SOUNDS_SETTING, True, _boolean, "her okutmada ses çal", "play a sound for each scan")
declare(AUTOSYNC_SETTING, 0, Between(0, 240),
        "ITS'e ulaşılabildiği sürece kaç dakikada bir otomatik gönderim yapılacağı; 0: kapalı",
        "minutes between automatic syncs while ITS is reachable; 0: off")

# The scanners (the Settings dialog's Scanners tab writes these; the wedge defaults are
# scanners.wedge.WedgeSettings', in the units the tab shows).
_WEDGE = WedgeSettings()
declare("scanner.wedge.max_gap_ms", round(_WEDGE.max_gap * 1000), Between(5, 500),
        "USB klavye okuyucu: bir okutmada iki tuş arasındaki en uzun ara, milisaniye",
        "USB keyboard scanner: longest gap between two keys of a scan, in milliseconds")
declare("scanner.wedge.end_timeout_ms", round(_WEDGE.end_timeout * 1000), Between(20, 2000),
        "USB klavye okuyucu: son tuştan bu kadar milisaniye sonra okutma biter",
        "USB keyboard scanner: a scan ends this many milliseconds after its last key")
declare("scanner.wedge.min_length", _WEDGE.min_length, Between(3, 60),
        "USB klavye okuyucu: en kısa okutma, karakter (daha azı elle yazılmış sayılır)",
        "USB keyboard scanner: shortest scan in characters (fewer is a person typing)")
declare("scanner.wedge.terminator", _WEDGE.terminator, _choice(*WEDGE_TERMINATORS),
        "USB klavye okuyucu: okutmanın son tuşu (enter, tab ya da none: duraklama)",
        "USB keyboard scanner: last key of a scan (enter, tab, or none: a pause)")
declare("scanner.wedge.prefix", _WEDGE.prefix, str,
        "USB klavye okuyucu: her okutmanın önüne gönderdiği ve atılan ön ek, ör. ]d2",
        "USB keyboard scanner: prefix it sends before every scan, stripped, e.g. ]d2")
declare("scanner.wedge.layout", _WEDGE.keyboard_layout or "", _keyboard_layout,
        f"USB klavye okuyucu: yazdığı klavye düzeni ({US}, {TURKISH_Q}; boş: bilgisayarınki)",
        f"USB keyboard scanner: the keyboard layout it types for ({US}, {TURKISH_Q}; empty: the computer's)")
declare("scanner.wedge.gs_standin", "|".join(_WEDGE.gs_standins), _gs_standin,
        "USB klavye okuyucu: GS yerine gönderdiği işaret(ler), birden çoksa | ile, ör. ~|<GS>",
        "USB keyboard scanner: what it sends instead of GS, several separated by |, e.g. ~|<GS>")
declare(SERIAL_PORT_SETTING, None, _text, "seri (COM) okuyucunun portu, ör. COM3 ya da /dev/ttyACM0; boş: yok",
        "serial (COM) scanner's port, e.g. COM3 or /dev/ttyACM0; empty: none")
declare(SERIAL_BAUD_SETTING, 9600, Between(110, 4_000_000), "seri okuyucunun hızı, baud",
        "serial scanner's speed, in baud")
declare(CAMERA_SETTING, "0", _text, "kamera: numarası (0, 1, …), bir video dosyası ya da resim klasörü",
        "camera: its index (0, 1, …), a video file or a folder of images")


def env_name(key: str) -> str:
    return "PHARMADESK_" + key.replace(".", "_").replace("-", "_").upper()


def option(key: str) -> Option:
    try:
        return OPTIONS[key]
    except KeyError:
        known = ", ".join(sorted(OPTIONS))
        raise ConfigError(f"Bilinmeyen ayar: {key}. Ayarlar: {known}",
                          f"Unknown setting: {key}. Settings: {known}") from None


class Config:
    """Typed settings over the store's settings table; an environment variable
    PHARMADESK_<KEY> wins over the stored value."""

    def __init__(self, store, environ: Mapping[str, str] | None = None):
        self.store = store
        self.environ = os.environ if environ is None else environ

    def get(self, key: str):
        opt = option(key)
        text = self.environ.get(env_name(key))
        if text is None:
            text = self.store.setting(key)
        if text is None:
            return opt.default
        return _checked(opt, text)

    def get_or_default(self, key: str):
        """The value, or the default when the saved text cannot be read: the workstation
        starts whatever a hand-edited setting says (`pharmadesk config get` shows why)."""
        try:
            return self.get(key)
        except ConfigError:
            return option(key).default

    def set(self, key: str, text: str) -> None:
        opt = option(key)
        value = _checked(opt, text)
        if key == "its.username":
            gln = self.get("its.gln")
            if gln and not username_is_valid(text, gln):
                raise ConfigError(f"Kullanıcı adının ilk 13 hanesi GLN ({gln}) ile aynı olmalı (ITS 11039).",
                                  f"The user name must start with the GLN ({gln}) (ITS 11039).")
        self.store.set_setting(key, text if not isinstance(value, str) else value)

    def stakeholder(self) -> Stakeholder:
        return Stakeholder(self.get("its.stakeholder"))


def _checked(opt: Option, text: str):
    """The option's value from its text; a refusal names the setting and what it is for."""
    try:
        return opt.parse(text)
    except ConfigError as error:
        raise ConfigError(f"{opt.key} ({opt.help_tr}) için {text!r} geçersiz: {error.message_tr}",
                          f"Invalid value {text!r} for {opt.key} ({opt.help_en}): {error.message_en}") from None


def bounds(key: str) -> tuple[int, int]:
    """The range of a whole-number setting, for a spin box."""
    parse = option(key).parse
    return parse.low, parse.high


def data_dir(explicit: str | os.PathLike | None = None,
             environ: Mapping[str, str] | None = None) -> Path:
    """--data-dir, else PHARMADESK_DATA_DIR, else the per-user data folder."""
    environ = os.environ if environ is None else environ
    if explicit:
        return Path(explicit)
    if environ.get(DATA_DIR_ENV):
        return Path(environ[DATA_DIR_ENV])
    return Path(platformdirs.user_data_dir("PharmaDesk", "PharmaDesk"))


# ---- the password ----------------------------------------------------------------------

def no_keyring() -> ConfigError:
    return ConfigError(
        "Bu bilgisayarda parola kasası (keyring) yok. Parolayı PHARMADESK_ITS_PASSWORD ortam "
        "değişkeniyle verin.",
        "No password keyring is available on this computer. Give the password in the "
        "PHARMADESK_ITS_PASSWORD environment variable.",
    )


def _keyring(environ: Mapping[str, str]):
    """The usable keyring module, or None (turned off, or no real backend here)."""
    if environ.get(KEYRING_BACKEND_ENV, "").lower() == "none":
        return None
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return None
    try:
        backend = keyring.get_keyring()
    except Exception:  # a broken keyring configuration must not stop a sync
        return None
    if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 1) <= 0:
        return None
    return keyring


def keyring_available(environ: Mapping[str, str] | None = None) -> bool:
    return _keyring(os.environ if environ is None else environ) is not None


def get_password(username: str, environ: Mapping[str, str] | None = None) -> str | None:
    """The ITS password: PHARMADESK_ITS_PASSWORD if set (headless runs), else the keyring."""
    environ = os.environ if environ is None else environ
    if environ.get(PASSWORD_ENV):
        masking.remember(environ[PASSWORD_ENV])
        return environ[PASSWORD_ENV]
    keyring = _keyring(environ)
    if keyring is None or not username:
        return None
    try:
        password = keyring.get_password(KEYRING_SERVICE, username)
    except Exception:
        return None
    masking.remember(password)  # from now on no log line or stored exchange shows it
    return password


def set_password(username: str, password: str, environ: Mapping[str, str] | None = None) -> None:
    keyring = _keyring(os.environ if environ is None else environ)
    if keyring is None:
        raise no_keyring()
    masking.remember(password)
    try:
        keyring.set_password(KEYRING_SERVICE, username, password)
    except Exception as error:
        raise ConfigError(f"Parola kasasına yazılamadı: {error}. PHARMADESK_ITS_PASSWORD kullanın.",
                          f"Could not write to the keyring: {error}. Use PHARMADESK_ITS_PASSWORD.") from error
