"""The virtual serial scanner the sandbox demo and the tests use: it emits its karekods in
order on a real pty, and a karekod due while it is unplugged waits for the replug."""

from __future__ import annotations

import os
import queue
import time

from scanners.serial import SerialScanner
from scanners.virtual import VirtualScanner

GS = "\x1d"


def karekod(n: int) -> str:
    return f"0108699546000128" f"21V{n:05d}" + GS + "17270531" + f"10L{n}"


def test_emits_every_karekod_in_order_then_stops():
    scans: queue.Queue[str] = queue.Queue()
    expected = [karekod(n) for n in range(20)]
    with VirtualScanner(expected, rate_hz=40, suffix="\r\n") as device:
        reader = SerialScanner(device.port, scans.put, suffix="\r")
        reader.start()
        try:
            deadline = time.monotonic() + 10
            while reader.state != "connected":
                assert time.monotonic() < deadline
                time.sleep(0.01)
            device.start()
            assert [scans.get(timeout=10) for _ in expected] == expected
            while len(device.sent) < len(expected):  # the last one is noted just after its write
                assert time.monotonic() < deadline + 10
                time.sleep(0.01)
            assert device.sent == expected
        finally:
            reader.stop()


def test_port_is_a_stable_path_that_vanishes_when_unplugged():
    device = VirtualScanner()
    try:
        first_pty = os.path.realpath(device.port)
        assert first_pty.startswith("/dev/pts/")
        device.unplug()
        assert not os.path.exists(device.port) and not device.plugged
        device.replug()
        assert os.path.exists(device.port) and device.plugged
    finally:
        device.stop()
    assert not os.path.exists(os.path.dirname(device.port))


def test_karekods_due_while_unplugged_wait_for_the_replug():
    scans: queue.Queue[str] = queue.Queue()
    states: list[str] = []
    expected = [karekod(n) for n in range(30)]
    with VirtualScanner(expected, rate_hz=25) as device:
        reader = SerialScanner(device.port, scans.put, on_state=states.append, suffix="\r",
                               reconnect_backoff=(0.05, 0.2))
        reader.start()
        try:
            deadline = time.monotonic() + 10
            while "connected" not in states:
                assert time.monotonic() < deadline
                time.sleep(0.01)
            device.start()
            received = [scans.get(timeout=10) for _ in range(5)]
            device.unplug()
            sent_before = len(device.sent)
            time.sleep(0.5)  # a dozen karekods fall due meanwhile
            assert len(device.sent) <= sent_before + 1  # nothing goes out while unplugged
            device.replug()
            while not received or received[-1] != expected[-1]:
                received.append(scans.get(timeout=10))
        finally:
            reader.stop()
    assert device.sent == expected  # the emitter retried; nothing skipped, nothing twice
    # A scan can be lost in flight as the cable is pulled, like a real unplug; never more.
    assert len(received) == len(set(received)) >= len(expected) - 1
    assert [k for k in expected if k in received] == received
    assert "waiting" in states and states.count("connected") >= 2
