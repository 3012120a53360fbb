"""Karekod parsing, one rule per test: what a scanner sends in, what the pharmacist gets."""

from datetime import date

import pytest

from pharmadesk.gs1 import GS, Gs1Error, Karekod, check_digit, gln_is_valid, gtin_is_valid, parse

GTIN = "08699504090130"  # a valid GTIN-14 (check digit 0)


def karekod(serial="ABC123", batch="LOT42", expiry_raw="231130", extra=None, gtin=GTIN):
    return Karekod(gtin=gtin, serial=serial, batch=batch, expiry=date(2000 + int(expiry_raw[:2]),
                   int(expiry_raw[2:4]), int(expiry_raw[4:]) or 28), expiry_raw=expiry_raw,
                   extra=extra or {})


def refused(raw, **kwargs) -> Gs1Error:
    with pytest.raises(Gs1Error) as caught:
        parse(raw, **kwargs)
    return caught.value


CANONICAL = f"01{GTIN}21ABC123{GS}1723113010LOT42"
EXPECTED = karekod()


# --- What real scanners send --------------------------------------------------------

def test_canonical_karekod_reads_all_four_fields():
    assert parse(CANONICAL) == EXPECTED


@pytest.mark.parametrize("raw", [
    f"10LOT42{GS}21ABC123{GS}01{GTIN}17231130",
    f"17231130{'10LOT42'}{GS}01{GTIN}21ABC123",
    f"21ABC123{GS}17231130{'01' + GTIN}10LOT42",
])
def test_ais_in_any_order(raw):
    assert parse(raw) == EXPECTED


def test_other_ais_are_kept_in_extra():
    raw = f"01{GTIN}21ABC123{GS}17231130112301013103000150{'10LOT42'}{GS}91INTERNAL-1{GS}240ADD.ID"
    assert parse(raw).extra == {"11": "230101", "3103": "000150", "91": "INTERNAL-1",
                                "240": "ADD.ID"}


def test_predefined_length_ais_need_no_separator():
    raw = f"01{GTIN}112201011723113010LOT42{GS}21ABC123"
    assert parse(raw) == karekod(extra={"11": "220101"})


@pytest.mark.parametrize("symbology", ["]d2", "]C1", "]Q3", "]e0", "]d1"])
def test_symbology_identifier_is_stripped(symbology):
    assert parse(symbology + CANONICAL) == EXPECTED


@pytest.mark.parametrize("mangled", ["üd2", "Üd2", "üC1", "ÜC1", "üQ3", "üe0", "üd1", "ÜD2"])
def test_symbology_identifier_typed_by_a_turkish_q_keyboard_is_stripped(mangled):
    # The US "]" key types "ü" on Turkish-Q ("Ü" with Caps Lock): a text editor or the
    # serial reader's text then starts with "üd2".
    assert parse(mangled + CANONICAL) == EXPECTED
    assert parse(mangled + CANONICAL.replace(GS, "")) == EXPECTED  # the GS lost as well


@pytest.mark.parametrize("raw", [
    f"01{GTIN}21ABC123 1723113010LOT42",
    f"]d201{GTIN}21ABC123 1723113010LOT42",
    f"üd201{GTIN}21ABC123  1723113010LOT42\r\n",
    f"10LOT42 21ABC123 01{GTIN}17231130",
    f"01{GTIN}21ABC123 {GS}1723113010LOT42",
])
def test_a_space_where_the_gs_goes_is_a_separator(raw):
    assert parse(raw) == EXPECTED


def test_a_space_separator_never_makes_a_guess():
    # A space after the GTIN separates nothing that was in doubt; the GS lost between
    # serial and expiry later still gives two readings, and the pharmacist is asked.
    error = refused(f"01{GTIN} 21A17231130101X1724123110Y")
    assert error.reason == "ambiguous" and len(error.candidates) == 2


def test_a_gln_scan_is_told_from_a_karekod():
    from pharmadesk.gs1 import gln_in_scan

    assert gln_in_scan("8690002000027") == "8690002000027"
    assert gln_in_scan("4148690002000027\r") == "8690002000027"  # AI 414
    assert gln_in_scan("]C14148690002000027") == "8690002000027"
    assert gln_in_scan("8690002000028") is None  # check digit
    assert gln_in_scan(CANONICAL) is None


def test_gs_after_a_fixed_length_field_is_harmless():
    assert parse(f"01{GTIN}{GS}21ABC123{GS}17231130{GS}10LOT42{GS}") == EXPECTED


def test_leading_and_trailing_gs_are_stripped():
    assert parse(GS + CANONICAL + GS) == EXPECTED
    assert parse("]d2" + GS + CANONICAL) == EXPECTED


@pytest.mark.parametrize("suffix", ["\r", "\n", "\r\n", "\t", "  "])
def test_whitespace_and_line_end_suffixes_are_stripped(suffix):
    assert parse(" " + CANONICAL + suffix) == EXPECTED


def test_human_readable_form_is_read():
    assert parse(f"(01){GTIN}(21)ABC123(17)231130(10)LOT42") == EXPECTED
    assert parse(f"(10) LOT42 (17) 231130 (01) {GTIN} (21) ABC123\n") == EXPECTED


def test_human_readable_form_must_be_whole():
    assert refused(f"(01){GTIN}(21)ABC123(17)231130(10").reason == "malformed"
    assert refused(f"(01){GTIN}(21)ABC123)(17)231130(10)LOT42").reason == "malformed"


@pytest.mark.parametrize("standin", ["<GS>", "|", "@@"])
def test_separator_standins_from_the_scanner_profile_become_gs(standin):
    raw = CANONICAL.replace(GS, standin)
    assert parse(raw, gs_standins=("<GS>", "|", "@@")) == EXPECTED


def test_a_standin_not_configured_is_not_a_separator():
    error = refused(CANONICAL.replace(GS, "|"))
    assert error.reason == "bad_serial" and "'|'" in error.message_tr


def test_canonical_round_trips_and_puts_gs_only_after_variable_fields():
    scanned = parse(f"10LOT42{GS}21ABC123{GS}17231130{'01' + GTIN}")
    assert scanned.canonical() == CANONICAL
    with_extra = karekod(extra={"91": "X1", "11": "230101"})
    assert with_extra.canonical() == f"01{GTIN}21ABC123{GS}1723113010LOT42{GS}91X1{GS}11230101"
    assert parse(with_extra.canonical()) == with_extra


# --- A lost separator ---------------------------------------------------------------

def test_lost_gs_between_serial_and_expiry_is_recovered():
    assert parse(f"01{GTIN}21ABC1231723113010LOT42") == EXPECTED


def test_lost_gs_after_serial_and_batch_both_recovered():
    # 21 and 10 first: two separators were dropped.
    assert parse(f"21ABC12310LOT4201{GTIN}17231130") == EXPECTED


def test_lost_gs_with_symbology_id_and_suffix():
    assert parse(f"]d201{GTIN}21ABC1231723113010LOT42\r\n") == EXPECTED


def test_one_of_two_separators_lost_is_recovered():
    assert parse(f"21ABC12310LOT42{GS}01{GTIN}17231130") == EXPECTED


def test_lost_gs_with_two_valid_readings_asks_instead_of_guessing():
    # Serial "A" + expiry 231130 + batch "1X1724123110Y", or serial "A17231130101X" +
    # expiry 241231 + batch "Y": both are valid karekods.
    error = refused(f"01{GTIN}21A17231130101X1724123110Y")
    assert error.reason == "ambiguous"
    assert error.candidates == [karekod(serial="A", batch="1X1724123110Y"),
                                karekod(serial="A17231130101X", batch="Y", expiry_raw="241231")]
    assert "2 farklı" in error.message_tr and "2 ways" in error.message_en


def test_lost_gs_with_a_numeric_serial_is_recovered():
    assert parse(f"]d201{GTIN}2112345678901217260531{'10B23K05'}") == karekod(
        serial="123456789012", batch="B23K05", expiry_raw="260531")


def test_lost_gs_asks_even_when_only_one_reading_has_just_the_its_ais():
    # Serial "940281329179911" expiring 2030-09-01, or serial "940281329" expiring
    # 2099-11-17 followed by AI 30 (count) "0901": both are valid GS1.
    error = refused("]d20108691755974993219402813291799111730090110LA6QO1")
    assert error.reason == "ambiguous"
    assert [(k.serial, k.expiry_raw, k.extra) for k in error.candidates] == [
        ("940281329179911", "300901", {}), ("940281329", "991117", {"30": "0901"})]


def test_lost_gs_reading_keeps_to_the_four_its_ais():
    # "91123" inside the serial could be AI 91; an ITS karekod has only 01/21/17/10.
    assert parse(f"01{GTIN}2112345678901291123172311301091X") == karekod(
        serial="12345678901291123", batch="91X")


def test_lost_gs_keeps_other_ais_where_the_scan_starts_them():
    # AI 91 follows the fixed-length GTIN, so the scan itself says it starts there; the
    # GS after the serial was lost.
    assert parse(f"01{GTIN}91x{GS}21ABC1231723113010LOT42") == karekod(extra={"91": "x"})
    assert parse(f"17231130{'91x'}{GS}01{GTIN}21ABC12310LOT42") == karekod(extra={"91": "x"})


@pytest.mark.parametrize("raw", [
    f"01{GTIN}21K7H92ab{GS}1723113010LOT42",  # not serial K7H plus an AI 92 "ab"
    f"01{GTIN}21K7H92ab1723113010LOT42",
    f"01{GTIN}21ABC123{GS}1723113010LO91t",  # not batch LO plus an AI 91 "t"
    f"01{GTIN}21ABC12391x1723113010LOT42",
])
def test_lost_gs_never_invents_an_ai_to_hide_what_its_refuses(raw):
    error = refused(raw)
    assert error.reason in {"bad_serial", "bad_batch"} and "küçük harf" in error.message_tr


def test_lost_gs_serial_too_long_to_be_one_field():
    # Read at its word the serial would be "ABC1231723113010LOT42": 21 characters and
    # no 17/10; only the split after ABC123 is a karekod.
    assert parse(f"01{GTIN}21ABC1231723113010LOT42").serial == "ABC123"


def test_lost_gs_search_is_bounded_on_pathological_input():
    error = refused("01" + GTIN + "21" + "1017" * 60)
    assert error.reason in {"malformed", "bad_serial", "ambiguous", "missing_ai"}


# --- ITS field rules ----------------------------------------------------------------

def test_gtin_check_digit_is_verified():
    error = refused(CANONICAL.replace(GTIN, "08699504090137"))
    assert error.reason == "bad_check_digit" and "08699504090137" in error.message_tr


def test_thirteen_digit_ean_inside_ai_01_is_refused():
    error = refused(f"(01)8699504090136(21)ABC123(17)231130(10)LOT42")
    assert error.reason == "bad_gtin" and "13" in error.message_tr
    assert refused(f"018699504090136{GS}21ABC123{GS}1723113010LOT42").reason == "bad_gtin"


def test_lower_case_serial_is_refused_not_upper_cased():
    error = refused(f"01{GTIN}21abc123{GS}1723113010LOT42")
    assert error.reason == "bad_serial"
    assert "küçük harf" in error.message_tr and "Sıra numarası" in error.message_tr
    assert "lower-case" in error.message_en


def test_lower_case_serial_behind_a_lost_gs_is_named():
    error = refused(f"01{GTIN}21abc1231723113010LOT42")
    assert error.reason == "bad_serial" and "(abc123)" in error.message_tr


@pytest.mark.parametrize("serial", ["ABC-123", "ABC.1", "ÇAB1"])  # a space is a separator
def test_punctuation_in_serial_is_refused(serial):
    error = refused(f"01{GTIN}21{serial}{GS}1723113010LOT42")
    assert error.reason == "bad_serial" and "geçersiz karakter" in error.message_tr


def test_lower_case_batch_is_refused():
    error = refused(f"01{GTIN}21ABC123{GS}1723113010lot42")
    assert error.reason == "bad_batch" and "Parti numarası" in error.message_tr


def test_punctuation_in_batch_is_refused():
    assert refused(f"01{GTIN}21ABC123{GS}1723113010LOT/42").reason == "bad_batch"


def test_serial_and_batch_of_twenty_characters_are_read():
    scanned = parse(f"01{GTIN}21{'S' * 20}{GS}17231130{'10' + 'B' * 20}")
    assert scanned.serial == "S" * 20 and scanned.batch == "B" * 20


def test_batch_longer_than_twenty_is_refused():
    error = refused(f"01{GTIN}21ABC123{GS}1723113010{'L' * 21}")
    assert error.reason == "bad_batch" and "20" in error.message_tr and "20" in error.message_en


@pytest.mark.parametrize("raw, reason", [
    (f"01{GTIN}21{GS}1723113010LOT42", "bad_serial"),
    (f"(01){GTIN}(21)(17)231130(10)LOT42", "bad_serial"),
    (f"01{GTIN}21ABC123{GS}17231130{GS}10", "bad_batch"),
])
def test_empty_serial_or_batch_is_refused(raw, reason):
    error = refused(raw)
    assert error.reason == reason and "boş" in error.message_tr and "empty" in error.message_en


def test_serial_longer_than_twenty_is_refused():
    error = refused(f"01{GTIN}21{'A' * 21}{GS}1723113010LOT42")
    assert error.reason == "bad_serial" and "20" in error.message_tr


def test_expiry_month_13_is_refused():
    error = refused(f"01{GTIN}21ABC123{GS}1723133010LOT42")
    assert error.reason == "bad_date"
    assert error.message_tr == "Son kullanma tarihi geçersiz (13. ay)."
    assert error.message_en == "Expiry date is invalid (month 13)."


def test_expiry_month_13_behind_a_lost_gs_is_named():
    assert refused(f"01{GTIN}21ABC1231723133010LOT42").message_tr == \
        "Son kullanma tarihi geçersiz (13. ay)."


@pytest.mark.parametrize("expiry, shown_tr, shown_en", [
    ("230015", "(0. ay)", "(month 0)"),
    ("230132", "32 Ocak 2023", "32 January 2023"),
    ("231131", "31 Kasım 2023", "31 November 2023"),
])
def test_impossible_month_or_day_is_refused_in_both_languages(expiry, shown_tr, shown_en):
    error = refused(f"01{GTIN}21ABC123{GS}17{expiry}10LOT42")
    assert error.reason == "bad_date"
    assert shown_tr in error.message_tr and shown_en in error.message_en


def test_expiry_that_is_not_six_digits_is_refused():
    assert "6 hane" in refused(f"01{GTIN}21ABC123{GS}10LOT42{GS}172311").message_tr
    assert "rakam" in refused(f"01{GTIN}21ABC123{GS}17ABCDEF10LOT42").message_tr


def test_expiry_february_30_is_refused():
    error = refused(f"01{GTIN}21ABC123{GS}1724023010LOT42")
    assert error.reason == "bad_date" and "30 Şubat 2024" in error.message_tr


def test_february_29_only_in_leap_years():
    assert parse(f"01{GTIN}21ABC123{GS}1724022910LOT42").expiry == date(2024, 2, 29)
    assert refused(f"01{GTIN}21ABC123{GS}1723022910LOT42").reason == "bad_date"


def test_expiry_day_00_means_last_day_of_month():
    scanned = parse(f"01{GTIN}21ABC123{GS}1724020010LOT42")
    assert scanned.expiry == date(2024, 2, 29)
    assert scanned.expiry_raw == "240200"
    assert parse(f"01{GTIN}21ABC123{GS}1723110010LOT42").expiry == date(2023, 11, 30)


def test_other_date_ais_are_checked_too():
    error = refused(f"01{GTIN}21ABC123{GS}11231301{'17231130'}10LOT42")
    assert error.reason == "bad_date" and error.message_tr.startswith("Üretim tarihi")


def test_duplicated_ai_is_refused_even_with_the_same_value():
    error = refused(f"{CANONICAL}{GS}21ABC123")
    assert error.reason == "duplicate_ai" and "(21)" in error.message_tr
    assert refused(f"(01){GTIN}(21)A(17)231130(17)231130(10)B").reason == "duplicate_ai"


@pytest.mark.parametrize("raw, missing_tr", [
    (f"21ABCDEF{GS}1723113010LOTXY", "GTIN"),
    (f"01{GTIN}1723113010LOTXY", "Sıra numarası"),
    (f"01{GTIN}21ABCDEF{GS}10LOTXY", "Son kullanma tarihi"),
    (f"01{GTIN}17231130{'21ABCDEF'}", "Parti numarası"),
])
def test_missing_ai_is_named(raw, missing_tr):
    error = refused(raw)
    assert error.reason == "missing_ai"
    assert missing_tr in error.message_tr and error.message_tr.startswith("Karekodda eksik alan")


def test_several_missing_ais_are_all_named():
    error = refused("21ABCDEF")
    assert error.reason == "missing_ai"
    for name in ("GTIN", "Son kullanma tarihi", "Parti numarası"):
        assert name in error.message_tr


@pytest.mark.parametrize("raw", ["8699504090136", "86995040", "012345678905", GTIN,
                                 f"01{GTIN}", "]E08699504090136", f"(01){GTIN}"])
def test_linear_barcode_gets_its_own_message(raw):
    error = refused(raw)
    assert error.reason == "ean13"
    assert error.message_tr == "Bu kutunun çizgi barkodu okundu; lütfen karekodu okutun."
    assert error.message_en == "This is the box's linear barcode; please scan the DataMatrix karekod."


@pytest.mark.parametrize("raw", ["", "   ", "\r\n", GS, "]d2", "]d2\r\n"])
def test_empty_scan_gets_a_clear_message(raw):
    error = refused(raw)
    assert error.reason == "empty" and "boş" in error.message_tr


def test_unknown_ai_is_named():
    error = refused(f"{CANONICAL}{GS}05ABC")
    assert error.reason == "unknown_ai" and "(05)" in error.message_tr
    assert refused(f"(01){GTIN}(21)A(17)231130(10)B(7777)X").reason == "unknown_ai"


def test_garbage_where_an_ai_should_be_is_malformed():
    error = refused(f"{CANONICAL}{GS}ABC")
    assert error.reason == "malformed" and "'A'" in error.message_tr


# --- The error object the UI uses ---------------------------------------------------

def test_error_carries_turkish_and_english_messages():
    error = refused(f"01{GTIN}21abc{GS}1723113010LOT42")
    assert isinstance(error, ValueError)
    assert str(error) == error.message_tr == error.message() == error.message("tr")
    assert error.message("en") == error.message_en != error.message_tr
    assert error.candidates == []


def test_karekod_is_hashable_and_frozen():
    scanned = parse(CANONICAL)
    assert hash(scanned) == hash(parse(CANONICAL))
    with pytest.raises(AttributeError):
        scanned.serial = "X"


def test_check_digit_helpers_still_work():
    assert check_digit("0869950409013") == 0
    assert gtin_is_valid(GTIN) and not gtin_is_valid("08699504090131")


@pytest.mark.parametrize("gtin", ["8699504090136", "086995040901300", "0869950409013A", "",
                                  "０８６９９５０４０９０１３０"])
def test_gtin_helper_wants_fourteen_ascii_digits(gtin):
    assert not gtin_is_valid(gtin)


def test_gln_check_digit():
    assert check_digit("869950400001") == 6
    assert gln_is_valid("8699504000016")
    for wrong in ("8699504000017", "869950400001", "08699504000016", "869950400001X"):
        assert not gln_is_valid(wrong)


@pytest.mark.parametrize("raw", [
    "", "8699504090136", f"01{GTIN}21abc{GS}1723113010LOT42", f"01{GTIN}21ABC{GS}1723133010L",
    CANONICAL.replace(GTIN, "08699504090137"), f"01{GTIN}1723113010LOTXY", f"{CANONICAL}{GS}21ABC123",
    f"{CANONICAL}{GS}05ABC", f"{CANONICAL}{GS}ABC", f"01{GTIN}21A17231130101X1724123110Y",
    f"(01){GTIN}(21)ABC123(17)231130(10",
])
def test_every_refusal_has_a_turkish_and_an_english_message(raw):
    error = refused(raw)
    assert error.message_tr and error.message_en and error.message_tr != error.message_en
    assert any(char in error.message_tr for char in "çğıöşüÇĞİÖŞÜ")  # written in Turkish
