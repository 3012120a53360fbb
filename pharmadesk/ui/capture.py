"""App-wide keyboard-wedge capture: an application event filter feeds every key press to
`scanners.wedge.WedgeAssembler`, swallows the keys of a scanner burst (so a karekod
scanned while the cursor is in, say, the document-number field never lands there as
text) and hands each complete scan to the window, which sends it to the current page.

Keys a person types are held for a few tens of milliseconds (they might have been the
start of a scan) and then typed into the focused widget, in order.

A field that reads scans of its own kind has `take_scan(raw) -> bool` (a GLN field takes
a scanned GLN); other scans go on to the page.

A widget that wants raw scanner keys (the settings dialog's "scan here to test" box)
sets the dynamic property `pharmadeskRawKeys` to True: the filter leaves its keys, and
those of its children, alone."""

from __future__ import annotations

import math
import sys
import time
from dataclasses import replace

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from pharmadesk.config import Config, gs_standins
from scanners.wedge import WINDOWS, X11, KeyEvent, WedgeAssembler, WedgeResult, WedgeSettings

RAW_KEYS_PROPERTY = "pharmadeskRawKeys"

# Store settings the wedge reads (the settings dialog writes them; pharmadesk/config.py
# declares their defaults and checks).
WEDGE_SETTINGS = {
    "scanner.wedge.max_gap_ms": "max_gap",
    "scanner.wedge.min_length": "min_length",
    "scanner.wedge.end_timeout_ms": "end_timeout",
    "scanner.wedge.terminator": "terminator",
    "scanner.wedge.prefix": "prefix",
    "scanner.wedge.layout": "keyboard_layout",
    "scanner.wedge.gs_standin": "gs_standins",
}


def wedge_settings(store) -> WedgeSettings:
    """The wedge settings saved in the store (defaults where nothing is saved or a value
    cannot be read)."""
    saved = Config(store)
    values: dict = {}
    for key, name in WEDGE_SETTINGS.items():
        value = saved.get_or_default(key)
        if name in ("max_gap", "end_timeout"):
            values[name] = value / 1000.0
        elif name == "gs_standins":
            values[name] = gs_standins(value)
        elif name == "keyboard_layout":
            values[name] = value or None  # "": trust the operating system's layout
        else:
            values[name] = value
    return WedgeSettings(**values)


def _modifiers(event: QKeyEvent) -> frozenset[str]:
    flags = event.modifiers()
    names = set()
    if flags & Qt.KeyboardModifier.ControlModifier:
        names.add("ctrl")
    if flags & Qt.KeyboardModifier.AltModifier:
        names.add("alt")
    if flags & Qt.KeyboardModifier.ShiftModifier:
        names.add("shift")
    if flags & Qt.KeyboardModifier.GroupSwitchModifier:
        names.add("altgr")
    return frozenset(names)


def _aimed_at(watched: QWidget) -> QWidget | None:
    """The widget a key event reaching `watched` is meant for, or None when `watched` only
    sees it on its way there. Qt offers a key event again to each parent that ignores it:
    count it once. An open completer list (the partner search) gets the keys typed into
    its field, and hands them to the field by calling it directly, past this filter:
    catch them at the list, for the field."""
    focus = QApplication.focusWidget()
    popup = QApplication.activePopupWidget()
    if popup is not None and focus is not None and (watched is popup or watched is popup.focusWidget()):
        completer = focus.completer() if hasattr(focus, "completer") else None
        return focus if completer is not None and completer.popup() is popup else None
    return watched if watched is (focus if focus is not None else watched.window()) else None


def _taken_by(widget: QWidget | None, scan: str) -> bool:
    """A field that reads a scan of its own kind (a GLN field takes a GLN barcode) keeps
    it: the widget, or one of its parents, has `take_scan(raw) -> bool`."""
    while widget is not None:
        take = getattr(widget, "take_scan", None)
        if take is not None:
            return take(scan)
        widget = widget.parentWidget()
    return False


def _wants_raw_keys(widget: QWidget | None) -> bool:
    while widget is not None:
        if widget.property(RAW_KEYS_PROPERTY):
            return True
        widget = widget.parentWidget()
    return False


class WedgeCapture(QObject):
    sig_scan = Signal(str)  # a complete raw karekod (GS as "\x1d")

    def __init__(self, app: QApplication, settings: WedgeSettings | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self._app = app
        self._assembler = WedgeAssembler(settings or WedgeSettings())
        self._platform = WINDOWS if sys.platform.startswith("win") else X11
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._flush)
        self._retyping = False
        self._flushing = False
        self._last_time = 0.0  # event clock, seconds
        self._last_received = time.monotonic()
        self._held_for: QWidget | None = None  # where held keys were aimed
        self.enabled = True
        self.scans_captured = 0
        app.installEventFilter(self)
        app.focusChanged.connect(self._focus_changed)

    def apply_settings(self, settings: WedgeSettings) -> None:
        """New wedge settings (from the settings dialog); held keys are given back first."""
        self._deliver(self._assembler.flush(math.inf), self._held_for)
        self._assembler = WedgeAssembler(settings)

    def shut_down(self) -> None:
        self._timer.stop()
        self._app.removeEventFilter(self)
        try:
            self._app.focusChanged.disconnect(self._focus_changed)
        except (RuntimeError, TypeError):
            pass

    # ---- the filter -----------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride):
            return False
        if self._retyping or not self.enabled or not isinstance(watched, QWidget):
            return False
        aimed = _aimed_at(watched)
        if aimed is None or _wants_raw_keys(aimed) or event.isAutoRepeat():
            return False
        if kind == QEvent.Type.KeyRelease and event.key() != Qt.Key.Key_Alt:
            return False
        key_event = KeyEvent(text=event.text(), key=int(event.key()),
                             native_scan_code=int(event.nativeScanCode()), modifiers=_modifiers(event),
                             time=event.timestamp() / 1000.0, platform=self._platform,
                             pressed=kind != QEvent.Type.KeyRelease)
        if kind == QEvent.Type.ShortcutOverride:
            # Ctrl+K, F2, ...: the window's shortcut may take this key before its press
            # comes here; a scan sent without a terminator ends now, not with the next scan.
            self._deliver(self._assembler.shortcut(key_event), aimed)
            self._arm()
            return False
        key_event = replace(key_event, time=self._clock(event))
        result = self._assembler.feed(key_event)
        self._deliver(result, aimed)
        if result.consumed:
            self._held_for = aimed
        self._arm()
        return result.consumed

    def _clock(self, event: QKeyEvent) -> float:
        """The event's time in seconds: the window system's stamp when there is one (keys
        queued behind a busy moment keep their real spacing), else the time it arrived."""
        stamp = event.timestamp()
        moment = stamp / 1000.0 if stamp else time.monotonic()
        self._last_time, self._last_received = moment, time.monotonic()
        return moment

    def _arm(self) -> None:
        deadline = self._assembler.deadline()
        if deadline is None:
            self._timer.stop()
            return
        wait_ms = max(0.0, deadline - self._last_time) * 1000.0
        self._timer.start(int(wait_ms) + 2)

    def _flush(self) -> None:
        """The deadline passed by this process's clock. Keys still waiting in the event
        queue (a busy moment: they arrive in a bunch, with their own server timestamps)
        are fed first, so a burst is never cut in two just because it was read late."""
        if self._flushing:
            return
        self._flushing = True
        try:
            QApplication.processEvents()
        finally:
            self._flushing = False
        deadline = self._assembler.deadline()
        now = self._last_time + (time.monotonic() - self._last_received)
        if deadline is not None and now <= deadline:
            self._arm()  # fresh keys came in meanwhile
            return
        self._deliver(self._assembler.flush(now), self._held_for)
        self._arm()

    def _deliver(self, result: WedgeResult, widget: QWidget | None) -> None:
        if result.human_text:
            self._retype(result.human_text, self._held_for or widget)
        for scan in result.scans:
            self.scans_captured += 1
            if not _taken_by(self._held_for or widget, scan):
                self.sig_scan.emit(scan)

    def _retype(self, text: str, widget: QWidget | None) -> None:
        """Give a person's keys to the widget they were typed into."""
        if widget is None:
            return
        try:
            widget.objectName()
        except RuntimeError:  # deleted meanwhile
            return
        self._retyping = True
        try:
            for char in text:
                key = ord(char.upper()) if len(char.upper()) == 1 else 0
                for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                    QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char))
        finally:
            self._retyping = False

    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        """The cursor moved (a click, Tab): what was held ends here. A person's keys go
        to the field they were typed in; a scan sent without a terminator is complete
        (a scanner never moves the cursor), so the next keys start afresh."""
        if self._held_for is not None and old is self._held_for:
            self._deliver(self._assembler.flush(math.inf), old)
            self._arm()
