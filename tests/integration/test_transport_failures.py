"""Every way of not reaching ITS, over real sockets, reads as a plain Turkish or English
sentence with what to do; the technical text (urllib3's NewConnectionError, errno
numbers) stays in the message log and the log file."""

from __future__ import annotations

import contextlib
from datetime import date
import logging
import re
import subprocess
import sys

import pytest

from faulty_network import (
    UNRESOLVABLE_URL, closed_port_url, refusing_proxy, silent_server, untrusted_tls_server,
)
from pharmadesk.domain import Header, Operation, Product, Stakeholder
from pharmadesk.gs1 import check_digit
from pharmadesk.its import network
from pharmadesk.its.client import ItsClient
from pharmadesk.its.errors import ItsTransportError
from syncstation import PHARMACY, REPO, SUPPLIER, admin, child_env, configure, ship

BOX = Product("0869999999999" + str(check_digit("0869999999999")), "SN1", "L1", date(2030, 1, 31))
# What a person must never read: exception class names, errno numbers, urllib3's wording.
RAW = re.compile(r"Error\(|Errno|HTTPConnectionPool|HTTPSConnectionPool|Max retries|"
                 r"NewConnectionError|NameResolution|Connection aborted|\[SSL")


@contextlib.contextmanager
def failing_its(kind: str, simulator, tmp_path, monkeypatch):
    """An ITS address that fails in the way `kind` says."""
    if kind == network.REFUSED:
        yield closed_port_url()
    elif kind == network.RESET:
        admin(simulator, "/admin/faults", {"reset_connection": 1})
        yield simulator.base_url
    elif kind == network.DNS:
        yield UNRESOLVABLE_URL
    elif kind == network.TLS:
        with untrusted_tls_server(tmp_path) as url:
            yield url
    elif kind == network.READ_TIMEOUT:
        with silent_server() as url:
            yield url
    elif kind == network.PROXY:
        with refusing_proxy() as proxy:
            for name in ("NO_PROXY", "no_proxy", "HTTP_PROXY", "http_proxy"):
                monkeypatch.delenv(name, raising=False)
            monkeypatch.setenv("HTTPS_PROXY", proxy)
            yield "https://its.saglik.gov.tr"
    else:
        raise AssertionError(kind)


WORDS = {  # a phrase of each English message (the Turkish one is checked against the table)
    network.REFUSED: "refused the connection",
    network.RESET: "was cut while sending",
    network.DNS: "could not be found",
    network.TLS: "security certificate",
    network.READ_TIMEOUT: "did not answer within 0.5 s",
    network.PROXY: "proxy server did not let",
}


@pytest.mark.parametrize("kind", list(WORDS))
def test_each_transport_failure_reads_as_a_plain_message_with_what_to_do(kind, simulator, tmp_path,
                                                                         monkeypatch, caplog):
    exchanges = []
    with failing_its(kind, simulator, tmp_path, monkeypatch) as url, \
            caplog.at_level(logging.WARNING, logger="pharmadesk.its.client"), \
            ItsClient(url, PHARMACY + "0000", "sandbox", gln=PHARMACY, stakeholder=Stakeholder.PHARMACY,
                      timeout=0.5, on_exchange=exchanges.append) as client, \
            pytest.raises(ItsTransportError) as caught:
        client.notify(Operation.RECEIVE, Header(counterparty_gln=SUPPLIER, document_number="T1"), [BOX])
    error = caught.value
    assert error.kind == kind
    assert WORDS[kind] in error.message_en
    words = network.MESSAGES[kind]
    assert words.todo_tr in error.message_tr and words.todo_en in error.message_en
    for text in (error.message_tr, error.message_en):
        assert not RAW.search(text), text
    # the technical detail is kept where an IT person looks: the message log and the log file
    assert error.detail and error.detail in exchanges[0].error_en and error.detail in exchanges[0].error_tr
    assert error.detail in caplog.text


def test_an_error_page_says_ITS_answered_and_a_proxy_407_is_the_proxy(simulator):
    admin(simulator, "/admin/faults", {"http_500": 1})
    with ItsClient(simulator.base_url, PHARMACY + "0000", "sandbox", gln=PHARMACY,
                   stakeholder=Stakeholder.PHARMACY) as client, pytest.raises(ItsTransportError) as caught:
        client.notify(Operation.RECEIVE, Header(counterparty_gln=SUPPLIER, document_number="T1"), [BOX])
    assert caught.value.answered and caught.value.http_status == 500
    assert "answered, but with an error page (HTTP 500)" in caught.value.message_en
    assert "hata sayfası döndü (HTTP 500)" in caught.value.message_tr
    assert network.from_status(407, "http://its").kind == network.PROXY


@pytest.mark.parametrize("lang,words", [("en", "refused the connection"), ("tr", "bağlantıyı kabul etmedi")])
def test_the_command_line_prints_the_plain_message_for_a_dead_address(lang, words, simulator, tmp_path):
    data = configure(tmp_path / "data", simulator, url=closed_port_url(), retries=0)
    karekods = ship(simulator, 1)
    scan = subprocess.run([sys.executable, "-m", "pharmadesk", "scan", "--op", "receive", "--counterparty",
                           SUPPLIER, "--doc", "T1", "--data-dir", str(data), *karekods],
                          cwd=REPO, env=child_env(), capture_output=True, text=True, timeout=120)
    assert scan.returncode == 0, scan.stdout + scan.stderr
    sync = subprocess.run([sys.executable, "-m", "pharmadesk", "sync", "--lang", lang, "--data-dir", str(data)],
                          cwd=REPO, env=child_env(), capture_output=True, text=True, timeout=120)
    assert sync.returncode == 2
    output = sync.stdout + sync.stderr
    assert words in output
    assert not RAW.search(output), output
    log_text = (data / "logs" / "cli.log").read_text(encoding="utf-8")
    assert "NewConnectionError" in log_text or "ConnectionRefused" in log_text  # the detail, for IT
