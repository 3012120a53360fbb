"""The scan field: where a karekod is typed, pasted or arrives from a keyboard-wedge
scanner that was not caught as a burst. Qt's line edit drops control characters, so the
GS separator (FNC1, "\\x1d", often sent as Ctrl+]) is shown as a visible ␝ and turned
back into GS when the scan is submitted."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit

GS = "\x1d"
GS_SHOWN = "\u241d"  # SYMBOL FOR GROUP SEPARATOR


class ScanField(QLineEdit):
    sig_scanned = Signal(str)  # the raw karekod, GS restored

    def __init__(self, parent=None):
        super().__init__(parent)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.setFont(font)
        self.setClearButtonEnabled(True)
        self.returnPressed.connect(self._submit)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.text() == GS or (event.key() == Qt.Key.Key_BracketRight
                                  and event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            self.insert(GS_SHOWN)
            event.accept()
            return
        if event.matches(QKeySequence.StandardKey.Paste):
            self.insert(QGuiApplication.clipboard().text().replace(GS, GS_SHOWN))
            event.accept()
            return
        super().keyPressEvent(event)

    def raw(self) -> str:
        return self.text().replace(GS_SHOWN, GS)

    def _submit(self) -> None:
        raw = self.raw().strip("\r\n")
        if raw.strip():
            self.clear()
            self.sig_scanned.emit(raw)
