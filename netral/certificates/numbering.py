"""Certificate numbers: readable, unique, with a check character that catches typos."""

from __future__ import annotations

import re
import string

PREFIX = "NTR"
_ALPHABET = string.digits + string.ascii_uppercase
_MODULUS = len(_ALPHABET)  # 36
_NUMBER = re.compile(rf"^{PREFIX}-(\d{{4}})-(\d{{7}})-([0-9A-Z])$")


def check_character(payload: str) -> str:
    """Compute the ISO 7064 MOD 37,36 check character of an alphanumeric payload."""
    product = _MODULUS
    for char in payload:
        total = (product + _ALPHABET.index(char)) % _MODULUS or _MODULUS
        product = (total * 2) % (_MODULUS + 1)
    return _ALPHABET[(_MODULUS + 1 - product) % _MODULUS]


def format_number(year: int, sequence: int) -> str:
    """Build a number like NTR-2024-0001234-K from the issue year and a sequence."""
    body = f"{PREFIX}{year:04d}{sequence:07d}"
    return f"{PREFIX}-{year:04d}-{sequence:07d}-{check_character(body)}"


def normalise_number(raw: str) -> str:
    """Tidy what people type: spaces removed, upper case, dashes restored if left out."""
    compact = re.sub(r"[\s\-]", "", raw).upper()
    match = re.fullmatch(rf"{PREFIX}(\d{{4}})(\d{{7}})([0-9A-Z])", compact)
    if match:
        return f"{PREFIX}-{match[1]}-{match[2]}-{match[3]}"
    return raw.strip().upper()


def is_well_formed(number: str) -> bool:
    """Tell whether a number has the right shape and a matching check character."""
    match = _NUMBER.match(number)
    if match is None:
        return False
    return check_character(f"{PREFIX}{match[1]}{match[2]}") == match[3]
