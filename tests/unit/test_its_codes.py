"""The ITS code catalog (resources/its_codes.json): every code the sources name, in Turkish and
English, with a severity; the 40xxx verification warnings with the operations the article allows;
and a readable fallback for a code nobody has catalogued yet."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pharmadesk.domain import Operation
from pharmadesk.its import codes
from pharmadesk.sim import rules
from pharmadesk.sim.soap import FAULT_TEXTS

SHARED = Path(__file__).resolve().parents[2].parent / "shared"  # ../shared, the project's sources
PROTOCOL = SHARED / "its-protocol.md"
ARTICLE = SHARED / "reference" / "its-product-verification-article.txt"
O = Operation

# The article's section 3, warning by warning: what the verifying stakeholder may still do.
ARTICLE_ACTIONS = {
    "40001": {O.SALE, O.TRANSFER, O.RETURN, O.CONSUME, O.DEACTIVATE, O.EXPORT},
    "40002": {O.RECEIVE},
    "40003": {O.SALE_CANCEL, O.TRANSFER_CANCEL},
    "40004": {O.SALE_CANCEL},
    # 3.5 names the two cancellations; the worked example (section 5) says return and dispatch
    # cancellation. The catalog keeps the more cautious reading, 3.5's, and says so in a note.
    "40005": {O.SALE_CANCEL, O.TRANSFER_CANCEL},
    "40006": {O.RETURN, O.SALE_CANCEL, O.TRANSFER_CANCEL, O.DEACTIVATE},
    "40007": {O.RETURN, O.DEACTIVATE},
    "40008": {O.RECEIVE, O.SALE_CANCEL},
    "40009": {O.SALE, O.TRANSFER, O.RETURN, O.CONSUME, O.DEACTIVATE, O.EXPORT},
}


def _protocol_codes() -> set[str]:
    text = PROTOCOL.read_text(encoding="utf-8")
    section = text[text.index("## 6. UC"):text.index("## 7.")]
    return set(re.findall(r"^\| (\d{5}) \|", section, re.MULTILINE))


def _article_codes() -> set[str]:
    return set(re.findall(r"\b([14]0\d{3}|11\d{3})\b", ARTICLE.read_text(encoding="utf-8")))


def _simulator_codes() -> set[str]:
    """Every code the simulator can answer: its faults and the codes its modules name."""
    source = "".join(path.read_text(encoding="utf-8") for path in Path(rules.__file__).parent.glob("*.py"))
    return set(FAULT_TEXTS) | set(re.findall(r'"(\d{5})"', source))


def test_every_code_of_the_protocol_file_and_the_article_is_catalogued():
    missing = (_protocol_codes() | _article_codes()) - set(codes.all_codes())
    assert not missing
    assert len(_protocol_codes()) > 100


def test_every_code_the_simulator_answers_is_catalogued():
    assert _simulator_codes() - set(codes.all_codes()) == set()


@pytest.mark.parametrize("code", codes.all_codes())
def test_each_code_has_turkish_and_english_text_severity_and_advice(code):
    turkish, english = codes.describe(code, "tr"), codes.describe(code, "en")
    assert turkish.known and english.known
    assert turkish.text and english.text and turkish.text != english.text
    assert turkish.advice and english.advice and turkish.advice != english.advice
    assert turkish.severity == english.severity in {"success", "warning", "error"}
    assert re.fullmatch(r"\d{5}", code)


def test_success_and_severities_follow_what_the_pharmacist_may_do():
    assert codes.describe("00000").severity == "success"
    assert codes.describe("40001").severity == "success"  # yours and usable: go ahead
    assert codes.describe("40002").severity == "warning"  # buy it first
    assert {codes.describe(code).severity for code in ("40005", "40006", "40007")} == {"error"}  # do not sell
    assert codes.describe("10201").severity == "error"


@pytest.mark.parametrize("code", sorted(ARTICLE_ACTIONS))
def test_verification_warnings_allow_what_the_article_says(code):
    assert set(codes.describe(code).actions) == ARTICLE_ACTIONS[code]


def test_only_verification_warnings_carry_actions():
    with_actions = {code for code in codes.all_codes() if codes.describe(code).actions}
    assert with_actions == set(ARTICLE_ACTIONS)


def test_article_wording_in_english():
    assert codes.describe("40001", "en").text == "The product is registered to you."
    assert codes.describe("11039", "en").text == "The first 13 digits of the user name must be your GLN."
    assert codes.describe("11039", "tr").text.startswith("Kullanıcı adının ilk 13 hanesi")


@pytest.mark.parametrize("lang, words", [("tr", "açıklaması bilinmiyor"), ("en", "no description known")])
def test_unknown_code_shows_its_number_and_a_generic_message(lang, words):
    info = codes.describe("19999", lang)
    assert not info.known and info.code == "19999"
    assert "19999" in info.text and words in info.text
    assert info.severity == "error" and info.advice and info.actions == ()


def test_codes_without_leading_zeros_are_read_as_five_digits():
    assert codes.normalize(0) == "00000" and codes.normalize(" 301") == "00301"
    assert codes.describe("0").text == codes.describe("00000").text
    assert codes.normalize("E1") == "E1"


@pytest.mark.parametrize("code, operation, took_effect", [
    ("00000", O.SALE, True),
    ("0", O.RECEIVE, True),
    ("40001", O.VERIFY, True),  # a verification's normal answer
    ("10201", O.VERIFY, False),
    # at face value "already done" is not our success: pharmadesk.reconcile reads a resend
    ("10303", O.RECEIVE, False),
    ("10231", O.CONSUME, False),
    ("10204", O.SALE, False),  # someone else's earlier sale is no success of ours
    ("10303", O.SALE, False),
])
def test_is_success(code, operation, took_effect):
    assert codes.is_success(code, operation) is took_effect


def test_in_your_stock_advice_fits_a_cancellation_too():
    # 10210 answers a purchase sent twice, and also the cancellation of a sale or transfer
    # of a box that never left: the advice must not send the pharmacist to the purchase.
    assert "iptal" in codes.describe("10210", "tr").advice
    assert "cancellation" in codes.describe("10210", "en").advice


def test_where_the_article_contradicts_itself_the_catalog_says_which_reading_it_keeps():
    entry = json.loads(codes.CODES_FILE.read_text(encoding="utf-8"))["codes"]["40005"]
    assert "§3.5" in entry["note"] and "§5" in entry["note"] and "cautious" in entry["note"]
    assert Operation.RETURN not in codes.describe("40005").actions
