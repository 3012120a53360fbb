"""GS1 karekod parsing and GS1 check digits. Pure Python, no dependencies.

`parse` turns what a scanner sent into a `Karekod` (GTIN, serial, batch, expiry), or
raises `Gs1Error` with a message for the pharmacist in Turkish and English."""

from __future__ import annotations

import calendar
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date

GS = "\x1d"  # FNC1 as scanners send it between variable-length fields


def check_digit(digits: str) -> int:
    """GS1 mod-10 check digit for the given digits (without the check digit)."""
    # Weights 3, 1, 3, ... from the rightmost digit.
    total = 3 * sum(map(int, digits[-1::-2])) + sum(map(int, digits[-2::-2]))
    return -total % 10


def _valid_with_check_digit(value: str, length: int) -> bool:
    return (
        len(value) == length
        and value.isascii()
        and value.isdigit()
        and check_digit(value[:-1]) == int(value[-1])
    )


def gtin_is_valid(gtin: str) -> bool:
    """A GTIN-14 with a correct check digit."""
    return _valid_with_check_digit(gtin, 14)


def gln_is_valid(gln: str) -> bool:
    """A 13-digit GLN with a correct check digit."""
    return _valid_with_check_digit(gln, 13)


def sscc_is_valid(sscc: str) -> bool:
    """An 18-digit SSCC (the label of a case or pallet) with a correct check digit."""
    return _valid_with_check_digit(sscc, 18)


GLN_AI = "414"  # GS1's "identification of a physical location": a GLN barcode's one field


def gln_in_scan(raw: str) -> str | None:
    """The GLN a scan carries when it is one (13 digits with a valid check digit, with or
    without a leading AI 414 and a symbology identifier), else None."""
    text = _clean(raw, ())
    if text.startswith(GLN_AI) and len(text) == 16:
        text = text[len(GLN_AI):]
    return text if gln_is_valid(text) else None


@dataclass(frozen=True)
class Karekod:
    """One box's karekod: what ITS needs (GTIN, SN, BN, XD) plus any other AIs scanned."""

    gtin: str
    serial: str  # SN, AI 21
    batch: str  # BN, AI 10
    expiry: date  # XD, AI 17; a day of 00 means the month's last day
    expiry_raw: str  # YYMMDD as printed
    extra: dict[str, str] = field(default_factory=dict, hash=False)

    def canonical(self) -> str:
        """The GS1 element string in 01, 21, 17, 10 order (then any extra AIs), with GS
        after each variable-length field except the last; no symbology identifier."""
        elements = [("01", self.gtin), ("21", self.serial), ("17", self.expiry_raw),
                    ("10", self.batch), *self.extra.items()]
        out = []
        for index, (ai, value) in enumerate(elements):
            out.append(ai + value)
            if not _AIS[ai].fixed and index < len(elements) - 1:
                out.append(GS)
        return "".join(out)


class Gs1Error(ValueError):
    """A scan that is not a usable karekod. `str()` is the Turkish message; `reason` is a
    short machine code; `candidates` lists the possible readings when `reason == "ambiguous"`."""

    def __init__(self, reason: str, message_tr: str, message_en: str,
                 candidates: list[Karekod] | None = None) -> None:
        super().__init__(message_tr)
        self.reason = reason
        self.message_tr = message_tr
        self.message_en = message_en
        self.candidates = list(candidates or [])

    def message(self, lang: str = "tr") -> str:
        return self.message_en if lang == "en" else self.message_tr


# --- The GS1 tables -------------------------------------------------------------------

# GS1 General Specifications, predefined-length element strings: an AI starting with
# these two digits always has this total length (AI + data), so no FNC1 follows it.
_PREDEFINED_LENGTH = {
    "00": 20, "01": 16, "02": 16, "03": 16, "04": 18,
    "11": 8, "12": 8, "13": 8, "14": 8, "15": 8, "16": 8, "17": 8, "18": 8, "19": 8,
    "20": 4, "31": 10, "32": 10, "33": 10, "34": 10, "35": 10, "36": 10, "41": 16,
}


@dataclass(frozen=True)
class _Spec:
    kind: str  # "gtin", "date", "its" (SN/BN rule), "N" digits, "X" GS1 character set 82
    min_len: int
    max_len: int
    fixed: int  # data length when the AI is in the predefined-length table, else 0


def _ai_table() -> dict[str, _Spec]:
    """The AIs PharmaDesk accepts: the four ITS fields and the common others, as
    (kind, shortest, longest value)."""
    formats: dict[str, tuple[str, int, int]] = {
        "01": ("gtin", 14, 14), "21": ("its", 1, 20), "17": ("date", 6, 6), "10": ("its", 1, 20),
        "00": ("N", 18, 18), "02": ("N", 14, 14), "03": ("N", 14, 14), "20": ("N", 2, 2),
        "22": ("X", 1, 20), "235": ("X", 1, 28), "242": ("N", 1, 6), "243": ("X", 1, 20),
        "254": ("X", 1, 20), "30": ("N", 1, 8), "37": ("N", 1, 8), "402": ("N", 17, 17),
        "7003": ("N", 10, 10), "90": ("X", 1, 30),
    }
    for ai in ("11", "12", "13", "15", "16"):  # production, due, packaging, best-before, sell-by
        formats[ai] = ("date", 6, 6)
    for ai in ("240", "241", "250", "251", "400", "401", "403"):
        formats[ai] = ("X", 1, 30)
    for ai in ("410", "411", "412", "413", "414", "415", "416", "417"):  # GLNs
        formats[ai] = ("N", 13, 13)
    for ai in ("710", "711", "712", "713", "714", "715"):  # national reimbursement numbers
        formats[ai] = ("X", 1, 20)
    for ai in ("91", "92", "93", "94", "95", "96", "97", "98", "99"):  # company internal
        formats[ai] = ("X", 1, 90)
    # Measures (weight, length, area, volume...): 3 + two digits naming the unit, then
    # the decimal point position.
    for head, units in (("31", "0123456"), ("32", "0123456789"), ("33", "01234567"),
                        ("34", "0123456789"), ("35", "01234567"), ("36", "0123456789")):
        for unit in units:
            for decimals in "0123456789":
                formats[head + unit + decimals] = ("N", 6, 6)
    table = {}
    for ai, (kind, min_len, max_len) in formats.items():
        total = _PREDEFINED_LENGTH.get(ai[:2])
        table[ai] = _Spec(kind, min_len, max_len, total - len(ai) if total else 0)
    return table


_AIS = _ai_table()
# GS1 AIs are prefix-free and their first two digits fix the AI's length.
_AI_LENGTH = {ai[:2]: len(ai) for ai in _AIS}
_REQUIRED = ("01", "21", "17", "10")
_ITS_AIS = frozenset(_REQUIRED)

_NAMES = {  # (Turkish, English), each able to start a sentence
    "01": ("GTIN (ürün numarası)", "GTIN (product number)"),
    "21": ("Sıra numarası (SN)", "Serial number (SN)"),
    "10": ("Parti numarası (BN)", "Batch number (BN)"),
    "17": ("Son kullanma tarihi", "Expiry date"),
    "11": ("Üretim tarihi", "Production date"),
    "12": ("Vade tarihi", "Due date"),
    "13": ("Ambalaj tarihi", "Packaging date"),
    "15": ("Tavsiye edilen tüketim tarihi", "Best before date"),
    "16": ("Son satış tarihi", "Sell by date"),
}
_MONTHS_TR = ("Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz", "Ağustos",
              "Eylül", "Ekim", "Kasım", "Aralık")

_NOT_ITS_CHAR = re.compile(r"[^A-Z0-9]")  # ITS 11032/11036: SN and BN are A–Z and 0–9
_NOT_DIGIT = re.compile(r"[^0-9]")
_NOT_CSET82 = re.compile(r"[^!\"%&'()*+,\-./0-9:;<=>?A-Z_a-z]")
_NOT_ALLOWED = {"its": _NOT_ITS_CHAR, "N": _NOT_DIGIT, "X": _NOT_CSET82,
                "gtin": _NOT_DIGIT, "date": _NOT_DIGIT}
# The AIM symbology identifier (]d2 GS1 DataMatrix, ]C1 GS1-128, ]Q3 GS1 QR, ...). On a
# Turkish-Q keyboard the US "]" key types "ü" ("Ü" with Caps Lock): neither is ever GS1
# data, so at the start of a scan they can only be the mangled "]".
_SYMBOLOGY_ID = re.compile(r"[\]üÜ][A-Za-z][0-9A-Za-z]")
# GS1 data never holds a space (character set 82), so a space inside a scan can only be a
# separator: some readers and phone apps put one where the GS goes.
_SPACE_SEPARATOR = re.compile("[ \x1d]* [ \x1d]*")
_HUMAN_READABLE = re.compile(r"\((\d{2,4})\)([^()]*)")
_LINEAR_LENGTHS = (8, 12, 13, 14)  # EAN-8, UPC-A, EAN-13, ITF-14 / GTIN-14

# Bounds on the lost-separator search: how many AIs beyond the four ITS fields a reading
# may hold, and how many steps one scan may take before we ask for a rescan instead.
_MAX_EXTRA_AIS = 3
_SEARCH_STEPS = 20_000


# --- Reading one field ----------------------------------------------------------------

# Days per month for 2000–2099, where every year divisible by four is a leap year.
_DAYS_IN_MONTH = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _date_from(raw: str) -> date | None:
    """YYMMDD as 20YY (karekods began in 2010); a day of 00 is the month's last day."""
    if len(raw) != 6 or not (raw.isascii() and raw.isdigit()):
        return None
    year, month, day = 2000 + int(raw[:2]), int(raw[2:4]), int(raw[4:])
    if not 1 <= month <= 12:
        return None
    last_day = 28 if month == 2 and year % 4 else _DAYS_IN_MONTH[month]
    if day > last_day:
        return None
    return date(year, month, day or last_day)


def _value_ok(spec: _Spec, value: str) -> bool:
    if not spec.min_len <= len(value) <= spec.max_len or _NOT_ALLOWED[spec.kind].search(value):
        return False
    if spec.kind == "gtin":
        return gtin_is_valid(value)
    if spec.kind == "date":
        return _date_from(value) is not None
    return True


def _field_error(ai: str, value: str) -> Gs1Error | None:
    """Why this AI's value breaks GS1 or ITS rules, or None when it is fine."""
    spec = _AIS.get(ai)
    if spec is None:
        return _unknown_ai(ai)
    if _value_ok(spec, value):
        return None
    name_tr, name_en = _NAMES.get(ai, (f"({ai}) alanı", f"The ({ai}) field"))
    if spec.kind == "its":
        return _its_text_error(ai, value, name_tr, name_en)
    reason = {"gtin": "bad_gtin", "date": "bad_date"}.get(spec.kind, "malformed")
    bad = _NOT_ALLOWED[spec.kind].search(value)
    if bad:
        what_tr, what_en = ("yalnızca rakam içermeli", "must be digits only") if spec.kind != "X" \
            else ("izin verilmeyen karakter içeriyor", "contains a character GS1 does not allow")
        return Gs1Error(reason, f"{name_tr} {what_tr} ('{_show(bad.group())}' okundu).",
                        f"{name_en} {what_en} (read '{_show(bad.group())}').")
    if not spec.min_len <= len(value) <= spec.max_len:
        size = str(spec.min_len) if spec.min_len == spec.max_len else f"{spec.min_len}–{spec.max_len}"
        unit_tr, unit_en = ("karakter", "characters") if spec.kind == "X" else ("hane", "digits")
        return Gs1Error(reason, f"{name_tr} {size} {unit_tr} olmalı, {len(value)} {unit_tr} okundu.",
                        f"{name_en} must be {size} {unit_en} long; {len(value)} were read.")
    if spec.kind == "gtin":
        return Gs1Error("bad_check_digit",
                        f"GTIN kontrol hanesi tutmuyor ({value}); karekod yanlış okunmuş olabilir, "
                        "tekrar okutun.",
                        f"The GTIN check digit is wrong ({value}); the karekod may have been "
                        "misread, please scan again.")
    return _date_error(value, name_tr, name_en)


def _its_text_error(ai: str, value: str, name_tr: str, name_en: str) -> Gs1Error:
    reason = "bad_serial" if ai == "21" else "bad_batch"
    rule_tr = "İTS yalnızca büyük harf ve rakam kabul eder."
    rule_en = "ITS accepts only upper-case letters and digits."
    if not value:
        return Gs1Error(reason, f"{name_tr} boş.", f"{name_en} is empty.")
    bad = _NOT_ITS_CHAR.search(value)
    if bad and bad.group().islower():
        return Gs1Error(reason, f"{name_tr} küçük harf içeriyor ({_show(value)}); {rule_tr}",
                        f"{name_en} contains lower-case letters ({_show(value)}); {rule_en}")
    if bad:
        return Gs1Error(reason,
                        f"{name_tr} geçersiz karakter içeriyor ('{_show(bad.group())}'); {rule_tr}",
                        f"{name_en} contains an invalid character ('{_show(bad.group())}'); {rule_en}")
    return Gs1Error(reason, f"{name_tr} en fazla 20 karakter olabilir, {len(value)} okundu.",
                    f"{name_en} may be at most 20 characters; {len(value)} were read.")


def _date_error(raw: str, name_tr: str, name_en: str) -> Gs1Error:
    year, month, day = 2000 + int(raw[:2]), int(raw[2:4]), int(raw[4:])
    if not 1 <= month <= 12:
        return Gs1Error("bad_date", f"{name_tr} geçersiz ({month}. ay).",
                        f"{name_en} is invalid (month {month}).")
    return Gs1Error("bad_date",
                    f"{name_tr} geçersiz ({day} {_MONTHS_TR[month - 1]} {year} diye bir gün yok).",
                    f"{name_en} is invalid (there is no {day} {calendar.month_name[month]} {year}).")


def _show(text: str) -> str:
    """Control characters made visible for a message (GS as <GS>)."""
    return "".join(c if c.isprintable() else ("<GS>" if c == GS else f"<U+{ord(c):04X}>")
                   for c in text)


def _unknown_ai(ai: str) -> Gs1Error:
    return Gs1Error("unknown_ai", f"Karekodda tanınmayan bir alan kodu (AI) var: ({ai}).",
                    f"The karekod contains an unknown application identifier: ({ai}).")


def _karekod(fields: list[tuple[str, str]], stopped: Gs1Error | None = None) -> Karekod:
    """Check one reading field by field, in scan order, and build the Karekod.
    `stopped` is why the reading could not go on past these fields, if it could not."""
    values: dict[str, str] = {}
    for ai, value in fields:
        if ai in values:
            raise Gs1Error("duplicate_ai", f"Karekodda ({ai}) alanı iki kez var.",
                           f"The ({ai}) field appears twice in the karekod.")
        error = _field_error(ai, value)
        if error:
            raise error
        values[ai] = value
    if stopped:
        raise stopped
    missing = [ai for ai in _REQUIRED if ai not in values]
    if len(missing) == 3 and "01" in values:
        raise _linear_barcode()  # a GS1-128 or DataBar carrying only the GTIN
    if missing:
        raise Gs1Error("missing_ai",
                       "Karekodda eksik alan: " + ", ".join(_NAMES[ai][0] for ai in missing),
                       "The karekod is missing: " + ", ".join(_NAMES[ai][1] for ai in missing))
    return _build(fields)


def _build(fields: list[tuple[str, str]]) -> Karekod:
    """The Karekod of a reading already checked."""
    values = dict(fields)
    return Karekod(gtin=values.pop("01"), serial=values.pop("21"), batch=values.pop("10"),
                   expiry=_date_from(values["17"]), expiry_raw=values.pop("17"), extra=values)


def _linear_barcode() -> Gs1Error:
    return Gs1Error("ean13", "Bu kutunun çizgi barkodu okundu; lütfen karekodu okutun.",
                    "This is the box's linear barcode; please scan the DataMatrix karekod.")


# --- Reading a whole scan -------------------------------------------------------------

def parse(raw: str, *, gs_standins: tuple[str, ...] = ()) -> Karekod:
    """Read a karekod as a scanner sent it: raw GS1 with GS separators, with or without
    a symbology identifier (]d2, ]C1, ...; "üd2" from a Turkish-Q keyboard), a space where
    a GS goes, the printed form (01)…(21)…(17)…(10)…, or with
    the separators lost (keyboard-wedge scanners drop them). `gs_standins` are strings a
    scanner profile sends in place of GS. Raises Gs1Error when the scan is unusable."""
    text = _clean(raw, gs_standins)
    if not text:
        raise Gs1Error("empty", "Okutulan kod boş; lütfen karekodu tekrar okutun.",
                       "Nothing was scanned; please scan the karekod again.")
    if text[0] == "(":
        return _human_readable_reading(text)
    if text.isascii() and text.isdigit() and len(text) in _LINEAR_LENGTHS:
        raise _linear_barcode()
    if GS in text:
        try:
            return _literal_reading(text)
        except Gs1Error:
            pass  # perhaps one of several separators was lost; _literal_error() keeps why
    # Without any GS the literal reading is never valid: whichever of SN and BN comes
    # first would run to the end and swallow the other.
    return _lost_separator_reading(text)


def carrier_label(raw: str, *, gs_standins: tuple[str, ...] = ()) -> str | None:
    """The SSCC of a carrier label (case, pallet) when the scan is one: a GS1-128 or
    DataMatrix starting with AI 00 (raw, printed as (00)…, with a symbology identifier),
    or the bare 18 digits. None when the scan is something else (a box's karekod).
    Raises Gs1Error when it is a carrier label whose check digit is wrong."""
    text = _clean(raw, gs_standins)
    if text.startswith("(00)"):
        text = text[4:]
    elif text.startswith("00") and len(text) >= 20 and text[2:20].isdigit():
        text = text[2:]
    elif not (len(text) == 18 and text.isascii() and text.isdigit()):
        return None
    sscc = text[:18]
    if not (sscc.isascii() and sscc.isdigit() and len(sscc) == 18):
        return None
    if not sscc_is_valid(sscc):
        raise Gs1Error("sscc",
                       f"Taşıyıcı etiketinin (SSCC) kontrol hanesi yanlış: {sscc}. Etiketi tekrar okutun.",
                       f"The carrier label's (SSCC) check digit is wrong: {sscc}. Scan the label again.")
    return sscc


def _clean(raw: str, gs_standins: tuple[str, ...]) -> str:
    for standin in sorted(filter(None, gs_standins), key=len, reverse=True):
        raw = raw.replace(standin, GS)
    # str.strip() also removes GS, so a leading FNC1 and trailing CR/LF/TAB go in one step.
    text = raw.strip()
    if _SYMBOLOGY_ID.match(text):
        text = text[3:].strip()
    if text[:1] != "(":  # the printed form (01)… (21)… may space its fields
        text = _SPACE_SEPARATOR.sub(GS, text)
    return text


def _human_readable_reading(text: str) -> Karekod:
    fields, position = [], 0
    for match in _HUMAN_READABLE.finditer(text):
        if match.start() != position:
            break
        fields.append((match.group(1), match.group(2).strip()))
        position = match.end()
    if position != len(text):
        return _karekod(fields, Gs1Error(
            "malformed", "Karekod yazısı okunamadı; biçim (01)…(21)…(17)…(10)… olmalı.",
            "Could not read the printed karekod; the form is (01)…(21)…(17)…(10)…."))
    return _karekod(fields)


def _literal_reading(text: str) -> Karekod:
    """The reading that takes the scan at its word: a variable-length field runs to the
    next GS or the end."""
    fields: list[tuple[str, str]] = []
    position, length = 0, len(text)
    while position < length:
        if text[position] == GS:
            position += 1
            continue
        ai_length = _AI_LENGTH.get(text[position:position + 2])
        ai = text[position:position + ai_length] if ai_length else ""
        spec = _AIS.get(ai)
        if spec is None:
            return _karekod(fields, _no_ai_at(text, position, ai))
        start = position + len(ai)
        end = text.find(GS, start)
        if end < 0:
            end = length
        if spec.fixed:
            end = min(end, start + spec.fixed)
        fields.append((ai, text[start:end]))
        position = end
    return _karekod(fields)


def _no_ai_at(text: str, position: int, ai: str) -> Gs1Error:
    if ai and ai.isdigit():
        return _unknown_ai(ai)
    head = text[position:position + 2]
    if len(head) == 2 and head.isascii() and head.isdigit():
        return _unknown_ai(head)
    shown = _show(text[position])
    return Gs1Error("malformed",
                    f"Karekod okunamadı: {position + 1}. karakterde beklenmeyen '{shown}'; "
                    "lütfen tekrar okutun.",
                    f"Could not read the karekod: unexpected '{shown}' at character "
                    f"{position + 1}; please scan again.")


# --- A lost separator -----------------------------------------------------------------
# When the scan read at its word is not a valid karekod, a GS may have been dropped
# after a variable-length field. We try every split of variable-length fields where an
# ITS AI (01, 21, 17, 10) could begin. Another AI is read only where the scan itself
# starts one (at the beginning, after a GS or after a fixed-length field): a split inside
# a serial or batch never invents one, or "21K7H92ab" would pass as serial K7H plus an
# AI 92 holding the lower-case letters ITS refuses. One valid reading is the answer;
# several are shown to the user (plain ITS readings first), never guessed between, even
# when only one of them holds just the four ITS AIs.

class _TooComplex(Exception):
    """The search ran out of steps; the scan must be repeated with separators."""


def _lost_separator_reading(text: str) -> Karekod:
    steps = [_SEARCH_STEPS]
    try:
        readings = _readings(text, _MAX_EXTRA_AIS, True, steps)
    except _TooComplex:
        raise Gs1Error("malformed",
                       "Karekod ayraçsız (GS) geldi ve çözümlenemedi; okuyucunun GS/FNC1 "
                       "ayarını açıp tekrar okutun.",
                       "The karekod arrived without separators (GS) and could not be worked "
                       "out; enable GS/FNC1 output on the scanner and scan again.") from None
    candidates: list[Karekod] = []
    for fields in readings:
        karekod = _build(fields)
        if karekod not in candidates:
            candidates.append(karekod)
    candidates.sort(key=lambda karekod: len(karekod.extra))  # plain ITS readings first
    if len(candidates) == 1:
        return candidates[0]
    if candidates:
        raise Gs1Error("ambiguous",
                       f"Karekod ayraçsız (GS) geldi ve {len(candidates)} farklı şekilde "
                       "okunabiliyor; lütfen doğru okumayı seçin.",
                       f"The karekod arrived without separators (GS) and can be read "
                       f"{len(candidates)} ways; please choose the right reading.",
                       candidates)
    raise _closest_error(text, steps)


def _closest_error(text: str, steps: list[int]) -> Gs1Error:
    """When no reading is valid, name the actual fault: if every split that would be a
    karekod but for its field contents fails for the same reason, that reason (say, month
    13 behind a lost GS); otherwise what the scan read at its word breaks."""
    try:
        near_misses = _readings(text, 0, False, steps)
    except _TooComplex:
        near_misses = []
    faults = [_literal_error(fields) for fields in near_misses]
    if faults and len({(fault.reason, fault.message_tr) for fault in faults}) == 1:
        return faults[0]
    return _literal_error(text)


def _literal_error(reading: str | list[tuple[str, str]]) -> Gs1Error:
    """The error of a reading known to be invalid (a scan read at its word, or fields)."""
    try:
        if isinstance(reading, str):
            _literal_reading(reading)
        else:
            _karekod(reading)
    except Gs1Error as error:
        return error
    raise AssertionError("a reading the search rejected passed its checks")


_ITS_AI_START = re.compile("(?=" + "|".join(_REQUIRED) + ")")


def _readings(text: str, max_extra: int, strict: bool, steps: list[int]
              ) -> list[list[tuple[str, str]]]:
    """Every split of `text` into AI fields holding all four ITS AIs, each AI once, with
    at most `max_extra` other AIs. `strict` checks field contents (check digit, date, ITS
    characters); otherwise only digits where digits belong and GS1 characters elsewhere."""
    length = len(text)
    found: list[list[tuple[str, str]]] = []
    fields: list[tuple[str, str]] = []
    seen: set[str] = set()
    not_allowed = _NOT_ALLOWED if strict else {**_NOT_ALLOWED, "its": _NOT_CSET82}
    # Where a hidden separator could be: positions at which an ITS AI could begin.
    starts = [match.start() for match in _ITS_AI_START.finditer(text)]

    def walk(position: int, extras: int) -> None:
        steps[0] -= 1
        if steps[0] < 0:
            raise _TooComplex
        while position < length and text[position] == GS:
            position += 1
        if position == length:
            if _ITS_AIS <= seen:
                found.append(list(fields))
            return
        ai_length = _AI_LENGTH.get(text[position:position + 2])
        ai = text[position:position + ai_length] if ai_length else ""
        spec = _AIS.get(ai)
        if spec is None or ai in seen:
            return
        extras += ai not in _ITS_AIS
        if extras > max_extra:
            return
        start = position + ai_length
        segment_end = text.find(GS, start)
        if segment_end < 0:
            segment_end = length
        seen.add(ai)
        if spec.fixed:
            end = start + spec.fixed
            value = text[start:end]
            if end <= segment_end and (_value_ok(spec, value) if strict else _NOT_DIGIT.search(value) is None):
                fields.append((ai, value))
                walk(end, extras)
                fields.pop()
        else:
            bad = not_allowed[spec.kind].search(text, start, segment_end)
            last_end = min(bad.start() if bad else segment_end, start + spec.max_len)
            ends = starts[bisect_left(starts, start + spec.min_len):bisect_right(starts, last_end)]
            if last_end == segment_end >= start + spec.min_len:
                ends.append(segment_end)
            for end in ends:
                fields.append((ai, text[start:end]))
                walk(end, extras)
                fields.pop()
        seen.discard(ai)

    walk(0, 0)
    return found
