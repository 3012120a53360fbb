"""A hospital's first day on a real X server: PharmaDesk started on a new PC (a fresh data
folder) shows the first-run wizard; a person clicks "Hastane eczanesi", types the GLN and
user name, keeps "Önce eğitim modunu deneyin" and finishes; the hospital's training
window opens, F-key to the Sarf page, a USB wedge scanner reads three of the hospital's
demo boxes, F9 sends them and the window shows each one accepted by the training ITS.
Clicks and keys go through XTEST (tests/e2e/xreal.py), as a mouse, keyboard and scanner
would."""

from __future__ import annotations

from pharmadesk.sim import sandbox as world
from scanners.keylayouts import US
from tests.e2e.test_counter import boxes, page_key, serial_of, wait_rows
from tests.e2e.xreal import AppHost

WIZARD = "QApplication.activeModalWidget()"
GLN = "8680001000005"  # the hospital's own (check digit 5); the training uses the sandbox hospital's


def click_wizard_button(app, keys, button: str) -> None:
    """Next or Finish, as a mouse click on the wizard's own button."""
    app.until(f"{WIZARD}.button({WIZARD}.WizardButton.{button}).isEnabled()")
    app.click_on(keys, f"{WIZARD}.button({WIZARD}.WizardButton.{button})")


def choose(app, keys, radio_button: str) -> None:
    """A click on a radio button's round indicator (its widget spans the page, its middle
    can be empty space), then it is the one chosen."""
    x, y = app.ask(f"(lambda b: [b.mapToGlobal(b.rect().topLeft()).x() + 8, "
                   f"b.mapToGlobal(b.rect().center()).y()])({radio_button})")
    keys.click(x, y)
    app.until(f"{radio_button}.isChecked()")


def test_hospital_training_from_the_wizard_to_an_accepted_sarf(x_display, keys, shots, tmp_path):
    keys.set_layout(US)
    with AppHost(x_display, ["--data-dir", str(tmp_path / "data")], log=tmp_path / "pharmadesk.log") as app:
        app.until(f"{WIZARD} is not None and {WIZARD}.windowHandle().isExposed()", 60)
        hospital = f"{WIZARD}.station_page.kinds.button(1)"
        assert app.ask(f"{hospital}.text()") == "Hastane eczanesi"
        choose(app, keys, hospital)
        click_wizard_button(app, keys, "NextButton")

        gln = f"{WIZARD}.identity_page.gln"
        app.until(f"{gln}.isVisible()")
        app.click_on(keys, gln)
        app.until(f"{gln}.hasFocus()")
        keys.type(GLN)
        username = f"{WIZARD}.identity_page.username"
        app.until(f"{username}.text() == {GLN!r}")  # offered: the last 4 digits are left to type
        app.click_on(keys, username)
        app.until(f"{username}.hasFocus()")
        keys.type("0007")
        for _ in range(3):  # identity, password (training needs none), scanner test
            click_wizard_button(app, keys, "NextButton")

        sandbox = f"{WIZARD}.start_page.sandbox_button"
        app.until(f"{sandbox}.isVisible()")
        assert app.ask(f"{sandbox}.text()") == "Önce eğitim modunu deneyin"
        choose(app, keys, sandbox)
        click_wizard_button(app, keys, "FinishButton")

        app.until("window() is not None and window()._simulator is not None and bool(window().demo_panel.boxes)", 60)
        assert app.ask("window().station.gln") == world.HOSPITAL
        app.click_on(keys, "page().scan_field")
        app.until("QApplication.activeWindow() is window() and page().scan_field.hasFocus()")
        keys.press(page_key(app, "consume"))
        app.until("page() is page_for('consume') and page().scan_field.hasFocus()")

        consumed = boxes(app, "consume", 3, world.HOSPITAL)
        for raw in consumed:
            keys.scan(raw)
        wait_rows(app, "consume", [[serial_of(raw), "queued"] for raw in reversed(consumed)])
        keys.press("f9")
        wait_rows(app, "consume", [[serial_of(raw), "accepted"] for raw in reversed(consumed)], 60)
        shown = app.ask("[page().model.data(page().model.index(row, page().model.STATE)) for row in range(3)]")
        assert shown == ["İTS kabul etti"] * 3, shown
        app.until("window().sync_dialog is not None and window().sync_dialog.isVisible()")
        app.screenshot(shots / "e2e-hospital-training-sarf-accepted.png")
        app.screenshot(shots / "e2e-hospital-training-sync.png", "window().sync_dialog")
