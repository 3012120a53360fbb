"""Work-arounds for bugs of the installed Qt binding, applied once when `pharmadesk.ui`
is imported.

PySide6 6.12.0 on Python 3.11 hands back `None` (from every method that returns nothing:
setText, repaint, processEvents, ...) and `True` (from `Signal.emit`) without taking a
reference, as if they were immortal — which they are only from Python 3.12 on. Every
such call drops one reference; after a few hundred signal emits or some tens of
thousands of widget calls (a pharmacist's morning of scans) the count reaches zero and
Python aborts ("Fatal Python error: none_dealloc" / "bool_dealloc").

The loss is detected, not assumed: probe calls are made and the reference counts
compared. Where references are lost on a Python whose singletons are not immortal, the
three singletons are given 2**40 extra references — Python 3.12's immortality, by
other means (they are never freed anyway; freeing one is a fatal error). Nothing happens
on a sound binding or on Python 3.12+. The lasting fix is a PySide6 without the bug
(below 6.12) or running on Python 3.12+."""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal

PROBES = 64
EXTRA_REFERENCES = 1 << 40
applied = False  # whether the singletons were made effectively immortal
lost_references: dict[str, int] = {}  # what the probe saw, for `pharmadesk doctor` and tests


class _Probe(QObject):
    sig = Signal()


def _losses() -> dict[str, int]:
    """References of None and True lost per void call / per emit (0 on a sound binding)."""
    probe = _Probe()
    probe.sig.connect(lambda: None)
    before_none = sys.getrefcount(None)
    for _ in range(PROBES):
        probe.setObjectName("probe")  # returns nothing
    lost_none = (before_none - sys.getrefcount(None)) // PROBES
    before_true = sys.getrefcount(True)
    for _ in range(PROBES):
        probe.sig.emit()  # returns True
    lost_true = (before_true - sys.getrefcount(True)) // PROBES
    return {"None": max(lost_none, 0), "True": max(lost_true, 0)}


def _make_immortal(obj: object) -> None:
    refcount = ctypes.c_ssize_t.from_address(id(obj))  # ob_refcnt is the object's first field
    refcount.value += EXTRA_REFERENCES


def install() -> bool:
    global applied
    if applied:
        return True
    lost_references.update(_losses())
    if not any(lost_references.values()) or sys.version_info >= (3, 12):
        return False
    for singleton in (None, True, False):
        _make_immortal(singleton)
    applied = True
    return True


install()
