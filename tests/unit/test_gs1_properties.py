"""Property tests for the karekod parser: every valid karekod, however a scanner sends
it, reads back to the same fields; any string at all gives a Karekod or a Gs1Error."""

import calendar
import re
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pharmadesk.gs1 import GS, Gs1Error, Karekod, check_digit, gtin_is_valid, parse

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

ITS_TEXT = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", min_size=1, max_size=20)
# GS1 character set 82 (what AI 91, 240 ... may hold)
CSET82 = "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz"
VARIABLE_AIS = {"21", "10", "91", "240", "22", "30"}
REASONS = {"ean13", "missing_ai", "bad_check_digit", "bad_gtin", "bad_date", "bad_serial",
           "bad_batch", "ambiguous", "duplicate_ai", "unknown_ai", "empty", "malformed"}


@st.composite
def gtins(draw):
    body = draw(st.text(alphabet="0123456789", min_size=13, max_size=13))
    return body + str(check_digit(body))


@st.composite
def gs1_dates(draw):
    """YYMMDD, day 00 (the month's last day) included."""
    year, month = draw(st.integers(10, 99)), draw(st.integers(1, 12))
    day = draw(st.integers(0, calendar.monthrange(2000 + year, month)[1]))
    return f"{year:02d}{month:02d}{day:02d}"


def expiry_of(raw: str) -> date:
    year, month, day = 2000 + int(raw[:2]), int(raw[2:4]), int(raw[4:])
    return date(year, month, day or calendar.monthrange(year, month)[1])


EXTRA_VALUES = {
    "11": gs1_dates(),
    "3103": st.text(alphabet="0123456789", min_size=6, max_size=6),
    "414": st.text(alphabet="0123456789", min_size=13, max_size=13),
    "91": st.text(alphabet=CSET82, min_size=1, max_size=30),
    "240": st.text(alphabet=CSET82, min_size=1, max_size=30),
    "22": st.text(alphabet=CSET82, min_size=1, max_size=20),
    "30": st.text(alphabet="0123456789", min_size=1, max_size=8),
}


@st.composite
def scans(draw, with_extras=True):
    """(the true Karekod, its elements as (AI, value) in the order printed)."""
    truth = Karekod(gtin=draw(gtins()), serial=draw(ITS_TEXT), batch=draw(ITS_TEXT),
                    expiry=date(2000, 1, 1), expiry_raw=draw(gs1_dates()))
    extra = {}
    if with_extras:
        for ai in draw(st.lists(st.sampled_from(sorted(EXTRA_VALUES)), unique=True, max_size=3)):
            extra[ai] = draw(EXTRA_VALUES[ai])
    truth = Karekod(truth.gtin, truth.serial, truth.batch, expiry_of(truth.expiry_raw),
                    truth.expiry_raw, extra)
    elements = [("01", truth.gtin), ("21", truth.serial), ("17", truth.expiry_raw),
                ("10", truth.batch), *extra.items()]
    return truth, draw(st.permutations(elements))


def with_separators(elements) -> str:
    """GS after each variable-length field except the last, as a GS1 encoder writes it."""
    parts = []
    for index, (ai, value) in enumerate(elements):
        parts.append(ai + value)
        if ai in VARIABLE_AIS and index < len(elements) - 1:
            parts.append(GS)
    return "".join(parts)


def its_rules_hold(karekod: Karekod) -> bool:
    return (gtin_is_valid(karekod.gtin)
            and all(re.fullmatch(r"[A-Z0-9]{1,20}", v) for v in (karekod.serial, karekod.batch))
            and karekod.expiry == expiry_of(karekod.expiry_raw))


@SETTINGS
@given(scans())
def test_any_order_with_separators_reads_back(scan):
    truth, elements = scan
    assert parse(with_separators(elements)) == truth


@SETTINGS
@given(scans(), st.sampled_from(["", "]d2", "]C1", "]Q3", "]e0", "]d2" + GS, GS]),
       st.sampled_from(["", "\r", "\n", "\r\n", "\t", " "]))
def test_symbology_id_leading_gs_and_suffixes_do_not_matter(scan, prefix, suffix):
    truth, elements = scan
    assert parse(prefix + with_separators(elements) + suffix) == truth


@SETTINGS
@given(scans(), st.sampled_from([("<GS>",), ("|",), ("<GS>", "|"), ("~~",)]))
def test_separator_standins_read_back(scan, standins):
    truth, elements = scan
    raw = with_separators(elements).replace(GS, standins[-1])
    if standins[-1] in "".join(value for _, value in elements):
        return  # the stand-in occurs in the data itself: not a usable scanner profile
    assert parse(raw, gs_standins=standins) == truth


@SETTINGS
@given(scans())
def test_human_readable_form_reads_back(scan):
    truth, elements = scan
    if any(char in value for _, value in elements for char in "()"):
        return  # a printed "(" inside a value cannot be told from the next AI
    assert parse("".join(f"({ai}){value}" for ai, value in elements)) == truth


@SETTINGS
@given(scans())
def test_canonical_reads_back(scan):
    truth, _ = scan
    assert parse(truth.canonical()) == truth


def _read_without_gs(raw: str, truth: Karekod) -> None:
    try:
        assert parse(raw) == truth
    except Gs1Error as error:
        assert error.reason == "ambiguous", error.message_en
        assert truth in error.candidates
        assert len(error.candidates) >= 2


@settings(max_examples=600, deadline=None)
@given(scans(with_extras=False))
def test_all_separators_lost_reads_back_or_asks_with_the_truth_among_candidates(scan):
    truth, elements = scan
    _read_without_gs(with_separators(elements).replace(GS, ""), truth)


@SETTINGS
@given(scans(with_extras=False), st.data())
def test_one_separator_lost_reads_back_or_asks(scan, data):
    truth, elements = scan
    raw = with_separators(elements)
    positions = [index for index, char in enumerate(raw) if char == GS]
    if positions:
        lost = data.draw(st.sampled_from(positions))
        raw = raw[:lost] + raw[lost + 1:]
    _read_without_gs("]d2" + raw + "\r\n", truth)


# --- Fuzz: any string whatsoever -------------------------------------------------------

def _check_outcome(raw: str, **kwargs) -> None:
    try:
        karekod = parse(raw, **kwargs)
    except Gs1Error as error:
        assert error.reason in REASONS
        assert error.message_tr and error.message_en and str(error) == error.message_tr
        if error.reason == "ambiguous":
            assert len(error.candidates) >= 2 and all(its_rules_hold(k) for k in error.candidates)
        else:
            assert error.candidates == []
        return
    assert isinstance(karekod, Karekod) and its_rules_hold(karekod)
    assert parse(karekod.canonical()) == karekod


NASTY = "0123456789" * 3 + GS * 6 + "()]dCQ\r\n\t \x00\x04\x1e\x7fABCXYZabcçİı-/|<>"


@settings(max_examples=1500, deadline=None)
@given(st.one_of(st.text(), st.text(alphabet=NASTY, max_size=80),
                 st.text(alphabet="01279" + GS, max_size=120)))
def test_any_string_gives_a_karekod_or_a_gs1_error(raw):
    _check_outcome(raw)
    _check_outcome(raw, gs_standins=("|", "<GS>"))


@settings(max_examples=800, deadline=None)
@given(scans(), st.lists(st.tuples(st.integers(0, 200), st.sampled_from(NASTY),
                                   st.booleans()), max_size=4))
def test_damaged_karekods_give_a_karekod_or_a_gs1_error(scan, edits):
    _, elements = scan
    raw = with_separators(elements)
    for position, char, insert in edits:
        position %= len(raw) + 1
        raw = raw[:position] + char + raw[position + (0 if insert else 1):]
    _check_outcome(raw)
    _check_outcome(raw.replace(GS, ""))


@settings(max_examples=600, deadline=None)
@given(scans(), st.data())
def test_lost_separators_before_its_fields_with_other_ais_read_back_or_ask(scan, data):
    """Other AIs keep their separators; some GS before an ITS AI are lost."""
    truth, elements = scan
    parts = []
    for index, (ai, value) in enumerate(elements):
        parts.append(ai + value)
        if ai in VARIABLE_AIS and index < len(elements) - 1:
            lose = elements[index + 1][0] in ("01", "21", "17", "10") and data.draw(st.booleans())
            parts.append("" if lose else GS)
    _read_without_gs("".join(parts), truth)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=NASTY, max_size=80), st.lists(st.text(max_size=4), max_size=3))
def test_any_standins_give_a_karekod_or_a_gs1_error(raw, standins):
    _check_outcome(raw, gs_standins=tuple(standins))
