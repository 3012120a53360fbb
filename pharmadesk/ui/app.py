"""Starts the workstation: the Qt application, the data folder and its store, the
language, and in sandbox mode the in-process ITS simulator (started off the GUI thread;
its address is printed as `ITS simulator: <base URL>` once it listens)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from pharmadesk import config
from pharmadesk.store import StoreError, open_store
from pharmadesk.ui import feedback, first_run, sandbox, workers
from pharmadesk.ui.i18n import DEFAULT_LANGUAGE, Language
from pharmadesk.ui.main_window import MainWindow
from pharmadesk.ui.station import LANGUAGE_SETTING, SOUNDS_SETTING, Station

QUIT_AFTER_ENV = "PHARMADESK_QUIT_AFTER"  # seconds after the window shows


def data_folder(data_dir: str | None, sandbox_mode: bool) -> Path:
    """Training never mixes with real data: the sandbox has its own folder."""
    base = config.data_dir(data_dir)
    return base / "sandbox" if sandbox_mode else base


def open_station(app: QApplication, folder: Path, *, lang: str | None, sandbox_mode: bool,
                 training_kind=None) -> Station:
    """`training_kind`: in sandbox mode, the kind of station to train as (the wizard's choice)."""
    store = open_store(folder, local=sandbox_mode)  # training never touches a shared database
    if sandbox_mode:
        sandbox.prepare_store(store, training_kind)
    saved = config.Config(store)
    language = Language(app, lang or saved.get_or_default(LANGUAGE_SETTING))
    sounds = feedback.Sounds(app, enabled=saved.get_or_default(SOUNDS_SETTING))
    return Station(store=store, data_dir=folder, language=language, sounds=sounds, sandbox=sandbox_mode)


def start_sandbox_simulator(station: Station, window: MainWindow):
    """Starts the simulator on a pool thread; returns the job (its result is the server)."""
    from pharmadesk.sim.server import start_simulator

    state_file = sandbox.simulator_state_file(station.data_dir)

    def start():
        return start_simulator(host="127.0.0.1", port=0, state_file=str(state_file), seed=True)

    def listening(server) -> None:
        station.simulator_url = server.base_url
        station.store.set_setting("its.url", server.base_url)
        print(f"ITS simulator: {server.base_url}", flush=True)
        window.simulator_started(server)

    def failed(error: Exception) -> None:
        QMessageBox.critical(window, window.tr("Training mode"),
                             window.tr("The training ITS simulator could not start: %1").replace("%1", str(error)))

    return workers.run_in_background(start, on_success=listening, on_failure=failed, parent=window)


def run(args) -> int:
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "pharmadesk"])
    app.setApplicationName("PharmaDesk")
    app.setOrganizationName("PharmaDesk")
    app.setWindowIcon(feedback.app_icon())
    if not first_run.settle(app, args):  # first start on this PC: the set-up wizard, closed unfinished
        return 0
    folder = data_folder(args.data_dir, args.sandbox)
    try:
        station = open_station(app, folder, lang=args.lang, sandbox_mode=args.sandbox,
                               training_kind=getattr(args, "training_kind", None))
    except StoreError as error:
        Language(app, args.lang or DEFAULT_LANGUAGE)
        QMessageBox.critical(None, "PharmaDesk",
                             app.translate("App", "The PharmaDesk database in %1 cannot be opened:\n%2")
                             .replace("%1", str(folder)).replace("%2", error.message(args.lang or DEFAULT_LANGUAGE)))
        return 1
    window = MainWindow(station)
    window.show()
    if args.sandbox:
        start_sandbox_simulator(station, window)
    window.start_background_work()
    if os.environ.get(QUIT_AFTER_ENV):  # smoke test of the built bundle (installer/bundle_check.py)
        QTimer.singleShot(int(float(os.environ[QUIT_AFTER_ENV]) * 1000), app.quit)
    try:
        return app.exec()
    finally:
        window.shut_down()
        workers.wait_for_all()
        station.store.close()

