"""The workstation's File and Help additions: back up and restore the database
(pharmadesk.backup, off the GUI thread) and the About box with the one version number."""

from __future__ import annotations

import platform
import sys
from datetime import datetime
from html import escape
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QObject, QStandardPaths, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from pharmadesk import __version__, backup
from pharmadesk.logs import LOGS_FOLDER
from pharmadesk.ui import workers


class Maintenance(QObject):
    """Owns the File menu (backup, restore, quit) and the About action of one main window."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.station = window.station
        self.file_menu = QMenu(window)
        self.file_menu.setObjectName("file_menu")
        menus = window.menuBar()
        first = menus.actions()[0] if menus.actions() else None
        menus.insertMenu(first, self.file_menu)
        self.backup_action = QAction(window)
        self.backup_action.triggered.connect(self.ask_backup)
        self.restore_action = QAction(window)
        self.restore_action.triggered.connect(self.ask_restore)
        self.file_menu.addActions([self.backup_action, self.restore_action])
        self.quit_action = QAction(window)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))  # not StandardKey.Quit: empty on some desktops
        self.quit_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(window.close)
        window.addAction(self.quit_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.about_action = QAction(window)
        self.about_action.setIcon(window.windowIcon())
        self.about_action.triggered.connect(self.show_about)
        window.help_menu.addSeparator()
        window.help_menu.addAction(self.about_action)
        self.busy = False
        self.last_message = ""  # what the pharmacist was told last (tests read it)
        self.station.language.sig_changed.connect(self.translate_ui)
        self.translate_ui()

    def translate_ui(self, _lang: str | None = None) -> None:
        self.file_menu.setTitle(self.tr("&File"))
        self.backup_action.setText(self.tr("&Back up the database…"))
        self.restore_action.setText(self.tr("&Restore from a backup…"))
        self.quit_action.setText(self.tr("&Quit"))
        self.about_action.setText(self.tr("&About PharmaDesk"))

    # ---- backup and restore ------------------------------------------------------

    def ask_backup(self) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        suggested = Path(folder or Path.home()) / f"pharmadesk-{datetime.now():%Y%m%d-%H%M}.sqlite"
        path, _ = QFileDialog.getSaveFileName(self.window, self.tr("Back up the database"), str(suggested),
                                              self.tr("PharmaDesk backup (*.sqlite)"))
        if path:
            self.backup_to(Path(path))

    def ask_restore(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.window, self.tr("Restore from a backup"), "",
                                              self.tr("PharmaDesk backup (*.sqlite);;All files (*)"))
        if not path:
            return
        question = self.tr("Replace the data on this PC with the backup %1?\n\nThe current data is saved first in %2.")
        question = question.replace("%1", path).replace("%2", str(self.station.data_dir / backup.BACKUPS_FOLDER))
        answer = QMessageBox.question(self.window, self.tr("Restore from a backup"), question,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                                      QMessageBox.StandardButton.Cancel)
        if answer == QMessageBox.StandardButton.Yes:
            self.restore_from(Path(path))

    def backup_to(self, path: Path) -> None:
        def done(info: backup.BackupInfo) -> None:
            self._tell(QMessageBox.Icon.Information, self.tr("Backup saved: %1 (%2 boxes)")
                       .replace("%1", str(info.path)).replace("%2", str(info.items)))

        self._run(lambda: backup.backup(self.station.data_dir, path), done)

    def restore_from(self, path: Path) -> None:
        def done(info: backup.BackupInfo) -> None:
            for page in self.window.operation_pages.values():
                page.refresh()
            self.window.update_status()
            self._tell(QMessageBox.Icon.Information, self.tr("Restored from %1 (%2 boxes)")
                       .replace("%1", str(info.path)).replace("%2", str(info.items)))

        self._run(lambda: backup.restore(self.station.data_dir, path), done)

    def _run(self, work, on_success) -> None:
        if self.busy:
            return
        self.busy = True
        self.backup_action.setEnabled(False)
        self.restore_action.setEnabled(False)

        def finished() -> None:
            self.busy = False
            self.backup_action.setEnabled(True)
            self.restore_action.setEnabled(True)

        def succeeded(info) -> None:
            finished()
            on_success(info)

        def failed(error: Exception) -> None:
            finished()
            message = error.message(self.station.lang) if hasattr(error, "message") else str(error)
            self._tell(QMessageBox.Icon.Warning, message)

        workers.run_in_background(work, on_success=succeeded, on_failure=failed, parent=self)

    def _tell(self, icon: QMessageBox.Icon, text: str) -> None:
        self.last_message = text
        box = QMessageBox(icon, "PharmaDesk", text, QMessageBox.StandardButton.Ok, self.window)
        box.setObjectName("maintenance_message")
        box.open()

    # ---- about ---------------------------------------------------------------------

    def about_text(self) -> str:
        base = self.station.data_dir.parent if self.station.sandbox else self.station.data_dir
        rows = ((self.tr("Version"), __version__),
                (self.tr("Data folder"), str(self.station.data_dir)),
                (self.tr("Logs"), str(base / LOGS_FOLDER)),
                ("Python / Qt", f"{platform.python_version()} / PySide6 {pyside_version}"),
                (self.tr("System"), f"{platform.system()} {platform.release()}"
                                    + (" (bundle)" if getattr(sys, "frozen", False) else "")))
        table = "".join(f"<tr><td>{escape(name)}:&nbsp;</td><td>{escape(value)}</td></tr>" for name, value in rows)
        intro = self.tr("Scans karekods, queues ITS notifications on this PC and sends them to ITS.")
        licence = self.tr("Free software under the GNU General Public License, version 3 or later.")
        return f"<h3>PharmaDesk {__version__}</h3><p>{intro}</p><table>{table}</table><p>{licence}</p>"

    def show_about(self) -> None:
        QMessageBox.about(self.window, self.tr("About PharmaDesk"), self.about_text())


def install(window) -> Maintenance:
    """Add the File menu and Help → About to a MainWindow."""
    return Maintenance(window)
