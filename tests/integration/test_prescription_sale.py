"""A pharmacy sale to a reimbursement institution with the prescription's doctor (DR) and
patient (CP) T.C. identity numbers, through the real `pharmadesk` command and the ITS
simulator: wrong check digits are refused with a clear message, the sale is accepted, and
afterwards the numbers are nowhere in the data folder (KVKK): not in the database, not in
the message log, not in the log files. (What goes on the wire is pinned by
tests/unit/test_its_envelopes.py.)"""

from __future__ import annotations

import pytest

from pharmadesk import masking
from pharmadesk.cli import main as pharmadesk
from pharmadesk.sim import sandbox
from pharmadesk.store import states
from syncstation import SUPPLIER, configure, ship, store_of

DOCTOR, PATIENT = "12345678950", "23456789138"
pytestmark = pytest.mark.usefixtures("its_password")


@pytest.fixture
def its_password(monkeypatch):
    monkeypatch.setenv("PHARMADESK_ITS_PASSWORD", "sandbox")


def run(data, *argv) -> int:
    return pharmadesk([*argv, "--data-dir", str(data)])


def sell(data, box: str, *people: str, lang: str = "tr") -> int:
    return run(data, "scan", "--op", "sale", "--institution", sandbox.PAYER, "--prescription", "RX77",
               *people, "--lang", lang, box)


def test_wrong_check_digits_are_refused_in_the_asked_language_and_nothing_is_queued(simulator, tmp_path, capsys):
    data = configure(tmp_path / "station", simulator)
    [box] = ship(simulator, 1)
    assert sell(data, box, "--patient-id", "23456789139") == 2
    assert "Hastanın T.C. kimlik numarası geçersiz (CP)" in capsys.readouterr().err
    assert sell(data, box, "--doctor-id", "1234567895", lang="en") == 2
    assert "The doctor's T.C. identity number is not valid (DR)" in capsys.readouterr().err
    with store_of(data) as store:
        assert store.counts()[states.QUEUED] == 0


def test_the_sale_is_accepted_and_the_numbers_are_gone_from_the_data_folder_afterwards(simulator, tmp_path, capsys):
    data = configure(tmp_path / "station", simulator)
    boxes = ship(simulator, 2)
    assert run(data, "scan", "--op", "receive", "--counterparty", SUPPLIER, *boxes) == 0
    assert run(data, "sync") == 0
    assert sell(data, boxes[0], "--doctor-id", DOCTOR, "--patient-id", PATIENT) == 0
    with store_of(data) as store:  # kept while the sale waits to be sent
        [waiting] = store.read("SELECT sale_doctor_id, sale_patient_id FROM notifications WHERE operation = 'sale'")
        assert (waiting["sale_doctor_id"], waiting["sale_patient_id"]) == (DOCTOR, PATIENT)
    capsys.readouterr()

    assert run(data, "sync") == 0
    with store_of(data) as store:
        assert store.counts()[states.ACCEPTED] == 3
        [sale_log] = [row for row in store.message_log(limit=10) if row["service"] == "br.eczane_satis"]
        request = store.exchange(sale_log["id"])["request_xml"]
        assert f"<DR>{masking.MASK}</DR>" in request and f"<CP>{masking.MASK}</CP>" in request
        assert "<RKN>RX77</RKN>" in request
    leftovers = [path.name for path in data.rglob("*") if path.is_file()
                 and (DOCTOR.encode() in path.read_bytes() or PATIENT.encode() in path.read_bytes())]
    assert leftovers == []
