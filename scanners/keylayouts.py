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


def input_code(native_scan_code: int, platform: str) -> int:
    """The Linux input code of the physical key behind a platform's native scan code."""
    if platform == X11:
        return native_scan_code - _X11_OFFSET
    # Windows sets bit 8 for extended keys (keypad Enter, right Ctrl); none of ours are.
    return native_scan_code & 0xFF


def native_scan_code(code: int, platform: str) -> int:
    """The native scan code a platform reports for the key with this Linux input code."""
    return code + _X11_OFFSET if platform == X11 else code


def character(code: int, level: int, layout: str) -> str | None:
    """What the key types at `level` (PLAIN, SHIFTED, ALTGR) under `layout`, or None for
    keys outside the table."""
    return _TABLES[layout].get((code, level))


def numpad_digit(code: int) -> str | None:
    """The digit of a numpad key (Alt+numpad codes are typed on these), else None."""
    return _NUMPAD_DIGITS.get(code)


def key_for(char: str, layout: str) -> tuple[int, int] | None:
    """The (input code, level) that types `char` under `layout` on the main block, or None."""
    for (code, level), typed in _TABLES[layout].items():
        if typed == char and code not in _NUMPAD_DIGITS:
            return code, level
    return None
