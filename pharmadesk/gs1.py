"""GS1 karekod parsing and GS1 check digits. Pure Python, no dependencies."""

from __future__ import annotations


def check_digit(digits: str) -> int:
    """GS1 mod-10 check digit for the given digits (without the check digit)."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        total += int(char) * (3 if position % 2 == 0 else 1)
    return (10 - total % 10) % 10


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
