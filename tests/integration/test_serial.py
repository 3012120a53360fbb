"""Serial scanners over real ptys: every scan arrives once, whole and in order, through
partial writes, line noise and an unplug/replug of the device."""

from __future__ import annotations

import os
import queue
import shutil
import socket
import subprocess
import threading
import time

import pytest

from scanners.profiles import TEST_KAREKOD, check_serial_scan, get_profile
from scanners.serial import SerialScanner, list_ports, read_serial_test_scan
from scanners.virtual import VirtualScanner

GS = "\x1d"
FAST_BACKOFF = (0.05, 0.2)


def karekod(n: int) -> str:
    return f"0108699546000128" f"21SN{n:06d}" + GS + "17270531" + f"10B{n % 97}"


class Listener:
    """Collects what the scanner's reader thread reports."""

    def __init__(self):
        self.scans: queue.Queue[str] = queue.Queue()
        self.states: list[str] = []
        self._changed = threading.Condition()

    def on_scan(self, raw: str) -> None:
        self.scans.put(raw)

    def on_state(self, state: str) -> None:
        with self._changed:
            self.states.append(state)
            self._changed.notify_all()

    def wait_state(self, state: str, after: int = 0, timeout: float = 5.0) -> None:
        with self._changed:
            assert self._changed.wait_for(lambda: state in self.states[after:], timeout), (
                f"never {state}: {self.states}")

    def take(self, count: int, timeout: float = 5.0) -> list[str]:
        return [self.scans.get(timeout=timeout) for _ in range(count)]

    def nothing_more(self, wait: float = 0.3) -> bool:
        time.sleep(wait)
        return self.scans.empty()


@pytest.fixture
def device():
    with VirtualScanner(suffix="\r") as virtual:
        yield virtual


def reader(port: str, listener: Listener, **options) -> SerialScanner:
    scanner = SerialScanner(port, listener.on_scan, on_state=listener.on_state,
                            reconnect_backoff=FAST_BACKOFF, **options)
    scanner.start()
    return scanner


def test_burst_of_50_scans_none_lost_none_merged_order_kept(device):
    listener = Listener()
    scanner = reader(device.port, listener, suffix="\r")
    try:
        listener.wait_state("connected")
        expected = [karekod(n) for n in range(50)]
        device.write(b"".join(k.encode() + b"\r" for k in expected))
        assert listener.take(50) == expected
        assert listener.nothing_more()
    finally:
        scanner.stop()


@pytest.mark.parametrize("suffix", ["\r", "\n", "\r\n"])
def test_each_line_ending_gives_exactly_one_scan(suffix):
    listener = Listener()
    with VirtualScanner([karekod(1), karekod(2)], rate_hz=50, suffix=suffix) as device:
        scanner = reader(device.port, listener, suffix="\r")
        try:
            listener.wait_state("connected")
            device.start()
            assert listener.take(2) == [karekod(1), karekod(2)]
            assert listener.nothing_more()
        finally:
            scanner.stop()


def test_frame_split_across_slow_writes_is_one_scan(device):
    listener = Listener()
    scanner = reader(device.port, listener, suffix="\r", frame_timeout=0.02)
    try:
        listener.wait_state("connected")
        raw = karekod(7).encode() + b"\r"
        for piece in (raw[:5], raw[5:19], raw[19:]):
            device.write(piece)
            time.sleep(0.1)
        assert listener.take(1) == [karekod(7)]
        assert listener.nothing_more()
    finally:
        scanner.stop()


def test_without_suffix_silence_ends_a_scan(device):
    listener = Listener()
    scanner = reader(device.port, listener, suffix=None, frame_timeout=0.08)
    try:
        listener.wait_state("connected")
        expected = [karekod(n) for n in range(5)]
        for text in expected:
            raw = text.encode()
            device.write(raw[:10])
            time.sleep(0.005)
            device.write(raw[10:])
            time.sleep(0.3)
        assert listener.take(5) == expected
    finally:
        scanner.stop()


def test_gs_kept_and_aim_prefix_removed(device):
    listener = Listener()
    scanner = reader(device.port, listener, suffix="\r")
    try:
        listener.wait_state("connected")
        device.write(b"]d2" + karekod(3).encode() + b"\r")
        (scan,) = listener.take(1)
        assert scan == karekod(3)
        assert GS in scan
    finally:
        scanner.stop()


def test_a_turkish_q_identifier_and_a_space_for_gs_still_read_as_the_box(device):
    # A scanner set up for a Turkish keyboard sends "üd2" for "]d2"; some send a space for GS.
    from pharmadesk.gs1 import parse

    listener = Listener()
    scanner = reader(device.port, listener, suffix="\r")
    try:
        listener.wait_state("connected")
        device.write("üd2".encode() + karekod(4).replace(GS, " ").encode() + b"\r")
        (scan,) = listener.take(1)
        assert parse(scan) == parse(karekod(4))
        assert parse(scan).serial == "SN000004"
    finally:
        scanner.stop()


def test_line_noise_is_passed_on_and_reading_goes_on(device):
    listener = Listener()
    scanner = reader(device.port, listener, suffix="\r")
    try:
        listener.wait_state("connected")
        noise = b"\xff\xfe\x00\x81\x1c\x03garbage"
        device.write(noise + b"\r" + "İlaç".encode() + b"\r" + karekod(4).encode() + b"\r")
        assert listener.take(3) == [noise.decode("latin-1"), "İlaç", karekod(4)]
    finally:
        scanner.stop()


def test_failing_handler_does_not_stop_the_reader(device):
    listener = Listener()
    seen = []

    def clumsy(raw):
        seen.append(raw)
        if len(seen) == 1:
            raise RuntimeError("the app choked on the first scan")
        listener.on_scan(raw)

    scanner = SerialScanner(device.port, clumsy, on_state=listener.on_state, suffix="\r")
    scanner.start()
    try:
        listener.wait_state("connected")
        device.write(karekod(1).encode() + b"\r" + karekod(2).encode() + b"\r")
        assert listener.take(1) == [karekod(2)]
    finally:
        scanner.stop()


def test_unplug_and_replug_reconnects_and_keeps_every_scan(device):
    listener = Listener()
    scanner = reader(device.port, listener, suffix="\r")
    try:
        listener.wait_state("connected")
        device.write(karekod(1).encode() + b"\r" + karekod(2).encode()[:12])
        assert listener.take(1) == [karekod(1)]
        seen = len(listener.states)
        device.unplug()
        listener.wait_state("waiting", after=seen)
        # The scan cut off by the unplug still reaches the app, to be called unreadable.
        assert listener.take(1) == [karekod(2)[:12]]
        assert scanner.last_error
        time.sleep(0.3)  # a few reconnect attempts against a missing device
        seen = len(listener.states)
        device.replug()
        listener.wait_state("connected", after=seen)
        device.write(karekod(3).encode() + b"\r")
        assert listener.take(1) == [karekod(3)]
    finally:
        scanner.stop()
    assert listener.states[-1] == "stopped"


def test_scanner_missing_at_start_is_waited_for():
    listener = Listener()
    with VirtualScanner([karekod(9)], rate_hz=20) as device:
        device.unplug()
        scanner = reader(device.port, listener, suffix="\r")
        try:
            listener.wait_state("waiting")
            assert "connected" not in listener.states
            device.replug()
            listener.wait_state("connected")
            device.start()
            assert listener.take(1) == [karekod(9)]
        finally:
            scanner.stop()
    assert listener.states == ["waiting", "connected", "stopped"]


def test_stop_returns_promptly_while_idle(device):
    listener = Listener()
    scanner = reader(device.port, listener, suffix="\r")
    listener.wait_state("connected")
    stopping = threading.Thread(target=scanner.stop)
    stopping.start()
    stopping.join(timeout=3)
    assert not stopping.is_alive()
    assert listener.states[-1] == "stopped"


def test_pyserial_url_port_is_read_too():
    """A scanner behind a serial-to-network box, as pyserial's socket:// URL."""
    server = socket.create_server(("127.0.0.1", 0))
    port = server.getsockname()[1]
    listener = Listener()
    scanner = reader(f"socket://127.0.0.1:{port}", listener, suffix="\r")
    try:
        server.settimeout(5)
        connection, _ = server.accept()
        with connection:
            listener.wait_state("connected")  # pyserial empties the input while opening
            connection.sendall(karekod(5).encode() + b"\r")
            assert listener.take(1) == [karekod(5)]
    finally:
        scanner.stop()
        server.close()


def test_list_ports_gives_plain_dicts():
    for port in list_ports():
        assert isinstance(port["device"], str)
        assert {"description", "hwid", "vid", "pid"} <= port.keys()


def test_scanner_test_reads_one_raw_scan_and_its_suggestion_then_reads_real_scans(device):
    """The settings page's scanner test on a real pty: the raw bytes of one test scan (with
    a "|" stand-in for GS and no suffix), the suggested profile, then scans through it."""
    caught = {}
    reading = threading.Thread(
        target=lambda: caught.update(data=read_serial_test_scan(device.port, timeout=10)))
    reading.start()
    time.sleep(0.3)  # the test box opens the port, then the pharmacist scans
    raw = ("]d2" + TEST_KAREKOD).replace(GS, "|").encode()
    device.write(raw[:20])
    time.sleep(0.05)
    device.write(raw[20:])
    reading.join(timeout=15)
    assert caught["data"] == raw
    result = check_serial_scan(caught["data"])
    assert result.recognised and not result.works_as_is
    assert (result.suggested.gs_standins, result.suggested.suffix) == (("|",), "none")

    listener = Listener()
    scanner = SerialScanner(device.port, listener.on_scan, on_state=listener.on_state,
                            **result.suggested.serial_options())
    scanner.start()
    try:
        listener.wait_state("connected")
        for n in (1, 2):
            device.write(karekod(n).replace(GS, "|").encode())
            time.sleep(0.4)  # no suffix: the pause between two scans ends each one
        assert listener.take(2) == [karekod(1), karekod(2)]
    finally:
        scanner.stop()


def test_scanner_test_gives_nothing_when_no_scan_comes(device):
    assert read_serial_test_scan(device.port, timeout=0.3) == b""


def test_generic_serial_profile_drives_the_reader(device):
    listener = Listener()
    scanner = SerialScanner(device.port, listener.on_scan, on_state=listener.on_state,
                            **get_profile("generic-serial").serial_options())
    scanner.start()
    try:
        listener.wait_state("connected")
        device.write(b"".join(karekod(n).encode() + b"\r\n" for n in range(3)))
        assert listener.take(3) == [karekod(n) for n in range(3)]
        assert listener.nothing_more()
    finally:
        scanner.stop()


class SocatCable:
    """A scanner on the far end of a socat pty pair: `port` is what the app opens, bytes
    written to `scanner_end` arrive there. Killing socat pulls the cable: both ptys vanish."""

    def __init__(self, folder):
        self.port = str(folder / "ttyUSB-scanner")
        self.scanner_end = str(folder / "scanner-side")
        self._process = None

    def plug(self) -> None:
        assert shutil.which("socat"), "socat missing: run installer/linux/system-deps.sh"
        self._process = subprocess.Popen(
            ["socat", f"pty,raw,echo=0,link={self.port}",
             f"pty,raw,echo=0,link={self.scanner_end}"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while not (os.path.exists(self.port) and os.path.exists(self.scanner_end)):
            assert time.monotonic() < deadline, "socat did not create its ptys"
            time.sleep(0.02)

    def unplug(self) -> None:
        self._process.terminate()
        self._process.wait(timeout=10)

    def send(self, data: bytes) -> None:
        with open(self.scanner_end, "wb", buffering=0) as line:
            line.write(data)


def test_socat_cable_pulled_and_plugged_back(tmp_path):
    cable = SocatCable(tmp_path)
    cable.plug()
    listener = Listener()
    scanner = reader(cable.port, listener, suffix="\r")
    try:
        listener.wait_state("connected")
        cable.send(b"\x00\xff" + b"]d2" + karekod(1).encode()[:9])
        cable.send(karekod(1).encode()[9:] + b"\r")
        assert listener.take(1) == ["\x00\xff]d2" + karekod(1)]  # noise before it: one bad scan
        cable.send(b"".join(karekod(n).encode() + b"\r" for n in range(2, 52)))
        assert listener.take(50, timeout=10) == [karekod(n) for n in range(2, 52)]
        seen = len(listener.states)
        cable.unplug()
        listener.wait_state("waiting", after=seen, timeout=10)
        seen = len(listener.states)
        cable.plug()
        listener.wait_state("connected", after=seen, timeout=10)
        cable.send(karekod(99).encode() + b"\r\n")
        assert listener.take(1) == [karekod(99)]
        assert listener.nothing_more()
    finally:
        scanner.stop()
        cable.unplug()
