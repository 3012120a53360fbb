"""A long day of signals must not crash the workstation: PySide6 6.12.0's emit() drops a
reference to True on every call (Python aborts with "bool_dealloc" after a few hundred
scans); pharmadesk.ui gives the reference back when, and only when, the binding loses it."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal

import pharmadesk.ui  # noqa: F401 - applies the fix


class Emitter(QObject):
    sig_plain = Signal()
    sig_object = Signal(object)


def test_many_emits_keep_true_and_false_alive(qapp):
    emitter = Emitter()
    received = []
    emitter.sig_plain.connect(lambda: received.append(1))
    emitter.sig_object.connect(received.append)
    before = sys.getrefcount(True), sys.getrefcount(False)
    for n in range(5000):  # more emits than True has references at start-up
        emitter.sig_plain.emit()
        emitter.sig_object.emit(n)
    assert len(received) == 10000
    assert (sys.getrefcount(True), sys.getrefcount(False)) == before
