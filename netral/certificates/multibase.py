"""Multibase base58btc ("z" prefix), as did:key and Data Integrity proofs write keys and signatures."""

from __future__ import annotations

ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def base58btc(data: bytes) -> str:
    """Encode bytes as multibase base58btc: "z" then Bitcoin's base58."""
    number = int.from_bytes(data, "big")
    encoded = ""
    while number:
        number, remainder = divmod(number, 58)
        encoded = ALPHABET[remainder] + encoded
    zeros = len(data) - len(data.lstrip(b"\0"))
    return "z" + "1" * zeros + encoded


def unbase58btc(text: str) -> bytes:
    """Decode multibase base58btc; raise ValueError on anything else."""
    if not text.startswith("z") or any(c not in ALPHABET for c in text[1:]):
        raise ValueError("bukan multibase base58btc")
    body = text[1:]
    number = 0
    for char in body:
        number = number * 58 + ALPHABET.index(char)
    zeros = len(body) - len(body.lstrip("1"))
    return b"\0" * zeros + (number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b"")
