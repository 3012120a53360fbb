"""Scanner profiles and the scanner test: one scan of the test karekod names the profile that
fits and says what to change; the suggested settings then read the next real scans right."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from scanners import profiles
from scanners.camera import decode_frame
from scanners.profiles import (TEST_KAREKOD, Profile, ProfileError, TestScanCollector,
                               check_serial_scan, check_wedge_scan, get_profile, load_profiles,
                               test_karekod_image)
from scanners.serial import _Framer, decode_frame as serial_text
from scanners.virtual import wedge_keystrokes
from scanners.wedge import GS, TURKISH_Q, US, WINDOWS, X11, WedgeAssembler

# A real-looking karekod for "the next scan after the test".
NEXT = "0108699546000128" + "21K7H92AB" + GS + "17270531" + "10B2405A"


def wedge_scans(profile: Profile, events) -> list[str]:
    return WedgeAssembler(profile.wedge_settings()).replay(events)


def serial_scans(profile: Profile, data: bytes) -> list[str]:
    options = profile.serial_options()
    framer = _Framer(options["suffix"], options["frame_timeout"])
    texts = [serial_text(f) for f in framer.push(data, 0.0) + framer.push(b"", 1e6)]
    for standin in options["gs_standins"]:
        texts = [text.replace(standin, GS) for text in texts]
    return texts


# --- the profiles as data -------------------------------------------------------------------

def test_generic_profiles_are_shipped():
    shipped = {p.id: p for p in load_profiles()}
    assert {"generic-usb-us", "generic-usb-tr-q", "generic-serial"} <= shipped.keys()
    assert shipped["generic-usb-us"].keyboard_layout == US
    assert shipped["generic-usb-tr-q"].keyboard_layout == TURKISH_Q
    assert shipped["generic-serial"].interface == "serial"
    assert all(p.name("tr") and p.name("en") for p in shipped.values())


def test_vendor_profiles_name_their_sources():
    for profile in load_profiles():
        assert profile.vendor is None or profile.sources, profile.id


def test_profile_round_trips_through_its_file_format():
    for profile in load_profiles():
        text = json.dumps(profile.to_dict(), ensure_ascii=False)
        assert Profile.from_dict(json.loads(text)) == profile
    custom = replace(get_profile("generic-usb-us"), prefix="]d2", gs_standins=("|",),
                     max_gap_ms=75.0, end_timeout_ms=150.0)
    assert Profile.from_dict(custom.to_dict()) == custom


def test_profile_gives_wedge_settings_and_serial_options():
    settings = get_profile("generic-usb-tr-q").wedge_settings()
    assert (settings.keyboard_layout, settings.terminator, settings.max_gap) == (
        TURKISH_Q, "enter", 0.040)
    options = get_profile("generic-serial").serial_options()
    assert options == {"baudrate": 9600, "suffix": "\r", "frame_timeout": 0.05,
                       "gs_standins": ()}


@pytest.mark.parametrize("change,complaint", [
    ({"interface": "usb"}, "interface"),
    ({"suffix": "cr"}, "suffix"),  # a serial suffix on a keyboard profile
    ({"keyboard_layout": "de"}, "keyboard_layout"),
    ({"separator": {"standins": [""]}}, "standins"),
    ({"vendor": "Some Vendor"}, "sources"),
    ({"timing": {"max_gap_ms": 0}}, "timing"),
    ({"name": None}, "malformed"),
])
def test_broken_profile_is_refused_with_the_reason(change, complaint):
    data = {**get_profile("generic-usb-us").to_dict(), **change}
    with pytest.raises(ProfileError, match=complaint) as refusal:
        Profile.from_dict(data, origin="broken.json")
    assert "broken.json" in str(refusal.value)


def test_unknown_profile_id():
    with pytest.raises(KeyError):
        get_profile("no-such-scanner")


def test_the_test_karekod_tells_the_layouts_apart_and_can_never_be_queued():
    from pharmadesk import gs1

    us = wedge_keystrokes(TEST_KAREKOD, scanner_layout=US, system_layout=TURKISH_Q)
    assert "".join(event.text for event in us) != TEST_KAREKOD + "\r"
    with pytest.raises(gs1.Gs1Error):
        gs1.parse(TEST_KAREKOD)  # lower-case serial: ITS refuses it


def test_test_karekod_image_reads_back_as_the_test_karekod():
    image = test_karekod_image(scale=6)
    assert image.ndim == 2 and image[0, 0] == 255  # grey, with a white quiet zone
    assert decode_frame(image) == [TEST_KAREKOD]


# --- keyboard-wedge test scans --------------------------------------------------------------

@pytest.mark.parametrize("platform", [X11, WINDOWS])
@pytest.mark.parametrize("scanner,system,expected", [
    (US, US, "generic-usb-us"),
    (US, TURKISH_Q, "generic-usb-us"),
    (TURKISH_Q, TURKISH_Q, "generic-usb-tr-q"),
    (TURKISH_Q, US, "generic-usb-tr-q"),
])
def test_the_layout_the_scanner_types_for_picks_the_profile(platform, scanner, system, expected):
    events = wedge_keystrokes(TEST_KAREKOD, scanner_layout=scanner, system_layout=system,
                              platform=platform)
    result = check_wedge_scan(events)
    assert result.recognised and result.works_as_is
    assert result.profile.id == expected
    assert result.changes == ()
    assert result.observed["keyboard_layout"] == scanner
    assert result.observed["system_reads_right"] == (scanner == system)
    assert "doğru okuyor" in result.summary("tr") and "reads correctly" in result.summary("en")
    next_scan = wedge_keystrokes("]d2" + NEXT, scanner_layout=scanner, system_layout=system,
                                 platform=platform, seed=5)
    assert [gs1_clean(s) for s in wedge_scans(result.suggested, next_scan)] == [NEXT]


def gs1_clean(scan: str) -> str:
    """What pharmadesk.gs1 does with a symbology identifier: drops it."""
    return scan[3:] if scan.startswith("]d2") else scan


def test_aim_prefix_read_right_needs_no_change():
    events = wedge_keystrokes("]d2" + TEST_KAREKOD, scanner_layout=US, system_layout=TURKISH_Q,
                              platform=WINDOWS)
    result = check_wedge_scan(events)
    assert result.works_as_is and result.profile.id == "generic-usb-us"
    assert result.observed["prefix"] == "]d2"
    assert not any(c.required for c in result.changes)


def test_stand_in_prefix_slow_keys_and_no_terminator_become_suggested_settings():
    events = wedge_keystrokes("PD>" + TEST_KAREKOD, scanner_layout=TURKISH_Q,
                              system_layout=TURKISH_Q, gs="<GS>", terminator="none",
                              gap=0.045, jitter=0.01)
    result = check_wedge_scan(events)
    assert result.recognised and not result.works_as_is
    assert result.profile.id == "generic-usb-tr-q"
    settings = {c.setting: c for c in result.changes if c.where == "app"}
    assert settings["gs_standins"].value == ("<GS>",)
    assert settings["prefix"].value == "PD>"
    assert settings["max_gap_ms"].value > 55
    assert settings["suffix"].value == "none"
    assert any(c.where == "scanner" and c.setting == "suffix" and not c.required
               for c in result.changes)
    assert "Save the suggested settings" in result.summary("en")
    suggested = result.suggested
    assert (suggested.prefix, suggested.gs_standins, suggested.suffix) == ("PD>", ("<GS>",), "none")
    next_scan = wedge_keystrokes("PD>" + NEXT, scanner_layout=TURKISH_Q, system_layout=TURKISH_Q,
                                 gs="<GS>", terminator="none", gap=0.045, jitter=0.01, seed=9)
    assert wedge_scans(suggested, next_scan) == [NEXT]
    assert wedge_scans(result.profile, next_scan) != [NEXT]


def test_scanner_that_drops_gs_must_be_changed_on_the_scanner():
    events = wedge_keystrokes(TEST_KAREKOD.replace(GS, ""))
    result = check_wedge_scan(events)
    assert result.recognised and not result.works_as_is
    (change,) = [c for c in result.changes if c.required]
    assert (change.setting, change.where) == ("separator", "scanner")
    assert "GS" in change.message("tr") and "Ctrl+]" in change.message("en")
    assert "scanner" in result.summary("en")
    assert result.observed["separator"] == "lost"


def test_scanner_typing_at_human_speed_is_told_to_speed_up():
    result = check_wedge_scan(wedge_keystrokes(TEST_KAREKOD, gap=0.12, jitter=0.02))
    assert not result.works_as_is
    speed = next(c for c in result.changes if c.setting == "speed")
    assert speed.where == "scanner" and speed.required
    assert "yavaş" in speed.message("tr") and "inter-character" in speed.message("en")


def test_alt_mode_scanner_fits_either_keyboard_profile():
    events = wedge_keystrokes(TEST_KAREKOD, platform=WINDOWS, alt_codes=True, gap=0.003)
    result = check_wedge_scan(events)
    assert result.works_as_is and result.changes == ()
    assert result.observed["keyboard_layout"] is None  # Alt codes type the same in both


def test_another_code_or_typing_is_not_recognised():
    result = check_wedge_scan(wedge_keystrokes(NEXT))
    assert not result.recognised and result.profile is None
    (change,) = result.changes
    assert change.setting == "scan" and "test karekod" in change.message("en")
    assert "test karekodu" in result.summary("tr")


def test_only_keyboard_profiles_are_considered_for_key_events():
    serial_only = [get_profile("generic-serial")]
    assert not check_wedge_scan(wedge_keystrokes(TEST_KAREKOD), profiles=serial_only).recognised


def test_collector_stops_at_enter_or_after_silence():
    collector = TestScanCollector()
    assert collector.deadline() is None
    events = wedge_keystrokes(TEST_KAREKOD, terminator="enter")
    assert [collector.feed(event) for event in events][-2:] == [False, True]
    assert collector.events == events and collector.deadline() is None

    quiet = TestScanCollector(silence=0.5)
    events = wedge_keystrokes(TEST_KAREKOD, terminator="none")
    assert not any(quiet.feed(event) for event in events)
    assert quiet.deadline() == pytest.approx(events[-1].time + 0.5)
    assert not quiet.flush(events[-1].time + 0.2)
    assert quiet.flush(events[-1].time + 0.5)
    assert check_wedge_scan(quiet.events).recognised


# --- serial test scans ----------------------------------------------------------------------

@pytest.mark.parametrize("suffix,name", [(b"\r", "cr"), (b"\r\n", "crlf"), (b"\n", "lf")])
def test_serial_scan_with_any_line_ending_works_as_is(suffix, name):
    result = check_serial_scan(b"]d2" + TEST_KAREKOD.encode() + suffix)
    assert result.recognised and result.works_as_is
    assert result.profile.id == "generic-serial"
    assert result.observed["suffix"] == name and result.observed["separator"] == "gs"
    assert not any(c.required for c in result.changes)


def test_serial_scanner_without_suffix_gets_silence_framing():
    result = check_serial_scan(TEST_KAREKOD.encode())
    assert not result.works_as_is
    assert result.suggested.suffix == "none"
    assert result.suggested.serial_options()["suffix"] is None
    assert serial_scans(result.suggested, NEXT.encode()) == [NEXT]


def test_serial_stand_in_for_gs_is_learned():
    data = TEST_KAREKOD.replace(GS, "~").encode() + b"\r"
    result = check_serial_scan(data)
    assert not result.works_as_is
    assert result.suggested.gs_standins == ("~",)
    assert serial_scans(result.suggested, NEXT.replace(GS, "~").encode() + b"\r") == [NEXT]


def test_serial_custom_prefix_must_be_turned_off_on_the_scanner():
    result = check_serial_scan(b"SCAN:" + TEST_KAREKOD.encode() + b"\r")
    change = next(c for c in result.changes if c.setting == "prefix")
    assert (change.where, change.required) == ("scanner", True)


def test_wrong_baud_rate_is_named():
    # What 9600-baud bytes look like when read at another speed: high bytes, no text.
    result = check_serial_scan(bytes([0xE6, 0x80, 0x1E, 0xF8, 0x98, 0x86, 0x00, 0xFC, 0xE0]) + b"\r")
    assert not result.recognised
    assert "baud" in result.changes[0].message("en") and "baud" in result.changes[0].message("tr")


def test_nothing_received_is_named():
    result = check_serial_scan(b"")
    assert not result.recognised and "kablo" in result.summary("tr").lower()


def test_profiles_module_is_documented_for_the_gui():
    for name in profiles.__all__:
        if callable(getattr(profiles, name)):
            assert getattr(profiles, name).__doc__, name


def test_caps_lock_on_does_no_harm_and_is_named_where_it_would():
    # With Caps Lock on, letter keys type the other case; the scanner's Shift undoes it.
    events = [replace(e, text=e.text.swapcase())
              for e in wedge_keystrokes(TEST_KAREKOD, scanner_layout=US, system_layout=US)]
    result = check_wedge_scan(events)
    assert result.works_as_is  # the profile reads physical keys and Shift, not the OS's text
    assert result.observed["system_reads_right"] is False
    trusting_the_os = replace(get_profile("generic-usb-us"), keyboard_layout=None)
    assert wedge_scans(trusting_the_os, events) != [TEST_KAREKOD]
    result = check_wedge_scan(events, profiles=[trusting_the_os])
    assert result.recognised  # still found through the physical keys; the fix is the layout
    assert result.suggested.keyboard_layout == US
    assert wedge_scans(result.suggested, events) == [TEST_KAREKOD]


def test_caps_lock_is_named_when_no_physical_keys_are_reported():
    """Some window systems give no native scan code; then only the text is there to read."""
    events = [replace(e, text=e.text.swapcase(), native_scan_code=0)
              for e in wedge_keystrokes(TEST_KAREKOD, gs="char")]
    result = check_wedge_scan(events)
    assert not result.recognised
    assert result.changes[0].setting == "caps_lock"
    assert "Caps Lock" in result.summary("tr") and "Caps Lock" in result.summary("en")
