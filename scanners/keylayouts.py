"""Which character a physical key types under the US and Turkish-Q layouts, so a scanner set
to one layout can be read on a system set to the other (the `]d2` prefix arriving as `üd2`).

Keys are named by their Linux input code (linux/input-event-codes.h: KEY_1 = 2, KEY_Q = 16,
KEY_RIGHTBRACE = 27, ...). Those codes are the PC keyboard's set-1 scan codes, which is what
Windows reports (Microsoft "Keyboard Scan Code Specification": "]" = 0x1B); X11's evdev
keycodes are the same number + 8 (/usr/share/X11/xkb/keycodes/evdev: <AD12> = 35).
Characters come from xkb's symbols/us and symbols/tr ("basic") and agree with Windows'
KBDTUQ ("Turkish Q") table for these keys.
"""

from __future__ import annotations

US = "us"
TURKISH_Q = "tr_q"
LAYOUTS = (US, TURKISH_Q)

X11 = "x11"
WINDOWS = "windows"

_X11_OFFSET = 8

# Linux input codes of keys the wedge treats specially.
KEY_RIGHTBRACE = 27  # "]" on US, "ü" on Turkish-Q: Ctrl with it sends GS (0x1D)
KEY_LEFTALT = 56
KEY_RIGHTALT = 100  # a Turkish-Q scanner's AltGr; a US system sees it as a plain Alt
_NUMPAD_DIGITS = {82: "0", 79: "1", 80: "2", 81: "3", 75: "4", 76: "5", 77: "6", 71: "7", 72: "8", 73: "9"}

# Runs of physical keys, by the input code of the first key in the run: unshifted, shifted.
_ROWS = {
    US: (
        (2, "1234567890-=", "!@#$%^&*()_+"),
        (16, "qwertyuiop[]", "QWERTYUIOP{}"),
        (30, "asdfghjkl;'`", 'ASDFGHJKL:"~'),
        (43, "\\zxcvbnm,./", "|ZXCVBNM<>?"),
        (57, " ", " "),
    ),
    TURKISH_Q: (
        (2, "1234567890*-", "!'^+%&/()=?_"),
        (16, "qwertyuıopğü", "QWERTYUIOPĞÜ"),
        (30, 'asdfghjklşi"', "ASDFGHJKLŞİé"),
        (43, ",zxcvbnmöç.", ";ZXCVBNMÖÇ:"),
        (57, " ", " "),
        (86, "<", ">"),  # the ISO key left of Z (KEY_102ND), which US keyboards lack
    ),
}

# The third level (AltGr; Ctrl+Alt on Windows), where Turkish-Q keeps the brackets a
# scanner's AIM prefix "]d2" needs. US has no third level.
_ALTGR = {
    US: {},
    TURKISH_Q: {2: ">", 3: "£", 4: "#", 5: "$", 8: "{", 9: "[", 10: "]", 11: "}", 12: "\\",
                13: "|", 16: "@"},
}

PLAIN, SHIFTED, ALTGR = 0, 1, 2


def _build_table(layout: str) -> dict[tuple[int, int], str]:
    table = {}
    for first_code, plain, shifted in _ROWS[layout]:
        for offset, (low, high) in enumerate(zip(plain, shifted, strict=True)):
            table[(first_code + offset, PLAIN)] = low
            table[(first_code + offset, SHIFTED)] = high
    for code, char in _ALTGR[layout].items():
        table[(code, ALTGR)] = char
    for code, digit in _NUMPAD_DIGITS.items():
        table[(code, PLAIN)] = digit
    return table


_TABLES = {layout: _build_table(layout) for layout in LAYOUTS}


# Windows' extended keys (set-1 codes sent after 0xE0) by their Linux input code. Qt's
# nativeScanCode() keeps the extended flag as bit 8 (qwindowskeymapper.cpp masks with 0x1ff),
# so right Alt is 0x138 beside left Alt's 0x38, and the arrow keys are not the numpad digits
# that share their low byte.
_WINDOWS_EXTENDED = {96: 0x11C, 97: 0x11D, 98: 0x135, 100: 0x138, 102: 0x147, 103: 0x148,
                     104: 0x149, 105: 0x14B, 106: 0x14D, 107: 0x14F, 108: 0x150, 109: 0x151,
                     110: 0x152, 111: 0x153}
_WINDOWS_EXTENDED_CODES = {native: code for code, native in _WINDOWS_EXTENDED.items()}
_WINDOWS_EXTENDED_FLAG = 0x100


def input_code(native_scan_code: int, platform: str) -> int:
    """The Linux input code of the physical key behind a platform's native scan code."""
    if platform == X11:
        return native_scan_code - _X11_OFFSET
    if native_scan_code & _WINDOWS_EXTENDED_FLAG:
        return _WINDOWS_EXTENDED_CODES.get(native_scan_code & 0x1FF, 0)
    return native_scan_code & 0xFF


def native_scan_code(code: int, platform: str) -> int:
    """The native scan code a platform reports for the key with this Linux input code."""
    if platform == X11:
        return code + _X11_OFFSET
    return _WINDOWS_EXTENDED.get(code, code)


def character(code: int, level: int, layout: str) -> str | None:
    """What the key types at `level` (PLAIN, SHIFTED, ALTGR) under `layout`, or None for
    keys outside the table."""
    return _TABLES[layout].get((code, level))


def has_third_level(layout: str) -> bool:
    """Whether the layout types characters with AltGr (Turkish-Q does, US does not)."""
    return bool(_ALTGR[layout])


def numpad_digit(code: int) -> str | None:
    """The digit of a numpad key (Alt+numpad codes are typed on these), else None."""
    return _NUMPAD_DIGITS.get(code)


def key_for(char: str, layout: str) -> tuple[int, int] | None:
    """The (input code, level) that types `char` under `layout` on the main block, or None."""
    for (code, level), typed in _TABLES[layout].items():
        if typed == char and code not in _NUMPAD_DIGITS:
            return code, level
    return None
