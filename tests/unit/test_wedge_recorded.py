"""Replays key events recorded from real Qt under X11 (Xvfb, US layout; the scanner played
by xdotool through XTEST, like a USB keyboard): what Qt really reports for a scanner burst
with Shift, Ctrl+] and Enter. Recorder and how to re-record: tests/unit/data/wedge/record_x11.py.

The recording also pins down the synthetic sequences of scanners.virtual.wedge_keystrokes,
which the other wedge tests use for the layouts and platforms not recordable here (Turkish-Q,
Windows): for the keys that type something, the generator must say what Qt says."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from scanners.profiles import TEST_KAREKOD, check_wedge_scan
from scanners.virtual import wedge_keystrokes
from scanners.wedge import GS, X11, KeyEvent, WedgeAssembler, WedgeSettings

RECORDING = Path(__file__).parent / "data" / "wedge" / "x11-us-qt.json"

# Qt::KeyboardModifier bits (qnamespace.h); test_qt_modifier_bits checks them against PySide6.
QT_MODIFIERS = {0x02000000: "shift", 0x04000000: "ctrl", 0x08000000: "alt", 0x40000000: "altgr"}


def recorded() -> tuple[str, list[KeyEvent]]:
    data = json.loads(RECORDING.read_text(encoding="utf-8"))
    events = [KeyEvent(text=e["text"], key=e["key"], native_scan_code=e["native_scan_code"],
                       modifiers=frozenset(name for bit, name in QT_MODIFIERS.items()
                                           if e["modifiers"] & bit),
                       time=e["timestamp_ms"] / 1000, platform=X11, pressed=e["pressed"])
              for e in data["events"]]
    return data["typed"], events


def test_recording_is_the_test_karekod_with_aim_prefix():
    typed, events = recorded()
    assert typed == "]d2" + TEST_KAREKOD
    ctrl_bracket = next(e for e in events if e.pressed and "ctrl" in e.modifiers and e.text)
    assert (ctrl_bracket.text, ctrl_bracket.native_scan_code) == (GS, 35)


@pytest.mark.parametrize("feed", ["presses and Alt releases", "every event"])
def test_recorded_burst_is_one_scan(feed):
    _, events = recorded()
    if feed != "every event":
        events = [e for e in events if e.pressed or e.key == 0x01000023]
    assembler = WedgeAssembler(WedgeSettings(prefix="]d2"))
    results = [assembler.feed(event) for event in events]
    scans = [scan for result in results for scan in result.scans]
    assert scans + list(assembler.flush(math.inf).scans) == [TEST_KAREKOD]
    assert all(r.consumed for r, e in zip(results, events) if e.pressed and e.text)
    assert "".join(r.human_text for r in results) == ""


def test_recorded_scan_names_the_us_profile():
    _, events = recorded()
    result = check_wedge_scan(events)
    assert result.recognised and result.works_as_is
    assert result.profile.id == "generic-usb-us"
    assert result.observed["prefix"] == "]d2" and result.observed["separator"] == "gs"


def test_generator_types_what_qt_reports():
    typed, events = recorded()
    real = [(e.text, e.key, e.native_scan_code, e.modifiers) for e in events if e.pressed and e.text]
    synthetic = [(e.text, e.key, e.native_scan_code, e.modifiers)
                 for e in wedge_keystrokes(typed, platform=X11) if e.pressed and e.text]
    assert synthetic == real


def test_qt_modifier_bits_match_pyside6():
    from PySide6.QtCore import Qt

    flags = Qt.KeyboardModifier
    assert {flags.ShiftModifier.value: "shift", flags.ControlModifier.value: "ctrl",
            flags.AltModifier.value: "alt", flags.GroupSwitchModifier.value: "altgr"} == QT_MODIFIERS
