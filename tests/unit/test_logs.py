"""The log files: written under the data folder's logs/, rotated at their size limit,
and a password never reaches them — from a SOAP envelope, an HTTP header, a key=value
pair, a traceback or the PHARMADESK_ITS_PASSWORD variable."""

from __future__ import annotations

import logging

import pytest

from pharmadesk import logs
from pharmadesk.cli import main as pharmadesk

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
    assert "<wsse:Password Type=\"PasswordText\">***</wsse:Password>" in text
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
