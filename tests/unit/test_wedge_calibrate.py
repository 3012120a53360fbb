"""Calibration from one test scan of a known karekod: the settings it derives read the next
real scans right, and a scan it cannot explain gets a clear message."""

import math

import pytest

from scanners.virtual import wedge_keystrokes
from scanners.wedge import (GS, TURKISH_Q, US, WINDOWS, X11, CalibrationError, WedgeAssembler,
                            WedgeSettings, calibrate)

TEST_KAREKOD = "0108699546000128" + "21" + "Ti9x.c/-A" + GS + "17270531" + "10" + "Li24"
NEXT_KAREKOD = "0108680199000012" + "21" + "ii00bb" + GS + "17290101" + "10" + "X.Y"


def scans_with(settings, events):
    assembler = WedgeAssembler(settings)
    scans = []
    for event in events:
        scans += assembler.feed(event).scans
    return scans + list(assembler.flush(math.inf).scans)


@pytest.mark.parametrize("platform", [X11, WINDOWS])
def test_us_scanner_on_turkish_system_with_aim_prefix_and_tab(platform):
    options = dict(scanner_layout=US, system_layout=TURKISH_Q, platform=platform,
                   terminator="tab")
    settings = calibrate(wedge_keystrokes("]d2" + TEST_KAREKOD, **options), TEST_KAREKOD)
    assert (settings.keyboard_layout, settings.prefix, settings.terminator) == (US, "]d2", "tab")
    assert settings.gs_standins == ()
    next_scan = wedge_keystrokes("]d2" + NEXT_KAREKOD, seed=7, **options)
    assert scans_with(settings, next_scan) == [NEXT_KAREKOD]
    assert scans_with(WedgeSettings(), next_scan) != [NEXT_KAREKOD]


def test_scanner_matching_the_system_trusts_the_system():
    events = wedge_keystrokes(TEST_KAREKOD, scanner_layout=TURKISH_Q, system_layout=TURKISH_Q)
    settings = calibrate(events, TEST_KAREKOD)
    assert (settings.keyboard_layout, settings.prefix, settings.terminator) == (None, "", "enter")


def test_stand_in_for_gs_is_learned():
    events = wedge_keystrokes(TEST_KAREKOD, gs="|", terminator="none")
    settings = calibrate(events, TEST_KAREKOD)
    assert settings.gs_standins == ("|",)
    assert settings.terminator == "none"
    assert scans_with(settings, wedge_keystrokes(NEXT_KAREKOD, gs="|")) == [NEXT_KAREKOD]


def test_timing_threshold_follows_a_slower_scanner():
    events = wedge_keystrokes(TEST_KAREKOD, gap=0.030, jitter=0.008)
    settings = calibrate(events, TEST_KAREKOD)
    widest = max(b.time - a.time for a, b in zip(events, events[1:]))
    assert settings.max_gap >= widest
    assert scans_with(settings, wedge_keystrokes(NEXT_KAREKOD, gap=0.030, jitter=0.008,
                                                 seed=3)) == [NEXT_KAREKOD]


def test_typing_the_karekod_by_hand_is_refused_as_too_slow():
    events = wedge_keystrokes(TEST_KAREKOD, gap=0.15, jitter=0.05)
    with pytest.raises(CalibrationError) as refusal:
        calibrate(events, TEST_KAREKOD)
    assert refusal.value.kind == "slow"
    assert "yavaş" in refusal.value.message("tr")
    assert "slowly" in refusal.value.message("en")


def test_scan_of_another_karekod_is_refused():
    with pytest.raises(CalibrationError) as refusal:
        calibrate(wedge_keystrokes(NEXT_KAREKOD), TEST_KAREKOD)
    assert refusal.value.kind == "unrecognised"
    assert "karekod" in refusal.value.message("tr")


@pytest.mark.parametrize("platform,scanner,system,gs", [
    (X11, TURKISH_Q, US, "ctrl"),
    (X11, US, TURKISH_Q, "ctrl"),  # GS arrives as Ctrl+Ü with text "ü"
    (X11, TURKISH_Q, TURKISH_Q, "ctrl"),
    (WINDOWS, TURKISH_Q, US, "alt"),  # Alt+0029 on the numpad
    (WINDOWS, US, TURKISH_Q, "alt"),
    (WINDOWS, TURKISH_Q, TURKISH_Q, "char"),
])
def test_calibration_reads_the_next_scan_in_every_layout_pairing(platform, scanner, system, gs):
    options = dict(scanner_layout=scanner, system_layout=system, platform=platform, gs=gs)
    settings = calibrate(wedge_keystrokes("]d2" + TEST_KAREKOD, **options), TEST_KAREKOD)
    assert settings.prefix == "]d2" and settings.gs_standins == ()
    assert settings.keyboard_layout == (None if scanner == system else scanner)
    next_scan = wedge_keystrokes("]d2" + NEXT_KAREKOD, seed=11, **options)
    assert scans_with(settings, next_scan) == [NEXT_KAREKOD]


def test_scanner_that_drops_gs_cannot_be_calibrated():
    events = wedge_keystrokes(TEST_KAREKOD.replace(GS, ""))
    with pytest.raises(CalibrationError) as refusal:
        calibrate(events, TEST_KAREKOD)
    assert refusal.value.kind == "separator"
    assert "GS" in refusal.value.message("tr") and "Ctrl+]" in refusal.value.message("en")
