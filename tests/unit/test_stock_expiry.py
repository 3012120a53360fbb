"""Expiry buckets of the stock page and `pharmadesk stock`: a box is usable through its
expiry day, the windows count calendar days across month ends, and a karekod's day 00
means the month's last day."""

from __future__ import annotations

from datetime import date

import pytest

from pharmadesk.config import ConfigError, option
from pharmadesk.gs1 import parse
from pharmadesk.store.stock import EXPIRED, expiry_bucket

GS = "\x1d"


def day00(yymm: str) -> date:
    """The expiry of a karekod printed with day 00 (YYMM00)."""
    return parse(f"010869954609011221SN1{GS}17{yymm}00{GS}10LOT1").expiry


@pytest.mark.parametrize("expiry, today, bucket", [
    (date(2027, 1, 31), date(2027, 1, 31), "30"),  # its last day: still usable
    (date(2027, 1, 31), date(2027, 2, 1), EXPIRED),
    (date(2027, 3, 2), date(2027, 1, 31), "30"),  # Jan 31 + 30 days is Mar 2 (28-day February)
    (date(2027, 3, 3), date(2027, 1, 31), "60"),
    (date(2028, 3, 1), date(2028, 1, 31), "30"),  # a leap year: Jan 31 + 30 days is Mar 1
    (date(2028, 3, 2), date(2028, 1, 31), "60"),
    (date(2027, 4, 30), date(2027, 1, 31), "90"),  # + 89 days
    (date(2027, 5, 1), date(2027, 1, 31), "90"),  # + 90 days
    (date(2027, 5, 2), date(2027, 1, 31), None),
    (date(2027, 12, 31), date(2027, 12, 1), "30"),  # year end
])
def test_buckets_across_month_ends(expiry, today, bucket):
    assert expiry_bucket(expiry, today) == bucket


def test_a_day_00_expiry_runs_to_the_months_last_day():
    assert day00("2702") == date(2027, 2, 28)
    assert day00("2802") == date(2028, 2, 29)
    assert expiry_bucket(day00("2702"), date(2027, 2, 28)) == "30"
    assert expiry_bucket(day00("2702"), date(2027, 3, 1)) == EXPIRED
    assert expiry_bucket(day00("2704"), date(2027, 3, 31), (30,)) == "30"  # Apr 30 = Mar 31 + 30
    assert expiry_bucket(day00("2705"), date(2027, 3, 31), (30,)) is None


def test_the_windows_are_a_setting_checked_when_set():
    parse_windows = option("stock.expiry_windows").parse
    assert parse_windows("90, 30,60") == (30, 60, 90)
    assert expiry_bucket(date(2027, 1, 20), date(2027, 1, 1), parse_windows("14,45")) == "45"
    for bad in ("", "abc", "0", "30,-5", "1000"):
        with pytest.raises(ConfigError) as error:
            parse_windows(bad)
        assert "1 ile 730" in error.value.message_tr and "from 1 to 730" in error.value.message_en
