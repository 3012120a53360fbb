"""Replays key events recorded from real Qt under X11 (Xvfb): a USB scanner set to the US or
the Turkish-Q layout, played by pressing its physical keys (X keycodes through XTEST), typing
the test karekod into a system set to either layout. Recorder and how to re-record:
tests/unit/data/wedge/record_x11.py.

Each recording must come out as exactly the test karekod, GS in place, and the scanner test
must name the profile for the scanner's layout. The recordings also pin down the synthetic
sequences of scanners.virtual.wedge_keystrokes, which the other wedge tests use: under X11 the
generator must say what Qt says. Windows scan codes cannot be recorded here; the Windows
tests stay synthetic."""

from __future__ import annotations

import json
import math
from dataclasses import replace
from pathlib import Path

import pytest

from scanners import keylayouts
from scanners.profiles import TEST_KAREKOD, check_wedge_scan, get_profile
from scanners.virtual import wedge_keystrokes
from scanners.wedge import (GS, QT_KEY_ALT, TURKISH_Q, US, X11, KeyEvent, WedgeAssembler,
                            WedgeSettings, calibrate)

DATA = Path(__file__).parent / "data" / "wedge"
# (scanner layout, system layout) → recording
RECORDINGS = {(scanner, system): DATA / f"x11-{scanner}-scanner-{system}-system.json"
              for scanner in (US, TURKISH_Q) for system in (US, TURKISH_Q)}
PAIRS = list(RECORDINGS)
PAIR_IDS = [f"{scanner}-scanner-on-{system}" for scanner, system in PAIRS]
PROFILES = {US: "generic-usb-us", TURKISH_Q: "generic-usb-tr-q"}

# Qt::KeyboardModifier bits (qnamespace.h); test_qt_modifier_bits checks them against PySide6.
QT_MODIFIERS = {0x02000000: "shift", 0x04000000: "ctrl", 0x08000000: "alt", 0x40000000: "altgr"}
# X keycodes the recorder holds for a character's level, and for GS and Enter.
X_SHIFT_L, X_CONTROL_L, X_RIGHT_ALT, X_RIGHT_BRACKET, X_RETURN = 50, 37, 108, 35, 36


def recorded(pair: tuple[str, str]) -> tuple[dict, list[KeyEvent]]:
    data = json.loads(RECORDINGS[pair].read_text(encoding="utf-8"))
    events = [KeyEvent(text=e["text"], key=e["key"], native_scan_code=e["native_scan_code"],
                       modifiers=frozenset(name for bit, name in QT_MODIFIERS.items()
                                           if e["modifiers"] & bit),
                       time=e["timestamp_ms"] / 1000, platform=X11, pressed=e["pressed"])
              for e in data["events"]]
    return data, events


def as_fed(events: list[KeyEvent]) -> list[KeyEvent]:
    """What the GUI's event filter passes on: every press and the Alt releases."""
    return [e for e in events if e.pressed or e.key == QT_KEY_ALT]


def os_text(events: list[KeyEvent]) -> str:
    return "".join(e.text for e in events if e.pressed)


def scanner_keys(text: str, layout: str) -> list[list[int]]:
    """The X keycodes a scanner set to `layout` holds for each character, from the layout
    tables in scanners.keylayouts (the recorder derives them from xkb instead)."""
    level_keys = {keylayouts.PLAIN: [], keylayouts.SHIFTED: [X_SHIFT_L],
                  keylayouts.ALTGR: [X_RIGHT_ALT]}
    chords = []
    for char in text:
        if char == GS:
            chords.append([X_CONTROL_L, X_RIGHT_BRACKET])
            continue
        code, level = keylayouts.key_for(char, layout)
        chords.append([*level_keys[level], keylayouts.native_scan_code(code, X11)])
    return chords + [[X_RETURN]]


@pytest.mark.parametrize("pair", PAIRS, ids=PAIR_IDS)
def test_recording_presses_the_scanner_layouts_keys_for_the_test_karekod(pair):
    data, events = recorded(pair)
    assert (data["scanner_layout"], data["system_layout"]) == pair
    assert data["typed"] == "]d2" + TEST_KAREKOD
    assert data["keycodes"] == scanner_keys(data["typed"], pair[0])
    pressed = [e.native_scan_code for e in events if e.pressed]
    assert pressed == [keycode for chord in data["keycodes"] for keycode in chord]


def test_turkish_system_garbles_a_us_scanner_as_the_issue_says():
    _, events = recorded((US, TURKISH_Q))
    assert os_text(events).startswith("üd2") and "PDçTest*ı.7" in os_text(events)
    ctrl_u = next(e for e in events if e.pressed and "ctrl" in e.modifiers and e.text)
    assert (ctrl_u.text, ctrl_u.key, ctrl_u.native_scan_code, ctrl_u.modifiers) == (
        "ü", 0xDC, 35, frozenset({"ctrl"}))
    assert GS not in os_text(events)


def test_us_system_reads_a_turkish_scanners_altgr_as_alt():
    _, events = recorded((TURKISH_Q, US))
    right_alt, nine = [e for e in events if e.pressed][:2]
    assert (right_alt.key, right_alt.native_scan_code) == (QT_KEY_ALT, X_RIGHT_ALT)
    assert (nine.text, nine.modifiers) == ("9", frozenset({"alt"}))
    assert "PD/Test='&7" in os_text(events)


@pytest.mark.parametrize("feed", ["presses and Alt releases", "every event"])
@pytest.mark.parametrize("pair", PAIRS, ids=PAIR_IDS)
def test_recorded_burst_is_one_scan_with_the_scanners_profile(pair, feed):
    _, events = recorded(pair)
    if feed != "every event":
        events = as_fed(events)
    profile = replace(get_profile(PROFILES[pair[0]]), prefix="]d2")
    assembler = WedgeAssembler(profile)
    results = [assembler.feed(event) for event in events]
    scans = [scan for result in results for scan in result.scans]
    assert scans + list(assembler.flush(math.inf).scans) == [TEST_KAREKOD]
    assert all(r.consumed for r, e in zip(results, events) if e.pressed and e.text)
    assert "".join(r.human_text for r in results) == ""


@pytest.mark.parametrize("pair", PAIRS, ids=PAIR_IDS)
def test_recorded_scan_names_the_scanners_profile(pair):
    _, events = recorded(pair)
    result = check_wedge_scan(as_fed(events))
    assert result.recognised and result.works_as_is
    assert result.profile.id == PROFILES[pair[0]]
    assert result.observed["prefix"] == "]d2" and result.observed["separator"] == "gs"


@pytest.mark.parametrize("pair", PAIRS, ids=PAIR_IDS)
def test_calibration_from_the_recording_reads_it(pair):
    scanner, system = pair
    _, events = recorded(pair)
    settings = calibrate(as_fed(events), TEST_KAREKOD)
    # Where the system reads the scanner right, the OS's own text is trusted.
    assert settings.keyboard_layout == (None if scanner == system else scanner)
    assert (settings.prefix, settings.terminator, settings.gs_standins) == ("]d2", "enter", ())
    assembler = WedgeAssembler(settings)
    scans = [scan for event in as_fed(events) for scan in assembler.feed(event).scans]
    assert scans == [TEST_KAREKOD]


def test_without_the_layout_a_us_scanner_on_turkish_q_is_misread():
    _, events = recorded((US, TURKISH_Q))
    assembler = WedgeAssembler(WedgeSettings(prefix="]d2"))
    scans = [scan for event in as_fed(events) for scan in assembler.feed(event).scans]
    assert scans != [TEST_KAREKOD]


@pytest.mark.parametrize("pair", PAIRS, ids=PAIR_IDS)
def test_generator_types_what_qt_reports(pair):
    """Every event the GUI passes on, in order: the keys that type something and the
    modifier keys (Shift, AltGr or right Alt, Ctrl) a scanner holds for them."""
    scanner, system = pair
    data, events = recorded(pair)
    synthetic = wedge_keystrokes(data["typed"], scanner_layout=scanner, system_layout=system,
                                 platform=X11)

    def seen(sequence):
        return [(e.text, e.key, e.native_scan_code, e.modifiers, e.pressed)
                for e in as_fed(sequence)]

    assert seen(synthetic) == seen(events)


def test_qt_modifier_bits_match_pyside6():
    from PySide6.QtCore import Qt

    flags = Qt.KeyboardModifier
    assert {flags.ShiftModifier.value: "shift", flags.ControlModifier.value: "ctrl",
            flags.AltModifier.value: "alt", flags.GroupSwitchModifier.value: "altgr"} == QT_MODIFIERS
