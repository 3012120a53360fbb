"""Every text a pharmacist sees follows the interface language: each page of each kind of
station, with scans in every state on it, its menus, toolbar and status bar, and the
tool windows, are read in English, switched to Turkish live, and read again. A text that
stayed the same and has words in it was built outside the translations (an English
leftover in the Turkish window, or Turkish in the English one)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton, QComboBox, QDockWidget, QGroupBox, QLabel, QLineEdit, QListView, QTableView, QTabWidget,
    QWidget,
)

from pharmadesk.domain import OPERATIONS_BY_STAKEHOLDER, Operation, Stakeholder
from pharmadesk.sim import sandbox as world
from pharmadesk.ui.main_window import ShortcutsDialog
from pharmadesk.ui.report import ReportDialog
from pharmadesk.ui.settings_dialog import SettingsDialog
from tests.ui.conftest import gtin, in_days, karekod, type_karekod

BOX = gtin("0869953609001")
# A word in a sentence: lower-case letters (product, partner and ITS reason names are
# upper case data, the same in both languages).
WORDS = re.compile(r"[a-zçğıöşü]{3,}")
# The same in both languages on purpose: the language names, the word karekod, key names,
# and words Turkish shares with English (the ITS "Test" system, a serial "Port").
SAME_IN_BOTH = {"Türkçe / English", "Türkçe", "English", "&Karekod:", "Karekod:", "karekod", "Karekod",
                "PharmaDesk", "Enter", "Tab", "Test", "Port:", "&Port:"}
DEVICE = re.compile(r"(/dev/|COM\d)")  # serial port names


def texts_of(root: QWidget) -> dict[tuple[int, str], str]:
    """What `root` shows: labels, buttons, titles, placeholders, list and table texts,
    keyed by the widget and the place on it."""
    shown: dict[tuple[int, str], str] = {}
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisibleTo(root) and widget is not root:
            continue
        key = id(widget)
        if isinstance(widget, QLabel):
            shown[key, "text"] = widget.text()
        elif isinstance(widget, QAbstractButton):
            shown[key, "text"] = widget.text()
            shown[key, "tip"] = widget.toolTip()
        elif isinstance(widget, QGroupBox):
            shown[key, "title"] = widget.title()
        elif isinstance(widget, QLineEdit):
            shown[key, "placeholder"] = widget.placeholderText()
        elif isinstance(widget, QDockWidget):
            shown[key, "title"] = widget.windowTitle()
        if isinstance(widget, QComboBox):
            for row in range(widget.count()):
                shown[key, f"item {row}"] = widget.itemText(row)
        if isinstance(widget, QTabWidget):
            for tab in range(widget.count()):
                shown[key, f"tab {tab}"] = widget.tabText(tab)
        if isinstance(widget, (QTableView, QListView)) and widget.model() is not None:
            model = widget.model()
            table = isinstance(widget, QTableView)
            for column in range(model.columnCount() if table else 1):
                if table:
                    shown[key, f"header {column}"] = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
                for row in range(min(model.rowCount(), 40)):
                    shown[key, f"cell {row} {column}"] = str(model.data(model.index(row, column)) or "")
        for number, action in enumerate(widget.actions()):
            shown[key, f"action {number}"] = action.text()
            if action.menu() is not None:
                shown[key, f"menu {number}"] = action.menu().title()
    shown[id(root), "window title"] = root.windowTitle()
    return shown


def unchanged(english: dict, turkish: dict) -> list[str]:
    """Texts with words that read the same after the switch to Turkish."""
    return sorted({text for place, text in english.items()
                   if turkish.get(place) == text and text.strip() not in SAME_IN_BOTH and not DEVICE.search(text)
                   and WORDS.search(text.replace("&", "").replace("karekod", "").replace("Karekod", ""))})


def scan_every_state(qtbot, window) -> None:
    """On each page: a box without the header it needs (or, filled in, queued), the
    same box again, an expired box, a damaged read."""
    for number, operation in enumerate(window.operation_pages):
        page = window.page_for(operation)
        window.show_page(window.pages.indexOf(page))
        serial = f"LANG{number}"
        type_karekod(qtbot, page.scan_field, karekod(BOX, serial, "LOT1", in_days(300)))  # not allowed?
        form = page.form
        if form.needs_counterparty:
            form.counterparty.set_gln(world.SUPPLIER)
        if operation is Operation.DEACTIVATE:
            form.reason.setCurrentIndex(form.reason.findData("10"))
        if operation is Operation.EXPORT:
            form.export_info.setText("Bakü")
        for raw in (karekod(BOX, serial, "LOT1", in_days(300)), karekod(BOX, serial, "LOT1", in_days(300)),
                    karekod(BOX, f"OLD{number}", "LOT1", in_days(-40)), "01ABC"):
            type_karekod(qtbot, page.scan_field, raw)


@pytest.mark.parametrize("kind", list(Stakeholder))
def test_every_page_with_scans_in_every_state_switches_to_turkish(qtbot, open_window, store, kind):
    store.set_setting("its.stakeholder", kind.value)
    window = open_window("en")
    scan_every_state(qtbot, window)
    pages = list(window.operation_pages.values())
    assert all(page.model.rowCount() >= 4 for page in pages)
    english = {}
    for number, page in enumerate(pages):
        window.show_page(number)
        english |= texts_of(window)
    window.station.language.set("tr")
    turkish = {}
    for number, page in enumerate(pages):
        window.show_page(number)
        turkish |= texts_of(window)
    assert unchanged(english, turkish) == []
    assert len(OPERATIONS_BY_STAKEHOLDER[kind]) == len(pages)


def test_shortcuts_list_switches_to_turkish(qtbot, open_window):
    window = open_window("en")
    english = {("shortcut", keys_number): text for keys_number, (_keys, text) in enumerate(window.shortcuts())}
    window.station.language.set("tr")
    dialog = ShortcutsDialog(window.shortcuts(), window)  # made afresh each time F12 is pressed
    qtbot.addWidget(dialog)
    turkish = {("shortcut", row): dialog.table.item(row, 1).text() for row in range(dialog.table.rowCount())}
    assert unchanged(english, turkish) == []
    assert dialog.windowTitle() == "Klavye kısayolları"


@pytest.mark.parametrize("tool", [SettingsDialog, ReportDialog])
def test_tool_windows_switch_to_turkish(qtbot, open_window, tool):
    window = open_window("en")
    dialog = tool(window.station, window)
    qtbot.addWidget(dialog)
    dialog.show()
    tabs = range(dialog.tabs.count()) if isinstance(dialog, SettingsDialog) else [None]

    def read() -> dict:
        if isinstance(dialog, ReportDialog):
            qtbot.waitUntil(lambda: dialog.report is not None and dialog.report.lang == window.station.lang,
                            timeout=10000)
        shown = {}
        for tab in tabs:
            if tab is not None:
                dialog.tabs.setCurrentIndex(tab)
            shown |= texts_of(dialog)
        return shown

    english = read()
    window.station.language.set("tr")
    assert unchanged(english, read()) == []
