"""Karekod parser: how it reads a held-out set of generated scans next to biip (the
strongest Python GS1 parser), and how many scans a second it parses on one core.

Three sets, generated here with their own seed (the tests never see them):
  well-formed   the four ITS AIs in any order, sometimes other AIs, GS after each
                variable-length field, sometimes a ]d2 symbology identifier;
  lost GS       the same karekods with every separator, or one of two, dropped (as
                keyboard-wedge scanners do); an independent brute-force oracle says
                which of them have exactly one valid reading;
  ITS-invalid   well-formed GS1 that ITS refuses: lower case or punctuation in SN/BN,
                a duplicated AI.
Exits 1 if our parser misreads or lets through anything (timings never fail it).

Run: python tests/bench/bench_gs1.py"""

from __future__ import annotations

import calendar
import os
import random
import statistics
import string
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from pharmadesk.gs1 import GS, Gs1Error, Karekod, parse  # noqa: E402

SEED = 20261123
PER_SET = 3000
SPEED_INPUTS = 20_000
SPEED_ROUNDS = 5
ITS_AIS = ("01", "21", "17", "10")
UPPER_DIGITS = string.ascii_uppercase + string.digits
VARIABLE = {"21", "10", "91", "240", "30"}


# --- Generating karekods (own check digit and dates: independent of the parser) --------

def mod10(digits: str) -> str:
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(digits)))
    return str(-total % 10)


def expiry_date(raw: str) -> date | None:
    try:
        year, month, day = 2000 + int(raw[:2]), int(raw[2:4]), int(raw[4:])
        return date(year, month, day or calendar.monthrange(year, month)[1])
    except ValueError:
        return None


class Generator:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def text(self, alphabet: str, low: int, high: int) -> str:
        return "".join(self.rng.choice(alphabet) for _ in range(self.rng.randint(low, high)))

    def karekod(self, extras: bool = True) -> Karekod:
        rng = self.rng
        body = "0869" + self.text(string.digits, 9, 9) if rng.random() < 0.7 \
            else self.text(string.digits, 13, 13)
        # Serials as printed on Turkish boxes: long numbers or letters and digits.
        serial = self.text(string.digits, 10, 20) if rng.random() < 0.5 \
            else self.text(UPPER_DIGITS, 6, 20)
        batch = self.text(UPPER_DIGITS, 3, 12)
        year, month = rng.randint(24, 35), rng.randint(1, 12)
        day = 0 if rng.random() < 0.15 else rng.randint(1, calendar.monthrange(2000 + year, month)[1])
        expiry_raw = f"{year:02d}{month:02d}{day:02d}"
        extra: dict[str, str] = {}
        if extras and rng.random() < 0.2:
            for ai in rng.sample(["11", "91", "240", "3103"], rng.randint(1, 2)):
                extra[ai] = {"11": f"{year - 2:02d}{month:02d}01", "91": self.text(UPPER_DIGITS + "-./", 1, 12),
                             "240": self.text(UPPER_DIGITS, 1, 10), "3103": self.text(string.digits, 6, 6)}[ai]
        return Karekod(body + mod10(body), serial, batch, expiry_date(expiry_raw), expiry_raw, extra)

    def elements(self, karekod: Karekod) -> list[tuple[str, str]]:
        elements = [("01", karekod.gtin), ("21", karekod.serial), ("17", karekod.expiry_raw),
                    ("10", karekod.batch), *karekod.extra.items()]
        if self.rng.random() < 0.5:  # half in the usual order, half shuffled
            self.rng.shuffle(elements)
        return elements

    def encode(self, elements: list[tuple[str, str]]) -> str:
        parts = []
        for index, (ai, value) in enumerate(elements):
            parts.append(ai + value)
            if ai in VARIABLE and index < len(elements) - 1:
                parts.append(GS)
        prefix = "]d2" if self.rng.random() < 0.5 else ""
        return prefix + "".join(parts)


def well_formed(gen: Generator) -> list[tuple[str, Karekod]]:
    out = []
    for _ in range(PER_SET):
        truth = gen.karekod()
        out.append((gen.encode(gen.elements(truth)), truth))
    return out


def lost_separators(gen: Generator) -> list[tuple[str, Karekod]]:
    """Four-AI karekods (what ITS boxes carry) with every GS, or one of two, dropped."""
    out = []
    while len(out) < PER_SET:
        truth = gen.karekod(extras=False)
        raw = gen.encode(gen.elements(truth))
        positions = [i for i, char in enumerate(raw) if char == GS]
        if not positions:
            continue  # the variable fields came last: nothing to lose
        if len(positions) == 2 and gen.rng.random() < 0.3:
            lost = gen.rng.choice(positions)
            raw = raw[:lost] + raw[lost + 1:]
        else:
            raw = raw.replace(GS, "")
        out.append((raw, truth))
    return out


def its_invalid(gen: Generator) -> list[tuple[str, str, Karekod]]:
    """(kind, raw, the karekod it was made from): GS1-valid, refused by ITS."""
    kinds = ["lower-case SN", "lower-case BN", "punctuation in SN", "punctuation in BN",
             "duplicated AI (same value)", "duplicated AI (other value)"]
    out = []
    for index in range(PER_SET):
        kind = kinds[index % len(kinds)]
        base = gen.karekod(extras=False)
        elements = gen.elements(base)
        if kind.startswith("duplicated"):
            ai, value = gen.rng.choice(elements)
            if kind.endswith("(other value)"):
                other = gen.karekod(extras=False)
                value = {"01": other.gtin, "21": other.serial, "17": other.expiry_raw,
                         "10": other.batch}[ai]
            elements.insert(gen.rng.randint(1, len(elements)), (ai, value))
        else:
            target = "21" if "SN" in kind else "10"
            for position, (ai, value) in enumerate(elements):
                if ai == target:
                    at = gen.rng.randrange(len(value))
                    if kind.startswith("lower"):
                        value = value[:at] + gen.rng.choice(string.ascii_lowercase) + value[at + 1:]
                    else:
                        value = value[:at] + gen.rng.choice("-./_+") + value[at + 1:]
                    elements[position] = (ai, value)
        out.append((kind, gen.encode(elements), base))
    return out


# --- An independent oracle for four-AI scans without separators -----------------------

def oracle(raw: str) -> set[tuple[str, str, str, str]]:
    """Every (gtin, serial, batch, expiry) reading of a four-AI scan whose separators may
    have been dropped: all 24 AI orders times every serial length, checked from scratch.
    A GS still present must fall between two fields."""
    text = raw[3:] if raw.startswith("]d2") else raw
    kept, stripped = set(), []
    for char in text:
        if char == GS:
            kept.add(len(stripped))
        else:
            stripped.append(char)
    text = "".join(stripped)
    readings = set()
    orders = [(a, b, c, d) for a in ITS_AIS for b in ITS_AIS for c in ITS_AIS for d in ITS_AIS
              if len({a, b, c, d}) == 4]
    for order in orders:
        for serial_length in range(1, 21):
            batch_length = len(text) - 2 * 4 - 14 - 6 - serial_length
            if not 1 <= batch_length <= 20:
                continue
            lengths = {"01": 14, "17": 6, "21": serial_length, "10": batch_length}
            position, values, boundaries = 0, {}, set()
            for ai in order:
                if text[position:position + 2] != ai:
                    break
                values[ai] = text[position + 2:position + 2 + lengths[ai]]
                position += 2 + lengths[ai]
                boundaries.add(position)
            else:
                if not kept <= boundaries:
                    continue
                gtin, serial, expiry, batch = values["01"], values["21"], values["17"], values["10"]
                if (gtin.isdigit() and mod10(gtin[:-1]) == gtin[-1] and expiry.isdigit()
                        and expiry_date(expiry) and all(set(v) <= set(UPPER_DIGITS) for v in (serial, batch))):
                    readings.add((gtin, serial, batch, expiry))
    return readings


def fields(karekod: Karekod) -> tuple[str, str, str, str]:
    return karekod.gtin, karekod.serial, karekod.batch, karekod.expiry_raw


# --- Running both parsers -------------------------------------------------------------

def ours(raw: str, truth: Karekod | None = None) -> str:
    try:
        karekod = parse(raw)
    except Gs1Error as error:
        if error.reason == "ambiguous":
            return "asked" if truth is None or truth in error.candidates else "asked without the truth"
        return "refused"
    return "read" if truth is None or karekod == truth else "misread"


def refusal(raw: str) -> str | None:
    """Why our parser refuses the scan, or None when it reads it."""
    try:
        parse(raw)
    except Gs1Error as error:
        return error.reason
    return None


def biip_reading(raw: str) -> dict[str, list[str]] | None:
    """The AIs biip found, or None when it refuses the scan."""
    import biip

    result = biip.parse(raw)
    if result.gs1_message is None or result.gs1_message_error:
        return None
    found: dict[str, list[str]] = {}
    for element in result.gs1_message.element_strings:
        if element.gtin_error:
            return None
        found.setdefault(element.ai.ai, []).append(element.value)
    return found


def theirs(raw: str, truth: Karekod | None = None) -> str:
    found = biip_reading(raw)
    if found is None or not all(ai in found for ai in ITS_AIS):
        return "refused"
    if truth is None:
        return "read"
    wanted = {"01": [truth.gtin], "21": [truth.serial], "17": [truth.expiry_raw], "10": [truth.batch],
              **{ai: [value] for ai, value in truth.extra.items()}}
    return "read" if found == wanted else "misread"


def table(title: str, rows: list[tuple[str, Counter, Counter]], total: int) -> None:
    print(f"\n{title} ({total} scans)")
    print(f"  {'':50}{'ours':>9}{'biip':>9}")
    for label, mine, biips in rows:
        print(f"  {label:50}{mine:>9}{biips:>9}")


def compare() -> bool:
    ok = True
    gen = Generator(SEED)

    good = well_formed(gen)
    mine = Counter(ours(raw, truth) for raw, truth in good)
    biips = Counter(theirs(raw, truth) for raw, truth in good)
    table("Well-formed karekods", [("read correctly", mine["read"], biips["read"]),
                                   ("misread", mine["misread"], biips["misread"]),
                                   ("refused", mine["refused"] + mine["asked"], biips["refused"])], len(good))
    ok &= mine["read"] == len(good)

    lost = lost_separators(gen)
    unique = ambiguous = 0
    mine, biips = Counter(), Counter()
    asked_for_other_ai = 0
    for raw, truth in lost:
        readings = oracle(raw)
        assert fields(truth) in readings, raw
        outcome = ours(raw, truth)
        if len(readings) == 1:
            unique += 1
            mine["unique: " + outcome] += 1
            if outcome == "asked":
                asked_for_other_ai += 1  # another GS1 AI gives a second valid reading
        else:
            ambiguous += 1
            mine["several: " + outcome] += 1
            if outcome == "asked":
                try:
                    parse(raw)
                except Gs1Error as error:
                    ok &= readings <= {fields(k) for k in error.candidates}
        biips[theirs(raw, truth)] += 1
    table("Karekods with lost separators", [
        ("one valid reading (oracle)", unique, unique),
        ("  recovered", mine["unique: read"], biips["read"]),
        ("  asked (another AI also fits)", asked_for_other_ai, 0),
        ("several valid readings (oracle)", ambiguous, ambiguous),
        ("  asked, all readings offered", mine["several: asked"], 0),
        ("misread (wrong fields accepted)", mine["unique: misread"] + mine["several: misread"]
         + mine["unique: asked without the truth"] + mine["several: asked without the truth"],
         biips["misread"]),
        ("not read", mine["unique: refused"] + mine["several: refused"], biips["refused"]),
    ], len(lost))
    ok &= mine["unique: read"] + asked_for_other_ai == unique and mine["several: asked"] == ambiguous
    ok &= asked_for_other_ai <= unique // 100  # a rare honest question, not a habit

    bad = its_invalid(gen)
    rows = []
    for kind in dict.fromkeys(kind for kind, _, _ in bad):
        scans = [raw for k, raw, _ in bad if k == kind]
        reason = ("duplicate_ai" if kind.startswith("duplicated")
                  else "bad_serial" if "SN" in kind else "bad_batch")
        refused_ours = sum(refusal(raw) == reason for raw in scans)
        accepted_biip = sum(theirs(raw) == "read" for raw in scans)
        rows.append((f"{kind}: refused/let through", f"{refused_ours}/{len(scans) - refused_ours}",
                     f"{len(scans) - accepted_biip}/{accepted_biip}"))
        ok &= refused_ours == len(scans)
    table("ITS-invalid karekods", rows, len(bad))
    return ok


# --- Speed ----------------------------------------------------------------------------

def speed() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    gen = Generator(SEED + 1)
    inputs = []
    for index in range(SPEED_INPUTS):
        truth = gen.karekod(extras=index % 10 == 0)
        raw = gen.encode(gen.elements(truth))
        inputs.append(raw if index % 2 == 0 else raw.replace(GS, ""))
    canonical = inputs[0::2]
    without_gs = inputs[1::2]
    asked = 0
    for raw in without_gs:
        asked += ours(raw) != "read"

    def rate(scans: list[str], parser) -> float:
        times = []
        for _ in range(SPEED_ROUNDS):
            start = time.perf_counter()
            for raw in scans:
                try:
                    parser(raw)
                except (Gs1Error, ValueError):
                    pass
            times.append(time.perf_counter() - start)
        return len(scans) / statistics.median(times)

    import biip

    mix_rate = rate(inputs, parse)
    print(f"\nSpeed, one core, median of {SPEED_ROUNDS} rounds:")
    print(f"  mix ({len(canonical)} canonical + {len(without_gs)} without GS, "
          f"{asked} of those asked or refused): {mix_rate:,.0f} parses/s (aim: 50,000)")
    print(f"  canonical only: {rate(canonical, parse):,.0f} parses/s;"
          f" without GS only: {rate(without_gs, parse):,.0f} parses/s")
    print(f"  biip on the canonical ones: {rate(canonical[:2000], biip.parse):,.0f} parses/s")


if __name__ == "__main__":
    started = time.perf_counter()
    correct = compare()
    speed()
    print(f"\n{'OK' if correct else 'FAILED'}: ours reads every well-formed karekod, recovers "
          f"lost separators where one reading fits, refuses what ITS refuses "
          f"({time.perf_counter() - started:.0f} s)")
    sys.exit(0 if correct else 1)
