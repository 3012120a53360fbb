"""Virtual scanners for the sandbox and the tests: a serial scanner on a real pty that can be
unplugged and plugged back, and the key events a keyboard-wedge scanner would produce."""

from __future__ import annotations

import fcntl
import os
import random
import shutil
import tempfile
import threading
import time
import tty
from collections.abc import Iterable

from scanners import keylayouts
from scanners.keylayouts import US, WINDOWS, X11
from scanners.wedge import (GS, QT_KEY_ALT, QT_KEY_ALTGR, QT_KEY_BRACKETRIGHT, QT_KEY_CONTROL,
                            QT_KEY_RETURN, QT_KEY_SHIFT, QT_KEY_TAB, QT_KEY_UDIAERESIS, KeyEvent)

_WRITE_PATIENCE = 2.0  # seconds a write waits for a reader to drain a full pty buffer


class VirtualScanner:
    """A serial scanner on a pty. `port` is a stable path (a symlink to the current pty) that
    a SerialScanner opens like a USB-COM device; `unplug()` closes the pty, so a reader gets
    an I/O error and the path disappears, and `replug()` brings up a fresh pty at the same path.
    `start()` emits `karekods` at `rate_hz`, each followed by `suffix`."""

    def __init__(self, karekods: Iterable[str] = (), *, rate_hz: float = 2.0,
                 suffix: str = "\r"):
        self._karekods = list(karekods)
        self._interval = 1.0 / rate_hz
        self._suffix = suffix.encode()
        self._folder = tempfile.mkdtemp(prefix="pharmadesk-scanner-")
        self.port = os.path.join(self._folder, "ttyVSCAN0")
        self.sent: list[str] = []  # karekods written so far, in order
        self._lock = threading.Lock()
        self._master: int | None = None
        self._slave: int | None = None
        self._stopping = threading.Event()
        self._emitter: threading.Thread | None = None
        self.replug()

    def __enter__(self) -> VirtualScanner:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def plugged(self) -> bool:
        return self._master is not None

    def replug(self) -> None:
        with self._lock:
            if self._master is not None:
                return
            master, slave = os.openpty()
            # Raw from the start: a cooked pty would turn CR into LF and eat control bytes.
            tty.setraw(slave)
            fcntl.fcntl(master, fcntl.F_SETFL, fcntl.fcntl(master, fcntl.F_GETFL) | os.O_NONBLOCK)
            link = self.port + ".new"
            os.symlink(os.ttyname(slave), link)
            os.replace(link, self.port)
            self._master, self._slave = master, slave

    def unplug(self) -> None:
        with self._lock:
            if self._master is None:
                return
            os.unlink(self.port)
            os.close(self._master)
            os.close(self._slave)
            self._master = self._slave = None

    def write(self, data: bytes) -> None:
        """Raw bytes onto the line, as a scanner (or line noise) would send them."""
        deadline = time.monotonic() + _WRITE_PATIENCE
        while data:
            with self._lock:
                if self._master is None:
                    raise OSError("the virtual scanner is unplugged")
                try:
                    data = data[os.write(self._master, data):]
                    continue
                except BlockingIOError:
                    pass
            if time.monotonic() > deadline:
                raise TimeoutError("nobody is reading the virtual scanner")
            time.sleep(0.005)

    def emit(self, karekod: str) -> None:
        """One scan, suffix included."""
        self.write(karekod.encode() + self._suffix)
        self.sent.append(karekod)

    def start(self) -> None:
        self._emitter = threading.Thread(target=self._emit_all, name="virtual-scanner",
                                         daemon=True)
        self._emitter.start()

    def stop(self) -> None:
        self._stopping.set()
        if self._emitter is not None:
            self._emitter.join()
        self.unplug()
        shutil.rmtree(self._folder, ignore_errors=True)

    def _emit_all(self) -> None:
        for karekod in self._karekods:
            # While unplugged nobody can scan: the karekod waits for the device to return.
            while not self._stopping.is_set():
                try:
                    self.emit(karekod)
                    break
                except OSError:
                    self._stopping.wait(self._interval)
            if self._stopping.wait(self._interval):
                return


def wedge_keystrokes(text: str, *, scanner_layout: str = US, system_layout: str = US,
                     platform: str = X11, terminator: str = "enter", gs: str = "ctrl",
                     alt_codes: bool = False, start: float = 0.0, gap: float = 0.004,
                     jitter: float = 0.002, seed: int = 0) -> list[KeyEvent]:
    """The key presses a keyboard-wedge scanner set to `scanner_layout` makes for `text`, as
    a `system_layout` system reports them. GS is sent as `gs`: "ctrl" (Ctrl + the physical
    "]" key), "alt" (Alt+0029 on the numpad), "char" (the 0x1D character itself) or any other
    string as a stand-in. With `alt_codes` every character is an Alt+numpad code (the
    "ALT mode" of scanners for Windows). Keys come `gap` ± `jitter` seconds apart."""
    typist = _Typist(scanner_layout, system_layout, platform, start, gap, jitter, seed)
    for char in text:
        if alt_codes:
            typist.alt_code(f"{ord(char):04d}")
        elif char != GS:
            typist.type_char(char)
        elif gs == "ctrl":
            typist.ctrl_right_bracket()
        elif gs == "alt":
            typist.alt_code("0029")
        elif gs == "char":
            typist.add(GS, 0, 0)
        else:
            for standin_char in gs:
                typist.type_char(standin_char)
    if terminator == "enter":
        typist.add("\r", QT_KEY_RETURN, 28)
    elif terminator == "tab":
        typist.add("\t", QT_KEY_TAB, 15)
    return typist.events


class _Typist:
    def __init__(self, scanner_layout, system_layout, platform, start, gap, jitter, seed):
        self.scanner_layout, self.system_layout, self.platform = (
            scanner_layout, system_layout, platform)
        self.time, self.gap, self.jitter = start, gap, jitter
        self.random = random.Random(seed)
        self.events: list[KeyEvent] = []

    def add(self, text: str, key: int, code: int, modifiers=frozenset(), pressed=True) -> None:
        self.time += max(0.0005, self.gap + self.random.uniform(-self.jitter, self.jitter))
        native = keylayouts.native_scan_code(code, self.platform) if code else 0
        self.events.append(KeyEvent(text, key, native, frozenset(modifiers), self.time,
                                    self.platform, pressed))

    def type_char(self, char: str) -> None:
        code, level = keylayouts.key_for(char, self.scanner_layout)
        if level == keylayouts.ALTGR and self.platform == X11:
            self._x11_altgr(code)
            return
        modifiers = {
            keylayouts.PLAIN: set(),
            keylayouts.SHIFTED: {"shift"},
            keylayouts.ALTGR: {"ctrl", "alt"},
        }[level]
        if "shift" in modifiers:
            self.add("", QT_KEY_SHIFT, 42, modifiers)
        text = keylayouts.character(code, level, self.system_layout) or ""
        self.add(text, _qt_key(text), code, modifiers)

    def _x11_altgr(self, code: int) -> None:
        """The scanner holds the right Alt key. X11 (recorded) reports it as Key_AltGr with
        GroupSwitchModifier where the layout has a third level, else as a plain Alt."""
        right_alt = keylayouts.KEY_RIGHTALT
        if keylayouts.has_third_level(self.system_layout):
            self.add("", QT_KEY_ALTGR, right_alt, {"altgr"})
            text = keylayouts.character(code, keylayouts.ALTGR, self.system_layout) or ""
            self.add(text, _qt_key(text), code, {"altgr"})
            return
        self.add("", QT_KEY_ALT, right_alt, {"alt"})
        text = keylayouts.character(code, keylayouts.PLAIN, self.system_layout) or ""
        self.add(text, _qt_key(text), code, {"alt"})
        self.add("", QT_KEY_ALT, right_alt, set(), pressed=False)

    def ctrl_right_bracket(self) -> None:
        self.add("", QT_KEY_CONTROL, 29, {"ctrl"})
        turkish = self.system_layout != US
        # X11 reports the key's own character; Windows' layouts (KBDUS, KBDTUQ) give 0x1D.
        text = GS if self.platform == WINDOWS or not turkish else "ü"
        key = QT_KEY_UDIAERESIS if turkish else QT_KEY_BRACKETRIGHT
        self.add(text, key, keylayouts.KEY_RIGHTBRACE, {"ctrl"})

    def alt_code(self, digits: str) -> None:
        self.add("", QT_KEY_ALT, keylayouts.KEY_LEFTALT, {"alt"})
        for digit in digits:
            code = next(c for c in range(71, 83) if keylayouts.numpad_digit(c) == digit)
            self.add("", ord(digit), code, {"alt"})
        self.add("", QT_KEY_ALT, keylayouts.KEY_LEFTALT, set(), pressed=False)


def _qt_key(text: str) -> int:
    """Qt names a letter key by its upper-case character (Key_A for "a", Key_I for "ı")."""
    upper = text.upper()
    return ord(upper) if len(upper) == 1 else (ord(text) if text else 0)
