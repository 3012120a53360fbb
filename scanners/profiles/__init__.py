"""Scanner profiles — how a scanner sends a karekod, as data — and the scanner test: one scan
of a known test karekod says which profile fits and what to change.

Profiles are the JSON files beside this module (one per profile; the fields are documented
in `Profile.from_dict`). The generic ones cover a USB keyboard scanner typing for the US or
the Turkish-Q layout and a serial / virtual-COM scanner. Vendor profiles belong here only
with facts from the vendor's manual, named in the profile's "sources".

The GUI's scanner test box shows `test_karekod_image()`, collects the key events of one scan
with `TestScanCollector` (or the raw bytes with `scanners.serial.read_serial_test_scan`) and
calls `check_wedge_scan` / `check_serial_scan`, which return a `ScanCheck`.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from importlib import resources

from scanners import serial as serial_scanner
from scanners.keylayouts import LAYOUTS, TURKISH_Q, US
from scanners.wedge import (GS, KeyEvent, WedgeAssembler, WedgeSettings, locate_known,
                            observe_test_scan, read_test_scan)

__all__ = ["TEST_KAREKOD", "TEST_KAREKOD_HRI", "test_karekod_image", "Profile", "ProfileError",
           "load_profiles", "get_profile", "Change", "ScanCheck", "TestScanCollector",
           "check_wedge_scan", "check_serial_scan"]

KEYBOARD, SERIAL = "keyboard", "serial"
_SUFFIXES = {KEYBOARD: ("enter", "tab", "none"), SERIAL: ("cr", "lf", "crlf", "none")}
_SERIAL_SUFFIX_TEXT = {"cr": "\r", "lf": "\n", "crlf": "\r\n", "none": None}

# The test karekod: a GS1 DataMatrix whose serial holds characters the US and Turkish-Q
# layouts put on different keys (i . - /), so one scan tells which layout the scanner types
# for. The GTIN is in GS1's restricted-circulation range (prefix 02), never a medicine, and
# the lower-case serial is refused by ITS: this code can never be queued by mistake.
TEST_KAREKOD_HRI = "(01)02000000000008(21)PD.Test-i/7(17)301231(10)TEST"
TEST_KAREKOD = "0102000000000008" + "21PD.Test-i/7" + GS + "17301231" + "10TEST"

_AIM_PREFIX = re.compile(r"\][A-Za-z][0-9A-Za-z]")
# Slower than this between two keys, a scanner cannot be told from a fast typist.
_SLOWEST_GAP_MS = 100
_PROMPT_S = 0.5  # a serial scan must reach the app within this
_GAP_MARGIN = 1.5
_LAYOUT_NAMES = {US: ("ABD (US)", "US"), TURKISH_Q: ("Türkçe Q", "Turkish-Q")}
_SUFFIX_NAMES = {"enter": "Enter", "tab": "Tab", "cr": "CR", "lf": "LF", "crlf": "CR LF"}


def test_karekod_image(scale: int = 8):
    """The test karekod as a grey uint8 image (numpy array, quiet zone included), to show on
    screen or print for the scanner test."""
    import numpy as np
    import zxingcpp

    barcode = zxingcpp.create_barcode(TEST_KAREKOD_HRI, zxingcpp.BarcodeFormat.DataMatrix,
                                      gs1=True, forceSquare=True)
    image = np.asarray(zxingcpp.write_barcode_to_image(barcode, scale=scale))
    quiet = 2 * scale  # DataMatrix needs one module of quiet zone; two are kinder to scanners
    return np.pad(image, quiet, constant_values=255)


test_karekod_image.__test__ = False  # not a pytest test


class ProfileError(ValueError):
    """A profile file that cannot be used."""


@dataclass(frozen=True)
class Profile:
    """One way a scanner sends its scans. Immutable; `dataclasses.replace` makes variants."""

    id: str
    name_tr: str
    name_en: str
    interface: str  # "keyboard" or "serial"
    suffix: str  # keyboard: "enter" | "tab" | "none"; serial: "cr" | "lf" | "crlf" | "none"
    keyboard_layout: str | None = None  # layout the scanner types for: "us", "tr_q", None
    prefix: str = ""  # sent before every scan; an AIM identifier ("]d2") is stripped anyway
    gs_standins: tuple[str, ...] = ()  # printable strings sent instead of GS (0x1D)
    max_gap_ms: float = 40.0  # keyboard: longest pause between two keys of a scan
    end_timeout_ms: float = 120.0  # keyboard: a running scan ends after this pause
    min_length: int = 8  # keyboard: fewer fast keys than this is a person typing
    frame_timeout_ms: float = 50.0  # serial without suffix: silence that ends a scan
    baudrate: int = 9600  # serial
    vendor: str | None = None
    sources: tuple[str, ...] = ()  # where a vendor profile's facts come from
    notes_tr: str = ""
    notes_en: str = ""

    def name(self, lang: str = "tr") -> str:
        return self.name_tr if lang == "tr" else self.name_en

    def notes(self, lang: str = "tr") -> str:
        return self.notes_tr if lang == "tr" else self.notes_en

    def wedge_settings(self) -> WedgeSettings:
        """Settings for `scanners.wedge.WedgeAssembler` (a keyboard profile)."""
        return WedgeSettings(
            max_gap=self.max_gap_ms / 1000, min_length=self.min_length,
            end_timeout=self.end_timeout_ms / 1000, terminator=self.suffix,
            prefix=self.prefix, keyboard_layout=self.keyboard_layout,
            gs_standins=self.gs_standins)

    def serial_options(self) -> dict:
        """Keyword arguments for `scanners.serial.SerialScanner` (a serial profile)."""
        return dict(baudrate=self.baudrate, suffix=_SERIAL_SUFFIX_TEXT[self.suffix],
                    frame_timeout=self.frame_timeout_ms / 1000, gs_standins=self.gs_standins)

    def to_dict(self) -> dict:
        """The profile in its file format (JSON-able), e.g. to keep in the settings."""
        data = {
            "id": self.id,
            "name": {"tr": self.name_tr, "en": self.name_en},
            "interface": self.interface,
            "vendor": self.vendor,
            "sources": list(self.sources),
            "notes": {"tr": self.notes_tr, "en": self.notes_en},
            "keyboard_layout": self.keyboard_layout,
            "suffix": self.suffix,
            "prefix": self.prefix,
            "separator": {"native": True, "standins": list(self.gs_standins)},
        }
        if self.interface == KEYBOARD:
            data["timing"] = {"max_gap_ms": self.max_gap_ms, "end_timeout_ms": self.end_timeout_ms,
                              "min_length": self.min_length}
        else:
            data["timing"] = {"frame_timeout_ms": self.frame_timeout_ms}
            data["serial"] = {"baudrate": self.baudrate}
        return data

    @classmethod
    def from_dict(cls, data: dict, *, origin: str = "profile") -> Profile:
        """A profile from its file format:

        id, name {tr, en}, interface ("keyboard" | "serial"), vendor (null for generic ones),
        sources [URLs or manual titles], notes {tr, en}, keyboard_layout ("us" | "tr_q" |
        null), suffix (see `Profile.suffix`), prefix, separator {native: true — GS may come
        as 0x1D, Ctrl+] or Alt+0029 —, standins: [strings sent instead of GS]},
        timing {max_gap_ms, end_timeout_ms, min_length} or {frame_timeout_ms},
        serial {baudrate}.
        """
        def fail(why: str) -> ProfileError:
            return ProfileError(f"{origin}: {why}")

        try:
            interface = data["interface"]
            if interface not in _SUFFIXES:
                raise fail(f"interface must be keyboard or serial, not {interface!r}")
            suffix = data.get("suffix", "enter" if interface == KEYBOARD else "cr")
            if suffix not in _SUFFIXES[interface]:
                raise fail(f"suffix of a {interface} profile must be one of "
                           f"{', '.join(_SUFFIXES[interface])}, not {suffix!r}")
            layout = data.get("keyboard_layout")
            if layout is not None and layout not in LAYOUTS:
                raise fail(f"keyboard_layout must be one of {', '.join(LAYOUTS)} or null")
            standins = tuple(data.get("separator", {}).get("standins", ()))
            if any(not isinstance(s, str) or not s or GS in s for s in standins):
                raise fail("separator standins must be non-empty strings without GS")
            timing, line = data.get("timing", {}), data.get("serial") or {}
            names, notes = data["name"], data.get("notes") or {}
            defaults = cls.__dataclass_fields__
            profile = cls(
                id=str(data["id"]), name_tr=names["tr"], name_en=names["en"],
                interface=interface, suffix=suffix, keyboard_layout=layout,
                prefix=str(data.get("prefix", "")), gs_standins=standins,
                max_gap_ms=float(timing.get("max_gap_ms", defaults["max_gap_ms"].default)),
                end_timeout_ms=float(timing.get("end_timeout_ms",
                                                defaults["end_timeout_ms"].default)),
                min_length=int(timing.get("min_length", defaults["min_length"].default)),
                frame_timeout_ms=float(timing.get("frame_timeout_ms",
                                                  defaults["frame_timeout_ms"].default)),
                baudrate=int(line.get("baudrate", defaults["baudrate"].default)),
                vendor=data.get("vendor"), sources=tuple(data.get("sources", ())),
                notes_tr=notes.get("tr", ""), notes_en=notes.get("en", ""))
        except ProfileError:
            raise
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise fail(f"missing or malformed field ({error!r})") from None
        if profile.vendor and not profile.sources:
            raise fail("a vendor profile must name the sources of its facts")
        if not (0 < profile.max_gap_ms <= profile.end_timeout_ms) or profile.min_length < 1:
            raise fail("timing out of range")
        return profile


def load_profiles() -> list[Profile]:
    """Every profile shipped with PharmaDesk: generic ones first, then vendors' by name."""
    profiles = []
    for entry in resources.files(__name__).iterdir():
        if entry.name.endswith(".json"):
            try:
                data = json.loads(entry.read_text(encoding="utf-8"))
            except json.JSONDecodeError as error:
                raise ProfileError(f"{entry.name}: not valid JSON ({error})") from None
            profiles.append(Profile.from_dict(data, origin=entry.name))
    return sorted(profiles, key=lambda p: (p.vendor is not None, p.vendor or "", p.id))


def get_profile(profile_id: str) -> Profile:
    """The shipped profile with this id; KeyError when there is none."""
    for profile in load_profiles():
        if profile.id == profile_id:
            return profile
    raise KeyError(profile_id)


@dataclass(frozen=True)
class Change:
    """One thing to change so the scanner's scans read right."""

    setting: str  # "profile", "keyboard_layout", "prefix", "gs_standins", "max_gap_ms",
    #               "suffix", "separator", "speed", "line", "scan"
    where: str  # "app": already applied in ScanCheck.suggested; "scanner": set on the device
    required: bool  # False: works without it, but better with it
    value: object
    message_tr: str
    message_en: str

    def message(self, lang: str = "tr") -> str:
        return self.message_tr if lang == "tr" else self.message_en


@dataclass(frozen=True)
class ScanCheck:
    """What one test scan says about a scanner."""

    interface: str  # "keyboard" or "serial"
    recognised: bool  # the scan is the test karekod in some reading
    profile: Profile | None  # the profile that fits best
    works_as_is: bool  # that profile, unchanged, reads the scan right
    changes: tuple[Change, ...] = ()
    suggested: Profile | None = None  # `profile` with the app-side changes made
    observed: dict = field(default_factory=dict)

    def summary(self, lang: str = "tr") -> str:
        tr = lang == "tr"
        if not self.recognised:
            first = self.changes[0].message(lang) if self.changes else ""
            return first or ("Test karekodu okunamadı." if tr else "The test karekod was not read.")
        name = self.profile.name(lang)
        if self.works_as_is and not any(c.required for c in self.changes):
            return (f"Okuyucu doğru okuyor. Uyan profil: {name}." if tr
                    else f"The scanner reads correctly. Matching profile: {name}.")
        if all(c.where == "app" for c in self.changes if c.required):
            return (f"Uyan profil: {name}, önerilen ayarlarla. Önerilen ayarları kaydedin."
                    if tr else f"Matching profile: {name}, with the suggested settings. "
                               "Save the suggested settings.")
        return (f"En yakın profil: {name}. Okuyucuda değiştirilmesi gerekenler var."
                if tr else f"Closest profile: {name}. Something must be changed on the scanner.")


class TestScanCollector:
    """Collects the key events of one keyboard-wedge test scan: from the first key until a
    terminator (Enter, Tab) or `silence` seconds without a key."""

    __test__ = False  # not a pytest test class

    def __init__(self, silence: float = 0.5):
        self.silence = silence
        self.events: list[KeyEvent] = []
        self.done = False

    def feed(self, event: KeyEvent) -> bool:
        """Adds a key event; True once the scan is complete."""
        if self.done:
            return True
        self.events.append(event)
        typed = read_test_scan([event], None)
        if event.pressed and typed.terminator != "none" and typed.text == "":
            self.done = True
        return self.done

    def deadline(self) -> float | None:
        """When to call `flush`, or None while nothing has come (or the scan is complete)."""
        if self.done or not self.events:
            return None
        return self.events[-1].time + self.silence

    def flush(self, now: float) -> bool:
        """True when the keys stopped `silence` seconds ago (the scan is complete)."""
        if not self.done and self.events and now - self.events[-1].time >= self.silence:
            self.done = True
        return self.done


# --- keyboard wedge ---------------------------------------------------------------------

def check_wedge_scan(events: Iterable[KeyEvent], known: str = TEST_KAREKOD,
                     profiles: Iterable[Profile] | None = None) -> ScanCheck:
    """Which keyboard profile fits one test scan of `known` (its key events, terminator
    included), and what to change."""
    events = list(events)
    candidates = [p for p in (load_profiles() if profiles is None else profiles)
                  if p.interface == KEYBOARD]
    reading = observe_test_scan(events, known)
    if reading is None or not candidates:
        seen = read_test_scan(events, None).text
        caps_lock = any(locate_known(read_test_scan(events, layout).text.swapcase(), known)
                        for layout in (None, US, TURKISH_Q))
        return ScanCheck(KEYBOARD, False, None, False,
                         (_caps_lock() if caps_lock else _unrecognised(seen),),
                         observed={"text": seen})
    widest_ms = reading.typed.widest_gap * 1000
    observed = {
        "text": reading.typed.text,
        "keyboard_layout": (reading.scanner_layouts[0] if len(reading.scanner_layouts) == 1
                            else None),
        "system_reads_right": reading.layout is None,
        "prefix": reading.prefix,
        "suffix": reading.typed.terminator,
        "separator": _separator_form(reading.gs_typed),
        "widest_gap_ms": round(widest_ms, 1),
    }

    def rank(indexed):
        index, profile = indexed
        changes = _wedge_changes(profile, reading)
        required = sum(c.required for c in changes)
        return (not _wedge_reads(profile, events, known), required, len(changes), index)

    _, best = min(enumerate(candidates), key=rank)
    changes = _wedge_changes(best, reading)
    return ScanCheck(KEYBOARD, True, best, _wedge_reads(best, events, known), tuple(changes),
                     _apply(best, changes), observed)


def _wedge_reads(profile: Profile, events: list[KeyEvent], known: str) -> bool:
    scans = WedgeAssembler(profile.wedge_settings()).replay(events)
    return [_AIM_PREFIX.sub("", scan, count=1) if _AIM_PREFIX.match(scan) else scan
            for scan in scans] == [known]


def _wedge_changes(profile: Profile, reading) -> list[Change]:
    changes = []
    layouts = reading.scanner_layouts
    fits = profile.keyboard_layout in layouts if layouts else reading.layout is None
    if not fits and layouts:
        layout = layouts[0]
        tr, en = _LAYOUT_NAMES[layout]
        changes.append(Change(
            "keyboard_layout", "app", True, layout,
            f"Okuyucu {tr} klavye dilinde yazıyor; PharmaDesk tuşları buna göre okuyacak.",
            f"The scanner types for the {en} keyboard layout; PharmaDesk will read its keys "
            "accordingly."))
    changes += _prefix_changes(profile, reading.prefix, KEYBOARD)
    changes += _separator_changes(profile, reading.gs_typed, KEYBOARD)
    widest_ms = reading.typed.widest_gap * 1000
    needed_ms = math.ceil(widest_ms * _GAP_MARGIN)
    if needed_ms > _SLOWEST_GAP_MS:
        changes.append(Change(
            "speed", "scanner", True, round(widest_ms),
            f"Okuyucu çok yavaş yazıyor (tuşlar arasında {widest_ms:.0f} ms): elle yazmaktan "
            "ayırt edilemiyor. Okuyucunun karakterler arası gecikmesini (inter-character "
            "delay) kapatın ya da azaltın.",
            f"The scanner types too slowly ({widest_ms:.0f} ms between keys) to be told from "
            "a person typing. Turn off or lower the scanner's inter-character delay."))
    elif needed_ms > profile.max_gap_ms:
        changes.append(Change(
            "max_gap_ms", "app", True, needed_ms,
            f"Okuyucu tuşlar arasında {widest_ms:.0f} ms bekliyor; PharmaDesk {needed_ms} ms'ye "
            "kadar olan aralıkları okutma sayacak.",
            f"The scanner pauses {widest_ms:.0f} ms between keys; PharmaDesk will count gaps up "
            f"to {needed_ms} ms as one scan."))
    terminator = reading.typed.terminator
    if terminator != profile.suffix:
        changes.append(_suffix_seen(terminator, required=False))
    if terminator == "none":
        changes.append(Change(
            "suffix", "scanner", False, "enter",
            "Okuyucu okutmanın sonunda Enter göndermiyor; okutma kısa bir beklemeyle bitiyor. "
            "Daha hızlı sonuç için okuyucuda Enter (CR) sonekini açın.",
            "The scanner sends nothing after a scan, so each scan ends after a short pause. "
            "For quicker results turn on the Enter (CR) suffix on the scanner."))
    return changes


# --- serial -----------------------------------------------------------------------------

def check_serial_scan(data: bytes, known: str = TEST_KAREKOD,
                      profiles: Iterable[Profile] | None = None) -> ScanCheck:
    """Which serial profile fits the raw bytes of one test scan of `known` (suffix
    included, as `read_serial_test_scan` returns them), and what to change."""
    candidates = [p for p in (load_profiles() if profiles is None else profiles)
                  if p.interface == SERIAL]
    body, suffix = _split_suffix(data)
    text = _bytes_text(body)
    aim = _AIM_PREFIX.match(text)
    content = text[aim.end():] if aim else text
    found = locate_known(content, known)
    gs_typed = None
    if found is not None:
        prefix, standin = found
        gs_typed = (standin if GS in known else GS)
    else:
        lost = locate_known(content, known.replace(GS, ""))
        if lost is not None:
            prefix, gs_typed = lost[0], ""
    observed = {"text": text, "suffix": suffix, "prefix": (aim.group() if aim else ""),
                "bytes": len(data)}
    if gs_typed is None or not candidates:
        return ScanCheck(SERIAL, False, None, False, (_serial_unrecognised(data, body),),
                         observed=observed)
    observed["prefix"] = (aim.group() if aim else "") + prefix
    observed["separator"] = _separator_form(gs_typed)

    def changes_for(profile: Profile) -> list[Change]:
        changes = _prefix_changes(profile, prefix, SERIAL)
        changes += _separator_changes(profile, gs_typed, SERIAL)
        if suffix != profile.suffix:
            # Waiting for a suffix that never comes delays every scan and can merge two.
            changes.append(_suffix_seen(suffix, required=suffix == "none"))
        if suffix == "none":
            changes.append(Change(
                "suffix", "scanner", False, "cr",
                "Okuyucu okutmanın sonunda sonek (CR) göndermiyor; okutma kısa bir sessizlikle "
                "bitiyor. Daha sağlam sonuç için okuyucuda CR sonekini açın.",
                "The scanner sends no suffix, so a scan ends after a short silence. For surer "
                "results turn on the CR suffix on the scanner."))
        return changes

    def rank(indexed):
        index, profile = indexed
        changes = changes_for(profile)
        return (not _serial_reads(profile, data, known), sum(c.required for c in changes),
                len(changes), index)

    _, best = min(enumerate(candidates), key=rank)
    changes = changes_for(best)
    return ScanCheck(SERIAL, True, best, _serial_reads(best, data, known), tuple(changes),
                     _apply(best, changes), observed)


def _split_suffix(data: bytes) -> tuple[bytes, str]:
    """The first scan in `data` and the line ending after it."""
    stripped = data.lstrip(b"\r\n")
    match = re.search(rb"\r\n|\r|\n", stripped)
    if match is None:
        return stripped, "none"
    return stripped[:match.start()], {b"\r\n": "crlf", b"\r": "cr", b"\n": "lf"}[match.group()]


def _bytes_text(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return body.decode("latin-1")


def _serial_reads(profile: Profile, data: bytes, known: str) -> bool:
    options = profile.serial_options()
    framer = serial_scanner._Framer(options["suffix"], options["frame_timeout"])
    # A scan must come through promptly: not only after the 1 s wait for a missing suffix.
    frames = framer.push(data, 0.0) + framer.push(b"", _PROMPT_S)
    scans = []
    for frame in frames:
        scan = serial_scanner.decode_frame(frame)
        for standin in profile.gs_standins:
            scan = scan.replace(standin, GS)
        scans.append(scan)
    return scans == [known]


def _serial_unrecognised(data: bytes, body: bytes) -> Change:
    if not data:
        return Change(
            "scan", "scanner", True, None,
            "Okuyucudan hiçbir şey gelmedi. Kabloyu, seçilen portu ve okuyucunun seri (COM) "
            "kipinde olduğunu kontrol edin.",
            "Nothing came from the scanner. Check the cable, the chosen port and that the "
            "scanner is in serial (COM) mode.")
    noisy = sum(1 for byte in body if byte != 0x1D and not 0x20 <= byte < 0x7F)
    if noisy * 4 >= max(len(body), 1):
        return Change(
            "line", "scanner", True, None,
            "Gelen baytlar anlamsız: hız (baud) ya da parite okuyucuyla uyuşmuyor. "
            "Okuyucuyu 9600 baud, 8 veri biti, parite yok, 1 durma biti (8N1) yapın ya da "
            "PharmaDesk'te okuyucunun hızını seçin.",
            "The bytes make no sense: the speed (baud) or parity differs from the scanner's. "
            "Set the scanner to 9600 baud, 8 data bits, no parity, 1 stop bit (8N1), or pick "
            "the scanner's speed in PharmaDesk.")
    return _unrecognised(_bytes_text(body))


# --- shared -----------------------------------------------------------------------------

def _separator_form(gs_typed: str) -> str:
    if gs_typed == GS:
        return "gs"
    return "lost" if gs_typed == "" else "standin"


def _prefix_changes(profile: Profile, prefix: str, interface: str) -> list[Change]:
    if prefix == profile.prefix or (not profile.prefix and _AIM_PREFIX.fullmatch(prefix)):
        return []  # an AIM identifier is stripped whatever the profile says
    if not prefix:
        return [Change(
            "prefix", "app", False, "",
            "Okuyucu önek göndermiyor; profildeki önek kaldırıldı.",
            "The scanner sends no prefix; the profile's prefix is removed.")]
    if interface == SERIAL:
        return [Change(
            "prefix", "scanner", True, "",
            f"Okuyucu her okutmanın önüne {prefix!r} ekliyor. Okuyucuda öneki kapatın.",
            f"The scanner puts {prefix!r} before every scan. Turn the prefix off on the scanner.")]
    return [Change(
        "prefix", "app", True, prefix,
        f"Okuyucu her okutmanın önüne {prefix!r} ekliyor; PharmaDesk bunu atacak.",
        f"The scanner puts {prefix!r} before every scan; PharmaDesk will drop it.")]


def _separator_changes(profile: Profile, gs_typed: str, interface: str) -> list[Change]:
    if gs_typed == GS or gs_typed in profile.gs_standins:
        return []
    if gs_typed:
        return [Change(
            "gs_standins", "app", True, (*profile.gs_standins, gs_typed),
            f"Okuyucu GS ayıracı yerine {gs_typed!r} gönderiyor; PharmaDesk bunu GS sayacak.",
            f"The scanner sends {gs_typed!r} instead of the GS separator; PharmaDesk will "
            "read it as GS.")]
    how_tr, how_en = (("Ctrl+] ya da ALT kipi (Alt+0029)", "Ctrl+] or ALT mode (Alt+0029)")
                      if interface == KEYBOARD else ("0x1D baytı", "the 0x1D byte"))
    return [Change(
        "separator", "scanner", True, GS,
        "Okuyucu seri numarası ile son kullanma tarihi arasındaki GS ayıracını göndermiyor; "
        "bazı karekodlar yanlış bölünebilir. Okuyucuda GS1 ayıracını (FNC1 → GS, "
        f"{how_tr}) açın.",
        "The scanner drops the GS separator between serial number and expiry date, so some "
        f"karekods may be split wrongly. Turn on the GS1 separator (FNC1 → GS, {how_en}) on "
        "the scanner.")]


def _suffix_seen(suffix: str, *, required: bool) -> Change:
    if suffix == "none":
        return Change(
            "suffix", "app", required, suffix,
            "Okuyucu okutmanın sonunda bir şey göndermiyor; PharmaDesk okutmayı kısa bir "
            "sessizlikten sonra bitirecek.",
            "The scanner sends nothing after a scan; PharmaDesk will end each scan after a "
            "short silence.")
    return Change(
        "suffix", "app", required, suffix,
        f"Okuyucu okutmanın sonunda {_SUFFIX_NAMES[suffix]} gönderiyor.",
        f"The scanner ends each scan with {_SUFFIX_NAMES[suffix]}.")


def _caps_lock() -> Change:
    return Change(
        "caps_lock", "scanner", True, None,
        "Büyük harfler küçük, küçükler büyük geldi: Caps Lock açık. Caps Lock'u kapatın "
        "(ya da okuyucuda Caps Lock'tan bağımsız yazmayı açın) ve yeniden okutun.",
        "Upper and lower case came swapped: Caps Lock is on. Turn Caps Lock off (or turn on "
        "the scanner's Caps Lock override) and scan again.")


def _unrecognised(seen: str) -> Change:
    shown = seen.replace(GS, "␝")
    return Change(
        "scan", "scanner", True, None,
        "Okutulan kod test karekodu değil ya da okunamadı"
        + (f" (gelen: {shown!r})" if shown else "")
        + ". Ekrandaki test karekodunu okutun; olmazsa okuyucunun klavye dilini (ABD ya da "
        "Türkçe Q) ve Caps Lock'u kontrol edin.",
        "The scan is not the test karekod or could not be read"
        + (f" (got: {shown!r})" if shown else "")
        + ". Scan the test karekod on the screen; if that fails, check the scanner's keyboard "
        "language (US or Turkish-Q) and Caps Lock.")


def _apply(profile: Profile, changes: list[Change]) -> Profile:
    updates = {}
    for change in changes:
        if change.where != "app":
            continue
        if change.setting == "keyboard_layout":
            updates["keyboard_layout"] = change.value
        elif change.setting == "prefix":
            updates["prefix"] = change.value
        elif change.setting == "gs_standins":
            updates["gs_standins"] = tuple(change.value)
        elif change.setting == "max_gap_ms":
            updates["max_gap_ms"] = float(change.value)
            updates["end_timeout_ms"] = max(profile.end_timeout_ms, 2.0 * change.value)
        elif change.setting == "suffix":
            updates["suffix"] = change.value
    return replace(profile, **updates) if updates else profile
