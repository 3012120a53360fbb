"""Screenshots of the whole workstation, to look at after changing the interface (issue 5):
every page of each kind of station with scans in every state (accepted and rejected after
a sync, queued, duplicate, expired, unreadable, details needed), the sync dialog, message
log, settings tabs, end-of-day report, shortcuts, camera panel and first-start wizard, in
Turkish and English. It drives the real window against the in-process ITS simulator.
Not a test (pytest does not collect it); run it on a virtual screen:

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python tests/ui/screenshots.py /tmp/shots

PNGs go to OUT/tr and OUT/en; with `import` (imagemagick) on PATH each language also gets
desktop.png, the whole screen shortly after a `make run`-style start."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
os.environ.setdefault("PHARMADESK_KEYRING_BACKEND", "none")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # `tests.ui...` from a plain run

import cv2  # noqa: E402
import numpy as np  # noqa: E402
import zxingcpp  # noqa: E402
from PySide6.QtCore import QCoreApplication  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from pharmadesk import gs1  # noqa: E402
from pharmadesk.domain import WALK_IN_BUYER_GLN, Operation, Stakeholder  # noqa: E402
from pharmadesk.sim import admin  # noqa: E402
from pharmadesk.sim import sandbox as world  # noqa: E402
from pharmadesk.store import open_store  # noqa: E402
from pharmadesk.ui import app as app_module  # noqa: E402
from pharmadesk.ui import first_run  # noqa: E402
from pharmadesk.ui.i18n import Language  # noqa: E402
from pharmadesk.ui.main_window import MainWindow, ShortcutsDialog  # noqa: E402
from pharmadesk.ui.report import ReportDialog  # noqa: E402

UNREADABLE = "]d2 0108699S04150016 21?7T2K"  # a damaged read: not a karekod
# A second hospital, for the hospital's transfer (Mal Devir) page.
OTHER_HOSPITAL = "869000400013" + str(gs1.check_digit("869000400013"))


def wait(condition, timeout: float = 30.0, what: str = "") -> None:
    """Process events until `condition()` holds."""
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise TimeoutError(f"waited {timeout} s for {what or condition}")
        QApplication.processEvents()
        time.sleep(0.02)


def settle(seconds: float = 0.3) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.02)


class Shots:
    def __init__(self, folder: Path):
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.taken: list[Path] = []

    def take(self, widget: QWidget, name: str) -> None:
        settle()
        path = self.folder / f"{name}.png"
        widget.grab().save(str(path))
        self.taken.append(path)
        print(path, flush=True)


# ---- one station's day ------------------------------------------------------------------


class Day:
    """A station of one kind in training mode, its window, and the boxes it scans."""

    def __init__(self, app: QApplication, kind: Stakeholder, lang: str, data: Path, shots: Shots):
        self.kind, self.lang, self.shots = kind, lang, shots
        self.gln = world.STATIONS[kind.value]
        store = open_store(data)
        for key, value in {"its.stakeholder": kind.value, "its.gln": self.gln,
                           "its.username": self.gln + "0000"}.items():
            store.set_setting(key, value)
        store.close()
        self.station = app_module.open_station(app, data, lang=lang, sandbox_mode=True)
        if kind is Stakeholder.HOSPITAL:
            self.station.store.save_partner(OTHER_HOSPITAL, "DEVLET HASTANESİ ECZANESİ (EĞİTİM)", "hospital")
        self.window = MainWindow(self.station, capture=False)
        self.window.show()
        app_module.start_sandbox_simulator(self.station, self.window)
        wait(lambda: self.window._simulator is not None and bool(self.window.demo_panel.boxes), 30, "simulator")
        wait(lambda: self.window.connection.online is True, 15, "ITS online")
        self.sim = self.window._simulator
        if kind is Stakeholder.HOSPITAL:
            self.admin("/admin/stakeholder", gln=OTHER_HOSPITAL, kind="hospital",
                       name="DEVLET HASTANESİ ECZANESİ (EĞİTİM)")
        self.stock: list[str] = []  # boxes this station holds (after the first sync)

    def admin(self, path: str, **body) -> dict:
        status, answer = admin.handle(self.sim, "POST", path, {}, body)
        assert status == 200, answer
        return answer

    def ship(self, count: int, **extra) -> tuple[str, list[str]]:
        answer = self.admin("/admin/ship", to=self.gln, count=count, kind=_sim_kind(self.kind), **extra)
        return answer["from"], answer["karekods"]

    def produced(self, count: int = 1) -> list[str]:
        return self.admin("/admin/produce", manufacturer=world.MANUFACTURER, count=count)["karekods"]

    def close(self) -> None:
        self.window.shut_down()
        self.window.close()
        self.window.deleteLater()
        self.station.language.set("en")  # its translators out of the application
        self.station.language.deleteLater()
        self.station.store.close()
        settle(0.2)

    # ---- pages ----------------------------------------------------------------------

    def page(self, operation: Operation):
        page = self.window.page_for(operation)
        self.window.show_page(self.window.pages.indexOf(page))
        return page

    def scan(self, operation: Operation, raw: str) -> None:
        page = self.page(operation)
        rows = page.model.rowCount()
        self.window.route_scan(raw, "demo")
        wait(lambda: page.model.rowCount() > rows, 15, f"scan on {operation.value}")

    def fill_header(self, operation: Operation, supplier: str) -> None:
        form = self.page(operation).form
        counterparty = {
            Operation.RECEIVE: supplier, Operation.RETURN: supplier,
            Operation.SALE: world.PHARMACY,
            # A pharmacy's cash sale went to the walk-in buyer; a warehouse's to a pharmacy.
            Operation.SALE_CANCEL: WALK_IN_BUYER_GLN if self.kind is Stakeholder.PHARMACY else world.PHARMACY,
            Operation.TRANSFER: OTHER_HOSPITAL if self.kind is Stakeholder.HOSPITAL else world.OTHER_PHARMACY,
            Operation.TRANSFER_CANCEL: OTHER_HOSPITAL if self.kind is Stakeholder.HOSPITAL else world.OTHER_PHARMACY,
        }.get(operation)
        if form.needs_counterparty and counterparty:
            form.counterparty.set_gln(counterparty)
        if operation is Operation.DEACTIVATE:
            form.reason.setCurrentIndex(form.reason.findData("40"))
        if operation is Operation.EXPORT:
            form.export_info.setText("Bakü, Azerbaycan")
        if operation is not Operation.VERIFY:
            form.document_number.setText(f"IRS-{operation.value[:4].upper()}-{len(self.stock)}")

    def sync(self, name: str | None) -> None:
        """F9: send everything queued; shoot the sync dialog (problems, then every box)."""
        window = self.window
        wait(lambda: not window.sync.running, 60, "a running sync")
        window.send_now()
        dialog = window.sync_dialog
        wait(lambda: not window.sync.running and not window.refresh_pending and not dialog.results_pending,
             120, "sync")
        if name:
            dialog.filter.setCurrentIndex(0)
            wait(lambda: not dialog.results_pending, 30)
            self.shots.take(dialog, f"{name}-problems")
            dialog.filter.setCurrentIndex(1)
            wait(lambda: not dialog.results_pending, 30)
            self.shots.take(dialog, f"{name}-every-box")
        dialog.hide()

    # ---- the day --------------------------------------------------------------------

    def run(self, *, dialogs: bool) -> None:
        kind, shots, window = self.kind.value, self.shots, self.window
        operations = self.station.operations()
        shots.take(window, f"{kind}-00-start")

        # Round 1, Mal Alım: a box before the supplier is chosen (details needed), then the
        # boxes that will be in stock, one recalled (rejected by ITS).
        supplier, boxes = self.ship(26)
        _, [recalled] = self.ship(1, recalled=True)
        self.scan(Operation.RECEIVE, boxes[0])
        shots.take(window, f"{kind}-01-receive-details-needed")
        receive = self.page(Operation.RECEIVE)
        receive.table.selectRow(0)
        receive.remove_selected()
        self.fill_header(Operation.RECEIVE, supplier)
        for raw in boxes[:24] + [recalled]:
            self.scan(Operation.RECEIVE, raw)
        self.sync(f"{kind}-02-sync-receive")
        self.stock = boxes[:24]
        spare = boxes[24:]  # shipped, not yet received: the receive page's queued boxes

        # Round 2: every page that moves a box on; each also gets a box that is not ours.
        forward = [op for op in operations if op in (Operation.SALE, Operation.TRANSFER, Operation.CONSUME,
                                                     Operation.RETURN, Operation.DEACTIVATE, Operation.EXPORT)]
        sent: dict[Operation, list[str]] = {}
        for operation in forward:
            self.fill_header(operation, supplier)
            sent[operation] = [self.stock.pop(), self.stock.pop()]
            for raw in sent[operation] + self.produced(1):
                self.scan(operation, raw)
        self.sync(f"{kind}-03-sync-pages")
        self.page(forward[0])  # its last scan, the box ITS refused: the banner gives the answer
        shots.take(window, f"{kind}-05-{forward[0].value}-after-sync")

        # Round 3: the cancellations of round 2's sales and transfers, and a verification.
        cancels = {Operation.SALE_CANCEL: Operation.SALE, Operation.TRANSFER_CANCEL: Operation.TRANSFER}
        for cancel, original in cancels.items():
            if cancel in operations:
                self.fill_header(cancel, supplier)
                for raw in (sent[original][0], self.stock[-1]):  # the second was never sold: rejected
                    self.scan(cancel, raw)
        if any(op in operations for op in cancels):
            self.sync(f"{kind}-04-sync-cancellations")
        for raw in (self.stock[0], sent[Operation.RETURN][0], self.produced(1)[0]):
            self.scan(Operation.VERIFY, raw)  # sent quietly at once
            wait(lambda: not window.sync.running and not window.refresh_pending, 60, "verification")
        wait(lambda: window.page_for(Operation.VERIFY).verdict.shown_code is not None, 30, "verdict")

        # Round 4, not sent: a queued box, the same box again, an expired box, a damaged read.
        # The verification page first: what it queues is sent at once, with the rest.
        _, expired = self.ship(len(operations), expired=True)
        order = [Operation.VERIFY] + [op for op in operations if op is not Operation.VERIFY]
        for operation in order:
            number = operations.index(operation)
            page = self.page(operation)
            if operation is Operation.VERIFY:
                queued = self.stock[0]
            elif operation is Operation.RECEIVE:
                queued = spare[0]
            elif operation in cancels:
                queued = sent[cancels[operation]][1]
            else:
                queued = self.stock.pop()
            if operation is not Operation.VERIFY:
                self.scan(operation, queued)
            self.scan(operation, queued)  # duplicate
            self.scan(operation, expired[number])
            self.scan(operation, UNREADABLE)
            wait(lambda: not window.sync.running and not window.refresh_pending, 60, "verification")
            page.table.clearSelection()
            shots.take(window, f"{kind}-{10 + number:02d}-{operation.value}")
        self.page(Operation.VERIFY).table.selectRow(4)  # an earlier box: the panel explains its answer
        shots.take(window, f"{kind}-{10 + len(operations):02d}-verify-earlier-box")

        self.extra_views(operations, dialogs)

    def extra_views(self, operations, dialogs: bool) -> None:
        kind, shots, window = self.kind.value, self.shots, self.window
        if self.kind is Stakeholder.PHARMACY:
            page = self.page(Operation.SALE)
            page.form.reimbursed.setChecked(True)
            page.form.institution.set_gln(world.PAYER)
            shots.take(window, f"{kind}-30-sale-reimbursement-form")
            page.form.cash.setChecked(True)
        self.page(Operation.RECEIVE)
        window.demo_action.trigger()  # F11 hides the demo scanner: the table gets the room
        shots.take(window, f"{kind}-31-receive-without-demo-panel")
        window.demo_action.trigger()

        shortcuts = ShortcutsDialog(window.shortcuts(), window)
        shortcuts.show()
        shots.take(shortcuts, f"{kind}-40-shortcuts")
        shortcuts.close()

        report_action = next(a for a in window.tools_menu.actions() if a.shortcut().toString() == "Ctrl+E")
        report_action.trigger()
        report = window.findChildren(ReportDialog)[-1]
        settle(1.5)
        shots.take(report, f"{kind}-41-end-of-day-report")
        report.close()
        if not dialogs:
            return

        log_action = next(a for a in window.tools_menu.actions() if a.shortcut().toString() == "Ctrl+L")
        log_action.trigger()
        log = window.message_log_dialogs[0]
        settle(1.0)
        shots.take(log, f"{kind}-42-message-log")
        if log.proxy.rowCount():
            log.table.selectRow(0)
            settle(1.0)
            shots.take(log, f"{kind}-43-message-log-exchange")
        log.close()

        settings_action = next(a for a in window.tools_menu.actions() if a.shortcut().toString() == "Ctrl+,")
        settings_action.trigger()
        dialog = window.settings_dialog
        for tab in range(dialog.tabs.count()):
            dialog.tabs.setCurrentIndex(tab)
            shots.take(dialog, f"{kind}-5{tab}-settings-tab{tab + 1}")
        dialog.reject()

        self.camera_views()

    def camera_views(self) -> None:
        """F10 with a folder of pictures of two stock boxes: scanned on the sale page."""
        folder = Path(tempfile.mkdtemp(prefix="pharmadesk-camera-"))
        for number, raw in enumerate(self.stock[:2] * 3):
            cv2.imwrite(str(folder / f"frame_{number:02d}.png"), _box_picture(raw, number))
        page = self.page(Operation.SALE)
        before = page.model.rowCount()
        window = self.window
        window.camera_action.trigger()
        self.shots.take(window, f"{self.kind.value}-60-camera-idle")
        window.camera_panel.set_source(str(folder))
        window.camera_panel.start()
        wait(lambda: window.camera_panel.last_image is not None and page.model.rowCount() > before, 30,
             "camera scans")
        self.shots.take(window, f"{self.kind.value}-61-camera-scanning")
        window.camera_panel.stop()
        window.camera_action.trigger()
        shutil.rmtree(folder, ignore_errors=True)


def _sim_kind(kind: Stakeholder) -> str:
    return {"warehouse": "wholesaler"}.get(kind.value, kind.value)


def _box_picture(raw: str, shift: int) -> np.ndarray:
    """A 640x480 picture of a box face with its karekod (as the camera tests draw it)."""
    gtin, rest = raw[2:16], raw[16:]
    serial, _, tail = rest[2:].partition("\x1d")
    hri = f"(01){gtin}(21){serial}(17){tail[2:8]}(10){tail[10:]}"
    frame = np.full((480, 640), 205, np.uint8)
    cv2.putText(frame, "ILAC 20 tablet", (40, 440), cv2.FONT_HERSHEY_SIMPLEX, 1.0, 50, 2)
    barcode = zxingcpp.create_barcode(hri, zxingcpp.BarcodeFormat.DataMatrix, gs1=True, forceSquare=True)
    symbol = np.asarray(zxingcpp.write_barcode_to_image(barcode, scale=5))
    y, x = 100 + shift % 40, 200 + shift % 60
    frame[y:y + symbol.shape[0], x:x + symbol.shape[1]] = symbol
    return cv2.cvtColor(frame, cv2.COLOR_GRAY2BGR)


# ---- the first-start wizard -------------------------------------------------------------


def wizard_views(app: QApplication, lang: str, shots: Shots, data: Path) -> None:
    store = open_store(data)
    language = Language(app, lang)
    wizard = first_run.FirstRunWizard(store, language)
    wizard.show()
    shots.take(wizard, "wizard-1-station")
    wizard.next()
    shots.take(wizard, "wizard-2-identity-empty")
    wizard.identity_page.gln.setText(world.PHARMACY[:-1] + str((int(world.PHARMACY[-1]) + 1) % 10))
    shots.take(wizard, "wizard-2-identity-wrong-check-digit")
    wizard.identity_page.gln.setText(world.PHARMACY)
    wizard.identity_page.username.setText(world.PHARMACY + "0000")
    shots.take(wizard, "wizard-2-identity-filled")
    for name in ("wizard-3-password", "wizard-4-scanner", "wizard-5-start"):
        wizard.next()
        shots.take(wizard, name)
    wizard.reject()
    wizard.deleteLater()
    language.set("en")
    language.deleteLater()
    store.close()


# ---- the real desktop -------------------------------------------------------------------


def desktop_view(lang: str, shots: Shots, data: Path) -> None:
    """`python -m pharmadesk --sandbox` as `make run` starts it, the whole screen taken
    with imagemagick's `import` once the training ITS answers."""
    if not shutil.which("import") or not os.environ.get("DISPLAY"):
        print("no `import` or no DISPLAY: desktop.png skipped", flush=True)
        return
    env = dict(os.environ, PHARMADESK_QUIT_AFTER="30", QT_QPA_PLATFORM="xcb")
    app = subprocess.Popen([sys.executable, "-m", "pharmadesk", "--sandbox", "--lang", lang,
                            "--data-dir", str(data)], env=env, stdout=subprocess.PIPE, text=True)
    try:
        app.stdout.readline()  # "ITS simulator: <url>"
        time.sleep(4)  # the demo boxes and the online probe
        path = shots.folder / "desktop.png"
        subprocess.run(["import", "-window", "root", str(path)], check=True)
        print(path, flush=True)
    finally:
        app.terminate()
        app.wait(30)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder for the PNGs (OUT/tr, OUT/en)")
    parser.add_argument("--lang", nargs="+", default=["tr", "en"], choices=["tr", "en"])
    parser.add_argument("--kind", nargs="+", default=[k.value for k in Stakeholder],
                        choices=[k.value for k in Stakeholder])
    parser.add_argument("--no-desktop", action="store_true", help="skip the imagemagick screen shot")
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication(["pharmadesk-screenshots"])
    QCoreApplication.setApplicationName("PharmaDesk")
    with tempfile.TemporaryDirectory(prefix="pharmadesk-shots-") as scratch:
        for lang in args.lang:
            shots = Shots(args.out / lang)
            if not args.no_desktop:
                desktop_view(lang, shots, Path(scratch) / f"desktop-{lang}")
            for number, kind in enumerate(args.kind):
                day = Day(app, Stakeholder(kind), lang, Path(scratch) / f"{lang}-{kind}", shots)
                try:
                    day.run(dialogs=number == 0)
                finally:
                    day.close()
            wizard_views(app, lang, shots, Path(scratch) / f"{lang}-wizard")
    return 0


if __name__ == "__main__":
    sys.exit(main())
