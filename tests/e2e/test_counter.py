"""Scanning as it happens at the counter, on a real X server: the real PharmaDesk window
under Xvfb, a person's keys and a USB wedge scanner's keys sent through XTEST as physical
keycodes (tests/e2e/xreal.py), the system's layout and the scanner's each US or Turkish-Q.
A scan lands in the queue wherever the cursor is and leaves nothing in that field; what a
person types stays; boxes scanned before the header is complete wait for it; and at the
end every box goes to the training ITS and is accepted, as the window's rows say."""

from __future__ import annotations

import pytest

from pharmadesk.gs1 import parse
from pharmadesk.sim import sandbox as world
from scanners.keylayouts import TURKISH_Q, US
from scanners.profiles import TEST_KAREKOD

LAYOUTS = [(US, US), (US, TURKISH_Q), (TURKISH_Q, TURKISH_Q), (TURKISH_Q, US)]  # (system, scanner)


def boxes(app, kind: str, count: int, gln: str = world.PHARMACY) -> list[str]:
    """Karekods of the training world's good boxes: on their way to the station ("receive")
    or in its stock (anything else)."""
    wanted = "receive" if kind == "receive" else "stock"
    found = app.ask(f"[b['karekod'] for b in window()._simulator.sandbox_boxes({gln!r}) "
                    f"if b['note'] == 'ok' and (b['suggested'] == 'receive') == ({wanted!r} == 'receive')]")
    assert len(found) >= count
    return found[:count]


def serial_of(raw: str) -> str:
    return parse(raw).serial


def page_key(app, operation: str) -> str:
    return f"f{app.ask(f'window().pages.indexOf(page_for({operation!r}))') + 1}"


def click_into(app, keys, widget: str) -> None:
    """A click on a field, once it is on screen; returns when the field has the cursor."""
    app.until(f"{widget}.isVisible()")
    app.click_on(keys, widget)
    app.until(f"{widget}.hasFocus() or (QApplication.focusWidget() and {widget}.isAncestorOf(QApplication.focusWidget()))")


def wait_rows(app, operation: str, expected: list[list[str]], timeout: float = 15) -> None:
    try:
        app.until(f"rows({operation!r}) == {expected!r}", timeout)
    except AssertionError:
        shown = app.ask(f"[(r.serial, r.kind, r.raw, r.message_en) for r in page_for({operation!r}).model.rows()]")
        raise AssertionError(f"{operation} page shows {shown}, expected {expected}") from None


def send_and_read_back(app, keys, operations: list[str]) -> None:
    """F9, then every box's row on these pages reads 'accepted' in the window (a refused
    rescan's row, 'duplicate', stays as it was)."""
    keys.press("f9")
    for operation in operations:
        app.until(f"rows({operation!r}) and all(kind in ('accepted', 'duplicate') for _, kind in rows({operation!r}))",
                  60)
    app.until("window().sync_dialog is not None and window().sync_dialog.isVisible()")
    keys.press("escape")


@pytest.mark.parametrize("system,scanner", LAYOUTS, ids=[f"system_{s}-scanner_{c}" for s, c in LAYOUTS])
def test_purchase_at_the_counter(open_station, keys, shots, system, scanner):
    app = open_station(system=system, scanner_layout=None if system == scanner else scanner)
    received = boxes(app, "receive", 5)
    sold = boxes(app, "stock", 1)

    def scan(raw: str, **how) -> None:
        keys.scan(raw, scanner_layout=scanner, **how)

    # 1. Cursor in the karekod field, nothing typed yet: the box waits for the supplier.
    scan(received[0])
    wait_rows(app, "receive", [[serial_of(received[0]), "waiting"]])
    assert "GLN" in app.ask("page().model.data(page().model.index(0, page().model.RESULT))")
    # 2. The supplier's GLN typed by hand (the partner list opens), then a scan at once.
    click_into(app, keys, "page().form.counterparty")
    keys.type(world.SUPPLIER)
    app.until(f"page().form.counterparty.currentText() == {world.SUPPLIER!r}")
    scan(received[1])
    # 3. Tab to the document number, typed by hand; a scan ending in Tab.
    keys.press("tab")
    keys.type("IRS7")
    app.until("page().form.document_number.text() == 'IRS7'")
    scan(received[2], terminator="tab")
    # 4. The cursor in the document date; a scan with no terminator.
    date_before = app.ask("page().form.document_date.date().toString('dd.MM.yyyy')")
    click_into(app, keys, "page().form.document_date")
    scan(received[3], terminator="none")
    # 5. Ctrl+K from the date field, then a scanner that sends the symbology identifier first.
    keys.press("ctrl+k")
    app.until("page().scan_field.hasFocus()")
    scan(received[4], prefix="]d2")
    wait_rows(app, "receive", [[serial_of(raw), "queued"] for raw in reversed(received)])
    assert app.ask("page().form.counterparty.currentText()") == world.SUPPLIER
    assert app.ask("page().form.document_number.text()") == "IRS7"
    assert app.ask("page().form.document_date.date().toString('dd.MM.yyyy')") == date_before
    assert app.ask("page().scan_field.text()") == ""
    # 6. F-key to the sale page between scans: the next box is a cash sale.
    keys.press(page_key(app, "sale"))
    app.until("page() is page_for('sale')")
    scan(sold[0])
    wait_rows(app, "sale", [[serial_of(sold[0]), "queued"]])
    keys.press(page_key(app, "receive"))
    app.until("page() is page_for('receive')")
    app.screenshot(shots / f"purchase-{system}-system-{scanner}-scanner-queued.png")
    # 7. Everything to ITS; every row says accepted.
    send_and_read_back(app, keys, ["receive", "sale"])
    notifications = app.ask("[(n['operation'], n['counterparty_gln'], n['document_number']) "
                            "for n in window().station.store.notifications() if n['state'] != 'waiting']")
    # the first two boxes went with the header as it was when the second was scanned
    assert notifications == [["receive", world.SUPPLIER, None], ["receive", world.SUPPLIER, "IRS7"],
                             ["sale", "0" * 13, None]]
    app.screenshot(shots / f"purchase-{system}-system-{scanner}-scanner-accepted.png")


def test_sale_cash_and_institution_and_deactivation(open_station, keys, shots):
    system, scanner = TURKISH_Q, US  # a US scanner on a Turkish-Q system, set so in the settings
    app = open_station(system=system, scanner_layout=scanner)
    stock = boxes(app, "stock", 8)
    serials = [serial_of(raw) for raw in stock]

    def scan(raw: str, **how) -> None:
        keys.scan(raw, scanner_layout=scanner, **how)

    keys.press(page_key(app, "sale"))
    app.until("page() is page_for('sale') and page().scan_field.hasFocus()")
    # A cash sale: the cursor on the "cash sale" choice, then in the document number.
    click_into(app, keys, "page().form.cash")
    scan(stock[0])
    click_into(app, keys, "page().form.document_number")
    scan(stock[1], terminator="tab")
    wait_rows(app, "sale", [[serials[1], "queued"], [serials[0], "queued"]])
    assert app.ask("page().form.cash.isChecked() and page().form.document_number.text() == ''")
    # A sale to the reimbursement institution: its GLN barcode scanned into its field; the
    # boxes scanned before the prescription number wait for it, the cursor in each field.
    click_into(app, keys, "page().form.reimbursed")
    click_into(app, keys, "page().form.institution")
    scan(world.PAYER)
    app.until(f"page().form.institution.gln() == {world.PAYER!r}")
    scan(stock[2])
    fields = (("pharmacy_id", "E7", stock[3], "none"), ("patient_id", "23456789138", stock[4], "enter"),
              ("doctor_id", "12345678950", stock[5], "tab"))
    for name, typed, raw, terminator in fields:
        click_into(app, keys, f"page().form.{name}")
        keys.type(typed)
        app.until(f"page().form.{name}.text() == {typed!r}", 5)
        scan(raw, terminator=terminator)
    wait_rows(app, "sale", [[serial, "waiting"] for serial in reversed(serials[2:6])]
              + [[serials[1], "queued"], [serials[0], "queued"]])
    assert app.ask("page().counts['waiting']") == 4
    assert [app.ask(f"page().form.{name}.text()") for name, *_ in fields] == [typed for _, typed, *_ in fields]
    app.screenshot(shots / "sale-institution-waiting-for-the-prescription.png")
    click_into(app, keys, "page().form.prescription_no")
    keys.type("RKN1")
    app.until("page().form.prescription_no.text() == 'RKN1'")
    scan(stock[6])
    wait_rows(app, "sale", [[serial, "queued"] for serial in reversed(serials[:7])])
    sales = app.ask("[(n['counterparty_gln'], n['sale_kind'], n['sale_prescription_no'], n['sale_patient_id'], "
                    "n['sale_doctor_id']) for n in window().station.store.notifications(operation='sale') "
                    "if n['state'] != 'waiting']")
    assert sales == [["0" * 13, "cash", None, None, None],
                     [world.PAYER, "reimbursement", "RKN1", "23456789138", "12345678950"]]
    # Deactivation: the cursor on the reason list (opened and closed with Escape); the box
    # waits for a reason, chosen by typing its code's first digit.
    keys.press(page_key(app, "deactivate"))
    app.until("page() is page_for('deactivate')")
    app.click_on(keys, "page().form.reason")  # opens its list
    keys.press("escape")
    app.until("page().form.reason.hasFocus()")
    scan(stock[7])
    wait_rows(app, "deactivate", [[serials[7], "waiting"]])
    keys.type("1")
    app.until("page().form.reason.currentData() == '10'")
    wait_rows(app, "deactivate", [[serials[7], "queued"]])
    send_and_read_back(app, keys, ["sale", "deactivate"])
    app.screenshot(shots / "deactivation-accepted.png")


def test_consumption_at_a_hospital(open_station, keys, shots):
    app = open_station("hospital", system=US, scanner_layout=TURKISH_Q)
    stock = boxes(app, "stock", 3, gln=world.HOSPITAL)

    def scan(raw: str, **how) -> None:
        keys.scan(raw, scanner_layout=TURKISH_Q, **how)

    keys.press(page_key(app, "consume"))
    app.until("page() is page_for('consume')")
    click_into(app, keys, "page().form.document_number")
    keys.type("SRF1")
    scan(stock[0])
    click_into(app, keys, "page().form.document_date")
    scan(stock[1], terminator="tab")
    keys.press("ctrl+k")
    scan(stock[2], prefix="]d2", terminator="none")
    wait_rows(app, "consume", [[serial_of(raw), "queued"] for raw in reversed(stock)])
    assert app.ask("page().form.document_number.text()") == "SRF1"
    send_and_read_back(app, keys, ["consume"])


def test_boxes_scanned_before_the_supplier_survive_a_crash(open_station, keys, shots):
    app = open_station(system=TURKISH_Q)
    received = boxes(app, "receive", 3)
    for raw in received:
        keys.scan(raw, scanner_layout=TURKISH_Q)
    waiting = [[serial_of(raw), "waiting"] for raw in reversed(received)]
    wait_rows(app, "receive", waiting)
    keys.press(page_key(app, "sale"))  # away from the page and back
    keys.press(page_key(app, "receive"))
    app.until("page() is page_for('receive')")
    app.screenshot(shots / "purchase-waiting-for-the-supplier.png")
    app.kill()

    app = open_station(system=TURKISH_Q)
    wait_rows(app, "receive", waiting)
    assert app.ask("page().counts['waiting']") == 3
    app.click_on(keys, "where_cell(page().table, 1)")  # the second box: taken off with Delete
    keys.press("delete")
    wait_rows(app, "receive", [waiting[0], waiting[2]])
    keys.scan(received[0], scanner_layout=TURKISH_Q)  # scanned again: the duplicate check sees it
    app.until("page().banner.kind == 'duplicate'")
    click_into(app, keys, "page().form.counterparty")
    keys.type(world.SUPPLIER)
    wait_rows(app, "receive", [[serial_of(received[0]), "duplicate"], [waiting[0][0], "queued"],
                               [waiting[2][0], "queued"]])
    send_and_read_back(app, keys, ["receive"])


def test_the_settings_test_box_still_gets_the_whole_test_scan(open_station, keys, shots):
    """The one place a scan must not go to the page: Settings' "scan here to test" box."""
    app = open_station(system=TURKISH_Q)
    keys.press("ctrl+,")
    app.run("settings = lambda: next((w for w in QApplication.topLevelWidgets() "
            "if type(w).__name__ == 'SettingsDialog' and w.isVisible()), None)")
    app.until("settings() is not None")
    app.click_on(keys, "where_tab(settings().tabs, settings().scanners)")
    click_into(app, keys, "settings().scanners.test_box")
    keys.scan(TEST_KAREKOD, scanner_layout=TURKISH_Q)
    app.until("settings().scanners.test_box.check is not None")
    assert app.ask("settings().scanners.test_box.check.recognised")
    assert app.ask("settings().scanners.test_box.check.works_as_is")
    assert app.ask("window().capture.scans_captured") == 0 and app.ask("rows('receive')") == []
    app.screenshot(shots / "settings-test-box-scanned.png", "settings()")
