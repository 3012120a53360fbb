"""Settings: the typed options PharmaDesk reads (stored in the database's settings table,
overridable by PHARMADESK_<KEY> environment variables), the data folder, and the ITS
password — which lives only in the OS keyring or PHARMADESK_ITS_PASSWORD, never here."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from pharmadesk.bilingual import BilingualError
from pharmadesk.domain import Stakeholder, gln_is_valid, username_is_valid

KEYRING_SERVICE = "PharmaDesk ITS"
PASSWORD_ENV = "PHARMADESK_ITS_PASSWORD"
DATA_DIR_ENV = "PHARMADESK_DATA_DIR"
# "none" turns the keyring off entirely (tests, kiosks without a keyring daemon).
KEYRING_BACKEND_ENV = "PHARMADESK_KEYRING_BACKEND"


class ConfigError(BilingualError, ValueError):
    """A setting that cannot be used, with Turkish and English wording."""


@dataclass(frozen=True)
class Option:
    key: str
    default: object
    parse: Callable[[str], object]  # text → value; raises ConfigError
    help_en: str


def _choice(*choices: str) -> Callable[[str], str]:
    def parse(text: str) -> str:
        if text not in choices:
            raise ConfigError(f"Geçerli değerler: {', '.join(choices)}",
                              f"Valid values: {', '.join(choices)}")
        return text
    return parse


def _int_between(low: int, high: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = low - 1
        if not low <= value <= high:
            raise ConfigError(f"{low} ile {high} arasında bir tam sayı girin.",
                              f"Enter a whole number from {low} to {high}.")
        return value
    return parse


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
    if lowered in ("1", "true", "yes", "on", "evet"):
        return True
    if lowered in ("0", "false", "no", "off", "hayir", "hayır"):
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


OPTIONS: dict[str, Option] = {}


def declare(key: str, default: object, parse: Callable[[str], object], help_en: str) -> Option:
    """Declare a setting next to the code that reads it."""
    option = Option(key, default, parse, help_en)
    OPTIONS[key] = option
    return option


declare("its.url", "https://its.saglik.gov.tr", _url, "ITS base URL; service paths are appended")
declare("its.gln", None, _gln, "this station's GLN (pharmacy, hospital or warehouse)")
declare("its.username", None, _username, "ITS user name: the GLN + 4 digits")
declare("its.protocol", "br-v1", _choice("br-v1", "its-1.2"), "SOAP generation to use")
declare("its.stakeholder", Stakeholder.PHARMACY.value, _choice(*(s.value for s in Stakeholder)),
        "what this station is: pharmacy, hospital or warehouse")
declare("its.timeout", 30.0, _positive_float, "seconds to wait for one ITS answer")
declare("its.verify_tls", True, _boolean, "verify the ITS server's TLS certificate")
declare("sync.chunk_size", 10000, _int_between(1, 50000),
        "items per ITS request (the ITS guide reports 10,000 as optimal)")
declare("sync.retries", 5, _int_between(0, 100), "retries of one chunk after a network fault")
declare("sync.backoff", 2.0, _positive_float, "seconds before the first retry (doubles each time)")
declare("sync.backoff_max", 60.0, _positive_float, "longest wait between retries, in seconds")


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
        return opt.parse(text)

    def set(self, key: str, text: str) -> None:
        opt = option(key)
        value = opt.parse(text)
        if key == "its.username":
            gln = self.get("its.gln")
            if gln and not username_is_valid(text, gln):
                raise ConfigError(f"Kullanıcı adının ilk 13 hanesi GLN ({gln}) ile aynı olmalı (ITS 11039).",
                                  f"The user name must start with the GLN ({gln}) (ITS 11039).")
        self.store.set_setting(key, text if not isinstance(value, str) else value)

    def stakeholder(self) -> Stakeholder:
        return Stakeholder(self.get("its.stakeholder"))


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
        return environ[PASSWORD_ENV]
    keyring = _keyring(environ)
    if keyring is None or not username:
        return None
    try:
        return keyring.get_password(KEYRING_SERVICE, username)
    except Exception:
        return None


def set_password(username: str, password: str, environ: Mapping[str, str] | None = None) -> None:
    keyring = _keyring(os.environ if environ is None else environ)
    if keyring is None:
        raise no_keyring()
    try:
        keyring.set_password(KEYRING_SERVICE, username, password)
    except Exception as error:
        raise ConfigError(f"Parola kasasına yazılamadı: {error}. PHARMADESK_ITS_PASSWORD kullanın.",
                          f"Could not write to the keyring: {error}. Use PHARMADESK_ITS_PASSWORD.") from error
