"""Records the key events Qt reports while a keyboard-wedge scanner (played by xdotool
through XTEST, which enters the X server like a USB keyboard) types a karekod.

    xvfb-run -a -s "-screen 0 800x600x24" .venv/bin/python tests/unit/data/wedge/record_x11.py OUT.json

Writes every key press and release as Qt gave it: text, key, nativeScanCode, modifiers
(Qt flag bits), timestamp (ms). tests/unit/test_wedge_recorded.py replays the file.
Not part of the test run; it imports Qt, so it lives with its data, not in scanners/.
"""
import json
import subprocess
import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit

GS = "\x1d"
KAREKOD = "0102000000000008" + "21PD.Test-i/7" + GS + "17301231" + "10TEST"


def xdotool_steps(text: str) -> list[list[str]]:
    steps = []
    for number, part in enumerate(text.split(GS)):
        if number:
            steps.append(["key", "ctrl+bracketright"])
        steps.append(["type", "--delay", "4", part])
    steps.append(["key", "Return"])
    return steps


def main(out: str) -> None:
    app = QApplication(sys.argv[:1])
    field = QLineEdit()
    field.show()
    field.activateWindow()
    field.setFocus()
    events = []

    class Recorder(QObject):
        def eventFilter(self, watched, event):
            if watched is field and event.type() in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                events.append({"pressed": event.type() == QEvent.Type.KeyPress, "text": event.text(),
                               "key": int(event.key()), "native_scan_code": int(event.nativeScanCode()),
                               "modifiers": int(event.modifiers().value), "timestamp_ms": int(event.timestamp())})
            return False

    recorder = Recorder()
    app.installEventFilter(recorder)

    def scan():
        for step in xdotool_steps("]d2" + KAREKOD):
            subprocess.run(["xdotool", *step], check=True)
        QTimer.singleShot(500, app.quit)

    QTimer.singleShot(800, scan)
    app.exec()
    with open(out, "w", encoding="utf-8") as file:
        json.dump({"how": "Xvfb, setxkbmap us, xdotool type/key (XTEST), PySide6 event filter",
                   "typed": "]d2" + KAREKOD, "events": events}, file, ensure_ascii=False, indent=0)


if __name__ == "__main__":
    main(sys.argv[1])
