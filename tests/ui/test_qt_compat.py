"""A long day must not crash the workstation: PySide6 6.12.0 on Python 3.11 drops a
reference to None on every call that returns nothing and to True on every emit (Python
aborts with "none_dealloc"/"bool_dealloc" after a while). pharmadesk.ui detects the loss
and keeps the singletons alive."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLineEdit

from pharmadesk.ui import qt_compat


class Emitter(QObject):
    sig_plain = Signal()
    sig_object = Signal(object)


def test_many_calls_and_emits_leave_none_true_and_false_alive(qapp):
    emitter = Emitter()
    field = QLineEdit()
    received = []
    emitter.sig_plain.connect(lambda: received.append(1))
    emitter.sig_object.connect(received.append)
    lowest = min(sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False))
    for n in range(5000):  # more than True has references at start-up
        emitter.sig_plain.emit()
        emitter.sig_object.emit(n)
        field.setText(str(n))  # returns None
    assert len(received) == 10000 and field.text() == "4999"
    if sys.version_info < (3, 12) and any(qt_compat.lost_references.values()):
        assert qt_compat.applied
        assert min(sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)) > 1 << 39
    else:
        assert min(sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)) >= lowest - 100
