"""The PharmaDesk process of the end-to-end tests: starts the program exactly as
`pharmadesk ARGS...` does (tests/e2e/xreal.py runs it on an Xvfb display), and answers the
test's questions about the window on a side channel, evaluated on the GUI thread:

    stdin:  {"id": 7, "eval": "len(page().model.rows())"}     (or "exec": statements)
    stdout: @xhost {"id": 7, "value": 3}                       (or "error": traceback)

Keys and clicks never come this way: the test sends them through XTest, as a keyboard, a
scanner and a mouse would. The channel only reads the window back, takes screenshots and
finds where a widget is on the screen."""

from __future__ import annotations

import json
import sys
import threading
import time
import traceback

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QApplication, QWidget

REPLY_MARK = "@xhost "


class Host(QObject):
    sig_request = Signal(str)

    def __init__(self):
        super().__init__()
        self.sig_request.connect(self._answer)
        self.namespace = {"app": QApplication.instance, "window": main_window, "page": current_page,
                          "page_for": page_for, "rows": rows,
                          "where": where, "where_cell": where_cell, "where_tab": where_tab, "grab": grab, "watch_paints": watch_paints, "watch_keys": watch_keys,
                          "focused": focused, "time": time, "QApplication": QApplication}

    def listen(self) -> None:
        def read() -> None:
            for line in sys.stdin:
                if line.strip():
                    self.sig_request.emit(line)

        threading.Thread(target=read, daemon=True, name="xhost-stdin").start()

    def _answer(self, line: str) -> None:
        request = json.loads(line)
        reply: dict = {"id": request["id"]}
        try:
            if "exec" in request:
                exec(request["exec"], self.namespace)  # noqa: S102 - the test's own channel
                reply["value"] = None
            else:
                reply["value"] = eval(request["eval"], self.namespace)  # noqa: S307
            json.dumps(reply)
        except Exception:  # the test shows the traceback
            reply = {"id": request["id"], "error": traceback.format_exc()}
        sys.stdout.write(REPLY_MARK + json.dumps(reply, ensure_ascii=False, default=str) + "\n")
        sys.stdout.flush()


def main_window():
    from pharmadesk.ui.main_window import MainWindow

    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, MainWindow) and widget.isVisible():
            return widget
    return None


def current_page():
    return main_window().current_page()


def page_for(operation: str):
    """The page of an operation by its command-line name ("receive", "sale", ...)."""
    from pharmadesk.domain import Operation

    return main_window().page_for(Operation(operation))


def rows(operation: str | None = None) -> list[list[str]]:
    """[serial, state] of each row of a page's table (the page on screen by default),
    newest first, as the table shows them."""
    page = page_for(operation) if operation else current_page()
    return [[row.serial, row.kind] for row in page.model.rows()]


def focused() -> str:
    widget = QApplication.focusWidget()
    return "" if widget is None else f"{type(widget).__name__}:{widget.objectName()}"


def where(widget: QWidget) -> list[int]:
    """The widget's centre in screen (root window) coordinates, for an XTest click."""
    centre = widget.mapToGlobal(widget.rect().center())
    return [centre.x(), centre.y()]


def where_cell(view, row: int, column: int | None = None) -> list[int]:
    """A table cell's centre in screen coordinates (row as on screen; by default in the
    first column shown: a narrow table hides some)."""
    if column is None:
        column = next(n for n in range(view.model().columnCount()) if not view.isColumnHidden(n))
    rect = view.visualRect(view.model().index(row, column))
    centre = view.viewport().mapToGlobal(rect.center())
    return [centre.x(), centre.y()]


def where_tab(tabs, page: QWidget) -> list[int]:
    """The centre of the tab that shows `page` in a QTabWidget, in screen coordinates."""
    bar = tabs.tabBar()
    centre = bar.mapToGlobal(bar.tabRect(tabs.indexOf(page)).center())
    return [centre.x(), centre.y()]


def grab(path: str, widget: QWidget | None = None) -> str:
    (widget or main_window()).grab().save(path)
    return path


class _PaintWatch(QObject):
    """time.monotonic() of each paint of a widget (the scan table's viewport): the moment a
    new row is on screen, for the scan-to-row benchmark."""

    def __init__(self, widget: QWidget):
        super().__init__(widget)
        self.times: list[float] = []
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.times.append(time.monotonic())
        return False


def watch_paints(widget: QWidget) -> _PaintWatch:
    return _PaintWatch(widget)


class _KeyWatch(QObject):
    """Every key press the application receives, once: (X server timestamp in s, Qt key,
    time.monotonic() when read). The server's stamps say when the keys left the keyboard."""

    def __init__(self):
        super().__init__(QApplication.instance())
        self.presses: list[tuple[float, int, float]] = []
        QApplication.instance().installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.KeyPress and not event.isAutoRepeat():
            press = (event.timestamp() / 1000, int(event.key()))
            if not self.presses or self.presses[-1][:2] != press:  # offered again to each parent
                self.presses.append((*press, time.monotonic()))
        return False


def watch_keys() -> _KeyWatch:
    return _KeyWatch()


def main() -> int:
    app = QApplication([sys.argv[0]])
    host = Host()
    host.listen()
    from pharmadesk.cli import main as pharmadesk_main

    return pharmadesk_main(sys.argv[1:]) if app else 1


if __name__ == "__main__":
    sys.exit(main())
