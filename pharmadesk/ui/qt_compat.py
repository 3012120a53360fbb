"""Work-arounds for bugs of the installed Qt binding, applied once when `pharmadesk.ui`
is imported.

PySide6 6.12.0: `SignalInstance.emit()` hands back `True` without taking a reference to
it, so every emit from Python drops one reference of the interpreter's `True`. After a
few hundred emits (a pharmacist's morning of scans) the count reaches zero and Python
aborts ("Fatal Python error: bool_dealloc"). The fix is detected, not assumed: a probe
signal is emitted and the reference count of True/False compared; only a binding that
loses references gets `emit` wrapped to give the missing reference back."""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal, SignalInstance

_incref = ctypes.pythonapi.Py_IncRef
_incref.argtypes = [ctypes.py_object]
_incref.restype = None

PROBES = 16
applied = False  # whether the emit fix is in place (tests and `pharmadesk doctor` may read it)


class _Probe(QObject):
    sig = Signal()


def _emit_loses_references() -> int:
    """How many references of True/False one emit loses (0 on a sound binding)."""
    probe = _Probe()
    probe.sig.connect(lambda: None)
    before = sys.getrefcount(True) + sys.getrefcount(False)
    results = [probe.sig.emit() for _ in range(PROBES)]
    after = sys.getrefcount(True) + sys.getrefcount(False)
    lost = (before + len(results) - after) // PROBES  # the list holds one reference per result
    if lost > 0:  # give back what the probe itself took
        for result in results:
            for _ in range(lost):
                _incref(result)
    return max(lost, 0)


def install() -> bool:
    global applied
    if applied:
        return True
    if _emit_loses_references() != 1:
        return False
    original = SignalInstance.emit

    def emit(self, *args):
        result = original(self, *args)
        if result is True or result is False:
            _incref(result)
        return result

    emit.__doc__ = original.__doc__
    SignalInstance.emit = emit
    applied = True
    return True


install()
