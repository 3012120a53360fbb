"""`pharmadesk codes update` against the simulator over HTTP: ITS's own texts replace the
catalog's (kept with their date), our advice and severities stay, a code only ITS knows
reads with ITS's text and the generic advice; a station on a SOAP protocol uses it too."""

from __future__ import annotations

import json

import pytest

from pharmadesk.cli import main as pharmadesk
from pharmadesk.its import code_texts, codes
from syncstation import admin, configure, store_of


@pytest.fixture(autouse=True)
def catalog_texts():
    yield
    codes.use_its_texts({})  # the process's catalog back to its own texts


def test_codes_update_refreshes_the_texts_and_keeps_our_advice(simulator, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PHARMADESK_ITS_PASSWORD", "sandbox")
    data = configure(tmp_path / "station", simulator)  # a br-v1 station: the list is REST only
    admin(simulator, "/admin/codes", {"codes": {"10226": "Eğitim: PharmaDesk kataloğunda olmayan bir kod."}})
    before, before_en = codes.describe("10202", "tr"), codes.describe("10202", "en")
    assert pharmadesk(["codes", "update", "--lang", "en", "--data-dir", str(data)]) == 0
    out = capsys.readouterr().out
    assert "ITS code list updated" in out and "1 of them new to the catalog (10226)" in out
    after = codes.describe("10202", "tr")
    assert after.text == "Ürünün son kullanma tarihi geçmiştir." != before.text
    assert (after.advice, after.severity) == (before.advice, before.severity)
    assert codes.describe("10202", "en") == before_en  # ITS's texts are Turkish: the English stays
    only_its = codes.describe("10226", "tr")
    assert only_its.text == "Eğitim: PharmaDesk kataloğunda olmayan bir kod." and not only_its.known
    assert only_its.advice == codes.describe("99999", "tr").advice  # the generic advice
    with store_of(data) as store:
        kept = json.loads(store.setting(code_texts.SETTING))
        logged = [row["service"] for row in store.message_log()]
    assert kept["fetched_at"][:4].isdigit() and kept["codes"]["10226"].startswith("Eğitim")
    assert logged == ["its2.errorcode", "its2.token"]

    codes.use_its_texts({})  # a new process: the kept texts are used again once the store opens
    assert pharmadesk(["status", "--data-dir", str(data)]) == 0
    assert codes.describe("10202", "tr").text == "Ürünün son kullanma tarihi geçmiştir."


def test_codes_update_with_a_wrong_password_says_so_and_keeps_the_catalog(simulator, tmp_path, monkeypatch,
                                                                            capsys):
    monkeypatch.setenv("PHARMADESK_ITS_PASSWORD", "yanlış")
    data = configure(tmp_path / "station", simulator)
    assert pharmadesk(["codes", "update", "--data-dir", str(data)]) == 2
    assert "şifresini kabul etmedi" in capsys.readouterr().err
    with store_of(data) as store:
        assert store.setting(code_texts.SETTING) is None
