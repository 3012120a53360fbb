"""The log files: written under the data folder's logs/, rotated at their size limit,
and a password never reaches them — from a SOAP envelope, an HTTP header, a key=value
pair, a traceback or the PHARMADESK_ITS_PASSWORD variable."""

from __future__ import annotations

import logging

import pytest

from pharmadesk import config, logs, masking
from pharmadesk.cli import main as pharmadesk
from pharmadesk.domain import SaleDetails

SECRET = "Gizli-Parola-42"


@pytest.fixture
def log_file(tmp_path, monkeypatch):
    monkeypatch.setenv("PHARMADESK_ITS_PASSWORD", SECRET)
    path = logs.setup_logging(tmp_path, "test")
    yield path
    handler = logs._installed.pop("test")
    logging.getLogger().removeHandler(handler)
    handler.close()


def test_a_password_never_reaches_the_log(log_file):
    log = logging.getLogger("pharmadesk.its.client")
    log.info("request <soapenv:Body><wsse:Password Type=\"PasswordText\">%s</wsse:Password>", SECRET)
    log.info("headers {'Authorization': 'Basic ODY4MDAwMTAwMDAwNDAwMDA6%s'}", "c2VjcmV0")
    log.warning("login failed for user 86800010000040000 password=hunter2&x=1")
    try:
        raise RuntimeError(f"server said: {SECRET} is wrong")
    except RuntimeError:
        log.exception("sync failed")
    text = log_file.read_text(encoding="utf-8")
    assert SECRET not in text and "hunter2" not in text and "c2VjcmV0" not in text
    assert "<wsse:Password Type=\"PasswordText\">********</wsse:Password>" in text
    assert "user 86800010000040000" in text and "sync failed" in text and "Traceback" in text


def test_the_log_rotates_at_its_size_limit(log_file):
    log = logging.getLogger("pharmadesk.sync")
    line = "x" * 1000
    for _ in range(logs.MAX_BYTES * (logs.BACKUP_COUNT + 2) // 1000):
        log.info(line)
    files = sorted(path.name for path in log_file.parent.iterdir())
    assert files == ["test.log"] + [f"test.log.{n}" for n in range(1, logs.BACKUP_COUNT + 1)]
    assert all(path.stat().st_size <= logs.MAX_BYTES + 2000 for path in log_file.parent.iterdir())


def test_a_command_logs_into_the_data_folder(tmp_path, capsys):
    try:
        assert pharmadesk(["status", "--data-dir", str(tmp_path)]) == 0
    finally:
        handler = logs._installed.pop("cli")
        logging.getLogger().removeHandler(handler)
        handler.close()
    text = (tmp_path / "logs" / "cli.log").read_text(encoding="utf-8")
    assert "PharmaDesk" in text and " cli" in text


def test_a_keyring_password_never_reaches_the_log(tmp_path, memory_keyring):
    """The password read from the keyring (no environment variable) is blanked too."""
    config.set_password("86800010000040000", "Anahtar-Zinciri-7")
    assert config.get_password("86800010000040000") == "Anahtar-Zinciri-7"
    path = logs.setup_logging(tmp_path, "keyring")
    try:
        logging.getLogger("pharmadesk.sync").warning("ITS refused Anahtar-Zinciri-7 for the user")
    finally:
        handler = logs._installed.pop("keyring")
        logging.getLogger().removeHandler(handler)
        handler.close()
    text = path.read_text(encoding="utf-8")
    assert "Anahtar-Zinciri-7" not in text and "ITS refused ******** for the user" in text


def test_the_masked_element_names_extend_in_one_place():
    """Another name (personal data such as an identity number) is masked in elements and
    pairs alike once it joins the set; the default set leaves it readable."""
    text = "<its:TCKN>12345678901</its:TCKN> tckn=12345678901 <sifre>x1</sifre> <GTIN>08699999999999</GTIN>"
    assert "12345678901" in masking.mask(text) and "x1" not in masking.mask(text)
    wider = masking.mask(text, elements=masking.MASKED_ELEMENTS | {"tckn"})
    assert "12345678901" not in wider and "<its:TCKN>********</its:TCKN>" in wider
    assert "<GTIN>08699999999999</GTIN>" in wider


def test_a_prescriptions_doctor_and_patient_are_in_the_default_set():
    """KVKK: BELGE/DR and BELGE/CP of a reimbursement sale; an empty (nil) one stays as it is."""
    text = '<BELGE><DN>F1</DN><DR>12345678950</DR><CP>23456789138</CP><RKN>R1</RKN></BELGE><CP xsi:nil="true"/>'
    masked = masking.mask(text)
    assert "<DR>********</DR><CP>********</CP>" in masked and '<CP xsi:nil="true"/>' in masked
    assert "<DN>F1</DN>" in masked and "<RKN>R1</RKN>" in masked
    shown = masking.mask(repr(SaleDetails("reimbursement", None, None, "R1", "12345678950", "23456789138")))
    assert "12345678950" not in shown and "23456789138" not in shown and "R1" in shown


def test_a_sales_doctor_and_patient_identity_numbers_are_masked_by_default():
    """KVKK: a reimbursement sale's DR and CP (T.C. identity numbers) never reach a log."""
    text = "<its:BELGE><DR>10000000146</DR><CP>12345678950</CP><DN>R1</DN></its:BELGE>"
    masked = masking.mask(text)
    assert "10000000146" not in masked and "12345678950" not in masked and "<DN>R1</DN>" in masked
