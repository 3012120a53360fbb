"""Keyboard-wedge scanners: bursts become scans and never land in a form field, people's
typing comes back to them, GS arrives in every form a real system sends it, and a scanner
set to the wrong keyboard language is read from its physical keys."""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

import pytest

from scanners.virtual import wedge_keystrokes
from scanners.wedge import (GS, QT_KEY_ALT, QT_KEY_CONTROL, QT_KEY_ENTER, TURKISH_Q, US, WINDOWS,
                            X11, KeyEvent, WedgeAssembler, WedgeSettings)

# A karekod with the characters layouts disagree on: lower-case i, ".", "-", "/".
KAREKOD = "0108699546000128" + "21" + "Ai7b.x-9/Z" + GS + "17270531" + "10" + "B23i5"


@dataclass
class Outcome:
    scans: list[str] = field(default_factory=list)
    field_text: str = ""  # what the focused text field ends up showing
    leaked_keys: list[KeyEvent] = field(default_factory=list)  # key presses let through


def drive(assembler: WedgeAssembler, events: list[KeyEvent], end: float = math.inf) -> Outcome:
    """Feeds the events as the GUI does, firing the flush timer at each deadline."""
    outcome = Outcome()

    def take(result, event=None):
        outcome.scans += result.scans
        outcome.field_text += result.human_text
        if event is not None and event.pressed and not result.consumed:
            outcome.leaked_keys.append(event)
            if event.text.isprintable():
                outcome.field_text += event.text

    for event in events:
        deadline = assembler.deadline()
        if deadline is not None and deadline < event.time:
            take(assembler.flush(deadline + 0.001))
        take(assembler.feed(event), event)
    take(assembler.flush(end))
    return outcome


def human(text: str, *, start: float = 0.0, layout: str = US, platform: str = X11,
          terminator: str = "enter") -> list[KeyEvent]:
    return wedge_keystrokes(text, scanner_layout=layout, system_layout=layout, platform=platform,
                            terminator=terminator, start=start, gap=0.18, jitter=0.08)


@pytest.mark.parametrize("platform", [X11, WINDOWS])
@pytest.mark.parametrize("terminator", ["enter", "tab"])
def test_scanner_burst_is_one_scan_and_nothing_reaches_the_field(platform, terminator):
    scanned = []
    assembler = WedgeAssembler(WedgeSettings(terminator=terminator), on_scan=scanned.append)
    outcome = drive(assembler, wedge_keystrokes(KAREKOD, platform=platform,
                                                terminator=terminator))
    assert outcome.scans == [KAREKOD]
    assert scanned == [KAREKOD]
    assert outcome.field_text == ""
    assert outcome.leaked_keys == []  # the Enter/Tab too: no form is submitted, no focus jump


def test_scan_without_terminator_ends_when_the_keys_stop():
    assembler = WedgeAssembler(WedgeSettings(terminator="none"))
    events = wedge_keystrokes(KAREKOD, terminator="none")
    for event in events:
        assert assembler.feed(event).scans == ()
    still_typing = assembler.flush(events[-1].time + 0.01)
    assert still_typing.scans == ()
    assert assembler.flush(assembler.deadline() + 0.001).scans == (KAREKOD,)
    assert assembler.deadline() is None


def test_stalled_scan_is_not_cut_in_two():
    """A USB hiccup of 80 ms in the middle of a scan, longer than the gap allowed between the
    first keys but within a running scan's end timeout."""
    first = wedge_keystrokes(KAREKOD[:20], terminator="none")
    rest = wedge_keystrokes(KAREKOD[20:], start=first[-1].time + 0.08)
    assert drive(WedgeAssembler(), first + rest).scans == [KAREKOD]


def test_person_typing_slowly_gets_every_key_back_in_order():
    outcome = drive(WedgeAssembler(), human("12345678901234"))
    assert outcome.scans == []
    assert outcome.field_text == "12345678901234"
    assert [event.text for event in outcome.leaked_keys] == ["\r"]  # their Enter submits


def test_fast_rollover_of_a_few_keys_is_still_a_person():
    events = wedge_keystrokes("ab", terminator="none", gap=0.015, jitter=0.005)
    events += human("c", start=events[-1].time + 0.2, terminator="enter")
    outcome = drive(WedgeAssembler(), events)
    assert outcome.scans == []
    assert outcome.field_text == "abc"


def test_person_then_scanner_then_person():
    events = human("5", terminator="none")
    events += wedge_keystrokes(KAREKOD, start=events[-1].time + 0.5)
    events += human("x", start=events[-1].time + 0.5, terminator="none")
    outcome = drive(WedgeAssembler(), events)
    assert outcome.scans == [KAREKOD]
    assert outcome.field_text == "5x"


def test_two_scans_back_to_back_stay_apart():
    first = wedge_keystrokes(KAREKOD)
    second_karekod = KAREKOD.replace("B23i5", "C999")
    second = wedge_keystrokes(second_karekod, start=first[-1].time + 0.01, seed=1)
    assert drive(WedgeAssembler(), first + second).scans == [KAREKOD, second_karekod]


def test_prefix_is_stripped_and_marks_a_short_code_as_a_scan():
    settings = WedgeSettings(prefix="]d2", min_length=20)
    outcome = drive(WedgeAssembler(settings), wedge_keystrokes("]d2" + "0108699546000128"))
    assert outcome.scans == ["0108699546000128"]
    without_prefix = drive(WedgeAssembler(settings), wedge_keystrokes("0108699546000128"))
    assert without_prefix.scans == []
    assert without_prefix.field_text == "0108699546000128"


@pytest.mark.parametrize("platform,layout,gs", [
    (X11, US, "char"),
    (X11, US, "ctrl"),
    (X11, TURKISH_Q, "ctrl"),  # arrives as Ctrl+Ü, text "ü"
    (WINDOWS, US, "ctrl"),
    (WINDOWS, TURKISH_Q, "ctrl"),  # scan code 0x1B
    (WINDOWS, US, "alt"),  # Alt+0029 on the numpad
    (WINDOWS, TURKISH_Q, "alt"),
    (X11, TURKISH_Q, "<GS>"),
])
def test_gs_separator_arrives_in_every_form(platform, layout, gs):
    settings = WedgeSettings(gs_standins=("<GS>",))
    events = wedge_keystrokes(KAREKOD, scanner_layout=layout, system_layout=layout,
                              platform=platform, gs=gs)
    outcome = drive(WedgeAssembler(settings), events)
    assert outcome.scans == [KAREKOD]
    assert outcome.leaked_keys == []


def test_turkish_x11_sends_no_gs_character_for_ctrl_right_bracket():
    """The case the physical-key rule is for, as Qt reports it under X11 with Turkish-Q."""
    events = wedge_keystrokes(GS, system_layout=TURKISH_Q, scanner_layout=TURKISH_Q,
                              terminator="none")
    ctrl_u = events[-1]
    assert (ctrl_u.text, ctrl_u.key, ctrl_u.native_scan_code, ctrl_u.modifiers) == (
        "ü", 0xDC, 35, frozenset({"ctrl"}))
    assert GS not in "".join(event.text for event in events)
    assembler = WedgeAssembler()
    drive(assembler, wedge_keystrokes("0108699546000128", terminator="none"), end=0)
    assert assembler.feed(ctrl_u).consumed


def test_windows_scan_code_0x1b_with_ctrl_is_gs_even_without_text():
    start = wedge_keystrokes("010869954600012821ABC", platform=WINDOWS, terminator="none")
    ctrl_key = KeyEvent("", 0xDC, 0x1B, frozenset({"ctrl"}), start[-1].time + 0.004, WINDOWS)
    end = wedge_keystrokes("17270531", platform=WINDOWS, start=ctrl_key.time)
    outcome = drive(WedgeAssembler(), start + [ctrl_key] + end)
    assert outcome.scans == ["010869954600012821ABC" + GS + "17270531"]


def test_alt_code_character_echoed_by_windows_is_not_doubled():
    events = wedge_keystrokes(KAREKOD, platform=WINDOWS, gs="alt")
    alt_up = next(i for i, event in enumerate(events) if not event.pressed)
    echo = KeyEvent(GS, 0, 0, frozenset(), events[alt_up].time + 0.001, WINDOWS)
    outcome = drive(WedgeAssembler(), events[:alt_up + 1] + [echo] + events[alt_up + 1:])
    assert outcome.scans == [KAREKOD]


def test_scanner_typing_every_character_as_an_alt_code():
    """Some scanners' "ALT mode" sends every character as Alt + its numpad code."""
    events = wedge_keystrokes(KAREKOD, platform=WINDOWS, alt_codes=True, gap=0.003)
    assert not any(event.text for event in events[:-1])
    outcome = drive(WedgeAssembler(), events)
    assert outcome.scans == [KAREKOD]
    assert outcome.field_text == ""
    # Only the very first Alt press goes by: nothing was held yet, and Alt types nothing.
    assert [event.key for event in outcome.leaked_keys] == [QT_KEY_ALT]


@pytest.mark.parametrize("platform", [X11, WINDOWS])
def test_us_scanner_on_turkish_system_is_read_from_physical_keys(platform):
    events = wedge_keystrokes("]d2" + KAREKOD, scanner_layout=US, system_layout=TURKISH_Q,
                              platform=platform)
    as_the_os_typed = "".join(event.text for event in events)
    assert as_the_os_typed.startswith("üd2") and "ı" in as_the_os_typed  # the problem
    repaired = drive(WedgeAssembler(WedgeSettings(prefix="]d2", keyboard_layout=US)), events)
    assert repaired.scans == [KAREKOD]


@pytest.mark.parametrize("platform", [X11, WINDOWS])
def test_turkish_scanner_on_us_system_is_read_from_physical_keys(platform):
    events = wedge_keystrokes("]d2" + KAREKOD, scanner_layout=TURKISH_Q, system_layout=US,
                              platform=platform)
    assert "'" in "".join(event.text for event in events)  # Turkish "i" is the US "'" key
    settings = WedgeSettings(prefix="]d2", keyboard_layout=TURKISH_Q)
    assert drive(WedgeAssembler(settings), events).scans == [KAREKOD]


def test_shortcuts_pass_through_when_nothing_is_held():
    assembler = WedgeAssembler()
    ctrl = KeyEvent("", QT_KEY_CONTROL, 37, frozenset({"ctrl"}), 1.0)
    ctrl_s = KeyEvent("\x13", ord("S"), 39, frozenset({"ctrl"}), 1.01)
    ctrl_bracket = KeyEvent(GS, 0x5D, 35, frozenset({"ctrl"}), 1.02)
    assert not any(assembler.feed(event).consumed for event in (ctrl, ctrl_s, ctrl_bracket))


@pytest.mark.parametrize("alt_key,key,native", [
    (64, ord("9"), 18),  # left Alt + 9: the right Alt is the Turkish-Q scanner's AltGr
    (108, ord("D"), 40),  # right Alt + a key with nothing on the third level
])
def test_alt_shortcuts_pass_through_with_a_turkish_q_scanner_on_a_us_system(alt_key, key, native):
    assembler = WedgeAssembler(WedgeSettings(keyboard_layout=TURKISH_Q))
    alt = KeyEvent("", QT_KEY_ALT, alt_key, frozenset({"alt"}), 1.0)
    shortcut = KeyEvent(chr(key).lower(), key, native, frozenset({"alt"}), 1.01)
    alt_up = KeyEvent("", QT_KEY_ALT, alt_key, frozenset(), 1.02, pressed=False)
    results = [assembler.feed(event) for event in (alt, shortcut, alt_up)]
    assert not any(r.consumed or r.scans or r.human_text for r in results)


def test_windows_alt_with_an_arrow_key_is_a_shortcut_not_an_alt_code():
    """Alt+Left (back) has the numpad 4's scan code plus the extended flag."""
    assembler = WedgeAssembler()
    alt = KeyEvent("", QT_KEY_ALT, 0x38, frozenset({"alt"}), 1.0, WINDOWS)
    left = KeyEvent("", 0x01000012, 0x14B, frozenset({"alt"}), 1.01, WINDOWS)
    alt_up = KeyEvent("", QT_KEY_ALT, 0x38, frozenset(), 1.02, WINDOWS, pressed=False)
    results = [assembler.feed(event) for event in (alt, left, alt_up)]
    assert not any(r.consumed or r.scans or r.human_text for r in results)
    assert assembler.deadline() is None


def test_key_that_types_nothing_gives_held_keys_back_first():
    events = wedge_keystrokes("ab", terminator="none", gap=0.01)
    escape = KeyEvent("\x1b", 0x01000000, 9, frozenset(), events[-1].time + 0.01)
    assembler = WedgeAssembler()
    for event in events:
        assembler.feed(event)
    result = assembler.feed(escape)
    assert (result.human_text, result.consumed, result.scans) == ("ab", False, ())


def test_focus_change_gives_held_keys_back_and_completes_a_scan_in_progress():
    assembler = WedgeAssembler()
    events = wedge_keystrokes(KAREKOD, terminator="none")
    assembler.feed(events[0])
    assert assembler.flush(math.inf).human_text == KAREKOD[0]
    assert assembler.deadline() is None
    for event in events:
        assembler.feed(event)
    assert assembler.flush(math.inf).scans == (KAREKOD,)  # the keys after a click start afresh
    assert assembler.deadline() is None


def test_assembler_takes_a_profile_like_object():
    class Profile:
        def wedge_settings(self):
            return WedgeSettings(prefix="]d2")

    outcome = drive(WedgeAssembler(Profile()), wedge_keystrokes("]d2" + KAREKOD))
    assert outcome.scans == [KAREKOD]


def test_qt_key_numbers_match_pyside6():
    qt = pytest.importorskip("PySide6.QtCore").Qt
    from scanners import wedge

    for name in ("Tab", "Return", "Enter", "Shift", "Control", "Meta", "Alt", "CapsLock",
                 "NumLock", "AltGr", "BracketRight", "Udiaeresis"):
        ours = getattr(wedge, "QT_KEY_" + name.upper())
        assert ours == getattr(qt.Key, "Key_" + name).value, name


def windows_ticks(events: list[KeyEvent], tick: float = 0.015625) -> list[KeyEvent]:
    """The same keys with Windows' message times: whole ticks of the ~15.6 ms system clock,
    so a scanner's 4 ms gaps show as runs of 0 and one 16 ms step."""
    return [replace(event, time=math.floor(event.time / tick) * tick) for event in events]


@pytest.mark.parametrize("layout", [US, TURKISH_Q])
def test_windows_tick_clock_still_gives_one_scan(layout):
    events = windows_ticks(wedge_keystrokes(KAREKOD, scanner_layout=layout, system_layout=layout,
                                            platform=WINDOWS, gap=0.006, jitter=0.003))
    assert {round(b.time - a.time, 4) for a, b in zip(events, events[1:])} <= {0.0, 0.0156}
    outcome = drive(WedgeAssembler(), events)
    assert outcome.scans == [KAREKOD] and outcome.field_text == ""


def test_person_typing_on_a_turkish_windows_keyboard_keeps_their_letters():
    typed = "İlaç ığdır şüphe"
    events = windows_ticks(human(typed.replace("ç", "c").replace("ş", "s"), layout=TURKISH_Q,
                                 platform=WINDOWS, terminator="none"))
    outcome = drive(WedgeAssembler(), events)
    assert outcome.scans == []
    assert outcome.field_text == typed.replace("ç", "c").replace("ş", "s")


def test_keypad_enter_ends_a_scan_too():
    events = wedge_keystrokes(KAREKOD, terminator="none")
    keypad_enter = KeyEvent("\r", QT_KEY_ENTER, 104, frozenset(), events[-1].time + 0.004)
    outcome = drive(WedgeAssembler(), events + [keypad_enter])
    assert outcome.scans == [KAREKOD] and outcome.leaked_keys == []


def test_a_window_shortcut_ends_a_scan_sent_without_a_terminator():
    """Qt asks with a ShortcutOverride before Ctrl+K or F2 reaches the window's shortcut,
    and the press itself never comes: that question ends the scan held so far."""
    assembler = WedgeAssembler(WedgeSettings(terminator="none"))
    events = wedge_keystrokes(KAREKOD, terminator="none")
    for event in events:
        assembler.feed(event)
    later = events[-1].time + 0.02  # within the end timeout: the scan is still held
    ctrl_k = KeyEvent("\x0b", ord("K"), 45, frozenset({"ctrl"}), later)
    assert assembler.shortcut(ctrl_k).scans == (KAREKOD,)
    assert assembler.deadline() is None
    f2 = KeyEvent("", 0x01000031, 68, frozenset(), later)
    assert assembler.shortcut(f2).scans == ()  # nothing held: nothing to end


def test_gs_and_scanner_keys_asked_about_as_shortcuts_stay_in_the_scan():
    assembler = WedgeAssembler(WedgeSettings(terminator="none"))
    events = wedge_keystrokes(KAREKOD, terminator="none")
    for event in events:
        if event.pressed:
            assert assembler.shortcut(event).scans == ()  # Ctrl+] (GS) included
        assembler.feed(event)
    assert assembler.flush(math.inf).scans == (KAREKOD,)
