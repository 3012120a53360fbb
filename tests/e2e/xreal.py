"""Driving PharmaDesk on a real X server, as a pharmacist's hands and a USB scanner do.

* `XServer` starts `Xvfb -noreset` on a free display (a layout set with `setxkbmap` would
  be lost at a server reset, when the last client leaves) and stops it.
* `Keyboard` is one XTEST connection to that display: it presses physical keys (X
  keycodes), so the system's layout (`set_layout`) turns them into characters the way it
  would for a real keyboard or scanner. `scan()` plays what a wedge scanner set to a
  layout sends for a karekod (GS as Left Ctrl + the US "]" key, then Enter, Tab or
  nothing); `type()` is a person typing; `press()` a shortcut ("ctrl+k", "F2"); `click()`
  the mouse. Key timing is kept by the X server itself (XTEST's per-event delay), so a
  loaded machine delays the whole burst but never stretches the gaps inside it.
* `AppHost` runs `pharmadesk ARGS...` on that display (tests/e2e/xhost.py) and reads the
  window back: `ask("expression")` evaluates on the GUI thread and returns the value,
  `until("expression")` waits for it to be true, `click_on("expression giving a widget")`
  clicks its centre, `screenshot(path)` saves the window.

A test of a whole flow, e.g. a hospital's training from the first-run wizard to an
accepted Sarf:

    with XServer() as x, Keyboard(x.display) as keys, AppHost(x.display, ["--data-dir", str(d)]) as app:
        app.until("QApplication.activeModalWidget() is not None")   # the wizard
        app.click_on("QApplication.activeModalWidget().<a button>")
        keys.type("...")                                              # a person, 80 ms a key
        keys.press("F2")
        keys.scan(raw, scanner_layout="tr_q")                         # a scanner
        app.until("page().model.rows()[0].state == 'accepted'")

`tests/unit/data/wedge/record_x11.py` records Qt's view of such key events for the unit
tests with the same `Keyboard`."""

from __future__ import annotations

import ctypes
import ctypes.util
import json
import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path

from scanners import keylayouts
from scanners.keylayouts import TURKISH_Q, US, X11

REPO = Path(__file__).resolve().parents[2]
GS = "\x1d"
XKB_LAYOUTS = {US: "us", TURKISH_Q: "tr"}  # scanners.keylayouts names → xkb layout names

KEYCODE_SHIFT_L, KEYCODE_CONTROL_L, KEYCODE_RALT = 50, 37, 108
KEYCODE_RIGHTBRACE, KEYCODE_RETURN, KEYCODE_TAB, KEYCODE_ESCAPE = 35, 36, 23, 9
LEVEL_MODIFIERS = {keylayouts.PLAIN: [], keylayouts.SHIFTED: [KEYCODE_SHIFT_L],
                   keylayouts.ALTGR: [KEYCODE_RALT]}
NAMED_KEYS = {"ctrl": KEYCODE_CONTROL_L, "shift": KEYCODE_SHIFT_L, "enter": KEYCODE_RETURN,
              "tab": KEYCODE_TAB, "escape": KEYCODE_ESCAPE, "delete": 119, "down": 116, "up": 111,
              "space": 65, "backspace": 22,
              **{f"f{n}": code for n, code in zip(range(1, 13), (67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 95, 96))}}
SCANNER_GAP_MS = 4  # a fast USB scanner: a key event (press or release) every 4 ms
# A scanner decodes for a moment after its trigger is pulled, and a hand goes from the keyboard
# to the scanner: its first key never follows a person's last keystroke by a mere key gap.
SCANNER_LEAD_MS = 250
HUMAN_GAP_MS = 40  # a quick person: a key every 80 ms (press, 40 ms, release, 40 ms); stays in the field


class XServer:
    """Xvfb on a free display, with -noreset; a context manager."""

    def __init__(self, size: str = "1440x900x24"):
        self.size = size
        self.process: subprocess.Popen | None = None
        self.display = ""

    def __enter__(self) -> XServer:
        read, write = os.pipe()
        self.process = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write), "-noreset", "-nolisten", "tcp", "-screen", "0", self.size],
            pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(write)
        with os.fdopen(read) as pipe:
            number = pipe.readline().strip()
        if not number:
            raise RuntimeError("Xvfb did not start")
        self.display = f":{number}"
        return self

    def __exit__(self, *exc) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(10)


class Keyboard:
    """Physical keys and mouse buttons through XTEST, on a display connection of our own."""

    def __init__(self, display: str):
        self.display_name = display
        self.xlib = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
        self.xtst = ctypes.CDLL(ctypes.util.find_library("Xtst") or "libXtst.so.6")
        self.xlib.XOpenDisplay.restype = ctypes.c_void_p
        self.xlib.XOpenDisplay.argtypes = [ctypes.c_char_p]
        self.xlib.XkbKeycodeToKeysym.restype = ctypes.c_ulong
        self.xlib.XkbKeycodeToKeysym.argtypes = [ctypes.c_void_p, ctypes.c_ubyte, ctypes.c_int, ctypes.c_int]
        for name in ("XFlush", "XCloseDisplay"):
            getattr(self.xlib, name).argtypes = [ctypes.c_void_p]
        self.xlib.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
        self.xtst.XTestFakeKeyEvent.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_int, ctypes.c_ulong]
        self.xtst.XTestFakeButtonEvent.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_int, ctypes.c_ulong]
        self.xtst.XTestFakeMotionEvent.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_int, ctypes.c_int,
                                                   ctypes.c_ulong]
        self.layout = US  # the system's, as set_layout() left it
        self.display = self.xlib.XOpenDisplay(display.encode())
        if not self.display:
            raise RuntimeError(f"cannot open X display {display}")

    def __enter__(self) -> Keyboard:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self.display:
            self.xlib.XSync(self.display, 0)
            self.xlib.XCloseDisplay(self.display)
            self.display = None

    # ---- the system's layout ----------------------------------------------------------

    def set_layout(self, layout: str) -> None:
        """The X server's keyboard layout, as `setxkbmap` sets it: "us" or "tr_q"."""
        subprocess.run(["setxkbmap", "-display", self.display_name, "-layout", XKB_LAYOUTS[layout]], check=True)
        self.xlib.XSync(self.display, 0)
        self.layout = layout

    def keysym(self, keycode: int, level: int) -> int:
        return self.xlib.XkbKeycodeToKeysym(self.display, keycode, 0, level)

    # ---- keys -------------------------------------------------------------------------

    def play(self, chords: list[list[int]], gap_ms: int, lead_ms: int = 0) -> float:
        """Press each chord (modifiers first), one key event every `gap_ms` as timed by
        the X server, the first `lead_ms` after the keys played before; returns
        time.monotonic() when the first key goes out. Waits until the server has processed
        the last one."""
        events = []
        for chord in chords:
            events += [(keycode, True) for keycode in chord]
            events += [(keycode, False) for keycode in reversed(chord)]
        started = time.monotonic() + lead_ms / 1000
        for number, (keycode, pressed) in enumerate(events):
            self.xtst.XTestFakeKeyEvent(self.display, keycode, int(pressed), gap_ms if number else lead_ms)
        self.xlib.XSync(self.display, 0)
        return started

    def scan(self, raw: str, *, scanner_layout: str = US, terminator: str = "enter", prefix: str = "",
             gap_ms: int = SCANNER_GAP_MS, lead_ms: int = SCANNER_LEAD_MS) -> float:
        """What a wedge scanner set to `scanner_layout` sends for `raw` (GS as "\\x1d"),
        after `prefix` and before its terminator ("enter", "tab" or "none")."""
        chords = [self._scanner_chord(char, scanner_layout) for char in prefix + raw]
        if terminator != "none":
            chords.append([NAMED_KEYS[terminator]])
        return self.play(chords, gap_ms, lead_ms)

    def type(self, text: str, *, gap_ms: int = HUMAN_GAP_MS) -> None:
        """A person typing `text` on the keyboard, labelled for the system's layout."""
        self.play([self._scanner_chord(char, self.layout) for char in text], gap_ms)

    def press(self, keys: str, gap_ms: int = 30) -> None:
        """A shortcut as the system's layout labels the keys: "ctrl+k", "ctrl+,", "f2"."""
        chord = [NAMED_KEYS.get(name.lower()) or self._scanner_chord(name.lower(), self.layout)[-1]
                 for name in keys.split("+")]
        self.play([chord], gap_ms)

    @staticmethod
    def _scanner_chord(char: str, layout: str) -> list[int]:
        if char == GS:
            return [KEYCODE_CONTROL_L, KEYCODE_RIGHTBRACE]
        found = keylayouts.key_for(char, layout)
        if found is None:
            raise ValueError(f"no key types {char!r} on a {layout} keyboard")
        code, level = found
        return [*LEVEL_MODIFIERS[level], keylayouts.native_scan_code(code, X11)]

    # ---- the mouse --------------------------------------------------------------------

    def click(self, x: int, y: int) -> None:
        self.xtst.XTestFakeMotionEvent(self.display, -1, x, y, 0)
        self.xtst.XTestFakeButtonEvent(self.display, 1, 1, 30)
        self.xtst.XTestFakeButtonEvent(self.display, 1, 0, 30)
        self.xlib.XSync(self.display, 0)


class AppHost:
    """`pharmadesk ARGS...` on `display`, with the read-back channel of tests/e2e/xhost.py."""

    def __init__(self, display: str, args: list[str], *, log: Path | None = None, env: dict | None = None):
        self.display, self.args, self.log = display, args, log
        self.extra_env = env or {}
        self.process: subprocess.Popen | None = None
        self.output: list[str] = []  # the program's own stdout lines
        self._replies: queue.Queue = queue.Queue()
        self._next_id = 0

    def __enter__(self) -> AppHost:
        env = {**os.environ, "DISPLAY": self.display, "QT_QPA_PLATFORM": "xcb",
               "PHARMADESK_KEYRING_BACKEND": "none", "PYTHONUNBUFFERED": "1", **self.extra_env}
        env.pop("WAYLAND_DISPLAY", None)
        stderr = open(self.log, "w") if self.log else subprocess.DEVNULL  # noqa: SIM115
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.e2e.xhost", *self.args], cwd=REPO, env=env, text=True,
            encoding="utf-8", stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr)
        threading.Thread(target=self._read, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            try:
                self.run("app().quit()", timeout=10)
                self.process.wait(20)
            except (RuntimeError, subprocess.TimeoutExpired, BrokenPipeError):
                self.process.kill()
                self.process.wait(10)
        self.process.stdin.close()

    def kill(self) -> None:
        """A crash: the process dies at once, with no chance to tidy up."""
        self.process.kill()
        self.process.wait(10)

    def _read(self) -> None:
        from tests.e2e.xhost import REPLY_MARK

        for line in self.process.stdout:
            if line.startswith(REPLY_MARK):
                self._replies.put(json.loads(line[len(REPLY_MARK):]))
            else:
                self.output.append(line.rstrip("\n"))
        self._replies.put(None)

    def _request(self, kind: str, code: str, timeout: float):
        self._next_id += 1
        self.process.stdin.write(json.dumps({"id": self._next_id, kind: code}) + "\n")
        self.process.stdin.flush()
        deadline = time.monotonic() + timeout
        while True:
            try:
                reply = self._replies.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                raise RuntimeError(f"no answer in {timeout} s to {code!r}") from None
            if reply is None:
                raise RuntimeError(f"PharmaDesk exited ({self.process.poll()}) while asked {code!r}")
            if reply["id"] == self._next_id:
                break
        if "error" in reply:
            raise RuntimeError(f"{code!r} failed in PharmaDesk:\n{reply['error']}")
        return reply["value"]

    def ask(self, expression: str, timeout: float = 30):
        """The value of a Python expression evaluated on PharmaDesk's GUI thread (JSON-able)."""
        return self._request("eval", expression, timeout)

    def run(self, statements: str, timeout: float = 30) -> None:
        self._request("exec", statements, timeout)

    def until(self, expression: str, timeout: float = 30, poll: float = 0.05):
        """Wait until `expression` is true on the GUI thread; returns its value."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.ask(expression, timeout)
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError(f"still false after {timeout} s: {expression}")
            time.sleep(poll)

    def settle(self) -> None:
        """Let the GUI thread finish what the keys so far started (timers included)."""
        self.run("time.sleep(0)")
        time.sleep(0.25)
        self.run("QApplication.processEvents()")

    def click_on(self, keyboard: Keyboard, widget_expression: str) -> None:
        """A click in the middle of a widget; `where_cell(view, row)` instead of a widget
        clicks a table cell."""
        if not widget_expression.startswith("where"):
            widget_expression = f"where({widget_expression})"
        x, y = self.ask(widget_expression)
        keyboard.click(x, y)

    def screenshot(self, path: Path | str, widget_expression: str = "window()") -> str:
        """A PNG of the main window (or of the widget the expression gives, e.g. a dialog)."""
        return self.ask(f"grab({str(path)!r}, {widget_expression})")
