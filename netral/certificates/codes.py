"""Verification codes: 75 random bits in Crockford's Base32, printed in four groups, the last character a check.

Numbers are sequential and their check character is public, so a number alone must reveal nobody;
the code printed on the certificate (and in its QR link) is what opens the record. Crockford's
alphabet leaves out I, L, O and U, and reading 0/O and 1/I/L as the same keeps a typed code forgiving;
the check character (Luhn mod 32) catches any single mistyped character and most swapped neighbours.
"""

from __future__ import annotations

import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RANDOM_CHARACTERS = 15  # 15 × 5 = 75 bits
_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_code() -> str:
    """A fresh code like 7QKM-2XRA-9PDF-HW4T."""
    body = "".join(secrets.choice(ALPHABET) for _ in range(RANDOM_CHARACTERS))
    return _grouped(body + check_character(body))


def normalise_code(raw: str) -> str:
    """Tidy what people type: spaces and dashes dropped, upper case, look-alike letters read as digits, regrouped."""
    compact = re.sub(r"[\s\-]", "", raw).upper().translate(_LOOKALIKES)
    return _grouped(compact) if len(compact) == RANDOM_CHARACTERS + 1 else compact


def is_well_formed(code: str) -> bool:
    """Tell whether a (normalised) code has the right shape and a matching check character."""
    compact = code.replace("-", "")
    if len(compact) != RANDOM_CHARACTERS + 1 or any(c not in ALPHABET for c in compact):
        return False
    return check_character(compact[:-1]) == compact[-1]


def check_character(body: str) -> str:
    """Luhn mod N over the Crockford alphabet."""
    factor, total = 2, 0
    for char in reversed(body):
        addend = factor * ALPHABET.index(char)
        total += addend // len(ALPHABET) + addend % len(ALPHABET)
        factor = 1 if factor == 2 else 2
    return ALPHABET[(len(ALPHABET) - total % len(ALPHABET)) % len(ALPHABET)]


def _grouped(compact: str) -> str:
    return "-".join(compact[i : i + 4] for i in range(0, len(compact), 4))
