"""File → back up / restore and Help → About in the workstation window: the backup file
is written off the GUI thread, a restore puts the boxes back on the page at once, a
damaged file is refused with a plain message, and About shows the one version number."""

from __future__ import annotations

from datetime import date

from pharmadesk import __version__
from pharmadesk.domain import Header, Operation, Stakeholder
from pharmadesk.store import QueuedBox, states
from tests.ui.conftest import SUPPLIER


def receive(store, n: int) -> None:
    store.queue_item(Operation.RECEIVE, Stakeholder.PHARMACY, Header(counterparty_gln=SUPPLIER),
                     QueuedBox("08699504000016", f"SN{n:05d}", "B1", date(2030, 12, 31), "301231"), raw=f"r{n}")


def test_backup_and_restore_from_the_file_menu(qtbot, open_window, store, tmp_path):
    window = open_window("en")
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus[0] == "&File"
    maintenance = window.maintenance
    assert [a.text() for a in maintenance.file_menu.actions()] == ["&Back up the database…",
                                                                    "&Restore from a backup…", "", "&Quit"]
    for n in range(3):
        receive(store, n)
    page = window.page_for(Operation.RECEIVE)
    page.refresh()
    saved = tmp_path / "evening.sqlite"

    maintenance.backup_to(saved)
    qtbot.waitUntil(lambda: not maintenance.busy, timeout=20000)
    assert saved.exists() and maintenance.last_message == f"Backup saved: {saved} (3 boxes)"

    for item in store.items():
        store.remove_item(item["id"])
    page.refresh()
    window.update_status()
    assert page.counts["pending"] == 0

    maintenance.restore_from(saved)
    qtbot.waitUntil(lambda: not maintenance.busy, timeout=20000)
    assert maintenance.last_message.startswith("Restored from")
    assert page.counts["pending"] == 3 and store.counts()[states.QUEUED] == 3
    assert "Waiting to be sent: 3" in window.pending_label.text()

    saved.write_bytes(b"this is not a database" * 100)
    maintenance.restore_from(saved)
    qtbot.waitUntil(lambda: not maintenance.busy, timeout=20000)
    assert "nothing was restored" in maintenance.last_message
    assert store.counts()[states.QUEUED] == 3


def test_about_shows_the_version_and_speaks_turkish(qtbot, open_window):
    window = open_window("tr")
    about = window.maintenance.about_action
    assert about in window.help_menu.actions()
    assert about.text() == "PharmaDesk &Hakkında"
    text = window.maintenance.about_text()
    assert f"PharmaDesk {__version__}" in text and "Sürüm" in text


def test_file_quit_and_ctrl_q_close_the_window(qtbot, open_window):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    window = open_window("en")
    quit_action = window.maintenance.quit_action
    assert quit_action in window.maintenance.file_menu.actions()
    assert ("Ctrl+Q", "Quit") in window.shortcuts()  # listed in the shortcuts dialog (F12)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
    qtbot.keyClick(window.current_page().scan_field, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)
    window.station.language.set("tr")
    assert quit_action.text() == "Çı&kış"
