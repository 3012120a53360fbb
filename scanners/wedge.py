"""Keyboard-wedge scanners: turns timed key events into complete scans, told apart from a
person typing by how fast the keys come.

Contract with the GUI (an application-wide key event filter):

* For every key press — and at least every Alt release — build a `KeyEvent` (Qt's `text()`,
  `key()`, `nativeScanCode()`, modifiers, the event time in seconds, "x11" or "windows")
  and call `feed(event)`. It returns a `WedgeResult`:
  - `human_text`: text that was held back because it might have started a scan and has
    turned out to be typed by a person. Type it into the focused widget *first*.
  - `consumed`: True when the event belongs to a (possible) scanner burst. Swallow the event
    so a scan never lands as text in whatever field has the focus; False: let it through.
  - `scans`: the scans this event completed (prefix stripped, GS stand-ins turned into
    "\\x1d"); `on_scan` has already been called for each.
* Any printable key is held for up to `max_gap` seconds, because the first keys of a scan
  look like typing. Arm a single-shot timer at `deadline()` and call `flush(now)` from it
  (same clock as the event times): it ends a burst that had no terminator, or gives back
  held keys as `human_text`.
* When the focus moves away mid-hold, `flush(math.inf)` ends the hold: held keys that are
  not a scan come back as `human_text` for the field they were typed in, and a scan sent
  without a terminator is complete (a scanner never moves the cursor).
* Qt offers each key press as a ShortcutOverride event first, and a key that is a window
  shortcut (Ctrl+K, an F-key) never arrives as a press: give that event to `shortcut()`,
  so a scan without a terminator ends there instead of running into the next one.

Events come from Qt but this module is Qt-free; the Qt key codes it needs are numbers here.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from scanners import keylayouts
from scanners.keylayouts import TURKISH_Q, US, WINDOWS, X11

__all__ = ["GS", "KeyEvent", "WedgeSettings", "WedgeResult", "WedgeAssembler", "calibrate",
           "CalibrationError", "TypedScan", "read_test_scan", "TestScanReading",
           "observe_test_scan", "locate_known", "X11", "WINDOWS", "US", "TURKISH_Q"]

GS = "\x1d"

# Qt::Key values (qnamespace.h); tests check them against PySide6.
QT_KEY_TAB = 0x01000001
QT_KEY_RETURN = 0x01000004
QT_KEY_ENTER = 0x01000005  # keypad Enter
QT_KEY_SHIFT = 0x01000020
QT_KEY_CONTROL = 0x01000021
QT_KEY_META = 0x01000022
QT_KEY_ALT = 0x01000023
QT_KEY_CAPSLOCK = 0x01000024
QT_KEY_NUMLOCK = 0x01000025
QT_KEY_ALTGR = 0x01001103
QT_KEY_BRACKETRIGHT = 0x5D
QT_KEY_UDIAERESIS = 0xDC

_MODIFIER_KEYS = {QT_KEY_SHIFT, QT_KEY_CONTROL, QT_KEY_META, QT_KEY_ALT, QT_KEY_CAPSLOCK,
                  QT_KEY_NUMLOCK, QT_KEY_ALTGR}
_TERMINATORS = {QT_KEY_RETURN: "enter", QT_KEY_ENTER: "enter", QT_KEY_TAB: "tab"}


@dataclass(frozen=True)
class KeyEvent:
    """One key event as the GUI saw it. `native_scan_code` names the physical key (X11
    keycode or Windows scan code; 0 when the platform gives none)."""

    text: str
    key: int
    native_scan_code: int
    modifiers: frozenset[str] = frozenset()  # of "ctrl", "alt", "shift", "altgr"
    time: float = 0.0
    platform: str = X11
    pressed: bool = True


@dataclass(frozen=True)
class WedgeSettings:
    """How one scanner types. Load from a profile or derive with `calibrate`."""

    # Longest pause between two keys of a scan. Windows stamps key messages with its
    # ~15.6 ms system tick, so a scanner's 5 ms gaps can show as 0 or 16 ms; people rarely
    # type two keys 40 ms apart, never a dozen in a row.
    max_gap: float = 0.040
    min_length: int = 8  # fewer fast keys than this (without the prefix) is a person
    # A burst already known to be a scan may stall this long (USB hiccup) and go on.
    end_timeout: float = 0.120
    terminator: str = "enter"  # what the scanner sends last: "enter", "tab" or "none"
    prefix: str = ""  # sent before every scan (e.g. the AIM identifier "]d2"); stripped
    keyboard_layout: str | None = None  # the layout the scanner types for; None: trust the OS
    gs_standins: tuple[str, ...] = ()  # printable strings the scanner sends instead of GS


@dataclass(frozen=True)
class WedgeResult:
    scans: tuple[str, ...] = ()
    consumed: bool = False
    human_text: str = ""


# What one key event means, once layouts, GS and Alt codes are sorted out.
_CHAR, _TERMINATOR, _PART, _MODIFIER, _OTHER, _IGNORED = (
    "char", "terminator", "part", "modifier", "other", "ignored")


@dataclass
class _KeyDecoder:
    """Key events → characters: GS in all its forms, Alt+numpad codes, layout repair."""

    layout: str | None
    _alt_digits: str | None = None
    _alt_echo: str | None = None
    _right_alt: bool = False  # the right Alt key is down (seen from its press to an Alt release)

    def decode(self, event: KeyEvent) -> tuple[str, str]:
        """(kind, value): a character, a terminator name, or a key that types nothing."""
        if not event.pressed:
            if event.key == QT_KEY_ALT:
                self._right_alt = False
                if self._alt_digits:
                    return _CHAR, self._compose_alt_code()
            return _IGNORED, ""
        if self._alt_echo is not None:
            echo, self._alt_echo = self._alt_echo, None
            # Windows may also deliver the composed character as text after Alt goes up.
            if event.text == echo:
                return _PART, ""
        code = keylayouts.input_code(event.native_scan_code, event.platform)
        if event.key in _MODIFIER_KEYS:
            if event.key == QT_KEY_ALT:
                self._alt_digits = ""
                self._right_alt = code == keylayouts.KEY_RIGHTALT
            return _MODIFIER, ""
        ctrl, alt = "ctrl" in event.modifiers, "alt" in event.modifiers
        altgr = "altgr" in event.modifiers or (ctrl and alt) or self._right_alt_is_altgr(
            code, ctrl, alt)
        digit = keylayouts.numpad_digit(code) if event.native_scan_code else None
        if alt and not ctrl and digit is not None:
            self._alt_digits = (self._alt_digits or "") + digit
            return _PART, ""
        if event.key in _TERMINATORS and not (ctrl or alt):
            return _TERMINATOR, _TERMINATORS[event.key]
        if self._is_gs(event, code, ctrl and not altgr):
            return _CHAR, GS
        if (ctrl or alt) and not altgr:
            return _OTHER, ""  # a shortcut
        level = keylayouts.ALTGR if altgr else int("shift" in event.modifiers)
        return self._character(event, code, level)

    def _right_alt_is_altgr(self, code: int, ctrl: bool, alt: bool) -> bool:
        # A Turkish-Q scanner types "]" as AltGr+9 with the right Alt key; a US system has no
        # AltGr and reports Alt+9 (recorded under X11). Read as AltGr only the keys the
        # scanner's layout has a third level on, so right-Alt shortcuts on others still work.
        return (alt and not ctrl and self._right_alt and self.layout is not None
                and keylayouts.character(code, keylayouts.ALTGR, self.layout) is not None)

    @staticmethod
    def _is_gs(event: KeyEvent, code: int, ctrl: bool) -> bool:
        if event.text == GS:
            return True
        if not ctrl:
            return False
        # Ctrl+] by the physical key: on Turkish-Q that key is "ü", and X11 reports
        # Ctrl+Ü with text "ü" rather than 0x1D.
        if event.native_scan_code:
            return code == keylayouts.KEY_RIGHTBRACE
        return event.key in (QT_KEY_BRACKETRIGHT, QT_KEY_UDIAERESIS)

    def _character(self, event: KeyEvent, code: int, level: int) -> tuple[str, str]:
        if self.layout and event.native_scan_code:
            typed = keylayouts.character(code, level, self.layout)
            if typed is not None:
                return _CHAR, typed
        if len(event.text) == 1 and event.text.isprintable():
            return _CHAR, event.text
        return _OTHER, ""

    def _compose_alt_code(self) -> str:
        digits, self._alt_digits = self._alt_digits, None
        value = int(digits) % 256
        if value < 128:
            char = chr(value)
        else:
            # A leading 0 picks the ANSI code page, otherwise the OEM one (Turkish: 1254, 857).
            char = bytes([value]).decode("cp1254" if digits.startswith("0") else "cp857",
                                         errors="replace")
        self._alt_echo = char
        return char


@dataclass
class WedgeAssembler:
    """Feeds on key events, hands out complete scans (see the module docstring)."""

    settings: WedgeSettings = field(default_factory=WedgeSettings)
    on_scan: Callable[[str], None] | None = None

    def __post_init__(self):
        if not isinstance(self.settings, WedgeSettings):  # a Profile
            self.settings = self.settings.wedge_settings()
        self._decoder = _KeyDecoder(self.settings.keyboard_layout)
        self._held: list[str] = []
        self._last_time = -math.inf
        self._is_scan = False

    def feed(self, event: KeyEvent) -> WedgeResult:
        scans, human_text = self._expire(event.time)
        kind, value = self._decoder.decode(event)
        consumed = False
        if kind == _CHAR:
            consumed = self._hold(value, event.time)
        elif kind in (_PART, _MODIFIER):
            # Shift presses and Alt+numpad digits inside a burst keep it alive.
            consumed = kind == _PART or bool(self._held)
            if self._held:
                self._last_time = event.time
        elif kind == _IGNORED:
            pass
        elif self._held:
            # A terminator, or a key that types nothing, ends the hold at once.
            consumed = kind == _TERMINATOR and self._is_scan
            ended_scans, ended_text = self._finish()
            scans += ended_scans
            human_text += ended_text
        return WedgeResult(tuple(scans), consumed, human_text)

    def shortcut(self, event: KeyEvent) -> WedgeResult:
        """A key the window may take as a shortcut (Ctrl+K, F2) before `feed` ever sees
        it (Qt asks first with a ShortcutOverride event): when it is no part of a scan, it
        ends what is held at once, as `feed` would; the key itself is not fed. GS as
        Ctrl+] and a Turkish-Q scanner's AltGr keys are parts of a scan, not shortcuts."""
        kind, _value = replace(self._decoder).decode(event)  # a copy: the key comes again
        if kind != _OTHER or not self._held:
            return WedgeResult()
        scans, human_text = self._finish()
        return WedgeResult(tuple(scans), False, human_text)

    def flush(self, now: float) -> WedgeResult:
        scans, human_text = self._expire(now)
        return WedgeResult(tuple(scans), False, human_text)

    def deadline(self) -> float | None:
        """When `flush` has work to do, or None when nothing is held."""
        return self._last_time + self._allowed_gap() if self._held else None

    def replay(self, events: Iterable[KeyEvent]) -> list[str]:
        """Every scan in a recorded sequence of events, flushed at each deadline as the
        GUI's timer would be, and at the end (scanner tests and recordings)."""
        scans: list[str] = []
        for event in events:
            deadline = self.deadline()
            if deadline is not None and deadline < event.time:
                scans += self.flush(deadline + 1e-6).scans
            scans += self.feed(event).scans
        return scans + list(self.flush(math.inf).scans)

    def _hold(self, char: str, time: float) -> bool:
        if not self._held and char == GS:
            return False  # a scan never starts with GS: this Ctrl+] is someone's shortcut
        self._held.append(char)
        self._last_time = time
        if not self._is_scan:
            prefix = self.settings.prefix
            self._is_scan = (len(self._held) >= self.settings.min_length
                             or bool(prefix) and "".join(self._held).startswith(prefix))
        return True

    def _allowed_gap(self) -> float:
        return self.settings.end_timeout if self._is_scan else self.settings.max_gap

    def _expire(self, now: float) -> tuple[list[str], str]:
        if self._held and now - self._last_time > self._allowed_gap():
            return self._finish()
        return [], ""

    def _finish(self) -> tuple[list[str], str]:
        typed, is_scan = "".join(self._held), self._is_scan
        self._reset()
        if not is_scan:
            return [], typed
        scan = self._clean(typed)
        if self.on_scan is not None:
            self.on_scan(scan)
        return [scan], ""

    def _clean(self, typed: str) -> str:
        prefix = self.settings.prefix
        if prefix and typed.startswith(prefix):
            typed = typed[len(prefix):]
        for standin in self.settings.gs_standins:
            typed = typed.replace(standin, GS)
        return typed

    def _reset(self) -> None:
        self._held = []
        self._is_scan = False


@dataclass(frozen=True)
class TypedScan:
    """A whole test scan read as if the scanner were set to one layout."""

    text: str  # every character typed, GS as "\\x1d"
    terminator: str  # "enter", "tab" or "none"
    widest_gap: float  # longest pause between two key events, first character to the end


def read_test_scan(events: Iterable[KeyEvent], layout: str | None) -> TypedScan:
    """What one scan's key events typed when read with `layout` (None: the OS's text).
    Calibration and profile matching look at a whole test scan at once."""
    decoder = _KeyDecoder(layout)
    chars, terminator, times = [], "none", []
    for event in events:
        kind, value = decoder.decode(event)
        if kind == _TERMINATOR:
            terminator = value
            times.append(event.time)
            break
        if kind == _CHAR:
            chars.append(value)
        if chars and kind in (_CHAR, _PART, _MODIFIER):
            times.append(event.time)
    widest = max((later - earlier for earlier, later in zip(times, times[1:])), default=0.0)
    return TypedScan("".join(chars), terminator, widest)


class CalibrationError(ValueError):
    """A test scan that calibration could not make sense of, said in Turkish and English."""

    _MESSAGES = {
        "unrecognised": (
            "Test okutması beklenen karekodla eşleşmedi. Test karekodunu yeniden okutun; "
            "yine olmazsa okuyucunun klavye dilini (ABD ya da Türkçe Q) kontrol edin.",
            "The test scan did not match the expected karekod. Scan the test karekod again; "
            "if that fails, check the scanner's keyboard language (US or Turkish-Q).",
        ),
        "separator": (
            "Okuyucu GS ayıracını (seri numarası ile son kullanma tarihi arasında) "
            "göndermiyor. Okuyucuda GS1 ayıracını (FNC1 → GS: Ctrl+] ya da Alt+0029) açın.",
            "The scanner drops the GS separator (between serial number and expiry date). "
            "Turn on the GS1 separator (FNC1 → GS: Ctrl+] or Alt+0029) on the scanner.",
        ),
        "slow": (
            "Okuyucu çok yavaş yazıyor: tuşlar arasında {gap_ms} ms var, elle yazmaktan "
            "ayırt edilemiyor. Okuyucunun karakterler arası gecikmesini azaltın.",
            "The scanner types too slowly: {gap_ms} ms between keys cannot be told from a "
            "person typing. Lower the scanner's inter-character delay.",
        ),
    }

    def __init__(self, kind: str, **details):
        self.kind = kind
        self.message_tr, self.message_en = (m.format(**details) for m in self._MESSAGES[kind])
        super().__init__(self.message_en)

    def message(self, lang: str = "tr") -> str:
        return self.message_tr if lang == "tr" else self.message_en


_SHORTEST_GAP_LIMIT = 0.030  # event clocks tick in ~16 ms steps; never trust less than two
_LONGEST_GAP_LIMIT = 0.100  # beyond this a fast typist's keys would pass for a scanner
_GAP_MARGIN = 1.5


@dataclass(frozen=True)
class TestScanReading:
    """How a scanner typed a known karekod, read off one test scan."""

    __test__ = False  # not a pytest test class

    layout: str | None  # the layout that reads the keys right (None: the OS's own text)
    scanner_layouts: tuple[str, ...]  # the layouts the scanner may be set to (both: Alt codes)
    typed: TypedScan
    prefix: str  # what came before the karekod ("" or e.g. "]d2")
    gs_typed: str  # GS as it came: "\x1d" (any native form), a stand-in, or "" when lost


def observe_test_scan(events: Iterable[KeyEvent], known: str) -> TestScanReading | None:
    """What one test scan of the karekod `known` (GS as "\\x1d") shows about the scanner,
    or None when no reading of the keys gives that karekod."""
    events = list(events)
    readings = {layout: read_test_scan(events, layout) for layout in (None, US, TURKISH_Q)}
    for lost_gs in (False, True):
        target = known.replace(GS, "") if lost_gs else known
        candidates = []
        for layout, typed in readings.items():
            found = locate_known(typed.text, target)
            if found is not None:
                candidates.append((layout, typed, *found))
        if candidates:
            break
    else:
        return None
    # A prefix in plain ASCII (like "]d2") means the layout read the keys right; prefer
    # trusting the OS when it reads them right too.
    layout, typed, prefix, standin = min(
        candidates, key=lambda c: (not c[2].isascii(), c[0] is not None))
    scanner_layouts = tuple(c[0] for c in candidates if c[0] is not None and c[2] == prefix)
    if lost_gs:
        gs_typed = ""
    else:
        gs_typed = standin if GS in known else GS
    return TestScanReading(layout, scanner_layouts, typed, prefix, gs_typed)


def calibrate(events: Iterable[KeyEvent], known: str,
              base: WedgeSettings | None = None) -> WedgeSettings:
    """Settings read off one test scan of the karekod `known` (GS as "\\x1d"): the layout
    the scanner types for, its prefix, GS stand-in, terminator and key timing. Other
    settings come from `base`. Raises CalibrationError when the scan is not that karekod."""
    base = base or WedgeSettings()
    reading = observe_test_scan(events, known)
    if reading is None:
        raise CalibrationError("unrecognised")
    if GS in known and not reading.gs_typed:
        raise CalibrationError("separator")
    typed = reading.typed
    max_gap = max(_SHORTEST_GAP_LIMIT, typed.widest_gap * _GAP_MARGIN)
    if max_gap > _LONGEST_GAP_LIMIT:
        raise CalibrationError("slow", gap_ms=round(typed.widest_gap * 1000))
    return replace(
        base,
        max_gap=max_gap,
        end_timeout=max(base.end_timeout, 2 * max_gap),
        min_length=min(base.min_length, len(known)),
        terminator=typed.terminator,
        prefix=reading.prefix,
        keyboard_layout=reading.layout,
        gs_standins=(reading.gs_typed,) if reading.gs_typed not in ("", GS) else (),
    )


def locate_known(text: str, known: str) -> tuple[str, str] | None:
    """(prefix, GS as typed) when `text` is `known` after a prefix, GS written one way."""
    first, *rest = known.split(GS)
    pattern = "(.*?)" + re.escape(first)
    for number, part in enumerate(rest):
        pattern += ("(.+?)" if number == 0 else "\\2") + re.escape(part)
    match = re.fullmatch(pattern, text, flags=re.DOTALL)
    if match is None:
        return None
    return match.group(1), match.group(2) if rest else ""
