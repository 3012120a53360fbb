"""Serial / COM-port scanners (and USB scanners in "virtual COM" mode): a reader thread cuts
the byte stream into scans and reconnects by itself when the scanner is unplugged and back.

`on_scan(raw)` and `on_state(state)` are called from the reader thread; the GUI hands them
to its own thread. A scan keeps GS (0x1D) as "\\x1d"; a leading AIM symbology identifier
(e.g. "]d2") is removed, so a scan looks the same as one from the camera. Bytes that are not
UTF-8 are read as Latin-1 and a frame of pure noise is still passed on, so the app can say
"unreadable" rather than stay silent.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable

import serial
from serial.tools import list_ports as _list_ports

log = logging.getLogger(__name__)

CONNECTED, WAITING, STOPPED = "connected", "waiting", "stopped"

# AIM ISO/IEC 15424 symbology identifier: "]", a code letter, a modifier character.
_AIM_PREFIX = re.compile(r"\][A-Za-z][0-9A-Za-z]")

# With a suffix configured, bytes still waiting for it after this long silence are passed on
# anyway: a scanner whose suffix was switched off still gets its scans through, late.
_ORPHAN_SILENCE = 1.0


class _Framer:
    """Bytes in, frames out. CR, LF and CRLF always end a frame (a karekod never holds one),
    so a scanner switched from CR to CRLF keeps working; so does `suffix` if it is another
    string. Without a suffix, `frame_timeout` seconds of silence end a frame."""

    def __init__(self, suffix: str | None, frame_timeout: float):
        ends = [b"\r\n", b"\r", b"\n"]
        if suffix and suffix.encode("latin-1") not in ends:
            ends.insert(0, suffix.encode("latin-1"))
        self._ends = re.compile(b"|".join(re.escape(end) for end in ends))
        self._silence = _ORPHAN_SILENCE if suffix else frame_timeout
        self._buffer = b""
        self._last_byte = 0.0

    def push(self, data: bytes, now: float) -> list[bytes]:
        if data:
            self._buffer += data
            self._last_byte = now
        *frames, self._buffer = self._ends.split(self._buffer)
        if self._buffer and now - self._last_byte >= self._silence:
            frames.append(self.drain())
        return [frame for frame in frames if frame]

    def drain(self) -> bytes:
        frame, self._buffer = self._buffer, b""
        return frame


def decode_frame(frame: bytes) -> str:
    """A frame's text: UTF-8 when it is, else Latin-1 (every byte kept), AIM prefix removed."""
    try:
        text = frame.decode("utf-8")
    except UnicodeDecodeError:
        text = frame.decode("latin-1")
    prefix = _AIM_PREFIX.match(text)
    return text[prefix.end():] if prefix else text


class SerialScanner:
    """Reads scans from `port` (a device path such as /dev/ttyACM0 or COM3, or a pyserial URL)."""

    def __init__(self, port: str, on_scan: Callable[[str], None], *, baudrate: int = 9600,
                 suffix: str | None = None, frame_timeout: float = 0.05,
                 on_state: Callable[[str], None] | None = None,
                 reconnect_backoff: tuple[float, float] = (0.2, 5.0),
                 gs_standins: tuple[str, ...] = ()):
        self.port = port
        self.gs_standins = tuple(gs_standins)  # strings the scanner sends instead of GS
        self.baudrate = baudrate
        self.suffix = suffix
        self.frame_timeout = frame_timeout
        self.state = STOPPED
        self.last_error: str | None = None  # why the port could not be opened or was lost
        self._on_scan = on_scan
        self._on_state = on_state
        self._backoff = reconnect_backoff
        self._stopping = threading.Event()
        self._link: serial.SerialBase | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is not None:
            return
        self._stopping.clear()
        self._thread = threading.Thread(target=self._run, name=f"serial-scanner {self.port}",
                                        daemon=True)
        self._thread.start()

    def stop(self) -> None:
        if self._thread is None:
            return
        self._stopping.set()
        link = self._link
        if link is not None and hasattr(link, "cancel_read"):
            link.cancel_read()
        self._thread.join()
        self._thread = None

    def _run(self) -> None:
        delay = self._backoff[0]
        while not self._stopping.is_set():
            link = self._open()
            if link is None:
                self._set_state(WAITING)
                self._stopping.wait(delay)
                delay = min(delay * 2, self._backoff[1])
                continue
            delay = self._backoff[0]
            self._set_state(CONNECTED)
            self._read(link)
        self._set_state(STOPPED)

    def _open(self) -> serial.SerialBase | None:
        try:
            # Reads wake up often enough to notice the silence that ends a frame.
            silence = self.frame_timeout if self.suffix is None else _ORPHAN_SILENCE
            link = serial.serial_for_url(self.port, baudrate=self.baudrate, timeout=silence / 2)
        except (serial.SerialException, OSError, ValueError) as error:
            self.last_error = str(error)
            return None
        self._link = link
        return link

    def _read(self, link: serial.SerialBase) -> None:
        framer = _Framer(self.suffix, self.frame_timeout)
        try:
            while not self._stopping.is_set():
                data = link.read(link.in_waiting or 1)
                for frame in framer.push(data, time.monotonic()):
                    self._deliver(frame)
        except (serial.SerialException, OSError) as error:
            self.last_error = str(error)
            log.info("scanner on %s lost: %s", self.port, error)
        finally:
            self._link = None
            link.close()
            # Bytes of a scan cut off by the unplug still reach the app (as "unreadable").
            leftover = framer.drain()
            if leftover:
                self._deliver(leftover)

    def _deliver(self, frame: bytes) -> None:
        text = decode_frame(frame)
        for standin in self.gs_standins:
            text = text.replace(standin, "\x1d")
        try:
            self._on_scan(text)
        except Exception:
            log.exception("on_scan failed for a scan from %s", self.port)

    def _set_state(self, state: str) -> None:
        if state == self.state:
            return
        self.state = state
        if self._on_state is not None:
            try:
                self._on_state(state)
            except Exception:
                log.exception("on_state failed for %s", self.port)


def read_serial_test_scan(port: str, *, baudrate: int = 9600, timeout: float = 15.0,
                          silence: float = 0.3) -> bytes:
    """The raw bytes of one scan, suffix and prefix included, for the scanner test: reads
    from the first byte until `silence` seconds pass without one; b"" when nothing comes
    within `timeout`. Stop any SerialScanner on the port first. Raises serial.SerialException
    (an OSError) when the port cannot be opened."""
    with serial.serial_for_url(port, baudrate=baudrate, timeout=min(silence, 0.1)) as link:
        data = b""
        deadline = time.monotonic() + timeout
        last_byte = None
        while True:
            chunk = link.read(link.in_waiting or 1)
            now = time.monotonic()
            if chunk:
                data += chunk
                last_byte = now
            elif last_byte is not None and now - last_byte >= silence:
                return data
            elif last_byte is None and now >= deadline:
                return b""


def list_ports() -> list[dict]:
    """The serial ports this machine has, for `pharmadesk doctor` and the settings page."""
    return [
        {
            "device": port.device,
            "description": port.description,
            "hwid": port.hwid,
            "vid": port.vid,
            "pid": port.pid,
            "serial_number": port.serial_number,
            "manufacturer": port.manufacturer,
            "product": port.product,
        }
        for port in _list_ports.comports()
    ]
