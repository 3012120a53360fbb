"""Records the key events Qt reports while a USB keyboard-wedge scanner types the test karekod
under X11, for tests/unit/test_wedge_recorded.py to replay.

    for pair in "us us" "us tr_q" "tr_q tr_q" "tr_q us"; do set -- $pair
      xvfb-run -a -s "-screen 0 800x600x24" .venv/bin/python tests/unit/data/wedge/record_x11.py \
          --scanner $1 --system $2 tests/unit/data/wedge/x11-$1-scanner-$2-system.json
    done

A scanner sends physical keys (HID usages), not characters: a scanner set to the US layout
sends the key a US keyboard has "." on, whatever layout the computer uses. So this presses X
keycodes directly through XTEST (XTestFakeKeyEvent from libXtst, by ctypes). `xdotool type`
would not do: it finds (or remaps) whichever keycode gives the wanted keysym under the
current layout, so the layout never shows.

Which keys, for each character of "]d2" + TEST_KAREKOD, then Enter:
1. `setxkbmap -layout SCANNER` (us; tr for tr_q) on the display; a character is typed by the
   lowest level, then the lowest keycode, whose keysym is that character (XkbKeycodeToKeysym
   over every keycode, group 1, levels 1-3: the table `xkbcomp $DISPLAY -` prints). Level 2
   holds Left Shift (keycode 50); level 3 holds AltGr, the right Alt key (keycode 108), which
   the layout must map to ISO_Level3_Shift.
2. GS is Left Control (keycode 37) + keycode 35, the physical key of the US "]", as scanners
   send the control character 0x1D in either layout; Enter is keycode 36.
3. `setxkbmap -layout SYSTEM`, a Qt window opens, and the keys go down one every 8 ms, each
   held 4 ms (a fast USB scanner), timed by the X server (tests/e2e/xreal.py's Keyboard).
test_wedge_recorded.py checks the keys against scanners.keylayouts, which is built from the
same xkb symbols files.

Every key press and release is written as Qt gave it: text, key, nativeScanCode, modifiers
(Qt flag bits), timestamp (ms), plus the keys pressed. Needs libXtst.so.6 (Debian: libxtst6)
and setxkbmap (x11-xkb-utils); only for re-recording, never for the test run.
"""
import argparse
import json
import os
import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit

sys.path.insert(0, str(Path(__file__).resolve().parents[4]))
from tests.e2e.xreal import (  # noqa: E402
    GS, KEYCODE_CONTROL_L, KEYCODE_RALT, KEYCODE_RETURN, KEYCODE_RIGHTBRACE, KEYCODE_SHIFT_L, XKB_LAYOUTS,
    Keyboard,
)

# scanners.profiles.TEST_KAREKOD; test_wedge_recorded.py checks the recordings type it.
KAREKOD = "0102000000000008" + "21PD.Test-i/7" + GS + "17301231" + "10TEST"
XK_ISO_LEVEL3_SHIFT = 0xFE03
LEVEL_MODIFIERS = {0: [], 1: [KEYCODE_SHIFT_L], 2: [KEYCODE_RALT]}
GAP_MS = 4  # between two key events, as a fast USB scanner


def key_for(x: Keyboard, char: str) -> tuple[int, int]:
    """(keycode, level) typing `char` under the display's current layout."""
    wanted = ord(char)  # X keysyms of printable ASCII are their code points
    assert 0x20 < wanted < 0x7F, char
    for level in range(3):
        for keycode in range(8, 256):
            if x.keysym(keycode, level) == wanted:
                return keycode, level
    raise SystemExit(f"no key types {char!r}")


def plan_keys(x: Keyboard, scanner: str, text: str) -> list[list[int]]:
    """The chords (modifier keycodes, then the key) a `scanner`-layout scanner sends."""
    x.set_layout(scanner)
    if scanner == "tr_q" and x.keysym(KEYCODE_RALT, 0) != XK_ISO_LEVEL3_SHIFT:
        raise SystemExit("right Alt is not AltGr under the tr layout")
    chords = []
    for char in text:
        if char == GS:
            chords.append([KEYCODE_CONTROL_L, KEYCODE_RIGHTBRACE])
            continue
        keycode, level = key_for(x, char)
        chords.append([*LEVEL_MODIFIERS[level], keycode])
    chords.append([KEYCODE_RETURN])
    return chords


def record(chords: list[list[int]], x: Keyboard) -> list[dict]:
    app = QApplication(sys.argv[:1])
    field = QLineEdit()
    field.show()
    field.activateWindow()
    field.setFocus()
    events = []

    class Recorder(QObject):
        def eventFilter(self, watched, event):
            if watched is field and event.type() in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                events.append({"pressed": event.type() == QEvent.Type.KeyPress, "text": event.text(),
                               "key": int(event.key()), "native_scan_code": int(event.nativeScanCode()),
                               "modifiers": int(event.modifiers().value), "timestamp_ms": int(event.timestamp())})
            return False

    recorder = Recorder()
    app.installEventFilter(recorder)

    def scan():
        x.play(chords, GAP_MS)
        QTimer.singleShot(500, app.quit)

    QTimer.singleShot(800, scan)
    app.exec()
    return events


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scanner", choices=XKB_LAYOUTS, default="us", help="the scanner's layout")
    parser.add_argument("--system", choices=XKB_LAYOUTS, default="us", help="the X server's layout")
    parser.add_argument("out")
    args = parser.parse_args()
    typed = "]d2" + KAREKOD
    x = Keyboard(os.environ["DISPLAY"])
    chords = plan_keys(x, args.scanner, typed)
    x.set_layout(args.system)
    events = record(chords, x)
    x.close()
    with open(args.out, "w", encoding="utf-8") as file:
        json.dump({"how": f"Xvfb, setxkbmap {XKB_LAYOUTS[args.system]}; a scanner set to "
                          f"{XKB_LAYOUTS[args.scanner]} played by XTestFakeKeyEvent on X keycodes; "
                          "PySide6 event filter",
                   "scanner_layout": args.scanner, "system_layout": args.system,
                   "typed": typed, "keycodes": chords, "events": events},
                  file, ensure_ascii=False, indent=0)


if __name__ == "__main__":
    main()
