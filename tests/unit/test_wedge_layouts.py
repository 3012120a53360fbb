"""The physical-key tables against the sourced facts: X11 keycode = Linux input code + 8,
Windows reports set-1 scan codes (equal to the Linux codes), and what US and Turkish-Q
put on each key (xkb symbols/us and symbols/tr, Windows KBDTUQ)."""

import pytest

from scanners import keylayouts
from scanners.keylayouts import ALTGR, PLAIN, SHIFTED, TURKISH_Q, US, WINDOWS, X11


def typed(native: int, platform: str, level: int, layout: str) -> str | None:
    return keylayouts.character(keylayouts.input_code(native, platform), level, layout)


@pytest.mark.parametrize("native,platform", [(35, X11), (0x1B, WINDOWS)])
def test_right_bracket_key_is_u_umlaut_on_turkish_q(native, platform):
    assert typed(native, platform, PLAIN, US) == "]"
    assert typed(native, platform, PLAIN, TURKISH_Q) == "ü"
    assert typed(native, platform, SHIFTED, TURKISH_Q) == "Ü"


@pytest.mark.parametrize("native,platform", [(31, X11), (0x17, WINDOWS)])
def test_us_i_key_is_dotless_i_on_turkish_q(native, platform):
    assert typed(native, platform, PLAIN, US) == "i"
    assert typed(native, platform, PLAIN, TURKISH_Q) == "ı"
    assert typed(native, platform, SHIFTED, TURKISH_Q) == "I"


def test_turkish_dotted_i_sits_on_the_us_apostrophe_key():
    assert keylayouts.key_for("i", TURKISH_Q) == (40, PLAIN)
    assert keylayouts.character(40, PLAIN, US) == "'"
    assert keylayouts.character(40, SHIFTED, TURKISH_Q) == "İ"


def test_digits_are_the_same_keys_in_both_layouts_and_on_the_numpad():
    for digit in "0123456789":
        assert keylayouts.key_for(digit, US) == keylayouts.key_for(digit, TURKISH_Q)
    assert typed(90, X11, PLAIN, US) == "0"  # KEY_KP0 = 82
    assert typed(0x49, WINDOWS, PLAIN, TURKISH_Q) == "9"  # KEY_KP9 = 73


@pytest.mark.parametrize("char,us,turkish", [
    ("-", (12, PLAIN), (13, PLAIN)),
    (".", (52, PLAIN), (53, PLAIN)),
    ("/", (53, PLAIN), (8, SHIFTED)),
    ("(", (10, SHIFTED), (9, SHIFTED)),
    (")", (11, SHIFTED), (10, SHIFTED)),
    ("[", (26, PLAIN), (9, ALTGR)),
    ("]", (27, PLAIN), (10, ALTGR)),
    ("*", (9, SHIFTED), (12, PLAIN)),
    (":", (39, SHIFTED), (53, SHIFTED)),
])
def test_punctuation_moves_between_layouts(char, us, turkish):
    assert keylayouts.key_for(char, US) == us
    assert keylayouts.key_for(char, TURKISH_Q) == turkish


def test_every_letter_a_to_z_is_typed_by_the_same_key_in_both_except_i():
    for letter in "abcdefghjklmnopqrstuvwxyz":
        assert keylayouts.key_for(letter, US) == keylayouts.key_for(letter, TURKISH_Q), letter
        upper = letter.upper()
        assert keylayouts.key_for(upper, US) == keylayouts.key_for(upper, TURKISH_Q), upper
    assert keylayouts.key_for("i", US) != keylayouts.key_for("i", TURKISH_Q)


def test_native_codes_round_trip():
    for platform in (X11, WINDOWS):
        assert keylayouts.input_code(keylayouts.native_scan_code(27, platform), platform) == 27
    assert keylayouts.native_scan_code(27, X11) == 35
    assert keylayouts.native_scan_code(27, WINDOWS) == 0x1B


def test_windows_extended_keys_keep_their_own_identity():
    """Qt on Windows reports the extended flag as bit 8 of nativeScanCode: right Alt is 0x138,
    and the arrow keys (0x148, 0x14B, ...) are not the numpad digits of the same low byte."""
    assert keylayouts.input_code(0x138, WINDOWS) == keylayouts.KEY_RIGHTALT
    assert keylayouts.input_code(0x38, WINDOWS) == keylayouts.KEY_LEFTALT
    assert keylayouts.native_scan_code(keylayouts.KEY_RIGHTALT, WINDOWS) == 0x138
    assert keylayouts.native_scan_code(keylayouts.KEY_RIGHTALT, X11) == 108  # <RALT>
    for arrow in (0x147, 0x148, 0x149, 0x14B, 0x14D, 0x14F, 0x150, 0x151, 0x152, 0x153):
        assert keylayouts.numpad_digit(keylayouts.input_code(arrow, WINDOWS)) is None, hex(arrow)
    assert keylayouts.numpad_digit(keylayouts.input_code(0x4B, WINDOWS)) == "4"


def test_only_turkish_q_types_with_altgr():
    assert keylayouts.has_third_level(TURKISH_Q) and not keylayouts.has_third_level(US)
